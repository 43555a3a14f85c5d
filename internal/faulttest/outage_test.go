package faulttest

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"
)

// descriptorsPath is the resource the outage tests write and read.
const descriptorsPath = "/data/ed-fi/gradeLevelDescriptors"

func descriptor(code string) []byte {
	return fmt.Appendf(nil, `{"namespace":"uri://ed-fi.org/GradeLevelDescriptor","codeValue":%q,"shortDescription":%q}`, code, code)
}

// outcome is one request of the load: when it ended and how.
type outcome struct {
	end      time.Time
	what     string // method and resource
	status   int    // 0 on a transport error
	err      error
	response response
}

// lightLoad runs writers that POST a new descriptor and GET it back (and a
// page of descriptors), about 40 requests a second each, until ctx ends.
type lightLoad struct {
	mu       sync.Mutex
	outcomes []outcome
}

func (l *lightLoad) record(what string, r response, err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.outcomes = append(l.outcomes, outcome{end: time.Now(), what: what, status: r.status, err: err, response: r})
}

func (l *lightLoad) run(ctx context.Context, base string, writers int) *sync.WaitGroup {
	client := &http.Client{Timeout: 30 * time.Second}
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for i := 0; ctx.Err() == nil; i++ {
				r, err := call(ctx, client, http.MethodPost, base+descriptorsPath, descriptor(fmt.Sprintf("load-%d-%d", w, i)))
				if ctx.Err() != nil {
					return // cut off by the end of the test, not by the server
				}
				l.record("POST", r, err)
				if r.status == http.StatusCreated {
					r, err = call(ctx, client, http.MethodGet, base+locationPath(r.location), nil)
					if ctx.Err() != nil {
						return
					}
					l.record("GET by id", r, err)
				}
				r, err = call(ctx, client, http.MethodGet, base+descriptorsPath+"?limit=5", nil)
				if ctx.Err() != nil {
					return
				}
				l.record("GET many", r, err)
				time.Sleep(25 * time.Millisecond)
			}
		})
	}
	return &wg
}

// seen reports whether some request was answered with status.
func (l *lightLoad) seen(status int) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.ContainsFunc(l.outcomes, func(o outcome) bool { return o.status == status })
}

// firstSuccessAfter is the end of the first 2xx answer after t.
func (l *lightLoad) firstSuccessAfter(t time.Time) (time.Time, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, o := range l.outcomes {
		if o.end.After(t) && o.status >= 200 && o.status < 300 {
			return o.end, true
		}
	}
	return time.Time{}, false
}

// checkOutageAnswer requires a 503 to be problem details with a positive
// Retry-After.
func checkOutageAnswer(t *testing.T, what string, r response) {
	t.Helper()
	if s, err := strconv.Atoi(r.retryAfter); err != nil || s <= 0 {
		t.Errorf("%s: 503 with Retry-After %q, want a number of seconds", what, r.retryAfter)
	}
	if !isProblem(r.body, http.StatusServiceUnavailable) {
		t.Errorf("%s: 503 body is not problem details: %s", what, r.body)
	}
}

