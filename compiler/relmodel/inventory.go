package relmodel

import (
	"slices"
	"strings"
)

// contentVersionMirror adds the ContentVersion / ContentLastModifiedAt mirror
// columns to every resource root table.
func (b *builder) contentVersionMirror() error {
	for _, rb := range b.builds {
		if rb.res.StorageKind != RelationalTables {
			continue
		}
		root := rb.res.Root()
		root.Columns = append(root.Columns,
			&Column{Name: colContentVersion, Kind: ColMirroredContentVersion, Type: &ScalarType{Kind: KindInt64}},
			&Column{Name: colContentLastModifiedAt, Kind: ColMirroredContentLastModifiedAt, Type: &ScalarType{Kind: KindDateTime}},
		)
	}
	return nil
}

// indexInventory lists the PK- and UNIQUE-implied indexes, one FK-support
// index per foreign key not covered by a leftmost prefix of an existing index,
// the root ContentVersion index and the shared descriptor change indexes.
func (b *builder) indexInventory() error {
	for _, rb := range b.builds {
		if rb.res.StorageKind == SharedDescriptorTable {
			continue
		}
		for _, t := range rb.res.Tables {
			b.out.Indexes = append(b.out.Indexes, tableIndexes(t)...)
		}
	}
	for _, a := range b.out.AbstractTables {
		b.out.Indexes = append(b.out.Indexes, tableIndexes(a.Table)...)
	}
	if b.hasDescriptors() {
		for _, cols := range [][]string{{"Discriminator", colContentVersion}, {"ResourceKeyId", colContentVersion, colDocumentID}} {
			b.out.Indexes = append(b.out.Indexes, Index{
				Name: constraintName("IX", descriptorTable, cols...), Table: descriptorTable,
				Kind: IndexExplicit, KeyColumns: cols,
			})
		}
	}
	return nil
}

func (b *builder) hasDescriptors() bool {
	for _, rb := range b.builds {
		if rb.res.StorageKind == SharedDescriptorTable {
			return true
		}
	}
	return false
}

func tableIndexes(t *Table) []Index {
	keyCols := make([]string, len(t.Key))
	for i, k := range t.Key {
		keyCols[i] = k.Name
	}
	idx := []Index{{Name: t.PrimaryKeyName, Table: t.Name, Kind: IndexPrimaryKey, IsUnique: true, KeyColumns: keyCols}}
	var fks []*Constraint
	for _, c := range t.Constraints {
		switch c.Kind {
		case ConUnique:
			idx = append(idx, Index{Name: c.Name, Table: t.Name, Kind: IndexUniqueConstraint, IsUnique: true, KeyColumns: c.Columns})
		case ConForeignKey:
			fks = append(fks, c)
		}
	}
	// Longer FKs first so a shorter FK that is their prefix is covered.
	slices.SortStableFunc(fks, func(x, y *Constraint) int {
		if len(x.Columns) != len(y.Columns) {
			return len(y.Columns) - len(x.Columns)
		}
		return compareOrdinal(x.Name, y.Name)
	})
	for _, fk := range fks {
		if prefixCovered(fk.Columns, idx) {
			continue
		}
		idx = append(idx, Index{Name: constraintName("IX", t.Name, fk.Columns...), Table: t.Name, Kind: IndexForeignKeySupport, KeyColumns: fk.Columns})
	}
	for _, c := range t.Columns {
		if c.Kind == ColMirroredContentVersion {
			idx = append(idx, Index{Name: constraintName("IX", t.Name, c.Name), Table: t.Name, Kind: IndexExplicit, KeyColumns: []string{c.Name}})
			break
		}
	}
	return idx
}

func prefixCovered(cols []string, existing []Index) bool {
	for _, e := range existing {
		if len(e.KeyColumns) >= len(cols) && slices.Equal(e.KeyColumns[:len(cols)], cols) {
			return true
		}
	}
	return false
}

func compareOrdinal(a, b string) int {
	switch {
	case a == b:
		return 0
	case ordinalLess(a, b):
		return -1
	}
	return 1
}

