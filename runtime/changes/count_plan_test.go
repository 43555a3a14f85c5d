package changes_test

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/internal/testplan"
	"github.com/edfi-dmsc/dmsc/runtime/changes"
	"github.com/edfi-dmsc/dmsc/runtime/server"
	"github.com/jackc/pgx/v5/pgxpool"
)

// TestDeletesCountPlannedPerWindow checks the /deletes count's plan on a
// student table with 6,667 tombstones: planned with the window's values,
// it probes the live table per tombstone for a narrow window and hashes
// its keys once for the whole one; Read gets such a custom plan at every
// execution of the cached prepared statement, where PostgreSQL alone
// would settle on a generic plan; and the count agrees with the page
// statement's rows (whose probe is fenced per row) over several windows.
func TestDeletesCountPlannedPerWindow(t *testing.T) {
	schema, pool := provisioned(t)
	populateStudents(t, pool, schema, 20000, 3, 7)
	ctx := context.Background()
	var newest int64
	if err := pool.QueryRow(ctx, `SELECT "dms"."GetMaxChangeVersion"()`).Scan(&newest); err != nil {
		t.Fatal(err)
	}
	cp := testplan.Resource(t, schema, "Student").Changes

	// The re-creation test is the only subplan of the statement.
	narrow := explain(t, pool, "force_custom_plan", cp.DeletesCount, newest-30, newest)
	if !strings.Contains(narrow, "SubPlan") || strings.Contains(narrow, "hashed SubPlan") {
		t.Errorf("the count of a narrow window does not probe per tombstone:\n%s", narrow)
	}
	whole := explain(t, pool, "force_custom_plan", cp.DeletesCount, server.AllChanges.Min, server.AllChanges.Max)
	if !strings.Contains(whole, "hashed SubPlan") {
		t.Errorf("the count of the whole window does not hash the live keys:\n%s", whole)
	}
	if testing.Verbose() {
		t.Logf("narrow window:\n%s\nwhole window:\n%s", narrow, whole)
	}

	// One connection, so that its prepared statements' plan counters are
	// those of every statement below.
	cfg := pool.Config()
	cfg.MaxConns = 1
	one, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer one.Close()
	plans := func(sql string) (generic, custom int64) {
		t.Helper()
		err := one.QueryRow(ctx, `SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement = $1`, sql).Scan(&generic, &custom)
		if err != nil {
			t.Fatalf("plan counters of %s: %v", sql, err)
		}
		return generic, custom
	}
	windows := []server.ChangeWindow{
		{Min: newest - 100, Max: newest}, {Min: newest / 3, Max: 2 * newest / 3}, {Min: 0, Max: newest / 2},
		server.AllChanges, {Min: newest + 1, Max: math.MaxInt64},
	}
	const rounds = 2
	for range rounds {
		for _, w := range windows {
			page, err := changes.Read(ctx, one, cp, changes.Deletes, server.Paging{Limit: 5, TotalCount: true, Changes: w}, nil)
			if err != nil {
				t.Fatal(err)
			}
			var fenced int64
			err = one.QueryRow(ctx, "SELECT count(*) FROM ("+cp.Deletes+") page", w.Min, w.Max, math.MaxInt32, 0).Scan(&fenced)
			if err != nil {
				t.Fatal(err)
			}
			if w == server.AllChanges && fenced == 0 {
				t.Fatal("no tombstones to count")
			}
			if page.TotalCount != fenced {
				t.Errorf("window %d..%d: count %d, page rows %d", w.Min, w.Max, page.TotalCount, fenced)
			}
		}
	}
	if generic, custom := plans(cp.DeletesCount); generic != 0 || custom != int64(rounds*len(windows)) {
		t.Errorf("Read's count: %d generic and %d custom plans, want %d custom", generic, custom, rounds*len(windows))
	}
	// The same cached statement outside Read goes generic after five
	// custom plans: the whole window's cost dwarfs the generic estimate.
	for range 7 {
		var n int64
		if err := one.QueryRow(ctx, cp.DeletesCount, server.AllChanges.Min, server.AllChanges.Max).Scan(&n); err != nil {
			t.Fatal(err)
		}
	}
	if generic, _ := plans(cp.DeletesCount); generic == 0 {
		t.Errorf("the count statement never went generic outside Read: the test shows nothing")
	}

	// The setting is the count's alone: with the session forcing generic
	// plans, Read's page (queued before it) is planned generic, its count
	// custom, and the session's setting holds after the transaction.
	if _, err := one.Exec(ctx, "SET plan_cache_mode = force_generic_plan"); err != nil {
		t.Fatal(err)
	}
	pageGeneric, _ := plans(cp.Deletes)
	_, countCustom := plans(cp.DeletesCount)
	const reads = 3
	for range reads {
		if _, err := changes.Read(ctx, one, cp, changes.Deletes, server.Paging{Limit: 5, TotalCount: true, Changes: server.AllChanges}, nil); err != nil {
			t.Fatal(err)
		}
	}
	if generic, _ := plans(cp.Deletes); generic-pageGeneric != reads {
		t.Errorf("Read's page: %d generic plans in %d reads under force_generic_plan: the count's setting reached it", generic-pageGeneric, reads)
	}
	if _, custom := plans(cp.DeletesCount); custom-countCustom != reads {
		t.Errorf("Read's count: %d custom plans in %d reads under force_generic_plan", custom-countCustom, reads)
	}
	var mode string
	if err := one.QueryRow(ctx, "SHOW plan_cache_mode").Scan(&mode); err != nil || mode != "force_generic_plan" {
		t.Errorf("the session's plan_cache_mode after Read: %q (%v)", mode, err)
	}
}
