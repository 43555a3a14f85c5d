package engine

import (
	"github.com/edfi-dmsc/dmsc/runtime/jsonw"
	"github.com/edfi-dmsc/dmsc/runtime/opt"
)

// Every descriptor resource whose schema has the standard members reads
// the same dms.Descriptor columns into the same document and serves it
// the same way: the generator gives them this one read side instead of a
// copy each (a DS 3.2a server has 169 descriptors). The generator checks
// that a descriptor's read plan reads spec.DescriptorReadColumns before
// using it.

// DescriptorRead returns the read side of a descriptor resource with the
// standard members.
func DescriptorRead() ReadCodec { return ReadCodec{Hydrate: hydrateDescriptors} }

// descriptorDocument is a descriptor read from the database.
type descriptorDocument struct {
	DocumentMeta
	namespace, codeValue, shortDescription            string
	description, effectiveBeginDate, effectiveEndDate opt.Value[string]
}

// descriptorHydration collects the descriptors of one read. The document
// of a GET by id, and the slice handing it out, live in it: a read of one
// descriptor allocates them with the hydration.
type descriptorHydration struct {
	docs  []descriptorDocument
	first [1]descriptorDocument
	one   [1]Document
}

func hydrateDescriptors(sets ResultSets) ([]Document, error) {
	h := &descriptorHydration{}
	h.docs = h.first[:0]
	if err := sets.Scan(0, h); err != nil {
		return nil, err
	}
	if len(h.docs) == 1 {
		h.one[0] = &h.docs[0]
		return h.one[:], nil
	}
	return Documents(h.docs), nil
}

// ScanRow hydrates a dms.Descriptor row.
func (h *descriptorHydration) ScanRow(_ int, row *Row) error {
	// The columns after the dms.Document columns (spec.DescriptorReadColumns).
	const (
		colNamespace = RootLocators + iota
		colCodeValue
		colShortDescription
		colDescription
		colEffectiveBeginDate
		colEffectiveEndDate
		columns // the width of the select
	)
	if err := row.Columns(columns); err != nil {
		return err
	}
	d := AppendRow(&h.docs)
	d.DocumentMeta = row.Meta()
	row.TextInto(colNamespace, &d.namespace)
	row.TextInto(colCodeValue, &d.codeValue)
	row.TextInto(colShortDescription, &d.shortDescription)
	row.OptTextInto(colDescription, &d.description)
	row.OptDateInto(colEffectiveBeginDate, &d.effectiveBeginDate)
	row.OptDateInto(colEffectiveEndDate, &d.effectiveEndDate)
	return row.Err()
}

// WriteJSON writes the descriptor as the API serves it: its members, id
// and _lastModifiedDate, then _etag (tag).
func (d *descriptorDocument) WriteJSON(w *jsonw.Writer, tag string, _ bool) {
	w.BeginObject()
	w.PlainKey("namespace")
	w.String(d.namespace)
	w.PlainKey("codeValue")
	w.String(d.codeValue)
	w.PlainKey("shortDescription")
	w.String(d.shortDescription)
	for _, m := range [...]struct {
		name  string
		value *opt.Value[string]
	}{{"description", &d.description}, {"effectiveBeginDate", &d.effectiveBeginDate}, {"effectiveEndDate", &d.effectiveEndDate}} {
		if m.value.Present {
			w.PlainKey(m.name)
			w.String(m.value.Value)
		}
	}
	d.WriteIdentity(w)
	w.PlainKey("_etag")
	w.String(tag)
	w.EndObject()
}
