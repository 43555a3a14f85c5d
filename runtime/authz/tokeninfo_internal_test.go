package authz

import (
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// The statement reads every concrete EducationOrganization table of the
// schema, an extension's too, and types each by its project and resource
// as the reference: "edfi" for Ed-Fi, the endpoint name for the others,
// ancestor ids named by the snake-cased resource name.
func TestEdOrgDescriptionFromTheSchema(t *testing.T) {
	member := func(project, endpoint, name, table, id string) *spec.Resource {
		return &spec.Resource{ProjectName: project, ProjectEndpoint: endpoint, Name: name,
			Tables:                []*spec.Table{{Schema: strings.ReplaceAll(endpoint, "-", ""), Name: table}},
			EducationOrganization: &spec.EducationOrganizationColumns{ID: id, Name: "NameOfInstitution"}}
	}
	d := newEdOrgDescription(&spec.Schema{Resources: []*spec.Resource{
		member("Ed-Fi", "ed-fi", "ESCRegion", "ESCRegion", "ESCRegionId"),
		{ProjectName: "Ed-Fi", ProjectEndpoint: "ed-fi", Name: "Student", Tables: []*spec.Table{{Schema: "edfi", Name: "Student"}}},
		member("Sample", "sample", "CustomEdOrg", "CustomEdOrg", "CustomEdOrgId"),
	}})
	want := []edOrgKind{{typ: "edfi.ESCRegion", idName: "esc_region_id"}, {typ: "sample.CustomEdOrg", idName: "custom_ed_org_id"}}
	if len(d.kinds) != len(want) || d.kinds[0] != want[0] || d.kinds[1] != want[1] {
		t.Errorf("kinds %+v, want %+v", d.kinds, want)
	}
	for _, arm := range []string{
		`SELECT r."ESCRegionId" AS id FROM "edfi"."ESCRegion" r WHERE r."ESCRegionId" = ANY($1::bigint[])`,
		`UNION ALL SELECT r."CustomEdOrgId" AS id FROM "sample"."CustomEdOrg" r WHERE r."CustomEdOrgId" = ANY($1::bigint[])`,
		`SELECT r."ESCRegionId" AS id, r."NameOfInstitution" AS name, 0 AS kind FROM reachable a JOIN "edfi"."ESCRegion" r ON r."ESCRegionId" = a.id`,
		`UNION ALL SELECT r."CustomEdOrgId" AS id, r."NameOfInstitution" AS name, 1 AS kind FROM reachable a JOIN "sample"."CustomEdOrg" r ON r."CustomEdOrgId" = a.id`,
		`SELECT l.target, r."ESCRegionId" AS id, 0 AS kind FROM link l JOIN "edfi"."ESCRegion" r ON r."ESCRegionId" = l.ancestor`,
		`UNION ALL SELECT l.target, r."CustomEdOrgId" AS id, 1 AS kind FROM link l JOIN "sample"."CustomEdOrg" r ON r."CustomEdOrgId" = l.ancestor`,
	} {
		if !strings.Contains(d.query, arm) {
			t.Errorf("statement lacks %s:\n%s", arm, d.query)
		}
	}
	if strings.Contains(d.query, "Student") {
		t.Errorf("statement reads a table that is no education organization:\n%s", d.query)
	}
}

func TestSnakeCaseAsTheReference(t *testing.T) {
	for in, want := range map[string]string{
		"LocalEducationAgencyId":   "local_education_agency_id",
		"OrganizationDepartmentId": "organization_department_id",
		"ESCId":                    "esc_id",
		"School2Id":                "school2_id",
	} {
		if got := snakeCase(in); got != want {
			t.Errorf("snakeCase(%s) = %s, want %s", in, got, want)
		}
	}
}
