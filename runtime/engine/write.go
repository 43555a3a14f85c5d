package engine

import (
	"context"
	"errors"
	"fmt"
	"math/bits"
	"slices"
	"strconv"
	"strings"

	"github.com/edfi-dmsc/dmsc/runtime/authz"
	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/etag"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/edfi-dmsc/dmsc/runtime/server"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/edfi-dmsc/dmsc/runtime/validate"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Writer executes write plans against the database. A write costs two
// round trips: the first (outside a transaction) finds and loads the
// target document, resolves every reference and descriptor and allocates
// ids; the second carries BEGIN, a guard that locks the document and checks
// that it did not change meanwhile (else the write starts over), all DML,
// the read of the new ContentVersion and COMMIT. A write that changes
// nothing costs the first round trip only.
type Writer struct {
	Pool *pgxpool.Pool
	// Retry says when a write starts over (see db.RetryPolicy): after a
	// deadlock or serialization failure, a lost race with a concurrent
	// write of the same document or identity, or while the database is
	// unreachable.
	Retry db.RetryPolicy
	// SchemaEpoch is etag.SchemaEpoch of the served effective schema, which
	// If-Match tags must carry.
	SchemaEpoch string
	// Limits are the deployment's write guardrails.
	Limits server.WriteLimits
	// codecs hold the generated write code of the resources served (see
	// UseCodec); a write of a resource without one fails.
	codecs map[*spec.Resource]WriteFunc
}

// UseCodec makes the writer check and flatten documents of res with its
// generated code. It is called while the server is set up, before any
// write.
func (w *Writer) UseCodec(res *spec.Resource, write WriteFunc) {
	if w.codecs == nil {
		w.codecs = map[*spec.Resource]WriteFunc{}
	}
	w.codecs[res] = write
}

// WriteResult is the outcome of a successful write.
type WriteResult struct {
	ID             uuid.UUID
	ContentVersion int64
	// Created is true when a POST inserted a new document.
	Created bool
	// Unchanged is true when the document already held the body, so
	// nothing was written.
	Unchanged bool
}

// Upsert handles POST for res: 201 on create, 200 on update.
func (w *Writer) Upsert(r *server.Request, res *spec.Resource) error {
	body, err := r.Body()
	if err != nil {
		return err
	}
	out, err := w.UpsertDocument(r.Context(), res, body, r.Preconditions())
	if err != nil {
		return err
	}
	if out.Created {
		return r.Created(out.ID, out.ContentVersion)
	}
	return r.Upserted(out.ID, out.ContentVersion)
}

// Update handles PUT for res: 204.
func (w *Writer) Update(r *server.Request, res *spec.Resource, id uuid.UUID) error {
	body, err := r.Body()
	if err != nil {
		return err
	}
	out, err := w.UpdateDocument(r.Context(), res, id, body, r.Preconditions())
	if err != nil {
		return err
	}
	return r.Updated(out.ID, out.ContentVersion)
}

// idInBody is the reference's answer to a POST body carrying "id".
func idInBody() *problem.Details {
	return &problem.Details{
		Status: 400, Type: problem.TypeDataValidationFailed, Title: "Data Validation Failed",
		Detail: "The request data was constructed incorrectly.",
		Errors: []string{"Resource identifiers cannot be assigned by the client. The 'id' property should not be included in the request body."},
	}
}

// UpsertDocument creates the document, or updates the one with the same
// identity.
func (w *Writer) UpsertDocument(ctx context.Context, res *spec.Resource, body []byte, pre etag.Write) (WriteResult, error) {
	f, err := w.check(ctx, res, uuid.Nil, body)
	if err != nil {
		return WriteResult{}, err
	}
	if res.IsDescriptor {
		return w.upsertDescriptor(ctx, res, f, pre, uuid.Nil)
	}
	return w.write(ctx, res, f, pre, uuid.Nil)
}

// Check runs what a write of body answers before it reads the database
// (decoding, the guardrails, validation) and flattens the document: a POST
// when id is uuid.Nil, else a PUT of id. The error is the problem details
// of a refusal. It runs res's codec (see UseCodec).
func (w *Writer) Check(ctx context.Context, res *spec.Resource, id uuid.UUID, body []byte) (*FlatDoc, error) {
	return w.check(ctx, res, id, body)
}

// check is Check.
func (w *Writer) check(ctx context.Context, res *spec.Resource, id uuid.UUID, body []byte) (*FlatDoc, error) {
	write := w.codecs[res]
	if write == nil {
		return nil, fmt.Errorf("engine: no codec for %s (see Writer.UseCodec)", res.Label())
	}
	return CheckWrite(ctx, write, WriteInput{ID: id, Limits: w.Limits}, body)
}

// CheckWrite runs write, a Codec.Write, over body and answers the API's
// validation stages in its order: the decode's (schema, decimal precision,
// equality constraints), then the reference-array uniqueness stage (a
// reference repeated within an array of references), then the decode's
// array-uniqueness stage (arrayUniquenessConstraints), whose errors the
// decode holds back for it. So a body failing both stages is answered with
// the repeated reference alone, keyed by the outermost array, as the
// reference answers it.
func CheckWrite(ctx context.Context, write WriteFunc, in WriteInput, body []byte) (*FlatDoc, error) {
	var uniqueness problem.ValidationErrors
	in.Uniqueness = &uniqueness
	out, err := write(ctx, in, body)
	if err != nil {
		return nil, err
	}
	if p := duplicateReference(out.Flat); p != nil {
		return nil, p
	}
	if len(uniqueness) > 0 {
		return nil, problem.DataValidation(uniqueness)
	}
	return out.Flat, nil
}

// duplicateReference is the reference's reference-array uniqueness stage:
// the first reference that repeats (same referential id) an earlier one at
// the same site, counted over the site's references in document order,
// whether or not the schema constrains that array's uniqueness. Finish
// put the references first, grouped by site.
func duplicateReference(f *FlatDoc) *problem.Details {
	if f == nil {
		return nil
	}
	refs := f.Pending
	for start := 0; start < len(refs) && !refs[start].Descriptor; {
		end := start + 1
		for end < len(refs) && !refs[end].Descriptor && refs[end].Site == refs[start].Site {
			end++
		}
		if i := firstRepeat(refs[start:end]); i >= 0 {
			return validate.DuplicateReference(refs[start+i].Path(), i)
		}
		start = end
	}
	return nil
}

// firstRepeat is the index of the first reference whose ID an earlier one
// has, or -1.
func firstRepeat(refs []Pending) int {
	const scan = 16 // up to this many, comparing pairs beats hashing
	if len(refs) <= scan {
		for i := 1; i < len(refs); i++ {
			for j := range i {
				if refs[j].ID == refs[i].ID {
					return i
				}
			}
		}
		return -1
	}
	seen := make(map[uuid.UUID]struct{}, len(refs))
	for i := range refs {
		if _, dup := seen[refs[i].ID]; dup {
			return i
		}
		seen[refs[i].ID] = struct{}{}
	}
	return -1
}

// UpdateDocument replaces the document with id.
func (w *Writer) UpdateDocument(ctx context.Context, res *spec.Resource, id uuid.UUID, body []byte, pre etag.Write) (WriteResult, error) {
	f, err := w.check(ctx, res, id, body)
	if err != nil {
		return WriteResult{}, err
	}
	if res.IsDescriptor {
		return w.upsertDescriptor(ctx, res, f, pre, id)
	}
	return w.write(ctx, res, f, pre, id)
}

// Statements shared by every resource.
const (
	resolveSQL = `SELECT "ReferentialId"::text, "DocumentId", "ResourceKeyId" FROM "dms"."ReferentialIdentity" WHERE "ReferentialId" = ANY($1::text[]::uuid[])`
	// findByIdentitySQL finds the document a POST targets.
	findByIdentitySQL = `SELECT d."DocumentId", d."DocumentUuid"::text, d."ContentVersion", d."CreatedByOwnershipTokenId" FROM "dms"."ReferentialIdentity" ri ` +
		`JOIN "dms"."Document" d ON d."DocumentId" = ri."DocumentId" WHERE ri."ReferentialId" = $1::text::uuid`
	// findByUUIDSQL finds the document a PUT targets and its current
	// ReferentialId.
	findByUUIDSQL = `SELECT d."DocumentId", d."ResourceKeyId", d."ContentVersion", coalesce(ri."ReferentialId"::text, ''), d."CreatedByOwnershipTokenId" FROM "dms"."Document" d ` +
		`LEFT JOIN "dms"."ReferentialIdentity" ri ON ri."DocumentId" = d."DocumentId" AND ri."ResourceKeyId" = d."ResourceKeyId" ` +
		`WHERE d."DocumentUuid" = $1::text::uuid`
	// insertDocumentSQL stamps every new document with its creator's
	// ownership token ($4, authz.CreatorOwnershipToken), whatever the
	// resource's strategies.
	insertDocumentSQL = `INSERT INTO "dms"."Document" ("DocumentId", "DocumentUuid", "ResourceKeyId", "CreatedByOwnershipTokenId") OVERRIDING SYSTEM VALUE VALUES ($1, $2::text::uuid, $3, $4)`
	// guardSQL opens an update: it locks the document and fails with
	// staleCode unless its ContentVersion is still the one the first round
	// trip read, which any change to the document (or a cascade into it)
	// moves.
	guardSQL = `SELECT CASE WHEN (SELECT "ContentVersion" FROM "dms"."Document" WHERE "DocumentId" = $1 FOR UPDATE) = $2 ` +
		`THEN 0 ELSE "dms"."throw_error"('` + staleCode + `', 'document changed since it was read') END`
	contentVersionSQL = `SELECT "ContentVersion" FROM "dms"."Document" WHERE "DocumentId" = $1`
	// stampFloorSQL opens the DML of an identity update: it takes a stamp
	// below every stamp the transaction will write (see
	// WritePlan.CascadeCount).
	stampFloorSQL = `SELECT set_config('` + spec.StampFloorSetting + `', nextval('"dms"."ChangeVersionSequence"')::text, true)`
	// indexScansSQL precedes cascadeSQL, for the rest of the transaction
	// (the count and COMMIT). The planner estimates the floor's selectivity
	// from statistics; where they are missing or stale (after a bulk load)
	// it would scan whole root tables, e.g. 4 ms for 50,000 associations
	// against 0.03 ms for the IX_{Root}_ContentVersion range scan that
	// reads only the rows stamped since the floor.
	indexScansSQL = `SELECT set_config('enable_seqscan', 'off', true)`
)

// allocateSQL reserves a DocumentId (for a POST; a PUT reads 0) and at
// least items CollectionItemIds. The count is part of the statement text,
// rounded up to a power of two, rather than a parameter: PostgreSQL's
// generic plan of generate_series($1) assumes 1000 rows, so it would plan
// the statement anew on every execution; as text, each of the few distinct
// statements keeps one cached plan. Ids left unused are gaps in the
// sequence, like those of a rolled-back write.
func allocateSQL(post bool, items int) string {
	n := 0
	if items > 0 {
		n = 1 << bits.Len(uint(items-1))
	}
	docID := `0::bigint`
	if post {
		docID = `nextval(pg_get_serial_sequence('"dms"."Document"', 'DocumentId'))`
	}
	return `SELECT ` + docID + `, ARRAY(SELECT nextval('"dms"."CollectionItemIdSequence"')::text FROM generate_series(1, ` + strconv.Itoa(n) + `))`
}

// resolveWriteSQL is resolveSQL for one write, whose referential ids come
// as the text of one uuid[] (resolveArg): one string for pgx to send rather
// than an array of strings to encode element by element.
const resolveWriteSQL = `SELECT "ReferentialId"::text, "DocumentId", "ResourceKeyId" FROM "dms"."ReferentialIdentity" WHERE "ReferentialId" = ANY($1::text::uuid[])`

// resolveGenericPlanIDs is the fewest referential ids resolveWriteSQL is
// sent with. PostgreSQL's generic plan of "= ANY($1)" assumes a 10-element
// array; with fewer actual ids every custom plan looks cheaper and the
// statement would be planned anew on every execution. Padded to 16 (the
// index scan drops repeated keys), the generic plan wins after the five
// custom plans PostgreSQL tries first.
const resolveGenericPlanIDs = 16

// resolveArg renders the sorted, distinct referential ids of a write as a
// uuid[] literal of at least resolveGenericPlanIDs entries, padded by
// repeating one of them (the nil uuid, which no referential id equals, when
// there are none).
func resolveArg(ids []string) string {
	pad := uuid.Nil.String()
	if len(ids) > 0 {
		pad = ids[0]
	}
	n := max(len(ids), resolveGenericPlanIDs)
	var b strings.Builder
	b.Grow(n*(len(pad)+1) + 1)
	b.WriteByte('{')
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		if i < len(ids) {
			b.WriteString(ids[i])
		} else {
			b.WriteString(pad)
		}
	}
	b.WriteByte('}')
	return b.String()
}

