package engine

// Bulk loading (the generated server's load subcommand, runtime/bulkload)
// runs a POST's write path over batches of documents. Writer.Prepare does everything a POST does
// before it reads the database: decoding, guardrails, validation and
// coercion, the identity and the flattened rows, the referential ids to
// resolve. Writer.WriteBatch then writes many prepared documents at once:
// one statement resolves every reference of the batch and allocates its
// ids, and one transaction COPYs the new documents into dms.Document, the
// resource tables and their collections (descriptors into dms.Descriptor
// with their dms.ReferentialIdentity rows, as upsertDescriptor writes
// them). Every trigger and constraint of the DDL stays in force: the
// referential-identity rows of resources, abstract identities, stamps and
// tracked changes come from the triggers, as they do for the server.
//
// The stored state of the documents whose identity already exists is read
// for the whole batch at once and compared as the ordinary POST path
// compares it: unchanged documents are left alone, the others take the
// ordinary path (an update), so loading a file again resumes it. A batch
// the database refuses is split in halves until the document it refuses
// is alone, which is then written through the ordinary path: that document
// gets the answer the server would give, and no other document of the
// batch is lost.

import (
	"context"
	"errors"

	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/etag"
	"github.com/edfi-dmsc/dmsc/runtime/identity"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/google/uuid"
)

// Prepared is a document checked and flattened for a bulk write.
type Prepared struct {
	res  *spec.Resource
	body []byte
	// problem is the POST's answer when the document fails before the
	// database is read; flat or desc are set otherwise.
	problem *problem.Details
	flat    *FlatDoc
	desc    *preparedDescriptor
}

// preparedDescriptor is a checked descriptor document.
type preparedDescriptor struct {
	fields DescriptorFields
	uri    string
	refID  uuid.UUID
}

// Prepare runs what a POST of body to res runs before it reads the
// database. The result keeps body, which the ordinary write path re-reads
// for a document that exists already.
func (w *Writer) Prepare(ctx context.Context, res *spec.Resource, body []byte) *Prepared {
	p := &Prepared{res: res, body: body}
	f, err := w.check(ctx, res, uuid.Nil, body)
	switch {
	case err != nil:
		p.problem = asProblem(err)
	case f.Descriptor != nil:
		p.desc = &preparedDescriptor{fields: *f.Descriptor, uri: identity.DescriptorURI(f.Descriptor.Namespace, f.Descriptor.CodeValue), refID: f.ReferentialID}
	default:
		p.flat = f
	}
	return p
}

// asProblem is the problem details of a check's error: checks answer
// problem details only, so anything else is the 500 a server would send.
func asProblem(err error) *problem.Details {
	var p *problem.Details
	if errors.As(err, &p) {
		return p
	}
	return problem.SystemError()
}

// Resource is the resource the document was prepared for.
func (p *Prepared) Resource() *spec.Resource { return p.res }

// Problem is the answer a POST of the document gets before the database
// is read (a 400), or nil when the document can be written.
func (p *Prepared) Problem() *problem.Details { return p.problem }

// Identities are the referential ids the document answers to once
// written: its own and, for a subclass, its superclass alias.
func (p *Prepared) Identities() []uuid.UUID {
	switch {
	case p.desc != nil:
		return []uuid.UUID{p.desc.refID}
	case p.flat == nil:
		return nil
	case p.flat.SuperclassID != uuid.Nil:
		return []uuid.UUID{p.flat.ReferentialID, p.flat.SuperclassID}
	}
	return []uuid.UUID{p.flat.ReferentialID}
}

// References are the referential ids of the documents and descriptors the
// document refers to, which must exist before it is written.
func (p *Prepared) References() []uuid.UUID {
	if p.flat == nil {
		return nil
	}
	ids := make([]uuid.UUID, len(p.flat.Pending))
	for i, pd := range p.flat.Pending {
		ids[i] = pd.ID
	}
	return ids
}

