package authz_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The authorization matrix (epic 14 story 19): every strategy × a
// resource of the bundled schema it applies to × every action × the
// document inside or outside the client's reach, on one provisioned
// database and one server. Each cell is a subtest
// strategy/resource@client/action/position. The expected answers are the
// rules below, written out, not asked of the code under test:
//
//	action        inside (or any position without data checks)   outside
//	Create        201 new document; 200 for an upsert             403 + denial type
//	ReadByID      200                                             403 + denial type
//	ReadMany      seeded document in the page and Total-Count     absent from both
//	Update        204                                             403 + denial type
//	Delete        204; 409 when what relates the document to the  403 + denial type
//	              client references it (authorized, then refused)
//	ReadChanges   tombstone in /deletes (not for an education     tombstone absent
//	              organization reached through the hierarchy,
//	              which its deletion leaves)
//
// Create is the POST of a new document where one can be related to the
// client before it exists; where the document's identity is its own
// subject (an education organization, a student) a new one is related to
// nothing yet, and Create is the POST of the seeded document (an upsert).
// ReadChanges runs the strategy's ReadChanges variant (the
// IncludingDeletes one for people) where the reference has one.

// position is where a cell's document stands relative to the client.
type position string

const (
	inside  position = "inside"
	outside position = "outside"
)

var positions = []position{inside, outside}

// Denial problem types (the reference's).
const (
	relationshipDenial = "urn:ed-fi:api:security:authorization"
	namespaceDenial    = "urn:ed-fi:api:security:authorization:namespace:access-denied:namespace-mismatch"
	ownershipDenial    = "urn:ed-fi:api:security:authorization:ownership:access-denied:ownership-mismatch"
)

// matrixWorld is the database every row seeds into: the hierarchy
// lea1 → school1, lea2 → school2 and the descriptors and school year the
// fixtures need, written by a FullAccess client.
type matrixWorld struct {
	a          *api
	full       string
	leas       map[position]string // document ids of lea1 (inside) and lea2
	otherOwner string              // the ownership client that owns outside documents
}

// post creates a document with FullAccess.
func (w *matrixWorld) post(t *testing.T, path string, body map[string]any) string {
	t.Helper()
	return w.a.do(t, w.full, "POST", path, body).expect(t, "FullAccess POST "+path, http.StatusCreated).id()
}

// matrixDoc is the document of one row at one position.
type matrixDoc struct {
	path string // project/endpoint
	id   string
	body map[string]any
	// dependents are paths of documents referencing it (the ones that
	// relate it to the client), deleted before it for its tombstone.
	dependents []string
}

// matrixFixture is a resource of the matrix: how a row seeds its document at
// each position, and the rest of what its cells need.
type matrixFixture struct {
	resource string // project/endpoint
	// seed writes the document of row n at pos and what it needs; client
	// is the row's token (OwnershipBased documents are owned by it).
	seed func(t *testing.T, w *matrixWorld, client string, n int, pos position) matrixDoc
	// fresh is the body Create posts: a new document at pos, or nil for
	// the POST of the seeded document (an upsert).
	fresh func(n int, pos position) map[string]any
	// change sets a non-key member, for Update.
	change func(body map[string]any)
	// referenced says the inside document is referenced by what relates
	// it to the client: an authorized Delete answers 409.
	referenced bool
	// noChanges says the inside document cannot be deleted while it is
	// related to the client (its tombstone would relate to nothing), so
	// the row has no ReadChanges cells.
	noChanges bool
	// leavesHierarchy says the document is an education organization
	// reached through the hierarchy: deleting it deletes its hierarchy
	// rows, and tombstones are authorized against the current hierarchy
	// (change-queries.md, "Education Organization Ids are authorized
	// against the current hierarchy"), so a relationship client no longer
	// sees its tombstone.
	leavesHierarchy bool
}

// Identities of row n's documents: unique per row and position.
func matrixKey(n int, pos position) string { return "M" + strconv.Itoa(n) + string(pos) }

func matrixSchoolID(n int, pos position) int64 {
	if pos == inside {
		return 255901100 + int64(n)
	}
	return 255902100 + int64(n)
}