// cascadeSQL ends the DML of an identity update instead of
// contentVersionSQL: it reads the ContentVersion ($1 is the DocumentId) and
// the number of other documents the update cascaded into, and raises
// fanOutCode with that number as its message when it exceeds $2 (0: no
// limit), so that the COMMIT after it is skipped and nothing is changed.
func cascadeSQL(count string) string {
	return `SELECT d."ContentVersion", f.n FROM "dms"."Document" d, ` +
		`(SELECT CASE WHEN $2::bigint > 0 AND c.n > $2::bigint THEN "dms"."throw_error"('` + fanOutCode + `', c.n::text) ELSE c.n END ` +
		`FROM (` + count + `) c(n)) f(n) WHERE d."DocumentId" = $1`
}

// lockSuffix turns a find statement into one that locks the document.
const lockSuffix = ` FOR UPDATE OF d`

// SQLSTATEs the write statements raise: staleCode by guardSQL, fanOutCode
// by cascadeSQL.
const (
	staleCode  = "DMS01"
	fanOutCode = "DMS02"
)

// Retry codes, as db.Race names them in metrics and logs.
const (
	retryCreateRace = db.CodeUniqueViolation
	retryStale      = "stale"
)

// Sentinel errors for a write attempt that must start over.
var (
	// errCreateRace: a concurrent create of the same identity won.
	errCreateRace = errors.New("document identity created concurrently")
	// errStale: the document changed between the two round trips.
	errStale = errors.New("document changed concurrently")
)

