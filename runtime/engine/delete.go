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
// row, in one transaction: one round trip, one more when an If-Match header
// makes it read the current ContentVersion first, and one more when
// NamespaceBased authorization reads the stored namespace first, one more
// when OwnershipBased reads the stored ownership token, one more when the
// relationship strategies check the stored values. found is false when res
// has no such document (404). A document other documents still reference
// gives the 409 dependent-item problem naming the referencing resource; a
// failed If-Match the 412 problem. It retries under db.DefaultRetryPolicy;
// a server's handlers use Writer.Delete, which follows the configured one.
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
		if err := checkDeleteNamespace(ctx, tx, res, id); err != nil {
			return err
		}
		if err := checkDeleteOwnership(ctx, tx, res, id); err != nil {
			return err
		}
		if err := checkDeleteRelationships(ctx, tx, res, id); err != nil {
			return err
		}
		if pre.IfMatch.Present {
			var cv int64
			err := tx.QueryRow(ctx, rp.LockDocument, id.String()).Scan(&cv)
			exists := err == nil
			if err != nil && !errors.Is(err, pgx.ErrNoRows) {
				return err
			}
			if !exists && !pre.IfMatch.Wildcard {
				return nil
			}
			if p := pre.Evaluate(exists, cv, w.SchemaEpoch).Problem(); p != nil {
				found = exists
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
