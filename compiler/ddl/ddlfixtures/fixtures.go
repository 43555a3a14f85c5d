// Package ddlfixtures gives tests access to the reference implementation's
// DDL fixtures under ../shared/refdata/dms-fixtures and to the tools that
// compare scripts with them. Tests only: nothing here is used by the compiler.
package ddlfixtures

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/compiler/jsonx"
	"github.com/edfi-dmsc/dmsc/internal/refdata"
)

// Fixture is one reference DDL fixture with locally available inputs and
// expected SQL.
type Fixture struct {
	Name         string   // path relative to dms-fixtures
	Dir          string   // absolute fixture folder
	Inputs       []string // ApiSchema files, core first
	Dialects     []string // as declared in fixture.json
	EmitManifest bool
}

// Expected reads expected/<name>.
func (f Fixture) Expected(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(f.Dir, "expected", name))
	if err != nil {
		t.Fatalf("fixture %s: %v", f.Name, err)
	}
	return string(b)
}

// DDLFixtures lists every fixture that has a fixture.json, inputs that are
// present locally and an expected pgsql.sql, sorted by name.
func DDLFixtures(t testing.TB) []Fixture {
	t.Helper()
	root := refdata.Dir(t, "dms-fixtures")
	var out []Fixture
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() != "fixture.json" {
			return err
		}
		dir := filepath.Dir(path)
		if _, err := os.Stat(filepath.Join(dir, "expected", "pgsql.sql")); err != nil {
			return nil
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		cfg, err := jsonx.Parse(raw)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		rel, _ := filepath.Rel(root, dir)
		f := Fixture{Name: filepath.ToSlash(rel), Dir: dir, EmitManifest: cfg.Get("emitDdlManifest").BoolOr(true)}
		for _, in := range cfg.Get("apiSchemaFiles").Items {
			name, _ := in.Str()
			if strings.HasPrefix(name, "repo:") {
				return nil // needs a reference-repo file that is not in the snapshot
			}
			f.Inputs = append(f.Inputs, filepath.Join(dir, "inputs", name))
		}
		for _, dl := range cfg.Get("dialects").Items {
			name, _ := dl.Str()
			f.Dialects = append(f.Dialects, strings.ToLower(name))
		}
		out = append(out, f)
		return nil
	})
	if err != nil {
		t.Fatalf("walking %s: %v", root, err)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].Name < out[b].Name })
	return out
}

// Find returns the fixture whose name ends in suffix (for example
// "small/ext"), failing the test when there is none.
func Find(t testing.TB, suffix string) Fixture {
	t.Helper()
	for _, f := range DDLFixtures(t) {
		if strings.HasSuffix(f.Name, suffix) {
			return f
		}
	}
	t.Fatalf("no reference DDL fixture ending in %q", suffix)
	return Fixture{}
}
