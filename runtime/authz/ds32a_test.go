package authz_test

import (
	"encoding/json"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/internal/refdata"
	"github.com/edfi-dmsc/dmsc/runtime/authz"
	"github.com/edfi-dmsc/dmsc/runtime/authz/claimschema"
)

// ds3xOnly are the DS 3.2a core resources the Data Standard 5.2 claims
// have no resource claim for (renamed or removed in DS 4 and 5).
var ds3xOnly = []string{"Account", "AccountClassificationDescriptor", "AccountCode", "Actual", "Budget", "ContractedStaff",
	"LearningObjective", "OldEthnicityDescriptor", "Parent", "Payroll", "StudentDisciplineIncidentAssociation",
	"StudentLearningObjective", "StudentParentAssociation"}

// TestDS52ClaimsOnDS32a loads the reference's Data Standard 5.2 claims
// into a DS 3.2a database: 252 of the 265 core resources resolve to a
// resource claim, the 13 DS 3.x-only ones are listed as uncovered (denied),
// and the supplement fragment of testdata covers them. It then runs the
// reference's NamespaceAuthorization.feature scenarios and the fail-closed
// answers on that database.
func TestDS52ClaimsOnDS32a(t *testing.T) {
	if testing.Short() {
		t.Skip("provisions the full DS 3.2a core")
	}
	p := provisionSchema(t, refdata.File(t, refdata.DS32aCoreSchema))
	claims := refdata.Dir(t, "claims")
	base := filepath.Join(claims, "standards", "ds52", "Claims.json")

	rep := p.loadClaims(t, base)
	var uncovered []string
	for _, r := range rep.Coverage.Uncovered {
		uncovered = append(uncovered, r.ResourceName)
	}
	if n := len(rep.Coverage.Covered); n != 252 || !slices.Equal(uncovered, ds3xOnly) {
		t.Errorf("ds52 on DS 3.2a: %d covered, uncovered %v; want 252 covered and %v", n, uncovered, ds3xOnly)
	}
	if len(rep.Coverage.UnknownClaims) == 0 {
		t.Error("ds52 names DS 5-only resources (e.g. contact); none were reported as naming no resource")
	}
	t.Logf("ds52 Claims.json on DS 3.2a: %d of %d resources covered; %d resource claims name no DS 3.2a resource",
		len(rep.Coverage.Covered), len(rep.Coverage.Covered)+len(rep.Coverage.Uncovered), len(rep.Coverage.UnknownClaims))

	rep = p.loadClaims(t, base, filepath.Join("testdata", "ds3x-resources-claimset.json"))
	if len(rep.Coverage.Uncovered) != 0 {
		t.Errorf("with the DS 3.x supplement, still uncovered: %v", rep.Coverage.Uncovered)
	}

	fragments, err := filepath.Glob(filepath.Join(claims, "additional-claimsets", "*-claimset.json"))
	if err != nil || len(fragments) == 0 {
		t.Fatalf("no claim-set fragments in %s: %v", claims, err)
	}
	p.loadClaims(t, append(append([]string{base}, fragments...), filepath.Join("testdata", "namespace-assessments-claimset.json"))...)
	a := startAPI(t, p)
	t.Run("NamespaceAuthorizationFeature", func(t *testing.T) { namespaceFeature(t, a) })
	t.Run("FailClosed", func(t *testing.T) { failClosed(t, a) })
}

