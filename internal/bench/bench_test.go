package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/edfi-dmsc/dmsc/compiler/fake"
	"github.com/edfi-dmsc/dmsc/compiler/gogen"
	"github.com/edfi-dmsc/dmsc/compiler/jsonx"
	"github.com/edfi-dmsc/dmsc/compiler/load"
	"github.com/edfi-dmsc/dmsc/internal/apiload"
	"github.com/edfi-dmsc/dmsc/internal/refdata"
	"github.com/edfi-dmsc/dmsc/internal/roundtrip"
	"github.com/edfi-dmsc/dmsc/runtime/db/dbtest"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/jackc/pgx/v5/pgxpool"
)

// BenchEnv enables the benchmarks, which build and start a DS 3.2a server
// (about 15 s of set-up) and write to a throw-away database:
//
//	DMSC_BENCH=1 go test ./internal/bench -run '^$' -bench '^BenchmarkDS32a$' -benchtime 400x -timeout 30m
//	DMSC_BENCH=1 go test ./internal/bench -run '^$' -bench '^BenchmarkCompileDS32a$' -benchtime 5x -timeout 30m
//
// (An unanchored -bench DS32a also matches BenchmarkCompileDS32a, whose
// iterations take seconds each.) docs/benchmarks.md explains the figures.
//
// Each operation benchmark reports p50-ms and p99-ms (request latency),
// ops/s (throughput over all clients) and trips/op (database round trips
// per request, counted by RoundTripProxy on a second server process).
const BenchEnv = "DMSC_BENCH"

// benchResource is one resource the benchmarks exercise, and how copies of
// its template document get distinct identities.
type benchResource struct {
	label    string // sub-benchmark name
	endpoint string
	// identityMember is the top-level member varied per copy, and
	// identityColumn the root-table column that stores it.
	identityMember, identityColumn string
	identityValue                  func(n int64) string
}

var benchResources = []benchResource{
	{"descriptor", "academicSubjectDescriptors", "codeValue", "CodeValue",
		func(n int64) string { return "B" + strconv.FormatInt(n, 10) }},
	{"studentSchoolAssociation", "studentSchoolAssociations", "entryDate", "EntryDate",
		func(n int64) string {
			return time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(n)).Format(time.DateOnly)
		}},
	{"studentAssessment", "studentAssessments", "studentAssessmentIdentifier", "StudentAssessmentIdentifier",
		func(n int64) string { return "B" + strconv.FormatInt(n, 10) }},
}

// benchEnv is the shared set-up: one database, the generated server twice
// (direct, and through the round-trip proxy), the templates.
type benchEnv struct {
	direct, counted *roundtrip.Server
	proxy           *RoundTripProxy
	pool            *pgxpool.Pool
	client          *http.Client
	resources       map[string]*liveResource
	serial          atomic.Int64 // identity values, unique over the run
}

// liveResource is a benchmarked resource on the running server.
type liveResource struct {
	benchResource
	template map[string]any
	schema   *jsonx.Value // the resourceSchemas entry, for roundtrip.Mutate
	floor    *floorWriter
	mu       sync.Mutex
	pool     []*liveDocument // documents the benchmarks may PUT, GET, DELETE
}

type liveDocument struct {
	mu       sync.Mutex
	location string
	body     []byte
}

// setUp builds the shared environment; the benchmark's cleanups stop the
// servers and drop the database. A benchmark with sub-benchmarks runs its
// body once, so this happens once per run.
func setUp(b *testing.B) *benchEnv {
	b.Helper()
	if os.Getenv(BenchEnv) == "" {
		b.Skipf("set %s=1 to run the DS 3.2a benchmarks", BenchEnv)
	}
	schemaFile := refdata.File(b, refdata.DS32aCoreSchema)
	e, err := newBenchEnv(b, schemaFile, refdata.RepoRoot(b), dbtest.New(b))
	if err != nil {
		b.Fatal(err)
	}
	return e
}

