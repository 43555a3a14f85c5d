package oracle

import (
	"context"
	"fmt"

	"github.com/edfi-dmsc/dmsc/runtime/engine"
	"github.com/edfi-dmsc/dmsc/runtime/identity"
	"github.com/edfi-dmsc/dmsc/runtime/jsonw"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// Codec is the interpreter as the engine's codec of res: what serves the
// plans that tests compile at run time (fixture schemas, DS 3.2a), for
// which no generated code exists. Its write side decodes, guards,
// validates and flattens by walking res's plan; its read side hydrates the
// rows as pgx decodes them and encodes by walking the spec.Node tree.
func Codec(res *spec.Resource) engine.Codec {
	return engine.Codec{
		Write: func(ctx context.Context, in engine.WriteInput, body []byte) (engine.WriteDoc, error) {
			doc, err := check(ctx, res, in.ID, body, in.Limits)
			if err != nil {
				return engine.WriteDoc{}, err
			}
			if res.IsDescriptor {
				return engine.WriteDoc{Flat: flatDescriptor(res, doc)}, nil
			}
			// The array-uniqueness stage, which the generated decode runs
			// last (see engine.WriteInput.Uniqueness).
			var errs problem.ValidationErrors
			checkUniqueness(&errs, res.Write.Uniqueness, doc)
			switch {
			case len(errs) == 0:
			case in.Uniqueness != nil:
				*in.Uniqueness = errs
			default:
				return engine.WriteDoc{}, problem.DataValidation(errs)
			}
			return engine.WriteDoc{Flat: engineFlatDoc(res, doc)}, nil
		},
		Read: engine.ReadCodec{Hydrate: func(sets engine.ResultSets) ([]engine.Document, error) {
			s := &scanned{res: res, h: &hydrated{children: make([]map[int64][]*row, len(res.Read.Tables))}}
			for ti := range res.Read.Tables {
				if err := sets.Scan(ti, s); err != nil {
					return nil, err
				}
			}
			out := make([]engine.Document, len(s.h.docs))
			for i, d := range s.h.docs {
				out[i] = &codecDocument{res: res, h: s.h, d: d}
			}
			return out, nil
		}},
	}
}

// flatDescriptor is the FlatDoc of a validated descriptor document: its
// fields and its referential id.
func flatDescriptor(res *spec.Resource, doc map[string]any) *engine.FlatDoc {
	nf := descriptorFieldsOf(doc)
	uri := identity.DescriptorURI(nf.namespace, nf.codeValue)
	return &engine.FlatDoc{
		ReferentialID: identity.DescriptorReferentialID(res.ProjectName, res.Name, uri),
		Descriptor: &engine.DescriptorFields{Namespace: nf.namespace, CodeValue: nf.codeValue, ShortDescription: nf.shortDescription,
			Description: nf.description, EffectiveBeginDate: nf.beginDate, EffectiveEndDate: nf.endDate},
	}
}

// scanned is a hydration of the rows of res's read by the codec.
type scanned struct {
	res *spec.Resource
	h   *hydrated
}

// ScanRow scans a row of table ti as pgx's Rows.Values decodes it
// (locators, then values) and checks that every value is one the encoder
// writes.
func (s *scanned) ScanRow(ti int, r *engine.Row) error {
	t := s.res.Read.Tables[ti]
	locators := 3
	if t.Parent < 0 {
		locators = 4
	}
	vals := make([]any, locators+len(t.Values))
	dest := make([]any, len(vals))
	for i := range vals {
		dest[i] = &vals[i]
	}
	if err := r.Scan(dest...); err != nil {
		return err
	}
	var scratch jsonw.Writer
	for i, v := range t.Values {
		if v.Type == spec.NoType || vals[locators+i] == nil {
			continue
		}
		if err := writeValue(&scratch, v.Type, vals[locators+i]); err != nil {
			return fmt.Errorf("column %s: %w", v.Column, err)
		}
	}
	if ti == 0 {
		return s.h.addDocument(vals)
	}
	return s.h.addChild(ti, vals)
}

// codecDocument is one hydrated document served through the codec.
type codecDocument struct {
	res  *spec.Resource
	h    *hydrated
	d    *document
	meta engine.DocumentMeta
}

// Meta returns the document's dms.Document columns.
func (c *codecDocument) Meta() *engine.DocumentMeta {
	c.meta = engine.DocumentMeta{DocumentID: c.d.id, DocumentUUID: c.d.uuid, ContentVersion: c.d.contentVersion, LastModified: c.d.lastModified}
	return &c.meta
}

// WriteJSON writes the document by walking res's read plan. Its values
// were checked when they were scanned, so the walk cannot fail.
func (c *codecDocument) WriteJSON(w *jsonw.Writer, tag string, links bool) {
	if err := c.h.writeDocument(w, c.res, c.d, tag, links); err != nil {
		panic(fmt.Sprintf("oracle: writing a checked %s document: %v", c.res.Label(), err))
	}
}
