package authz_test

import (
	"context"
	"encoding/json"
	"maps"
	"net/http"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
)

// testdata/readchanges-subjects.ApiSchema.json is an extension project of
// the bundled core with the shapes ReadChanges relationship authorization
// has to be tried on that the bundled schemas lack (story 34's functional
// criteria): MovableNote, keyed by a school reference, a student
// reference and a note id, its key allowed to change, with a namespace;
// MovableReview, keyed by a plain education organization id (any value,
// with or without a hierarchy row); ArrayList, whose only securable
// elements are inside collections, and MixedList, with a school id and a
// student on the root and more of each inside collections.
const (
	changesSchema = "readchanges-subjects.ApiSchema.json"
	movableNotes  = "fixture/movableNotes"
	movableRevs   = "fixture/movableReviews"
	arrayLists    = "fixture/arrayLists"
	mixedLists    = "fixture/mixedLists"
)

// Namespaces of the movable notes.
const (
	edFiNamespace  = "uri://ed-fi.org/Note"
	otherNamespace = "uri://other.org/Note"
)

// Plain education organization ids no education organization has: no
// hierarchy row, not even a self row, ever relates them.
const (
	bareDeleted, bareKeyed, bareRekeyed, bareFromSchool = 777, 778, 779, 781
	unrelatedClaim                                      = 888888
)

func movableNote(id int, schoolID int64, studentID, namespace string) map[string]any {
	return map[string]any{"noteId": id, "namespace": namespace, "schoolReference": map[string]any{"schoolId": schoolID},
		"studentReference": map[string]any{"studentUniqueId": studentID}}
}

func movableReview(id int, edOrgID int64) map[string]any {
	return map[string]any{"reviewId": id, "reviewingEdOrgId": edOrgID}
}

// securityConfigurationProblem is the reference's 500 body with error.
func securityConfigurationProblem(error string) string {
	return `{"detail":"A security configuration problem was detected. The request cannot be authorized.","type":"urn:ed-fi:api:system:configuration:security","title":"Security Configuration Error","status":500,"validationErrors":{},"errors":[` +
		strconv.Quote(error) + `]}`
}

