// Package openapi assembles the OpenAPI documents an Ed-Fi API publishes at
// /metadata/specifications from an ApiSchema set, the way the reference
// implementation (Ed-Fi Data Management Service) assembles them at startup:
// the core project's openApiBaseDocuments are the starting point, the core's
// per-resource openApiFragments and its abstract resources' fragments are
// merged in, then every extension project adds its new paths, schemas and
// tags and grafts its resource extensions onto the core schemas as `_ext`
// members.
//
// dmsc runs this at compile time. What depends on the request (the servers
// array and the OAuth token URL) is left as placeholders that the server
// fills per request; see ServerURLPlaceholder.
//
// Two later steps of the reference are not reproduced, because dmsc serves
// neither: the cursor-paging contract it adds to every collection GET
// (pageToken and pageSize parameters, the Next-Page-Token header and a
// sibling /partitions path), and the removal of paths whose domains its
// DomainsExcludedFromOpenApi setting lists (empty by default).
package openapi

import (
	"fmt"
	"strings"

	"github.com/edfi-dmsc/dmsc/compiler/jsonx"
	"github.com/edfi-dmsc/dmsc/compiler/load"
)

// Kind selects one of the two schema-derived documents.
type Kind string

// The document kinds, named by their openApiBaseDocuments / openApiFragments
// key.
const (
	Resources   Kind = "resources"
	Descriptors Kind = "descriptors"
)

// Public branding of the assembled documents: the reference replaces the
// base document's title and data-standard version with its product's.
const (
	InfoTitle   = "Ed-Fi API"
	InfoVersion = "8.0.0"
)

// Assemble builds the resources or descriptors document for a schema set.
// Extensions are processed in the set's order (projectEndpointName,
// ordinal). The result is a fresh tree; the set is not modified.
func Assemble(set *load.SchemaSet, kind Kind) (*jsonx.Value, error) {
	core := set.Core()
	base := object(core.Published.Get("openApiBaseDocuments").Get(string(kind)))
	if base == nil {
		return nil, fmt.Errorf("%s: the core project has no $.projectSchema.openApiBaseDocuments.%s", core.File, kind)
	}
	doc := base.Clone()
	if info := object(doc.Get("info")); info != nil {
		info.Set("title", jsonx.Str(InfoTitle))
		info.Set("version", jsonx.Str(InfoVersion))
	}
	mergeCore(doc, core.Published, kind)
	for _, ext := range set.Projects[1:] {
		if err := addExtension(doc, ext.Published, kind, core.ProjectName); err != nil {
			return nil, fmt.Errorf("%s: %w", ext.File, err)
		}
	}
	removeUnusedTags(doc)
	return doc, nil
}

// ChangeQueries returns the standalone change-queries document: the core's
// base document as is, or nil when the schema has none.
func ChangeQueries(set *load.SchemaSet) *jsonx.Value {
	return object(set.Core().Published.Get("openApiBaseDocuments").Get("changeQueries")).Clone()
}

// mergeCore merges the core project's fragments: every endpoint-owning
// resource (resource extensions inside the core are ignored), then, for the
// resources document, the abstract resources' fragments.
func mergeCore(doc, project *jsonx.Value, kind Kind) {
	for _, m := range project.Get("resourceSchemas").ObjectMembers() {
		if m.Value.Get("isResourceExtension").BoolOr(false) {
			continue
		}
		if fragment := m.Value.Get("openApiFragments").Get(string(kind)); fragment != nil {
			mergeFragment(doc, fragment)
		}
	}
	if kind != Resources {
		return
	}
	for _, m := range project.Get("abstractResources").ObjectMembers() {
		if fragment := m.Value.Get("openApiFragment"); fragment != nil {
			mergeFragment(doc, fragment)
		}
	}
}

// mergeFragment is the core merge: a component section the document already
// has gains (or overwrites) the fragment's entries, a new section is copied
// whole; paths overwrite; tags are appended without checking for duplicates.
func mergeFragment(doc, fragment *jsonx.Value) {
	if src, dst := object(fragment.Get("components")), object(doc.Get("components")); src != nil && dst != nil {
		for _, section := range src.Members {
			target := object(dst.Get(section.Key))
			if target != nil && object(section.Value) != nil {
				for _, item := range section.Value.Members {
					if item.Value.Kind != jsonx.Null {
						target.Set(item.Key, item.Value.Clone())
					}
				}
			} else if section.Value.Kind != jsonx.Null {
				dst.Set(section.Key, section.Value.Clone())
			}
		}
	}
	if src, dst := object(fragment.Get("paths")), object(doc.Get("paths")); src != nil && dst != nil {
		for _, p := range src.Members {
			if p.Value.Kind != jsonx.Null {
				dst.Set(p.Key, p.Value.Clone())
			}
		}
	}
	if src, dst := array(fragment.Get("tags")), array(doc.Get("tags")); src != nil && dst != nil {
		for _, tag := range src.Items {
			if tag.Kind != jsonx.Null {
				dst.Items = append(dst.Items, tag.Clone())
			}
		}
	}
}