// namespaceFeature runs the scenarios of the reference's
// NamespaceAuthorization.feature (E2E-NameSpaceBasedClaimSet, from the
// 001-namespace-claimset.json fragment) with their expected bodies.
func namespaceFeature(t *testing.T, a *api) {
	both := a.client("E2E-NameSpaceBasedClaimSet", "uri://ed-fi.org", "uri://ns2.org")
	ns2 := a.client("E2E-NameSpaceBasedClaimSet", "uri://ns2.org")
	ns3 := a.client("E2E-NameSpaceBasedClaimSet", "uri://ns3.org")
	denied := namespaceMismatch(true, "'uri://ns3.org'")

	// Rule: Descriptors respect namespace authorization.
	descriptor := map[string]any{"codeValue": "Sick Leave", "description": "Sick Leave", "effectiveBeginDate": "2024-05-14",
		"effectiveEndDate": "2024-05-14", "namespace": "uri://ns2.org/AbsenceEventCategoryDescriptor", "shortDescription": "Sick Leave"}
	id := a.do(t, both, "POST", "ed-fi/absenceEventCategoryDescriptors", descriptor).expect(t, "background POST", http.StatusCreated).id()
	a.do(t, both, "POST", "ed-fi/absenceEventCategoryDescriptors", descriptor).expect(t, "01 create in ns2", http.StatusOK)
	a.do(t, both, "GET", "ed-fi/absenceEventCategoryDescriptors/"+id, nil).expect(t, "02 get in ns2", http.StatusOK)
	a.do(t, ns3, "POST", "ed-fi/absenceEventCategoryDescriptors", descriptor).expect(t, "05 ns3 cannot create", http.StatusForbidden)
	a.do(t, ns3, "GET", "ed-fi/absenceEventCategoryDescriptors/"+id, nil).expectProblem(t, "06 ns3 cannot get", http.StatusForbidden, denied)
	put := map[string]any{"id": id, "codeValue": "Sick Leave", "description": "Sick Leave Edited", "namespace": "uri://ns2.org/AbsenceEventCategoryDescriptor",
		"shortDescription": "Sick Leave Short Description", "effectiveBeginDate": "2025-05-14", "effectiveEndDate": "2027-05-14"}
	a.do(t, ns3, "PUT", "ed-fi/absenceEventCategoryDescriptors/"+id, put).expectProblem(t, "07 ns3 cannot update", http.StatusForbidden, denied)
	a.do(t, ns3, "DELETE", "ed-fi/absenceEventCategoryDescriptors/"+id, nil).expectProblem(t, "08 ns3 cannot delete", http.StatusForbidden, denied)
	if got := a.do(t, ns3, "GET", "ed-fi/absenceEventCategoryDescriptors?codeValue=Sick%20Leave", nil).expect(t, "18 ns3 query", http.StatusOK); string(got.body) != "[]" {
		t.Errorf("18 ns3 query: %s, want []", got.body)
	}
	if got := ids(t, a.do(t, ns2, "GET", "ed-fi/absenceEventCategoryDescriptors?codeValue=Sick%20Leave", nil).expect(t, "17 ns2 query", http.StatusOK)); !slices.Equal(got, []string{id}) {
		t.Errorf("17 ns2 query: %v, want [%s]", got, id)
	}
	a.do(t, both, "PUT", "ed-fi/absenceEventCategoryDescriptors/"+id, put).expect(t, "03 update in ns2", http.StatusNoContent)
	a.do(t, both, "DELETE", "ed-fi/absenceEventCategoryDescriptors/"+id, nil).expect(t, "04 delete in ns2", http.StatusNoContent)

	// Rule: Resources respect namespace authorization. DS 3.2a has no
	// Survey: the scenarios run on Assessment ($.namespace) and
	// AssessmentItem ($.assessmentReference.namespace), which the
	// namespace-assessments fragment of testdata grants the claim set.
	a.do(t, both, "POST", "ed-fi/academicSubjectDescriptors", map[string]any{"namespace": "uri://ed-fi.org/AcademicSubjectDescriptor", "codeValue": "Math", "shortDescription": "Math"}).expect(t, "academic subject", http.StatusCreated)
	assessment := func(namespace, identifier, title string) map[string]any {
		return map[string]any{"namespace": namespace, "assessmentIdentifier": identifier, "assessmentTitle": title,
			"academicSubjects": []any{map[string]any{"academicSubjectDescriptor": "uri://ed-fi.org/AcademicSubjectDescriptor#Math"}}}
	}
	sid := a.do(t, both, "POST", "ed-fi/assessments", assessment("uri://ns2.org", "CE_1", "Course Evaluation")).expect(t, "background assessment", http.StatusCreated).id()
	a.do(t, both, "POST", "ed-fi/assessments", assessment("uri://ns2.org", "CE_1", "Course Evaluation")).expect(t, "09 create in ns2", http.StatusOK)
	a.do(t, ns3, "POST", "ed-fi/assessments", assessment("uri://ns2.org", "CE_1", "Course Evaluation")).expectProblem(t, "13 ns3 cannot create", http.StatusForbidden, denied)
	a.do(t, ns3, "POST", "ed-fi/assessments", assessment("uri://ns2.org", "CE_2", "Course Evaluation")).expectProblem(t, "ns3 cannot create a new one", http.StatusForbidden, namespaceMismatch(false, "'uri://ns3.org'"))
	a.do(t, ns3, "GET", "ed-fi/assessments/"+sid, nil).expectProblem(t, "14 ns3 cannot get", http.StatusForbidden, denied)
	edfi := a.client("E2E-NameSpaceBasedClaimSet", "uri://ed-fi.org")
	nb := a.do(t, edfi, "POST", "ed-fi/assessments", assessment("uri://ed-fi.org", "NB_1", "NB Course Evaluation")).expect(t, "19 ed-fi create", http.StatusCreated).id()
	if got := ids(t, a.do(t, edfi, "GET", "ed-fi/assessments?assessmentIdentifier=NB_1", nil).expect(t, "19 ed-fi query", http.StatusOK)); !slices.Equal(got, []string{nb}) {
		t.Errorf("19 ed-fi query: %v, want [%s]", got, nb)
	}
	if got := ids(t, a.do(t, edfi, "GET", "ed-fi/assessments", nil).expect(t, "ed-fi query of all", http.StatusOK)); !slices.Equal(got, []string{nb}) {
		t.Errorf("ed-fi query of all assessments: %v, want only [%s]", got, nb)
	}
	if got := ids(t, a.do(t, both, "GET", "ed-fi/assessments?assessmentIdentifier=CE_1&namespace=uri%3A%2F%2Fns2.org", nil).expect(t, "20 query with two prefixes", http.StatusOK)); !slices.Equal(got, []string{sid}) {
		t.Errorf("20 query with two prefixes: %v, want [%s]", got, sid)
	}
	a.do(t, both, "GET", "ed-fi/assessments/"+sid, nil).expect(t, "10 get in ns2", http.StatusOK)

	// A Namespace securable element read through a reference.
	item := map[string]any{"identificationCode": "I1", "assessmentReference": map[string]any{"assessmentIdentifier": "CE_1", "namespace": "uri://ns2.org"}}
	iid := a.do(t, ns2, "POST", "ed-fi/assessmentItems", item).expect(t, "item in ns2", http.StatusCreated).id()
	a.do(t, ns3, "GET", "ed-fi/assessmentItems/"+iid, nil).expectProblem(t, "ns3 cannot get the item", http.StatusForbidden, denied)
	if got := ids(t, a.do(t, ns3, "GET", "ed-fi/assessmentItems", nil).expect(t, "ns3 item query", http.StatusOK)); len(got) != 0 {
		t.Errorf("ns3 item query: %v, want none", got)
	}
	if got := ids(t, a.do(t, ns2, "GET", "ed-fi/assessmentItems", nil).expect(t, "ns2 item query", http.StatusOK)); !slices.Equal(got, []string{iid}) {
		t.Errorf("ns2 item query: %v, want [%s]", got, iid)
	}
	a.do(t, ns2, "DELETE", "ed-fi/assessmentItems/"+iid, nil).expect(t, "ns2 deletes the item", http.StatusNoContent)

	update := assessment("uri://ns2.org", "CE_1", "Course Evaluation Update")
	update["id"] = sid
	a.do(t, ns3, "PUT", "ed-fi/assessments/"+sid, update).expectProblem(t, "ns3 cannot update", http.StatusForbidden, denied)
	a.do(t, ns3, "DELETE", "ed-fi/assessments/"+sid, nil).expectProblem(t, "ns3 cannot delete", http.StatusForbidden, denied)
	a.do(t, both, "PUT", "ed-fi/assessments/"+sid, update).expect(t, "11 update in ns2", http.StatusNoContent)
	a.do(t, both, "DELETE", "ed-fi/assessments/"+sid, nil).expect(t, "12 delete in ns2", http.StatusNoContent)

	// Tracked changes under NamespaceBased (change-queries story 27): each
	// client sees the rows whose recorded namespace is in its prefixes, on
	// a descriptor, a resource ($.namespace) and a resource whose
	// namespace comes through a reference ($.assessmentReference.namespace).
	changeIDs := func(token, path string) []string {
		t.Helper()
		r := a.do(t, token, "GET", path, nil).expect(t, path, http.StatusOK)
		var items []changeItem
		if err := json.Unmarshal(r.body, &items); err != nil {
			t.Fatalf("%s: %v: %s", path, err, r.body)
		}
		out := []string{}
		for _, it := range items {
			out = append(out, it.ID)
		}
		return out
	}
	for _, c := range []struct {
		path string
		ns2  []string
	}{
		{"ed-fi/absenceEventCategoryDescriptors/deletes", []string{id}},
		{"ed-fi/assessments/deletes", []string{sid}},
		{"ed-fi/assessmentItems/deletes", []string{iid}},
		{"ed-fi/assessments/keyChanges", []string{}},
		{"ed-fi/assessmentItems/keyChanges", []string{}},
	} {
		if got := changeIDs(ns2, c.path); !slices.Equal(got, c.ns2) {
			t.Errorf("%s under uri://ns2.org: %v, want %v", c.path, got, c.ns2)
		}
		if got := changeIDs(ns3, c.path); len(got) != 0 {
			t.Errorf("%s under uri://ns3.org: %v, want none", c.path, got)
		}
	}
}

