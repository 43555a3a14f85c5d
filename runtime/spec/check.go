package spec

import (
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/edfi-dmsc/dmsc/runtime/validate"
)

// Check validates the schema's internal consistency: every cross-reference
// index points at what it claims to (a column index at a column of the
// right table and kind, a table's parent before the table), every kind,
// type and form is one the package declares, every statement a plan
// executes is present, names are unique where lookups need them to be, and
// every resource key a plan names is in ResourceKeys under the names the
// plan gives. Plans are data emitted by the generator, and the executor
// indexes into them without bounds checks of its own; Check turns a broken
// plan into one error at start-up instead of a panic or a wrong row on
// some request. It reports every problem found, each naming the resource,
// table, column or node and the offending value.
//
// The plans compiled into a generated server leave out what only the
// generator reads (the body schema, the document shape, column sources and
// reference sites: see compiler/gogen's emittedAway); Check checks those
// parts when a plan carries them.
func (s *Schema) Check() error {
	c := &checker{}
	s.check(c)
	return c.err()
}

// Check validates what a resource's plan says about itself (see
// Schema.Check, which also checks its resource keys against the schema's).
func (r *Resource) Check() error {
	c := &checker{}
	r.check(c, fmt.Sprintf("resource %s/%s", r.ProjectName, r.Name))
	return c.err()
}

// maxReported bounds the problems one error lists.
const maxReported = 50

// checker collects problems; at is the location prefix of each.
type checker struct {
	problems []string
	dropped  int
}

func (c *checker) add(at, format string, args ...any) {
	if len(c.problems) == maxReported {
		c.dropped++
		return
	}
	c.problems = append(c.problems, at+": "+fmt.Sprintf(format, args...))
}

func (c *checker) err() error {
	if len(c.problems) == 0 {
		return nil
	}
	msg := "inconsistent plan data:\n  " + strings.Join(c.problems, "\n  ")
	if c.dropped > 0 {
		msg += fmt.Sprintf("\n  and %d more", c.dropped)
	}
	return errors.New(msg)
}

// index reports whether v indexes a list of n elements (or is -1 when
// none is allowed), and adds a problem when it does not.
func (c *checker) index(at, field string, v, n int, none bool) bool {
	if (v >= 0 && v < n) || (none && v == -1) {
		return true
	}
	lo := 0
	if none {
		lo = -1
	}
	switch {
	case n == 0 && none:
		c.add(at, "%s is %d, but only -1 (none) is possible", field, v)
	case n == 0:
		c.add(at, "%s is %d, but there is nothing to index", field, v)
	default:
		c.add(at, "%s is %d, outside [%d, %d]", field, v, lo, n-1)
	}
	return false
}

// enum adds a problem when v is not below count, the number of values the
// enum declares.
func (c *checker) enum(at, field string, v, count int) {
	if v >= count {
		c.add(at, "%s %d is not a declared value (0..%d)", field, v, count-1)
	}
}

// text adds a problem for each named string that is empty: names that
// lookups use and statements the executor runs.
func (c *checker) text(at string, fields ...string) {
	for i := 0; i+1 < len(fields); i += 2 {
		if strings.TrimSpace(fields[i+1]) == "" {
			c.add(at, "%s is empty", fields[i])
		}
	}
}

// unique adds a problem for a name seen before in seen (compared as key).
func (c *checker) unique(at, what, name, key string, seen map[string]bool) {
	if seen[key] {
		c.add(at, "%s %q appears twice", what, name)
	}
	seen[key] = true
}

// steps adds a problem for an empty step list or an empty step.
func (c *checker) steps(at, field string, steps []string) {
	if len(steps) == 0 {
		c.add(at, "%s is empty", field)
	}
	for _, s := range steps {
		if s == "" {
			c.add(at, "%s %q has an empty step", field, strings.Join(steps, "."))
			return
		}
	}
}

