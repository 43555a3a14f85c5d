package changes_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/internal/refdata"
	"github.com/edfi-dmsc/dmsc/internal/testplan"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// populateStudents writes n students straight into the tables (the
// stamping and identity triggers run as for the API's writes), deletes
// every deleteEvery-th and changes the key of every keyChangeEvery-th of
// the others, so the tracked-change table holds tombstones and key
// changes spread over the whole change-version range; then analyzes.
func populateStudents(t testing.TB, pool *pgxpool.Pool, schema *spec.Schema, n, deleteEvery, keyChangeEvery int) {
	t.Helper()
	ctx := context.Background()
	student := testplan.Resource(t, schema, "Student")
	for _, sql := range []string{
		fmt.Sprintf(`WITH d AS (
			INSERT INTO "dms"."Document" ("DocumentUuid", "ResourceKeyId")
			SELECT gen_random_uuid(), %d FROM generate_series(1, %d)
			RETURNING "DocumentId")
		INSERT INTO "edfi"."Student" ("DocumentId", "BirthDate", "FirstName", "LastSurname", "StudentUniqueId")
		SELECT "DocumentId", DATE '2010-01-01', 'First', 'Last', 'S' || "DocumentId" FROM d`, student.ResourceKeyID, n),
		// Interleave: deletes and key changes walk the table in DocumentId
		// order, one statement per batch of rows, so their change versions
		// mix with each other as an application's would.
		fmt.Sprintf(`DO $$
		DECLARE b bigint;
		BEGIN
			FOR b IN SELECT generate_series(0, (SELECT max("DocumentId") FROM "edfi"."Student") / 1000) LOOP
				DELETE FROM "edfi"."Student" WHERE "DocumentId" / 1000 = b AND "DocumentId" %% %d = 0;
				UPDATE "edfi"."Student" SET "StudentUniqueId" = "StudentUniqueId" || 'k'
				WHERE "DocumentId" / 1000 = b AND "DocumentId" %% %d = 1;
			END LOOP;
		END $$`, deleteEvery, keyChangeEvery),
		`DELETE FROM "dms"."Document" d WHERE d."ResourceKeyId" = ` + fmt.Sprint(student.ResourceKeyID) +
			` AND NOT EXISTS (SELECT 1 FROM "edfi"."Student" s WHERE s."DocumentId" = d."DocumentId")`,
		`ANALYZE`,
	} {
		if _, err := pool.Exec(ctx, sql); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
	}
}

// plan is the EXPLAIN text of sql with args, run as a prepared statement
// under plan_cache_mode (auto: the custom plan of the first executions;
// force_generic_plan: the plan a connection settles on later).
func explain(t testing.TB, pool *pgxpool.Pool, mode, sql string, args ...any) string {
	t.Helper()
	ctx := context.Background()
	conn, err := pool.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Release()
	var text []string
	err = pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "SET LOCAL plan_cache_mode = "+mode); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "PREPARE explained AS "+sql); err != nil {
			return err
		}
		var params []string
		for _, a := range args {
			params = append(params, fmt.Sprint(a))
		}
		rows, err := tx.Query(ctx, "EXPLAIN EXECUTE explained("+strings.Join(params, ", ")+")")
		if err != nil {
			return err
		}
		for rows.Next() {
			var line string
			if err := rows.Scan(&line); err != nil {
				return err
			}
			text = append(text, line)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, "DEALLOCATE explained")
		return err
	})
	if err != nil {
		t.Fatalf("explaining %s: %v", sql, err)
	}
	return strings.Join(text, "\n")
}

// windowThrough matches an index range on the window's column.
var windowThrough = regexp.MustCompile(`Index Cond: \(.*"(ChangeVersion|ContentVersion)" >= `)

