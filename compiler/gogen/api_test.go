package gogen_test

import (
	"bytes"
	"encoding/json"
	"go/format"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/edfi-dmsc/dmsc/compiler/gogen"
	"github.com/edfi-dmsc/dmsc/runtime/server"
)

// writeFiles writes name → content into a new directory.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// generateWithAPI generates the bundled server with its API description
// and the XSD directories given.
func generateWithAPI(t *testing.T, xsdDirs map[string]string) gogen.Files {
	t.Helper()
	schema, api, err := gogen.Compile(bundledSchemaFiles(t), xsdDirs)
	if err != nil {
		t.Fatal(err)
	}
	files, err := gogen.Generate(schema, gogen.Options{Package: "defaultschema", ImportPath: "example.com/gen/default", API: api})
	if err != nil {
		t.Fatal(err)
	}
	src := files[gogen.APIFile]
	if formatted, err := format.Source(src); err != nil || !bytes.Equal(formatted, src) {
		t.Errorf("%s is not gofmt-clean (%v):\n%s", gogen.APIFile, err, src)
	}
	return files
}

// embedded is the part of files the generated package embeds.
func embedded(files gogen.Files) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, data := range files {
		if strings.HasPrefix(name, "api/") || strings.HasPrefix(name, "xsd/") {
			fsys[name] = &fstest.MapFile{Data: data}
		}
	}
	return fsys
}

// get answers one GET from a server for app.
func get(t *testing.T, app server.App, path string) (int, string) {
	t.Helper()
	s := server.New(server.Config{}, app, nil, nil, slog.New(slog.DiscardHandler))
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "http://example.com"+path, nil))
	body, _ := io.ReadAll(rec.Body)
	return rec.Code, string(body)
}

// TestGeneratedXSDServed: --xsd-dir files are copied into the package
// (only *.xsd), embedded next to the API documents and served by the XSD
// routes, which discovery and the discovery document then describe.
func TestGeneratedXSDServed(t *testing.T) {
	core := writeFiles(t, map[string]string{"Ed-Fi-Core.xsd": "<core/>", "Interchange-EducationOrgCalendar.xsd": "<calendar/>",
		"Interchange-EducationOrganization.xsd": "<edorg/>", "README.md": "not served"})
	sample := writeFiles(t, map[string]string{"EXTENSION-Ed-Fi-Extended-Core.xsd": "<sample/>"})
	files := generateWithAPI(t, map[string]string{"ed-fi": core, "Sample": sample})
	if got := string(files["xsd/ed-fi/Interchange-EducationOrgCalendar.xsd"]); got != "<calendar/>" {
		t.Errorf("xsd/ed-fi/Interchange-EducationOrgCalendar.xsd = %q", got)
	}
	if _, ok := files["xsd/ed-fi/README.md"]; ok {
		t.Error("a file that is not XSD was copied")
	}
	src := string(files[gogen.APIFile])
	compact := strings.Join(strings.Fields(src), "")
	for _, want := range []string{"//go:embedapixsd", `{Core:true,Name:"Ed-Fi",Version:"5.2.0",}`, `{Name:"Sample",Version:"1.0.0",}`} {
		if !strings.Contains(compact, want) {
			t.Errorf("%s lacks %q:\n%s", gogen.APIFile, want, src)
		}
	}
	if !strings.Contains(string(files["schema.go"]), "var App = withAPI(engine.App(Schema))") {
		t.Error("schema.go does not add the API description to App")
	}

	// What the generated withAPI does, with the projects it lists.
	app := server.App{API: server.MustLoadAPI(embedded(files), []server.XSDProject{
		{Core: true, Name: "Ed-Fi", Version: "5.2.0"}, {Name: "Sample", Version: "1.0.0"}})}
	var discovery struct{ URLs map[string]string }
	if _, body := get(t, app, "/"); json.Unmarshal([]byte(body), &discovery) != nil || discovery.URLs["xsdMetadata"] != "http://example.com/metadata/xsd" {
		t.Errorf("discovery = %s", body)
	}
	// The extension's list is blended: the core's files, then its own,
	// each ordered case-insensitively as the reference lists them.
	var sampleFiles []string
	if _, body := get(t, app, "/metadata/xsd/sample/files"); json.Unmarshal([]byte(body), &sampleFiles) != nil {
		t.Errorf("sample files = %s", body)
	}
	want := "Ed-Fi-Core.xsd Interchange-EducationOrganization.xsd Interchange-EducationOrgCalendar.xsd EXTENSION-Ed-Fi-Extended-Core.xsd"
	if got := strings.ReplaceAll(strings.Join(sampleFiles, " "), "http://example.com/metadata/xsd/sample/", ""); got != want {
		t.Errorf("sample files = %s\nwant %s", got, want)
	}
	if status, body := get(t, app, "/metadata/xsd/sample/Ed-Fi-Core.xsd"); status != 200 || body != "<core/>" {
		t.Errorf("core XSD through the extension = %d %s", status, body)
	}
	if status, body := get(t, app, "/metadata/xsd/ed-fi/Ed-Fi-Core.xsd"); status != 200 || body != "<core/>" {
		t.Errorf("core XSD = %d %s", status, body)
	}
	if _, body := get(t, app, "/metadata/specifications/discovery-spec.json"); !strings.Contains(body, `"/metadata/xsd"`) {
		t.Error("the discovery document does not describe /metadata/xsd")
	}
}

