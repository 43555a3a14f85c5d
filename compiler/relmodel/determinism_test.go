package relmodel

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/edfi-dmsc/dmsc/compiler/jsonx"
	"github.com/edfi-dmsc/dmsc/compiler/load"
	"github.com/edfi-dmsc/dmsc/internal/testschema"
)

// reverseMembers reverses the member order of every object, recursively.
func reverseMembers(v *jsonx.Value) {
	if v == nil {
		return
	}
	for i, j := 0, len(v.Members)-1; i < j; i, j = i+1, j-1 {
		v.Members[i], v.Members[j] = v.Members[j], v.Members[i]
	}
	for _, m := range v.Members {
		reverseMembers(m.Value)
	}
	for _, it := range v.Items {
		reverseMembers(it)
	}
}

// TestManifestIndependentOfInputOrder derives fixtures whose JSON objects
// have every member order reversed and expects the golden bytes unchanged.
func TestManifestIndependentOfInputOrder(t *testing.T) {
	for _, fx := range []string{
		"EdFi.DataManagementService.Backend.Ddl.Tests.Unit/Fixtures/small/referential-identity",
		"EdFi.DataManagementService.Backend.IntegrationFixtures/profile-nested-and-root-extension-children",
	} {
		dir := fixtureDir(t, fx)
		var docs []load.Document
		for _, path := range fixtureInputs(t, dir) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			v, err := jsonx.Parse(data)
			if err != nil {
				t.Fatal(err)
			}
			reverseMembers(v)
			docs = append(docs, load.Document{Name: filepath.Base(path), Data: jsonx.Indented(v, jsonx.EscapeDefault)})
		}
		set, info := testschema.Documents(t, docs...)
		strict := filepath.Base(filepath.Dir(dir)) == "EdFi.DataManagementService.Backend.IntegrationFixtures"
		for _, d := range []Dialect{PGSQL, MSSQL} {
			want, err := os.ReadFile(filepath.Join(dir, "expected", "relational-model."+string(d)+".manifest.json"))
			if err != nil {
				t.Fatal(err)
			}
			ms, err := Derive(set, info, d, strict)
			if err != nil {
				t.Fatalf("%s %s: %v", fx, d, err)
			}
			if got := ms.Manifest(); !bytes.Equal(got, want) {
				t.Errorf("%s %s: reordered input changes the manifest: %s", filepath.Base(fx), d, firstDifference(got, want))
			}
		}
	}
}
