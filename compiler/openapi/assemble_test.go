package openapi

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/compiler/jsonx"
	"github.com/edfi-dmsc/dmsc/compiler/load"
)

// A small core with one resource (School, which has an address collection),
// one descriptor and one abstract resource, in the ApiSchema layout.
const testCore = `{
  "apiSchemaVersion": "1.0.0",
  "projectSchema": {
    "projectName": "Ed-Fi", "projectEndpointName": "ed-fi", "projectVersion": "5.2.0", "isExtensionProject": false,
    "openApiBaseDocuments": {
      "resources": {
        "components": {"parameters": {}, "responses": {}, "schemas": {}},
        "info": {"title": "upstream title", "version": "1"},
        "openapi": "3.0.0", "paths": {}, "servers": [{"url": ""}],
        "tags": [{"name": "unused", "description": "no operation uses it"}]
      },
      "descriptors": {
        "components": {"schemas": {}}, "info": {"title": "t", "version": "1"},
        "openapi": "3.0.0", "paths": {}, "servers": [{"url": ""}], "tags": []
      }
    },
    "abstractResources": {
      "EducationOrganization": {"openApiFragment": {"components": {"schemas": {"EdFi_EducationOrganization": {"type": "object", "properties": {}}}}}}
    },
    "resourceSchemas": {
      "schools": {
        "resourceName": "School",
        "openApiFragments": {"resources": {
          "components": {"schemas": {
            "EdFi_School": {"type": "object", "properties": {"id": {"type": "string"}, "schoolId": {"type": "integer"},
              "addresses": {"type": "array", "items": {"$ref": "#/components/schemas/EdFi_School_Address"}}}},
            "EdFi_School_Address": {"type": "object", "properties": {"city": {"type": "string"}}}
          }},
          "paths": {"/ed-fi/schools": {"get": {"operationId": "getSchools", "tags": ["schools"], "responses": {"200": {"description": "ok"}}}}},
          "tags": [{"name": "schools", "description": "core"}]
        }}
      },
      "gradeLevelDescriptors": {
        "resourceName": "GradeLevelDescriptor", "isDescriptor": true,
        "openApiFragments": {"descriptors": {
          "components": {"schemas": {"EdFi_GradeLevelDescriptor": {"type": "object", "properties": {"codeValue": {"type": "string"}}}}},
          "paths": {"/ed-fi/gradeLevelDescriptors": {"get": {"operationId": "getGradeLevelDescriptors", "tags": ["gradeLevelDescriptors"], "responses": {"200": {"description": "ok"}}}}},
          "tags": [{"name": "gradeLevelDescriptors"}]
        }}
      }
    }
  }
}`

// testExtension is an extension project whose School extension adds a
// scalar, extends the address collection (a redirected property) and
// repeats "id" (which the core has and which is dropped), plus a new
// resource with its own path and tag.
func testExtension(project, extras string) string {
	lower := strings.ToLower(project)
	return `{
  "apiSchemaVersion": "1.0.0",
  "projectSchema": {
    "projectName": "` + project + `", "projectEndpointName": "` + lower + `", "projectVersion": "1.0.0", "isExtensionProject": true,
    "resourceSchemas": {
      "schools": {
        "resourceName": "School", "isResourceExtension": true,
        "openApiFragments": {"resources": {
          "components": {"schemas": {"` + project + `_School_Address": {"type": "object", "properties": {"city": {"type": "string"}, "complex": {"type": "string"}}}}},
          "exts": {"EdFi_School": {"type": "object", "description": "` + project + ` school",
            "properties": {"id": {"type": "string"}, "isExemplary": {"type": "boolean"},
              "addresses": {"type": "array", "items": {"$ref": "#/components/schemas/` + project + `_School_Address"}}},
            "required": ["id", "isExemplary"]}}
        }}` + extras + `
      },
      "buses": {
        "resourceName": "Bus",
        "openApiFragments": {"resources": {
          "components": {"schemas": {"` + project + `_Bus": {"type": "object", "properties": {"busId": {"type": "string"}}}}},
          "paths": {"/` + lower + `/buses": {"get": {"operationId": "get` + project + `Buses", "tags": ["buses", "schools"], "responses": {"200": {"description": "ok"}}}}},
          "tags": [{"name": "buses"}, {"name": "schools", "description": "a second schools tag is skipped"}]
        }}
      }
    }
  }
}`
}