// identityElements maps a resource's identityJsonPaths to root columns.
func (rb *resourceBuild) identityElements() ([]IdentityElement, error) {
	root := rb.res.Root()
	refs := referenceByIdentityPath(rb.res)
	var out []IdentityElement
	for _, p := range rb.in.identityPaths {
		canonical := p.String()
		var col *Column
		if ref, ok := refs[canonical]; ok {
			if ref.Table != root.Name {
				return nil, rb.in.errorf("identity path '%s' must bind to the root table", canonical)
			}
			col = root.Column(representativeColumn(ref, canonical))
		} else {
			col = rootColumnBySource(root, canonical)
		}
		if col == nil {
			return nil, rb.in.errorf("identity path '%s' did not map to a root table column", canonical)
		}
		out = append(out, IdentityElement{Column: col.Name, IdentityJSONPath: canonical, IsDescriptorReference: col.Kind == ColDescriptorFk})
	}
	return out, nil
}

// storedColumn resolves a unified alias to its canonical stored column.
func storedColumn(t *Table, name string) string {
	if c := t.Column(name); c != nil && c.Storage.UnifiedAlias {
		return c.Storage.CanonicalColumn
	}
	return name
}

// triggerInventory lists DocumentStamping triggers per table, the
// ReferentialIdentityMaintenance trigger per root, AbstractIdentityMaintenance
// per subclass root, and the shared dms.Descriptor stamping trigger.
func (b *builder) triggerInventory() error {
	for _, rb := range b.builds {
		if rb.res.StorageKind != RelationalTables {
			continue
		}
		root := rb.res.Root()
		elems, err := rb.identityElements()
		if err != nil {
			return err
		}
		seen := map[string]bool{}
		var projection []string
		for _, e := range elems {
			projection = appendUnique(projection, seen, storedColumn(root, e.Column))
		}
		for _, t := range rb.res.Tables {
			key := colDocumentID
			var proj []string
			if t != root {
				key = ""
				for _, c := range t.Identity.RootScopeLocator {
					if c == colDocumentID || strings.HasSuffix(c, "_DocumentId") {
						key = c
						break
					}
				}
				if key == "" {
					return rb.in.errorf("table %s has no root DocumentId locator column for its stamping trigger", t.Name)
				}
			} else {
				proj = projection
			}
			b.out.Triggers = append(b.out.Triggers, Trigger{
				Name: "TR_" + t.Name.Name + "_Stamp", Table: t.Name, Kind: TriggerDocumentStamping,
				KeyColumns: []string{key}, IdentityProjectionColumns: proj, MirrorStampTarget: root.Name,
			})
		}
		if len(elems) == 0 {
			return rb.in.errorf("resource requires at least one identity element for referential identity computation")
		}
		var alias *SuperclassAlias
		if rb.in.isSubclass {
			if rb.in.superclass == nil {
				return rb.in.errorf("subclass resource must declare superclassProjectName and superclassResourceName")
			}
			superElems := elems
			if sp := rb.in.superclassIdentityPath; sp != "" {
				if len(elems) != 1 {
					return rb.in.errorf("subclass with superclassIdentityJsonPath must have exactly one identity element, found %d", len(elems))
				}
				superElems = []IdentityElement{{Column: elems[0].Column, IdentityJSONPath: sp, IsDescriptorReference: elems[0].IsDescriptorReference}}
			}
			alias = &SuperclassAlias{
				ResourceKeyID: b.info.ResourceKeyID(rb.in.superclass.Project, rb.in.superclass.Resource),
				Resource:      *rb.in.superclass, IdentityElements: superElems,
			}
			if at := b.abstractTable(*rb.in.superclass); at != nil {
				mappings, err := b.abstractColumnMappings(rb, at)
				if err != nil {
					return err
				}
				b.out.Triggers = append(b.out.Triggers, Trigger{
					Name: "TR_" + root.Name.Name + "_AbstractIdentity", Table: root.Name, Kind: TriggerAbstractIdentityMaintenance,
					KeyColumns: []string{colDocumentID}, IdentityProjectionColumns: projection,
					TargetTable: at.Table.Name, TargetColumns: mappings, DiscriminatorValue: rb.res.Name.String(),
				})
			}
		}
		b.out.Triggers = append(b.out.Triggers, Trigger{
			Name: "TR_" + root.Name.Name + "_ReferentialIdentity", Table: root.Name, Kind: TriggerReferentialIdentityMaintenance,
			KeyColumns: []string{colDocumentID}, IdentityProjectionColumns: projection,
			ResourceKeyID: rb.res.ResourceKeyID, Resource: rb.res.Name, IdentityElements: elems, SuperclassAlias: alias,
		})
	}
	b.out.Triggers = append(b.out.Triggers, Trigger{
		Name: "TR_Descriptor_Stamp_Document", Table: descriptorTable, Kind: TriggerDocumentStamping,
		KeyColumns: []string{colDocumentID}, MirrorStampTarget: descriptorTable,
	})
	return nil
}

