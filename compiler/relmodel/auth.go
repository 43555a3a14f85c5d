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

// primaryAssociationIndexes are the covering indexes the relationship-based
// authorization views need on the five person association resources:
// resource, key column, include column.
var primaryAssociationIndexes = [][3]string{
	{"StudentSchoolAssociation", "SchoolId_Unified", "Student_DocumentId"},
	{"StudentContactAssociation", "Student_DocumentId", "Contact_DocumentId"},
	{"StaffEducationOrganizationAssignmentAssociation", "EducationOrganization_EducationOrganizationId", "Staff_DocumentId"},
	{"StaffEducationOrganizationEmploymentAssociation", "EducationOrganization_EducationOrganizationId", "Staff_DocumentId"},
	{"StudentEducationOrganizationResponsibilityAssociation", "EducationOrganization_EducationOrganizationId", "Student_DocumentId"},
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
//
// A primary association whose root lacks the covered columns (a trimmed
// schema without, e.g., the calendar reference that unifies SchoolId) gets no
// covering index. The reference's strict pass set fails there instead; this
// derivation skips in both modes so trimmed product schemas still compile.
func (b *builder) authorizationIndexes() error {
	pkUk := map[authIndexKey]bool{}
	for _, x := range b.out.Indexes {
		if (x.Kind == IndexPrimaryKey || x.Kind == IndexUniqueConstraint) && len(x.KeyColumns) > 0 {
			pkUk[authIndexKey{x.Table, x.KeyColumns[0]}] = true
		}
	}
	auth := map[authIndexKey]int{} // position in b.out.Indexes
	addIndex := func(table TableName, column string, include []string) *Index {
		auth[authIndexKey{table, column}] = len(b.out.Indexes)
		b.out.Indexes = append(b.out.Indexes, Index{
			Name: constraintName("IX", table, column, "Auth"), Table: table, Kind: IndexAuthorization,
			KeyColumns: []string{column}, IncludeColumns: include,
		})
		return &b.out.Indexes[len(b.out.Indexes)-1]
	}
	for _, pa := range primaryAssociationIndexes {
		rb := b.byName[ResourceName{Project: b.set.Core().ProjectName, Resource: pa[0]}]
		if rb == nil || rb.res.StorageKind != RelationalTables {
			continue
		}
		root := rb.res.Root()
		if root.Column(pa[1]) == nil || root.Column(pa[2]) == nil {
			continue
		}
		addIndex(root.Name, storedColumn(root, pa[1]), []string{storedColumn(root, pa[2])})
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
						continue
					}
					return rb.in.errorf("authorization index derivation could not resolve %s securable path '%s'", kind, path)
				}
				for _, st := range chain {
					k := authIndexKey{st.SourceTable, st.SourceColumn}
					i, ok := auth[k]
					if !ok {
						addIndex(st.SourceTable, st.SourceColumn, []string{colDocumentID})
						continue
					}
					x := &b.out.Indexes[i]
					if !slices.Contains(x.IncludeColumns, colDocumentID) {
						x.IncludeColumns = append(x.IncludeColumns, colDocumentID)
						sortStrings(x.IncludeColumns)
					}
				}
			}
		}
	}
	return nil
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
