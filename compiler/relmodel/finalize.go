package relmodel

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// identifierShortening applies the dialect identifier limit to every name in
// the model (hashing the full name), then fails if two distinct names in one
// namespace now coincide.
func (b *builder) identifierShortening() error {
	if err := b.checkShorteningCollisions(); err != nil {
		return err
	}
	s := func(n string) string { return shorten(b.dialect, n) }
	sl := func(ns []string) []string {
		out := make([]string, len(ns))
		for i, n := range ns {
			out[i] = s(n)
		}
		return out
	}
	tn := func(t TableName) TableName { return TableName{Schema: s(t.Schema), Name: s(t.Name)} }
	shortenChain := func(chain []JoinStep) {
		for k := range chain {
			st := &chain[k]
			st.SourceTable, st.TargetTable = tn(st.SourceTable), tn(st.TargetTable)
			st.SourceColumn, st.TargetColumn = s(st.SourceColumn), s(st.TargetColumn)
		}
	}
	shortenTable := func(t *Table) {
		t.Name = tn(t.Name)
		t.PrimaryKeyName = s(t.PrimaryKeyName)
		for i := range t.Key {
			t.Key[i].Name = s(t.Key[i].Name)
		}
		for _, c := range t.Columns {
			c.Name = s(c.Name)
			if c.Storage.UnifiedAlias {
				c.Storage.CanonicalColumn = s(c.Storage.CanonicalColumn)
				if c.Storage.PresenceColumn != "" {
					c.Storage.PresenceColumn = s(c.Storage.PresenceColumn)
				}
			}
		}
		for i := range t.KeyUnificationClasses {
			k := &t.KeyUnificationClasses[i]
			k.CanonicalColumn = s(k.CanonicalColumn)
			k.MemberPathColumns = sl(k.MemberPathColumns)
		}
		md := &t.Identity
		md.PhysicalRowIdentity = sl(md.PhysicalRowIdentity)
		md.RootScopeLocator = sl(md.RootScopeLocator)
		md.ImmediateParentScopeLocator = sl(md.ImmediateParentScopeLocator)
		for i := range md.SemanticIdentity {
			md.SemanticIdentity[i].Column = s(md.SemanticIdentity[i].Column)
		}
		for i := range t.DescriptorFKDeduplications {
			d := &t.DescriptorFKDeduplications[i]
			d.StorageColumn = s(d.StorageColumn)
			d.BindingColumns = sl(d.BindingColumns)
		}
		for _, c := range t.Constraints {
			c.Name = s(c.Name)
			c.Columns = sl(c.Columns)
			c.TargetTable = tn(c.TargetTable)
			c.TargetColumns = sl(c.TargetColumns)
			c.FkColumn = s(c.FkColumn)
			c.DependentColumns = sl(c.DependentColumns)
			c.Column = s(c.Column)
		}
	}
	for i := range b.out.Projects {
		b.out.Projects[i].PhysicalSchema = s(b.out.Projects[i].PhysicalSchema)
	}
	for _, rb := range b.builds {
		r := rb.res
		r.PhysicalSchema = s(r.PhysicalSchema)
		for _, t := range r.Tables {
			shortenTable(t)
		}
		for i := range r.References {
			ref := &r.References[i]
			ref.Table = tn(ref.Table)
			ref.FkColumn = s(ref.FkColumn)
			for j := range ref.IdentityBindings {
				ref.IdentityBindings[j].Column = s(ref.IdentityBindings[j].Column)
			}
		}
		for i := range r.DescriptorEdges {
			e := &r.DescriptorEdges[i]
			e.Table = tn(e.Table)
			e.FkColumn = s(e.FkColumn)
		}
		for i := range r.PersonPaths {
			shortenChain(r.PersonPaths[i].Chain)
		}
		ku := &r.KeyUnification
		eb := func(e EndpointBinding) EndpointBinding {
			return EndpointBinding{Table: tn(e.Table), Column: s(e.Column)}
		}
		for i := range ku.Applied {
			a := &ku.Applied[i]
			a.Table = tn(a.Table)
			a.EndpointAColumn, a.EndpointBColumn, a.CanonicalColumn = s(a.EndpointAColumn), s(a.EndpointBColumn), s(a.CanonicalColumn)
		}
		for i := range ku.Redundant {
			ku.Redundant[i].Binding = eb(ku.Redundant[i].Binding)
		}
		for i := range ku.Ignored {
			ku.Ignored[i].EndpointA, ku.Ignored[i].EndpointB = eb(ku.Ignored[i].EndpointA), eb(ku.Ignored[i].EndpointB)
		}
	}
	for _, a := range b.out.AbstractTables {
		shortenTable(a.Table)
	}
	for i := range b.out.AbstractViews {
		v := &b.out.AbstractViews[i]
		v.View = tn(v.View)
		for j := range v.Columns {
			v.Columns[j].Name = s(v.Columns[j].Name)
		}
		for j := range v.Arms {
			arm := &v.Arms[j]
			arm.FromTable = tn(arm.FromTable)
			for k := range arm.Projections {
				if !arm.Projections[k].Literal {
					arm.Projections[k].Value = s(arm.Projections[k].Value)
				}
			}
		}
	}
	for i := range b.out.Indexes {
		x := &b.out.Indexes[i]
		x.Name = s(x.Name)
		x.Table = tn(x.Table)
		x.KeyColumns = sl(x.KeyColumns)
		if len(x.IncludeColumns) > 0 {
			x.IncludeColumns = sl(x.IncludeColumns)
		}
	}
	for i := range b.out.Triggers {
		t := &b.out.Triggers[i]
		t.Name = s(t.Name)
		t.Table = tn(t.Table)
		t.KeyColumns = sl(t.KeyColumns)
		t.IdentityProjectionColumns = sl(t.IdentityProjectionColumns)
		t.MirrorStampTarget = tn(t.MirrorStampTarget)
		if t.TrackedChangeTarget != nil {
			x := tn(*t.TrackedChangeTarget)
			t.TrackedChangeTarget = &x
		}
		for j := range t.IdentityElements {
			t.IdentityElements[j].Column = s(t.IdentityElements[j].Column)
		}
		if t.SuperclassAlias != nil {
			for j := range t.SuperclassAlias.IdentityElements {
				t.SuperclassAlias.IdentityElements[j].Column = s(t.SuperclassAlias.IdentityElements[j].Column)
			}
		}
		t.TargetTable = tn(t.TargetTable)
		for j := range t.TargetColumns {
			t.TargetColumns[j] = ColumnMapping{Source: s(t.TargetColumns[j].Source), Target: s(t.TargetColumns[j].Target)}
		}
	}
	for i := range b.out.TrackedChangeTables {
		t := &b.out.TrackedChangeTables[i]
		t.Table = tn(t.Table)
		t.SourceTable = tn(t.SourceTable)
		t.PrimaryKeyColumns = sl(t.PrimaryKeyColumns)
		for j := range t.ValueColumns {
			v := &t.ValueColumns[j]
			v.OldColumn, v.NewColumn = s(v.OldColumn), s(v.NewColumn)
			if v.CanonicalStorageColumn != "" {
				v.CanonicalStorageColumn = s(v.CanonicalStorageColumn)
			}
		}
		for j := range t.DescriptorJoins {
			t.DescriptorJoins[j].SourceColumn = s(t.DescriptorJoins[j].SourceColumn)
		}
		for j := range t.PersonJoins {
			shortenChain(t.PersonJoins[j].Path)
		}
	}
	return nil
}

