package authz_test

import (
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/internal/refdata"
	"github.com/edfi-dmsc/dmsc/runtime/auth"
	"github.com/edfi-dmsc/dmsc/runtime/authz"
)

// testdata/contacts.resources.json holds the resource schemas Contact and
// StudentContactAssociation (with their resourceNameMapping and
// caseInsensitiveEndpointNameMapping entries), which neither the bundled
// core nor the DS 3.2a core has; contactsCore inserts them into the
// bundled core's projectSchema. Where they come from:
//   - real: MetaEd's DS 3.2a generation
//     (../shared/refdata/apischema/generated-ds-3.2a, `parents` and
//     `studentParentAssociations`), member for member;
//   - renamed as DS 5 renamed them: Parent → Contact and parent → contact
//     in every member name and every identifier string (resource and
//     endpoint names, JSON paths, documentPathsMapping keys, OpenAPI
//     component names, operation ids), and Parent → Contact in MetaEd's
//     request-body descriptions; the model's descriptions keep DS 3.2a's
//     wording ("A unique alphanumeric code assigned to a parent.");
//   - trimmed as schemas/default/README.md trims the bundled core: the
//     locations referencing resources the bundled core lacks
//     (addresses[*].localeDescriptor, electronicMails, internationalAddresses,
//     languages, otherNames, personalIdentificationDocuments of Contact,
//     relationDescriptor of StudentContactAssociation) removed from every
//     member naming them, OpenAPI fragments included;
//   - securableElements and authorizationPathways as MetaEd writes them for
//     DS 5.2 (MetaEd-js v4.8.0, ContactSecurableElementEnhancer and
//     AuthorizationPathwayEnhancer): Contact ["$.contactUniqueId"] on
//     Contact; Contact ["$.contactReference.contactUniqueId"] beside DS
//     3.2a's Student element and the pathway ContactStudentSchoolAuthorization
//     on StudentContactAssociation.
const contactsFixture = "contacts.resources.json"

