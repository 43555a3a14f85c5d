package relmodel

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestReadChangesProbeIndexes derives DS 3.2a and checks the indexes the
// ReadChanges views' membership probes add: one per tracked-change table
// an arm reads, keyed by its old person DocumentId and covering the old
// education organization it joins the hierarchy on; the live
// associations' person columns already lead authorization indexes, so
// they get none.
func TestReadChangesProbeIndexes(t *testing.T) {
	set, info := loadReal(t, "generated-ds-3.2a/ds-3.2a-api-schema-generated.json")
	ms, err := Derive(set, info, PGSQL, true)
	if err != nil {
		t.Fatal(err)
	}
	type index struct{ table, key, include string }
	var got []index
	for _, x := range ms.Indexes {
		if x.Table.Schema == "tracked_changes_edfi" && x.Kind == IndexAuthorization {
			got = append(got, index{x.Table.Name, x.KeyColumns[0], x.IncludeColumns[0]})
			if len(x.KeyColumns) != 1 || len(x.IncludeColumns) != 1 {
				t.Errorf("%s: %v INCLUDE %v", x.Name, x.KeyColumns, x.IncludeColumns)
			}
		}
	}
	const edOrg = "OldEducationOrganization_EducationOrganizationId"
	want := []index{
		{authSEOAA, "OldStaff_DocumentId", edOrg},
		{authSEOEA, "OldStaff_DocumentId", edOrg},
		{authSEORA, "OldStudent_DocumentId", edOrg},
		{authSSA, "OldStudent_DocumentId", "OldSchoolId_Unified"},
	}
	slices.SortFunc(got, func(a, b index) int { return strings.Compare(a.table, b.table) })
	if !reflect.DeepEqual(got, want) {
		t.Errorf("tracked-change probe indexes %v, want %v", got, want)
	}
	for _, v := range ms.ReadChangesAuthViews {
		arms, ok := v.ProbeArms(ms.PeopleAuthViews)
		if !ok {
			t.Errorf("%s: no probe", v.View.Name)
		}
		for _, arm := range arms {
			for _, s := range arm.probeSeeks() {
				if !slices.ContainsFunc(ms.Indexes, func(x Index) bool { return x.Table == s.table && x.KeyColumns[0] == s.key }) {
					t.Errorf("%s: no index leads with %s.%s", v.View.Name, s.table.Name, s.key)
				}
			}
		}
	}
}

// TestProbeSeeksOfMultiJoinArms: an arm joining the enrolment to the
// contact association is probed from the contact, then the enrolment by
// the student, each covering the column it joins onward by.
func TestProbeSeeksOfMultiJoinArms(t *testing.T) {
	table := func(schema, name string) TableName { return TableName{Schema: schema, Name: name} }
	association := func(name, edOrgColumn string) AuthAssociation {
		tracked := table("tracked_changes_edfi", name)
		return AuthAssociation{Table: table("edfi", name), EdOrgColumn: edOrgColumn, Tracked: &tracked}
	}
	live, readChanges := PeopleAuthViews(map[string]AuthAssociation{
		authSSA: association(authSSA, "SchoolId_Unified"),
		authSCA: association(authSCA, ""),
	})
	arms, ok := readChanges[0].ProbeArms(live)
	if !ok || len(arms) != 4 {
		t.Fatalf("%s: %d arms (%v), want the live one and three tracked", readChanges[0].View.Name, len(arms), ok)
	}
	want := []probeSeek{
		{table("tracked_changes_edfi", authSCA), "OldContact_DocumentId", "OldStudent_DocumentId"},
		{table("tracked_changes_edfi", authSSA), "OldStudent_DocumentId", "OldSchoolId_Unified"},
	}
	if got := arms[3].probeSeeks(); !reflect.DeepEqual(got, want) {
		t.Errorf("seeks of the all-tracked arm %v, want %v", got, want)
	}
}
