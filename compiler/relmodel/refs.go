package relmodel

import (
	"slices"
	"strings"

	"github.com/edfi-dmsc/dmsc/compiler/jsonx"
)

// owningTable finds the table whose scope is the longest prefix of path.
func (rb *resourceBuild) owningTable(path jsonPath) *Table {
	var best *Table
	bestLen := -1
	for _, t := range rb.res.Tables {
		scope := mustPath(t.Scope)
		if path.hasPrefix(scope) && len(scope) > bestLen {
			best, bestLen = t, len(scope)
		}
	}
	return best
}

// referenceOwners lists the resource's own input followed by its resource
// extensions, whose reference mappings and constraints bind into the base
// resource's tables.
func (b *builder) referenceOwners(rb *resourceBuild) []*resourceInput {
	owners := []*resourceInput{rb.in}
	for _, in := range b.inputs {
		if in.isExtension && b.extensionBase(in) == rb {
			owners = append(owners, in)
		}
	}
	return owners
}

// extensionBase returns the derived base resource of a resource extension.
func (b *builder) extensionBase(in *resourceInput) *resourceBuild {
	name, err := b.extensionBaseName(in)
	if err != nil {
		return nil
	}
	return b.byName[name]
}

// identityFieldBaseName is the PascalCase concatenation of the reference
// path segments below the reference object.
func identityFieldBaseName(obj, value jsonPath) string {
	var b strings.Builder
	for _, s := range value[len(obj):] {
		b.WriteString(pascalCase(s))
	}
	return b.String()
}

// identityPartBaseNames names each identity part column of a reference: the
// local field name, or the target identity path name when two parts share a
// field name.
func identityPartBaseNames(ref referenceMapping) []string {
	counts := map[string]int{}
	for _, bd := range ref.bindings {
		counts[identityFieldBaseName(ref.objectPath, bd.referencePath)]++
	}
	out := make([]string, len(ref.bindings))
	for i, bd := range ref.bindings {
		field := identityFieldBaseName(ref.objectPath, bd.referencePath)
		out[i] = field
		if counts[field] > 1 {
			out[i] = columnBaseName(bd.identityPath)
		}
	}
	return out
}

// schemaAt resolves the JSON schema of a path in jsonSchemaForInsert.
func schemaAt(root *jsonx.Value, p jsonPath) *jsonx.Value {
	cur := root
	for _, s := range p {
		if cur == nil {
			return nil
		}
		if s == anyElement {
			cur = cur.Get("items")
		} else {
			cur = cur.Get("properties").Get(s)
		}
	}
	return cur
}