// checkShorteningCollisions fails when two different identifiers of one
// namespace (tables of a schema, columns of a table, constraint and index
// names of a schema) end up with the same dialect-shortened name, including
// two resources deriving the same table name.
func (b *builder) checkShorteningCollisions() error {
	type key struct{ kind, scope, short string }
	seen := map[key]string{}
	check := func(kind, scope, name, owner string) error {
		k := key{kind, scope, shorten(b.dialect, name)}
		desc := fmt.Sprintf("%s %s from %s", kind, name, owner)
		prev, ok := seen[k]
		if !ok {
			seen[k] = desc
			return nil
		}
		if prev == desc {
			return nil
		}
		pair := []string{prev, desc}
		sortStrings(pair)
		return fmt.Errorf("relational model: identifier shortening collisions detected (%s): %s %s.%s is derived by both %s and %s",
			b.dialect, kind, scope, k.short, pair[0], pair[1])
	}
	tables := func(t *Table, owner string) error {
		if err := check("table", t.Name.Schema, t.Name.Name, owner); err != nil {
			return err
		}
		for _, c := range t.Columns {
			if err := check("column", t.Name.String(), c.Name, "table "+t.Name.String()); err != nil {
				return err
			}
		}
		for _, c := range t.Constraints {
			if err := check("constraint", t.Name.Schema, c.Name, "table "+t.Name.String()); err != nil {
				return err
			}
		}
		return nil
	}
	for _, rb := range b.builds {
		for _, t := range rb.res.Tables {
			if err := tables(t, fmt.Sprintf("resource '%s' (scope '%s')", rb.res.Name, t.Scope)); err != nil {
				return err
			}
		}
	}
	for _, a := range b.out.AbstractTables {
		if err := tables(a.Table, fmt.Sprintf("abstract resource '%s'", a.Resource)); err != nil {
			return err
		}
	}
	for _, x := range b.out.Indexes {
		if err := check("index", x.Table.Schema, x.Name, "table "+x.Table.String()); err != nil {
			return err
		}
	}
	return nil
}

