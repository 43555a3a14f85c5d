package authz

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/edfi-dmsc/dmsc/runtime/auth"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// edOrgKind is what token_info says of an education organization by the
// concrete EducationOrganization table it is in.
type edOrgKind struct {
	// typ is the entry's "type": "edfi.School", "{project endpoint}.{Resource}"
	// for the members of other projects.
	typ string
	// idName names the organization's id among a descendant's ancestors:
	// "school_id", "local_education_agency_id".
	idName string
}

// edOrgDescription is the statement answering token_info's
// "education_organizations", built once from the schema's concrete
// EducationOrganization tables (spec.Resource.EducationOrganization), and
// the kinds its kind columns index.
type edOrgDescription struct {
	query string
	kinds []edOrgKind
}

// edOrgTable is a concrete EducationOrganization table as the statement
// reads it: qualified, its id and name columns quoted.
type edOrgTable struct {
	table, id, name string
}

// newEdOrgDescription builds the statement over the schema's concrete
// EducationOrganization tables; a schema without any has none (no id can
// name an education organization).
//
// The statement, as the reference's: the claimed ids that are education
// organizations, every organization below them in the hierarchy (Source
// is the ancestor, Target the descendant), and each of those with itself
// and its ancestors, typed by the table holding them; tuples naming an id
// no table holds are left out. Rows are ordered by organization, then
// ancestor id. Each step joins every table on its own (a UNION ALL of one
// arm per table) rather than a union of the tables: the planner then
// estimates each probe by the table's unique id index and seeks it,
// where a join to a union, which has no statistics, is estimated at a
// fraction of all organizations and read whole.
func newEdOrgDescription(schema *spec.Schema) edOrgDescription {
	var d edOrgDescription
	var tables []edOrgTable
	for _, r := range schema.Resources {
		eo := r.EducationOrganization
		if eo == nil {
			continue
		}
		root := r.Tables[0]
		tables = append(tables, edOrgTable{table: quoteIdent(root.Schema) + "." + quoteIdent(root.Name), id: "r." + quoteIdent(eo.ID), name: "r." + quoteIdent(eo.Name)})
		d.kinds = append(d.kinds, edOrgKind{typ: edOrgType(r), idName: snakeCase(r.Name + "Id")})
	}
	if len(tables) == 0 {
		return d
	}
	// arms is the UNION ALL of arm, a Sprintf format given each table, its
	// kind, id column and name column (by explicit argument index).
	arms := func(arm string) string {
		parts := make([]string, len(tables))
		for i, t := range tables {
			parts[i] = fmt.Sprintf(arm, t.table, i, t.id, t.name)
		}
		return "  " + strings.Join(parts, "\n  UNION ALL ") + "\n"
	}
	d.query = "WITH claimed AS (\n" +
		arms("SELECT %[3]s AS id FROM %[1]s r WHERE %[3]s = ANY($1::bigint[])") +
		"), reachable AS (\n" +
		"  SELECT h." + edOrgTargetColumn + " AS id FROM claimed c JOIN " + edOrgHierarchyTable + " h ON h." + edOrgSourceColumn + " = c.id\n" +
		"  UNION SELECT c.id FROM claimed c\n" +
		"), target AS (\n" +
		arms("SELECT %[3]s AS id, %[4]s AS name, %[2]d AS kind FROM reachable a JOIN %[1]s r ON %[3]s = a.id") +
		"), link AS (\n" +
		"  SELECT t.id AS target, h." + edOrgSourceColumn + " AS ancestor FROM target t JOIN " + edOrgHierarchyTable + " h ON h." + edOrgTargetColumn + " = t.id\n" +
		"  UNION SELECT t.id, t.id FROM target t\n" +
		"), ancestor AS (\n" +
		arms("SELECT l.target, %[3]s AS id, %[2]d AS kind FROM link l JOIN %[1]s r ON %[3]s = l.ancestor") +
		")\n" +
		"SELECT t.id, t.name, t.kind, a.id, a.kind\n" +
		"FROM target t JOIN ancestor a ON a.target = t.id\n" +
		"ORDER BY t.id, a.id"
	return d
}

// edOrgType is the token_info type of a concrete EducationOrganization:
// "edfi" for the Ed-Fi project, as the reference, else the project's
// endpoint name, then the resource name.
func edOrgType(r *spec.Resource) string {
	project := r.ProjectEndpoint
	if strings.EqualFold(r.ProjectName, "Ed-Fi") || strings.EqualFold(r.ProjectEndpoint, "ed-fi") {
		project = "edfi"
	}
	return project + "." + r.Name
}

// The reference's Pascal-case to snake-case conversion, in its order.
var (
	upperRun       = regexp.MustCompile(`([A-Z]+)([A-Z][a-z])`)
	lowerThenUpper = regexp.MustCompile(`([a-z\d])([A-Z])`)
	dashOrSpace    = regexp.MustCompile(`[-\s]`)
)

// snakeCase converts "LocalEducationAgencyId" to "local_education_agency_id".
func snakeCase(pascal string) string {
	s := lowerThenUpper.ReplaceAllString(upperRun.ReplaceAllString(pascal, "${1}_${2}"), "${1}_${2}")
	return strings.ToLower(dashOrSpace.ReplaceAllString(s, "_"))
}

// DescribeEducationOrganizations answers token_info's
// "education_organizations" for the claimed ids (auth.ClaimSetDescriber):
// one query, whose rows come grouped by organization.
func (a *Authorizer) DescribeEducationOrganizations(ctx context.Context, ids []int64) ([]auth.TokenInfoEducationOrganization, error) {
	out := []auth.TokenInfoEducationOrganization{}
	if len(ids) == 0 || a.edOrgs.query == "" {
		return out, nil
	}
	if a.db == nil {
		return nil, errors.New("describing education organizations: the authorizer has no database")
	}
	rows, err := a.db.Query(ctx, a.edOrgs.query, ids)
	if err != nil {
		return nil, fmt.Errorf("describing education organizations: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, ancestor int64
		var name string
		var kind, ancestorKind int
		if err := rows.Scan(&id, &name, &kind, &ancestor, &ancestorKind); err != nil {
			return nil, fmt.Errorf("describing education organizations: %w", err)
		}
		if n := len(out); n == 0 || out[n-1].ID != id {
			out = append(out, auth.TokenInfoEducationOrganization{ID: id, NameOfInstitution: name, Type: a.edOrgs.kinds[kind].typ})
		}
		e := &out[len(out)-1]
		e.Ancestors = setAncestor(e.Ancestors, auth.TokenInfoAncestor{Name: a.edOrgs.kinds[ancestorKind].idName, ID: ancestor})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("describing education organizations: %w", err)
	}
	return out, nil
}

// setAncestor sets an's id in ancestors: in place when the name is there
// already (an organization under two of one type keeps the higher id, as
// the reference), else appended.
func setAncestor(ancestors []auth.TokenInfoAncestor, an auth.TokenInfoAncestor) []auth.TokenInfoAncestor {
	for i := range ancestors {
		if ancestors[i].Name == an.Name {
			ancestors[i].ID = an.ID
			return ancestors
		}
	}
	return append(ancestors, an)
}
