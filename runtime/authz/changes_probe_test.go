package authz_test

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/runtime/auth"
	"github.com/edfi-dmsc/dmsc/runtime/authz"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/jackc/pgx/v5"
)

// TestChangesPersonProbesMatchTheViews runs the change statements of every
// bundled resource whose tracked persons have compiled membership probes
// (ChangePlan.PersonProbes) under each people strategy of ReadChanges,
// with the probes and with the IN over the ReadChanges view they replace,
// over tombstones and key changes of students related through a deleted
// enrolment only, through a live one only, through both, through none,
// and through a school deleted since: every claim set gets the same rows
// from both.
func TestChangesPersonProbesMatchTheViews(t *testing.T) {
	const ssas, students, school3 = "ed-fi/studentSchoolAssociations", "ed-fi/students", 255901003
	a, full, school3ID, enrol := startEnrolments(t, school3)
	// Deleted: enrolled at school1, then the enrolment and the student
	// deleted (related through the deleted enrolment only). Unrelated:
	// never enrolled, deleted. Moved: enrolled at school1 and school2, the
	// school1 enrolment deleted (its tombstone's student related through
	// the live school2 one only, for school2's claims). Rekeyed: its
	// school2 enrolment's entry date changed, then moved to school1.
	// Gone: enrolled at school3, the enrolment, the student and school3
	// deleted.
	studentIDs := map[string]string{}
	for _, s := range []string{"Deleted", "Unrelated", "Moved", "Rekeyed", "Gone"} {
		studentIDs[s] = a.create(t, full, students, student(s))
	}
	a.remove(t, full, ssas, enrol("Deleted", school1))
	a.remove(t, full, students, studentIDs["Deleted"])
	a.remove(t, full, students, studentIDs["Unrelated"])
	a.remove(t, full, ssas, enrol("Moved", school1))
	enrol("Moved", school2)
	rekeyed := enrol("Rekeyed", school2)
	for _, to := range []struct {
		school int64
		entry  string
	}{{school2, "2024-08-21"}, {school1, "2024-08-21"}} {
		body := ssa("Rekeyed", to.school)
		body["id"], body["entryDate"] = rekeyed, to.entry
		a.do(t, full, "PUT", ssas+"/"+rekeyed, body).expect(t, "PUT enrolment", http.StatusNoContent)
	}
	a.remove(t, full, ssas, enrol("Gone", school3))
	a.remove(t, full, students, studentIDs["Gone"])
	a.remove(t, full, "ed-fi/schools", school3ID)

	probed, answers := compareProbesWithViews(t, a.provisioned, [][]int64{{school1}, {school2}, {school3}, {lea1}, {lea2}, {school1, lea2}, {999999}, {}},
		authz.RelationshipsWithEdOrgsAndPeopleIncludingDeletes, authz.RelationshipsWithStudentsOnlyIncludingDeletes)
	if !probed["Student EducationOrganizationIdToStudentDocumentIdIncludingDeletes"] ||
		!probed["StudentSchoolAssociation EducationOrganizationIdToStudentDocumentIdIncludingDeletes"] {
		t.Errorf("probed %v: the students' and enrolments' views are not probed", probed)
	}
	if answers == 0 {
		t.Error("no rows answered: the data no longer covers the cases")
	}
	c := auth.WithPrincipal(context.Background(), &auth.Principal{EducationOrganizationIDs: []int64{school1}})
	auth.SetDecision(c, &auth.Decision{Strategies: []string{authz.RelationshipsWithStudentsOnlyIncludingDeletes}})
	if filter, _ := authz.ChangesRelationshipRuleFrom(c, a.resource(t, "Student")).Filter(1); strings.Contains(filter, "IncludingDeletes") || !strings.Contains(filter, "OFFSET 0") {
		t.Errorf("the student's filter does not probe the arms: %s", filter)
	}
}