func (s *Schema) check(c *checker) {
	c.text("schema", "EffectiveSchemaHash", s.EffectiveSchemaHash, "APISchemaFormatVersion", s.APISchemaFormatVersion)
	if seed, err := hex.DecodeString(s.ResourceKeySeedHash); err != nil || len(seed) == 0 {
		c.add("schema", "ResourceKeySeedHash %q is not hex", s.ResourceKeySeedHash)
	}

	keys := map[int16]ResourceKey{}
	keyNames := map[string]bool{}
	for _, k := range s.ResourceKeys {
		at := fmt.Sprintf("resource key %d", k.ID)
		c.text(at, "ProjectName", k.ProjectName, "ResourceName", k.ResourceName)
		if _, dup := keys[k.ID]; dup {
			c.add(at, "the id appears twice")
		}
		keys[k.ID] = k
		c.unique(at, "resource", k.ProjectName+":"+k.ResourceName, k.ProjectName+":"+k.ResourceName, keyNames)
	}
	// key adds a problem unless id is a resource key of project/resource.
	key := func(at, field string, id int16, project, resource string, concrete bool) {
		k, ok := keys[id]
		switch {
		case !ok:
			c.add(at, "%s %d is not in ResourceKeys", field, id)
		case k.ProjectName != project || k.ResourceName != resource:
			c.add(at, "%s %d is %s:%s, not %s:%s", field, id, k.ProjectName, k.ResourceName, project, resource)
		case concrete && k.IsAbstract:
			c.add(at, "%s %d is abstract", field, id)
		}
	}

	projects := map[string]string{}
	projectNames := map[string]bool{}
	for _, p := range s.Projects {
		at := "project " + p.EndpointName
		c.text(at, "EndpointName", p.EndpointName, "ProjectName", p.ProjectName, "Version", p.Version)
		c.unique(at, "project endpoint", p.EndpointName, strings.ToLower(p.EndpointName), projectNames)
		projects[p.EndpointName] = p.ProjectName
	}

	labels := map[string]bool{}
	for i, r := range s.Resources {
		if r == nil {
			c.add(fmt.Sprintf("Resources[%d]", i), "is nil")
			continue
		}
		at := fmt.Sprintf("resource %s/%s", r.ProjectName, r.Name)
		r.check(c, at)
		if name, ok := projects[r.ProjectEndpoint]; !ok || name != r.ProjectName {
			c.add(at, "project %s (%s) is not in Projects", r.ProjectEndpoint, r.ProjectName)
		}
		// The server matches routes case-insensitively.
		c.unique(at, "endpoint", r.Label(), strings.ToLower(r.Label()), labels)
		key(at, "ResourceKeyID", r.ResourceKeyID, r.ProjectName, r.Name, true)
		if sc := r.Superclass; sc != nil {
			key(at+": superclass", "ResourceKeyID", sc.ResourceKeyID, sc.ProjectName, sc.ResourceName, false)
		}
		if w := r.Write; w != nil {
			for j, ref := range w.References {
				key(fmt.Sprintf("%s: reference %d", at, j), "TargetResourceKeyID", ref.TargetResourceKeyID, ref.TargetProject, ref.TargetResource, false)
			}
			for j, d := range w.Descriptors {
				key(fmt.Sprintf("%s: descriptor %d", at, j), "DescriptorResourceKeyID", d.DescriptorResourceKeyID, d.Project, d.Resource, true)
			}
		}
		if rp := r.Read; rp != nil {
			walkNodes(rp.Document, "", func(path string, n *Node) {
				for _, t := range n.Targets {
					if k, ok := keys[t.ResourceKeyID]; !ok || k.ResourceName != t.Rel {
						c.add(at+": node "+path, "link target %d (%s) is not a resource key of that name", t.ResourceKeyID, t.Rel)
					}
				}
			})
		}
	}

	audited := map[string]bool{}
	for i := range s.ReferentialIdentity {
		ri := &s.ReferentialIdentity[i]
		at := "referential identity " + ri.Resource
		if !labels[strings.ToLower(ri.Resource)] {
			c.add(at, "Resource %q is not a resource of the schema", ri.Resource)
		}
		c.unique(at, "resource", ri.Resource, ri.Resource, audited)
		c.text(at, "Table.Schema", ri.Table.Schema, "Table.Name", ri.Table.Name)
		if ri.Journal != nil {
			c.text(at, "Journal.Schema", ri.Journal.Schema, "Journal.Name", ri.Journal.Name)
		}
		for _, id := range ri.Identities() {
			iat := at + ": identity " + id.Name()
			key(iat, "ResourceKeyID", id.ResourceKeyID, id.ProjectName, id.ResourceName, false)
			if len(id.Elements) == 0 {
				c.add(iat, "has no elements")
			}
			for _, e := range id.Elements {
				c.text(iat+": element "+e.Path, "Path", e.Path, "Column", e.Column)
				if !e.Form.valid() {
					c.add(iat+": element "+e.Path, "Form %q is not a declared form", e.Form)
				}
			}
		}
	}
	if len(s.ReferentialIdentity) != len(s.Resources) {
		c.add("schema", "%d referential identity specs for %d resources", len(s.ReferentialIdentity), len(s.Resources))
	}
}

