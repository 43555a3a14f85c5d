package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alecthomas/kong"
	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/db/dbtest"
	"github.com/edfi-dmsc/dmsc/runtime/metrics"
	"github.com/edfi-dmsc/dmsc/runtime/metrics/metricstest"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/edfi-dmsc/dmsc/runtime/schemagate"
	"github.com/google/uuid"
)

var testApp = App{
	ApplicationName: "Ed-Fi API",
	Version:         "1.0.0",
	DataModels:      []DataModel{{"TPDM", "1.1.0", ""}, {"Ed-Fi", "5.2.0", "The Ed-Fi Data Standard v5.2.0"}},
	Fingerprint:     schemagate.Fingerprint{EffectiveSchemaHash: "a1b2c3d4ffffffffffffffffffffffffffffffffffffffffffffffffffffffff"},
}

// fakeResource records calls and answers like a generated resource would.
type fakeResource struct {
	mu    sync.Mutex
	calls []string
	fail  error
}

var fixedID = uuid.MustParse("3f1e0b7a-5c2d-4e8f-9a6b-1c2d3e4f5a6b")

func (f *fakeResource) record(s string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, s)
	return f.fail
}

func (f *fakeResource) Upsert(r *Request) error {
	body, err := r.Body()
	if err != nil {
		return err
	}
	if err := f.record("upsert " + string(body)); err != nil {
		return err
	}
	return r.Created(fixedID, 42)
}

func (f *fakeResource) Update(r *Request, id uuid.UUID) error {
	if err := f.record("update " + id.String()); err != nil {
		return err
	}
	if o := r.Preconditions().Evaluate(true, 42, r.Variant.SchemaEpoch); o.Problem() != nil {
		return o.Problem()
	}
	return r.Updated(id, 43)
}

func (f *fakeResource) GetByID(r *Request, id uuid.UUID) error {
	if err := f.record("get " + id.String()); err != nil {
		return err
	}
	tag := r.Tag(42)
	return r.Document(tag, []byte(`{"id":"`+id.String()+`","_etag":"`+tag+`"}`))
}

func (f *fakeResource) Query(r *Request, p Paging) error {
	names := []string{}
	for _, q := range r.Filters() {
		names = append(names, q.Name+"="+q.Value)
	}
	if err := f.record("query " + strings.Join(names, ",")); err != nil {
		return err
	}
	total := int64(-1)
	if p.TotalCount {
		total = 7
	}
	b, _ := json.Marshal(p)
	return r.Page(b, total)
}

func (f *fakeResource) Delete(r *Request, id uuid.UUID) error {
	if err := f.record("delete " + id.String()); err != nil {
		return err
	}
	return r.Deleted()
}

type gateFunc func(context.Context) *problem.Details

func (g gateFunc) Check(ctx context.Context) *problem.Details { return g(ctx) }

func newTestServer(t *testing.T, cfg Config, gate Gate) (*Server, *fakeResource, *bytes.Buffer) {
	t.Helper()
	var logs bytes.Buffer
	s := New(cfg, testApp, nil, gate, slog.New(slog.NewTextHandler(&logs, nil)))
	f := &fakeResource{}
	s.Register("ed-fi", "students", f)
	return s, f, &logs
}

type response struct {
	status int
	header http.Header
	body   string
}

func do(t *testing.T, s *Server, method, target, body string, headers ...string) response {
	t.Helper()
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	return response{rec.Code, rec.Header(), rec.Body.String()}
}

func decodeProblem(t *testing.T, r response) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(r.body), &m); err != nil {
		t.Fatalf("body is not JSON: %q", r.body)
	}
	return m
}

func TestRoutingIsCaseInsensitive(t *testing.T) {
	s, f, _ := newTestServer(t, Config{}, nil)
	r := do(t, s, "GET", "/data/ED-FI/Students?OfFSeT=1&LIMIT=2&FIRSTNAME=b&lastSurname=c", "")
	if r.status != 200 || r.body != `{"Limit":2,"Offset":1,"TotalCount":false,"Changes":{"Min":0,"Max":9223372036854775807,"Set":false,"MaxGiven":false}}` {
		t.Fatalf("got %d %s", r.status, r.body)
	}
	if got := f.calls[0]; got != "query FIRSTNAME=b,lastSurname=c" {
		t.Errorf("filters: %q (spelling kept, paging removed)", got)
	}
	if r.header.Get("Total-Count") != "" {
		t.Error("Total-Count without totalCount=true")
	}
	r = do(t, s, "GET", "/data/ed-fi/students?totalCount=TRUE", "")
	if r.header.Get("Total-Count") != "7" || r.body != `{"Limit":500,"Offset":0,"TotalCount":true,"Changes":{"Min":0,"Max":9223372036854775807,"Set":false,"MaxGiven":false}}` {
		t.Errorf("totalCount: %d %v %s", r.status, r.header, r.body)
	}
}