// canonicalOrdering sorts everything the manifest lists into the reference's
// deterministic order.
func (b *builder) canonicalOrdering() error {
	for _, rb := range b.builds {
		r := rb.res
		for _, t := range r.Tables {
			if err := canonicalizeTable(t, referenceGroups(r, t.Name)); err != nil {
				return err
			}
		}
		sort.SliceStable(r.Tables, func(i, j int) bool {
			x, y := r.Tables[i], r.Tables[j]
			if dx, dy := arrayDepthOf(x.Scope), arrayDepthOf(y.Scope); dx != dy {
				return dx < dy
			}
			if x.Scope != y.Scope {
				return ordinalLess(x.Scope, y.Scope)
			}
			if x.Name.Schema != y.Name.Schema {
				return ordinalLess(x.Name.Schema, y.Name.Schema)
			}
			return ordinalLess(x.Name.Name, y.Name.Name)
		})
		sort.SliceStable(r.References, func(i, j int) bool {
			x, y := r.References[i], r.References[j]
			return lessKeys(
				[]string{x.ReferenceObjectPath, x.Table.Schema, x.Table.Name, x.FkColumn, x.TargetResource.Project, x.TargetResource.Resource, boolKey(x.IsIdentityComponent)},
				[]string{y.ReferenceObjectPath, y.Table.Schema, y.Table.Name, y.FkColumn, y.TargetResource.Project, y.TargetResource.Resource, boolKey(y.IsIdentityComponent)})
		})
		sort.SliceStable(r.ExtensionSites, func(i, j int) bool {
			x, y := r.ExtensionSites[i], r.ExtensionSites[j]
			return lessKeys([]string{x.OwningScope, x.ExtensionPath, strings.Join(x.ProjectKeys, "|")},
				[]string{y.OwningScope, y.ExtensionPath, strings.Join(y.ProjectKeys, "|")})
		})
		sort.SliceStable(r.DescriptorEdges, func(i, j int) bool {
			x, y := r.DescriptorEdges[i], r.DescriptorEdges[j]
			return lessKeys(
				[]string{x.Table.Schema, x.Table.Name, x.DescriptorValuePath, x.FkColumn, x.DescriptorResource.Project, x.DescriptorResource.Resource, boolKey(x.IsIdentityComponent)},
				[]string{y.Table.Schema, y.Table.Name, y.DescriptorValuePath, y.FkColumn, y.DescriptorResource.Project, y.DescriptorResource.Resource, boolKey(y.IsIdentityComponent)})
		})
	}
	// Abstract identity tables keep their derived column order:
	// DocumentId, identity columns, Discriminator.
	b.out.Resources = b.resources()
	sort.SliceStable(b.out.Resources, func(i, j int) bool {
		x, y := b.out.Resources[i].Name, b.out.Resources[j].Name
		return lessKeys([]string{x.Project, x.Resource}, []string{y.Project, y.Resource})
	})
	sort.SliceStable(b.out.AbstractTables, func(i, j int) bool {
		x, y := b.out.AbstractTables[i].Resource, b.out.AbstractTables[j].Resource
		return lessKeys([]string{x.Project, x.Resource}, []string{y.Project, y.Resource})
	})
	sort.SliceStable(b.out.AbstractViews, func(i, j int) bool {
		x, y := b.out.AbstractViews[i].Resource, b.out.AbstractViews[j].Resource
		return lessKeys([]string{x.Project, x.Resource}, []string{y.Project, y.Resource})
	})
	sort.SliceStable(b.out.Indexes, func(i, j int) bool {
		x, y := b.out.Indexes[i], b.out.Indexes[j]
		return lessKeys([]string{x.Table.Schema, x.Table.Name, x.Name}, []string{y.Table.Schema, y.Table.Name, y.Name})
	})
	sort.SliceStable(b.out.Triggers, func(i, j int) bool {
		x, y := b.out.Triggers[i], b.out.Triggers[j]
		return lessKeys([]string{x.Table.Schema, x.Table.Name, x.Name}, []string{y.Table.Schema, y.Table.Name, y.Name})
	})
	sort.SliceStable(b.out.TrackedChangeTables, func(i, j int) bool {
		x, y := b.out.TrackedChangeTables[i].Table, b.out.TrackedChangeTables[j].Table
		return lessKeys([]string{x.Schema, x.Name}, []string{y.Schema, y.Name})
	})
	return nil
}

