// Package db holds the PostgreSQL plumbing generated code runs on: the pgx
// pool, transactions that start over as a whole under a bounded retry
// policy (deadlock, serialization failure, a lost race, an unreachable
// database; design: transactions-and-concurrency.md, "Deadlock + retry
// policy"), round-trip counting, and classification of pgx errors
// (constraint violations, an unavailable database).
package db

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// DefaultConnectTimeout bounds a connection attempt when the connection
// string sets no connect_timeout: a database host that drops packets then
// fails the attempt (and the request gets its 503) instead of holding it
// until the client gives up.
const DefaultConnectTimeout = 5 * time.Second

// Open creates a pool from a PostgreSQL URL (postgres://...) or a keyword
// string (host=... dbname=...), sized by the connection string or else
// DefaultMaxConns (see OpenSized).
func Open(ctx context.Context, connString string) (*pgxpool.Pool, error) {
	return OpenSized(ctx, connString, PoolSize{})
}

// PoolSize bounds the connections of a pool.
type PoolSize struct {
	// Max is the most connections the pool opens; 0 takes pool_max_conns
	// from the connection string, else DefaultMaxConns.
	Max int32
	// Min is how many connections the pool keeps open while idle; 0 takes
	// pool_min_conns from the connection string, else none.
	Min int32
}

// DefaultMaxConns is the pool size when neither the caller nor the
// connection string sets one: twice the CPUs Go may use, and at least 8.
// A write waits on PostgreSQL for most of its time (round trips, the WAL
// flush of its commit), so more transactions in flight than CPUs keep both
// sides busy: on 2 CPUs, 8 clients got 25 to 40 % more POSTs/s with 8
// connections than with pgx's default (the CPU count, at least 4), and no
// more with 16.
func DefaultMaxConns() int32 {
	return int32(max(8, 2*runtime.GOMAXPROCS(0)))
}

// OpenSized is Open with the pool's size chosen by the caller (a server's
// --db-max-conns and --db-min-conns). It does not connect: the first
// request does, so a server can start before its database is reachable,
// and reconnects by itself when the database returns. Every statement and
// batch is counted by the counter a context carries (WithRoundTrips).
//
// Its sessions run with JIT compilation off (SET on each new connection,
// over a role's or database's setting) unless the connection string sets
// jit itself (a jit parameter, or options or PGOPTIONS naming it): every
// statement of the API reads a page, a document or a window and runs in
// milliseconds, while JIT compiles for 20–280 ms whenever a plan's
// estimated cost crosses jit_above_cost — which authorization subplans and
// change-query probes make it do on plans that run in well under that
// (docs/benchmarks.md). A SET rather than a startup parameter: PgBouncer
// refuses startup parameters it does not know.
func OpenSized(ctx context.Context, connString string, size PoolSize) (*pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig(connString)
	if err != nil {
		return nil, fmt.Errorf("connection string: %w", err) // pgx redacts passwords
	}
	switch {
	case size.Max > 0:
		cfg.MaxConns = size.Max
	case !strings.Contains(connString, "pool_max_conns"):
		cfg.MaxConns = DefaultMaxConns()
	}
	if size.Min > 0 {
		cfg.MinConns = size.Min
	}
	if cfg.MinConns > cfg.MaxConns {
		return nil, fmt.Errorf("the pool keeps %d connections open but may open only %d", cfg.MinConns, cfg.MaxConns)
	}
	cfg.ConnConfig.Tracer = roundTripTracer{}
	if !setsJIT(cfg.ConnConfig) {
		cfg.AfterConnect = func(ctx context.Context, c *pgx.Conn) error {
			// Part of opening the connection, not a round trip of the
			// request that happened to open it.
			_, err := c.Exec(context.WithValue(ctx, roundTripsKey{}, (*RoundTrips)(nil)), "SET jit = off")
			return err
		}
	}
	if cfg.ConnConfig.ConnectTimeout == 0 {
		cfg.ConnConfig.ConnectTimeout = DefaultConnectTimeout
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("creating pool: %w", err)
	}
	return pool, nil
}

// setsJIT reports whether a connection's configuration chooses jit itself.
func setsJIT(c *pgx.ConnConfig) bool {
	_, set := c.RuntimeParams["jit"]
	return set || strings.Contains(c.RuntimeParams["options"], "jit")
}

// RoundTrips counts database round trips: each statement sent on its own
// and each batch (pipeline) counts one. Statement preparation done
// implicitly by pgx's statement cache on a connection's first use of a
// statement is not counted. Counters nest: a call counts in every counter
// of its context chain (the server's per-request one and a test's).
type RoundTrips struct {
	n     atomic.Int64
	outer *RoundTrips
}

// Count returns the number of round trips so far.
func (r *RoundTrips) Count() int64 { return r.n.Load() }

type roundTripsKey struct{}

// WithRoundTrips returns a context whose database calls are counted.
func WithRoundTrips(ctx context.Context) (context.Context, *RoundTrips) {
	outer, _ := ctx.Value(roundTripsKey{}).(*RoundTrips)
	r := &RoundTrips{outer: outer}
	return context.WithValue(ctx, roundTripsKey{}, r), r
}

type roundTripTracer struct{}

func count(ctx context.Context) {
	r, _ := ctx.Value(roundTripsKey{}).(*RoundTrips)
	for ; r != nil; r = r.outer {
		r.n.Add(1)
	}
}

func (roundTripTracer) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	count(ctx)
	return ctx
}

func (roundTripTracer) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

func (roundTripTracer) TraceBatchStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceBatchStartData) context.Context {
	count(ctx)
	return ctx
}

func (roundTripTracer) TraceBatchQuery(context.Context, *pgx.Conn, pgx.TraceBatchQueryData) {}

func (roundTripTracer) TraceBatchEnd(context.Context, *pgx.Conn, pgx.TraceBatchEndData) {}

// SQLSTATE codes this package classifies.
const (
	CodeDeadlock             = "40P01"
	CodeSerializationFailure = "40001"
	CodeUniqueViolation      = "23505"
	CodeForeignKeyViolation  = "23503"
)

// PgError returns the PostgreSQL error inside err, if any.
func PgError(err error) (*pgconn.PgError, bool) {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe, true
	}
	return nil, false
}

// Violation describes a constraint violation raised by PostgreSQL.
type Violation struct {
	Constraint string // constraint name, e.g. UX_School_NK or FK_Calendar_School
	Schema     string // schema of the table the error names
	Table      string // table the error names (for a foreign key: the referencing table)
}

// UniqueViolation reports a unique-constraint violation (23505), the
// natural-key conflict of a write.
func UniqueViolation(err error) (Violation, bool) { return violation(err, CodeUniqueViolation) }

// ForeignKeyViolation reports a foreign-key violation (23503): on insert or
// update a reference whose target vanished, on delete a document still
// referenced. Table names the referencing table in both cases, so generated
// code maps Constraint or Table to the resource to name in the 409.
func ForeignKeyViolation(err error) (Violation, bool) { return violation(err, CodeForeignKeyViolation) }

func violation(err error, code string) (Violation, bool) {
	pe, ok := PgError(err)
	if !ok || pe.Code != code {
		return Violation{}, false
	}
	return Violation{Constraint: pe.ConstraintName, Schema: pe.SchemaName, Table: pe.TableName}, true
}
