package relmodel

import (
	"slices"
	"strings"
)

// hasUnique reports whether the table already has a UNIQUE on exactly cols.
func hasUnique(t *Table, cols []string) bool {
	for _, c := range t.Constraints {
		if c.Kind == ConUnique && slices.Equal(c.Columns, cols) {
			return true
		}
	}
	return false
}

func appendUnique(list []string, seen map[string]bool, c string) []string {
	if seen[c] {
		return list
	}
	seen[c] = true
	return append(list, c)
}

// rootColumnBySource finds the root column that stores a JSON path.
func rootColumnBySource(t *Table, path string) *Column {
	for _, c := range t.Columns {
		if c.SourcePath == path {
			return c
		}
	}
	return nil
}

// referenceByIdentityPath indexes the root-table reference bindings by the
// local reference paths of their identity parts.
func referenceByIdentityPath(res *Resource) map[string]*DocumentReferenceBinding {
	out := map[string]*DocumentReferenceBinding{}
	for i := range res.References {
		b := &res.References[i]
		for _, ib := range b.IdentityBindings {
			out[ib.ReferenceJSONPath] = b
		}
	}
	return out
}

// rootIdentityConstraints adds UX_{Root}_NK over identityJsonPaths; identity
// parts sourced from a reference contribute the reference's DocumentId column.
func (b *builder) rootIdentityConstraints() error {
	for _, rb := range b.builds {
		if rb.res.StorageKind == SharedDescriptorTable || len(rb.in.identityPaths) == 0 {
			continue
		}
		root := rb.res.Root()
		refs := referenceByIdentityPath(rb.res)
		seen := map[string]bool{}
		var cols []string
		for _, p := range rb.in.identityPaths {
			canonical := p.String()
			if p.arrayDepth() > 0 {
				return rb.in.errorf("identity path '%s' must not include array segments", canonical)
			}
			if ref, ok := refs[canonical]; ok {
				if ref.Table != root.Name {
					return rb.in.errorf("identity path '%s' must bind to the root table", canonical)
				}
				cols = appendUnique(cols, seen, ref.FkColumn)
				continue
			}
			c := rootColumnBySource(root, canonical)
			if c == nil {
				return rb.in.errorf("identity path '%s' did not map to a root table column", canonical)
			}
			cols = appendUnique(cols, seen, c.Name)
		}
		if !hasUnique(root, cols) {
			root.Constraints = append(root.Constraints, &Constraint{Kind: ConUnique, Name: constraintName("UX", root.Name, "NK"), Columns: cols})
		}
	}
	return nil
}

// stableCollectionConstraints adds, per collection-like table, the semantic
// identity UNIQUE, the sibling-order UNIQUE (parent locator + Ordinal) and,
// where a child references it by composite key, UNIQUE(row id, root locator).
func (b *builder) stableCollectionConstraints() error {
	for _, rb := range b.builds {
		tables := rb.res.Tables
		byName := map[TableName]*Table{}
		for _, t := range tables {
			byName[t.Name] = t
		}
		compositeTargets := map[TableName]bool{}
		for _, t := range tables {
			for _, fk := range t.Constraints {
				if fk.Kind != ConForeignKey {
					continue
				}
				target, ok := byName[fk.TargetTable]
				if !ok {
					continue
				}
				if want := compositeParentColumns(target); len(want) > 0 && slices.Equal(fk.TargetColumns, want) {
					compositeTargets[target.Name] = true
				}
			}
		}
		for _, t := range tables {
			k := t.Identity.TableKind
			if k != TableCollection && k != TableCollectionExtensionScope && k != TableExtensionCollection {
				continue
			}
			for _, cols := range [][]string{semanticIdentityColumns(t), siblingOrderColumns(t)} {
				if len(cols) > 0 && !hasUnique(t, cols) {
					t.Constraints = append(t.Constraints, &Constraint{Kind: ConUnique, Name: constraintName("UX", t.Name, columnTokens(cols)...), Columns: cols})
				}
			}
			if compositeTargets[t.Name] {
				if cols := compositeParentColumns(t); len(cols) > 0 && !hasUnique(t, cols) {
					t.Constraints = append(t.Constraints, &Constraint{Kind: ConUnique, Name: constraintName("UX", t.Name, columnTokens(cols)...), Columns: cols})
				}
			}
		}
	}
	return nil
}

