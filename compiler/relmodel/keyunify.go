package relmodel

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strings"
)

// equality is one equalityConstraints entry.
type equality struct {
	source, target jsonPath
}

// boundColumn is a column bound to a JSON path in one table.
type boundColumn struct {
	table *Table
	col   *Column
}

func hash8(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:4])
}

// keyUnification turns applicable equalityConstraints into key-unification
// classes: same-table member columns become read-only aliases of one stored
// canonical column (`{Base}_Unified[_DescriptorId]`), each optionally gated
// by a presence column; every constraint is classified applied, redundant,
// ignored (cross table) or skipped (endpoint not stored).
func (b *builder) keyUnification() error {
	for _, rb := range b.builds {
		if rb.res.StorageKind != RelationalTables {
			continue
		}
		var constraints []equality
		seen := map[[2]string]bool{}
		for _, owner := range b.referenceOwners(rb) {
			for i, e := range owner.schema.Get("equalityConstraints").ArrayItems() {
				src, err1 := parsePath(e.Get("sourceJsonPath").StringOr(""))
				dst, err2 := parsePath(e.Get("targetJsonPath").StringOr(""))
				if err1 != nil || err2 != nil {
					return owner.errorf("equalityConstraints[%d] must have valid sourceJsonPath and targetJsonPath", i)
				}
				a, z := src.String(), dst.String()
				if ordinalLess(z, a) {
					a, z = z, a
				}
				if seen[[2]string{a, z}] {
					continue
				}
				seen[[2]string{a, z}] = true
				constraints = append(constraints, equality{src, dst})
			}
		}
		if len(constraints) > 0 || hasSameSiteGroup(rb.res) {
			if err := b.unifyResource(rb, constraints); err != nil {
				return err
			}
		}
	}
	return nil
}

// fieldGroup is a reference field whose value several identity parts share
// (one reference path bound to several target identity paths).
type fieldGroup struct {
	ref     *DocumentReferenceBinding
	path    string
	members []string
}

func logicalFieldGroups(res *Resource) []fieldGroup {
	var out []fieldGroup
	for i := range res.References {
		ref := &res.References[i]
		index := map[string]int{}
		for _, ib := range ref.IdentityBindings {
			k, ok := index[ib.ReferenceJSONPath]
			if !ok {
				k = len(out)
				index[ib.ReferenceJSONPath] = k
				out = append(out, fieldGroup{ref: ref, path: ib.ReferenceJSONPath})
			}
			out[k].members = append(out[k].members, ib.Column)
		}
	}
	return out
}

func hasSameSiteGroup(res *Resource) bool {
	for _, g := range logicalFieldGroups(res) {
		if len(g.members) > 1 {
			return true
		}
	}
	return false
}

