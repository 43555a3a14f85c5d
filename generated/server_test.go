package generated_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/edfi-dmsc/dmsc/compiler/ddl"
	"github.com/edfi-dmsc/dmsc/compiler/ddl/modelddl"
	"github.com/edfi-dmsc/dmsc/compiler/effschema"
	"github.com/edfi-dmsc/dmsc/compiler/fake"
	"github.com/edfi-dmsc/dmsc/compiler/load"
	"github.com/edfi-dmsc/dmsc/compiler/provision"
	defaultschema "github.com/edfi-dmsc/dmsc/generated/default"
	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/db/dbtest"
	"github.com/edfi-dmsc/dmsc/runtime/schemagate"
	"github.com/edfi-dmsc/dmsc/runtime/server"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/google/uuid"
)

// liveServer is the generated bundled server running over HTTP on a random
// loopback port against a freshly provisioned database.
type liveServer struct {
	base   string // http://127.0.0.1:port
	set    *load.SchemaSet
	client *http.Client
	trips  *roundTripCounter
	server *server.Server
}

func startServer(t testing.TB) *liveServer {
	t.Helper()
	return startServerOn(t, schemaFiles(t))
}

// startServerOn starts the generated server on a database provisioned for
// the given schema files (normally the ones it was generated from).
func startServerOn(t testing.TB, provisioned []string) *liveServer {
	t.Helper()
	url, set := provisionDB(t, provisioned)
	ls := startServerAt(t, url)
	ls.set = set
	return ls
}

// startServerAt starts the generated server on the database at url, which
// need not be reachable (or provisioned) yet.
func startServerAt(t testing.TB, url string) *liveServer {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pool, err := db.Open(ctx, url)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if testing.Verbose() {
		log = slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	// Reference links on, as the server's flag defaults them.
	s := server.New(server.Config{ResourceLinks: true}, defaultschema.App, pool, schemagate.New(pool, defaultschema.App.Fingerprint, log), log)
	defaultschema.Register(s)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	trips := &roundTripCounter{next: s.Handler()}
	// Serve as server.Serve does, with the round-trip counter in front.
	srv := &http.Server{Handler: trips, ReadHeaderTimeout: 30 * time.Second}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	t.Cleanup(func() {
		cancel()
		if err := srv.Shutdown(context.Background()); err != nil {
			t.Errorf("server shutdown: %v", err)
		}
		if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
			t.Errorf("server: %v", err)
		}
		pool.Close()
	})
	return &liveServer{base: "http://" + ln.Addr().String(), trips: trips, server: s,
		client: &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 64}}}
}

// provisionDB creates a throw-away database provisioned for the schema
// files and returns its URL and the loaded schema set.
func provisionDB(t testing.TB, files []string) (string, *load.SchemaSet) {
	t.Helper()
	url := dbtest.New(t)
	return url, provisionAt(t, url, files, provision.Options{Timeout: time.Minute})
}

// provisionAt provisions the database at url for the schema files and
// returns the loaded schema set.
func provisionAt(t testing.TB, url string, files []string, opts provision.Options) *load.SchemaSet {
	t.Helper()
	set, err := load.Files(files...)
	if err != nil {
		t.Fatal(err)
	}
	info, err := effschema.Compute(set)
	if err != nil {
		t.Fatal(err)
	}
	script, _, err := modelddl.Script(set, info, ddl.Pgsql, true)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := provision.Provision(context.Background(), ddl.Pgsql, url, script, info, opts); err != nil {
		t.Fatalf("provisioning: %v", err)
	}
	return set
}

// roundTripCounter counts the database round trips of the requests it
// passes on, per HTTP method.
type roundTripCounter struct {
	next  http.Handler
	mu    sync.Mutex
	trips map[string]int64
	reqs  map[string]int64
}

func (c *roundTripCounter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ctx, rt := db.WithRoundTrips(r.Context())
	c.next.ServeHTTP(w, r.WithContext(ctx))
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.trips == nil {
		c.trips, c.reqs = map[string]int64{}, map[string]int64{}
	}
	c.trips[r.Method] += rt.Count()
	c.reqs[r.Method]++
}