// abstractColumnMappings maps the identity columns of an abstract identity
// table to the concrete root columns that feed them.
func (b *builder) abstractColumnMappings(rb *resourceBuild, at *AbstractIdentityTable) ([]ColumnMapping, error) {
	root := rb.res.Root()
	refs := referenceByIdentityPath(rb.res)
	var out []ColumnMapping
	for _, ac := range at.Table.Columns {
		if ac.SourcePath == "" {
			continue
		}
		concrete := ac.SourcePath
		if sp := rb.in.superclassIdentityPath; sp != "" && sp == ac.SourcePath {
			concrete = rb.in.identityPaths[0].String()
		}
		var src string
		if ref, ok := refs[concrete]; ok {
			src = representativeColumn(ref, concrete)
		} else if c := rootColumnBySource(root, concrete); c != nil {
			src = c.Name
		}
		if src == "" {
			return nil, rb.in.errorf("abstract identity path '%s' (concrete path '%s') did not map to a root table column", ac.SourcePath, concrete)
		}
		out = append(out, ColumnMapping{Source: src, Target: ac.Name})
	}
	return out, nil
}

// trackedChangeInventory derives the tracked_changes_* tables: Old/New value
// columns for identity (and securable) values of each resource root, and the
// shared descriptor table.
func (b *builder) trackedChangeInventory() error {
	nsType, cvType := ScalarType{Kind: KindString, MaxLength: 255}, ScalarType{Kind: KindString, MaxLength: 50}
	var firstDescriptor *resourceBuild
	for _, rb := range b.builds {
		if rb.res.StorageKind == SharedDescriptorTable {
			firstDescriptor = rb
			nsType = b.descriptorColumnType(rb.in, "namespace", 255)
			cvType = b.descriptorColumnType(rb.in, "codeValue", 50)
			break
		}
	}
	for _, rb := range b.builds {
		if rb.res.StorageKind != RelationalTables {
			continue
		}
		tt, err := b.resourceTrackedTable(rb, nsType, cvType)
		if err != nil {
			return err
		}
		b.out.TrackedChangeTables = append(b.out.TrackedChangeTables, tt)
		b.attachTracking(rb.res.Root().Name, tt.Table)
	}
	if firstDescriptor == nil {
		return nil
	}
	schema := firstDescriptor.res.PhysicalSchema
	for _, rb := range b.builds {
		if rb.res.StorageKind == SharedDescriptorTable && !rb.in.project.IsExtension {
			schema = rb.res.PhysicalSchema
			break
		}
	}
	nsOrigin := "Identity"
	for _, rb := range b.builds {
		if rb.res.StorageKind == SharedDescriptorTable && slices.Contains(rb.in.securableNS, "$.namespace") {
			nsOrigin = "Identity, SecurableElement"
			break
		}
	}
	tt := TrackedChangeTable{
		Table: TableName{Schema: "tracked_changes_" + schema, Name: "Descriptor"}, Kind: "SharedDescriptor",
		SourceTable: descriptorTable, PrimaryKeyColumns: []string{"ChangeVersion"},
		ValueColumns: []TrackedChangeValueColumn{
			{OldColumn: "OldNamespace", NewColumn: "NewNamespace", SourceJSONPath: "$.namespace", IsNewNullable: true, Type: nsType, Role: "Scalar", Origin: nsOrigin},
			{OldColumn: "OldCodeValue", NewColumn: "NewCodeValue", SourceJSONPath: "$.codeValue", IsNewNullable: true, Type: cvType, Role: "Scalar", Origin: "Identity"},
		},
		SystemColumns: trackedSystemColumns(true),
	}
	b.out.TrackedChangeTables = append(b.out.TrackedChangeTables, tt)
	b.attachTracking(descriptorTable, tt.Table)
	return nil
}

