package generated_test

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"runtime"
	"slices"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/edfi-dmsc/dmsc/compiler/fake"
	defaultschema "github.com/edfi-dmsc/dmsc/generated/default"
	"github.com/edfi-dmsc/dmsc/runtime/server"
)

// Benchmarks of the generated bundled server over HTTP on loopback against
// a local PostgreSQL, one school document per operation:
//
//	go test ./generated -run '^$' -bench . -benchtime 2000x
//
// Each reports the median request latency and the database round trips
// per request; BenchmarkPostParallel reports POSTs per second with 8
// concurrent clients, BenchmarkStartToFirstRequest the start-up time.

// schoolFixture is a server holding everything a school document needs,
// and a school body to vary.
type schoolFixture struct {
	ls     *liveServer
	school map[string]any
}

func newSchoolFixture(b *testing.B) *schoolFixture {
	b.Helper()
	ls := startServer(b)
	// A school and what it needs (descriptors, a local education agency).
	out := &jsonLines{}
	if _, err := fake.Generate(ls.set, fake.Options{Resources: []string{"ed-fi/schools"}, Count: 1, Seed: 3}, out); err != nil {
		b.Fatal(err)
	}
	var schools, needed []fakeDocument
	for _, d := range out.docs {
		if d.Project == "ed-fi" && d.Resource == "schools" {
			schools = append(schools, d)
		} else {
			needed = append(needed, d)
		}
	}
	if len(schools) != 1 {
		b.Fatalf("fake produced %d schools", len(schools))
	}
	ls.postAll(b, needed)
	f := &schoolFixture{ls: ls}
	if err := json.Unmarshal(schools[0].Body, &f.school); err != nil {
		b.Fatal(err)
	}
	return f
}

// jsonLines collects compiler/fake output.
type jsonLines struct {
	pending []byte
	docs    []fakeDocument
}

func (j *jsonLines) Write(p []byte) (int, error) {
	j.pending = append(j.pending, p...)
	for {
		i := slices.Index(j.pending, '\n')
		if i < 0 {
			return len(p), nil
		}
		var d fakeDocument
		if err := json.Unmarshal(j.pending[:i], &d); err != nil {
			return 0, err
		}
		j.docs = append(j.docs, d)
		j.pending = j.pending[i+1:]
	}
}

// body returns the school with the given schoolId and name.
func (f *schoolFixture) body(b *testing.B, id int64, name string) []byte {
	f.school["schoolId"], f.school["nameOfInstitution"] = id, name
	body, err := json.Marshal(f.school)
	if err != nil {
		b.Fatal(err)
	}
	return body
}

// timed records request latencies and reports their median.
type timed struct{ d []time.Duration }

func (t *timed) add(start time.Time) { t.d = append(t.d, time.Since(start)) }

func (t *timed) report(b *testing.B) {
	if len(t.d) == 0 {
		return
	}
	b.ReportMetric(float64(t.median().Microseconds())/1000, "ms-median")
}

// median sorts the latencies and returns the middle one (zero if none).
func (t *timed) median() time.Duration {
	if len(t.d) == 0 {
		return 0
	}
	slices.Sort(t.d)
	return t.d[len(t.d)/2]
}

func expectStatus(b *testing.B, what string, r response, status int) {
	if r.status != status {
		b.Fatalf("%s = %d %s", what, r.status, r.body)
	}
}

func BenchmarkPost(b *testing.B) {
	f := newSchoolFixture(b)
	f.ls.trips.reset()
	var lat timed
	i := int64(0)
	for b.Loop() {
		i++
		body := f.body(b, 900000000+i, "School "+strconv.FormatInt(i, 10))
		start := time.Now()
		r := f.ls.do(b, http.MethodPost, "/data/ed-fi/schools", body)
		lat.add(start)
		expectStatus(b, "POST school", r, http.StatusCreated)
	}
	lat.report(b)
	b.ReportMetric(f.ls.trips.perRequest(http.MethodPost), "roundtrips/op")
}

func BenchmarkGetByID(b *testing.B) {
	f := newSchoolFixture(b)
	r := f.ls.do(b, http.MethodPost, "/data/ed-fi/schools", f.body(b, 900000000, "Read School"))
	expectStatus(b, "POST school", r, http.StatusCreated)
	loc := r.header.Get("Location")
	f.ls.trips.reset()
	var lat timed
	for b.Loop() {
		start := time.Now()
		r := f.ls.do(b, http.MethodGet, loc, nil)
		lat.add(start)
		expectStatus(b, "GET school", r, http.StatusOK)
	}
	lat.report(b)
	b.ReportMetric(f.ls.trips.perRequest(http.MethodGet), "roundtrips/op")
}

