package engine

import (
	"context"

	"github.com/edfi-dmsc/dmsc/runtime/authz"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/google/uuid"
)

// The data checks of the NamespaceBased authorization strategy, which
// runtime/authz decided the request needs (authz.NamespaceRuleFrom) on the
// resource's spec.NamespaceAuthorization: the handlers and the writer call
// them where the values are at hand, so they add no round trip except to a
// DELETE (one, shared with its other checks).

// checkWriteNamespace checks a write of f: the stored document's
// namespace when it exists (a POST that updates, a PUT), then the request
// body's.
func checkWriteNamespace(ctx context.Context, f *FlatDoc, tg *target) *problem.Details {
	rule := authz.NamespaceRuleFrom(ctx)
	if rule == nil {
		return nil
	}
	stored := f.res.Namespace.Element.Stored
	if tg.exists && len(tg.stored) > 0 && len(tg.stored[0]) > 0 {
		if p := rule.Check(tg.stored[0][0][stored], true); p != nil {
			return p
		}
	}
	return rule.Check(f.Rows[0][0].Values[stored], false)
}

// checkDescriptorWriteNamespace checks a descriptor write: the stored
// namespace when the descriptor exists, then the request body's.
func checkDescriptorWriteNamespace(ctx context.Context, exists bool, stored, proposed string) *problem.Details {
	rule := authz.NamespaceRuleFrom(ctx)
	if rule == nil {
		return nil
	}
	if exists {
		if p := rule.Check(&stored, true); p != nil {
			return p
		}
	}
	return rule.Check(&proposed, false)
}

// deleteNamespaceCheck is the check, with the document locked, of the
// stored namespace of the document of res a DELETE removes; nil when the
// request is not under NamespaceBased.
func deleteNamespaceCheck(ctx context.Context, res *spec.Resource, id uuid.UUID) batchCheck {
	rule := authz.NamespaceRuleFrom(ctx)
	if rule == nil {
		return nil
	}
	var value *string
	return &storedValue{
		query: query{sql: res.Namespace.ByUUID, args: []any{id.String()}},
		dest:  &value,
		judge: func() *problem.Details { return rule.Check(value, true) },
	}
}

// withNamespaceFilter adds the rule's predicate to a GET-many's conditions.
func withNamespaceFilter(ctx context.Context, res *spec.Resource, conds []string, args []any) ([]string, []any) {
	rule := authz.NamespaceRuleFrom(ctx)
	if rule == nil {
		return conds, args
	}
	cond, more := rule.Filter(res.Namespace.Element, len(args)+1)
	return append(conds, cond), append(args, more...)
}
