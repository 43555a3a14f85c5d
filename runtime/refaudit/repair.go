package refaudit

import (
	"context"
	"fmt"

	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/identity"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

// Repair recomputes the rows of the given documents of spec and replaces
// those that differ, in one transaction, and returns the drift it found,
// each finding marked Repaired when the row now holds the expected value.
// It is idempotent: documents without drift are left untouched.
//
// The documents are read again with their dms.Document and table rows
// locked (FOR SHARE), so an identity change cannot interleave, and the
// repair acts on what it read under lock rather than on an earlier audit.
//
// A ReferentialId a document should own may be held by a row of another
// document (two documents' ids swapped, a row copied onto the wrong
// document). That document — of any resource — is read under lock too: if
// the row is wrong for it, it is deleted (and the document's own expected
// rows inserted where their ids are free); if the row is right for it, the
// two documents share an identity, which the database's constraints
// should have prevented, and the first document's row is left missing and
// reported not repaired. Rows of a document that has no row in its
// resource's table (or whose resource no spec covers) are deleted when
// they hold an id another document should own.
func (a *Auditor) Repair(ctx context.Context, spec *spec.ReferentialIdentity, documentIDs []int64) ([]Drift, error) {
	if len(documentIDs) == 0 {
		return nil, nil
	}
	var out []Drift
	// A repair runs beside live writers: a deadlock or serialization
	// failure starts it over, within the server's retry policy.
	err := db.InTx(ctx, a.pool, db.DefaultRetryPolicy, func(ctx context.Context, tx *db.Tx) error {
		r := &repair{a: a, tx: tx, locked: map[int64]bool{}, read: map[int64]bool{}}
		if err := r.lockAndCheck(ctx, spec, documentIDs); err != nil {
			return err
		}
		if err := r.displaceHolders(ctx); err != nil {
			return err
		}
		var err error
		out, err = r.apply(ctx)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("repairing %s: %w", spec.Resource, err)
	}
	return out, nil
}

// repair is one attempt of a Repair transaction.
type repair struct {
	a     *Auditor
	tx    *db.Tx
	b     identity.Builder
	drift []Drift
	// locked are the documents locked so far, read those of them that
	// have a row in their resource's table.
	locked, read map[int64]bool
}

// lockDocumentsSQL locks documents' dms.Document rows; lockAndCheck then
// locks their table rows. Writers lock dms.Document first too.
const lockDocumentsSQL = `SELECT "DocumentId" FROM "dms"."Document" WHERE "DocumentId" = ANY($1::bigint[]) ORDER BY "DocumentId" FOR SHARE`

// lockAndCheck locks the documents, reads them and records their drift.
func (r *repair) lockAndCheck(ctx context.Context, spec *spec.ReferentialIdentity, ids []int64) error {
	for _, id := range ids {
		r.locked[id] = true
	}
	lockRows := `SELECT t."DocumentId" FROM ` + qualified(spec.Table) + ` t WHERE t."DocumentId" = ANY($1::bigint[]) ORDER BY t."DocumentId" FOR SHARE`
	for _, q := range []string{lockDocumentsSQL, lockRows} {
		if _, err := r.tx.Exec(ctx, q, ids); err != nil {
			return fmt.Errorf("locking %s documents: %w", spec.Resource, err)
		}
	}
	docs, err := r.a.read(ctx, r.tx, spec, ids, false)
	if err != nil {
		return err
	}
	for _, d := range docs {
		r.read[d.id] = true
	}
	drift, err := compareAll(spec, docs, &r.b)
	if err != nil {
		return err
	}
	r.drift = append(r.drift, drift...)
	return nil
}

// holdersSQL finds the rows holding given ReferentialIds and the resource
// key of each row's document.
const holdersSQL = `SELECT ri."ReferentialId"::text, ri."DocumentId", ri."ResourceKeyId", d."ResourceKeyId" ` +
	`FROM "dms"."ReferentialIdentity" ri JOIN "dms"."Document" d ON d."DocumentId" = ri."DocumentId" ` +
	`WHERE ri."ReferentialId" = ANY($1::text[]::uuid[]) ORDER BY ri."DocumentId"`

// maxDisplacementRounds bounds how far displaceHolders follows a chain of
// documents each holding the next one's id. A swap of two documents takes
// one round; a longer rotation is finished by later batches of a scan.
const maxDisplacementRounds = 4

// holder is a row holding an id the repair is to insert.
type holder struct {
	id       string
	document int64
	rowKey   int16
	docKey   int16 // the resource key of the row's document
}

// displaceHolders reads, under lock, the documents outside the repair
// whose rows hold an id the repair is to insert, so that apply deletes
// those rows where they are wrong; then the holders of those documents'
// own expected ids, and so on for a few rounds.
func (r *repair) displaceHolders(ctx context.Context) error {
	next := 0 // the first finding whose expected id has not been looked up
	for round := 0; round < maxDisplacementRounds && next < len(r.drift); round++ {
		var ids []string
		for _, d := range r.drift[next:] {
			if d.Kind == Missing || d.Kind == Wrong {
				ids = append(ids, d.Expected.String())
			}
		}
		next = len(r.drift)
		if len(ids) == 0 {
			return nil
		}
		rows, err := r.tx.Query(ctx, holdersSQL, ids)
		if err != nil {
			return fmt.Errorf("finding the holders of ReferentialIds: %w", err)
		}
		holders, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (holder, error) {
			var h holder
			err := row.Scan(&h.id, &h.document, &h.rowKey, &h.docKey)
			return h, err
		})
		if err != nil {
			return fmt.Errorf("finding the holders of ReferentialIds: %w", err)
		}
		bySpec := map[*spec.ReferentialIdentity][]int64{}
		var orphans []holder
		for _, h := range holders {
			s := r.a.byKey[h.docKey]
			switch {
			case r.locked[h.document]:
			case s == nil:
				orphans = append(orphans, h)
			default:
				if docs := bySpec[s]; len(docs) == 0 || docs[len(docs)-1] != h.document {
					bySpec[s] = append(docs, h.document)
				}
			}
		}
		for _, g := range r.a.groups(bySpec) {
			if err := r.lockAndCheck(ctx, g.Spec, g.DocumentIDs); err != nil {
				return err
			}
		}
		for _, h := range holders {
			if r.locked[h.document] && !r.read[h.document] {
				orphans = append(orphans, h) // no row in its resource's table
			}
		}
		if err := r.addOrphans(orphans); err != nil {
			return err
		}
	}
	return nil
}

// addOrphans records the rows of documents that no spec can recompute as
// extra, so apply deletes them.
func (r *repair) addOrphans(orphans []holder) error {
	for _, h := range orphans {
		stored, err := uuid.Parse(h.id)
		if err != nil {
			return err
		}
		res := ""
		if s := r.a.byKey[h.docKey]; s != nil {
			res = s.Resource
		}
		r.locked[h.document], r.read[h.document] = true, true
		r.drift = append(r.drift, Drift{Kind: Extra, Resource: res, DocumentID: h.document, ResourceKeyID: h.rowKey, Stored: stored})
	}
	return nil
}

const (
	// deleteRowsSQL deletes exactly the rows read (document, key and id).
	deleteRowsSQL = `DELETE FROM "dms"."ReferentialIdentity" ri USING unnest($1::bigint[], $2::smallint[], $3::text[]) AS x(doc, key, id) ` +
		`WHERE ri."DocumentId" = x.doc AND ri."ResourceKeyId" = x.key AND ri."ReferentialId" = x.id::uuid ` +
		`RETURNING ri."DocumentId", ri."ResourceKeyId"`
	// insertRowsSQL inserts the expected rows whose id is free, in
	// DocumentId order.
	insertRowsSQL = `INSERT INTO "dms"."ReferentialIdentity" ("ReferentialId", "DocumentId", "ResourceKeyId") ` +
		`SELECT x.id::uuid, x.doc, x.key FROM unnest($1::bigint[], $2::smallint[], $3::text[]) AS x(doc, key, id) ORDER BY x.doc, x.key ` +
		`ON CONFLICT DO NOTHING RETURNING "DocumentId", "ResourceKeyId"`
)

// rowKey names a row by document and resource key.
type rowKey struct {
	document int64
	key      int16
}

// apply deletes the wrong and extra rows, inserts the missing and
// corrected ones, commits, and marks what was repaired.
func (r *repair) apply(ctx context.Context) ([]Drift, error) {
	var del, ins rowArrays
	for _, d := range r.drift {
		switch d.Kind {
		case Extra:
			del.add(d.DocumentID, d.ResourceKeyID, d.Stored)
		case Wrong:
			del.add(d.DocumentID, d.ResourceKeyID, d.Stored)
			ins.add(d.DocumentID, d.ResourceKeyID, d.Expected)
		case Missing:
			ins.add(d.DocumentID, d.ResourceKeyID, d.Expected)
		}
	}
	b := &pgx.Batch{}
	b.Queue(deleteRowsSQL, del.docs, del.keys, del.ids)
	b.Queue(insertRowsSQL, ins.docs, ins.keys, ins.ids)
	br := r.tx.SendFinalBatch(ctx, b)
	deleted, err := collectKeys(br)
	var inserted map[rowKey]bool
	if err == nil {
		inserted, err = collectKeys(br)
	}
	if cerr := br.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("replacing dms.ReferentialIdentity rows: %w", err)
	}
	for i := range r.drift {
		d := &r.drift[i]
		k := rowKey{d.DocumentID, d.ResourceKeyID}
		switch d.Kind {
		case Extra:
			d.Repaired = deleted[k]
		case Wrong:
			d.Repaired = deleted[k] && inserted[k]
		case Missing:
			d.Repaired = inserted[k]
		}
	}
	return r.drift, nil
}

// rowArrays are rows as parallel arrays for unnest.
type rowArrays struct {
	docs []int64
	keys []int16
	ids  []string
}

func (a *rowArrays) add(doc int64, key int16, id uuid.UUID) {
	a.docs = append(a.docs, doc)
	a.keys = append(a.keys, key)
	a.ids = append(a.ids, id.String())
}

// collectKeys reads the (DocumentId, ResourceKeyId) rows of the next
// statement of a batch.
func collectKeys(br pgx.BatchResults) (map[rowKey]bool, error) {
	rows, err := br.Query()
	if err != nil {
		return nil, err
	}
	keys := map[rowKey]bool{}
	var k rowKey
	_, err = pgx.ForEachRow(rows, []any{&k.document, &k.key}, func() error {
		keys[k] = true
		return nil
	})
	return keys, err
}
