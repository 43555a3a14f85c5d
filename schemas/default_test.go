package schemas_test

import (
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/compiler/effschema"
	"github.com/edfi-dmsc/dmsc/compiler/jsonx"
	"github.com/edfi-dmsc/dmsc/compiler/load"
)

// The bundled default schema set: the input of `make demo` and of the
// project's own goldens. These tests guard the coverage it promises (see
// default/README.md) and its internal consistency, so that hand edits cannot
// silently drop a shape or leave a dangling reference.
const (
	coreFile   = "default/core.ApiSchema.json"
	sampleFile = "default/sample.ApiSchema.json"
)

// resource is one entry of a project's resourceSchemas.
type resource struct {
	file     string
	project  string // projectName of the defining project
	endpoint string // its key in resourceSchemas
	name     string
	schema   *jsonx.Value
	shape    shape
}

func (r *resource) String() string { return fmt.Sprintf("%s: %s/%s", r.file, r.project, r.name) }

func (r *resource) flag(name string) bool { return r.schema.Get(name).BoolOr(false) }

// shape is what jsonSchemaForInsert says about a document: its scalar leaves
// and its arrays, by JSON path ("$.a[*].b").
type shape struct {
	leaves  map[string]*jsonx.Value
	objects map[string]*jsonx.Value // non-root, non-array objects (references and inline common types)
	arrays  []string                // array paths ("$.a[*]") in document order
}

func walkShape(s *jsonx.Value, path string, out *shape) {
	switch s.Get("type").StringOr("") {
	case "object":
		if path != "$" && !strings.HasSuffix(path, "[*]") {
			out.objects[path] = s
		}
		if props := s.Get("properties"); props != nil {
			for _, m := range props.Members {
				walkShape(m.Value, path+"."+m.Key, out)
			}
		}
	case "array":
		out.arrays = append(out.arrays, path+"[*]")
		walkShape(s.Get("items"), path+"[*]", out)
	default:
		out.leaves[path] = s
	}
}

// schemaSet is the loaded default set, indexed.
type schemaSet struct {
	set        *load.SchemaSet
	resources  []*resource               // every resourceSchemas entry, core first
	concrete   map[[2]string]*resource   // (project, name) of non-extension resources
	abstract   map[[2]string][]string    // (project, name) → identityJsonPaths
	extensions map[[2]string]*resource   // (extension project, extended name)
	projects   map[string]*load.Project  // by projectName
	subclasses map[[2]string][]*resource // superclass (project, name) → subclasses
}

func loadDefault(t *testing.T) *schemaSet {
	t.Helper()
	set, err := load.Files(coreFile, sampleFile)
	if err != nil {
		t.Fatalf("loading the default schema set: %v", err)
	}
	s := &schemaSet{
		set:        set,
		concrete:   map[[2]string]*resource{},
		abstract:   map[[2]string][]string{},
		extensions: map[[2]string]*resource{},
		projects:   map[string]*load.Project{},
		subclasses: map[[2]string][]*resource{},
	}
	for _, p := range set.Projects {
		s.projects[p.ProjectName] = p
		for _, m := range members(p.Schema.Get("abstractResources")) {
			s.abstract[[2]string{p.ProjectName, m.Key}] = strs(m.Value.Get("identityJsonPaths"))
		}
		for _, m := range members(p.Schema.Get("resourceSchemas")) {
			r := &resource{file: p.File, project: p.ProjectName, endpoint: m.Key, schema: m.Value,
				name: m.Value.Get("resourceName").StringOr("")}
			r.shape = shape{leaves: map[string]*jsonx.Value{}, objects: map[string]*jsonx.Value{}}
			walkShape(m.Value.Get("jsonSchemaForInsert"), "$", &r.shape)
			s.resources = append(s.resources, r)
			if r.flag("isResourceExtension") {
				s.extensions[[2]string{p.ProjectName, r.name}] = r
				continue
			}
			s.concrete[[2]string{p.ProjectName, r.name}] = r
			if r.flag("isSubclass") {
				super := [2]string{r.schema.Get("superclassProjectName").StringOr(""), r.schema.Get("superclassResourceName").StringOr("")}
				s.subclasses[super] = append(s.subclasses[super], r)
			}
		}
	}
	return s
}

