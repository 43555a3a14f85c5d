package generated_test

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/edfi-dmsc/dmsc/compiler/fake"
	defaultschema "github.com/edfi-dmsc/dmsc/generated/default"
	"github.com/edfi-dmsc/dmsc/internal/refdata"
	"github.com/edfi-dmsc/dmsc/runtime/auth"
	"github.com/edfi-dmsc/dmsc/runtime/authz"
	"github.com/edfi-dmsc/dmsc/runtime/authz/claimschema"
	"github.com/edfi-dmsc/dmsc/runtime/bulkload"
	"github.com/edfi-dmsc/dmsc/runtime/cms"
	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/engine"
	"github.com/edfi-dmsc/dmsc/runtime/etag"
	"github.com/edfi-dmsc/dmsc/runtime/schemagate"
	"github.com/edfi-dmsc/dmsc/runtime/server"
	"github.com/jackc/pgx/v5/pgxpool"
)

// BenchmarkRelationshipAuthorization measures what relationship
// authorization costs (issue 15, "Done when"): on 100,000 students in 100
// schools (1,000 enrolled in each, one StudentSchoolAssociation per
// student, the schools under one local education agency), a client of a
// claim set granting RelationshipsWithEdOrgsAndPeople on students and
// studentSchoolAssociations, authorized for one school, against a
// FullAccess client (NoFurtherAuthorizationRequired) on the same database
// and server, alternating which goes first on each iteration so that drift
// falls on both. Skipped unless DMSC_BENCH is set:
//
//	DMSC_BENCH=1 go test ./generated -run '^$' -bench '^BenchmarkRelationshipAuthorization$' -benchtime 1000x -count=1
//
// The data is bulk-loaded (runtime/bulkload, the COPY path of `load`, so
// the hierarchy triggers run) once per run of the benchmark, vacuumed and
// analyzed; the sub-benchmarks share it. Each reports the median latency
// of each client, their ratio (targets: ≤ 1.5 for the reads, ≤ 1.2 for the
// POST) and the database round trips per request. Any answer but the
// expected 2xx fails the benchmark: a denied request is never measured.
//
// The last cases measure ReadChanges (/deletes, filtered by the tracked
// old values under RelationshipsWithEdOrgsAndPeopleIncludingDeletes) after
// deleteEnrollments has deleted a fifth of the students and their
// associations, so that the client's tombstones are 1 % of the window's.
func BenchmarkRelationshipAuthorization(b *testing.B) {
	if os.Getenv("DMSC_BENCH") == "" {
		b.Skip("set DMSC_BENCH=1 to run the relationship authorization benchmark")
	}
	f := newRelAuthFixture(b)
	b.Run("ssaPage", func(b *testing.B) {
		benchAlternating(b, f, http.MethodGet, func(c relAuthClient, i int) {
			// The relationship client's school holds 1,000 associations:
			// ten pages of 100, visited in turn by both clients.
			path := "/data/ed-fi/studentSchoolAssociations?limit=100&offset=" + strconv.Itoa(i%10*100)
			r := f.timedDo(b, c, http.MethodGet, path, nil, http.StatusOK)
			if i < 10 {
				var page []json.RawMessage
				if err := json.Unmarshal(r.body, &page); err != nil || len(page) != 100 {
					b.Fatalf("%s GET %s: %d documents (%v), want 100", c.name, path, len(page), err)
				}
			}
		})
	})
	b.Run("ssaPageOfTheSchool", func(b *testing.B) {
		// The same pages for both clients (the query names the school):
		// what the relationship filter costs on the same documents, apart
		// from where they lie on disk (ssaPage's NoFurther pages are the
		// first associations loaded, adjacent in the heap; a school's are
		// spread over it).
		benchAlternating(b, f, http.MethodGet, func(c relAuthClient, i int) {
			path := "/data/ed-fi/studentSchoolAssociations?schoolId=" + strconv.FormatInt(f.schoolIDs[0], 10) + "&limit=100&offset=" + strconv.Itoa(i%10*100)
			f.timedDo(b, c, http.MethodGet, path, nil, http.StatusOK)
		})
	})
	b.Run("studentByID", func(b *testing.B) {
		benchAlternating(b, f, http.MethodGet, func(c relAuthClient, i int) {
			f.timedDo(b, c, http.MethodGet, "/data/ed-fi/students/"+f.ownStudents[i%len(f.ownStudents)], nil, http.StatusOK)
		})
	})
	b.Run("ssaPost", func(b *testing.B) {
		benchAlternating(b, f, http.MethodPost, func(c relAuthClient, i int) {
			// A new enrollment of a student of the client's school per POST:
			// a new entry date, the two clients' never the same.
			f.nextEntry++
			body := f.association(relAuthStudentID(i%relAuthSchools*relAuthSchools), f.schoolIDs[0], time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, f.nextEntry))
			f.timedDo(b, c, http.MethodPost, "/data/ed-fi/studentSchoolAssociations", body, http.StatusCreated)
		})
	})
	f.deleteEnrollments(b)
	b.Run("ssaDeletes", func(b *testing.B) {
		benchAlternating(b, f, http.MethodGet, func(c relAuthClient, i int) {
			// The relationship client's school has 200 deleted associations
			// (and those of ssaPost's students): its first two pages.
			f.timedPage(b, c, "/data/ed-fi/studentSchoolAssociations/deletes?limit=100&offset="+strconv.Itoa(i%2*100), i)
		})
	})
	b.Run("studentDeletes", func(b *testing.B) {
		benchAlternating(b, f, http.MethodGet, func(c relAuthClient, i int) {
			f.timedPage(b, c, "/data/ed-fi/students/deletes?limit=100&offset="+strconv.Itoa(i%2*100), i)
		})
	})
}