func assemble(t *testing.T, kind Kind, docs ...string) *jsonx.Value {
	t.Helper()
	doc, err := assembleErr(kind, docs...)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func assembleErr(kind Kind, docs ...string) (*jsonx.Value, error) {
	var in []load.Document
	for i, d := range docs {
		in = append(in, load.Document{Name: []string{"core", "ext1", "ext2"}[i], Data: []byte(d)})
	}
	set, err := load.Documents(in...)
	if err != nil {
		return nil, err
	}
	return Assemble(set, kind)
}

// at decodes the member at a dotted path (keys must not contain dots).
func at(t *testing.T, doc *jsonx.Value, path string) any {
	t.Helper()
	v := doc
	for _, k := range strings.Split(path, ".") {
		v = v.Get(k)
	}
	if v == nil {
		return nil
	}
	var out any
	if err := json.Unmarshal(jsonx.Indented(v, jsonx.EscapeRelaxed), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func jsonOf(t *testing.T, s string) any {
	t.Helper()
	var out any
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func expectJSON(t *testing.T, doc *jsonx.Value, path, want string) {
	t.Helper()
	if got := at(t, doc, path); !reflect.DeepEqual(got, jsonOf(t, want)) {
		g, _ := json.Marshal(got)
		t.Errorf("%s = %s\nwant %s", path, g, want)
	}
}

func TestCoreMergeAndBranding(t *testing.T) {
	doc := assemble(t, Resources, testCore)
	expectJSON(t, doc, "info", `{"title": "Ed-Fi API", "version": "8.0.0"}`)
	expectJSON(t, doc, "tags", `[{"name": "schools", "description": "core"}]`)
	if doc.Get("components").Get("schemas").Get("EdFi_EducationOrganization") == nil {
		t.Error("the abstract resource's fragment was not merged into the resources document")
	}
	if doc.Get("paths").Has("/ed-fi/gradeLevelDescriptors") {
		t.Error("a descriptor path is in the resources document")
	}
	descriptors := assemble(t, Descriptors, testCore)
	if descriptors.Get("components").Get("schemas").Has("EdFi_EducationOrganization") {
		t.Error("the abstract resource's fragment was merged into the descriptors document")
	}
	expectJSON(t, descriptors, "paths", `{"/ed-fi/gradeLevelDescriptors": {"get": {"operationId": "getGradeLevelDescriptors", "tags": ["gradeLevelDescriptors"], "responses": {"200": {"description": "ok"}}}}}`)
}

func TestExtensionGraftsExtChains(t *testing.T) {
	doc := assemble(t, Resources, testCore, testExtension("Sample", ""))
	schemas := "components.schemas."
	// The core schema gains an _ext link; the extension keeps only the
	// property the core lacks, and the required names that survived.
	expectJSON(t, doc, schemas+"EdFi_School.properties._ext", `{"$ref": "#/components/schemas/EdFi_SchoolExtension"}`)
	expectJSON(t, doc, schemas+"EdFi_SchoolExtension", `{"type": "object", "properties": {"sample": {"$ref": "#/components/schemas/sample_EdFi_SchoolExtension"}}}`)
	expectJSON(t, doc, schemas+"sample_EdFi_SchoolExtension", `{"type": "object", "properties": {"isExemplary": {"type": "boolean"}},
		"description": "Sample school", "required": ["isExemplary"]}`)
	// The address collection is redirected to the address schema, whose
	// extension holds what the extension's address adds to the core's.
	expectJSON(t, doc, schemas+"EdFi_School_Address.properties._ext", `{"$ref": "#/components/schemas/EdFi_School_AddressExtension"}`)
	expectJSON(t, doc, schemas+"sample_EdFi_School_AddressExtension", `{"type": "object", "properties": {"complex": {"type": "string"}}}`)
	// New paths and tags are added; a tag name already present is not.
	if !doc.Get("paths").Has("/sample/buses") {
		t.Error("the extension's path was not added")
	}
	expectJSON(t, doc, "tags", `[{"name": "schools", "description": "core"}, {"name": "buses"}]`)
}

func TestTwoExtensionsShareTheExtensionSchema(t *testing.T) {
	doc := assemble(t, Resources, testCore, testExtension("Sample", ""), testExtension("Tpdm", ""))
	expectJSON(t, doc, "components.schemas.EdFi_SchoolExtension", `{"type": "object", "properties": {
		"sample": {"$ref": "#/components/schemas/sample_EdFi_SchoolExtension"},
		"tpdm": {"$ref": "#/components/schemas/tpdm_EdFi_SchoolExtension"}}}`)
}

func TestExtensionMayNotRedefineAPathOrSchema(t *testing.T) {
	// The same project twice (under two endpoint names) adds its schemas
	// and /sample/buses twice.
	second := strings.Replace(testExtension("Sample", ""), `"projectEndpointName": "sample"`, `"projectEndpointName": "sample2"`, 1)
	_, err := assembleErr(Resources, testCore, testExtension("Sample", ""), second)
	if err == nil || !strings.Contains(err.Error(), "tried to add a second '$.components.schemas.Sample_School_Address'") {
		t.Fatalf("err = %v, want a duplicate schema error", err)
	}
	third := strings.Replace(testExtension("Other", ""), `"/other/buses"`, `"/sample/buses"`, 1)
	_, err = assembleErr(Resources, testCore, testExtension("Sample", ""), third)
	if err == nil || !strings.Contains(err.Error(), "tried to add a second '$.paths./sample/buses'") {
		t.Fatalf("err = %v, want a duplicate path error", err)
	}
}

func TestCommonExtensionOverrides(t *testing.T) {
	overrides := `,
        "commonExtensionOverrides": [{
          "insertionLocations": ["$.properties.addresses.items"],
          "schemaFragment": {"properties": {"tpdm": {"type": "object", "properties": {"addressLine3": {"type": "string"}}}}}
        }]`
	ext := strings.Replace(testExtension("Tpdm", overrides), `"addresses": {"type": "array", "items": {"$ref": "#/components/schemas/Tpdm_School_Address"}}`, `"x": {"type": "string"}`, 1)
	doc := assemble(t, Resources, testCore, ext)
	expectJSON(t, doc, "components.schemas.EdFi_School_Address.properties._ext", `{"$ref": "#/components/schemas/EdFi_School_AddressExtension"}`)
	expectJSON(t, doc, "components.schemas.tpdm_EdFi_School_AddressExtension", `{"type": "object", "properties": {"addressLine3": {"type": "string"}}}`)
	// The descriptors document has no School schema: the override is skipped.
	if _, err := assembleErr(Descriptors, testCore, ext); err != nil {
		t.Fatalf("descriptors document: %v", err)
	}
}

func TestBuildIsDeterministic(t *testing.T) {
	build := func() *Documents {
		set, err := load.Documents(load.Document{Name: "core", Data: []byte(testCore)},
			load.Document{Name: "ext", Data: []byte(testExtension("Sample", ""))})
		if err != nil {
			t.Fatal(err)
		}
		docs, err := Build(set, DiscoveryOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return docs
	}
	a, b := build(), build()
	for name, data := range a.Files() {
		if !bytes.Equal(data, b.Files()[name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}
	if a.ChangeQueries != nil {
		t.Error("a change-queries document was produced without a change-queries base document")
	}
	if !bytes.Contains(a.Resources, []byte(`"url": "`+ServerURLPlaceholder+`"`)) || !bytes.Contains(a.Resources, []byte(`"tokenUrl": "`+TokenURLPlaceholder+`"`)) {
		t.Error("the resources document lacks the server or token URL placeholder")
	}
}