// newBenchEnv provisions the database at dbURL for the schema, builds and
// starts the server, and posts the templates and what they reference.
func newBenchEnv(b *testing.B, schemaFile, repo, dbURL string) (*benchEnv, error) {
	ctx := context.Background()
	set, _, err := roundtrip.ProvisionPgsql(ctx, dbURL, schemaFile)
	if err != nil {
		return nil, err
	}
	built, err := roundtrip.BuildServer(ctx, repo, b.TempDir(), schemaFile)
	if err != nil {
		return nil, err
	}
	e := &benchEnv{client: &http.Client{Timeout: time.Minute, Transport: &http.Transport{MaxIdleConnsPerHost: 64}},
		resources: map[string]*liveResource{}}
	if e.direct, err = roundtrip.StartServer(ctx, built.Binary, dbURL); err != nil {
		return nil, err
	}
	b.Cleanup(e.direct.Stop)
	target, err := hostPort(dbURL)
	if err != nil {
		return nil, err
	}
	if e.proxy, err = NewRoundTripProxy(target); err != nil {
		return nil, err
	}
	b.Cleanup(func() { e.proxy.Close() })
	via, err := e.proxy.Via(dbURL)
	if err != nil {
		return nil, err
	}
	if e.counted, err = roundtrip.StartServer(ctx, built.Binary, via); err != nil {
		return nil, err
	}
	b.Cleanup(e.counted.Stop)
	if e.pool, err = pgxpool.New(ctx, dbURL); err != nil {
		return nil, err
	}
	b.Cleanup(e.pool.Close)

	// One coherent set of documents: the three templates and everything
	// they reference.
	plans, err := gogen.Plans(schemaFile)
	if err != nil {
		return nil, err
	}
	// Assessment items and objective assessments are optional targets of
	// student assessments; with some of them present the student
	// assessments get their nested collections.
	endpoints := []string{"assessmentItems", "objectiveAssessments"}
	for _, r := range benchResources {
		endpoints = append(endpoints, r.endpoint)
	}
	var ndjson bytes.Buffer
	if _, err := fake.Generate(set, fake.Options{Resources: endpoints, Count: 3, Seed: 11, OptionalShare: 1}, &ndjson); err != nil {
		return nil, err
	}
	lines, err := apiload.Read(&ndjson)
	if err != nil {
		return nil, err
	}
	// The template of each resource is its largest document (the most
	// collection items and optional members), so the deep resource is deep.
	templates := map[string]apiload.Line{}
	locations := map[string]string{}
	for _, l := range lines {
		loc, err := e.post(ctx, e.direct, "/data/"+l.Project+"/"+l.Resource, l.Body)
		if err != nil {
			return nil, fmt.Errorf("line %d (%s): %w", l.Number, l.Resource, err)
		}
		if t, ok := templates[l.Resource]; l.Project == "ed-fi" && (!ok || len(l.Body) > len(t.Body)) {
			templates[l.Resource], locations[l.Resource] = l, loc
		}
	}
	for _, br := range benchResources {
		l, ok := templates[br.endpoint]
		if !ok {
			continue
		}
		lr := &liveResource{benchResource: br, schema: resourceSchema(set, br.endpoint)}
		if err := json.Unmarshal(l.Body, &lr.template); err != nil {
			return nil, err
		}
		res := planOf(plans, br.endpoint)
		if res == nil {
			return nil, fmt.Errorf("no plan for %s", br.endpoint)
		}
		var docID int64
		if err := e.pool.QueryRow(ctx, `SELECT "DocumentId" FROM "dms"."Document" WHERE "DocumentUuid" = $1::text::uuid`, path.Base(locations[br.endpoint])).Scan(&docID); err != nil {
			return nil, fmt.Errorf("template %s: %w", br.endpoint, err)
		}
		if lr.floor, err = newFloorWriter(ctx, e.pool, res, docID, br.identityColumn, br.identityValue); err != nil {
			return nil, err
		}
		b.Logf("%s: the template document is %d rows in %d tables (%s)", br.endpoint, lr.floor.rowCount(), len(lr.floor.tables), lr.floor.shape())
		e.resources[br.label] = lr
	}
	for _, br := range benchResources {
		if e.resources[br.label] == nil {
			return nil, fmt.Errorf("fake produced no %s document", br.endpoint)
		}
	}
	return e, nil
}

