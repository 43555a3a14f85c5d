package openapi

import (
	"fmt"
	"strings"

	"github.com/edfi-dmsc/dmsc/compiler/jsonx"
)

// Resource extensions reach the core schemas through a fixed chain of
// component schemas. For a core schema S extended by project p:
//
//	S.properties._ext       -> {"$ref": "#/components/schemas/SExtension"}
//	SExtension.properties.p -> {"$ref": "#/components/schemas/p_SExtension"}
//	p_SExtension            =  the extension's own properties
//
// An extension property whose name the core schema already has (for
// example a collection the extension adds members to) is redirected: the
// chain is built on the schema that property refers to instead.

// extensionNames are the two schema names of S's chain for project p.
type extensionNames struct {
	extension        string // SExtension
	projectExtension string // p_SExtension
}

func namesFor(schemaName, projectKey string) extensionNames {
	return extensionNames{
		extension:        schemaName + "Extension",
		projectExtension: projectKey + "_" + schemaName + "Extension",
	}
}

// insertExts grafts one extension fragment's `exts` (core schema name ->
// extension schema) onto the document.
func insertExts(doc, exts *jsonx.Value, projectKey string) error {
	schemas, err := requireObject(doc, "components", "schemas")
	if err != nil {
		return err
	}
	for _, e := range exts.Members {
		ext := object(e.Value)
		if ext == nil {
			return fmt.Errorf("extension object for '%s' is not a JSON object", e.Key)
		}
		location := object(schemas.Get(e.Key).Get("properties"))
		if location == nil {
			return fmt.Errorf("OpenAPI extension fragment expects the core to have '$.components.schemas.%s.properties'", e.Key)
		}
		names := namesFor(e.Key, projectKey)
		props := object(ext.Get("properties"))
		if props == nil {
			linkExtension(location, schemas, names, projectKey)
			if err := addProjectSchema(schemas, names.projectExtension, ext.Clone()); err != nil {
				return err
			}
			continue
		}
		// Split the properties: those the core schema lacks belong to the
		// extension schema; those it has and that refer to another schema
		// are redirected to that schema; the rest (such as "id") are dropped.
		own := jsonx.Obj()
		type redirect struct{ property, target string }
		var redirects []redirect
		for _, p := range props.Members {
			if p.Value.Kind == jsonx.Null {
				continue
			}
			if core := location.Get(p.Key); core != nil {
				if target := referencedSchema(core); target != "" {
					redirects = append(redirects, redirect{p.Key, target})
				}
				continue
			}
			own.Members = append(own.Members, jsonx.Member{Key: p.Key, Value: p.Value.Clone()})
		}
		if len(own.Members) > 0 {
			linkExtension(location, schemas, names, projectKey)
			if err := addProjectSchema(schemas, names.projectExtension, filteredExtension(ext, own)); err != nil {
				return err
			}
		}
		for _, r := range redirects {
			redirectProperty(schemas, r.target, props.Get(r.property), projectKey)
		}
	}
	return nil
}

// linkExtension builds the `_ext` chain for one schema (whose properties
// are location) up to the project's reference, reusing the links another
// project already created.
func linkExtension(location, schemas *jsonx.Value, names extensionNames, projectKey string) {
	if !location.Has("_ext") {
		location.Members = append(location.Members, jsonx.Member{Key: "_ext", Value: schemaRef(names.extension)})
	}
	if !schemas.Has(names.extension) {
		schemas.Members = append(schemas.Members, jsonx.Member{Key: names.extension, Value: emptyObjectSchema()})
	}
	extProps := schemas.Get(names.extension).Get("properties")
	if object(extProps) != nil && !extProps.Has(projectKey) {
		extProps.Members = append(extProps.Members, jsonx.Member{Key: projectKey, Value: schemaRef(names.projectExtension)})
	}
}

