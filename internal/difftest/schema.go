package difftest

import (
	"fmt"
	"strings"

	"github.com/edfi-dmsc/dmsc/compiler/jsonx"
	"github.com/edfi-dmsc/dmsc/compiler/load"
)

// resourceSchema is what the corpus reads from the ApiSchema of one
// resource. It is read from the schema files, not from any
// implementation's plans, so a misreading shared by the implementations
// under test does not shape the cases.
type resourceSchema struct {
	key        string // "ed-fi/schools"
	descriptor bool
	// body is jsonSchemaForInsert with the resource extensions of the
	// extension projects merged in (a copy: the schema set is not changed).
	body *jsonx.Value
	// decimals are the decimalPropertyValidationInfos, by wildcard path.
	decimals map[string]decimalInfo
	// equality are the equalityConstraints' target paths.
	equality []string
	// uniqueTogether are the arrayUniquenessConstraints comparing the items
	// of one array by several values: by the array's wildcard path
	// ("$.a[*].b"), the item-relative paths of each ("$.c.d").
	uniqueTogether map[string][][]string
	// references are the wildcard paths of the document reference objects
	// ("$.schoolReference"); descriptors those of the descriptor values.
	references  []string
	descriptors map[string]bool
	// queryFields are the queryFieldMapping entries: name and first path.
	queryFields []queryField
}

type decimalInfo struct{ totalDigits, decimalPlaces int }

type queryField struct{ name, path, typ string }

// schemasOf reads every resource served by set (concrete resources and
// descriptors of every project; resource extensions merged into the
// resources they extend), keyed by project/endpoint.
func schemasOf(set *load.SchemaSet) (map[string]*resourceSchema, error) {
	out := map[string]*resourceSchema{}
	for _, p := range set.Projects {
		for _, m := range p.Schema.Get("resourceSchemas").ObjectMembers() {
			rs := m.Value
			if rs.Get("isResourceExtension").BoolOr(false) {
				continue
			}
			r := &resourceSchema{
				key:            p.EndpointName + "/" + m.Key,
				descriptor:     rs.Get("isDescriptor").BoolOr(false),
				body:           clone(rs.Get("jsonSchemaForInsert")),
				decimals:       map[string]decimalInfo{},
				descriptors:    map[string]bool{},
				uniqueTogether: map[string][][]string{},
			}
			facts := []*jsonx.Value{rs}
			if !p.IsExtension {
				for _, ext := range resourceExtensions(set, rs.Get("resourceName").StringOr("")) {
					if err := mergeExtension(r.body, ext); err != nil {
						return nil, fmt.Errorf("%s: resource extension: %w", r.key, err)
					}
					facts = append(facts, ext)
				}
			}
			for _, f := range facts {
				r.addFacts(f)
			}
			for _, qf := range rs.Get("queryFieldMapping").ObjectMembers() {
				first := qf.Value.ArrayItems()
				if len(first) > 0 {
					r.queryFields = append(r.queryFields, queryField{qf.Key, first[0].Get("path").StringOr(""), first[0].Get("type").StringOr("")})
				}
			}
			out[r.key] = r
		}
	}
	return out, nil
}

// addFacts reads the constraints and document paths of a resource schema
// (the resource's own, or a resource extension's).
func (r *resourceSchema) addFacts(rs *jsonx.Value) {
	for _, d := range rs.Get("decimalPropertyValidationInfos").ArrayItems() {
		r.decimals[d.Get("path").StringOr("")] = decimalInfo{intOf(d.Get("totalDigits")), intOf(d.Get("decimalPlaces"))}
	}
	for _, e := range rs.Get("equalityConstraints").ArrayItems() {
		r.equality = append(r.equality, e.Get("targetJsonPath").StringOr(""))
	}
	for _, c := range rs.Get("arrayUniquenessConstraints").ArrayItems() {
		r.addUniqueTogether("$", c)
	}
	for _, m := range rs.Get("documentPathsMapping").ObjectMembers() {
		v := m.Value
		switch {
		case v.Get("isDescriptor").BoolOr(false):
			r.descriptors[v.Get("path").StringOr("")] = true
		case v.Get("isReference").BoolOr(false):
			paths := v.Get("referenceJsonPaths").ArrayItems()
			if len(paths) > 0 {
				p := paths[0].Get("referenceJsonPath").StringOr("")
				r.references = append(r.references, p[:strings.LastIndexByte(p, '.')])
			}
		}
	}
}

// addUniqueTogether records the paths of one arrayUniquenessConstraints
// entry (and of its nestedConstraints, whose paths follow their basePath)
// that fall several under one array.
func (r *resourceSchema) addUniqueTogether(base string, c *jsonx.Value) {
	paths := map[string][]string{}
	var arrays []string
	for _, p := range c.Get("paths").ArrayItems() {
		full := base + strings.TrimPrefix(p.Text, "$")
		i := strings.LastIndex(full, "[*]")
		if i < 0 {
			continue
		}
		if _, seen := paths[full[:i]]; !seen {
			arrays = append(arrays, full[:i])
		}
		paths[full[:i]] = append(paths[full[:i]], "$"+full[i+3:])
	}
	for _, a := range arrays {
		if len(paths[a]) > 1 {
			r.uniqueTogether[a] = append(r.uniqueTogether[a], paths[a])
		}
	}
	for _, n := range c.Get("nestedConstraints").ArrayItems() {
		r.addUniqueTogether(n.Get("basePath").StringOr("$"), n)
	}
}

