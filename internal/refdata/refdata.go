// Package refdata locates the shared reference data (../shared/refdata next
// to the repository) for tests. The data is never copied into the project;
// tests read it in place. When CI is set a missing folder fails the test,
// because a CI run that silently skipped the reference comparisons would
// prove nothing.
package refdata

import (
	"os"
	"path/filepath"
	"testing"
)

// DS32aCoreSchema is the full DS 3.2a core ApiSchema, relative to the
// shared reference data (pass it to File).
const DS32aCoreSchema = "apischema/generated-ds-3.2a/ds-3.2a-api-schema-generated.json"

// RepoRoot returns the directory holding go.mod, found by walking up from
// the test's working directory.
func RepoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the working directory")
		}
		dir = parent
	}
}

// Dir returns ../shared/refdata/<sub>. It fails the test when the folder
// is missing and CI is set, and skips it otherwise.
func Dir(t testing.TB, sub string) string {
	t.Helper()
	dir := filepath.Join(filepath.Dir(RepoRoot(t)), "shared", "refdata", filepath.FromSlash(sub))
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		if os.Getenv("CI") != "" {
			t.Fatalf("reference data %s is missing; CI requires it (place the shared/ folder next to the repository)", dir)
		}
		t.Skipf("reference data %s is missing (set CI to make this a failure)", dir)
	}
	return dir
}

// File returns ../shared/refdata/<sub> for a file, with Dir's rules.
func File(t testing.TB, sub string) string {
	t.Helper()
	p := filepath.Join(Dir(t, filepath.ToSlash(filepath.Dir(filepath.FromSlash(sub)))), filepath.Base(sub))
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("reference file %s is missing: %v", p, err)
	}
	return p
}
