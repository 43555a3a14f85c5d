package refaudit

import (
	"context"
	"fmt"
	"sort"
	"strconv"

	"github.com/edfi-dmsc/dmsc/runtime/identity"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// DefaultBatchSize is the number of documents a full scan reads per query.
const DefaultBatchSize = 1000

// Auditor checks and repairs the dms.ReferentialIdentity rows of one
// database against the specs of its schema.
type Auditor struct {
	pool  *pgxpool.Pool
	specs []*spec.ReferentialIdentity
	byKey map[int16]*spec.ReferentialIdentity // a concrete resource's key → its spec
	names map[int16]string                    // every identity's key → "Project:Resource"
}

// New returns an auditor of the database behind pool. specs must cover
// every concrete resource and descriptor of the schema: a repair may have
// to recompute a document of any resource (see Repair).
func New(pool *pgxpool.Pool, specs []spec.ReferentialIdentity) *Auditor {
	a := &Auditor{pool: pool, byKey: map[int16]*spec.ReferentialIdentity{}, names: map[int16]string{}}
	for i := range specs {
		s := &specs[i]
		a.specs = append(a.specs, s)
		a.byKey[s.Primary.ResourceKeyID] = s
		for _, id := range s.Identities() {
			a.names[id.ResourceKeyID] = id.Name()
		}
	}
	return a
}

// Describe says what a finding is, in one line.
func (a *Auditor) Describe(d Drift) string {
	doc := fmt.Sprintf("document %s (DocumentId %d)", d.DocumentUUID, d.DocumentID)
	if d.DocumentUUID == "" {
		doc = fmt.Sprintf("DocumentId %d", d.DocumentID)
	}
	name, ok := a.names[d.ResourceKeyID]
	if !ok {
		name = fmt.Sprintf("resource key %d", d.ResourceKeyID)
	}
	switch d.Kind {
	case Missing:
		return fmt.Sprintf("%s: missing %s row of %s: expected %s", d.Resource, name, doc, d.Expected)
	case Extra:
		return fmt.Sprintf("%s: extra %s row of %s: stored %s", d.Resource, name, doc, d.Stored)
	case Wrong:
		return fmt.Sprintf("%s: wrong %s row of %s: stored %s, expected %s", d.Resource, name, doc, d.Stored, d.Expected)
	case Unhashable:
		return fmt.Sprintf("%s: %s identity of %s has a NULL value", d.Resource, name, doc)
	}
	return fmt.Sprintf("%s: journal of %s: %s", d.Resource, doc, d.Detail)
}

// ScanOptions configure a full scan.
type ScanOptions struct {
	// BatchSize is the number of documents per query (and per repair
	// transaction); 0 means DefaultBatchSize.
	BatchSize int
	// Repair fixes each batch's drift before the next batch is read.
	Repair bool
	// Progress, when set, is called after each batch with the number of
	// documents it held.
	Progress func(documents int)
}

// Scan audits every document of spec, BatchSize documents per query in
// DocumentId order (a keyset over the table's primary key, so each query
// is an index range scan however large the table). It calls found for
// every drifted row and returns the number of documents read.
//
// With Repair, each batch that has drift is then repaired in one
// transaction (see Repair) before the next batch is read, and found sees
// the drift the repair found under lock, each marked Repaired or not,
// instead of what the unlocked read saw.
func (a *Auditor) Scan(ctx context.Context, spec *spec.ReferentialIdentity, opts ScanOptions, found func(Drift)) (int, error) {
	if opts.BatchSize <= 0 {
		opts.BatchSize = DefaultBatchSize
	}
	// The batch size is written into the statement: a generic plan
	// guesses a parameter LIMIT at a tenth of the table and hash-joins
	// dms.Document in full for each batch.
	query := selectSQL(spec, `t."DocumentId" > $1`, ` LIMIT `+strconv.Itoa(opts.BatchSize), false)
	var b identity.Builder
	var after int64
	documents := 0
	for {
		rows, err := a.pool.Query(ctx, query, after)
		if err != nil {
			return documents, fmt.Errorf("reading %s: %w", spec.Table, err)
		}
		docs, err := scanDocuments(spec, rows, false)
		if err != nil {
			return documents, err
		}
		if len(docs) == 0 {
			return documents, nil
		}
		documents += len(docs)
		after = docs[len(docs)-1].id
		drift, err := compareAll(spec, docs, &b)
		if err != nil {
			return documents, err
		}
		if opts.Repair {
			if drift, err = a.repairBatch(ctx, spec, drift); err != nil {
				return documents, err
			}
		}
		for _, d := range drift {
			found(d)
		}
		if opts.Progress != nil {
			opts.Progress(len(docs))
		}
		if len(docs) < opts.BatchSize {
			return documents, nil
		}
	}
}

// repairBatch repairs the documents of a batch's drift and returns what
// the repair found, with the unhashable findings of the batch (which
// Repair skips unless the document has other drift, so they are taken
// from the batch's read alone).
func (a *Auditor) repairBatch(ctx context.Context, spec *spec.ReferentialIdentity, drift []Drift) ([]Drift, error) {
	repairs, err := a.Repair(ctx, spec, RepairableDocuments(drift))
	if err != nil {
		return nil, err
	}
	var out []Drift
	for _, d := range drift {
		if d.Kind == Unhashable {
			out = append(out, d)
		}
	}
	for _, d := range repairs {
		if d.Kind != Unhashable {
			out = append(out, d)
		}
	}
	return out, nil
}

// compareAll compares each document.
func compareAll(s *spec.ReferentialIdentity, docs []*document, b *identity.Builder) ([]Drift, error) {
	var out []Drift
	for _, d := range docs {
		drift, err := compare(s, d, b)
		if err != nil {
			return nil, err
		}
		out = append(out, drift...)
	}
	return out, nil
}

// RepairableDocuments returns the distinct documents with drift Repair can
// fix (missing, extra or wrong rows), in the order of drift.
func RepairableDocuments(drift []Drift) []int64 {
	var ids []int64
	for _, d := range drift {
		if d.Kind == Unhashable || d.Kind == Journal {
			continue
		}
		if len(ids) == 0 || ids[len(ids)-1] != d.DocumentID {
			ids = append(ids, d.DocumentID)
		}
	}
	return ids
}

// Check audits the given documents of spec (read without locks). Ids that
// are not documents of spec are ignored.
func (a *Auditor) Check(ctx context.Context, spec *spec.ReferentialIdentity, documentIDs []int64) ([]Drift, error) {
	docs, err := a.read(ctx, a.pool, spec, documentIDs, false)
	if err != nil {
		return nil, err
	}
	var b identity.Builder
	return compareAll(spec, docs, &b)
}

// Inspect is Check for documents that dms.Document says belong to spec's
// resource (a sample), with journal findings besides: a document without
// a row in spec.Table, a table row whose mirrored ContentVersion and
// ContentLastModifiedAt differ from dms.Document's, and an identity change
// missing from the resource's journal. Each holds by construction of the
// stamp triggers, so a finding means one did not run.
func (a *Auditor) Inspect(ctx context.Context, spec *spec.ReferentialIdentity, documentIDs []int64) ([]Drift, error) {
	docs, err := a.read(ctx, a.pool, spec, documentIDs, true)
	if err != nil {
		return nil, err
	}
	var b identity.Builder
	out, err := compareAll(spec, docs, &b)
	if err != nil {
		return nil, err
	}
	seen := map[int64]bool{}
	for _, d := range docs {
		seen[d.id] = true
		out = append(out, stampDrift(spec, d)...)
	}
	for _, id := range documentIDs {
		if !seen[id] {
			out = append(out, Drift{Kind: Journal, Resource: spec.Resource, DocumentID: id, ResourceKeyID: spec.Primary.ResourceKeyID,
				Detail: fmt.Sprintf("dms.Document row without a row in %s", spec.Table)})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].DocumentID < out[j].DocumentID })
	return out, nil
}