func (b *builder) unifyResource(rb *resourceBuild, constraints []equality) error {
	byPath := map[string][]boundColumn{}
	for _, t := range rb.res.Tables {
		for _, c := range t.Columns {
			if c.SourcePath != "" {
				byPath[c.SourcePath] = append(byPath[c.SourcePath], boundColumn{t, c})
			}
		}
	}
	groups := logicalFieldGroups(rb.res)
	resolve := func(p jsonPath) ([]boundColumn, error) {
		cands := append([]boundColumn(nil), byPath[p.String()]...)
		sort.SliceStable(cands, func(i, j int) bool {
			x, y := cands[i], cands[j]
			return lessKeys([]string{x.table.Name.Schema, x.table.Name.Name, x.table.Scope, x.col.Name},
				[]string{y.table.Name.Schema, y.table.Name.Name, y.table.Scope, y.col.Name})
		})
		if len(cands) <= 1 {
			return cands, nil
		}
		for _, c := range cands[1:] {
			if c.table != cands[0].table {
				return nil, rb.in.errorf("equality constraint endpoint '%s' binds to columns in several tables", p)
			}
		}
		matches := 0
		for _, g := range groups {
			if g.path != p.String() || len(g.members) != len(cands) || g.ref.Table != cands[0].table.Name {
				continue
			}
			all := true
			for _, c := range cands {
				found := false
				for _, mc := range g.members {
					found = found || mc == c.col.Name
				}
				all = all && found
			}
			if all {
				matches++
			}
		}
		if matches != 1 {
			return nil, rb.in.errorf("equality constraint endpoint '%s' binds to %d columns ambiguously; key unification needs one column or one reference field group", p, len(cands))
		}
		return cands, nil
	}
	type edge struct{ a, b boundColumn }
	edgesByTable := map[*Table][]edge{}
	var tableOrder []*Table
	addEdge := func(e edge) {
		if _, ok := edgesByTable[e.a.table]; !ok {
			tableOrder = append(tableOrder, e.a.table)
		}
		edgesByTable[e.a.table] = append(edgesByTable[e.a.table], e)
	}
	for _, g := range groups {
		if len(g.members) < 2 {
			continue
		}
		t := rb.owningTable(mustPath(g.ref.ReferenceObjectPath))
		var distinct []string
		seen := map[string]bool{}
		for _, mc := range g.members {
			distinct = appendUnique(distinct, seen, mc)
		}
		for _, mc := range distinct[1:] {
			addEdge(edge{boundColumn{t, t.Column(distinct[0])}, boundColumn{t, t.Column(mc)}})
		}
	}
	type appliedCandidate struct {
		aPath, bPath string
		table        *Table
		aCol, bCol   string
	}
	var applied []appliedCandidate
	diag := &rb.res.KeyUnification
	ordered := func(c equality, l, r boundColumn) (string, string, boundColumn, boundColumn) {
		aPath, bPath := c.source.String(), c.target.String()
		if ordinalLess(bPath, aPath) {
			return bPath, aPath, r, l
		}
		return aPath, bPath, l, r
	}
	for _, c := range constraints {
		left, err := resolve(c.source)
		if err != nil {
			return err
		}
		right, err := resolve(c.target)
		if err != nil {
			return err
		}
		if len(left) == 0 || len(right) == 0 {
			which := "target"
			switch {
			case len(left) == 0 && len(right) == 0:
				which = "both"
			case len(left) == 0:
				which = "source"
			}
			diag.Skipped = append(diag.Skipped, SkippedEquality{SourcePath: c.source.String(), TargetPath: c.target.String(), UnresolvedEndpoint: which})
			continue
		}
		for _, bc := range append(append([]boundColumn(nil), left...), right...) {
			if bc.col.Kind != ColScalar && bc.col.Kind != ColDescriptorFk {
				return rb.in.errorf("equality constraint endpoint '%s' binds to a %s column; only scalar and descriptor columns unify", bc.col.SourcePath, bc.col.Kind)
			}
		}
		aPath, bPath, aB, bB := ordered(c, left[0], right[0])
		if left[0].table != right[0].table {
			diag.Ignored = append(diag.Ignored, IgnoredEquality{EndpointAPath: aPath, EndpointBPath: bPath, Reason: "cross_table",
				EndpointA: EndpointBinding{aB.table.Name, aB.col.Name}, EndpointB: EndpointBinding{bB.table.Name, bB.col.Name}})
			continue
		}
		if sameBound(left, right) {
			diag.Redundant = append(diag.Redundant, RedundantEquality{EndpointAPath: aPath, EndpointBPath: bPath, Binding: EndpointBinding{aB.table.Name, aB.col.Name}})
			continue
		}
		seenEdge := map[[2]string]bool{}
		for _, l := range left {
			for _, r := range right {
				if l.col == r.col || seenEdge[[2]string{l.col.Name, r.col.Name}] {
					continue
				}
				seenEdge[[2]string{l.col.Name, r.col.Name}] = true
				addEdge(edge{l, r})
				ap, bp, ab, bb := ordered(c, l, r)
				applied = append(applied, appliedCandidate{ap, bp, l.table, ab.col.Name, bb.col.Name})
			}
		}
	}
	for _, t := range tableOrder {
		var pairs [][2]string
		for _, e := range edgesByTable[t] {
			pairs = append(pairs, [2]string{e.a.col.Name, e.b.col.Name})
		}
		if err := b.unifyTable(rb, t, pairs); err != nil {
			return err
		}
	}
	for _, a := range applied {
		ca, cb := storedColumn(a.table, a.aCol), storedColumn(a.table, a.bCol)
		if ca != cb {
			return rb.in.errorf("key unification mapped '%s' and '%s' to different canonical columns", a.aCol, a.bCol)
		}
		diag.Applied = append(diag.Applied, AppliedEquality{EndpointAPath: a.aPath, EndpointBPath: a.bPath, Table: a.table.Name,
			EndpointAColumn: a.aCol, EndpointBColumn: a.bCol, CanonicalColumn: ca})
	}
	sort.SliceStable(diag.Applied, func(i, j int) bool {
		x, y := diag.Applied[i], diag.Applied[j]
		return lessKeys([]string{x.EndpointAPath, x.EndpointBPath, x.Table.Schema, x.Table.Name, x.EndpointAColumn, x.EndpointBColumn},
			[]string{y.EndpointAPath, y.EndpointBPath, y.Table.Schema, y.Table.Name, y.EndpointAColumn, y.EndpointBColumn})
	})
	sort.SliceStable(diag.Redundant, func(i, j int) bool {
		x, y := diag.Redundant[i], diag.Redundant[j]
		return lessKeys([]string{x.EndpointAPath, x.EndpointBPath, x.Binding.Table.Schema, x.Binding.Table.Name, x.Binding.Column},
			[]string{y.EndpointAPath, y.EndpointBPath, y.Binding.Table.Schema, y.Binding.Table.Name, y.Binding.Column})
	})
	sort.SliceStable(diag.Ignored, func(i, j int) bool {
		x, y := diag.Ignored[i], diag.Ignored[j]
		return lessKeys([]string{x.EndpointAPath, x.EndpointBPath, x.Reason, x.EndpointA.Table.Schema, x.EndpointA.Table.Name, x.EndpointA.Column, x.EndpointB.Table.Schema, x.EndpointB.Table.Name, x.EndpointB.Column},
			[]string{y.EndpointAPath, y.EndpointBPath, y.Reason, y.EndpointA.Table.Schema, y.EndpointA.Table.Name, y.EndpointA.Column, y.EndpointB.Table.Schema, y.EndpointB.Table.Name, y.EndpointB.Column})
	})
	sort.SliceStable(diag.Skipped, func(i, j int) bool {
		x, y := diag.Skipped[i], diag.Skipped[j]
		return lessKeys([]string{x.SourcePath, x.TargetPath, x.UnresolvedEndpoint}, []string{y.SourcePath, y.TargetPath, y.UnresolvedEndpoint})
	})
	return nil
}

