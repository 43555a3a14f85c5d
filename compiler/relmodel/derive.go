package relmodel

import (
	"fmt"
	"sort"
	"strings"

	"github.com/edfi-dmsc/dmsc/compiler/effschema"
	"github.com/edfi-dmsc/dmsc/compiler/load"
)

// builder carries the set-level derivation state through the passes.
type builder struct {
	dialect Dialect
	strict  bool
	info    *effschema.Info
	set     *load.SchemaSet

	inputs   []*resourceInput // every resourceSchemas entry, by (project, resource)
	builds   []*resourceBuild // non-extension resources, by (project, resource)
	byName   map[ResourceName]*resourceBuild
	inputsBy map[ResourceName]*resourceInput // non-extension inputs

	abstract map[ResourceName]*AbstractIdentityTable
	// descriptorPathsMemo caches descriptor paths including those reached
	// through reference identities.
	descriptorPathsMemo map[ResourceName]map[string]ResourceName
	transitiveUpdates   map[ResourceName]bool

	out *ModelSet
}

// Derive builds the dialect-specific, SQL-free relational model of a schema set.
// strict selects the reference's strict pass set (integration fixtures, real
// schemas); false = its default/permissive set (synthetic small/ and focused/
// fixtures). Strict additionally requires every persisted collection to have
// a semantic identity.
//
// The passes run in the reference's order (design epic 01-08): each reads
// the state earlier passes left and the last two rename identifiers to the
// dialect limit and put everything in canonical order.
func Derive(set *load.SchemaSet, info *effschema.Info, dialect Dialect, strict bool) (*ModelSet, error) {
	if dialect != PGSQL && dialect != MSSQL {
		return nil, fmt.Errorf("relational model: unknown dialect %q (want pgsql or mssql)", dialect)
	}
	b := &builder{
		dialect: dialect, strict: strict, info: info, set: set,
		byName: map[ResourceName]*resourceBuild{}, inputsBy: map[ResourceName]*resourceInput{},
		descriptorPathsMemo: map[ResourceName]map[string]ResourceName{},
		out: &ModelSet{
			Dialect: dialect, EffectiveSchemaHash: info.EffectiveSchemaHash,
			RelationalMappingVersion: info.RelationalMappingVersion,
		},
	}
	passes := []func() error{
		b.collect,
		b.baseTraversal,
		b.extensionTables,
		b.referenceBinding,
		b.checkOverrides,
		b.keyUnification,
		b.abstractIdentityTables,
		b.rootIdentityConstraints,
		b.transitiveIdentityMutability,
		b.referenceConstraints,
		b.semanticIdentity,
		b.stableCollectionConstraints,
		b.descriptorForeignKeys,
		b.mssqlForeignKeyActions,
		b.constraintDialectHashing,
		b.contentVersionMirror,
		b.indexInventory,
		b.triggerInventory,
		b.trackedChangeInventory,
		b.authHierarchy,
		b.authorizationIndexes,
		b.peopleAuthViews,
		b.identifierShortening,
		b.canonicalOrdering,
	}
	for _, pass := range passes {
		if err := pass(); err != nil {
			return nil, err
		}
	}
	return b.out, nil
}

// collect reads the inputs and projects and checks cross-resource references.
func (b *builder) collect() error {
	inputs, err := collectInputs(b.set)
	if err != nil {
		return err
	}
	b.inputs = inputs
	for _, in := range inputs {
		if in.isExtension {
			continue
		}
		if _, dup := b.inputsBy[in.name]; dup {
			return in.errorf("resource is defined twice")
		}
		b.inputsBy[in.name] = in
	}
	for _, in := range inputs {
		for _, r := range in.references {
			if _, ok := b.inputsBy[r.target]; !ok && !b.isAbstractName(r.target) {
				return in.errorf("documentPathsMapping entry %q references resource %s, which no project of the schema set defines", r.key, r.target)
			}
		}
		for path, d := range in.descriptorPaths {
			if _, ok := b.inputsBy[d]; !ok {
				return in.errorf("descriptor path %s references descriptor %s, which no project of the schema set defines", path, d)
			}
		}
		if in.isExtension {
			if !in.project.IsExtension {
				return in.errorf("resource extension must be defined in an extension project")
			}
			if _, err := b.extensionBaseName(in); err != nil {
				return err
			}
		}
	}
	for _, p := range b.set.Projects {
		b.out.Projects = append(b.out.Projects, Project{
			EndpointName: p.EndpointName, ProjectName: p.ProjectName, ProjectVersion: p.ProjectVersion,
			IsExtension: p.IsExtension, PhysicalSchema: p.PhysicalSchema,
		})
	}
	sort.SliceStable(b.out.Projects, func(i, j int) bool {
		return ordinalLess(b.out.Projects[i].EndpointName, b.out.Projects[j].EndpointName)
	})
	return nil
}