// reset forgets the counts so far.
func (c *roundTripCounter) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.trips, c.reqs = nil, nil
}

// perRequest is the mean number of round trips of the method's requests.
func (c *roundTripCounter) perRequest(method string) float64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.reqs[method] == 0 {
		return 0
	}
	return float64(c.trips[method]) / float64(c.reqs[method])
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// response is one HTTP answer.
type response struct {
	status int
	header http.Header
	body   []byte
}

func (ls *liveServer) do(t testing.TB, method, path string, body []byte, headers ...string) response {
	t.Helper()
	r, err := ls.send(method, path, body, headers...)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	return r
}

// send makes one request; headers are name, value pairs.
func (ls *liveServer) send(method, path string, body []byte, headers ...string) (response, error) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	target := path
	if !strings.HasPrefix(path, "http") {
		target = ls.base + path // else an absolute Location
	}
	req, err := http.NewRequest(method, target, rd)
	if err != nil {
		return response{}, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := ls.client.Do(req)
	if err != nil {
		return response{}, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return response{}, err
	}
	return response{resp.StatusCode, resp.Header, b}, nil
}

func TestServerDiscovery(t *testing.T) {
	ls := startServer(t)
	r := ls.do(t, http.MethodGet, "/", nil)
	if r.status != http.StatusOK {
		t.Fatalf("GET / = %d %s", r.status, r.body)
	}
	var doc struct {
		ApplicationName string
		DataModels      []struct{ Name, Version, InformationalVersion string }
		URLs            map[string]string
	}
	if err := json.Unmarshal(r.body, &doc); err != nil {
		t.Fatal(err)
	}
	var models []string
	for _, m := range doc.DataModels {
		models = append(models, m.Name+" "+m.Version)
	}
	if doc.ApplicationName != "Ed-Fi API" || strings.Join(models, ", ") != "Ed-Fi 5.2.0, Sample 1.0.0" ||
		doc.URLs["dataManagementApi"] != ls.base+"/data" {
		t.Errorf("discovery = %s", r.body)
	}
	if r := ls.do(t, http.MethodGet, "/data/ed-fi/nonsense", nil); r.status != http.StatusNotFound {
		t.Errorf("unknown resource = %d %s", r.status, r.body)
	}
}

// TestServerSchemaMismatch runs the server on a database provisioned for
// another effective schema (the core without the Sample extension): data
// requests get 503 with the remediation, discovery still answers.
func TestServerSchemaMismatch(t *testing.T) {
	ls := startServerOn(t, schemaFiles(t)[:1])
	r := ls.do(t, http.MethodGet, "/data/ed-fi/schools", nil)
	var p struct{ Type, Detail string }
	if err := json.Unmarshal(r.body, &p); err != nil || r.status != http.StatusServiceUnavailable ||
		p.Type != "urn:ed-fi:api:database-fingerprint-validation-error" || !strings.Contains(p.Detail, "reprovisioned") {
		t.Errorf("GET schools on a foreign database = %d %s", r.status, r.body)
	}
	if r := ls.do(t, http.MethodGet, "/", nil); r.status != http.StatusOK {
		t.Errorf("discovery on a foreign database = %d %s", r.status, r.body)
	}
}

// fakeDocument is one line of compiler/fake's NDJSON output.
type fakeDocument struct {
	Project  string          `json:"project"`
	Resource string          `json:"resource"`
	Body     json.RawMessage `json:"body"`
}

func fakeDocuments(t testing.TB, set *load.SchemaSet, count int) []fakeDocument {
	t.Helper()
	var buf bytes.Buffer
	if _, err := fake.Generate(set, fake.Options{Count: count, Seed: 5}, &buf); err != nil {
		t.Fatal(err)
	}
	var docs []fakeDocument
	sc := bufio.NewScanner(&buf)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var d fakeDocument
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return docs
}