// addProjectSchema adds the project's extension schema; two definitions of
// the same one are a schema authoring error.
func addProjectSchema(schemas *jsonx.Value, name string, schema *jsonx.Value) error {
	if schemas.Has(name) {
		return fmt.Errorf("duplicate schema name '%s' encountered while building the OpenAPI document", name)
	}
	schemas.Members = append(schemas.Members, jsonx.Member{Key: name, Value: schema})
	return nil
}

// filteredExtension is the extension schema restricted to the properties
// the core lacks: its type, those properties, its description, and the
// required names that survived the split (omitted when none did).
func filteredExtension(ext, own *jsonx.Value) *jsonx.Value {
	out := jsonx.Obj(jsonx.M("type", typeOrObject(ext)), jsonx.M("properties", own))
	if d := ext.Get("description"); d != nil && d.Kind != jsonx.Null {
		out.Members = append(out.Members, jsonx.M("description", d.Clone()))
	}
	if req := array(ext.Get("required")); req != nil {
		kept := jsonx.Arr()
		for _, r := range req.Items {
			if name, ok := r.Str(); ok && own.Has(name) {
				kept.Items = append(kept.Items, jsonx.Str(name))
			}
		}
		if len(kept.Items) > 0 {
			out.Members = append(out.Members, jsonx.M("required", kept))
		}
	}
	return out
}

// typeOrObject is a copy of schema's type, or "object" when it has none.
func typeOrObject(schema *jsonx.Value) *jsonx.Value {
	if t := schema.Get("type"); t != nil && t.Kind != jsonx.Null {
		return t.Clone()
	}
	return jsonx.Str("object")
}

// referencedSchema is the schema a core property refers to, directly or as
// its array items, or "".
func referencedSchema(property *jsonx.Value) string {
	if ref, ok := property.Get("$ref").Str(); ok && ref != "" {
		return refTarget(ref)
	}
	if ref, ok := property.Get("items").Get("$ref").Str(); ok && ref != "" {
		return refTarget(ref)
	}
	return ""
}

// redirectProperty builds the `_ext` chain on the schema a core property
// refers to (target), filled from the extension's version of that property.
// A missing target is skipped, as the reference only warns about it.
func redirectProperty(schemas *jsonx.Value, target string, extProperty *jsonx.Value, projectKey string) {
	targetSchema := object(schemas.Get(target))
	if targetSchema == nil {
		return
	}
	if !targetSchema.Has("properties") {
		targetSchema.Set("properties", jsonx.Obj())
	}
	targetProps := object(targetSchema.Get("properties"))
	if targetProps == nil {
		return
	}
	names := namesFor(target, projectKey)
	linkExtension(targetProps, schemas, names, projectKey)
	if schemas.Has(names.projectExtension) {
		return
	}
	schema, via := redirectedSchema(extProperty)
	if via != "" {
		resolveRedirect(schema, schemas, via, target, projectKey)
	}
	if !validObjectSchema(schema) {
		schema = emptyObjectSchema()
	}
	schemas.Members = append(schemas.Members, jsonx.Member{Key: names.projectExtension, Value: schema})
}

// redirectedSchema turns the extension's version of a redirected property
// into an object schema. When the property is an array of references, the
// properties come from the referenced schema (returned as via) instead.
func redirectedSchema(p *jsonx.Value) (schema *jsonx.Value, via string) {
	obj := object(p)
	if obj == nil {
		return emptyObjectSchema(), ""
	}
	typeName, _ := obj.Get("type").Str()
	switch {
	case object(obj.Get("properties")) != nil:
		return jsonx.Obj(jsonx.M("type", typeOrObject(obj)), jsonx.M("properties", obj.Get("properties").Clone())), ""
	case typeName == "array" && object(obj.Get("items")) != nil && obj.Get("items").Get("$ref").Kind == jsonx.String:
		ref, _ := obj.Get("items").Get("$ref").Str()
		return emptyObjectSchema(), refTarget(ref)
	case typeName == "array" && object(obj.Get("items").Get("properties")) != nil:
		return jsonx.Obj(jsonx.M("type", jsonx.Str("object")), jsonx.M("properties", obj.Get("items").Get("properties").Clone())), ""
	case !obj.Has("type") && !obj.Has("properties"):
		return jsonx.Obj(jsonx.M("type", jsonx.Str("object")), jsonx.M("properties", obj.Clone())), ""
	}
	return emptyObjectSchema(), ""
}

