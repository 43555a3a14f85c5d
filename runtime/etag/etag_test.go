package etag

import (
	"regexp"
	"testing"
	"time"
)

const hash = "A1B2C3D4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90"

func TestTagComposition(t *testing.T) {
	v := DefaultVariant(hash, true)
	if got, want := v.Tag(5), "5-a1b2c3d4.j._.l.i"; got != want {
		t.Fatalf("Tag = %q, want %q", got, want)
	}
	if got, want := Header(v.Tag(5)), `"5-a1b2c3d4.j._.l.i"`; got != want {
		t.Fatalf("Header = %q, want %q", got, want)
	}
	v.Links, v.ContentCoding, v.ProfileCode = false, CodingGzip, ProfileCode("Test-Profile")
	contract := regexp.MustCompile(`^\d+-[0-9a-f]{8}\.j\.(_|[0-9a-f]{8})\.[ln]\.[ibg]$`)
	if tag := v.Tag(123); !contract.MatchString(tag) {
		t.Fatalf("tag %q does not match the HTTP contract pattern", tag)
	}
}

func TestProfileCodeIsSHA256Prefix(t *testing.T) {
	// SHA-256("abc") = ba7816bf...
	if got := ProfileCode("abc"); got != "ba7816bf" {
		t.Fatalf("ProfileCode(abc) = %q", got)
	}
}

func TestLastModifiedTruncates(t *testing.T) {
	ts := time.Date(2026, 1, 2, 3, 4, 5, 999_000_000, time.FixedZone("x", 3600))
	if got, want := LastModified(ts), "2026-01-02T02:04:05Z"; got != want {
		t.Fatalf("LastModified = %q, want %q", got, want)
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want Condition
	}{
		{"", Condition{}},
		{"*", Condition{Present: true, Wildcard: true}},
		{`"*"`, Condition{Present: true, Tags: []EntityTag{{Opaque: "*"}}}},
		{`"5-a.j._.l.i"`, Condition{Present: true, Tags: []EntityTag{{Opaque: "5-a.j._.l.i"}}}},
		{`5-a.j._.l.i`, Condition{Present: true, Tags: []EntityTag{{Opaque: "5-a.j._.l.i"}}}},
		{`W/"1-x", "2-y" ,3-z`, Condition{Present: true, Tags: []EntityTag{{Weak: true, Opaque: "1-x"}, {Opaque: "2-y"}, {Opaque: "3-z"}}}},
	}
	for _, tt := range tests {
		got := Parse(tt.in)
		if got.Present != tt.want.Present || got.Wildcard != tt.want.Wildcard || len(got.Tags) != len(tt.want.Tags) {
			t.Errorf("Parse(%q) = %+v, want %+v", tt.in, got, tt.want)
			continue
		}
		for i := range got.Tags {
			if got.Tags[i] != tt.want.Tags[i] {
				t.Errorf("Parse(%q) tag %d = %+v, want %+v", tt.in, i, got.Tags[i], tt.want.Tags[i])
			}
		}
	}
}

// TestEvaluateOutcomeTable follows the precondition outcome table of
// update-tracking.md.
func TestEvaluateOutcomeTable(t *testing.T) {
	const epoch = "a1b2c3d4"
	tests := []struct {
		name        string
		ifMatch     string
		ifNoneMatch string
		exists      bool
		want        Outcome
	}{
		{"no preconditions", "", "", true, Proceed},
		{"if-match same state", `"7-a1b2c3d4.j._.l.i"`, "", true, Proceed},
		{"if-match unquoted", `7-a1b2c3d4.j._.l.i`, "", true, Proceed},
		{"if-match ignores profile/link/coding", `"7-a1b2c3d4.j.ba7816bf.n.g"`, "", true, Proceed},
		{"if-match other version", `"6-a1b2c3d4.j._.l.i"`, "", true, Mismatch},
		{"if-match other epoch", `"7-ffffffff.j._.l.i"`, "", true, Mismatch},
		{"if-match weak never matches", `W/"7-a1b2c3d4.j._.l.i"`, "", true, Mismatch},
		{"if-match list with a match", `"1-x", "7-a1b2c3d4.j._.l.i"`, "", true, Proceed},
		{"if-match garbage", `"nonsense"`, "", true, Mismatch},
		{"if-match quoted star is a tag", `"*"`, "", true, Mismatch},
		{"if-match wildcard exists", "*", "", true, Proceed},
		{"if-match wildcard missing", "*", "", false, TargetMissing},
		{"if-match specific missing", `"7-a1b2c3d4.j._.l.i"`, "", false, TargetMissing},
		{"if-none-match wildcard exists", "", "*", true, NoneMatchFailed},
		{"if-none-match wildcard missing", "", "*", false, Proceed},
		{"if-none-match same state weak", "", `W/"7-a1b2c3d4.j._.n.g"`, true, NoneMatchFailed},
		{"if-none-match other state", "", `"6-a1b2c3d4.j._.l.i"`, true, Proceed},
		{"if-match wins over if-none-match", `"7-a1b2c3d4.j._.l.i"`, "*", true, Proceed},
	}
	for _, tt := range tests {
		w := Write{IfMatch: Parse(tt.ifMatch), IfNoneMatch: Parse(tt.ifNoneMatch)}
		if got := w.Evaluate(tt.exists, 7, epoch); got != tt.want {
			t.Errorf("%s: got %d, want %d", tt.name, got, tt.want)
		}
	}
	if Proceed.Problem() != nil || Mismatch.Problem().Status != 412 || TargetMissing.Problem().Status != 412 || NoneMatchFailed.Problem().Status != 412 {
		t.Error("outcome problems are wrong")
	}
}

func TestNotModified(t *testing.T) {
	served := "7-a1b2c3d4.j._.l.i"
	if !NotModified(Parse(`W/"7-a1b2c3d4.j._.l.i"`), served) {
		t.Error("weak comparison over the full tag should match")
	}
	if NotModified(Parse(`"7-a1b2c3d4.j._.l.g"`), served) {
		t.Error("a different content coding is a different representation")
	}
	if !NotModified(Parse("*"), served) {
		t.Error("* matches an existing representation")
	}
	if NotModified(Parse(""), served) {
		t.Error("absent header never matches")
	}
}