func planOf(s *spec.Schema, endpoint string) *spec.Resource {
	for _, r := range s.Resources {
		if r.ProjectEndpoint == "ed-fi" && r.Endpoint == endpoint {
			return r
		}
	}
	return nil
}

// do sends one request and checks its status.
func (e *benchEnv) do(ctx context.Context, s *roundtrip.Server, method, p string, body []byte, want int) (*http.Response, error) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, s.BaseURL+p, rd)
	if err != nil {
		return nil, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := e.client.Do(req)
	if err != nil {
		return nil, err
	}
	answer, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != want && !(method == http.MethodPost && want == http.StatusCreated && resp.StatusCode == http.StatusOK) {
		return nil, fmt.Errorf("%s %s = %d, want %d: %s", method, p, resp.StatusCode, want, answer)
	}
	return resp, nil
}

func (e *benchEnv) post(ctx context.Context, s *roundtrip.Server, p string, body []byte) (string, error) {
	resp, err := e.do(ctx, s, http.MethodPost, p, body, http.StatusCreated)
	if err != nil {
		return "", err
	}
	return resp.Header.Get("Location"), nil
}

// newBody is the template with a fresh identity.
func (e *benchEnv) newBody(r *liveResource) []byte {
	n := e.serial.Add(1)
	doc := make(map[string]any, len(r.template))
	for k, v := range r.template {
		doc[k] = v
	}
	doc[r.identityMember] = r.identityValue(n)
	b, _ := json.Marshal(doc)
	return b
}

// create posts a fresh document and adds it to the pool.
func (e *benchEnv) create(ctx context.Context, s *roundtrip.Server, r *liveResource) error {
	body := e.newBody(r)
	loc, err := e.post(ctx, s, "/data/ed-fi/"+r.endpoint, body)
	if err != nil {
		return err
	}
	r.mu.Lock()
	r.pool = append(r.pool, &liveDocument{location: path.Join("/data/ed-fi", r.endpoint, path.Base(loc)), body: body})
	r.mu.Unlock()
	return nil
}

// op is one benchmarked operation; i numbers it within the run.
type op func(ctx context.Context, e *benchEnv, s *roundtrip.Server, r *liveResource, i int) error

func (r *liveResource) pick(i int) *liveDocument {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.pool[i%len(r.pool)]
}

var ops = []struct {
	name string
	run  op
	// needs is how many pooled documents a run of n operations consumes
	// or needs present.
	needs func(n int) int
}{
	{"POST", func(ctx context.Context, e *benchEnv, s *roundtrip.Server, r *liveResource, _ int) error {
		return e.create(ctx, s, r)
	}, func(int) int { return 0 }},
	{"PUT", func(ctx context.Context, e *benchEnv, s *roundtrip.Server, r *liveResource, i int) error {
		d := r.pick(i)
		d.mu.Lock()
		defer d.mu.Unlock()
		changed, _, ok, err := roundtrip.Mutate(r.schema, d.body)
		if err != nil || !ok {
			return fmt.Errorf("no mutable member in %s (%v)", r.endpoint, err)
		}
		var m map[string]any
		if err := json.Unmarshal(changed, &m); err != nil {
			return err
		}
		m["id"] = path.Base(d.location)
		body, _ := json.Marshal(m)
		if _, err := e.do(ctx, s, http.MethodPut, d.location, body, http.StatusNoContent); err != nil {
			return err
		}
		d.body = changed
		return nil
	}, func(int) int { return 1 }},
	{"GET-by-id", func(ctx context.Context, e *benchEnv, s *roundtrip.Server, r *liveResource, i int) error {
		_, err := e.do(ctx, s, http.MethodGet, r.pick(i).location, nil, http.StatusOK)
		return err
	}, func(int) int { return 1 }},
	{"GET-page", func(ctx context.Context, e *benchEnv, s *roundtrip.Server, r *liveResource, i int) error {
		_, err := e.do(ctx, s, http.MethodGet, fmt.Sprintf("/data/ed-fi/%s?limit=25&offset=%d", r.endpoint, (i*25)%100), nil, http.StatusOK)
		return err
	}, func(int) int { return 125 }},
	{"DELETE", func(ctx context.Context, e *benchEnv, s *roundtrip.Server, r *liveResource, _ int) error {
		r.mu.Lock()
		d := r.pool[len(r.pool)-1]
		r.pool = r.pool[:len(r.pool)-1]
		r.mu.Unlock()
		_, err := e.do(ctx, s, http.MethodDelete, d.location, nil, http.StatusNoContent)
		return err
	}, func(n int) int { return n }},
}

