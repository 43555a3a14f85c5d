// Package plan turns a loaded schema set and its derived relational model
// into the data plans (runtime/spec values) a generated server executes. It
// is a pure function of its inputs; the code generator writes its result out
// as Go literals.
package plan

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/edfi-dmsc/dmsc/compiler/effschema"
	"github.com/edfi-dmsc/dmsc/compiler/jsonx"
	"github.com/edfi-dmsc/dmsc/compiler/load"
	"github.com/edfi-dmsc/dmsc/compiler/relmodel"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// Input is everything a plan is built from. Model must be the PostgreSQL
// model: the generated server's data path targets PostgreSQL.
type Input struct {
	Set   *load.SchemaSet
	Info  *effschema.Info
	Model *relmodel.ModelSet
}

// Build computes the plans of every concrete resource and descriptor.
func Build(in Input) (*spec.Schema, error) {
	s := &spec.Schema{
		EffectiveSchemaHash:    in.Info.EffectiveSchemaHash,
		APISchemaFormatVersion: in.Info.APISchemaFormatVersion,
		ResourceKeySeedHash:    in.Info.SeedHashHex(),
	}
	for _, k := range in.Info.ResourceKeys {
		s.ResourceKeys = append(s.ResourceKeys, spec.ResourceKey{ID: k.ID, ProjectName: k.ProjectName, ResourceName: k.ResourceName, Version: k.Version, IsAbstract: k.IsAbstract})
	}
	for _, p := range in.Set.Projects {
		s.Projects = append(s.Projects, spec.Project{
			EndpointName: p.EndpointName, ProjectName: p.ProjectName, Version: p.ProjectVersion,
			IsExtension: p.IsExtension, Description: p.Schema.Get("description").StringOr(""),
			SchemaFile: filepath.Base(p.File),
		})
	}
	schemas := resourceSchemas(in.Set)
	for _, mr := range in.Model.Resources {
		rs, ok := schemas[mr.Name]
		if !ok {
			return nil, fmt.Errorf("plan: resource %s is in the model but not in the schema set", mr.Name)
		}
		r, err := buildResource(in, rs, mr)
		if err != nil {
			return nil, fmt.Errorf("plan: %s: %w", mr.Name, err)
		}
		s.Resources = append(s.Resources, r)
	}
	s.AuthViews = authViewNames(in.Model)
	var err error
	if s.ReferentialIdentity, err = ReferentialIdentitySpecs(in.Set, in.Model); err != nil {
		return nil, err
	}
	return s, nil
}

// resourceSchema is a resource's ApiSchema entry and the project holding it.
type resourceSchema struct {
	project  *load.Project
	endpoint string
	schema   *jsonx.Value
}

// resourceSchemas maps every concrete resource and descriptor of a schema
// set (resource extensions left out) to its ApiSchema entry.
func resourceSchemas(set *load.SchemaSet) map[relmodel.ResourceName]resourceSchema {
	schemas := map[relmodel.ResourceName]resourceSchema{}
	for _, p := range set.Projects {
		if rs := p.Schema.Get("resourceSchemas"); rs != nil {
			for _, m := range rs.Members {
				if m.Value.Get("isResourceExtension").BoolOr(false) {
					continue
				}
				name := relmodel.ResourceName{Project: p.ProjectName, Resource: m.Value.Get("resourceName").StringOr("")}
				schemas[name] = resourceSchema{project: p, endpoint: m.Key, schema: m.Value}
			}
		}
	}
	return schemas
}

