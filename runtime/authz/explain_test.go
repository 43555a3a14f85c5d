package authz_test

import (
	"context"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/runtime/authz"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// TestNamespaceFilterSeeksTheIndex checks story 22: under a generic plan
// (what a prepared statement runs after a few executions) the GET-many
// predicate of NamespaceBased is an index condition on the Namespace
// element's varchar_pattern_ops index, not a filter over every entry.
func TestNamespaceFilterSeeksTheIndex(t *testing.T) {
	schemas, _ := bundledSchema(t)
	p := provisionSchema(t, schemas...)
	var res *spec.Resource
	for _, r := range p.schema.Resources {
		if r.Name == "GradeLevelDescriptor" {
			res = r
		}
	}
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
	rows, err := conn.Query(ctx, exec)
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
	text := strings.Join(plan, "\n")
	t.Logf("generic plan:\n%s", text)
	if !strings.Contains(text, "IX_Descriptor_Namespace_Auth") || !strings.Contains(text, "Index Cond") || !strings.Contains(text, "~>=~") {
		t.Errorf("the namespace predicate does not seek IX_Descriptor_Namespace_Auth:\n%s\n%s", query, text)
	}
}
