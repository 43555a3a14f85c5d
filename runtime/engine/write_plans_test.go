package engine_test

import (
	"context"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/runtime/etag"
	"github.com/jackc/pgx/v5/pgxpool"
)

// TestWriteStatementsKeepTheirPlans: the statements every write sends
// (find, allocate, resolve, load, insert) must run on PostgreSQL's cached
// generic plan once it has tried its five custom plans, not be planned anew
// on each execution. The reference resolution ("= ANY($1)") with fewer than
// ten ids and the id allocation (generate_series over a parameter) used to
// be planned on every write, about 70 µs of database CPU per POST.
func TestWriteStatementsKeepTheirPlans(t *testing.T) {
	e := bundledEnv(t)
	ctx := context.Background()
	// One connection, so that every statement is prepared on the
	// connection pg_prepared_statements is read from.
	cfg, err := pgxpool.ParseConfig(e.pool.Config().ConnString())
	if err != nil {
		t.Fatal(err)
	}
	cfg.MaxConns = 1
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	w := e.newWriter()
	w.Pool = pool
	posts := 0
	for _, d := range fakeDocs(t, e.set, 2) {
		res := e.resourceAt(t, d.Project, d.Resource)
		writer := w
		if res.IsDescriptor {
			// Descriptors have statements of their own.
			writer = e.writer
		}
		if _, err := writer.UpsertDocument(ctx, res, d.Body, etag.Write{}); err != nil {
			t.Fatalf("POST %s/%s: %v %s", d.Project, d.Resource, err, problemJSON(err))
		}
		if !res.IsDescriptor {
			posts++
		}
	}
	rows, err := pool.Query(ctx, `SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	resolves := 0
	for rows.Next() {
		var statement string
		var generic, custom int64
		if err := rows.Scan(&statement, &generic, &custom); err != nil {
			t.Fatal(err)
		}
		if custom > 5 {
			t.Errorf("planned anew on each execution (%d custom plans, %d generic): %s", custom, generic, statement)
		}
		if strings.Contains(statement, `"ReferentialId" = ANY($1::text::uuid[])`) {
			resolves += int(generic + custom)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if resolves != posts {
		t.Fatalf("%d executions of the resolution statement seen for %d POSTs: not all on the inspected connection", resolves, posts)
	}
}
