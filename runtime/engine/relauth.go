package engine

import (
	"context"

	"github.com/edfi-dmsc/dmsc/runtime/authz"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

// The data checks of the relationship-based authorization strategies,
// which runtime/authz decided the request needs
// (authz.RelationshipRuleFrom) on the resource's
// spec.RelationshipAuthorization. Each rides a batch the operation sends
// anyway, except a DELETE's (which rides the batch of its checks): a
// GET-many adds its predicate to the page and count statements, a GET by
// id selects the stored check in its hydration snapshot, a write selects
// the stored and the proposed checks in its first round trip. Without
// claims no statement runs.

// withRelationshipFilter adds the rule's predicate to a GET-many's
// conditions; matchable is false when the client has no education
// organization ids (nothing can match).
func withRelationshipFilter(ctx context.Context, res *spec.Resource, conds []string, args []any) ([]string, []any, bool) {
	rule := authz.RelationshipRuleFrom(ctx, res)
	switch {
	case rule == nil:
		return conds, args, true
	case rule.NoClaims():
		return conds, args, false
	}
	cond, more := rule.Filter(len(args) + 1)
	return append(conds, cond), append(args, more...), true
}

// relationshipRead is the stored check of a GET by id, selected in its
// hydration batch.
type relationshipRead struct {
	rule *authz.RelationshipRule
	sql  string
	args []any
	row  []bool // nil when the document is not the resource's
}

// newRelationshipRead returns the stored check of the document id of res
// when the request is under relationship authorization, else nil.
func newRelationshipRead(ctx context.Context, res *spec.Resource, id uuid.UUID) *relationshipRead {
	rule := authz.RelationshipRuleFrom(ctx, res)
	if rule == nil {
		return nil
	}
	r := &relationshipRead{rule: rule}
	if !rule.NoClaims() {
		r.sql, r.args = rule.StoredByUUID(id.String(), false)
	}
	return r
}

// queue adds the check to b (nothing without claims).
func (r *relationshipRead) queue(b *pgx.Batch) {
	if r.sql != "" {
		b.Queue(r.sql, r.args...)
	}
}

// read reads the check's result from br.
func (r *relationshipRead) read(br pgx.BatchResults) error {
	if r.sql == "" {
		return nil
	}
	_, err := scanOptional(br.QueryRow(), &r.row)
	return err
}

// denied is the answer of the check for a document that exists.
func (r *relationshipRead) denied() *problem.Details {
	return r.rule.Stored(r.row)
}

// relationshipWrite is the relationship check of a write of f: the stored
// values of the document it targets (a PUT, a POST that updates) and the
// values it proposes, both selected in the write's first round trip.
type relationshipWrite struct {
	rule             *authz.RelationshipRule
	stored, proposed []bool
	missing          []bool
	// selectsProposed says the proposed values need a statement (not
	// when the only subject is the person document itself).
	selectsProposed bool
}

// newRelationshipWrite returns the check of a write of res when the
// request is under relationship authorization, else nil.
func newRelationshipWrite(ctx context.Context, res *spec.Resource) *relationshipWrite {
	rule := authz.RelationshipRuleFrom(ctx, res)
	if rule == nil {
		return nil
	}
	return &relationshipWrite{rule: rule}
}

// queue adds to b the statements selecting the stored check of the
// target (by ReferentialId for a POST, else by DocumentUuid id) and the
// check of f's values: an education organization id is the flattened
// root row's, a person is the document its reference names (its
// ReferentialId resolved in the statement).
func (c *relationshipWrite) queue(b *pgx.Batch, f *FlatDoc, id uuid.UUID) {
	if c.rule.NoClaims() {
		return
	}
	var sql string
	var args []any
	if id == uuid.Nil {
		sql, args = c.rule.StoredByReferentialID(f.ReferentialID.String())
	} else {
		sql, args = c.rule.StoredByUUID(id.String(), false)
	}
	b.Queue(sql, args...)
	root := f.Rows[0][0]
	sql, args, missing := c.rule.Proposed(root.Values, func(stored int) string {
		for i := range f.Pending {
			if p := &f.Pending[i]; p.Row == root && p.Column == stored && !p.Descriptor {
				return p.ID.String()
			}
		}
		return ""
	})
	c.missing = missing
	if sql != "" {
		b.Queue(sql, args...)
		c.selectsProposed = true
	}
}

// read reads the results of queue from br.
func (c *relationshipWrite) read(br pgx.BatchResults) error {
	if c.rule.NoClaims() {
		return nil
	}
	if _, err := scanOptional(br.QueryRow(), &c.stored); err != nil || !c.selectsProposed {
		return err
	}
	return br.QueryRow().Scan(&c.proposed)
}

// checkStored checks the stored values of an existing target.
func (c *relationshipWrite) checkStored(exists bool) *problem.Details {
	if !exists {
		return nil
	}
	return c.rule.Stored(c.stored)
}

// checkProposed checks the values the write proposes; exists says it
// updates a stored document.
func (c *relationshipWrite) checkProposed(exists bool) *problem.Details {
	stored := c.stored
	if !exists {
		stored = nil
	}
	return c.rule.CheckProposed(c.proposed, c.missing, stored)
}

// deleteRelationshipCheck is the check, with its root row locked, of the
// stored values of the document of res a DELETE removes; nil when the
// request is not under relationship authorization.
func deleteRelationshipCheck(ctx context.Context, res *spec.Resource, id uuid.UUID) batchCheck {
	rule := authz.RelationshipRuleFrom(ctx, res)
	if rule == nil {
		return nil
	}
	// Without claims the lookup still runs, so a missing document is a
	// 404 rather than a 403. A row's ARRAY[...] is never NULL, so a found
	// document's row is never nil.
	var row []bool
	sql, args := rule.StoredByUUID(id.String(), true)
	return &storedValue{
		query: query{sql: sql, args: args},
		dest:  &row,
		judge: func() *problem.Details { return rule.Stored(row) },
	}
}
