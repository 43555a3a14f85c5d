package generated_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/edfi-dmsc/dmsc/compiler/provision"
	"github.com/edfi-dmsc/dmsc/internal/pgcluster"
	"github.com/edfi-dmsc/dmsc/internal/pgcluster/clustertest"
	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/metrics"
	"github.com/edfi-dmsc/dmsc/runtime/metrics/metricstest"
)

// outcome is one answered request of the outage load.
type outcome struct {
	at     time.Time // when the answer arrived
	status int
	// problemType and retryAfter of a problem answer.
	problemType, retryAfter string
}

// TestDatabaseOutage runs the generated server on a private PostgreSQL
// cluster that is down when the server starts, then comes up, then is
// stopped and started again under light load: while the database is
// unreachable every data request is answered 503 problem details with
// Retry-After (never 500), and the server serves again by itself as soon
// as the database is back.
func TestDatabaseOutage(t *testing.T) {
	// Started once so that it has its port, which restarts keep.
	c := clustertest.New(t, pgcluster.Options{})
	url := c.URL("dmsc_outage")
	ctx := context.Background()
	if err := c.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	ls := startServerAt(t, url)
	send := func(method, path string, body []byte) outcome {
		r, err := ls.send(method, path, body)
		if err != nil {
			t.Errorf("%s %s: %v", method, path, err)
		}
		o := outcome{at: time.Now(), status: r.status, retryAfter: r.header.Get("Retry-After")}
		var p struct{ Type string }
		if r.status >= 400 && json.Unmarshal(r.body, &p) == nil {
			o.problemType = p.Type
		}
		return o
	}
	descriptor := func(code string) []byte {
		return fmt.Appendf(nil, `{"namespace":"uri://ed-fi.org/GradeLevelDescriptor","codeValue":%q,"shortDescription":%q}`, code, code)
	}
	const descriptors = "/data/ed-fi/gradeLevelDescriptors"

	// Down at start-up: 503 with Retry-After, health 503.
	for _, o := range []outcome{send(http.MethodPost, descriptors, descriptor("Before")), send(http.MethodGet, descriptors, nil)} {
		if o.status != http.StatusServiceUnavailable || o.problemType != "urn:ed-fi:api:service-unavailable" || o.retryAfter == "" {
			t.Fatalf("database down at start-up: %+v", o)
		}
	}
	if o := send(http.MethodGet, "/health", nil); o.status != http.StatusServiceUnavailable {
		t.Fatalf("health with the database down: %+v", o)
	}

	// The database appears: the server serves without a restart (the
	// schema gate did not keep its failure).
	if err := c.Start(ctx); err != nil {
		t.Fatal(err)
	}
	provisionAt(t, url, schemaFiles(t), provision.Options{CreateDatabase: true, Timeout: time.Minute})
	if o := send(http.MethodPost, descriptors, descriptor("First")); o.status != http.StatusCreated {
		t.Fatalf("after the database came up: %+v", o)
	}

	// A restart under light load.
	var (
		mu       sync.Mutex
		outcomes []outcome
		stop     atomic.Bool
		workers  sync.WaitGroup
		serial   atomic.Int64
	)
	for w := range 4 {
		workers.Go(func() {
			for !stop.Load() {
				var o outcome
				if w%2 == 0 {
					o = send(http.MethodPost, descriptors, descriptor(fmt.Sprintf("Load %d", serial.Add(1))))
				} else {
					o = send(http.MethodGet, descriptors+"?limit=5", nil)
				}
				mu.Lock()
				outcomes = append(outcomes, o)
				mu.Unlock()
				time.Sleep(20 * time.Millisecond)
			}
		})
	}
	time.Sleep(500 * time.Millisecond)
	if err := c.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	down := time.Now()
	time.Sleep(4 * time.Second)
	if err := c.Start(ctx); err != nil {
		t.Fatal(err)
	}
	back := time.Now()
	time.Sleep(2 * time.Second)
	stop.Store(true)
	workers.Wait()

	counts := map[int]int{}
	var firstSuccess time.Time
	for _, o := range outcomes {
		counts[o.status]++
		switch {
		case o.status >= 500 && (o.status != http.StatusServiceUnavailable || o.problemType != "urn:ed-fi:api:service-unavailable" || o.retryAfter == ""):
			t.Errorf("answer during the outage: %+v", o)
		case o.status < 300 && o.at.After(back) && firstSuccess.IsZero():
			firstSuccess = o.at
		case o.status >= 300 && o.at.After(back.Add(time.Second)):
			t.Errorf("answer a second after the database returned: %+v", o)
		}
	}
	if counts[http.StatusServiceUnavailable] == 0 || firstSuccess.IsZero() {
		t.Fatalf("statuses %v: want 503s during the outage and successes after it", counts)
	}
	t.Logf("restart under load: %d requests, statuses %v; database down %v, first success %v after it returned",
		len(outcomes), counts, back.Sub(down).Round(time.Millisecond), firstSuccess.Sub(back).Round(time.Millisecond))
	if got := metricstest.Read(t, ls.server.Metrics, metrics.FamilyDatabaseAvailable).Value; got != 1 {
		t.Errorf("database available = %v after the restart, want 1", got)
	}
	if got := metricstest.Read(t, ls.server.Metrics, metrics.FamilyRetries, "sqlstate", db.CodeUnableToConnect).Value; got == 0 {
		t.Errorf("no connection retries counted during the outage")
	}
}