func buildResource(in Input, rs resourceSchema, mr *relmodel.Resource) (*spec.Resource, error) {
	r := &spec.Resource{
		ProjectEndpoint:      rs.project.EndpointName,
		ProjectName:          rs.project.ProjectName,
		Endpoint:             rs.endpoint,
		Name:                 mr.Name.Resource,
		ResourceKeyID:        mr.ResourceKeyID,
		IsDescriptor:         mr.StorageKind == relmodel.SharedDescriptorTable,
		AllowIdentityUpdates: rs.schema.Get("allowIdentityUpdates").BoolOr(false),
	}
	for _, t := range mr.Tables {
		r.Tables = append(r.Tables, buildTable(mr, t))
	}
	for i, t := range r.Tables {
		t.Parent = parentTable(r.Tables, i)
		parentScope := "$"
		if t.Parent >= 0 {
			parentScope = r.Tables[t.Parent].Scope
		}
		t.ScopeSteps = Steps(strings.TrimPrefix(t.Scope, parentScope))
	}
	var root *spec.Table
	if len(r.Tables) > 0 {
		root = r.Tables[0]
	}
	if ids := rs.schema.Get("identityJsonPaths"); ids != nil {
		for _, p := range ids.Items {
			path := p.StringOr("")
			part := spec.IdentityPart{JSONPath: path, Steps: Steps(strings.TrimPrefix(path, "$"))}
			if root != nil {
				col := columnBySource(root, path)
				if col == nil {
					return nil, fmt.Errorf("identity path %s has no root column", path)
				}
				part.Column = col.Name
			}
			r.Identity = append(r.Identity, part)
		}
	}
	if rs.schema.Get("isSubclass").BoolOr(false) {
		sc := &spec.Superclass{
			ProjectName:  rs.schema.Get("superclassProjectName").StringOr(""),
			ResourceName: rs.schema.Get("superclassResourceName").StringOr(""),
		}
		sc.ResourceKeyID = in.Info.ResourceKeyID(sc.ProjectName, sc.ResourceName)
		if to := rs.schema.Get("superclassIdentityJsonPath").StringOr(""); to != "" && len(r.Identity) == 1 {
			sc.IdentityRenameFrom, sc.IdentityRenameTo = r.Identity[0].JSONPath, to
		}
		r.Superclass = sc
	}
	var err error
	if r.EducationOrganization, err = educationOrganizationColumns(r, root); err != nil {
		return nil, err
	}
	if r.Write, err = buildWrite(in, rs, mr, r); err != nil {
		return nil, err
	}
	if r.Read, err = buildRead(in, rs, mr, r); err != nil {
		return nil, err
	}
	if r.Namespace, err = buildNamespace(rs, r); err != nil {
		return nil, err
	}
	var unchecked []spec.UntrackedSubject
	if r.Relationships, unchecked, err = buildRelationships(rs, mr, in.Model.PeopleAuthViews, r); err != nil {
		return nil, err
	}
	r.Changes = buildChanges(in.Model, rs, mr, r.Namespace, r.Relationships, unchecked)
	return r, nil
}

func buildTable(mr *relmodel.Resource, t *relmodel.Table) *spec.Table {
	et := &spec.Table{Schema: t.Name.Schema, Name: t.Name.Name, Scope: t.Scope, Kind: tableKind(t.Identity.TableKind), Parent: -1}
	members := map[string][]string{}
	for _, c := range t.KeyUnificationClasses {
		members[c.CanonicalColumn] = c.MemberPathColumns
	}
	refOf := map[string]int{}
	for i, ref := range mr.References {
		if ref.Table != t.Name {
			continue
		}
		refOf[ref.FkColumn] = i
		for _, b := range ref.IdentityBindings {
			refOf[b.Column] = i
		}
	}
	for _, c := range t.Columns {
		ec := &spec.Column{Name: c.Name, Kind: columnKind(c), Nullable: c.Nullable, JSONPath: c.SourcePath, Reference: -1}
		if c.Type != nil {
			ec.Type, ec.MaxLength, ec.Precision, ec.Scale = scalarType(c.Type.Kind), c.Type.MaxLength, c.Type.Precision, c.Type.Scale
		}
		if c.SourcePath != "" {
			ec.Steps = Steps(strings.TrimPrefix(c.SourcePath, t.Scope))
		}
		if c.Storage.UnifiedAlias {
			ec.Alias, ec.Canonical, ec.Presence = true, c.Storage.CanonicalColumn, c.Storage.PresenceColumn
		}
		ec.Members = members[c.Name]
		if i, ok := refOf[c.Name]; ok {
			ec.Reference = i
		}
		et.Columns = append(et.Columns, ec)
	}
	for _, b := range t.Identity.SemanticIdentity {
		et.SemanticIdentity = append(et.SemanticIdentity, b.Column)
	}
	return et
}

func tableKind(k relmodel.TableKind) spec.TableKind {
	switch k {
	case relmodel.TableCollection:
		return spec.CollectionTable
	case relmodel.TableRootExtension:
		return spec.RootExtensionTable
	case relmodel.TableCollectionExtensionScope:
		return spec.CollectionExtensionScopeTable
	case relmodel.TableExtensionCollection:
		return spec.ExtensionCollectionTable
	}
	return spec.RootTable
}

