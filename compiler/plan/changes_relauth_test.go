package plan_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/internal/refdata"
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
