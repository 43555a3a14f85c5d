package relmodel

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/edfi-dmsc/dmsc/compiler/effschema"
	"github.com/edfi-dmsc/dmsc/compiler/jsonx"
	"github.com/edfi-dmsc/dmsc/compiler/load"
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
	root := filepath.Join(sharedDir(t), fixtureRoot)
	for _, fx := range []string{
		"EdFi.DataManagementService.Backend.Ddl.Tests.Unit/Fixtures/small/referential-identity",
		"EdFi.DataManagementService.Backend.IntegrationFixtures/profile-nested-and-root-extension-children",
	} {
		dir := filepath.Join(root, fx)
		raw, err := os.ReadFile(filepath.Join(dir, "fixture.json"))
		if err != nil {
			t.Fatal(err)
		}
		var cfg struct {
			APISchemaFiles []string `json:"apiSchemaFiles"`
		}
		if err := json.Unmarshal(raw, &cfg); err != nil {
			t.Fatal(err)
		}
		var docs []load.Document
		for _, f := range cfg.APISchemaFiles {
			data, err := os.ReadFile(filepath.Join(dir, "inputs", f))
			if err != nil {
				t.Fatal(err)
			}
			v, err := jsonx.Parse(data)
			if err != nil {
				t.Fatal(err)
			}
			reverseMembers(v)
			docs = append(docs, load.Document{Name: f, Data: jsonx.Indented(v, jsonx.EscapeDefault)})
		}
		set, err := load.Documents(docs...)
		if err != nil {
			t.Fatal(err)
		}
		info, err := effschema.Compute(set)
		if err != nil {
			t.Fatal(err)
		}
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
