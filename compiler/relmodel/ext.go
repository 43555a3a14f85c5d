package relmodel

import (
	"strings"

	"github.com/edfi-dmsc/dmsc/compiler/jsonx"
)

// extensionWalk derives the `_ext` tables one resource extension contributes
// to its base resource.
type extensionWalk struct {
	base        *resourceBuild
	ext         *resourceInput
	extRootBase string
}

// extensionTables derives root `_ext` tables, collection-aligned `_ext` scope
// tables and extension child collections for every resource extension.
func (b *builder) extensionTables() error {
	for _, in := range b.inputs {
		if !in.isExtension {
			continue
		}
		name, err := b.extensionBaseName(in)
		if err != nil {
			return err
		}
		base := b.byName[name]
		if base.res.StorageKind != RelationalTables {
			return in.errorf("resource extension extends descriptor %s, which is stored in dms.Descriptor", base.res.Name)
		}
		if err := validateKeywords(in, in.insertSchema, "$"); err != nil {
			return err
		}
		ew := &extensionWalk{base: base, ext: in, extRootBase: base.res.Root().Name.Name + "Extension"}
		w := newWalker(base, in)
		w.ext = ew
		if err := w.walkObject(in.insertSchema, nil, nil, nil, "$", false); err != nil {
			return err
		}
	}
	return nil
}

// projectKey resolves the `_ext` member naming this extension's project: by
// endpoint name, else by project name (both case-insensitive).
func (e *extensionWalk) projectKey(props *jsonx.Value, at string) (string, error) {
	for _, want := range []string{e.ext.project.EndpointName, e.ext.project.ProjectName} {
		for _, m := range props.Members {
			if strings.EqualFold(m.Key, want) {
				return m.Key, nil
			}
		}
	}
	var keys []string
	for _, m := range props.Members {
		keys = append(keys, m.Key)
	}
	return "", e.ext.errorf("no _ext project key at %s matches extension project '%s' (endpoint '%s'); found %s",
		at, e.ext.project.ProjectName, e.ext.project.EndpointName, joinQuoted(keys))
}

// handleExtension enters `_ext.{project}` below owning and walks its
// properties into the extension table for that scope.
func (e *extensionWalk) handleExtension(w *walker, extSchema *jsonx.Value, owning jsonPath, schemaAt string, required map[string]bool, optionalAncestor bool) error {
	at := schemaAt + ".properties._ext"
	props := extSchema.Get("properties")
	if props == nil || props.Kind != jsonx.Object {
		return e.ext.errorf("expected extension site properties at %s", at)
	}
	key, err := e.projectKey(props, at)
	if err != nil {
		return err
	}
	projSchema := props.Get(key)
	if projSchema == nil || projSchema.Kind != jsonx.Object {
		return e.ext.errorf("expected extension project schema to be an object at %s.%s", at, key)
	}
	projAt := at + ".properties." + key
	if err := validateKeywords(e.ext, projSchema, projAt); err != nil {
		return err
	}
	extOptional := optionalAncestor || !required["_ext"] || extSchema.Get("x-nullable").BoolOr(false)
	projOptional := extOptional || !requiredSet(extSchema)[key] || projSchema.Get("x-nullable").BoolOr(false)
	projectPath := owning.child("_ext").child(key)
	ts, err := e.extensionScopeTable(owning, key, projectPath)
	if err != nil {
		return err
	}
	return w.walkObject(projSchema, ts, projectPath, nil, projAt, projOptional)
}

// override looks a path up in the extension's and the base's overrides;
// both naming the same element is a conflict.
func (e *extensionWalk) override(canonical string) (string, bool, error) {
	o, ok := e.ext.override(canonical)
	bo, bok := e.base.in.override(canonical)
	switch {
	case ok && bok:
		return "", false, e.ext.errorf("relational.nameOverrides entries on %s and %s target the same derived element '%s'",
			e.ext.label(), e.base.in.label(), canonical)
	case ok:
		return o, true, nil
	}
	return bo, bok, nil
}

// collectionName names an extension collection segment, applying overrides.
func (e *extensionWalk) collectionName(prop string, arrayPath jsonPath, parentSuffix string) (string, error) {
	def := collectionBaseName(prop)
	o, ok, err := e.override(arrayPath.String())
	if err != nil || !ok {
		return def, err
	}
	super := ""
	if e.ext.superclass != nil && o != def {
		super = pascalCase(e.ext.superclass.Resource)
	}
	return resolveCollectionOverride(e.ext, o, arrayPath.String(),
		collectionOverridePrefixes(e.extRootBase, parentSuffix, e.base.rootBase, super))
}

