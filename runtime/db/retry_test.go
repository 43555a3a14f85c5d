package db_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"syscall"
	"testing"
	"time"

	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/metrics"
	"github.com/edfi-dmsc/dmsc/runtime/metrics/metricstest"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// withMetrics is a context recording into fresh instruments.
func withMetrics() (context.Context, *metrics.Metrics) {
	m := metrics.New()
	return metrics.With(context.Background(), m, metrics.Labels{Resource: "ed-fi/schools", Operation: "upsert"}), m
}

// failing returns an fn for RetryPolicy.Do that fails with errs in turn,
// then succeeds, counting its calls.
func failing(calls *int, errs ...error) func(context.Context) error {
	return func(context.Context) error {
		*calls++
		if *calls <= len(errs) {
			return errs[*calls-1]
		}
		return nil
	}
}

var fast = db.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond, MaxDelay: 2 * time.Millisecond, Budget: time.Minute, UnavailableBudget: time.Minute}

func pgErr(code string) error {
	return &pgconn.PgError{Severity: "ERROR", Code: code, Message: "simulated"}
}

func TestRetryPolicyRetriesContentionAndCountsIt(t *testing.T) {
	ctx, m := withMetrics()
	calls := 0
	err := fast.Do(ctx, failing(&calls, pgErr(db.CodeDeadlock), pgErr(db.CodeSerializationFailure)))
	if err != nil || calls != 3 {
		t.Fatalf("err = %v after %d calls, want success on the 3rd", err, calls)
	}
	for _, code := range []string{db.CodeDeadlock, db.CodeSerializationFailure} {
		if got := metricstest.Read(t, m, metrics.FamilyRetries, "sqlstate", code).Value; got != 1 {
			t.Errorf("retries{%s} = %v, want 1", code, got)
		}
	}
	if got := metricstest.Read(t, m, metrics.FamilyDatabaseAvailable).Value; got != 1 {
		t.Errorf("database available = %v", got)
	}
}

func TestRetryPolicyBoundsAttempts(t *testing.T) {
	ctx, m := withMetrics()
	calls := 0
	always := func(context.Context) error { calls++; return pgErr(db.CodeDeadlock) }
	err := fast.Do(ctx, always)
	if !errors.Is(err, db.ErrRetriesExhausted) || !db.IsRetryable(err) || calls != 3 {
		t.Fatalf("err = %v after %d calls, want ErrRetriesExhausted after 3", err, calls)
	}
	if got := metricstest.Read(t, m, metrics.FamilyRetriesExhausted, "sqlstate", db.CodeDeadlock).Value; got != 1 {
		t.Errorf("retries exhausted = %v, want 1", got)
	}
	if got := metricstest.Read(t, m, metrics.FamilyRetries, "sqlstate", db.CodeDeadlock).Value; got != 2 {
		t.Errorf("retries = %v, want 2", got)
	}
}

// TestRetryPolicyBoundsTime: a budget shorter than the backoff ends the
// retries long before MaxAttempts.
func TestRetryPolicyBoundsTime(t *testing.T) {
	calls := 0
	p := db.RetryPolicy{MaxAttempts: 1000, BaseDelay: 20 * time.Millisecond, MaxDelay: 20 * time.Millisecond, Budget: 50 * time.Millisecond}
	err := p.Do(context.Background(), func(context.Context) error { calls++; return pgErr(db.CodeSerializationFailure) })
	if !errors.Is(err, db.ErrRetriesExhausted) || calls >= 10 {
		t.Fatalf("err = %v after %d calls, want ErrRetriesExhausted within the 50 ms budget (at most 1 + 50/10 attempts)", err, calls)
	}
}

func TestRetryPolicyRetriesMarkedRaces(t *testing.T) {
	ctx, m := withMetrics()
	calls := 0
	race := db.Race(db.CodeUniqueViolation, fmt.Errorf("created concurrently: %w", pgErr(db.CodeUniqueViolation)))
	if err := fast.Do(ctx, failing(&calls, race, db.Race("stale", errors.New("changed")))); err != nil || calls != 3 {
		t.Fatalf("err = %v after %d calls", err, calls)
	}
	if got := metricstest.Read(t, m, metrics.FamilyRetries, "sqlstate", db.CodeUniqueViolation).Value; got != 1 {
		t.Errorf("retries{23505} = %v", got)
	}
	// An unmarked unique violation is a genuine conflict: no retry.
	calls = 0
	if err := fast.Do(ctx, failing(&calls, pgErr(db.CodeUniqueViolation))); calls != 1 {
		t.Fatalf("unmarked unique violation: err = %v after %d calls, want 1", err, calls)
	}
}