func TestPostWithPathBase(t *testing.T) {
	s, f, _ := newTestServer(t, Config{PathBase: "api"}, nil)
	r := do(t, s, "POST", "/api/data/ed-fi/students", `{"a":1}`, "Content-Type", "application/json; charset=utf-8")
	if r.status != 201 {
		t.Fatalf("status %d %s", r.status, r.body)
	}
	// Absolute, as the reference sends it (httptest's host is example.com).
	if loc := r.header.Get("Location"); loc != "http://example.com/api/data/ed-fi/students/"+fixedID.String() {
		t.Errorf("Location = %q", loc)
	}
	if !regexp.MustCompile(`^"\d+-[0-9a-f]{8}\.j\.(_|[0-9a-f]{8})\.[ln]\.[ibg]"$`).MatchString(r.header.Get("ETag")) {
		t.Errorf("ETag = %q", r.header.Get("ETag"))
	}
	if f.calls[0] != `upsert {"a":1}` {
		t.Errorf("calls %v", f.calls)
	}
	// As the reference's UsePathBase: routes answer without the prefix too,
	// and Location keeps the prefix as the request spelled it, or none.
	for prefix, want := range map[string]string{"": "", "/API": "/API", "/Api": "/Api"} {
		r := do(t, s, "POST", prefix+"/data/ed-fi/students", `{}`)
		if r.status != 201 || r.header.Get("Location") != "http://example.com"+want+"/data/ed-fi/students/"+fixedID.String() {
			t.Errorf("POST %s/data/...: %d Location %q", prefix, r.status, r.header.Get("Location"))
		}
	}
	if r := do(t, s, "POST", "/apix/data/ed-fi/students", `{}`); r.status != 404 {
		t.Errorf("a longer first segment is not the path base: %d", r.status)
	}
}

func TestItemRoutesAndPreconditions(t *testing.T) {
	s, _, _ := newTestServer(t, Config{ResourceLinks: true}, nil)
	id := fixedID.String()
	if r := do(t, s, "GET", "/data/ed-fi/students/"+strings.ToUpper(id), ""); r.status != 200 || r.header.Get("ETag") != `"42-a1b2c3d4.j._.l.i"` {
		t.Errorf("GET: %d %v", r.status, r.header)
	}
	if r := do(t, s, "PUT", "/data/ed-fi/students/"+id, "{}", "If-Match", `42-a1b2c3d4.j._.n.g`, "Content-Type", "application/vnd.ed-fi.student.p.writable+json"); r.status != 204 || r.header.Get("ETag") != `"43-a1b2c3d4.j._.l.i"` {
		t.Errorf("PUT with matching unquoted If-Match: %d %v", r.status, r.header)
	}
	r := do(t, s, "PUT", "/data/ed-fi/students/"+id, "{}", "If-Match", `"41-a1b2c3d4.j._.l.i"`)
	if p := decodeProblem(t, r); r.status != 412 || p["type"] != "urn:ed-fi:api:optimistic-lock-failed" {
		t.Errorf("PUT with stale If-Match: %d %s", r.status, r.body)
	}
	if r := do(t, s, "DELETE", "/data/ed-fi/students/"+id, ""); r.status != 204 {
		t.Errorf("DELETE: %d", r.status)
	}
}

