package difftest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/edfi-dmsc/dmsc/internal/oracle"
	"github.com/edfi-dmsc/dmsc/internal/roundtrip"
	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/db/dbtest"
	"github.com/edfi-dmsc/dmsc/runtime/etag"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/edfi-dmsc/dmsc/runtime/schemagate"
	"github.com/edfi-dmsc/dmsc/runtime/server"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Differential sends every case of the corpus of subject's schema, in
// order, to the generated server (over HTTP, on a database of its own) and
// to the oracle (on another database), and requires the same answers:
//   - the same status and problem details (correlation id aside);
//   - after a successful write, the same stored rows of the document in
//     both databases (row keys compared by the document or collection item
//     they name, not by their values) and the same referential ids;
//   - the same JSON out: the generated server's GET of the document and
//     the oracle's hydration and encoding of the same database rows, byte
//     for byte; once every case has run, the same for the corpus's GET
//     many (pages and query fields, with their Total-Count).
//
// Database state carries over from case to case (a mutation that the
// write accepts updates the document the next cases see) identically on
// both sides.
func Differential(t *testing.T, subject Subject) {
	differential(t, subject, options{})
}

// options narrow and alter a differential run, for the harness's own
// tests.
type options struct {
	// only, when set, is the one resource whose cases run (Differential
	// runs the valid documents of every resource too, which the others
	// reference).
	only string
	// tamper changes the oracle's plans before the run.
	tamper func(plans map[string]*spec.Resource)
	// reported is how many differences the run reports in full (0:
	// defaultReported); the rest are counted.
	reported int
}

// defaultReported is how many differences a run reports by default.
const defaultReported = 50

func differential(t testing.TB, subject Subject, opts options) {
	ctx := context.Background()
	comp := compile(t, subject)
	corpus := comp.corpus(t)
	r := &runner{t: t, subject: subject, opts: opts, plans: comp.plans, servers: map[string]string{},
		client: &http.Client{Timeout: time.Minute}, log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		epoch: etag.SchemaEpoch(comp.effectiveSchemaHash), variant: etag.DefaultVariant(comp.effectiveSchemaHash, true)}
	if opts.tamper != nil {
		opts.tamper(r.plans)
	}
	r.generated = r.side(ctx, "generated", subject.SchemaFiles)
	r.oracle = r.side(ctx, "oracle", subject.SchemaFiles)
	r.generated.send, r.oracle.send = r.sendHTTP, r.sendOracle
	start := time.Now()
	for i := range corpus.Cases {
		c := &corpus.Cases[i]
		if opts.only == "" || c.Resource == opts.only || strings.HasPrefix(c.Name, validPrefix) {
			r.run(ctx, c)
			r.ran++
		}
	}
	for _, q := range corpus.Queries {
		if opts.only == "" || q.Resource == opts.only {
			r.page(ctx, q, r.plans[q.Resource])
			r.queries++
		}
	}
	t.Logf("%d cases and %d queries over %d resources in %s: %d writes accepted, %d refused (%d of them by the oracle's 500); %d known deviations (ColumnRange); %d differences",
		r.ran, r.queries, len(corpus.Resources), time.Since(start).Round(time.Millisecond), r.accepted, r.refused, r.systemErrors, r.deviations, r.differences)
}

type runner struct {
	t       testing.TB
	subject Subject
	plans   map[string]*spec.Resource // oracle plans by project/endpoint
	epoch   string
	variant etag.Variant
	// servers are the base URLs of the generated servers, by the write
	// limits they apply (fmt.Sprint of server.WriteLimits).
	servers           map[string]string
	client            *http.Client
	log               *slog.Logger
	generated, oracle *side
	opts              options
	queries           int
	ran               int
	accepted, refused int
	// systemErrors counts the oracle's writes that failed with an error
	// other than problem details (a 500).
	systemErrors int
	// deviations counts the known deviations (see ColumnRange).
	deviations  int
	differences int
}

