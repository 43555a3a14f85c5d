package gogen

import (
	"path/filepath"
	"testing"

	"github.com/edfi-dmsc/dmsc/internal/refdata"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// TestTypeModel: over the bundled schema, every table has its object type,
// every column with Steps and every reference and descriptor site is
// located by fields of the model, and type names are unique and follow the
// naming rules.
func TestTypeModel(t *testing.T) {
	repo := refdata.RepoRoot(t)
	s, err := Plans(filepath.Join(repo, "schemas/default/core.ApiSchema.json"), filepath.Join(repo, "schemas/default/sample.ApiSchema.json"))
	if err != nil {
		t.Fatal(err)
	}
	models, err := TypeModels(s.Resources)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]string{}
	for _, m := range models {
		r := m.Resource
		for _, o := range m.Objects {
			if prev, dup := names[o.Name]; dup {
				t.Errorf("type %s names %s and %s", o.Name, prev, o.Scope)
			}
			names[o.Name] = o.Scope
		}
		for ti, tab := range r.Tables {
			o := m.TableType(ti)
			if o == nil || o.Scope != tab.Scope || o.Table != ti {
				t.Errorf("%s: table %s has no object type", r.Label(), tab.Name)
				continue
			}
			for _, c := range tab.Columns {
				if c.Kind != spec.ScalarColumn || len(c.Steps) == 0 {
					continue
				}
				fields, ok := m.ColumnPath(ti, c)
				if !ok || fields[len(fields)-1].Kind != ScalarField {
					t.Errorf("%s: column %s.%s (%v) is not located by the model", r.Label(), tab.Name, c.Name, c.Steps)
				}
			}
		}
		for i, rp := range r.Write.References {
			fields, ok := m.TableType(rp.Table).Path(rp.ObjectSteps)
			if !ok || fields[len(fields)-1].Object.Reference != i {
				t.Errorf("%s: reference %d (%v) is not located by the model", r.Label(), i, rp.ObjectSteps)
			}
		}
		for i, dp := range r.Write.Descriptors {
			fields, ok := m.TableType(dp.Table).Path(dp.Steps)
			if !ok || fields[len(fields)-1].Descriptor != i {
				t.Errorf("%s: descriptor site %d (%v) is not located by the model", r.Label(), i, dp.Steps)
			}
		}
	}
	for name, scope := range map[string]string{
		"EdfiClassPeriod":                "$",
		"EdfiClassPeriodMeetingTime":     "$.meetingTimes[*]",
		"EdfiClassPeriodSchoolReference": "$.schoolReference",
		"EdfiStudentExt":                 "$._ext",
		"EdfiStudentExtSample":           "$._ext.sample",
	} {
		if names[name] != scope {
			t.Errorf("type %s is %q, want %q", name, names[name], scope)
		}
	}
}

// TestTypeNamesTakeSuffixes: a name taken by another scope gets a numeric
// suffix; members avoid the names of generated methods and of a
// reference's link.
func TestTypeNamesTakeSuffixes(t *testing.T) {
	n := typeNames{}
	if a, b, c := n.take("X", "a"), n.take("X", "b"), n.take("X", "c"); a != "X" || b != "X2" || c != "X3" {
		t.Errorf("take = %s, %s, %s", a, b, c)
	}
	ref := &spec.BodyNode{Kind: spec.BodyObject, Properties: []spec.BodyProperty{
		{Name: "link", Node: &spec.BodyNode{Kind: spec.BodyString, MinLength: -1, MaxLength: -1}},
		{Name: "flatten", Node: &spec.BodyNode{Kind: spec.BodyString, MinLength: -1, MaxLength: -1}},
	}}
	r := &spec.Resource{
		ProjectEndpoint: "ed-fi", ProjectName: "Ed-Fi", Name: "Thing", Endpoint: "things",
		Tables: []*spec.Table{{Scope: "$", Parent: -1}},
		Write: &spec.WritePlan{
			Body:       &spec.BodyNode{Kind: spec.BodyObject, Properties: []spec.BodyProperty{{Name: "otherReference", Node: ref}}},
			References: []spec.ReferencePlan{{Table: 0, ObjectSteps: []string{"otherReference"}}},
		},
	}
	m, err := NewTypeModel(r)
	if err != nil {
		t.Fatal(err)
	}
	o := m.Root.Field("otherReference").Object
	if got := []string{o.Fields[0].Name, o.Fields[1].Name}; got[0] != "Link2" || got[1] != "Flatten2" {
		t.Errorf("member names %v, want [Link2 Flatten2]", got)
	}
}
