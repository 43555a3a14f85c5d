package validate

import "testing"

func TestPatternFor(t *testing.T) {
	for text, want := range map[string]Pattern{
		`^(?!\s).*(?<!\s)$`: NoOuterWhitespace,
		`^(?!\s)(.*\S)$`:    NonEmptyNoOuterWhitespace,
		`^(?!\s*$).+`:       NotBlank,
	} {
		got, ok := PatternFor(text)
		if !ok || got != want {
			t.Errorf("PatternFor(%q) = %v, %v; want %v", text, got, ok, want)
		}
	}
	if _, ok := PatternFor(`^[a-z]+$`); ok {
		t.Error("an unknown pattern must not be recognized")
	}
	if NotBlank.String() != "NotBlank" || NoPattern.String() != "NoPattern" {
		t.Error("Pattern.String must give the Go identifier")
	}
}

// The expectations are what .NET's Regex gives for the three MetaEd
// patterns (\s = Unicode White_Space, '.' excludes '\n', '$' also matches
// before a final '\n').
func TestPatternMatches(t *testing.T) {
	tests := []struct {
		s                        string
		noOuter, nonEmpty, blank bool
	}{
		{"", true, false, false},
		{"a", true, true, true},
		{"school name", true, true, true},
		{" a", false, false, true},
		{"a ", false, false, true},
		{"   ", false, false, false},
		{"\t", false, false, false},
		{"a\n", true, true, true},      // "$" matches before the final newline
		{"a\nb", false, false, true},   // ".*" cannot cross a newline; NotBlank needs only ".+" at the start
		{"\nabc", false, false, false}, // ".+" cannot start on a newline
		{"a \n", false, false, true},
		{"\u00a0a", false, false, true}, // NBSP is whitespace
		{"a\u3000", false, false, true}, // ideographic space is whitespace
		{"école", true, true, true},
	}
	for _, tt := range tests {
		if got := NoOuterWhitespace.Matches(tt.s); got != tt.noOuter {
			t.Errorf("NoOuterWhitespace(%q) = %v", tt.s, got)
		}
		if got := NonEmptyNoOuterWhitespace.Matches(tt.s); got != tt.nonEmpty {
			t.Errorf("NonEmptyNoOuterWhitespace(%q) = %v", tt.s, got)
		}
		if got := NotBlank.Matches(tt.s); got != tt.blank {
			t.Errorf("NotBlank(%q) = %v", tt.s, got)
		}
		if !NoPattern.Matches(tt.s) {
			t.Errorf("NoPattern(%q) must match", tt.s)
		}
	}
}

func TestLength(t *testing.T) {
	for s, want := range map[string]int{"": 0, "abc": 3, "école": 5, "学校": 2, "🏫": 1} {
		if got := Length(s); got != want {
			t.Errorf("Length(%q) = %d, want %d", s, got, want)
		}
	}
}

func TestTrimDescriptorTextAndNUL(t *testing.T) {
	if got := TrimDescriptorText("  Sick Leave \t"); got != "Sick Leave" {
		t.Errorf("TrimDescriptorText = %q", got)
	}
	if !ContainsNUL("a\x00b") || ContainsNUL("ab") {
		t.Error("ContainsNUL is wrong")
	}
}
