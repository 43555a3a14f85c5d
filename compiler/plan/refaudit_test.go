package plan_test

import (
	"slices"
	"testing"

	"github.com/edfi-dmsc/dmsc/internal/refdata"
	"github.com/edfi-dmsc/dmsc/runtime/engine"
	"github.com/edfi-dmsc/dmsc/runtime/identity"
	"github.com/edfi-dmsc/dmsc/runtime/refaudit"
)

// The audit's specs come from the triggers' inventory, the write path's
// identity from identityJsonPaths: for every resource both must name the
// same elements, columns and superclass alias, or the audit would judge
// rows by another identity than the one the API looks documents up by.
func TestReferentialIdentitySpecsAgreeWithTheWritePath(t *testing.T) {
	for name, s := range map[string]func() *engine.Schema{
		"bundled": func() *engine.Schema { return bundled(t) },
		"DS 3.2a": func() *engine.Schema { return buildPlans(t, refdata.File(t, refdata.DS32aCoreSchema)) },
	} {
		t.Run(name, func(t *testing.T) { checkSpecsAgree(t, s()) })
	}
}

func checkSpecsAgree(t *testing.T, s *engine.Schema) {
	if len(s.ReferentialIdentity) != len(s.Resources) {
		t.Fatalf("%d specs for %d resources", len(s.ReferentialIdentity), len(s.Resources))
	}
	aliases, journals := 0, 0
	for i, r := range s.Resources {
		spec := s.ReferentialIdentity[i]
		if spec.Resource != r.ProjectEndpoint+"/"+r.Endpoint || spec.Primary.ResourceKeyID != r.ResourceKeyID ||
			spec.Primary.ProjectName != r.ProjectName || spec.Primary.ResourceName != r.Name {
			t.Errorf("spec %d %s (key %d) is not resource %s/%s (key %d)", i, spec.Resource, spec.Primary.ResourceKeyID, r.ProjectEndpoint, r.Endpoint, r.ResourceKeyID)
			continue
		}
		if r.IsDescriptor {
			want := []refaudit.Element{{Path: identity.DescriptorPath, Column: "Uri", Form: refaudit.DescriptorURI}}
			if !spec.Descriptor || spec.Table != (refaudit.Table{Schema: "dms", Name: "Descriptor"}) || !slices.Equal(spec.Primary.Elements, want) {
				t.Errorf("%s: descriptor spec %+v", spec.Resource, spec)
			}
			continue
		}
		root := r.Tables[0]
		if spec.Table != (refaudit.Table{Schema: root.Schema, Name: root.Name}) {
			t.Errorf("%s: table %s, root %s.%s", spec.Resource, spec.Table, root.Schema, root.Name)
		}
		if len(spec.Primary.Elements) != len(r.Identity) {
			t.Errorf("%s: %d elements, identity has %d", spec.Resource, len(spec.Primary.Elements), len(r.Identity))
			continue
		}
		for j, e := range spec.Primary.Elements {
			if part := r.Identity[j]; e.Path != part.JSONPath || e.Column != part.Column {
				t.Errorf("%s element %d: %s in %s, write path %s in %s", spec.Resource, j, e.Path, e.Column, part.JSONPath, part.Column)
			}
			if (e.Form == refaudit.DescriptorReference) != identity.IsDescriptorPath(e.Path) {
				t.Errorf("%s element %s: form %s", spec.Resource, e.Path, e.Form)
			}
		}
		if (spec.Alias != nil) != (r.Superclass != nil) {
			t.Errorf("%s: alias %+v, superclass %+v", spec.Resource, spec.Alias, r.Superclass)
			continue
		}
		if spec.Journal != nil {
			journals++
		}
		if spec.Alias == nil {
			continue
		}
		aliases++
		sc := r.Superclass
		if spec.Alias.ResourceKeyID != sc.ResourceKeyID || spec.Alias.ResourceName != sc.ResourceName || spec.Alias.ProjectName != sc.ProjectName {
			t.Errorf("%s: alias %+v, superclass %+v", spec.Resource, spec.Alias, sc)
		}
		for j, e := range spec.Alias.Elements {
			want := r.Identity[j].JSONPath
			if want == sc.IdentityRenameFrom && sc.IdentityRenameTo != "" {
				want = sc.IdentityRenameTo
			}
			if e.Path != want || e.Column != r.Identity[j].Column {
				t.Errorf("%s alias element %d: %s in %s, want %s in %s", spec.Resource, j, e.Path, e.Column, want, r.Identity[j].Column)
			}
		}
	}
	if aliases == 0 || journals == 0 {
		t.Errorf("%d aliases and %d journals: the schema should exercise both", aliases, journals)
	}
}
