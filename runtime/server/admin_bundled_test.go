package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/edfi-dmsc/dmsc/compiler/ddl"
	"github.com/edfi-dmsc/dmsc/compiler/ddl/modelddl"
	"github.com/edfi-dmsc/dmsc/compiler/fake"
	"github.com/edfi-dmsc/dmsc/compiler/provision/pgtest"
	defaultschema "github.com/edfi-dmsc/dmsc/generated/default"
	"github.com/edfi-dmsc/dmsc/internal/testschema"
	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/metrics"
	"github.com/edfi-dmsc/dmsc/runtime/server"
	"github.com/jackc/pgx/v5"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// bundledServer is the generated bundled server started by server.Start
// (flags, pool, schema gate) on a freshly provisioned database, with the
// admin listener on.
type bundledServer struct {
	url, public, admin string
	docs               []fakeDocument
}

type fakeDocument struct {
	Project, Resource string
	Body              json.RawMessage
}

func startBundled(t *testing.T, args ...string) *bundledServer {
	t.Helper()
	set, info := testschema.Files(t, "../../schemas/default/core.ApiSchema.json", "../../schemas/default/sample.ApiSchema.json")
	script, _, err := modelddl.Script(set, info, ddl.Pgsql, true)
	if err != nil {
		t.Fatal(err)
	}
	bs := &bundledServer{url: pgtest.ConnString(t, pgtest.Provisioned(t, script, info)), public: server.FreeAddr(t), admin: server.FreeAddr(t)}
	var out bytes.Buffer
	if _, err := fake.Generate(set, fake.Options{Resources: []string{"ed-fi/classPeriods", "ed-fi/sections"}, Count: 1, Seed: 7, OptionalShare: 1}, &out); err != nil {
		t.Fatal(err)
	}
	for line := range strings.Lines(out.String()) {
		var d fakeDocument
		if err := json.Unmarshal([]byte(line), &d); err != nil {
			t.Fatal(err)
		}
		bs.docs = append(bs.docs, d)
	}

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	var logs bytes.Buffer
	go func() {
		done <- server.Start(ctx, defaultschema.App, append([]string{"--connection-string", bs.url, "--listen", bs.public,
			"--admin-listen", bs.admin, "--log-level", "error", "--auth=off"}, args...), io.Discard, &logs, defaultschema.Register)
	}()
	t.Cleanup(func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("server exit code %d", code)
		}
	})
	for start := time.Now(); ; time.Sleep(5 * time.Millisecond) {
		if resp, err := http.Get("http://" + bs.public + "/"); err == nil {
			resp.Body.Close()
			return bs
		}
		if time.Since(start) > 10*time.Second {
			t.Fatal("the server did not start")
		}
	}
}

type answer struct {
	status int
	header http.Header
	body   []byte
}

func call(t *testing.T, method, url string, body []byte) answer {
	t.Helper()
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return answer{resp.StatusCode, resp.Header, b}
}

// postAll posts the fake documents and returns the path of the first
// location of each resource.
func (bs *bundledServer) postAll(t *testing.T) map[string]string {
	t.Helper()
	locs := map[string]string{}
	for _, d := range bs.docs {
		r := call(t, "POST", "http://"+bs.public+"/data/"+d.Project+"/"+d.Resource, d.Body)
		if r.status != http.StatusCreated {
			t.Fatalf("POST %s/%s = %d %s", d.Project, d.Resource, r.status, r.body)
		}
		if _, ok := locs[d.Project+"/"+d.Resource]; !ok {
			loc, err := url.Parse(r.header.Get("Location"))
			if err != nil {
				t.Fatal(err)
			}
			locs[d.Project+"/"+d.Resource] = loc.Path
		}
	}
	return locs
}

// renamed is the class period at loc with a new name (its identity).
func renamed(t *testing.T, bs *bundledServer, loc, suffix string) []byte {
	t.Helper()
	g := call(t, "GET", "http://"+bs.public+loc, nil)
	var doc map[string]any
	if err := json.Unmarshal(g.body, &doc); err != nil {
		t.Fatalf("GET %s: %d %s", loc, g.status, g.body)
	}
	doc["classPeriodName"] = doc["classPeriodName"].(string) + suffix
	b, _ := json.Marshal(doc)
	return b
}