func columnKind(c *relmodel.Column) spec.ColumnKind {
	switch c.Kind {
	case relmodel.ColCollectionKey:
		return spec.CollectionItemIDColumn
	case relmodel.ColOrdinal:
		return spec.OrdinalColumn
	case relmodel.ColDocumentFk:
		return spec.DocumentFKColumn
	case relmodel.ColDescriptorFk:
		return spec.DescriptorFKColumn
	case relmodel.ColMirroredContentVersion:
		return spec.MirrorContentVersionColumn
	case relmodel.ColMirroredContentLastModifiedAt:
		return spec.MirrorLastModifiedColumn
	case relmodel.ColParentKeyPart:
		switch c.Name {
		case "ParentCollectionItemId":
			return spec.ParentCollectionItemIDColumn
		case "BaseCollectionItemId":
			return spec.BaseCollectionItemIDColumn
		}
		return spec.DocumentIDColumn
	}
	if c.SourcePath == "" && c.Type != nil && c.Type.Kind == relmodel.KindBoolean && strings.HasSuffix(c.Name, "_Present") {
		return spec.PresenceColumn
	}
	return spec.ScalarColumn
}

func scalarType(k relmodel.ScalarKind) spec.ScalarType {
	switch k {
	case relmodel.KindString:
		return spec.StringType
	case relmodel.KindInt32:
		return spec.Int32Type
	case relmodel.KindInt64:
		return spec.Int64Type
	case relmodel.KindDecimal:
		return spec.DecimalType
	case relmodel.KindBoolean:
		return spec.BooleanType
	case relmodel.KindDate:
		return spec.DateType
	case relmodel.KindDateTime:
		return spec.DateTimeType
	case relmodel.KindTime:
		return spec.TimeType
	}
	return spec.NoType
}

// parentTable finds the table whose scope is the longest proper prefix of
// table i's scope; tables are ordered parents first.
func parentTable(tables []*spec.Table, i int) int {
	best, bestLen := -1, -1
	for j, t := range tables {
		if j == i || len(t.Scope) >= len(tables[i].Scope) || len(t.Scope) <= bestLen {
			continue
		}
		if t.Scope == "$" || strings.HasPrefix(tables[i].Scope, t.Scope+".") || strings.HasPrefix(tables[i].Scope, t.Scope+"[") {
			best, bestLen = j, len(t.Scope)
		}
	}
	return best
}

// Steps splits a relative JSON path (".a.b[*].c") into steps
// ("a", "b", "[*]", "c").
func Steps(rel string) []string {
	var out []string
	for _, seg := range strings.Split(strings.TrimPrefix(rel, "."), ".") {
		if seg == "" {
			continue
		}
		name, arr := strings.CutSuffix(seg, "[*]")
		if name != "" {
			out = append(out, name)
		}
		if arr {
			out = append(out, "[*]")
		}
	}
	return out
}

// The abstract resource whose concrete subclasses token_info describes,
// and the document paths it reads of them.
const (
	educationOrganizationResource = "EducationOrganization"
	educationOrganizationIDPath   = "$.educationOrganizationId"
	nameOfInstitutionPath         = "$.nameOfInstitution"
)

// educationOrganizationColumns returns, for a concrete subclass of
// EducationOrganization, the root-table columns of its education
// organization id and name (spec.EducationOrganizationColumns); nil for
// any other resource.
func educationOrganizationColumns(r *spec.Resource, root *spec.Table) (*spec.EducationOrganizationColumns, error) {
	sc := r.Superclass
	if sc == nil || sc.ResourceName != educationOrganizationResource || root == nil {
		return nil, nil
	}
	if sc.IdentityRenameTo != educationOrganizationIDPath {
		return nil, fmt.Errorf("subclass of %s whose identity is not renamed to %s", educationOrganizationResource, educationOrganizationIDPath)
	}
	name := columnBySource(root, nameOfInstitutionPath)
	if name == nil {
		return nil, fmt.Errorf("subclass of %s without a root column for %s", educationOrganizationResource, nameOfInstitutionPath)
	}
	return &spec.EducationOrganizationColumns{ID: r.Identity[0].Column, Name: name.Name}, nil
}

func columnBySource(t *spec.Table, path string) *spec.Column {
	for _, c := range t.Columns {
		if c.JSONPath == path {
			return c
		}
	}
	return nil
}