func BenchmarkPut(b *testing.B) {
	f := newSchoolFixture(b)
	r := f.ls.do(b, http.MethodPost, "/data/ed-fi/schools", f.body(b, 900000000, "Put School"))
	expectStatus(b, "POST school", r, http.StatusCreated)
	loc := r.header.Get("Location")
	f.ls.trips.reset()
	var lat timed
	i := 0
	for b.Loop() {
		i++
		// A changed name each time: a real update, not a no-op.
		body := withPutID(f.body(b, 900000000, "Put School "+strconv.Itoa(i)), locationID(loc))
		start := time.Now()
		r := f.ls.do(b, http.MethodPut, loc, body)
		lat.add(start)
		expectStatus(b, "PUT school", r, http.StatusNoContent)
	}
	lat.report(b)
	b.ReportMetric(f.ls.trips.perRequest(http.MethodPut), "roundtrips/op")
}

func BenchmarkDelete(b *testing.B) {
	f := newSchoolFixture(b)
	f.ls.trips.reset()
	var lat timed
	i := int64(0)
	for b.Loop() {
		b.StopTimer()
		i++
		r := f.ls.do(b, http.MethodPost, "/data/ed-fi/schools", f.body(b, 900000000+i, "Deleted School"))
		expectStatus(b, "POST school", r, http.StatusCreated)
		b.StartTimer()
		start := time.Now()
		r = f.ls.do(b, http.MethodDelete, r.header.Get("Location"), nil)
		lat.add(start)
		expectStatus(b, "DELETE school", r, http.StatusNoContent)
	}
	lat.report(b)
	b.ReportMetric(f.ls.trips.perRequest(http.MethodDelete), "roundtrips/op")
}

// BenchmarkPostParallel posts new schools from 8 concurrent clients.
func BenchmarkPostParallel(b *testing.B) {
	f := newSchoolFixture(b)
	template := f.school
	var next atomic.Int64
	const clients = 8
	procs := runtime.GOMAXPROCS(0)
	b.SetParallelism((clients + procs - 1) / procs)
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		school := map[string]any{}
		for k, v := range template {
			school[k] = v
		}
		for pb.Next() {
			id := 800000000 + next.Add(1)
			school["schoolId"], school["nameOfInstitution"] = id, "Parallel School"
			body, err := json.Marshal(school)
			if err != nil {
				b.Error(err)
				return
			}
			// Not f.ls.do: Fatal must not be called off the benchmark goroutine.
			r, err := f.ls.send(http.MethodPost, "/data/ed-fi/schools", body)
			if err != nil || r.status != http.StatusCreated {
				b.Errorf("POST school = %d %s (%v)", r.status, r.body, err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "posts/s")
}

// BenchmarkStartToFirstRequest measures, in process, the time from
// server.Start (flag parsing, pool, schema gate, routes) to the first
// answered data request (a GET many, which passes the schema gate and runs
// a query) against a reachable, provisioned database.
func BenchmarkStartToFirstRequest(b *testing.B) {
	url, _ := provisionDB(b, schemaFiles(b))
	client := &http.Client{Timeout: 5 * time.Second}
	var lat timed
	for b.Loop() {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			b.Fatal(err)
		}
		addr := ln.Addr().String()
		ln.Close() // server.Start listens itself; the port is free again
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan int, 1)
		start := time.Now()
		go func() {
			done <- server.Start(ctx, defaultschema.App, []string{"--connection-string", url, "--listen", addr, "--log-level", "error", "--auth=off"},
				io.Discard, io.Discard, defaultschema.Register)
		}()
		for {
			resp, err := client.Get("http://" + addr + "/data/ed-fi/schools")
			if err == nil {
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					b.Fatalf("first request = %d", resp.StatusCode)
				}
				break
			}
			if time.Since(start) > 5*time.Second {
				b.Fatalf("no answer after 5s: %v", err)
			}
			time.Sleep(200 * time.Microsecond)
		}
		lat.add(start)
		cancel()
		if code := <-done; code != 0 {
			b.Fatalf("server.Start exited with %d", code)
		}
	}
	lat.report(b)
}
