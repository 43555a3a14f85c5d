package authz_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/edfi-dmsc/dmsc/runtime/auth"
)

// allActions are the actions a claim set grants on a resource claim.
var allActions = []string{"Create", "Read", "Update", "Delete", "ReadChanges"}

// relationshipClaimSet writes a claim-set fragment granting every action
// on each resource (plural endpoint name) with the strategies given, and
// returns its path.
func relationshipClaimSet(t *testing.T, name string, resources map[string][]string) string {
	t.Helper()
	var claims []map[string]any
	names := make([]string, 0, len(resources))
	for r := range resources {
		names = append(names, r)
	}
	slices.Sort(names)
	for _, r := range names {
		var overrides []map[string]any
		for _, action := range allActions {
			overrides = append(overrides, grant(action, resources[r]...))
		}
		claims = append(claims, map[string]any{"name": "ed-fi/" + r, "authorizationStrategyOverridesForCRUD": overrides})
	}
	return writeClaimSetFragment(t, name, claims)
}

// claimsWithClaimSets writes the claims file claims with the claim sets
// names added (granted nothing until a fragment grants them), and returns
// its path.
func claimsWithClaimSets(t *testing.T, claims string, names ...string) string {
	t.Helper()
	body, err := os.ReadFile(claims)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatal(err)
	}
	sets, _ := doc["claimSets"].([]any)
	for _, n := range names {
		sets = append(sets, map[string]any{"claimSetName": n, "isSystemReserved": false})
	}
	doc["claimSets"] = sets
	if body, err = json.Marshal(doc); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "claims.json")
	if err := os.WriteFile(path, body, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// edOrgClient adds a principal of claimSet with education organization
// ids and returns its token.
func (a *api) edOrgClient(claimSet string, ids ...int64) string {
	token := "token" + strconv.Itoa(len(a.tokens)+1)
	a.tokens[token] = &auth.Principal{ClientID: token, ClaimSetName: claimSet, EducationOrganizationIDs: ids}
	return token
}

// noRelationship is the reference's 403 when no relationship relates the
// claims to the named elements (hint appended to the detail when given).
func noRelationship(claims, elements, hint string) string {
	detail := "Access to the requested data could not be authorized."
	if hint != "" {
		detail += " Hint: " + hint
	}
	what := "the resource item's " + elements + " value."
	if strings.Contains(elements, ",") {
		what = "one or more of the following properties of the resource item: " + elements + "."
	}
	noun := "claims"
	if !strings.Contains(claims, ",") && claims != "none" {
		noun = "claim"
	}
	return `{"detail":` + strconv.Quote(detail) + `,"type":"urn:ed-fi:api:security:authorization","title":"Authorization Denied","status":403,"validationErrors":{},"errors":[` +
		strconv.Quote("No relationships have been established between the caller's education organization id "+noun+" ("+claims+") and "+what) + `]}`
}

const ssaHint = "You may need to create a corresponding 'StudentSchoolAssociation' item."

// TestBundledRelationshipAuthorization runs the relationship strategies
// over HTTP on the bundled schema (LEA → school hierarchy, students
// through StudentSchoolAssociation): GET-many filters, GET by id, POST,
// PUT and DELETE checks of stored and proposed values, direct claim
// match, inverted and ORed strategies, clients without claims, and the
// security configuration errors.
func TestBundledRelationshipAuthorization(t *testing.T) {
	schemas, claims := bundledSchema(t)
	p := provisionSchema(t, schemas...)
	const edOrgs, inverted, both, people = "Rel-EdOrgsOnly", "Rel-EdOrgsOnlyInverted", "Rel-NormalOrInverted", "Rel-EdOrgsAndPeople"
	p.loadClaims(t, claimsWithClaimSets(t, claims, edOrgs, inverted, both, people),
		relationshipClaimSet(t, edOrgs, map[string][]string{
			"localEducationAgencies": {"RelationshipsWithEdOrgsOnly"}, "schools": {"RelationshipsWithEdOrgsOnly"},
			"studentSchoolAssociations": {"RelationshipsWithEdOrgsOnly"}, "students": {"RelationshipsWithEdOrgsOnly"},
			"courseOfferings": {"RelationshipsWithEdOrgsOnly"},
		}),
		relationshipClaimSet(t, inverted, map[string][]string{"localEducationAgencies": {"RelationshipsWithEdOrgsOnlyInverted"}}),
		relationshipClaimSet(t, both, map[string][]string{"localEducationAgencies": {"RelationshipsWithEdOrgsOnly", "RelationshipsWithEdOrgsOnlyInverted"}}),
		relationshipClaimSet(t, people, map[string][]string{
			"studentSchoolAssociations": {"RelationshipsWithEdOrgsAndPeople"}, "students": {"RelationshipsWithEdOrgsAndPeople"},
			"staffs": {"RelationshipsWithEdOrgsAndPeople"},
		}),
	)
	trips := &tripLog{}
	a := startAPILogging(t, p, slog.New(trips))
	full := a.client("FullAccess")
	post := func(token, path string, body map[string]any, status int) response {
		t.Helper()
		return a.do(t, token, "POST", path, body).expect(t, "POST "+path, status)
	}
	leaIDs := seedHierarchy(t, a, full)
	students := map[string]string{}
	for _, s := range []string{"S1", "S2"} {
		students[s] = post(full, "ed-fi/students", student(s), http.StatusCreated).id()
	}
	ssa1 := post(full, "ed-fi/studentSchoolAssociations", ssa("S1", school1), http.StatusCreated).id()
	ssa2 := post(full, "ed-fi/studentSchoolAssociations", ssa("S2", school2), http.StatusCreated).id()

	atSchool1, atLEA1, none := a.edOrgClient(edOrgs, school1), a.edOrgClient(edOrgs, lea1), a.edOrgClient(edOrgs)

	t.Run("GetMany", func(t *testing.T) {
		a.pageOf(t, atSchool1, "ed-fi/studentSchoolAssociations", ssa1)
		a.pageOf(t, atLEA1, "ed-fi/studentSchoolAssociations", ssa1)
		a.pageOf(t, a.edOrgClient(edOrgs, school1, lea2), "ed-fi/studentSchoolAssociations", ssa1, ssa2)
		// No claims: an empty page, as the reference.
		a.pageOf(t, none, "ed-fi/studentSchoolAssociations")
		a.pageOf(t, atLEA1, "ed-fi/localEducationAgencies", leaIDs[lea1])
		// A school's claim does not reach its LEA top-down.
		a.pageOf(t, atSchool1, "ed-fi/localEducationAgencies")
	})

	t.Run("GetByID", func(t *testing.T) {
		a.do(t, atSchool1, "GET", "ed-fi/studentSchoolAssociations/"+ssa1, nil).expect(t, "GET related", http.StatusOK)
		a.do(t, atSchool1, "GET", "ed-fi/studentSchoolAssociations/"+ssa2, nil).expectProblem(t, "GET unrelated", http.StatusForbidden,
			noRelationship("'255901001'", "'SchoolId'", ""))
		a.do(t, none, "GET", "ed-fi/studentSchoolAssociations/"+ssa1, nil).expectProblem(t, "GET without claims", http.StatusForbidden,
			noRelationship("none", "'SchoolId'", ""))
		a.do(t, atSchool1, "GET", "ed-fi/studentSchoolAssociations/"+students["S1"], nil).expect(t, "GET missing", http.StatusNotFound)
		// Checked before a 304.
		tag := a.do(t, full, "GET", "ed-fi/studentSchoolAssociations/"+ssa2, nil).header.Get("ETag")
		a.do(t, atSchool1, "GET", "ed-fi/studentSchoolAssociations/"+ssa2, nil, "If-None-Match", tag).expect(t, "GET unrelated If-None-Match", http.StatusForbidden)
	})

	t.Run("Writes", func(t *testing.T) {
		post(full, "ed-fi/students", student("S3"), http.StatusCreated)
		a.do(t, atSchool1, "POST", "ed-fi/studentSchoolAssociations", ssa("S3", school2)).expectProblem(t, "POST for an unrelated school", http.StatusForbidden,
			noRelationship("'255901001'", "'SchoolId'", ""))
		created := post(atLEA1, "ed-fi/studentSchoolAssociations", ssa("S3", school1), http.StatusCreated).id()
		// POST that updates: the stored document is checked first.
		a.do(t, a.edOrgClient(edOrgs, lea2), "POST", "ed-fi/studentSchoolAssociations", ssa("S3", school1)).expectProblem(t, "POST over an unrelated document",
			http.StatusForbidden, noRelationship("'255902'", "'SchoolId'", ""))
		// PUT moving the document out of the client's organizations.
		moved := ssa("S3", school2)
		moved["id"] = created
		a.do(t, atLEA1, "PUT", "ed-fi/studentSchoolAssociations/"+created, moved).expectProblem(t, "PUT out of scope", http.StatusForbidden,
			noRelationship("'255901'", "'SchoolId'", ""))
		a.do(t, full, "GET", "ed-fi/studentSchoolAssociations/"+created, nil).expect(t, "unchanged", http.StatusOK)
		a.do(t, none, "PUT", "ed-fi/studentSchoolAssociations/"+created, moved).expectProblem(t, "PUT without claims", http.StatusForbidden,
			noRelationship("none", "'SchoolId'", ""))
		// PUT by a client related to both: allowed.
		a.do(t, a.edOrgClient(edOrgs, lea1, lea2), "PUT", "ed-fi/studentSchoolAssociations/"+created, moved).expect(t, "PUT within scope", http.StatusNoContent)
		a.do(t, atSchool1, "DELETE", "ed-fi/studentSchoolAssociations/"+created, nil).expectProblem(t, "DELETE unrelated", http.StatusForbidden,
			noRelationship("'255901001'", "'SchoolId'", ""))
		a.do(t, a.edOrgClient(edOrgs, lea2), "DELETE", "ed-fi/studentSchoolAssociations/"+created, nil).expect(t, "DELETE related", http.StatusNoContent)
		a.do(t, atSchool1, "DELETE", "ed-fi/studentSchoolAssociations/"+created, nil).expect(t, "DELETE missing", http.StatusNotFound)
	})

	t.Run("KeyUnification", func(t *testing.T) {
		// A course offering's school id is one column for its school and
		// session references (key unification): the write's value is that
		// column's.
		//
		// What the offering references is POSTed with full access (200 for
		// an upsert of a key already POSTed); the offering itself below.
		docs, _ := fakeDocs(t, a.set, 11, "ed-fi/courseOfferings")
		var offering map[string]any
		var setup []fakeDoc
		for _, d := range docs {
			if d.Resource == "courseOfferings" {
				offering = d.decode(t)
			} else {
				setup = append(setup, d)
			}
		}
		postFakeDocs(t, a, full, setup, http.StatusCreated, http.StatusOK)
		schoolID := int64(offering["schoolReference"].(map[string]any)["schoolId"].(float64))
		a.do(t, a.edOrgClient(edOrgs, 999999), "POST", "ed-fi/courseOfferings", offering).expectProblem(t, "POST course offering unrelated", http.StatusForbidden,
			noRelationship("'999999'", "'SchoolId'", ""))
		id := post(a.edOrgClient(edOrgs, schoolID), "ed-fi/courseOfferings", offering, http.StatusCreated).id()
		a.do(t, a.edOrgClient(edOrgs, schoolID), "GET", "ed-fi/courseOfferings/"+id, nil).expect(t, "GET course offering", http.StatusOK)
	})

	t.Run("DirectClaimMatch", func(t *testing.T) {
		// No hierarchy row exists for 255903 before the POST.
		own := a.edOrgClient(edOrgs, 255903)
		id := post(own, "ed-fi/localEducationAgencies", lea(255903), http.StatusCreated).id()
		a.do(t, own, "GET", "ed-fi/localEducationAgencies/"+id, nil).expect(t, "GET own LEA", http.StatusOK)
		a.do(t, a.edOrgClient(edOrgs, 999999), "POST", "ed-fi/localEducationAgencies", lea(255904)).expectProblem(t, "POST another LEA", http.StatusForbidden,
			noRelationship("'999999'", "'LocalEducationAgencyId'", ""))
		a.do(t, none, "POST", "ed-fi/localEducationAgencies", lea(255904)).expectProblem(t, "POST without claims", http.StatusForbidden,
			noRelationship("none", "'LocalEducationAgencyId'", ""))
		// Once created, the hierarchy's self row relates it.
		renamed := lea(255903)
		renamed["id"], renamed["nameOfInstitution"] = id, "Renamed"
		a.do(t, own, "PUT", "ed-fi/localEducationAgencies/"+id, renamed).expect(t, "PUT own LEA", http.StatusNoContent)
		a.do(t, own, "DELETE", "ed-fi/localEducationAgencies/"+id, nil).expect(t, "DELETE own LEA", http.StatusNoContent)
	})

	t.Run("Inverted", func(t *testing.T) {
		up := a.edOrgClient(inverted, school1)
		a.pageOf(t, up, "ed-fi/localEducationAgencies", leaIDs[lea1])
		a.do(t, up, "GET", "ed-fi/localEducationAgencies/"+leaIDs[lea2], nil).expectProblem(t, "GET another LEA", http.StatusForbidden,
			noRelationship("'255901001'", "'LocalEducationAgencyId'", ""))
		// ORed: the school's parent bottom-up, the other LEA top-down.
		a.pageOf(t, a.edOrgClient(both, school1, lea2), "ed-fi/localEducationAgencies", leaIDs[lea1], leaIDs[lea2])
		// The error lists the elements of both strategies once.
		a.do(t, a.edOrgClient(both, 1, 2, 3, 4, 5, 6), "GET", "ed-fi/localEducationAgencies/"+leaIDs[lea2], nil).expectProblem(t, "GET under both, more than five claims",
			http.StatusForbidden, noRelationship("'1', '2', '3', '4', '5', ...", "'LocalEducationAgencyId'", ""))
	})

	t.Run("People", func(t *testing.T) {
		c := a.edOrgClient(people, school1)
		a.pageOf(t, c, "ed-fi/students", students["S1"])
		a.pageOf(t, c, "ed-fi/studentSchoolAssociations", ssa1)
		a.do(t, c, "GET", "ed-fi/students/"+students["S2"], nil).expectProblem(t, "GET unrelated student", http.StatusForbidden,
			noRelationship("'255901001'", "'StudentUniqueId'", ssaHint))
		a.do(t, c, "POST", "ed-fi/studentSchoolAssociations", ssa("S2", school1)).expectProblem(t, "POST for an unrelated student", http.StatusForbidden,
			noRelationship("'255901001'", "'StudentUniqueId'", ssaHint))
		a.do(t, c, "POST", "ed-fi/studentSchoolAssociations", ssa("S2", school2)).expectProblem(t, "POST for an unrelated student and school", http.StatusForbidden,
			noRelationship("'255901001'", "'SchoolId', 'StudentUniqueId'", ssaHint))
		// A student being created is related to nothing yet.
		a.do(t, c, "POST", "ed-fi/students", student("S9")).expectProblem(t, "POST a student", http.StatusForbidden,
			noRelationship("'255901001'", "'StudentUniqueId'", ssaHint))
		s1 := student("S1")
		s1["id"], s1["firstName"] = students["S1"], "G"
		a.do(t, c, "PUT", "ed-fi/students/"+students["S1"], s1).expect(t, "PUT a related student", http.StatusNoContent)
	})

	t.Run("RoundTrips", func(t *testing.T) {
		rel, people := a.edOrgClient(edOrgs, lea1), a.edOrgClient(people, lea1)
		post(full, "ed-fi/students", student("S5"), http.StatusCreated)
		// A client's first create also looks up its ownership token.
		post(full, "ed-fi/students", student("S6"), http.StatusCreated)
		for _, token := range []string{full, rel} {
			id := post(token, "ed-fi/studentSchoolAssociations", ssa("S6", school1), http.StatusCreated).id()
			a.do(t, full, "DELETE", "ed-fi/studentSchoolAssociations/"+id, nil).expect(t, "DELETE", http.StatusNoContent)
		}
		// Each operation by a client without data checks, then by one under
		// relationship authorization: the checks ride the same round trips,
		// except a DELETE's.
		ops := []struct {
			name         string
			method, path string
			body         func() map[string]any
			extra        int64
		}{
			{"GET many", "GET", "ed-fi/studentSchoolAssociations?totalCount=true", nil, 0},
			{"GET by id", "GET", "ed-fi/studentSchoolAssociations/" + ssa1, nil, 0},
			{"POST create", "POST", "ed-fi/studentSchoolAssociations", func() map[string]any { return ssa("S5", school1) }, 0},
			{"POST update", "POST", "ed-fi/studentSchoolAssociations", func() map[string]any { return ssa("S5", school1) }, 0},
			{"PUT", "PUT", "ed-fi/students/" + students["S1"], func() map[string]any {
				s1 := student("S1")
				s1["id"], s1["firstName"] = students["S1"], "H"+strconv.Itoa(len(trips.trips))
				return s1
			}, 0},
		}
		for _, op := range ops {
			var counts [2]int64
			for i, token := range []string{full, rel} {
				if op.method == "PUT" && token == rel {
					token = people
				}
				var body any
				if op.body != nil {
					body = op.body()
				}
				r := a.do(t, token, op.method, op.path, body)
				if r.status >= 300 {
					t.Fatalf("%s: %d %s", op.name, r.status, r.body)
				}
				counts[i] = trips.last()
				if op.name == "POST create" && token == full {
					a.do(t, full, "DELETE", "ed-fi/studentSchoolAssociations/"+r.id(), nil).expect(t, "DELETE", http.StatusNoContent)
				}
			}
			t.Logf("%s: %d round trips, %d under relationship authorization", op.name, counts[0], counts[1])
			if counts[1] != counts[0]+op.extra {
				t.Errorf("%s: %d round trips under relationship authorization, want %d", op.name, counts[1], counts[0]+op.extra)
			}
		}
		a.do(t, full, "DELETE", "ed-fi/studentSchoolAssociations/"+ids(t, a.do(t, full, "GET", "ed-fi/studentSchoolAssociations?studentUniqueId=S5", nil))[0], nil).expect(t, "DELETE", http.StatusNoContent)
		var counts [2]int64
		for i, token := range []string{full, rel} {
			id := post(full, "ed-fi/studentSchoolAssociations", ssa("S5", school1), http.StatusCreated).id()
			a.do(t, token, "DELETE", "ed-fi/studentSchoolAssociations/"+id, nil).expect(t, "DELETE", http.StatusNoContent)
			counts[i] = trips.last()
		}
		t.Logf("DELETE: %d round trips, %d under relationship authorization", counts[0], counts[1])
		if counts[1] != counts[0]+1 {
			t.Errorf("DELETE: %d round trips under relationship authorization, want %d (one for the locked stored check)", counts[1], counts[0]+1)
		}
	})

	t.Run("Configuration", func(t *testing.T) {
		a.do(t, atSchool1, "GET", "ed-fi/students", nil).expectProblem(t, "no subjects", http.StatusInternalServerError,
			`{"detail":"A security configuration problem was detected. The request cannot be authorized.","type":"urn:ed-fi:api:system:configuration:security","title":"Security Configuration Error","status":500,"validationErrors":{},"errors":["The 'RelationshipsWithEdOrgsOnly' authorization strategy is configured for the 'Read' action on resource 'Student', which has no securable element on its root table that the strategy authorizes."]}`)
		a.do(t, a.edOrgClient(people, school1), "GET", "ed-fi/staffs", nil).expectProblem(t, "no staff view", http.StatusInternalServerError,
			`{"detail":"A security configuration problem was detected. The request cannot be authorized.","type":"urn:ed-fi:api:system:configuration:security","title":"Security Configuration Error","status":500,"validationErrors":{},"errors":["The 'RelationshipsWithEdOrgsAndPeople' authorization strategy is configured for the 'Read' action on resource 'Staff', but the people authorization view 'auth.EducationOrganizationIdToStaffDocumentId' it needs does not exist in this schema."]}`)
		// ReadChanges: TestBundledChangesRelationshipAuthorization.
		a.do(t, atSchool1, "GET", "ed-fi/studentSchoolAssociations/deletes", nil).expect(t, "ReadChanges", http.StatusOK)
	})
}

// tripLog is a log handler keeping the round trips of each answered
// request, in order.
type tripLog struct {
	mu    sync.Mutex
	trips []int64
}

func (l *tripLog) Enabled(context.Context, slog.Level) bool { return true }

func (l *tripLog) Handle(_ context.Context, r slog.Record) error {
	if r.Message != "request completed" {
		return nil
	}
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == "roundTrips" {
			l.mu.Lock()
			l.trips = append(l.trips, a.Value.Int64())
			l.mu.Unlock()
		}
		return true
	})
	return nil
}

func (l *tripLog) WithAttrs([]slog.Attr) slog.Handler { return l }
func (l *tripLog) WithGroup(string) slog.Handler      { return l }

// last is the round trips of the last answered request.
func (l *tripLog) last() int64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.trips[len(l.trips)-1]
}
