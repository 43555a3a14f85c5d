package plan

import (
	"fmt"

	"github.com/edfi-dmsc/dmsc/compiler/ddl"
	"github.com/edfi-dmsc/dmsc/compiler/load"
	"github.com/edfi-dmsc/dmsc/compiler/relmodel"
	"github.com/edfi-dmsc/dmsc/runtime/identity"
	"github.com/edfi-dmsc/dmsc/runtime/refaudit"
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
func ReferentialIdentitySpecs(set *load.SchemaSet, model *relmodel.ModelSet) ([]refaudit.Spec, error) {
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
	var specs []refaudit.Spec
	for _, r := range model.Resources {
		rs, ok := schemas[r.Name]
		if !ok {
			return nil, fmt.Errorf("plan: resource %s is in the model but not in the schema set", r.Name)
		}
		spec := refaudit.Spec{Resource: rs.project.EndpointName + "/" + rs.endpoint}
		if r.StorageKind == relmodel.SharedDescriptorTable {
			spec.Table = refaudit.Table{Schema: ddl.DescriptorTable.Schema, Name: ddl.DescriptorTable.Name}
			spec.Descriptor = true
			spec.Primary = refaudit.Identity{ProjectName: r.Name.Project, ResourceName: r.Name.Resource, ResourceKeyID: r.ResourceKeyID,
				Elements: []refaudit.Element{{Path: identity.DescriptorPath, Column: "Uri", Form: refaudit.DescriptorURI}}}
			specs = append(specs, spec)
			continue
		}
		root := r.Root()
		trig := triggers[root.Name]
		if trig == nil {
			return nil, fmt.Errorf("plan: resource %s has no referential identity trigger on %s", r.Name, root.Name)
		}
		spec.Table = refaudit.Table{Schema: root.Name.Schema, Name: root.Name.Name}
		var err error
		if spec.Primary, err = auditIdentity(root, trig.Resource, trig.ResourceKeyID, trig.IdentityElements); err != nil {
			return nil, fmt.Errorf("plan: %s: %w", r.Name, err)
		}
		if a := trig.SuperclassAlias; a != nil {
			alias, err := auditIdentity(root, a.Resource, a.ResourceKeyID, a.IdentityElements)
			if err != nil {
				return nil, fmt.Errorf("plan: %s superclass alias: %w", r.Name, err)
			}
			spec.Alias = &alias
		}
		if j := journals[root.Name]; j != nil {
			spec.Journal = &refaudit.Table{Schema: j.Schema, Name: j.Name}
		}
		specs = append(specs, spec)
	}
	return specs, nil
}

// auditIdentity is one referential identity with the form of each element
// taken from its root column's type.
func auditIdentity(root *relmodel.Table, name relmodel.ResourceName, keyID int16, elems []relmodel.IdentityElement) (refaudit.Identity, error) {
	id := refaudit.Identity{ProjectName: name.Project, ResourceName: name.Resource, ResourceKeyID: keyID}
	for _, e := range elems {
		form := refaudit.DescriptorReference
		if !e.IsDescriptorReference {
			c := root.Column(e.Column)
			if c == nil || c.Type == nil {
				return id, fmt.Errorf("identity element %s: column %s is not a typed column of %s", e.IdentityJSONPath, e.Column, root.Name)
			}
			form = auditForm(c.Type.Kind)
		}
		id.Elements = append(id.Elements, refaudit.Element{Path: e.IdentityJSONPath, Column: e.Column, Form: form})
	}
	return id, nil
}

func auditForm(k relmodel.ScalarKind) refaudit.Form {
	switch k {
	case relmodel.KindInt32, relmodel.KindInt64:
		return refaudit.Integer
	case relmodel.KindDecimal:
		return refaudit.Decimal
	case relmodel.KindBoolean:
		return refaudit.Boolean
	case relmodel.KindDate:
		return refaudit.Date
	case relmodel.KindTime:
		return refaudit.Time
	case relmodel.KindDateTime:
		return refaudit.DateTime
	}
	return refaudit.Text
}
