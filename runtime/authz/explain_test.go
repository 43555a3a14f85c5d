package authz_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/runtime/auth"
	"github.com/edfi-dmsc/dmsc/runtime/authz"
	"github.com/jackc/pgx/v5/pgxpool"
)

// TestNamespaceFilterSeeksTheIndex checks story 22: under a generic plan
// (what a prepared statement runs after a few executions) the GET-many
// predicate of NamespaceBased is an index condition on the Namespace
// element's varchar_pattern_ops index, not a filter over every entry.
func TestNamespaceFilterSeeksTheIndex(t *testing.T) {
	schemas, _ := bundledSchema(t)
	p := provisionSchema(t, schemas...)
	res := p.resource(t, "GradeLevelDescriptor")
	rule := &authz.NamespaceRule{Prefixes: []string{"uri://ed-fi.org", "uri://ns2.org"}}
	cond, args := rule.Filter(res.Namespace.Element, 1)
	query := `SELECT r."DocumentId" FROM ` + res.Read.PageFrom + ` WHERE ` + res.Read.PageWhere + ` AND ` + cond
	ctx := context.Background()
	conn, err := p.pool.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Release()
	// 20,000 descriptors of the resource in other namespaces, so that the
	// resource key no longer selects them.
	fill := `WITH d AS (
    INSERT INTO "dms"."Document" ("DocumentUuid", "ResourceKeyId")
    SELECT gen_random_uuid(), $1 FROM generate_series(1, 20000)
    RETURNING "DocumentId")
INSERT INTO "dms"."Descriptor" ("DocumentId", "ResourceKeyId", "Namespace", "CodeValue", "ShortDescription", "Discriminator", "Uri")
SELECT "DocumentId", $1, 'uri://district' || "DocumentId" || '.org/GradeLevelDescriptor', 'C', 'C', $2,
    'uri://district' || "DocumentId" || '.org/GradeLevelDescriptor#C'
FROM d`
	if _, err := conn.Exec(ctx, fill, res.ResourceKeyID, res.Write.Descriptor.Discriminator); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`ANALYZE "dms"."Descriptor"`, "SET plan_cache_mode = force_generic_plan"} {
		if _, err := conn.Exec(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := conn.Exec(ctx, "PREPARE ns AS "+query); err != nil {
		t.Fatalf("%v\n%s", err, query)
	}
	exec := "EXPLAIN EXECUTE ns(" + strings.TrimSuffix(strings.Repeat("$$x$$, ", len(args)), ", ") + ")"
	text := explain(t, conn, exec)
	t.Logf("generic plan:\n%s", text)
	if !strings.Contains(text, "IX_Descriptor_Namespace_Auth") || !strings.Contains(text, "Index Cond") || !strings.Contains(text, "~>=~") {
		t.Errorf("the namespace predicate does not seek IX_Descriptor_Namespace_Auth:\n%s\n%s", query, text)
	}
}

// TestRelationshipFilterSeeksTheHierarchy: under a generic plan, the
// GET-many predicate of RelationshipsWithEdOrgsOnly probes the education
// organization hierarchy through its primary key (source, target) with
// the claims as the index condition, the inverted strategy through the
// target index, and joins the related ids to the association's index on
// its school id (a semi-join, not a filter evaluating a subplan per row).
func TestRelationshipFilterSeeksTheHierarchy(t *testing.T) {
	schemas, _ := bundledSchema(t)
	p := provisionSchema(t, schemas...)
	res := p.resource(t, "StudentSchoolAssociation")
	ctx := context.Background()
	conn, err := p.pool.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Release()
	// 200,000 hierarchy rows: 20,000 organizations with 10 descendants each.
	for _, s := range []string{
		`INSERT INTO "auth"."EducationOrganizationIdToEducationOrganizationId" SELECT s, s * 100 + d FROM generate_series(1, 20000) s, generate_series(0, 9) d`,
		`ANALYZE "auth"."EducationOrganizationIdToEducationOrganizationId"`,
		"SET plan_cache_mode = force_generic_plan",
		// The association table is empty: without this the plan would
		// read it whole whatever the predicate.
		"SET enable_seqscan = off",
	} {
		if _, err := conn.Exec(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	for i, c := range []struct{ strategy, index string }{
		{authz.RelationshipsWithEdOrgsOnly, "PK_EducationOrganizationIdToEducationOrganizationId"},
		{authz.RelationshipsWithEdOrgsOnlyInverted, "IX_EducationOrganizationIdToEducationOrganizationId_Target"},
	} {
		actx := auth.WithPrincipal(ctx, &auth.Principal{EducationOrganizationIDs: []int64{7}})
		auth.SetDecision(actx, &auth.Decision{Strategies: []string{c.strategy}})
		cond, _ := authz.RelationshipRuleFrom(actx, res).Filter(1)
		name := "rel" + strconv.Itoa(i)
		query := `SELECT r."DocumentId" FROM ` + res.Read.PageFrom + ` WHERE ` + cond
		if _, err := conn.Exec(ctx, "PREPARE "+name+" AS "+query); err != nil {
			t.Fatalf("%v\n%s", err, query)
		}
		text := explain(t, conn, "EXPLAIN EXECUTE "+name+"('{7}')")
		t.Logf("%s generic plan:\n%s", c.strategy, text)
		if !strings.Contains(text, c.index) || !strings.Contains(text, "IX_StudentSchoolAssociation_School_SchoolId") || strings.Contains(text, "SubPlan") {
			t.Errorf("%s: the predicate does not seek %s:\n%s\n%s", c.strategy, c.index, query, text)
		}
	}
}

// explain runs an EXPLAIN statement and returns the plan's text.
func explain(t *testing.T, conn *pgxpool.Conn, statement string) string {
	t.Helper()
	rows, err := conn.Query(context.Background(), statement)
	if err != nil {
		t.Fatal(err)
	}
	var plan []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, line)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return strings.Join(plan, "\n")
}