func matrixChildLEAID(n int, pos position) int64 {
	if pos == inside {
		return 2559100 + int64(n)
	}
	return 2559200 + int64(n)
}

// schoolOf and leaOf are the seeded organization at pos.
func schoolOf(pos position) int64 {
	if pos == inside {
		return school1
	}
	return school2
}

func leaOf(pos position) int64 {
	if pos == inside {
		return lea1
	}
	return lea2
}

// enrolment is the ssa of row n at pos entered on entryDate.
func enrolment(n int, pos position, entryDate string) map[string]any {
	b := ssa(matrixKey(n, pos), schoolOf(pos))
	b["entryDate"] = entryDate
	return b
}

func setMember(member string, value any) func(map[string]any) {
	return func(body map[string]any) { body[member] = value }
}

// seedOne is a seed of one document from its body at pos.
func seedOne(resource string, body func(n int, pos position) map[string]any) func(*testing.T, *matrixWorld, string, int, position) matrixDoc {
	return func(t *testing.T, w *matrixWorld, _ string, n int, pos position) matrixDoc {
		b := body(n, pos)
		return matrixDoc{path: resource, id: w.post(t, resource, b), body: b}
	}
}

var (
	// Schools below lea1 (inside) and lea2.
	schoolsFixture = &matrixFixture{resource: "ed-fi/schools",
		seed:   seedOne("ed-fi/schools", func(n int, pos position) map[string]any { return school(matrixSchoolID(n, pos), leaOf(pos)) }),
		change: setMember("nameOfInstitution", "Renamed"), leavesHierarchy: true}
	// LEAs whose parent is lea1 (inside) or lea2.
	childLEAsFixture = &matrixFixture{resource: "ed-fi/localEducationAgencies",
		seed: seedOne("ed-fi/localEducationAgencies", func(n int, pos position) map[string]any {
			b := lea(matrixChildLEAID(n, pos))
			b["parentLocalEducationAgencyReference"] = map[string]any{"localEducationAgencyId": leaOf(pos)}
			return b
		}),
		change: setMember("nameOfInstitution", "Renamed"), leavesHierarchy: true}
	// lea1 (inside: school1's LEA) and lea2, for inverted strategies: the
	// LEA a school reaches is referenced by that school.
	parentLEAsFixture = &matrixFixture{resource: "ed-fi/localEducationAgencies",
		seed: func(_ *testing.T, w *matrixWorld, _ string, _ int, pos position) matrixDoc {
			return matrixDoc{path: "ed-fi/localEducationAgencies", id: w.leas[pos], body: lea(leaOf(pos))}
		},
		change: setMember("nameOfInstitution", "Renamed"), referenced: true, noChanges: true}
	// Students enrolled in school1 (inside) or school2.
	studentsFixture = &matrixFixture{resource: "ed-fi/students",
		seed: func(t *testing.T, w *matrixWorld, _ string, n int, pos position) matrixDoc {
			b := student(matrixKey(n, pos))
			id := w.post(t, "ed-fi/students", b)
			enrolmentID := w.post(t, "ed-fi/studentSchoolAssociations", ssa(matrixKey(n, pos), schoolOf(pos)))
			return matrixDoc{path: "ed-fi/students", id: id, body: b, dependents: []string{"ed-fi/studentSchoolAssociations/" + enrolmentID}}
		},
		change: setMember("firstName", "G"), referenced: true}
	// Enrolments in school1 (inside) or school2; Create enrols the same
	// student again on another date.
	enrolmentsFixture = &matrixFixture{resource: "ed-fi/studentSchoolAssociations",
		seed: func(t *testing.T, w *matrixWorld, _ string, n int, pos position) matrixDoc {
			w.post(t, "ed-fi/students", student(matrixKey(n, pos)))
			b := ssa(matrixKey(n, pos), schoolOf(pos))
			return matrixDoc{path: "ed-fi/studentSchoolAssociations", id: w.post(t, "ed-fi/studentSchoolAssociations", b), body: b}
		},
		fresh:  func(n int, pos position) map[string]any { return enrolment(n, pos, "2025-01-06") },
		change: setMember("primarySchool", true)}
	classPeriodsFixture = &matrixFixture{resource: "ed-fi/classPeriods",
		seed: seedOne("ed-fi/classPeriods", func(n int, pos position) map[string]any { return classPeriodBody(matrixKey(n, pos), schoolOf(pos)) }),
		fresh: func(n int, pos position) map[string]any {
			return classPeriodBody(matrixKey(n, pos)+"new", schoolOf(pos))
		},
		change: setMember("officialAttendancePeriod", true)}
	sessionsFixture = &matrixFixture{resource: "ed-fi/sessions",
		seed:   seedOne("ed-fi/sessions", func(n int, pos position) map[string]any { return sessionBody(matrixKey(n, pos), schoolOf(pos)) }),
		fresh:  func(n int, pos position) map[string]any { return sessionBody(matrixKey(n, pos)+"new", schoolOf(pos)) },
		change: setMember("totalInstructionalDays", 170)}
	// Courses of lea1 (inside) or lea2: inverted strategies reach them
	// from school1.
	coursesFixture = &matrixFixture{resource: "ed-fi/courses",
		seed:   seedOne("ed-fi/courses", func(n int, pos position) map[string]any { return courseBody(matrixKey(n, pos), leaOf(pos)) }),
		fresh:  func(n int, pos position) map[string]any { return courseBody(matrixKey(n, pos)+"new", leaOf(pos)) },
		change: setMember("courseTitle", "Renamed")}
	// Descriptors in uri://ed-fi.org (inside) or uri://other.org.
	descriptorsFixture = &matrixFixture{resource: "ed-fi/gradeLevelDescriptors",
		seed:   seedOne("ed-fi/gradeLevelDescriptors", func(n int, pos position) map[string]any { return gradeLevel(namespaceOf(pos), matrixKey(n, pos)) }),
		fresh:  func(n int, pos position) map[string]any { return gradeLevel(namespaceOf(pos), matrixKey(n, pos)+"new") },
		change: setMember("shortDescription", "Changed")}
	// Staff created by the row's client (inside) or by another owner;
	// Create outside posts over the other owner's document.
	staffsFixture = &matrixFixture{resource: "ed-fi/staffs",
		seed: func(t *testing.T, w *matrixWorld, client string, n int, pos position) matrixDoc {
			by := client
			if pos == outside {
				by = w.otherOwner
			}
			b := staff(matrixKey(n, pos))
			id := w.a.do(t, by, "POST", "ed-fi/staffs", b).expect(t, "owner POST staff", http.StatusCreated).id()
			return matrixDoc{path: "ed-fi/staffs", id: id, body: b}
		},
		fresh: func(n int, pos position) map[string]any {
			if pos == outside {
				return nil
			}
			return staff(matrixKey(n, pos) + "new")
		},
		change: setMember("middleName", "Q")}
)

