package relmodel

import (
	"sort"
)

// abstractTable returns the identity table of an abstract resource or nil.
func (b *builder) abstractTable(r ResourceName) *AbstractIdentityTable { return b.abstract[r] }

// abstractMember is a concrete subclass contributing to an abstract resource.
type abstractMember struct {
	rb *resourceBuild
}

// mappedIdentityPath maps an abstract identity path to the member's path: a
// member with superclassIdentityJsonPath renames its single identity path.
func (m abstractMember) mappedIdentityPath(abstractPath string) (string, error) {
	in := m.rb.in
	if in.superclassIdentityPath != "" {
		if len(in.identityPaths) != 1 {
			return "", in.errorf("subclass with superclassIdentityJsonPath must have exactly 1 identity path, has %d", len(in.identityPaths))
		}
		return in.identityPaths[0].String(), nil
	}
	for _, p := range in.identityPaths {
		if p.String() == abstractPath {
			return abstractPath, nil
		}
	}
	return "", in.errorf("abstract identity path '%s' of %s is not among the subclass's identityJsonPaths", abstractPath, in.superclass)
}

// conventionColumn is the override-free `{Ref}_{Part}` name of a
// reference-sourced identity path of a member, or "".
func (m abstractMember) conventionColumn(path string, descriptor bool) string {
	for _, ref := range m.rb.in.references {
		parts := identityPartBaseNames(ref)
		for i, bd := range ref.bindings {
			if bd.referencePath.String() == path {
				name := pascalCase(ref.key) + "_" + parts[i]
				if descriptor {
					name = descriptorIDColumn(name)
				}
				return name
			}
		}
	}
	return ""
}

// abstractIdentityTables derives `{Abstract}Identity` tables and
// `{Abstract}_View` union views for every abstract resource with members.
func (b *builder) abstractIdentityTables() error {
	b.abstract = map[ResourceName]*AbstractIdentityTable{}
	members := map[ResourceName][]abstractMember{}
	for _, rb := range b.builds {
		in := rb.in
		if !in.isSubclass || rb.res.StorageKind != RelationalTables {
			continue
		}
		if in.superclass == nil {
			return in.errorf("subclass resource must declare superclassProjectName and superclassResourceName")
		}
		if !b.isAbstractName(*in.superclass) {
			if _, concrete := b.inputsBy[*in.superclass]; !concrete {
				return in.errorf("superclass %s is not defined by any project", in.superclass)
			}
			continue
		}
		members[*in.superclass] = append(members[*in.superclass], abstractMember{rb: rb})
	}
	projects := append(b.set.Projects[:0:0], b.set.Projects...)
	sort.SliceStable(projects, func(i, j int) bool { return ordinalLess(projects[i].EndpointName, projects[j].EndpointName) })
	for _, p := range projects {
		ar := p.Schema.Get("abstractResources")
		if ar == nil {
			continue
		}
		names := make([]string, 0, len(ar.Members))
		for _, mm := range ar.Members {
			names = append(names, mm.Key)
		}
		sortStrings(names)
		for _, name := range names {
			res := ResourceName{Project: p.ProjectName, Resource: name}
			ms := members[res]
			if len(ms) == 0 {
				continue
			}
			sort.SliceStable(ms, func(i, j int) bool {
				x, y := ms[i].rb.res.Name, ms[j].rb.res.Name
				return lessKeys([]string{x.Resource, x.Project}, []string{y.Resource, y.Project})
			})
			var paths []string
			for i, v := range ar.Get(name).Get("identityJsonPaths").ArrayItems() {
				s, ok := v.Str()
				if !ok {
					return setErrorf("%s: abstractResources.%s.identityJsonPaths[%d] must be a string", p.File, name, i)
				}
				path, err := parsePath(s)
				if err != nil {
					return setErrorf("%s: abstractResources.%s.identityJsonPaths[%d]: %v", p.File, name, i, err)
				}
				paths = append(paths, path.String())
			}
			if err := b.deriveAbstract(p.PhysicalSchema, res, paths, ms); err != nil {
				return err
			}
		}
	}
	return nil
}

