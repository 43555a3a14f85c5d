package generated_test

import (
	"context"
	"net/http"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/edfi-dmsc/dmsc/compiler/fake"
	"github.com/edfi-dmsc/dmsc/runtime/db"
)

// BenchmarkEdOrgHierarchyPost measures what the education organization
// hierarchy triggers (they keep auth.EducationOrganizationIdToEducationOrganizationId;
// issue 15, story 01) add to a POST: two databases provisioned alike, one
// with those triggers dropped, each behind its own bundled server, posting
// the same new documents to both in alternating order so that drift on the
// machine falls on both sides. Skipped unless DMSC_BENCH is set:
//
//	DMSC_BENCH=1 go test ./generated -run '^$' -bench '^BenchmarkEdOrgHierarchyPost$' -benchtime 1000x -count=1
//
// Each sub-benchmark reports the median latency with and without the
// triggers and their ratio.
func BenchmarkEdOrgHierarchyPost(b *testing.B) {
	if os.Getenv("DMSC_BENCH") == "" {
		b.Skip("set DMSC_BENCH=1 to run the EdOrg hierarchy trigger benchmark")
	}
	withTriggers := newEdOrgFixture(b, false)
	withoutTriggers := newEdOrgFixture(b, true)
	// One id sequence for both resources (education organization ids share
	// the hierarchy table), apart from the fake ids, and continued when
	// -count runs a sub-benchmark again on the same databases.
	nextID := int64(600000000)
	b.Run("school", func(b *testing.B) {
		benchPostPair(b, withTriggers, withoutTriggers, &nextID, "/data/ed-fi/schools", func(f *edOrgFixture, id int64) []byte {
			f.school["schoolId"] = id
			return mustJSON(b, f.school)
		})
	})
	b.Run("localEducationAgency", func(b *testing.B) {
		benchPostPair(b, withTriggers, withoutTriggers, &nextID, "/data/ed-fi/localEducationAgencies", func(f *edOrgFixture, id int64) []byte {
			f.lea["localEducationAgencyId"] = id
			return mustJSON(b, f.lea)
		})
	})
}

// edOrgFixture is a bundled server holding a local education agency and
// what a school under it needs, with a school and an LEA body to vary.
type edOrgFixture struct {
	ls          *liveServer
	url         string
	school, lea map[string]any
}

// newEdOrgFixture provisions a database, drops its hierarchy triggers if
// asked, and posts a local education agency and the documents a school
// needs. The documents are the same
// for every fixture (fixed fake seed).
func newEdOrgFixture(b *testing.B, dropTriggers bool) *edOrgFixture {
	b.Helper()
	url, set := provisionDB(b, schemaFiles(b))
	if dropTriggers {
		dropEdOrgHierarchyTriggers(b, url)
	}
	ls := startServerAt(b, url)
	ls.set = set
	out := &jsonLines{}
	if _, err := fake.Generate(set, fake.Options{Resources: []string{"ed-fi/schools", "ed-fi/localEducationAgencies"}, Count: 1, Seed: 3}, out); err != nil {
		b.Fatal(err)
	}
	f := &edOrgFixture{ls: ls, url: url}
	var needed []fakeDocument
	for _, d := range out.docs {
		switch {
		case d.Project == "ed-fi" && d.Resource == "schools":
			f.school = decodeObject(b, d.Body)
			continue
		case d.Project == "ed-fi" && d.Resource == "localEducationAgencies":
			f.lea = decodeObject(b, d.Body)
		}
		needed = append(needed, d)
	}
	if f.school == nil || f.lea == nil {
		b.Fatal("fake produced no school or no local education agency")
	}
	// New schools sit under the posted LEA: two hierarchy rows each (the
	// school itself, and the LEA above it). New LEAs stand alone: one row
	// each.
	f.school["localEducationAgencyReference"] = map[string]any{"localEducationAgencyId": f.lea["localEducationAgencyId"]}
	delete(f.lea, "parentLocalEducationAgencyReference")
	ls.postAll(b, needed)
	return f
}

// dropEdOrgHierarchyTriggers drops every trigger whose function writes the
// hierarchy table, and fails if there is none (the benchmark would compare
// two identical databases).
func dropEdOrgHierarchyTriggers(b *testing.B, url string) {
	b.Helper()
	ctx := context.Background()
	pool, err := db.Open(ctx, url)
	if err != nil {
		b.Fatal(err)
	}
	defer pool.Close()
	rows, err := pool.Query(ctx, `SELECT format('DROP TRIGGER %I ON %s', t.tgname, t.tgrelid::regclass)
		FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
		WHERE NOT t.tgisinternal AND p.prosrc LIKE '%EducationOrganizationIdToEducationOrganizationId%'
		ORDER BY 1`)
	if err != nil {
		b.Fatal(err)
	}
	var drops []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			b.Fatal(err)
		}
		drops = append(drops, s)
	}
	if err := rows.Err(); err != nil {
		b.Fatal(err)
	}
	if len(drops) == 0 {
		b.Fatal("no trigger writes auth.EducationOrganizationIdToEducationOrganizationId")
	}
	for _, s := range drops {
		if _, err := pool.Exec(ctx, s); err != nil {
			b.Fatalf("%s: %v", s, err)
		}
	}
	b.Logf("dropped %d hierarchy triggers", len(drops))
}

// benchPostPair posts one new document, with the next id, to each fixture
// per iteration, the one with triggers first on odd iterations and second
// on even ones.
func benchPostPair(b *testing.B, with, without *edOrgFixture, nextID *int64, path string, body func(*edOrgFixture, int64) []byte) {
	var latWith, latWithout timed
	post := func(f *edOrgFixture, lat *timed, id int64) {
		doc := body(f, id)
		start := time.Now()
		r := f.ls.do(b, http.MethodPost, path, doc)
		lat.add(start)
		expectStatus(b, "POST "+path+" "+strconv.FormatInt(id, 10), r, http.StatusCreated)
	}
	id := int64(0)
	for i := 1; b.Loop(); i++ {
		*nextID++
		id = *nextID
		if i%2 == 1 {
			post(with, &latWith, id)
			post(without, &latWithout, id)
		} else {
			post(without, &latWithout, id)
			post(with, &latWith, id)
		}
	}
	// The last document's hierarchy rows: some with the triggers, none
	// without, or the two sides do not differ as claimed.
	if n := hierarchyRowsReaching(b, with.url, id); n == 0 {
		b.Errorf("with triggers: no hierarchy row reaches %d", id)
	}
	if n := hierarchyRowsReaching(b, without.url, id); n != 0 {
		b.Errorf("triggers dropped: %d hierarchy rows reach %d", n, id)
	}
	mWith, mWithout := latWith.median(), latWithout.median()
	b.ReportMetric(float64(mWith.Microseconds())/1000, "ms-median-triggers")
	b.ReportMetric(float64(mWithout.Microseconds())/1000, "ms-median-dropped")
	b.ReportMetric(float64(mWith)/float64(mWithout), "ratio")
}

// hierarchyRowsReaching counts the hierarchy rows whose target is id.
func hierarchyRowsReaching(b *testing.B, url string, id int64) int {
	b.Helper()
	ctx := context.Background()
	pool, err := db.Open(ctx, url)
	if err != nil {
		b.Fatal(err)
	}
	defer pool.Close()
	var n int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM "auth"."EducationOrganizationIdToEducationOrganizationId"
		WHERE "TargetEducationOrganizationId" = $1`, id).Scan(&n); err != nil {
		b.Fatal(err)
	}
	return n
}
