package relmodel

import (
	"slices"
	"sort"
	"strings"
)

// authHierarchy derives the education organization hierarchy from the
// EducationOrganization union view: one entity per concrete member, with
// Insert/Delete (and, for non-leaf members, Update) maintenance triggers and
// the covering index of the auth hierarchy table.
func (b *builder) authHierarchy() error {
	var view *AbstractUnionView
	for i := range b.out.AbstractViews {
		if b.out.AbstractViews[i].Resource.Resource == "EducationOrganization" {
			view = &b.out.AbstractViews[i]
			break
		}
	}
	if view == nil {
		return nil
	}
	at := b.abstractTable(view.Resource)
	idCol := ""
	for _, c := range at.Table.Columns {
		if c.Kind == ColScalar && c.Name != "Discriminator" {
			idCol = c.Name
			break
		}
	}
	if idCol == "" {
		return setErrorf("abstract identity table %s has no scalar identity column", at.Table.Name)
	}
	idIndex := -1
	for i, c := range view.Columns {
		if c.Name == idCol {
			idIndex = i
		}
	}
	members := map[ResourceName]bool{}
	for _, arm := range view.Arms {
		members[arm.ConcreteMember] = true
	}
	for _, arm := range view.Arms {
		rb := b.byName[arm.ConcreteMember]
		root := rb.res.Root()
		e := &AuthEntity{Name: arm.ConcreteMember.Resource, Table: root.Name, IdentityColumn: arm.Projections[idIndex].Value}
		for _, ref := range rb.res.References {
			if ref.Table != root.Name || (ref.TargetResource != view.Resource && !members[ref.TargetResource]) {
				continue
			}
			if len(ref.IdentityBindings) != 1 {
				return rb.in.errorf("expected exactly one identity binding for education organization reference %s, found %d", ref.ReferenceObjectPath, len(ref.IdentityBindings))
			}
			e.ParentColumns = append(e.ParentColumns, ref.IdentityBindings[0].Column)
		}
		sortStrings(e.ParentColumns)
		b.out.AuthEntities = append(b.out.AuthEntities, e)
	}
	sort.SliceStable(b.out.AuthEntities, func(i, j int) bool {
		return ordinalLess(b.out.AuthEntities[i].Name, b.out.AuthEntities[j].Name)
	})
	if len(b.out.AuthEntities) == 0 {
		return nil
	}
	b.out.Indexes = append(b.out.Indexes, Index{
		Name: "IX_" + AuthEdOrgTable.Name + "_Target", Table: AuthEdOrgTable, Kind: IndexExplicit,
		KeyColumns: []string{AuthTargetEdOrgColumn}, IncludeColumns: []string{AuthSourceEdOrgColumn},
	})
	for _, e := range b.out.AuthEntities {
		events := []string{"Delete", "Insert"}
		if len(e.ParentColumns) > 0 {
			events = append(events, "Update")
		}
		for _, ev := range events {
			b.out.Triggers = append(b.out.Triggers, Trigger{
				Name: "TR_" + e.Name + "_AuthHierarchy_" + ev, Table: e.Table, Kind: TriggerAuthHierarchyMaintenance,
				AuthEntity: e, AuthEvent: ev,
			})
		}
	}
	return nil
}

// primaryAssociationIndexes are the covering indexes the people
// authorization views need on the five person association resources:
// resource and the person DocumentId column covered. The key is the
// column the view joins on: the stored column of the association's
// education organization (authAssociationEdOrgPaths; "SchoolId_Unified"
// under key unification, else "School_SchoolId"), the student's DocumentId
// for StudentContactAssociation.
//
// Each also covers the association's own DocumentId, which the reference
// adds only where a person join hop keys the same column
// (StudentContactAssociation): a deliberate difference
// (docs/ddl-differences.md), so that a GET-many of the association under
// a relationship strategy selects its page's DocumentIds from this index
// alone instead of reading a heap row per related enrollment.
var primaryAssociationIndexes = [][2]string{
	{authSSA, "Student_DocumentId"},
	{authSCA, "Contact_DocumentId"},
	{authSEOAA, "Staff_DocumentId"},
	{authSEOEA, "Staff_DocumentId"},
	{authSEORA, "Student_DocumentId"},
}

// authIndexKey identifies an authorization index by table and leading column.
type authIndexKey struct {
	table  TableName
	column string
}

