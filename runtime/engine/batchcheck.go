package engine

import (
	"errors"

	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/jackc/pgx/v5"
)

// batchCheck is a stored value an authorization check needs, read in a
// batch the operation sends anyway (a GET by id's hydration) or in the one
// batch a DELETE sends before deleting, so the checks add no round trip of
// their own: queue adds its statement, read reads its result.
type batchCheck interface {
	queue(b *pgx.Batch)
	read(br pgx.BatchResults) error
}

// queueChecks adds the statements of checks to b in order.
func queueChecks(b *pgx.Batch, checks []batchCheck) {
	for _, c := range checks {
		c.queue(b)
	}
}

// readChecks reads the results of checks, queued by queueChecks, from br
// in the same order; it stops at the first error.
func readChecks(br pgx.BatchResults, checks []batchCheck) error {
	for _, c := range checks {
		if err := c.read(br); err != nil {
			return err
		}
	}
	return nil
}

// scanOptional scans row into dest; found is false, and dest untouched,
// when there is no row (no such document), which is not an error.
func scanOptional(row pgx.Row, dest ...any) (found bool, err error) {
	err = row.Scan(dest...)
	if errors.Is(err, pgx.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// storedValue is a batchCheck reading the one value its query selects
// into dest; found says a row was selected. No row (no such document) is
// not an error and leaves dest untouched. judge, when set, judges a found
// value: its problem fails the check, and a missing document passes (a
// DELETE then answers 404).
type storedValue struct {
	query
	dest  any
	found bool
	judge func() *problem.Details
}

func (v *storedValue) read(br pgx.BatchResults) (err error) {
	v.found, err = scanOptional(br.QueryRow(), v.dest)
	if !v.found || err != nil || v.judge == nil {
		return err
	}
	if p := v.judge(); p != nil {
		return p
	}
	return nil // not a nil *problem.Details in an error
}
