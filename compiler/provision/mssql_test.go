package provision

import (
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/compiler/ddl"
	"github.com/edfi-dmsc/dmsc/compiler/effschema"
)

func TestMssqlUnitsSplitOnGoLines(t *testing.T) {
	script := "CREATE TABLE a (x int);\n\nGO\nCREATE OR ALTER TRIGGER t ON a AFTER INSERT AS\nBEGIN\n    SELECT 'GO';\nEND;\ngo\n  GO  \nSELECT 1;\n"
	got := mssqlEngine{}.units(script)
	want := []string{"CREATE TABLE a (x int);\n", "CREATE OR ALTER TRIGGER t ON a AFTER INSERT AS\nBEGIN\n    SELECT 'GO';\nEND;", "SELECT 1;\n"}
	if strings.Join(got, "\x00") != strings.Join(want, "\x00") {
		t.Fatalf("units:\n%q\nwant\n%q", got, want)
	}
}

func TestMssqlUnitsOfEmittedScript(t *testing.T) {
	info := &effschema.Info{APISchemaFormatVersion: "1.0.0", EffectiveSchemaHash: strings.Repeat("a", 64),
		Components:   []effschema.Component{{EndpointName: "ed-fi", ProjectName: "Ed-Fi", ProjectVersion: "5.0.0"}},
		ResourceKeys: []effschema.ResourceKey{{ID: 1, ProjectName: "Ed-Fi", ResourceName: "School", Version: "5.0.0"}}}
	script, err := ddl.EmitCore(info, ddl.Mssql, ddl.CoreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	units := mssqlEngine{}.units(script)
	modules := 0
	for i, u := range units {
		if strings.Contains(u, "\nGO\n") || strings.HasPrefix(strings.TrimSpace(u), "GO") {
			t.Errorf("unit %d still contains a GO separator", i)
		}
		// A module definition must be alone in its batch.
		if body := strings.TrimSpace(u); strings.HasPrefix(body, "CREATE OR ALTER ") {
			modules++
			if strings.Count(body, "CREATE OR ALTER ") != 1 {
				t.Errorf("unit %d holds more than one module definition", i)
			}
		}
	}
	// GetMaxChangeVersion, uuidv5 and the descriptor stamping trigger.
	if modules != 3 {
		t.Errorf("%d module batches, want 3", modules)
	}
}

func TestMssqlConnectionStringNeedsDatabase(t *testing.T) {
	if _, err := msConfig("sqlserver://sa:pw@localhost:1433"); err == nil || !strings.Contains(err.Error(), "names no database") {
		t.Errorf("got %v, want a missing-database error", err)
	}
	cfg, err := msConfig("server=localhost;user id=sa;password=pw;database=EdFi_Dms")
	if err != nil || cfg.Database != "EdFi_Dms" {
		t.Errorf("got %q, %v", cfg.Database, err)
	}
}