// extensionScopeTable returns (creating once) the table of `_ext.{project}`
// at owning: the root extension table, or the table aligned to the base
// collection the scope belongs to.
func (e *extensionWalk) extensionScopeTable(owning jsonPath, key string, projectPath jsonPath) (*tableState, error) {
	if ts, ok := e.base.tables[projectPath.String()]; ok {
		return ts, nil
	}
	baseSegs := owning
	if len(owning) >= 2 && owning[0] == "_ext" && strings.EqualFold(owning[1], key) {
		baseSegs = owning[2:]
	}
	baseScope, ok := arrayScopeOf(baseSegs)
	if !ok {
		baseScope = jsonPath{}
	}
	baseTS, ok := e.base.tables[baseScope.String()]
	if !ok {
		return nil, e.ext.errorf("extension scope %s aligns to base scope %s, but the base resource has no table for it", projectPath, baseScope)
	}
	ts := &tableState{}
	for i := 0; i+1 < len(baseScope); i++ {
		if baseScope[i] != anyElement && baseScope[i+1] == anyElement {
			name, err := e.collectionName(baseScope[i], baseScope[:i+2], strings.Join(ts.collectionNames, ""))
			if err != nil {
				return nil, err
			}
			ts.collectionNames = append(ts.collectionNames, name)
		}
	}
	name := TableName{Schema: e.ext.project.PhysicalSchema, Name: e.extRootBase + strings.Join(ts.collectionNames, "")}
	var t *Table
	if len(ts.collectionNames) == 0 {
		md := IdentityMetadata{TableKind: TableRootExtension, PhysicalRowIdentity: []string{colDocumentID},
			RootScopeLocator: []string{colDocumentID}, ImmediateParentScopeLocator: []string{colDocumentID}}
		t = newTable(name, projectPath.String(), md, ColParentKeyPart)
	} else {
		rootLoc := rootDocumentIDColumn(e.base.rootBase)
		md := IdentityMetadata{TableKind: TableCollectionExtensionScope, PhysicalRowIdentity: []string{colBaseCollectionItemID},
			RootScopeLocator: []string{rootLoc}, ImmediateParentScopeLocator: []string{colBaseCollectionItemID}}
		t = newTable(name, projectPath.String(), md, ColParentKeyPart)
	}
	t.Constraints = append(t.Constraints, parentForeignKey(t, baseTS.table))
	ts.table = t
	e.base.addTable(ts)
	return ts, nil
}

// walkArray handles a collection inside an extension walk: outside any
// extension table it only looks for nested `_ext` sites; inside one it
// creates an extension child collection.
func (e *extensionWalk) walkArray(w *walker, items *jsonx.Value, itemsKind schemaKind, parent *tableState, propPath, scopePath jsonPath, itemsAt string) error {
	if parent == nil {
		if itemsKind == kindObject {
			return w.walkObject(items, nil, scopePath, nil, itemsAt, false)
		}
		return nil
	}
	prop := propPath[len(propPath)-1]
	name, err := e.collectionName(prop, scopePath, strings.Join(parent.collectionNames, ""))
	if err != nil {
		return err
	}
	if itemsKind == kindObject && items.Get("properties").Has("_ext") {
		return w.walkObject(items, nil, scopePath, nil, itemsAt, false)
	}
	child, ok := e.base.tables[scopePath.String()]
	if !ok {
		child = &tableState{collectionNames: append(append([]string(nil), parent.collectionNames...), name)}
		rootLoc := rootDocumentIDColumn(e.base.rootBase)
		md := IdentityMetadata{TableKind: TableExtensionCollection, PhysicalRowIdentity: []string{colCollectionItemID},
			RootScopeLocator: []string{rootLoc}}
		switch parent.table.Identity.TableKind {
		case TableRootExtension:
			md.ImmediateParentScopeLocator = []string{rootLoc}
		case TableCollectionExtensionScope:
			md.ImmediateParentScopeLocator = []string{colBaseCollectionItemID}
		default:
			md.ImmediateParentScopeLocator = []string{colParentCollectionItemID}
		}
		tn := TableName{Schema: e.ext.project.PhysicalSchema, Name: e.extRootBase + strings.Join(child.collectionNames, "")}
		child.table = newTable(tn, scopePath.String(), md, ColCollectionKey)
		child.table.Constraints = append(child.table.Constraints, parentForeignKey(child.table, parent.table))
		e.base.addTable(child)
	}
	switch itemsKind {
	case kindObject:
		return w.walkObject(items, child, scopePath, nil, itemsAt, false)
	case kindScalar:
		return w.addDescriptorArrayColumn(child.table, items, propPath, scopePath)
	}
	return e.ext.errorf("array schema items must be an object at %s", propPath)
}