// TestChangesRelationshipSubjects runs story 34's functional criteria of
// ReadChanges relationship authorization over HTTP, on /deletes and
// /keyChanges alike, on the fixture above:
//   - each ReadChanges strategy the schema supports relates the tracked
//     rows' old values: RelationshipsWithEdOrgsOnly (down the hierarchy),
//     …Inverted (up it), …EdOrgsAndPeopleIncludingDeletes (the school AND
//     the student), …StudentsOnlyIncludingDeletes (a student whose
//     enrolment was deleted too); …ThroughResponsibility… needs a view
//     the bundled core cannot have (no responsibility association): a 500;
//   - a key change is authorized by its old values only
//     (change-queries.md, "KeyChanges are always authorized based on the
//     old values"): a note moved out of school1 stays visible to
//     school1's client, and one moved into it is not;
//   - strategies OR, NamespaceBased ANDs with them, and paging and
//     Total-Count follow the filtered rows;
//   - direct EdOrg claim match (auth.md): a plain id no hierarchy row
//     relates, the claim itself, authorizes under both directions;
//   - no claims, or claims relating nothing: 200, an empty page and
//     Total-Count 0;
//   - a securable element inside a collection, which the tracked changes
//     cannot record, is a security configuration error under every
//     strategy relating its kind, alone or beside root elements, never
//     dropped from the strategy's AND.
func TestChangesRelationshipSubjects(t *testing.T) {
	schemas, claims := bundledSchema(t)
	p := provisionSchema(t, schemas[0], filepath.Join("testdata", changesSchema))
	const (
		edOrgs, inverted, people, students = "RC-EdOrgsOnly", "RC-Inverted", "RC-EdOrgsAndPeople", "RC-StudentsOnly"
		responsibility, either, namespaced = "RC-Responsibility", "RC-Either", "RC-EitherInNamespace"
		edOrgsNamespaced                   = "RC-EdOrgsOnlyInNamespace"
	)
	const (
		edOrgsOnly         = "RelationshipsWithEdOrgsOnly"
		edOrgsOnlyInverted = "RelationshipsWithEdOrgsOnlyInverted"
		edOrgsAndPeople    = "RelationshipsWithEdOrgsAndPeopleIncludingDeletes"
		studentsOnly       = "RelationshipsWithStudentsOnlyIncludingDeletes"
		throughResp        = "RelationshipsWithStudentsOnlyThroughResponsibilityIncludingDeletes"
	)
	grants := map[string][]string{
		"FullAccess": {"NoFurtherAuthorizationRequired"},
		edOrgs:       {edOrgsOnly}, inverted: {edOrgsOnlyInverted}, people: {edOrgsAndPeople}, students: {studentsOnly},
		responsibility: {throughResp}, either: {edOrgsOnly, studentsOnly},
		namespaced: {edOrgsOnly, studentsOnly, "NamespaceBased"}, edOrgsNamespaced: {edOrgsOnly, "NamespaceBased"},
	}
	p.loadClaims(t, claimsWithClaimSets(t, claims, edOrgs, inverted, people, students, responsibility, either, namespaced, edOrgsNamespaced),
		fixtureDomainClaims(t, []string{"MovableNote", "MovableReview", "ArrayList", "MixedList"}, grants))
	a := startAPI(t, p)
	full := a.client("FullAccess")
	put := func(path, id string, body map[string]any) {
		t.Helper()
		a.do(t, full, "PUT", path+"/"+id, withID(body, id)).expect(t, "PUT "+path, http.StatusNoContent)
	}

	// S1 is enrolled in school1, S2 in school2; S3's enrolment in school1
	// is deleted, so school1 relates S3 only through its tracked row.
	seedHierarchy(t, a, full)
	for _, s := range []string{"S1", "S2", "S3"} {
		a.create(t, full, "ed-fi/students", student(s))
	}
	a.create(t, full, "ed-fi/studentSchoolAssociations", ssa("S1", school1))
	a.create(t, full, "ed-fi/studentSchoolAssociations", ssa("S2", school2))
	a.remove(t, full, "ed-fi/studentSchoolAssociations", a.create(t, full, "ed-fi/studentSchoolAssociations", ssa("S3", school1)))

	// Tombstones, in change-version order.
	n := map[string]string{}
	for _, e := range []struct {
		name    string
		school  int64
		student string
		ns      string
	}{
		{"N1", school1, "S1", edFiNamespace},
		{"N2", school1, "S2", otherNamespace},
		{"N3", school2, "S2", edFiNamespace},
		{"N4", school2, "S1", edFiNamespace},
		{"N5", school1, "S3", otherNamespace},
	} {
		n[e.name] = a.create(t, full, movableNotes, movableNote(len(n)+1, e.school, e.student, e.ns))
		a.remove(t, full, movableNotes, n[e.name])
	}
	// Key changes, in change-version order: K1 leaves school1 for school2,
	// K2 enters school1 from school2, K3 passes from S1 to S2 in school2.
	k := map[string]string{}
	for _, e := range []struct {
		name          string
		before, after map[string]any
	}{
		{"K1", movableNote(11, school1, "S1", edFiNamespace), movableNote(11, school2, "S1", edFiNamespace)},
		{"K2", movableNote(12, school2, "S2", edFiNamespace), movableNote(12, school1, "S2", edFiNamespace)},
		{"K3", movableNote(13, school2, "S1", otherNamespace), movableNote(13, school2, "S2", otherNamespace)},
	} {
		k[e.name] = a.create(t, full, movableNotes, e.before)
		put(movableNotes, k[e.name], e.after)
	}
	// Reviews keyed by plain ids: R1 (bare) and R2 (lea1) and R3 (school1)
	// deleted; R4 re-keyed from one bare id to another, R5 from school1 to
	// a bare id.
	r := map[string]string{}
	for _, e := range []struct {
		name string
		id   int64
	}{{"R1", bareDeleted}, {"R2", lea1}, {"R3", school1}} {
		r[e.name] = a.create(t, full, movableRevs, movableReview(len(r)+1, e.id))
		a.remove(t, full, movableRevs, r[e.name])
	}
	r["R4"] = a.create(t, full, movableRevs, movableReview(4, bareKeyed))
	put(movableRevs, r["R4"], movableReview(4, bareRekeyed))
	r["R5"] = a.create(t, full, movableRevs, movableReview(5, school1))
	put(movableRevs, r["R5"], movableReview(5, bareFromSchool))

	var related int
	if err := p.pool.QueryRow(context.Background(), `SELECT count(*) FROM auth."EducationOrganizationIdToEducationOrganizationId"
		WHERE "SourceEducationOrganizationId" = ANY($1) OR "TargetEducationOrganizationId" = ANY($1)`,
		[]int64{bareDeleted, bareKeyed, bareRekeyed, bareFromSchool, unrelatedClaim}).Scan(&related); err != nil {
		t.Fatal(err)
	}
	if related != 0 {
		t.Fatalf("the hierarchy has %d rows of the bare ids, which would mask the direct claim match", related)
	}

	// page checks a change route's answer: the items want, in order, and a
	// Total-Count of total (len(want) when negative).
	page := func(t *testing.T, token, route, query string, total int, want ...string) {
		t.Helper()
		res := a.do(t, token, "GET", route+"?totalCount=true"+query, nil).expect(t, "GET "+route, http.StatusOK)
		if total < 0 {
			total = len(want)
		}
		if got := ids(t, res); !slices.Equal(got, want) || res.header.Get("Total-Count") != strconv.Itoa(total) {
			t.Errorf("%s%s: %v (Total-Count %s), want %v (%d)", route, query, got, res.header.Get("Total-Count"), want, total)
		}
	}
	deletes := func(t *testing.T, token, path string, want ...string) {
		t.Helper()
		page(t, token, path+"/deletes", "", -1, want...)
	}
	keyChanges := func(t *testing.T, token, path string, want ...string) {
		t.Helper()
		page(t, token, path+"/keyChanges", "", -1, want...)
	}

	t.Run("EdOrgsOnly", func(t *testing.T) {
		deletes(t, a.edOrgClient(edOrgs, school1), movableNotes, n["N1"], n["N2"], n["N5"])
		deletes(t, a.edOrgClient(edOrgs, lea1), movableNotes, n["N1"], n["N2"], n["N5"])
		deletes(t, a.edOrgClient(edOrgs, lea2), movableNotes, n["N3"], n["N4"])
		keyChanges(t, a.edOrgClient(edOrgs, school1), movableNotes, k["K1"])
		keyChanges(t, a.edOrgClient(edOrgs, lea1), movableNotes, k["K1"])
		keyChanges(t, a.edOrgClient(edOrgs, school2), movableNotes, k["K2"], k["K3"])
	})

	t.Run("InvertedHierarchyDirection", func(t *testing.T) {
		// Up the hierarchy: school1's client reaches lea1's review and its
		// own; lea1's client does not reach school1's.
		deletes(t, a.edOrgClient(inverted, school1), movableRevs, r["R2"], r["R3"])
		deletes(t, a.edOrgClient(inverted, lea1), movableRevs, r["R2"])
		deletes(t, a.edOrgClient(edOrgs, lea1), movableRevs, r["R2"], r["R3"])
		deletes(t, a.edOrgClient(edOrgs, school1), movableRevs, r["R3"])
		deletes(t, a.edOrgClient(inverted, school1), movableNotes, n["N1"], n["N2"], n["N5"])
		deletes(t, a.edOrgClient(inverted, lea1), movableNotes)
		keyChanges(t, a.edOrgClient(inverted, school1), movableNotes, k["K1"])
		keyChanges(t, a.edOrgClient(inverted, lea1), movableNotes)
		keyChanges(t, a.edOrgClient(inverted, school1), movableRevs, r["R5"])
		keyChanges(t, a.edOrgClient(inverted, lea1), movableRevs)
	})

	t.Run("DirectClaimMatch", func(t *testing.T) {
		for _, strategy := range []string{edOrgs, inverted} {
			t.Run(strategy, func(t *testing.T) {
				deletes(t, a.edOrgClient(strategy, bareDeleted), movableRevs, r["R1"])
				keyChanges(t, a.edOrgClient(strategy, bareDeleted), movableRevs)
				deletes(t, a.edOrgClient(strategy, bareKeyed), movableRevs)
				keyChanges(t, a.edOrgClient(strategy, bareKeyed), movableRevs, r["R4"])
				// The new value does not authorize.
				keyChanges(t, a.edOrgClient(strategy, bareRekeyed), movableRevs)
				keyChanges(t, a.edOrgClient(strategy, bareFromSchool), movableRevs)
			})
		}
	})

	t.Run("StudentsOnlyIncludingDeletes", func(t *testing.T) {
		// school1 relates S1 and, through its deleted enrolment, S3.
		deletes(t, a.edOrgClient(students, school1), movableNotes, n["N1"], n["N4"], n["N5"])
		deletes(t, a.edOrgClient(students, lea2), movableNotes, n["N2"], n["N3"])
		keyChanges(t, a.edOrgClient(students, school1), movableNotes, k["K1"], k["K3"])
		keyChanges(t, a.edOrgClient(students, school2), movableNotes, k["K2"])
	})

	t.Run("EdOrgsAndPeopleIncludingDeletes", func(t *testing.T) {
		// The school AND the student.
		deletes(t, a.edOrgClient(people, school1), movableNotes, n["N1"], n["N5"])
		deletes(t, a.edOrgClient(people, school2), movableNotes, n["N3"])
		deletes(t, a.edOrgClient(people, lea1, lea2), movableNotes, n["N1"], n["N2"], n["N3"], n["N4"], n["N5"])
		keyChanges(t, a.edOrgClient(people, school1), movableNotes, k["K1"])
		// K3's old student S1 is not school2's.
		keyChanges(t, a.edOrgClient(people, school2), movableNotes, k["K2"])
	})

	t.Run("OldValues", func(t *testing.T) {
		// K1 left school1 for school2 and is school1's alone; K2 entered
		// school1 and is school2's alone; its items carry both keys.
		res := a.do(t, a.edOrgClient(edOrgs, school1), "GET", movableNotes+"/keyChanges", nil).expect(t, "keyChanges", http.StatusOK)
		var items []struct {
			ID  string `json:"id"`
			Old struct {
				SchoolID int64 `json:"schoolId"`
			} `json:"oldKeyValues"`
			New struct {
				SchoolID int64 `json:"schoolId"`
			} `json:"newKeyValues"`
		}
		if err := json.Unmarshal(res.body, &items); err != nil {
			t.Fatalf("keyChanges body: %v: %s", err, res.body)
		}
		if len(items) != 1 || items[0].ID != k["K1"] || items[0].Old.SchoolID != school1 || items[0].New.SchoolID != school2 {
			t.Errorf("school1's key changes: %s, want K1 %s from %d to %d", res.body, k["K1"], school1, school2)
		}
		keyChanges(t, a.edOrgClient(edOrgs, lea2), movableNotes, k["K2"], k["K3"])
		keyChanges(t, a.edOrgClient(students, school2), movableNotes, k["K2"])
	})

	t.Run("Composition", func(t *testing.T) {
		// OR: school1's notes, or S1's and S3's.
		deletes(t, a.edOrgClient(either, school1), movableNotes, n["N1"], n["N2"], n["N4"], n["N5"])
		keyChanges(t, a.edOrgClient(either, school1), movableNotes, k["K1"], k["K3"])
		// AND NamespaceBased, with one strategy and with the OR of two.
		inNamespace := func(claimSet, prefix string, edOrgIDs ...int64) string {
			token := a.edOrgClient(claimSet, edOrgIDs...)
			a.tokens[token].NamespacePrefixes = []string{prefix}
			return token
		}
		deletes(t, inNamespace(edOrgsNamespaced, "uri://ed-fi.org", school1), movableNotes, n["N1"])
		deletes(t, inNamespace(edOrgsNamespaced, "uri://other.org", school1), movableNotes, n["N2"], n["N5"])
		deletes(t, inNamespace(namespaced, "uri://ed-fi.org", school1), movableNotes, n["N1"], n["N4"])
		keyChanges(t, inNamespace(namespaced, "uri://ed-fi.org", school1), movableNotes, k["K1"])
		keyChanges(t, inNamespace(namespaced, "uri://other.org", school1), movableNotes, k["K3"])
		keyChanges(t, inNamespace(edOrgsNamespaced, "uri://other.org", school1), movableNotes)
	})

	t.Run("Paging", func(t *testing.T) {
		c := a.edOrgClient(either, school1)
		page(t, c, movableNotes+"/deletes", "&limit=2&offset=1", 4, n["N2"], n["N4"])
		page(t, c, movableNotes+"/deletes", "&limit=2&offset=3", 4, n["N5"])
		page(t, c, movableNotes+"/keyChanges", "&limit=1&offset=1", 2, k["K3"])
		page(t, c, movableNotes+"/keyChanges", "&limit=1&offset=2", 2)
	})

	t.Run("NothingRelated", func(t *testing.T) {
		for _, claimSet := range []string{edOrgs, inverted, people, students, either} {
			t.Run(claimSet, func(t *testing.T) {
				paths := []string{movableNotes}
				if claimSet == edOrgs || claimSet == inverted {
					paths = append(paths, movableRevs) // the reviews have no student
				}
				for _, path := range paths {
					// No claims, and a claim relating no organization and
					// no student.
					for _, token := range []string{a.edOrgClient(claimSet), a.edOrgClient(claimSet, unrelatedClaim)} {
						deletes(t, token, path)
						keyChanges(t, token, path)
					}
				}
			})
		}
	})

	t.Run("Unrepresentable", func(t *testing.T) {
		listed := map[string]any{"schools": []any{map[string]any{"schoolId": school1}},
			"students": []any{map[string]any{"studentReference": map[string]any{"studentUniqueId": "S1"}}}}
		arrayBody, mixedBody := map[string]any{"listId": 1}, map[string]any{"listId": 1, "ownerSchoolId": school1,
			"studentReference": map[string]any{"studentUniqueId": "S1"}}
		for key, v := range listed {
			arrayBody[key], mixedBody[key] = v, v
		}
		a.remove(t, full, arrayLists, a.create(t, full, arrayLists, arrayBody))
		a.remove(t, full, mixedLists, a.create(t, full, mixedLists, mixedBody))
		const schools, studentsPath = "$.schools[*].schoolId", "$.students[*].studentReference.studentUniqueId"
		for _, c := range []struct {
			claimSet, strategy, resource, path string
			// element is the collection element named; "" where the
			// strategy has no root element at all.
			element string
		}{
			{edOrgs, edOrgsOnly, "ArrayList", arrayLists, ""},
			{inverted, edOrgsOnlyInverted, "ArrayList", arrayLists, ""},
			{students, studentsOnly, "ArrayList", arrayLists, ""},
			{people, edOrgsAndPeople, "ArrayList", arrayLists, ""},
			// The root elements do not stand in for the collections'.
			{edOrgs, edOrgsOnly, "MixedList", mixedLists, schools},
			{inverted, edOrgsOnlyInverted, "MixedList", mixedLists, schools},
			{students, studentsOnly, "MixedList", mixedLists, studentsPath},
			{people, edOrgsAndPeople, "MixedList", mixedLists, schools},
			{either, edOrgsOnly, "MixedList", mixedLists, schools},
		} {
			configured := "The '" + c.strategy + "' authorization strategy is configured for the 'ReadChanges' action on resource '" + c.resource + "', "
			want := securityConfigurationProblem(configured + "whose tracked changes do not record the securable element '" + c.element + "'.")
			if c.element == "" {
				want = securityConfigurationProblem(configured + "which has no securable element on its root table that the strategy authorizes.")
			}
			for _, route := range []string{"/deletes", "/keyChanges"} {
				a.do(t, a.edOrgClient(c.claimSet, school1), "GET", c.path+route, nil).expectProblem(t, c.claimSet+" "+c.path+route, http.StatusInternalServerError, want)
			}
		}
	})

	t.Run("ThroughResponsibility", func(t *testing.T) {
		want := securityConfigurationProblem("The '" + throughResp + "' authorization strategy is configured for the 'ReadChanges' action on resource 'MovableNote', " +
			"but the people authorization view 'auth.EducationOrganizationIdToStudentDocumentIdDeletedResponsibility' it needs does not exist in this schema.")
		for _, route := range []string{"/deletes", "/keyChanges"} {
			a.do(t, a.edOrgClient(responsibility, school1), "GET", movableNotes+route, nil).expectProblem(t, "responsibility "+route, http.StatusInternalServerError, want)
		}
	})
}