func semanticIdentityColumns(t *Table) []string {
	md := t.Identity
	if len(md.ImmediateParentScopeLocator) == 0 || len(md.SemanticIdentity) == 0 {
		return nil
	}
	seen := map[string]bool{}
	var cols []string
	for _, c := range md.ImmediateParentScopeLocator {
		cols = appendUnique(cols, seen, c)
	}
	for _, s := range md.SemanticIdentity {
		cols = appendUnique(cols, seen, s.Column)
	}
	if len(cols) <= len(md.ImmediateParentScopeLocator) {
		return nil
	}
	return cols
}

func siblingOrderColumns(t *Table) []string {
	if len(t.Identity.ImmediateParentScopeLocator) == 0 || t.Column(colOrdinal) == nil {
		return nil
	}
	seen := map[string]bool{}
	var cols []string
	for _, c := range t.Identity.ImmediateParentScopeLocator {
		cols = appendUnique(cols, seen, c)
	}
	return appendUnique(cols, seen, colOrdinal)
}

func compositeParentColumns(t *Table) []string {
	md := t.Identity
	if len(md.PhysicalRowIdentity) == 0 || len(md.RootScopeLocator) == 0 {
		return nil
	}
	seen := map[string]bool{}
	var cols []string
	for _, c := range md.PhysicalRowIdentity {
		cols = appendUnique(cols, seen, c)
	}
	for _, c := range md.RootScopeLocator {
		cols = appendUnique(cols, seen, c)
	}
	if len(cols) <= len(md.PhysicalRowIdentity) {
		return nil
	}
	return cols
}

// constraintSignature is the canonical identity of a constraint that long
// constraint names hash, so equal names for different constraints cannot
// collide after shortening.
func constraintSignature(kind string, t *Table, c *Constraint) string {
	var b strings.Builder
	b.WriteString(kind)
	b.WriteByte('|')
	b.WriteString(t.Name.String())
	b.WriteByte('|')
	switch c.Kind {
	case ConForeignKey:
		b.WriteString(strings.Join(c.Columns, ","))
		b.WriteString("|" + c.TargetTable.String() + "|" + strings.Join(c.TargetColumns, ","))
		b.WriteString("|" + string(c.OnDelete) + "|" + string(c.OnUpdate))
	case ConAllOrNoneNullability:
		b.WriteString(c.FkColumn)
		b.WriteString("|" + strings.Join(c.DependentColumns, ","))
	case ConNullOrTrue:
		b.WriteString(c.Column)
	default:
		b.WriteString(strings.Join(c.Columns, ","))
	}
	return b.String()
}

var signatureKinds = map[ConstraintKind]string{
	ConUnique: "Unique", ConForeignKey: "ForeignKey", ConAllOrNoneNullability: "AllOrNone", ConNullOrTrue: "NullOrTrue",
}

// hashTableConstraints applies the dialect length limit to a table's primary
// key and constraint names, hashing their signatures.
func (b *builder) hashTableConstraints(t *Table) {
	keyCols := make([]string, len(t.Key))
	for i, k := range t.Key {
		keyCols[i] = k.Name
	}
	pkSig := "PrimaryKey|" + t.Name.String() + "|" + strings.Join(keyCols, ",")
	t.PrimaryKeyName = shortenIdentifier(b.dialect, t.PrimaryKeyName, pkSig)
	for _, c := range t.Constraints {
		c.Name = shortenIdentifier(b.dialect, c.Name, constraintSignature(signatureKinds[c.Kind], t, c))
	}
}

// constraintDialectHashing shortens over-long constraint names.
func (b *builder) constraintDialectHashing() error {
	for _, rb := range b.builds {
		for _, t := range rb.res.Tables {
			b.hashTableConstraints(t)
		}
	}
	for _, a := range b.out.AbstractTables {
		b.hashTableConstraints(a.Table)
	}
	return nil
}
