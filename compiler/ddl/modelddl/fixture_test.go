package modelddl_test

import (
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/compiler/ddl"
	"github.com/edfi-dmsc/dmsc/compiler/ddl/ddlcompare"
	"github.com/edfi-dmsc/dmsc/compiler/ddl/ddlfixtures"
	"github.com/edfi-dmsc/dmsc/compiler/ddl/modelddl"
	"github.com/edfi-dmsc/dmsc/internal/testschema"
)

// strictFixture: the reference derives integration fixtures with its strict
// pass set and the synthetic Ddl.Tests.Unit fixtures with the default set.
func strictFixture(f ddlfixtures.Fixture) bool {
	return strings.HasPrefix(f.Name, "EdFi.DataManagementService.Backend.IntegrationFixtures/")
}

func emitFull(t *testing.T, f ddlfixtures.Fixture, dialect string) (string, error) {
	t.Helper()
	return emitScript(t, f.Inputs, strictFixture(f), dialect)
}

// emitScript loads files and returns their full script for dialect.
func emitScript(t *testing.T, files []string, strict bool, dialect string) (string, error) {
	t.Helper()
	set, info := testschema.Files(t, files...)
	d, err := ddl.DialectByName(dialect)
	if err != nil {
		t.Fatal(err)
	}
	sql, _, err := modelddl.Script(set, info, d, strict)
	return sql, err
}

// TestScriptsMatchReferenceFixtures compares our full script with every
// reference fixture's expected script after removing the out-of-scope
// objects (docs/ddl-differences.md): every remaining paragraph must be
// identical. It also reports, per fixture and dialect, how many of the
// in-scope objects the reference creates exist in ours under the same names.
func TestScriptsMatchReferenceFixtures(t *testing.T) {
	for _, f := range ddlfixtures.DDLFixtures(t) {
		for _, dialect := range f.Dialects {
			name := f.Name + "/" + dialect
			sql, err := emitFull(t, f, dialect)
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			expected := f.Expected(t, dialect+".sql")
			want := ddlcompare.CreatedObjects(dialect, expected)
			got := map[string]bool{}
			for _, o := range ddlcompare.CreatedObjects(dialect, ddl.CanonicalFile(sql)) {
				got[o] = true
			}
			var missing []string
			for _, o := range want {
				if !got[o] {
					missing = append(missing, o)
				}
			}
			present := len(want) - len(missing)
			if len(missing) > 0 {
				t.Errorf("%s: objects missing from ours: %s", name, strings.Join(missing, ", "))
			}
			wantSec := ddlcompare.Split(dialect, expected)
			gotSec := ddlcompare.Split(dialect, ddl.CanonicalFile(sql))
			compared := 0
			for _, part := range []struct {
				name      string
				want, got []string
			}{
				{"core", wantSec.Core, gotSec.Core},
				{"per-resource", wantSec.Relational, gotSec.Relational},
				{"seed", wantSec.Seed, gotSec.Seed},
			} {
				inScope := ddlcompare.InScopeOnly(part.want)
				if len(inScope) == 0 {
					t.Errorf("%s: the reference's %s section is empty after filtering", name, part.name)
				}
				compared += len(inScope)
				if diff := ddlcompare.FirstDifference(inScope, part.got); diff != "" {
					t.Errorf("%s: %s section: %s", name, part.name, diff)
				}
			}
			t.Logf("%s: in-scope objects present %d/%d (%.1f%%); %d in-scope paragraphs compared", name, present, len(want),
				100*float64(present)/float64(len(want)), compared)
		}
	}
}

// TestMssqlModulesStartTheirBatch: SQL Server requires CREATE VIEW,
// FUNCTION and TRIGGER to be the first statement of a batch, so every such
// definition must follow a GO line and be alone in its batch.
func TestMssqlModulesStartTheirBatch(t *testing.T) {
	modules := []string{"CREATE OR ALTER VIEW", "CREATE OR ALTER FUNCTION", "CREATE OR ALTER TRIGGER"}
	for _, f := range ddlfixtures.DDLFixtures(t) {
		sql, err := emitFull(t, f, "mssql")
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		for i, batch := range ddl.SplitBatches(sql) {
			count := 0
			for _, m := range modules {
				count += strings.Count(batch, m)
			}
			if count == 0 {
				continue
			}
			first := ""
			for _, l := range strings.Split(batch, "\n") {
				if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "--") {
					first = l
					break
				}
			}
			if count != 1 || !strings.HasPrefix(first, "CREATE OR ALTER ") {
				t.Errorf("%s batch %d: %d module definitions, first line %q", f.Name, i, count, first)
			}
		}
	}
}
