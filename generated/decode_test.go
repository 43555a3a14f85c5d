package generated_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/compiler/effschema"
	"github.com/edfi-dmsc/dmsc/compiler/fake"
	"github.com/edfi-dmsc/dmsc/compiler/gogen"
	defaultschema "github.com/edfi-dmsc/dmsc/generated/default"
	"github.com/edfi-dmsc/dmsc/internal/difftest"
	"github.com/edfi-dmsc/dmsc/internal/oracle"
	"github.com/edfi-dmsc/dmsc/runtime/engine"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/edfi-dmsc/dmsc/runtime/server"
	"github.com/google/uuid"
)

// TestGeneratedDecodeVerdicts: the generated decode of every resource of
// the bundled schema answers what the interpreter (internal/oracle)
// answers — acceptance, or the same problem details — for fake documents
// and for mutations of every member of them: absent, null, values of every
// JSON type, coercible strings and numbers, non-canonical numbers, bad
// formats, over-long and padded text, duplicate and empty array items,
// unknown members, "id" members, and malformed bodies; as POST and PUT,
// under the default guardrails and tight ones.
func TestGeneratedDecodeVerdicts(t *testing.T) {
	set, _, err := effschema.LoadFiles(schemaFiles(t)...)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := fake.Generate(set, fake.Options{Count: 1, Seed: 11}, &buf); err != nil {
		t.Fatal(err)
	}
	// The oracle interprets the compiler's plans: the compiled-in ones
	// leave out the body schema and the column sources it walks.
	plans, err := gogen.Plans(schemaFiles(t)...)
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]int{}
	for i, r := range defaultschema.Schema.Resources {
		byName[r.ProjectEndpoint+"/"+r.Endpoint] = i
	}
	putID := uuid.MustParse("3f8a3b52-7d1c-4d9e-9a61-0c2f4e5b6a70")
	limits := []server.WriteLimits{{}, {MaxCollectionItems: 1, MaxDocumentItems: 2}}
	cases, failures := 0, 0
	sc := bufio.NewScanner(&buf)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var line struct {
			Project, Resource string
			Body              json.RawMessage
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatal(err)
		}
		i, ok := byName[line.Project+"/"+line.Resource]
		if !ok {
			t.Fatalf("no resource %s/%s", line.Project, line.Resource)
		}
		res, codec := plans.Resources[i], defaultschema.Codecs[i]
		for _, body := range mutations(t, line.Body) {
			for _, id := range []uuid.UUID{uuid.Nil, putID} {
				if id != uuid.Nil {
					body = withPutID(body, id)
				}
				for _, l := range limits {
					cases++
					_, gerr := engine.CheckWrite(context.Background(), codec.Write, engine.WriteInput{ID: id, Limits: l}, body)
					werr := oracle.Prepare(context.Background(), res, id, body, l)
					got, want := verdict(gerr), verdict(werr)
					if got != want && !difftest.ColumnRange(problemStatus(gerr), got, problemStatus(werr), want) {
						failures++
						if failures <= 20 {
							t.Errorf("%s (id %v, limits %+v) body %s:\n generated: %s\n oracle:    %s", res.Label(), id, l, body, got, want)
						}
					}
				}
			}
		}
	}
	t.Logf("%d cases, %d differ", cases, failures)
}

// withPutID is body as a PUT of id sends it: an object without an "id"
// member (in any case) gets one naming id, so that the PUT is checked like
// the POST; other bodies are left as they are.
func withPutID(body []byte, id uuid.UUID) []byte {
	var members map[string]json.RawMessage
	if json.Unmarshal(body, &members) != nil {
		return body
	}
	for k := range members {
		if strings.EqualFold(k, "id") {
			return body
		}
	}
	sep := ","
	if len(members) == 0 {
		sep = ""
	}
	open := bytes.IndexByte(body, '{')
	return slices.Concat(body[:open+1], []byte(`"id":"`+id.String()+`"`+sep), body[open+1:])
}

// verdict renders a write check's outcome.
func verdict(err error) string {
	if err == nil {
		return "accepted"
	}
	var p *problem.Details
	if errors.As(err, &p) {
		return string(p.JSON())
	}
	return "error: " + err.Error()
}

