package apidocs

import (
	"encoding/json"
	"testing"
	"testing/fstest"
)

func TestRenderFillsEveryPlaceholder(t *testing.T) {
	doc := []byte(`{"servers": [{"url": "urn:dmsc:server-url"}], "d": "see \"urn:dmsc:server-url\"", ` +
		`"flows": {"tokenUrl": "urn:dmsc:token-url"}, "again": "urn:dmsc:server-url"}`)
	got := New(doc).Render(Values{ServerURL: "https://h/api/data", TokenURL: "https://h/api/oauth/token?a=1&b=2"})
	var v struct {
		Servers []struct{ URL string }
		D       string
		Flows   struct{ TokenURL string }
		Again   string
	}
	if err := json.Unmarshal(got, &v); err != nil {
		t.Fatalf("rendered document is not JSON: %v\n%s", err, got)
	}
	if v.Servers[0].URL != "https://h/api/data" || v.Again != "https://h/api/data" {
		t.Errorf("server URL not filled: %s", got)
	}
	if v.Flows.TokenURL != "https://h/api/oauth/token?a=1&b=2" {
		t.Errorf("token URL = %q", v.Flows.TokenURL)
	}
	// A placeholder quoted inside a longer string is text, not a value.
	if v.D != `see "urn:dmsc:server-url"` {
		t.Errorf("escaped text was replaced: %q", v.D)
	}
}

func TestRenderWithoutPlaceholdersIsIdentity(t *testing.T) {
	doc := []byte(`{"a": 1}`)
	if got := New(doc).Render(Values{ServerURL: "x"}); string(got) != string(doc) {
		t.Errorf("got %s", got)
	}
}

func TestLoadReadsTheAPIDirectory(t *testing.T) {
	files := fstest.MapFS{
		ResourcesFile:           {Data: []byte(`{"servers": [{"url": "urn:dmsc:server-url"}]}`)},
		DescriptorsFile:         {Data: []byte(`{}`)},
		DiscoveryFile:           {Data: []byte(`{}`)},
		DependenciesJSONFile:    {Data: []byte(`[]`)},
		DependenciesGraphMLFile: {Data: []byte(`<graphml/>`)},
	}
	docs, err := Load(files)
	if err != nil {
		t.Fatal(err)
	}
	if docs.ChangeQueries != nil {
		t.Error("a change-queries document without the file")
	}
	if got := string(docs.Resources.Render(Values{ServerURL: "http://h/data"})); got != `{"servers": [{"url": "http://h/data"}]}` {
		t.Errorf("resources = %s", got)
	}
	delete(files, DiscoveryFile)
	if _, err := Load(files); err == nil {
		t.Error("Load accepted a directory without the discovery document")
	}
}