// relAuthDeletedStudents selects, from rows with a student unique id
// column, the students deleted before the ReadChanges cases: those in
// blocks of 100 whose number is a multiple of 5 (students 0–99, 500–599,
// …), a fifth of the students, 200 of each school.
const relAuthDeletedStudents = `(substr(%s, 3)::int / 100) %% 5 = 0`

// deleteEnrollments deletes the associations of a fifth of the students
// (20,000 and those ssaPost added), then those students, as the engine's
// DELETE does (the root row, whose trigger records the tombstone, then the
// dms.Document row), and vacuums and analyzes the database, so that the
// ReadChanges cases read tombstones of every school among 20,000 of others.
func (f *relAuthFixture) deleteEnrollments(b *testing.B) {
	b.Helper()
	ctx := context.Background()
	start := time.Now()
	for _, root := range []struct{ table, student string }{
		{`"edfi"."StudentSchoolAssociation"`, `"Student_StudentUniqueId"`},
		{`"edfi"."Student"`, `"StudentUniqueId"`},
	} {
		var gone []int64
		if err := f.pool.QueryRow(ctx, `SELECT array_agg("DocumentId") FROM `+root.table+` WHERE `+fmt.Sprintf(relAuthDeletedStudents, root.student)).Scan(&gone); err != nil {
			b.Fatalf("selecting from %s: %v", root.table, err)
		}
		for _, sql := range []string{`DELETE FROM ` + root.table, `DELETE FROM "dms"."Document"`} {
			if _, err := f.pool.Exec(ctx, sql+` WHERE "DocumentId" = ANY($1)`, gone); err != nil {
				b.Fatalf("deleting %d documents from %s: %v", len(gone), root.table, err)
			}
		}
	}
	if _, err := f.pool.Exec(ctx, "VACUUM ANALYZE"); err != nil {
		b.Fatal(err)
	}
	b.Logf("deleted the enrollments and students of a fifth of the students, vacuumed and analyzed in %s", time.Since(start).Round(time.Second))
}

// timedPage gets a page of 100 tombstones as c, the first two iterations
// checking it is full.
func (f *relAuthFixture) timedPage(b *testing.B, c relAuthClient, path string, i int) {
	r := f.timedDo(b, c, http.MethodGet, path, nil, http.StatusOK)
	if i < 2 {
		var page []json.RawMessage
		if err := json.Unmarshal(r.body, &page); err != nil || len(page) != 100 {
			b.Fatalf("%s GET %s: %d tombstones (%v), want 100", c.name, path, len(page), err)
		}
	}
}

// The benchmark's data: relAuthStudents students in relAuthSchools schools.
const (
	relAuthSchools  = 100
	relAuthStudents = 100_000
	// relAuthClaimSet grants RelationshipsWithEdOrgsAndPeople on students
	// and studentSchoolAssociations, and ReadChanges on them under
	// RelationshipsWithEdOrgsAndPeopleIncludingDeletes.
	relAuthClaimSet = "RelationshipAuthorizationBench"
)

func relAuthStudentID(n int) string { return "RA" + strconv.Itoa(n) }

// relAuthFixture is the loaded database behind a server with
// authorization on, and the two clients.
type relAuthFixture struct {
	base      string
	pool      *pgxpool.Pool
	http      *http.Client
	clients   [2]relAuthClient // relationship, NoFurtherAuthorizationRequired
	schoolIDs []int64
	// ownStudents are ids of students enrolled in the relationship
	// client's school.
	ownStudents []string
	// ssa is a StudentSchoolAssociation body to vary (association).
	ssa       map[string]any
	nextEntry int
}

