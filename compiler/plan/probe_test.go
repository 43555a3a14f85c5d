package plan_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/compiler/plan"
	"github.com/edfi-dmsc/dmsc/internal/refdata"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// TestChangePlansProbeTheReadChangesViews lists the membership probes of
// the tracked person columns (ChangePlan.PersonProbes) on the bundled
// schema and DS 3.2a against a golden: every tracked person column is
// probed in each ReadChanges view of its kind, and the probes read the
// views' arms, the live view's among them.
func TestChangePlansProbeTheReadChangesViews(t *testing.T) {
	var out strings.Builder
	for _, c := range []struct {
		name   string
		schema *spec.Schema
	}{
		{"bundled", bundled(t)},
		{"DS 3.2a", buildPlans(t, refdata.File(t, refdata.DS32aCoreSchema))},
	} {
		// Probes of different columns differ only in the column tested:
		// each view's is listed once, for the resource's own DocumentId.
		listed := map[string]bool{}
		fmt.Fprintf(&out, "# %s\n", c.name)
		for _, r := range c.schema.Resources {
			cp := r.Changes
			if cp == nil || r.Relationships == nil {
				continue
			}
			var probed []string
			for _, p := range cp.PersonProbes {
				probed = append(probed, fmt.Sprintf("%s %s", cp.PersonColumns[p.Person], p.View))
				if !listed[p.View] && strings.Contains(cp.PersonColumns[p.Person], r.Name) {
					listed[p.View] = true
					fmt.Fprintf(&out, "%s.%s in %s:\n%s\n", r.Name, cp.PersonColumns[p.Person], p.View, strings.ReplaceAll(strings.Join(p.Probe, "$5"), " OR EXISTS", "\nOR EXISTS"))
				}
			}
			var want []string
			for i, el := range r.Relationships.People {
				for _, v := range c.schema.AuthViews {
					if cp.PersonColumns[i] != "" && strings.HasPrefix(v, "EducationOrganizationIdTo"+el.Kind+"DocumentId") &&
						(strings.HasSuffix(v, "IncludingDeletes") || strings.HasSuffix(v, "DeletedResponsibility")) {
						want = append(want, fmt.Sprintf("%s %s", cp.PersonColumns[i], v))
					}
				}
			}
			slices.Sort(probed)
			slices.Sort(want)
			if !slices.Equal(probed, want) {
				t.Errorf("%s %s: probes %q, want %q", c.name, r.Name, probed, want)
			}
		}
		out.WriteString("\n")
	}
	plan.CheckGolden(t, "person-probes.golden", out.String())
}
