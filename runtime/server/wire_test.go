package server

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/alecthomas/kong"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
)

const (
	wantJSON    = "application/json; charset=utf-8"
	wantProblem = "application/problem+json; charset=utf-8"
)

// TestJSONContentTypes: every JSON answer is sent as the reference sends
// it: documents, pages and metadata as application/json; charset=utf-8,
// problems as application/json or application/problem+json (by problem,
// as its core picks; URLValidation.feature and OwaspCriticalPaths.feature
// pin 404 and 415 as problem+json, 405 as json).
func TestJSONContentTypes(t *testing.T) {
	s, f, _ := newTestServer(t, Config{MaxBodyBytes: 64}, nil)
	id := fixedID.String()
	for _, tt := range []struct {
		name, method, target, body, want string
		headers                          []string
	}{
		{"discovery", "GET", "/", "", wantJSON, nil},
		{"metadata", "GET", "/metadata", "", wantJSON, nil},
		{"GET by id", "GET", "/data/ed-fi/students/" + id, "", wantJSON, nil},
		{"GET page", "GET", "/data/ed-fi/students", "", wantJSON, nil},
		{"404 unknown resource", "GET", "/data/ed-fi/nope", "", wantProblem, nil},
		{"404 unknown route", "GET", "/nope", "", wantProblem, nil},
		{"405 collection PUT", "PUT", "/data/ed-fi/students", "{}", wantJSON, nil},
		{"405 OPTIONS", "OPTIONS", "/data/ed-fi/students", "", wantJSON, nil},
		{"400 malformed id", "GET", "/data/ed-fi/students/ffc0a272", "", wantJSON, nil},
		{"400 paging", "GET", "/data/ed-fi/students?limit=-1", "", wantJSON, nil},
		{"412 stale If-Match", "PUT", "/data/ed-fi/students/" + id, "{}", wantJSON, []string{"If-Match", `"1-x"`}},
		{"413 body too large", "POST", "/data/ed-fi/students", strings.Repeat("x", 65), wantJSON, nil},
		{"415 text/plain", "POST", "/data/ed-fi/students", "{}", wantProblem, []string{"Content-Type", "text/plain"}},
	} {
		r := do(t, s, tt.method, tt.target, tt.body, tt.headers...)
		if got := r.header.Get("Content-Type"); got != tt.want {
			t.Errorf("%s: %d Content-Type %q, want %q", tt.name, r.status, got, tt.want)
		}
	}
	f.fail = errors.New("boom")
	if r := do(t, s, "GET", "/data/ed-fi/students/"+id, ""); r.status != 500 || r.header.Get("Content-Type") != wantProblem {
		t.Errorf("500: %d %q", r.status, r.header.Get("Content-Type"))
	}
	gated, _, _ := newTestServer(t, Config{}, gateFunc(func(context.Context) *problem.Details {
		return problem.DatabaseNotProvisioned("not provisioned")
	}))
	if r := do(t, gated, "GET", "/data/ed-fi/students", ""); r.status != 503 || r.header.Get("Content-Type") != wantJSON {
		t.Errorf("schema-gate 503: %d %q", r.status, r.header.Get("Content-Type"))
	}
}

// TestProblemContentTypeByType: the problems the reference's core builds
// with application/problem+json, and the rest.
func TestProblemContentTypeByType(t *testing.T) {
	for _, tt := range []struct {
		p    *problem.Details
		want string
	}{
		{problem.NotFound(""), wantProblem},
		{problem.UnsupportedMediaType("x"), wantProblem},
		{problem.SystemError(), wantProblem},
		{problem.ServiceUnavailable(), wantProblem},
		{problem.DatabaseUnavailable(), wantProblem},
		{&problem.Details{Status: 401, Type: "urn:ed-fi:api:security:authentication"}, wantProblem},
		{&problem.Details{Status: 403, Type: "urn:ed-fi:api:security:authorization"}, wantProblem},
		{problem.DataValidation(nil), wantJSON},
		{problem.ParameterValidation("x"), wantJSON},
		{problem.MethodNotAllowed("GET"), wantJSON},
		{problem.DependentItemExists("x"), wantJSON},
		{problem.UnresolvedReference(nil), wantJSON},
		{problem.PreconditionFailed(), wantJSON},
		{problem.PayloadTooLarge(1), wantJSON},
		{problem.ServiceConfigurationError("x"), wantJSON},
		{problem.DatabaseNotProvisioned("x"), wantJSON},
	} {
		if got := problemContentType(tt.p); got != tt.want {
			t.Errorf("%s (%d): %q, want %q", tt.p.Type, tt.p.Status, got, tt.want)
		}
	}
}

