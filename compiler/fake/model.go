package fake

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/edfi-dmsc/dmsc/compiler/jsonx"
	"github.com/edfi-dmsc/dmsc/compiler/load"
)

// model is the generator's view of a schema set: every concrete resource
// (descriptors included) with its effective insert schema, i.e. the core
// schema with the resource extensions of extension projects merged in the
// way the API merges them, plus the reference, descriptor, equality,
// uniqueness and decimal facts the generator must honour.
type model struct {
	resources []*resource // project order, then resourceSchemas order
	byName    map[qualifiedName]*resource
	// subclasses lists the concrete subclasses of each abstract resource in
	// model order.
	subclasses map[qualifiedName][]*resource
}

type qualifiedName struct{ project, resource string }

func (q qualifiedName) String() string { return q.project + "." + q.resource }

type resource struct {
	ordinal  int
	project  *load.Project
	endpoint string // the resourceSchemas key, e.g. "studentSchoolAssociations"
	name     string // resourceName, e.g. "StudentSchoolAssociation"

	isDescriptor bool
	isSchoolYear bool

	schema        *jsonx.Value // effective jsonSchemaForInsert
	identityPaths []string     // identityJsonPaths (empty for descriptors)
	// identityAlias maps a superclass identity path to the subclass's own
	// identity path (School's "$.schoolId" stands for the abstract
	// EducationOrganization's "$.educationOrganizationId").
	identityAlias map[string]string
	superclass    *qualifiedName

	sites       map[string]*refSite // keyed by the reference object path
	siteOrder   []*refSite          // documentPathsMapping order
	descriptors map[string]*descriptorSite
	decimals    map[string]decimalInfo
	// uniqueTuples maps an array path ("$.a[*].b") to the tuples of
	// item-relative leaf paths whose combined values must differ between the
	// items of one array instance.
	uniqueTuples map[string][][]string
	// equality maps a value path to its equality group; all values in a
	// group must be equal in a document.
	equality map[string]int
}

// refSite is one document reference: an object at path whose members are
// copied from the identity of a document of one of targets.
type refSite struct {
	key       string // documentPathsMapping key, for messages
	path      string // "$.classPeriods[*].classPeriodReference"
	inArray   bool
	mandatory bool // the document cannot exist without it
	target    qualifiedName
	targets   []*resource       // concrete resources a reference may point at
	fields    map[string]string // member name -> identityJsonPath of the target
	ordinal   int
	// members are the reference object's member names in schema order, and
	// identityIndex[target ordinal][i] is the position of members[i]'s value
	// in that target's identity.
	members       []string
	identityIndex map[int][]int
	// memberGroups[i] is the equality group of members[i]'s path, 0 if none.
	memberGroups []int
}

type descriptorSite struct {
	path       string
	mandatory  bool
	targetName qualifiedName
	target     *resource // resolved once all resources are known
}

type decimalInfo struct{ totalDigits, decimalPlaces int }

// buildModel indexes the schema set. Resource extensions are merged into
// the core resource of the same name; an extension that names a resource
// the core does not have is an error, because its documents cannot exist.
func buildModel(set *load.SchemaSet) (*model, error) {
	m := &model{byName: map[qualifiedName]*resource{}, subclasses: map[qualifiedName][]*resource{}}
	type extension struct {
		project *load.Project
		key     string
		schema  *jsonx.Value
	}
	var extensions []extension
	for _, p := range set.Projects {
		rs := p.Schema.Get("resourceSchemas")
		if rs == nil || rs.Kind != jsonx.Object {
			return nil, fmt.Errorf("%s: $.projectSchema.resourceSchemas: missing or not an object", p.File)
		}
		for _, mem := range rs.Members {
			if mem.Value.Get("isResourceExtension").BoolOr(false) {
				extensions = append(extensions, extension{p, mem.Key, mem.Value})
				continue
			}
			r, err := newResource(p, mem.Key, mem.Value)
			if err != nil {
				return nil, err
			}
			r.ordinal = len(m.resources)
			m.resources = append(m.resources, r)
			m.byName[qualifiedName{p.ProjectName, r.name}] = r
		}
	}
	for _, ext := range extensions {
		name := ext.schema.Get("resourceName").StringOr("")
		core := m.byName[qualifiedName{set.Core().ProjectName, name}]
		if core == nil {
			return nil, fmt.Errorf("%s: $.projectSchema.resourceSchemas.%s: resource extension of %s.%s, which the core project (%s) does not define",
				ext.project.File, ext.key, set.Core().ProjectName, name, set.Core().File)
		}
		if err := core.mergeExtension(ext.project, ext.key, ext.schema); err != nil {
			return nil, err
		}
	}
	for _, r := range m.resources {
		if r.superclass != nil {
			m.subclasses[*r.superclass] = append(m.subclasses[*r.superclass], r)
		}
	}
	for _, r := range m.resources {
		if err := m.resolveTargets(r); err != nil {
			return nil, err
		}
	}
	return m, nil
}