// TestDS32aChangesThroughResponsibility runs the fifth ReadChanges
// envelope, RelationshipsWithStudentsOnlyThroughResponsibilityIncludingDeletes,
// on the DS 3.2a core, the only schema here with
// StudentEducationOrganizationResponsibilityAssociation (the bundled core
// has none, so the strategy is a 500 there: TestChangesRelationshipSubjects).
// A student's enrolments, one re-keyed (StudentSchoolAssociation allows
// identity updates) and one deleted, are read by /keyChanges and /deletes
// by the client of the organization responsible for the student, through
// the live responsibility and, once it is deleted, its tracked row
// (auth.EducationOrganizationIdToStudentDocumentIdDeletedResponsibility);
// not by another organization's client.
func TestDS32aChangesThroughResponsibility(t *testing.T) {
	const responsibility = "RC-Responsibility"
	a, full, posted := startDS32a(t, 5, []string{"ed-fi/studentSchoolAssociations", "ed-fi/studentEducationOrganizationResponsibilityAssociations"}, "RC-Setup",
		grantedClaimSet{responsibility, map[string][]string{
			"studentSchoolAssociations": {"RelationshipsWithStudentsOnlyThroughResponsibilityIncludingDeletes"}}},
	)
	bodies, docIDs := map[string]map[string]any{}, map[string]string{}
	for _, d := range posted {
		docIDs[d.Resource], bodies[d.Resource] = d.id, d.body
	}
	const ssaPath, seoraPath = "ed-fi/studentSchoolAssociations", "ed-fi/studentEducationOrganizationResponsibilityAssociations"
	responsibleFor := bodies["studentEducationOrganizationResponsibilityAssociations"]
	responsible := int64(responsibleFor["educationOrganizationReference"].(map[string]any)["educationOrganizationId"].(float64))
	// enrolment is the generated enrolment moved to the responsibility's
	// student and entry date.
	enrolment := func(entryDate string) map[string]any {
		b := maps.Clone(bodies["studentSchoolAssociations"])
		b["studentReference"], b["entryDate"] = responsibleFor["studentReference"], entryDate
		return b
	}
	keyed := a.do(t, full, "POST", ssaPath, enrolment("2031-01-05")).expect(t, "POST enrolment", http.StatusCreated).id()
	a.do(t, full, "PUT", ssaPath+"/"+keyed, withID(enrolment("2031-01-06"), keyed)).expect(t, "PUT enrolment new entry date", http.StatusNoContent)
	deleted := a.do(t, full, "POST", ssaPath, enrolment("2031-01-07")).expect(t, "POST enrolment", http.StatusCreated).id()
	a.do(t, full, "DELETE", ssaPath+"/"+deleted, nil).expect(t, "DELETE enrolment", http.StatusNoContent)

	check := func(t *testing.T, claim int64, wantKeyed, wantDeleted []string) {
		t.Helper()
		c := a.edOrgClient(responsibility, claim)
		for route, want := range map[string][]string{"/keyChanges": wantKeyed, "/deletes": wantDeleted} {
			res := a.do(t, c, "GET", ssaPath+route+"?totalCount=true", nil).expect(t, "GET "+route, http.StatusOK)
			if got := ids(t, res); !slices.Equal(got, want) || res.header.Get("Total-Count") != strconv.Itoa(len(want)) {
				t.Errorf("%s by %d: %v (Total-Count %s), want %v", route, claim, got, res.header.Get("Total-Count"), want)
			}
		}
	}
	t.Run("LiveResponsibility", func(t *testing.T) {
		check(t, responsible, []string{keyed}, []string{deleted})
		check(t, unrelatedClaim, nil, nil)
	})
	a.do(t, full, "DELETE", seoraPath+"/"+docIDs["studentEducationOrganizationResponsibilityAssociations"], nil).expect(t, "DELETE responsibility", http.StatusNoContent)
	t.Run("DeletedResponsibility", func(t *testing.T) {
		check(t, responsible, []string{keyed}, []string{deleted})
		check(t, unrelatedClaim, nil, nil)
	})
}