// resolveRedirect fills schema's properties from the extension schema
// `via` that an array property refers to: from via's own `_ext` chain for
// this project when it has one, else from via's properties that the core
// schema target does not have (plus this project's `_ext` members).
func resolveRedirect(schema, schemas *jsonx.Value, via, target, projectKey string) {
	viaProps := object(schemas.Get(via).Get("properties"))
	if viaProps == nil {
		return
	}
	if extRef, ok := object(viaProps.Get("_ext")).Get("$ref").Str(); ok {
		projectRef, ok := object(schemas.Get(refTarget(extRef)).Get("properties").Get(projectKey)).Get("$ref").Str()
		if !ok {
			return
		}
		if final := object(schemas.Get(refTarget(projectRef)).Get("properties")); final != nil {
			schema.Set("properties", final.Clone())
		}
		return
	}
	coreProps := map[string]bool{}
	for _, m := range object(schemas.Get(target).Get("properties")).ObjectMembers() {
		if m.Key != "_ext" {
			coreProps[m.Key] = true
		}
	}
	found := jsonx.Obj()
	for _, m := range viaProps.Members {
		switch {
		case m.Key == "_ext":
			for _, p := range object(object(m.Value).Get("properties").Get(projectKey)).Get("properties").ObjectMembers() {
				if p.Value.Kind != jsonx.Null {
					found.Set(p.Key, p.Value.Clone())
				}
			}
		case !coreProps[m.Key] && m.Value.Kind != jsonx.Null:
			found.Set(m.Key, m.Value.Clone())
		}
	}
	schema.Set("properties", found)
}

// validObjectSchema is the reference's sanity check before adding a
// redirected schema: a non-empty string type, and for objects a properties
// object.
func validObjectSchema(s *jsonx.Value) bool {
	typ, ok := s.Get("type").Str()
	if !ok || typ == "" {
		return false
	}
	return typ != "object" || object(s.Get("properties")) != nil
}

// findCoreSchema finds the core component schema "<CorePrefix>_<Resource>"
// that a resource extension's commonExtensionOverrides apply to, or "" when
// the document has none.
func findCoreSchema(schemas *jsonx.Value, resourceName, coreProjectName string) (string, error) {
	suffix := "_" + resourceName
	expectedPrefix := strings.ReplaceAll(coreProjectName, "-", "")
	var matches, prefixed []string
	for _, m := range schemas.Members {
		if strings.HasSuffix(m.Key, suffix) && strings.IndexByte(m.Key, '_') == len(m.Key)-len(suffix) {
			matches = append(matches, m.Key)
			if strings.EqualFold(m.Key[:strings.IndexByte(m.Key, '_')], expectedPrefix) {
				prefixed = append(prefixed, m.Key)
			}
		}
	}
	switch {
	case len(matches) == 0:
		return "", nil
	case len(prefixed) == 1:
		return prefixed[0], nil
	case len(prefixed) > 1:
		return "", fmt.Errorf("resource '%s' has commonExtensionOverrides and matched multiple core schemas with prefix '%s': [%s]",
			resourceName, expectedPrefix, strings.Join(prefixed, ", "))
	case len(matches) > 1:
		return "", fmt.Errorf("resource '%s' has commonExtensionOverrides but matched multiple core schemas: [%s]",
			resourceName, strings.Join(matches, ", "))
	}
	return "", fmt.Errorf("resource '%s' matched schema '%s' but its prefix does not match the core project prefix '%s'",
		resourceName, matches[0], expectedPrefix)
}