// problemStatus is the status a server answers a refusal with (0: none).
func problemStatus(err error) int {
	var p *problem.Details
	switch {
	case err == nil:
		return 0
	case errors.As(err, &p):
		return p.Status
	}
	return http.StatusInternalServerError
}

// mutations returns body and its variants.
func mutations(t *testing.T, body []byte) [][]byte {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	out := [][]byte{body,
		nil, []byte("  "), []byte("{"), []byte("[]"), []byte("12"), []byte("1.5"), []byte("null"), []byte(`"x"`),
		[]byte(`{"a":1} x`), []byte(`{"a":1}{}`), []byte(`{"a":1,"a":2}`), []byte("{\"a\":\"\xff\"}"), []byte(`{"a":"\ud800"}`),
	}
	add := func(v any) {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
	for _, id := range []any{"3f8a3b52-7d1c-4d9e-9a61-0c2f4e5b6a70", "x", nil, json.Number("1")} {
		for _, key := range []string{"id", "ID"} {
			c := clone(doc).(map[string]any)
			c[key] = id
			add(c)
		}
	}
	var walk func(path []any)
	walk = func(path []any) {
		v := at(doc, path)
		switch x := v.(type) {
		case map[string]any:
			add(with(doc, append(path, "unknownMember"), json.Number("1")))
			for _, k := range slices.Sorted(maps.Keys(x)) {
				p := append(slices.Clip(path), k)
				add(without(doc, p))
				for _, r := range replacements {
					add(with(doc, p, r))
				}
				walk(p)
			}
		case []any:
			if len(x) > 0 {
				add(with(doc, path, append(slices.Clip(x), clone(x[0]))))
				add(with(doc, path, []any{x[0], nil}))
				add(with(doc, path, []any{map[string]any{}}))
				add(with(doc, path, []any{}))
			}
			for i := range x {
				walk(append(slices.Clip(path), i))
			}
		}
	}
	walk(nil)
	return out
}

// replacements are the values every member is replaced with.
var replacements = []any{
	nil, "", " x ", "x", "true", "TRUE", "0", "1", " 2 ", "1.0", "1.50", "-3", "1,000.5", "1e2",
	json.Number("0"), json.Number("1"), json.Number("1.0"), json.Number("1e2"), json.Number("-0"), json.Number("1.5"),
	json.Number("123.456"), json.Number("99999999999999999999"), json.Number("-99999999999999999999"), json.Number("2147483648"),
	true, false, map[string]any{}, []any{}, []any{map[string]any{}}, []any{"x"},
	"2024/08/01", "08/01/2024", "2024-02-30", "2024-08-01T10:00:00", "2024-08-01T10:00:00Z", "10:00", "10:00:00", "25:00:00",
	strings.Repeat("y", 300), "a\u0000b", "uri://ed-fi.org/GradeLevelDescriptor#Ninth grade",
}

func at(v any, path []any) any {
	for _, s := range path {
		switch k := s.(type) {
		case string:
			v = v.(map[string]any)[k]
		case int:
			v = v.([]any)[k]
		}
	}
	return v
}

func clone(v any) any {
	switch x := v.(type) {
	case map[string]any:
		c := make(map[string]any, len(x))
		for k, e := range x {
			c[k] = clone(e)
		}
		return c
	case []any:
		c := make([]any, len(x))
		for i, e := range x {
			c[i] = clone(e)
		}
		return c
	}
	return v
}

// with is a copy of doc with the value at path set to v.
func with(doc map[string]any, path []any, v any) any {
	c := clone(doc)
	parent := at(c, path[:len(path)-1])
	switch k := path[len(path)-1].(type) {
	case string:
		parent.(map[string]any)[k] = v
	case int:
		parent.([]any)[k] = v
	default:
		panic(fmt.Sprint(k))
	}
	return c
}

// without is a copy of doc without the member at path.
func without(doc map[string]any, path []any) any {
	c := clone(doc)
	delete(at(c, path[:len(path)-1]).(map[string]any), path[len(path)-1].(string))
	return c
}