// TestSecurityHeadersOnEveryResponse: nosniff and no-referrer on answers
// of every kind, as the reference's SecurityHeadersMiddleware
// (OwaspCriticalPaths.feature scenario 11).
func TestSecurityHeadersOnEveryResponse(t *testing.T) {
	s := newMetadataServer(t, Config{MaxBodyBytes: 64, CORSAllowedOrigins: []string{"http://ui.example"}}, metadataApp())
	for _, tt := range []struct {
		method, target, body string
		headers              []string
	}{
		{"GET", "/", "", nil},
		{"GET", "/data/ed-fi/students", "", nil},
		{"POST", "/data/ed-fi/students", "{}", nil},
		{"GET", "/data/ed-fi/nope", "", nil},
		{"GET", "/nope", "", nil},
		{"PATCH", "/data/ed-fi/students", "", nil},
		{"POST", "/data/ed-fi/students", strings.Repeat("x", 65), nil},
		{"GET", "/health", "", nil},
		{"GET", "/metadata/specifications/resources-spec.json", "", nil},
		{"GET", "/metadata/xsd/ed-fi/Ed-Fi-Core.xsd", "", nil},
		{"GET", "/swagger/index.html", "", nil},
		{"OPTIONS", "/data/ed-fi/students", "", []string{"Origin", "http://ui.example", "Access-Control-Request-Method", "GET"}},
	} {
		r := do(t, s, tt.method, tt.target, tt.body, tt.headers...)
		if r.header.Get("X-Content-Type-Options") != "nosniff" || r.header.Get("Referrer-Policy") != "no-referrer" {
			t.Errorf("%s %s (%d): %v", tt.method, tt.target, r.status, r.header)
		}
	}
}

// TestCORS: the reference's policy — allowed origins, any method, any
// header; preflights answered 204 (with the CORS headers only for an
// allowed origin); plain OPTIONS stays 405 (URLValidation.feature 33,
// OwaspCriticalPaths.feature 08, 09, 12).
func TestCORS(t *testing.T) {
	s, f, _ := newTestServer(t, Config{CORSAllowedOrigins: []string{"http://localhost:8082", "https://ui.example/"}}, nil)
	r := do(t, s, "GET", "/data/ed-fi/students", "", "Origin", "http://localhost:8082")
	if r.status != 200 || r.header.Get("Access-Control-Allow-Origin") != "http://localhost:8082" || r.header.Get("Vary") != "Origin" {
		t.Errorf("allowed origin: %d %v", r.status, r.header)
	}
	r = do(t, s, "GET", "/data/ed-fi/students", "", "Origin", "https://malicious.attacker")
	if _, set := r.header["Access-Control-Allow-Origin"]; r.status != 200 || set {
		t.Errorf("disallowed origin: %d %v", r.status, r.header)
	}
	calls := len(f.calls)
	r = do(t, s, "OPTIONS", "/data/ed-fi/students", "", "Origin", "https://ui.example",
		"Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type,authorization")
	if r.status != 204 || r.header.Get("Access-Control-Allow-Origin") != "https://ui.example" ||
		r.header.Get("Access-Control-Allow-Methods") != "POST" || r.header.Get("Access-Control-Allow-Headers") != "content-type,authorization" {
		t.Errorf("allowed preflight: %d %v", r.status, r.header)
	}
	r = do(t, s, "OPTIONS", "/data/ed-fi/students", "", "Origin", "https://evil.example", "Access-Control-Request-Method", "GET")
	if _, set := r.header["Access-Control-Allow-Origin"]; r.status != 204 || set {
		t.Errorf("disallowed preflight: %d %v", r.status, r.header)
	}
	if len(f.calls) != calls {
		t.Errorf("a preflight reached the handler: %v", f.calls[calls:])
	}
	for _, headers := range [][]string{{"Accept", "*/*"}, {"Origin", "http://localhost:8082"}} {
		r = do(t, s, "OPTIONS", "/data/ed-fi/students", "", headers...)
		if p := decodeProblem(t, r); r.status != 405 || r.header.Get("Allow") != "GET, POST" || p["type"] != "urn:ed-fi:api:method-not-allowed" {
			t.Errorf("plain OPTIONS %v: %d %v %s", headers, r.status, r.header, r.body)
		}
	}
	anyOrigin, _, _ := newTestServer(t, Config{CORSAllowedOrigins: []string{"*"}}, nil)
	if r := do(t, anyOrigin, "GET", "/", "", "Origin", "http://x.example"); r.header.Get("Access-Control-Allow-Origin") != "*" {
		t.Errorf("any origin: %v", r.header)
	}
}