// startEnrolments serves the bundled schema with its claims to a
// FullAccess client, full, which seeds seedHierarchy's organizations and
// a third school, school3 under lea1 (document school3ID); enrol POSTs
// with full a student's enrolment at a school and returns its id.
func startEnrolments(t *testing.T, school3 int64) (a *api, full, school3ID string, enrol func(studentUniqueID string, schoolID int64) string) {
	t.Helper()
	schemas, claims := bundledSchema(t)
	p := provisionSchema(t, schemas...)
	p.loadClaims(t, claims)
	a = startAPI(t, p)
	full = a.client("FullAccess")
	seedHierarchy(t, a, full)
	school3ID = a.create(t, full, "ed-fi/schools", school(school3, lea1))
	enrol = func(studentUniqueID string, schoolID int64) string {
		t.Helper()
		return a.create(t, full, "ed-fi/studentSchoolAssociations", ssa(studentUniqueID, schoolID))
	}
	return a, full, school3ID, enrol
}

// compareProbesWithViews runs the change statements of every resource of
// p whose tracked persons have probes under each of strategies and claim
// sets, with the probes and with the views' IN (the plan without
// PersonProbes), and reports any difference; it returns the resources and
// views probed ("Student EducationOrganizationIdTo…") and the number of
// rows answered.
func compareProbesWithViews(t *testing.T, p provisioned, claimSets [][]int64, strategies ...string) (probed map[string]bool, answers int) {
	t.Helper()
	probed = map[string]bool{}
	for _, res := range p.schema.Resources {
		if res.Changes == nil || len(res.Changes.PersonProbes) == 0 {
			continue
		}
		students := slices.ContainsFunc(res.Relationships.People, func(el spec.PersonElement) bool { return el.Kind == spec.PersonStudent })
		// the students-only strategies relate nothing of a resource without
		// students: the preflight refuses them
		related := slices.DeleteFunc(slices.Clone(strategies), func(strategy string) bool {
			return strategy != authz.RelationshipsWithEdOrgsAndPeopleIncludingDeletes && !students
		})
		for _, n := range compareChangePlans(t, p, res, func(c *spec.ChangePlan) { c.PersonProbes = nil }, related, claimSets) {
			answers += n
		}
		for _, pp := range res.Changes.PersonProbes {
			probed[res.Name+" "+pp.View] = true
		}
	}
	return probed, answers
}

// compareChangePlans runs res's deletes and keyChanges statements under
// each of strategies and claimSets with res's ChangePlan and with the plan
// less what without clears, and reports any difference in the rows (a
// cleared field is an optimization that must not change them); it returns
// the rows answered by statement name.
func compareChangePlans(t *testing.T, p provisioned, res *spec.Resource, without func(*spec.ChangePlan), strategies []string, claimSets [][]int64) map[string]int {
	t.Helper()
	cleared, changes := *res, *res.Changes
	without(&changes)
	cleared.Changes = &changes
	answers := map[string]int{}
	for _, strategy := range strategies {
		for _, claims := range claimSets {
			for _, stmt := range []struct{ name, sql string }{{"deletes", res.Changes.Deletes}, {"keyChanges", res.Changes.KeyChanges}} {
				if stmt.sql == "" {
					continue
				}
				got, want := changeRows(t, p, res, strategy, stmt.sql, claims), changeRows(t, p, &cleared, strategy, stmt.sql, claims)
				if !slices.Equal(got, want) {
					t.Errorf("%s %s under %s for %v: %q with the compiled plan, %q with the cleared one", res.Name, stmt.name, strategy, claims, got, want)
				}
				answers[stmt.name] += len(got)
			}
		}
	}
	return answers
}

