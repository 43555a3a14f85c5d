package engine

import (
	"context"
	"errors"

	"github.com/edfi-dmsc/dmsc/runtime/authz"
	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

// Ownership tokens (runtime/authz OwnershipBased): every create stamps its
// dms.Document row with the client's creator token, in the insert it
// already runs; under OwnershipBased the stored token is read where the
// request reads the document anyway (the write's first round trip, a
// descriptor write's read, the GET by id batch) and checked after the
// NamespaceBased check, as the reference runs ownership last; a GET-many
// filters in its one statement. Only a DELETE reads it in a round trip of
// its own, as it does the namespace.

// ownershipTokenSQL reads the stored token of the document of a resource
// key ($2) with a DocumentUuid ($1).
const ownershipTokenSQL = `SELECT "CreatedByOwnershipTokenId" FROM "dms"."Document" WHERE "DocumentUuid" = $1::text::uuid AND "ResourceKeyId" = $2`

// creatorOwnershipToken is the token a create stamps its document with
// (nil: NULL).
func creatorOwnershipToken(ctx context.Context) *int16 { return authz.CreatorOwnershipToken(ctx) }

// checkWriteOwnership checks the stored token of the document a write
// changes (a POST that updates, a PUT: exists); a create has none to
// check.
func checkWriteOwnership(ctx context.Context, exists bool, stored *int16) *problem.Details {
	rule := authz.OwnershipRuleFrom(ctx)
	if rule == nil || !exists {
		return nil
	}
	return rule.Check(stored)
}

// checkDeleteOwnership reads and checks, with the document locked, the
// stored token of the document of res a DELETE removes; a missing document
// passes (the delete then answers 404).
func checkDeleteOwnership(ctx context.Context, tx *db.Tx, res *spec.Resource, id uuid.UUID) error {
	rule := authz.OwnershipRuleFrom(ctx)
	if rule == nil {
		return nil
	}
	var token *int16
	err := tx.QueryRow(ctx, ownershipTokenSQL+` FOR UPDATE`, id.String(), res.ResourceKeyID).Scan(&token)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return nil
	case err != nil:
		return err
	}
	if p := rule.Check(token); p != nil {
		return p
	}
	return nil // not a nil *problem.Details in an error
}

// withOwnershipFilter adds the rule's predicate to a GET-many's conditions.
func withOwnershipFilter(ctx context.Context, conds []string, args []any) ([]string, []any) {
	rule := authz.OwnershipRuleFrom(ctx)
	if rule == nil {
		return conds, args
	}
	cond, more := rule.Filter(len(args) + 1)
	return append(conds, cond), append(args, more...)
}

// ownershipCapture reads, in a GET by id's batch, the stored token of the
// document it hydrates.
type ownershipCapture struct {
	query
	into **int16
}

func captureOwnership(res *spec.Resource, id uuid.UUID, into **int16) *ownershipCapture {
	return &ownershipCapture{query: query{sql: ownershipTokenSQL, args: []any{id.String(), res.ResourceKeyID}}, into: into}
}

// read reads the token; no row (no such document) leaves it nil, and the
// hydration finds no document either.
func (c *ownershipCapture) read(br pgx.BatchResults) error {
	err := br.QueryRow().Scan(c.into)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil
	}
	return err
}