// relAuthClient is a client of the benchmark, its latencies and the
// database round trips of its requests.
type relAuthClient struct {
	name, token string
	lat         *timed
	trips       *roundTripCounter
}

func newRelAuthFixture(b *testing.B) *relAuthFixture {
	b.Helper()
	ctx := context.Background()
	url, set := provisionDB(b, schemaFiles(b))
	if err := cms.Provision(ctx, url); err != nil {
		b.Fatal(err)
	}
	pool, err := db.Open(ctx, url)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(pool.Close)
	loadRelAuthClaims(b, pool)

	out := &jsonLines{}
	if _, err := fake.Generate(set, fake.Options{Resources: []string{"ed-fi/localEducationAgencies", "ed-fi/schools", "ed-fi/studentSchoolAssociations"}, Count: 1, Seed: 3}, out); err != nil {
		b.Fatal(err)
	}
	f := &relAuthFixture{pool: pool, http: &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 4}}}
	start := time.Now()
	lines := f.relAuthLines(b, out.docs)
	bulkLoad(b, url, lines)
	// VACUUM as autovacuum would after a load: index-only scans need the
	// visibility map.
	if _, err := pool.Exec(ctx, "VACUUM ANALYZE"); err != nil {
		b.Fatal(err)
	}
	b.Logf("loaded, vacuumed and analyzed %d documents in %s", len(lines), time.Since(start).Round(time.Second))

	tokens := benchTokens{
		"relationship": {ClientID: "relationship", ClaimSetName: relAuthClaimSet, EducationOrganizationIDs: []int64{f.schoolIDs[0]}},
		"nofurther":    {ClientID: "nofurther", ClaimSetName: "FullAccess"},
	}
	f.clients = [2]relAuthClient{{"relationship", "relationship", &timed{}, nil}, {"nofurther", "nofurther", &timed{}, nil}}
	f.base = startAuthorizedServer(b, pool, tokens, f.clients[:])
	f.findOwnStudents(b)
	// The relationship client is really filtered: a student of another
	// school is denied to it.
	if r := f.do(b, f.clients[0], http.MethodGet, "/data/ed-fi/students?studentUniqueId="+relAuthStudentID(1), nil); r.status != http.StatusOK || string(r.body) != "[]" {
		b.Fatalf("the relationship client sees a student of another school: %d %s", r.status, r.body)
	}
	return f
}

// relAuthLines are the documents to load: the fake's descriptors and local
// education agency, then relAuthSchools schools under that agency,
// relAuthStudents students (the fake student, renumbered) and one
// association each, student n in school n mod relAuthSchools.
func (f *relAuthFixture) relAuthLines(b *testing.B, docs []fakeDocument) []bulkload.Line {
	var lines []bulkload.Line
	add := func(project, resource string, body []byte) {
		lines = append(lines, bulkload.Line{Number: len(lines) + 1, Project: project, Resource: resource, Body: body})
	}
	var school, student map[string]any
	var leaID any
	for _, d := range docs {
		switch d.Resource {
		case "schools":
			school = decodeObject(b, d.Body)
		case "students":
			student = decodeObject(b, d.Body)
		case "studentSchoolAssociations":
			f.ssa = decodeObject(b, d.Body)
		default:
			if d.Resource == "localEducationAgencies" {
				leaID = decodeObject(b, d.Body)["localEducationAgencyId"]
			}
			add(d.Project, d.Resource, d.Body)
		}
	}
	if school == nil || student == nil || f.ssa == nil || leaID == nil {
		b.Fatal("fake produced no school, student, studentSchoolAssociation or local education agency")
	}
	school["localEducationAgencyReference"] = map[string]any{"localEducationAgencyId": leaID}
	for i := range relAuthSchools {
		id := int64(900000 + i)
		f.schoolIDs = append(f.schoolIDs, id)
		school["schoolId"], school["nameOfInstitution"] = id, "School "+strconv.Itoa(i)
		add("ed-fi", "schools", mustJSON(b, school))
	}
	entry := time.Date(2020, 8, 15, 0, 0, 0, 0, time.UTC)
	for _, n := range relAuthLoadOrder(b) {
		student["studentUniqueId"] = relAuthStudentID(n)
		add("ed-fi", "students", mustJSON(b, student))
		add("ed-fi", "studentSchoolAssociations", f.association(relAuthStudentID(n), f.schoolIDs[n%relAuthSchools], entry))
	}
	return lines
}