func trackedSystemColumns(discriminator bool) []TrackedChangeSystemColumn {
	var cols []TrackedChangeSystemColumn
	if discriminator {
		cols = append(cols, TrackedChangeSystemColumn{Role: "Discriminator", Column: "Discriminator", Type: &ScalarType{Kind: KindString, MaxLength: 128}})
	}
	return append(cols,
		TrackedChangeSystemColumn{Role: "Id", Column: "Id"},
		TrackedChangeSystemColumn{Role: "ChangeVersion", Column: "ChangeVersion", Type: &ScalarType{Kind: KindInt64}, PrimaryKey: true},
		TrackedChangeSystemColumn{Role: "CreatedAt", Column: "CreatedAt", Type: &ScalarType{Kind: KindDateTime}},
	)
}

// attachTracking points the first stamping trigger of a table at its
// tracked-change table.
func (b *builder) attachTracking(table, tracked TableName) {
	for i := range b.out.Triggers {
		t := &b.out.Triggers[i]
		if t.Table == table && t.Kind == TriggerDocumentStamping {
			tt := tracked
			t.TrackedChangeTarget = &tt
			return
		}
	}
}

func (b *builder) resourceTrackedTable(rb *resourceBuild, nsType, cvType ScalarType) (TrackedChangeTable, error) {
	res := rb.res
	root := res.Root()
	kind := "Resource"
	if rb.in.superclass != nil && b.abstractTable(*rb.in.superclass) != nil {
		kind = "ConcreteAbstract"
	}
	tt := TrackedChangeTable{
		Table: TableName{Schema: "tracked_changes_" + res.PhysicalSchema, Name: root.Name.Name}, Kind: kind,
		SourceTable: root.Name, PrimaryKeyColumns: []string{"ChangeVersion"}, SystemColumns: trackedSystemColumns(false),
	}
	elems, err := rb.identityElements()
	if err != nil {
		return tt, err
	}
	identityColumn := map[string]string{}
	for _, e := range elems {
		identityColumn[e.IdentityJSONPath] = e.Column
	}
	type pathOrigin struct{ path, origin string }
	var paths []pathOrigin
	index := map[string]int{}
	merge := func(path, origin string) {
		if i, ok := index[path]; ok {
			if !strings.Contains(paths[i].origin, origin) {
				paths[i].origin = "Identity, SecurableElement"
			}
			return
		}
		index[path] = len(paths)
		paths = append(paths, pathOrigin{path, origin})
	}
	for _, p := range rb.in.identityPaths {
		merge(p.String(), "Identity")
	}
	for _, p := range append(append([]string(nil), rb.in.securableEdOrg...), rb.in.securableNS...) {
		if !strings.Contains(p, anyElement) {
			merge(p, "SecurableElement")
		}
	}
	edges := map[string]*DescriptorEdge{}
	for i := range res.DescriptorEdges {
		if _, ok := edges[res.DescriptorEdges[i].DescriptorValuePath]; !ok {
			edges[res.DescriptorEdges[i].DescriptorValuePath] = &res.DescriptorEdges[i]
		}
	}
	byOld := map[string]int{}
	add := func(c TrackedChangeValueColumn) {
		if i, ok := byOld[c.OldColumn]; ok {
			e := &tt.ValueColumns[i]
			if e.Origin != c.Origin {
				e.Origin = "Identity, SecurableElement"
			}
			e.IsOldNullable = e.IsOldNullable || c.IsOldNullable
			return
		}
		byOld[c.OldColumn] = len(tt.ValueColumns)
		tt.ValueColumns = append(tt.ValueColumns, c)
	}
	joins := map[string]bool{}
	var unresolved []string
	for _, po := range paths {
		if e, ok := edges[po.path]; ok {
			base := strings.TrimSuffix(e.FkColumn, "_DescriptorId")
			if !joins[base] {
				joins[base] = true
				tt.DescriptorJoins = append(tt.DescriptorJoins, TrackedChangeDescriptorJoin{Name: base, SourceColumn: e.FkColumn, Descriptor: e.DescriptorResource})
			}
			oldNullable := false
			for _, t := range res.Tables {
				if t.Name == e.Table {
					if c := t.Column(e.FkColumn); c != nil {
						oldNullable = c.Nullable
					}
				}
			}
			add(TrackedChangeValueColumn{OldColumn: "Old" + base + "_Namespace", NewColumn: "New" + base + "_Namespace", SourceJSONPath: po.path,
				IsOldNullable: oldNullable, IsNewNullable: true, Type: nsType, Role: "DescriptorNamespace", Origin: po.origin, DescriptorJoinName: base})
			add(TrackedChangeValueColumn{OldColumn: "Old" + base + "_CodeValue", NewColumn: "New" + base + "_CodeValue", SourceJSONPath: po.path,
				IsOldNullable: oldNullable, IsNewNullable: true, Type: cvType, Role: "DescriptorCodeValue", Origin: po.origin, DescriptorJoinName: base})
			continue
		}
		col, unified := resolveTrackedColumn(res, root, po.path, identityColumn)
		if col == nil {
			unresolved = append(unresolved, po.path)
			continue
		}
		if col.Type == nil {
			return tt, rb.in.errorf("tracked-change source column '%s' for path '%s' has no scalar type", col.Name, po.path)
		}
		c := TrackedChangeValueColumn{OldColumn: "Old" + col.Name, NewColumn: "New" + col.Name, SourceJSONPath: po.path,
			IsOldNullable: col.Nullable, IsNewNullable: true, Type: *col.Type, Role: "Scalar", Origin: po.origin}
		if unified {
			c.CanonicalStorageColumn = col.Name
		}
		add(c)
	}
	if err := b.addPersonColumns(rb, &tt, add); err != nil {
		return tt, err
	}
	if len(unresolved) > 0 {
		sortStrings(unresolved)
		return tt, rb.in.errorf("tracked-change derivation could not resolve identity/securable path(s) to a stored column: %s", strings.Join(unresolved, ", "))
	}
	slices.SortStableFunc(tt.DescriptorJoins, func(x, y TrackedChangeDescriptorJoin) int { return compareOrdinal(x.Name, y.Name) })
	return tt, nil
}

