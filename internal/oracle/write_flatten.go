package oracle

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/edfi-dmsc/dmsc/runtime/identity"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/edfi-dmsc/dmsc/runtime/validate"
	"github.com/google/uuid"
)

// flatRow is one row of a validated document, before and after reference
// resolution. vals is parallel to Table.Columns; nil is NULL.
type flatRow struct {
	table   int
	obj     map[string]any
	path    string // concrete JSON path of obj
	parent  *flatRow
	ordinal int
	key     string // row key, assigned by the merge
	vals    []*string
}

// pending is a column value that a referential id resolves to.
type pending struct {
	row    *flatRow
	column int
	id     uuid.UUID
	path   string // concrete path of the reference object or descriptor value
	// target names the referenced resource, keyID the resource key a
	// resolved id must carry.
	target     string
	keyID      int16
	descriptor bool
	uri        string
}

// flatDoc is a validated document flattened into rows.
type flatDoc struct {
	refID uuid.UUID
	// aliasID is the superclass alias ReferentialId of a subclass document
	// (uuid.Nil otherwise), which must not belong to another document.
	aliasID  uuid.UUID
	identity []identity.Element
	rows     [][]*flatRow // per table, in document order
	pending  []pending
}

// flatten extracts the identity, the rows of every table, and the
// references and descriptors to resolve.
func flatten(res *spec.Resource, doc map[string]any) *flatDoc {
	w := res.Write
	f := &flatDoc{rows: make([][]*flatRow, len(res.Tables))}
	for i, part := range res.Identity {
		f.identity = append(f.identity, identity.Element{Path: part.JSONPath, Value: formText(w.IdentityForms[i], valueAt(doc, part.Steps))})
	}
	f.refID = identity.ReferentialID(res.ProjectName, res.Name, f.identity...)
	if sc := res.Superclass; sc != nil {
		alias := f.identity
		if sc.IdentityRenameTo != "" {
			alias = []identity.Element{{Path: sc.IdentityRenameTo, Value: f.identity[0].Value}}
		}
		f.aliasID = identity.ReferentialID(sc.ProjectName, sc.ResourceName, alias...)
	}
	for ti, t := range res.Tables {
		if t.Parent < 0 {
			f.rows[ti] = []*flatRow{{table: ti, obj: doc, path: "$", vals: make([]*string, len(t.Columns))}}
			continue
		}
		collection := len(t.ScopeSteps) > 0 && t.ScopeSteps[len(t.ScopeSteps)-1] == "[*]"
		for _, parent := range f.rows[t.Parent] {
			steps := t.ScopeSteps
			if collection {
				steps = steps[:len(steps)-1]
			}
			v := valueAt(parent.obj, steps)
			path := parent.path + "." + strings.Join(steps, ".")
			if !collection {
				if obj, ok := v.(map[string]any); ok && len(obj) > 0 {
					f.rows[ti] = append(f.rows[ti], &flatRow{table: ti, obj: obj, path: path, parent: parent, vals: make([]*string, len(t.Columns))})
				}
				continue
			}
			arr, _ := v.([]any)
			for i, item := range arr {
				if obj, ok := item.(map[string]any); ok {
					f.rows[ti] = append(f.rows[ti], &flatRow{
						table: ti, obj: obj, path: path + "[" + strconv.Itoa(i) + "]", parent: parent, ordinal: i,
						vals: make([]*string, len(t.Columns)),
					})
				}
			}
		}
	}
	for ti, t := range res.Tables {
		for _, r := range f.rows[ti] {
			for ci, c := range t.Columns {
				if c.Kind == spec.ScalarColumn && len(c.Steps) > 0 {
					if v := valueAt(r.obj, c.Steps); v != nil {
						s := columnText(c, v)
						r.vals[ci] = &s
					}
				}
			}
		}
	}
	// At most one pending value per reference or descriptor site and row:
	// sized once, the slice is not regrown (it was most of flatten's
	// allocation).
	sites := 0
	for _, rp := range w.References {
		sites += len(f.rows[rp.Table])
	}
	for _, dp := range w.Descriptors {
		sites += len(f.rows[dp.Table])
	}
	f.pending = make([]pending, 0, sites)
	for _, rp := range w.References {
		for _, r := range f.rows[rp.Table] {
			obj, ok := valueAt(r.obj, rp.ObjectSteps).(map[string]any)
			if !ok {
				continue
			}
			elems := make([]identity.Element, len(rp.Elements))
			for i, e := range rp.Elements {
				elems[i] = identity.Element{Path: e.IdentityPath, Value: formText(e.Form, valueAt(obj, e.Steps))}
			}
			f.pending = append(f.pending, pending{
				row: r, column: rp.FKColumn, id: identity.ReferentialID(rp.TargetProject, rp.TargetResource, elems...),
				path: r.path + "." + strings.Join(rp.ObjectSteps, "."), target: rp.TargetResource, keyID: rp.TargetResourceKeyID,
			})
		}
	}
	for _, dp := range w.Descriptors {
		for _, r := range f.rows[dp.Table] {
			uri, ok := valueAt(r.obj, dp.Steps).(string)
			if !ok {
				continue
			}
			f.pending = append(f.pending, pending{
				row: r, column: dp.Column, id: identity.DescriptorReferentialID(dp.Project, dp.Resource, uri),
				path: r.path + "." + strings.Join(dp.Steps, "."), target: dp.Resource, keyID: dp.DescriptorResourceKeyID,
				descriptor: true, uri: uri,
			})
		}
	}
	return f
}

