package authz_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/compiler/fake"
	"github.com/edfi-dmsc/dmsc/compiler/load"
	"github.com/edfi-dmsc/dmsc/internal/refdata"
)

// fakeDoc is a document of the fake generator's output.
type fakeDoc struct {
	Project  string          `json:"project"`
	Resource string          `json:"resource"`
	Body     json.RawMessage `json:"body"`
}

// fakeDocs returns the fake's documents of resources (endpoint names,
// with what they reference) in load order, and the grants of a claim set
// that may create them all: NoFurtherAuthorizationRequired on each of
// their resources.
func fakeDocs(t testing.TB, set *load.SchemaSet, seed uint64, resources ...string) ([]fakeDoc, map[string][]string) {
	t.Helper()
	var out bytes.Buffer
	if _, err := fake.Generate(set, fake.Options{Resources: resources, Seed: seed}, &out); err != nil {
		t.Fatal(err)
	}
	var docs []fakeDoc
	setup := map[string][]string{}
	for _, line := range bytes.Split(bytes.TrimSpace(out.Bytes()), []byte("\n")) {
		var d fakeDoc
		if err := json.Unmarshal(line, &d); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
		setup[d.Resource] = []string{"NoFurtherAuthorizationRequired"}
	}
	return docs, setup
}

// postedDoc is a fake document POSTed: its decoded body and its new id.
type postedDoc struct {
	fakeDoc
	body map[string]any
	id   string
}

// postFakeDocs POSTs docs in order with token, each answered with one of
// the statuses accept (201 for a new document, 200 for an upsert of a key
// already POSTed) or the test fails; it returns the documents with their
// decoded bodies and new ids.
func postFakeDocs(t testing.TB, a *api, token string, docs []fakeDoc, accept ...int) []postedDoc {
	t.Helper()
	posted := make([]postedDoc, len(docs))
	for i, d := range docs {
		posted[i] = postedDoc{fakeDoc: d, body: d.decode(t)}
		r := a.do(t, token, "POST", d.Project+"/"+d.Resource, posted[i].body)
		if !slices.Contains(accept, r.status) {
			t.Fatalf("POST %s: status %d, want one of %v: %s", d.Resource, r.status, accept, r.body)
		}
		posted[i].id = r.id()
	}
	return posted
}

// grantedClaimSet is a claim set added to the claims and the strategies
// it grants on resources (relationshipClaimSet).
type grantedClaimSet struct {
	name      string
	resources map[string][]string
}

// startDS32a serves the DS 3.2a core, skipped in -short, with the ds52
// claims, the DS 3.x resources' claim set, the claim set setupClaim
// granted NoFurtherAuthorizationRequired on the fake documents of
// resources (fakeDocs with seed) and claimSets; it POSTs those documents
// with a client of setupClaim, and returns the server, that client and
// the documents POSTed.
func startDS32a(t *testing.T, seed uint64, resources []string, setupClaim string, claimSets ...grantedClaimSet) (*api, string, []postedDoc) {
	t.Helper()
	if testing.Short() {
		t.Skip("provisions the full DS 3.2a core")
	}
	p := provisionSchema(t, refdata.File(t, refdata.DS32aCoreSchema))
	docs, setup := fakeDocs(t, p.set, seed, resources...)
	names := []string{setupClaim}
	files := []string{filepath.Join("testdata", "ds3x-resources-claimset.json"), relationshipClaimSet(t, setupClaim, setup)}
	for _, c := range claimSets {
		names = append(names, c.name)
		files = append(files, relationshipClaimSet(t, c.name, c.resources))
	}
	claims := claimsWithClaimSets(t, filepath.Join(refdata.Dir(t, "claims"), "standards", "ds52", "Claims.json"), names...)
	p.loadClaims(t, append([]string{claims}, files...)...)
	a := startAPI(t, p)
	full := a.edOrgClient(setupClaim)
	return a, full, postFakeDocs(t, a, full, docs, http.StatusCreated)
}

// decode is d's body.
func (d fakeDoc) decode(t testing.TB) map[string]any {
	t.Helper()
	var body map[string]any
	if err := json.Unmarshal(d.Body, &body); err != nil {
		t.Fatalf("%s/%s: %v", d.Project, d.Resource, err)
	}
	return body
}