// insertCommonExtensionOverrides grafts extensions of common types (such
// as an address inside a core resource): each insertion location is a path
// from the core schema that is followed through $refs to the common type's
// component schema, which then gets the project's `_ext` chain.
func insertCommonExtensionOverrides(schemas *jsonx.Value, overrides []*jsonx.Value, coreSchema, resourceName string) error {
	for _, entry := range overrides {
		if object(entry) == nil {
			return fmt.Errorf("commonExtensionOverrides of resource '%s' has an entry that is not an object", resourceName)
		}
		locations := array(entry.Get("insertionLocations"))
		fragment := object(entry.Get("schemaFragment"))
		if locations == nil || fragment == nil {
			return fmt.Errorf("a commonExtensionOverrides entry of resource '%s' lacks 'insertionLocations' or 'schemaFragment'", resourceName)
		}
		if len(locations.Items) == 0 {
			return fmt.Errorf("a commonExtensionOverrides entry of resource '%s' has an empty 'insertionLocations' array", resourceName)
		}
		projects := object(fragment.Get("properties"))
		if projects == nil {
			return fmt.Errorf("a commonExtensionOverrides entry of resource '%s' has a 'schemaFragment' without 'properties'", resourceName)
		}
		added := map[string]bool{}
		for _, loc := range locations.Items {
			path, _ := loc.Str()
			if path == "" {
				return fmt.Errorf("a commonExtensionOverrides entry of resource '%s' has an empty insertion location", resourceName)
			}
			target, err := resolveInsertionLocation(schemas, coreSchema, path, resourceName)
			if err != nil {
				return err
			}
			targetProps := object(schemas.Get(target).Get("properties"))
			if targetProps == nil {
				return fmt.Errorf("commonExtensionOverrides of resource '%s': schema '%s' resolved from '%s' has no 'properties' object", resourceName, target, path)
			}
			for _, p := range projects.Members {
				if object(p.Value) == nil {
					return fmt.Errorf("commonExtensionOverrides of resource '%s': fragment property '%s' is not an object", resourceName, p.Key)
				}
				names := namesFor(target, p.Key)
				linkExtension(targetProps, schemas, names, p.Key)
				if added[names.projectExtension] {
					continue
				}
				added[names.projectExtension] = true
				if err := addProjectSchema(schemas, names.projectExtension, p.Value.Clone()); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// resolveInsertionLocation follows a path such as
// "$.properties.addresses.items" from the schema start, resolving $refs on
// the way, and returns the component schema the last step refers to.
func resolveInsertionLocation(schemas *jsonx.Value, start, path, resourceName string) (string, error) {
	current, name := schemas.Get(start), start
	unresolved := fmt.Errorf("commonExtensionOverrides of resource '%s': could not resolve insertion location '%s' to a component schema starting from '%s'", resourceName, path, start)
	for _, segment := range strings.Split(path, ".") {
		if segment == "$" {
			continue
		}
		if current == nil {
			return "", unresolved
		}
		var err error
		if current, name, err = followRef(schemas, current, name); err != nil {
			return "", err
		}
		if current == nil {
			return "", unresolved
		}
		current = current.Get(segment)
	}
	if current == nil {
		return "", unresolved
	}
	_, resolved, err := followRef(schemas, current, name)
	if err != nil {
		return "", err
	}
	if resolved == name {
		return "", fmt.Errorf("insertion location '%s' for resource '%s' resolved to an inline definition at schema '%s' instead of a component $ref", path, resourceName, name)
	}
	return resolved, nil
}

// followRef resolves node when it is a component schema reference.
func followRef(schemas, node *jsonx.Value, name string) (*jsonx.Value, string, error) {
	if object(node) == nil {
		return nil, name, fmt.Errorf("expected a JSON object while resolving $ref at schema '%s', found %s", name, node.Kind)
	}
	ref, ok := node.Get("$ref").Str()
	if !ok || refTarget(ref) == "" {
		return node, name, nil
	}
	return schemas.Get(refTarget(ref)), refTarget(ref), nil
}