// members returns an object's members, none for an absent member.
func members(v *jsonx.Value) []jsonx.Member {
	if v == nil {
		return nil
	}
	return v.Members
}

// items returns an array's items, none for an absent member.
func items(v *jsonx.Value) []*jsonx.Value {
	if v == nil {
		return nil
	}
	return v.Items
}

func strs(v *jsonx.Value) []string {
	var out []string
	if v == nil {
		return nil
	}
	for _, it := range v.Items {
		out = append(out, it.Text)
	}
	return out
}

// references lists a resource's documentPathsMapping entries that are
// references (document or descriptor), in mapping order.
type reference struct {
	key        string
	target     [2]string
	descriptor bool
	required   bool
	identity   bool
	path       string      // descriptor references
	pairs      [][2]string // document references: (identityJsonPath, referenceJsonPath)
}

func references(r *resource) []reference {
	var out []reference
	for _, m := range members(r.schema.Get("documentPathsMapping")) {
		d := m.Value
		if !d.Get("isReference").BoolOr(false) {
			continue
		}
		ref := reference{key: m.Key,
			target:     [2]string{d.Get("projectName").StringOr(""), d.Get("resourceName").StringOr("")},
			descriptor: d.Get("isDescriptor").BoolOr(false),
			required:   d.Get("isRequired").BoolOr(false),
			identity:   d.Get("isPartOfIdentity").BoolOr(false),
			path:       d.Get("path").StringOr(""),
		}
		if rp := d.Get("referenceJsonPaths"); rp != nil {
			for _, it := range rp.Items {
				ref.pairs = append(ref.pairs, [2]string{it.Get("identityJsonPath").StringOr(""), it.Get("referenceJsonPath").StringOr("")})
			}
		}
		out = append(out, ref)
	}
	return out
}

// referenceObject is the JSON path of the reference object a document
// reference writes into ("$.schoolReference" for "$.schoolReference.schoolId").
func (ref reference) referenceObject() string {
	if len(ref.pairs) == 0 {
		return ""
	}
	p := ref.pairs[0][1]
	return p[:strings.LastIndex(p, ".")]
}

func TestDefaultSetLoadsAndFingerprints(t *testing.T) {
	s := loadDefault(t)
	if got := len(s.set.Projects); got != 2 {
		t.Fatalf("projects: got %d, want core + 1 extension", got)
	}
	want := []struct {
		file, name, endpoint, version string
		extension                     bool
	}{
		{coreFile, "Ed-Fi", "ed-fi", "5.2.0", false},
		{sampleFile, "Sample", "sample", "1.0.0", true},
	}
	for i, w := range want {
		p := s.set.Projects[i]
		if p.File != w.file || p.ProjectName != w.name || p.EndpointName != w.endpoint || p.ProjectVersion != w.version || p.IsExtension != w.extension {
			t.Errorf("project %d: got %s %s/%s %s extension=%t, want %s %s/%s %s extension=%t",
				i, p.File, p.ProjectName, p.EndpointName, p.ProjectVersion, p.IsExtension, w.file, w.name, w.endpoint, w.version, w.extension)
		}
		if p.APISchemaVersion != "1.0.0" {
			t.Errorf("%s: apiSchemaVersion %q, want 1.0.0", p.File, p.APISchemaVersion)
		}
	}
	info, err := effschema.Compute(s.set)
	if err != nil {
		t.Fatalf("effschema.Compute: %v", err)
	}
	// Resource keys: every concrete resource and every abstract resource,
	// resource extensions excluded.
	if got, want := len(info.ResourceKeys), len(s.concrete)+len(s.abstract); got != want {
		t.Errorf("resource keys: got %d, want %d (concrete) + %d (abstract)", got, len(s.concrete), len(s.abstract))
	}
	id := info.ResourceKeyID("Ed-Fi", "EducationOrganization")
	if id == 0 || !info.ResourceKeys[id-1].IsAbstract {
		t.Errorf("Ed-Fi/EducationOrganization must have an abstract resource key, got id %d", id)
	}
	again, err := effschema.Compute(s.set)
	if err != nil {
		t.Fatal(err)
	}
	if again.EffectiveSchemaHash != info.EffectiveSchemaHash {
		t.Errorf("EffectiveSchemaHash is not stable: %s then %s", info.EffectiveSchemaHash, again.EffectiveSchemaHash)
	}
	t.Logf("default set: %d resource keys, EffectiveSchemaHash %s", len(info.ResourceKeys), info.EffectiveSchemaHash)
}

