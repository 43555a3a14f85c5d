package engine

import (
	"context"
	"fmt"

	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/etag"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Read is the outcome of a GET by id of an existing document.
type Read struct {
	// Tag is the served _etag (and ETag header).
	Tag string
	// NotModified is set when If-None-Match matched Tag: answer 304 and
	// ignore Body (it is not built).
	NotModified bool
	// Body is the document's JSON.
	Body []byte
	// namespace is the root row's Namespace element value when the read
	// captured it (readByID with a column), nil when NULL.
	namespace *string
	// ownershipToken is the document's CreatedByOwnershipTokenId when the
	// read captured it (readByID with ownership), nil when NULL.
	ownershipToken *int16
	// denied is the 403 of the relationship strategies' stored check,
	// nil when it passed or did not run.
	denied *problem.Details
}

// ReadByID answers GET by id: one round trip hydrates the document of res
// (root and every child table), the resource whose read codec c is, with
// DocumentUuid id and encodes it. It returns nil when the resource has no
// such document (404).
func (c *ReadCodec) ReadByID(ctx context.Context, pool *pgxpool.Pool, res *spec.Resource, id uuid.UUID, v etag.Variant, ifNoneMatch etag.Condition) (*Read, error) {
	return c.readByID(ctx, pool, res, id, v, ifNoneMatch, noCapture, false)
}

// noCapture is the column argument of a readByID that captures nothing.
const noCapture = -1

// readByID is ReadByID that also captures the text of the root row's
// column namespaceColumn (unless noCapture) into Read.namespace, from the
// row the hydration reads, and, with ownership, the document's ownership
// token into Read.ownershipToken, in the same round trip; under
// relationship authorization (the decision in ctx) the same round trip
// selects the stored check, whose denial is Read.denied (without a body).
func (c *ReadCodec) readByID(ctx context.Context, pool *pgxpool.Pool, res *spec.Resource, id uuid.UUID, v etag.Variant, ifNoneMatch etag.Condition, namespaceColumn int, ownership bool) (*Read, error) {
	rp := res.Read
	out := &Read{}
	batch := hydration{selects: make([]query, len(rp.Tables)), tables: rp.Tables}
	if namespaceColumn != noCapture {
		batch.capture = &rootCapture{column: namespaceColumn, into: &out.namespace}
	}
	if ownership {
		batch.checks = append(batch.checks, captureOwnership(res, id, &out.ownershipToken))
	}
	relationship := newRelationshipRead(ctx, res, id)
	if relationship != nil {
		batch.checks = append(batch.checks, relationship)
	}
	for i, t := range rp.Tables {
		batch.selects[i] = query{sql: t.ByID, args: []any{id.String()}}
	}
	docs, _, err := hydrate(ctx, pool, c, batch)
	if err != nil {
		return nil, fmt.Errorf("reading %s %s: %w", res.Name, id, err)
	}
	if len(docs) == 0 {
		return nil, nil
	}
	if relationship != nil {
		if out.denied = relationship.denied(); out.denied != nil {
			return out, nil
		}
	}
	doc := docs[0]
	out.Tag = v.Tag(doc.Meta().ContentVersion)
	if ifNoneMatch.Present && etag.NotModified(ifNoneMatch, out.Tag) {
		out.NotModified = true
		return out, nil
	}
	out.Body = c.Encode(doc, out.Tag, v.Links)
	return out, nil
}

// query is one statement with its arguments.
type query struct {
	sql  string
	args []any
}

// queue adds the statement to b.
func (q query) queue(b *pgx.Batch) { b.Queue(q.sql, q.args...) }

// hydration is the batch one read sends.
type hydration struct {
	// count, when set, selects the total count of a page's documents.
	count query
	// page, when set, stores the page's DocumentIds in PageIDsSetting.
	page query
	// selects read the rows of tables (ReadPlan.Tables).
	selects []query
	tables  []*spec.ReadTable
	// capture, when set, takes a value of the root table's first row.
	capture *rootCapture
	// checks read the stored values of a document its authorization
	// checks need (its ownership token, the relationship strategies'
	// stored check), before its rows.
	checks []batchCheck
}

// rootCapture asks a hydration for the text of a column of the root
// table's first row (nil when NULL).
type rootCapture struct {
	column int
	into   **string
}

// hydrate runs a hydration in one pipelined read-only snapshot
// transaction; codec hydrates the tables' rows. total is the page's count
// when the batch selects it.
func hydrate(ctx context.Context, pool *pgxpool.Pool, codec *ReadCodec, batch hydration) (docs []Document, total int64, err error) {
	err = db.InTx(ctx, pool, db.DefaultRetryPolicy, func(ctx context.Context, tx *db.Tx) error {
		b := &pgx.Batch{}
		// One snapshot, so a document's rows are consistent with its
		// ContentVersion and the page with its count.
		b.Queue(db.SnapshotRead)
		queueChecks(b, batch.checks)
		for _, q := range []query{batch.count, batch.page} {
			if q.sql != "" {
				q.queue(b)
			}
		}
		for _, q := range batch.selects {
			q.queue(b)
		}
		br := tx.SendFinalBatch(ctx, b)
		docs, total, err = readResults(br, codec, batch)
		if err != nil {
			br.Close()
			return err
		}
		return br.Close()
	})
	return docs, total, err
}

func readResults(br pgx.BatchResults, codec *ReadCodec, batch hydration) (docs []Document, total int64, err error) {
	if _, err := br.Exec(); err != nil {
		return nil, 0, err
	}
	if err := readChecks(br, batch.checks); err != nil {
		return nil, 0, err
	}
	if batch.count.sql != "" {
		if err := br.QueryRow().Scan(&total); err != nil {
			return nil, 0, err
		}
	}
	if batch.page.sql != "" {
		if _, err := br.Exec(); err != nil {
			return nil, 0, err
		}
	}
	docs, err = codec.Hydrate(&batchResults{br: br, tables: batch.tables, capture: batch.capture})
	return docs, total, err
}

// batchResults hands a batch's remaining result sets, the rows of tables,
// to hydration.
type batchResults struct {
	br      pgx.BatchResults
	tables  []*spec.ReadTable
	row     Row
	capture *rootCapture
}

func (b *batchResults) Scan(table int, into RowScanner) error {
	rows, err := b.br.Query()
	if err != nil {
		return err
	}
	defer rows.Close()
	for first := true; rows.Next(); first = false {
		// The columns are known once the first row is read (before, a
		// pipelined batch may still show the previous result set's).
		if first {
			b.row.StartRows(rows.Conn().TypeMap(), rows.FieldDescriptions())
		}
		if err := b.row.SetValues(rows.RawValues()); err != nil {
			return err
		}
		if first && table == 0 && b.capture != nil {
			if err := b.capture.take(&b.row); err != nil {
				return err
			}
		}
		if err := into.ScanRow(table, &b.row); err != nil {
			return err
		}
	}
	return rows.Err()
}

// take captures the column of row.
func (c *rootCapture) take(row *Row) error {
	if c.column >= len(row.values) {
		return fmt.Errorf("the root row has %d columns, no column %d to check", len(row.values), c.column)
	}
	if v, ok := row.Text(c.column); ok {
		*c.into = &v
	}
	return row.Err()
}
