package effschema_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/compiler/effschema"
	"github.com/edfi-dmsc/dmsc/compiler/load"
	"github.com/edfi-dmsc/dmsc/internal/testschema"
)

const coreDoc = `{
  "apiSchemaVersion": "1.0.0",
  "projectSchema": {
    "projectName": "Ed-Fi", "projectEndpointName": "ed-fi", "projectVersion": "5.2.0", "isExtensionProject": false,
    "description": "caf\u00e9 <core> & 'quotes'",
    "openApiBaseDocuments": {"resources": {}},
    "abstractResources": {"EducationOrganization": {"identityJsonPaths": ["$.educationOrganizationId"], "openApiFragment": {"a": 1}}},
    "resourceSchemas": {
      "schools": {"resourceName": "School", "isResourceExtension": false, "decimal": 1.50, "openApiFragments": {"b": 2}},
      "academicSubjectDescriptors": {"resourceName": "AcademicSubjectDescriptor", "isDescriptor": true}
    }
  }
}`

// Same content as coreDoc: other key order, other whitespace, CRLF line
// endings and different OpenAPI payloads.
const coreDocReordered = "{\"projectSchema\": {\"resourceSchemas\": {\r\n" +
	"\"academicSubjectDescriptors\": {\"isDescriptor\": true, \"resourceName\": \"AcademicSubjectDescriptor\"},\r\n" +
	"\"schools\": {\"openApiFragments\": {\"changed\": true}, \"decimal\": 1.50, \"isResourceExtension\": false, \"resourceName\": \"School\"}},\r\n" +
	"\"abstractResources\": {\"EducationOrganization\": {\"openApiFragment\": {}, \"identityJsonPaths\": [\"$.educationOrganizationId\"]}},\r\n" +
	"\"isExtensionProject\": false, \"projectVersion\": \"5.2.0\", \"projectEndpointName\": \"ed-fi\", \"projectName\": \"Ed-Fi\",\r\n" +
	"\"description\": \"café <core> & 'quotes'\"}, \"apiSchemaVersion\": \"1.0.0\"}"

func extDoc(endpoint, name string) string {
	return `{"apiSchemaVersion": "1.0.0", "projectSchema": {"projectName": "` + name + `", "projectEndpointName": "` + endpoint +
		`", "projectVersion": "1.0.0", "isExtensionProject": true, "resourceSchemas": {"widgets": {"resourceName": "Widget"},` +
		` "schools": {"resourceName": "School", "isResourceExtension": true}}}}`
}

func compute(t *testing.T, docs ...string) *effschema.Info {
	t.Helper()
	var ds []load.Document
	for i, d := range docs {
		ds = append(ds, load.Document{Name: fmt.Sprintf("doc%d.json", i), Data: []byte(d)})
	}
	_, info := testschema.Documents(t, ds...)
	return info
}

func TestHashIgnoresFormattingKeyOrderOpenAPIAndExtensionOrder(t *testing.T) {
	a := compute(t, coreDoc, extDoc("sample", "Sample"), extDoc("tpdm", "TPDM"))
	b := compute(t, coreDocReordered, extDoc("tpdm", "TPDM"), extDoc("sample", "Sample"))
	if a.EffectiveSchemaHash != b.EffectiveSchemaHash {
		t.Errorf("hash changed with formatting/order: %s vs %s", a.EffectiveSchemaHash, b.EffectiveSchemaHash)
	}
	if !bytes.Equal(a.Manifest(), b.Manifest()) {
		t.Error("manifests differ for equivalent inputs")
	}
	if len(a.EffectiveSchemaHash) != 64 || strings.ToLower(a.EffectiveSchemaHash) != a.EffectiveSchemaHash {
		t.Errorf("hash %q is not 64 lowercase hex characters", a.EffectiveSchemaHash)
	}
}

func TestHashChangesWithContent(t *testing.T) {
	base := compute(t, coreDoc).EffectiveSchemaHash
	for name, changed := range map[string]string{
		"number lexical form": strings.Replace(coreDoc, "1.50", "1.5", 1),
		"description":         strings.Replace(coreDoc, "caf\\u00e9", "cafe", 1),
		"project version":     strings.Replace(coreDoc, `"5.2.0"`, `"5.2.1"`, 1),
	} {
		if compute(t, changed).EffectiveSchemaHash == base {
			t.Errorf("%s: hash did not change", name)
		}
	}
}

func TestResourceKeysSortedAndSeeded(t *testing.T) {
	info := compute(t, coreDoc, extDoc("sample", "Sample"))
	var got []string
	for _, k := range info.ResourceKeys {
		got = append(got, fmt.Sprintf("%d|%s|%s|%s|%t", k.ID, k.ProjectName, k.ResourceName, k.Version, k.IsAbstract))
	}
	want := []string{
		"1|Ed-Fi|AcademicSubjectDescriptor|5.2.0|false",
		"2|Ed-Fi|EducationOrganization|5.2.0|true",
		"3|Ed-Fi|School|5.2.0|false",
		"4|Sample|Widget|1.0.0|false", // the School resource extension gets no key
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("resource keys:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if id := info.ResourceKeyID("Ed-Fi", "School"); id != 3 {
		t.Errorf("ResourceKeyID(Ed-Fi, School) = %d, want 3", id)
	}
	if id := info.ResourceKeyID("Ed-Fi", "Nope"); id != 0 {
		t.Errorf("ResourceKeyID of an unknown resource = %d, want 0", id)
	}
}

func TestDuplicateResourceKeyRejected(t *testing.T) {
	doc := strings.Replace(coreDoc, `"resourceName": "AcademicSubjectDescriptor"`, `"resourceName": "School"`, 1)
	set, err := load.Documents(load.Document{Name: "dup.json", Data: []byte(doc)})
	if err != nil {
		t.Fatal(err)
	}
	_, err = effschema.Compute(set)
	if err == nil || !strings.Contains(err.Error(), "duplicate resource key Ed-Fi/School") || !strings.Contains(err.Error(), "dup.json") {
		t.Fatalf("error = %v, want a duplicate resource key error naming the file", err)
	}
}

func TestResourceKeyCeiling(t *testing.T) {
	for _, n := range []int{effschema.MaxResourceKeys, effschema.MaxResourceKeys + 1} {
		var b strings.Builder
		b.WriteString(`{"apiSchemaVersion":"1.0.0","projectSchema":{"projectName":"Big","projectEndpointName":"big","projectVersion":"1","isExtensionProject":false,"resourceSchemas":{`)
		for i := 0; i < n; i++ {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `"r%d":{"resourceName":"R%05d"}`, i, i)
		}
		b.WriteString(`}}}`)
		set, err := load.Documents(load.Document{Name: "big.json", Data: []byte(b.String())})
		if err != nil {
			t.Fatal(err)
		}
		_, err = effschema.Compute(set)
		switch {
		case n <= effschema.MaxResourceKeys && err != nil:
			t.Errorf("%d keys: unexpected error %v", n, err)
		case n > effschema.MaxResourceKeys && (err == nil || !strings.Contains(err.Error(), "32767")):
			t.Errorf("%d keys: error = %v, want the 32767 ceiling named", n, err)
		}
	}
}

func TestManifestStableAcrossRuns(t *testing.T) {
	first := compute(t, coreDoc, extDoc("sample", "Sample")).Manifest()
	for i := 0; i < 10; i++ {
		if !bytes.Equal(first, compute(t, coreDoc, extDoc("sample", "Sample")).Manifest()) {
			t.Fatalf("run %d produced different bytes", i)
		}
	}
}