// unifyTable merges connected member columns into canonical columns.
func (b *builder) unifyTable(rb *resourceBuild, t *Table, pairs [][2]string) error {
	parent := map[string]string{}
	find := func(x string) string {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for _, p := range pairs {
		for _, x := range p {
			if _, ok := parent[x]; !ok {
				parent[x] = x
			}
		}
		ra, rz := find(p[0]), find(p[1])
		if ra != rz {
			if ordinalLess(rz, ra) {
				ra, rz = rz, ra
			}
			parent[rz] = ra
		}
	}
	groups := map[string][]string{}
	for x := range parent {
		r := find(x)
		groups[r] = append(groups[r], x)
	}
	var comps [][]string
	for _, g := range groups {
		sortStrings(g)
		comps = append(comps, g)
	}
	sort.Slice(comps, func(i, j int) bool {
		x, y := comps[i], comps[j]
		if x[0] != y[0] {
			return ordinalLess(x[0], y[0])
		}
		if len(x) != len(y) {
			return len(x) < len(y)
		}
		for k := range x {
			if x[k] != y[k] {
				return ordinalLess(x[k], y[k])
			}
		}
		return false
	})
	existing := map[string]bool{}
	for _, c := range t.Columns {
		existing[c.Name] = true
	}
	refs := map[string]*DocumentReferenceBinding{}
	for i := range rb.res.References {
		ref := &rb.res.References[i]
		if ref.Table != t.Name {
			continue
		}
		for _, ib := range ref.IdentityBindings {
			refs[ib.ReferenceJSONPath] = ref
		}
	}
	var synthetic []string
	for _, comp := range comps {
		members := make([]*Column, 0, len(comp))
		for _, name := range comp {
			members = append(members, t.Column(name))
		}
		sort.SliceStable(members, func(i, j int) bool {
			if members[i].SourcePath != members[j].SourcePath {
				return ordinalLess(members[i].SourcePath, members[j].SourcePath)
			}
			return ordinalLess(members[i].Name, members[j].Name)
		})
		if len(members) < 2 {
			continue
		}
		first := members[0]
		for _, m := range members[1:] {
			if m.Kind != first.Kind || !sameTarget(m.TargetResource, first.TargetResource) || *m.Type != *first.Type {
				return rb.in.errorf("key unification members %s and %s of table %s differ in kind or type", first.Name, m.Name, t.Name)
			}
		}
		base, err := memberBaseToken(rb, t, first, refs)
		if err != nil {
			return err
		}
		suffix := "_Unified"
		if first.Kind == ColDescriptorFk {
			suffix = "_Unified_DescriptorId"
		}
		var paths []string
		for _, m := range members {
			paths = append(paths, m.SourcePath)
		}
		sortStrings(paths)
		canonical := allocateName(existing, base+suffix, func(i int) string {
			h := hash8("key-unification-canonical-name:v1\n" + strings.Join(paths, "\n"))
			if i == 1 {
				return base + "_U" + h + suffix
			}
			return base + "_U" + h + "_" + itoa(i) + suffix
		})
		nullable := true
		for _, m := range members {
			nullable = nullable && m.Nullable
		}
		typ := *first.Type
		t.Columns = append(t.Columns, &Column{Name: canonical, Kind: first.Kind, Type: &typ, Nullable: nullable, TargetResource: first.TargetResource})
		var memberNames []string
		for _, m := range members {
			presence := ""
			if ref, ok := refs[m.SourcePath]; ok {
				presence = ref.FkColumn
			} else if m.Nullable {
				path := m.SourcePath
				presence = allocateName(existing, m.Name+"_Present", func(i int) string {
					h := hash8("key-unification-presence-name:v1\n" + path)
					if i == 1 {
						return m.Name + "_U" + h + "_Present"
					}
					return m.Name + "_U" + h + "_" + itoa(i) + "_Present"
				})
				t.Columns = append(t.Columns, &Column{Name: presence, Kind: ColScalar, Type: &ScalarType{Kind: KindBoolean}, Nullable: true})
				synthetic = append(synthetic, presence)
			}
			m.Storage = Storage{UnifiedAlias: true, CanonicalColumn: canonical, PresenceColumn: presence}
			memberNames = append(memberNames, m.Name)
		}
		t.KeyUnificationClasses = append(t.KeyUnificationClasses, KeyUnificationClass{CanonicalColumn: canonical, MemberPathColumns: memberNames})
	}
	sortStrings(synthetic)
	for _, p := range synthetic {
		t.Constraints = append(t.Constraints, &Constraint{Kind: ConNullOrTrue, Name: constraintName("CK", t.Name, p, "NullOrTrue"), Column: p})
	}
	sort.SliceStable(t.KeyUnificationClasses, func(i, j int) bool {
		return ordinalLess(t.KeyUnificationClasses[i].CanonicalColumn, t.KeyUnificationClasses[j].CanonicalColumn)
	})
	return nil
}

// allocateName reserves name, or the first free alternative alt(1), alt(2)...
func allocateName(existing map[string]bool, name string, alt func(int) string) string {
	for i := 0; existing[name]; i++ {
		name = alt(i + 1)
	}
	existing[name] = true
	return name
}

func itoa(i int) string {
	const digits = "0123456789"
	if i < 10 {
		return digits[i : i+1]
	}
	return itoa(i/10) + digits[i%10:i%10+1]
}

// memberBaseToken names a canonical column after the first member's path
// below its reference object (for reference identity parts) or table scope.
func memberBaseToken(rb *resourceBuild, t *Table, member *Column, refs map[string]*DocumentReferenceBinding) (string, error) {
	source := mustPath(member.SourcePath)
	prefix := mustPath(t.Scope)
	if ref, ok := refs[member.SourcePath]; ok {
		prefix = mustPath(ref.ReferenceObjectPath)
	}
	if !source.hasPrefix(prefix) {
		return "", rb.in.errorf("key unification member path '%s' is not under '%s'", source, prefix)
	}
	rel := source[len(prefix):]
	var b strings.Builder
	for _, s := range rel {
		if s == anyElement {
			return "", rb.in.errorf("key unification member path '%s' has a wildcard below its scope", source)
		}
		b.WriteString(pascalCase(s))
	}
	if b.Len() > 0 {
		return b.String(), nil
	}
	if leaf := lastProperty(prefix); leaf != "" {
		return pascalCase(singularize(leaf)), nil
	}
	return "", rb.in.errorf("key unification member path '%s' has no property to name its canonical column", source)
}

// descriptorForeignKeys regenerates the descriptor FKs of every table: one FK
// per stored descriptor column (a unified canonical column serves all its
// aliases), recording where several binding columns share one FK.
func (b *builder) descriptorForeignKeys() error {
	for _, rb := range b.builds {
		for _, t := range rb.res.Tables {
			groups := map[string][]string{}
			var order []string
			var cols []*Column
			for _, c := range t.Columns {
				if c.Kind == ColDescriptorFk {
					cols = append(cols, c)
				}
			}
			sort.SliceStable(cols, func(i, j int) bool { return ordinalLess(cols[i].Name, cols[j].Name) })
			for _, c := range cols {
				storage := c.Name
				if c.Storage.UnifiedAlias {
					storage = c.Storage.CanonicalColumn
				}
				if _, ok := groups[storage]; !ok {
					order = append(order, storage)
					groups[storage] = nil
				}
				if c.SourcePath != "" {
					groups[storage] = append(groups[storage], c.Name)
				}
			}
			sortStrings(order)
			kept := t.Constraints[:0]
			for _, c := range t.Constraints {
				if c.Kind == ConForeignKey && c.TargetTable == descriptorTable && len(c.TargetColumns) == 1 && c.TargetColumns[0] == colDocumentID {
					continue
				}
				kept = append(kept, c)
			}
			t.Constraints = kept
			t.DescriptorFKDeduplications = nil
			for _, s := range order {
				if bindings := groups[s]; len(bindings) > 1 {
					sortStrings(bindings)
					t.DescriptorFKDeduplications = append(t.DescriptorFKDeduplications, DescriptorFKDeduplication{StorageColumn: s, BindingColumns: bindings})
				}
				t.Constraints = append(t.Constraints, &Constraint{
					Kind: ConForeignKey, Name: constraintName("FK", t.Name, strings.TrimSuffix(s, "_DescriptorId")),
					Columns: []string{s}, TargetTable: descriptorTable, TargetColumns: []string{colDocumentID},
					OnDelete: NoAction, OnUpdate: NoAction,
				})
			}
		}
	}
	return nil
}

func sameBound(a, b []boundColumn) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].table != b[i].table || a[i].col != b[i].col {
			return false
		}
	}
	return true
}
