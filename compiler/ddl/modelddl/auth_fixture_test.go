package modelddl_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/compiler/ddl"
	"github.com/edfi-dmsc/dmsc/compiler/ddl/ddlcompare"
	"github.com/edfi-dmsc/dmsc/compiler/ddl/modelddl"
	"github.com/edfi-dmsc/dmsc/compiler/relmodel"
	"github.com/edfi-dmsc/dmsc/internal/refdata"
)

// ddlEmissionExpected reads one of the reference's ddl-emission goldens,
// whose inputs are models the reference builds in code.
func ddlEmissionExpected(t *testing.T, dialect, name string) string {
	t.Helper()
	dir := refdata.Dir(t, "dms-fixtures/EdFi.DataManagementService.Backend.Ddl.Tests.Unit/Fixtures/ddl-emission/expected")
	b, err := os.ReadFile(filepath.Join(dir, dialect, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// paragraphsMentioning returns the paragraphs of sql that contain marker;
// a SQL Server paragraph is a whole batch (blank lines and GO trimmed).
func paragraphsMentioning(dialect, sql, marker string) []string {
	var out []string
	parts := ddlcompare.Paragraphs(dialect, sql)
	if dialect == "mssql" {
		parts = nil
		for _, b := range strings.Split("\n"+strings.ReplaceAll(sql, "\r\n", "\n"), "\nGO\n") {
			parts = append(parts, strings.Trim(b, "\n"))
		}
	}
	for _, p := range parts {
		if strings.Contains(p, marker) {
			out = append(out, p)
		}
	}
	return out
}

// TestAuthHierarchyTriggersMatchReferenceEmission renders the hierarchy
// triggers of the reference's auth-edorg-hierarchy case (a
// LocalEducationAgency whose parent is a StateEducationAgency, and the
// StateEducationAgency leaf) and requires every AuthHierarchy paragraph of
// its expected scripts, byte for byte, in both dialects. The ApiSchema
// fixtures only contain leaf organizations, so this is the one reference
// text of the hierarchical insert, update and delete bodies.
func TestAuthHierarchyTriggersMatchReferenceEmission(t *testing.T) {
	lea := &relmodel.AuthEntity{
		Name: "LocalEducationAgency", Table: relmodel.TableName{Schema: "edfi", Name: "LocalEducationAgency"},
		IdentityColumn: "EducationOrganizationId", ParentColumns: []string{"StateEducationAgency_EducationOrganizationId"},
	}
	sea := &relmodel.AuthEntity{
		Name: "StateEducationAgency", Table: relmodel.TableName{Schema: "edfi", Name: "StateEducationAgency"},
		IdentityColumn: "EducationOrganizationId",
	}
	var triggers []relmodel.Trigger
	for _, e := range []*relmodel.AuthEntity{lea, sea} {
		events := []string{"Delete", "Insert"}
		if len(e.ParentColumns) > 0 {
			events = append(events, "Update")
		}
		for _, ev := range events {
			triggers = append(triggers, relmodel.Trigger{
				Name: "TR_" + e.Name + "_AuthHierarchy_" + ev, Table: e.Table,
				Kind: relmodel.TriggerAuthHierarchyMaintenance, AuthEntity: e, AuthEvent: ev,
			})
		}
	}
	for _, d := range []ddl.Dialect{ddl.Pgsql, ddl.Mssql} {
		var got []string
		for _, tr := range triggers {
			sql, err := modelddl.AuthHierarchyTriggerSQL(d, tr)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, paragraphsMentioning(d.Name(), sql, "_AuthHierarchy_")...)
		}
		want := paragraphsMentioning(d.Name(), ddlEmissionExpected(t, d.Name(), "auth-edorg-hierarchy.sql"), "_AuthHierarchy_")
		if len(want) == 0 {
			t.Fatalf("%s: the reference script has no AuthHierarchy paragraphs", d.Name())
		}
		if diff := ddlcompare.FirstDifference(want, got); diff != "" {
			t.Errorf("%s: %s", d.Name(), diff)
		}
		if len(got) != len(want) {
			t.Errorf("%s: %d paragraphs, reference has %d", d.Name(), len(got), len(want))
		}
	}
}

// TestPeopleAuthViewsMatchReferenceEmission renders the four people
// authorization views over the association tables of the reference's
// auth-people-views case and requires the reference's expected views, byte
// for byte, in both dialects. The case's ReadChanges views
// (…IncludingDeletes, …DeletedResponsibility) are not emitted yet.
func TestPeopleAuthViewsMatchReferenceEmission(t *testing.T) {
	tables := map[string]relmodel.TableName{}
	for _, name := range []string{"StudentSchoolAssociation", "StudentContactAssociation", "StaffEducationOrganizationAssignmentAssociation",
		"StaffEducationOrganizationEmploymentAssociation", "StudentEducationOrganizationResponsibilityAssociation"} {
		tables[name] = relmodel.TableName{Schema: "edfi", Name: name}
	}
	views := relmodel.PeopleAuthViews(tables)
	peopleViews := func(dialect, sql string) []string {
		var out []string
		for _, p := range paragraphsMentioning(dialect, sql, " VIEW ") {
			if !strings.Contains(p, "IncludingDeletes") && !strings.Contains(p, "DeletedResponsibility") {
				out = append(out, p)
			}
		}
		return out
	}
	for _, d := range []ddl.Dialect{ddl.Pgsql, ddl.Mssql} {
		sql, err := modelddl.PeopleAuthViewsSQL(d, views)
		if err != nil {
			t.Fatal(err)
		}
		got := peopleViews(d.Name(), sql)
		want := peopleViews(d.Name(), ddlEmissionExpected(t, d.Name(), "auth-people-views.sql"))
		if len(want) != 4 {
			t.Fatalf("%s: the reference script has %d people views, expected 4", d.Name(), len(want))
		}
		if diff := ddlcompare.FirstDifference(want, got); diff != "" {
			t.Errorf("%s: %s", d.Name(), diff)
		}
	}
}
