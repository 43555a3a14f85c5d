package changes_test

import (
	"context"
	"net/http"
	"os"
	"slices"
	"testing"
	"time"
)

// The student table of the benchmarks: 150,000 students written, every
// third deleted (50,000 tombstones), every seventh of the others given a
// new key.
const (
	benchWritten     = 150000
	benchDeleteEvery = 3
	benchKeyEvery    = 7
)

// BenchmarkChanges100k measures, with one client over HTTP, the median
// latency of the change routes and the live window on a student table of
// 100,000 documents with 50,000 tombstones and some 14,000 key changes.
//
// It takes a minute and a half to set up, so it runs only when
// DMSC_BENCH is set, as the harness of internal/bench:
//
//	DMSC_BENCH=1 go test ./runtime/changes -run '^$' -bench '^BenchmarkChanges100k$' -benchtime 300x
func BenchmarkChanges100k(b *testing.B) {
	if os.Getenv("DMSC_BENCH") == "" {
		b.Skip("set DMSC_BENCH=1 to run the Change Queries benchmarks")
	}
	schema, pool := provisioned(b)
	ctx := context.Background()
	newest := func() int64 {
		var v int64
		if err := pool.QueryRow(ctx, `SELECT "dms"."GetMaxChangeVersion"()`).Scan(&v); err != nil {
			b.Fatal(err)
		}
		return v
	}
	populateStudents(b, pool, schema, benchWritten, benchDeleteEvery, benchKeyEvery)
	students := newest()
	// As many grade level and term descriptors, deleted alike: the shared
	// descriptor tracked-change table holds 50,000 tombstones of each, the
	// terms' last (so the latest window holds terms' only, and the first
	// page of all terms' tombstones lies behind every grade level's).
	populateDescriptors(b, pool, schema, "GradeLevelDescriptor", benchWritten, benchDeleteEvery)
	populateDescriptors(b, pool, schema, "TermDescriptor", benchWritten, benchDeleteEvery)
	descriptors := newest()
	var live, tracked int
	err := pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM "edfi"."Student"), (SELECT count(*) FROM "tracked_changes_edfi"."Student")`).Scan(&live, &tracked)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%d students, %d tracked student changes, newest change version %d", live, tracked, descriptors)
	a := newAPI(b, schema, pool, on())
	// The windows of the last 3,000 change versions of each: some 2,000
	// student tombstones and 600 changed students, or 3,000 term
	// tombstones: a client syncing often.
	w, dw := window(students-3000, students), window(descriptors-3000, descriptors)
	for _, c := range []struct{ name, path string }{
		{"deletes", "/data/ed-fi/students/deletes?" + w + "&limit=100"},
		{"deletes+totalCount", "/data/ed-fi/students/deletes?" + w + "&limit=100&totalCount=true"},
		{"deletes-all-first-page", "/data/ed-fi/students/deletes?limit=100"},
		{"keyChanges", "/data/ed-fi/students/keyChanges?" + w + "&limit=100"},
		{"live-window", "/data/ed-fi/students?" + w + "&limit=100"},
		{"descriptor-deletes", "/data/ed-fi/termDescriptors/deletes?" + dw + "&limit=100"},
		{"descriptor-deletes-all-first-page", "/data/ed-fi/termDescriptors/deletes?limit=100"},
		{"live-window+totalCount", "/data/ed-fi/students?" + w + "&limit=100&totalCount=true"},
	} {
		b.Run(c.name, func(b *testing.B) { benchGet(b, a, c.path, 100) })
	}
}

// benchGet times GET path with one client and reports the median latency.
func benchGet(b *testing.B, a *api, path string, wantItems int) {
	a.t = b
	if items := a.must(http.StatusOK, http.MethodGet, path, nil).items(b); len(items) != wantItems {
		b.Fatalf("%s: %d items, want %d", path, len(items), wantItems)
	}
	latencies := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		a.must(http.StatusOK, http.MethodGet, path, nil)
		latencies = append(latencies, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(latencies)
	b.ReportMetric(float64(latencies[len(latencies)/2].Microseconds())/1000, "p50-ms")
}