func TestDefaultSetCoverage(t *testing.T) {
	s := loadDefault(t)
	core := func(name string) *resource { return s.concrete[[2]string{"Ed-Fi", name}] }

	for _, name := range []string{"School", "LocalEducationAgency", "Student", "Staff", "Course", "Session",
		"CourseOffering", "Section", "StudentSchoolAssociation", "StudentSectionAssociation", "SchoolYearType"} {
		if core(name) == nil {
			t.Errorf("core resource %s is missing", name)
		}
	}
	var coreResources, coreDescriptors int
	for k, r := range s.concrete {
		if k[0] != "Ed-Fi" {
			continue
		}
		if r.flag("isDescriptor") {
			coreDescriptors++
		} else {
			coreResources++
		}
	}
	if coreResources < 12 {
		t.Errorf("core has %d non-descriptor resources, want at least 12", coreResources)
	}
	if coreDescriptors < 6 {
		t.Errorf("core has %d descriptors, want at least 6", coreDescriptors)
	}

	// Abstract EducationOrganization with School and LocalEducationAgency as subclasses.
	eo := [2]string{"Ed-Fi", "EducationOrganization"}
	if ids, ok := s.abstract[eo]; !ok || !slices.Equal(ids, []string{"$.educationOrganizationId"}) {
		t.Errorf("abstractResources.EducationOrganization: identityJsonPaths %v (present %t), want [$.educationOrganizationId]", ids, ok)
	}
	var subs []string
	for _, r := range s.subclasses[eo] {
		subs = append(subs, r.name)
		if got := r.schema.Get("superclassIdentityJsonPath").StringOr(""); got != "$.educationOrganizationId" {
			t.Errorf("%s: superclassIdentityJsonPath %q, want $.educationOrganizationId", r, got)
		}
		if got := r.schema.Get("subclassType").StringOr(""); got != "domainEntity" {
			t.Errorf("%s: subclassType %q, want domainEntity", r, got)
		}
	}
	sort.Strings(subs)
	if !slices.Equal(subs, []string{"LocalEducationAgency", "School"}) {
		t.Errorf("subclasses of EducationOrganization: %v, want [LocalEducationAgency School]", subs)
	}
	if r := core("SchoolYearType"); r != nil && !r.flag("isSchoolYearEnumeration") {
		t.Errorf("%s: isSchoolYearEnumeration must be true", r)
	}

	// Shapes, each found somewhere in the set.
	has := map[string]string{} // shape → first resource showing it
	note := func(shape string, r *resource) {
		if _, ok := has[shape]; !ok {
			has[shape] = r.String()
		}
	}
	for _, r := range s.resources {
		for _, a := range r.shape.arrays {
			if strings.Count(a, "[*]") >= 2 {
				note("collection nested in a collection", r)
			}
		}
		for p := range r.shape.objects {
			if !strings.HasSuffix(p, "Reference") && !isExtensionContainer(p) {
				note("inline common-type object", r)
			}
		}
		identityRefs := 0
		for _, ref := range references(r) {
			if ref.descriptor {
				continue
			}
			if strings.Contains(ref.referenceObject(), "[*]") {
				note("reference inside a collection", r)
			}
			if !ref.required {
				note("optional reference", r)
			}
			if _, ok := s.abstract[ref.target]; ok {
				note("reference to an abstract resource", r)
			}
			if ref.target[0] != r.project {
				note("reference across projects", r)
			}
			if ref.identity {
				identityRefs++
			}
		}
		if identityRefs >= 2 {
			note("identity made of references", r)
		}
		if len(items(r.schema.Get("equalityConstraints"))) > 0 {
			note("equalityConstraints", r)
		}
		if len(items(r.schema.Get("arrayUniquenessConstraints"))) > 0 {
			note("arrayUniquenessConstraints", r)
		}
		if r.flag("allowIdentityUpdates") {
			note("allowIdentityUpdates", r)
		}
		if len(items(r.schema.Get("decimalPropertyValidationInfos"))) > 0 {
			note("decimal properties", r)
		}
		for _, leaf := range r.shape.leaves {
			if leaf.Get("format").StringOr("") == "time" {
				note("time property", r)
			}
		}
	}
	for _, shape := range []string{"collection nested in a collection", "inline common-type object", "reference inside a collection",
		"optional reference", "reference to an abstract resource", "reference across projects", "identity made of references",
		"equalityConstraints", "arrayUniquenessConstraints", "allowIdentityUpdates", "decimal properties", "time property"} {
		if at, ok := has[shape]; ok {
			t.Logf("%-36s first in %s", shape, at)
		} else {
			t.Errorf("no resource in the default set has: %s", shape)
		}
	}

	// Every concrete resource answers queries.
	for _, r := range s.concrete {
		q := r.schema.Get("queryFieldMapping")
		if q == nil || q.Get("id") == nil {
			t.Errorf("%s: queryFieldMapping missing or without \"id\"", r)
		}
	}

	// The extension project: _ext on School and Student, and a new resource
	// of its own that references a core resource.
	for _, name := range []string{"School", "Student"} {
		ext := s.extensions[[2]string{"Sample", name}]
		if ext == nil {
			t.Errorf("Sample has no resource extension of %s", name)
			continue
		}
		props := ext.schema.Get("jsonSchemaForInsert").Get("properties")
		if len(props.Members) != 1 || props.Members[0].Key != "_ext" {
			t.Errorf("%s: a resource extension must only add \"_ext\"", ext)
		} else if inner := props.Members[0].Value.Get("properties"); len(inner.Members) != 1 || inner.Members[0].Key != "sample" {
			t.Errorf("%s: \"_ext\" must hold exactly the project's \"sample\" member", ext)
		}
	}
	newWithCoreRef := false
	for k, r := range s.concrete {
		if k[0] != "Sample" || r.flag("isDescriptor") {
			continue
		}
		for _, ref := range references(r) {
			if !ref.descriptor && ref.target[0] == "Ed-Fi" {
				newWithCoreRef = true
			}
		}
	}
	if !newWithCoreRef {
		t.Error("Sample defines no new resource that references a core resource")
	}
}

