package load_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/compiler/load"
)

func doc(name, body string) load.Document { return load.Document{Name: name, Data: []byte(body)} }

func project(name, endpoint string, ext bool, apiVersion string) string {
	e := "false"
	if ext {
		e = "true"
	}
	return `{"apiSchemaVersion":"` + apiVersion + `","projectSchema":{"projectName":"` + name +
		`","projectEndpointName":"` + endpoint + `","projectVersion":"1.0.0","isExtensionProject":` + e +
		`,"openApiBaseDocuments":{"x":1},"resourceSchemas":{"things":{"resourceName":"Thing","openApiFragments":{"y":2}}},` +
		`"abstractResources":{"Base":{"identityJsonPaths":[],"openApiFragment":{}}}}}`
}

func TestLoadOrdersExtensionsAndStripsOpenAPI(t *testing.T) {
	set, err := load.Documents(
		doc("core.json", project("Ed-Fi", "ed-fi", false, "1.0.0")),
		doc("tpdm.json", project("TPDM", "tpdm", true, "1.0.0")),
		doc("sample.json", project("Sample", "sample", true, "1.0.0")),
	)
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, p := range set.Projects {
		order = append(order, p.EndpointName)
	}
	if got := strings.Join(order, ","); got != "ed-fi,sample,tpdm" {
		t.Errorf("project order = %s, want core first then extensions by endpoint name", got)
	}
	core := set.Core()
	if core.PhysicalSchema != "edfi" {
		t.Errorf("physical schema = %q, want edfi", core.PhysicalSchema)
	}
	if core.Schema.Has("openApiBaseDocuments") ||
		core.Schema.Get("resourceSchemas").Get("things").Has("openApiFragments") ||
		core.Schema.Get("abstractResources").Get("Base").Has("openApiFragment") {
		t.Error("OpenAPI payloads were not stripped")
	}
	if !core.Schema.Get("resourceSchemas").Get("things").Has("resourceName") {
		t.Error("stripping removed more than the OpenAPI payloads")
	}
}

func TestLoadFailsFast(t *testing.T) {
	core := project("Ed-Fi", "ed-fi", false, "1.0.0")
	cases := []struct {
		name string
		docs []load.Document
		want []string // substrings of the error message
	}{
		{"invalid JSON", []load.Document{doc("bad.json", "{\n  \"apiSchemaVersion\": \"1.0.0\",\n  \"projectSchema\": {,}\n}")},
			[]string{"bad.json", "invalid JSON at line 3, column 21"}},
		{"truncated JSON", []load.Document{doc("cut.json", `{"apiSchemaVersion": "1.0.0"`)},
			[]string{"cut.json", "line 1", "unexpected end of input"}},
		{"not an object", []load.Document{doc("arr.json", `[]`)}, []string{"arr.json", "must be a JSON object"}},
		{"missing apiSchemaVersion", []load.Document{doc("a.json", `{"projectSchema":{}}`)},
			[]string{"a.json", "$.apiSchemaVersion", "missing required member"}},
		{"missing projectSchema", []load.Document{doc("b.json", `{"apiSchemaVersion":"1.0.0"}`)},
			[]string{"b.json", "$.projectSchema", "missing required member"}},
		{"missing endpoint name", []load.Document{doc("c.json", `{"apiSchemaVersion":"1.0.0","projectSchema":{"projectName":"X","projectVersion":"1","isExtensionProject":false}}`)},
			[]string{"c.json", "$.projectSchema.projectEndpointName", "missing required member"}},
		{"legacy format", []load.Document{doc("legacy.json", `{"apiSchemaVersion":"1.0.0","projectSchemas":{"ed-fi":{}}}`)},
			[]string{"legacy.json", "legacy ApiSchema format", "projectSchemas"}},
		{"no core", []load.Document{doc("ext.json", project("Sample", "sample", true, "1.0.0"))},
			[]string{"ext.json", "first schema must be the core project"}},
		{"two cores", []load.Document{doc("core.json", core), doc("core2.json", project("Other", "other", false, "1.0.0"))},
			[]string{"core2.json", "second core project"}},
		{"version mismatch", []load.Document{doc("core.json", core), doc("ext.json", project("Sample", "sample", true, "2.0.0"))},
			[]string{"ext.json", "$.apiSchemaVersion", `"2.0.0" does not match the core's "1.0.0"`}},
		{"duplicate endpoint", []load.Document{doc("core.json", core), doc("ext.json", project("Sample", "ed-fi", true, "1.0.0"))},
			[]string{"ext.json", "projectEndpointName \"ed-fi\" is already used by core.json"}},
		{"physical schema collision", []load.Document{doc("core.json", core), doc("ext.json", project("Sample", "edfi", true, "1.0.0"))},
			[]string{"ext.json", `database schema "edfi"`}},
		{"duplicate key", []load.Document{doc("dup.json", `{"apiSchemaVersion":"1.0.0","apiSchemaVersion":"1.0.0"}`)},
			[]string{"dup.json", `duplicate object key "apiSchemaVersion"`, "line 1, column 29"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := load.Documents(tc.docs...)
			if err == nil {
				t.Fatal("expected an error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

func TestLoadMissingFile(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nope.json")
	_, err := load.Files(missing)
	if err == nil || !strings.Contains(err.Error(), missing) || !strings.Contains(err.Error(), "no such file") {
		t.Fatalf("error = %v, want it to name %s and say it does not exist", err, missing)
	}
}

func TestPhysicalSchemaName(t *testing.T) {
	for in, want := range map[string]string{"ed-fi": "edfi", "TPDM": "tpdm", "1st-project": "p1stproject", "Sample_Ext": "sampleext"} {
		if got := load.PhysicalSchemaName(in); got != want {
			t.Errorf("PhysicalSchemaName(%q) = %q, want %q", in, got, want)
		}
	}
}