func scrape(t *testing.T, admin string) map[string]*dto.MetricFamily {
	t.Helper()
	resp, err := http.Get("http://" + admin + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(resp.Body)
	if err != nil {
		t.Fatalf("parsing /metrics: %v", err)
	}
	return families
}

// hasSeries reports a series of the family carrying all the labels.
func hasSeries(mf *dto.MetricFamily, labels map[string]string) bool {
next:
	for _, m := range mf.GetMetric() {
		for name, value := range labels {
			found := false
			for _, l := range m.GetLabel() {
				found = found || l.GetName() == name && l.GetValue() == value
			}
			if !found {
				continue next
			}
		}
		return true
	}
	return false
}

// TestMetricsOfTheBundledServer drives POST, GET, PUT and an identity
// update (ClassPeriod allows them; the section referencing it cascades)
// through the generated server, scrapes the admin listener's /metrics,
// parses the Prometheus text format and finds every family of
// runtime/metrics; a deleted dms.ReferentialIdentity row makes the
// watchdog (on, with a short interval) report drift. The public port
// serves neither the metrics nor the profiler.
func TestMetricsOfTheBundledServer(t *testing.T) {
	bs := startBundled(t, "--watchdog-interval", "100ms", "--watchdog-sample-size", "1000")
	locs := bs.postAll(t)
	period := locs["ed-fi/classPeriods"]
	if r := call(t, "GET", "http://"+bs.public+period, nil); r.status != 200 {
		t.Fatalf("GET: %d %s", r.status, r.body)
	}
	if r := call(t, "PUT", "http://"+bs.public+period, renamed(t, bs, period, "-renamed")); r.status != http.StatusNoContent {
		t.Fatalf("identity update: %d %s", r.status, r.body)
	}
	if r := call(t, "GET", "http://"+bs.public+"/data/ed-fi/sections?limit=100000", nil); r.status != 400 {
		t.Errorf("oversize page: %d", r.status)
	}

	deleteReferentialIdentity(t, bs.url, strings.TrimPrefix(period[strings.LastIndexByte(period, '/'):], "/"))
	families := scrape(t, bs.admin)
	for start := time.Now(); families[metrics.FamilyWatchdogDrift] == nil && time.Since(start) < 10*time.Second; {
		time.Sleep(50 * time.Millisecond)
		families = scrape(t, bs.admin)
	}
	for _, family := range []string{
		metrics.FamilyRequests, metrics.FamilyRequestDuration, metrics.FamilyRoundTrips, metrics.FamilyTxDuration,
		metrics.FamilyRetries, metrics.FamilyRetriesExhausted, metrics.FamilyCascadeDocuments, metrics.FamilyPoolConns,
		metrics.FamilyPoolAcquires, metrics.FamilyPoolAcquireWait, metrics.FamilyGuardrails, metrics.FamilyDatabaseAvailable,
		metrics.FamilyWatchdogChecked, metrics.FamilyWatchdogDrift,
		"go_goroutines", "process_resident_memory_bytes",
	} {
		if families[family] == nil {
			t.Errorf("/metrics lacks %s", family)
		}
	}
	for _, want := range []struct {
		family string
		labels map[string]string
	}{
		{metrics.FamilyRequests, map[string]string{"resource": "ed-fi/classPeriods", "method": "POST", "status": "201"}},
		{metrics.FamilyRequests, map[string]string{"resource": "ed-fi/classPeriods", "method": "PUT", "status": "204"}},
		{metrics.FamilyRequests, map[string]string{"resource": "discovery", "method": "GET", "status": "200"}},
		{metrics.FamilyRoundTrips, map[string]string{"resource": "ed-fi/classPeriods", "method": "GET"}},
		{metrics.FamilyTxDuration, map[string]string{"resource": "ed-fi/classPeriods", "operation": "update", "outcome": "commit"}},
		{metrics.FamilyCascadeDocuments, map[string]string{"resource": "ed-fi/classPeriods"}},
		{metrics.FamilyRetries, map[string]string{"sqlstate": "40P01"}},
		{metrics.FamilyRetries, map[string]string{"sqlstate": "23505"}},
		{metrics.FamilyRetries, map[string]string{"sqlstate": "08006"}},
		{metrics.FamilyGuardrails, map[string]string{"limit": "statement-timeout"}},
		{metrics.FamilyGuardrails, map[string]string{"limit": server.LimitIdentityUpdateFanOut}},
		{metrics.FamilyPoolConns, map[string]string{"state": "max"}},
		{metrics.FamilyWatchdogDrift, map[string]string{"resource": "ed-fi/classPeriods", "kind": "missing"}},
	} {
		if mf := families[want.family]; mf == nil || !hasSeries(mf, want.labels) {
			t.Errorf("%s has no series %v", want.family, want.labels)
		}
	}
	if mf := families[metrics.FamilyGuardrails]; mf != nil {
		for _, m := range mf.GetMetric() {
			if m.GetLabel()[0].GetValue() == metrics.LimitPageSize && m.GetCounter().GetValue() != 1 {
				t.Errorf("page-size rejections: %v", m.GetCounter().GetValue())
			}
		}
	}

	for _, path := range []string{"/metrics", "/debug/pprof/", "/debug/pprof/goroutine"} {
		if r := call(t, "GET", "http://"+bs.public+path, nil); r.status != 404 {
			t.Errorf("public %s: %d", path, r.status)
		}
	}
	if r := call(t, "GET", "http://"+bs.admin+"/debug/pprof/heap?debug=1", nil); r.status != 200 {
		t.Errorf("admin pprof heap: %d", r.status)
	}
}

// TestStatementTimeoutOnALockedDocument: a PUT that waits for a row lock
// longer than --statement-timeout is cancelled by PostgreSQL and answered
// 503 naming the limit; the document is unchanged.
func TestStatementTimeoutOnALockedDocument(t *testing.T) {
	bs := startBundled(t, "--statement-timeout", "200ms")
	period := bs.postAll(t)["ed-fi/classPeriods"]
	before := call(t, "GET", "http://"+bs.public+period, nil)
	body := renamed(t, bs, period, "-locked")

	ctx := context.Background()
	pool, err := db.Open(ctx, bs.url)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	lock, err := pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Rollback(ctx)
	id := period[strings.LastIndex(period, "/")+1:]
	if _, err := lock.Exec(ctx, `SELECT 1 FROM "dms"."Document" WHERE "DocumentUuid" = $1::uuid FOR UPDATE`, id); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	r := call(t, "PUT", "http://"+bs.public+period, body)
	elapsed := time.Since(start)
	if r.status != 503 || !bytes.Contains(r.body, []byte("statement timeout (200ms)")) {
		t.Fatalf("PUT on a locked document: %d %s", r.status, r.body)
	}
	t.Logf("PUT waiting on a row lock, statement timeout 200ms: 503 after %v", elapsed.Round(time.Millisecond))
	if err := lock.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	if after := call(t, "GET", "http://"+bs.public+period, nil); !bytes.Equal(after.body, before.body) {
		t.Errorf("the document changed:\n%s\n%s", before.body, after.body)
	}
	families := scrape(t, bs.admin)
	for _, m := range families[metrics.FamilyGuardrails].GetMetric() {
		if m.GetLabel()[0].GetValue() == metrics.LimitStatementTimeout && m.GetCounter().GetValue() != 1 {
			t.Errorf("statement-timeout rejections: %v", m.GetCounter().GetValue())
		}
	}
}

// deleteReferentialIdentity removes the primary dms.ReferentialIdentity row
// of the document with the API id, behind the server's back.
func deleteReferentialIdentity(t *testing.T, url, id string) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	tag, err := conn.Exec(ctx, `DELETE FROM "dms"."ReferentialIdentity" ri USING "dms"."Document" d
		WHERE ri."DocumentId" = d."DocumentId" AND ri."ResourceKeyId" = d."ResourceKeyId" AND d."DocumentUuid" = $1::uuid`, id)
	if err != nil || tag.RowsAffected() != 1 {
		t.Fatalf("deleting the referential identity of %s: %v (%d rows)", id, err, tag.RowsAffected())
	}
}
