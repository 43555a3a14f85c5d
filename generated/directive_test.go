package generated_test

import (
	"os"
	"strings"
	"testing"
)

// schemaFiles returns the --schema arguments of doc.go's //go:generate
// line (relative to this directory), so the tests here check the server
// against exactly the inputs it was generated from. The directive itself
// is parsed and replayed by cmd/dmsc's TestGeneratedUpToDate.
func schemaFiles(t testing.TB) []string {
	t.Helper()
	src, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, line := range strings.Split(string(src), "\n") {
		rest, ok := strings.CutPrefix(line, "//go:generate go run ../cmd/dmsc generate ")
		if !ok {
			continue
		}
		args := strings.Fields(rest)
		for i := 0; i+1 < len(args); i++ {
			if args[i] == "--schema" {
				files = append(files, args[i+1])
			}
		}
	}
	if len(files) == 0 {
		t.Fatal("doc.go has no //go:generate line running dmsc generate with --schema")
	}
	return files
}
