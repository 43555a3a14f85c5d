package gogen_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/compiler/gogen"
)

// TestOneMemberSchemaChangeOnlyAddsLines adds an optional member to a
// bundled resource everywhere MetaEd would put it and regenerates: the
// generated Go must only gain lines, apart from the lines that carry the
// effective schema hash. A list written on one line (a var list), or SQL
// whose previous last item gains a separator, shows up here as a removed
// line.
func TestOneMemberSchemaChangeOnlyAddsLines(t *testing.T) {
	files := bundledSchemaFiles(t)
	changed := filepath.Join(t.TempDir(), filepath.Base(files[0]))
	writeWithRoomLabel(t, files[0], changed)

	opts := gogen.Options{Package: "defaultschema", ImportPath: "example.com/gen/default"}
	before, err := gogen.Plans(files...)
	if err != nil {
		t.Fatal(err)
	}
	after, err := gogen.Plans(append([]string{changed}, files[1:]...)...)
	if err != nil {
		t.Fatal(err)
	}
	if before.EffectiveSchemaHash == after.EffectiveSchemaHash {
		t.Fatal("the added member did not change the effective schema hash")
	}
	old, err := gogen.Generate(before, opts)
	if err != nil {
		t.Fatal(err)
	}
	regenerated, err := gogen.Generate(after, opts)
	if err != nil {
		t.Fatal(err)
	}
	for name, src := range old {
		if !strings.HasSuffix(name, ".go") {
			continue
		}
		for _, line := range removedLines(src, regenerated[name]) {
			if !strings.Contains(line, before.EffectiveSchemaHash) {
				t.Errorf("%s: line removed by adding roomLabel: %q", name, line)
			}
		}
	}
	// The change reached the resource file: its type, decode, flatten,
	// hydration, query and SQL.
	classPeriods := string(regenerated["edfi_classperiods.go"])
	for _, want := range []string{"\tRoomLabel opt.Value[string]\n", "\tvar roomLabel jsonr.Value\n", `    , "RoomLabel"` + "\n", `{Name: "roomLabel", Type: "string"`} {
		if !strings.Contains(classPeriods, want) {
			t.Errorf("regenerated edfi_classperiods.go lacks %q", want)
		}
	}
}

// writeWithRoomLabel copies the core ApiSchema at src to dst with an
// optional string member roomLabel added to ClassPeriod: its insert
// schema, document path, query field, OpenAPI schema and GET parameter.
func writeWithRoomLabel(t *testing.T, src, dst string) {
	t.Helper()
	raw, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	object := func(v any, keys ...string) map[string]any {
		for _, k := range keys {
			m, ok := v.(map[string]any)
			if !ok {
				t.Fatalf("%s: not an object on the way to %s", src, strings.Join(keys, "."))
			}
			v = m[k]
		}
		m, ok := v.(map[string]any)
		if !ok {
			t.Fatalf("%s: %s is not an object", src, strings.Join(keys, "."))
		}
		return m
	}
	const description = "A label for the room in which the class period usually meets."
	r := object(doc, "projectSchema", "resourceSchemas", "classPeriods")
	object(r, "jsonSchemaForInsert", "properties")["roomLabel"] = map[string]any{"description": description, "maxLength": 20, "type": "string"}
	object(r, "documentPathsMapping")["RoomLabel"] = map[string]any{"isPartOfIdentity": false, "isReference": false, "isRequired": false, "path": "$.roomLabel", "type": "string"}
	object(r, "queryFieldMapping")["roomLabel"] = []any{map[string]any{"path": "$.roomLabel", "type": "string"}}
	fragments := object(r, "openApiFragments", "resources")
	object(fragments, "components", "schemas", "EdFi_ClassPeriod", "properties")["roomLabel"] = map[string]any{"description": description, "maxLength": 20, "type": "string"}
	get := object(fragments, "paths", "/ed-fi/classPeriods", "get")
	params, ok := get["parameters"].([]any)
	if !ok {
		t.Fatalf("%s: classPeriods GET has no parameter list", src)
	}
	get["parameters"] = append(params, map[string]any{"description": description, "in": "query", "name": "roomLabel", "schema": map[string]any{"maxLength": 20, "type": "string"}})
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, out, 0o644); err != nil {
		t.Fatal(err)
	}
}

// removedLines returns the lines of before that after has fewer of (a
// changed line counts as removed; where lines moved is not looked at).
func removedLines(before, after []byte) []string {
	left := map[string]int{}
	for _, line := range strings.Split(string(after), "\n") {
		left[line]++
	}
	var removed []string
	for _, line := range strings.Split(string(before), "\n") {
		if left[line] == 0 {
			removed = append(removed, line)
			continue
		}
		left[line]--
	}
	return removed
}