func boolKey(v bool) string {
	if v {
		return "1"
	}
	return "0"
}

func lessKeys(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return ordinalLess(a[i], b[i])
		}
	}
	return false
}

// referenceGroup places a reference's identity-part columns right after its
// DocumentId column.
type referenceGroup struct {
	key      string
	position int
}

func referenceGroups(r *Resource, table TableName) map[string]referenceGroup {
	out := map[string]referenceGroup{}
	for _, ref := range r.References {
		if ref.Table != table {
			continue
		}
		if _, ok := out[ref.FkColumn]; !ok {
			out[ref.FkColumn] = referenceGroup{ref.FkColumn, 0}
		}
		for i, ib := range ref.IdentityBindings {
			if _, ok := out[ib.Column]; !ok {
				out[ib.Column] = referenceGroup{ref.FkColumn, i + 1}
			}
		}
	}
	return out
}

// columnGroup ranks columns: keys, unification support columns, reference
// groups, descriptor FKs, scalars, everything else.
func columnGroup(c *Column, keyIndex map[string]int, groups map[string]referenceGroup) int {
	if _, ok := keyIndex[c.Name]; ok {
		return 0
	}
	if !c.Storage.UnifiedAlias && c.SourcePath == "" {
		return 1
	}
	if _, ok := groups[c.Name]; ok {
		return 2
	}
	switch c.Kind {
	case ColDocumentFk:
		return 2
	case ColDescriptorFk:
		return 3
	case ColScalar:
		return 4
	}
	return 5
}