// changeRows runs the change statement stmt of res with the ReadChanges
// filter of strategy for claims, over all of the change window, and
// returns its rows.
func changeRows(t *testing.T, p provisioned, res *spec.Resource, strategy, stmt string, claims []int64) []string {
	t.Helper()
	ctx := auth.WithPrincipal(context.Background(), &auth.Principal{EducationOrganizationIDs: claims})
	auth.SetDecision(ctx, &auth.Decision{Strategies: []string{strategy}})
	cond, more := authz.ChangesRelationshipRuleFrom(ctx, res).Filter(5)
	sql := strings.Replace(stmt, spec.ChangeWindowCondition, spec.ChangeWindowCondition+" AND "+cond, 1)
	r, err := p.pool.Query(ctx, sql, append([]any{int64(0), int64(math.MaxInt64), int64(100), int64(0)}, more...)...)
	if err != nil {
		t.Fatalf("%v\n%s", err, sql)
	}
	out, err := pgx.CollectRows(r, func(row pgx.CollectableRow) (string, error) {
		v, err := row.Values()
		return fmt.Sprint(v...), err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestDS32aChangesPersonProbesMatchTheViews is
// TestChangesPersonProbesMatchTheViews on the DS 3.2a core, whose
// ReadChanges views also relate staff (through the two staff
// associations) and students through their responsibility associations:
// generated associations, of which the responsibility, the assignment and
// the enrolment are deleted (the employment stays), then their persons
// where nothing else refers to them; every organization of the hierarchy
// alone, an unrelated claim and none as the claim sets.
func TestDS32aChangesPersonProbesMatchTheViews(t *testing.T) {
	const (
		ssas       = "studentSchoolAssociations"
		seoras     = "studentEducationOrganizationResponsibilityAssociations"
		seoaas     = "staffEducationOrganizationAssignmentAssociations"
		seoeas     = "staffEducationOrganizationEmploymentAssociations"
		setupClaim = "RC-Setup"
	)
	a, full, posted := startDS32a(t, 7, []string{ssas, seoras, seoaas, seoeas}, setupClaim)
	p := a.provisioned
	created := map[string][]string{}
	for _, d := range posted {
		path := d.Project + "/" + d.Resource
		created[path] = append(created[path], d.id)
	}
	for _, r := range []string{seoras, seoaas, ssas} {
		for _, id := range created["ed-fi/"+r] {
			a.remove(t, full, "ed-fi/"+r, id)
		}
	}
	for _, r := range []string{"students", "staffs"} {
		for _, id := range created["ed-fi/"+r] {
			if st := a.do(t, full, "DELETE", "ed-fi/"+r+"/"+id, nil).status; st != http.StatusNoContent && st != http.StatusConflict {
				t.Fatalf("DELETE %s/%s: %d", r, id, st)
			}
		}
	}

	claimSets := [][]int64{{unrelatedClaim}, {}}
	r, err := p.pool.Query(context.Background(), `SELECT DISTINCT "SourceEducationOrganizationId" FROM "auth"."EducationOrganizationIdToEducationOrganizationId" ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	sources, err := pgx.CollectRows(r, pgx.RowTo[int64])
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range sources {
		claimSets = append(claimSets, []int64{id})
	}
	probed, answers := compareProbesWithViews(t, p, claimSets, authz.RelationshipsWithEdOrgsAndPeopleIncludingDeletes,
		authz.RelationshipsWithStudentsOnlyIncludingDeletes, authz.RelationshipsWithStudentsOnlyThroughResponsibilityIncludingDeletes)
	for _, want := range []string{
		"StudentSchoolAssociation EducationOrganizationIdToStudentDocumentIdIncludingDeletes",
		"StudentSchoolAssociation EducationOrganizationIdToStudentDocumentIdDeletedResponsibility",
		"StaffEducationOrganizationAssignmentAssociation EducationOrganizationIdToStaffDocumentIdIncludingDeletes",
	} {
		if !probed[want] {
			t.Errorf("%s not probed (probed: %v)", want, probed)
		}
	}
	if answers == 0 {
		t.Error("no rows answered: the data no longer covers the cases")
	}
}
