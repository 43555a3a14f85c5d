package gogen_test

import (
	"bytes"
	"go/format"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/compiler/gogen"
	"github.com/edfi-dmsc/dmsc/internal/refdata"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// bundledSchemaFiles are the ApiSchema files of the bundled default schema.
func bundledSchemaFiles(t testing.TB) []string {
	repo := refdata.RepoRoot(t)
	return []string{filepath.Join(repo, "schemas/default/core.ApiSchema.json"), filepath.Join(repo, "schemas/default/sample.ApiSchema.json")}
}

func bundledPlans(t testing.TB) *spec.Schema {
	t.Helper()
	s, err := gogen.Plans(bundledSchemaFiles(t)...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func generateBundled(t *testing.T) gogen.Files {
	t.Helper()
	files, err := gogen.Generate(bundledPlans(t), gogen.Options{Package: "defaultschema", ImportPath: "example.com/gen/default"})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestGenerateFiles(t *testing.T) {
	files := generateBundled(t)
	for _, name := range []string{"schema.go", "edfi_schools.go", "edfi_gradeleveldescriptors.go", "sample_buses.go", "cmd/defaultschema-server/main.go"} {
		if _, ok := files[name]; !ok {
			t.Errorf("no %s among %v", name, slices.Sorted(maps.Keys(files)))
		}
	}
	for name, src := range files {
		if !bytes.HasPrefix(src, []byte("// "+gogen.Header+"\n")) {
			t.Errorf("%s does not start with the generated-code header", name)
		}
		if formatted, err := format.Source(src); err != nil || !bytes.Equal(formatted, src) {
			t.Errorf("%s is not gofmt'ed (err %v)", name, err)
		}
	}
	main := string(files["cmd/defaultschema-server/main.go"])
	if !strings.Contains(main, `defaultschema "example.com/gen/default"`) || !strings.Contains(main, "bulkload.Command(defaultschema.Schema, defaultschema.Codecs)") || !strings.Contains(main, "server.Main(app, os.Args[1:], defaultschema.Register)") {
		t.Errorf("main.go:\n%s", main)
	}
	schema := string(files["schema.go"])
	for _, want := range []string{
		"_ = runtime.EnforceVersion(2 - runtime.MinVersion)",
		"_ = runtime.EnforceVersion(runtime.MaxVersion - 2)",
		"EffectiveSchemaHash:    EffectiveSchemaHash,",
		"func init() {\n\tSchema.CompleteStatements()\n}",
		"for i, r := range Schema.Resources {\n\t\ts.Register(r.ProjectEndpoint, r.Endpoint, svc.Handler(r, Codecs[i]))\n\t}",
	} {
		if !strings.Contains(schema, want) {
			t.Errorf("schema.go lacks %q", want)
		}
	}
	// Register pairs Schema.Resources with Codecs by position.
	resources, codecs := listed(schema, "Resources: []*spec.Resource{"), listed(schema, "var Codecs = []engine.Codec{")
	if len(resources) == 0 || len(resources) != len(codecs) {
		t.Errorf("schema.go lists %d resources and %d codecs", len(resources), len(codecs))
	}
	for i := range min(len(resources), len(codecs)) {
		if codecs[i] != resources[i]+"Codec" {
			t.Errorf("Codecs[%d] is %s, Schema.Resources[%d] %s", i, codecs[i], i, resources[i])
		}
	}
	if !strings.Contains(string(files["edfi_schools.go"]), "var edfiSchool = &spec.Resource{") {
		t.Errorf("edfi_schools.go:\n%s", files["edfi_schools.go"])
	}
}

func TestGenerateDeterministic(t *testing.T) {
	a, b := generateBundled(t), generateBundled(t)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two runs over the same schema differ")
	}
}

func TestGenerateRefusesBadNames(t *testing.T) {
	s := bundledPlans(t)
	for _, opts := range []gogen.Options{
		{Package: "default", ImportPath: "x/default"},
		{Package: "main", ImportPath: "x/main"},
		{Package: "ok"},
		{Package: "ok", ImportPath: "x/ok", Command: "../evil"},
	} {
		if _, err := gogen.Generate(s, opts); err == nil {
			t.Errorf("Generate(%+v) succeeded", opts)
		}
	}
	clash := *s
	dup := *s.Resources[0]
	clash.Resources = append([]*spec.Resource{&dup}, s.Resources...)
	if _, err := gogen.Generate(&clash, gogen.Options{Package: "p", ImportPath: "x/p"}); err == nil || !strings.Contains(err.Error(), "both map to the Go name") {
		t.Errorf("duplicate resource error = %v", err)
	}
}

func TestWriteDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	files := gogen.Files{"a.go": []byte("// " + gogen.Header + "\npackage a\n"), "cmd/x/main.go": []byte("// " + gogen.Header + "\npackage main\n")}
	if err := gogen.WriteDir(dir, files); err != nil {
		t.Fatal(err)
	}
	// Rewriting replaces the directory: stale files disappear.
	delete(files, "a.go")
	if err := gogen.WriteDir(dir, files); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "a.go")); !os.IsNotExist(err) {
		t.Errorf("stale a.go survived: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "cmd/x/main.go")); err != nil {
		t.Error(err)
	}
	// A directory holding anything else is not replaced.
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := gogen.WriteDir(dir, files); err == nil || !strings.Contains(err.Error(), "which dmsc did not generate") {
		t.Errorf("WriteDir over a foreign file: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "notes.txt")); err != nil {
		t.Errorf("foreign file lost: %v", err)
	}
}

func TestImportPathFor(t *testing.T) {
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "go.mod"), []byte("// comment\nmodule  example.com/m // trailing\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := gogen.ImportPathFor(filepath.Join(root, "generated", "default"))
	if err != nil || got != "example.com/m/generated/default" {
		t.Errorf("ImportPathFor = %q, %v", got, err)
	}
}

// listed returns the names listed one per line after the line start in
// src, up to the closing brace.
func listed(src, start string) []string {
	_, rest, ok := strings.Cut(src, start+"\n")
	if !ok {
		return nil
	}
	block, _, _ := strings.Cut(rest, "}")
	var names []string
	for _, line := range strings.Split(block, "\n") {
		if name := strings.TrimSuffix(strings.TrimSpace(line), ","); name != "" {
			names = append(names, name)
		}
	}
	return names
}