func TestRetryPolicyLeavesOtherErrorsAlone(t *testing.T) {
	for _, err := range []error{
		errors.New("application error"),
		pgErr("23503"),
		context.Canceled,
		fmt.Errorf("%w: %w", db.ErrCommitInDoubt, io.ErrUnexpectedEOF),
	} {
		calls := 0
		if got := fast.Do(context.Background(), failing(&calls, err)); !errors.Is(got, err) || calls != 1 {
			t.Errorf("%v: got %v after %d calls, want it returned after 1", err, got, calls)
		}
	}
}

func TestRetryPolicyPollsAnUnreachableDatabase(t *testing.T) {
	ctx, m := withMetrics()
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	calls := 0
	if err := fast.Do(ctx, failing(&calls, refused, pgErr(db.CodeCannotConnectNow), pgErr(db.CodeAdminShutdown))); err != nil || calls != 4 {
		t.Fatalf("err = %v after %d calls, want success on the 4th (outage retries do not use MaxAttempts)", err, calls)
	}
	if got := metricstest.Read(t, m, metrics.FamilyRetries, "sqlstate", db.CodeCannotConnectNow).Value; got != 1 {
		t.Errorf("retries{57P03} = %v", got)
	}

	// Past the budget the connection error itself is returned, for the
	// server to answer 503.
	calls = 0
	p := db.RetryPolicy{UnavailableBudget: 30 * time.Millisecond}
	err := p.Do(ctx, func(context.Context) error { calls++; return refused })
	if !errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, db.ErrRetriesExhausted) || calls < 2 {
		t.Fatalf("err = %v after %d calls", err, calls)
	}
	if got := metricstest.Read(t, m, metrics.FamilyRetriesExhausted, "sqlstate", db.CodeConnectionFailure).Value; got != 1 {
		t.Errorf("retries exhausted{08006} = %v", got)
	}
	if got := metricstest.Read(t, m, metrics.FamilyDatabaseAvailable).Value; got != 0 {
		t.Errorf("database available = %v, want 0 after the outage", got)
	}
}

func TestUnavailableClassification(t *testing.T) {
	for _, c := range []struct {
		err  error
		want bool
	}{
		{&net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}, true},
		{fmt.Errorf("reading: %w", io.ErrUnexpectedEOF), true},
		{pgconn.ErrConnClosed, true},
		{pgErr(db.CodeAdminShutdown), true},
		{pgErr(db.CodeCrashShutdown), true},
		{pgErr(db.CodeCannotConnectNow), true},
		{pgErr(db.CodeTooManyConnections), true},
		{pgErr("08006"), true},
		{pgErr(db.CodeUniqueViolation), false},
		{pgErr("57014"), false}, // statement timeout: the database answered
		{context.Canceled, false},
		{errors.New("other"), false},
		{nil, false},
	} {
		if got := db.Unavailable(c.err); got != c.want {
			t.Errorf("Unavailable(%v) = %v, want %v", c.err, got, c.want)
		}
	}
}

// TestConnectFailuresAreUnavailable uses real pools: a refused connection
// is retried within the budget; a rejected login is unavailable too (503)
// but not retried, since waiting does not fix it.
func TestConnectFailuresAreUnavailable(t *testing.T) {
	ctx := context.Background()
	refused, err := pgxpool.New(ctx, "postgres://postgres@127.0.0.1:1/none?sslmode=disable&connect_timeout=2")
	if err != nil {
		t.Fatal(err)
	}
	defer refused.Close()
	calls := 0
	p := db.RetryPolicy{UnavailableBudget: 100 * time.Millisecond}
	err = db.InTx(ctx, refused, p, func(ctx context.Context, tx *db.Tx) error {
		calls++
		_, err := tx.Exec(ctx, "SELECT 1")
		return err
	})
	if !db.Unavailable(err) || calls != 0 {
		t.Fatalf("refused: err = %v, fn calls = %d (want an unavailable error at acquire)", err, calls)
	}

	pool := setup(t)
	cfg := pool.Config().Copy()
	cfg.ConnConfig.User = "no_such_role_dmsc"
	rejected, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer rejected.Close()
	attempts := 0
	err = db.DefaultRetryPolicy.Do(ctx, func(ctx context.Context) error {
		attempts++
		return db.Transact(ctx, rejected, func(context.Context, *db.Tx) error { return nil })
	})
	if !db.Unavailable(err) || attempts != 1 {
		t.Fatalf("rejected login: err = %v after %d attempts, want unavailable after 1", err, attempts)
	}
}
