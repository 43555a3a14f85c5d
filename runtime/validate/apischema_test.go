package validate

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/edfi-dmsc/dmsc/internal/refdata"
)

// keywordsCovered are the jsonSchemaForInsert keywords this package and the
// generated code implement (or, for annotations, deliberately ignore).
var keywordsCovered = map[string]bool{
	"$schema": true, "title": true, "description": true, // annotations
	"type": true, "properties": true, "additionalProperties": true, "required": true,
	"items": true, "minItems": true, "uniqueItems": true,
	"maxLength": true, "minLength": true, "pattern": true, "format": true,
	"minimum": true, "maximum": true,
}

// formatsCovered are the format values; int32 and int64 are not validated
// by the reference's JSON-schema library (unknown formats pass).
var formatsCovered = map[string]bool{FormatDate: true, FormatTime: true, FormatDateTime: true, "int32": true, "int64": true}

// TestApiSchemaKeywordsAreCovered walks every jsonSchemaForInsert of the
// bundled reference ApiSchema files and fails on a keyword, pattern, format
// or type this package has no primitive for, so a new MetaEd output cannot
// silently lose a check in generated code.
func TestApiSchemaKeywordsAreCovered(t *testing.T) {
	dir := refdata.Dir(t, "apischema")
	files, err := filepath.Glob(filepath.Join(dir, "*", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no ApiSchema files under %s: %v", dir, err)
	}
	schemas := 0
	for _, f := range files {
		for name, schema := range jsonSchemasForInsert(t, f) {
			schemas++
			checkSchemaNode(t, f+": "+name, schema)
		}
	}
	if schemas < 265 {
		t.Fatalf("walked only %d resource schemas", schemas)
	}
	t.Logf("checked %d jsonSchemaForInsert documents in %d files", schemas, len(files))
}

func jsonSchemasForInsert(t *testing.T, file string) map[string]any {
	t.Helper()
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		ProjectSchema  *projectSchema           `json:"projectSchema"`
		ProjectSchemas map[string]projectSchema `json:"projectSchemas"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	projects := doc.ProjectSchemas
	if doc.ProjectSchema != nil {
		projects = map[string]projectSchema{"": *doc.ProjectSchema}
	}
	out := map[string]any{}
	for pname, p := range projects {
		for rname, r := range p.ResourceSchemas {
			if r.JSONSchemaForInsert != nil {
				out[pname+"/"+rname] = r.JSONSchemaForInsert
			}
		}
	}
	return out
}

type projectSchema struct {
	ResourceSchemas map[string]struct {
		JSONSchemaForInsert any `json:"jsonSchemaForInsert"`
	} `json:"resourceSchemas"`
}

func checkSchemaNode(t *testing.T, where string, node any) {
	t.Helper()
	obj, ok := node.(map[string]any)
	if !ok {
		t.Errorf("%s: schema node is %T", where, node)
		return
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := obj[k]
		if !keywordsCovered[k] {
			t.Errorf("%s: keyword %q has no primitive", where, k)
		}
		switch k {
		case "pattern":
			if _, ok := PatternFor(v.(string)); !ok {
				t.Errorf("%s: pattern %q has no Pattern", where, v)
			}
		case "format":
			if !formatsCovered[v.(string)] {
				t.Errorf("%s: format %q has no check", where, v)
			}
		case "type":
			switch v {
			case TypeObject, TypeArray, TypeString, TypeNumber, TypeInteger, TypeBoolean:
			default:
				t.Errorf("%s: type %v", where, v)
			}
		case "uniqueItems":
			if v != false {
				t.Errorf("%s: uniqueItems %v (only false is expected; uniqueness comes from arrayUniquenessConstraints)", where, v)
			}
		case "properties":
			props := v.(map[string]any)
			names := make([]string, 0, len(props))
			for n := range props {
				names = append(names, n)
			}
			sort.Strings(names)
			for _, n := range names {
				checkSchemaNode(t, where+"."+n, props[n])
			}
		case "items":
			checkSchemaNode(t, where+"[*]", v)
		}
	}
}
