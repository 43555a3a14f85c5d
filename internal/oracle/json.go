package oracle

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/edfi-dmsc/dmsc/runtime/jsonr"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/edfi-dmsc/dmsc/runtime/validate"
)

// A decoded request body is a tree of map[string]any (objects), []any
// (arrays), string, json.Number, bool and nil. Numbers keep their JSON text
// so identities hash the value as written.

// decodeBody parses a write request body. It answers the reference's 400s
// for an empty body, malformed JSON, a repeated property name and a body
// that is not an object, and a 400 for text the decoder would otherwise
// repair silently (bytes that are not UTF-8, unpaired surrogate escapes):
// the raw bytes are checked before decoding, so the client's text is stored
// as sent or refused.
func decodeBody(body []byte) (map[string]any, error) {
	body = jsonr.WithoutBOM(body)
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, problem.BadRequest(problem.DetailRequestCouldNotBeProcessed, nil, "A non-empty request body is required.")
	}
	if issue, found := validate.CheckBody(body); found {
		var ve problem.ValidationErrors
		ve.Add(issue.Path, issue.Message)
		return nil, problem.DataValidation(ve)
	}
	// The grammar is the reference parser's (nesting limit included),
	// reported in its words.
	msg := jsonr.SyntaxError(body)
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	err := dec.Decode(&v)
	if err == nil {
		if _, trailing := dec.Token(); !errors.Is(trailing, io.EOF) {
			err = errors.New("unexpected data after the top-level value")
		}
	}
	if msg == "" && err != nil {
		msg = "The request body is not valid JSON: " + err.Error()
	}
	if msg != "" {
		var ve problem.ValidationErrors
		ve.Add("$.", msg)
		return nil, problem.DataValidation(ve)
	}
	obj, ok := v.(map[string]any)
	if !ok {
		var val validate.Validator
		val.Reset()
		val.WrongRootType(jsonType(v))
		return nil, problem.DataValidation(val.Errors)
	}
	return obj, nil
}

// jsonType names the JSON type of a decoded value as the reference's
// JSON-schema library does.
func jsonType(v any) string {
	switch x := v.(type) {
	case map[string]any:
		return validate.TypeObject
	case []any:
		return validate.TypeArray
	case string:
		return validate.TypeString
	case json.Number:
		return validate.NumberType(string(x))
	case bool:
		return validate.TypeBoolean
	}
	return validate.TypeNull
}

// hasIDProperty reports a top-level "id" property in any case, which a
// POST may not carry.
func hasIDProperty(doc map[string]any) bool {
	for k := range doc {
		if strings.EqualFold(k, "id") {
			return true
		}
	}
	return false
}

// valueAt follows steps from v; "[*]" is not allowed here (callers expand
// arrays themselves). It returns nil when a step is missing.
func valueAt(v any, steps []string) any {
	for _, s := range steps {
		obj, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = obj[s]
	}
	return v
}

// located is a value found at a concrete JSON path.
type located struct {
	path  string
	value any
}

// collect appends every value at steps below v (whose concrete path is
// at), expanding "[*]" over array items; missing values are skipped.
func collect(out []located, v any, at string, steps []string) []located {
	for i, s := range steps {
		if s == "[*]" {
			arr, _ := v.([]any)
			for j, item := range arr {
				out = collect(out, item, at+"["+strconv.Itoa(j)+"]", steps[i+1:])
			}
			return out
		}
		obj, ok := v.(map[string]any)
		if !ok {
			return out
		}
		v, ok = obj[s]
		if !ok || v == nil {
			return out
		}
		at += "." + s
	}
	return append(out, located{at, v})
}
