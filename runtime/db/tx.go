package db

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// RetryPolicy bounds the whole-transaction retries on deadlock and
// serialization failure.
type RetryPolicy struct {
	MaxAttempts int           // total attempts, including the first
	BaseDelay   time.Duration // backoff before the 2nd attempt; doubles after, with ±50% jitter
}

// DefaultRetryPolicy mirrors the reference's defaults: 3 attempts, 150 ms
// base delay, jittered.
var DefaultRetryPolicy = RetryPolicy{MaxAttempts: 3, BaseDelay: 150 * time.Millisecond}

// ErrRetriesExhausted wraps the last retryable error once the policy's
// attempts are used up. The reference answers it with a 500 system error.
var ErrRetriesExhausted = errors.New("transaction retries exhausted")

// InTx runs fn in one transaction on a connection from pool and commits it.
// When fn or the commit fails with a deadlock or serialization failure the
// transaction is rolled back and fn runs again from the start, up to
// policy.MaxAttempts times; fn must therefore keep no state across attempts
// other than what it rebuilds. Any other error from fn rolls back and is
// returned unchanged (so a *problem.Details passes through).
//
// BEGIN is not sent on its own: it travels with the first statement or
// batch fn sends, and SendFinalBatch carries the COMMIT, so a write that
// needs two dependent batches costs two round trips in total.
func InTx(ctx context.Context, pool *pgxpool.Pool, policy RetryPolicy, fn func(ctx context.Context, tx *Tx) error) error {
	if policy.MaxAttempts < 1 {
		policy.MaxAttempts = 1
	}
	var err error
	for attempt := 1; ; attempt++ {
		err = runOnce(ctx, pool, fn)
		if err == nil || !IsRetryable(err) {
			return err
		}
		if attempt >= policy.MaxAttempts {
			return fmt.Errorf("%w after %d attempts: %w", ErrRetriesExhausted, attempt, err)
		}
		delay := backoff(policy.BaseDelay, attempt)
		slog.WarnContext(ctx, "retrying transaction", "attempt", attempt, "delay", delay, "error", err)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(delay):
		}
	}
}

// backoff is base·2^(attempt-1) scaled by a random factor in [0.5, 1.5), so
// that two transactions that deadlocked each other do not retry in step.
func backoff(base time.Duration, attempt int) time.Duration {
	d := base << (attempt - 1)
	return time.Duration(float64(d) * (0.5 + rand.Float64()))
}

func runOnce(ctx context.Context, pool *pgxpool.Pool, fn func(context.Context, *Tx) error) error {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("acquiring a database connection: %w", err)
	}
	defer conn.Release()
	tx := &Tx{conn: conn.Conn()}
	err = fn(ctx, tx)
	if err == nil && !tx.committed && tx.begun {
		_, err = tx.conn.Exec(ctx, "COMMIT")
	}
	if err != nil && tx.conn.PgConn().TxStatus() != 'I' {
		// Use a fresh context: the request may be cancelled, and a connection
		// left inside a transaction is destroyed by the pool anyway.
		rbCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		if _, rbErr := tx.conn.Exec(rbCtx, "ROLLBACK"); rbErr != nil {
			slog.WarnContext(ctx, "rollback failed", "error", rbErr)
		}
	}
	return err
}

// Tx is one attempt of an InTx transaction. BEGIN is sent lazily with the
// first statement or batch.
type Tx struct {
	conn      *pgx.Conn
	begun     bool
	committed bool
}

// Conn is the underlying connection, for pgx APIs Tx does not wrap (e.g.
// CopyFrom). Callers must call Begin first so the work is inside the
// transaction.
func (t *Tx) Conn() *pgx.Conn { return t.conn }

// Begin sends BEGIN now if it has not been sent yet (one round trip).
func (t *Tx) Begin(ctx context.Context) error {
	if t.begun {
		return nil
	}
	if _, err := t.conn.Exec(ctx, "BEGIN"); err != nil {
		return err
	}
	t.begun = true
	return nil
}

