package server

import (
	"encoding/json"
	"log/slog"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/runtime/apidocs"
)

// specDoc is an OpenAPI document as compiler/openapi publishes it: with
// the server-URL and token-URL placeholders.
func specDoc(title string) []byte {
	return []byte(`{
  "openapi": "3.0.1",
  "info": {"title": "` + title + `", "version": "1"},
  "servers": [{"url": "` + apidocs.ServerURLPlaceholder + `"}],
  "paths": {},
  "components": {"securitySchemes": {"oauth2_client_credentials": {"type": "oauth2",
    "flows": {"clientCredentials": {"tokenUrl": "` + apidocs.TokenURLPlaceholder + `", "scopes": {}}}}}}
}`)
}

// metadataApp is testApp with every kind of API metadata.
func metadataApp() App {
	app := testApp
	app.API = APIMetadata{
		ResourcesSpec:   specDoc("Resources"),
		DescriptorsSpec: specDoc("Descriptors"),
		DiscoverySpec:   specDoc("Discovery"),
		Dependencies: &Dependencies{
			Order: []Dependency{
				{Resource: "/ed-fi/schools", Order: 1, Operations: []string{"Create", "Update"}},
				{Resource: "/ed-fi/students", Order: 2, Operations: []string{"Create", "Update"}},
			},
			Graph: DependencyGraph{ID: "EdFi Dependencies", Nodes: []string{"/ed-fi/schools", "/ed-fi/students"},
				Edges: []DependencyEdge{{Source: "/ed-fi/schools", Target: "/ed-fi/students"}}},
		},
		XSD: []XSDProject{
			{Name: "TPDM", Version: "1.1.0", Files: []XSDFile{{"Ed-Fi-Core.xsd", []byte("<core/>")}, {"EXTENSION-Ed-Fi-Extended-Core.xsd", []byte("<tpdm/>")}}},
			{Name: "Ed-Fi", Version: "5.2.0", Core: true, Files: []XSDFile{{"Ed-Fi-Core.xsd", []byte("<core/>")}, {"Interchange-Survey.xsd", []byte("<survey/>")}}},
			{Name: "Homograph", Version: "1.0.0"},
		},
	}
	return app
}

func newMetadataServer(t *testing.T, cfg Config, app App) *Server {
	t.Helper()
	s := New(cfg, app, nil, nil, slog.New(slog.DiscardHandler))
	s.Register("ed-fi", "students", &fakeResource{})
	return s
}

type discoveryAnswer struct {
	URLs map[string]string
}

// TestDiscoveryAdvertisesWhatIsServed: discovery lists the metadata URLs
// of the data the App supplies (here no OAuth, and change queries turned
// off: those are absent), every advertised metadata URL answers 200, and
// /data answers what the reference does there (the not-found problem).
func TestDiscoveryAdvertisesWhatIsServed(t *testing.T) {
	changeQueries := false
	s := newMetadataServer(t, Config{ChangeQueries: &changeQueries}, metadataApp())
	r := do(t, s, "GET", "/", "")
	var d discoveryAnswer
	if err := json.Unmarshal([]byte(r.body), &d); err != nil {
		t.Fatalf("discovery: %v %s", err, r.body)
	}
	want := map[string]string{
		"dependencies":      "http://example.com/metadata/dependencies",
		"openApiMetadata":   "http://example.com/metadata/specifications",
		"dataManagementApi": "http://example.com/data",
		"xsdMetadata":       "http://example.com/metadata/xsd",
	}
	if len(d.URLs) != len(want) {
		t.Errorf("urls %v, want %v", d.URLs, want)
	}
	for k, v := range want {
		if d.URLs[k] != v {
			t.Errorf("urls.%s = %q, want %q", k, d.URLs[k], v)
		}
	}
	// The reference's key order.
	if i, j := strings.Index(r.body, `"openApiMetadata"`), strings.Index(r.body, `"dataManagementApi"`); i < 0 || j < i {
		t.Errorf("urls out of the reference's order: %s", r.body)
	}
	for k, u := range d.URLs {
		path := strings.TrimPrefix(u, "http://example.com")
		got := do(t, s, "GET", path, "")
		if k == "dataManagementApi" {
			if p := decodeProblem(t, got); got.status != 404 || p["type"] != "urn:ed-fi:api:not-found" {
				t.Errorf("GET /data: %d %s", got.status, got.body)
			}
			continue
		}
		if got.status != 200 {
			t.Errorf("advertised %s (%s): %d %s", k, path, got.status, got.body)
		}
	}
	if r := do(t, s, "GET", "/metadata", ""); r.body != `{"dependencies":"http://example.com/metadata/dependencies","specifications":"http://example.com/metadata/specifications","xsdMetadata":"http://example.com/metadata/xsd"}` {
		t.Errorf("metadata: %s", r.body)
	}
}

