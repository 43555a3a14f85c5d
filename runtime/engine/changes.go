package engine

import (
	"strconv"

	"github.com/edfi-dmsc/dmsc/runtime/changes"
	"github.com/edfi-dmsc/dmsc/runtime/server"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

var _ server.TrackedChanges = (*Handler)(nil)

// Deletes handles GET /data/{project}/{resource}/deletes (Change Queries).
func (h *Handler) Deletes(r *server.Request, p server.Paging) error {
	return changes.Serve(r, h.svc.Pool, h.res, changes.Deletes, p)
}

// KeyChanges handles GET /data/{project}/{resource}/keyChanges.
func (h *Handler) KeyChanges(r *server.Request, p server.Paging) error {
	return changes.Serve(r, h.svc.Pool, h.res, changes.KeyChanges, p)
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