// valid reports whether f is one of the declared hash forms.
func (f HashForm) valid() bool {
	switch f {
	case HashText, HashInteger, HashDecimal, HashBoolean, HashDate, HashTime, HashDateTime,
		HashDescriptorReference, HashDescriptorURI:
		return true
	}
	return false
}

func (r *Resource) check(c *checker, at string) {
	c.text(at, "ProjectEndpoint", r.ProjectEndpoint, "ProjectName", r.ProjectName, "Endpoint", r.Endpoint, "Name", r.Name)
	if sc := r.Superclass; sc != nil {
		c.text(at+": superclass", "ProjectName", sc.ProjectName, "ResourceName", sc.ResourceName)
	}
	for _, t := range r.Tables {
		if t == nil {
			c.add(at, "a table is nil")
			return
		}
	}
	if r.Write == nil || r.Read == nil {
		c.add(at, "has no write or read plan")
		return
	}
	if r.IsDescriptor {
		if len(r.Tables) != 0 || len(r.Write.Tables) != 0 {
			c.add(at, "a descriptor has %d tables and %d table writes (dms.Descriptor holds it)", len(r.Tables), len(r.Write.Tables))
		}
		if r.Write.Descriptor == nil || r.Write.Descriptor.Discriminator == "" {
			c.add(at, "a descriptor has no discriminator")
		}
		if len(r.Read.Tables) != 1 {
			c.add(at, "a descriptor reads %d tables, not 1", len(r.Read.Tables))
		}
	} else {
		if len(r.Tables) == 0 {
			c.add(at, "has no tables")
			return
		}
		if r.Write.Descriptor != nil {
			c.add(at, "a resource that is not a descriptor has a descriptor write plan")
		}
		if len(r.Write.Tables) != len(r.Tables) || len(r.Read.Tables) != len(r.Tables) {
			c.add(at, "%d tables, but %d table writes and %d table reads", len(r.Tables), len(r.Write.Tables), len(r.Read.Tables))
			return
		}
		if r.AllowIdentityUpdates && r.Write.CascadeCount == "" {
			c.add(at, "allows identity updates but has no CascadeCount statement")
		}
	}
	r.checkTables(c, at)
	r.checkIdentity(c, at)
	r.checkWrite(c, at)
	r.checkRead(c, at)
	r.checkNamespace(c, at)
	r.checkRelationships(c, at)
	r.checkEducationOrganization(c, at)
	r.checkChanges(c, at)
}

// column returns the index of the named column of t, -1 when none.
func (t *Table) column(name string) int {
	for i, col := range t.Columns {
		if col.Name == name {
			return i
		}
	}
	return -1
}

func (r *Resource) checkTables(c *checker, at string) {
	names := map[string]bool{}
	for i, t := range r.Tables {
		tat := at + ": table " + t.Schema + "." + t.Name
		c.text(tat, "Schema", t.Schema, "Name", t.Name)
		c.unique(tat, "table", t.Name, t.Schema+"."+t.Name, names)
		c.enum(tat, "Kind", int(t.Kind), int(tableKinds))
		if i == 0 {
			if t.Kind != RootTable || t.Parent != -1 {
				c.add(tat, "the first table is not the root (Kind %d, Parent %d)", t.Kind, t.Parent)
			}
		} else {
			if t.Kind == RootTable {
				c.add(tat, "table %d is a second root", i)
			}
			// A parent comes before its children: the executor writes and
			// hydrates tables in order.
			c.index(tat, "Parent", t.Parent, i, false)
		}
		cols := map[string]bool{}
		for _, col := range t.Columns {
			if col == nil {
				c.add(tat, "a column is nil")
				continue
			}
			cat := tat + ": column " + col.Name
			c.text(cat, "Name", col.Name)
			c.unique(tat, "column", col.Name, col.Name, cols)
			c.enum(cat, "Kind", int(col.Kind), int(columnKinds))
			c.enum(cat, "Type", int(col.Type), int(scalarTypes))
			// A compiled-in plan has neither references nor column
			// Reference values (0).
			if len(r.Write.References) > 0 || col.Reference != 0 {
				c.index(cat, "Reference", col.Reference, len(r.Write.References), true)
			}
			if col.Alias && t.column(col.Canonical) < 0 {
				c.add(cat, "Canonical %q is not a column of the table", col.Canonical)
			}
			if col.Presence != "" && t.column(col.Presence) < 0 {
				c.add(cat, "Presence %q is not a column of the table", col.Presence)
			}
			for _, m := range col.Members {
				if t.column(m) < 0 {
					c.add(cat, "member %q is not a column of the table", m)
				}
			}
		}
		for _, name := range t.SemanticIdentity {
			if t.column(name) < 0 {
				c.add(tat, "semantic identity column %q is not a column of the table", name)
			}
		}
	}
}

