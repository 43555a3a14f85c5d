package plan

import (
	"fmt"

	"github.com/edfi-dmsc/dmsc/compiler/ddl"
	"github.com/edfi-dmsc/dmsc/compiler/load"
	"github.com/edfi-dmsc/dmsc/compiler/relmodel"
	"github.com/edfi-dmsc/dmsc/runtime/identity"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// ReferentialIdentitySpecs derives, for every concrete resource and
// descriptor of a PostgreSQL model, how the audit (runtime/refaudit)
// recomputes its documents' dms.ReferentialIdentity rows, in model order.
//
// Resources follow their ReferentialIdentityMaintenance trigger — the
// inventory the DDL's triggers are written from: the identity elements
// and their columns, and the superclass alias. Descriptors follow the
// write path, which hashes "$.descriptor=" and the lower-cased URI. The
// journal is the resource's tracked-change table when its stamp trigger
// records identity changes there (kind Resource).
func ReferentialIdentitySpecs(set *load.SchemaSet, model *relmodel.ModelSet) ([]spec.ReferentialIdentity, error) {
	schemas := resourceSchemas(set)
	triggers := map[relmodel.TableName]*relmodel.Trigger{}
	journals := map[relmodel.TableName]*relmodel.TableName{}
	tracked := map[relmodel.TableName]string{}
	for _, tc := range model.TrackedChangeTables {
		tracked[tc.Table] = tc.Kind
	}
	for i := range model.Triggers {
		t := &model.Triggers[i]
		switch t.Kind {
		case relmodel.TriggerReferentialIdentityMaintenance:
			triggers[t.Table] = t
		case relmodel.TriggerDocumentStamping:
			if t.TrackedChangeTarget != nil && tracked[*t.TrackedChangeTarget] == "Resource" && len(t.IdentityProjectionColumns) > 0 {
				journals[t.Table] = t.TrackedChangeTarget
			}
		}
	}
	var specs []spec.ReferentialIdentity
	for _, r := range model.Resources {
		rs, ok := schemas[r.Name]
		if !ok {
			return nil, fmt.Errorf("plan: resource %s is in the model but not in the schema set", r.Name)
		}
		ri := spec.ReferentialIdentity{Resource: rs.project.EndpointName + "/" + rs.endpoint}
		if r.StorageKind == relmodel.SharedDescriptorTable {
			ri.Table = spec.TableName{Schema: ddl.DescriptorTable.Schema, Name: ddl.DescriptorTable.Name}
			ri.Descriptor = true
			ri.Primary = spec.HashedIdentity{ProjectName: r.Name.Project, ResourceName: r.Name.Resource, ResourceKeyID: r.ResourceKeyID,
				Elements: []spec.HashedElement{{Path: identity.DescriptorPath, Column: "Uri", Form: spec.HashDescriptorURI}}}
			specs = append(specs, ri)
			continue
		}
		root := r.Root()
		trig := triggers[root.Name]
		if trig == nil {
			return nil, fmt.Errorf("plan: resource %s has no referential identity trigger on %s", r.Name, root.Name)
		}
		ri.Table = spec.TableName{Schema: root.Name.Schema, Name: root.Name.Name}
		var err error
		if ri.Primary, err = auditIdentity(root, trig.Resource, trig.ResourceKeyID, trig.IdentityElements); err != nil {
			return nil, fmt.Errorf("plan: %s: %w", r.Name, err)
		}
		if a := trig.SuperclassAlias; a != nil {
			alias, err := auditIdentity(root, a.Resource, a.ResourceKeyID, a.IdentityElements)
			if err != nil {
				return nil, fmt.Errorf("plan: %s superclass alias: %w", r.Name, err)
			}
			ri.Alias = &alias
		}
		if j := journals[root.Name]; j != nil {
			ri.Journal = &spec.TableName{Schema: j.Schema, Name: j.Name}
		}
		specs = append(specs, ri)
	}
	return specs, nil
}

// auditIdentity is one referential identity with the form of each element
// taken from its root column's type.
func auditIdentity(root *relmodel.Table, name relmodel.ResourceName, keyID int16, elems []relmodel.IdentityElement) (spec.HashedIdentity, error) {
	id := spec.HashedIdentity{ProjectName: name.Project, ResourceName: name.Resource, ResourceKeyID: keyID}
	for _, e := range elems {
		form := spec.HashDescriptorReference
		if !e.IsDescriptorReference {
			c := root.Column(e.Column)
			if c == nil || c.Type == nil {
				return id, fmt.Errorf("identity element %s: column %s is not a typed column of %s", e.IdentityJSONPath, e.Column, root.Name)
			}
			form = auditForm(c.Type.Kind)
		}
		id.Elements = append(id.Elements, spec.HashedElement{Path: e.IdentityJSONPath, Column: e.Column, Form: form})
	}
	return id, nil
}

func auditForm(k relmodel.ScalarKind) spec.HashForm {
	switch k {
	case relmodel.KindInt32, relmodel.KindInt64:
		return spec.HashInteger
	case relmodel.KindDecimal:
		return spec.HashDecimal
	case relmodel.KindBoolean:
		return spec.HashBoolean
	case relmodel.KindDate:
		return spec.HashDate
	case relmodel.KindTime:
		return spec.HashTime
	case relmodel.KindDateTime:
		return spec.HashDateTime
	}
	return spec.HashText
}
