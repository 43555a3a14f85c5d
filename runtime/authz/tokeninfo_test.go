package authz_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/runtime/authz"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// tokenInfo posts the token_info request of token and returns the body.
func (a *api) tokenInfo(t *testing.T, token string) string {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, a.base+"/oauth/token_info", strings.NewReader(fmt.Sprintf(`{"token": %q}`, token)))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusOK {
		t.Fatalf("token_info: %d %s", res.StatusCode, body)
	}
	return strings.TrimSpace(string(body))
}

// TestTokenInfoEducationOrganizations reads token_info's
// education_organizations from the hierarchy on the bundled schema (lea1
// over school1 and a second school, lea2 over school2), in the
// reference's shape (TokenIntrospection.feature, scenario 01): the claimed
// organizations and those below them, by id, each with its name, type and
// the ids of itself and its ancestors named by their types, in ascending
// id order; ids of no education organization are left out.
func TestTokenInfoEducationOrganizations(t *testing.T) {
	schemas, claims := bundledSchema(t)
	p := provisionSchema(t, schemas...)
	const described = "TokenInfo-Described"
	p.loadClaims(t, claimsWithClaimSets(t, claims, described))
	a := startAPI(t, p)
	full := a.client("FullAccess")
	seedHierarchy(t, a, full)
	const secondSchool = 255901002
	second := school(secondSchool, lea1)
	second["nameOfInstitution"] = `Second "School"`
	a.do(t, full, "POST", "ed-fi/schools", second).expect(t, "POST second school", http.StatusCreated)

	lea := func(id int64) string {
		return fmt.Sprintf(`{"education_organization_id":%d,"name_of_institution":"LEA","type":"edfi.LocalEducationAgency","local_education_agency_id":%d}`, id, id)
	}
	school := func(id, lea int64, name string) string {
		return fmt.Sprintf(`{"education_organization_id":%d,"name_of_institution":%s,"type":"edfi.School","local_education_agency_id":%d,"school_id":%d}`, id, name, lea, id)
	}
	for _, tc := range []struct {
		name   string
		claims []int64
		want   []string
	}{
		{"a school", []int64{school1}, []string{school(school1, lea1, `"School"`)}},
		{"an LEA and its schools", []int64{lea1}, []string{lea(lea1), school(school1, lea1, `"School"`), school(secondSchool, lea1, `"Second \"School\""`)}},
		{"a school under a claimed LEA once", []int64{school1, lea1}, []string{lea(lea1), school(school1, lea1, `"School"`), school(secondSchool, lea1, `"Second \"School\""`)}},
		{"an unknown id left out", []int64{999, school2}, []string{school(school2, lea2, `"School"`)}},
		{"only unknown ids", []int64{999}, nil},
		{"no claims", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			token := a.edOrgClient(described, tc.claims...)
			want := fmt.Sprintf(`{"active":true,"client_id":%q,"namespace_prefixes":[],"education_organizations":[%s],`+
				`"assigned_profiles":[],"claim_set":{"name":%q},"resources":[],"services":[]}`, token, strings.Join(tc.want, ","), described)
			if got := a.tokenInfo(t, token); got != want {
				t.Errorf("token_info\n got %s\nwant %s", got, want)
			}
		})
	}
}

// A schema without concrete education organizations describes none, and
// asks the database nothing (the authorizer here has none).
func TestTokenInfoWithoutEducationOrganizations(t *testing.T) {
	got, err := authz.New(&spec.Schema{}, nil, nil).DescribeEducationOrganizations(context.Background(), []int64{255901})
	if err != nil || len(got) != 0 {
		t.Errorf("DescribeEducationOrganizations = %v, %v; want none", got, err)
	}
}

// TestTokenInfoStatementSeeksTheIndexes: under a generic plan, with 20,000
// LEAs, token_info's statement finds the claimed and related organizations
// through the LEAs' natural-key index and the hierarchy's indexes, reading
// neither whole (the two schools may be, a table that small).
func TestTokenInfoStatementSeeksTheIndexes(t *testing.T) {
	schemas, claims := bundledSchema(t)
	p := provisionSchema(t, schemas...)
	p.loadClaims(t, claims)
	a := startAPI(t, p)
	seedHierarchy(t, a, a.client("FullAccess"))
	ctx := context.Background()
	conn, err := p.pool.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Release()
	fill := `WITH d AS (
    INSERT INTO "dms"."Document" ("DocumentUuid", "ResourceKeyId")
    SELECT gen_random_uuid(), lea."ResourceKeyId"
    FROM (SELECT "ResourceKeyId" FROM "dms"."Document" WHERE "DocumentId" = (SELECT min("DocumentId") FROM "edfi"."LocalEducationAgency")) lea,
        generate_series(1, 20000)
    RETURNING "DocumentId")
INSERT INTO "edfi"."LocalEducationAgency" ("DocumentId", "LocalEducationAgencyCategoryDescriptor_DescriptorId", "LocalEducationAgencyId", "NameOfInstitution")
SELECT d."DocumentId", (SELECT "LocalEducationAgencyCategoryDescriptor_DescriptorId" FROM "edfi"."LocalEducationAgency" LIMIT 1), 1000000 + d."DocumentId", 'Filler'
FROM d`
	for _, s := range []string{fill, "ANALYZE", "SET plan_cache_mode = force_generic_plan", "PREPARE edorgs AS " + authz.EdOrgStatement(a.authorizer)} {
		if _, err := conn.Exec(ctx, s); err != nil {
			t.Fatalf("%v\n%s", err, s)
		}
	}
	text := explain(t, conn, "EXPLAIN EXECUTE edorgs('{255901001}')")
	t.Logf("generic plan:\n%s", text)
	for _, whole := range []string{`Seq Scan on "LocalEducationAgency"`, `Seq Scan on "EducationOrganizationIdToEducationOrganizationId"`} {
		if strings.Contains(text, whole) {
			t.Errorf("token_info's statement reads a table whole (%s):\n%s", whole, text)
		}
	}
	if !strings.Contains(text, "UX_LocalEducationAgency_NK") {
		t.Errorf("token_info's statement does not seek the LEAs by id:\n%s", text)
	}
}
