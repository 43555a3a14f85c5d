package oracle

import (
	"errors"
	"testing"

	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/edfi-dmsc/dmsc/runtime/validate"
)

// TestDecodeBodyRefusesRepairedText: bytes that are not UTF-8 and unpaired
// surrogate escapes, which the decoder would store as U+FFFD, are a 400
// data-validation problem at their JSON path; syntax errors still come
// first, and valid text (surrogate pairs included) decodes unchanged.
func TestDecodeBodyRefusesRepairedText(t *testing.T) {
	tests := []struct {
		body, path, msg string
	}{
		{"{\"nameOfInstitution\":\"\xff\xfe\"}", "$.nameOfInstitution", validate.InvalidUTF8Message},
		{"{\"addresses\":[{\"city\":\"a\"},{\"city\":\"b\xc3\x28\"}]}", "$.addresses[1].city", validate.InvalidUTF8Message},
		{`{"nameOfInstitution":"\ud800"}`, "$.nameOfInstitution", validate.UnpairedSurrogateMessage},
		{`{"nameOfInstitution":"\udc00x"}`, "$.nameOfInstitution", validate.UnpairedSurrogateMessage},
		{`{"nameOfInstitution":"\ud800\u0041"}`, "$.nameOfInstitution", validate.UnpairedSurrogateMessage},
		{"{\"x\xff\":1}", "$.x\uFFFD", validate.InvalidUTF8NameMessage},
		{`{"a":1,"a":2}`, "$.a", validate.DuplicatePropertyMessage},
		{"{\"a\":\"\xff\",", "$.", ""}, // malformed: the syntax error
	}
	for _, tt := range tests {
		_, err := decodeBody([]byte(tt.body))
		var p *problem.Details
		if !errors.As(err, &p) || p.Status != 400 || p.Type != problem.TypeDataValidationFailed {
			t.Errorf("%q: %v", tt.body, err)
			continue
		}
		msgs := p.ValidationErrors.Messages(tt.path)
		if len(p.ValidationErrors) != 1 || len(msgs) != 1 || (tt.msg != "" && msgs[0] != tt.msg) {
			t.Errorf("%q: validationErrors %+v, want %s: %q", tt.body, p.ValidationErrors, tt.path, tt.msg)
		}
	}
	doc, err := decodeBody([]byte(`{"a":"\ud83d\ude00 é 日本","b":"😀"}`))
	if err != nil || doc["a"] != "😀 é 日本" || doc["b"] != "😀" {
		t.Errorf("valid text: %v %v", doc, err)
	}
}