// TestGeneratedWithoutXSD: without --xsd-dir the package embeds the API
// documents only, and the server neither routes nor describes XSD.
func TestGeneratedWithoutXSD(t *testing.T) {
	files := generateWithAPI(t, nil)
	if src := string(files[gogen.APIFile]); !strings.Contains(src, "//go:embed api\n") || !strings.Contains(src, "MustLoadAPI(apiFiles, nil)") {
		t.Errorf("%s:\n%s", gogen.APIFile, src)
	}
	app := server.App{API: server.MustLoadAPI(embedded(files), nil)}
	if status, _ := get(t, app, "/metadata/xsd"); status != http.StatusNotFound {
		t.Errorf("/metadata/xsd = %d", status)
	}
	if _, body := get(t, app, "/metadata/specifications/discovery-spec.json"); strings.Contains(body, `"/metadata/xsd"`) {
		t.Error("the discovery document describes /metadata/xsd")
	}
	if status, body := get(t, app, "/metadata/dependencies"); status != 200 || !strings.Contains(body, `"/ed-fi/schools"`) {
		t.Errorf("dependencies = %d %s", status, body)
	}
}

func TestCompileRefusesUnusableXSDDirs(t *testing.T) {
	xsd := writeFiles(t, map[string]string{"a.xsd": "<a/>"})
	for name, dirs := range map[string]map[string]string{
		"unknown project": {"TPDM": xsd},
		"no XSD file":     {"Ed-Fi": writeFiles(t, map[string]string{"notes.txt": ""})},
		"missing dir":     {"Ed-Fi": filepath.Join(xsd, "nope")},
	} {
		if _, _, err := gogen.Compile(bundledSchemaFiles(t), dirs); err == nil {
			t.Errorf("%s: Compile accepted %v", name, dirs)
		}
	}
}

// TestWriteDirOwnsTheAPIDirectories: a package written with its API
// description is replaced again (api/ and xsd/ hold no Go header), but
// api/ beside a schema.go dmsc did not write is not taken.
func TestWriteDirOwnsTheAPIDirectories(t *testing.T) {
	files := generateWithAPI(t, map[string]string{"Ed-Fi": writeFiles(t, map[string]string{"a.xsd": "<a/>"})})
	dir := filepath.Join(t.TempDir(), "out")
	for range 2 {
		if err := gogen.WriteDir(dir, files); err != nil {
			t.Fatal(err)
		}
	}
	if got, err := os.ReadFile(filepath.Join(dir, "xsd", "ed-fi", "a.xsd")); err != nil || string(got) != "<a/>" {
		t.Errorf("xsd/ed-fi/a.xsd = %q, %v", got, err)
	}
	foreign := t.TempDir()
	if err := os.MkdirAll(filepath.Join(foreign, "api"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(foreign, "api", "notes.json"), []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := gogen.WriteDir(foreign, files); err == nil {
		t.Error("WriteDir replaced a directory whose api/ it did not write")
	}
}
