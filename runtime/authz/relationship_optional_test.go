package authz_test

import (
	"encoding/json"
	"maps"
	"net/http"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// testdata/optional-securable.ApiSchema.json is an extension project of
// the bundled core whose resources have optional securable elements: the
// only way to store a NULL securable element through the API, or to
// propose a document without one, which no resource of the bundled
// schemas allows. OptionalSchoolNote has a school reference
// (EducationOrganization SchoolId) and a student reference (Student),
// SchoolReview a plain education organization id, ReviewingSchoolId.
const (
	optionalSchema = "optional-securable.ApiSchema.json"
	notesPath      = "fixture/optionalSchoolNotes"
	reviewsPath    = "fixture/schoolReviews"
)

// The reference's problem types of design-docs/auth.md §ProblemDetails 2.5
// (a stored securable element is NULL) and 2.6 (the request lacks one).
const (
	elementUninitialized = "urn:ed-fi:api:security:authorization:relationships:invalid-data:element-uninitialized"
	elementRequired      = "urn:ed-fi:api:security:authorization:relationships:access-denied:element-required"
)

// relationshipProblem is the reference's 403 body of type typ whose detail
// continues the default detail with more.
func relationshipProblem(t *testing.T, typ, more string, errors ...string) string {
	t.Helper()
	body, err := json.Marshal(map[string]any{
		"detail": "Access to the requested data could not be authorized. " + more,
		"type":   typ, "title": "Authorization Denied", "status": http.StatusForbidden,
		"validationErrors": map[string]any{}, "errors": append([]string{}, errors...),
	})
	if err != nil {
		t.Fatal(err)
	}
	return string(body)
}

// inaccessible is a 2.5 error of one strategy.
func inaccessible(strategy string) string {
	return "The existing resource item is inaccessible to clients using the '" + strategy + "' authorization strategy."
}

// optionalNote is an OptionalSchoolNote, about the school and the student
// when given (schoolID 0 and studentID "" leave the reference out).
func optionalNote(noteID int, schoolID int64, studentID string) map[string]any {
	n := map[string]any{"noteId": noteID, "text": "note " + strconv.Itoa(noteID)}
	if schoolID != 0 {
		n["schoolReference"] = map[string]any{"schoolId": schoolID}
	}
	if studentID != "" {
		n["studentReference"] = map[string]any{"studentUniqueId": studentID}
	}
	return n
}

// fixtureDomainClaims writes the fragment adding the fixture project's
// domain and a resource claim for each of resources (resource names), granting
// every action to each claim set of grants under its strategies, and
// returns its path.
func fixtureDomainClaims(t *testing.T, resources []string, grants map[string][]string) string {
	t.Helper()
	var claimSets []map[string]any
	for _, name := range slices.Sorted(maps.Keys(grants)) {
		var actions []map[string]any
		for _, action := range allActions {
			var overrides []map[string]string
			for _, s := range grants[name] {
				overrides = append(overrides, map[string]string{"name": s})
			}
			actions = append(actions, map[string]any{"name": action, "authorizationStrategyOverrides": overrides})
		}
		claimSets = append(claimSets, map[string]any{"name": name, "actions": actions})
	}
	var children []map[string]any
	for _, r := range resources {
		children = append(children, map[string]any{"name": "http://ed-fi.org/identity/claims/fixture/" + strings.ToLower(r[:1]) + r[1:]})
	}
	return writeClaimSetFragment(t, "fixture-domain", []map[string]any{{
		"name": "http://ed-fi.org/identity/claims/domains/fixture", "isParent": true,
		"children": children, "claimSets": claimSets,
	}})
}

// TestOptionalSecurableElements runs design-docs/auth.md §ProblemDetails
// 2.5 and 2.6 end to end on PostgreSQL: documents stored without a school
// or a student by a client without data checks, then read, replaced and
// deleted, and documents proposed without them, by clients under
// RelationshipsWithEdOrgsOnly, RelationshipsWithEdOrgsAndPeople,
// RelationshipsWithStudentsOnly and the first two ORed; and the same for
// a plain education organization id. Precedence: a NULL stored element
// outranks a missing proposed one (the stored values are checked first)
// and both outrank an unrelated element; GET-many and ReadChanges leave
// documents with a NULL element out.
func TestOptionalSecurableElements(t *testing.T) {
	schemas, claims := bundledSchema(t)
	p := provisionSchema(t, schemas[0], filepath.Join("testdata", optionalSchema))
	const edOrgs, people, students, either = "Opt-EdOrgsOnly", "Opt-EdOrgsAndPeople", "Opt-StudentsOnly", "Opt-Either"
	p.loadClaims(t, claimsWithClaimSets(t, claims, edOrgs, people, students, either),
		fixtureDomainClaims(t, []string{"OptionalSchoolNote", "SchoolReview"}, map[string][]string{
			"FullAccess": {"NoFurtherAuthorizationRequired"},
			edOrgs:       {"RelationshipsWithEdOrgsOnly"},
			people:       {"RelationshipsWithEdOrgsAndPeople"},
			students:     {"RelationshipsWithStudentsOnly"},
			either:       {"RelationshipsWithEdOrgsOnly", "RelationshipsWithEdOrgsAndPeople"},
		}))
	a := startAPI(t, p)
	full := a.client("FullAccess")
	seedHierarchy(t, a, full)
	for _, s := range []string{"S1", "S2"} {
		a.do(t, full, "POST", "ed-fi/students", student(s)).expect(t, "POST student", http.StatusCreated)
	}
	a.do(t, full, "POST", "ed-fi/studentSchoolAssociations", ssa("S1", school1)).expect(t, "POST SSA", http.StatusCreated)
	notes := map[string]string{}
	for name, body := range map[string]map[string]any{
		"none":                    optionalNote(1, 0, ""),
		"related":                 optionalNote(2, school1, "S1"),
		"unrelated":               optionalNote(3, school2, ""),
		"school only":             optionalNote(4, school1, ""),
		"student only, unrelated": optionalNote(5, 0, "S2"),
	} {
		notes[name] = a.do(t, full, "POST", notesPath, body).expect(t, "POST note "+name, http.StatusCreated).id()
	}
	// created checks that token may create the note body, then deletes it
	// so that each subtest sees the seeded notes only.
	created := func(t *testing.T, token, what string, body map[string]any) {
		t.Helper()
		id := a.do(t, token, "POST", notesPath, body).expect(t, what, http.StatusCreated).id()
		a.do(t, full, "DELETE", notesPath+"/"+id, nil).expect(t, "DELETE "+what, http.StatusNoContent)
	}

	t.Run("EdOrgsOnly", func(t *testing.T) {
		c := a.edOrgClient(edOrgs, lea1)
		schoolNull := relationshipProblem(t, elementUninitialized, "The existing 'SchoolId' value is required for authorization purposes.",
			inaccessible("RelationshipsWithEdOrgsOnly"))
		schoolMissing := relationshipProblem(t, elementRequired, "The 'SchoolId' value is required for authorization purposes.")
		// The NULL school is left out, not a 403.
		a.pageOf(t, c, notesPath, notes["related"], notes["school only"])
		none := notes["none"]
		a.do(t, c, "GET", notesPath+"/"+none, nil).expectProblem(t, "GET stored NULL", http.StatusForbidden, schoolNull)
		// The stored values are checked before the proposed ones: related
		// or missing, the proposed school does not matter.
		a.do(t, c, "PUT", notesPath+"/"+none, withID(optionalNote(1, school1, ""), none)).expectProblem(t, "PUT stored NULL, proposed related",
			http.StatusForbidden, schoolNull)
		a.do(t, c, "PUT", notesPath+"/"+none, withID(optionalNote(1, 0, ""), none)).expectProblem(t, "PUT stored NULL, proposed missing",
			http.StatusForbidden, schoolNull)
		a.do(t, c, "POST", notesPath, optionalNote(1, school1, "")).expectProblem(t, "POST updating a stored NULL", http.StatusForbidden, schoolNull)
		a.do(t, c, "DELETE", notesPath+"/"+none, nil).expectProblem(t, "DELETE stored NULL", http.StatusForbidden, schoolNull)
		var stored map[string]any
		if err := json.Unmarshal(a.do(t, full, "GET", notesPath+"/"+none, nil).expect(t, "GET stored NULL", http.StatusOK).body, &stored); err != nil {
			t.Fatal(err)
		}
		if _, ok := stored["schoolReference"]; ok {
			t.Errorf("the denied writes changed the document: %v", stored)
		}

		a.do(t, c, "POST", notesPath, optionalNote(10, 0, "")).expectProblem(t, "POST without a school", http.StatusForbidden, schoolMissing)
		if got := ids(t, a.do(t, full, "GET", notesPath+"?noteId=10", nil)); len(got) != 0 {
			t.Errorf("the denied POST created %v", got)
		}
		only := notes["school only"]
		a.do(t, c, "PUT", notesPath+"/"+only, withID(optionalNote(4, 0, ""), only)).expectProblem(t, "PUT removing the school",
			http.StatusForbidden, schoolMissing)
		a.do(t, c, "PUT", notesPath+"/"+only, withID(optionalNote(4, school1, ""), only)).expect(t, "PUT keeping the school", http.StatusNoContent)
	})

	t.Run("EdOrgsAndPeople", func(t *testing.T) {
		c := a.edOrgClient(people, school1)
		const strategy = "RelationshipsWithEdOrgsAndPeople"
		a.pageOf(t, c, notesPath, notes["related"])
		a.do(t, c, "GET", notesPath+"/"+notes["related"], nil).expect(t, "GET related", http.StatusOK)
		a.do(t, c, "GET", notesPath+"/"+notes["school only"], nil).expectProblem(t, "GET student NULL", http.StatusForbidden,
			relationshipProblem(t, elementUninitialized, "The existing 'StudentUniqueId' value is required for authorization purposes. Hint: "+ssaHint,
				inaccessible(strategy)))
		// A NULL school outranks an unrelated student, whose hint is not
		// given.
		a.do(t, c, "GET", notesPath+"/"+notes["student only, unrelated"], nil).expectProblem(t, "GET school NULL, student unrelated", http.StatusForbidden,
			relationshipProblem(t, elementUninitialized, "The existing 'SchoolId' value is required for authorization purposes.", inaccessible(strategy)))
		bothNull := relationshipProblem(t, elementUninitialized,
			"The existing values of one or more of the following properties are required for authorization purposes: 'SchoolId', 'StudentUniqueId'. Hint: "+ssaHint,
			inaccessible(strategy))
		a.do(t, c, "GET", notesPath+"/"+notes["none"], nil).expectProblem(t, "GET both NULL", http.StatusForbidden, bothNull)
		a.do(t, c, "DELETE", notesPath+"/"+notes["none"], nil).expectProblem(t, "DELETE both NULL", http.StatusForbidden, bothNull)

		// A missing student outranks an unrelated school.
		studentMissing := relationshipProblem(t, elementRequired, "The 'StudentUniqueId' value is required for authorization purposes. Hint: "+ssaHint)
		a.do(t, c, "POST", notesPath, optionalNote(20, school2, "")).expectProblem(t, "POST school unrelated, no student", http.StatusForbidden, studentMissing)
		a.do(t, c, "POST", notesPath, optionalNote(21, 0, "")).expectProblem(t, "POST neither", http.StatusForbidden,
			relationshipProblem(t, elementRequired, "The values of one or more of the following properties are required for authorization purposes: 'SchoolId', 'StudentUniqueId'. Hint: "+ssaHint))
		a.do(t, c, "POST", notesPath, optionalNote(22, school2, "S2")).expectProblem(t, "POST both unrelated", http.StatusForbidden,
			noRelationship("'255901001'", "'SchoolId', 'StudentUniqueId'", ssaHint))
		related := notes["related"]
		a.do(t, c, "PUT", notesPath+"/"+related, withID(optionalNote(2, school1, ""), related)).expectProblem(t, "PUT removing the student",
			http.StatusForbidden, studentMissing)
		a.do(t, c, "PUT", notesPath+"/"+related, withID(optionalNote(2, school2, ""), related)).expectProblem(t, "PUT removing the student, school unrelated",
			http.StatusForbidden, studentMissing)
		// The stored values are checked first.
		only := notes["school only"]
		a.do(t, c, "PUT", notesPath+"/"+only, withID(optionalNote(4, school1, "S1"), only)).expectProblem(t, "PUT student NULL, proposed related",
			http.StatusForbidden, relationshipProblem(t, elementUninitialized, "The existing 'StudentUniqueId' value is required for authorization purposes. Hint: "+ssaHint,
				inaccessible(strategy)))
		created(t, c, "POST related", optionalNote(23, school1, "S1"))
	})

	t.Run("StudentsOnly", func(t *testing.T) {
		c := a.edOrgClient(students, school1)
		studentNull := relationshipProblem(t, elementUninitialized, "The existing 'StudentUniqueId' value is required for authorization purposes. Hint: "+ssaHint,
			inaccessible("RelationshipsWithStudentsOnly"))
		// The school takes no part: a NULL one does not matter.
		a.pageOf(t, c, notesPath, notes["related"])
		a.do(t, c, "GET", notesPath+"/"+notes["school only"], nil).expectProblem(t, "GET student NULL", http.StatusForbidden, studentNull)
		a.do(t, c, "GET", notesPath+"/"+notes["none"], nil).expectProblem(t, "GET both NULL", http.StatusForbidden, studentNull)
		a.do(t, c, "POST", notesPath, optionalNote(40, school1, "")).expectProblem(t, "POST without a student", http.StatusForbidden,
			relationshipProblem(t, elementRequired, "The 'StudentUniqueId' value is required for authorization purposes. Hint: "+ssaHint))
		created(t, c, "POST without a school", optionalNote(41, 0, "S1"))
	})

	t.Run("ORed", func(t *testing.T) {
		c := a.edOrgClient(either, school1)
		// RelationshipsWithEdOrgsOnly alone authorizes a NULL student.
		a.do(t, c, "GET", notesPath+"/"+notes["school only"], nil).expect(t, "GET student NULL", http.StatusOK)
		created(t, c, "POST without a student", optionalNote(30, school1, ""))
		// Both failing: the names of both, an error per strategy.
		a.do(t, c, "GET", notesPath+"/"+notes["none"], nil).expectProblem(t, "GET both NULL", http.StatusForbidden,
			relationshipProblem(t, elementUninitialized,
				"The existing values of one or more of the following properties are required for authorization purposes: 'SchoolId', 'StudentUniqueId'. Hint: "+ssaHint,
				inaccessible("RelationshipsWithEdOrgsOnly"), inaccessible("RelationshipsWithEdOrgsAndPeople")))
		a.do(t, c, "POST", notesPath, optionalNote(31, 0, "S1")).expectProblem(t, "POST without a school", http.StatusForbidden,
			relationshipProblem(t, elementRequired, "The 'SchoolId' value is required for authorization purposes."))
	})

	t.Run("PlainElement", func(t *testing.T) {
		reviews := map[int]string{}
		for id, schoolID := range map[int]int64{1: 0, 2: school1, 3: school2} {
			body := map[string]any{"reviewId": id}
			if schoolID != 0 {
				body["reviewingSchoolId"] = schoolID
			}
			reviews[id] = a.do(t, full, "POST", reviewsPath, body).expect(t, "POST review", http.StatusCreated).id()
		}
		c := a.edOrgClient(edOrgs, lea1)
		a.pageOf(t, c, reviewsPath, reviews[2])
		schoolNull := relationshipProblem(t, elementUninitialized, "The existing 'ReviewingSchoolId' value is required for authorization purposes.",
			inaccessible("RelationshipsWithEdOrgsOnly"))
		a.do(t, c, "GET", reviewsPath+"/"+reviews[1], nil).expectProblem(t, "GET stored NULL", http.StatusForbidden, schoolNull)
		a.do(t, c, "PUT", reviewsPath+"/"+reviews[1], map[string]any{"id": reviews[1], "reviewId": 1, "reviewingSchoolId": school1}).
			expectProblem(t, "PUT stored NULL", http.StatusForbidden, schoolNull)
		a.do(t, c, "DELETE", reviewsPath+"/"+reviews[1], nil).expectProblem(t, "DELETE stored NULL", http.StatusForbidden, schoolNull)
		schoolMissing := relationshipProblem(t, elementRequired, "The 'ReviewingSchoolId' value is required for authorization purposes.")
		a.do(t, c, "POST", reviewsPath, map[string]any{"reviewId": 10}).expectProblem(t, "POST without the id", http.StatusForbidden, schoolMissing)
		a.do(t, c, "PUT", reviewsPath+"/"+reviews[2], map[string]any{"id": reviews[2], "reviewId": 2}).
			expectProblem(t, "PUT removing the id", http.StatusForbidden, schoolMissing)
		a.do(t, c, "POST", reviewsPath, map[string]any{"reviewId": 11, "reviewingSchoolId": school1}).expect(t, "POST related", http.StatusCreated)
		// ReadChanges leaves a deleted document whose element was NULL out
		// too.
		for _, id := range []int{1, 2, 3} {
			a.do(t, full, "DELETE", reviewsPath+"/"+reviews[id], nil).expect(t, "DELETE review", http.StatusNoContent)
		}
		a.pageOf(t, c, reviewsPath+"/deletes", reviews[2])
	})
}