func (r *Resource) checkIdentity(c *checker, at string) {
	for _, p := range r.Identity {
		pat := at + ": identity " + p.JSONPath
		c.text(pat, "JSONPath", p.JSONPath, "Column", p.Column)
		c.steps(pat, "Steps", p.Steps)
		if len(r.Tables) > 0 && r.Tables[0].column(p.Column) < 0 {
			c.add(pat, "Column %q is not a column of the root table", p.Column)
		}
	}
	if len(r.Write.IdentityForms) != len(r.Identity) {
		c.add(at, "%d identity forms for %d identity parts", len(r.Write.IdentityForms), len(r.Identity))
	}
	for i, f := range r.Write.IdentityForms {
		c.enum(fmt.Sprintf("%s: identity form %d", at, i), "form", int(f), int(valueForms))
	}
}

func (r *Resource) checkWrite(c *checker, at string) {
	w := r.Write
	if w.Body != nil {
		checkBody(c, at+": body $", w.Body)
	}
	for _, e := range w.Equality {
		eat := at + ": equality " + e.SourcePath + " = " + e.TargetPath
		c.steps(eat, "SourceSteps", e.SourceSteps)
		c.steps(eat, "TargetSteps", e.TargetSteps)
	}
	for i, u := range w.Uniqueness {
		uat := fmt.Sprintf("%s: uniqueness %d", at, i)
		c.steps(uat, "ArraySteps", u.ArraySteps)
		if len(u.ItemSteps) == 0 {
			c.add(uat, "ItemSteps is empty")
		}
		for _, s := range u.ItemSteps {
			c.steps(uat, "ItemSteps", s)
		}
	}
	for i, ref := range w.References {
		rat := fmt.Sprintf("%s: reference %d (%s)", at, i, ref.TargetResource)
		c.text(rat, "TargetProject", ref.TargetProject, "TargetResource", ref.TargetResource)
		c.steps(rat, "ObjectSteps", ref.ObjectSteps)
		if len(ref.Elements) == 0 {
			c.add(rat, "has no elements")
		}
		for _, e := range ref.Elements {
			c.text(rat+": element", "IdentityPath", e.IdentityPath)
			c.steps(rat+": element "+e.IdentityPath, "Steps", e.Steps)
			c.enum(rat+": element "+e.IdentityPath, "Form", int(e.Form), int(valueForms))
		}
		if !c.index(rat, "Table", ref.Table, len(r.Tables), false) {
			continue
		}
		t := r.Tables[ref.Table]
		if !c.index(rat+": table "+t.Name, "FKColumn", ref.FKColumn, len(t.Columns), false) {
			continue
		}
		if col := t.Columns[ref.FKColumn]; col.Kind != DocumentFKColumn || col.Reference != i {
			c.add(rat+": table "+t.Name, "FKColumn %d is column %s (Kind %d, Reference %d), not this reference's DocumentId column", ref.FKColumn, col.Name, col.Kind, col.Reference)
		}
	}
	for i, d := range w.Descriptors {
		dat := fmt.Sprintf("%s: descriptor %d (%s)", at, i, d.Resource)
		c.text(dat, "Project", d.Project, "Resource", d.Resource)
		c.steps(dat, "Steps", d.Steps)
		if !c.index(dat, "Table", d.Table, len(r.Tables), false) {
			continue
		}
		t := r.Tables[d.Table]
		if !c.index(dat+": table "+t.Name, "Column", d.Column, len(t.Columns), false) {
			continue
		}
		if col := t.Columns[d.Column]; col.Kind != DescriptorFKColumn {
			c.add(dat+": table "+t.Name, "Column %d is column %s of Kind %d, not a descriptor id column", d.Column, col.Name, col.Kind)
		}
	}
	for i := range w.Tables {
		r.checkTableWrite(c, at, r.Tables[i], &w.Tables[i])
	}
}

