package server

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/metrics"
	"github.com/edfi-dmsc/dmsc/runtime/metrics/metricstest"
)

// labelValues lists the values a family's label takes.
func labelValues(t *testing.T, m *metrics.Metrics, family, name string) map[string]bool {
	t.Helper()
	mfs, err := m.Registry().Gather()
	if err != nil {
		t.Fatal(err)
	}
	values := map[string]bool{}
	for _, mf := range mfs {
		if mf.GetName() != family {
			continue
		}
		for _, s := range mf.GetMetric() {
			for _, l := range s.GetLabel() {
				if l.GetName() == name {
					values[l.GetValue()] = true
				}
			}
		}
	}
	return values
}

// TestRequestMetricsHaveBoundedLabels: the resource label is the canonical
// project/endpoint, a service route's name or "unrouted", never the path a
// client made up; unknown methods share one label value.
func TestRequestMetricsHaveBoundedLabels(t *testing.T) {
	s, _, _ := newTestServer(t, Config{PathBase: "api"}, nil)
	for _, req := range []struct{ method, target string }{
		{"GET", "/api/data/ED-FI/Students"},
		{"GET", "/api/data/ed-fi/students/" + fixedID.String()},
		{"POST", "/api/data/ed-fi/students"},
		{"GET", "/api/data/ed-fi/made-up-1"},
		{"GET", "/api/data/made-up-2/x/y/z"},
		{"GET", "/made-up-3"},
		{"GET", "/api"},
		{"GET", "/api/"},
		{"GET", "/api/metadata"},
		{"GET", "/api/health"},
		{"MADEUP", "/api/data/ed-fi/students"},
	} {
		do(t, s, req.method, req.target, "{}")
	}
	resources := labelValues(t, s.Metrics, metrics.FamilyRequests, "resource")
	want := map[string]bool{"ed-fi/students": true, "unrouted": true, "discovery": true, "metadata": true, "health": true}
	if len(resources) != len(want) {
		t.Errorf("resource labels %v, want %v", resources, want)
	}
	for r := range want {
		if !resources[r] {
			t.Errorf("resource label %q missing: %v", r, resources)
		}
	}
	if got := metricstest.Read(t, s.Metrics, metrics.FamilyRequests, "resource", "unrouted").Value; got != 3 {
		t.Errorf("unrouted requests %v, want 3", got)
	}
	if got := metricstest.Read(t, s.Metrics, metrics.FamilyRequests, "resource", "discovery").Value; got != 2 {
		t.Errorf("discovery requests %v, want 2", got)
	}
	methods := labelValues(t, s.Metrics, metrics.FamilyRequests, "method")
	if !methods["OTHER"] || methods["MADEUP"] {
		t.Errorf("method labels %v", methods)
	}
}

func TestOperationLabels(t *testing.T) {
	for _, tt := range []struct {
		method string
		item   []string
		want   string
	}{
		{"GET", nil, "query"}, {"POST", nil, "create-or-update"}, {"PUT", nil, "unsupported"},
		{"GET", []string{fixedID.String()}, "read"}, {"PUT", []string{fixedID.String()}, "update"},
		{"DELETE", []string{fixedID.String()}, "delete"}, {"POST", []string{fixedID.String()}, "unsupported"},
		{"GET", []string{"Deletes"}, "deletes"}, {"GET", []string{"keychanges"}, "key-changes"},
	} {
		if got := operation(tt.method, tt.item); got != tt.want {
			t.Errorf("%s %v: %q, want %q", tt.method, tt.item, got, tt.want)
		}
	}
}