// addExtension adds one extension project. Unlike the core merge, an
// extension may not redefine a path or schema the document already has.
func addExtension(doc, project *jsonx.Value, kind Kind, coreProjectName string) error {
	projectKey := strings.ToLower(project.Get("projectName").StringOr(""))
	for _, m := range project.Get("resourceSchemas").ObjectMembers() {
		resource := m.Value
		isExtension := resource.Get("isResourceExtension").BoolOr(false)
		if fragment := resource.Get("openApiFragments").Get(string(kind)); fragment != nil {
			if paths := object(fragment.Get("paths")); paths != nil {
				if err := insertNew(doc, paths, "paths"); err != nil {
					return err
				}
			}
			if schemas := object(fragment.Get("components").Get("schemas")); schemas != nil {
				if err := insertNew(doc, schemas, "components", "schemas"); err != nil {
					return err
				}
			}
			if tags := array(fragment.Get("tags")); tags != nil {
				if err := insertNewTags(doc, tags); err != nil {
					return err
				}
			}
			if exts := object(fragment.Get("exts")); isExtension && exts != nil {
				if err := insertExts(doc, exts, projectKey); err != nil {
					return err
				}
			}
		}
		overrides := resource.Get("commonExtensionOverrides").ArrayItems()
		if !isExtension || len(overrides) == 0 {
			continue
		}
		schemas, err := requireObject(doc, "components", "schemas")
		if err != nil {
			return err
		}
		resourceName := resource.Get("resourceName").StringOr(m.Key)
		coreSchema, err := findCoreSchema(schemas, resourceName, coreProjectName)
		if err != nil {
			return err
		}
		if coreSchema == "" {
			// The extended resource is not in this document (for example a
			// domain entity while assembling the descriptors document).
			continue
		}
		if err := insertCommonExtensionOverrides(schemas, overrides, coreSchema, resourceName); err != nil {
			return err
		}
	}
	return nil
}

// insertNew adds an extension's paths or schemas to the object at path,
// refusing to replace an entry another project defined.
func insertNew(doc, entries *jsonx.Value, path ...string) error {
	target, err := requireObject(doc, path...)
	if err != nil {
		return err
	}
	for _, e := range entries.Members {
		if e.Value.Kind == jsonx.Null {
			return fmt.Errorf("OpenAPI extension fragment has an empty entry '$.%s.%s'", strings.Join(path, "."), e.Key)
		}
		if target.Has(e.Key) {
			return fmt.Errorf("OpenAPI extension fragment tried to add a second '$.%s.%s', which is not supported", strings.Join(path, "."), e.Key)
		}
		target.Members = append(target.Members, jsonx.Member{Key: e.Key, Value: e.Value.Clone()})
	}
	return nil
}

// insertNewTags appends an extension's global tags; a tag whose name the
// document already had before this fragment is skipped.
func insertNewTags(doc, tags *jsonx.Value) error {
	global := array(doc.Get("tags"))
	if global == nil {
		return fmt.Errorf("OpenAPI document has no array at '$.tags'")
	}
	existing := map[string]bool{}
	for _, tag := range global.Items {
		name, ok := tag.Get("name").Str()
		if !ok {
			return fmt.Errorf("OpenAPI document has a global tag without a name")
		}
		existing[name] = true
	}
	for _, tag := range tags.Items {
		name, ok := tag.Get("name").Str()
		if !ok {
			return fmt.Errorf("OpenAPI extension fragment has a tag without a name")
		}
		if !existing[name] {
			global.Items = append(global.Items, tag.Clone())
		}
	}
	return nil
}

// removeUnusedTags drops global tags that no operation uses.
func removeUnusedTags(doc *jsonx.Value) {
	tags := array(doc.Get("tags"))
	paths := object(doc.Get("paths"))
	if tags == nil || paths == nil {
		return
	}
	used := map[string]bool{}
	for _, p := range paths.Members {
		for _, op := range object(p.Value).ObjectMembers() {
			for _, t := range array(object(op.Value).Get("tags")).ArrayItems() {
				if name, ok := t.Str(); ok && strings.TrimSpace(name) != "" {
					used[name] = true
				}
			}
		}
	}
	kept := tags.Items[:0]
	for _, tag := range tags.Items {
		name, ok := tag.Get("name").Str()
		if object(tag) != nil && ok && !used[name] {
			continue
		}
		kept = append(kept, tag)
	}
	tags.Items = kept
}
