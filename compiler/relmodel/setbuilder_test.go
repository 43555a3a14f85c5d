package relmodel

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/compiler/load"
	"github.com/edfi-dmsc/dmsc/internal/testschema"
)

// deriveHandAuthored derives the reference's hand-authored set-builder
// schemas (core first). They omit isExtensionProject, which their C# driver
// passes beside the file; it is injected here.
func deriveHandAuthored(t *testing.T, d Dialect, files ...string) (*ModelSet, error) {
	t.Helper()
	dir := fixtureDir(t, "EdFi.DataManagementService.Backend.RelationalModel.Tests.Unit/Fixtures/set-builder")
	var docs []load.Document
	for i, f := range files {
		raw, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		flag := `"isExtensionProject": false,`
		if i > 0 {
			flag = `"isExtensionProject": true,`
		}
		data := strings.Replace(string(raw), `"projectSchema": {`, `"projectSchema": {`+flag, 1)
		docs = append(docs, load.Document{Name: f, Data: []byte(data)})
	}
	set, info := testschema.Documents(t, docs...)
	return Derive(set, info, d, false)
}

func tableNames(ms *ModelSet) []string {
	var out []string
	for _, r := range ms.Resources {
		for _, t := range r.Tables {
			out = append(out, t.Name.Name)
		}
	}
	return out
}

func columnNames(t *Table) []string {
	var out []string
	for _, c := range t.Columns {
		out = append(out, c.Name)
	}
	return out
}

func TestHandAuthoredNameOverrides(t *testing.T) {
	ms, err := deriveHandAuthored(t, PGSQL, "hand-authored-name-overrides-api-schema.json")
	if err != nil {
		t.Fatal(err)
	}
	person := ms.table("Person")
	for _, c := range []string{"StreetName", "Campus_DocumentId", "Campus_SchoolId"} {
		if person.Column(c) == nil {
			t.Errorf("Person lacks %s: %v", c, columnNames(person))
		}
	}
	names := tableNames(ms)
	for _, n := range []string{"PersonSite", "PersonSiteWindow"} {
		if !slices.Contains(names, n) {
			t.Errorf("missing table %s in %v", n, names)
		}
	}
	if ms.table("PersonSiteWindow").Column(colParentCollectionItemID) == nil {
		t.Error("overrides keep the reserved stable locator columns")
	}
}

func TestHandAuthoredOverrideVariants(t *testing.T) {
	ms, err := deriveHandAuthored(t, PGSQL, "hand-authored-name-override-descendant-missing-api-schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if names := tableNames(ms); !slices.Contains(names, "PersonSitePeriod") {
		t.Errorf("descendant without override keeps its default segment: %v", names)
	}
	ms, err = deriveHandAuthored(t, PGSQL, "hand-authored-name-override-nested-segment-api-schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if names := tableNames(ms); !slices.Contains(names, "PersonSiteWindow") {
		t.Errorf("segment-only override: %v", names)
	}
	ms, err = deriveHandAuthored(t, PGSQL, "hand-authored-name-override-extension-core-api-schema.json", "hand-authored-name-override-extension-project-api-schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if ms.table("SchoolExtension").Column("ExtensionFieldOverride") == nil {
		t.Errorf("extension override (relative key, normalized value): %v", columnNames(ms.table("SchoolExtension")))
	}
}

func TestHandAuthoredNegatives(t *testing.T) {
	cases := []struct {
		files []string
		want  []string
	}{
		{[]string{"hand-authored-name-override-unknown-key-api-schema.json"},
			[]string{"did not match any derived columns or collection scopes", "$.unknownProperty", "canonical", "Ed-Fi:Person"}},
		{[]string{"hand-authored-name-override-extension-core-conflict-api-schema.json", "hand-authored-name-override-extension-project-api-schema.json"},
			[]string{"target the same derived element", "$._ext.sample.extensionField", "Sample:School", "Ed-Fi:School"}},
		{[]string{"hand-authored-root-override-collision-api-schema.json"},
			[]string{"identifier shortening collisions detected", "table edfi.Person", "'Ed-Fi:Student'", "'Ed-Fi:Staff'"}},
		{[]string{"hand-authored-root-override-child-collision-api-schema.json"},
			[]string{"identifier shortening collisions detected", "table edfi.SchoolProgram"}},
		{[]string{"hand-authored-naming-stress-collision-api-schema.json"},
			[]string{"identifier collision", "CollisionTest.Duplicate", "$.firstName", "$.lastName"}},
	}
	for _, c := range cases {
		t.Run(c.files[0], func(t *testing.T) {
			_, err := deriveHandAuthored(t, PGSQL, c.files...)
			if err == nil {
				t.Fatal("expected derivation to fail")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

func TestHandAuthoredNamingStress(t *testing.T) {
	ms, err := deriveHandAuthored(t, PGSQL, "hand-authored-naming-stress-core-api-schema.json", "hand-authored-naming-stress-extension-api-schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if ms.Projects[0].PhysicalSchema != "p99select" {
		t.Errorf("endpoint 99-select normalizes to p99select, got %q", ms.Projects[0].PhysicalSchema)
	}
	person := ms.table("Person")
	for _, c := range []string{"StreetName", "Campus_DocumentId", "Campus_Id", "Select"} {
		if person.Column(c) == nil {
			t.Errorf("Person lacks %s: %v", c, columnNames(person))
		}
	}
	long := "VeryLongRootTableNameForNamingStressFixtureExceedsPostgresLimitAgain"
	if ms.table(shorten(PGSQL, long)) == nil {
		t.Errorf("long root table must be shortened to %q: %v", shorten(PGSQL, long), tableNames(ms))
	}
}