// TestDS32aRelationshipPeople runs the people strategies on the DS 3.2a
// core, whose database has the student (through StudentSchoolAssociation
// and through StudentEducationOrganizationResponsibilityAssociation) and
// staff views: a course transcript reaches its student through its
// student academic record (one hop), a staff member through an
// assignment, a student through a responsibility association. A client
// holding the organizations of the documents reads them; one holding
// another organization is denied with the reference's hints.
func TestDS32aRelationshipPeople(t *testing.T) {
	const people, responsibility, either = "Rel-People", "Rel-Responsibility", "Rel-Either"
	a, _, posted := startDS32a(t, 5, []string{"ed-fi/courseTranscripts", "ed-fi/studentSchoolAssociations",
		"ed-fi/staffEducationOrganizationAssignmentAssociations", "ed-fi/studentEducationOrganizationResponsibilityAssociations"}, "Rel-Setup",
		grantedClaimSet{people, map[string][]string{
			"courseTranscripts": {"RelationshipsWithEdOrgsAndPeople"}, "staffs": {"RelationshipsWithEdOrgsAndPeople"},
			"studentAcademicRecords": {"RelationshipsWithEdOrgsAndPeople"}, "students": {"RelationshipsWithEdOrgsAndPeople"},
		}},
		grantedClaimSet{responsibility, map[string][]string{"students": {"RelationshipsWithStudentsOnlyThroughResponsibility"}}},
		grantedClaimSet{either, map[string][]string{"students": {"RelationshipsWithEdOrgsAndPeople", "RelationshipsWithStudentsOnlyThroughResponsibility"}}},
	)
	if !slices.Contains(a.schema.AuthViews, "EducationOrganizationIdToStaffDocumentId") {
		t.Fatalf("DS 3.2a has the views %v, not the staff view", a.schema.AuthViews)
	}
	ids := map[string]string{}
	bodies := map[string]map[string]any{}
	for _, d := range posted {
		ids[d.Resource], bodies[d.Resource] = d.id, d.body
	}
	edOrg := func(resource, reference, member string) int64 {
		ref, _ := bodies[resource][reference].(map[string]any)
		v, ok := ref[member].(float64)
		if !ok {
			t.Fatalf("%s has no %s.%s: %v", resource, reference, member, bodies[resource])
		}
		return int64(v)
	}
	school := edOrg("studentSchoolAssociations", "schoolReference", "schoolId")
	record := edOrg("studentAcademicRecords", "educationOrganizationReference", "educationOrganizationId")
	assignment := edOrg("staffEducationOrganizationAssignmentAssociations", "educationOrganizationReference", "educationOrganizationId")
	responsible := edOrg("studentEducationOrganizationResponsibilityAssociations", "educationOrganizationReference", "educationOrganizationId")
	other := a.edOrgClient(people, 999999)
	get := func(token, resource string, status int) response {
		t.Helper()
		return a.do(t, token, "GET", "ed-fi/"+resource+"/"+ids[resource], nil).expect(t, "GET "+resource, status)
	}

	// One hop: the transcript's student through its academic record.
	related := a.edOrgClient(people, school, record)
	get(related, "courseTranscripts", http.StatusOK)
	if got := idsOf(t, a.do(t, related, "GET", "ed-fi/courseTranscripts", nil)); !slices.Equal(got, []string{ids["courseTranscripts"]}) {
		t.Errorf("GET many course transcripts related: %v", got)
	}
	if got := idsOf(t, a.do(t, other, "GET", "ed-fi/courseTranscripts", nil)); len(got) != 0 {
		t.Errorf("GET many course transcripts unrelated: %v", got)
	}
	a.do(t, other, "GET", "ed-fi/courseTranscripts/"+ids["courseTranscripts"], nil).expectProblem(t, "GET transcript unrelated", http.StatusForbidden,
		noRelationship("'999999'", "'EducationOrganizationId', 'StudentUniqueId'", ssaHint))
	// The record's organization alone does not relate the student.
	a.do(t, a.edOrgClient(people, record), "GET", "ed-fi/courseTranscripts/"+ids["courseTranscripts"], nil).expect(t, "GET transcript, record's organization only",
		map[bool]int{true: http.StatusOK, false: http.StatusForbidden}[record == school])

	// Staff through an assignment.
	get(a.edOrgClient(people, assignment), "staffs", http.StatusOK)
	a.do(t, other, "GET", "ed-fi/staffs/"+ids["staffs"], nil).expectProblem(t, "GET staff unrelated", http.StatusForbidden,
		noRelationship("'999999'", "'StaffUniqueId'",
			"You may need to create corresponding 'StaffEducationOrganizationEmploymentAssociation' or 'StaffEducationOrganizationAssignmentAssociation' items."))

	// Students through responsibility.
	get(a.edOrgClient(responsibility, responsible), "students", http.StatusOK)
	a.do(t, a.edOrgClient(responsibility, 999999), "GET", "ed-fi/students/"+ids["students"], nil).expectProblem(t, "GET student unrelated by responsibility",
		http.StatusForbidden, noRelationship("'999999'", "'StudentUniqueId'", "You may need to create a corresponding 'StudentEducationOrganizationResponsibilityAssociation' item."))

	// ORed: either relation suffices; a denial hints at both, once each.
	get(a.edOrgClient(either, responsible), "students", http.StatusOK)
	get(a.edOrgClient(either, school), "students", http.StatusOK)
	a.do(t, a.edOrgClient(either, 999999), "GET", "ed-fi/students/"+ids["students"], nil).expectProblem(t, "GET student unrelated either way",
		http.StatusForbidden, noRelationship("'999999'", "'StudentUniqueId'", ssaHint+" You may need to create a corresponding 'StudentEducationOrganizationResponsibilityAssociation' item."))

	// A write through the hop: the transcript's proposed student is
	// resolved from its academic record reference.
	transcript := bodies["courseTranscripts"]
	transcript["id"] = ids["courseTranscripts"]
	a.do(t, related, "PUT", "ed-fi/courseTranscripts/"+ids["courseTranscripts"], transcript).expect(t, "PUT transcript related", http.StatusNoContent)
	a.do(t, other, "PUT", "ed-fi/courseTranscripts/"+ids["courseTranscripts"], transcript).expectProblem(t, "PUT transcript unrelated", http.StatusForbidden,
		noRelationship("'999999'", "'EducationOrganizationId', 'StudentUniqueId'", ssaHint))
	a.do(t, other, "DELETE", "ed-fi/courseTranscripts/"+ids["courseTranscripts"], nil).expect(t, "DELETE transcript unrelated", http.StatusForbidden)
	a.do(t, related, "DELETE", "ed-fi/courseTranscripts/"+ids["courseTranscripts"], nil).expect(t, "DELETE transcript related", http.StatusNoContent)
	delete(transcript, "id")
	a.do(t, related, "POST", "ed-fi/courseTranscripts", transcript).expect(t, "POST transcript related", http.StatusCreated)
	a.do(t, other, "POST", "ed-fi/courseTranscripts", transcript).expectProblem(t, "POST transcript unrelated", http.StatusForbidden,
		noRelationship("'999999'", "'EducationOrganizationId', 'StudentUniqueId'", ssaHint))
	t.Logf("school %d, academic record organization %d, assignment %d, responsibility %d", school, record, assignment, responsible)
}