// canonicalizeTable orders columns (a topological order in which unified
// aliases follow their canonical and presence columns, ties broken by group,
// key position, reference group and name), constraints by kind then name,
// and the identity metadata columns by column position.
func canonicalizeTable(t *Table, groups map[string]referenceGroup) error {
	keyIndex := map[string]int{}
	for i, k := range t.Key {
		keyIndex[k.Name] = i
	}
	less := func(x, y *Column) bool {
		gx, gy := columnGroup(x, keyIndex, groups), columnGroup(y, keyIndex, groups)
		if gx != gy {
			return gx < gy
		}
		kx, okx := keyIndex[x.Name]
		ky, oky := keyIndex[y.Name]
		if !okx {
			kx = int(^uint(0) >> 1)
		}
		if !oky {
			ky = int(^uint(0) >> 1)
		}
		if kx != ky {
			return kx < ky
		}
		rx, inx := groups[x.Name]
		ry, iny := groups[y.Name]
		if inx && iny {
			if rx.key != ry.key {
				return ordinalLess(rx.key, ry.key)
			}
			if rx.position != ry.position {
				return rx.position < ry.position
			}
		}
		return ordinalLess(x.Name, y.Name)
	}
	byName := map[string]*Column{}
	for _, c := range t.Columns {
		if _, dup := byName[c.Name]; dup {
			return fmt.Errorf("relational model: duplicate column %q in table %s", c.Name, t.Name)
		}
		byName[c.Name] = c
	}
	pending := map[string]int{}
	dependents := map[string][]string{}
	for _, c := range t.Columns {
		if !c.Storage.UnifiedAlias {
			continue
		}
		for _, dep := range []string{c.Storage.CanonicalColumn, c.Storage.PresenceColumn} {
			if dep == "" {
				continue
			}
			if _, ok := byName[dep]; !ok {
				return fmt.Errorf("relational model: unified alias %s.%s references missing column %q", t.Name, c.Name, dep)
			}
			if !slices.Contains(dependents[dep], c.Name) {
				dependents[dep] = append(dependents[dep], c.Name)
				pending[c.Name]++
			}
		}
	}
	var ready, ordered []*Column
	for _, c := range t.Columns {
		if pending[c.Name] == 0 {
			ready = append(ready, c)
		}
	}
	for len(ready) > 0 {
		min := 0
		for i := range ready {
			if less(ready[i], ready[min]) {
				min = i
			}
		}
		next := ready[min]
		ready = append(ready[:min], ready[min+1:]...)
		ordered = append(ordered, next)
		for _, d := range dependents[next.Name] {
			pending[d]--
			if pending[d] == 0 {
				ready = append(ready, byName[d])
			}
		}
	}
	if len(ordered) != len(t.Columns) {
		return fmt.Errorf("relational model: circular unified alias dependencies in table %s", t.Name)
	}
	t.Columns = ordered
	pos := map[string]int{}
	for i, c := range ordered {
		pos[c.Name] = i
	}
	order := func(cols []string) []string {
		out := append([]string(nil), cols...)
		sort.SliceStable(out, func(i, j int) bool {
			if pos[out[i]] != pos[out[j]] {
				return pos[out[i]] < pos[out[j]]
			}
			return ordinalLess(out[i], out[j])
		})
		return out
	}
	t.Identity.PhysicalRowIdentity = order(t.Identity.PhysicalRowIdentity)
	t.Identity.RootScopeLocator = order(t.Identity.RootScopeLocator)
	t.Identity.ImmediateParentScopeLocator = order(t.Identity.ImmediateParentScopeLocator)
	rank := map[ConstraintKind]int{ConUnique: 1, ConForeignKey: 2, ConAllOrNoneNullability: 3, ConNullOrTrue: 4}
	sort.SliceStable(t.Constraints, func(i, j int) bool {
		x, y := t.Constraints[i], t.Constraints[j]
		if rank[x.Kind] != rank[y.Kind] {
			return rank[x.Kind] < rank[y.Kind]
		}
		return ordinalLess(x.Name, y.Name)
	})
	return nil
}