// sameDocument compares a GET body with the posted document: equal JSON
// after dropping the server-added id, _etag, _lastModifiedDate and
// reference links.
func sameDocument(posted, got []byte) (bool, error) {
	var p, g map[string]any
	if err := json.Unmarshal(posted, &p); err != nil {
		return false, err
	}
	if err := json.Unmarshal(got, &g); err != nil {
		return false, err
	}
	for _, k := range []string{"id", "_etag", "_lastModifiedDate"} {
		if _, ok := g[k]; !ok {
			return false, errors.New("GET body lacks " + k)
		}
		delete(g, k)
	}
	var links []string
	collectLinks(g, &links, true)
	return reflect.DeepEqual(p, g), nil
}

// collectLinks appends the href of every reference link object
// ({"rel", "href"}) in v to links, removing the objects when drop is set.
func collectLinks(v any, links *[]string, drop bool) {
	switch x := v.(type) {
	case map[string]any:
		if l, ok := x["link"].(map[string]any); ok && l["rel"] != nil && l["href"] != nil {
			href, _ := l["href"].(string)
			*links = append(*links, href)
			if drop {
				delete(x, "link")
			}
		}
		for _, m := range x {
			collectLinks(m, links, drop)
		}
	case []any:
		for _, m := range x {
			collectLinks(m, links, drop)
		}
	}
}

// checkLinks follows every reference link of a GET body: each names a
// document the server serves under /data.
func (ls *liveServer) checkLinks(t *testing.T, loc string, body []byte) (followed int) {
	t.Helper()
	var doc any
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatal(err)
	}
	var links []string
	collectLinks(doc, &links, false)
	for _, href := range links {
		if r := ls.do(t, http.MethodGet, "/data"+href, nil); r.status != http.StatusOK {
			t.Errorf("GET %s: link %s answers %d %s", loc, href, r.status, r.body)
		}
	}
	return len(links)
}

// planOf finds the compiled-in plan of a resource.
func planOf(t *testing.T, project, endpoint string) *spec.Resource {
	t.Helper()
	for _, r := range defaultschema.Schema.Resources {
		if r.ProjectEndpoint == project && r.Endpoint == endpoint {
			return r
		}
	}
	t.Fatalf("no plan for /data/%s/%s", project, endpoint)
	return nil
}

// valueAt returns the JSON text of the scalar at a "$.a.b" path (no
// arrays), as a query parameter value spells it.
func valueAt(body []byte, path string) (string, bool) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return "", false
	}
	for _, step := range strings.Split(strings.TrimPrefix(path, "$."), ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return "", false
		}
		if v, ok = m[step]; !ok {
			return "", false
		}
	}
	switch x := v.(type) {
	case string:
		return x, true
	case json.Number:
		return x.String(), true
	case bool:
		return strconv.FormatBool(x), true
	}
	return "", false
}

// checkQueryFields queries the collection of d by each of its query fields
// with the value d has there (the only document of its resource) and
// expects exactly that document.
func (ls *liveServer) checkQueryFields(t *testing.T, d fakeDocument, loc string) (queries int) {
	t.Helper()
	id := loc[strings.LastIndexByte(loc, '/')+1:]
	for _, qf := range planOf(t, d.Project, d.Resource).Read.QueryFields {
		value, ok := valueAt(d.Body, qf.JSONPath)
		if qf.Name == "id" {
			value, ok = id, true
		}
		if !ok || strings.Contains(qf.JSONPath, "[*]") {
			continue // not present in this document
		}
		q := "/data/" + d.Project + "/" + d.Resource + "?" + url.Values{qf.Name: {value}}.Encode()
		r := ls.do(t, http.MethodGet, q, nil)
		queries++
		var page []struct{ ID string }
		if r.status != http.StatusOK || json.Unmarshal(r.body, &page) != nil || len(page) != 1 || page[0].ID != id {
			t.Errorf("GET %s = %d %s, want the document %s", q, r.status, r.body, id)
		}
	}
	return queries
}