func TestErrorsAreProblemDetails(t *testing.T) {
	s, _, _ := newTestServer(t, Config{}, nil)
	id := fixedID.String()
	tests := []struct {
		name, method, target string
		status               int
		typ, allow, errText  string
	}{
		{"unknown resource", "GET", "/data/ed-fi/nothing", 404, "urn:ed-fi:api:not-found", "", ""},
		{"unknown project", "GET", "/data/xx/students", 404, "urn:ed-fi:api:not-found", "", ""},
		{"too deep", "GET", "/data/ed-fi/students/" + id + "/x", 404, "urn:ed-fi:api:not-found", "", ""},
		{"unknown root path", "GET", "/nowhere", 404, "urn:ed-fi:api:not-found", "", ""},
		{"malformed id", "GET", "/data/ed-fi/students/123", 400, "urn:ed-fi:api:bad-request:data-validation-failed", "", ""},
		{"patch collection", "PATCH", "/data/ed-fi/students", 405, "urn:ed-fi:api:method-not-allowed", "GET, POST",
			"The endpoint of the request does not support the 'PATCH' method."},
		{"head item", "HEAD", "/data/ed-fi/students/" + id, 405, "", "GET, PUT, DELETE", ""},
		{"options item", "OPTIONS", "/data/ed-fi/students/" + id, 405, "urn:ed-fi:api:method-not-allowed", "GET, PUT, DELETE",
			"The endpoint of the request does not support the 'OPTIONS' method."},
		{"put collection", "PUT", "/data/ed-fi/students", 405, "urn:ed-fi:api:method-not-allowed", "GET, POST", msgCollectionPut},
		{"delete collection", "DELETE", "/data/ed-fi/students", 405, "urn:ed-fi:api:method-not-allowed", "GET, POST", msgCollectionDelete},
		{"post item", "POST", "/data/ed-fi/students/" + id, 405, "urn:ed-fi:api:method-not-allowed", "GET, PUT, DELETE", msgItemPost},
		{"patch deletes", "PATCH", "/data/ed-fi/students/deletes", 405, "urn:ed-fi:api:method-not-allowed", "GET", ""},
		{"deletes not served", "GET", "/data/ed-fi/students/deletes", 404, "urn:ed-fi:api:not-found", "", ""},
		{"415 on POST", "POST", "/data/ed-fi/students", 415, "urn:ed-fi:api:unsupported-media-type", "", ""},
		{"bad paging", "GET", "/data/ed-fi/students?limit=501&offset=-1&totalCount=yes", 400, "urn:ed-fi:api:bad-request:parameter-validation-failed", "", ""},
	}
	for _, tt := range tests {
		r := do(t, s, tt.method, tt.target, "", "correlationid", "corr-1", "Content-Type", "text/plain")
		if r.status != tt.status {
			t.Errorf("%s: status %d, want %d (%s)", tt.name, r.status, tt.status, r.body)
			continue
		}
		if tt.allow != "" && r.header.Get("Allow") != tt.allow {
			t.Errorf("%s: Allow = %q, want %q", tt.name, r.header.Get("Allow"), tt.allow)
		}
		if tt.typ == "" {
			continue // HEAD has no body
		}
		p := decodeProblem(t, r)
		if p["type"] != tt.typ || p["correlationId"] != "corr-1" || p["status"] != float64(tt.status) {
			t.Errorf("%s: problem %s", tt.name, r.body)
		}
		if tt.errText != "" {
			if errs, _ := p["errors"].([]any); len(errs) != 1 || errs[0] != tt.errText {
				t.Errorf("%s: errors %v, want [%q]", tt.name, p["errors"], tt.errText)
			}
		}
	}
	r := do(t, s, "GET", "/data/ed-fi/students?limit=501&offset=-1&totalCount=yes", "")
	want := `"errors":["Offset must be a numeric value greater than or equal to 0.","Limit must be omitted or set to a numeric value between 0 and 500.","TotalCount must be a boolean value."]`
	if !strings.Contains(r.body, want) {
		t.Errorf("paging errors: %s", r.body)
	}
	r = do(t, s, "GET", "/data/ed-fi/students/not-a-uuid", "")
	if !strings.Contains(r.body, `"validationErrors":{"$.id":["The value 'not-a-uuid' is not valid."]}`) {
		t.Errorf("malformed id: %s", r.body)
	}
}

func TestHandlerErrorsBecomeSystemErrors(t *testing.T) {
	s, f, logs := newTestServer(t, Config{}, nil)
	f.fail = errors.New("database exploded")
	r := do(t, s, "GET", "/data/ed-fi/students", "")
	if p := decodeProblem(t, r); r.status != 500 || p["type"] != "urn:ed-fi:api:system" || strings.Contains(r.body, "exploded") {
		t.Fatalf("got %d %s", r.status, r.body)
	}
	if !strings.Contains(logs.String(), "database exploded") || !strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("the cause must be logged:\n%s", logs)
	}
	f.fail = problem.DependentItemExists("School")
	if r := do(t, s, "DELETE", "/data/ed-fi/students/"+fixedID.String(), ""); r.status != 409 {
		t.Errorf("problem from handler: %d %s", r.status, r.body)
	}
	f.fail = db.ErrRetriesExhausted
	if r := do(t, s, "POST", "/data/ed-fi/students", "{}"); r.status != 500 {
		t.Errorf("retries exhausted: %d", r.status)
	}
}