func classPeriodBody(name string, schoolID int64) map[string]any {
	return map[string]any{"classPeriodName": name, "schoolReference": map[string]any{"schoolId": schoolID}}
}

func sessionBody(name string, schoolID int64) map[string]any {
	return map[string]any{"sessionName": name, "schoolReference": map[string]any{"schoolId": schoolID}, "schoolYearTypeReference": map[string]any{"schoolYear": 2025},
		"beginDate": "2024-08-20", "endDate": "2024-12-20", "termDescriptor": "uri://ed-fi.org/TermDescriptor#Fall", "totalInstructionalDays": 80}
}

func courseBody(code string, edOrg int64) map[string]any {
	return map[string]any{"courseCode": code, "courseTitle": "Course", "numberOfParts": 1, "educationOrganizationReference": map[string]any{"educationOrganizationId": edOrg},
		"identificationCodes": []any{map[string]any{"identificationCode": code, "courseIdentificationSystemDescriptor": "uri://ed-fi.org/CourseIdentificationSystemDescriptor#State"}}}
}

func namespaceOf(pos position) string {
	if pos == inside {
		return "uri://ed-fi.org"
	}
	return "uri://other.org"
}

// matrixClient is the client of a row.
type matrixClient struct {
	label    string
	edOrgs   []int64
	prefixes []string
	owner    bool // a cms client with its own ownership token
}