// errAliasTaken: the superclass identity belongs to another document.
var errAliasTaken = errors.New("superclass identity taken")

// target is the stored state of the document a write targets, as the
// first round trip read it.
type target struct {
	exists         bool
	documentID     int64
	id             uuid.UUID
	contentVersion int64
	documentUUID   string // POST only
	referentialID  string // PUT only
	resourceKeyID  int16  // PUT only
	ownershipToken *int16 // dms.Document.CreatedByOwnershipTokenId
	stored         [][][]*string
}

// write persists a flattened document; id is uuid.Nil for POST. The first
// attempt reads outside a transaction and writes in one pipelined
// transaction guarded against concurrent changes; after a lost race the
// next attempts read with the document locked.
func (w *Writer) write(ctx context.Context, res *spec.Resource, f *FlatDoc, pre etag.Write, id uuid.UUID) (WriteResult, error) {
	req := &writeRequest{res: res, f: f, ids: referentialIDs(f), items: collectionItems(res, f), pre: pre, id: id}
	var out WriteResult
	locked := false
	err := w.Retry.Do(ctx, func(ctx context.Context) error {
		var err error
		if locked {
			err = db.Transact(ctx, w.Pool, func(ctx context.Context, tx *db.Tx) error {
				var err error
				out, err = w.writeOnce(ctx, tx, req)
				return err
			})
		} else {
			out, err = w.writeOnce(ctx, nil, req)
		}
		// Under contention, read with the document locked instead.
		locked = locked || errors.Is(err, errStale)
		req.aliasRaced = req.aliasRaced || errors.Is(err, errAliasTaken)
		return err
	})
	if errors.Is(err, errCreateRace) {
		// Every attempt lost: the identity is taken.
		return WriteResult{}, mapWriteError(err, res, f, true)
	}
	return out, err
}

