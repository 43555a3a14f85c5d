package authz

import (
	"context"
	"sort"
	"strings"

	"github.com/jackc/pgx/v5"
)

// SchemaResource is a resource of the compiled schema with endpoints: a
// concrete resource or a descriptor.
type SchemaResource struct {
	ProjectEndpoint string // "ed-fi"
	ResourceName    string // "AcademicWeek"
}

// ClaimName is the resource claim that authorizes the resource.
func (r SchemaResource) ClaimName() string {
	return ResourceClaimName(r.ProjectEndpoint, r.ResourceName)
}

// schemaResourcesSQL lists the resources the database was provisioned for:
// the dms.ResourceKey seed rows of the effective schema, with their
// project's endpoint name from dms.SchemaComponent. Abstract resources
// (which have no endpoints) are left out: they are the keys with an
// {Abstract}Identity table and no root table of their own.
const schemaResourcesSQL = `SELECT sc."ProjectEndpointName", rk."ResourceName"
FROM "dms"."ResourceKey" rk
JOIN "dms"."SchemaComponent" sc ON sc."ProjectName" = rk."ProjectName"
JOIN "dms"."EffectiveSchema" es ON es."EffectiveSchemaHash" = sc."EffectiveSchemaHash"
WHERE NOT (
    EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.relkind = 'r' AND c.relname = rk."ResourceName" || 'Identity')
    AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.relkind = 'r' AND c.relname = rk."ResourceName"))
ORDER BY sc."ProjectEndpointName", rk."ResourceName"`

// SchemaResourcesFromDB reads the resources of the effective schema the
// database was provisioned with (dmsc provision / ddl apply).
func SchemaResourcesFromDB(ctx context.Context, q Querier) ([]SchemaResource, error) {
	rows, err := q.Query(ctx, schemaResourcesSQL)
	if err != nil {
		return nil, err
	}
	var out []SchemaResource
	var r SchemaResource
	_, err = pgx.ForEachRow(rows, []any{&r.ProjectEndpoint, &r.ResourceName}, func() error {
		out = append(out, r)
		return nil
	})
	return out, err
}

// Coverage is how a claims hierarchy covers a schema's resources.
type Coverage struct {
	// Covered resources have a resource claim (a leaf of the hierarchy).
	Covered []SchemaResource
	// Uncovered resources have none: every claim set is denied them.
	Uncovered []SchemaResource
	// UnknownClaims are resource claims (leaves outside the domains and
	// services namespaces) that name no resource of the schema: they
	// authorize nothing here.
	UnknownClaims []string
}

// CheckCoverage matches the policy's resource claims with resources.
func CheckCoverage(p *Policy, resources []SchemaResource) Coverage {
	var c Coverage
	known := map[string]bool{}
	for _, r := range resources {
		name := strings.ToLower(r.ClaimName())
		known[name] = true
		if p.HasClaim(name) {
			c.Covered = append(c.Covered, r)
		} else {
			c.Uncovered = append(c.Uncovered, r)
		}
	}
	for lower, name := range p.claims {
		if !known[lower] && isResourceClaim(lower) {
			c.UnknownClaims = append(c.UnknownClaims, name)
		}
	}
	sort.Strings(c.UnknownClaims)
	return c
}

// isResourceClaim reports whether a (lower-case) claim name has the form
// of a resource claim: {base}/{project}/{resource}, project not "domains"
// or "services".
func isResourceClaim(lower string) bool {
	rest, ok := strings.CutPrefix(lower, strings.ToLower(ResourceClaimBase)+"/")
	if !ok {
		return false
	}
	project, resource, ok := strings.Cut(rest, "/")
	return ok && resource != "" && !strings.Contains(resource, "/") && project != "domains" && project != "services"
}
