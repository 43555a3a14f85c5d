package authz_test

import (
	"net/http"
	"slices"
	"strconv"
	"testing"
)

// TestBundledChangesRelationshipAuthorization runs the relationship
// strategies of ReadChanges over HTTP on the bundled schema: /deletes
// answers the tombstones whose old values relate to the client's
// education organizations (RelationshipsWithEdOrgsOnly through the
// hierarchy and by direct claim match; a student through the
// …IncludingDeletes view after its enrolment is deleted too), the filter
// applying before paging and Total-Count; /keyChanges runs the filtered
// statement; strategies the change routes do not support, and views the
// schema lacks, are security configuration errors.
func TestBundledChangesRelationshipAuthorization(t *testing.T) {
	schemas, claims := bundledSchema(t)
	p := provisionSchema(t, schemas...)
	const edOrgs, students, live = "RC-EdOrgsOnly", "RC-StudentsIncludingDeletes", "RC-EdOrgsAndPeople"
	p.loadClaims(t, claimsWithClaimSets(t, claims, edOrgs, students, live),
		relationshipClaimSet(t, edOrgs, map[string][]string{"studentSchoolAssociations": {"RelationshipsWithEdOrgsOnly"}}),
		relationshipClaimSet(t, students, map[string][]string{
			"students": {"RelationshipsWithStudentsOnlyIncludingDeletes"}, "staffs": {"RelationshipsWithEdOrgsAndPeopleIncludingDeletes"},
			"studentSchoolAssociations": {"RelationshipsWithEdOrgsAndPeopleIncludingDeletes"},
		}),
		relationshipClaimSet(t, live, map[string][]string{"students": {"RelationshipsWithEdOrgsAndPeople"}}),
	)
	a := startAPI(t, p)
	full := a.client("FullAccess")
	seedHierarchy(t, a, full)
	studentIDs, ssaIDs := map[string]string{}, map[string]string{}
	for _, e := range []struct {
		student string
		school  int64
	}{{"S1", school1}, {"S2", school2}, {"S3", school1}} {
		studentIDs[e.student] = a.create(t, full, "ed-fi/students", student(e.student))
		ssaIDs[e.student] = a.create(t, full, "ed-fi/studentSchoolAssociations", ssa(e.student, e.school))
	}
	// S1 and S2 leave their schools and are deleted; S3 stays enrolled.
	for _, s := range []string{"S1", "S2"} {
		a.remove(t, full, "ed-fi/studentSchoolAssociations", ssaIDs[s])
		a.remove(t, full, "ed-fi/students", studentIDs[s])
	}

	deletes := func(t *testing.T, token, path string, want ...string) {
		t.Helper()
		r := a.do(t, token, "GET", path+"/deletes?totalCount=true", nil).expect(t, "GET "+path+"/deletes", http.StatusOK)
		got := ids(t, r)
		if !slices.Equal(got, want) || r.header.Get("Total-Count") != strconv.Itoa(len(want)) {
			t.Errorf("%s/deletes: %v (Total-Count %s), want %v", path, got, r.header.Get("Total-Count"), want)
		}
	}
	ssa, student := "ed-fi/studentSchoolAssociations", "ed-fi/students"

	t.Run("EdOrgsOnly", func(t *testing.T) {
		deletes(t, a.edOrgClient(edOrgs, school1), ssa, ssaIDs["S1"])
		deletes(t, a.edOrgClient(edOrgs, lea1), ssa, ssaIDs["S1"])
		deletes(t, a.edOrgClient(edOrgs, school2), ssa, ssaIDs["S2"])
		deletes(t, a.edOrgClient(edOrgs, school1, lea2), ssa, ssaIDs["S1"], ssaIDs["S2"])
		deletes(t, a.edOrgClient(edOrgs), ssa)
		// A direct claim match needs no hierarchy row.
		deletes(t, a.edOrgClient(edOrgs, 999999), ssa)
		a.do(t, a.edOrgClient(edOrgs, school1), "GET", ssa+"/keyChanges?totalCount=true", nil).expect(t, "keyChanges", http.StatusOK)
	})

	t.Run("IncludingDeletes", func(t *testing.T) {
		deletes(t, a.edOrgClient(students, school1), student, studentIDs["S1"])
		deletes(t, a.edOrgClient(students, lea2), student, studentIDs["S2"])
		deletes(t, a.edOrgClient(students, 999999), student)
		// EdOrgs and the student: both of the deleted association.
		deletes(t, a.edOrgClient(students, lea1), ssa, ssaIDs["S1"])
		a.do(t, a.edOrgClient(students, lea1), "GET", student+"/keyChanges", nil).expect(t, "keyChanges", http.StatusOK)
	})

	t.Run("Configuration", func(t *testing.T) {
		a.do(t, a.edOrgClient(live, school1), "GET", student+"/deletes", nil).expectProblem(t, "live strategy on ReadChanges", http.StatusInternalServerError,
			`{"detail":"A security configuration problem was detected. The request cannot be authorized.","type":"urn:ed-fi:api:system:configuration:security","title":"Security Configuration Error","status":500,"validationErrors":{},"errors":["Could not find authorization strategy implementations for the following strategy names: 'RelationshipsWithEdOrgsAndPeople'."]}`)
		a.do(t, a.edOrgClient(students, school1), "GET", "ed-fi/staffs/deletes", nil).expectProblem(t, "no staff view", http.StatusInternalServerError,
			`{"detail":"A security configuration problem was detected. The request cannot be authorized.","type":"urn:ed-fi:api:system:configuration:security","title":"Security Configuration Error","status":500,"validationErrors":{},"errors":["The 'RelationshipsWithEdOrgsAndPeopleIncludingDeletes' authorization strategy is configured for the 'ReadChanges' action on resource 'Staff', but the people authorization view 'auth.EducationOrganizationIdToStaffDocumentIdIncludingDeletes' it needs does not exist in this schema."]}`)
	})
}