// TestMetadataAbsentWithoutData: without API metadata the routes answer
// 404 and nothing but the data API is advertised.
func TestMetadataAbsentWithoutData(t *testing.T) {
	s := newMetadataServer(t, Config{}, testApp)
	for _, path := range []string{"/metadata/dependencies", "/metadata/specifications", "/metadata/specifications/resources-spec.json",
		"/metadata/xsd", "/metadata/xsd/ed-fi/files", "/swagger/", "/metadata/changequeries/v1/swagger.json"} {
		if r := do(t, s, "GET", path, ""); r.status != 404 {
			t.Errorf("%s: %d", path, r.status)
		}
	}
}

// TestSpecificationList: the reference's names, prefixes and URLs, in its
// order; Change-Queries only when its document is supplied.
func TestSpecificationList(t *testing.T) {
	app := metadataApp()
	s := newMetadataServer(t, Config{PathBase: "api"}, app)
	want := `[
  {
    "name": "Resources",
    "endpointUri": "http://example.com/api/metadata/specifications/resources-spec.json",
    "prefix": ""
  },
  {
    "name": "Descriptors",
    "endpointUri": "http://example.com/api/metadata/specifications/descriptors-spec.json",
    "prefix": ""
  },
  {
    "name": "Discovery",
    "endpointUri": "http://example.com/api/metadata/specifications/discovery-spec.json",
    "prefix": "Other"
  }
]`
	if r := do(t, s, "GET", "/api/metadata/specifications", ""); r.status != 200 || r.body != want {
		t.Errorf("list: %d\n%s", r.status, r.body)
	}
	app.API.ChangeQueriesSpec = specDoc("Change Queries")
	s = newMetadataServer(t, Config{}, app)
	var list []specification
	if err := json.Unmarshal([]byte(do(t, s, "GET", "/metadata/specifications", "").body), &list); err != nil || len(list) != 4 ||
		list[3] != (specification{"Change-Queries", "http://example.com/metadata/changequeries/v1/swagger.json", "Other"}) {
		t.Errorf("with change queries: %v %+v", err, list)
	}
}

// TestSpecificationsFillServerURLs: each document's servers entry is the
// request's URL of the routes it describes, path base as used; the token
// URL is empty while the server issues no tokens.
func TestSpecificationsFillServerURLs(t *testing.T) {
	app := metadataApp()
	app.API.ChangeQueriesSpec = specDoc("Change Queries")
	s := newMetadataServer(t, Config{PathBase: "api"}, app)
	for _, tt := range []struct{ path, title, server string }{
		{"/api/metadata/specifications/resources-spec.json", "Resources", "http://example.com/api/data"},
		{"/metadata/specifications/resources-spec.json", "Resources", "http://example.com/data"},
		{"/api/metadata/specifications/descriptors-spec.json", "Descriptors", "http://example.com/api/data"},
		{"/api/metadata/specifications/discovery-spec.json", "Discovery", "http://example.com/api"},
		{"/api/metadata/changequeries/v1/swagger.json", "Change Queries", "http://example.com/api/changeQueries/v1"},
	} {
		r := do(t, s, "GET", tt.path, "")
		var doc struct {
			Info       struct{ Title string }
			Servers    []struct{ URL string }
			Components struct {
				SecuritySchemes map[string]struct {
					Flows struct{ ClientCredentials struct{ TokenURL string } }
				}
			}
		}
		if err := json.Unmarshal([]byte(r.body), &doc); err != nil || r.status != 200 {
			t.Fatalf("%s: %d %v", tt.path, r.status, err)
		}
		if r.header.Get("Content-Type") != "application/json; charset=utf-8" || doc.Info.Title != tt.title ||
			len(doc.Servers) != 1 || doc.Servers[0].URL != tt.server {
			t.Errorf("%s: %s %+v", tt.path, r.header.Get("Content-Type"), doc)
		}
		if tok := doc.Components.SecuritySchemes["oauth2_client_credentials"].Flows.ClientCredentials.TokenURL; tok != "" {
			t.Errorf("%s: token URL %q without a token endpoint", tt.path, tok)
		}
	}
}