// BulkOutcome is what a bulk write did with one document.
type BulkOutcome uint8

// Bulk outcomes.
const (
	BulkFailed BulkOutcome = iota
	BulkCreated
	BulkUpdated
	BulkUnchanged
)

// BulkResult is the outcome of one document of a batch.
type BulkResult struct {
	Outcome BulkOutcome
	// Problem is the answer a POST of the document would have got, when
	// it failed.
	Problem *problem.Details
	// Cause is the error behind a 500 Problem, which the answer never
	// shows.
	Cause error
}

// WriteBatch writes prepared documents (each with a nil Problem) as POSTs
// would, and returns one result per document. The documents must be
// independent: none refers to another or shares an identity with one
// (order a file in waves to get such batches). The error is set only when
// the load cannot go on — the database is unreachable, a COMMIT's outcome
// is unknown, ctx ended, the batch's reads fail — and then the results are
// incomplete: documents without an outcome show BulkFailed with no
// Problem.
func (w *Writer) WriteBatch(ctx context.Context, docs []*Prepared) ([]BulkResult, error) {
	out := make([]BulkResult, len(docs))
	err := w.writeBatch(ctx, docs, out)
	return out, err
}

// writeBatch writes docs, filling out (parallel to docs).
func (w *Writer) writeBatch(ctx context.Context, docs []*Prepared, out []BulkResult) error {
	var c *copyBatch
	err := w.Retry.Do(ctx, func(ctx context.Context) error {
		var err error
		if c, err = w.planBatch(ctx, docs, out); err != nil {
			return err
		}
		return c.write(ctx, w)
	})
	if c == nil || fatal(ctx, err) {
		return err
	}
	for _, i := range c.unchanged {
		out[i] = BulkResult{Outcome: BulkUnchanged}
	}
	if err == nil {
		for _, i := range c.created {
			out[i] = BulkResult{Outcome: BulkCreated}
		}
		return w.writeEach(ctx, docs, out, c.existing)
	}
	// The database refused the batch: find the document it refuses.
	if len(c.created) == 1 {
		return w.writeEach(ctx, docs, out, append(c.existing, c.created[0]))
	}
	if err := w.writeEach(ctx, docs, out, c.existing); err != nil {
		return err
	}
	half := len(c.created) / 2
	for _, part := range [][]int{c.created[:half], c.created[half:]} {
		sub := make([]*Prepared, len(part))
		subOut := make([]BulkResult, len(part))
		for k, i := range part {
			sub[k] = docs[i]
		}
		err := w.writeBatch(ctx, sub, subOut)
		for k, i := range part {
			out[i] = subOut[k]
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// writeEach writes the documents at indices one by one through the
// ordinary POST path.
func (w *Writer) writeEach(ctx context.Context, docs []*Prepared, out []BulkResult, indices []int) error {
	for _, i := range indices {
		d := docs[i]
		res, err := w.UpsertDocument(ctx, d.res, d.body, etag.Write{})
		switch {
		case fatal(ctx, err):
			return err
		case err != nil:
			out[i] = failed(err)
		case res.Created:
			out[i] = BulkResult{Outcome: BulkCreated}
		case res.Unchanged:
			out[i] = BulkResult{Outcome: BulkUnchanged}
		default:
			out[i] = BulkResult{Outcome: BulkUpdated}
		}
	}
	return nil
}

// failed is the result of a document refused with err, answered as the
// server answers handler errors that are not problem details.
func failed(err error) BulkResult {
	var p *problem.Details
	if errors.As(err, &p) {
		return BulkResult{Problem: p}
	}
	return BulkResult{Problem: problem.SystemError(), Cause: err}
}

// fatal reports an error after which a load cannot go on: ctx ended, the
// database is unreachable, or a COMMIT's outcome is unknown.
func fatal(ctx context.Context, err error) bool {
	return err != nil && (ctx.Err() != nil || db.Unavailable(err) || errors.Is(err, db.ErrCommitInDoubt))
}