func resourceSchema(set *load.SchemaSet, endpoint string) *jsonx.Value {
	return set.Projects[0].Schema.Get("resourceSchemas").Get(endpoint)
}

// BenchmarkDS32a runs every operation on every benchmarked resource with
// 1 and 8 concurrent clients, plus the raw-SQL floor of POST.
func BenchmarkDS32a(b *testing.B) {
	e := setUp(b)
	ctx := context.Background()
	for _, br := range benchResources {
		r := e.resources[br.label]
		for _, clients := range []int{1, 8} {
			for _, o := range ops {
				b.Run(fmt.Sprintf("%s/%s/clients=%d", br.label, o.name, clients), func(b *testing.B) {
					fill(ctx, b, e, r, max(o.needs(b.N), clients))
					measure(b, clients, func(i int) error { return o.run(ctx, e, e.direct, r, i) })
					if clients == 1 {
						reportTrips(ctx, b, e, r, o.run, o.needs)
					}
				})
			}
			b.Run(fmt.Sprintf("%s/GET-by-id-raw-SQL/clients=%d", br.label, clients), func(b *testing.B) {
				fill(ctx, b, e, r, clients)
				read := func(i int) error { return r.floor.read(ctx, path.Base(r.pick(i).location)) }
				if _, err := measureN(clients, 2*clients, read); err != nil {
					b.Fatal(err)
				}
				b.ResetTimer()
				measure(b, clients, read)
			})
			b.Run(fmt.Sprintf("%s/POST-raw-SQL/clients=%d", br.label, clients), func(b *testing.B) {
				// Warm every connection's statement cache first.
				insert := func(int) error { return r.floor.insert(ctx, e.serial.Add(1)) }
				if _, err := measureN(clients, 2*clients, insert); err != nil {
					b.Fatal(err)
				}
				b.ResetTimer()
				measure(b, clients, insert)
			})
		}
	}
}

// fill makes sure the resource's pool holds at least n documents.
func fill(ctx context.Context, b *testing.B, e *benchEnv, r *liveResource, n int) {
	b.StopTimer()
	defer b.StartTimer()
	r.mu.Lock()
	missing := n - len(r.pool)
	r.mu.Unlock()
	if missing <= 0 {
		return
	}
	if _, err := measureN(8, missing, func(int) error { return e.create(ctx, e.direct, r) }); err != nil {
		b.Fatal(err)
	}
}