// TestServerRoundTrip posts one valid document of every resource of the
// bundled schema (references resolve to the documents posted before it),
// reads each back, re-puts it, queries the collection and deletes every
// document in reverse order.
func TestServerRoundTrip(t *testing.T) {
	ls := startServer(t)
	docs := fakeDocuments(t, ls.set, 1)
	type posted struct {
		doc      fakeDocument
		location string
	}
	var written []posted
	queries, links := 0, 0
	for _, d := range docs {
		path := "/data/" + d.Project + "/" + d.Resource
		r := ls.do(t, http.MethodPost, path, d.Body)
		if r.status != http.StatusCreated {
			t.Errorf("POST %s = %d %s\nbody %s", path, r.status, r.body, d.Body)
			continue
		}
		loc := r.header.Get("Location")
		if !strings.HasPrefix(loc, ls.base+path+"/") || r.header.Get("ETag") == "" {
			t.Errorf("POST %s: Location %q, ETag %q", path, loc, r.header.Get("ETag"))
			continue
		}
		written = append(written, posted{d, loc})

		g := ls.do(t, http.MethodGet, loc, nil)
		if g.status != http.StatusOK {
			t.Errorf("GET %s = %d %s", loc, g.status, g.body)
			continue
		}
		if same, err := sameDocument(d.Body, g.body); err != nil || !same {
			t.Errorf("GET %s differs from the posted document (%v)\nposted %s\ngot    %s", loc, err, d.Body, g.body)
		}
		links += ls.checkLinks(t, loc, g.body)
		if g.header.Get("ETag") != r.header.Get("ETag") {
			t.Errorf("GET %s ETag %q, POST gave %q", loc, g.header.Get("ETag"), r.header.Get("ETag"))
		}
		// Posting the same document again is an upsert of the same id.
		if again := ls.do(t, http.MethodPost, path, d.Body); again.status != http.StatusOK || again.header.Get("Location") != loc {
			t.Errorf("re-POST %s = %d, Location %q, want 200 at %s: %s", path, again.status, again.header.Get("Location"), loc, again.body)
		}
		if put := ls.do(t, http.MethodPut, loc, withPutID(d.Body, locationID(loc))); put.status != http.StatusNoContent {
			t.Errorf("PUT %s = %d %s", loc, put.status, put.body)
		}
		q := ls.do(t, http.MethodGet, path+"?totalCount=true", nil)
		if q.status != http.StatusOK || q.header.Get("Total-Count") != "1" {
			t.Errorf("GET %s?totalCount=true = %d, Total-Count %q: %s", path, q.status, q.header.Get("Total-Count"), q.body)
		}
		queries += ls.checkQueryFields(t, d, loc)
	}
	for i := len(written) - 1; i >= 0; i-- {
		loc := written[i].location
		if r := ls.do(t, http.MethodDelete, loc, nil); r.status != http.StatusNoContent {
			t.Errorf("DELETE %s = %d %s", loc, r.status, r.body)
			continue
		}
		if r := ls.do(t, http.MethodGet, loc, nil); r.status != http.StatusNotFound {
			t.Errorf("GET %s after DELETE = %d %s", loc, r.status, r.body)
		}
	}
	t.Logf("%d documents of %d resources posted, read (%d reference links followed), upserted, put, queried (%d query-field queries) and deleted",
		len(written), len(docs), links, queries)
}

// postAll posts docs in order and returns the Location of the first
// document of each resource, keyed "project/endpoint".
func (ls *liveServer) postAll(t testing.TB, docs []fakeDocument) map[string]string {
	t.Helper()
	locs := map[string]string{}
	for _, d := range docs {
		path := "/data/" + d.Project + "/" + d.Resource
		r := ls.do(t, http.MethodPost, path, d.Body)
		if r.status != http.StatusCreated {
			t.Fatalf("POST %s = %d %s\nbody %s", path, r.status, r.body, d.Body)
		}
		if _, ok := locs[d.Project+"/"+d.Resource]; !ok {
			locs[d.Project+"/"+d.Resource] = r.header.Get("Location")
		}
	}
	return locs
}

