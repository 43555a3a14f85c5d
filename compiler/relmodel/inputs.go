package relmodel

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/edfi-dmsc/dmsc/compiler/jsonx"
	"github.com/edfi-dmsc/dmsc/compiler/load"
)

// referenceBinding pairs an identity path of the referenced resource with
// the path of the same value inside the referencing document.
type referenceBinding struct {
	identityPath  jsonPath
	referencePath jsonPath
}

// referenceMapping is one document reference declared in documentPathsMapping.
type referenceMapping struct {
	key             string // documentPathsMapping key, the base of column names
	target          ResourceName
	isRequired      bool
	isIdentity      bool
	objectPath      jsonPath
	bindings        []referenceBinding
	objectCanonical string
}

// decimalInfo is one decimalPropertyValidationInfos entry.
type decimalInfo struct {
	totalDigits, decimalPlaces int
	complete                   bool
}

// resourceInput is everything the derivation reads from one resourceSchemas
// entry, validated once.
type resourceInput struct {
	project *load.Project
	schema  *jsonx.Value
	name    ResourceName

	isDescriptor, isExtension, isSubclass, allowIdentityUpdates bool
	superclass                                                  *ResourceName
	superclassIdentityPath                                      string

	insertSchema    *jsonx.Value
	identityPaths   []jsonPath
	identitySet     map[string]bool
	references      []referenceMapping
	descriptorPaths map[string]ResourceName // direct descriptor values by canonical path
	decimals        map[string]decimalInfo
	nameOverrides   map[string]nameOverride // by canonical path
	usedOverrides   map[string]bool
	rootTableName   string // rootTableNameOverride, "" when absent
	// securableNS and securableEdOrg are the Namespace and
	// EducationOrganization securable element paths.
	securableNS    []string
	securableEdOrg []string
	// securablePersons holds the Student, Contact and Staff securable
	// element paths by person resource name.
	securablePersons map[string][]string
}

func (r *resourceInput) label() string { return r.name.String() }

// errorf reports a problem of this resource, naming it and its file.
func (r *resourceInput) errorf(format string, args ...any) error {
	file := ""
	if r.project != nil {
		file = ", file " + r.project.File
	}
	return fmt.Errorf("relational model (resource %s%s): %s", r.label(), file, fmt.Sprintf(format, args...))
}

// collectInputs reads every resourceSchemas entry of every project.
func collectInputs(set *load.SchemaSet) ([]*resourceInput, error) {
	var out []*resourceInput
	for _, p := range set.Projects {
		rs := p.Schema.Get("resourceSchemas")
		if rs == nil || rs.Kind != jsonx.Object {
			return nil, fmt.Errorf("%s: projectSchema.resourceSchemas must be an object", p.File)
		}
		for _, m := range rs.Members {
			in, err := readResource(p, m.Key, m.Value)
			if err != nil {
				return nil, err
			}
			out = append(out, in)
		}
	}
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].name.Project != out[b].name.Project {
			return ordinalLess(out[a].name.Project, out[b].name.Project)
		}
		return ordinalLess(out[a].name.Resource, out[b].name.Resource)
	})
	return out, nil
}

