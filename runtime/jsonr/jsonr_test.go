package jsonr

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// tree rebuilds the value at v as encoding/json (UseNumber) would decode it.
func tree(d *Doc, v Value) any {
	switch d.Kind(v) {
	case Null:
		return nil
	case True:
		return true
	case False:
		return false
	case Number:
		return json.Number(d.Text(v))
	case String:
		return d.Str(v)
	case Object:
		m := map[string]any{}
		for it := d.Members(v); it.Next(); {
			m[it.Key()] = tree(d, it.Value())
		}
		return m
	}
	a := []any{}
	for it := d.Items(v); it.Next(); {
		a = append(a, tree(d, it.Value()))
	}
	return a
}

var corpus = []string{
	`{}`, `[]`, ` {"a": 1} `, `{"a":[1,2,{"b":null}],"c":"x\"y\\z\/\b\f\n\r\t\u00e9\ud83d\ude00"}`,
	`"s"`, `-0`, `1.5e-3`, `true`, `false`, `null`, `[[],[[]],{}]`, `{"\u0041":"k"}`,
	`{"a":1,}`, `{"a" 1}`, `[1,]`, `{"a":01}`, `{"a":1.}`, `{"a":.5}`, `{"a":1e}`, `{"a":-}`,
	`{"a":"\x"}`, "{\"a\":\"\x01\"}", `{"a":"\u12"}`, `{} {}`, `{} x`, ``, `   `, `{`, `[`, `"abc`,
	`{"a":tru}`, `{"a":nul}`, `{1:2}`, `{"a":[1 2]}`, `+1`, `{"a":"\ud800"}`, `{"a":"\ud800\u0041"}`,
}

// TestParseMatchesEncodingJSON: Parse accepts exactly what encoding/json
// accepts, and the tape holds the values encoding/json decodes.
func TestParseMatchesEncodingJSON(t *testing.T) {
	for _, body := range corpus {
		check(t, body)
	}
}

func check(t *testing.T, body string) {
	t.Helper()
	var d Doc
	ok := d.Parse([]byte(body))
	if valid := json.Valid([]byte(body)); ok != valid {
		t.Fatalf("%q: Parse = %v, json.Valid = %v", body, ok, valid)
	}
	if !ok || !utf8.ValidString(body) {
		// encoding/json repairs bad UTF-8; validate.CheckBody refuses it
		// before Parse runs.
		return
	}
	dec := json.NewDecoder(strings.NewReader(body))
	dec.UseNumber()
	var want any
	if err := dec.Decode(&want); err != nil {
		t.Fatal(err)
	}
	if got := tree(&d, 0); !reflect.DeepEqual(got, want) {
		t.Errorf("%q: tape %#v, encoding/json %#v", body, got, want)
	}
}

// TestArrayItems counts every array's items, however deep.
func TestArrayItems(t *testing.T) {
	var d Doc
	if !d.Parse([]byte(`{"a":[1,2,3],"x":{"b":[[1],[]]}}`)) {
		t.Fatal("not parsed")
	}
	if total, longest := d.ArrayItems(); total != 6 || longest != 3 {
		t.Errorf("ArrayItems = %d, %d; want 6, 3", total, longest)
	}
}

func FuzzParse(f *testing.F) {
	for _, body := range corpus {
		f.Add(body)
	}
	f.Fuzz(func(t *testing.T, body string) {
		check(t, body)
	})
}
