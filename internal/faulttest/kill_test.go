package faulttest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"path"
	"sync"
	"testing"
	"time"

	"github.com/edfi-dmsc/dmsc/internal/apiload"
	"github.com/edfi-dmsc/dmsc/internal/roundtrip"
)

// TestServerKilledMidLoad loads a few thousand documents of every resource
// (collections and extensions included) with 8 requests in flight and
// kills the server with SIGKILL once two thirds were acknowledged. On a
// new server process: every acknowledged document reads back equal to what
// was sent, and every stored document (acknowledged or caught in flight)
// equals a document that was sent, so none is partial.
func TestServerKilledMidLoad(t *testing.T) {
	binary := serverBinary(t)
	_, set, dbURL := provisionedCluster(t)
	lines := documents(t, set, 72)
	srv := startServer(t, binary, dbURL)

	var (
		mu       sync.Mutex
		acked    = map[string]apiload.Line{} // document path → the line last acknowledged for it
		nAcked   int
		killAt   = len(lines) * 2 / 3
		killedAt apiload.Line
	)
	onResponse := func(l apiload.Line, status int, h http.Header) {
		if status != http.StatusCreated && status != http.StatusOK {
			return
		}
		mu.Lock()
		defer mu.Unlock()
		acked[locationPath(h.Get("Location"))] = l
		if nAcked++; nAcked == killAt {
			killedAt = l
			srv.kill()
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	start := time.Now()
	rep, err := apiload.Load(ctx, lines, apiload.Options{BaseURL: srv.base, Concurrency: 8, OnResponse: onResponse})
	if err == nil {
		t.Fatalf("the load of %d documents finished (%+v): the kill did not interrupt it", len(lines), rep)
	}
	t.Logf("killed after %d of %d documents were acknowledged (%s/%s, line %d) in %v; the load stopped with: %v",
		nAcked, len(lines), killedAt.Project, killedAt.Resource, killedAt.Number, time.Since(start).Round(time.Millisecond), err)

	srv = startServer(t, binary, dbURL)
	client := &http.Client{Timeout: 30 * time.Second}
	for p, l := range acked {
		r, err := call(ctx, client, http.MethodGet, srv.base+p, nil)
		if err != nil || r.status != http.StatusOK {
			t.Errorf("acknowledged line %d (%s): GET %s: %d %v", l.Number, l.Resource, p, r.status, err)
			continue
		}
		if d, err := roundtrip.Diff(l.Body, r.body); err != nil || d != "" {
			t.Errorf("acknowledged line %d (%s) read back different: %s %v", l.Number, l.Resource, d, err)
		}
	}

	// Every stored document, read through GET-many, equals a sent one.
	sent := map[string][]apiload.Line{} // project/resource → lines
	var order []string
	for _, l := range lines {
		k := l.Project + "/" + l.Resource
		if sent[k] == nil {
			order = append(order, k)
		}
		sent[k] = append(sent[k], l)
	}
	stored, inFlight := 0, 0
	for _, k := range order {
		for _, doc := range readAll(t, ctx, client, srv.base+"/data/"+k) {
			stored++
			id, _ := doc["id"].(string)
			body, _ := json.Marshal(doc)
			if l, ok := acked["/data/"+k+"/"+id]; ok {
				if d, _ := roundtrip.Diff(l.Body, body); d == "" {
					continue
				}
			}
			if !equalsOneOf(body, sent[k]) {
				t.Errorf("stored %s/%s equals no document sent (partial?): %s", k, id, body)
				continue
			}
			inFlight++
		}
	}
	t.Logf("%d documents stored: %d acknowledged, %d more committed while their answer was cut off", stored, len(acked), inFlight)
	if stored < len(acked) {
		t.Errorf("%d documents stored, fewer than the %d acknowledged", stored, len(acked))
	}
}

// equalsOneOf reports whether a stored document equals one of the sent ones.
func equalsOneOf(stored []byte, sent []apiload.Line) bool {
	for _, l := range sent {
		if d, err := roundtrip.Diff(l.Body, stored); err == nil && d == "" {
			return true
		}
	}
	return false
}

// pageSize is the GET-many page used to read a resource whole.
const pageSize = 500

// readAll reads every document of a resource, page by page.
func readAll(t *testing.T, ctx context.Context, client *http.Client, resourceURL string) []map[string]any {
	t.Helper()
	var all []map[string]any
	for offset := 0; ; offset += pageSize {
		r, err := call(ctx, client, http.MethodGet, fmt.Sprintf("%s?limit=%d&offset=%d", resourceURL, pageSize, offset), nil)
		if err != nil || r.status != http.StatusOK {
			t.Fatalf("GET %s: %d %v %s", path.Base(resourceURL), r.status, err, r.body)
		}
		var page []map[string]any
		if err := json.Unmarshal(r.body, &page); err != nil {
			t.Fatal(err)
		}
		all = append(all, page...)
		if len(page) < pageSize {
			return all
		}
	}
}