// isExtensionContainer reports whether p is "$._ext" or "$._ext.<project>",
// the wrappers every resource extension puts its members in.
func isExtensionContainer(p string) bool {
	return p == "$._ext" || strings.HasPrefix(p, "$._ext.") && strings.Count(p, ".") == 2
}

func TestDefaultSetIsConsistent(t *testing.T) {
	s := loadDefault(t)
	for _, r := range s.resources {
		checkReferences(t, s, r)
		checkPaths(t, r)
		checkCollections(t, r)
		checkScalars(t, r)
	}
	for _, r := range s.extensions {
		if s.concrete[[2]string{"Ed-Fi", r.name}] == nil {
			t.Errorf("%s: extends Ed-Fi/%s, which is not in the core", r, r.name)
		}
	}
	for _, p := range s.set.Projects {
		checkProjectMaps(t, s, p)
	}
}

// checkReferences: every reference resolves to a resource of the set, with
// the right kind and exactly the target's identity.
func checkReferences(t *testing.T, s *schemaSet, r *resource) {
	t.Helper()
	for _, ref := range references(r) {
		at := fmt.Sprintf("%s: documentPathsMapping[%q]", r, ref.key)
		target, concrete := s.concrete[ref.target]
		abstractIdentity, abstract := s.abstract[ref.target]
		if !concrete && !abstract {
			t.Errorf("%s: target %s/%s is not in the set", at, ref.target[0], ref.target[1])
			continue
		}
		targetIsDescriptor := concrete && target.flag("isDescriptor")
		if ref.descriptor != targetIsDescriptor {
			t.Errorf("%s: isDescriptor %t but %s/%s isDescriptor %t", at, ref.descriptor, ref.target[0], ref.target[1], targetIsDescriptor)
			continue
		}
		if ref.descriptor {
			if leaf := r.shape.leaves[ref.path]; leaf == nil || leaf.Get("type").StringOr("") != "string" {
				t.Errorf("%s: descriptor path %s is not a string property of jsonSchemaForInsert", at, ref.path)
			}
			continue
		}
		identity := abstractIdentity
		if concrete {
			identity = strs(target.schema.Get("identityJsonPaths"))
		}
		var got []string
		for _, pair := range ref.pairs {
			if !slices.Contains(got, pair[0]) {
				got = append(got, pair[0])
			}
			if r.shape.leaves[pair[1]] == nil {
				t.Errorf("%s: referenceJsonPath %s is not a property of jsonSchemaForInsert", at, pair[1])
			}
		}
		sort.Strings(got)
		want := slices.Clone(identity)
		sort.Strings(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s: referenceJsonPaths carry identity %v, but %s/%s is identified by %v", at, got, ref.target[0], ref.target[1], want)
		}
	}
}

