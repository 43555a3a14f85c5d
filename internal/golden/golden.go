// Package golden compares a test's output with a file under version
// control (a golden), which the test rewrites when run with its package's
// -update flag, so a change of output is reviewed as a diff of the file.
package golden

import (
	"bytes"
	"os"
	"testing"
)

// Compare fails t when got differs from the file at path, naming the first
// line that differs; with update it rewrites the file with got instead.
func Compare(t testing.TB, path string, got []byte, update bool) {
	t.Helper()
	if update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -run %s -update creates it)", err, t.Name())
	}
	if bytes.Equal(got, want) {
		return
	}
	gotLines, wantLines := bytes.Split(got, []byte("\n")), bytes.Split(want, []byte("\n"))
	line := 0
	for line < len(gotLines) && line < len(wantLines) && bytes.Equal(gotLines[line], wantLines[line]) {
		line++
	}
	t.Errorf("%s differs at line %d: got %q, want %q (go test -run %s -update, then review the diff)",
		path, line+1, lineAt(gotLines, line), lineAt(wantLines, line), t.Name())
}

// lineAt is lines[i], or nothing past the end.
func lineAt(lines [][]byte, i int) []byte {
	if i < len(lines) {
		return lines[i]
	}
	return nil
}
