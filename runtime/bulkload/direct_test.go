package bulkload_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/edfi-dmsc/dmsc/compiler/ddl"
	"github.com/edfi-dmsc/dmsc/compiler/ddl/modelddl"
	"github.com/edfi-dmsc/dmsc/compiler/effschema"
	"github.com/edfi-dmsc/dmsc/compiler/fake"
	"github.com/edfi-dmsc/dmsc/compiler/gogen"
	"github.com/edfi-dmsc/dmsc/compiler/provision"
	defaultschema "github.com/edfi-dmsc/dmsc/generated/default"
	"github.com/edfi-dmsc/dmsc/internal/apiload"
	"github.com/edfi-dmsc/dmsc/internal/refdata"
	"github.com/edfi-dmsc/dmsc/internal/roundtrip"
	"github.com/edfi-dmsc/dmsc/runtime/bulkload"
	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/db/dbtest"
	"github.com/edfi-dmsc/dmsc/runtime/engine"
	"github.com/edfi-dmsc/dmsc/runtime/etag"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/edfi-dmsc/dmsc/runtime/schemagate"
	"github.com/edfi-dmsc/dmsc/runtime/server"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/jackc/pgx/v5/pgxpool"
)

// bundled is the bundled schema set compiled to plans, as dmsc load
// compiles it.
type bundled struct {
	files  []string
	schema *spec.Schema
}

func bundledSchema(t *testing.T) bundled {
	t.Helper()
	repo := refdata.RepoRoot(t)
	files := []string{filepath.Join(repo, "schemas/default/core.ApiSchema.json"), filepath.Join(repo, "schemas/default/sample.ApiSchema.json")}
	schema, err := gogen.Plans(files...)
	if err != nil {
		t.Fatal(err)
	}
	return bundled{files: files, schema: schema}
}

// database provisions a throw-away database for the schema files and
// returns its URL and a pool on it.
func (b bundled) database(t *testing.T) (string, *pgxpool.Pool) {
	t.Helper()
	set, info, err := effschema.LoadFiles(b.files...)
	if err != nil {
		t.Fatal(err)
	}
	script, _, err := modelddl.Script(set, info, ddl.Pgsql, true)
	if err != nil {
		t.Fatal(err)
	}
	url := dbtest.New(t)
	if _, err := provision.Provision(context.Background(), ddl.Pgsql, url, script, info, provision.Options{Timeout: time.Minute}); err != nil {
		t.Fatal(err)
	}
	pool, err := db.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	return url, pool
}

// documents are count fake documents per resource of the bundled schema,
// in the order fake writes them (every reference to an earlier line).
func (b bundled) documents(t *testing.T, count int) []bulkload.Line {
	t.Helper()
	set, _, err := effschema.LoadFiles(b.files...)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := fake.Generate(set, fake.Options{Count: count, Seed: 3}, &buf); err != nil {
		t.Fatal(err)
	}
	lines, err := bulkload.Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	return lines
}

// useGenerated makes w write the bundled schema's resources
// (defaultschema.Schema) with their generated code, as the server's load
// subcommand does.
func useGenerated(w *engine.Writer) {
	for i, r := range defaultschema.Schema.Resources {
		w.UseCodec(r, defaultschema.Codecs[i].Write)
	}
}