// querier is a pool or a transaction.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

// read reads the given documents of spec.
func (a *Auditor) read(ctx context.Context, q querier, spec *spec.ReferentialIdentity, documentIDs []int64, stamps bool) ([]*document, error) {
	if len(documentIDs) == 0 {
		return nil, nil
	}
	rows, err := q.Query(ctx, selectSQL(spec, `t."DocumentId" = ANY($1::bigint[])`, "", stamps), documentIDs)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", spec.Table, err)
	}
	return scanDocuments(spec, rows, stamps)
}

// Locate finds documents by DocumentUuid and groups their DocumentIds by
// spec; uuids that name no document, or a document of no spec, are
// returned in missing.
func (a *Auditor) Locate(ctx context.Context, documentUUIDs []string) (found []Group, missing []string, err error) {
	rows, err := a.pool.Query(ctx, `SELECT u.id, d."DocumentId", d."ResourceKeyId" FROM unnest($1::text[]) WITH ORDINALITY AS u(id, n) `+
		`LEFT JOIN "dms"."Document" d ON d."DocumentUuid" = u.id::uuid ORDER BY u.n`, documentUUIDs)
	if err != nil {
		return nil, nil, fmt.Errorf("locating documents: %w", err)
	}
	defer rows.Close()
	bySpec := map[*spec.ReferentialIdentity][]int64{}
	for rows.Next() {
		var id string
		var docID *int64
		var key *int16
		if err := rows.Scan(&id, &docID, &key); err != nil {
			return nil, nil, fmt.Errorf("locating documents: %w", err)
		}
		var spec *spec.ReferentialIdentity
		if key != nil {
			spec = a.byKey[*key]
		}
		if docID == nil || spec == nil {
			missing = append(missing, id)
			continue
		}
		bySpec[spec] = append(bySpec[spec], *docID)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("locating documents: %w", err)
	}
	return a.groups(bySpec), missing, nil
}

