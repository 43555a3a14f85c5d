package relmodel

import (
	"testing"
)

func TestStatsExt(t *testing.T) {
	dir := fixtureDir(t, "EdFi.DataManagementService.Backend.Ddl.Tests.Unit/Fixtures/small/ext")
	set, info := loadFixture(t, dir)
	ms, err := Derive(set, info, PGSQL, false)
	if err != nil {
		t.Fatal(err)
	}
	got := ms.Stats()
	want := []ProjectStats{
		// School + SchoolAddress; DocumentId, mirrors, SchoolId + 4 collection columns.
		{ProjectName: "Ed-Fi", PhysicalSchema: "edfi", Resources: 1, Tables: 2, Columns: 8, ForeignKeys: 2, Indexes: 6, Triggers: 3},
		// SchoolExtension + SchoolExtensionAddress.
		{ProjectName: "Sample", PhysicalSchema: "sample", Resources: 0, Tables: 2, Columns: 5, ForeignKeys: 2, Indexes: 3, Triggers: 2},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d projects, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("project %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
}