// TestDependenciesJSONAndGraphML: the load order as JSON, or the graph as
// GraphML (the reference's text) when Accept names application/graphml.
func TestDependenciesJSONAndGraphML(t *testing.T) {
	s := newMetadataServer(t, Config{}, metadataApp())
	r := do(t, s, "GET", "/metadata/dependencies", "")
	want := `[
  {
    "resource": "/ed-fi/schools",
    "order": 1,
    "operations": [
      "Create",
      "Update"
    ]
  },
  {
    "resource": "/ed-fi/students",
    "order": 2,
    "operations": [
      "Create",
      "Update"
    ]
  }
]`
	if r.status != 200 || r.body != want || r.header.Get("Content-Type") != "application/json; charset=utf-8" {
		t.Errorf("JSON: %d %s\n%s", r.status, r.header.Get("Content-Type"), r.body)
	}
	r = do(t, s, "GET", "/metadata/dependencies", "", "Accept", "Application/GraphML")
	wantXML := `<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
<graph id="EdFi Dependencies" edgedefault="directed">
<node id="/ed-fi/schools"/>
<node id="/ed-fi/students"/>
<edge source="/ed-fi/schools" target="/ed-fi/students"/>
</graph>
</graphml>
`
	if r.status != 200 || r.body != wantXML || r.header.Get("Content-Type") != "application/graphml" {
		t.Errorf("GraphML: %d %s\n%s", r.status, r.header.Get("Content-Type"), r.body)
	}
}

// TestXSDRoutes: the reference's XSD listing (XSDMetadata.feature shape),
// file lists and documents.
func TestXSDRoutes(t *testing.T) {
	s := newMetadataServer(t, Config{}, metadataApp())
	want := `[
  {
    "description": "Core schema (Ed-Fi) files for the data model",
    "name": "ed-fi",
    "version": "5.2.0",
    "files": "http://example.com/metadata/xsd/ed-fi/files"
  },
  {
    "description": "Extension (Homograph) blended with Core schema files for the data model",
    "name": "homograph",
    "version": "1.0.0",
    "files": "http://example.com/metadata/xsd/homograph/files"
  },
  {
    "description": "Extension (TPDM) blended with Core schema files for the data model",
    "name": "tpdm",
    "version": "1.1.0",
    "files": "http://example.com/metadata/xsd/tpdm/files"
  }
]`
	if r := do(t, s, "GET", "/metadata/xsd", ""); r.status != 200 || r.body != want {
		t.Errorf("list: %d\n%s", r.status, r.body)
	}
	files := func(path string) []string {
		var list []string
		r := do(t, s, "GET", path, "")
		if err := json.Unmarshal([]byte(r.body), &list); err != nil || r.status != 200 {
			t.Errorf("%s: %d %s", path, r.status, r.body)
		}
		return list
	}
	if got := files("/metadata/xsd/tpdm/files"); strings.Join(got, " ") !=
		"http://example.com/metadata/xsd/tpdm/Ed-Fi-Core.xsd http://example.com/metadata/xsd/tpdm/EXTENSION-Ed-Fi-Extended-Core.xsd" {
		t.Errorf("tpdm files %v", got)
	}
	if got := files("/metadata/xsd/homograph/files"); len(got) != 1 || got[0] != "No XSD files found for extension." {
		t.Errorf("homograph files %v", got)
	}
	r := do(t, s, "GET", "/metadata/xsd/ed-fi/Interchange-Survey.xsd", "")
	if r.status != 200 || r.body != "<survey/>" || r.header.Get("Content-Type") != "application/xml" {
		t.Errorf("file: %d %s %s", r.status, r.header.Get("Content-Type"), r.body)
	}
	for _, path := range []string{"/metadata/xsd/nope/files", "/metadata/xsd/ed-fi/Nope.xsd", "/metadata/xsd/ed-fi/Ed-Fi-Core.json", "/metadata/xsd/nope/Ed-Fi-Core.xsd"} {
		if r := do(t, s, "GET", path, ""); r.status != 404 || decodeProblem(t, r)["type"] != "urn:ed-fi:api:not-found" {
			t.Errorf("%s: %d %s", path, r.status, r.body)
		}
	}
}

// TestInvalidAPIMetadataPanics: a document that is not JSON is a generator
// bug, reported when the server is built.
func TestInvalidAPIMetadataPanics(t *testing.T) {
	app := testApp
	app.API.ResourcesSpec = []byte(`{"openapi": `)
	defer func() {
		if recover() == nil {
			t.Error("New accepted a malformed OpenAPI document")
		}
	}()
	New(Config{}, app, nil, nil, slog.New(slog.DiscardHandler))
}
