package validate

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestCheckBodyDuplicateProperty(t *testing.T) {
	tests := []struct {
		body, want string
		found      bool
	}{
		{`{"a":1,"b":2}`, "", false},
		{`{"a":1,"a":2}`, "$.a", true},
		{`{"schoolId":1,"addresses":[{"city":"x"},{"city":"y","city":"z"}]}`, "$.addresses[1].city", true},
		{`{"a":{"b":[1,[2,{"c":1,"d":{},"c":2}]]}}`, "$.a.b[1][1].c", true},
		{`{"a":{"x":1},"b":{"x":1}}`, "", false},                 // same name in different objects
		{`{"a\u0062":1,"ab":2}`, "$.ab", true},                   // compared after unescaping
		{`{"\ud83d\ude00":1,"😀":2}`, "$.😀", true},                // a pair unescapes to its character
		{`{"first":{"a":1,"a":2},"first":3}`, "$.first.a", true}, // document order
		{` { "a" : [ ] , "b" : { } , "a" : null } `, "$.a", true},
		{`{"a":"x\"y","b":"}","a":1}`, "$.a", true},
		{`{"a":1,"b"`, "", false}, // malformed
		{`{"a":1,"a"`, "", false}, // syntax errors are reported first, by the decoder
		{`{"a":1,"a":2}x`, "", false},
		{`{"a":1,"a":tru}`, "", false},
		{`[`, "", false},
		{``, "", false},
	}
	for _, tt := range tests {
		issue, found := CheckBody([]byte(tt.body))
		if issue.Path != tt.want || found != tt.found || (found && issue.Message != DuplicatePropertyMessage) {
			t.Errorf("%s: got %+v, %v; want %q, %v", tt.body, issue, found, tt.want, tt.found)
		}
	}
}

// TestCheckBodyText: bytes that are not UTF-8 and unpaired surrogate
// escapes, which a decoder silently turns into U+FFFD, are reported at
// their path; valid text, pairs and NUL escapes are not.
func TestCheckBodyText(t *testing.T) {
	tests := []struct {
		body      string
		path, msg string
	}{
		{"{\"nameOfInstitution\":\"a\xff\xfeb\"}", "$.nameOfInstitution", InvalidUTF8Message},
		{"{\"a\":1,\"addresses\":[{\"city\":\"x\"},{\"city\":\"\xc3\x28\"}]}", "$.addresses[1].city", InvalidUTF8Message},
		{"{\"a\":\"\xed\xa0\x80\"}", "$.a", InvalidUTF8Message},      // an encoded surrogate
		{"{\"a\":\"\xf4\x90\x80\x80\"}", "$.a", InvalidUTF8Message},  // beyond U+10FFFF
		{"{\"a\":\"\xc0\xaf\"}", "$.a", InvalidUTF8Message},          // overlong
		{"{\"a\":\"x\xe2\x82\"}", "$.a", InvalidUTF8Message},         // truncated at the quote
		{"{\"a\":\"\\u00e9\xff\"}", "$.a", InvalidUTF8Message},       // after an escape
		{"{\"na\xffme\":1}", "$.na\uFFFDme", InvalidUTF8NameMessage}, // in a property name
		{`{"a":"\ud800"}`, "$.a", UnpairedSurrogateMessage},
		{`{"a":"\udc00x"}`, "$.a", UnpairedSurrogateMessage},
		{`{"a":"\ud800\u0041"}`, "$.a", UnpairedSurrogateMessage}, // high then not a low
		{`{"a":"\ud800\ud800\udc00"}`, "$.a", UnpairedSurrogateMessage},
		{`{"a":"x\uDBFF"}`, "$.a", UnpairedSurrogateMessage},
		{`{"a":["ok","\uDFFF"]}`, "$.a[1]", UnpairedSurrogateMessage},
		{`{"a\ud800":1}`, "$.a\uFFFD", UnpairedSurrogateNameMessage},
		{"{\"a\":\"\\ud800\",\"b\":\"\xff\"}", "$.a", UnpairedSurrogateMessage}, // the first in document order
		{"{\"a\":1,\"a\":\"\xff\"}", "$.a", DuplicatePropertyMessage},
		{"\"\xff\"", "$", InvalidUTF8Message},
		// Fine: valid text of every width, pairs, every simple escape, NUL
		// (left to the schema stage).
		{`{"a":"héllo wörld 日本 😀","b":"\ud83d\ude00 \uD83D\uDE00","c":"\u0000\"\\\/\b\f\n\r\t\u00e9"}`, "", ""},
	}
	for _, tt := range tests {
		issue, found := CheckBody([]byte(tt.body))
		if issue.Path != tt.path || issue.Message != tt.msg || found != (tt.msg != "") {
			t.Errorf("%q: got %+v, %v; want %q %q", tt.body, issue, found, tt.path, tt.msg)
		}
	}
}