// measure runs b.N operations over clients goroutines and reports the
// latency percentiles and the throughput.
func measure(b *testing.B, clients int, run func(i int) error) {
	b.ResetTimer()
	lat, err := measureN(clients, b.N, run)
	b.StopTimer()
	if err != nil {
		b.Fatal(err)
	}
	slices.Sort(lat)
	b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
	b.ReportMetric(ms(lat[min(len(lat)-1, len(lat)*99/100)]), "p99-ms")
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "ops/s")
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// measureN runs n operations on clients goroutines and returns their
// latencies; the first error stops the run.
func measureN(clients, n int, run func(i int) error) ([]time.Duration, error) {
	lat := make([]time.Duration, n)
	var next atomic.Int64
	var firstErr atomic.Pointer[error]
	var wg sync.WaitGroup
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n || firstErr.Load() != nil {
					return
				}
				start := time.Now()
				if err := run(i); err != nil {
					firstErr.CompareAndSwap(nil, &err)
					return
				}
				lat[i] = time.Since(start)
			}
		}()
	}
	wg.Wait()
	if p := firstErr.Load(); p != nil {
		return nil, *p
	}
	return lat, nil
}

// reportTrips runs a few operations of the kind on the server behind the
// round-trip proxy (after a warm-up that fills its statement caches) and
// reports the round trips per operation.
func reportTrips(ctx context.Context, b *testing.B, e *benchEnv, r *liveResource, run op, needs func(int) int) {
	const warm, counted = 3, 10
	fill(ctx, b, e, r, needs(warm+counted))
	b.StopTimer()
	for i := range warm {
		if err := run(ctx, e, e.counted, r, i); err != nil {
			b.Fatal(err)
		}
	}
	before := e.proxy.RoundTrips()
	for i := range counted {
		if err := run(ctx, e, e.counted, r, warm+i); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(e.proxy.RoundTrips()-before)/counted, "trips/op")
}

// BenchmarkCompileDS32a times the compiler on the DS 3.2a core through the
// command line: `dmsc ddl emit` (PostgreSQL), `dmsc generate`, and the go
// build of the generated server (runtime already in the build cache, the
// generated package compiled afresh).
func BenchmarkCompileDS32a(b *testing.B) {
	if os.Getenv(BenchEnv) == "" {
		b.Skipf("set %s=1 to run the DS 3.2a benchmarks", BenchEnv)
	}
	schemaFile := refdata.File(b, refdata.DS32aCoreSchema)
	repo := refdata.RepoRoot(b)
	dir := b.TempDir()
	dmsc := buildDMSC(b, repo, dir)
	run := func(b *testing.B, args ...string) {
		for i := 0; i < b.N; i++ {
			out := filepath.Join(dir, fmt.Sprintf("out-%s-%d", args[0], i))
			cmd := exec.Command(dmsc, append(args, "-s", schemaFile, "-o", out)...)
			if msg, err := cmd.CombinedOutput(); err != nil {
				b.Fatalf("dmsc %v: %v\n%s", args, err, msg)
			}
		}
	}
	b.Run("ddl-emit", func(b *testing.B) { run(b, "ddl", "emit", "-d", "pgsql") })
	b.Run("generate", func(b *testing.B) {
		run(b, "generate", "--package", "apiserver", "--import-path", "dmsc.test/generated/apiserver")
	})
	b.Run("go-build", func(b *testing.B) {
		var building time.Duration
		for i := 0; i < b.N; i++ {
			// A new directory each time: the generated package is compiled
			// again, the runtime comes from the build cache.
			built, err := roundtrip.BuildServer(context.Background(), repo, filepath.Join(dir, fmt.Sprintf("build-%d", i)), schemaFile)
			if err != nil {
				b.Fatal(err)
			}
			building += built.Build
		}
		// ns/op includes generating the package; this is the go build alone.
		b.ReportMetric(building.Seconds()/float64(b.N), "build-s/op")
	})
}

// buildDMSC builds the dmsc command of the checkout repo into dir.
func buildDMSC(b *testing.B, repo, dir string) string {
	b.Helper()
	dmsc := filepath.Join(dir, "dmsc")
	build := exec.Command("go", "build", "-o", dmsc, "./cmd/dmsc")
	build.Dir = repo
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("building dmsc: %v\n%s", err, out)
	}
	return dmsc
}