func (r *Resource) checkTableWrite(c *checker, at string, t *Table, tw *TableWrite) {
	at += ": table " + t.Name + " write"
	stored := map[int]bool{}
	for _, ci := range tw.Stored {
		if !c.index(at, "Stored column", ci, len(t.Columns), false) {
			continue
		}
		col := t.Columns[ci]
		if stored[ci] {
			c.add(at, "column %s is stored twice", col.Name)
		}
		stored[ci] = true
		if col.Alias || col.Kind == MirrorContentVersionColumn || col.Kind == MirrorLastModifiedColumn {
			c.add(at, "stored column %s is an alias or trigger-maintained column", col.Name)
		}
	}
	c.index(at, "Key", tw.Key, len(tw.Stored), false)
	c.index(at, "ParentKey", tw.ParentKey, len(tw.Stored), true)
	if c.index(at, "Ordinal", tw.Ordinal, len(tw.Stored), true) && tw.Ordinal >= 0 {
		if ci := tw.Stored[tw.Ordinal]; ci >= 0 && ci < len(t.Columns) && t.Columns[ci].Kind != OrdinalColumn {
			c.add(at, "Ordinal %d is column %s, not an ordinal column", tw.Ordinal, t.Columns[ci].Name)
		}
	}
	for _, si := range tw.Semantic {
		c.index(at, "Semantic", si, len(tw.Stored), false)
	}
	c.text(at, "LoadByUUID", tw.LoadByUUID, "LoadByReferentialID", tw.LoadByReferentialID,
		"LoadByDocumentIDs", tw.LoadByDocumentIDs, "Insert", tw.Insert, "Delete", tw.Delete)
	// Update sets every stored column but the key: a table storing only
	// its key has none.
	if len(tw.Stored) > 1 {
		c.text(at, "Update", tw.Update)
	}
	if (tw.Ordinal >= 0) != (tw.ShiftOrdinals != "") {
		c.add(at, "ShiftOrdinals is set %t but the table has an ordinal %t", tw.ShiftOrdinals != "", tw.Ordinal >= 0)
	}
}

// checkBody checks one node of a body schema and its descendants.
func checkBody(c *checker, at string, n *BodyNode) {
	c.enum(at, "Kind", int(n.Kind), int(bodyKinds))
	c.enum(at, "Format", int(n.Format), int(formats))
	if n.Pattern != validate.NoPattern && n.Pattern.String() == validate.NoPattern.String() {
		c.add(at, "Pattern %d is not a pattern runtime/validate knows", n.Pattern)
	}
	if n.Decimal != nil && (n.Decimal.TotalDigits <= 0 || n.Decimal.DecimalPlaces < 0 || n.Decimal.DecimalPlaces > n.Decimal.TotalDigits) {
		c.add(at, "decimal rule %d,%d is not a precision and scale", n.Decimal.TotalDigits, n.Decimal.DecimalPlaces)
	}
	if n.Kind == BodyArray {
		if n.Items == nil {
			c.add(at, "an array has no item schema")
		} else {
			checkBody(c, at+"[*]", n.Items)
		}
	}
	names := map[string]bool{}
	for _, p := range n.Properties {
		c.text(at, "property name", p.Name)
		c.unique(at, "property", p.Name, p.Name, names)
		if p.Node == nil {
			c.add(at+"."+p.Name, "has no schema")
			continue
		}
		checkBody(c, at+"."+p.Name, p.Node)
	}
	for _, req := range n.Required {
		if !names[req] {
			c.add(at, "required property %q is not a property", req)
		}
	}
}