var (
	atSchool = matrixClient{label: "school", edOrgs: []int64{school1}}
	atLEA    = matrixClient{label: "LEA", edOrgs: []int64{lea1}}
	edFiNS   = matrixClient{label: "namespace", prefixes: []string{"uri://ed-fi.org"}}
	asOwner  = matrixClient{label: "owner", owner: true}
)

// matrixRow is a resource a strategy is exercised on, with a client.
type matrixRow struct {
	fixture *matrixFixture
	client  matrixClient
	// element is what a relationship denial names ('SchoolId', or a list).
	element string
}

// matrixStrategy is a claim set granting every action on its rows'
// resources under one strategy.
type matrixStrategy struct {
	name string
	// changes is the ReadChanges strategy; "" grants no ReadChanges.
	changes string
	// denial is the problem type of a denial; "" for a strategy without
	// data checks (outside is allowed too).
	denial string
	rows   []matrixRow
}

const (
	elemSchoolID  = "'SchoolId'"
	elemStudentID = "'StudentUniqueId'"
	elemBoth      = "'SchoolId', 'StudentUniqueId'"
)

var matrixStrategies = []matrixStrategy{
	{name: "NoFurtherAuthorizationRequired", changes: "NoFurtherAuthorizationRequired", rows: []matrixRow{
		{fixture: schoolsFixture, client: atSchool}, {fixture: enrolmentsFixture, client: atSchool},
	}},
	{name: "NamespaceBased", changes: "NamespaceBased", denial: namespaceDenial, rows: []matrixRow{
		{fixture: descriptorsFixture, client: edFiNS},
	}},
	{name: "RelationshipsWithEdOrgsOnly", changes: "RelationshipsWithEdOrgsOnly", denial: relationshipDenial, rows: []matrixRow{
		{fixture: schoolsFixture, client: atLEA, element: elemSchoolID},
		{fixture: childLEAsFixture, client: atLEA, element: "'LocalEducationAgencyId'"},
		{fixture: enrolmentsFixture, client: atSchool, element: elemSchoolID},
		{fixture: enrolmentsFixture, client: atLEA, element: elemSchoolID},
		{fixture: classPeriodsFixture, client: atLEA, element: elemSchoolID},
		{fixture: sessionsFixture, client: atLEA, element: elemSchoolID},
	}},
	{name: "RelationshipsWithEdOrgsOnlyInverted", changes: "RelationshipsWithEdOrgsOnlyInverted", denial: relationshipDenial, rows: []matrixRow{
		{fixture: parentLEAsFixture, client: atSchool, element: "'LocalEducationAgencyId'"},
		{fixture: coursesFixture, client: atSchool, element: "'EducationOrganizationId'"},
	}},
	{name: "RelationshipsWithEdOrgsAndPeople", changes: "RelationshipsWithEdOrgsAndPeopleIncludingDeletes", denial: relationshipDenial, rows: []matrixRow{
		{fixture: studentsFixture, client: atSchool, element: elemStudentID},
		{fixture: enrolmentsFixture, client: atLEA, element: elemBoth},
	}},
	// No ReadChanges variant (the reference has none).
	{name: "RelationshipsWithEdOrgsAndPeopleInverted", denial: relationshipDenial, rows: []matrixRow{
		{fixture: enrolmentsFixture, client: atSchool, element: elemBoth},
		{fixture: coursesFixture, client: atSchool, element: "'EducationOrganizationId'"},
	}},
	{name: "RelationshipsWithPeopleOnly", denial: relationshipDenial, rows: []matrixRow{
		{fixture: studentsFixture, client: atLEA, element: elemStudentID},
		{fixture: enrolmentsFixture, client: atSchool, element: elemStudentID},
	}},
	{name: "RelationshipsWithStudentsOnly", changes: "RelationshipsWithStudentsOnlyIncludingDeletes", denial: relationshipDenial, rows: []matrixRow{
		{fixture: studentsFixture, client: atSchool, element: elemStudentID},
		{fixture: enrolmentsFixture, client: atLEA, element: elemStudentID},
	}},
	// Tracked changes do not record the ownership token (the reference's
	// ReadChanges under OwnershipBased is a configuration error).
	{name: "OwnershipBased", denial: ownershipDenial, rows: []matrixRow{
		{fixture: staffsFixture, client: asOwner},
	}},
}

