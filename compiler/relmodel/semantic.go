package relmodel

import (
	"fmt"
	"sort"

	"github.com/edfi-dmsc/dmsc/compiler/jsonx"
)

// uniquenessConstraint is one arrayUniquenessConstraints entry with its
// nested constraints resolved to absolute paths.
type uniquenessConstraint struct {
	paths  []jsonPath
	nested []uniquenessConstraint
}

// relativeTo renders path below scope as a `$`-rooted relative path.
func relativeTo(scope, path jsonPath) string { return jsonPath(path[len(scope):]).String() }

// semanticIdentity compiles each collection's semantic identity: from the
// arrayUniquenessConstraints of the resource and its extensions, else from
// the single document reference bound in that scope. Under strict derivation
// a persisted collection without one fails.
func (b *builder) semanticIdentity() error {
	for _, rb := range b.builds {
		if rb.res.StorageKind != RelationalTables {
			continue
		}
		for _, owner := range b.referenceOwners(rb) {
			cs, err := parseUniqueness(owner)
			if err != nil {
				return err
			}
			for _, c := range cs {
				if err := b.applyUniqueness(rb, owner, c); err != nil {
					return err
				}
			}
		}
		for _, t := range rb.res.Tables {
			if !persistedCollection(t) || len(t.Identity.SemanticIdentity) > 0 {
				continue
			}
			var candidates []DocumentReferenceBinding
			for _, ref := range rb.res.References {
				if ref.Table == t.Name && len(ref.IdentityBindings) > 0 {
					candidates = append(candidates, ref)
				}
			}
			if len(candidates) != 1 {
				continue
			}
			scope := mustPath(t.Scope)
			for _, ib := range candidates[0].IdentityBindings {
				t.Identity.SemanticIdentity = append(t.Identity.SemanticIdentity, SemanticIdentityBinding{
					RelativePath: relativeTo(scope, mustPath(ib.ReferenceJSONPath)), Column: candidates[0].FkColumn,
				})
			}
		}
		if !b.strict {
			continue
		}
		for _, t := range rb.res.Tables {
			if persistedCollection(t) && len(t.Identity.SemanticIdentity) == 0 {
				return fmt.Errorf("relational model: persisted multi-item scope '%s' on resource '%s' did not compile a non-empty semantic identity; add an applicable arrayUniquenessConstraints entry for this scope (or make it reference-backed by exactly one scope-local document reference)",
					t.Scope, rb.res.Name)
			}
		}
	}
	return nil
}

func persistedCollection(t *Table) bool {
	k := t.Identity.TableKind
	return (k == TableCollection || k == TableExtensionCollection) && t.Column(colOrdinal) != nil
}

func parseUniqueness(in *resourceInput) ([]uniquenessConstraint, error) {
	var out []uniquenessConstraint
	for i, c := range in.schema.Get("arrayUniquenessConstraints").ArrayItems() {
		uc, err := parseOneUniqueness(in, c, nil, fmt.Sprintf("arrayUniquenessConstraints[%d]", i))
		if err != nil {
			return nil, err
		}
		out = append(out, uc)
	}
	return out, nil
}

func parseOneUniqueness(in *resourceInput, c *jsonx.Value, base jsonPath, at string) (uniquenessConstraint, error) {
	var uc uniquenessConstraint
	for j, v := range c.Get("paths").ArrayItems() {
		s, _ := v.Str()
		p, err := parsePath(s)
		if err != nil {
			return uc, in.errorf("%s.paths[%d]: %v", at, j, err)
		}
		if base != nil {
			p = append(append(jsonPath{}, base...), p...)
		}
		uc.paths = append(uc.paths, p)
	}
	for j, n := range c.Get("nestedConstraints").ArrayItems() {
		bs, _ := n.Get("basePath").Str()
		bp, err := parsePath(bs)
		if err != nil {
			return uc, in.errorf("%s.nestedConstraints[%d].basePath: %v", at, j, err)
		}
		nc, err := parseOneUniqueness(in, n, bp, fmt.Sprintf("%s.nestedConstraints[%d]", at, j))
		if err != nil {
			return uc, err
		}
		uc.nested = append(uc.nested, nc)
	}
	return uc, nil
}

func arrayScopeOf(p jsonPath) (jsonPath, bool) {
	last := -1
	for i, s := range p {
		if s == anyElement {
			last = i
		}
	}
	if last < 0 {
		return nil, false
	}
	return p[:last+1], true
}

// stripExtensionRoot turns `$._ext.{project}.rest` into `$.rest`.
func stripExtensionRoot(p jsonPath) (jsonPath, bool) {
	if len(p) >= 2 && p[0] == "_ext" && p[1] != anyElement {
		return p[2:], true
	}
	return nil, false
}

func (b *builder) applyUniqueness(rb *resourceBuild, owner *resourceInput, c uniquenessConstraint) error {
	groups := map[string][]jsonPath{}
	var scopes []string
	for _, p := range c.paths {
		scope, ok := arrayScopeOf(p)
		if !ok {
			return owner.errorf("arrayUniquenessConstraints path '%s' must include an array wildcard segment", p)
		}
		k := scope.String()
		if _, seen := groups[k]; !seen {
			scopes = append(scopes, k)
		}
		groups[k] = append(groups[k], p)
	}
	sort.Slice(scopes, func(i, j int) bool { return ordinalLess(scopes[i], scopes[j]) })
	refs := referenceByIdentityPath(rb.res)
	for _, k := range scopes {
		paths := groups[k]
		scope := mustPath(k)
		ts, ok := rb.tables[k]
		if !ok {
			if stripped, ok2 := stripExtensionRoot(scope); ok2 {
				if ts2, ok3 := rb.tables[stripped.String()]; ok3 {
					ts, scope = ts2, stripped
					var sp []jsonPath
					for _, p := range paths {
						s, _ := stripExtensionRoot(p)
						sp = append(sp, s)
					}
					paths = sp
					ok = true
				}
			}
		}
		if !ok {
			return owner.errorf("arrayUniquenessConstraints scope '%s' did not map to a child table", k)
		}
		t := ts.table
		var bindings []SemanticIdentityBinding
		for _, p := range paths {
			canonical := p.String()
			col := ""
			if ref, ok := refs[canonical]; ok && ref.Table == t.Name {
				col = ref.FkColumn
			} else if c := columnBySource(t, canonical); c != nil {
				col = c.Name
			}
			if col == "" {
				return owner.errorf("arrayUniquenessConstraints path '%s' did not map to a column of table %s", canonical, t.Name)
			}
			bindings = append(bindings, SemanticIdentityBinding{RelativePath: relativeTo(scope, p), Column: col})
		}
		if len(t.Identity.SemanticIdentity) > 0 && !sameBindings(t.Identity.SemanticIdentity, bindings) {
			return owner.errorf("arrayUniquenessConstraints give scope '%s' two different semantic identities", k)
		}
		t.Identity.SemanticIdentity = bindings
	}
	for _, n := range c.nested {
		if err := b.applyUniqueness(rb, owner, n); err != nil {
			return err
		}
	}
	return nil
}

func sameBindings(a, b []SemanticIdentityBinding) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func columnBySource(t *Table, path string) *Column {
	for _, c := range t.Columns {
		if c.SourcePath == path {
			return c
		}
	}
	return nil
}
