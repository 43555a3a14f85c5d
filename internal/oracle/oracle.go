// Package oracle is the interpreter that served every resource before the
// code generator emitted typed Go per resource (runtime/engine as of commit
// 7eb9c28): it decodes a body into map[string]any, validates it by walking
// the resource's spec.BodyNode tree, flattens it by Column.Steps, merges and
// writes its rows, and hydrates and encodes documents by walking the
// spec.Node tree. It is kept unchanged as the oracle of the differential
// tests and benchmarks (internal/difftest): what today's generated code
// answers, stores and reads must be what the interpreter did. No generated
// server links it.
package oracle

import (
	"context"
	"fmt"
	"slices"

	"github.com/edfi-dmsc/dmsc/runtime/etag"
	"github.com/edfi-dmsc/dmsc/runtime/identity"
	"github.com/edfi-dmsc/dmsc/runtime/jsonw"
	"github.com/edfi-dmsc/dmsc/runtime/server"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/google/uuid"
)

// Prepare does the per-document work of a write that needs no database:
// it decodes body, applies the guardrails of limits, validates and coerces
// the document and flattens it into rows (a descriptor into its fields).
// id is the document a PUT replaces, uuid.Nil for a POST. The error is the
// problem details of a refusal.
func Prepare(ctx context.Context, res *spec.Resource, id uuid.UUID, body []byte, limits server.WriteLimits) error {
	doc, err := check(ctx, res, id, body, limits)
	if err != nil {
		return err
	}
	if res.IsDescriptor {
		descriptorFieldsOf(doc)
		return nil
	}
	if p := checkArrays(res, doc, flatten(res, doc)); p != nil {
		return p
	}
	return nil
}

// check decodes body and applies the guardrails and the validation of a
// POST (id uuid.Nil) or a PUT of id.
func check(ctx context.Context, res *spec.Resource, id uuid.UUID, body []byte, limits server.WriteLimits) (map[string]any, error) {
	w := &Writer{Limits: limits}
	if id == uuid.Nil {
		return w.checkPost(ctx, res, body)
	}
	return w.checkPut(ctx, res, id, body)
}

// Encode hydrates the rows a GET by id reads for one document and encodes
// the document as the GET serves it, in variant v. tables holds, per
// spec.ReadPlan.Tables entry, the rows as pgx's Rows.Values returns them.
func Encode(res *spec.Resource, tables [][][]any, v etag.Variant) ([]byte, error) {
	h := &hydrated{children: make([]map[int64][]*row, len(res.Read.Tables))}
	for ti, rows := range tables {
		for _, vals := range rows {
			var err error
			if ti == 0 {
				err = h.addDocument(vals)
			} else {
				err = h.addChild(ti, vals)
			}
			if err != nil {
				return nil, err
			}
		}
	}
	if len(h.docs) != 1 {
		return nil, fmt.Errorf("%s: %d documents in the rows of one", res.Label(), len(h.docs))
	}
	var w jsonw.Writer
	if err := h.writeDocument(&w, res, h.docs[0], v.Tag(h.docs[0].contentVersion), v.Links); err != nil {
		return nil, err
	}
	return w.Bytes(), nil
}

// Flat is the oracle's flattening of a document, before resolution and the
// merge: what a write stores, as far as the body alone says.
type Flat struct {
	ReferentialID uuid.UUID
	// SuperclassID is a subclass document's superclass alias (uuid.Nil
	// otherwise).
	SuperclassID uuid.UUID
	Identity     []identity.Element
	// Rows holds, per table in Resource.Tables order, the document's rows
	// in document order, with their values parallel to TableWrite.Stored:
	// ordinals, presence and key-unification columns filled, the columns
	// that only the database fills (DocumentIds, CollectionItemIds,
	// references and descriptors) as the oracle leaves them before
	// resolution and the merge.
	Rows [][]FlatRow
	// Pending are the references and descriptors to resolve.
	Pending []FlatPending
	// Descriptor holds the fields of a descriptor document (nil for other
	// resources).
	Descriptor *DescriptorFields
}

// FlatRow is one row: the concrete JSON path of its object and its values.
type FlatRow struct {
	Path   string
	Values []*string
}

// FlatPending is a value that resolves to a DocumentId: a reference or a
// descriptor of row Row of table Table, stored in Values[Column] (-1: a
// column that is not stored).
type FlatPending struct {
	Table, Row, Column int
	ID                 uuid.UUID
	Path               string
	Target             string
	KeyID              int16
	Descriptor         bool
	URI                string
}

// DescriptorFields are the stored values of a descriptor document.
type DescriptorFields struct {
	Namespace, CodeValue, ShortDescription            string
	Description, EffectiveBeginDate, EffectiveEndDate *string
}

// Flatten decodes, checks (see Prepare) and flattens a write body. The
// error is the problem details of a refusal.
func Flatten(ctx context.Context, res *spec.Resource, id uuid.UUID, body []byte, limits server.WriteLimits) (*Flat, error) {
	doc, err := check(ctx, res, id, body, limits)
	if err != nil {
		return nil, err
	}
	if res.IsDescriptor {
		nf := descriptorFieldsOf(doc)
		uri := identity.DescriptorURI(nf.namespace, nf.codeValue)
		return &Flat{
			ReferentialID: identity.DescriptorReferentialID(res.ProjectName, res.Name, uri),
			Descriptor: &DescriptorFields{Namespace: nf.namespace, CodeValue: nf.codeValue, ShortDescription: nf.shortDescription,
				Description: nf.description, EffectiveBeginDate: nf.beginDate, EffectiveEndDate: nf.endDate},
		}, nil
	}
	f := flatten(res, doc)
	if p := checkArrays(res, doc, f); p != nil {
		return nil, p
	}
	out := &Flat{ReferentialID: f.refID, SuperclassID: f.aliasID, Identity: f.identity, Rows: make([][]FlatRow, len(res.Tables))}
	index := map[*flatRow]int{}
	for ti, t := range res.Tables {
		tw := &res.Write.Tables[ti]
		for i, r := range f.rows[ti] {
			finishRow(t, r, "")
			index[r] = i
			out.Rows[ti] = append(out.Rows[ti], FlatRow{Path: r.path, Values: project(tw, r.vals)})
		}
	}
	for _, p := range f.pending {
		out.Pending = append(out.Pending, FlatPending{
			Table: p.row.table, Row: index[p.row], Column: slices.Index(res.Write.Tables[p.row.table].Stored, p.column),
			ID: p.id, Path: p.path, Target: p.target, KeyID: p.keyID, Descriptor: p.descriptor, URI: p.uri,
		})
	}
	return out, nil
}
