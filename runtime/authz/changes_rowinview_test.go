package authz_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/runtime/auth"
	"github.com/edfi-dmsc/dmsc/runtime/authz"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// TestChangesFilterSkipsThePersonTheTrackedRowRelates runs the
// StudentSchoolAssociation change statements under
// RelationshipsWithEdOrgsAndPeopleIncludingDeletes with the person test
// the tracked row implies (ChangePlan.RowInViews) and without it, over
// tombstones and key changes whose student nothing else relates, and
// ones of a school deleted since (claimed directly, it relates the row by
// direct claim match but no longer the student): every claim set gets
// the same rows from both.
func TestChangesFilterSkipsThePersonTheTrackedRowRelates(t *testing.T) {
	const ssas, students, school3 = "ed-fi/studentSchoolAssociations", "ed-fi/students", 255901002
	a, full, school3ID, postEnrolment := startEnrolments(t, school3)
	enrol := func(studentUniqueID string, schoolID int64) (studentID, ssaID string) {
		t.Helper()
		return a.create(t, full, students, student(studentUniqueID)), postEnrolment(studentUniqueID, schoolID)
	}
	rekey := func(ssaID, student string, schoolID int64, entryDate string) {
		t.Helper()
		body := ssa(student, schoolID)
		body["id"], body["entryDate"] = ssaID, entryDate
		a.do(t, full, "PUT", ssas+"/"+ssaID, body).expect(t, "PUT "+ssas, http.StatusNoContent)
	}
	// S1 and S4 leave school1 and school3 and are deleted: tombstones
	// whose student only the tombstone relates. S2 is re-keyed at school2,
	// S5 moved from school2 to school1, S6 re-keyed at school3 and moved
	// to school2, S3 stays at school1. Then school3 is deleted.
	for _, s := range []struct {
		student string
		school  int64
	}{{"S1", school1}, {"S4", school3}} {
		studentID, ssaID := enrol(s.student, s.school)
		a.remove(t, full, ssas, ssaID)
		a.remove(t, full, students, studentID)
	}
	_, s2 := enrol("S2", school2)
	rekey(s2, "S2", school2, "2024-08-21")
	_, s5 := enrol("S5", school2)
	rekey(s5, "S5", school1, "2024-08-20")
	_, s6 := enrol("S6", school3)
	rekey(s6, "S6", school3, "2024-08-21")
	rekey(s6, "S6", school2, "2024-08-21")
	enrol("S3", school1)
	a.remove(t, full, "ed-fi/schools", school3ID)

	res := a.resource(t, "StudentSchoolAssociation")
	if len(res.Changes.RowInViews) == 0 {
		t.Fatal("StudentSchoolAssociation's tracked rows are in no ReadChanges view: nothing to skip")
	}
	answers := compareChangePlans(t, a.provisioned, res, func(c *spec.ChangePlan) { c.RowInViews = nil },
		[]string{authz.RelationshipsWithEdOrgsAndPeopleIncludingDeletes},
		[][]int64{{school1}, {school2}, {school3}, {lea1}, {lea2}, {school1, lea2}, {school3, lea2}, {999999}, {}})
	// school1, lea1, and school1 with lea2 see S1's tombstone; school2,
	// lea2 and school1 with lea2 see S2's and S5's key changes, school3
	// with lea2 them and S6's (school3 by direct claim match, S6 through
	// its enrolment at school2); school3 alone, its rows' school deleted,
	// sees nothing: not S4's tombstone, which its direct claim match
	// would take without the student's test.
	if answers["deletes"] != 3 || answers["keyChanges"] != 9 {
		t.Errorf("%v rows in all, want 3 deletes and 9 keyChanges: the data no longer covers the cases", answers)
	}
	c := auth.WithPrincipal(context.Background(), &auth.Principal{EducationOrganizationIDs: []int64{school1}})
	auth.SetDecision(c, &auth.Decision{Strategies: []string{authz.RelationshipsWithEdOrgsAndPeopleIncludingDeletes}})
	if filter, _ := authz.ChangesRelationshipRuleFrom(c, res).Filter(1); !strings.Contains(filter, `(coalesce(c."OldSchool_SchoolId" IN (SELECT "TargetEducationOrganizationId"`) {
		t.Errorf("the filter does not test the student only past the hierarchy: %s", filter)
	}
}