func TestBodyLimit(t *testing.T) {
	s, f, _ := newTestServer(t, Config{MaxBodyBytes: 10}, nil)
	r := do(t, s, "POST", "/data/ed-fi/students", strings.Repeat("x", 11))
	if p := decodeProblem(t, r); r.status != 413 || p["status"] != float64(413) {
		t.Errorf("declared oversize body: %d %s", r.status, r.body)
	}
	// A body without Content-Length is cut off while reading.
	req := httptest.NewRequest("POST", "/data/ed-fi/students", io.MultiReader(strings.NewReader(strings.Repeat("y", 20))))
	req.ContentLength = -1
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	if rec.Code != 413 {
		t.Errorf("streamed oversize body: %d %s", rec.Code, rec.Body)
	}
	if len(f.calls) != 0 {
		t.Errorf("handler ran: %v", f.calls)
	}
	if got := metricstest.Read(t, s.Metrics, metrics.FamilyGuardrails, "limit", metrics.LimitBodySize).Value; got != 2 {
		t.Errorf("body-size rejections counted: %v, want 2", got)
	}
}

func TestGateBlocksDataRequestsOnly(t *testing.T) {
	gate := gateFunc(func(context.Context) *problem.Details {
		return problem.ResourceKeySeedError("Resource Key Seed Mismatch", "reprovision", "reprovision")
	})
	s, f, _ := newTestServer(t, Config{}, gate)
	for _, m := range []string{"GET", "POST"} {
		r := do(t, s, m, "/data/ed-fi/students", "{}")
		if p := decodeProblem(t, r); r.status != 503 || p["type"] != "urn:ed-fi:api:resource-key-seed-validation-error" {
			t.Errorf("%s: %d %s", m, r.status, r.body)
		}
	}
	if r := do(t, s, "GET", "/data/ed-fi/students/"+fixedID.String(), ""); r.status != 503 {
		t.Errorf("GET by id: %d", r.status)
	}
	if len(f.calls) != 0 {
		t.Errorf("handlers ran behind a closed gate: %v", f.calls)
	}
	if r := do(t, s, "GET", "/", ""); r.status != 200 {
		t.Errorf("discovery must not need the database: %d", r.status)
	}
}

func TestServiceEndpoints(t *testing.T) {
	s, _, _ := newTestServer(t, Config{}, nil)
	// testApp supplies no API metadata: discovery advertises the data API
	// only, and /metadata lists nothing (see metadata_test.go for the rest).
	r := do(t, s, "GET", "/", "")
	want := `{
  "version": "1.0.0",
  "applicationName": "Ed-Fi API",
  "informationalVersion": "",
  "dataModels": [
    {
      "name": "Ed-Fi",
      "version": "5.2.0",
      "informationalVersion": "The Ed-Fi Data Standard v5.2.0"
    },
    {
      "name": "TPDM",
      "version": "1.1.0",
      "informationalVersion": ""
    }
  ],
  "urls": {
    "dataManagementApi": "http://example.com/data",
    "changeQueries": "http://example.com/changeQueries/v1/"
  }
}`
	if r.body != want || r.header.Get("Content-Type") != "application/json; charset=utf-8" {
		t.Errorf("discovery: %s\n got  %s\n want %s", r.header.Get("Content-Type"), r.body, want)
	}
	if r = do(t, s, "GET", "/metadata", ""); r.body != `{}` {
		t.Errorf("metadata: %s", r.body)
	}
	r = do(t, s, "GET", "/health", "")
	if r.status != 503 || !strings.Contains(r.body, `"Description": "Application is up and running"`) {
		t.Errorf("health without database: %d %s", r.status, r.body)
	}
}

func TestHealthWithDatabase(t *testing.T) {
	pool, err := db.Open(context.Background(), dbtest.New(t))
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	s := New(Config{}, testApp, pool, nil, slog.New(slog.NewTextHandler(io.Discard, nil)))
	r := do(t, s, "GET", "/health", "")
	if r.status != 200 || !strings.Contains(r.body, `"Description": "Application is up and running"`) ||
		!strings.Contains(r.body, `"Description": "Database connection is healthy."`) {
		t.Errorf("health: %d %s", r.status, r.body)
	}
}

func TestRequestLog(t *testing.T) {
	s, _, logs := newTestServer(t, Config{CorrelationIDHeader: "X-Trace"}, nil)
	do(t, s, "GET", "/data/ed-fi/students", "", "X-Trace", "trace-9")
	line := logs.String()
	for _, want := range []string{`msg="request completed"`, "method=GET", "path=/data/ed-fi/students", "status=200", "correlationId=trace-9"} {
		if !strings.Contains(line, want) {
			t.Errorf("log lacks %q: %s", want, line)
		}
	}
}

