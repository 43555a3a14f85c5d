package generated_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	defaultschema "github.com/edfi-dmsc/dmsc/generated/default"
	"github.com/edfi-dmsc/dmsc/runtime/apidocs"
	"github.com/edfi-dmsc/dmsc/runtime/server"
)

// goldenAPI reads a document `dmsc ddl emit` writes for the bundled schema
// (goldens/default/expected/api/): the generated package embeds the same.
func goldenAPI(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "goldens", "default", "expected", "api", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestDiscoveryURLsAnswer follows every URL the bundled server's discovery
// document advertises, and the URLs /metadata and the specification list
// name: each answers 200, except dataManagementApi (/data), which answers
// 404 as the reference does, and changeQueries, a base URL whose
// availableChangeVersions route answers instead. No XSD was given to the generator, so there
// is no XSD route.
func TestDiscoveryURLsAnswer(t *testing.T) {
	ls := startServer(t)
	getJSON := func(url string, into any) response {
		t.Helper()
		r := ls.do(t, http.MethodGet, strings.TrimPrefix(url, ls.base), nil)
		if r.status == http.StatusOK && into != nil {
			if err := json.Unmarshal(r.body, into); err != nil {
				t.Fatalf("GET %s: %v\n%s", url, err, r.body)
			}
		}
		return r
	}
	var discovery struct{ URLs map[string]string }
	if r := getJSON(ls.base+"/", &discovery); r.status != http.StatusOK {
		t.Fatalf("GET / = %d %s", r.status, r.body)
	}
	want := map[string]string{
		"dependencies":      ls.base + "/metadata/dependencies",
		"openApiMetadata":   ls.base + "/metadata/specifications",
		"dataManagementApi": ls.base + "/data",
		"changeQueries":     ls.base + "/changeQueries/v1/",
	}
	for name, url := range want {
		if discovery.URLs[name] != url {
			t.Errorf("discovery urls.%s = %q, want %q", name, discovery.URLs[name], url)
		}
	}
	for name, url := range discovery.URLs {
		if _, ok := want[name]; !ok {
			t.Errorf("discovery advertises %s = %s, which the bundled server does not serve", name, url)
		}
		wantStatus := http.StatusOK
		switch name {
		case "dataManagementApi":
			wantStatus = http.StatusNotFound
		case "changeQueries":
			// A base URL (HTTP-CONTRACT.md), like /data: its one route
			// below it answers.
			url += "availableChangeVersions"
		}
		if r := getJSON(url, nil); r.status != wantStatus {
			t.Errorf("GET %s (%s) = %d, want %d: %s", url, name, r.status, wantStatus, r.body)
		}
	}

	var metadata map[string]string
	getJSON(ls.base+"/metadata", &metadata)
	if len(metadata) != 2 || metadata["dependencies"] != want["dependencies"] || metadata["specifications"] != want["openApiMetadata"] {
		t.Errorf("GET /metadata = %v", metadata)
	}
	if r := getJSON(ls.base+"/metadata/xsd", nil); r.status != http.StatusNotFound {
		t.Errorf("GET /metadata/xsd without XSD files = %d %s", r.status, r.body)
	}

	var specs []struct{ Name, EndpointURI, Prefix string }
	getJSON(ls.base+"/metadata/specifications", &specs)
	var names []string
	for _, s := range specs {
		names = append(names, s.Name+"/"+s.Prefix)
	}
	if strings.Join(names, " ") != "Resources/ Descriptors/ Discovery/Other Change-Queries/Other" {
		t.Errorf("specifications = %v", names)
	}
	// Each document is the one `dmsc ddl emit` writes, its server URL the
	// request's root URL plus the base of the routes it describes.
	for _, s := range specs {
		file, routeBase := s.EndpointURI[strings.LastIndex(s.EndpointURI, "/")+1:], ""
		switch s.Name {
		case "Resources", "Descriptors":
			routeBase = "/data"
		case "Change-Queries":
			file, routeBase = apidocs.ChangeQueriesFile, "/changeQueries/v1"
		}
		var doc struct{ Servers []struct{ URL string } }
		r := getJSON(s.EndpointURI, &doc)
		if r.status != http.StatusOK || len(doc.Servers) != 1 || doc.Servers[0].URL != ls.base+routeBase {
			t.Errorf("GET %s = %d, servers %+v; want the server URL %s", s.EndpointURI, r.status, doc.Servers, ls.base+routeBase)
			continue
		}
		golden := apidocs.New(goldenAPI(t, file)).Render(apidocs.Values{ServerURL: ls.base + routeBase})
		if !bytes.Equal(r.body, golden) {
			t.Errorf("GET %s differs from goldens/default/expected/api/%s", s.EndpointURI, file)
		}
	}
}

// TestSpecificationServerURLFollowsTheRequest: the server URL is built
// from the Host the client used, not from the listener's address.
func TestSpecificationServerURLFollowsTheRequest(t *testing.T) {
	ls := startServer(t)
	req, err := http.NewRequest(http.MethodGet, ls.base+"/metadata/specifications/resources-spec.json", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Host = "api.example.org:8443"
	resp, err := ls.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var doc struct{ Servers []struct{ URL string } }
	if err := json.NewDecoder(resp.Body).Decode(&doc); err != nil || len(doc.Servers) != 1 ||
		doc.Servers[0].URL != "http://api.example.org:8443/data" {
		t.Errorf("servers = %+v (%v)", doc.Servers, err)
	}
}

// TestDependenciesAnswers: /metadata/dependencies is the load order of the
// bundled schema as `dmsc ddl emit` writes it, in JSON and, when Accept
// names it, GraphML.
func TestDependenciesAnswers(t *testing.T) {
	ls := startServer(t)
	r := ls.do(t, http.MethodGet, "/metadata/dependencies", nil)
	var got, want any
	if err := json.Unmarshal(r.body, &got); err != nil || r.status != http.StatusOK {
		t.Fatalf("GET /metadata/dependencies = %d %s (%v)", r.status, r.body, err)
	}
	if err := json.Unmarshal(goldenAPI(t, apidocs.DependenciesJSONFile), &want); err != nil {
		t.Fatal(err)
	}
	if gotJSON, _ := json.Marshal(got); !bytes.Equal(gotJSON, mustMarshal(t, want)) {
		t.Errorf("dependencies = %s\nwant goldens/default/expected/api/%s", r.body, apidocs.DependenciesJSONFile)
	}
	if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type = %q", ct)
	}
	r = ls.do(t, http.MethodGet, "/metadata/dependencies", nil, "Accept", "application/graphml")
	if r.status != http.StatusOK || r.header.Get("Content-Type") != "application/graphml" ||
		!bytes.Equal(r.body, goldenAPI(t, apidocs.DependenciesGraphMLFile)) {
		t.Errorf("GraphML = %d %s\n%s\nwant goldens/default/expected/api/%s", r.status, r.header.Get("Content-Type"), r.body, apidocs.DependenciesGraphMLFile)
	}
}

func mustMarshal(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestChangeQueriesOffLeavesTheirSpecificationOut: with --no-change-queries
// the change-queries document is neither listed nor served, like the
// routes it describes. No database is needed for the metadata routes.
func TestChangeQueriesOffLeavesTheirSpecificationOut(t *testing.T) {
	off := false
	s := server.New(server.Config{ChangeQueries: &off}, defaultschema.App, nil, nil, slog.New(slog.DiscardHandler))
	defaultschema.Register(s)
	hs := httptest.NewServer(s.Handler())
	defer hs.Close()
	get := func(path string) (int, []byte) {
		resp, err := hs.Client().Get(hs.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp.StatusCode, b
	}
	status, body := get("/metadata/specifications")
	var specs []struct{ Name string }
	if err := json.Unmarshal(body, &specs); err != nil || status != http.StatusOK {
		t.Fatalf("GET /metadata/specifications = %d %s", status, body)
	}
	if slices.ContainsFunc(specs, func(s struct{ Name string }) bool { return s.Name == "Change-Queries" }) {
		t.Errorf("specifications list Change-Queries with the feature off: %s", body)
	}
	if status, body := get("/metadata/changequeries/v1/swagger.json"); status != http.StatusNotFound {
		t.Errorf("change-queries document with the feature off = %d %s", status, body)
	}
	if status, _ := get("/metadata/specifications/resources-spec.json"); status != http.StatusOK {
		t.Errorf("resources document = %d", status)
	}
}