// SendBatch sends b as one pipeline, preceded by BEGIN if this is the first
// thing the transaction sends. The results hold only b's statements.
func (t *Tx) SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults {
	return t.send(ctx, b, false)
}

// SendFinalBatch sends b followed by COMMIT (and preceded by BEGIN if
// needed) in one pipeline. The caller reads b's results and must then Close
// the results: Close also reads the COMMIT and reports its error (e.g. a
// deferred constraint or a serialization failure, which InTx retries). If a
// statement of b fails, PostgreSQL skips the rest of the pipeline including
// the COMMIT, and InTx rolls back.
func (t *Tx) SendFinalBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults {
	return t.send(ctx, b, true)
}

func (t *Tx) send(ctx context.Context, b *pgx.Batch, commit bool) pgx.BatchResults {
	if t.committed {
		return errBatchResults{errors.New("db: transaction already committed")}
	}
	full := b
	prefix := !t.begun
	if prefix || commit {
		full = &pgx.Batch{}
		if prefix {
			full.Queue("BEGIN")
		}
		full.QueuedQueries = append(full.QueuedQueries, b.QueuedQueries...)
		if commit {
			full.Queue("COMMIT")
		}
	}
	t.begun = true
	if commit {
		t.committed = true
	}
	br := t.conn.SendBatch(ctx, full)
	if prefix {
		if _, err := br.Exec(); err != nil {
			br.Close()
			return errBatchResults{err}
		}
	}
	return br
}

type errBatchResults struct{ err error }

func (e errBatchResults) Exec() (pgconn.CommandTag, error) { return pgconn.CommandTag{}, e.err }
func (e errBatchResults) Query() (pgx.Rows, error)         { return nil, e.err }
func (e errBatchResults) QueryRow() pgx.Row                { return errRow(e) }
func (e errBatchResults) Close() error                     { return e.err }
func (e errBatchResults) Tx() pgx.Tx                       { return nil }

type errRow struct{ err error }

func (e errRow) Scan(...any) error { return e.err }

// Exec runs one statement in the transaction (with BEGIN in the same
// pipeline when it is the first).
func (t *Tx) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	if t.begun {
		return t.conn.Exec(ctx, sql, args...)
	}
	b := &pgx.Batch{}
	b.Queue(sql, args...)
	br := t.SendBatch(ctx, b)
	tag, err := br.Exec()
	if cerr := br.Close(); err == nil {
		err = cerr
	}
	return tag, err
}

// Query runs one query in the transaction (with BEGIN in the same pipeline
// when it is the first). Close the rows before sending anything else.
func (t *Tx) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	if t.begun {
		return t.conn.Query(ctx, sql, args...)
	}
	b := &pgx.Batch{}
	b.Queue(sql, args...)
	br := t.SendBatch(ctx, b)
	rows, err := br.Query()
	if err != nil {
		br.Close()
		return nil, err
	}
	return &batchRows{Rows: rows, br: br}, nil
}

// QueryRow runs a one-row query in the transaction; Scan reports
// pgx.ErrNoRows when there is no row.
func (t *Tx) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	rows, err := t.Query(ctx, sql, args...)
	if err != nil {
		return errRow{err}
	}
	return oneRow{rows}
}

// batchRows closes the batch that carried BEGIN with the rows.
type batchRows struct {
	pgx.Rows
	br pgx.BatchResults
}

func (r *batchRows) Close() {
	r.Rows.Close()
	r.br.Close()
}

type oneRow struct{ rows pgx.Rows }

func (o oneRow) Scan(dest ...any) error {
	defer o.rows.Close()
	if !o.rows.Next() {
		if err := o.rows.Err(); err != nil {
			return err
		}
		return pgx.ErrNoRows
	}
	if err := o.rows.Scan(dest...); err != nil {
		return err
	}
	o.rows.Close()
	return o.rows.Err()
}