// relAuthLayoutEnv chooses the order the students and their associations
// are loaded in, and so where a school's documents lie in the heap:
// "interleaved" (the default) loads student 0, 1, 2, … — each school's
// documents one in a hundred, the layout of enrolments arriving over time
// across a district; "by-school" loads the schools' students and
// associations one school after another — a roster sync per school —
// with the relationship client's school (school 0) last, so that the
// NoFurther client's first pages (school 1's) are other documents lying
// as close together as the client's.
const relAuthLayoutEnv = "DMSC_BENCH_LAYOUT"

// relAuthLoadOrder is the order of the student numbers to load
// (relAuthLayoutEnv).
func relAuthLoadOrder(b *testing.B) []int {
	order := make([]int, 0, relAuthStudents)
	switch layout := os.Getenv(relAuthLayoutEnv); layout {
	case "", "interleaved":
		for n := range relAuthStudents {
			order = append(order, n)
		}
	case "by-school":
		for i := range relAuthSchools {
			school := (i + 1) % relAuthSchools
			for n := school; n < relAuthStudents; n += relAuthSchools {
				order = append(order, n)
			}
		}
	default:
		b.Fatalf("%s=%q: want interleaved or by-school", relAuthLayoutEnv, layout)
	}
	b.Logf("layout %s", cmp.Or(os.Getenv(relAuthLayoutEnv), "interleaved"))
	return order
}

// association is the fake StudentSchoolAssociation for a student, school
// and entry date.
func (f *relAuthFixture) association(student string, school int64, entry time.Time) []byte {
	f.ssa["studentReference"] = map[string]any{"studentUniqueId": student}
	f.ssa["schoolReference"] = map[string]any{"schoolId": school}
	f.ssa["entryDate"] = entry.Format(time.DateOnly)
	body, err := json.Marshal(f.ssa)
	if err != nil {
		panic(err) // a map of JSON values always encodes
	}
	return body
}

