package engine

import (
	"context"
	"errors"
	"fmt"

	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/etag"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Delete answers DELETE by id: it deletes the root row (or dms.Descriptor
// row) of the document of res with DocumentUuid id, then its dms.Document
// row, in one transaction: one round trip, and one more before it, however
// many of them apply, for the reads its checks need with the document
// locked: the stored namespace under NamespaceBased authorization, the
// stored ownership token under OwnershipBased, the stored values under the
// relationship strategies, the current ContentVersion an If-Match header
// compares. found is false when res has no such document (404). A document
// other documents still reference gives the 409 dependent-item problem
// naming the referencing resource; a failed If-Match the 412 problem. It
// retries under db.DefaultRetryPolicy; a server's handlers use
// Writer.Delete, which follows the configured one.
func Delete(ctx context.Context, pool *pgxpool.Pool, res *spec.Resource, id uuid.UUID, pre etag.Write, schemaEpoch string) (found bool, err error) {
	w := &Writer{Pool: pool, Retry: db.DefaultRetryPolicy, SchemaEpoch: schemaEpoch}
	return w.Delete(ctx, res, id, pre)
}

// Delete is the package-level Delete with the writer's pool, retry policy
// and schema epoch.
func (w *Writer) Delete(ctx context.Context, res *spec.Resource, id uuid.UUID, pre etag.Write) (found bool, err error) {
	rp := res.Read
	err = db.InTx(ctx, w.Pool, w.Retry, func(ctx context.Context, tx *db.Tx) error {
		found = false
		// The authorization checks the request is under, answered in this
		// order and before If-Match.
		var checks []batchCheck
		for _, c := range []batchCheck{deleteNamespaceCheck(ctx, res, id), deleteOwnershipCheck(ctx, res, id), deleteRelationshipCheck(ctx, res, id)} {
			if c != nil {
				checks = append(checks, c)
			}
		}
		// lock reads, with the document locked, the ContentVersion an
		// If-Match DELETE compares.
		var lock *storedValue
		var contentVersion int64
		if pre.IfMatch.Present {
			lock = &storedValue{query: query{sql: rp.LockDocument, args: []any{id.String()}}, dest: &contentVersion}
			checks = append(checks, lock)
		}
		if err := sendChecks(ctx, tx, checks); err != nil {
			return err
		}
		if lock != nil {
			if !lock.found && !pre.IfMatch.Wildcard {
				return nil
			}
			if p := pre.Evaluate(lock.found, contentVersion, w.SchemaEpoch).Problem(); p != nil {
				found = lock.found
				return p
			}
		}
		b := &pgx.Batch{}
		b.Queue(rp.DeleteRoot, id.String())
		b.Queue(rp.DeleteDocument, id.String())
		br := tx.SendFinalBatch(ctx, b)
		rows, err := br.Query()
		if err == nil {
			found = rows.Next()
			rows.Close()
			err = rows.Err()
		}
		if err == nil {
			_, err = br.Exec()
		}
		if cerr := br.Close(); err == nil {
			err = cerr
		}
		return err
	})
	if p, ok := db.DeleteConflict(err, func(v db.Violation) string { return referrerOf(rp, v) }); ok {
		return true, p
	}
	var pd *problem.Details
	if errors.As(err, &pd) {
		return found, pd
	}
	if err != nil {
		return found, fmt.Errorf("deleting %s %s: %w", res.Name, id, err)
	}
	return found, nil
}

// referrerOf names the resource owning the referencing table of a foreign
// key violation ("" when the table is not a known referrer).
func referrerOf(rp *spec.ReadPlan, v db.Violation) string {
	for _, r := range rp.Referrers {
		if r.Table == v.Table && (v.Schema == "" || r.Schema == v.Schema) {
			return r.Resource
		}
	}
	return ""
}

// sendChecks sends checks in one batch through tx, then reads them in
// order: the first failed check's problem, or a database error, ends it.
func sendChecks(ctx context.Context, tx *db.Tx, checks []batchCheck) error {
	if len(checks) == 0 {
		return nil
	}
	b := &pgx.Batch{}
	queueChecks(b, checks)
	br := tx.SendBatch(ctx, b)
	if err := readChecks(br, checks); err != nil {
		br.Close()
		return err
	}
	return br.Close()
}
