package engine

import (
	"context"

	"github.com/edfi-dmsc/dmsc/runtime/authz"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/google/uuid"
)

// Ownership tokens (runtime/authz OwnershipBased): every create stamps its
// dms.Document row with the client's creator token, in the insert it
// already runs; under OwnershipBased the stored token is read where the
// request reads the document anyway (the write's first round trip, a
// descriptor write's read, the GET by id batch) and checked after the
// NamespaceBased check, as the reference runs ownership last; a GET-many
// filters in its one statement. A DELETE reads it in the one batch of
// checks it sends before deleting.

// ownershipTokenSQL reads the stored token of the document of a resource
// key ($2) with a DocumentUuid ($1).
const ownershipTokenSQL = `SELECT "CreatedByOwnershipTokenId" FROM "dms"."Document" WHERE "DocumentUuid" = $1::text::uuid AND "ResourceKeyId" = $2`

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

// deleteOwnershipCheck is the check, with the document locked, of the
// stored token of the document of res a DELETE removes; nil when the
// request is not under OwnershipBased.
func deleteOwnershipCheck(ctx context.Context, res *spec.Resource, id uuid.UUID) batchCheck {
	rule := authz.OwnershipRuleFrom(ctx)
	if rule == nil {
		return nil
	}
	var token *int16
	return &storedValue{
		query: query{sql: ownershipTokenSQL + ` FOR UPDATE`, args: []any{id.String(), res.ResourceKeyID}},
		dest:  &token,
		judge: func() *problem.Details { return rule.Check(token) },
	}
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

// captureOwnership reads, in a GET by id's batch, the stored token of the
// document it hydrates into *into; no row (no such document) leaves it
// nil, and the hydration finds no document either.
func captureOwnership(res *spec.Resource, id uuid.UUID, into **int16) *storedValue {
	return &storedValue{query: query{sql: ownershipTokenSQL, args: []any{id.String(), res.ResourceKeyID}}, dest: into}
}