func newResource(p *load.Project, key string, rs *jsonx.Value) (*resource, error) {
	at := fmt.Sprintf("%s: $.projectSchema.resourceSchemas.%s", p.File, key)
	r := &resource{
		project:       p,
		endpoint:      key,
		name:          rs.Get("resourceName").StringOr(""),
		isDescriptor:  rs.Get("isDescriptor").BoolOr(false),
		isSchoolYear:  rs.Get("isSchoolYearEnumeration").BoolOr(false),
		schema:        rs.Get("jsonSchemaForInsert").Clone(),
		identityAlias: map[string]string{},
		sites:         map[string]*refSite{},
		descriptors:   map[string]*descriptorSite{},
		decimals:      map[string]decimalInfo{},
		uniqueTuples:  map[string][][]string{},
		equality:      map[string]int{},
	}
	if r.name == "" {
		return nil, fmt.Errorf("%s: missing resourceName", at)
	}
	if r.schema == nil || r.schema.Kind != jsonx.Object {
		return nil, fmt.Errorf("%s.jsonSchemaForInsert: missing or not an object", at)
	}
	for _, v := range items(rs.Get("identityJsonPaths")) {
		r.identityPaths = append(r.identityPaths, v.Text)
	}
	if rs.Get("isSubclass").BoolOr(false) {
		super := qualifiedName{rs.Get("superclassProjectName").StringOr(""), rs.Get("superclassResourceName").StringOr("")}
		r.superclass = &super
		if sp, ok := rs.Get("superclassIdentityJsonPath").Str(); ok {
			if len(r.identityPaths) != 1 {
				return nil, fmt.Errorf("%s: superclassIdentityJsonPath %s renames an identity, but the resource has %d identity paths",
					at, sp, len(r.identityPaths))
			}
			r.identityAlias[sp] = r.identityPaths[0]
		}
	}
	if err := r.addFacts(at, rs); err != nil {
		return nil, err
	}
	return r, nil
}