func readResource(p *load.Project, endpoint string, rs *jsonx.Value) (*resourceInput, error) {
	at := fmt.Sprintf("%s: resourceSchemas.%s", p.File, endpoint)
	if rs == nil || rs.Kind != jsonx.Object {
		return nil, fmt.Errorf("%s must be an object", at)
	}
	name, ok := rs.Get("resourceName").Str()
	if !ok || name == "" {
		return nil, fmt.Errorf("%s.resourceName must be a non-empty string", at)
	}
	in := &resourceInput{
		project: p, schema: rs,
		name:                 ResourceName{Project: p.ProjectName, Resource: name},
		isDescriptor:         rs.Get("isDescriptor").BoolOr(false),
		isExtension:          rs.Get("isResourceExtension").BoolOr(false),
		isSubclass:           rs.Get("isSubclass").BoolOr(false),
		allowIdentityUpdates: rs.Get("allowIdentityUpdates").BoolOr(false),
		insertSchema:         rs.Get("jsonSchemaForInsert"),
		identitySet:          map[string]bool{},
		descriptorPaths:      map[string]ResourceName{},
		decimals:             map[string]decimalInfo{},
		nameOverrides:        map[string]nameOverride{},
		usedOverrides:        map[string]bool{},
	}
	if in.insertSchema == nil || in.insertSchema.Kind != jsonx.Object {
		return nil, in.errorf("jsonSchemaForInsert must be an object")
	}
	if in.isSubclass {
		sp, _ := rs.Get("superclassProjectName").Str()
		sr, _ := rs.Get("superclassResourceName").Str()
		if sp != "" && sr != "" {
			in.superclass = &ResourceName{Project: sp, Resource: sr}
		}
		in.superclassIdentityPath, _ = rs.Get("superclassIdentityJsonPath").Str()
	}
	for i, v := range rs.Get("identityJsonPaths").ArrayItems() {
		s, ok := v.Str()
		if !ok {
			return nil, in.errorf("identityJsonPaths[%d] must be a string", i)
		}
		path, err := parsePath(s)
		if err != nil {
			return nil, in.errorf("identityJsonPaths[%d]: %v", i, err)
		}
		in.identityPaths = append(in.identityPaths, path)
		in.identitySet[path.String()] = true
	}
	for i, v := range rs.Get("decimalPropertyValidationInfos").ArrayItems() {
		s, _ := v.Get("path").Str()
		path, err := parsePath(s)
		if err != nil {
			return nil, in.errorf("decimalPropertyValidationInfos[%d].path: %v", i, err)
		}
		td, okT := intOf(v.Get("totalDigits"))
		dp, okD := intOf(v.Get("decimalPlaces"))
		in.decimals[path.String()] = decimalInfo{totalDigits: td, decimalPlaces: dp, complete: okT && okD}
	}
	if err := in.readDocumentPaths(); err != nil {
		return nil, err
	}
	if err := in.readOverrides(); err != nil {
		return nil, err
	}
	if se := rs.Get("securableElements"); se != nil {
		for _, v := range se.Get("Namespace").ArrayItems() {
			if s, ok := v.Str(); ok {
				in.securableNS = append(in.securableNS, s)
			}
		}
		in.securablePersons = map[string][]string{}
		for _, kind := range personKinds {
			for _, v := range se.Get(kind).ArrayItems() {
				if s, ok := v.Str(); ok {
					in.securablePersons[kind] = append(in.securablePersons[kind], s)
				}
			}
		}
		for _, v := range se.Get("EducationOrganization").ArrayItems() {
			if s, ok := v.Get("jsonPath").Str(); ok {
				in.securableEdOrg = append(in.securableEdOrg, s)
			}
		}
	}
	return in, nil
}

func intOf(v *jsonx.Value) (int, bool) {
	if v == nil || v.Kind != jsonx.Number {
		return 0, false
	}
	n, err := strconv.Atoi(v.Text)
	return n, err == nil
}

