package gogen_test

import (
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/compiler/gogen"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// A read plan the document types cannot hold is refused when the code is
// generated, naming the member, instead of generating code that does not
// compile or encodes something else.
func TestReadSideRefusesPlansTheTypesCannotHold(t *testing.T) {
	for _, c := range []struct {
		name      string
		breakPlan func(rp *spec.ReadPlan)
		want      string
	}{
		{"member the type lacks", func(rp *spec.ReadPlan) { rp.Document[0].Name = "notAMember" }, "$.notAMember: the document type EdfiClassPeriod has no such member"},
		{"value of another type", func(rp *spec.ReadPlan) {
			rp.Tables[0].Values[2].Type = spec.DateType // School_SchoolId, an int32 member
		}, "$.schoolReference.schoolId: column School_SchoolId (type 6) holds a int32 member"},
		{"link outside a reference", func(rp *spec.ReadPlan) {
			rp.Document = append(rp.Document, &spec.Node{Name: "link", Kind: spec.LinkNode, Targets: []spec.LinkTarget{{ResourceKeyID: 14, Rel: "School", Path: "/ed-fi/schools/"}}})
		}, "$: a link in an object that is not a reference"},
		{"scalar of another table", func(rp *spec.ReadPlan) { rp.Document[0].Table, rp.Document[0].Value = 1, 0 }, "$.classPeriodName is read from table 1 in the scope of table 0"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := bundledPlans(t)
			for _, r := range s.Resources {
				if r.Name == "ClassPeriod" {
					c.breakPlan(r.Read)
				}
			}
			_, err := gogen.Generate(s, gogen.Options{Package: "defaultschema", ImportPath: "example.com/gen/default"})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want one saying %q", err, c.want)
			}
		})
	}
}