// problemBody is the part of problem details the tests assert.
type problemBody struct {
	Type             string
	ValidationErrors map[string][]string
}

// locationID is the document id a Location ends with.
func locationID(loc string) uuid.UUID {
	return uuid.MustParse(loc[strings.LastIndexByte(loc, '/')+1:])
}

func expectProblem(t *testing.T, what string, r response, status int, typ string, paths ...string) {
	t.Helper()
	var p problemBody
	if err := json.Unmarshal(r.body, &p); err != nil || r.status != status || p.Type != typ {
		t.Errorf("%s = %d %s, want %d %s", what, r.status, r.body, status, typ)
		return
	}
	for _, path := range paths {
		if len(p.ValidationErrors[path]) == 0 {
			t.Errorf("%s: no validation error at %s: %s", what, path, r.body)
		}
	}
}

// TestServerWriteErrors covers the error and precondition answers over
// HTTP: 400 with path-attributed validation errors and on a forbidden key
// change, 409 on an unresolved reference, on deleting a referenced document
// or descriptor and on an identity conflict, 412 on a stale If-Match, 304
// on a matching If-None-Match.
func TestServerWriteErrors(t *testing.T) {
	ls := startServer(t)
	locs := ls.postAll(t, fakeDocuments(t, ls.set, 1))
	school := locs["ed-fi/schools"]

	r := ls.do(t, http.MethodPost, "/data/ed-fi/schools", []byte(`{"schoolId":"x"}`))
	expectProblem(t, "POST invalid school", r, http.StatusBadRequest,
		"urn:ed-fi:api:bad-request:data-validation-failed", "$.schoolId", "$.nameOfInstitution")

	r = ls.do(t, http.MethodPost, "/data/ed-fi/classPeriods", []byte(`{"classPeriodName":"P1","schoolReference":{"schoolId":999}}`))
	expectProblem(t, "POST class period of a missing school", r, http.StatusConflict,
		"urn:ed-fi:api:data-conflict:unresolved-reference", "$.schoolReference")

	r = ls.do(t, http.MethodDelete, school, nil)
	expectProblem(t, "DELETE referenced school", r, http.StatusConflict, "urn:ed-fi:api:data-conflict:dependent-item-exists")
	// The only grade level descriptor is used by the school's gradeLevels.
	r = ls.do(t, http.MethodDelete, locs["ed-fi/gradeLevelDescriptors"], nil)
	expectProblem(t, "DELETE referenced descriptor", r, http.StatusConflict, "urn:ed-fi:api:data-conflict:dependent-item-exists")

	g := ls.do(t, http.MethodGet, school, nil)
	if g.status != http.StatusOK {
		t.Fatalf("GET %s = %d %s", school, g.status, g.body)
	}
	// An ETag is "{ContentVersion}-{variant}": version 0 is never current.
	current := g.header.Get("ETag")
	_, variant, _ := strings.Cut(strings.Trim(current, `"`), "-")
	stale := `"0-` + variant + `"`
	r = ls.do(t, http.MethodPut, school, g.body, "If-Match", stale)
	expectProblem(t, "PUT school with a stale If-Match", r, http.StatusPreconditionFailed, "urn:ed-fi:api:optimistic-lock-failed")
	if r := ls.do(t, http.MethodPut, school, g.body, "If-Match", current); r.status != http.StatusNoContent {
		t.Errorf("PUT school with the current If-Match %s = %d %s", current, r.status, r.body)
	}
	g = ls.do(t, http.MethodGet, school, nil)
	if r := ls.do(t, http.MethodGet, school, nil, "If-None-Match", g.header.Get("ETag")); r.status != http.StatusNotModified {
		t.Errorf("GET school with If-None-Match %s = %d %s", g.header.Get("ETag"), r.status, r.body)
	}

	// School does not allow identity updates.
	var doc map[string]any
	if err := json.Unmarshal(g.body, &doc); err != nil {
		t.Fatal(err)
	}
	doc["schoolId"] = 987654321
	body, _ := json.Marshal(doc)
	r = ls.do(t, http.MethodPut, school, body)
	expectProblem(t, "PUT school with a new schoolId", r, http.StatusBadRequest, "urn:ed-fi:api:bad-request:data-validation-failed:key-change-not-supported")

	// ClassPeriod does: renaming one onto another's identity conflicts.
	period := ls.do(t, http.MethodGet, locs["ed-fi/classPeriods"], nil)
	if err := json.Unmarshal(period.body, &doc); err != nil {
		t.Fatal(err)
	}
	delete(doc, "id")
	doc["classPeriodName"] = "Second period"
	body, _ = json.Marshal(doc)
	if r := ls.do(t, http.MethodPost, "/data/ed-fi/classPeriods", body); r.status != http.StatusCreated {
		t.Fatalf("POST a second class period = %d %s", r.status, r.body)
	}
	r = ls.do(t, http.MethodPut, locs["ed-fi/classPeriods"], withPutID(body, locationID(locs["ed-fi/classPeriods"])))
	expectProblem(t, "PUT class period onto another's identity", r, http.StatusConflict, "urn:ed-fi:api:identity-conflict")
}

