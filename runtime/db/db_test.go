package db_test

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/db/dbtest"
	"github.com/edfi-dmsc/dmsc/runtime/metrics"
	"github.com/edfi-dmsc/dmsc/runtime/metrics/metricstest"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

func setup(t *testing.T) *pgxpool.Pool {
	t.Helper()
	ctx := context.Background()
	pool, err := db.Open(ctx, dbtest.New(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	if _, err := pool.Exec(ctx, `
		CREATE TABLE parent (id int PRIMARY KEY, name text UNIQUE);
		CREATE TABLE child (id int PRIMARY KEY, parent_id int CONSTRAINT fk_child_parent REFERENCES parent(id));
		INSERT INTO parent VALUES (1, 'a'), (2, 'b');`); err != nil {
		t.Fatal(err)
	}
	return pool
}

func countParents(t *testing.T, pool *pgxpool.Pool) int {
	t.Helper()
	var n int
	if err := pool.QueryRow(context.Background(), "SELECT count(*) FROM parent").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestOpenAcceptsKeywordString(t *testing.T) {
	u, err := url.Parse(dbtest.New(t))
	if err != nil {
		t.Fatal(err)
	}
	kw := "host=" + u.Hostname() + " port=" + u.Port() + " user=" + u.User.Username() + " dbname=" + strings.TrimPrefix(u.Path, "/") + " sslmode=disable"
	pool, err := db.Open(context.Background(), kw)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	var one int
	if err := pool.QueryRow(context.Background(), "SELECT 1").Scan(&one); err != nil || one != 1 {
		t.Fatalf("SELECT 1 over keyword connection string: %v", err)
	}
	if got := pool.Config().ConnConfig.ConnectTimeout; got != db.DefaultConnectTimeout {
		t.Errorf("connect timeout = %v, want the default %v", got, db.DefaultConnectTimeout)
	}
	if p, err := db.Open(context.Background(), kw+" connect_timeout=2"); err != nil || p.Config().ConnConfig.ConnectTimeout != 2*time.Second {
		t.Errorf("connect_timeout=2 not kept: %v", err)
	} else {
		p.Close()
	}
	for conn, want := range map[string]string{kw: "off", kw + " jit=on": "on", kw + " options='-c jit=on'": "on"} {
		p, err := db.Open(context.Background(), conn)
		if err != nil {
			t.Fatal(err)
		}
		// The connection's set-up is not a round trip of the first
		// statement, which opens it.
		ctx, trips := db.WithRoundTrips(context.Background())
		var jit string
		if err := p.QueryRow(ctx, "SHOW jit").Scan(&jit); err != nil || jit != want {
			t.Errorf("%q: jit = %q (%v), want %q", conn, jit, err, want)
		}
		if trips.Count() != 1 {
			t.Errorf("%q: %d round trips for one statement on a new connection", conn, trips.Count())
		}
		p.Close()
	}
	if _, err := db.Open(context.Background(), "postgres://u:secret@[::1"); err == nil || strings.Contains(err.Error(), "secret") {
		t.Fatalf("bad URL: err = %v (must fail without echoing the password)", err)
	}
}

func TestFinalBatchCommitsInOneRoundTrip(t *testing.T) {
	pool := setup(t)
	ctx, rt := db.WithRoundTrips(context.Background())
	err := db.InTx(ctx, pool, db.DefaultRetryPolicy, func(ctx context.Context, tx *db.Tx) error {
		b := &pgx.Batch{}
		b.Queue("INSERT INTO parent VALUES (3, 'c')")
		b.Queue("INSERT INTO parent VALUES (4, 'd')")
		return tx.SendFinalBatch(ctx, b).Close()
	})
	if err != nil {
		t.Fatal(err)
	}
	if rt.Count() != 1 {
		t.Errorf("round trips = %d, want 1 (BEGIN, statements and COMMIT pipelined)", rt.Count())
	}
	if n := countParents(t, pool); n != 4 {
		t.Errorf("parents = %d, want 4", n)
	}
}

// TestFinalBatchCloseRunsCallbacks: Close reads the statements the caller
// did not read by running their QueuedQuery callbacks, as pgx does.
func TestFinalBatchCloseRunsCallbacks(t *testing.T) {
	pool := setup(t)
	var name string
	err := db.InTx(context.Background(), pool, db.DefaultRetryPolicy, func(ctx context.Context, tx *db.Tx) error {
		b := &pgx.Batch{}
		b.Queue("INSERT INTO parent VALUES (3, 'c') RETURNING name").QueryRow(func(row pgx.Row) error { return row.Scan(&name) })
		return tx.SendFinalBatch(ctx, b).Close()
	})
	if err != nil || name != "c" {
		t.Fatalf("err = %v, name = %q", err, name)
	}
}

func TestLazyBeginRollsBackOnError(t *testing.T) {
	pool := setup(t)
	ctx, rt := db.WithRoundTrips(context.Background())
	boom := errors.New("boom")
	err := db.InTx(ctx, pool, db.DefaultRetryPolicy, func(ctx context.Context, tx *db.Tx) error {
		if _, err := tx.Exec(ctx, "INSERT INTO parent VALUES (3, 'c')"); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRow(ctx, "SELECT count(*) FROM parent").Scan(&n); err != nil {
			return err
		}
		if n != 3 {
			t.Errorf("inside the transaction count = %d, want 3", n)
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	if n := countParents(t, pool); n != 2 {
		t.Errorf("parents = %d after rollback, want 2", n)
	}
	// Exec (with BEGIN) + QueryRow + ROLLBACK.
	if rt.Count() != 3 {
		t.Errorf("round trips = %d, want 3", rt.Count())
	}
}

func TestFailedStatementInFinalBatchSkipsCommit(t *testing.T) {
	pool := setup(t)
	ctx := context.Background()
	err := db.InTx(ctx, pool, db.DefaultRetryPolicy, func(ctx context.Context, tx *db.Tx) error {
		b := &pgx.Batch{}
		b.Queue("INSERT INTO parent VALUES (3, 'c')")
		b.Queue("INSERT INTO child VALUES (1, 99)") // FK violation
		return tx.SendFinalBatch(ctx, b).Close()
	})
	v, ok := db.ForeignKeyViolation(err)
	if !ok || v.Constraint != "fk_child_parent" || v.Table != "child" {
		t.Fatalf("err = %v, violation = %+v, want fk_child_parent on child", err, v)
	}
	if n := countParents(t, pool); n != 2 {
		t.Errorf("parents = %d, want 2 (nothing committed)", n)
	}
	// The pooled connections must be usable afterwards.
	if err := db.InTx(ctx, pool, db.DefaultRetryPolicy, func(ctx context.Context, tx *db.Tx) error {
		_, err := tx.Exec(ctx, "INSERT INTO parent VALUES (5, 'e')")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if n := countParents(t, pool); n != 3 {
		t.Errorf("parents = %d, want 3", n)
	}
}

func TestViolationClassification(t *testing.T) {
	pool := setup(t)
	ctx := context.Background()
	_, err := pool.Exec(ctx, "INSERT INTO parent VALUES (9, 'a')")
	if v, ok := db.UniqueViolation(err); !ok || v.Constraint != "parent_name_key" || v.Table != "parent" {
		t.Errorf("unique: err = %v, violation = %+v", err, v)
	}
	if _, ok := db.ForeignKeyViolation(err); ok {
		t.Error("a unique violation is not a foreign-key violation")
	}
	if _, err := pool.Exec(ctx, "INSERT INTO child VALUES (1, 1)"); err != nil {
		t.Fatal(err)
	}
	_, err = pool.Exec(ctx, "DELETE FROM parent WHERE id = 1")
	if v, ok := db.ForeignKeyViolation(err); !ok || v.Constraint != "fk_child_parent" || v.Table != "child" {
		t.Errorf("delete of a referenced row: err = %v, violation = %+v (want the referencing table)", err, v)
	}
}

func TestRetriesSerializationFailure(t *testing.T) {
	pool := setup(t)
	attempts := 0
	policy := db.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond}
	err := db.InTx(context.Background(), pool, policy, func(ctx context.Context, tx *db.Tx) error {
		attempts++
		if _, err := tx.Exec(ctx, "INSERT INTO parent VALUES (3, 'c')"); err != nil {
			return err
		}
		if attempts == 1 {
			_, err := tx.Exec(ctx, "DO $$BEGIN RAISE EXCEPTION 'forced' USING ERRCODE = '40001'; END$$")
			return err
		}
		return nil
	})
	if err != nil || attempts != 2 {
		t.Fatalf("err = %v, attempts = %d, want success on attempt 2", err, attempts)
	}
	if n := countParents(t, pool); n != 3 {
		t.Errorf("parents = %d, want 3 (first attempt rolled back, second committed)", n)
	}
}

func TestRetriesAreBounded(t *testing.T) {
	pool := setup(t)
	attempts := 0
	policy := db.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond}
	err := db.InTx(context.Background(), pool, policy, func(ctx context.Context, tx *db.Tx) error {
		attempts++
		_, err := tx.Exec(ctx, "DO $$BEGIN RAISE EXCEPTION 'forced' USING ERRCODE = '40P01'; END$$")
		return err
	})
	if !errors.Is(err, db.ErrRetriesExhausted) || !db.IsRetryable(err) || attempts != 3 {
		t.Fatalf("err = %v, attempts = %d, want ErrRetriesExhausted after 3", err, attempts)
	}
}

// TestRealDeadlockIsRetried makes two transactions lock two rows in opposite
// orders; PostgreSQL aborts one with 40P01 and InTx retries it, counting
// the retry and each transaction attempt.
func TestRealDeadlockIsRetried(t *testing.T) {
	pool := setup(t)
	ctx, m := withMetrics()
	var (
		wg       sync.WaitGroup
		locked   sync.WaitGroup
		mu       sync.Mutex
		attempts int
	)
	locked.Add(2)
	run := func(first, second int) error {
		once := false
		return db.InTx(ctx, pool, db.RetryPolicy{MaxAttempts: 5, BaseDelay: 10 * time.Millisecond}, func(ctx context.Context, tx *db.Tx) error {
			mu.Lock()
			attempts++
			mu.Unlock()
			if _, err := tx.Exec(ctx, "UPDATE parent SET name = name || '1' WHERE id = $1", first); err != nil {
				return err
			}
			if !once {
				once = true
				locked.Done()
				locked.Wait() // both hold their first lock
			}
			_, err := tx.Exec(ctx, "UPDATE parent SET name = name || '2' WHERE id = $1", second)
			return err
		})
	}
	errs := make([]error, 2)
	wg.Add(2)
	go func() { defer wg.Done(); errs[0] = run(1, 2) }()
	go func() { defer wg.Done(); errs[1] = run(2, 1) }()
	wg.Wait()
	if errs[0] != nil || errs[1] != nil {
		t.Fatalf("errors: %v, %v", errs[0], errs[1])
	}
	if attempts < 3 {
		t.Fatalf("attempts = %d, want at least 3 (one transaction retried after the deadlock)", attempts)
	}
	var a, b string
	if err := pool.QueryRow(ctx, "SELECT (SELECT name FROM parent WHERE id=1), (SELECT name FROM parent WHERE id=2)").Scan(&a, &b); err != nil {
		t.Fatal(err)
	}
	if len(a) != 3 || len(b) != 3 {
		t.Errorf("names %q %q: each row must be updated exactly twice", a, b)
	}
	if got := metricstest.Read(t, m, metrics.FamilyRetries, "sqlstate", db.CodeDeadlock).Value; got < 1 {
		t.Errorf("deadlock retries counted = %v, want at least 1", got)
	}
	commits := metricstest.Read(t, m, metrics.FamilyTxDuration, "resource", "ed-fi/schools", "outcome", "commit").Count
	rollbacks := metricstest.Read(t, m, metrics.FamilyTxDuration, "outcome", "rollback").Count
	if commits != 2 || rollbacks < 1 || int(commits+rollbacks) != attempts {
		t.Errorf("transaction attempts recorded: %d commits, %d rollbacks; want 2 and %d", commits, rollbacks, attempts-2)
	}
}