func (r *Resource) checkRead(c *checker, at string) {
	rp := r.Read
	for i, rt := range rp.Tables {
		tat := fmt.Sprintf("%s: read table %d", at, i)
		if rt == nil {
			c.add(tat, "is nil")
			return
		}
		c.text(tat, "ByID", rt.ByID, "Page", rt.Page)
		if len(rt.Values) == 0 {
			// Parent and OneToOne say how the values nest; a compiled-in
			// plan carries none of the three.
			continue
		}
		if i == 0 {
			c.index(tat, "Parent", rt.Parent, 0, true)
		} else {
			c.index(tat, "Parent", rt.Parent, i, false)
		}
		if i < len(r.Tables) {
			t := r.Tables[i]
			if rt.Parent != t.Parent {
				c.add(tat, "Parent %d, but table %s has parent %d", rt.Parent, t.Name, t.Parent)
			}
			if oneToOne := t.Kind == RootExtensionTable || t.Kind == CollectionExtensionScopeTable; rt.OneToOne != oneToOne {
				c.add(tat, "OneToOne is %t for a table of Kind %d", rt.OneToOne, t.Kind)
			}
		}
		for j, v := range rt.Values {
			c.text(fmt.Sprintf("%s: value %d", tat, j), "Column", v.Column)
			c.enum(fmt.Sprintf("%s: value %d", tat, j), "Type", int(v.Type), int(scalarTypes))
		}
	}
	r.checkNodes(c, at, rp.Document)
	names := map[string]bool{}
	for _, qf := range rp.QueryFields {
		qat := at + ": query field " + qf.Name
		c.text(qat, "Name", qf.Name, "JSONPath", qf.JSONPath)
		c.unique(qat, "query field", qf.Name, strings.ToLower(qf.Name), names)
		switch qf.Type {
		case "string", "number", "boolean", "date", "date-time", "time":
		default:
			c.add(qat, "Type %q is not a query field type", qf.Type)
		}
		c.enum(qat, "Param", int(qf.Param), int(scalarTypes))
		if (qf.DescriptorProject == "") != (qf.DescriptorResource == "") {
			c.add(qat, "names a descriptor project %q and resource %q: both or neither", qf.DescriptorProject, qf.DescriptorResource)
		}
		// The parameter placeholder goes between the parts.
		if len(qf.Predicate) < 2 {
			c.add(qat, "Predicate has %d parts, not a condition around a parameter", len(qf.Predicate))
		}
	}
	c.text(at+": read", "PageFrom", rp.PageFrom, "DeleteRoot", rp.DeleteRoot,
		"DeleteDocument", rp.DeleteDocument, "LockDocument", rp.LockDocument)
	for _, ref := range rp.Referrers {
		c.text(at+": referrer "+ref.Table, "Schema", ref.Schema, "Table", ref.Table, "Resource", ref.Resource)
	}
}

// checkNodes checks the document shape: each node's table and value
// indexes point into the read tables.
func (r *Resource) checkNodes(c *checker, at string, document []*Node) {
	tables := r.Read.Tables
	// values is the number of values of table i; 0 when i is no table.
	values := func(i int) int {
		if i < 0 || i >= len(tables) || tables[i] == nil {
			return 0
		}
		return len(tables[i].Values)
	}
	walkNodes(document, "", func(path string, n *Node) {
		nat := at + ": node " + path
		c.enum(nat, "Kind", int(n.Kind), int(nodeKinds))
		c.text(nat, "Name", n.Name)
		switch n.Kind {
		case ScalarNode:
			if c.index(nat, "Table", n.Table, len(tables), false) {
				c.index(nat, "Value", n.Value, values(n.Table), false)
				for _, a := range n.Alternates {
					c.index(nat, "alternate Value", a, values(n.Table), false)
				}
			}
			c.enum(nat, "Type", int(n.Type), int(scalarTypes))
		case ObjectNode:
			if c.index(nat, "Table", n.Table, len(tables), true) && n.Table >= 0 && !tables[n.Table].OneToOne {
				c.add(nat, "an object opens table %d, which is not a one-to-one extension table", n.Table)
			}
		case ArrayNode:
			c.index(nat, "Table", n.Table, len(tables), false)
		case LinkNode:
			// The link reads the DocumentUuid at Value and the
			// ResourceKeyId after it.
			if c.index(nat, "Table", n.Table, len(tables), false) {
				c.index(nat, "Value+1", n.Value+1, values(n.Table), false)
				c.index(nat, "Value", n.Value, values(n.Table), false)
			}
			if len(n.Targets) == 0 {
				c.add(nat, "a link has no targets")
			}
			for _, t := range n.Targets {
				c.text(nat+": link target "+t.Rel, "Rel", t.Rel, "Path", t.Path)
			}
		}
		names := map[string]bool{}
		for _, m := range n.Members {
			if m != nil {
				c.unique(nat, "member", m.Name, m.Name, names)
			}
		}
	})
	names := map[string]bool{}
	for _, n := range document {
		if n != nil {
			c.unique(at+": document", "member", n.Name, n.Name, names)
		}
	}
}

// walkNodes calls visit for every node of a document shape with its path
// of member names ("schoolReference.link").
func walkNodes(nodes []*Node, prefix string, visit func(path string, n *Node)) {
	for _, n := range nodes {
		if n == nil {
			continue
		}
		path := n.Name
		if prefix != "" {
			path = prefix + "." + n.Name
		}
		visit(path, n)
		walkNodes(n.Members, path, visit)
	}
}
