package db

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/edfi-dmsc/dmsc/runtime/metrics"
)

// RetryPolicy says when a unit of database work (a transaction, or a write
// attempt of read round trip plus transaction) starts over from the
// beginning (design: transactions-and-concurrency.md, "Deadlock + retry
// policy"; E09-S00). Two kinds of failure are retried:
//
//   - contention: a deadlock (40P01), a serialization failure (40001), or a
//     race the caller marks with Race (a concurrent create of the same
//     identity, 23505; a document changed between two round trips). These
//     are bounded by MaxAttempts and Budget; deadlocks and serialization
//     failures back off exponentially with jitter, lost races retry at once
//     (the winner has committed, so the next attempt sees its result).
//   - an unreachable database (see Unavailable), while the failed work
//     cannot have been applied: the connection attempt failed, or the
//     connection was lost before COMMIT was sent, or PostgreSQL reported
//     the failure itself. A transaction whose COMMIT was sent and whose
//     answer was lost is never re-sent (Transact reports ErrCommitInDoubt):
//     it may have committed. These retries poll for at most
//     UnavailableBudget.
//
// Every retry is counted with metrics.Retry(code) and every give-up with
// metrics.RetriesExhausted(code). Zero fields take DefaultRetryPolicy's
// values.
type RetryPolicy struct {
	// MaxAttempts bounds the attempts under contention, the first included.
	MaxAttempts int
	// BaseDelay is the backoff before the second attempt after a deadlock
	// or serialization failure; it doubles with each further attempt, up to
	// MaxDelay, and is jittered to [0.5, 1.5) of its value.
	BaseDelay, MaxDelay time.Duration
	// Budget bounds the total time of the attempts and backoffs under
	// contention: no retry starts that would end its backoff after it.
	Budget time.Duration
	// UnavailableBudget bounds the time spent retrying while the database
	// cannot be reached, from the first such failure.
	UnavailableBudget time.Duration
}

// DefaultRetryPolicy: 5 attempts within 10 s under contention (backoff
// 50 ms doubling to 1 s, jittered); 2 s of polling while the database is
// unreachable.
var DefaultRetryPolicy = RetryPolicy{
	MaxAttempts: 5, BaseDelay: 50 * time.Millisecond, MaxDelay: time.Second,
	Budget: 10 * time.Second, UnavailableBudget: 2 * time.Second,
}

// ErrRetriesExhausted wraps the last contention error once the policy's
// attempts or time budget are used up. The server answers it with a 500
// system error, as the reference does.
var ErrRetriesExhausted = errors.New("transaction retries exhausted")

// unavailablePoll is the first delay between attempts while the database is
// unreachable; it doubles up to unavailablePollMax, jittered.
const (
	unavailablePoll    = 50 * time.Millisecond
	unavailablePollMax = 400 * time.Millisecond
)

// Race marks err as a lost race that the whole unit of work should be
// retried for under a RetryPolicy: code names the condition in metrics and
// logs (the SQLSTATE that revealed it, e.g. 23505, or a name such as
// "stale"). errors.Is and errors.As see through it.
func Race(code string, err error) error { return &raceError{code: code, err: err} }

type raceError struct {
	code string
	err  error
}

func (e *raceError) Error() string { return e.err.Error() }
func (e *raceError) Unwrap() error { return e.err }

// IsRetryable reports whether err is contention the policy retries: a
// deadlock, a serialization failure or a lost race.
func IsRetryable(err error) bool {
	_, kind := classify(err)
	return kind == contention
}

type failureKind uint8

const (
	final       failureKind = iota // success, or an error a retry would not change
	contention                     // retried within MaxAttempts and Budget
	unreachable                    // retried within UnavailableBudget
)

// classify says how Do treats err, and the code it is counted under.
func classify(err error) (string, failureKind) {
	var race *raceError
	switch {
	case err == nil, errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return "", final
	case errors.As(err, &race):
		return race.code, contention
	case errors.Is(err, ErrCommitInDoubt):
		return outageCodeOf(err), final
	}
	if pe, ok := PgError(err); ok && (pe.Code == CodeDeadlock || pe.Code == CodeSerializationFailure) {
		return pe.Code, contention
	}
	if Unavailable(err) && transientOutage(err) {
		return outageCodeOf(err), unreachable
	}
	return "", final
}

