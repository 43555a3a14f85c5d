package db

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/edfi-dmsc/dmsc/runtime/metrics"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// SnapshotRead, queued first in a transaction's batch, makes every
// statement after it read one snapshot (taken by the first of them) and
// write nothing: a page and its count, or a document's tables, then agree.
// It travels in the same pipeline as the selects (no extra round trip).
const SnapshotRead = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"

// ErrCommitInDoubt wraps the connection error of a transaction whose
// COMMIT was sent but whose answer never arrived: it may have committed.
// Such a transaction is never re-sent; the server answers 503 and says the
// change may have been applied.
var ErrCommitInDoubt = errors.New("connection lost after COMMIT was sent; the transaction may have committed")

// InTx runs fn in one transaction (see Transact) and starts it over from
// the beginning as policy says (see RetryPolicy): fn must therefore keep no
// state across attempts other than what it rebuilds. Any other error from
// fn rolls back and is returned unchanged (so a *problem.Details passes
// through).
//
// BEGIN is not sent on its own: it travels with the first statement or
// batch fn sends, and SendFinalBatch carries the COMMIT, so a write that
// needs two dependent batches costs two round trips in total.
func InTx(ctx context.Context, pool *pgxpool.Pool, policy RetryPolicy, fn func(ctx context.Context, tx *Tx) error) error {
	return policy.Do(ctx, func(ctx context.Context) error { return Transact(ctx, pool, fn) })
}

// Transact runs fn in one transaction on a connection from pool and commits
// it, once: an error rolls back and is returned. When the connection was
// lost after the COMMIT had been sent, the error wraps ErrCommitInDoubt.
// The attempt's duration and outcome are recorded with
// metrics.Transaction under the request's labels.
func Transact(ctx context.Context, pool *pgxpool.Pool, fn func(ctx context.Context, tx *Tx) error) error {
	start := time.Now()
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("acquiring a database connection: %w", err)
	}
	defer conn.Release()
	tx := &Tx{conn: conn.Conn()}
	err = fn(ctx, tx)
	if err == nil && tx.commit == commitNotSent && tx.begun {
		tx.commit = commitSent
		_, err = tx.conn.Exec(ctx, "COMMIT")
		tx.settle(err)
	}
	if err != nil && tx.conn.PgConn().TxStatus() != 'I' && !tx.conn.IsClosed() {
		// Use a fresh context: the request may be cancelled, and a connection
		// left inside a transaction is destroyed by the pool anyway.
		rbCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		if _, rbErr := tx.conn.Exec(rbCtx, "ROLLBACK"); rbErr != nil {
			slog.WarnContext(ctx, "rollback failed", "error", rbErr)
		}
	}
	if tx.begun {
		m, labels := metrics.FromContext(ctx)
		m.Transaction(labels.Resource, labels.Operation, time.Since(start), tx.commit == committed)
	}
	if err != nil && tx.commit == commitSent && Unavailable(err) && !pgconn.SafeToRetry(err) {
		return fmt.Errorf("%w: %w", ErrCommitInDoubt, err)
	}
	return err
}

// commitState is what a transaction knows about its COMMIT.
type commitState uint8

const (
	commitNotSent commitState = iota
	commitSent                // sent (or queued in a sent pipeline); no answer read yet
	committed                 // PostgreSQL answered the COMMIT with success
	rolledBack                // PostgreSQL reported an error for the COMMIT or a statement before it
)

// settle records the answer read for the COMMIT, or for a statement of
// its pipeline before it: success commits; an error PostgreSQL reported
// means it aborted the transaction; any other error (the connection was
// lost) leaves the outcome unknown.
func (t *Tx) settle(err error) {
	if _, reported := PgError(err); err == nil {
		t.commit = committed
	} else if reported {
		t.commit = rolledBack
	}
}

// Tx is one attempt of an InTx transaction. BEGIN is sent lazily with the
// first statement or batch.
type Tx struct {
	conn   *pgx.Conn
	begun  bool
	commit commitState
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
// the COMMIT, and Transact rolls back.
func (t *Tx) SendFinalBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults {
	br := t.send(ctx, b, true)
	if _, failed := br.(errBatchResults); failed {
		return br
	}
	return &finalResults{BatchResults: br, tx: t, queued: b.QueuedQueries}
}

func (t *Tx) send(ctx context.Context, b *pgx.Batch, commit bool) pgx.BatchResults {
	if t.commit != commitNotSent {
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
		t.commit = commitSent
	}
	br := t.conn.SendBatch(ctx, full)
	if prefix {
		if _, err := br.Exec(); err != nil {
			if commit {
				t.settle(err)
			}
			br.Close()
			return errBatchResults{err}
		}
	}
	return br
}

// finalResults are the results of a SendFinalBatch pipeline: Close reads
// the COMMIT's own answer, so that the transaction knows whether it
// committed (see Transact and ErrCommitInDoubt).
type finalResults struct {
	pgx.BatchResults
	tx     *Tx
	queued []*pgx.QueuedQuery // the caller's statements, before the COMMIT
	read   int
}

func (f *finalResults) Exec() (pgconn.CommandTag, error) {
	f.read++
	return f.BatchResults.Exec()
}

func (f *finalResults) Query() (pgx.Rows, error) {
	f.read++
	return f.BatchResults.Query()
}

func (f *finalResults) QueryRow() pgx.Row {
	f.read++
	return f.BatchResults.QueryRow()
}

// Close reads the caller's unread results (running their QueuedQuery
// callbacks, as pgx's Close does) and the COMMIT's answer, then closes the
// pipeline. Once PostgreSQL has answered the COMMIT with success, a later
// failure (the session ending right after it) does not undo it and is not
// reported.
func (f *finalResults) Close() error {
	var err error
	for ; f.read < len(f.queued) && err == nil; f.read++ {
		if fn := f.queued[f.read].Fn; fn != nil {
			err = fn(f.BatchResults)
		} else {
			_, err = f.BatchResults.Exec()
		}
	}
	if err == nil {
		_, err = f.BatchResults.Exec() // the COMMIT
	}
	f.tx.settle(err)
	cerr := f.BatchResults.Close()
	if f.tx.commit == committed {
		return nil
	}
	if err == nil {
		err = cerr
	}
	return err
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