// TestCheckBodyGrammar: CheckBody's notion of well-formed JSON is the
// decoder's, so that a malformed body is always left to the decoder's
// syntax error.
func TestCheckBodyGrammar(t *testing.T) {
	bodies := []string{
		`{}`, `[]`, `"x"`, `0`, `-0`, `1.5e+10`, `-12.5E-3`, `true`, `false`, `null`, ` [1, "a", {"b": [null]}] `,
		`{"a":1,}`, `[1,]`, `01`, `1.`, `.5`, `-`, `1e`, `+1`, `tru`, `nul`, `{"a" 1}`, `{1:2}`, `["a\x"]`, `["\u12"]`,
		"[\"a\tb\"]", `{"a":1}}`, `[1 2]`, `"`, `{"a":"\u00zz"}`, `NaN`, `[1]x`,
	}
	for _, b := range bodies {
		s := bodyScanner{data: []byte(b)}
		s.path.Reset()
		s.skipSpace()
		ok := s.value(0)
		s.skipSpace()
		ok = ok && s.pos == len(s.data)
		if want := json.Valid([]byte(b)); ok != want {
			t.Errorf("%s: scanner says well-formed %v, encoding/json %v", b, ok, want)
		}
	}
}

func TestCheckBodyLargeObjectAndDepth(t *testing.T) {
	var b strings.Builder
	b.WriteString("{")
	for i := 0; i < 5000; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`"p` + Ordinal(i) + `":1`)
	}
	b.WriteString(`,"p4999th":2}`)
	if issue, found := CheckBody([]byte(b.String())); !found || issue.Path != "$.p4999th" {
		t.Fatalf("large object: got %+v, %v", issue, found)
	}
	// Deeper than the reference's parser reads is malformed, even with a
	// duplicate property before the deep part.
	for _, deep := range []string{
		strings.Repeat("[", 100000) + strings.Repeat("]", 100000),
		`{"a":1,"a":` + strings.Repeat("[", maxScanDepth) + strings.Repeat("]", maxScanDepth) + "}",
	} {
		if issue, found := CheckBody([]byte(deep)); found {
			t.Fatalf("too deep: got %+v", issue)
		}
	}
	ok := `{"a":1,"a":` + strings.Repeat("[", maxScanDepth-1) + strings.Repeat("]", maxScanDepth-1) + "}"
	if issue, found := CheckBody([]byte(ok)); !found || issue.Path != "$.a" {
		t.Fatalf("%d levels: got %+v, %v", maxScanDepth, issue, found)
	}
}

// studentBody is a typical write body: short names, ASCII values, a few
// nested collections and one non-ASCII value.
var studentBody = []byte(`{"studentUniqueId":"604822","birthDate":"2010-01-13","firstName":"Anñe","lastSurname":"Lee",` +
	`"addresses":[{"addressTypeDescriptor":"uri://ed-fi.org/AddressTypeDescriptor#Home","city":"Austin","postalCode":"78701",` +
	`"stateAbbreviationDescriptor":"uri://ed-fi.org/StateAbbreviationDescriptor#TX","streetNumberName":"1 Main St",` +
	`"periods":[{"beginDate":"2020-01-01"}]}],"identificationDocuments":[],"_ext":{"sample":{"pets":[{"petName":"Rex","isFixed":true}]}}}`)

func BenchmarkCheckBodyStudentBody(b *testing.B) {
	b.SetBytes(int64(len(studentBody)))
	b.ReportAllocs()
	for b.Loop() {
		if issue, found := CheckBody(studentBody); found {
			b.Fatal(issue)
		}
	}
}