func matrixClaimSet(name string) string { return "Matrix-" + name }

// writeMatrixClaimSets writes a claim-set fragment per strategy and
// returns their paths.
func writeMatrixClaimSets(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, s := range matrixStrategies {
		var claims []map[string]any
		var seen []string
		for _, r := range s.rows {
			if slices.Contains(seen, r.fixture.resource) {
				continue
			}
			seen = append(seen, r.fixture.resource)
			overrides := []map[string]any{grant("Create", s.name), grant("Read", s.name), grant("Update", s.name), grant("Delete", s.name)}
			if s.changes != "" {
				overrides = append(overrides, grant("ReadChanges", s.changes))
			}
			claims = append(claims, map[string]any{"name": r.fixture.resource, "authorizationStrategyOverridesForCRUD": overrides})
		}
		files = append(files, writeClaimSetFragment(t, matrixClaimSet(s.name), claims))
	}
	return files
}

// seedMatrixWorld writes the hierarchy and reference data of the matrix.
func seedMatrixWorld(t *testing.T, a *api) *matrixWorld {
	t.Helper()
	w := &matrixWorld{a: a, full: a.client("FullAccess"), leas: map[position]string{}}
	leaIDs := seedHierarchy(t, a, w.full)
	for _, pos := range positions {
		w.leas[pos] = leaIDs[leaOf(pos)]
	}
	seedDescriptors(t, a, w.full, [2]string{"termDescriptors", "Fall"}, [2]string{"courseIdentificationSystemDescriptors", "State"})
	w.post(t, "ed-fi/schoolYearTypes", map[string]any{"schoolYear": 2025, "currentSchoolYear": true, "schoolYearDescription": "2024-2025"})
	return w
}

// TestAuthorizationMatrix runs the matrix; see the rules at the top.
func TestAuthorizationMatrix(t *testing.T) {
	start := time.Now()
	schemas, claims := bundledSchema(t)
	p := provisionSchema(t, schemas...)
	names := make([]string, len(matrixStrategies))
	for i, s := range matrixStrategies {
		names[i] = matrixClaimSet(s.name)
	}
	p.loadClaims(t, append([]string{claimsWithClaimSets(t, claims, names...)}, writeMatrixClaimSets(t)...)...)
	a := startAPI(t, p)
	w := seedMatrixWorld(t, a)
	ownerToken := a.ownershipToken(t, "Matrix other owner")
	w.otherOwner = a.cmsClient(t, matrixClaimSet("OwnershipBased"), &ownerToken, ownerToken)

	cells, n := 0, 0
	for _, s := range matrixStrategies {
		t.Run(s.name, func(t *testing.T) {
			for _, row := range s.rows {
				n++
				cells += runMatrixRow(t, w, s, row, n)
			}
		})
	}
	t.Logf("authorization matrix: %d cells in %v", cells, time.Since(start).Round(time.Millisecond))
}

