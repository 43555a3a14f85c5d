package oracle

import (
	"strings"

	"github.com/edfi-dmsc/dmsc/runtime/engine"
	"github.com/edfi-dmsc/dmsc/runtime/identity"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// The oracle's flatten into the engine's FlatDoc (runtime/engine's
// interpreter before it was removed): Codec's write side, which serves the
// plans that tests compile at run time and have no generated code for.

// engineFlatDoc flattens a validated, decoded document into the engine's
// FlatDoc: it walks res's tables and columns and produces what the
// resource's generated flatten code produces from its typed document.
func engineFlatDoc(res *spec.Resource, doc map[string]any) *engine.FlatDoc {
	w := res.Write
	f := engine.NewFlatDoc(res)
	elements := make([]identity.Element, len(res.Identity))
	for i, part := range res.Identity {
		elements[i] = identity.Element{Path: part.JSONPath, Value: formText(w.IdentityForms[i], valueAt(doc, part.Steps))}
	}
	f.SetIdentity(res.ProjectName, res.Name, elements...)
	if sc := res.Superclass; sc != nil {
		f.SetSuperclass(sc.ProjectName, sc.ResourceName, sc.IdentityRenameTo)
	}
	// rows holds the rows of every table as they are added, objs the JSON
	// object of each.
	rows := make([][]*engine.FlatRow, len(res.Tables))
	objs := make([][]map[string]any, len(res.Tables))
	for ti, t := range res.Tables {
		tw := &res.Write.Tables[ti]
		docIDs := documentIDColumns(t, tw)
		if t.Parent < 0 {
			rows[ti] = []*engine.FlatRow{f.AddRow(ti, nil, "", docIDs...)}
			objs[ti] = []map[string]any{doc}
			continue
		}
		collection := len(t.ScopeSteps) > 0 && t.ScopeSteps[len(t.ScopeSteps)-1] == "[*]"
		steps := t.ScopeSteps
		if collection {
			steps = steps[:len(steps)-1]
		}
		member := strings.Join(steps, ".")
		for pi, parent := range rows[t.Parent] {
			v := valueAt(objs[t.Parent][pi], steps)
			if !collection {
				if obj, ok := v.(map[string]any); ok && len(obj) > 0 {
					rows[ti] = append(rows[ti], f.AddRow(ti, parent, member, docIDs...))
					objs[ti] = append(objs[ti], obj)
				}
				continue
			}
			arr, _ := v.([]any)
			for i, item := range arr {
				if obj, ok := item.(map[string]any); ok {
					rows[ti] = append(rows[ti], f.AddItem(ti, parent, member, i, tw.Ordinal, docIDs...))
					objs[ti] = append(objs[ti], obj)
				}
			}
		}
	}
	for ti, t := range res.Tables {
		tw := &res.Write.Tables[ti]
		for ri, r := range rows[ti] {
			fillScalars(t, tw, r, objs[ti][ri])
		}
	}
	for site, rp := range w.References {
		for ri, r := range rows[rp.Table] {
			obj, ok := valueAt(objs[rp.Table][ri], rp.ObjectSteps).(map[string]any)
			if !ok {
				continue
			}
			elems := make([]identity.Element, len(rp.Elements))
			for i, e := range rp.Elements {
				elems[i] = identity.Element{Path: e.IdentityPath, Value: formText(e.Form, valueAt(obj, e.Steps))}
			}
			f.AddReference(engine.Pending{Row: r, Site: site, Column: storedIndex(&res.Write.Tables[rp.Table], rp.FKColumn),
				Member: strings.Join(rp.ObjectSteps, "."), ID: identity.ReferentialID(rp.TargetProject, rp.TargetResource, elems...),
				Target: rp.TargetResource, KeyID: rp.TargetResourceKeyID})
		}
	}
	for site, dp := range w.Descriptors {
		t, tw := res.Tables[dp.Table], &res.Write.Tables[dp.Table]
		for ri, r := range rows[dp.Table] {
			obj := objs[dp.Table][ri]
			uri, ok := valueAt(obj, dp.Steps).(string)
			if !ok {
				continue
			}
			f.AddDescriptor(dp.Project, engine.Pending{Row: r, Site: site, Column: descriptorColumn(t, tw, dp.Column, obj),
				Member: strings.Join(dp.Steps, "."), Target: dp.Resource, KeyID: dp.DescriptorResourceKeyID, URI: uri})
		}
	}
	f.Finish()
	return f
}

// fillScalars sets the scalar values of row r from its object obj: the
// stored scalar columns, the key-unification canonical columns (from the
// first present member) and the presence flags.
func fillScalars(t *spec.Table, tw *spec.TableWrite, r *engine.FlatRow, obj map[string]any) {
	for si, ci := range tw.Stored {
		c := t.Columns[ci]
		switch {
		case c.Kind == spec.ScalarColumn && len(c.Steps) > 0:
			if v := valueAt(obj, c.Steps); v != nil {
				s := columnText(c, v)
				r.Values[si] = &s
			}
		case len(c.Members) > 0 && c.Kind == spec.ScalarColumn:
			for _, m := range c.Members {
				mc := t.Columns[columnIndexOf(t, m)]
				if v := valueAt(obj, mc.Steps); v != nil {
					s := columnText(mc, v)
					r.Values[si] = &s
					break
				}
			}
		case c.Kind == spec.PresenceColumn:
			for _, m := range t.Columns {
				if m.Presence == c.Name && valueAt(obj, m.Steps) != nil {
					r.Values[si] = engine.Bool(true)
					break
				}
			}
		}
	}
}

// descriptorColumn is the index among the stored columns of where the
// descriptor value of column ci of t goes: the column itself, or for a
// key-unification member the canonical column when it is the first member
// present in obj (-1 for the others).
func descriptorColumn(t *spec.Table, tw *spec.TableWrite, ci int, obj map[string]any) int {
	c := t.Columns[ci]
	if !c.Alias {
		return storedIndex(tw, ci)
	}
	canonical := columnIndexOf(t, c.Canonical)
	for _, m := range t.Columns[canonical].Members {
		mc := t.Columns[columnIndexOf(t, m)]
		if valueAt(obj, mc.Steps) != nil {
			if mc == c {
				return storedIndex(tw, canonical)
			}
			return -1
		}
	}
	return -1
}

// documentIDColumns are the indexes among tw's stored columns of the
// DocumentId columns of t.
func documentIDColumns(t *spec.Table, tw *spec.TableWrite) []int {
	var out []int
	for si, ci := range tw.Stored {
		if t.Columns[ci].Kind == spec.DocumentIDColumn {
			out = append(out, si)
		}
	}
	return out
}

// storedIndex is the index among tw's stored columns of column ci.
func storedIndex(tw *spec.TableWrite, ci int) int {
	for si, c := range tw.Stored {
		if c == ci {
			return si
		}
	}
	return -1
}