// readDocumentPaths extracts descriptor paths and document references.
func (in *resourceInput) readDocumentPaths() error {
	dpm := in.schema.Get("documentPathsMapping")
	if dpm == nil {
		return nil
	}
	members := append([]jsonx.Member(nil), dpm.Members...)
	sort.SliceStable(members, func(a, b int) bool { return ordinalLess(members[a].Key, members[b].Key) })
	for _, m := range members {
		e := m.Value
		if !e.Get("isReference").BoolOr(false) {
			continue
		}
		target := ResourceName{Project: e.Get("projectName").StringOr(""), Resource: e.Get("resourceName").StringOr("")}
		if e.Get("isDescriptor").BoolOr(false) {
			s, _ := e.Get("path").Str()
			path, err := parsePath(s)
			if err != nil {
				return in.errorf("documentPathsMapping.%s.path: %v", m.Key, err)
			}
			in.descriptorPaths[path.String()] = target
			continue
		}
		ref := referenceMapping{key: m.Key, target: target}
		for i, b := range e.Get("referenceJsonPaths").ArrayItems() {
			ip, err := parsePath(b.Get("identityJsonPath").StringOr(""))
			if err != nil {
				return in.errorf("documentPathsMapping.%s.referenceJsonPaths[%d].identityJsonPath: %v", m.Key, i, err)
			}
			rp, err := parsePath(b.Get("referenceJsonPath").StringOr(""))
			if err != nil {
				return in.errorf("documentPathsMapping.%s.referenceJsonPaths[%d].referenceJsonPath: %v", m.Key, i, err)
			}
			if len(rp) == 0 || rp[len(rp)-1] == anyElement {
				return in.errorf("documentPathsMapping.%s: reference path %s must end in a property", m.Key, rp)
			}
			prefix := rp[:len(rp)-1]
			if ref.objectPath == nil {
				ref.objectPath = append(jsonPath{}, prefix...)
			} else if prefix.String() != ref.objectPath.String() {
				return in.errorf("documentPathsMapping.%s has inconsistent referenceJsonPaths prefixes %s and %s", m.Key, ref.objectPath, prefix)
			}
			ref.bindings = append(ref.bindings, referenceBinding{identityPath: ip, referencePath: rp})
			if in.identitySet[rp.String()] {
				ref.isIdentity = true
			}
		}
		if len(ref.bindings) == 0 {
			return in.errorf("documentPathsMapping.%s is a reference without referenceJsonPaths", m.Key)
		}
		ref.objectCanonical = ref.objectPath.String()
		req, err := in.referenceRequired(ref.objectPath)
		if err != nil {
			return err
		}
		ref.isRequired = req
		if ref.isIdentity && !req {
			return in.errorf("documentPathsMapping entry %q maps identity through reference path %s, but that reference is optional by jsonSchemaForInsert; identity references must be required", m.Key, ref.objectCanonical)
		}
		in.references = append(in.references, ref)
	}
	return nil
}

// referenceRequired decides whether a reference object is required within its
// owning table scope: every property step below the scope must be required
// and not x-nullable.
func (in *resourceInput) referenceRequired(obj jsonPath) (bool, error) {
	owning := owningScopeLength(obj)
	cur := in.insertSchema
	for i := 0; i < len(obj); i++ {
		seg := obj[i]
		if seg == anyElement {
			cur = cur.Get("items")
			if cur == nil {
				return false, in.errorf("reference path %s does not resolve in jsonSchemaForInsert", obj)
			}
			continue
		}
		next := cur.Get("properties").Get(seg)
		if next == nil {
			return false, in.errorf("reference path %s does not resolve in jsonSchemaForInsert (missing %q)", obj, seg)
		}
		if i >= owning && (!requiredSet(cur)[seg] || next.Get("x-nullable").BoolOr(false)) {
			return false, nil
		}
		cur = next
	}
	return true, nil
}

// owningScopeLength is the number of leading segments naming the table scope
// that owns a path: up to the last `[*]`, or the last `_ext.{project}` when it
// comes after every array segment.
func owningScopeLength(p jsonPath) int {
	lastArray, lastExt := -1, -1
	for i, s := range p {
		if s == anyElement {
			lastArray = i
		}
		if i < len(p)-1 && s == "_ext" && p[i+1] != anyElement {
			lastExt = i + 1
		}
	}
	if lastExt >= 0 && lastArray < lastExt {
		return lastExt + 1
	}
	return lastArray + 1
}

func requiredSet(schema *jsonx.Value) map[string]bool {
	out := map[string]bool{}
	for _, v := range schema.Get("required").ArrayItems() {
		if s, ok := v.Str(); ok {
			out[s] = true
		}
	}
	return out
}

// nameOverride is one relational.nameOverrides entry: the key as written
// and its PascalCase-normalized value.
type nameOverride struct {
	rawKey, value string
}

