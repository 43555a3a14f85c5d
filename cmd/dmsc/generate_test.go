package main

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alecthomas/kong"
	"github.com/edfi-dmsc/dmsc/compiler/gogen"
	"github.com/edfi-dmsc/dmsc/internal/refdata"
)

func TestGenerateCommand(t *testing.T) {
	repo := refdata.RepoRoot(t)
	out := filepath.Join(t.TempDir(), "gen", "default")
	cmd := generateCmd{
		schemaFlags: schemaFlags{Schema: []string{filepath.Join(repo, "schemas/default/core.ApiSchema.json"), filepath.Join(repo, "schemas/default/sample.ApiSchema.json")}},
		Out:         out,
		Package:     "defaultschema",
		ImportPath:  "example.com/gen/default",
		Command:     "demo-server",
	}
	var stdout bytes.Buffer
	if err := cmd.Run(&env{stdout: &stdout, stderr: &stdout}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stdout.String(), "generated package defaultschema (example.com/gen/default): 28 resources") {
		t.Errorf("stdout = %q", stdout.String())
	}
	for _, f := range []string{"schema.go", "edfi_schools.go", "cmd/demo-server/main.go"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}

	// Without --package the directory name is used; "default" is a keyword.
	cmd.Package = ""
	err := cmd.Run(&env{stdout: &stdout, stderr: &stdout})
	if err == nil || !strings.Contains(err.Error(), `package name "default" is not a usable Go package name (choose one with --package)`) {
		t.Errorf("keyword package name: %v", err)
	}
	// Outside a module the import path cannot be derived.
	cmd.Package, cmd.ImportPath, cmd.Out = "p", "", filepath.Join(t.TempDir(), "p")
	err = cmd.Run(&env{stdout: &stdout, stderr: &stdout})
	if err == nil || !strings.Contains(err.Error(), "is not inside a Go module") {
		t.Errorf("outside a module: %v", err)
	}
}

var update = flag.Bool("update", false, "TestGeneratedUpToDate: rewrite generated/ instead of comparing it (what `go generate ./generated` does)")

// directive parses the //go:generate line of generated/doc.go with the
// real command line parser, relative to generated/ as `go generate` runs
// it.
func directive(t *testing.T) generateCmd {
	t.Helper()
	repo := refdata.RepoRoot(t)
	src, err := os.ReadFile(filepath.Join(repo, "generated", "doc.go"))
	if err != nil {
		t.Fatal(err)
	}
	var args []string
	for _, line := range strings.Split(string(src), "\n") {
		if rest, ok := strings.CutPrefix(line, "//go:generate go run ../cmd/dmsc "); ok {
			args = strings.Fields(rest)
		}
	}
	if len(args) == 0 {
		t.Fatal("generated/doc.go has no //go:generate line running ../cmd/dmsc")
	}
	t.Chdir(filepath.Join(repo, "generated"))
	var c struct {
		Generate generateCmd `cmd:""`
	}
	parser, err := kong.New(&c, kong.Exit(func(int) { t.Fatal("kong exited") }))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := parser.Parse(args); err != nil {
		t.Fatalf("dmsc %s: %v", strings.Join(args, " "), err)
	}
	return c.Generate
}

// TestGeneratedUpToDate runs the //go:generate command of generated/doc.go
// into a temporary directory and fails when the committed generated code
// differs (run `make generate`); with -update it rewrites generated/. It
// lives here, not in generated/, so it works even when the committed code
// no longer compiles against a changed runtime.
func TestGeneratedUpToDate(t *testing.T) {
	g := directive(t)
	committed := g.Out
	if g.ImportPath == "" {
		ip, err := gogen.ImportPathFor(committed)
		if err != nil {
			t.Fatal(err)
		}
		g.ImportPath = ip
	}
	if !*update {
		g.Out = filepath.Join(t.TempDir(), filepath.Base(committed))
	}
	var out bytes.Buffer
	if err := g.Run(&env{stdout: &out, stderr: &out}); err != nil {
		t.Fatal(err)
	}
	if *update {
		return
	}
	want, got := readTree(t, g.Out), readTree(t, committed)
	for name, b := range want {
		switch c, ok := got[name]; {
		case !ok:
			t.Errorf("generated/%s/%s is missing", filepath.Base(committed), name)
		case !bytes.Equal(b, c):
			t.Errorf("generated/%s/%s is stale", filepath.Base(committed), name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("generated/%s/%s is no longer generated", filepath.Base(committed), name)
		}
	}
	if t.Failed() {
		t.Log("the committed generated code differs from the compiler's output: run `make generate` and commit the result")
	}
}

// readTree reads every file under dir by slash-separated relative path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		b, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatalf("reading %s: %v", dir, err)
	}
	return files
}
