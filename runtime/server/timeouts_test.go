package server

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/edfi-dmsc/dmsc/runtime/metrics"
	"github.com/edfi-dmsc/dmsc/runtime/metrics/metricstest"
	"github.com/jackc/pgx/v5/pgxpool"
)

// serveTest serves s on a loopback port (and its admin handler on admin,
// when not nil) until the test ends and returns the public address.
func serveTest(t *testing.T, s *Server, admin net.Listener) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln, admin) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	return ln.Addr().String()
}

type serverFootprint struct {
	liveHeap   uint64
	goroutines int
}

func measureFootprint() serverFootprint {
	// Two collections: the first moves sync.Pool contents (the server's
	// pooled connection buffers) to the victim cache, the second frees them.
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return serverFootprint{ms.HeapAlloc, runtime.NumGoroutine()}
}

func (f serverFootprint) String() string {
	return fmt.Sprintf("live heap %.1f MiB, %d goroutines", float64(f.liveHeap)/(1<<20), f.goroutines)
}

// TestStalledBodiesAreClosedWithinReadTimeout is the slow-client attack of
// issue 9: connections that send headers announcing a body and then stall
// it. Each must be answered 408 and closed by the server within the read
// timeout, and the server's goroutines and heap must return to where they
// were.
func TestStalledBodiesAreClosedWithinReadTimeout(t *testing.T) {
	const (
		connections = 300
		readTimeout = time.Second
		margin      = 5 * time.Second // a loaded 2-core CI machine
	)
	s, f, _ := newTestServer(t, Config{Timeouts: Timeouts{ReadTimeout: readTimeout}}, nil)
	addr := serveTest(t, s, nil)
	before := measureFootprint()

	conns := make([]net.Conn, connections)
	opened := make([]time.Time, connections)
	for i := range conns {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatalf("connection %d: %v", i, err)
		}
		defer c.Close()
		opened[i] = time.Now()
		if _, err := io.WriteString(c, "POST /data/ed-fi/students HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"+
			"Content-Length: 1000\r\n\r\n{\"studentUniqueId\":"); err != nil {
			t.Fatal(err)
		}
		conns[i] = c
	}
	during := measureFootprint()

	var slowest time.Duration
	for i, c := range conns {
		_ = c.SetReadDeadline(opened[i].Add(readTimeout + margin))
		answer, err := io.ReadAll(c) // until the server closes the connection
		closedAfter := time.Since(opened[i])
		if err != nil {
			t.Fatalf("connection %d not closed by the server within %v: %v", i, readTimeout+margin, err)
		}
		if !bytes.HasPrefix(answer, []byte("HTTP/1.1 408")) || !bytes.Contains(answer, []byte("urn:ed-fi:api:request-timeout")) {
			t.Fatalf("connection %d answered %q", i, answer)
		}
		slowest = max(slowest, closedAfter)
	}
	// The server's connection goroutines end shortly after the close.
	after := measureFootprint()
	for deadline := time.Now().Add(5 * time.Second); after.goroutines > before.goroutines+5 && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
		after = measureFootprint()
	}
	t.Logf("%d stalled bodies, read timeout %v: all answered 408 and closed, the last %v after connecting", connections, readTimeout, slowest.Round(time.Millisecond))
	t.Logf("server footprint before: %v; with %d stalled connections: %v; after: %v", before, connections, during, after)
	if after.goroutines > before.goroutines+5 {
		t.Errorf("goroutines leaked: %d before, %d after", before.goroutines, after.goroutines)
	}
	if len(f.calls) != 0 {
		t.Errorf("a stalled body reached the handler's write: %v", f.calls)
	}
	if got := metricstest.Read(t, s.Metrics, metrics.FamilyGuardrails, "limit", metrics.LimitReadTimeout).Value; got != connections {
		t.Errorf("read-timeout rejections counted: %v, want %d", got, connections)
	}
}

// TestStalledHeadersAndOversizeHeaders: a client that never finishes its
// headers is cut off at the read-header timeout, and headers over the limit
// get 431.
func TestStalledHeadersAndOversizeHeaders(t *testing.T) {
	s, _, _ := newTestServer(t, Config{Timeouts: Timeouts{ReadHeaderTimeout: 300 * time.Millisecond, MaxHeaderBytes: 4096}}, nil)
	addr := serveTest(t, s, nil)

	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	start := time.Now()
	if _, err := io.WriteString(c, "GET / HTTP/1.1\r\nHost: x\r\n"); err != nil {
		t.Fatal(err)
	}
	_ = c.SetReadDeadline(start.Add(5 * time.Second))
	if _, err := io.ReadAll(c); err != nil {
		t.Fatalf("stalled headers: connection not closed: %v", err)
	}
	t.Logf("stalled headers closed after %v", time.Since(start).Round(time.Millisecond))

	c2, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	_ = c2.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.WriteString(c2, "GET / HTTP/1.1\r\nHost: x\r\nX-Big: "+strings.Repeat("a", 16<<10)+"\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	answer, _ := io.ReadAll(c2)
	if !bytes.HasPrefix(answer, []byte("HTTP/1.1 431")) {
		t.Errorf("oversize headers answered %q", answer)
	}
}

func TestTimeoutDefaultsAndValidation(t *testing.T) {
	got := Timeouts{}.withDefaults()
	want := Timeouts{ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second, WriteTimeout: time.Minute,
		IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10}
	if got != want {
		t.Errorf("defaults %+v, want %+v", got, want)
	}
	for _, tt := range []struct {
		t    Timeouts
		fail bool
	}{
		{Timeouts{WriteTimeout: time.Minute, StatementTimeout: 30 * time.Second}, false},
		{Timeouts{WriteTimeout: time.Minute}, false},
		{Timeouts{WriteTimeout: 30 * time.Second, StatementTimeout: 30 * time.Second}, true},
		{Timeouts{StatementTimeout: -time.Second}, true},
	} {
		if err := tt.t.validate(); (err != nil) != tt.fail {
			t.Errorf("%+v: %v", tt.t, err)
		}
	}
}

func TestWithStatementTimeout(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"postgres://u:p%40ss@h:5432/d?sslmode=disable", "1500"},
		{"postgresql://h1:5432,h2:5433/d?statement_timeout=99", "1500"},
		{"host=h dbname=d", "1500"},
		{"host=h dbname=d statement_timeout=99", "1500"},
	} {
		cs, err := withStatementTimeout(tt.in, 1500*time.Millisecond)
		if err != nil {
			t.Fatalf("%s: %v", tt.in, err)
		}
		cfg, err := pgxpool.ParseConfig(cs)
		if err != nil {
			t.Fatalf("%s → %s: %v", tt.in, cs, err)
		}
		if got := cfg.ConnConfig.RuntimeParams["statement_timeout"]; got != tt.want {
			t.Errorf("%s → %s: statement_timeout %q, want %q", tt.in, cs, got, tt.want)
		}
		if strings.HasPrefix(tt.in, "postgres://u:") && cfg.ConnConfig.Password != "p@ss" {
			t.Errorf("password changed: %q", cfg.ConnConfig.Password)
		}
	}
	if cs, _ := withStatementTimeout("host=h", 0); cs != "host=h" {
		t.Errorf("0 must leave the connection string alone: %q", cs)
	}
	if _, err := withStatementTimeout("postgres://u:secret@h:x:y/%zz", time.Second); err == nil || strings.Contains(err.Error(), "secret") {
		t.Errorf("bad URL: %v", err)
	}
}
