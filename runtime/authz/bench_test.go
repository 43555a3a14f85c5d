package authz_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"testing"
	"time"

	defaultschema "github.com/edfi-dmsc/dmsc/generated/default"
	"github.com/edfi-dmsc/dmsc/runtime/auth"
	"github.com/edfi-dmsc/dmsc/runtime/authz"
	"github.com/edfi-dmsc/dmsc/runtime/server"
)

// benchServers are the generated bundled server three times on one
// database: without authentication; with the NamespaceBased strategy
// (NamespaceVendor: Create and Read of descriptors are NamespaceBased) and
// a signed token (ES256) verified on every request; and with the same
// authorization but a token looked up in a map, which isolates the cost
// of authorization from that of the signature check.
type benchServers struct {
	off, on, authzOnly string
	token              string
	client             *http.Client
}

func startBenchServers(b *testing.B) *benchServers {
	schemas, claims := bundledSchema(b)
	p := provisionSchema(b, schemas...)
	p.loadClaims(b, claims)
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if _, err := auth.RotateKey(ctx, p.pool); err != nil {
		b.Fatal(err)
	}
	keys, err := auth.NewKeyRing(ctx, p.pool, log, time.Hour, time.Hour, 30*time.Second)
	if err != nil {
		b.Fatal(err)
	}
	issuer := &auth.TokenIssuer{Keys: keys, Issuer: "dmsc", Audience: auth.LocalAudience, Lifetime: time.Hour}
	token, _, err := issuer.Issue(&auth.Client{ID: "bench", ClaimSetName: "NamespaceVendor", NamespacePrefixes: []string{"uri://ed-fi.org"}})
	if err != nil {
		b.Fatal(err)
	}
	authorizer := authz.New(defaultschema.Schema, p.pool, log)
	if err := authorizer.Refresh(ctx); err != nil {
		b.Fatal(err)
	}
	serve := func(cfg server.Config) string {
		cfg.ResourceLinks = true
		s := server.New(cfg, defaultschema.App, p.pool, nil, log)
		defaultschema.Register(s)
		hs := httptest.NewServer(s.Handler())
		b.Cleanup(hs.Close)
		return hs.URL
	}
	return &benchServers{
		off: serve(server.Config{}),
		on:  serve(server.Config{Auth: &server.Auth{Verifier: auth.NewVerifier(keys, "dmsc", auth.LocalAudience, 30*time.Second), Authorizer: authorizer, Describer: authorizer}}),
		authzOnly: serve(server.Config{Auth: &server.Auth{Verifier: tokens{token: {ClientID: "bench", ClaimSetName: "NamespaceVendor", NamespacePrefixes: []string{"uri://ed-fi.org"}}},
			Authorizer: authorizer, Describer: authorizer}}),
		token:  token,
		client: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}},
	}
}

// do runs one request, with the token when bearer is set, and returns its
// duration.
func (s *benchServers) do(b *testing.B, bearer bool, method, url string, body []byte, want int) time.Duration {
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	if err != nil {
		b.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if bearer {
		req.Header.Set("Authorization", "Bearer "+s.token)
	}
	start := time.Now()
	res, err := s.client.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	got, _ := io.ReadAll(res.Body)
	res.Body.Close()
	d := time.Since(start)
	if res.StatusCode != want {
		b.Fatalf("%s %s: %d, want %d: %s", method, url, res.StatusCode, want, got)
	}
	return d
}

// variant is one of the three servers.
type variant int

const (
	noAuth variant = iota
	jwtAndNamespace
	namespaceOnly
	variants
)

func (s *benchServers) base(v variant) string {
	switch v {
	case jwtAndNamespace:
		return s.on
	case namespaceOnly:
		return s.authzOnly
	}
	return s.off
}

// timings are the durations of the three variants, measured in the same
// loop; each iteration starts with the next variant, so none always
// follows the same one.
type timings struct {
	off, on, authzOnly []time.Duration
	iteration          int
}

func (t *timings) run(request func(v variant) time.Duration) {
	for k := range variants {
		v := (variant(t.iteration) + k) % variants
		d := request(v)
		switch v {
		case noAuth:
			t.off = append(t.off, d)
		case jwtAndNamespace:
			t.on = append(t.on, d)
		default:
			t.authzOnly = append(t.authzOnly, d)
		}
	}
	t.iteration++
}

// report reports each variant's p50 and its ratio to no authentication.
func (t *timings) report(b *testing.B) {
	p50 := func(d []time.Duration) float64 {
		slices.Sort(d)
		return float64(d[len(d)/2].Microseconds())
	}
	off, on, authzOnly := p50(t.off), p50(t.on), p50(t.authzOnly)
	b.ReportMetric(off, "p50-noauth-µs")
	b.ReportMetric(on, "p50-jwt+namespace-µs")
	b.ReportMetric(authzOnly, "p50-namespace-µs")
	b.ReportMetric(on/off, "ratio-jwt+namespace")
	b.ReportMetric(authzOnly/off, "ratio-namespace")
	b.ReportMetric(0, "ns/op")
}

func descriptorBody(code string) []byte {
	return []byte(`{"namespace":"uri://ed-fi.org/GradeLevelDescriptor","codeValue":"` + code + `","shortDescription":"` + code + `"}`)
}

// BenchmarkGetByIDNamespaceBased: GET of a descriptor by id without
// authentication and with a token and NamespaceBased authorization.
func BenchmarkGetByIDNamespaceBased(b *testing.B) {
	s := startBenchServers(b)
	path := "/data/ed-fi/gradeLevelDescriptors"
	res, err := s.client.Post(s.off+path, "application/json", bytes.NewReader(descriptorBody("Ninth")))
	if err != nil || res.StatusCode != http.StatusCreated {
		b.Fatalf("POST: %v %v", res, err)
	}
	res.Body.Close()
	item := path + "/" + res.Header.Get("Location")[len(res.Header.Get("Location"))-36:]
	var t timings
	for b.Loop() {
		t.run(func(v variant) time.Duration {
			return s.do(b, v != noAuth, "GET", s.base(v)+item, nil, http.StatusOK)
		})
	}
	t.report(b)
}

// BenchmarkPostNamespaceBased: POST of a new descriptor without
// authentication and with a token and NamespaceBased authorization.
func BenchmarkPostNamespaceBased(b *testing.B) {
	s := startBenchServers(b)
	path := "/data/ed-fi/gradeLevelDescriptors"
	var t timings
	i := 0
	for b.Loop() {
		t.run(func(v variant) time.Duration {
			i++
			return s.do(b, v != noAuth, "POST", s.base(v)+path, descriptorBody("code"+strconv.Itoa(i)), http.StatusCreated)
		})
	}
	t.report(b)
}