// TestAdminListenerServesMetricsAndProfiles, and the public port does not.
func TestAdminListenerServesMetricsAndProfiles(t *testing.T) {
	s, _, _ := newTestServer(t, Config{}, nil)
	admin, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	public := serveTest(t, s, admin)
	get := func(addr, path string) (int, string) {
		t.Helper()
		resp, err := http.Get("http://" + addr + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	get(public, "/data/ed-fi/students")
	if code, body := get(admin.Addr().String(), "/metrics"); code != 200 ||
		!strings.Contains(body, `dmsc_http_requests_total{method="GET",resource="ed-fi/students",status="200"} 1`) {
		t.Errorf("admin /metrics: %d\n%s", code, body)
	}
	for _, path := range []string{"/debug/pprof/", "/debug/pprof/goroutine?debug=1", "/debug/pprof/cmdline"} {
		if code, _ := get(admin.Addr().String(), path); code != 200 {
			t.Errorf("admin %s: %d", path, code)
		}
	}
	for _, path := range []string{"/metrics", "/debug/pprof/", "/debug/pprof/heap"} {
		if code, body := get(public, path); code != 404 || !strings.Contains(body, "urn:ed-fi:api:not-found") {
			t.Errorf("public %s: %d %s", path, code, body)
		}
	}
}

func TestAdminListenMustNotBeThePublicAddress(t *testing.T) {
	for _, tt := range []struct {
		admin, public string
		same          bool
	}{
		{"127.0.0.1:9090", "127.0.0.1:9090", true},
		{"0.0.0.0:9090", "127.0.0.1:9090", true},
		{":9090", "127.0.0.1:9090", true},
		{"127.0.0.1:9091", "127.0.0.1:9090", false},
		{"127.0.0.1:0", "127.0.0.1:0", true}, // spelled the same: refused
		{"127.0.0.1:0", "0.0.0.0:0", false},  // two random ports
	} {
		if got := sameAddress(tt.admin, tt.public); got != tt.same {
			t.Errorf("sameAddress(%s, %s) = %v", tt.admin, tt.public, got)
		}
	}
	var out, errOut bytes.Buffer
	code := Start(context.Background(), noteApp, []string{"--connection-string", "host=nowhere", "--listen", "127.0.0.1:9090", "--admin-listen", ":9090"}, &out, &errOut, func(*Server) {})
	if code != 2 || !strings.Contains(errOut.String(), "never served on the public port") {
		t.Errorf("admin on the public port: code %d, %s", code, errOut.String())
	}
}

func TestPageSizeRejectionsAreCounted(t *testing.T) {
	s, _, _ := newTestServer(t, Config{MaxPageSize: 100}, nil)
	for _, q := range []string{"limit=101", "limit=%20999999999999", "limit=-1", "limit=x", "offset=-1", "limit=100"} {
		do(t, s, "GET", "/data/ed-fi/students?"+q, "")
	}
	if got := metricstest.Read(t, s.Metrics, metrics.FamilyGuardrails, "limit", metrics.LimitPageSize).Value; got != 2 {
		t.Errorf("page-size rejections counted: %v, want 2", got)
	}
}

// TestRoundTripsAreCountedPerRequest: the server counts each request's
// database round trips into the metrics, and a counter a caller put in the
// context before the server (as the generated tests and benchmarks do)
// still counts them too.
func TestRoundTripsAreCountedPerRequest(t *testing.T) {
	ctx := context.Background()
	pool, err := db.Open(ctx, notesDB(t))
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	s := New(Config{}, noteApp, pool, nil, slog.New(slog.DiscardHandler))
	s.Register("test", "notes", &noteResource{pool: pool})
	outerCtx, outer := db.WithRoundTrips(ctx)
	req := httptest.NewRequestWithContext(outerCtx, "POST", "/data/test/notes", strings.NewReader(`{"code":"c","body":"b"}`))
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	if rec.Code != 201 && rec.Code != 200 {
		t.Fatalf("POST: %d %s", rec.Code, rec.Body)
	}
	if outer.Count() != 1 {
		t.Errorf("the caller's counter saw %d round trips, want 1", outer.Count())
	}
	if rt := metricstest.Read(t, s.Metrics, metrics.FamilyRoundTrips); rt.Count != 1 || rt.Sum != 1 {
		t.Errorf("round trips recorded: %d requests, %v round trips", rt.Count, rt.Sum)
	}
}