// formText renders a JSON value in the canonical text of its form.
func formText(form spec.ValueForm, v any) string {
	s := scalarText(v)
	switch form {
	case spec.IntegerForm, spec.DecimalForm:
		return validate.CanonicalDecimal(s)
	case spec.DateTimeForm:
		return identity.DateTime(s)
	case spec.TimeForm:
		return identity.Time(s)
	}
	// A descriptor URI inside an identity is hashed as written (DescriptorForm
	// included): the DDL's referential-identity triggers concatenate the
	// stored dms.Descriptor.Uri without lower-casing it, and lookups must
	// produce the ids the triggers store.
	return s
}

// columnText renders a JSON value as the canonical text of a column, the
// same text the table's load statement produces for the stored value.
func columnText(c *spec.Column, v any) string {
	switch c.Type {
	case spec.Int32Type, spec.Int64Type, spec.DecimalType:
		if n, ok := v.(json.Number); ok {
			return validate.CanonicalDecimal(string(n))
		}
	case spec.DateTimeType:
		return identity.DateTime(scalarText(v))
	case spec.TimeType:
		return identity.Time(scalarText(v))
	}
	return scalarText(v)
}

// finishRow fills a row's key columns and key-unification columns once
// its key, its parent's key and its reference columns are known.
func finishRow(t *spec.Table, r *flatRow, documentID string) {
	parentKey := ""
	if r.parent != nil {
		parentKey = r.parent.key
	}
	set := func(ci int, s string) { r.vals[ci] = &s }
	for ci, c := range t.Columns {
		switch c.Kind {
		case spec.DocumentIDColumn:
			set(ci, documentID)
		case spec.CollectionItemIDColumn:
			set(ci, r.key)
		case spec.ParentCollectionItemIDColumn, spec.BaseCollectionItemIDColumn:
			set(ci, parentKey)
		case spec.OrdinalColumn:
			set(ci, strconv.Itoa(r.ordinal))
		}
	}
	for ci, c := range t.Columns {
		switch {
		case len(c.Members) > 0:
			r.vals[ci] = nil
			for _, m := range c.Members {
				if mi := columnIndexOf(t, m); mi >= 0 && r.vals[mi] != nil {
					r.vals[ci] = r.vals[mi]
					break
				}
			}
		case c.Kind == spec.PresenceColumn:
			r.vals[ci] = nil
			for mi, m := range t.Columns {
				if m.Presence == c.Name && r.vals[mi] != nil {
					set(ci, "true")
					break
				}
			}
		}
	}
}

func columnIndexOf(t *spec.Table, name string) int {
	for i, c := range t.Columns {
		if c.Name == name {
			return i
		}
	}
	return -1
}