// side is one implementation with its database.
type side struct {
	name string
	pool *pgxpool.Pool
	send func(ctx context.Context, res *spec.Resource, req Request) answer
	// labels name the documents the side created, by DocumentUuid: the
	// name of the case that created them (the same on both sides).
	labels map[uuid.UUID]string
	// items label the collection items of the documents, by
	// CollectionItemId (see runner.stored).
	items map[int64]string
	// bases are the documents the mutations of each resource derive from
	// (the targets of the corpus's PUTs), by resource.
	bases map[string]uuid.UUID
}

// answer is a write's outcome as a client sees it.
type answer struct {
	status  int
	problem []byte // problem details, correlation id blanked; nil on success
	id      uuid.UUID
}

// side provisions a database for one implementation.
func (r *runner) side(ctx context.Context, name string, files []string) *side {
	url := dbtest.New(r.t)
	if _, _, err := roundtrip.ProvisionPgsql(ctx, url, files...); err != nil {
		r.t.Fatal(err)
	}
	pool, err := db.Open(ctx, url)
	if err != nil {
		r.t.Fatal(err)
	}
	r.t.Cleanup(pool.Close)
	return &side{name: name, pool: pool, labels: map[uuid.UUID]string{}, items: map[int64]string{}, bases: map[string]uuid.UUID{}}
}

// baseURL is the generated server applying limits, started on the
// generated side's database at first use: one server per distinct set of
// write limits the corpus asks for, all on the same database.
func (r *runner) baseURL(limits server.WriteLimits) string {
	key := fmt.Sprint(limits)
	if u, ok := r.servers[key]; ok {
		return u
	}
	pool := r.generated.pool
	s := server.New(server.Config{ResourceLinks: true, WriteLimits: limits}, r.subject.App, pool,
		schemagate.New(pool, r.subject.App.Fingerprint, r.log), r.log)
	r.subject.Register(s)
	hs := httptest.NewServer(s.Handler())
	r.t.Cleanup(hs.Close)
	r.servers[key] = hs.URL
	return hs.URL
}

// sendHTTP sends a write to the generated server.
func (r *runner) sendHTTP(ctx context.Context, res *spec.Resource, req Request) answer {
	u := r.baseURL(req.Limits) + "/data/" + res.ProjectEndpoint + "/" + res.Endpoint
	if req.Method == http.MethodPut {
		u += "/" + req.ID.String()
	}
	status, header, body := r.do(ctx, req.Method, u, req.Body)
	a := answer{status: status}
	if status >= 300 {
		a.problem = correlationID.ReplaceAll(body, []byte(`"correlationId":""`))
		return a
	}
	loc := header.Get("Location")
	var err error
	if a.id, err = uuid.Parse(loc[strings.LastIndexByte(loc, '/')+1:]); err != nil {
		r.t.Fatalf("%s %s: Location %q: %v", req.Method, u, loc, err)
	}
	return a
}