// loadRelAuthClaims loads the bundled claims with relAuthClaimSet added.
func loadRelAuthClaims(b *testing.B, pool authz.TxBeginner) {
	b.Helper()
	dir := filepath.Join(refdata.RepoRoot(b), "schemas", "default")
	body, err := os.ReadFile(filepath.Join(dir, "claims.json"))
	if err != nil {
		b.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(body, &doc); err != nil {
		b.Fatal(err)
	}
	doc["claimSets"] = append(doc["claimSets"].([]any), map[string]any{"claimSetName": relAuthClaimSet, "isSystemReserved": false})
	var overrides []map[string]any
	for _, action := range []string{"Create", "Read", "Update", "Delete"} {
		overrides = append(overrides, map[string]any{"actionName": action, "authorizationStrategies": []map[string]string{{"name": "RelationshipsWithEdOrgsAndPeople"}}})
	}
	overrides = append(overrides, map[string]any{"actionName": "ReadChanges", "authorizationStrategies": []map[string]string{{"name": authz.RelationshipsWithEdOrgsAndPeopleIncludingDeletes}}})
	fragment := map[string]any{"name": relAuthClaimSet, "resourceClaims": []map[string]any{
		{"name": "ed-fi/students", "authorizationStrategyOverridesForCRUD": overrides},
		{"name": "ed-fi/studentSchoolAssociations", "authorizationStrategyOverridesForCRUD": overrides},
	}}
	tmp := b.TempDir()
	claims, frag := filepath.Join(tmp, "claims.json"), filepath.Join(tmp, relAuthClaimSet+"-claimset.json")
	for path, v := range map[string]any{claims: doc, frag: fragment} {
		if err := os.WriteFile(path, mustJSON(b, v), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	s, err := claimschema.Embedded()
	if err != nil {
		b.Fatal(err)
	}
	if _, err := authz.LoadFiles(context.Background(), pool, s, []string{claims, frag}, false); err != nil {
		b.Fatal(err)
	}
}

// bulkLoad writes the lines through the generated server's bulk path, as
// its load subcommand does, and fails on any refused document.
func bulkLoad(b *testing.B, url string, lines []bulkload.Line) {
	b.Helper()
	ctx := context.Background()
	each := engine.Writer{Retry: db.DefaultRetryPolicy, SchemaEpoch: etag.SchemaEpoch(defaultschema.Schema.EffectiveSchemaHash), Limits: server.WriteLimits{}.WithDefaults()}
	for i, r := range defaultschema.Schema.Resources {
		each.UseCodec(r, defaultschema.Codecs[i].Write)
	}
	writers, closeAll, err := bulkload.OpenWriters(ctx, url, 4, each)
	if err != nil {
		b.Fatal(err)
	}
	defer closeAll()
	rep, err := bulkload.LoadDirect(ctx, lines, bulkload.DirectOptions{Schema: defaultschema.Schema, Writers: writers, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		b.Fatal(err)
	}
	if len(rep.Failures) > 0 {
		b.Fatalf("bulk load: %d of %d documents refused, first: %s", len(rep.Failures), rep.Documents, rep.Failures[0])
	}
}

// benchTokens authenticates the bearer tokens that are its keys: the
// benchmark measures authorization, so the principal is whatever it says.
type benchTokens map[string]*auth.Principal

func (m benchTokens) Verify(_ context.Context, raw string) (*auth.Principal, error) {
	if p, ok := m[raw]; ok {
		return p, nil
	}
	return nil, errors.New("unknown benchmark token")
}

// startAuthorizedServer serves the generated bundled server over pool with
// authentication (tokens) and authorization (the loaded claims) on, counting
// the round trips of each client's requests apart, and returns its base
// URL.
func startAuthorizedServer(b *testing.B, pool *pgxpool.Pool, tokens benchTokens, clients []relAuthClient) string {
	b.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a := authz.New(defaultschema.Schema, pool, log)
	if err := a.Refresh(context.Background()); err != nil {
		b.Fatal(err)
	}
	cfg := server.Config{ResourceLinks: true, Auth: &server.Auth{Verifier: tokens, Authorizer: a, Describer: a}}
	s := server.New(cfg, defaultschema.App, pool, schemagate.New(pool, defaultschema.App.Fingerprint, log), log)
	defaultschema.Register(s)
	byToken := map[string]*roundTripCounter{}
	for i := range clients {
		clients[i].trips = &roundTripCounter{next: s.Handler()}
		byToken["Bearer "+clients[i].token] = clients[i].trips
	}
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		byToken[r.Header.Get("Authorization")].ServeHTTP(w, r)
	}))
	b.Cleanup(hs.Close)
	return hs.URL
}

// findOwnStudents finds the ids of the students enrolled in the
// relationship client's school (students 0, 1000, 2000, …), as that client.
func (f *relAuthFixture) findOwnStudents(b *testing.B) {
	for n := 0; n < relAuthStudents; n += relAuthSchools * 10 {
		r := f.do(b, f.clients[0], http.MethodGet, "/data/ed-fi/students?studentUniqueId="+relAuthStudentID(n), nil)
		var found []struct {
			ID string `json:"id"`
		}
		if err := json.Unmarshal(r.body, &found); r.status != http.StatusOK || err != nil || len(found) != 1 {
			b.Fatalf("the relationship client's student %s: %d %s", relAuthStudentID(n), r.status, r.body)
		}
		f.ownStudents = append(f.ownStudents, found[0].ID)
	}
}

// do sends one request as client c.
func (f *relAuthFixture) do(b *testing.B, c relAuthClient, method, path string, body []byte) response {
	b.Helper()
	ls := liveServer{base: f.base, client: f.http}
	return ls.do(b, method, path, body, "Authorization", "Bearer "+c.token)
}

// timedDo sends one request as c, records its latency and fails unless it
// is answered with status.
func (f *relAuthFixture) timedDo(b *testing.B, c relAuthClient, method, path string, body []byte, status int) response {
	start := time.Now()
	r := f.do(b, c, method, path, body)
	c.lat.add(start)
	expectStatus(b, fmt.Sprintf("%s %s %s", c.name, method, path), r, status)
	return r
}

// benchAlternating runs one request (of method) per client per iteration,
// the relationship client first on even iterations and second on odd ones,
// and reports both medians, their ratio and the round trips per request.
func benchAlternating(b *testing.B, f *relAuthFixture, method string, request func(c relAuthClient, i int)) {
	for _, c := range f.clients {
		*c.lat = timed{}
		c.trips.reset()
	}
	for i := 0; b.Loop(); i++ {
		first := i % 2
		request(f.clients[first], i)
		request(f.clients[1-first], i)
	}
	rel, nofurther := f.clients[0].lat.median(), f.clients[1].lat.median()
	b.ReportMetric(float64(rel.Microseconds())/1000, "ms-p50-relationship")
	b.ReportMetric(float64(nofurther.Microseconds())/1000, "ms-p50-nofurther")
	b.ReportMetric(float64(rel)/float64(nofurther), "ratio")
	b.ReportMetric(f.clients[0].trips.perRequest(method), "trips-relationship")
	b.ReportMetric(f.clients[1].trips.perRequest(method), "trips-nofurther")
}