// direct loads lines into the database behind pool, as the generated
// server's load subcommand does, with three workers sharing the pool; log
// collects the log (500 causes).
func (b bundled) direct(t *testing.T, pool *pgxpool.Pool, lines []bulkload.Line, batchSize int, log io.Writer) *bulkload.Report {
	t.Helper()
	w := &engine.Writer{Pool: pool, Retry: db.DefaultRetryPolicy, SchemaEpoch: etag.SchemaEpoch(b.schema.EffectiveSchemaHash),
		Limits: server.WriteLimits{}.WithDefaults()}
	useGenerated(w)
	if log == nil {
		log = io.Discard
	}
	rep, err := bulkload.LoadDirect(context.Background(), lines, bulkload.DirectOptions{Schema: defaultschema.Schema, Writers: []*engine.Writer{w, w, w},
		BatchSize: batchSize, Log: slog.New(slog.NewTextHandler(log, nil))})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// overHTTP loads lines through a server over the database at url, in the
// waves the schema gives.
func (b bundled) overHTTP(t *testing.T, base string, lines []bulkload.Line) *bulkload.Report {
	t.Helper()
	ctx := context.Background()
	rep, err := apiload.Load(ctx, lines, apiload.Options{BaseURL: base, Concurrency: 4, Waves: apiload.Plan(ctx, b.schema, lines, 2)})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// startServer serves the generated bundled server over the database at
// url on a loopback port and returns its base URL.
func startServer(t *testing.T, url string) string {
	t.Helper()
	pool, err := db.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	s := server.New(server.Config{}, defaultschema.App, pool, schemagate.New(pool, defaultschema.App.Fingerprint, log), log)
	defaultschema.Register(s)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	t.Cleanup(func() {
		_ = srv.Shutdown(context.Background())
		if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
			t.Errorf("server: %v", err)
		}
		pool.Close()
	})
	return "http://" + ln.Addr().String()
}

// shuffled returns the lines in a random order, with every local education
// agency after the ones that refer to it (children before parents).
func shuffled(t *testing.T, lines []bulkload.Line) []bulkload.Line {
	t.Helper()
	out := slices.Clone(lines)
	rng := rand.New(rand.NewPCG(5, 8))
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	var leas []int
	for i, l := range out {
		if l.Resource == "localEducationAgencies" {
			leas = append(leas, i)
		}
	}
	// Reverse their file order among their positions: fake writes parents
	// first.
	for a, b := 0, len(leas)-1; a < b; a, b = a+1, b-1 {
		out[leas[a]], out[leas[b]] = out[leas[b]], out[leas[a]]
	}
	childFirst := false
	seen := map[float64]bool{}
	for _, l := range out {
		var lea struct {
			ID     float64 `json:"localEducationAgencyId"`
			Parent *struct {
				ID float64 `json:"localEducationAgencyId"`
			} `json:"parentLocalEducationAgencyReference"`
		}
		if l.Resource != "localEducationAgencies" || json.Unmarshal(l.Body, &lea) != nil {
			continue
		}
		if lea.Parent != nil && !seen[lea.Parent.ID] {
			childFirst = true
		}
		seen[lea.ID] = true
	}
	if !childFirst {
		t.Fatal("no agency comes before the agency it refers to: the test would not test self-references")
	}
	return out
}

// TestLoadModesAgree loads a shuffled file, whose local education agencies
// refer to agencies on later lines, over HTTP and directly into two
// databases: both load every document, and a server reads the same
// documents back from both.
func TestLoadModesAgree(t *testing.T) {
	b := bundledSchema(t)
	lines := shuffled(t, b.documents(t, 5))

	httpURL, _ := b.database(t)
	httpServer := startServer(t, httpURL)
	rep := b.overHTTP(t, httpServer, lines)
	if rep.Created != len(lines) || len(rep.Failures) > 0 {
		t.Fatalf("HTTP load: %d created of %d, failures %v", rep.Created, len(lines), rep.Failures)
	}

	directURL, pool := b.database(t)
	rep = b.direct(t, pool, lines, 7, nil)
	if rep.Created != len(lines) || len(rep.Failures) > 0 {
		t.Fatalf("direct load: %d created of %d, failures %v", rep.Created, len(lines), rep.Failures)
	}

	viaHTTP, err := roundtrip.Stored(context.Background(), http.DefaultClient, httpServer, b.schema.Resources)
	if err != nil {
		t.Fatal(err)
	}
	viaDirect, err := roundtrip.Stored(context.Background(), http.DefaultClient, startServer(t, directURL), b.schema.Resources)
	if err != nil {
		t.Fatal(err)
	}
	for path, docs := range viaHTTP {
		if len(docs) != 5 {
			t.Errorf("%s: %d documents over HTTP, want 5", path, len(docs))
		}
		if !slices.Equal(docs, viaDirect[path]) {
			t.Errorf("%s differs:\nHTTP:   %s\ndirect: %s", path, docs, viaDirect[path])
		}
	}
}

// TestDirectLoadAnswersAsTheServer: documents refused for every reason a
// POST can refuse them are refused with the same status and problem
// details (correlation id aside) by both modes, named by line, and the
// others are loaded.
func TestDirectLoadAnswersAsTheServer(t *testing.T) {
	b := bundledSchema(t)
	lines := b.documents(t, 2)
	template := map[string]map[string]any{}
	for _, l := range lines {
		if _, ok := template[l.Resource]; !ok {
			var doc map[string]any
			if err := json.Unmarshal(l.Body, &doc); err != nil {
				t.Fatal(err)
			}
			template[l.Resource] = doc
		}
	}
	// variant is a copy of the resource's first document changed by edit.
	variant := func(resource string, edit func(doc map[string]any)) bulkload.Line {
		raw, _ := json.Marshal(template[resource])
		var doc map[string]any
		_ = json.Unmarshal(raw, &doc)
		edit(doc)
		body, _ := json.Marshal(doc)
		return bulkload.Line{Project: "ed-fi", Resource: resource, Body: body}
	}
	bad := []bulkload.Line{
		variant("schools", func(d map[string]any) { delete(d, "nameOfInstitution") }),                          // 400: required
		variant("schools", func(d map[string]any) { d["schoolId"] = "not a number" }),                          // 400: type
		variant("schools", func(d map[string]any) { d["id"] = "anything" }),                                    // 400: id in body
		variant("sessions", func(d map[string]any) { d["schoolReference"] = map[string]any{"schoolId": 404} }), // 409: unresolved
		variant("sessions", func(d map[string]any) { d["termDescriptor"] = "uri://nowhere#Missing" }),          // 400: descriptor
		variant("courses", func(d map[string]any) { // 400: repeated collection item
			codes := d["identificationCodes"].([]any)
			d["identificationCodes"] = append(codes, codes[0])
		}),
		variant("localEducationAgencies", func(d map[string]any) { // 409: the agency's education organization id is a school's
			d["localEducationAgencyId"] = template["schools"]["schoolId"]
			delete(d, "parentLocalEducationAgencyReference")
		}),
		{Project: "ed-fi", Resource: "noSuchThings", Body: []byte(`{}`)}, // 404
	}
	lines = append(lines, bad...)
	for i := range lines {
		lines[i].Number = i + 1
	}

	httpURL, _ := b.database(t)
	viaHTTP := b.overHTTP(t, startServer(t, httpURL), lines)
	_, pool := b.database(t)
	direct := b.direct(t, pool, lines, 1000, nil)

	good := len(lines) - len(bad)
	if viaHTTP.Created != good || direct.Created != good {
		t.Errorf("created %d over HTTP and %d directly, want %d", viaHTTP.Created, direct.Created, good)
	}
	if len(direct.Failures) != len(bad) {
		t.Fatalf("direct failures %v, want one per bad line", direct.Failures)
	}
	withoutCorrelation := func(s string) string {
		var p map[string]any
		if err := json.Unmarshal([]byte(s), &p); err != nil {
			return s
		}
		delete(p, "correlationId")
		out, _ := json.Marshal(p)
		return string(out)
	}
	for i, f := range direct.Failures {
		if f.Line != good+i+1 {
			t.Errorf("failure %d names line %d, want %d", i, f.Line, good+i+1)
		}
		if i >= len(viaHTTP.Failures) {
			t.Errorf("line %d: refused directly, not over HTTP: %s", f.Line, f)
			continue
		}
		h := viaHTTP.Failures[i]
		if h.Line != f.Line || h.Status != f.Status || withoutCorrelation(h.Problem) != withoutCorrelation(f.Problem) {
			t.Errorf("line %d:\nHTTP:   %s\ndirect: %s", f.Line, h, f)
		}
	}
}

// TestDirectLoadRerun: loading the same file again changes nothing (every
// document unchanged, no stamp moves); a changed document is updated. The
// first load prepares each document again for its batch, as loads of
// large files do.
func TestDirectLoadRerun(t *testing.T) {
	b := bundledSchema(t)
	lines := b.documents(t, 3)
	_, pool := b.database(t)
	restore := bulkload.KeepPrepared(0)
	if rep := b.direct(t, pool, lines, 10, nil); rep.Created != len(lines) {
		t.Fatalf("first load: %+v", rep)
	}
	restore()
	stamp := func() int64 {
		var v int64
		if err := pool.QueryRow(context.Background(), `SELECT last_value FROM "dms"."ChangeVersionSequence"`).Scan(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	before := stamp()
	rep := b.direct(t, pool, lines, 10, nil)
	if rep.Unchanged != len(lines) || rep.Created+rep.Updated+len(rep.Failures) != 0 {
		t.Errorf("re-run: %+v, want all %d unchanged", rep, len(lines))
	}
	if after := stamp(); after != before {
		t.Errorf("the re-run moved the change version from %d to %d", before, after)
	}

	for i, l := range lines {
		if l.Resource == "students" {
			lines[i].Body = bytes.Replace(l.Body, []byte(`"firstName":"`), []byte(`"firstName":"Changed `), 1)
			break
		}
	}
	rep = b.direct(t, pool, lines, 10, nil)
	if rep.Updated != 1 || rep.Unchanged != len(lines)-1 || len(rep.Failures) != 0 {
		t.Errorf("re-run with one change: %+v", rep)
	}
}

// TestDirectLoadRerunReadsInBatches: a re-run reads the stored documents
// of a batch at once (far fewer round trips than documents) and compares
// them as the ordinary write path does: documents whose body changed — a
// descriptor, a scalar, a collection reordered, a collection shortened —
// are updated, the others (one with its members in another order
// included) are unchanged, and the stored documents then equal those of a
// fresh load of the changed file.
func TestDirectLoadRerunReadsInBatches(t *testing.T) {
	b := bundledSchema(t)
	lines := b.documents(t, 10)
	_, pool := b.database(t)
	if rep := b.direct(t, pool, lines, 1000, nil); rep.Created != len(lines) {
		t.Fatalf("first load: %+v", rep)
	}

	edited := map[string]bool{}
	edit := func(name string, match func(l bulkload.Line, doc map[string]any) bool, change func(doc map[string]any)) {
		t.Helper()
		for i, l := range lines {
			var doc map[string]any
			if err := json.Unmarshal(l.Body, &doc); err != nil {
				t.Fatal(err)
			}
			if edited[l.Resource] || !match(l, doc) {
				continue
			}
			change(doc)
			lines[i].Body, _ = json.Marshal(doc)
			edited[l.Resource] = true
			return
		}
		t.Fatalf("no document to %s", name)
	}
	collection := func(doc map[string]any) string {
		for k, v := range doc {
			if items, ok := v.([]any); ok && len(items) > 1 {
				if _, ok := items[0].(map[string]any); ok {
					return k
				}
			}
		}
		return ""
	}
	edit("change a descriptor", func(l bulkload.Line, _ map[string]any) bool { return strings.HasSuffix(l.Resource, "Descriptors") },
		func(doc map[string]any) { doc["shortDescription"] = "Changed" })
	edit("change a scalar", func(l bulkload.Line, _ map[string]any) bool { return l.Resource == "students" },
		func(doc map[string]any) { doc["firstName"] = "Changed" })
	edit("reorder a collection", func(_ bulkload.Line, doc map[string]any) bool { return collection(doc) != "" },
		func(doc map[string]any) { slices.Reverse(doc[collection(doc)].([]any)) })
	edit("shorten a collection", func(_ bulkload.Line, doc map[string]any) bool { return collection(doc) != "" },
		func(doc map[string]any) { k := collection(doc); doc[k] = doc[k].([]any)[:1] })
	changed := len(edited)
	// Members in another order (json.Marshal sorts them) change nothing.
	edit("reorder members", func(l bulkload.Line, _ map[string]any) bool { return l.Resource == "sessions" }, func(map[string]any) {})

	w := &engine.Writer{Pool: pool, Retry: db.DefaultRetryPolicy, SchemaEpoch: etag.SchemaEpoch(b.schema.EffectiveSchemaHash),
		Limits: server.WriteLimits{}.WithDefaults()}
	useGenerated(w)
	ctx, roundTrips := db.WithRoundTrips(context.Background())
	rep, err := bulkload.LoadDirect(ctx, lines, bulkload.DirectOptions{Schema: defaultschema.Schema, Writers: []*engine.Writer{w, w, w}})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Updated != changed || rep.Unchanged != len(lines)-changed || len(rep.Failures) != 0 {
		t.Errorf("re-run: %+v, want %d updated and the other %d unchanged", rep, changed, len(lines)-changed)
	}
	if n := roundTrips.Count(); n > int64(len(lines)/2) {
		t.Errorf("the re-run of %d documents took %d round trips", len(lines), n)
	}

	freshURL, freshPool := b.database(t)
	if rep := b.direct(t, freshPool, lines, 1000, nil); rep.Created != len(lines) {
		t.Fatalf("fresh load: %+v", rep)
	}
	rerunURL := pool.Config().ConnConfig.ConnString()
	viaRerun, err := roundtrip.Stored(context.Background(), http.DefaultClient, startServer(t, rerunURL), b.schema.Resources)
	if err != nil {
		t.Fatal(err)
	}
	viaFresh, err := roundtrip.Stored(context.Background(), http.DefaultClient, startServer(t, freshURL), b.schema.Resources)
	if err != nil {
		t.Fatal(err)
	}
	for path, docs := range viaFresh {
		if !slices.Equal(docs, viaRerun[path]) {
			t.Errorf("%s differs:\nfresh:  %s\nre-run: %s", path, docs, viaRerun[path])
		}
	}
}

// TestDirectLoadIsolatesDatabaseFailure: a document the database refuses
// (here a CHECK constraint the validation knows nothing about) fails alone
// with the server's 500, its cause logged, and the rest of its batch is
// committed.
func TestDirectLoadIsolatesDatabaseFailure(t *testing.T) {
	b := bundledSchema(t)
	lines := b.documents(t, 5)
	_, pool := b.database(t)
	if _, err := pool.Exec(context.Background(),
		`ALTER TABLE "edfi"."StudentSectionAssociation" ADD CONSTRAINT "CK_Test_Refused" CHECK ("EndDate" <> DATE '2031-01-01')`); err != nil {
		t.Fatal(err)
	}
	refused := 0
	for i, l := range lines {
		if l.Resource == "studentSectionAssociations" {
			var doc map[string]any
			_ = json.Unmarshal(l.Body, &doc)
			doc["endDate"] = "2031-01-01"
			lines[i].Body, _ = json.Marshal(doc)
			refused = l.Number
			break
		}
	}
	var log bytes.Buffer
	rep := b.direct(t, pool, lines, 1000, &log)
	if rep.Created != len(lines)-1 || len(rep.Failures) != 1 {
		t.Fatalf("report %+v, want all but one created", rep)
	}
	f := rep.Failures[0]
	if f.Line != refused || f.Status != 500 || f.Problem != string(problem.SystemError().JSON()) {
		t.Errorf("failure %s, want line %d with the system error", f, refused)
	}
	if !strings.Contains(log.String(), "CK_Test_Refused") {
		t.Errorf("the log does not name the cause: %s", log.String())
	}
	var n int
	if err := pool.QueryRow(context.Background(), `SELECT count(*) FROM "edfi"."StudentSectionAssociation"`).Scan(&n); err != nil || n != 4 {
		t.Errorf("%d student section associations stored (%v), want the other 4 of the batch", n, err)
	}
}

// TestDirectLoadStopsWhenTheDatabaseIsGone: an unreachable database stops
// the load with its error instead of failing every document.
func TestDirectLoadStopsWhenTheDatabaseIsGone(t *testing.T) {
	b := bundledSchema(t)
	lines := b.documents(t, 1)
	pool, err := db.Open(context.Background(), "postgres://postgres@127.0.0.1:1/none?connect_timeout=1")
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	retry := db.DefaultRetryPolicy
	retry.UnavailableBudget = 100 * time.Millisecond
	w := &engine.Writer{Pool: pool, Retry: retry, Limits: server.WriteLimits{}.WithDefaults()}
	useGenerated(w)
	rep, err := bulkload.LoadDirect(context.Background(), lines, bulkload.DirectOptions{Schema: defaultschema.Schema, Writers: []*engine.Writer{w, w}})
	if err == nil || !db.Unavailable(err) {
		t.Errorf("error %v, want the database's", err)
	}
	if rep == nil || rep.Done() != 0 {
		t.Errorf("report %+v, want nothing done", rep)
	}
}