// TestServerIdentityUpdateCascade renames a class period (ClassPeriod
// allows identity updates) and expects the section referencing it to show
// the new name and a new _etag.
func TestServerIdentityUpdateCascade(t *testing.T) {
	ls := startServer(t)
	locs := ls.postAll(t, fakeDocuments(t, ls.set, 1))
	period, section := locs["ed-fi/classPeriods"], locs["ed-fi/sections"]
	before := ls.do(t, http.MethodGet, section, nil)
	if !bytes.Contains(before.body, []byte(`"classPeriodReference"`)) {
		t.Fatalf("the fake section does not reference a class period: %s", before.body)
	}
	g := ls.do(t, http.MethodGet, period, nil)
	var doc map[string]any
	if err := json.Unmarshal(g.body, &doc); err != nil {
		t.Fatal(err)
	}
	name, _ := doc["classPeriodName"].(string)
	doc["classPeriodName"] = name + "-renamed"
	body, _ := json.Marshal(doc)
	if r := ls.do(t, http.MethodPut, period, body); r.status != http.StatusNoContent {
		t.Fatalf("PUT renamed class period = %d %s", r.status, r.body)
	}
	after := ls.do(t, http.MethodGet, section, nil)
	if !bytes.Contains(after.body, []byte(`"classPeriodName":"`+name+`-renamed"`)) {
		t.Errorf("section after the rename does not carry the new name: %s", after.body)
	}
	if after.header.Get("ETag") == before.header.Get("ETag") {
		t.Errorf("section _etag unchanged by the cascade: %s", after.header.Get("ETag"))
	}
}