// readOverrides reads relational.rootTableNameOverride and nameOverrides.
// Values are PascalCase-normalized; a resource extension writes keys
// relative to its own `_ext.{project}` scope unless they start with `_ext`.
func (in *resourceInput) readOverrides() error {
	rel := in.schema.Get("relational")
	if rel == nil {
		return nil
	}
	if in.isDescriptor {
		return in.errorf("descriptor resources must not define relational overrides")
	}
	if v := rel.Get("rootTableNameOverride"); v != nil {
		s, _ := v.Str()
		name := pascalCase(s)
		if name == "" {
			return in.errorf("relational.rootTableNameOverride must be a non-empty name")
		}
		if in.isExtension {
			if name != pascalCase(in.name.Resource)+"Extension" {
				return in.errorf("relational.rootTableNameOverride is not supported for resource extensions")
			}
		} else {
			in.rootTableName = name
		}
	}
	keys := rel.Get("nameOverrides").ObjectMembers()
	sorted := append([]jsonx.Member(nil), keys...)
	sortMembers(sorted)
	projectKey := ""
	for _, m := range sorted {
		path, err := parsePath(m.Key)
		if err != nil {
			return in.errorf("relational.nameOverrides key %q: %v", m.Key, err)
		}
		if in.isExtension && (len(path) == 0 || path[0] != "_ext") {
			if projectKey == "" {
				if projectKey, err = in.ownExtensionKey(); err != nil {
					return err
				}
			}
			path = append(jsonPath{"_ext", projectKey}, path...)
		}
		s, _ := m.Value.Str()
		value := pascalCase(s)
		if value == "" {
			return in.errorf("relational.nameOverrides entry '%s' must normalize to a non-empty name", m.Key)
		}
		canonical := path.String()
		for _, r := range in.references {
			if len(path) > len(r.objectPath) && path.hasPrefix(r.objectPath) && !r.hasReferencePath(canonical) {
				return in.errorf("relational.nameOverrides entry '%s' (canonical '%s') targets a non-identity path inside reference object '%s'; only reference identity paths may be overridden",
					m.Key, canonical, r.objectCanonical)
			}
		}
		if prev, dup := in.nameOverrides[canonical]; dup {
			return in.errorf("relational.nameOverrides entry '%s' (canonical '%s') duplicates '%s'", m.Key, canonical, prev.rawKey)
		}
		in.nameOverrides[canonical] = nameOverride{rawKey: m.Key, value: value}
	}
	return nil
}

func (r referenceMapping) hasReferencePath(canonical string) bool {
	for _, b := range r.bindings {
		if b.referencePath.String() == canonical {
			return true
		}
	}
	return false
}

// ownExtensionKey finds the `_ext` member naming the resource's own project.
func (in *resourceInput) ownExtensionKey() (string, error) {
	props := in.insertSchema.Get("properties").Get("_ext").Get("properties")
	for _, want := range []string{in.project.EndpointName, in.project.ProjectName} {
		for _, m := range props.ObjectMembers() {
			if strings.EqualFold(m.Key, want) {
				return m.Key, nil
			}
		}
	}
	return "", in.errorf("extension project key '%s' not found under jsonSchemaForInsert._ext", in.project.EndpointName)
}

// override returns the nameOverrides entry for a path and marks it used.
func (in *resourceInput) override(canonical string) (string, bool) {
	o, ok := in.nameOverrides[canonical]
	if ok {
		in.usedOverrides[canonical] = true
	}
	return o.value, ok
}

// unusedOverrides describes override keys that matched no derived element.
func (in *resourceInput) unusedOverrides() []string {
	var canon []string
	for k := range in.nameOverrides {
		if !in.usedOverrides[k] {
			canon = append(canon, k)
		}
	}
	sortStrings(canon)
	out := make([]string, len(canon))
	for i, k := range canon {
		out[i] = fmt.Sprintf("'%s' (canonical '%s')", in.nameOverrides[k].rawKey, k)
	}
	return out
}