// checkPaths: every JSON path the resource's metadata names exists in its
// jsonSchemaForInsert.
func checkPaths(t *testing.T, r *resource) {
	t.Helper()
	leaf := func(member, p string) {
		if r.shape.leaves[p] == nil {
			t.Errorf("%s: %s names %s, which is not a property of jsonSchemaForInsert", r, member, p)
		}
	}
	for _, p := range strs(r.schema.Get("identityJsonPaths")) {
		leaf("identityJsonPaths", p)
	}
	for _, m := range members(r.schema.Get("documentPathsMapping")) {
		if p := m.Value.Get("path"); p != nil {
			leaf("documentPathsMapping["+m.Key+"]", p.Text)
		}
	}
	for _, e := range items(r.schema.Get("equalityConstraints")) {
		leaf("equalityConstraints", e.Get("sourceJsonPath").StringOr(""))
		leaf("equalityConstraints", e.Get("targetJsonPath").StringOr(""))
	}
	for _, m := range members(r.schema.Get("queryFieldMapping")) {
		for _, it := range m.Value.Items {
			if p := it.Get("path").StringOr(""); p != "$.id" {
				leaf("queryFieldMapping["+m.Key+"]", p)
			}
		}
	}
	se := r.schema.Get("securableElements")
	for _, kind := range []string{"Namespace", "Student", "Staff", "Contact"} {
		for _, p := range strs(se.Get(kind)) {
			leaf("securableElements."+kind, p)
		}
	}
	for _, it := range items(se.Get("EducationOrganization")) {
		leaf("securableElements.EducationOrganization", it.Get("jsonPath").StringOr(""))
	}
}

// checkCollections: every collection has a semantic identity. MetaEd emits
// an arrayUniquenessConstraints entry for every collection except one whose
// item is nothing but a single document reference; for that shape the
// design derives the identity from the reference (flattening-reconstitution
// "reference-backed scopes"), so it is accepted here too.
func checkCollections(t *testing.T, r *resource) {
	t.Helper()
	covered := map[string]bool{}
	cover := func(p string) {
		if r.shape.leaves[p] == nil {
			t.Errorf("%s: arrayUniquenessConstraints names %s, which is not a property of jsonSchemaForInsert", r, p)
		}
		covered[p[:strings.LastIndex(p, "[*]")+3]] = true
	}
	for _, c := range items(r.schema.Get("arrayUniquenessConstraints")) {
		for _, p := range strs(c.Get("paths")) {
			cover(p)
		}
		if nested := c.Get("nestedConstraints"); nested != nil {
			for _, n := range nested.Items {
				base := n.Get("basePath").StringOr("")
				for _, p := range strs(n.Get("paths")) {
					cover(base + strings.TrimPrefix(p, "$"))
				}
			}
		}
	}
	for _, a := range r.shape.arrays {
		if covered[a] {
			continue
		}
		if !referenceBacked(r, a) {
			t.Errorf("%s: collection %s has no arrayUniquenessConstraints entry and is not a single-reference collection", r, a)
		}
	}
}