// TestServerPaging pages through three schools.
func TestServerPaging(t *testing.T) {
	ls := startServer(t)
	var buf bytes.Buffer
	if _, err := fake.Generate(ls.set, fake.Options{Resources: []string{"ed-fi/schools"}, Count: 3, Seed: 9}, &buf); err != nil {
		t.Fatal(err)
	}
	var docs []fakeDocument
	for _, line := range bytes.Split(bytes.TrimSpace(buf.Bytes()), []byte("\n")) {
		var d fakeDocument
		if err := json.Unmarshal(line, &d); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	ls.postAll(t, docs)
	seen := map[string]bool{}
	for _, page := range []struct {
		query string
		want  int
	}{{"limit=2&offset=0&totalCount=true", 2}, {"limit=2&offset=2&totalCount=true", 1}, {"limit=2&offset=4&totalCount=true", 0}} {
		r := ls.do(t, http.MethodGet, "/data/ed-fi/schools?"+page.query, nil)
		var items []struct{ ID string }
		if err := json.Unmarshal(r.body, &items); err != nil || r.status != http.StatusOK || len(items) != page.want || r.header.Get("Total-Count") != "3" {
			t.Errorf("GET schools?%s = %d, Total-Count %q, %d items, want %d: %s", page.query, r.status, r.header.Get("Total-Count"), len(items), page.want, r.body)
		}
		for _, it := range items {
			if seen[it.ID] {
				t.Errorf("school %s on two pages", it.ID)
			}
			seen[it.ID] = true
		}
	}
	r := ls.do(t, http.MethodGet, "/data/ed-fi/schools?limit=-1", nil)
	expectProblem(t, "GET schools?limit=-1", r, http.StatusBadRequest, "urn:ed-fi:api:bad-request:parameter-validation-failed")
}

// firstBody returns the posted fake document of a resource as a mutable
// JSON object.
func firstBody(t *testing.T, docs []fakeDocument, project, endpoint string) map[string]any {
	t.Helper()
	for _, d := range docs {
		if d.Project == project && d.Resource == endpoint {
			var m map[string]any
			if err := json.Unmarshal(d.Body, &m); err != nil {
				t.Fatal(err)
			}
			return m
		}
	}
	t.Fatalf("no fake %s/%s document", project, endpoint)
	return nil
}

// TestServerValidationErrors posts one invalid variant of a valid document
// per kind of validation failure and expects 400 with the failure under
// the property's JSON path (the reference's message text where the
// runtime/validate docs pin it down).
func TestServerValidationErrors(t *testing.T) {
	ls := startServer(t)
	docs := fakeDocuments(t, ls.set, 1)
	ls.postAll(t, docs)
	gradeLevel := firstBody(t, docs, "ed-fi", "schools")["gradeLevels"].([]any)[0]
	cases := []struct {
		name     string
		endpoint string
		mutate   func(m map[string]any)
		path     string // "" = any key
		message  string // substring of one of the path's messages
	}{
		{"required", "schools", func(m map[string]any) { delete(m, "nameOfInstitution") },
			"$.nameOfInstitution", "nameOfInstitution is required."},
		{"type", "schools", func(m map[string]any) { m["schoolId"] = "x" },
			"$.schoolId", `schoolId Value is "string" but should be "integer"`},
		{"max length", "schools", func(m map[string]any) { m["nameOfInstitution"] = strings.Repeat("n", 76) },
			"$.nameOfInstitution", "nameOfInstitution Value should be at most 75 characters"},
		{"surrounding spaces", "classPeriods", func(m map[string]any) { m["classPeriodName"] = " padded " },
			"$.classPeriodName", "classPeriodName cannot contain leading or trailing spaces."},
		{"date format", "sessions", func(m map[string]any) { m["beginDate"] = "2020-13-45" },
			"$.beginDate", `beginDate Value does not match format "date"`},
		{"decimal range", "sections", func(m map[string]any) { m["availableCredits"] = 12345678.5 },
			"$.availableCredits", "must be between"},
		{"equality constraint", "sections", func(m map[string]any) {
			m["classPeriods"].([]any)[0].(map[string]any)["classPeriodReference"].(map[string]any)["schoolId"] = 1
		}, "", "must match"},
		{"array uniqueness", "sections", func(m map[string]any) { m["offeredGradeLevels"] = []any{gradeLevel, gradeLevel} },
			"$.offeredGradeLevels", "The 2nd item of the offeredGradeLevels has the same identifying values as another item earlier in the list."},
	}
	for _, tc := range cases {
		body := firstBody(t, docs, "ed-fi", tc.endpoint)
		tc.mutate(body)
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		r := ls.do(t, http.MethodPost, "/data/ed-fi/"+tc.endpoint, b)
		var p problemBody
		if err := json.Unmarshal(r.body, &p); err != nil || r.status != http.StatusBadRequest {
			t.Errorf("%s: POST %s = %d %s, want 400", tc.name, tc.endpoint, r.status, r.body)
			continue
		}
		found := false
		for path, msgs := range p.ValidationErrors {
			if tc.path != "" && path != tc.path {
				continue
			}
			for _, m := range msgs {
				found = found || strings.Contains(m, tc.message)
			}
		}
		if !found {
			t.Errorf("%s: POST %s: no %q at %q in %s", tc.name, tc.endpoint, tc.message, tc.path, r.body)
		}
	}
}
