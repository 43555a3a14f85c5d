package engine

import (
	"context"
	"errors"
	"fmt"

	"github.com/edfi-dmsc/dmsc/runtime/authz"
	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/etag"
	"github.com/edfi-dmsc/dmsc/runtime/identity"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

// Descriptors live in dms.Descriptor (one row per descriptor document). The
// DDL maintains no dms.ReferentialIdentity row for them, so the engine
// inserts the descriptor's referential id (over "$.descriptor=" + the
// lower-cased URI) itself when it creates one; references resolve
// descriptors through it like any other document. A descriptor's identity
// (namespace and codeValue) never changes.

const (
	descriptorColumns = `d."DocumentId", d."DocumentUuid"::text, d."ContentVersion", x."Namespace", x."CodeValue", x."ShortDescription", ` +
		`x."Description", to_char(x."EffectiveBeginDate", 'YYYY-MM-DD'), to_char(x."EffectiveEndDate", 'YYYY-MM-DD'), d."CreatedByOwnershipTokenId"`
	findDescriptorByIdentitySQL = `SELECT ` + descriptorColumns + ` FROM "dms"."ReferentialIdentity" ri ` +
		`JOIN "dms"."Document" d ON d."DocumentId" = ri."DocumentId" JOIN "dms"."Descriptor" x ON x."DocumentId" = d."DocumentId" ` +
		`WHERE ri."ReferentialId" = $1::text::uuid`
	findDescriptorByUUIDSQL = `SELECT ` + descriptorColumns + ` FROM "dms"."Document" d ` +
		`JOIN "dms"."Descriptor" x ON x."DocumentId" = d."DocumentId" WHERE d."DocumentUuid" = $1::text::uuid AND d."ResourceKeyId" = $2`
	allocateDocumentSQL = `SELECT nextval(pg_get_serial_sequence('"dms"."Document"', 'DocumentId'))`
	insertDescriptorSQL = `INSERT INTO "dms"."Descriptor" ("DocumentId", "ResourceKeyId", "Namespace", "CodeValue", "ShortDescription", "Description", ` +
		`"EffectiveBeginDate", "EffectiveEndDate", "Discriminator", "Uri") VALUES ($1, $2, $3, $4, $5, $6, $7::text::date, $8::text::date, $9, $10)`
	insertDescriptorIdentitySQL = `INSERT INTO "dms"."ReferentialIdentity" ("ReferentialId", "DocumentId", "ResourceKeyId") VALUES ($1::text::uuid, $2, $3)`
	updateDescriptorSQL         = `UPDATE "dms"."Descriptor" SET "ShortDescription" = $2, "Description" = $3, ` +
		`"EffectiveBeginDate" = $4::text::date, "EffectiveEndDate" = $5::text::date, "Namespace" = $6, "CodeValue" = $7, "Uri" = $8 WHERE "DocumentId" = $1`
)

// sameRepresentation reports whether the stored fields are unchanged: the
// mutable ones, and the identity as spelled (a POST of a descriptor in
// another case finds the stored one and, as the reference does, respells
// it).
func (a DescriptorFields) sameRepresentation(b DescriptorFields) bool {
	eq := func(x, y *string) bool { return (x == nil) == (y == nil) && (x == nil || *x == *y) }
	return a.Namespace == b.Namespace && a.CodeValue == b.CodeValue && a.ShortDescription == b.ShortDescription && eq(a.Description, b.Description) &&
		eq(a.EffectiveBeginDate, b.EffectiveBeginDate) && eq(a.EffectiveEndDate, b.EffectiveEndDate)
}

// upsertDescriptor writes a validated descriptor document; id is uuid.Nil
// for POST.
func (w *Writer) upsertDescriptor(ctx context.Context, res *spec.Resource, f *FlatDoc, pre etag.Write, id uuid.UUID) (WriteResult, error) {
	nf := *f.Descriptor
	uri := identity.DescriptorURI(nf.Namespace, nf.CodeValue)
	refID := f.ReferentialID
	var out WriteResult
	locked := false
	err := w.Retry.Do(ctx, func(ctx context.Context) error {
		var err error
		if locked {
			err = db.Transact(ctx, w.Pool, func(ctx context.Context, tx *db.Tx) error {
				var err error
				out, err = w.writeDescriptorOnce(ctx, tx, res, nf, uri, refID.String(), pre, id)
				return err
			})
		} else {
			out, err = w.writeDescriptorOnce(ctx, nil, res, nf, uri, refID.String(), pre, id)
		}
		// Under contention, read with the document locked instead.
		locked = locked || db.IsRetryable(err)
		return err
	})
	if errors.Is(err, errCreateRace) {
		// Every attempt lost: the identity is taken.
		return WriteResult{}, descriptorConflict(res, nf, problem.Create)
	}
	return out, err
}

// writeDescriptorOnce reads the stored descriptor in one round trip and,
// when something changes, writes in a second; like Writer.writeOnce it
// guards the write, or with tx reads with the document locked.
func (w *Writer) writeDescriptorOnce(ctx context.Context, tx *db.Tx, res *spec.Resource, nf DescriptorFields, uri, refID string, pre etag.Write, id uuid.UUID) (WriteResult, error) {
	lock := ""
	if tx != nil {
		lock = lockSuffix
	}
	b := &pgx.Batch{}
	if id == uuid.Nil {
		b.Queue(findDescriptorByIdentitySQL+lock, refID)
	} else {
		b.Queue(findDescriptorByUUIDSQL+lock, id.String(), res.ResourceKeyID)
	}
	b.Queue(allocateDocumentSQL)
	var br pgx.BatchResults
	if tx != nil {
		br = tx.SendBatch(ctx, b)
	} else {
		br = w.Pool.SendBatch(ctx, b)
	}
	var docID, newDocID, cv int64
	var docUUID string
	var old DescriptorFields
	var ownershipToken *int16
	err := br.QueryRow().Scan(&docID, &docUUID, &cv, &old.Namespace, &old.CodeValue, &old.ShortDescription, &old.Description, &old.EffectiveBeginDate, &old.EffectiveEndDate, &ownershipToken)
	exists := err == nil
	if errors.Is(err, pgx.ErrNoRows) {
		err = nil
	}
	if err == nil {
		err = br.QueryRow().Scan(&newDocID)
	}
	if cerr := br.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return WriteResult{}, err
	}
	if id != uuid.Nil && !exists && !pre.IfMatch.Present {
		return WriteResult{}, problem.NotFound(problem.DetailUpdateTargetNotFound)
	}
	if p := checkDescriptorWriteNamespace(ctx, exists, old.Namespace, nf.Namespace); p != nil {
		return WriteResult{}, p
	}
	if p := checkWriteOwnership(ctx, exists, ownershipToken); p != nil {
		return WriteResult{}, p
	}
	if o := pre.Evaluate(exists, cv, w.SchemaEpoch); o != etag.Proceed {
		return WriteResult{}, o.Problem()
	}
	dml := &pgx.Batch{}
	switch {
	case !exists:
		docID, docUUID = newDocID, uuid.NewString()
		dml.Queue(insertDocumentSQL, docID, docUUID, res.ResourceKeyID, authz.CreatorOwnershipToken(ctx))
		queueDescriptorCreate(dml, res, nf, uri, refID, docID)
	case id != uuid.Nil && identity.DescriptorURI(old.Namespace, old.CodeValue) != uri:
		// A PUT may not change the namespace or codeValue, not even their
		// case (a POST finds the stored descriptor by its case-insensitive
		// identity and keeps its spelling).
		return WriteResult{}, problem.DescriptorIdentityImmutable(res.ProjectName, res.Name)
	case !old.sameRepresentation(nf):
		if tx == nil {
			dml.Queue(guardSQL, docID, cv)
		}
		dml.Queue(updateDescriptorSQL, docID, nf.ShortDescription, nf.Description, nf.EffectiveBeginDate, nf.EffectiveEndDate, nf.Namespace, nf.CodeValue, uri)
	}
	out := WriteResult{ID: uuid.MustParse(docUUID), ContentVersion: cv, Created: !exists}
	if dml.Len() == 0 {
		out.Unchanged = true
		return out, nil
	}
	dml.Queue(contentVersionSQL, docID)
	err = finish(ctx, w, tx, dml, &out.ContentVersion)
	if pe, ok := db.PgError(err); ok && pe.Code == staleCode {
		return WriteResult{}, db.Race(retryStale, fmt.Errorf("%w: %w", errStale, err))
	}
	if _, ok := db.UniqueViolation(err); ok {
		if !exists {
			// A concurrent create of the same descriptor won (the unique
			// keys of dms.Descriptor and dms.ReferentialIdentity are both
			// its identity): the next attempt updates it.
			return WriteResult{}, db.Race(retryCreateRace, fmt.Errorf("%w: %w", errCreateRace, err))
		}
		return WriteResult{}, descriptorConflict(res, nf, problem.Update)
	}
	return out, err
}

// queueDescriptorCreate queues the dms.Descriptor row of a new descriptor
// document and its dms.ReferentialIdentity row.
func queueDescriptorCreate(dml *pgx.Batch, res *spec.Resource, nf DescriptorFields, uri, refID string, docID int64) {
	dml.Queue(insertDescriptorSQL, docID, res.ResourceKeyID, nf.Namespace, nf.CodeValue, nf.ShortDescription,
		nf.Description, nf.EffectiveBeginDate, nf.EffectiveEndDate, res.Write.Descriptor.Discriminator, uri)
	dml.Queue(insertDescriptorIdentitySQL, refID, docID, res.ResourceKeyID)
}

// descriptorConflict is the 409 naming a descriptor's identity.
func descriptorConflict(res *spec.Resource, nf DescriptorFields, op problem.Operation) *problem.Details {
	return problem.IdentityConflict(op, res.Name, []problem.KeyValue{{Name: "namespace", Value: nf.Namespace}, {Name: "codeValue", Value: nf.CodeValue}})
}
