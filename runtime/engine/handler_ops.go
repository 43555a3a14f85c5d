package engine

import (
	"github.com/edfi-dmsc/dmsc/runtime/authz"
	"github.com/edfi-dmsc/dmsc/runtime/server"
	"github.com/google/uuid"
)

// Upsert handles POST /data/{project}/{resource}.
func (h *Handler) Upsert(r *server.Request) error { return h.svc.Writer.Upsert(r, h.res) }

// Update handles PUT /data/{project}/{resource}/{id}.
func (h *Handler) Update(r *server.Request, id uuid.UUID) error {
	return h.svc.Writer.Update(r, h.res, id)
}

// GetByID handles GET /data/{project}/{resource}/{id}: 200 with the
// document, 304 when If-None-Match matches, 404 when absent. Under
// NamespaceBased authorization the stored namespace, which the read's root
// row holds, and under OwnershipBased the stored ownership token, which the
// read's batch selects, are checked before any answer, a 304 included, and
// so is the relationship strategies' stored check the read's batch
// selects: no extra round trip.
func (h *Handler) GetByID(r *server.Request, id uuid.UUID) error {
	rule := authz.NamespaceRuleFrom(r.Context())
	capture := noCapture
	if rule != nil {
		capture = h.namespaceColumn
	}
	owner := authz.OwnershipRuleFrom(r.Context())
	doc, err := h.codec.Read.readByID(r.Context(), h.svc.Pool, h.res, id, r.Variant, r.IfNoneMatch(), capture, owner != nil)
	switch {
	case err != nil:
		return err
	case doc == nil:
		return r.NotFound()
	}
	if rule != nil {
		if p := rule.Check(doc.namespace, true); p != nil {
			return p
		}
	}
	if owner != nil {
		if p := owner.Check(doc.ownershipToken); p != nil {
			return p
		}
	}
	if doc.denied != nil {
		return doc.denied
	}
	if doc.NotModified {
		return r.NotModified(doc.Tag)
	}
	return r.Document(doc.Tag, doc.Body)
}

// Query handles GET /data/{project}/{resource}.
func (h *Handler) Query(r *server.Request, p server.Paging) error {
	page, err := h.codec.Read.QueryPage(r.Context(), h.svc.Pool, h.res, r.Filters(), p, r.Variant)
	if err != nil {
		return err
	}
	return r.Page(page.Body, page.TotalCount)
}

// Delete handles DELETE /data/{project}/{resource}/{id}: 204, 404 when
// absent, 409 when referenced, 412 on a failed If-Match.
func (h *Handler) Delete(r *server.Request, id uuid.UUID) error {
	found, err := h.svc.Writer.Delete(r.Context(), h.res, id, r.Preconditions())
	switch {
	case err != nil:
		return err
	case !found:
		return r.NotFound()
	}
	return r.Deleted()
}
