package server

import (
	"errors"

	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/metrics"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/labstack/echo/v4"
)

// internalError answers a handler error that is neither problem details
// nor an HTTP error, and logs its cause (which the answer never shows):
//
//   - the database could not be reached, or dropped the connection, and
//     the retry policy gave up (db.Unavailable): 503 with Retry-After, since
//     nothing was changed (runtime/db retries only work that cannot have
//     been applied);
//   - the connection was lost after a COMMIT was sent (db.ErrCommitInDoubt):
//     503 with Retry-After saying the change may have been applied;
//   - anything else, retries exhausted under contention included: the 500
//     system error.
func (s *Server) internalError(c echo.Context, err error) *problem.Details {
	ctx := c.Request().Context()
	if db.Unavailable(err) {
		m, _ := metrics.FromContext(ctx)
		m.DatabaseAvailable(false)
	}
	switch {
	case errors.Is(err, db.ErrCommitInDoubt):
		s.Log.ErrorContext(ctx, "database connection lost after COMMIT was sent; the outcome is unknown", "error", err)
		return problem.CommitOutcomeUnknown()
	case db.Unavailable(err):
		s.Log.WarnContext(ctx, "database unavailable", "error", err)
		return problem.DatabaseUnavailable()
	case errors.Is(err, db.ErrRetriesExhausted):
		s.Log.ErrorContext(ctx, "transaction failed after retries", "error", err)
	default:
		s.Log.ErrorContext(ctx, "request failed", "error", err)
	}
	return problem.SystemError()
}