// authorizationIndexes adds the indexes the authorization strategies filter
// on: primary-association covering indexes, one per EducationOrganization or
// Namespace securable element column, and one per hop of every person join
// (keyed on the hop's DocumentId column, including the source DocumentId).
// Namespace element indexes are PrefixRange indexes, which an equality key
// leading with the same column does not replace.
// Each resolved person chain is recorded on its resource (PersonPaths), so
// the plans filter along exactly the chains these indexes cover.
//
// A primary association whose root lacks the covered columns (an
// association whose person is a plain scalar) gets no covering index. A
// trimmed schema without the calendar reference that unifies SchoolId (the
// bundled one) gets it on School_SchoolId, the column its view joins on,
// where the reference's strict pass set fails instead.
func (b *builder) authorizationIndexes() error {
	pkUk := map[authIndexKey]bool{}
	for _, x := range b.out.Indexes {
		if (x.Kind == IndexPrimaryKey || x.Kind == IndexUniqueConstraint) && len(x.KeyColumns) > 0 {
			pkUk[authIndexKey{x.Table, x.KeyColumns[0]}] = true
		}
	}
	auth := map[authIndexKey]int{} // position in b.out.Indexes
	addIndex := func(table TableName, column string, include []string) *Index {
		at := b.addAuthIndex(table, column, include)
		auth[authIndexKey{table, column}] = at
		return &b.out.Indexes[at]
	}
	for _, pa := range primaryAssociationIndexes {
		rb := b.byName[ResourceName{Project: b.set.Core().ProjectName, Resource: pa[0]}]
		if rb == nil || rb.res.StorageKind != RelationalTables {
			continue
		}
		root := rb.res.Root()
		key := "Student_DocumentId"
		if path := authAssociationEdOrgPaths[pa[0]]; path != "" {
			key = storedColumnAt(root, path)
		}
		if key == "" || root.Column(key) == nil || root.Column(pa[1]) == nil {
			continue
		}
		include := []string{storedColumn(root, pa[1]), colDocumentID}
		sortStrings(include)
		addIndex(root.Name, key, include)
	}
	for _, rb := range b.builds {
		var unresolved []string
		for i, path := range append(append([]string(nil), rb.in.securableEdOrg...), rb.in.securableNS...) {
			table, column, ok := b.securableColumn(rb, path)
			if !ok {
				unresolved = append(unresolved, path)
				continue
			}
			k := authIndexKey{table, column}
			namespace := i >= len(rb.in.securableEdOrg)
			if at, done := auth[k]; done {
				b.out.Indexes[at].PrefixRange = b.out.Indexes[at].PrefixRange || namespace
				continue
			}
			// An equality key leading with the column does not serve the
			// prefix ranges of a Namespace element (story 22).
			if pkUk[k] && !namespace {
				continue
			}
			addIndex(table, column, nil).PrefixRange = namespace
		}
		if len(unresolved) > 0 {
			return rb.in.errorf("authorization index derivation could not resolve securable element path(s) %s", joinQuoted(unresolved))
		}
	}
	for _, rb := range b.builds {
		if rb.res.StorageKind != RelationalTables {
			continue
		}
		for _, kind := range personKinds {
			for _, path := range rb.in.securablePersons[kind] {
				if strings.Contains(path, anyElement) {
					continue
				}
				chain := b.personChain(rb, path, kind)
				if chain == nil {
					if b.isPersonResource(rb.res.Name, kind) && path == selfPersonIdentityPaths[kind] {
						rb.res.PersonPaths = append(rb.res.PersonPaths, PersonPath{Kind: kind, JSONPath: path})
						continue
					}
					return rb.in.errorf("authorization index derivation could not resolve %s securable path '%s'", kind, path)
				}
				rb.res.PersonPaths = append(rb.res.PersonPaths, PersonPath{Kind: kind, JSONPath: path, Chain: chain})
				for _, st := range chain {
					k := authIndexKey{st.SourceTable, st.SourceColumn}
					i, ok := auth[k]
					if !ok {
						addIndex(st.SourceTable, st.SourceColumn, []string{colDocumentID})
						continue
					}
					b.out.Indexes[i].cover(colDocumentID)
				}
			}
		}
	}
	return nil
}

// addAuthIndex appends the authorization index of table keyed on key and
// covering include, and returns its position in b.out.Indexes.
func (b *builder) addAuthIndex(table TableName, key string, include []string) int {
	b.out.Indexes = append(b.out.Indexes, Index{
		Name: constraintName("IX", table, key, "Auth"), Table: table, Kind: IndexAuthorization,
		KeyColumns: []string{key}, IncludeColumns: include,
	})
	return len(b.out.Indexes) - 1
}

// cover adds column to the index's covered (INCLUDE) columns unless it is
// one already, keeping them sorted so the DDL is deterministic.
func (x *Index) cover(column string) {
	if !slices.Contains(x.IncludeColumns, column) {
		x.IncludeColumns = append(x.IncludeColumns, column)
		sortStrings(x.IncludeColumns)
	}
}

// securableColumn locates the stored column of a securable element path,
// preferring the root table; descriptors resolve into dms.Descriptor.
func (b *builder) securableColumn(rb *resourceBuild, path string) (TableName, string, bool) {
	if rb.res.StorageKind == SharedDescriptorTable {
		p, err := parsePath(path)
		if err != nil || len(p) != 1 || schemaAt(rb.in.insertSchema, p) == nil {
			return TableName{}, "", false
		}
		return descriptorTable, pascalCase(p[0]), true
	}
	type candidate struct {
		table    *Table
		column   string
		priority int
	}
	var cands []candidate
	seen := map[authIndexKey]bool{}
	addCand := func(t *Table, col string) {
		k := authIndexKey{t.Name, col}
		if seen[k] {
			return
		}
		seen[k] = true
		prio := 0
		if t != rb.res.Root() {
			prio = len(mustPath(t.Scope)) + 1
		}
		cands = append(cands, candidate{t, col, prio})
	}
	for _, ref := range rb.res.References {
		for _, ib := range ref.IdentityBindings {
			if ib.ReferenceJSONPath == path {
				t := b.tableByName(ref.Table)
				addCand(t, storedColumn(t, ib.Column))
				break
			}
		}
	}
	for _, t := range rb.res.Tables {
		for _, c := range t.Columns {
			if c.SourcePath == path {
				addCand(t, storedColumn(t, c.Name))
			}
		}
	}
	if len(cands) == 0 {
		return TableName{}, "", false
	}
	slices.SortStableFunc(cands, func(x, y candidate) int {
		if x.priority != y.priority {
			return x.priority - y.priority
		}
		if c := compareOrdinal(x.table.Name.String(), y.table.Name.String()); c != 0 {
			return c
		}
		return compareOrdinal(x.column, y.column)
	})
	return cands[0].table.Name, cands[0].column, true
}
