package relmodel

import (
	"cmp"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestReadChangesIndexes derives DS 3.2a and checks the indexes the
// ReadChanges views add on the tracked-change tables their arms read,
// both ways: for the membership probes, keyed by the old person
// DocumentId and covering the old education organization it joins the
// hierarchy on; for the views' sets, keyed by the old education
// organization and covering the old person — story 33's tracked
// PrimaryAssociation covering indexes (22-spike-findings.md), column for
// column. The live associations' columns already lead authorization
// indexes, so they get none.
func TestReadChangesIndexes(t *testing.T) {
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
		{authSEOAA, edOrg, "OldStaff_DocumentId"},
		{authSEOAA, "OldStaff_DocumentId", edOrg},
		{authSEOEA, edOrg, "OldStaff_DocumentId"},
		{authSEOEA, "OldStaff_DocumentId", edOrg},
		{authSEORA, edOrg, "OldStudent_DocumentId"},
		{authSEORA, "OldStudent_DocumentId", edOrg},
		{authSSA, "OldSchoolId_Unified", "OldStudent_DocumentId"},
		{authSSA, "OldStudent_DocumentId", "OldSchoolId_Unified"},
	}
	slices.SortFunc(got, func(a, b index) int { return cmp.Or(strings.Compare(a.table, b.table), strings.Compare(a.key, b.key)) })
	if !reflect.DeepEqual(got, want) {
		t.Errorf("tracked-change authorization indexes %v, want %v", got, want)
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
	// The view's set reads the same arm from the hierarchy: the enrolment
	// by the school, then the contact association by the student.
	want = []probeSeek{
		{table("tracked_changes_edfi", authSSA), "OldSchoolId_Unified", "OldStudent_DocumentId"},
		{table("tracked_changes_edfi", authSCA), "OldStudent_DocumentId", "OldContact_DocumentId"},
	}
	if got := arms[3].setSeeks(); !reflect.DeepEqual(got, want) {
		t.Errorf("set seeks of the all-tracked arm %v, want %v", got, want)
	}
	// The mixed arms: the live enrolment, then the tracked contact
	// association (already indexed live, the enrolment gets no seek of
	// the tracked table), and the tracked enrolment, then the live one.
	if got := arms[1].setSeeks(); len(got) != 2 || got[1] != want[1] || got[0].table.Schema != "edfi" {
		t.Errorf("set seeks of the live-then-tracked arm %v", got)
	}
	if got := arms[2].setSeeks(); len(got) != 2 || got[0] != want[0] || got[1].table.Schema != "edfi" {
		t.Errorf("set seeks of the tracked-then-live arm %v", got)
	}
}
