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

// referencePeopleAssociations are the association tables of the
// reference's auth-people-views case, with their tracked-change tables.
func referencePeopleAssociations() map[string]relmodel.AuthAssociation {
	out := map[string]relmodel.AuthAssociation{}
	for _, name := range []string{"StudentSchoolAssociation", "StudentContactAssociation", "StaffEducationOrganizationAssignmentAssociation",
		"StaffEducationOrganizationEmploymentAssociation", "StudentEducationOrganizationResponsibilityAssociation"} {
		a := relmodel.AuthAssociation{
			Table:       relmodel.TableName{Schema: "edfi", Name: name},
			EdOrgColumn: "EducationOrganization_EducationOrganizationId",
			Tracked:     &relmodel.TableName{Schema: "tracked_changes_edfi", Name: name},
		}
		switch name {
		case "StudentSchoolAssociation":
			a.EdOrgColumn = "SchoolId_Unified"
		case "StudentContactAssociation":
			a.EdOrgColumn = ""
		}
		out[name] = a
	}
	return out
}

// TestPeopleAuthViewsMatchReferenceEmission renders the four people
// authorization views and the four ReadChanges views over the association
// tables of the reference's auth-people-views case and requires the
// reference's expected views, byte for byte and in order, in both dialects.
func TestPeopleAuthViewsMatchReferenceEmission(t *testing.T) {
	live, readChanges := relmodel.PeopleAuthViews(referencePeopleAssociations())
	views := append(live, readChanges...)
	for _, d := range []ddl.Dialect{ddl.Pgsql, ddl.Mssql} {
		sql, err := modelddl.PeopleAuthViewsSQL(d, views)
		if err != nil {
			t.Fatal(err)
		}
		got := paragraphsMentioning(d.Name(), sql, " VIEW ")
		want := paragraphsMentioning(d.Name(), ddlEmissionExpected(t, d.Name(), "auth-people-views.sql"), " VIEW ")
		if len(want) != 8 {
			t.Fatalf("%s: the reference script has %d views, expected 8", d.Name(), len(want))
		}
		if diff := ddlcompare.FirstDifference(want, got); diff != "" {
			t.Errorf("%s: %s", d.Name(), diff)
		}
		if len(got) != len(want) {
			t.Errorf("%s: %d views, reference has %d", d.Name(), len(got), len(want))
		}
	}
}

// TestPeopleAuthViewsStandAlone: each view needs only the associations it
// reads, and its ReadChanges view also their tracked-change tables.
func TestPeopleAuthViewsStandAlone(t *testing.T) {
	all := referencePeopleAssociations()
	names := func(views []relmodel.AuthView) string {
		var out []string
		for _, v := range views {
			out = append(out, v.View.Name)
		}
		return strings.Join(out, " ")
	}
	for _, c := range []struct {
		associations      []string
		untracked         string
		live, readChanges string
	}{
		{[]string{"StudentSchoolAssociation"}, "",
			"EducationOrganizationIdToStudentDocumentId", "EducationOrganizationIdToStudentDocumentIdIncludingDeletes"},
		{[]string{"StudentSchoolAssociation", "StudentContactAssociation"}, "StudentContactAssociation",
			"EducationOrganizationIdToContactDocumentId EducationOrganizationIdToStudentDocumentId",
			"EducationOrganizationIdToStudentDocumentIdIncludingDeletes"},
		{[]string{"StaffEducationOrganizationAssignmentAssociation", "StudentEducationOrganizationResponsibilityAssociation"}, "",
			"EducationOrganizationIdToStudentDocumentIdThroughResponsibility",
			"EducationOrganizationIdToStudentDocumentIdDeletedResponsibility"},
		{[]string{"StaffEducationOrganizationAssignmentAssociation", "StaffEducationOrganizationEmploymentAssociation"}, "",
			"EducationOrganizationIdToStaffDocumentId", "EducationOrganizationIdToStaffDocumentIdIncludingDeletes"},
	} {
		given := map[string]relmodel.AuthAssociation{}
		for _, n := range c.associations {
			a := all[n]
			if n == c.untracked {
				a.Tracked = nil
			}
			given[n] = a
		}
		live, readChanges := relmodel.PeopleAuthViews(given)
		if got := names(live); got != c.live {
			t.Errorf("%v: live views %q, want %q", c.associations, got, c.live)
		}
		if got := names(readChanges); got != c.readChanges {
			t.Errorf("%v: ReadChanges views %q, want %q", c.associations, got, c.readChanges)
		}
	}
}