// do sends one HTTP request; a transport failure ends the test.
func (r *runner) do(ctx context.Context, method, url string, body []byte) (int, http.Header, []byte) {
	hr, err := http.NewRequestWithContext(ctx, method, url, bytes.NewReader(body))
	if err != nil {
		r.t.Fatal(err)
	}
	if body != nil {
		hr.Header.Set("Content-Type", "application/json")
	}
	resp, err := r.client.Do(hr)
	if err != nil {
		r.t.Fatal(err)
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		r.t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, out
}

var correlationID = regexp.MustCompile(`"correlationId":"[^"]*"`)

// sendOracle runs a write through the oracle on its database.
func (r *runner) sendOracle(ctx context.Context, res *spec.Resource, req Request) answer {
	limits := req.Limits.WithDefaults()
	w := &oracle.Writer{Pool: r.oracle.pool, Retry: limits.RetryPolicy(), SchemaEpoch: r.epoch, Limits: limits}
	var out oracle.WriteResult
	var err error
	if req.Method == http.MethodPut {
		out, err = w.UpdateDocument(ctx, res, req.ID, req.Body, etag.Write{})
	} else {
		out, err = w.UpsertDocument(ctx, res, req.Body, etag.Write{})
	}
	var p *problem.Details
	switch {
	case errors.As(err, &p):
		return answer{status: p.Status, problem: p.JSON()}
	case err != nil:
		// The server answers any other error so; the harness counts them.
		r.systemErrors++
		p = problem.SystemError()
		return answer{status: p.Status, problem: p.JSON()}
	case req.Method == http.MethodPut:
		return answer{status: http.StatusNoContent, id: out.ID}
	case out.Created:
		return answer{status: http.StatusCreated, id: out.ID}
	}
	return answer{status: http.StatusOK, id: out.ID}
}

// run sends one case to both sides and compares what they answer, store
// and read.
func (r *runner) run(ctx context.Context, c *Case) {
	res := r.plans[c.Resource]
	if res == nil {
		r.t.Fatalf("%s: no plan for the resource", c.Resource)
	}
	answers := make([]answer, 2)
	for i, s := range []*side{r.generated, r.oracle} {
		req := c.Request
		if req.ID == baseID(c.Resource) {
			req.ID, req.Body = s.bases[c.Resource], rebase(req.Body, req.ID, s.bases[c.Resource])
		}
		answers[i] = s.send(ctx, res, req)
		if answers[i].status == http.StatusCreated {
			s.labels[answers[i].id] = c.Resource + " " + c.Name
		}
		if c.Base && answers[i].problem == nil {
			s.bases[c.Resource] = answers[i].id
		}
	}
	g, o := answers[0], answers[1]
	if ColumnRange(g.status, string(g.problem), o.status, string(o.problem)) {
		r.deviations++
		return
	}
	if g.status != o.status || !bytes.Equal(g.problem, o.problem) {
		r.differ(c, "answer", fmt.Sprintf("%d %s", g.status, g.problem), fmt.Sprintf("%d %s", o.status, o.problem))
		return
	}
	if g.status == http.StatusInternalServerError {
		// Every case is a valid document or bad input: a 500 is a fault
		// even where the oracle has it too.
		r.differ(c, "answer", fmt.Sprintf("%d %s", g.status, g.problem), "no 500")
		return
	}
	if g.problem != nil {
		r.refused++
		return
	}
	r.accepted++
	gs, os := r.stored(ctx, r.generated, c, res, g.id), r.stored(ctx, r.oracle, c, res, o.id)
	if gs != os {
		r.differ(c, "stored rows", gs, os)
	}
	r.compareRead(ctx, c, res, g.id)
}

// differ reports a difference between the generated side (got) and the
// oracle (want).
func (r *runner) differ(c *Case, what, got, want string) {
	r.differences++
	report(r.t, r.differences, r.opts, c, what, got, want)
}

// compareRead compares the generated server's GET of the document with
// id (on the generated side) with the oracle's read of the same rows.
func (r *runner) compareRead(ctx context.Context, c *Case, res *spec.Resource, id uuid.UUID) {
	want, err := oracle.ReadByID(ctx, r.generated.pool, res, id, r.variant, etag.Condition{})
	if err != nil || want == nil {
		r.t.Fatalf("%s %s: oracle read of %s: %v (found: %t)", c.Resource, c.Name, id, err, want != nil)
	}
	got, err := r.get(ctx, res, id)
	if err != nil {
		r.t.Fatal(err)
	}
	if !bytes.Equal(got, want.Body) {
		r.differ(c, "GET", string(got), string(want.Body))
	}
}

// get reads a document from the generated server.
func (r *runner) get(ctx context.Context, res *spec.Resource, id uuid.UUID) ([]byte, error) {
	u := r.baseURL(server.WriteLimits{}) + "/data/" + res.ProjectEndpoint + "/" + res.Endpoint + "/" + id.String()
	status, _, body := r.do(ctx, http.MethodGet, u, nil)
	if status != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %d %s", u, status, body)
	}
	return body, nil
}
