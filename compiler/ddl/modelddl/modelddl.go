// Package modelddl renders the per-resource part of a provisioning script
// from a derived relational model (compiler/relmodel): project schemas,
// resource, collection, extension and tracked-change tables, abstract
// identity tables, foreign keys, indexes, abstract union views and triggers.
// It plugs into ddl.Emit as its Relational section.
package modelddl

import (
	"fmt"
	"sort"

	"github.com/edfi-dmsc/dmsc/compiler/ddl"
	"github.com/edfi-dmsc/dmsc/compiler/jsonx"
	"github.com/edfi-dmsc/dmsc/compiler/relmodel"
)

// Section is the per-resource DDL of one derived model.
type Section struct {
	m *relmodel.ModelSet
	// tables and tracked index the model's tables by name for triggers.
	tables  map[relmodel.TableName]*relmodel.Table
	tracked map[relmodel.TableName]*relmodel.TrackedChangeTable
}

// New wraps a derived model for ddl.Emit.
func New(m *relmodel.ModelSet) *Section {
	s := &Section{m: m, tables: map[relmodel.TableName]*relmodel.Table{}, tracked: map[relmodel.TableName]*relmodel.TrackedChangeTable{}}
	for _, r := range m.Resources {
		for _, t := range r.Tables {
			s.tables[t.Name] = t
		}
	}
	for _, at := range m.AbstractTables {
		s.tables[at.Table.Name] = at.Table
	}
	for i := range m.TrackedChangeTables {
		tc := &m.TrackedChangeTables[i]
		s.tracked[tc.Table] = tc
	}
	return s
}

// DescriptorTrackedChanges implements ddl.Relational.
func (s *Section) DescriptorTrackedChanges() *ddl.TableName {
	for _, tc := range s.m.TrackedChangeTables {
		if tc.Kind == "SharedDescriptor" {
			t := tableName(tc.Table)
			return &t
		}
	}
	return nil
}

// WriteRelational implements ddl.Relational. The order is the reference's
// and satisfies dependencies: schemas; resource tables (by project and
// resource name, each resource's tables in model order); the authorization
// hierarchy table; tracked-change tables; abstract identity tables (before
// the foreign keys that target them); foreign keys; indexes; union views;
// people authorization views; triggers (by schema, table and name).
func (s *Section) WriteRelational(w *ddl.Writer, d ddl.Dialect) error {
	if string(s.m.Dialect) != d.Name() {
		return fmt.Errorf("model derived for %s cannot be written as %s", s.m.Dialect, d.Name())
	}
	s.writeSchemas(w, d)
	resources := s.relationalResources()
	for _, r := range resources {
		for _, t := range r.Tables {
			tbl, err := tableDef(t)
			if err != nil {
				return err
			}
			d.CreateTable(w, tbl)
			w.Blank()
		}
	}
	if len(s.m.AuthEntities) > 0 {
		d.CreateTable(w, authTableDef())
		w.Blank()
	}
	for _, tc := range s.trackedTables() {
		tbl, err := trackedTableDef(tc)
		if err != nil {
			return err
		}
		d.CreateTable(w, tbl)
		w.Blank()
	}
	abstract := s.abstractTables()
	for _, at := range abstract {
		tbl, err := tableDef(at.Table)
		if err != nil {
			return err
		}
		d.CreateTable(w, tbl)
		w.Blank()
	}
	for _, r := range resources {
		for _, t := range r.Tables {
			writeForeignKeys(w, d, t)
		}
	}
	for _, at := range abstract {
		writeForeignKeys(w, d, at.Table)
	}
	for _, ix := range s.indexes() {
		d.CreateIndex(w, ix)
		w.Blank()
	}
	for _, v := range s.views() {
		if err := writeView(w, d, v); err != nil {
			return err
		}
	}
	// The ReadChanges views read the live ones, so they follow them.
	for _, v := range s.m.AuthViews() {
		if err := writeAuthView(w, d, v); err != nil {
			return err
		}
	}
	return s.writeTriggers(w, d)
}

