package openapi

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/compiler/jsonx"
	"github.com/edfi-dmsc/dmsc/compiler/load"
	"github.com/edfi-dmsc/dmsc/internal/refdata"
	"github.com/edfi-dmsc/dmsc/runtime/apidocs"
)

// bundledSet loads the bundled default schema set (schemas/default), whose
// resources carry MetaEd's openApiFragments trimmed to the bundled members.
func bundledSet(t *testing.T) *load.SchemaSet {
	t.Helper()
	dir := filepath.Join(refdata.RepoRoot(t), "schemas", "default")
	set, err := load.Files(filepath.Join(dir, "core.ApiSchema.json"), filepath.Join(dir, "sample.ApiSchema.json"))
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// endpointPaths are the four paths MetaEd gives every resource and
// descriptor endpoint.
func endpointPaths(project, endpoint string) []string {
	base := "/" + project + "/" + endpoint
	return []string{base, base + "/deletes", base + "/keyChanges", base + "/{id}"}
}

func TestBundledDocumentsValidate(t *testing.T) {
	set := bundledSet(t)
	docs, err := Build(set, DiscoveryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range docs.Files() {
		assertNoDanglingRefs(t, name, data)
		validate(t, name, apidocs.New(data).Render(servedValues))
	}
	resources := validate(t, ResourcesFile, apidocs.New(docs.Resources).Render(servedValues))
	descriptors := validate(t, DescriptorsFile, apidocs.New(docs.Descriptors).Render(servedValues))
	wantResources, wantDescriptors := 0, 0
	for _, p := range set.Projects {
		for _, m := range p.Published.Get("resourceSchemas").ObjectMembers() {
			if m.Value.Get("isResourceExtension").BoolOr(false) {
				continue
			}
			in, notIn, kind := resources, descriptors, Resources
			if m.Value.Get("isDescriptor").BoolOr(false) {
				in, notIn, kind = descriptors, resources, Descriptors
				wantDescriptors += 4
			} else {
				wantResources += 4
			}
			for _, path := range endpointPaths(p.EndpointName, m.Key) {
				if in.Paths.Find(path) == nil {
					t.Errorf("%s document lacks %s", kind, path)
				}
				if notIn.Paths.Find(path) != nil {
					t.Errorf("%s is in the wrong document", path)
				}
			}
		}
	}
	if resources.Paths.Len() != wantResources || descriptors.Paths.Len() != wantDescriptors {
		t.Errorf("paths: %d resources, %d descriptors; want %d and %d (4 per endpoint, nothing else)",
			resources.Paths.Len(), descriptors.Paths.Len(), wantResources, wantDescriptors)
	}
	assertTagsUsed(t, docs.Resources)
	assertTagsUsed(t, docs.Descriptors)
}

// assertNoDanglingRefs checks that every local $ref of a document points at
// a member that exists.
func assertNoDanglingRefs(t *testing.T, name string, data []byte) {
	t.Helper()
	var doc any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if ref, ok := v["$ref"].(string); ok {
				if _, found := pointer(doc, ref); !found {
					t.Errorf("%s: $ref %s dangles", name, ref)
				}
			}
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(doc)
}

// pointer resolves a local JSON pointer reference ("#/a/b").
func pointer(doc any, ref string) (any, bool) {
	path, ok := strings.CutPrefix(ref, "#/")
	if !ok {
		return nil, false
	}
	cur := doc
	for _, token := range strings.Split(path, "/") {
		obj, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		token = strings.NewReplacer("~1", "/", "~0", "~").Replace(token)
		if cur, ok = obj[token]; !ok {
			return nil, false
		}
	}
	return cur, true
}

// TestBundledFragmentsDescribeInsertSchemas checks the trimming of the
// bundled fragments: in the assembled resources and descriptors documents,
// every bundled resource's schema describes exactly the members its
// jsonSchemaForInsert has, at every depth (plus the system-assigned "id"
// at the top and the `_ext` link where an extension grafts one), and each
// resource extension's `_ext.<project>` schema exactly the extension's
// members. The abstract EducationOrganization describes only its identity
// and members some bundled subclass has.
func TestBundledFragmentsDescribeInsertSchemas(t *testing.T) {
	set := bundledSet(t)
	docs, err := Build(set, DiscoveryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	assembled := map[Kind]assembledDocument{}
	for kind, data := range map[Kind][]byte{Resources: docs.Resources, Descriptors: docs.Descriptors} {
		var doc assembledDocument
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatal(err)
		}
		assembled[kind] = doc
	}
	corePrefix := strings.ReplaceAll(set.Core().ProjectName, "-", "") + "_"
	var subclassMembers []string
	for _, p := range set.Projects {
		for _, m := range p.Published.Get("resourceSchemas").ObjectMembers() {
			var insert map[string]any
			if err := json.Unmarshal(jsonx.Canonical(m.Value.Get("jsonSchemaForInsert")), &insert); err != nil {
				t.Fatal(err)
			}
			kind := Resources
			if m.Value.Get("isDescriptor").BoolOr(false) {
				kind = Descriptors
			}
			schemas := assembled[kind].Components.Schemas
			resourceName := m.Value.Get("resourceName").StringOr("")
			c := shapeCheck{t: t, schemas: schemas, resource: p.EndpointName + "/" + m.Key,
				// MetaEd's school-year fragment describes only schoolYear
				// (as EdFi_SchoolYear), not the enumeration's other members.
				subset: m.Value.Get("isSchoolYearEnumeration").BoolOr(false)}
			if m.Value.Get("isResourceExtension").BoolOr(false) {
				projectKey := strings.ToLower(p.ProjectName)
				ext := member(insert, "properties", "_ext", "properties", projectKey)
				core := c.resolve(schemas[corePrefix+resourceName])
				link := c.resolve(member(c.resolve(member(core, "properties", "_ext")), "properties", projectKey))
				c.compare(link, ext, "$._ext."+projectKey, nil)
				continue
			}
			top := []string{"id"}
			if extended(set, resourceName) {
				top = append(top, "_ext")
			}
			// The resource's schema is the one its POST takes.
			posted := member(assembled[kind].Paths["/"+p.EndpointName+"/"+m.Key],
				"post", "requestBody", "content", "application/json", "schema")
			c.compare(posted, insert, "$", top)
			if m.Value.Get("isSubclass").BoolOr(false) {
				for name := range insert["properties"].(map[string]any) {
					subclassMembers = append(subclassMembers, name)
				}
			}
		}
	}
	for _, a := range set.Core().Published.Get("abstractResources").ObjectMembers() {
		schema, _ := assembled[Resources].Components.Schemas[corePrefix+a.Key].(map[string]any)
		props, _ := schema["properties"].(map[string]any)
		if len(props) == 0 {
			t.Errorf("abstract %s has no schema with properties in the resources document", a.Key)
		}
		identity := map[string]bool{"id": true}
		for _, jsonPath := range a.Value.Get("identityJsonPaths").ArrayItems() {
			identity[strings.TrimPrefix(jsonPath.StringOr(""), "$.")] = true
		}
		for name := range props {
			if !identity[name] && !slices.Contains(subclassMembers, name) {
				t.Errorf("abstract %s describes %s, which no bundled subclass has", a.Key, name)
			}
		}
	}
}

// assembledDocument is the part of an assembled document the shape check
// reads.
type assembledDocument struct {
	Paths      map[string]any
	Components struct{ Schemas map[string]any }
}

// extended reports whether an extension project of the set extends the
// core resource.
func extended(set *load.SchemaSet, resourceName string) bool {
	for _, p := range set.Projects[1:] {
		for _, m := range p.Published.Get("resourceSchemas").ObjectMembers() {
			if m.Value.Get("isResourceExtension").BoolOr(false) && m.Value.Get("resourceName").StringOr("") == resourceName {
				return true
			}
		}
	}
	return false
}

// member walks nested JSON objects.
func member(v any, keys ...string) any {
	for _, k := range keys {
		obj, _ := v.(map[string]any)
		v = obj[k]
	}
	return v
}

// shapeCheck compares an OpenAPI schema of the assembled document with a
// JSON Schema of the ApiSchema, member by member.
type shapeCheck struct {
	t        *testing.T
	schemas  map[string]any
	resource string
	// subset accepts an OpenAPI schema that describes only some of the
	// members at the top.
	subset bool
}

// resolve follows a component schema reference.
func (c shapeCheck) resolve(v any) map[string]any {
	obj, _ := v.(map[string]any)
	if ref, ok := obj["$ref"].(string); ok {
		target, _ := c.schemas[strings.TrimPrefix(ref, schemaRefPrefix)].(map[string]any)
		if target == nil {
			c.t.Errorf("%s: %s does not resolve", c.resource, ref)
		}
		return target
	}
	return obj
}

// compare checks that schema describes the members of insert at jsonPath;
// extra names members schema may have beyond insert's.
func (c shapeCheck) compare(schemaNode any, insert any, jsonPath string, extra []string) {
	schema := c.resolve(schemaNode)
	in, _ := insert.(map[string]any)
	if schema == nil || in == nil {
		c.t.Errorf("%s: %s: no schema to compare", c.resource, jsonPath)
		return
	}
	if inProps, ok := in["properties"].(map[string]any); ok {
		props, _ := schema["properties"].(map[string]any)
		var got, want []string
		for name := range props {
			if !slices.Contains(extra, name) {
				got = append(got, name)
			}
		}
		for name := range inProps {
			want = append(want, name)
		}
		sort.Strings(got)
		sort.Strings(want)
		if c.subset && jsonPath == "$" {
			want = slices.DeleteFunc(want, func(name string) bool { return !slices.Contains(got, name) })
		}
		if !slices.Equal(got, want) {
			c.t.Errorf("%s: %s: the OpenAPI schema describes %v, jsonSchemaForInsert has %v", c.resource, jsonPath, got, want)
			return
		}
		for _, r := range asStrings(schema["required"]) {
			if props[r] == nil {
				c.t.Errorf("%s: %s: required %q is not a property", c.resource, jsonPath, r)
			}
		}
		for _, name := range want {
			c.compare(props[name], inProps[name], jsonPath+"."+name, nil)
		}
		return
	}
	if in["type"] == "array" {
		c.compare(schema["items"], in["items"], jsonPath+"[*]", nil)
	}
}

func asStrings(v any) []string {
	var out []string
	items, _ := v.([]any)
	for _, x := range items {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}