// Do runs fn until it succeeds, fails for good, or the policy gives up (see
// RetryPolicy). fn must keep no state across attempts other than what it
// rebuilds. The error of the last attempt is returned; after contention
// ran out it is wrapped in ErrRetriesExhausted. Do records in the
// request's metrics whether the database answered.
func (p RetryPolicy) Do(ctx context.Context, fn func(ctx context.Context) error) error {
	p = p.withDefaults()
	m, _ := metrics.FromContext(ctx)
	start := time.Now()
	var outageStart time.Time
	contended, outages := 0, 0
	for attempt := 1; ; attempt++ {
		err := fn(ctx)
		if err == nil || ctx.Err() == nil {
			m.DatabaseAvailable(!Unavailable(err))
		}
		code, kind := classify(err)
		var delay time.Duration
		switch kind {
		case final:
			return err
		case contention:
			contended++
			delay = p.backoff(code, contended)
			if contended >= p.MaxAttempts || time.Since(start)+delay > p.Budget {
				m.RetriesExhausted(code)
				return fmt.Errorf("%w after %d attempts: %w", ErrRetriesExhausted, attempt, err)
			}
			level := slog.LevelDebug
			if code == CodeDeadlock || code == CodeSerializationFailure {
				level = slog.LevelWarn
			}
			slog.Log(ctx, level, "retrying after contention", "sqlstate", code, "attempt", attempt, "delay", delay, "error", err)
		case unreachable:
			outages++
			if outageStart.IsZero() {
				outageStart = time.Now()
			}
			waited := time.Since(outageStart)
			delay = min(jitter(min(unavailablePoll<<(outages-1), unavailablePollMax)), p.UnavailableBudget-waited)
			if delay <= 0 {
				m.RetriesExhausted(code)
				slog.WarnContext(ctx, "database unreachable; giving up", "sqlstate", code, "attempts", attempt,
					"waited", waited.Round(time.Millisecond), "error", err)
				return err
			}
			slog.DebugContext(ctx, "database unreachable; retrying", "sqlstate", code, "attempt", attempt, "delay", delay, "error", err)
		}
		m.Retry(code)
		if delay > 0 {
			t := time.NewTimer(delay)
			select {
			case <-ctx.Done():
				t.Stop()
				return ctx.Err()
			case <-t.C:
			}
		}
	}
}

// withDefaults replaces zero (or negative) fields with DefaultRetryPolicy's.
func (p RetryPolicy) withDefaults() RetryPolicy {
	d := DefaultRetryPolicy
	if p.MaxAttempts <= 0 {
		p.MaxAttempts = d.MaxAttempts
	}
	if p.BaseDelay <= 0 {
		p.BaseDelay = d.BaseDelay
	}
	if p.MaxDelay <= 0 {
		p.MaxDelay = d.MaxDelay
	}
	if p.Budget <= 0 {
		p.Budget = d.Budget
	}
	if p.UnavailableBudget <= 0 {
		p.UnavailableBudget = d.UnavailableBudget
	}
	return p
}

// backoff is the delay before retry n after contention with code: none
// after a lost race, else BaseDelay·2^(n-1) capped at MaxDelay, jittered,
// so that two transactions that deadlocked each other do not retry in step.
func (p RetryPolicy) backoff(code string, n int) time.Duration {
	if code != CodeDeadlock && code != CodeSerializationFailure {
		return 0
	}
	d := p.BaseDelay << min(n-1, 20)
	if d > p.MaxDelay {
		d = p.MaxDelay
	}
	return jitter(d)
}

// jitter scales d by a random factor in [0.5, 1.5).
func jitter(d time.Duration) time.Duration {
	return time.Duration(float64(d) * (0.5 + rand.Float64()))
}