// sampleSQL takes %[1]d runs of up to %[2]d consecutive documents, each
// starting at a random DocumentId: a few index probes, however large
// dms.Document is (never a scan or a sort of it). A start is drawn from
// lo-%[2]d+1 to hi, so that every document, the first ones included, is
// covered by the same number of starts; documents after gaps in the ids
// are likelier. The counts are written into the statement: as parameters,
// the planner would guess thousands of rows and compile the query (JIT).
const sampleSQL = `WITH bounds AS (SELECT min("DocumentId") AS lo, max("DocumentId") AS hi FROM "dms"."Document"), ` +
	`starts AS (SELECT lo - %[2]d + 1 + floor(random() * (hi - lo + %[2]d))::bigint AS start FROM bounds, generate_series(1, %[1]d) WHERE lo IS NOT NULL) ` +
	`SELECT DISTINCT s."DocumentId", s."ResourceKeyId" FROM starts CROSS JOIN LATERAL ` +
	`(SELECT d."DocumentId", d."ResourceKeyId" FROM "dms"."Document" d WHERE d."DocumentId" >= starts.start ORDER BY d."DocumentId" LIMIT %[2]d) s ` +
	`ORDER BY s."DocumentId"`

// sampleRun is the length of one run of consecutive documents in a sample.
const sampleRun = 10

// Sample draws about n documents at random, in one round trip, and groups
// them by spec in the auditor's spec order. Documents of a resource key no
// spec covers are left out.
func (a *Auditor) Sample(ctx context.Context, n int) ([]Group, error) {
	if n <= 0 {
		return nil, nil
	}
	runs := (n + sampleRun - 1) / sampleRun
	rows, err := a.pool.Query(ctx, fmt.Sprintf(sampleSQL, runs, min(n, sampleRun)))
	if err != nil {
		return nil, fmt.Errorf("sampling documents: %w", err)
	}
	defer rows.Close()
	bySpec := map[*spec.ReferentialIdentity][]int64{}
	for rows.Next() {
		var id int64
		var key int16
		if err := rows.Scan(&id, &key); err != nil {
			return nil, fmt.Errorf("sampling documents: %w", err)
		}
		if s := a.byKey[key]; s != nil {
			bySpec[s] = append(bySpec[s], id)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sampling documents: %w", err)
	}
	return a.groups(bySpec), nil
}

// Group is documents of one spec.
type Group struct {
	Spec        *spec.ReferentialIdentity
	DocumentIDs []int64
}

// groups lists bySpec in the auditor's spec order.
func (a *Auditor) groups(bySpec map[*spec.ReferentialIdentity][]int64) []Group {
	var out []Group
	for _, s := range a.specs {
		if ids := bySpec[s]; len(ids) > 0 {
			out = append(out, Group{Spec: s, DocumentIDs: ids})
		}
	}
	return out
}