// failClosed checks what this server does not authorize: a resource no
// claim covers, and, under a relationship strategy, anything for a client
// without education organization ids (an empty page, as the reference).
func failClosed(t *testing.T, a *api) {
	sis := a.client("SISVendor", "uri://ed-fi.org")
	a.do(t, sis, "GET", "ed-fi/parents", nil).expectProblem(t, "uncovered DS 3.x resource", http.StatusForbidden, bareForbidden)
	if r := a.do(t, sis, "GET", "ed-fi/students?totalCount=true", nil).expect(t, "relationship strategy", http.StatusOK); string(r.body) != "[]" || r.header.Get("Total-Count") != "0" {
		t.Errorf("relationship strategy without claims: %s (Total-Count %s), want an empty page", r.body, r.header.Get("Total-Count"))
	}
}

// TestClaimsLoadStrictRefusesUnknownClaims loads the ds52 claims into the
// bundled schema's database with --strict: they name resources the
// bundled schema lacks, so nothing is stored.
func TestClaimsLoadStrictRefusesUnknownClaims(t *testing.T) {
	schemas, claims := bundledSchema(t)
	p := provisionSchema(t, schemas...)
	s, err := claimschema.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	ds52 := filepath.Join(refdata.Dir(t, "claims"), "standards", "ds52", "Claims.json")
	if _, err := authz.LoadFiles(t.Context(), p.pool, s, []string{ds52}, true); err == nil || !strings.Contains(err.Error(), "academicWeek") {
		t.Fatalf("strict load of ds52 into the bundled schema: %v, want an error naming academicWeek", err)
	}
	if v, err := authz.LoadVersion(t.Context(), p.pool); err != nil || v != 0 {
		t.Errorf("after the refused load: version %d (%v), want nothing stored", v, err)
	}
	rep := p.loadClaims(t, claims)
	if rep.Version != 1 || len(rep.Coverage.Covered) != 28 {
		t.Errorf("bundled claims: version %d, %d covered; want 1, 28", rep.Version, len(rep.Coverage.Covered))
	}
	rep = p.loadClaims(t, claims)
	if rep.Version != 2 {
		t.Errorf("reload: version %d, want 2", rep.Version)
	}
}