// idsOf are the ids of a GET-many answer (200 expected).
func idsOf(t *testing.T, r response) []string {
	t.Helper()
	return ids(t, r.expect(t, "GET many", http.StatusOK))
}

// TestDS32aRelationshipsWithEdOrgsOnlyFeature runs the scenarios of the
// reference's RelationshipsWithEdOrgsOnlyQueryAuthorization.feature and
// RelationshipsWithEdOrgsOnly.feature that the DS 3.2a core can express,
// with the reference's own claim sets (ds52 Claims.json) and expected
// bodies: the inverted strategy from a school claim, normal and inverted
// ORed, empty claims, paging and Total-Count after the filter, POST, PUT
// and direct claim match answers.
func TestDS32aRelationshipsWithEdOrgsOnlyFeature(t *testing.T) {
	if testing.Short() {
		t.Skip("provisions the full DS 3.2a core")
	}
	p := provisionSchema(t, refdata.File(t, refdata.DS32aCoreSchema))
	claims := refdata.Dir(t, "claims")
	p.loadClaims(t, filepath.Join(claims, "standards", "ds52", "Claims.json"), filepath.Join("testdata", "ds3x-resources-claimset.json"))
	a := startAPI(t, p)
	const edOrgsOnly, inverted, either = "E2E-RelationshipsWithEdOrgsOnlyClaimSet", "E2E-RelationshipsWithEdOrgsOnlyInvertedClaimSet", "E2E-RelationshipsWithEdOrgsOnlyOrInvertedClaimSet"
	setup := a.edOrgClient(edOrgsOnly, 2, 201, 20101, 3, 301, 30101, 255901, 255901001, 255901222)
	post := func(token, resource string, body map[string]any, status int) string {
		t.Helper()
		return a.do(t, token, "POST", "ed-fi/"+resource, body).expect(t, "POST "+resource, status).id()
	}
	for _, d := range []struct{ resource, uri string }{
		{"gradeLevelDescriptors", "uri://ed-fi.org/GradeLevelDescriptor#Tenth Grade"},
		{"educationOrganizationCategoryDescriptors", "uri://tpdm.ed-fi.org/EducationOrganizationCategoryDescriptor#School"},
		{"educationOrganizationCategoryDescriptors", "uri://tpdm.ed-fi.org/EducationOrganizationCategoryDescriptor#District"},
		{"educationOrganizationCategoryDescriptors", "uri://tpdm.ed-fi.org/EducationOrganizationCategoryDescriptor#State"},
		{"localEducationAgencyCategoryDescriptors", "uri://ed-fi.org/localEducationAgencyCategoryDescriptor#ABC"},
	} {
		i := strings.LastIndex(d.uri, "#")
		post(setup, d.resource, map[string]any{"namespace": d.uri[:i], "codeValue": d.uri[i+1:], "shortDescription": d.uri[i+1:]}, http.StatusCreated)
	}
	category := func(c string) []any {
		return []any{map[string]any{"educationOrganizationCategoryDescriptor": "uri://tpdm.ed-fi.org/EducationOrganizationCategoryDescriptor#" + c}}
	}
	leas := map[int64]string{}
	for _, h := range []struct{ sea, lea, school int64 }{{2, 201, 20101}, {3, 301, 30101}} {
		post(setup, "stateEducationAgencies", map[string]any{"stateEducationAgencyId": h.sea, "nameOfInstitution": "Test state", "categories": category("State")}, http.StatusCreated)
		leas[h.lea] = post(setup, "localEducationAgencies", map[string]any{"localEducationAgencyId": h.lea, "nameOfInstitution": "Test LEA",
			"stateEducationAgencyReference": map[string]any{"stateEducationAgencyId": h.sea}, "categories": category("District"),
			"localEducationAgencyCategoryDescriptor": "uri://ed-fi.org/localEducationAgencyCategoryDescriptor#ABC"}, http.StatusCreated)
		post(setup, "schools", map[string]any{"schoolId": h.school, "nameOfInstitution": "Test school", "localEducationAgencyReference": map[string]any{"localEducationAgencyId": h.lea},
			"gradeLevels":                     []any{map[string]any{"gradeLevelDescriptor": "uri://ed-fi.org/GradeLevelDescriptor#Tenth Grade"}},
			"educationOrganizationCategories": category("School")}, http.StatusCreated)
	}
	leaPage := func(token string, want ...string) {
		t.Helper()
		got := idsOf(t, a.do(t, token, "GET", "ed-fi/localEducationAgencies", nil))
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("GET localEducationAgencies: %v, want %v", got, want)
		}
	}
	// Inverted strategy allows school claims to query parent local education agencies.
	leaPage(a.edOrgClient(inverted, 20101), leas[201])
	// Normal and inverted strategies are ORed for GET-many authorization.
	leaPage(a.edOrgClient(either, 2, 30101), leas[201], leas[301])

	for _, s := range []int64{255901001, 255901222} {
		post(setup, "schools", map[string]any{"schoolId": s, "nameOfInstitution": "School",
			"gradeLevels":                     []any{map[string]any{"gradeLevelDescriptor": "uri://ed-fi.org/GradeLevelDescriptor#Tenth Grade"}},
			"educationOrganizationCategories": category("School")}, http.StatusCreated)
	}
	week := func(id string, school int64, begin, end string, days int) map[string]any {
		return map[string]any{"weekIdentifier": id, "schoolReference": map[string]any{"schoolId": school}, "beginDate": begin, "endDate": end, "totalInstructionalDays": days}
	}
	post(setup, "academicWeeks", week("week unauth", 255901222, "2023-08-01", "2023-08-07", 5), http.StatusCreated)
	auth1 := post(setup, "academicWeeks", week("week auth 1", 255901001, "2023-08-08", "2023-08-14", 5), http.StatusCreated)
	post(setup, "academicWeeks", week("week auth 2", 255901001, "2023-08-15", "2023-08-21", 4), http.StatusCreated)
	// Empty education organization claims return an empty page with total count zero.
	if r := a.do(t, a.edOrgClient(edOrgsOnly), "GET", "ed-fi/academicWeeks?totalCount=true", nil).expect(t, "GET weeks without claims", http.StatusOK); string(r.body) != "[]" || r.header.Get("Total-Count") != "0" {
		t.Errorf("GET weeks without claims: %s (Total-Count %s)", r.body, r.header.Get("Total-Count"))
	}
	// Paging and total count are applied after relational authorization filtering.
	school1 := a.edOrgClient(edOrgsOnly, 255901001)
	if r := a.do(t, school1, "GET", "ed-fi/academicWeeks?totalCount=true&limit=1", nil).expect(t, "GET weeks page", http.StatusOK); !slices.Equal(ids(t, r), []string{auth1}) || r.header.Get("Total-Count") != "2" {
		t.Errorf("GET weeks limit 1: %s (Total-Count %s), want week auth 1 of 2", r.body, r.header.Get("Total-Count"))
	}
	// POST create-new returns forbidden when the caller lacks a relationship to the proposed school.
	other := a.edOrgClient(edOrgsOnly, 255901222)
	a.do(t, other, "POST", "ed-fi/academicWeeks", week("post create forbidden", 255901001, "2023-08-08", "2023-08-14", 5)).expectProblem(t, "POST week unrelated",
		http.StatusForbidden, noRelationship("'255901222'", "'SchoolId'", ""))
	// PUT returns forbidden and leaves the academic week unchanged when stored authorization fails.
	changed := week("week auth 1", 255901001, "2023-08-08", "2023-08-14", 6)
	changed["id"] = auth1
	a.do(t, other, "PUT", "ed-fi/academicWeeks/"+auth1, changed).expect(t, "PUT week unrelated", http.StatusForbidden)
	var stored map[string]any
	if err := json.Unmarshal(a.do(t, school1, "GET", "ed-fi/academicWeeks/"+auth1, nil).expect(t, "GET week", http.StatusOK).body, &stored); err != nil || stored["totalInstructionalDays"] != float64(5) {
		t.Errorf("the forbidden PUT changed the week: %v", stored)
	}
	a.do(t, school1, "PUT", "ed-fi/academicWeeks/"+auth1, changed).expect(t, "PUT week related", http.StatusNoContent)

	// LocalEducationAgency create uses direct EdOrg claim match.
	lea := map[string]any{"localEducationAgencyId": 255901, "nameOfInstitution": "Direct Match LEA", "categories": category("District"),
		"localEducationAgencyCategoryDescriptor": "uri://ed-fi.org/localEducationAgencyCategoryDescriptor#ABC"}
	a.do(t, a.edOrgClient(edOrgsOnly, 999999), "POST", "ed-fi/localEducationAgencies", lea).expectProblem(t, "POST LEA not claimed", http.StatusForbidden,
		noRelationship("'999999'", "'LocalEducationAgencyId'", ""))
	a.do(t, a.edOrgClient(edOrgsOnly), "POST", "ed-fi/localEducationAgencies", lea).expectProblem(t, "POST LEA without claims", http.StatusForbidden,
		noRelationship("none", "'LocalEducationAgencyId'", ""))
	direct := a.edOrgClient(edOrgsOnly, 255901)
	id := post(direct, "localEducationAgencies", lea, http.StatusCreated)
	a.do(t, direct, "GET", "ed-fi/localEducationAgencies/"+id, nil).expect(t, "GET directly claimed LEA", http.StatusOK)
}
