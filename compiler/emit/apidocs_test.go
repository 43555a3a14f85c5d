package emit

import (
	"encoding/json"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/edfi-dmsc/dmsc/compiler/load"
	"github.com/edfi-dmsc/dmsc/compiler/openapi"
	"github.com/edfi-dmsc/dmsc/internal/refdata"
	"github.com/edfi-dmsc/dmsc/runtime/apidocs"
)

func TestBuildWritesAPIDocsForDS32a(t *testing.T) {
	set, err := load.Files(refdata.File(t, refdata.DS32aCoreSchema))
	if err != nil {
		t.Fatal(err)
	}
	arts, _, err := Build(set, Options{Dialects: []Dialect{PGSQL}, Strict: true, APIDocs: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{openapi.ResourcesFile, openapi.DescriptorsFile, openapi.DiscoveryFile, openapi.ChangeQueriesFile} {
		var doc struct{ OpenAPI string }
		if err := json.Unmarshal(arts[APIDocsDir+name], &doc); err != nil || doc.OpenAPI == "" {
			t.Errorf("%s%s is not an OpenAPI document (%v)", APIDocsDir, name, err)
		}
	}
	var steps []struct {
		Resource   string
		Order      int
		Operations []string
	}
	if err := json.Unmarshal(arts[DependenciesJSON], &steps); err != nil || len(steps) == 0 {
		t.Fatalf("%s: %d steps, %v", DependenciesJSON, len(steps), err)
	}
	if len(arts[DependenciesGraphML]) == 0 {
		t.Errorf("%s is empty", DependenciesGraphML)
	}
	// The server side reads the same directory.
	files := fstest.MapFS{}
	for name, data := range arts {
		files[name] = &fstest.MapFile{Data: data}
	}
	api, err := fs.Sub(files, strings.TrimSuffix(APIDocsDir, "/"))
	if err != nil {
		t.Fatal(err)
	}
	served, err := apidocs.Load(api)
	if err != nil {
		t.Fatal(err)
	}
	if served.ChangeQueries == nil || !json.Valid(served.Resources.Render(apidocs.Values{ServerURL: "http://h/data", TokenURL: "http://h/oauth/token"})) {
		t.Error("the emitted api/ directory does not load as served documents")
	}
	without, _, err := Build(set, Options{Dialects: []Dialect{PGSQL}, Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(arts)-len(without) != 6 {
		t.Errorf("APIDocs added %d artifacts, want 6", len(arts)-len(without))
	}
}

func TestNoAPIDocsWithoutBaseDocuments(t *testing.T) {
	repo := refdata.RepoRoot(t)
	set, err := load.Files(filepath.Join(repo, "compiler", "emit", "testdata", "no-openapi.json"))
	if err != nil {
		t.Fatal(err)
	}
	docs, err := APIDocsFor(set)
	if err != nil || docs != nil {
		t.Errorf("APIDocsFor = %d artifacts, %v; want none for a schema without openApiBaseDocuments", len(docs), err)
	}
}
