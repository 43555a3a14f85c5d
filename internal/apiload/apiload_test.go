package apiload

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// fakeServer accepts documents; a body with "needs" is refused with 409
// until the document it names was accepted, and one with "bad" gets 400.
type fakeServer struct {
	mu       sync.Mutex
	accepted map[string]bool
	order    []string
}

func (f *fakeServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodGet {
		return // the reachability probe
	}
	var body map[string]string
	b, _ := io.ReadAll(r.Body)
	_ = json.Unmarshal(b, &body)
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case body["bad"] != "":
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte(`{"type":"urn:ed-fi:api:bad-request:data-validation-failed","status":400}`))
	case body["needs"] != "" && !f.accepted[body["needs"]]:
		w.WriteHeader(http.StatusConflict)
	default:
		f.accepted[body["id"]] = true
		f.order = append(f.order, r.URL.Path+"#"+body["id"])
		w.WriteHeader(http.StatusCreated)
	}
}

func TestLoadOrdersRunsRetriesAndReports(t *testing.T) {
	input := strings.Join([]string{
		`{"project":"ed-fi","resource":"gradeLevelDescriptors","body":{"id":"d1"}}`,
		`{"project":"ed-fi","resource":"gradeLevelDescriptors","body":{"id":"d2"}}`,
		``,
		`{"project":"ed-fi","resource":"schools","body":{"id":"s1","needs":"d2"}}`,
		`{"project":"ed-fi","resource":"schools","body":{"id":"s2","needs":"s1"}}`,
		`{"project":"ed-fi","resource":"schools","body":{"id":"s3","bad":"yes"}}`,
	}, "\n")
	lines, err := Read(strings.NewReader(input))
	if err != nil {
		t.Fatal(err)
	}
	srv := &fakeServer{accepted: map[string]bool{}}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	var progress strings.Builder
	rep, err := Load(context.Background(), lines, Options{BaseURL: ts.URL, Concurrency: 4, Progress: &progress})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Documents != 5 || rep.Created != 4 || len(rep.Failures) != 1 {
		t.Fatalf("report = %+v", rep)
	}
	f := rep.Failures[0]
	if f.Line != 6 || f.Status != 400 || !strings.Contains(f.Problem, "data-validation-failed") || !strings.Contains(f.String(), "line 6 (ed-fi/schools): HTTP 400") {
		t.Errorf("failure = %+v", f)
	}
	// Every descriptor was accepted before any school.
	for i, o := range srv.order {
		if strings.Contains(o, "schools") {
			for _, later := range srv.order[i:] {
				if strings.Contains(later, "Descriptors") {
					t.Errorf("a descriptor was sent after a school: %v", srv.order)
				}
			}
			break
		}
	}
	if !strings.Contains(progress.String(), "loading") {
		t.Errorf("no progress output: %q", progress.String())
	}
}

func TestReadRejectsMalformedLines(t *testing.T) {
	for _, in := range []string{`{"project":"ed-fi"}`, `not json`, `{"project":"a","resource":"b","body":[1]}`} {
		if _, err := Read(strings.NewReader("\n" + in)); err == nil || !strings.Contains(err.Error(), "line 2") {
			t.Errorf("%q: error = %v, want one naming line 2", in, err)
		}
	}
}

// TestLoadUnreachableServerIsOneError: a server that is down gives one
// error naming it and no report (no "0 created" summary).
func TestLoadUnreachableServerIsOneError(t *testing.T) {
	lines, _ := Read(strings.NewReader(`{"project":"p","resource":"r","body":{}}`))
	rep, err := Load(context.Background(), lines, Options{BaseURL: "http://127.0.0.1:1"})
	if rep != nil || err == nil || !strings.Contains(err.Error(), "cannot reach the server at http://127.0.0.1:1: dial tcp") {
		t.Errorf("report %+v, error %v; want no report and an error naming the server", rep, err)
	}
}

// TestLoadStopsOnTransportError: a server that goes away during the load
// stops it with an error naming the line, and the report counts what was
// acknowledged before; OnResponse saw each answer.
func TestLoadStopsOnTransportError(t *testing.T) {
	var posts atomic.Int32
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost && posts.Add(1) > 1 {
			conn, _, _ := w.(http.Hijacker).Hijack()
			conn.Close()
			return
		}
		w.Header().Set("Location", "/data/p/r/1")
		w.WriteHeader(http.StatusCreated)
	}))
	defer ts.Close()
	lines, _ := Read(strings.NewReader(`{"project":"p","resource":"r","body":{}}` + "\n" + `{"project":"p","resource":"r","body":{}}`))
	var seen []string
	rep, err := Load(context.Background(), lines, Options{BaseURL: ts.URL, OnResponse: func(l Line, status int, h http.Header) {
		seen = append(seen, fmt.Sprintf("%d %d %s", l.Number, status, h.Get("Location")))
	}})
	if err == nil || !strings.Contains(err.Error(), "line 2: POST "+ts.URL+"/data/p/r: ") {
		t.Errorf("error = %v, want a transport error naming line 2", err)
	}
	if rep == nil || rep.Created != 1 {
		t.Errorf("report = %+v, want 1 created", rep)
	}
	if len(seen) != 1 || seen[0] != "1 201 /data/p/r/1" {
		t.Errorf("OnResponse saw %q", seen)
	}
}

// TestLoadRetriesConflictsInRounds: without waves, a chain of documents of
// one run written children first loads completely, one link per round.
func TestLoadRetriesConflictsInRounds(t *testing.T) {
	lines, err := Read(strings.NewReader(strings.Join([]string{
		`{"project":"ed-fi","resource":"schools","body":{"id":"s3","needs":"s2"}}`,
		`{"project":"ed-fi","resource":"schools","body":{"id":"s2","needs":"s1"}}`,
		`{"project":"ed-fi","resource":"schools","body":{"id":"s1"}}`,
		`{"project":"ed-fi","resource":"schools","body":{"id":"s4","needs":"nothing"}}`,
	}, "\n")))
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(&fakeServer{accepted: map[string]bool{}})
	defer ts.Close()
	rep, err := Load(context.Background(), lines, Options{BaseURL: ts.URL, Concurrency: 4})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Created != 3 || len(rep.Failures) != 1 || rep.Failures[0].Line != 4 || rep.Failures[0].Status != http.StatusConflict {
		t.Errorf("report %+v, want 3 created and line 4 refused with 409", rep)
	}
}

// TestLoadSendsWaves: with waves, each wave is sent after the previous one
// was answered, and nothing is sent again.
func TestLoadSendsWaves(t *testing.T) {
	lines, err := Read(strings.NewReader(strings.Join([]string{
		`{"project":"ed-fi","resource":"schools","body":{"id":"s3","needs":"s2"}}`,
		`{"project":"ed-fi","resource":"schools","body":{"id":"s2","needs":"s1"}}`,
		`{"project":"ed-fi","resource":"schools","body":{"id":"s1"}}`,
	}, "\n")))
	if err != nil {
		t.Fatal(err)
	}
	srv := &fakeServer{accepted: map[string]bool{}}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	var posts atomic.Int32
	rep, err := Load(context.Background(), lines, Options{BaseURL: ts.URL, Concurrency: 4, Waves: [][]int{{2}, {1}, {0}},
		OnResponse: func(Line, int, http.Header) { posts.Add(1) }})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Created != 3 || len(rep.Failures) != 0 || posts.Load() != 3 {
		t.Errorf("report %+v after %d POSTs, want 3 created by 3 POSTs", rep, posts.Load())
	}
}