// addFacts records the documentPathsMapping, equality, uniqueness and
// decimal facts of a resource schema (the core's or an extension's).
func (r *resource) addFacts(at string, rs *jsonx.Value) error {
	dpm := rs.Get("documentPathsMapping")
	if dpm == nil {
		return fmt.Errorf("%s.documentPathsMapping: missing", at)
	}
	for _, mem := range dpm.Members {
		e := mem.Value
		if !e.Get("isReference").BoolOr(false) {
			continue
		}
		target := qualifiedName{e.Get("projectName").StringOr(""), e.Get("resourceName").StringOr("")}
		if e.Get("isDescriptor").BoolOr(false) {
			path := e.Get("path").StringOr("")
			if path == "" {
				return fmt.Errorf("%s.documentPathsMapping[%q]: descriptor reference without a path", at, mem.Key)
			}
			r.descriptors[path] = &descriptorSite{path: path, mandatory: mandatory(r.schema, path), targetName: target}
			continue
		}
		site := &refSite{key: mem.Key, target: target, fields: map[string]string{}, ordinal: len(r.siteOrder)}
		for _, rp := range items(e.Get("referenceJsonPaths")) {
			refPath := rp.Get("referenceJsonPath").StringOr("")
			idPath := rp.Get("identityJsonPath").StringOr("")
			dot := strings.LastIndexByte(refPath, '.')
			if dot < 0 || idPath == "" {
				return fmt.Errorf("%s.documentPathsMapping[%q]: malformed referenceJsonPaths entry %q -> %q", at, mem.Key, idPath, refPath)
			}
			if site.path == "" {
				site.path = refPath[:dot]
			} else if site.path != refPath[:dot] {
				return fmt.Errorf("%s.documentPathsMapping[%q]: reference paths under different objects (%s and %s)", at, mem.Key, site.path, refPath[:dot])
			}
			// Several target identity paths may feed one member (CourseOffering's
			// schoolReference.schoolId and sessionReference.schoolId are both
			// courseOfferingReference.schoolId); they are equal by the target's own
			// equality constraints, so the first one is as good as any.
			if _, dup := site.fields[refPath[dot+1:]]; !dup {
				site.fields[refPath[dot+1:]] = idPath
			}
		}
		if site.path == "" {
			return fmt.Errorf("%s.documentPathsMapping[%q]: reference without referenceJsonPaths", at, mem.Key)
		}
		site.inArray = strings.Contains(site.path, "[*]")
		site.mandatory = mandatory(r.schema, site.path)
		r.sites[site.path] = site
		r.siteOrder = append(r.siteOrder, site)
	}
	for _, d := range items(rs.Get("decimalPropertyValidationInfos")) {
		r.decimals[d.Get("path").StringOr("")] = decimalInfo{
			totalDigits:   intOr(d.Get("totalDigits"), 18),
			decimalPlaces: intOr(d.Get("decimalPlaces"), 2),
		}
	}
	for _, c := range items(rs.Get("arrayUniquenessConstraints")) {
		r.addUniqueness("$", c)
	}
	for _, c := range items(rs.Get("equalityConstraints")) {
		r.unite(c.Get("sourceJsonPath").StringOr(""), c.Get("targetJsonPath").StringOr(""))
	}
	return nil
}

// addUniqueness records one arrayUniquenessConstraints entry. Each path is
// attributed to the array of its last "[*]"; the paths of one constraint
// that fall under the same array form one tuple that must differ between
// that array's items. Requiring this per array is at least as strict as
// the combined constraint. The paths of a nested constraint (base is not
// "$") are each a tuple of their own: the API checks them one by one.
func (r *resource) addUniqueness(base string, c *jsonx.Value) {
	tuples := map[string][][]string{}
	var arrays []string
	for _, p := range items(c.Get("paths")) {
		full := base + strings.TrimPrefix(p.Text, "$")
		i := strings.LastIndex(full, "[*]")
		if i < 0 {
			continue
		}
		arr, rel := full[:i], "$"+full[i+3:]
		switch t := tuples[arr]; {
		case t == nil:
			arrays = append(arrays, arr)
			tuples[arr] = [][]string{{rel}}
		case base != "$":
			tuples[arr] = append(t, []string{rel})
		default:
			t[0] = append(t[0], rel)
		}
	}
	for _, arr := range arrays {
		r.uniqueTuples[arr] = append(r.uniqueTuples[arr], tuples[arr]...)
	}
	for _, n := range items(c.Get("nestedConstraints")) {
		r.addUniqueness(n.Get("basePath").StringOr("$"), n)
	}
}

func (r *resource) unite(a, b string) {
	if a == "" || b == "" {
		return
	}
	ga, okA := r.equality[a]
	gb, okB := r.equality[b]
	switch {
	case !okA && !okB:
		g := len(r.equality) + 1
		for _, v := range r.equality {
			g = max(g, v+1)
		}
		r.equality[a], r.equality[b] = g, g
	case okA && !okB:
		r.equality[b] = ga
	case !okA && okB:
		r.equality[a] = gb
	case ga != gb:
		for p, g := range r.equality {
			if g == gb {
				r.equality[p] = ga
			}
		}
	}
}