// referenceBacked reports whether the items of collection a consist of
// exactly one document reference object.
func referenceBacked(r *resource, a string) bool {
	var members []string
	for p := range r.shape.leaves {
		if strings.HasPrefix(p, a+".") {
			rest := strings.TrimPrefix(p, a+".")
			members = append(members, rest[:strings.IndexAny(rest+".", ".[")])
		}
	}
	slices.Sort(members)
	members = slices.Compact(members)
	if len(members) != 1 || !strings.HasSuffix(members[0], "Reference") {
		return false
	}
	for _, ref := range references(r) {
		if ref.referenceObject() == a+"."+members[0] {
			return true
		}
	}
	return false
}

// checkScalars: strings are bounded, decimals are described, and the typed
// path lists match jsonSchemaForInsert exactly.
func checkScalars(t *testing.T, r *resource) {
	t.Helper()
	decimals := map[string]bool{}
	for _, d := range items(r.schema.Get("decimalPropertyValidationInfos")) {
		p := d.Get("path").StringOr("")
		decimals[p] = true
		if leaf := r.shape.leaves[p]; leaf == nil || leaf.Get("type").StringOr("") != "number" {
			t.Errorf("%s: decimalPropertyValidationInfos names %s, which is not a number property", r, p)
		}
		if d.Get("totalDigits") == nil || d.Get("decimalPlaces") == nil {
			t.Errorf("%s: decimalPropertyValidationInfos[%s] lacks totalDigits or decimalPlaces", r, p)
		}
	}
	lists := map[string][]string{}
	for _, p := range sortedKeys(r.shape.leaves) {
		leaf := r.shape.leaves[p]
		format := leaf.Get("format").StringOr("")
		switch typ := leaf.Get("type").StringOr(""); typ {
		case "string":
			switch format {
			case "date":
				lists["dateJsonPaths"] = append(lists["dateJsonPaths"], p)
			case "date-time":
				lists["dateTimeJsonPaths"] = append(lists["dateTimeJsonPaths"], p)
			case "time":
			default:
				if leaf.Get("maxLength") == nil {
					t.Errorf("%s: string property %s has no maxLength", r, p)
				}
			}
		case "number":
			if !decimals[p] {
				t.Errorf("%s: number property %s has no decimalPropertyValidationInfos entry", r, p)
			}
			lists["numericJsonPaths"] = append(lists["numericJsonPaths"], p)
		case "integer":
			lists["numericJsonPaths"] = append(lists["numericJsonPaths"], p)
		case "boolean":
			lists["booleanJsonPaths"] = append(lists["booleanJsonPaths"], p)
		default:
			t.Errorf("%s: property %s has unexpected type %q", r, p, typ)
		}
	}
	if r.flag("isDescriptor") {
		return // MetaEd leaves a descriptor's typed path lists empty
	}
	for _, member := range []string{"booleanJsonPaths", "numericJsonPaths", "dateJsonPaths", "dateTimeJsonPaths"} {
		if got := strs(r.schema.Get(member)); !slices.Equal(got, lists[member]) {
			t.Errorf("%s: %s is %v, jsonSchemaForInsert says %v", r, member, got, lists[member])
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// checkProjectMaps: the project-level name maps and the education
// organization hierarchy agree with the resources.
func checkProjectMaps(t *testing.T, s *schemaSet, p *load.Project) {
	t.Helper()
	ps := p.Schema
	want := map[string]string{} // resourceName → endpoint, for the project's own resources
	for _, r := range s.resources {
		if r.project == p.ProjectName && !r.flag("isResourceExtension") {
			want[r.name] = r.endpoint
		}
	}
	got := map[string]string{}
	for _, m := range members(ps.Get("resourceNameMapping")) {
		got[m.Key] = m.Value.Text
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("%s: resourceNameMapping %v, want %v", p.File, got, want)
	}
	ci := map[string]string{}
	for _, m := range members(ps.Get("caseInsensitiveEndpointNameMapping")) {
		ci[m.Key] = m.Value.Text
	}
	wantCI := map[string]string{}
	for _, ep := range want {
		wantCI[strings.ToLower(ep)] = ep
	}
	if fmt.Sprint(ci) != fmt.Sprint(wantCI) {
		t.Errorf("%s: caseInsensitiveEndpointNameMapping %v, want %v", p.File, ci, wantCI)
	}

	types := strs(ps.Get("educationOrganizationTypes"))
	var hierarchyTypes []string
	for _, m := range members(ps.Get("educationOrganizationHierarchy")) {
		hierarchyTypes = append(hierarchyTypes, m.Key)
		r := s.concrete[[2]string{"Ed-Fi", m.Key}]
		if r == nil && s.abstract[[2]string{"Ed-Fi", m.Key}] == nil {
			t.Errorf("%s: educationOrganizationHierarchy names %s, which is not an Ed-Fi resource of the set", p.File, m.Key)
			continue
		}
		for _, parent := range m.Value.Members {
			if !slices.Contains(types, parent.Key) {
				t.Errorf("%s: educationOrganizationHierarchy.%s names parent %s, which is not an education organization type", p.File, m.Key, parent.Key)
			}
			if r == nil || r.shape.leaves[parent.Value.Text] == nil {
				t.Errorf("%s: educationOrganizationHierarchy.%s.%s path %s is not a property of %s", p.File, m.Key, parent.Key, parent.Value.Text, m.Key)
			}
		}
	}
	slices.Sort(types)
	slices.Sort(hierarchyTypes)
	if !slices.Equal(types, hierarchyTypes) {
		t.Errorf("%s: educationOrganizationTypes %v differ from the hierarchy's types %v", p.File, types, hierarchyTypes)
	}
}

// TestDefaultSetFormattedLikeMetaEd keeps hand edits in MetaEd's layout:
// every object's keys sorted, two-space indentation, empty containers
// opened and closed on separate lines, no trailing newline.
func TestDefaultSetFormattedLikeMetaEd(t *testing.T) {
	for _, file := range []string{coreFile, sampleFile} {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		v, err := jsonx.Parse(data)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		checkSortedKeys(t, file, v, "$")
		var b strings.Builder
		writeMetaEd(&b, v, 0)
		if got := b.String(); got != string(data) {
			i := 0
			for i < len(got) && i < len(data) && got[i] == data[i] {
				i++
			}
			line, col := jsonx.LineColumn(data, int64(i))
			t.Errorf("%s: not in MetaEd's layout from line %d, column %d", file, line, col)
		}
	}
}

func checkSortedKeys(t *testing.T, file string, v *jsonx.Value, at string) {
	t.Helper()
	switch v.Kind {
	case jsonx.Object:
		for i, m := range v.Members {
			if i > 0 && !jsonx.LessOrdinal(v.Members[i-1].Key, m.Key) {
				t.Errorf("%s: %s: key %q is out of order after %q", file, at, m.Key, v.Members[i-1].Key)
			}
			checkSortedKeys(t, file, m.Value, at+jsonx.PathKey(m.Key))
		}
	case jsonx.Array:
		for i, it := range v.Items {
			checkSortedKeys(t, file, it, fmt.Sprintf("%s[%d]", at, i))
		}
	}
}

func writeMetaEd(b *strings.Builder, v *jsonx.Value, depth int) {
	indent := func(d int) { b.WriteString(strings.Repeat("  ", d)) }
	switch v.Kind {
	case jsonx.Object:
		b.WriteString("{\n")
		for i, m := range v.Members {
			indent(depth + 1)
			writeJSString(b, m.Key)
			b.WriteString(": ")
			writeMetaEd(b, m.Value, depth+1)
			if i < len(v.Members)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		indent(depth)
		b.WriteByte('}')
	case jsonx.Array:
		b.WriteString("[\n")
		for i, it := range v.Items {
			indent(depth + 1)
			writeMetaEd(b, it, depth+1)
			if i < len(v.Items)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		indent(depth)
		b.WriteByte(']')
	case jsonx.String:
		writeJSString(b, v.Text)
	case jsonx.Bool:
		fmt.Fprint(b, v.Bool)
	case jsonx.Null:
		b.WriteString("null")
	default:
		b.WriteString(v.Text)
	}
}

// writeJSString escapes like JavaScript's JSON.stringify, which MetaEd uses:
// quote, backslash and control characters only.
func writeJSString(b *strings.Builder, s string) {
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 {
				fmt.Fprintf(b, `\u%04x`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
}