func resolveTrackedColumn(res *Resource, root *Table, path string, identityColumn map[string]string) (*Column, bool) {
	canonicalOf := func(c *Column, t *Table) (*Column, bool) {
		if c.Storage.UnifiedAlias {
			if cc := t.Column(c.Storage.CanonicalColumn); cc != nil {
				return cc, true
			}
		}
		return c, false
	}
	if name, ok := identityColumn[path]; ok {
		if c := root.Column(name); c != nil {
			return canonicalOf(c, root)
		}
	}
	for _, t := range res.Tables {
		for _, c := range t.Columns {
			if c.SourcePath == path {
				return canonicalOf(c, t)
			}
		}
	}
	return nil, false
}

// representativeColumn picks the identity-part column standing for a local
// reference path. When one reference field feeds several target identity
// paths (grouped duplicates, unified by key unification), the binding whose
// target identity name matches the field name wins, then the ordinal-first
// identity path, so the choice does not depend on binding order.
func representativeColumn(ref *DocumentReferenceBinding, path string) string {
	obj := mustPath(ref.ReferenceObjectPath)
	best, bestRank, bestIdentity := "", 2, ""
	for _, ib := range ref.IdentityBindings {
		if ib.ReferenceJSONPath != path {
			continue
		}
		rank := 1
		if identityFieldBaseName(obj, mustPath(ib.ReferenceJSONPath)) == columnBaseName(mustPath(ib.IdentityJSONPath)) {
			rank = 0
		}
		if rank < bestRank || (rank == bestRank && ordinalLess(ib.IdentityJSONPath, bestIdentity)) {
			best, bestRank, bestIdentity = ib.Column, rank, ib.IdentityJSONPath
		}
	}
	return best
}