func tableName(t relmodel.TableName) ddl.TableName {
	return ddl.TableName{Schema: t.Schema, Name: t.Name}
}

func less(a, b string) bool { return jsonx.LessOrdinal(a, b) }

// writeSchemas creates the project schemas, then the tracked-change
// schemas, as one group.
func (s *Section) writeSchemas(w *ddl.Writer, d ddl.Dialect) {
	projects := append([]relmodel.Project(nil), s.m.Projects...)
	sort.SliceStable(projects, func(a, b int) bool {
		if projects[a].PhysicalSchema != projects[b].PhysicalSchema {
			return less(projects[a].PhysicalSchema, projects[b].PhysicalSchema)
		}
		return less(projects[a].EndpointName, projects[b].EndpointName)
	})
	var schemas []string
	seen := map[string]bool{}
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			schemas = append(schemas, s)
		}
	}
	for _, p := range projects {
		add(p.PhysicalSchema)
	}
	if len(s.m.AuthEntities) > 0 {
		add(relmodel.AuthEdOrgTable.Schema)
	}
	for _, tc := range s.trackedTables() {
		add(tc.Table.Schema)
	}
	for _, name := range schemas {
		d.CreateSchema(w, name)
	}
	if len(schemas) > 0 {
		w.Blank()
	}
}

// relationalResources are the resources with their own tables, by
// (project, resource) name.
func (s *Section) relationalResources() []*relmodel.Resource {
	var out []*relmodel.Resource
	for _, r := range s.m.Resources {
		if r.StorageKind == relmodel.RelationalTables {
			out = append(out, r)
		}
	}
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].Name.Project != out[b].Name.Project {
			return less(out[a].Name.Project, out[b].Name.Project)
		}
		return less(out[a].Name.Resource, out[b].Name.Resource)
	})
	return out
}

func lessTable(a, b relmodel.TableName) bool {
	if a.Schema != b.Schema {
		return less(a.Schema, b.Schema)
	}
	return less(a.Name, b.Name)
}

func (s *Section) trackedTables() []*relmodel.TrackedChangeTable {
	out := make([]*relmodel.TrackedChangeTable, len(s.m.TrackedChangeTables))
	for i := range s.m.TrackedChangeTables {
		out[i] = &s.m.TrackedChangeTables[i]
	}
	sort.SliceStable(out, func(a, b int) bool { return lessTable(out[a].Table, out[b].Table) })
	return out
}

func (s *Section) abstractTables() []relmodel.AbstractIdentityTable {
	out := append([]relmodel.AbstractIdentityTable(nil), s.m.AbstractTables...)
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].Resource.Project != out[b].Resource.Project {
			return less(out[a].Resource.Project, out[b].Resource.Project)
		}
		return less(out[a].Resource.Resource, out[b].Resource.Resource)
	})
	return out
}

// indexes are the inventory entries that need their own CREATE INDEX
// (primary-key and unique-constraint indexes come with their constraints).
func (s *Section) indexes() []ddl.Index {
	var out []ddl.Index
	for _, ix := range s.m.Indexes {
		if ix.Kind == relmodel.IndexPrimaryKey || ix.Kind == relmodel.IndexUniqueConstraint {
			continue
		}
		out = append(out, ddl.Index{Name: ix.Name, Table: tableName(ix.Table), Columns: ix.KeyColumns, Include: ix.IncludeColumns, Unique: ix.IsUnique, PrefixRange: ix.PrefixRange})
	}
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].Table != out[b].Table {
			return lessTable(relmodel.TableName(out[a].Table), relmodel.TableName(out[b].Table))
		}
		return less(out[a].Name, out[b].Name)
	})
	return out
}

func (s *Section) views() []relmodel.AbstractUnionView {
	out := append([]relmodel.AbstractUnionView(nil), s.m.AbstractViews...)
	sort.SliceStable(out, func(a, b int) bool { return lessTable(out[a].View, out[b].View) })
	return out
}
