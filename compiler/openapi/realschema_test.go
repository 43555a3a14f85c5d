package openapi

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/edfi-dmsc/dmsc/compiler/load"
	"github.com/edfi-dmsc/dmsc/internal/refdata"
	"github.com/edfi-dmsc/dmsc/runtime/apidocs"
)

// homographSchema is the one published extension that resolves against the
// DS 3.2a core: it references nothing in Ed-Fi. (Sample and TPDM extend DS
// 5.x resources such as Contact and SurveyResponse that DS 3.2a lacks, so
// the reference refuses to assemble them with this core, as dmsc does.)
const homographSchema = "apischema/metaed-v7_3/homograph-api-schema-authoritative.json"

// servedValues are the per-request values a server would fill in.
var servedValues = apidocs.Values{ServerURL: "https://api.example.org/api/data", TokenURL: "https://api.example.org/api/oauth/token"}

func loadRefSet(t testing.TB, files ...string) *load.SchemaSet {
	t.Helper()
	paths := make([]string, len(files))
	for i, f := range files {
		paths[i] = refdata.File(t, f)
	}
	set, err := load.Files(paths...)
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// validate loads a served document with kin-openapi and validates it
// against the OpenAPI 3.0 rules. Ed-Fi's string patterns are ECMA-262
// regular expressions with look-around (as OpenAPI 3.0 specifies), which
// Go's regexp cannot compile, so kin-openapi's pattern compilation is off.
func validate(t *testing.T, name string, served []byte) *openapi3.T {
	t.Helper()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(served)
	if err != nil {
		t.Fatalf("%s does not load: %v", name, err)
	}
	if err := doc.Validate(context.Background(), openapi3.DisableSchemaPatternValidation()); err != nil {
		t.Fatalf("%s is not a valid OpenAPI document: %v", name, err)
	}
	return doc
}

func TestDS32aDocumentsValidate(t *testing.T) {
	set := loadRefSet(t, refdata.DS32aCoreSchema)
	docs, err := Build(set, DiscoveryOptions{XSD: true})
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range docs.Files() {
		doc := validate(t, name, apidocs.New(data).Render(servedValues))
		if got := doc.Servers[0].URL; got != servedValues.ServerURL {
			t.Errorf("%s: server URL %q", name, got)
		}
	}
	resources := validate(t, ResourcesFile, apidocs.New(docs.Resources).Render(servedValues))
	for _, p := range []string{"/ed-fi/schools", "/ed-fi/schools/{id}", "/ed-fi/studentSchoolAssociations"} {
		if resources.Paths.Find(p) == nil {
			t.Errorf("resources document lacks %s", p)
		}
	}
	if resources.Paths.Find("/ed-fi/gradeLevelDescriptors") != nil {
		t.Error("resources document lists a descriptor")
	}
	// Abstract resources' fragments are merged into the resources document.
	if resources.Components.Schemas["EdFi_EducationOrganization"] == nil {
		t.Error("resources document lacks the abstract EducationOrganization schema")
	}
	descriptors := validate(t, DescriptorsFile, apidocs.New(docs.Descriptors).Render(servedValues))
	if descriptors.Paths.Find("/ed-fi/gradeLevelDescriptors") == nil {
		t.Error("descriptors document lacks /ed-fi/gradeLevelDescriptors")
	}
	if descriptors.Info.Title != InfoTitle || descriptors.Info.Version != InfoVersion {
		t.Errorf("info = %q %q", descriptors.Info.Title, descriptors.Info.Version)
	}
	flows := descriptors.Components.SecuritySchemes[securitySchemeName].Value.Flows
	if flows.ClientCredentials.TokenURL != servedValues.TokenURL {
		t.Errorf("token URL = %q", flows.ClientCredentials.TokenURL)
	}
	assertTagsUsed(t, docs.Resources)
}

func TestDS32aWithHomographValidates(t *testing.T) {
	core := loadRefSet(t, refdata.DS32aCoreSchema)
	set := loadRefSet(t, refdata.DS32aCoreSchema, homographSchema)
	docs, err := Build(set, DiscoveryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	coreDocs, err := Build(core, DiscoveryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	resources := validate(t, ResourcesFile, apidocs.New(docs.Resources).Render(servedValues))
	validate(t, DescriptorsFile, apidocs.New(docs.Descriptors).Render(servedValues))
	coreResources := validate(t, ResourcesFile, apidocs.New(coreDocs.Resources).Render(servedValues))
	// Homograph's own School lives beside Ed-Fi's, under its own project.
	for _, p := range []string{"/homograph/schools", "/homograph/schools/{id}", "/ed-fi/schools"} {
		if resources.Paths.Find(p) == nil {
			t.Errorf("core+Homograph resources document lacks %s", p)
		}
	}
	if added := resources.Paths.Len() - coreResources.Paths.Len(); added != 28 {
		t.Errorf("Homograph added %d paths, want 28 (7 resources: collection, item, deletes, keyChanges)", added)
	}
	assertTagsUsed(t, docs.Resources)
}

// assertTagsUsed checks the reference's final pass: every global tag is
// used by an operation.
func assertTagsUsed(t *testing.T, doc []byte) {
	t.Helper()
	var d struct {
		Tags  []struct{ Name string }
		Paths map[string]map[string]json.RawMessage
	}
	if err := json.Unmarshal(doc, &d); err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	for _, item := range d.Paths {
		for _, op := range item {
			var o struct{ Tags []string }
			if json.Unmarshal(op, &o) == nil {
				for _, tag := range o.Tags {
					used[tag] = true
				}
			}
		}
	}
	if len(d.Tags) == 0 {
		t.Fatal("document has no tags")
	}
	for _, tag := range d.Tags {
		if !used[tag.Name] {
			t.Errorf("tag %q is not used by any operation", tag.Name)
		}
	}
}

// BenchmarkBuildDS32a measures assembling and serializing every document
// for the DS 3.2a core (schema already loaded).
func BenchmarkBuildDS32a(b *testing.B) {
	set := loadRefSet(b, refdata.DS32aCoreSchema)
	for b.Loop() {
		if _, err := Build(set, DiscoveryOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