// mergeExtension merges a resource extension the way the API does: the
// extension's "_ext" schema joins the core's "_ext", its common-type
// extensions are inserted at their insertion locations, and its mapping,
// equality and uniqueness facts are added.
func (r *resource) mergeExtension(p *load.Project, key string, ext *jsonx.Value) error {
	at := fmt.Sprintf("%s: $.projectSchema.resourceSchemas.%s", p.File, key)
	props := ext.Get("jsonSchemaForInsert").Get("properties")
	if extSchema := props.Get("_ext"); extSchema != nil {
		target := ensureExt(r.schema)
		for _, mem := range members(extSchema.Get("properties")) {
			projSchema := mem.Value.Clone()
			// MetaEd lists the extension's required members at the top level of
			// the extension schema; they belong to the project's _ext object.
			for _, req := range items(ext.Get("jsonSchemaForInsert").Get("required")) {
				if projSchema.Get("properties").Has(req.Text) {
					addRequired(projSchema, req.Text)
				}
			}
			target.Get("properties").Set(mem.Key, projSchema)
		}
	}
	// Other top-level properties are added when the core lacks them; those
	// the core has (such as "addresses" carrying a common-type extension)
	// are covered by the commonExtensionOverrides below.
	for _, mem := range members(props) {
		if mem.Key != "_ext" && !r.schema.Get("properties").Has(mem.Key) {
			r.schema.Get("properties").Set(mem.Key, mem.Value.Clone())
		}
	}
	for _, o := range items(ext.Get("commonExtensionOverrides")) {
		fragment := o.Get("schemaFragment")
		for _, loc := range items(o.Get("insertionLocations")) {
			node := navigateSchema(r.schema, loc.Text)
			if node == nil || node.Get("properties") == nil {
				return fmt.Errorf("%s.commonExtensionOverrides: insertion location %s not found in %s.%s's jsonSchemaForInsert",
					at, loc.Text, r.project.ProjectName, r.name)
			}
			target := ensureExt(node)
			for _, mem := range members(fragment.Get("properties")) {
				target.Get("properties").Set(mem.Key, mem.Value.Clone())
			}
		}
	}
	return r.addFacts(at, ext)
}

// resolveTargets binds reference sites to the concrete resources they may
// point at and descriptor sites to their descriptor resource.
func (m *model) resolveTargets(r *resource) error {
	for _, s := range r.siteOrder {
		if t := m.byName[s.target]; t != nil {
			s.targets = []*resource{t}
		} else {
			s.targets = m.subclasses[s.target]
		}
		if len(s.targets) == 0 {
			return fmt.Errorf("%s: resource %s: reference %s (%s) names %s, which no loaded project defines",
				r.project.File, r.endpoint, s.key, s.path, s.target)
		}
		obj := schemaAt(r.schema, s.path)
		if obj == nil {
			return fmt.Errorf("%s: resource %s: reference %s: %s is not in jsonSchemaForInsert", r.project.File, r.endpoint, s.key, s.path)
		}
		s.identityIndex = map[int][]int{}
		for _, mem := range members(obj.Get("properties")) {
			if _, ok := s.fields[mem.Key]; !ok {
				return fmt.Errorf("%s: resource %s: reference %s: member %s.%s has no referenceJsonPaths entry", r.project.File, r.endpoint, s.key, s.path, mem.Key)
			}
			s.members = append(s.members, mem.Key)
			s.memberGroups = append(s.memberGroups, r.equality[s.path+"."+mem.Key])
		}
		for _, t := range s.targets {
			idx := make([]int, len(s.members))
			for i, name := range s.members {
				idPath := s.fields[name]
				if alias, ok := t.identityAlias[idPath]; ok {
					idPath = alias
				}
				idx[i] = slices.Index(t.identityPaths, idPath)
				if idx[i] < 0 {
					return fmt.Errorf("%s: resource %s: reference %s: %s is not an identity path of %s/%s",
						r.project.File, r.endpoint, s.key, s.fields[name], t.project.EndpointName, t.endpoint)
				}
			}
			s.identityIndex[t.ordinal] = idx
		}
	}
	paths := make([]string, 0, len(r.descriptors))
	for p := range r.descriptors {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		d := r.descriptors[p]
		t := m.byName[d.targetName]
		if t == nil || !t.isDescriptor {
			return fmt.Errorf("%s: resource %s: descriptor reference %s names %s, which is not a loaded descriptor",
				r.project.File, r.endpoint, p, d.targetName)
		}
		d.target = t
	}
	return nil
}

