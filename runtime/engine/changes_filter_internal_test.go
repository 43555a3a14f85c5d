package engine

import (
	"context"
	"reflect"
	"testing"

	"github.com/edfi-dmsc/dmsc/runtime/auth"
	"github.com/edfi-dmsc/dmsc/runtime/authz"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// TestChangesFilterAndsNamespaceAndRelationships: a decision naming
// NamespaceBased and a relationship strategy filters the tracked rows by
// both, the relationship's claims numbered after the namespace's prefix
// bounds.
func TestChangesFilterAndsNamespaceAndRelationships(t *testing.T) {
	res := &spec.Resource{
		Namespace:     &spec.NamespaceAuthorization{},
		Relationships: &spec.RelationshipAuthorization{EdOrgs: []spec.EdOrgElement{{JSONPath: "$.schoolReference.schoolId", Column: "School_SchoolId"}}},
		Changes: &spec.ChangePlan{Deletes: "SELECT 1", NamespaceColumn: "OldNamespace",
			EdOrgColumns: []string{"OldSchool_SchoolId"}, PersonColumns: []string{}},
	}
	ctx := auth.WithPrincipal(context.Background(), &auth.Principal{NamespacePrefixes: []string{"uri://a"}, EducationOrganizationIDs: []int64{7}})
	auth.SetDecision(ctx, &auth.Decision{Strategies: []string{authz.NamespaceBased, authz.RelationshipsWithEdOrgsOnly}})
	cond, args := changesFilter(ctx, res)(5)
	want := `((c."OldNamespace" ~>=~ $5 AND c."OldNamespace" ~<~ $6)) AND ((coalesce(c."OldSchool_SchoolId" IN (SELECT unnest($7::bigint[]) UNION ALL ` +
		`SELECT "TargetEducationOrganizationId" FROM "auth"."EducationOrganizationIdToEducationOrganizationId" WHERE "SourceEducationOrganizationId" = ANY($7::bigint[])), false)))`
	if cond != want || !reflect.DeepEqual(args, []any{"uri://a", "uri://b", []int64{7}}) {
		t.Errorf("filter\n got %s %v\nwant %s", cond, args, want)
	}
}