// referenceBinding adds `{Ref}_DocumentId` and identity-part columns for every
// document reference, in the table owning the reference object.
func (b *builder) referenceBinding() error {
	for _, rb := range b.builds {
		if rb.res.StorageKind != RelationalTables {
			continue
		}
		bound := map[string]bool{}
		for _, owner := range b.referenceOwners(rb) {
			for _, ref := range owner.references {
				if bound[ref.objectCanonical] {
					return owner.errorf("reference object path '%s' is already bound", ref.objectCanonical)
				}
				bound[ref.objectCanonical] = true
				if err := b.bindReference(rb, owner, ref); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func (b *builder) bindReference(rb *resourceBuild, owner *resourceInput, ref referenceMapping) error {
	base := pascalCase(ref.key)
	if o, ok := owner.override(ref.objectCanonical); ok {
		base = o
	}
	t := rb.owningTable(ref.objectPath)
	if t == nil {
		return owner.errorf("reference object path '%s' has no owning table", ref.objectCanonical)
	}
	nullable := !ref.isRequired
	target := ref.target
	fk := &Column{Name: base + "_DocumentId", Kind: ColDocumentFk, Type: &ScalarType{Kind: KindInt64}, Nullable: nullable,
		SourcePath: ref.objectCanonical, TargetResource: &target}
	if err := rb.addColumn(t, fk); err != nil {
		return err
	}
	roleNamed := referenceRoleNamed(ref.objectPath, ref.target)
	targetDescriptors := b.allDescriptorPaths(ref.target)
	binding := DocumentReferenceBinding{
		IsIdentityComponent: ref.isIdentity, IsRequired: ref.isRequired, IsRoleNamed: roleNamed,
		ReferenceObjectPath: ref.objectCanonical, Table: t.Name, FkColumn: fk.Name, TargetResource: ref.target,
	}
	parts := identityPartBaseNames(ref)
	for i, bd := range ref.bindings {
		part := parts[i]
		refPath := bd.referencePath.String()
		if o, ok := owner.override(refPath); ok {
			part = o
		}
		var col *Column
		if d, ok := targetDescriptors[bd.identityPath.String()]; ok {
			desc := d
			col = &Column{Name: descriptorIDColumn(base + "_" + part), Kind: ColDescriptorFk, Type: &ScalarType{Kind: KindInt64},
				Nullable: nullable, SourcePath: refPath, TargetResource: &desc}
			rb.res.DescriptorEdges = append(rb.res.DescriptorEdges, DescriptorEdge{
				IsIdentityComponent: owner.identitySet[refPath], IsRequired: ref.isRequired, IsRoleNamed: roleNamed,
				DescriptorValuePath: refPath, Table: t.Name, FkColumn: col.Name, DescriptorResource: desc,
			})
		} else {
			schema := schemaAt(owner.insertSchema, bd.referencePath)
			if schema == nil {
				return owner.errorf("reference identity path '%s' does not resolve in jsonSchemaForInsert", refPath)
			}
			if kindOf(schema) != kindScalar {
				return owner.errorf("reference identity path '%s' must resolve to a scalar schema", refPath)
			}
			st, err := owner.scalarType(schema, refPath)
			if err != nil {
				return err
			}
			col = &Column{Name: base + "_" + part, Kind: ColScalar, Type: st, Nullable: nullable, SourcePath: refPath}
		}
		if err := rb.addColumn(t, col); err != nil {
			return err
		}
		binding.IdentityBindings = append(binding.IdentityBindings, ReferenceIdentityBinding{
			IdentityJSONPath: bd.identityPath.String(), ReferenceJSONPath: refPath, Column: col.Name,
		})
	}
	rb.res.References = append(rb.res.References, binding)
	return nil
}

// transitiveIdentityMutability marks resources whose identity can change:
// allowIdentityUpdates, or an identity reference to such a resource.
func (b *builder) transitiveIdentityMutability() error {
	b.transitiveUpdates = map[ResourceName]bool{}
	state := map[ResourceName]int{} // 1 visiting, 2 done
	var visit func(r ResourceName) bool
	visit = func(r ResourceName) bool {
		switch state[r] {
		case 1:
			return false
		case 2:
			return b.transitiveUpdates[r]
		}
		state[r] = 1
		in := b.inputsBy[r]
		v := in != nil && in.allowIdentityUpdates
		if in != nil {
			for _, ref := range in.references {
				if ref.isIdentity && (b.isAbstractName(ref.target) || visit(ref.target)) {
					v = true
				}
			}
		}
		state[r] = 2
		b.transitiveUpdates[r] = v
		return v
	}
	for _, rb := range b.builds {
		visit(rb.res.Name)
	}
	return nil
}

// targetIdentity describes the identity columns a reference FK points at.
type targetIdentity struct {
	table      *Table
	paths      []string
	columns    []string
	isAbstract bool
	cascade    bool
	rb         *resourceBuild
}

func (b *builder) targetIdentity(r ResourceName) (*targetIdentity, error) {
	if at := b.abstractTable(r); at != nil {
		ti := &targetIdentity{table: at.Table, isAbstract: true, cascade: true}
		for _, c := range at.Table.Columns {
			if c.SourcePath != "" {
				ti.paths = append(ti.paths, c.SourcePath)
				ti.columns = append(ti.columns, c.Name)
			}
		}
		return ti, nil
	}
	rb, ok := b.byName[r]
	if !ok || rb.res.StorageKind != RelationalTables {
		return nil, setErrorf("reference target resource %s was not found for constraint derivation", r)
	}
	root := rb.res.Root()
	ti := &targetIdentity{table: root, rb: rb, cascade: b.transitiveUpdates[r]}
	for _, p := range rb.in.identityPaths {
		c := rootColumnBySource(root, p.String())
		if c == nil {
			return nil, rb.in.errorf("identity path '%s' did not map to a root table column", p)
		}
		ti.paths = append(ti.paths, p.String())
		ti.columns = append(ti.columns, c.Name)
	}
	return ti, nil
}

// referenceConstraints adds per reference the all-or-none CHECK, the composite
// FK (identity parts + DocumentId) to the target's UX_{Target}_RefKey (created
// on demand) and its ON UPDATE action.
func (b *builder) referenceConstraints() error {
	for _, rb := range b.builds {
		if rb.res.StorageKind != RelationalTables {
			continue
		}
		byPath := map[string]*DocumentReferenceBinding{}
		for i := range rb.res.References {
			byPath[rb.res.References[i].ReferenceObjectPath] = &rb.res.References[i]
		}
		for _, owner := range b.referenceOwners(rb) {
			for _, ref := range owner.references {
				if err := b.constrainReference(rb, owner, ref, byPath[ref.objectCanonical]); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func (b *builder) constrainReference(rb *resourceBuild, owner *resourceInput, ref referenceMapping, binding *DocumentReferenceBinding) error {
	ti, err := b.targetIdentity(ref.target)
	if err != nil {
		return err
	}
	var t *Table
	for _, x := range rb.res.Tables {
		if x.Name == binding.Table {
			t = x
		}
	}
	base := strings.TrimSuffix(binding.FkColumn, "_DocumentId")
	localByIdentity := map[string]string{}
	for _, ib := range binding.IdentityBindings {
		localByIdentity[ib.IdentityJSONPath] = ib.Column
	}
	var local, targets, missing []string
	for i, p := range ti.paths {
		c, ok := localByIdentity[p]
		if !ok {
			missing = append(missing, p)
			continue
		}
		local = append(local, c)
		targets = append(targets, ti.columns[i])
	}
	if len(missing) > 0 {
		return owner.errorf("reference mapping '%s' does not include identity path(s) %s required by target %s", ref.key, joinQuoted(missing), ref.target)
	}
	if len(local) > 0 && !hasConstraint(t, func(c *Constraint) bool {
		return c.Kind == ConAllOrNoneNullability && c.FkColumn == binding.FkColumn && slices.Equal(c.DependentColumns, local)
	}) {
		t.Constraints = append(t.Constraints, &Constraint{
			Kind: ConAllOrNoneNullability, Name: constraintName("CK", t.Name, base, "AllNone"),
			FkColumn: binding.FkColumn, DependentColumns: append([]string(nil), local...),
		})
	}
	local, targets = storageColumns(t, ti.table, local, targets)
	if !ti.isAbstract && len(targets) > 0 {
		ux := append(append([]string(nil), targets...), colDocumentID)
		if !hasUnique(ti.table, ux) {
			ti.table.Constraints = append(ti.table.Constraints, &Constraint{Kind: ConUnique, Name: constraintName("UX", ti.table.Name, "RefKey"), Columns: ux})
		}
	}
	local = append(local, storedColumn(t, binding.FkColumn))
	targets = append(targets, colDocumentID)
	onUpdate := NoAction
	if ti.cascade {
		onUpdate = Cascade
	}
	name := constraintName("FK", t.Name, base)
	if len(local) > 1 {
		name = constraintName("FK", t.Name, base, "RefKey")
	}
	if hasConstraint(t, func(c *Constraint) bool {
		return c.Kind == ConForeignKey && slices.Equal(c.Columns, local) && c.TargetTable == ti.table.Name &&
			slices.Equal(c.TargetColumns, targets) && c.OnDelete == NoAction && c.OnUpdate == onUpdate
	}) {
		return nil // the same physical FK already serves another reference
	}
	t.Constraints = append(t.Constraints, &Constraint{
		Kind: ConForeignKey, Name: name, Columns: local, TargetTable: ti.table.Name, TargetColumns: targets,
		OnDelete: NoAction, OnUpdate: onUpdate,
	})
	return nil
}

func hasConstraint(t *Table, match func(*Constraint) bool) bool {
	return slices.ContainsFunc(t.Constraints, match)
}

// storageColumns maps binding columns to their stored (canonical) columns on
// both sides, dropping repeated pairs.
func storageColumns(local, target *Table, lc, tc []string) ([]string, []string) {
	seenPair := map[[2]string]bool{}
	seenTarget := map[string]bool{}
	var outL, outT []string
	for i := range lc {
		l, r := storedColumn(local, lc[i]), storedColumn(target, tc[i])
		if seenPair[[2]string{l, r}] || seenTarget[r] {
			seenPair[[2]string{l, r}] = true
			continue
		}
		seenPair[[2]string{l, r}] = true
		seenTarget[r] = true
		outL = append(outL, l)
		outT = append(outT, r)
	}
	return outL, outT
}
