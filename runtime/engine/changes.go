package engine

import (
	"context"
	"strconv"
	"strings"

	"github.com/edfi-dmsc/dmsc/runtime/authz"
	"github.com/edfi-dmsc/dmsc/runtime/changes"
	"github.com/edfi-dmsc/dmsc/runtime/server"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

var _ server.TrackedChanges = (*Handler)(nil)

// Deletes handles GET /data/{project}/{resource}/deletes (Change Queries).
func (h *Handler) Deletes(r *server.Request, p server.Paging) error {
	return changes.Serve(r, h.svc.Pool, h.res, changes.Deletes, p, h.checkQueryValues, changesFilter(r.Context(), h.res))
}

// KeyChanges handles GET /data/{project}/{resource}/keyChanges.
func (h *Handler) KeyChanges(r *server.Request, p server.Paging) error {
	return changes.Serve(r, h.svc.Pool, h.res, changes.KeyChanges, p, h.checkQueryValues, changesFilter(r.Context(), h.res))
}

// checkQueryValues validates a change route's query fields as GET many
// does (bindFilters: an unknown name, or a value not valid for its field's
// type or format, is its 400), which the reference does before it refuses
// query fields on a Change Query endpoint.
func (h *Handler) checkQueryValues(filters server.QueryParams) error {
	if h.res.Read == nil {
		return nil
	}
	_, _, _, err := bindFilters(h.res.Read, filters)
	return err
}

// changesFilter is the authorization filter of a change route's tracked
// rows: the NamespaceBased and relationship filters the request's
// decision names, ANDed, their parameters numbered on; nil when it names
// neither.
func changesFilter(ctx context.Context, res *spec.Resource) changes.RowFilter {
	var filters []changes.RowFilter
	if f := changesNamespaceFilter(ctx, res); f != nil {
		filters = append(filters, f)
	}
	if rule := authz.ChangesRelationshipRuleFrom(ctx, res); rule != nil {
		filters = append(filters, rule.Filter)
	}
	switch len(filters) {
	case 0:
		return nil
	case 1:
		return filters[0]
	}
	return func(first int) (string, []any) {
		var conds []string
		var args []any
		for _, f := range filters {
			cond, more := f(first + len(args))
			conds, args = append(conds, cond), append(args, more...)
		}
		return strings.Join(conds, " AND "), args
	}
}

// changesNamespaceFilter is the NamespaceBased filter of a change route's
// tracked rows, by the namespace each row recorded (the old value: a
// deleted document's last namespace, a key change's namespace before the
// change); nil when the request's decision does not name NamespaceBased.
// The authorizer refuses ReadChanges under NamespaceBased for a resource
// whose changes record no namespace, so the column is set here.
func changesNamespaceFilter(ctx context.Context, res *spec.Resource) changes.RowFilter {
	rule := authz.NamespaceRuleFrom(ctx)
	if rule == nil || res.Changes == nil {
		return nil
	}
	column := res.Changes.NamespaceColumn
	return func(first int) (string, []any) { return rule.ChangesFilter(column, first) }
}

// withLiveWindow adds a GET-many's change-version window, when the request
// gives one, to the page's conditions and arguments: the plan's predicate
// over the mirrored ContentVersion of the root table (or dms.Descriptor),
// which its ContentVersion index serves.
func withLiveWindow(res *spec.Resource, w server.ChangeWindow, conds []string, args []any) ([]string, []any) {
	if !w.Set || res.Changes == nil {
		return conds, args
	}
	args = append(args, w.Min, w.Max)
	lw := res.Changes.LiveWindow
	n := len(args)
	cond := lw[0] + "$" + strconv.Itoa(n-1) + lw[1] + "$" + strconv.Itoa(n) + lw[2]
	return append(conds, cond), args
}

// pageOrder is the ORDER BY of a GET-many's page selection. A window with
// maxChangeVersion selects its page in ContentVersion order, which the
// root's ContentVersion index yields as it reads the window (no sort, so
// a page costs O(limit + offset) index entries however wide the window):
// a document that changes leaves such a window, so the order cannot repeat
// or skip one across offsets. No DocumentId tie-breaker: every stamp is a
// fresh value of the change-version sequence, so no two documents share a
// ContentVersion, and a second key would make IX_{Root}_ContentVersion
// sort the window. Without a window or with minChangeVersion alone, where
// a changed document stays in the window and would move behind the
// offset, the page stays in DocumentId order. This is the reference's
// "Page-selection ordering" (design-docs/change-queries.md). Total-Count
// and the order of the items within the page do not depend on it.
func pageOrder(res *spec.Resource, w server.ChangeWindow) string {
	if w.MaxGiven && res.Changes != nil {
		return `r."ContentVersion"`
	}
	return `r."DocumentId"`
}