// isAbstractName reports whether a project declares the resource abstract.
func (b *builder) isAbstractName(r ResourceName) bool {
	for _, p := range b.set.Projects {
		if p.ProjectName != r.Project {
			continue
		}
		if p.Schema.Get("abstractResources").Get(r.Resource) != nil {
			return true
		}
	}
	return false
}

// extensionBaseName resolves the resource a resource extension extends: the
// core project's resource of that name, else the only non-extension resource
// with that name.
func (b *builder) extensionBaseName(in *resourceInput) (ResourceName, error) {
	core := ResourceName{Project: b.set.Core().ProjectName, Resource: in.name.Resource}
	if _, ok := b.inputsBy[core]; ok {
		return core, nil
	}
	var found []ResourceName
	for name := range b.inputsBy {
		if name.Resource == in.name.Resource {
			found = append(found, name)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return ResourceName{}, in.errorf("resource extension extends %s, which no project of the schema set defines", in.name.Resource)
	}
	return ResourceName{}, in.errorf("resource extension extends %s, which several projects define", in.name.Resource)
}

// baseTraversal derives every non-extension resource's tables and columns.
func (b *builder) baseTraversal() error {
	for _, in := range b.inputs {
		if in.isExtension {
			continue
		}
		rb, err := b.buildResource(in)
		if err != nil {
			return err
		}
		b.builds = append(b.builds, rb)
		b.byName[in.name] = rb
	}
	return nil
}

// allDescriptorPaths returns a resource's descriptor values by path,
// including descriptor identities reached through its references.
func (b *builder) allDescriptorPaths(r ResourceName) map[string]ResourceName {
	if m, ok := b.descriptorPathsMemo[r]; ok {
		return m
	}
	in := b.inputsBy[r]
	out := map[string]ResourceName{}
	b.descriptorPathsMemo[r] = out // breaks reference cycles
	if in == nil {
		// An abstract resource's values are its concrete members' values.
		for _, sub := range b.inputs {
			if sub.superclass != nil && *sub.superclass == r && !sub.isExtension {
				for k, v := range b.allDescriptorPaths(sub.name) {
					out[k] = v
				}
			}
		}
		return out
	}
	for k, v := range in.descriptorPaths {
		out[k] = v
	}
	for _, ref := range in.references {
		target := b.allDescriptorPaths(ref.target)
		for _, bd := range ref.bindings {
			if d, ok := target[bd.identityPath.String()]; ok {
				out[bd.referencePath.String()] = d
			}
		}
	}
	return out
}

// resources lists the concrete resources in name order.
func (b *builder) resources() []*Resource {
	out := make([]*Resource, len(b.builds))
	for i, rb := range b.builds {
		out[i] = rb.res
	}
	return out
}

func joinQuoted(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = "'" + s + "'"
	}
	return strings.Join(q, ", ")
}

// checkOverrides fails on relational.nameOverrides keys that matched no
// derived table, column or reference.
func (b *builder) checkOverrides() error {
	for _, in := range b.inputs {
		if unused := in.unusedOverrides(); len(unused) > 0 {
			return in.errorf("relational.nameOverrides entries %s did not match any derived columns or collection scopes", strings.Join(unused, ", "))
		}
	}
	return nil
}

// setErrorf reports a problem that belongs to the schema set as a whole.
func setErrorf(format string, args ...any) error {
	return fmt.Errorf("relational model: "+format, args...)
}
