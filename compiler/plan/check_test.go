package plan_test

import (
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/internal/refdata"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// TestPlansPassCheck runs spec's consistency check over the plans of the
// bundled schema and of the DS 3.2a core: every index, kind and statement
// the builder writes must be one the executor can use.
func TestPlansPassCheck(t *testing.T) {
	for name, build := range map[string]func() *spec.Schema{
		"bundled": func() *spec.Schema { return bundled(t) },
		"DS 3.2a": func() *spec.Schema { return buildPlans(t, refdata.File(t, refdata.DS32aCoreSchema)) },
	} {
		t.Run(name, func(t *testing.T) {
			if err := build().Check(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestCheckRefusesBrokenIndexes breaks one cross-reference of a built plan
// at a time and expects Check to name it: a generated literal whose indexes
// drifted from its data stops the server at start-up.
func TestCheckRefusesBrokenIndexes(t *testing.T) {
	for _, tc := range []struct {
		name    string
		corrupt func(r *spec.Resource)
		want    string
	}{
		{"reference FK column", func(r *spec.Resource) {
			r.Write.References[0].FKColumn = len(r.Tables[r.Write.References[0].Table].Columns)
		}, "FKColumn"},
		{"reference FK column of another kind", func(r *spec.Resource) { r.Write.References[0].FKColumn = 0 }, "not this reference's DocumentId column"},
		{"column reference", func(r *spec.Resource) { r.Tables[0].Columns[0].Reference = len(r.Write.References) }, "Reference"},
		{"table parent", func(r *spec.Resource) { r.Tables[1].Parent = 1 }, "Parent"},
		{"stored column", func(r *spec.Resource) { r.Write.Tables[0].Stored[1] = len(r.Tables[0].Columns) }, "Stored column"},
		{"row key", func(r *spec.Resource) { r.Write.Tables[0].Key = len(r.Write.Tables[0].Stored) }, "Key"},
		{"document value", func(r *spec.Resource) {
			for _, n := range r.Read.Document {
				if n.Kind == spec.ScalarNode {
					n.Value = len(r.Read.Tables[n.Table].Values)
					return
				}
			}
		}, "Value"},
		{"column kind", func(r *spec.Resource) { r.Tables[0].Columns[0].Kind = 200 }, "not a declared value"},
		{"education organization name", func(r *spec.Resource) { r.EducationOrganization.Name = "Nowhere" }, "column Nowhere is not on the root table School"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			expectCheckRefuses(t, "School", tc.corrupt, "resource Ed-Fi/School", tc.want)
		})
	}
}

// expectCheckRefuses corrupts the resource of the bundled plans named
// resource and expects spec.Check to refuse the plans with an error naming
// subject and want.
func expectCheckRefuses(t *testing.T, resource string, corrupt func(r *spec.Resource), subject, want string) {
	t.Helper()
	s := bundled(t)
	corrupt(find(t, s, resource))
	err := s.Check()
	if err == nil || !strings.Contains(err.Error(), subject) || !strings.Contains(err.Error(), want) {
		t.Errorf("Check() = %v; want a problem of %s naming %q", err, subject, want)
	}
}