// TestPostgresRestartUnderLoad stops PostgreSQL (fast shutdown) for three
// seconds (longer until a request was answered 503) while four clients
// write and read, then starts it again, all
// without touching the server process: no answer is a 500 or another 5xx
// than 503, no connection is dropped, 503s carry Retry-After, and service
// resumes by itself. It logs the time from the database's return to the
// first success.
func TestPostgresRestartUnderLoad(t *testing.T) {
	binary := serverBinary(t)
	cluster, _, dbURL := provisionedCluster(t)
	srv := startServer(t, binary, dbURL)
	pid := srv.cmd.Process.Pid

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	loadCtx, stopLoad := context.WithCancel(ctx)
	load := &lightLoad{}
	wg := load.run(loadCtx, srv.base, 4)

	time.Sleep(time.Second)
	downAt := time.Now()
	if err := cluster.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1500 * time.Millisecond)
	health, err := call(ctx, http.DefaultClient, http.MethodGet, srv.base+"/health", nil)
	if err != nil || health.status != http.StatusServiceUnavailable {
		t.Errorf("/health during the outage: %d %v, want 503", health.status, err)
	}
	// Down for 3 s, longer if the server's connection retries have not
	// given up on any request yet.
	time.Sleep(1500 * time.Millisecond)
	for deadline := time.Now().Add(15 * time.Second); !load.seen(http.StatusServiceUnavailable) && time.Now().Before(deadline); {
		time.Sleep(100 * time.Millisecond)
	}
	if err := cluster.Start(ctx); err != nil {
		t.Fatal(err)
	}
	upAt := time.Now()
	var firstOK time.Time
	for deadline := upAt.Add(30 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		var ok bool
		if firstOK, ok = load.firstSuccessAfter(upAt); ok || time.Now().After(deadline) {
			break
		}
	}
	time.Sleep(time.Second)
	stopLoad()
	wg.Wait()

	counts := map[int]int{}
	outage503 := 0
	for _, o := range load.outcomes {
		counts[o.status]++
		switch {
		case o.err != nil:
			t.Errorf("%s: transport error at %v: %v", o.what, o.end.Sub(downAt).Round(time.Millisecond), o.err)
		case o.status == http.StatusServiceUnavailable:
			checkOutageAnswer(t, o.what, o.response)
			if o.end.After(downAt) && o.end.Before(upAt) {
				outage503++
			}
		case o.status >= 500:
			t.Errorf("%s: %d at %v after the stop: %s", o.what, o.status, o.end.Sub(downAt).Round(time.Millisecond), o.response.body)
		case o.status >= 300:
			t.Errorf("%s: unexpected %d: %s", o.what, o.status, o.response.body)
		}
	}
	t.Logf("%d requests: answers by status %v; 500s: %d; 503s while the database was down: %d", len(load.outcomes), counts, counts[500], outage503)
	if outage503 == 0 {
		t.Error("no 503 while the database was down")
	}
	if firstOK.IsZero() {
		t.Fatal("no success within 30 s of the database's return")
	}
	t.Logf("database down for %v; first success %v after it was back", upAt.Sub(downAt).Round(time.Millisecond), firstOK.Sub(upAt).Round(time.Millisecond))
	if !srv.alive() || srv.cmd.Process.Pid != pid {
		t.Error("the server process did not survive the outage")
	}
}

// TestDatabaseUnreachableAtStartup starts the server while PostgreSQL is
// down: it starts and listens, /health and the data routes answer 503 with
// Retry-After, and once the database is up it serves without a restart.
func TestDatabaseUnreachableAtStartup(t *testing.T) {
	binary := serverBinary(t)
	cluster, _, dbURL := provisionedCluster(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := cluster.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	srv := startServer(t, binary, dbURL) // waits for its root to answer
	client := &http.Client{Timeout: 30 * time.Second}

	health, err := call(ctx, client, http.MethodGet, srv.base+"/health", nil)
	if err != nil || health.status != http.StatusServiceUnavailable {
		t.Errorf("/health with the database down: %d %v, want 503", health.status, err)
	}
	for _, req := range []struct {
		method, path string
		body         []byte
	}{
		{http.MethodGet, descriptorsPath, nil},
		{http.MethodPost, descriptorsPath, descriptor("startup")},
		{http.MethodGet, descriptorsPath + "/00000000-0000-4000-8000-000000000000", nil},
	} {
		what := req.method + " " + req.path
		r, err := call(ctx, client, req.method, srv.base+req.path, req.body)
		if err != nil || r.status != http.StatusServiceUnavailable {
			t.Errorf("%s with the database down: %d %v %s, want 503", what, r.status, err, r.body)
			continue
		}
		checkOutageAnswer(t, what, r)
	}

	if err := cluster.Start(ctx); err != nil {
		t.Fatal(err)
	}
	upAt := time.Now()
	var last response
	for deadline := upAt.Add(30 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		last, err = call(ctx, client, http.MethodPost, srv.base+descriptorsPath, descriptor("startup"))
		if err == nil && last.status == http.StatusCreated {
			break
		}
		if err != nil || last.status != http.StatusServiceUnavailable {
			t.Fatalf("after the database came up: %d %v %s", last.status, err, last.body)
		}
		if time.Now().After(deadline) {
			t.Fatalf("still 503 30 s after the database came up: %s", last.body)
		}
	}
	t.Logf("first success %v after the database came up", time.Since(upAt).Round(time.Millisecond))
	health, err = call(ctx, client, http.MethodGet, srv.base+"/health", nil)
	if err != nil || health.status != http.StatusOK {
		t.Errorf("/health with the database up: %d %v, want 200", health.status, err)
	}
	if !srv.alive() {
		t.Error("the server exited")
	}
}