// contactsCore writes the bundled core with the resources of
// testdata/contacts.resources.json inserted into its projectSchema, and
// returns the file's path.
func contactsCore(t *testing.T) string {
	t.Helper()
	schemas, _ := bundledSchema(t)
	read := func(path string) map[string]any {
		body, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		var doc map[string]any
		if err := dec.Decode(&doc); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		return doc
	}
	core, fixture := read(schemas[0]), read(filepath.Join("testdata", contactsFixture))
	project := core["projectSchema"].(map[string]any)
	for _, member := range []string{"resourceNameMapping", "caseInsensitiveEndpointNameMapping", "resourceSchemas"} {
		maps.Copy(project[member].(map[string]any), fixture[member].(map[string]any))
	}
	body, err := json.Marshal(core)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "core.ApiSchema.json")
	if err := os.WriteFile(path, body, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

const (
	contactsPath = "ed-fi/contacts"
	scasPath     = "ed-fi/studentContactAssociations"
	contactHint  = "You may need to create corresponding 'StudentSchoolAssociation' and 'StudentContactAssociation' items."
	school3      = 255901003
)

func contact(id string) map[string]any {
	return map[string]any{"contactUniqueId": id, "firstName": "F", "lastSurname": "L"}
}

func sca(studentID, contactID string) map[string]any {
	return map[string]any{"studentReference": map[string]any{"studentUniqueId": studentID},
		"contactReference": map[string]any{"contactUniqueId": contactID}, "emergencyContactStatus": true}
}

// contactsAPI is a server of the bundled core with contacts, its claims
// Ed-Fi's DS 5.2 Claims.json with three claim sets added: Setup (no data
// checks on every resource the tests write), DS52 (every action on
// contacts and student contact associations under the strategies
// Claims.json gives them by default: contacts in the people domain,
// Create and Delete NoFurtherAuthorizationRequired, Read and Update
// RelationshipsWithEdOrgsAndPeople, ReadChanges its IncludingDeletes
// variant; studentContactAssociation RelationshipsWithStudentsOnly, and
// RelationshipsWithStudentsOnlyIncludingDeletes for ReadChanges) and
// People (every action on contacts under RelationshipsWithEdOrgsAndPeople).
// The hierarchy is lea1 over school1 and ten more schools (school3 to
// 255901012), lea2 over school2: fourteen organizations, of which a
// school relates under 10 % and an LEA over (changes_breadth.go).
func contactsAPI(t *testing.T) (a *api, setup, ds52, people string) {
	t.Helper()
	p := provisionSchema(t, contactsCore(t))
	const setupSet, ds52Set, peopleSet = "Contacts-Setup", "Contacts-DS52", "Contacts-People"
	noChecks := map[string][]string{}
	for _, r := range []string{"localEducationAgencyCategoryDescriptors", "educationOrganizationCategoryDescriptors", "gradeLevelDescriptors",
		"localEducationAgencies", "schools", "students", "studentSchoolAssociations", "contacts", "studentContactAssociations"} {
		noChecks[r] = []string{"NoFurtherAuthorizationRequired"}
	}
	// Granted without overrides, the actions take Claims.json's defaults.
	var byDefault []map[string]any
	for _, action := range allActions {
		byDefault = append(byDefault, grant(action))
	}
	p.loadClaims(t, claimsWithClaimSets(t, filepath.Join(refdata.Dir(t, "claims"), "standards", "ds52", "Claims.json"), setupSet, ds52Set, peopleSet),
		relationshipClaimSet(t, setupSet, noChecks),
		writeClaimSetFragment(t, ds52Set, []map[string]any{
			{"name": "ed-fi/contacts", "authorizationStrategyOverridesForCRUD": byDefault},
			{"name": "ed-fi/studentContactAssociations", "authorizationStrategyOverridesForCRUD": byDefault},
		}),
		relationshipClaimSet(t, peopleSet, map[string][]string{"contacts": {authz.RelationshipsWithEdOrgsAndPeople}}))
	a = startAPI(t, p)
	setup = a.client(setupSet)
	seedHierarchy(t, a, setup)
	for i := int64(3); i <= 12; i++ {
		a.create(t, setup, "ed-fi/schools", school(lea1*1000+i, lea1))
	}
	return a, setup, ds52Set, peopleSet
}

// TestContactRelationshipAuthorization runs the people strategies on
// contacts over HTTP: a contact is related to an organization through a
// StudentContactAssociation with a student enrolled (StudentSchoolAssociation)
// in it or in a school below it (auth.md, the Contact path, view
// auth.EducationOrganizationIdToContactDocumentId). Under the DS 5.2
// defaults (the reference's RelationshipsWithEdOrgsAndContacts.feature):
// GET-many and GET by id, PUT related and unrelated, POST and DELETE of an
// unassociated contact (no data checks), DELETE of an associated one (the
// association's 409 once authorized); under RelationshipsWithEdOrgsAndPeople
// on every action, POST and DELETE checked too; student contact
// associations under RelationshipsWithStudentsOnly (the contact takes no
// part).
func TestContactRelationshipAuthorization(t *testing.T) {
	a, setup, ds52, people := contactsAPI(t)
	// S1 is enrolled in school1, S2 in school2, S3 in school3 (under
	// lea1); C1, C2 and C3 are their contacts, C4 nobody's.
	contacts, assocs := map[string]string{}, map[string]string{}
	for i, schoolID := range []int64{school1, school2, school3} {
		s, c := "S"+strconv.Itoa(i+1), "C"+strconv.Itoa(i+1)
		a.create(t, setup, "ed-fi/students", student(s))
		a.create(t, setup, "ed-fi/studentSchoolAssociations", ssa(s, schoolID))
		contacts[c] = a.create(t, setup, contactsPath, contact(c))
		assocs[c] = a.create(t, setup, scasPath, sca(s, c))
	}
	contacts["C4"] = a.create(t, setup, contactsPath, contact("C4"))
	atSchool1 := a.edOrgClient(ds52, school1)
	unrelatedContact := noRelationship("'255901001'", "'ContactUniqueId'", contactHint)
	referenced := `{"detail":"The requested action cannot be performed because this item is referenced by existing StudentContactAssociation item(s).",` +
		`"type":"urn:ed-fi:api:data-conflict:dependent-item-exists","title":"Dependent Item Exists","status":409,"validationErrors":{},"errors":[]}`

	t.Run("GetMany", func(t *testing.T) {
		a.pageOf(t, atSchool1, contactsPath, contacts["C1"])
		a.pageOf(t, a.edOrgClient(ds52, lea1), contactsPath, contacts["C1"], contacts["C3"])
		a.pageOf(t, a.edOrgClient(ds52, lea2), contactsPath, contacts["C2"])
		a.pageOf(t, a.edOrgClient(ds52, school1, lea2), contactsPath, contacts["C1"], contacts["C2"])
		a.pageOf(t, a.edOrgClient(ds52), contactsPath)
	})

	t.Run("GetByID", func(t *testing.T) {
		a.do(t, atSchool1, "GET", contactsPath+"/"+contacts["C1"], nil).expect(t, "GET related", http.StatusOK)
		a.do(t, a.edOrgClient(ds52, lea1), "GET", contactsPath+"/"+contacts["C3"], nil).expect(t, "GET related through a school below", http.StatusOK)
		a.do(t, atSchool1, "GET", contactsPath+"/"+contacts["C2"], nil).expectProblem(t, "GET another school's", http.StatusForbidden, unrelatedContact)
		a.do(t, atSchool1, "GET", contactsPath+"/"+contacts["C4"], nil).expectProblem(t, "GET unassociated", http.StatusForbidden, unrelatedContact)
		a.do(t, a.edOrgClient(ds52, lea2), "GET", contactsPath+"/"+contacts["C3"], nil).expectProblem(t, "GET another LEA's", http.StatusForbidden,
			noRelationship("'255902'", "'ContactUniqueId'", contactHint))
	})

	t.Run("WritesDS52", func(t *testing.T) {
		put := func(name string) response {
			body := contact(name)
			body["firstName"] = "G"
			return a.do(t, atSchool1, "PUT", contactsPath+"/"+contacts[name], withID(body, contacts[name]))
		}
		put("C1").expect(t, "PUT related", http.StatusNoContent)
		put("C2").expectProblem(t, "PUT another school's", http.StatusForbidden, unrelatedContact)
		put("C4").expectProblem(t, "PUT unassociated", http.StatusForbidden, unrelatedContact)
		// Create and Delete need no relationship (scenarios 11 and 14):
		// a new contact is created and deleted by a client it is not
		// related to.
		a.remove(t, atSchool1, contactsPath, a.create(t, atSchool1, contactsPath, contact("C5")))
		// Authorized, the delete of an associated contact conflicts with
		// its association (scenario 15).
		a.do(t, atSchool1, "DELETE", contactsPath+"/"+contacts["C1"], nil).expectProblem(t, "DELETE associated", http.StatusConflict, referenced)
	})

	t.Run("WritesPeople", func(t *testing.T) {
		c := a.edOrgClient(people, school1)
		// A contact being created is related to nothing yet.
		a.do(t, c, "POST", contactsPath, contact("C6")).expectProblem(t, "POST a contact", http.StatusForbidden, unrelatedContact)
		a.do(t, c, "DELETE", contactsPath+"/"+contacts["C2"], nil).expectProblem(t, "DELETE another school's", http.StatusForbidden, unrelatedContact)
		a.do(t, c, "DELETE", contactsPath+"/"+contacts["C4"], nil).expectProblem(t, "DELETE unassociated", http.StatusForbidden, unrelatedContact)
		a.do(t, c, "DELETE", contactsPath+"/"+contacts["C1"], nil).expectProblem(t, "DELETE related", http.StatusConflict, referenced)
		a.do(t, setup, "GET", contactsPath+"/"+contacts["C4"], nil).expect(t, "the denied DELETE left the contact", http.StatusOK)
	})

	t.Run("StudentContactAssociations", func(t *testing.T) {
		unrelatedStudent := noRelationship("'255901001'", "'StudentUniqueId'", ssaHint)
		a.pageOf(t, atSchool1, scasPath, assocs["C1"])
		a.pageOf(t, a.edOrgClient(ds52, lea1), scasPath, assocs["C1"], assocs["C3"])
		a.do(t, atSchool1, "GET", scasPath+"/"+assocs["C2"], nil).expectProblem(t, "GET another school's", http.StatusForbidden, unrelatedStudent)
		a.do(t, atSchool1, "POST", scasPath, sca("S2", "C1")).expectProblem(t, "POST for another school's student", http.StatusForbidden, unrelatedStudent)
		body := withID(sca("S1", "C1"), assocs["C1"])
		body["emergencyContactStatus"] = false
		a.do(t, atSchool1, "PUT", scasPath+"/"+assocs["C1"], body).expect(t, "PUT related", http.StatusNoContent)
		body = withID(sca("S2", "C2"), assocs["C2"])
		a.do(t, atSchool1, "PUT", scasPath+"/"+assocs["C2"], body).expectProblem(t, "PUT another school's", http.StatusForbidden, unrelatedStudent)
		a.do(t, atSchool1, "DELETE", scasPath+"/"+assocs["C2"], nil).expectProblem(t, "DELETE another school's", http.StatusForbidden, unrelatedStudent)
		// The contact takes no part: C4, related to nothing, is associated
		// with S1, which relates it to school1 until the association goes.
		c4 := a.create(t, atSchool1, scasPath, sca("S1", "C4"))
		a.do(t, atSchool1, "GET", contactsPath+"/"+contacts["C4"], nil).expect(t, "GET newly associated", http.StatusOK)
		a.remove(t, atSchool1, scasPath, c4)
		a.do(t, atSchool1, "GET", contactsPath+"/"+contacts["C4"], nil).expectProblem(t, "GET no longer associated", http.StatusForbidden, unrelatedContact)
	})
}

// TestContactChangesRelationship runs ReadChanges on contacts: a contact
// deleted after its association and its student's enrolment were deleted
// is still related to the school, through the tracked rows of the
// ReadChanges view (auth.EducationOrganizationIdToContactDocumentIdIncludingDeletes,
// arms over StudentSchoolAssociation and StudentContactAssociation, live
// and old); a school's client tests it against the view's set, an LEA's
// by the compiled probes (ChangePlan.PersonProbes, the view's multi-join
// arms), and both shapes answer the same rows of every probed resource
// for every claim.
func TestContactChangesRelationship(t *testing.T) {
	a, setup, ds52, _ := contactsAPI(t)
	// CD's student SD was enrolled in school1, CX's student SX is in
	// school2; CN was never associated. The associations, SD's enrolment
	// and the contacts are deleted in that order.
	a.create(t, setup, "ed-fi/students", student("SD"))
	a.create(t, setup, "ed-fi/students", student("SX"))
	enrolmentSD := a.create(t, setup, "ed-fi/studentSchoolAssociations", ssa("SD", school1))
	a.create(t, setup, "ed-fi/studentSchoolAssociations", ssa("SX", school2))
	deleted := map[string]string{}
	for _, c := range []string{"CD", "CX", "CN"} {
		deleted[c] = a.create(t, setup, contactsPath, contact(c))
	}
	deleted["SCA-D"], deleted["SCA-X"] = a.create(t, setup, scasPath, sca("SD", "CD")), a.create(t, setup, scasPath, sca("SX", "CX"))
	a.remove(t, setup, scasPath, deleted["SCA-D"])
	a.remove(t, setup, scasPath, deleted["SCA-X"])
	a.remove(t, setup, "ed-fi/studentSchoolAssociations", enrolmentSD)
	for _, c := range []string{"CD", "CX", "CN"} {
		a.remove(t, setup, contactsPath, deleted[c])
	}

	for _, c := range []struct {
		name   string
		claims []int64
		probes bool
		// contacts and associations are the keys of deleted wanted, in order.
		contacts, associations []string
	}{
		{"school1", []int64{school1}, false, []string{"CD"}, []string{"SCA-D"}},
		{"school2", []int64{school2}, false, []string{"CX"}, []string{"SCA-X"}},
		{"lea1", []int64{lea1}, true, []string{"CD"}, []string{"SCA-D"}},
		{"lea2", []int64{lea2}, true, []string{"CX"}, []string{"SCA-X"}},
		{"unrelated", []int64{unrelatedClaim}, false, nil, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := a.probesContactChanges(t, ds52, c.claims); got != c.probes {
				t.Errorf("claims %v: probes %v, want %v", c.claims, got, c.probes)
			}
			token := a.edOrgClient(ds52, c.claims...)
			for path, keys := range map[string][]string{contactsPath: c.contacts, scasPath: c.associations} {
				want := []string{}
				for _, k := range keys {
					want = append(want, deleted[k])
				}
				if got := ids(t, a.do(t, token, "GET", path+"/deletes", nil).expect(t, "GET deletes", http.StatusOK)); !slices.Equal(got, want) {
					t.Errorf("%s/deletes: %v, want %v (%v)", path, got, want, keys)
				}
			}
		})
	}

	claimSets := [][]int64{{school1}, {school2}, {school3}, {lea1}, {lea2}, {school1, lea2}, {unrelatedClaim}, {}}
	probed, answers := compareProbesWithViews(t, a.provisioned, claimSets,
		authz.RelationshipsWithEdOrgsAndPeopleIncludingDeletes, authz.RelationshipsWithStudentsOnlyIncludingDeletes)
	if !probed["Contact EducationOrganizationIdToContactDocumentIdIncludingDeletes"] {
		t.Errorf("probed %v: the contacts' view is not probed", probed)
	}
	if answers == 0 {
		t.Error("no rows answered: the data no longer covers the cases")
	}
}

// probesContactChanges authorizes ReadChanges of contacts for a client of
// claimSet with claims, and reports whether its filter tests the tracked
// contacts by the compiled probes rather than by the view's set.
func (a *api) probesContactChanges(t *testing.T, claimSet string, claims []int64) bool {
	t.Helper()
	principal := &auth.Principal{ClientID: "contacts", ClaimSetName: claimSet, EducationOrganizationIDs: claims}
	ctx := auth.WithPrincipal(context.Background(), principal)
	d, err := a.authorizer.Authorize(ctx, principal, auth.Target{Project: "ed-fi", Endpoint: "contacts"}, auth.ActionReadChanges)
	if err != nil {
		t.Fatal(err)
	}
	auth.SetDecision(ctx, d)
	filter, _ := authz.ChangesRelationshipRuleFrom(ctx, a.resource(t, "Contact")).Filter(1)
	return strings.Contains(filter, "OFFSET 0")
}
