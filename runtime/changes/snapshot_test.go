package changes_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/edfi-dmsc/dmsc/internal/testplan"
	"github.com/edfi-dmsc/dmsc/runtime/changes"
	"github.com/edfi-dmsc/dmsc/runtime/server"
)

// TestPageAndCountReadOneSnapshot checks that /deletes with totalCount
// reads its page and its count in one snapshot. The count statement is
// held, after it has started, on an advisory lock the test holds (through
// a row filter, which Read adds to the count statement and, as a no-op, to
// the page), and a school is deleted over HTTP while it waits. Read in
// one snapshot, the page leaves the new tombstone out as the count does;
// with a snapshot per statement the page would list it and Total-Count
// would be one short.
func TestPageAndCountReadOneSnapshot(t *testing.T) {
	schema, pool := provisioned(t)
	a := newAPI(t, schema, pool, on())
	a.seedDescriptors()
	for i := range 3 {
		a.del("/data/ed-fi/schools", a.post("/data/ed-fi/schools", school(8118700+i)))
	}
	late := a.post("/data/ed-fi/schools", school(8118710))

	ctx := context.Background()
	holder, err := pool.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Release()
	const lockKey = 8118
	if _, err := holder.Exec(ctx, "SELECT pg_advisory_lock($1)", int64(lockKey)); err != nil {
		t.Fatal(err)
	}
	// The count statement's own parameters are the window ($1, $2), the
	// page's also limit and offset, so the count's filter starts at $3.
	pauseCount := func(first int) (string, []any) {
		if first != 3 {
			return "true", nil
		}
		return "(SELECT true FROM (SELECT pg_advisory_xact_lock_shared($3)) AS pause)", []any{int64(lockKey)}
	}
	type result struct {
		page *changes.Page
		err  error
	}
	plan := testplan.Resource(t, schema, "School").Changes
	done := make(chan result, 1)
	go func() {
		p := server.Paging{Limit: 100, TotalCount: true, Changes: server.AllChanges}
		page, err := changes.Read(ctx, pool, plan, changes.Deletes, p, pauseCount)
		done <- result{page, err}
	}()
	deadline := time.Now().Add(30 * time.Second)
	for waiting := 0; waiting == 0; {
		if time.Now().After(deadline) {
			t.Fatal("the count statement never waited for the advisory lock")
		}
		if err := holder.QueryRow(ctx, `SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND NOT granted`, lockKey).Scan(&waiting); err != nil {
			t.Fatal(err)
		}
		time.Sleep(10 * time.Millisecond)
	}
	a.del("/data/ed-fi/schools", late) // committed while the count waits
	if _, err := holder.Exec(ctx, "SELECT pg_advisory_unlock($1)", int64(lockKey)); err != nil {
		t.Fatal(err)
	}
	res := <-done
	if res.err != nil {
		t.Fatal(res.err)
	}
	var items []map[string]any
	if err := json.Unmarshal(res.page.Body, &items); err != nil {
		t.Fatal(err)
	}
	if res.page.TotalCount != 3 || len(items) != 3 {
		t.Errorf("Total-Count %d with %d items (%s), want 3 and 3: the page and the count read different snapshots", res.page.TotalCount, len(items), res.page.Body)
	}
	// Once the late delete is visible, both see it.
	r := a.get("/data/ed-fi/schools/deletes?totalCount=true")
	if r.totalCount(t) != 4 || len(r.items(t)) != 4 {
		t.Errorf("deletes after the late delete = %s (Total-Count %s)", r.body, r.header.Get("Total-Count"))
	}
}