// referentialIDs are the referential ids a write of f resolves: its
// references and descriptors and its superclass alias, sorted and distinct.
func referentialIDs(f *FlatDoc) []string {
	ids := make([]string, 0, len(f.Pending)+1)
	for _, p := range f.Pending {
		ids = append(ids, p.ID.String())
	}
	if f.SuperclassID != uuid.Nil {
		ids = append(ids, f.SuperclassID.String())
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// collectionItems counts the collection items of f: the most new
// CollectionItemIds its write can need.
func collectionItems(res *spec.Resource, f *FlatDoc) int {
	items := 0
	for ti, t := range res.Tables {
		if t.Kind == spec.CollectionTable || t.Kind == spec.ExtensionCollectionTable {
			items += len(f.Rows[ti])
		}
	}
	return items
}

// writeRequest is one write's input, computed once for all its attempts.
type writeRequest struct {
	res   *spec.Resource
	f     *FlatDoc
	ids   []string // referential ids to resolve, sorted
	items int      // collection items needing new CollectionItemIds
	pre   etag.Write
	id    uuid.UUID // uuid.Nil for POST
	// aliasRaced is set once an attempt found the superclass identity held
	// by another document while this identity was absent: the next
	// attempt, which reads after that document committed, decides.
	aliasRaced bool
}

// writeOnce is one attempt. Without tx it reads outside a transaction and
// guards the write; with tx (the retry after errStale) it reads with the
// document locked inside tx and needs no guard. A lost race is returned
// marked for a retry (db.Race).
func (w *Writer) writeOnce(ctx context.Context, tx *db.Tx, req *writeRequest) (WriteResult, error) {
	res, f, pre, id := req.res, req.f, req.pre, req.id
	post := id == uuid.Nil
	lock := ""
	if tx != nil {
		lock = lockSuffix
	}
	b := &pgx.Batch{}
	if post {
		b.Queue(findByIdentitySQL+lock, f.ReferentialID.String())
	} else {
		b.Queue(findByUUIDSQL+lock, id.String())
	}
	b.Queue(allocateSQL(post, req.items))
	b.Queue(resolveWriteSQL, resolveArg(req.ids))
	for _, tw := range res.Write.Tables {
		if post {
			b.Queue(tw.LoadByReferentialID, f.ReferentialID.String())
		} else {
			b.Queue(tw.LoadByUUID, id.String())
		}
	}
	rel := newRelationshipWrite(ctx, res)
	if rel != nil {
		rel.queue(b, f, id)
	}
	var br pgx.BatchResults
	if tx != nil {
		br = tx.SendBatch(ctx, b)
	} else {
		br = w.Pool.SendBatch(ctx, b)
	}
	tg, newDocID, itemIDs, resolved, err := readFirstBatch(br, res, post)
	if err == nil && rel != nil {
		err = rel.read(br)
	}
	if cerr := br.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return WriteResult{}, err
	}
	if post {
		if tg.exists {
			tg.id = uuid.MustParse(tg.documentUUID)
		}
	} else {
		tg.id = id
		if tg.exists && tg.resourceKeyID != res.ResourceKeyID {
			tg.exists = false
		}
		if !tg.exists && !pre.IfMatch.Present {
			return WriteResult{}, problem.NotFound(problem.DetailUpdateTargetNotFound)
		}
	}
	if p := checkWriteNamespace(ctx, f, &tg); p != nil {
		return WriteResult{}, p
	}
	if p := checkWriteOwnership(ctx, tg.exists, tg.ownershipToken); p != nil {
		return WriteResult{}, p
	}
	if rel != nil {
		if p := rel.checkStored(tg.exists); p != nil {
			return WriteResult{}, p
		}
	}
	if o := pre.Evaluate(tg.exists, tg.contentVersion, w.SchemaEpoch); o != etag.Proceed {
		return WriteResult{}, o.Problem()
	}
	// A PUT that changes the identity is refused before its references
	// are resolved, as the reference refuses it.
	identityUpdate := !post && tg.referentialID != f.ReferentialID.String()
	if identityUpdate && !res.AllowIdentityUpdates {
		return WriteResult{}, problem.IdentityImmutable(res.Name)
	}
	if identityUpdate && !w.Limits.IdentityUpdateAllowed(ctx, res.ProjectEndpoint, res.Endpoint, res.Name) {
		return WriteResult{}, server.IdentityUpdatesDisabled(res.Name)
	}
	if p := applyResolution(f, resolved); p != nil {
		return WriteResult{}, p
	}
	if rel != nil {
		if p := rel.checkProposed(tg.exists); p != nil {
			return WriteResult{}, p
		}
	}
	if a, ok := resolved[f.SuperclassID.String()]; ok && (!tg.exists || a.documentID != tg.documentID) {
		// Another document holds the same superclass identity: another
		// subclass (a School and a LocalEducationAgency with one
		// educationOrganizationId), or this very identity, created and
		// committed by a concurrent write between the read of the target
		// and the resolution in the same pipeline. The next attempt tells
		// them apart.
		if !tg.exists && !req.aliasRaced {
			return WriteResult{}, db.Race(retryCreateRace, errAliasTaken)
		}
		return WriteResult{}, mapWriteError(errAliasTaken, res, f, !tg.exists)
	}
	created := !tg.exists
	if created {
		tg.documentID = newDocID
		tg.id = uuid.New()
	}
	changes := &pgx.Batch{}
	if p := mergeRows(res, f, tg, itemIDs, changes); p != nil {
		return WriteResult{}, p
	}
	if !created && changes.Len() == 0 {
		return WriteResult{ID: tg.id, ContentVersion: tg.contentVersion, Unchanged: true}, nil
	}
	dml := &pgx.Batch{}
	if created {
		dml.Queue(insertDocumentSQL, tg.documentID, tg.id.String(), res.ResourceKeyID, authz.CreatorOwnershipToken(ctx))
	} else if tx == nil {
		dml.Queue(guardSQL, tg.documentID, tg.contentVersion)
	}
	// An identity update is measured: how many other documents it cascades
	// into, refused over the deployment's limit.
	measure := identityUpdate && res.Write.CascadeCount != ""
	if measure {
		dml.Queue(stampFloorSQL)
	}
	dml.QueuedQueries = append(dml.QueuedQueries, changes.QueuedQueries...)
	var cv, fanOut int64
	final := []any{&cv}
	if measure {
		dml.Queue(indexScansSQL)
		dml.Queue(cascadeSQL(res.Write.CascadeCount), tg.documentID, w.Limits.FanOutLimit())
		final = append(final, &fanOut)
	} else {
		dml.Queue(contentVersionSQL, tg.documentID)
	}
	err = finish(ctx, w, tx, dml, final...)
	if pe, ok := db.PgError(err); ok {
		switch {
		case pe.Code == staleCode:
			return WriteResult{}, db.Race(retryStale, fmt.Errorf("%w: %w", errStale, err))
		case pe.Code == fanOutCode:
			n, _ := strconv.Atoi(pe.Message)
			return WriteResult{}, w.Limits.IdentityUpdateFanOut(ctx, res.Label(), res.Name, n)
		case pe.Code == db.CodeUniqueViolation && created && post:
			// On a create, the natural key (root-table unique constraint or
			// the referential id) can only clash with the same identity, or
			// the superclass alias with another subclass's: the next
			// attempt finds which.
			return WriteResult{}, db.Race(retryCreateRace, fmt.Errorf("%w: %w", errCreateRace, err))
		}
	}
	if err != nil {
		return WriteResult{}, mapWriteError(err, res, f, created)
	}
	if measure {
		w.Limits.IdentityUpdateFanOut(ctx, res.Label(), res.Name, int(fanOut))
	}
	return WriteResult{ID: tg.id, ContentVersion: cv, Created: created}, nil
}

// finish runs dml: in tx when given, else in a transaction of its own (one
// attempt: the caller's retry starts the whole write over).
func finish(ctx context.Context, w *Writer, tx *db.Tx, dml *pgx.Batch, final ...any) error {
	if tx != nil {
		return execFinal(ctx, tx, dml, final)
	}
	return db.Transact(ctx, w.Pool, func(ctx context.Context, tx *db.Tx) error {
		return execFinal(ctx, tx, dml, final)
	})
}

// execFinal sends dml with COMMIT in one pipeline; the last statement reads
// one row into final (the document's ContentVersion first).
func execFinal(ctx context.Context, tx *db.Tx, dml *pgx.Batch, final []any) error {
	fb := tx.SendFinalBatch(ctx, dml)
	var err error
	for i := 0; i < dml.Len()-1 && err == nil; i++ {
		_, err = fb.Exec()
	}
	if err == nil {
		err = fb.QueryRow().Scan(final...)
	}
	if cerr := fb.Close(); err == nil {
		err = cerr
	}
	return err
}

// readFirstBatch reads the lock, allocation, resolution and load results.
func readFirstBatch(br pgx.BatchResults, res *spec.Resource, post bool) (tg target, newDocID int64, itemIDs []string, resolved map[string]resolvedID, err error) {
	if post {
		err = br.QueryRow().Scan(&tg.documentID, &tg.documentUUID, &tg.contentVersion, &tg.ownershipToken)
	} else {
		err = br.QueryRow().Scan(&tg.documentID, &tg.resourceKeyID, &tg.contentVersion, &tg.referentialID, &tg.ownershipToken)
	}
	switch {
	case err == nil:
		tg.exists = true
	case errors.Is(err, pgx.ErrNoRows):
		err = nil
	default:
		return
	}
	if err = br.QueryRow().Scan(&newDocID, &itemIDs); err != nil {
		return
	}
	if resolved, err = readResolved(br); err != nil {
		return
	}
	tg.stored = make([][][]*string, len(res.Write.Tables))
	for ti, tw := range res.Write.Tables {
		if tg.stored[ti], err = readStored(br, len(tw.Stored)); err != nil {
			return
		}
	}
	return
}

// readStored reads the next result of br: rows of width canonical-text
// values (a table's stored columns).
func readStored(br pgx.BatchResults, width int) ([][]*string, error) {
	rows, err := br.Query()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][]*string
	for rows.Next() {
		vals := make([]*string, width)
		dest := make([]any, width)
		for i := range vals {
			dest[i] = &vals[i]
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		out = append(out, vals)
	}
	return out, rows.Err()
}

// readResolved reads the answer to resolveSQL: the documents (id and
// resource key) of the referential ids that exist.
func readResolved(br pgx.BatchResults) (map[string]resolvedID, error) {
	rows, err := br.Query()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	resolved := map[string]resolvedID{}
	for rows.Next() {
		var ref string
		var r resolvedID
		if err := rows.Scan(&ref, &r.documentID, &r.resourceKeyID); err != nil {
			return nil, err
		}
		resolved[ref] = r
	}
	return resolved, rows.Err()
}

type resolvedID struct {
	documentID    int64
	resourceKeyID int16
}

// applyResolution fills the reference and descriptor columns, or returns
// the reference's answer for the failures: 409 for documents, 400 as soon
// as a descriptor is missing.
func applyResolution(f *FlatDoc, resolved map[string]resolvedID) *problem.Details {
	var ve problem.ValidationErrors
	descriptorFailed := false
	for i := range f.Pending {
		p := &f.Pending[i]
		r, ok := resolved[p.ID.String()]
		if ok && r.resourceKeyID == p.KeyID {
			if p.Column >= 0 {
				s := strconv.FormatInt(r.documentID, 10)
				p.Row.Values[p.Column] = &s
			}
			continue
		}
		switch {
		case p.Descriptor:
			descriptorFailed = true
			ve.Add(p.Path(), problem.MissingDescriptorMessage(p.Target, p.URI))
		case ok:
			ve.Add(p.Path(), problem.IncompatibleReferenceMessage(p.Target))
		default:
			ve.Add(p.Path(), problem.MissingReferenceMessage(p.Target))
		}
	}
	if len(ve) > 0 {
		return problem.ReferenceFailures(ve, descriptorFailed)
	}
	return nil
}

// mergeRows assigns row keys (keeping the CollectionItemIds of items that
// match stored items by semantic identity), finishes every row and queues
// the DML that turns the stored rows into the new ones: deletes (children
// first), ordinal shifts, updates and inserts (parents first). Rows equal
// to their stored form produce no statement.
func mergeRows(res *spec.Resource, f *FlatDoc, tg target, itemIDs []string, dml *pgx.Batch) *problem.Details {
	plans, p := diffRows(res, f, tg, itemIDs)
	if p != nil {
		return p
	}
	queueChanges(res, plans, dml)
	return nil
}

// tableChanges turn the stored rows of one table into the new ones: keys
// of rows to delete and of rows whose ordinal moves, and rows (stored
// columns) to update and to insert.
type tableChanges struct {
	deletes, shifts []string
	updates, insert [][]*string
}

// diffRows assigns row keys, finishes every row and computes the changes
// per table, in Resource.Tables order; new collection items take their
// keys from itemIDs in document order.
func diffRows(res *spec.Resource, f *FlatDoc, tg target, itemIDs []string) ([]tableChanges, *problem.Details) {
	f.DocumentID = strconv.FormatInt(tg.documentID, 10)
	plans := make([]tableChanges, len(res.Tables))
	next := 0
	for ti, t := range res.Tables {
		tw := &res.Write.Tables[ti]
		stored := tg.stored[ti]
		byKey := map[string][]*string{}
		byMatch := map[string][]*string{}
		for _, s := range stored {
			byKey[deref(s[tw.Key])] = s
			byMatch[matchKey(tw, s)] = s
		}
		used := map[string]bool{}
		seen := map[string]bool{}
		for _, r := range f.Rows[ti] {
			var old []*string
			switch t.Kind {
			case spec.RootTable, spec.RootExtensionTable:
				r.Key = f.DocumentID
				old = byKey[r.Key]
			case spec.CollectionExtensionScopeTable:
				r.Key = r.Parent.Key
				old = byKey[r.Key]
			default:
				// Identify the new item among the stored ones by its semantic
				// identity and its parent's key.
				if tw.ParentKey >= 0 {
					r.Values[tw.ParentKey] = &r.Parent.Key
				}
				mk := matchKey(tw, r.Values)
				if seen[mk] {
					return nil, duplicateItem(r)
				}
				seen[mk] = true
				old = byMatch[mk]
				if old != nil && !used[deref(old[tw.Key])] {
					r.Key = deref(old[tw.Key])
				} else {
					old = nil
					r.Key = itemIDs[next]
					next++
				}
			}
			r.Values[tw.Key] = &r.Key
			if old == nil {
				plans[ti].insert = append(plans[ti].insert, r.Values)
				continue
			}
			used[r.Key] = true
			if equalRows(r.Values, old) {
				continue
			}
			if tw.Ordinal >= 0 && deref(r.Values[tw.Ordinal]) != deref(old[tw.Ordinal]) {
				plans[ti].shifts = append(plans[ti].shifts, r.Key)
			}
			plans[ti].updates = append(plans[ti].updates, r.Values)
		}
		for _, s := range stored {
			if k := deref(s[tw.Key]); !used[k] {
				plans[ti].deletes = append(plans[ti].deletes, k)
			}
		}
	}
	return plans, nil
}

// queueChanges queues the statements of plans: deletes (children first),
// ordinal shifts, updates and inserts (parents first).
func queueChanges(res *spec.Resource, plans []tableChanges, dml *pgx.Batch) {
	for ti := len(plans) - 1; ti >= 0; ti-- {
		if len(plans[ti].deletes) > 0 {
			dml.Queue(res.Write.Tables[ti].Delete, plans[ti].deletes)
		}
	}
	for ti, p := range plans {
		if len(p.shifts) > 0 {
			dml.Queue(res.Write.Tables[ti].ShiftOrdinals, p.shifts)
		}
	}
	for ti, p := range plans {
		tw := &res.Write.Tables[ti]
		if len(p.updates) > 0 && tw.Update != "" {
			dml.Queue(tw.Update, columnsOf(tw, p.updates)...)
		}
		if len(p.insert) > 0 {
			dml.Queue(tw.Insert, columnsOf(tw, p.insert)...)
		}
	}
}

// duplicateItem is the 400 for a collection item whose semantic identity
// (resolved references included) repeats an earlier sibling's, keyed by
// the array's concrete path as the reference's uniqueness stage keys it.
func duplicateItem(r *FlatRow) *problem.Details {
	array := r.Parent.Path() + "." + r.Member
	field := array[strings.LastIndexByte(array, '.')+1:]
	var ve problem.ValidationErrors
	ve.Add(array, validate.DuplicateItemMessage(field, r.Ordinal))
	return problem.DataValidation(ve)
}

// matchKey identifies an item among its siblings: its parent key and its
// semantic identity (or its ordinal when the table has none).
func matchKey(tw *spec.TableWrite, row []*string) string {
	var b strings.Builder
	if tw.ParentKey >= 0 {
		b.WriteString(deref(row[tw.ParentKey]))
	}
	cols := tw.Semantic
	if len(cols) == 0 && tw.Ordinal >= 0 {
		cols = []int{tw.Ordinal}
	}
	for _, i := range cols {
		b.WriteByte(0)
		if row[i] == nil {
			b.WriteByte(1)
			continue
		}
		b.WriteString(*row[i])
	}
	return b.String()
}

func equalRows(a, b []*string) bool {
	for i := range a {
		if (a[i] == nil) != (b[i] == nil) || (a[i] != nil && *a[i] != *b[i]) {
			return false
		}
	}
	return true
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// columnsOf transposes rows into one text[] argument per stored column.
func columnsOf(tw *spec.TableWrite, rows [][]*string) []any {
	args := make([]any, len(tw.Stored))
	for i := range tw.Stored {
		col := make([]*string, len(rows))
		for j, r := range rows {
			col[j] = r[i]
		}
		args[i] = col
	}
	return args
}

// mapWriteError turns constraint violations of the DML into the
// reference's answers.
func mapWriteError(err error, res *spec.Resource, f *FlatDoc, created bool) error {
	if _, ok := db.UniqueViolation(err); ok || errors.Is(err, errAliasTaken) {
		op := problem.Update
		if created {
			op = problem.Create
		}
		keys := make([]problem.KeyValue, len(f.Identity))
		for i, e := range f.Identity {
			keys[i] = problem.KeyValue{Name: e.Path[strings.LastIndexByte(e.Path, '.')+1:], Value: e.Value}
		}
		return problem.IdentityConflict(op, res.Name, keys)
	}
	if _, ok := db.ForeignKeyViolation(err); ok {
		return problem.UnresolvedReference(nil)
	}
	return err
}
