package plan_test

import (
	"slices"
	"testing"

	"github.com/edfi-dmsc/dmsc/internal/refdata"
	"github.com/edfi-dmsc/dmsc/runtime/identity"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// The audit's specs come from the triggers' inventory, the write path's
// identity from identityJsonPaths: for every resource both must name the
// same elements, columns and superclass alias, or the audit would judge
// rows by another identity than the one the API looks documents up by.
func TestReferentialIdentitySpecsAgreeWithTheWritePath(t *testing.T) {
	for name, s := range map[string]func() *spec.Schema{
		"bundled": func() *spec.Schema { return bundled(t) },
		"DS 3.2a": func() *spec.Schema { return buildPlans(t, refdata.File(t, refdata.DS32aCoreSchema)) },
	} {
		t.Run(name, func(t *testing.T) { checkSpecsAgree(t, s()) })
	}
}

func checkSpecsAgree(t *testing.T, s *spec.Schema) {
	if len(s.ReferentialIdentity) != len(s.Resources) {
		t.Fatalf("%d specs for %d resources", len(s.ReferentialIdentity), len(s.Resources))
	}
	aliases, journals := 0, 0
	for i, r := range s.Resources {
		ri := s.ReferentialIdentity[i]
		if ri.Resource != r.ProjectEndpoint+"/"+r.Endpoint || ri.Primary.ResourceKeyID != r.ResourceKeyID ||
			ri.Primary.ProjectName != r.ProjectName || ri.Primary.ResourceName != r.Name {
			t.Errorf("spec %d %s (key %d) is not resource %s/%s (key %d)", i, ri.Resource, ri.Primary.ResourceKeyID, r.ProjectEndpoint, r.Endpoint, r.ResourceKeyID)
			continue
		}
		if r.IsDescriptor {
			want := []spec.HashedElement{{Path: identity.DescriptorPath, Column: "Uri", Form: spec.HashDescriptorURI}}
			if !ri.Descriptor || ri.Table != (spec.TableName{Schema: "dms", Name: "Descriptor"}) || !slices.Equal(ri.Primary.Elements, want) {
				t.Errorf("%s: descriptor spec %+v", ri.Resource, ri)
			}
			continue
		}
		root := r.Tables[0]
		if ri.Table != (spec.TableName{Schema: root.Schema, Name: root.Name}) {
			t.Errorf("%s: table %s, root %s.%s", ri.Resource, ri.Table, root.Schema, root.Name)
		}
		if len(ri.Primary.Elements) != len(r.Identity) {
			t.Errorf("%s: %d elements, identity has %d", ri.Resource, len(ri.Primary.Elements), len(r.Identity))
			continue
		}
		for j, e := range ri.Primary.Elements {
			if part := r.Identity[j]; e.Path != part.JSONPath || e.Column != part.Column {
				t.Errorf("%s element %d: %s in %s, write path %s in %s", ri.Resource, j, e.Path, e.Column, part.JSONPath, part.Column)
			}
			if (e.Form == spec.HashDescriptorReference) != identity.IsDescriptorPath(e.Path) {
				t.Errorf("%s element %s: form %s", ri.Resource, e.Path, e.Form)
			}
		}
		if (ri.Alias != nil) != (r.Superclass != nil) {
			t.Errorf("%s: alias %+v, superclass %+v", ri.Resource, ri.Alias, r.Superclass)
			continue
		}
		if ri.Journal != nil {
			journals++
		}
		if ri.Alias == nil {
			continue
		}
		aliases++
		sc := r.Superclass
		if ri.Alias.ResourceKeyID != sc.ResourceKeyID || ri.Alias.ResourceName != sc.ResourceName || ri.Alias.ProjectName != sc.ProjectName {
			t.Errorf("%s: alias %+v, superclass %+v", ri.Resource, ri.Alias, sc)
		}
		for j, e := range ri.Alias.Elements {
			want := r.Identity[j].JSONPath
			if want == sc.IdentityRenameFrom && sc.IdentityRenameTo != "" {
				want = sc.IdentityRenameTo
			}
			if e.Path != want || e.Column != r.Identity[j].Column {
				t.Errorf("%s alias element %d: %s in %s, want %s in %s", ri.Resource, j, e.Path, e.Column, want, r.Identity[j].Column)
			}
		}
	}
	if aliases == 0 || journals == 0 {
		t.Errorf("%d aliases and %d journals: the schema should exercise both", aliases, journals)
	}
}
