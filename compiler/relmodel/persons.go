package relmodel

import (
	"slices"
	"strings"
)

// personKinds are the person securable element kinds, in tracking order.
var personKinds = []string{"Student", "Contact", "Staff"}

// selfPersonIdentityPaths are the identity paths of the person resources
// themselves, tracked as the person's own DocumentId.
var selfPersonIdentityPaths = map[string]string{
	"Student": "$.studentUniqueId", "Contact": "$.contactUniqueId", "Staff": "$.staffUniqueId",
}

func (b *builder) isPersonResource(r ResourceName, kind string) bool {
	return r.Project == b.set.Core().ProjectName && r.Resource == kind
}

// addPersonColumns tracks, per person securable element, the DocumentId of
// the person reached through the shortest chain of root-table references.
func (b *builder) addPersonColumns(rb *resourceBuild, tt *TrackedChangeTable, add func(TrackedChangeValueColumn)) error {
	for _, kind := range personKinds {
		for _, path := range rb.in.securablePersons[kind] {
			if strings.Contains(path, anyElement) {
				continue // person paths are followed from root-table bindings only
			}
			chain := b.personChain(rb, path, kind)
			if chain == nil {
				if b.isPersonResource(rb.res.Name, kind) && path == selfPersonIdentityPaths[kind] {
					add(TrackedChangeValueColumn{OldColumn: "Old" + kind + "_DocumentId", NewColumn: "New" + kind + "_DocumentId",
						SourceJSONPath: path, CanonicalStorageColumn: colDocumentID, IsNewNullable: true,
						Type: ScalarType{Kind: KindInt64}, Role: "PersonDocumentId", Origin: "SecurableElement"})
					continue
				}
				return rb.in.errorf("tracked-change derivation: %s securable path '%s' could not be resolved to a person join", kind, path)
			}
			var parts []string
			oldNullable := false
			for _, st := range chain {
				parts = append(parts, strings.TrimSuffix(st.SourceColumn, "_DocumentId"))
				if t := b.tableByName(st.SourceTable); t != nil {
					if c := t.Column(st.SourceColumn); c != nil && c.Nullable {
						oldNullable = true
					}
				}
			}
			name := strings.Join(parts, "_")
			i := slices.IndexFunc(tt.PersonJoins, func(j TrackedChangePersonJoin) bool { return j.Name == name })
			if i < 0 {
				tt.PersonJoins = append(tt.PersonJoins, TrackedChangePersonJoin{Name: name, PersonKind: kind, Path: chain})
			} else if tt.PersonJoins[i].PersonKind != kind || !slices.Equal(tt.PersonJoins[i].Path, chain) {
				return rb.in.errorf("tracked-change person join name '%s' resolves to conflicting join paths", name)
			}
			add(TrackedChangeValueColumn{OldColumn: "Old" + name + "_DocumentId", NewColumn: "New" + name + "_DocumentId",
				SourceJSONPath: path, IsOldNullable: oldNullable, IsNewNullable: true, Type: ScalarType{Kind: KindInt64},
				Role: "PersonDocumentId", Origin: "SecurableElement", PersonJoinName: name})
		}
	}
	slices.SortStableFunc(tt.PersonJoins, func(x, y TrackedChangePersonJoin) int { return compareOrdinal(x.Name, y.Name) })
	return nil
}

func (b *builder) tableByName(n TableName) *Table {
	for _, rb := range b.builds {
		for _, t := range rb.res.Tables {
			if t.Name == n {
				return t
			}
		}
	}
	return nil
}

// rootBindingByPath finds the root-table reference carrying a local path.
func rootBindingByPath(rb *resourceBuild, path string) *DocumentReferenceBinding {
	root := rb.res.Root()
	for i := range rb.res.References {
		ref := &rb.res.References[i]
		if ref.Table != root.Name {
			continue
		}
		for _, ib := range ref.IdentityBindings {
			if ib.ReferenceJSONPath == path {
				return ref
			}
		}
	}
	return nil
}

// personChain resolves the reference chain from a resource's root through
// person securable paths to the person resource, or nil.
func (b *builder) personChain(rb *resourceBuild, path, kind string) []JoinStep {
	ref := rootBindingByPath(rb, path)
	if ref == nil {
		return nil
	}
	target := b.byName[ref.TargetResource]
	if target == nil || target.res.StorageKind != RelationalTables {
		return nil
	}
	root := rb.res.Root()
	first := JoinStep{SourceTable: root.Name, SourceColumn: storedColumn(root, ref.FkColumn), TargetTable: target.res.Root().Name, TargetColumn: colDocumentID}
	if b.isPersonResource(ref.TargetResource, kind) {
		return []JoinStep{first}
	}
	visited := map[ResourceName]bool{rb.res.Name: true, ref.TargetResource: true}
	tail := b.personContinuation(target, kind, visited)
	if tail == nil {
		return nil
	}
	return append([]JoinStep{first}, tail...)
}

// personContinuation finds the shortest chain from a resource to the person
// along that resource's own person securable paths; an empty non-nil chain
// means the resource is the person.
func (b *builder) personContinuation(rb *resourceBuild, kind string, visited map[ResourceName]bool) []JoinStep {
	if b.isPersonResource(rb.res.Name, kind) {
		return []JoinStep{}
	}
	var best []JoinStep
	for _, path := range rb.in.securablePersons[kind] {
		if strings.Contains(path, anyElement) {
			continue
		}
		ref := rootBindingByPath(rb, path)
		if ref == nil || visited[ref.TargetResource] {
			continue
		}
		next := b.byName[ref.TargetResource]
		if next == nil || next.res.StorageKind != RelationalTables {
			continue
		}
		visited[ref.TargetResource] = true
		tail := b.personContinuation(next, kind, visited)
		delete(visited, ref.TargetResource)
		if tail == nil {
			continue
		}
		root := rb.res.Root()
		candidate := append([]JoinStep{{SourceTable: root.Name, SourceColumn: storedColumn(root, ref.FkColumn), TargetTable: next.res.Root().Name, TargetColumn: colDocumentID}}, tail...)
		if best == nil || len(candidate) < len(best) {
			best = candidate
		}
	}
	return best
}
