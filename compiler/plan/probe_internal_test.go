package plan

import (
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/compiler/relmodel"
	"github.com/edfi-dmsc/dmsc/internal/golden"
)

var updateProbes = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// checkGolden compares got with testdata/name, rewriting it under -update.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	golden.Compare(t, filepath.Join("testdata", name), []byte(got), *updateProbes)
}

// TestPersonProbeOfMultiJoinArms builds the probes of the ReadChanges
// views over every association with a tracked-change table (the contact
// view's arms join the enrolment to the contact association, live or
// tracked, on the student): one EXISTS per arm of the view and of the live
// view it unions, the person tested on the arm's last table.
func TestPersonProbeOfMultiJoinArms(t *testing.T) {
	table := func(schema, name string) relmodel.TableName { return relmodel.TableName{Schema: schema, Name: name} }
	association := func(name, edOrgColumn string) relmodel.AuthAssociation {
		tracked := table("tracked_changes_edfi", name)
		return relmodel.AuthAssociation{Table: table("edfi", name), EdOrgColumn: edOrgColumn, Tracked: &tracked}
	}
	live, readChanges := relmodel.PeopleAuthViews(map[string]relmodel.AuthAssociation{
		"StudentSchoolAssociation":                              association("StudentSchoolAssociation", "SchoolId_Unified"),
		"StudentContactAssociation":                             association("StudentContactAssociation", ""),
		"StaffEducationOrganizationAssignmentAssociation":       association("StaffEducationOrganizationAssignmentAssociation", "EducationOrganization_EducationOrganizationId"),
		"StaffEducationOrganizationEmploymentAssociation":       association("StaffEducationOrganizationEmploymentAssociation", "EducationOrganization_EducationOrganizationId"),
		"StudentEducationOrganizationResponsibilityAssociation": association("StudentEducationOrganizationResponsibilityAssociation", "EducationOrganization_EducationOrganizationId"),
	})
	var out strings.Builder
	for _, v := range readChanges {
		arms, ok := v.ProbeArms(live)
		if !ok {
			t.Errorf("%s: no probe", v.View.Name)
			continue
		}
		probe, ok := personProbe(arms, `c."Old`+v.Columns()[1]+`"`)
		if !ok {
			t.Errorf("%s: arms not probed", v.View.Name)
		}
		out.WriteString(v.View.Name + "\n" + strings.ReplaceAll(strings.Join(probe, "$5"), " OR EXISTS", "\nOR EXISTS") + "\n\n")
	}
	checkGolden(t, "person-probes-all-associations.golden", out.String())
}
