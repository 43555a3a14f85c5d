package plan_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/internal/refdata"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// TestChangePlansNameTrackedRelationshipColumns checks which tracked-change
// columns hold the old values of the relationship elements on DS 3.2a:
// education organizations by their key-unified or reference column, and
// persons by their denormalized DocumentId, a person reached through hops
// included; every relationship element of a resource with change
// statements has one, and the schema lists the ReadChanges views.
func TestChangePlansNameTrackedRelationshipColumns(t *testing.T) {
	s := buildPlans(t, refdata.File(t, refdata.DS32aCoreSchema))
	for name, want := range map[string][2]string{
		"StudentSchoolAssociation":                        {"OldSchoolId_Unified", "OldStudent_DocumentId"},
		"StaffEducationOrganizationAssignmentAssociation": {"OldEducationOrganization_EducationOrganizationId", "OldStaff_DocumentId"},
		"CourseTranscript":                                {"OldStudentAcademicRecord_EducationOrganizationId", "OldStudentAcademicRecord_Student_DocumentId"},
		"Student":                                         {"", "OldStudent_DocumentId"},
	} {
		cp := find(t, s, name).Changes
		if got := [2]string{strings.Join(cp.EdOrgColumns, ","), strings.Join(cp.PersonColumns, ",")}; got != want {
			t.Errorf("%s: tracked edorg, person columns %q, want %q", name, got, want)
		}
	}
	for _, r := range s.Resources {
		if r.Relationships == nil || r.Changes == nil || r.Changes.Deletes == "" {
			continue
		}
		if slices.Contains(r.Changes.EdOrgColumns, "") || slices.Contains(r.Changes.PersonColumns, "") {
			t.Errorf("%s: an element without a tracked column: %q %q", r.Name, r.Changes.EdOrgColumns, r.Changes.PersonColumns)
		}
	}
	for _, v := range []string{"EducationOrganizationIdToStudentDocumentIdIncludingDeletes", "EducationOrganizationIdToStudentDocumentIdDeletedResponsibility"} {
		if !slices.Contains(s.AuthViews, v) {
			t.Errorf("schema AuthViews %v lack %s", s.AuthViews, v)
		}
	}
}

// TestChangePlansNameTheReadChangesViewsTheirRowsAreIn: the tracked rows
// of the associations the ReadChanges views read are themselves rows of
// those views (an arm joins the hierarchy on the row's old education
// organization and outputs its old person, deletes and key changes
// alike), on the bundled schema and DS 3.2a; no other resource's are.
func TestChangePlansNameTheReadChangesViewsTheirRowsAreIn(t *testing.T) {
	inView := func(view string) []spec.TrackedRowInView { return []spec.TrackedRowInView{{View: view}} }
	for _, c := range []struct {
		name   string
		schema *spec.Schema
		want   map[string][]spec.TrackedRowInView
	}{
		{"bundled", bundled(t), map[string][]spec.TrackedRowInView{
			"StudentSchoolAssociation": inView("EducationOrganizationIdToStudentDocumentIdIncludingDeletes"),
		}},
		{"DS 3.2a", buildPlans(t, refdata.File(t, refdata.DS32aCoreSchema)), map[string][]spec.TrackedRowInView{
			"StudentSchoolAssociation":                              inView("EducationOrganizationIdToStudentDocumentIdIncludingDeletes"),
			"StaffEducationOrganizationAssignmentAssociation":       inView("EducationOrganizationIdToStaffDocumentIdIncludingDeletes"),
			"StaffEducationOrganizationEmploymentAssociation":       inView("EducationOrganizationIdToStaffDocumentIdIncludingDeletes"),
			"StudentEducationOrganizationResponsibilityAssociation": inView("EducationOrganizationIdToStudentDocumentIdDeletedResponsibility"),
		}},
	} {
		got := map[string][]spec.TrackedRowInView{}
		for _, r := range c.schema.Resources {
			if r.Changes != nil && r.Changes.RowInViews != nil {
				got[r.Name] = r.Changes.RowInViews
			}
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: RowInViews %v, want %v", c.name, got, c.want)
		}
	}
}

// TestCheckRefusesBrokenChangePlanAuthorization breaks the bundled
// StudentSchoolAssociation's tracked row-in-view and person probe one way
// at a time and expects Check to name it.
func TestCheckRefusesBrokenChangePlanAuthorization(t *testing.T) {
	for _, tc := range []struct {
		name    string
		corrupt func(cp *spec.ChangePlan)
		want    string
	}{
		{"no view", func(cp *spec.ChangePlan) { cp.RowInViews[0].View = "" }, "View is empty"},
		{"EdOrg out of range", func(cp *spec.ChangePlan) { cp.RowInViews[0].EdOrg = 1 }, "EdOrg is 1"},
		{"Person out of range", func(cp *spec.ChangePlan) { cp.RowInViews[0].Person = -1 }, "Person is -1"},
		{"person not recorded", func(cp *spec.ChangePlan) { cp.PersonColumns[0] = "" }, "Person 0 is a person the tracked rows do not record"},
		{"probe without view", func(cp *spec.ChangePlan) { cp.PersonProbes[0].View = "" }, "View is empty"},
		{"probed Person out of range", func(cp *spec.ChangePlan) { cp.PersonProbes[0].Person = 1 }, "Person is 1"},
		{"probed twice", func(cp *spec.ChangePlan) { cp.PersonProbes = append(cp.PersonProbes, cp.PersonProbes[0]) }, "Person 0 is probed twice"},
		{"no claims", func(cp *spec.ChangePlan) {
			cp.PersonProbes[0].Probe = []string{strings.Join(cp.PersonProbes[0].Probe, "")}
		}, "Probe does not test"},
		{"another column", func(cp *spec.ChangePlan) { cp.PersonColumns[0] = "OldSchool_SchoolId" }, `Probe does not test = c."OldSchool_SchoolId"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			corrupt := func(r *spec.Resource) { tc.corrupt(r.Changes) }
			expectCheckRefuses(t, "StudentSchoolAssociation", corrupt, "StudentSchoolAssociation", tc.want)
		})
	}
}
