package jsonw

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
)

func TestNestedDocument(t *testing.T) {
	var w Writer
	w.BeginArray()
	for i := range 2 {
		w.BeginObject()
		w.Key("id")
		w.UUID(uuid.MustParse("3F1E0B7A-5C2D-4E8F-9A6B-1C2D3E4F5A6B"))
		w.Key("n")
		w.Int(int64(i))
		w.Key("items")
		w.BeginArray()
		w.BeginObject()
		w.EndObject()
		w.String("x")
		w.BeginArray()
		w.EndArray()
		w.EndArray()
		w.Key("ok")
		w.Bool(i == 0)
		w.Key("none")
		w.Null()
		w.Key("raw")
		w.Raw([]byte(`{"a":1}`))
		w.EndObject()
	}
	w.EndArray()
	want := `[{"id":"3f1e0b7a-5c2d-4e8f-9a6b-1c2d3e4f5a6b","n":0,"items":[{},"x",[]],"ok":true,"none":null,"raw":{"a":1}},` +
		`{"id":"3f1e0b7a-5c2d-4e8f-9a6b-1c2d3e4f5a6b","n":1,"items":[{},"x",[]],"ok":false,"none":null,"raw":{"a":1}}]`
	if string(w.Bytes()) != want {
		t.Fatalf("got  %s\nwant %s", w.Bytes(), want)
	}
	w.Reset()
	w.Int(5)
	if string(w.Bytes()) != "5" {
		t.Fatalf("after Reset: %s", w.Bytes())
	}
}

func TestStringEscaping(t *testing.T) {
	for _, s := range []string{"plain", `q"b\`, "ctl\n\r\t\x01\x1f", "ünïcødé 🎉 <&>", "bad\xffutf8", ""} {
		var w Writer
		w.String(s)
		var back string
		if err := json.Unmarshal(w.Bytes(), &back); err != nil {
			t.Fatalf("%q encoded as invalid JSON %s: %v", s, w.Bytes(), err)
		}
		want := s
		if s == "bad\xffutf8" {
			want = "bad\uFFFDutf8"
		}
		if back != want {
			t.Errorf("%q round-tripped to %q via %s", s, back, w.Bytes())
		}
	}
	var w Writer
	w.String("<&>")
	if string(w.Bytes()) != `"<&>"` {
		t.Errorf("HTML characters must not be escaped: %s", w.Bytes())
	}
}

func TestScalars(t *testing.T) {
	ts := time.Date(2026, 3, 4, 23, 5, 6, 999_999_999, time.FixedZone("x", -2*3600))
	var w Writer
	w.BeginArray()
	w.Date(time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC))
	w.DateTime(ts)
	w.TimeOfDay((13*3600+7*60+9)*1_000_000 + 999_999)
	w.Decimal("1.50")
	w.EndArray()
	want := `["2026-03-04","2026-03-05T01:05:06Z","13:07:09",1.5]`
	if string(w.Bytes()) != want {
		t.Fatalf("got %s want %s", w.Bytes(), want)
	}
}

func TestCanonicalDecimal(t *testing.T) {
	for in, want := range map[string]string{
		"1.50": "1.5", "2.000": "2", "-0.0": "0", "0": "0", "0.000": "0", "-12.340": "-12.34",
		"100": "100", "0.05": "0.05", "-0.050": "-0.05", "00012.0": "12", "1e5": "1e5",
	} {
		if got := CanonicalDecimal(in); got != want {
			t.Errorf("CanonicalDecimal(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestOptionalObjects(t *testing.T) {
	var w Writer
	w.BeginObject()
	w.PlainKey("a")
	w.Int(1)
	empty := w.BeginOptionalObject("empty")
	inner := w.BeginOptionalObject("inner")
	w.EndOptionalObject(inner)
	w.EndOptionalObject(empty)
	full := w.BeginOptionalObject("full")
	gone := w.BeginOptionalObject("gone")
	w.EndOptionalObject(gone)
	w.PlainKey("b")
	w.Bool(true)
	w.EndOptionalObject(full)
	first := w.BeginOptionalObject("last")
	w.EndOptionalObject(first)
	w.EndObject()
	if got, want := string(w.Bytes()), `{"a":1,"full":{"b":true}}`; got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
	// An object begun first in its parent and rolled back leaves no comma.
	w.Reset()
	w.BeginArray()
	w.BeginObject()
	lead := w.BeginOptionalObject("lead")
	w.EndOptionalObject(lead)
	w.PlainKey("x")
	w.Int(2)
	w.EndObject()
	w.EndArray()
	want := `[{"x":2}]`
	if got := string(w.Bytes()); got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}

func TestHrefTimeTextAndPlainKeys(t *testing.T) {
	var w Writer
	w.BeginObject()
	w.PlainKey("href")
	w.Href("/ed-fi/schools/", uuid.MustParse("3F1E0B7A-5C2D-4E8F-9A6B-1C2D3E4F5A6B"))
	w.PlainKey("start")
	w.TimeText("08:15:00.000000")
	w.PlainKey("end")
	w.TimeText("09:00:00")
	w.EndObject()
	want := `{"href":"/ed-fi/schools/3f1e0b7a-5c2d-4e8f-9a6b-1c2d3e4f5a6b","start":"08:15:00","end":"09:00:00"}`
	if got := string(w.Bytes()); got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
	for name, plain := range map[string]bool{"schoolId": true, "_ext": true, "a b": true, `q"`: false, `b\`: false, "tab\t": false, "é": false} {
		if IsPlain(name) != plain {
			t.Errorf("IsPlain(%q) = %v", name, !plain)
		}
	}
}

// Strings are escaped the same whether a byte to escape falls in an
// eight-byte word read at once or in the tail read byte by byte (as
// encoding/json escapes them: it has the same rules for these bytes).
func TestStringEscapesEveryPosition(t *testing.T) {
	for _, special := range []string{`"`, `\`, "\n", "\x01", "\x1f", "é", "\xff", "€", "\x7f"} {
		for n := 0; n <= 20; n++ {
			for at := 0; at <= n; at++ {
				s := strings.Repeat("a", at) + special + strings.Repeat("~", n-at)
				var w Writer
				w.String(s)
				want, err := json.Marshal(s)
				if err != nil {
					t.Fatal(err)
				}
				if got := string(w.Bytes()); got != string(want) {
					t.Fatalf("String(%q) = %s, want %s", s, got, want)
				}
			}
		}
	}
}
