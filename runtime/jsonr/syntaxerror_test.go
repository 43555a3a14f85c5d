package jsonr

import (
	"encoding/json"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestSyntaxErrorInTheReferenceWords: the texts and positions of
// System.Text.Json's reader. The first two bodies and answers are the
// reference's E2E scenarios (CreateDescriptorsValidation.feature scenario
// 10, CreateResourcesValidation.feature scenario 27), the Gherkin doc
// strings with their margin removed.
func TestSyntaxErrorInTheReferenceWords(t *testing.T) {
	for _, tt := range []struct{ body, want string }{
		{"{\n    \"codeValue\": \"Sick Leave\",\n    \"namespace\": \"uri://ed-fi.org/AbsenceEventCategoryDescriptor\",\n" +
			"    \"shortDescription\": \"Sick Leave\",\n    \"effectiveBeginDate\": \"2024-07-22\",\n    \"effectiveEndDate\": \"2024-07-22\",\n  }",
			"The JSON object contains a trailing comma at the end which is not supported in this mode. Change the reader options. LineNumber: 6 | BytePositionInLine: 2."},
		{"{\n  \"weekIdentifier\": \"abcdef\",\n  \"schoolReference\": {\n  \"schoolId\": 255901001\n}\n  \"beginDate\": \"2024-04-04\",\n" +
			"  \"endDate\": \"2024-04-04\",\n  \"totalInstructionalDays\": 300\n}",
			`'"' is invalid after a value. Expected either ',', '}', or ']'. LineNumber: 5 | BytePositionInLine: 2.`},
		{`[1,]`, "The JSON array contains a trailing comma at the end which is not supported in this mode. Change the reader options. LineNumber: 0 | BytePositionInLine: 3."},
		{`{"a": 1`, "Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed. LineNumber: 0 | BytePositionInLine: 7."},
		{`{"a": 1}}`, "'}' is invalid after a single JSON value. Expected end of data. LineNumber: 0 | BytePositionInLine: 8."},
		{`{"a": 1]`, "']' is invalid without a matching open. LineNumber: 0 | BytePositionInLine: 7."},
		{`{a: 1}`, `'a' is an invalid start of a property name. Expected a '"'. LineNumber: 0 | BytePositionInLine: 1.`},
		{`{"a" 1}`, "'1' is invalid after a property name. Expected a ':'. LineNumber: 0 | BytePositionInLine: 5."},
		{`{"a": x}`, "'x' is an invalid start of a value. LineNumber: 0 | BytePositionInLine: 6."},
		{`{"a": trux}`, "'trux' is an invalid JSON literal. Expected the literal 'true'. LineNumber: 0 | BytePositionInLine: 9."},
		{`{"a": 01}`, "Invalid leading zero before '1'. LineNumber: 0 | BytePositionInLine: 7."},
		{`{"a": 1x}`, "'x' is an invalid end of a number. Expected a delimiter. LineNumber: 0 | BytePositionInLine: 7."},
		{`{"a": 1.}`, "'}' is invalid within a number, immediately after a decimal point ('.'). Expected a digit ('0'-'9'). LineNumber: 0 | BytePositionInLine: 8."},
		{`{"a": -x}`, "'x' is invalid within a number, immediately after a sign character ('+' or '-'). Expected a digit ('0'-'9'). LineNumber: 0 | BytePositionInLine: 7."},
		{"{\"a\": \"x\ty\"}", "'0x09' is invalid within a JSON string. The string should be correctly escaped. LineNumber: 0 | BytePositionInLine: 8."},
		{`{"a": "\x"}`, "'x' is an invalid escapable character within a JSON string. The string should be correctly escaped. LineNumber: 0 | BytePositionInLine: 8."},
		{`{"a": "abc`, "Expected end of string, but instead reached end of data. LineNumber: 0 | BytePositionInLine: 10."},
		{"{\r\n\"a\": 1,\r\n", "Expected start of a property name or value, but instead reached end of data. LineNumber: 2 | BytePositionInLine: 0."},
		{`{"a": 1}`, ""},
		{strings.Repeat("[", 64) + strings.Repeat("]", 64), ""},
		{strings.Repeat("[", 65) + strings.Repeat("]", 65), "The maximum configured depth of 64 has been exceeded. Cannot read next JSON array. LineNumber: 0 | BytePositionInLine: 64."},
		{`{"a":` + strings.Repeat(`{"b":`, 64) + "1" + strings.Repeat("}", 65), "The maximum configured depth of 64 has been exceeded. Cannot read next JSON object. LineNumber: 0 | BytePositionInLine: 320."},
	} {
		if got := SyntaxError([]byte(tt.body)); got != tt.want {
			t.Errorf("%q:\n got  %s\n want %s", tt.body, got, tt.want)
		}
		var d Doc
		if d.Parse([]byte(tt.body)) != (tt.want == "") {
			t.Errorf("%q: Parse and SyntaxError disagree", tt.body)
		}
	}
}

// TestSyntaxErrorAgreesWithParse: on bodies mutated byte by byte, Parse
// accepts exactly what SyntaxError finds no error in, and both agree with
// encoding/json on bodies within the depth limit.
func TestSyntaxErrorAgreesWithParse(t *testing.T) {
	seeds := []string{
		`{"a":[1,-2.5e+3,true,false,null,{"b":"c\n\u00e9"}],"d":{}}`,
		`{"schoolId":255901001,"gradeLevels":[{"gradeLevelDescriptor":"uri://ed-fi.org/GradeLevelDescriptor#Tenth Grade"}]}`,
		`[0,0.5,"\\\/\"",[],[[]]]`,
	}
	alphabet := []byte(`{}[]:,"\ -+.0123456789eEtrufalsn` + "\t\n\x01\xff")
	rng := rand.New(rand.NewPCG(1, 2))
	for _, seed := range seeds {
		for range 4000 {
			b := []byte(seed)
			for range 1 + rng.IntN(3) {
				i := rng.IntN(len(b) + 1)
				switch rng.IntN(3) {
				case 0:
					b = slices.Insert(b, i, alphabet[rng.IntN(len(alphabet))])
				case 1:
					if i < len(b) {
						b = slices.Delete(b, i, i+1)
					}
				default:
					if i < len(b) {
						b[i] = alphabet[rng.IntN(len(alphabet))]
					}
				}
			}
			var d Doc
			parsed, msg := d.Parse(b), SyntaxError(b)
			if parsed != (msg == "") {
				t.Fatalf("%q: Parse %v, SyntaxError %q", b, parsed, msg)
			}
			if utf8.Valid(b) && parsed != json.Valid(b) {
				t.Fatalf("%q: Parse %v, encoding/json %v", b, parsed, json.Valid(b))
			}
		}
	}
}