func (b *builder) deriveAbstract(schema string, res ResourceName, paths []string, members []abstractMember) error {
	base := pascalCase(res.Resource)
	tn := TableName{Schema: schema, Name: base + "Identity"}
	t := &Table{
		Name: tn, Scope: "$", PrimaryKeyName: constraintName("PK", tn),
		Key:      []KeyColumn{{Name: colDocumentID, Kind: ColParentKeyPart}},
		Columns:  []*Column{newKeyColumn(colDocumentID, ColParentKeyPart)},
		Identity: IdentityMetadata{TableKind: "Unspecified"},
	}
	view := AbstractUnionView{Resource: res, View: TableName{Schema: schema, Name: base + "_View"}}
	view.Columns = append(view.Columns, UnionViewColumn{Name: colDocumentID, Type: &ScalarType{Kind: KindInt64}})
	sources := make([][]string, len(members))
	var identityCols []string
	for _, path := range paths {
		var sig *Column
		convention := ""
		for i, m := range members {
			mapped, err := m.mappedIdentityPath(path)
			if err != nil {
				return err
			}
			c := rootColumnBySource(m.rb.res.Root(), mapped)
			if c == nil {
				return m.rb.in.errorf("abstract identity path '%s' of %s did not resolve to a root column", path, res)
			}
			if c.Nullable {
				return m.rb.in.errorf("abstract identity path '%s' of %s maps to nullable column '%s'", path, res, c.Name)
			}
			if sig == nil {
				cp := *c
				sig = &cp
			} else {
				if sig.Kind != c.Kind || !sameTarget(sig.TargetResource, c.TargetResource) || sig.Type.Kind != c.Type.Kind {
					return m.rb.in.errorf("abstract identity path '%s' of %s has inconsistent column types across members", path, res)
				}
				if c.Type.MaxLength > sig.Type.MaxLength {
					st := *sig.Type
					st.MaxLength = c.Type.MaxLength
					sig.Type = &st
				}
			}
			if cc := m.conventionColumn(mapped, c.Kind == ColDescriptorFk); cc != "" {
				if convention != "" && convention != cc {
					return setErrorf("abstract identity path '%s' of %s has ambiguous naming: '%s' vs '%s'", path, res, convention, cc)
				}
				convention = cc
			}
			sources[i] = append(sources[i], c.Name)
		}
		name := convention
		if name == "" {
			name = columnBaseName(mustPath(path))
			if sig.Kind == ColDescriptorFk {
				name = descriptorIDColumn(name)
			}
		}
		col := &Column{Name: name, Kind: sig.Kind, Type: sig.Type, SourcePath: path, TargetResource: sig.TargetResource}
		t.Columns = append(t.Columns, col)
		identityCols = append(identityCols, name)
		view.Columns = append(view.Columns, UnionViewColumn{Name: name, Type: sig.Type, SourcePath: path,
			TargetResource: sig.TargetResource, IsDescriptorReference: sig.Kind == ColDescriptorFk})
	}
	discriminator := &ScalarType{Kind: KindString, MaxLength: 256}
	t.Columns = append(t.Columns, &Column{Name: "Discriminator", Kind: ColScalar, Type: discriminator})
	view.Columns = append(view.Columns, UnionViewColumn{Name: "Discriminator", Type: discriminator})
	if len(identityCols) > 0 {
		t.Constraints = append(t.Constraints,
			&Constraint{Kind: ConUnique, Name: constraintName("UX", tn, "NK"), Columns: identityCols},
			&Constraint{Kind: ConUnique, Name: constraintName("UX", tn, "RefKey"), Columns: append(append([]string(nil), identityCols...), colDocumentID)},
		)
	}
	t.Constraints = append(t.Constraints, &Constraint{
		Kind: ConForeignKey, Name: constraintName("FK", tn, "Document"), Columns: []string{colDocumentID},
		TargetTable: documentTable, TargetColumns: []string{colDocumentID}, OnDelete: Cascade, OnUpdate: NoAction,
	})
	for i, m := range members {
		disc := m.rb.res.Name.String()
		if len(disc) > 256 {
			return m.rb.in.errorf("discriminator value '%s' exceeds 256 characters", disc)
		}
		arm := UnionViewArm{ConcreteMember: m.rb.res.Name, FromTable: m.rb.res.Root().Name,
			Projections: []UnionViewProjection{{Value: colDocumentID}}}
		for _, s := range sources[i] {
			arm.Projections = append(arm.Projections, UnionViewProjection{Value: s})
		}
		arm.Projections = append(arm.Projections, UnionViewProjection{Literal: true, Value: disc})
		view.Arms = append(view.Arms, arm)
	}
	b.out.AbstractTables = append(b.out.AbstractTables, AbstractIdentityTable{Resource: res, Table: t})
	b.out.AbstractViews = append(b.out.AbstractViews, view)
	b.abstract[res] = &AbstractIdentityTable{Resource: res, Table: t}
	return nil
}

func sameTarget(a, b *ResourceName) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}