func TestConfigFromFlagsAndEnvironment(t *testing.T) {
	parse := func(args ...string) (Config, error) {
		var c Config
		p, err := kong.New(&c, kong.Exit(func(int) {}))
		if err != nil {
			t.Fatal(err)
		}
		_, err = p.Parse(args)
		return c, err
	}
	if _, err := parse(); err == nil {
		t.Error("--connection-string must be required")
	}
	c, err := parse("--connection-string", "host=x dbname=y")
	if err != nil {
		t.Fatal(err)
	}
	if c.Listen != "127.0.0.1:8080" || c.MaxPageSize != 500 || c.MaxBodyBytes != 10<<20 || !c.ResourceLinks || c.CorrelationIDHeader != "correlationid" {
		t.Errorf("defaults: %+v", c)
	}
	// The flags' defaults are the ones a Config built in code gets.
	wantTimeouts := Timeouts{}.withDefaults()
	wantTimeouts.StatementTimeout = 30 * time.Second
	if c.Timeouts != wantTimeouts || c.AdminListen != "" {
		t.Errorf("timeout and admin defaults: %+v", c)
	}
	if c.AccessLog != AccessLogSampled || c.AccessLogRate != 10 || c.DBMaxConns != 0 || c.DBMinConns != 0 {
		t.Errorf("access log and pool defaults: %+v", c)
	}
	if c, err := parse("--connection-string", "x", "--access-log", "all", "--db-max-conns", "20"); err != nil || c.AccessLog != AccessLogAll || c.DBMaxConns != 20 {
		t.Errorf("access log and pool flags: %+v %v", c, err)
	}
	if _, err := parse("--connection-string", "x", "--access-log", "some"); err == nil {
		t.Error("an unknown --access-log mode was accepted")
	}
	t.Setenv("DMSC_LISTEN", "127.0.0.1:9999")
	t.Setenv("DMSC_CONNECTION_STRING", "postgres://x/y")
	t.Setenv("DMSC_READ_TIMEOUT", "5s")
	t.Setenv("DMSC_STATEMENT_TIMEOUT", "0s")
	t.Setenv("DMSC_ADMIN_LISTEN", "127.0.0.1:9100")
	c, err = parse("--no-resource-links", "--max-header-bytes", "1024")
	if err != nil || c.Listen != "127.0.0.1:9999" || c.ConnectionString != "postgres://x/y" || c.ResourceLinks ||
		c.ReadTimeout != 5*time.Second || c.StatementTimeout != 0 || c.AdminListen != "127.0.0.1:9100" || c.MaxHeaderBytes != 1024 {
		t.Errorf("environment: %+v %v", c, err)
	}
}

func TestServeAnswersQuicklyAndShutsDown(t *testing.T) {
	var logs bytes.Buffer
	var mu sync.Mutex
	s := New(Config{}, testApp, nil, nil, slog.New(slog.NewTextHandler(writerFunc(func(p []byte) (int, error) {
		mu.Lock()
		defer mu.Unlock()
		return logs.Write(p)
	}), nil)))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	start := time.Now()
	go func() { done <- s.Serve(ctx, ln, nil) }()
	resp, err := http.Get("http://" + ln.Addr().String() + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	first := time.Since(start)
	t.Logf("first response %v after start", first)
	if resp.StatusCode != 200 || first > 100*time.Millisecond {
		t.Errorf("first response: %d after %v", resp.StatusCode, first)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if !strings.Contains(logs.String(), "UNAUTHENTICATED") {
		t.Errorf("start-up log must say the server is unauthenticated:\n%s", logs.String())
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// TestExpectContinueOversizeGets413 sends only the headers of an oversize
// upload with Expect: 100-continue: the answer must be 413, not 100.
func TestExpectContinueOversizeGets413(t *testing.T) {
	s, _, _ := newTestServer(t, Config{}, nil)
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	conn, err := net.Dial("tcp", ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(5 * time.Second))
	_, err = io.WriteString(conn, "POST /data/ed-fi/students HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"+
		"Content-Length: 20000000\r\nExpect: 100-continue\r\n\r\n")
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 64)
	n, _ := io.ReadAtLeast(conn, buf, 12)
	if got := string(buf[:n]); !strings.HasPrefix(got, "HTTP/1.1 413") {
		t.Fatalf("first response line: %q", got)
	}
}