// mandatory reports whether a value at path must be present in every
// document: each member on the way is required and each array on the way
// needs at least one item.
func mandatory(schema *jsonx.Value, path string) bool {
	node := schema
	for _, seg := range strings.Split(strings.TrimPrefix(path, "$."), ".") {
		name, isArray := strings.CutSuffix(seg, "[*]")
		if !hasRequired(node, name) {
			return false
		}
		node = node.Get("properties").Get(name)
		if isArray {
			if intOr(node.Get("minItems"), 0) < 1 {
				return false
			}
			node = node.Get("items")
		}
	}
	return true
}

func hasRequired(schema *jsonx.Value, name string) bool {
	for _, r := range items(schema.Get("required")) {
		if r.Text == name {
			return true
		}
	}
	return false
}

func addRequired(schema *jsonx.Value, name string) {
	if hasRequired(schema, name) {
		return
	}
	req := schema.Get("required")
	if req == nil {
		schema.Set("required", jsonx.Arr(jsonx.Str(name)))
		return
	}
	req.Items = append(req.Items, jsonx.Str(name))
}

// schemaAt returns the schema of the value at a document path such as
// "$.classPeriods[*].classPeriodReference", or nil.
func schemaAt(schema *jsonx.Value, path string) *jsonx.Value {
	node := schema
	for _, seg := range strings.Split(strings.TrimPrefix(path, "$."), ".") {
		name, isArray := strings.CutSuffix(seg, "[*]")
		node = node.Get("properties").Get(name)
		if isArray {
			node = node.Get("items")
		}
	}
	return node
}

// navigateSchema follows a location such as "$.properties.addresses.items"
// inside a schema.
func navigateSchema(schema *jsonx.Value, loc string) *jsonx.Value {
	node := schema
	for _, seg := range strings.Split(strings.TrimPrefix(loc, "$."), ".") {
		node = node.Get(seg)
	}
	return node
}

// ensureExt returns the "_ext" property schema of an object schema,
// creating an open object schema when the core has none.
func ensureExt(objSchema *jsonx.Value) *jsonx.Value {
	props := objSchema.Get("properties")
	if ext := props.Get("_ext"); ext != nil {
		if ext.Get("properties") == nil {
			ext.Set("properties", jsonx.Obj())
		}
		return ext
	}
	ext := jsonx.Obj(
		jsonx.M("additionalProperties", jsonx.Boolean(true)),
		jsonx.M("properties", jsonx.Obj()),
		jsonx.M("type", jsonx.Str("object")),
	)
	props.Set("_ext", ext)
	return ext
}

func intOr(v *jsonx.Value, def int) int {
	if v == nil || v.Kind != jsonx.Number {
		return def
	}
	n, err := strconv.Atoi(v.Text)
	if err != nil {
		return def
	}
	return n
}

// items returns the items of an array value; nil (absent) has none.
func items(v *jsonx.Value) []*jsonx.Value {
	if v == nil {
		return nil
	}
	return v.Items
}

// members returns the members of an object value; nil (absent) has none.
func members(v *jsonx.Value) []jsonx.Member {
	if v == nil {
		return nil
	}
	return v.Members
}