func TestCORSOriginsFromFlagsAndEnvironment(t *testing.T) {
	for _, tt := range []struct {
		args []string
		env  string
	}{
		{[]string{"--cors-allowed-origins=http://a.example,http://b.example"}, ""},
		{nil, "http://a.example,http://b.example"},
	} {
		t.Setenv("DMSC_CORS_ALLOWED_ORIGINS", tt.env)
		var cfg Config
		parser, err := kong.New(&cfg)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := parser.Parse(append([]string{"--connection-string=x"}, tt.args...)); err != nil {
			t.Fatal(err)
		}
		if strings.Join(cfg.CORSAllowedOrigins, " ") != "http://a.example http://b.example" {
			t.Errorf("%v %q: %q", tt.args, tt.env, cfg.CORSAllowedOrigins)
		}
	}
}

// TestPathBaseServesBothAndKeepsThePrefixUsed: with --path-base api every
// route answers with and without the prefix (any case, whole segment), and
// the URLs in answers carry the prefix as the request spelled it.
func TestPathBaseServesBothAndKeepsThePrefixUsed(t *testing.T) {
	s := newMetadataServer(t, Config{PathBase: "/api/"}, metadataApp())
	for prefix, root := range map[string]string{"": "http://example.com/", "/api": "http://example.com/api/", "/API": "http://example.com/API/"} {
		for _, path := range []string{prefix + "/", prefix} {
			if path == "" {
				continue
			}
			var d discoveryAnswer
			r := do(t, s, "GET", path, "")
			if err := json.Unmarshal([]byte(r.body), &d); err != nil || d.URLs["dataManagementApi"] != root+"data" || d.URLs["xsdMetadata"] != root+"metadata/xsd" {
				t.Errorf("GET %q: %d %v", path, r.status, d.URLs)
			}
		}
		if r := do(t, s, "GET", prefix+"/metadata/xsd/ed-fi/files", ""); r.status != 200 || !strings.Contains(r.body, `"`+root+`metadata/xsd/ed-fi/Ed-Fi-Core.xsd"`) {
			t.Errorf("%s XSD files: %d %s", prefix, r.status, r.body)
		}
	}
	if r := do(t, s, "GET", "/apis/metadata", ""); r.status != 404 {
		t.Errorf("/apis is not the path base: %d", r.status)
	}
	if r := do(t, s, "GET", "/api/swagger", ""); r.status != 301 || r.header.Get("Location") != "/api/swagger/" {
		t.Errorf("swagger redirect: %d %v", r.status, r.header)
	}
}