// runMatrixRow seeds row n's documents and runs its cells; it returns how
// many cells ran.
func runMatrixRow(t *testing.T, w *matrixWorld, s matrixStrategy, row matrixRow, n int) int {
	a, f := w.a, row.fixture
	claimSet := matrixClaimSet(s.name)
	var client string
	switch {
	case row.client.owner:
		token := a.ownershipToken(t, "Matrix owner "+strconv.Itoa(n))
		client = a.cmsClient(t, claimSet, &token, token)
	case row.client.prefixes != nil:
		client = a.client(claimSet, row.client.prefixes...)
	default:
		client = a.edOrgClient(claimSet, row.client.edOrgs...)
	}
	cells := 0
	t.Run(f.resource[strings.Index(f.resource, "/")+1:]+"@"+row.client.label, func(t *testing.T) {
		docs := map[position]matrixDoc{}
		for _, pos := range positions {
			docs[pos] = f.seed(t, w, client, n, pos)
		}
		// allowed is the rule of the table: inside is allowed, outside only
		// without data checks.
		allowed := func(pos position) bool { return pos == inside || s.denial == "" }
		denied := func(t *testing.T, r response) {
			t.Helper()
			r.expect(t, "denial", http.StatusForbidden)
			var pd struct {
				Type   string   `json:"type"`
				Errors []string `json:"errors"`
			}
			if err := json.Unmarshal(r.body, &pd); err != nil {
				t.Fatalf("problem body: %v: %s", err, r.body)
			}
			if pd.Type != s.denial {
				t.Errorf("problem type %q, want %q: %s", pd.Type, s.denial, r.body)
			}
			if row.element != "" && (len(pd.Errors) == 0 || !strings.Contains(pd.Errors[0], row.element)) {
				t.Errorf("problem errors %q do not name %s", pd.Errors, row.element)
			}
		}
		inPage := func(t *testing.T, path, id string) bool {
			t.Helper()
			r := a.do(t, client, "GET", path+"?totalCount=true", nil).expect(t, "GET "+path, http.StatusOK)
			got := ids(t, r)
			if total := r.header.Get("Total-Count"); total != strconv.Itoa(len(got)) {
				t.Errorf("GET %s: Total-Count %s for %d items", path, total, len(got))
			}
			return slices.Contains(got, id)
		}
		cell := func(action string, run func(t *testing.T, pos position, d matrixDoc)) {
			t.Run(action, func(t *testing.T) {
				for _, pos := range positions {
					cells++
					t.Run(string(pos), func(t *testing.T) { run(t, pos, docs[pos]) })
				}
			})
		}

		cell("Create", func(t *testing.T, pos position, d matrixDoc) {
			body, status := d.body, http.StatusOK
			if f.fresh != nil {
				if b := f.fresh(n, pos); b != nil {
					body, status = b, http.StatusCreated
				}
			}
			r := a.do(t, client, "POST", f.resource, body)
			if allowed(pos) {
				r.expect(t, "POST", status)
			} else {
				denied(t, r)
			}
		})
		cell("ReadByID", func(t *testing.T, pos position, d matrixDoc) {
			r := a.do(t, client, "GET", d.path+"/"+d.id, nil)
			if allowed(pos) {
				r.expect(t, "GET by id", http.StatusOK)
			} else {
				denied(t, r)
			}
		})
		cell("ReadMany", func(t *testing.T, pos position, d matrixDoc) {
			if got := inPage(t, d.path, d.id); got != allowed(pos) {
				t.Errorf("GET %s: document %s in the page %v, want %v", d.path, d.id, got, allowed(pos))
			}
		})
		cell("Update", func(t *testing.T, pos position, d matrixDoc) {
			body := map[string]any{}
			for k, v := range d.body {
				body[k] = v
			}
			body["id"] = d.id
			f.change(body)
			r := a.do(t, client, "PUT", d.path+"/"+d.id, body)
			if allowed(pos) {
				r.expect(t, "PUT", http.StatusNoContent)
			} else {
				denied(t, r)
			}
		})
		cell("Delete", func(t *testing.T, pos position, d matrixDoc) {
			r := a.do(t, client, "DELETE", d.path+"/"+d.id, nil)
			switch {
			case !allowed(pos):
				denied(t, r)
			case f.referenced:
				r.expect(t, "DELETE a referenced document", http.StatusConflict)
			default:
				r.expect(t, "DELETE", http.StatusNoContent)
			}
		})
		if s.changes == "" || f.noChanges {
			return
		}
		action := "ReadChanges"
		if s.changes != s.name {
			action += "-" + strings.TrimPrefix(s.changes, s.name)
		}
		cell(action, func(t *testing.T, pos position, d matrixDoc) {
			// What the Delete cells left is deleted by FullAccess.
			for _, path := range append(slices.Clone(d.dependents), d.path+"/"+d.id) {
				if r := a.do(t, w.full, "DELETE", path, nil); r.status != http.StatusNoContent && r.status != http.StatusNotFound {
					t.Fatalf("FullAccess DELETE %s: %d %s", path, r.status, r.body)
				}
			}
			want := allowed(pos) && !(f.leavesHierarchy && s.denial == relationshipDenial)
			if got := inPage(t, d.path+"/deletes", d.id); got != want {
				t.Errorf("GET %s/deletes: tombstone %s present %v, want %v", d.path, d.id, got, want)
			}
		})
	})
	return cells
}
