package authz_test

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Claim-set fragments, and documents of the bundled schema's education
// organization hierarchy and enrolments, shared by the relationship tests.

// grant is a resource claim's override granting action under strategies.
func grant(action string, strategies ...string) map[string]any {
	named := make([]map[string]string, len(strategies))
	for i, s := range strategies {
		named[i] = map[string]string{"name": s}
	}
	return map[string]any{"actionName": action, "authorizationStrategies": named}
}

// writeClaimSetFragment writes the claim-set fragment granting the claim
// set name resourceClaims, and returns its path.
func writeClaimSetFragment(t *testing.T, name string, resourceClaims []map[string]any) string {
	t.Helper()
	body, err := json.Marshal(map[string]any{"name": name, "resourceClaims": resourceClaims})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name+"-claimset.json")
	if err := os.WriteFile(path, body, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// Education organizations of the relationship tests: two LEAs, a school
// under each.
const (
	lea1, lea2       = 255901, 255902
	school1, school2 = 255901001, 255902001
)

func lea(id int64) map[string]any {
	return map[string]any{"localEducationAgencyId": id, "nameOfInstitution": "LEA", "localEducationAgencyCategoryDescriptor": "uri://ed-fi.org/LocalEducationAgencyCategoryDescriptor#Regular",
		"categories": []any{map[string]any{"educationOrganizationCategoryDescriptor": "uri://ed-fi.org/EducationOrganizationCategoryDescriptor#School"}}}
}

func school(id, parentLEA int64) map[string]any {
	return map[string]any{"schoolId": id, "nameOfInstitution": "School", "localEducationAgencyReference": map[string]any{"localEducationAgencyId": parentLEA},
		"gradeLevels":                     []any{map[string]any{"gradeLevelDescriptor": "uri://ed-fi.org/GradeLevelDescriptor#Tenth"}},
		"educationOrganizationCategories": []any{map[string]any{"educationOrganizationCategoryDescriptor": "uri://ed-fi.org/EducationOrganizationCategoryDescriptor#School"}}}
}

func student(id string) map[string]any {
	return map[string]any{"studentUniqueId": id, "firstName": "F", "lastSurname": "L", "birthDate": "2010-01-01"}
}

// ssa is a StudentSchoolAssociation entered on 2024-08-20.
func ssa(studentID string, schoolID int64) map[string]any {
	return map[string]any{"studentReference": map[string]any{"studentUniqueId": studentID}, "schoolReference": map[string]any{"schoolId": schoolID},
		"entryDate": "2024-08-20", "entryGradeLevelDescriptor": "uri://ed-fi.org/GradeLevelDescriptor#Tenth"}
}

// seedDescriptors posts with token the descriptors (resource, code value)
// in the uri://ed-fi.org namespace.
func seedDescriptors(t *testing.T, a *api, token string, descriptors ...[2]string) {
	t.Helper()
	for _, d := range descriptors {
		name := strings.ToUpper(d[0][:1]) + strings.TrimSuffix(d[0][1:], "s")
		a.do(t, token, "POST", "ed-fi/"+d[0], map[string]any{"namespace": "uri://ed-fi.org/" + name, "codeValue": d[1], "shortDescription": d[1]}).
			expect(t, "POST "+d[0], http.StatusCreated)
	}
}

// seedHierarchy posts with token the descriptors the bodies above name,
// lea1 and lea2, and school1 under lea1 and school2 under lea2. It returns
// the LEAs' document ids by LocalEducationAgencyId.
func seedHierarchy(t *testing.T, a *api, token string) map[int64]string {
	t.Helper()
	seedDescriptors(t, a, token, [2]string{"localEducationAgencyCategoryDescriptors", "Regular"},
		[2]string{"educationOrganizationCategoryDescriptors", "School"}, [2]string{"gradeLevelDescriptors", "Tenth"})
	leaIDs := map[int64]string{}
	for _, e := range [][2]int64{{lea1, school1}, {lea2, school2}} {
		leaIDs[e[0]] = a.do(t, token, "POST", "ed-fi/localEducationAgencies", lea(e[0])).expect(t, "POST LEA", http.StatusCreated).id()
		a.do(t, token, "POST", "ed-fi/schools", school(e[1], e[0])).expect(t, "POST school", http.StatusCreated)
	}
	return leaIDs
}