// TestWindowQueriesUseIndexes checks, on a populated table, that each
// statement of the change routes and the live window reads a narrow window
// as a range of an index and scans no table (the re-creation probe of
// /deletes is an index lookup per tombstone), with the custom and the
// generic plan.
func TestWindowQueriesUseIndexes(t *testing.T) {
	schema, pool := provisioned(t)
	populateStudents(t, pool, schema, 20000, 3, 7)
	populateDescriptors(t, pool, schema, "GradeLevelDescriptor", 20000, 3)
	populateDescriptors(t, pool, schema, "TermDescriptor", 20000, 3)
	var newest int64
	if err := pool.QueryRow(context.Background(), `SELECT "dms"."GetMaxChangeVersion"()`).Scan(&newest); err != nil {
		t.Fatal(err)
	}
	student := testplan.Resource(t, schema, "Student")
	descriptor := testplan.Resource(t, schema, "GradeLevelDescriptor")
	cp := student.Changes
	lw := cp.LiveWindow
	// live is the page selection of a live GET-many with a window: in
	// DocumentId order for a minimum alone, in ContentVersion order when
	// the window has a maximum.
	live := func(r *spec.Resource, order string) string {
		where := lw[0] + "$1" + lw[1] + "$2" + lw[2]
		if r.Read.PageWhere != "" {
			where = r.Read.PageWhere + " AND " + where
		}
		return `SELECT r."DocumentId" FROM ` + r.Read.PageFrom + " WHERE " + where + ` ORDER BY ` + order + ` LIMIT 500`
	}
	const byDocumentID, byChangeVersion = `r."DocumentId"`, `r."ContentVersion"`
	min, max := newest-300, newest
	for _, c := range []struct {
		name, sql string
		args      []any
		index     string
	}{
		{"deletes", cp.Deletes, []any{min, max, 500, 0}, `"PK_tracked_changes_edfi_Student"`},
		{"deletes count", cp.DeletesCount, []any{min, max}, `"PK_tracked_changes_edfi_Student"`},
		{"keyChanges", cp.KeyChanges, []any{min, max, 500, 0}, `"PK_tracked_changes_edfi_Student"`},
		{"keyChanges count", cp.KeyChangesCount, []any{min, max}, `"PK_tracked_changes_edfi_Student"`},
		{"live window", live(student, byDocumentID), []any{min, max}, `"IX_Student_ContentVersion"`},
		{"live descriptor window", live(descriptor, byDocumentID), []any{min, max}, `"IX_Descriptor_ResourceKeyId_ContentVersion_DocumentId"`},
		{"live window by change version", live(student, byChangeVersion), []any{min, max}, `"IX_Student_ContentVersion"`},
		{"live descriptor window by change version", live(descriptor, byChangeVersion), []any{min, max}, `"IX_Descriptor_ResourceKeyId_ContentVersion_DocumentId"`},
		{"live window by change version, maximum alone", live(student, byChangeVersion), []any{0, max}, `"IX_Student_ContentVersion"`},
		{"live descriptor window by change version, maximum alone", live(descriptor, byChangeVersion), []any{0, max}, `"IX_Descriptor_ResourceKeyId_ContentVersion_DocumentId"`},
		{"descriptor deletes", descriptor.Changes.Deletes, []any{min, max, 500, 0}, `"PK_tracked_changes_edfi_Descriptor"`},
	} {
		for _, mode := range []string{"auto", "force_generic_plan"} {
			plan := explain(t, pool, mode, c.sql, c.args...)
			if !windowThrough.MatchString(plan) || !strings.Contains(plan, "using "+c.index) || strings.Contains(plan, "Seq Scan") {
				t.Errorf("%s (%s) does not read the window through %s:\n%s", c.name, mode, c.index, plan)
			}
			// In change-version order the index yields the page in order:
			// sorting would read the whole window, however wide.
			if strings.Contains(c.sql, "ORDER BY "+byChangeVersion) && strings.Contains(plan, "Sort") {
				t.Errorf("%s (%s) sorts the window:\n%s", c.name, mode, plan)
			}
			if testing.Verbose() {
				t.Logf("%s (%s):\n%s", c.name, mode, plan)
			}
		}
	}
}

// populateDescriptors writes n descriptors of the named resource straight
// into the tables, deletes every deleteEvery-th (0: none), then analyzes.
func populateDescriptors(t testing.TB, pool *pgxpool.Pool, schema *spec.Schema, name string, n, deleteEvery int) {
	t.Helper()
	d := testplan.Resource(t, schema, name)
	namespace := "uri://ed-fi.org/" + name
	sqls := []string{fmt.Sprintf(`WITH d AS (
			INSERT INTO "dms"."Document" ("DocumentUuid", "ResourceKeyId")
			SELECT gen_random_uuid(), %[1]d FROM generate_series(1, %[2]d)
			RETURNING "DocumentId")
		INSERT INTO "dms"."Descriptor" ("DocumentId", "ResourceKeyId", "Namespace", "CodeValue", "ShortDescription", "Discriminator", "Uri")
		SELECT "DocumentId", %[1]d, '%[3]s', 'C' || "DocumentId", 'C', '%[4]s', '%[3]s#C' || "DocumentId" FROM d`,
		d.ResourceKeyID, n, namespace, d.Write.Descriptor.Discriminator)}
	if deleteEvery > 0 {
		sqls = append(sqls,
			fmt.Sprintf(`DELETE FROM "dms"."Descriptor" WHERE "ResourceKeyId" = %d AND "DocumentId" %% %d = 0`, d.ResourceKeyID, deleteEvery),
			fmt.Sprintf(`DELETE FROM "dms"."Document" d WHERE d."ResourceKeyId" = %d
				AND NOT EXISTS (SELECT 1 FROM "dms"."Descriptor" x WHERE x."DocumentId" = d."DocumentId")`, d.ResourceKeyID))
	}
	for _, s := range append(sqls, "ANALYZE") {
		if _, err := pool.Exec(context.Background(), s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// TestStatementsPrepareOnDS32a prepares every change statement of the full
// DS 3.2a schema on a database provisioned with its DDL: the compiler
// writes valid SQL over the tables the DDL creates, for every resource.
func TestStatementsPrepareOnDS32a(t *testing.T) {
	schema, pool := provisionedFiles(t, refdata.File(t, refdata.DS32aCoreSchema))
	ctx := context.Background()
	conn, err := pool.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Release()
	prepared := 0
	for _, r := range schema.Resources {
		cp := r.Changes
		for i, sql := range []string{cp.Deletes, cp.DeletesCount, cp.KeyChanges, cp.KeyChangesCount} {
			if sql == "" {
				continue
			}
			if _, err := conn.Conn().Prepare(ctx, fmt.Sprintf("%s_%d", r.Name, i), sql); err != nil {
				t.Errorf("%s: %v\n%s", r.Name, err, sql)
			}
			prepared++
		}
	}
	t.Logf("%d statements of %d resources prepared", prepared, len(schema.Resources))
}