func intOf(v *jsonx.Value) int {
	n := 0
	if v != nil {
		fmt.Sscan(v.Text, &n)
	}
	return n
}

// resourceExtensions lists the resource extensions the extension projects
// of set declare for the core resource named resourceName.
func resourceExtensions(set *load.SchemaSet, resourceName string) []*jsonx.Value {
	var out []*jsonx.Value
	for _, p := range set.Projects {
		if !p.IsExtension {
			continue
		}
		for _, m := range p.Schema.Get("resourceSchemas").ObjectMembers() {
			if m.Value.Get("isResourceExtension").BoolOr(false) && m.Value.Get("resourceName").StringOr("") == resourceName {
				out = append(out, m.Value)
			}
		}
	}
	return out
}

// mergeExtension merges a resource extension into body as the API does:
// the extension's "_ext" projects join the core's "_ext" (with the
// extension's top-level required list applied to them), other properties
// merge into the core's, and common-type extension fragments are added to
// the "_ext" of their insertion locations.
func mergeExtension(body, ext *jsonx.Value) error {
	schema := ext.Get("jsonSchemaForInsert")
	for _, p := range schema.Get("properties").ObjectMembers() {
		if p.Key != "_ext" {
			mergeProperty(body, p)
			continue
		}
		for _, proj := range p.Value.Get("properties").ObjectMembers() {
			node := clone(proj.Value)
			for _, req := range schema.Get("required").ArrayItems() {
				if node.Get("properties").Has(req.Text) && !hasString(node.Get("required"), req.Text) {
					setMember(node, "required", &jsonx.Value{Kind: jsonx.Array, Items: append(node.Get("required").ArrayItems(), req)})
				}
			}
			setMember(extProperties(body), proj.Key, node)
		}
	}
	for _, o := range ext.Get("commonExtensionOverrides").ArrayItems() {
		for _, loc := range o.Get("insertionLocations").ArrayItems() {
			node := schemaLocation(body, loc.Text)
			if node == nil {
				return fmt.Errorf("commonExtensionOverrides: no object at %s", loc.Text)
			}
			for _, p := range o.Get("schemaFragment").Get("properties").ObjectMembers() {
				setMember(extProperties(node), p.Key, clone(p.Value))
			}
		}
	}
	return nil
}

// mergeProperty merges property p into object schema n: added when n lacks
// it; objects (or array items) merge their properties.
func mergeProperty(n *jsonx.Value, p jsonx.Member) {
	props := n.Get("properties")
	cur := props.Get(p.Key)
	if cur == nil {
		setMember(ensureObject(n, "properties"), p.Key, clone(p.Value))
		return
	}
	core, ext := cur, p.Value
	if core.Get("items") != nil && ext.Get("items") != nil {
		core, ext = core.Get("items"), ext.Get("items")
	}
	for _, m := range ext.Get("properties").ObjectMembers() {
		mergeProperty(core, m)
	}
}

// schemaLocation follows "$.properties.addresses.items" through a schema.
func schemaLocation(n *jsonx.Value, loc string) *jsonx.Value {
	segs := strings.Split(strings.TrimPrefix(loc, "$."), ".")
	for i := 0; n != nil && i < len(segs); i++ {
		switch segs[i] {
		case "properties":
			i++
			if i == len(segs) {
				return nil
			}
			n = n.Get("properties").Get(segs[i])
		case "items":
			n = n.Get("items")
		default:
			return nil
		}
	}
	return n
}

// extProperties returns the properties of the "_ext" object schema of an
// object schema, adding an open one when missing.
func extProperties(n *jsonx.Value) *jsonx.Value {
	ext := n.Get("properties").Get("_ext")
	if ext == nil {
		ext = jsonx.Obj(jsonx.M("type", jsonx.Str("object")))
		setMember(ensureObject(n, "properties"), "_ext", ext)
	}
	return ensureObject(ext, "properties")
}

// ensureObject returns member key of object v, adding an empty object.
func ensureObject(v *jsonx.Value, key string) *jsonx.Value {
	if m := v.Get(key); m != nil {
		return m
	}
	m := jsonx.Obj()
	setMember(v, key, m)
	return m
}

// setMember sets member key of object v in place (appended when missing).
func setMember(v *jsonx.Value, key string, val *jsonx.Value) {
	for i := range v.Members {
		if v.Members[i].Key == key {
			v.Members[i].Value = val
			return
		}
	}
	v.Members = append(v.Members, jsonx.Member{Key: key, Value: val})
}

func hasString(arr *jsonx.Value, s string) bool {
	for _, it := range arr.ArrayItems() {
		if it.Text == s {
			return true
		}
	}
	return false
}

// clone deep-copies a JSON value.
func clone(v *jsonx.Value) *jsonx.Value {
	if v == nil {
		return nil
	}
	out := *v
	if v.Items != nil {
		out.Items = make([]*jsonx.Value, len(v.Items))
		for i, it := range v.Items {
			out.Items[i] = clone(it)
		}
	}
	if v.Members != nil {
		out.Members = make([]jsonx.Member, len(v.Members))
		for i, m := range v.Members {
			out.Members[i] = jsonx.Member{Key: m.Key, Value: clone(m.Value)}
		}
	}
	return &out
}
