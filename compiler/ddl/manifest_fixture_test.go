package ddl_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/edfi-dmsc/dmsc/compiler/ddl"
	"github.com/edfi-dmsc/dmsc/compiler/ddl/ddlfixtures"
	"github.com/edfi-dmsc/dmsc/compiler/jsonx"
	"github.com/edfi-dmsc/dmsc/internal/refdata"
	"github.com/edfi-dmsc/dmsc/internal/testschema"
)

// TestManifestRulesReproduceReferenceManifests checks the normalization,
// hash and statement counter against every reference ddl.manifest.json whose
// .sql files are present. The reference hashes its emitter output, which
// ends in a blank line; the .sql files on disk end in a single newline, so
// one "\n" is added back.
func TestManifestRulesReproduceReferenceManifests(t *testing.T) {
	root := refdata.Dir(t, "dms-fixtures")
	checked := 0
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() != "ddl.manifest.json" {
			return err
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		manifest, err := jsonx.Parse(raw)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for _, e := range manifest.Get("ddl").Items {
			label, _ := e.Get("dialect").Str()
			sqlBytes, err := os.ReadFile(filepath.Join(filepath.Dir(path), label+".sql"))
			if err != nil {
				continue // the large authoritative scripts are absent from the snapshot
			}
			dialect, err := ddl.DialectByName(label)
			if err != nil {
				t.Fatal(err)
			}
			got := ddl.ManifestEntryFor(dialect, string(sqlBytes)+"\n")
			wantHash, _ := e.Get("normalized_sql_sha256").Str()
			wantCount := e.Get("statement_count").Text
			if got.NormalizedSQLSHA256 != wantHash {
				t.Errorf("%s %s: hash %s, want %s", path, label, got.NormalizedSQLSHA256, wantHash)
			}
			if itoa(got.StatementCount) != wantCount {
				t.Errorf("%s %s: statement_count %d, want %s", path, label, got.StatementCount, wantCount)
			}
			checked++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked != 26 {
		t.Errorf("checked %d manifest entries, want 26 (13 fixtures x 2 dialects)", checked)
	}
}

// TestManifestRendersReferenceJSON renders ddl.manifest.json from the
// reference's own scripts and compares the bytes with the expected file.
func TestManifestRendersReferenceJSON(t *testing.T) {
	for _, f := range ddlfixtures.DDLFixtures(t) {
		if !f.EmitManifest {
			continue
		}
		_, info := testschema.Files(t, f.Inputs...)
		var entries []ddl.ManifestEntry
		for _, label := range f.Dialects {
			d, err := ddl.DialectByName(label)
			if err != nil {
				t.Fatal(err)
			}
			entries = append(entries, ddl.ManifestEntryFor(d, f.Expected(t, label+".sql")+"\n"))
		}
		if got, want := string(ddl.Manifest(info, entries)), f.Expected(t, "ddl.manifest.json"); got != want {
			t.Errorf("%s: ddl.manifest.json differs:\n%s\nwant:\n%s", f.Name, got, want)
		}
	}
}

func itoa(n int) string { return jsonx.Int(int64(n)).Text }
