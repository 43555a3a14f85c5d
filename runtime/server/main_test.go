package server

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/db/dbtest"
	"github.com/edfi-dmsc/dmsc/runtime/metrics"
	"github.com/edfi-dmsc/dmsc/runtime/metrics/metricstest"
	"github.com/google/uuid"
)

func TestStartCommandLine(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := Start(context.Background(), noteApp, []string{"--help"}, &out, &errOut, func(*Server) {}); code != 0 || !strings.Contains(out.String(), "--connection-string") {
		t.Errorf("--help: code %d, output %q", code, out.String())
	}
	// The usage names the binary that runs (here the test binary), not "server".
	if usage := "Usage: " + filepath.Base(os.Args[0]) + " "; !strings.HasPrefix(out.String(), usage) {
		t.Errorf("--help does not start with %q:\n%s", usage, out.String())
	}
	for _, flag := range []string{"--read-header-timeout", "--read-timeout", "--write-timeout", "--idle-timeout", "--max-header-bytes", "--statement-timeout", "--admin-listen"} {
		if !strings.Contains(out.String(), flag) {
			t.Errorf("--help lacks %s", flag)
		}
	}
	errOut.Reset()
	if code := Start(context.Background(), noteApp, []string{"--connection-string", "host=x", "--statement-timeout", "90s"}, &out, &errOut, func(*Server) {}); code != 2 || !strings.Contains(errOut.String(), "--write-timeout") {
		t.Errorf("statement timeout beyond the write timeout: code %d, stderr %q", code, errOut.String())
	}
	t.Setenv("DMSC_CONNECTION_STRING", "")
	for _, args := range [][]string{nil, {"--connection-string", " "}} {
		errOut.Reset()
		if code := Start(context.Background(), noteApp, args, &out, &errOut, func(*Server) {}); code != 2 || !strings.Contains(errOut.String(), "connection-string") {
			t.Errorf("%v with empty DMSC_CONNECTION_STRING: code %d, stderr %q", args, code, errOut.String())
		}
	}
}

// TestStartServesFirstRequestQuickly measures what the issue asks: the time
// from start-up (database reachable) to the first answered data request,
// which includes the pool's first connection and the schema gate.
func TestStartServesFirstRequestQuickly(t *testing.T) {
	url := dbtest.New(t)
	setupPool, err := db.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := setupPool.Exec(context.Background(), noteDDL+gateDDL); err != nil {
		t.Fatal(err)
	}
	setupPool.Close()

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()

	ctx, cancel := context.WithCancel(context.Background())
	var logs bytes.Buffer
	done := make(chan int, 1)
	start := time.Now()
	go func() {
		done <- Start(ctx, noteApp, []string{"--connection-string", url, "--listen", addr, "--auth=off"}, &logs, &logs, func(s *Server) {
			s.Register("test", "notes", &noteResource{pool: s.Pool})
		})
	}()
	var resp *http.Response
	for {
		resp, err = http.Post("http://"+addr+"/data/test/notes", "application/json", strings.NewReader(`{"code":"a","body":"b"}`))
		if err == nil || time.Since(start) > 5*time.Second {
			break
		}
		time.Sleep(time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	elapsed := time.Since(start)
	t.Logf("start-up to first answered POST (pool connect + schema gate + insert): %v", elapsed)
	if resp.StatusCode != 201 {
		t.Fatalf("first POST: %d", resp.StatusCode)
	}
	if elapsed > 100*time.Millisecond {
		t.Errorf("first request answered after %v, want < 100ms", elapsed)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("exit code %d after cancel; log:\n%s", code, logs.String())
	}
	for _, want := range []string{"UNAUTHENTICATED", "database matches the compiled effective schema", "server stopped"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("log lacks %q:\n%s", want, logs.String())
		}
	}
}

// lockedBuffer collects the log of a server running in another goroutine.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// mainRun is Start running in a goroutine on a free loopback port.
type mainRun struct {
	addr   string // host:port of the public listener
	cancel context.CancelFunc
	logs   *lockedBuffer
	done   chan int
	code   *int
}

// FreeAddr returns a loopback address whose port was free a moment ago
// (exported for the external tests).
func FreeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// startMain runs Start with args plus --listen on a free port and waits
// until the server answers; the server is stopped when the test ends.
func startMain(t *testing.T, args []string, register func(*Server)) *mainRun {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	run := &mainRun{addr: FreeAddr(t), cancel: cancel, logs: &lockedBuffer{}, done: make(chan int, 1)}
	go func() {
		run.done <- Start(ctx, noteApp, append(args, "--listen", run.addr, "--auth=off"), run.logs, run.logs, register)
	}()
	t.Cleanup(func() {
		cancel()
		run.wait()
	})
	for start := time.Now(); ; time.Sleep(5 * time.Millisecond) {
		resp, err := http.Get("http://" + run.addr + "/")
		if err == nil {
			resp.Body.Close()
			return run
		}
		if time.Since(start) > 10*time.Second {
			t.Fatalf("server did not start: %v\n%s", err, run.logs)
		}
	}
}

// wait returns Start's exit code.
func (r *mainRun) wait() int {
	if r.code == nil {
		code := <-r.done
		r.code = &code
	}
	return *r.code
}

// notesDB is a test database holding the note table and the schema gate's
// rows for noteApp.
func notesDB(t *testing.T) string {
	t.Helper()
	url := dbtest.New(t)
	pool, err := db.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	if _, err := pool.Exec(context.Background(), noteDDL+gateDDL); err != nil {
		t.Fatal(err)
	}
	return url
}

// blockingResource holds GET by id until release is closed (or, with
// release nil, until the request's context ends), then answers from the
// database.
type blockingResource struct {
	fakeResource
	srv      func() *Server
	entered  chan struct{}
	release  chan struct{}
	mu       sync.Mutex
	finished time.Time
	ctxErr   error
}

func (b *blockingResource) GetByID(r *Request, id uuid.UUID) error {
	close(b.entered)
	select {
	case <-b.release:
	case <-r.Context().Done():
	}
	var one int
	err := b.srv().Pool.QueryRow(r.Context(), "SELECT 1").Scan(&one)
	b.mu.Lock()
	b.finished, b.ctxErr = time.Now(), r.Context().Err()
	b.mu.Unlock()
	if err != nil {
		return err
	}
	return r.Document(r.Tag(1), []byte(`{}`))
}

// TestGracefulShutdown: on the stop signal the server refuses new
// connections at once, lets the in-flight request finish (with a working
// pool), stops the background tasks only after that, and closes the pool
// before Start returns.
func TestGracefulShutdown(t *testing.T) {
	var srv *Server
	res := &blockingResource{srv: func() *Server { return srv }, entered: make(chan struct{}), release: make(chan struct{})}
	var (
		bgMu      sync.Mutex
		bgStopped time.Time
		bgPingErr error
	)
	run := startMain(t, []string{"--connection-string", notesDB(t), "--shutdown-timeout", "10s"}, func(s *Server) {
		srv = s
		s.Register("test", "slow", res)
		s.Background(func(ctx context.Context) {
			<-ctx.Done()
			err := s.Pool.Ping(context.Background())
			bgMu.Lock()
			bgStopped, bgPingErr = time.Now(), err
			bgMu.Unlock()
		})
	})
	answered := make(chan int, 1)
	go func() {
		resp, err := http.Get("http://" + run.addr + "/data/test/slow/" + fixedID.String())
		if err != nil {
			t.Error(err)
			answered <- 0
			return
		}
		resp.Body.Close()
		answered <- resp.StatusCode
	}()
	<-res.entered
	run.cancel()
	refused := false
	for start := time.Now(); time.Since(start) < 5*time.Second; time.Sleep(5 * time.Millisecond) {
		c, err := net.Dial("tcp", run.addr)
		if err != nil {
			refused = true
			break
		}
		c.Close()
	}
	if !refused {
		t.Fatal("new connections still accepted after the stop signal")
	}
	bgMu.Lock()
	early := !bgStopped.IsZero()
	bgMu.Unlock()
	if early {
		t.Error("background task stopped before the in-flight request finished")
	}
	close(res.release)
	if status := <-answered; status != 200 {
		t.Errorf("in-flight request answered %d, want 200", status)
	}
	if code := run.wait(); code != 0 {
		t.Fatalf("exit code %d:\n%s", code, run.logs)
	}
	if bgPingErr != nil || bgStopped.Before(res.finished) {
		t.Errorf("background task stopped at %v (ping: %v), request finished at %v", bgStopped, bgPingErr, res.finished)
	}
	if err := srv.Pool.Ping(context.Background()); err == nil {
		t.Error("the pool is still open after Start returned")
	}
	for _, want := range []string{"shutting down", "server stopped"} {
		if !strings.Contains(run.logs.String(), want) {
			t.Errorf("log lacks %q:\n%s", want, run.logs)
		}
	}
}

// TestShutdownCutsOffRequestsAfterTheTimeout: a request still running at
// the end of the shutdown timeout has its context cancelled, so its
// statements end and the pool can close; Start reports the failure.
func TestShutdownCutsOffRequestsAfterTheTimeout(t *testing.T) {
	var srv *Server
	res := &blockingResource{srv: func() *Server { return srv }, entered: make(chan struct{})}
	run := startMain(t, []string{"--connection-string", notesDB(t), "--shutdown-timeout", "200ms"}, func(s *Server) {
		srv = s
		s.Register("test", "slow", res)
	})
	go func() {
		if resp, err := http.Get("http://" + run.addr + "/data/test/slow/" + fixedID.String()); err == nil {
			resp.Body.Close()
		}
	}()
	<-res.entered
	start := time.Now()
	run.cancel()
	if code := run.wait(); code != 1 || !strings.Contains(run.logs.String(), "cut off") {
		t.Errorf("exit code %d:\n%s", code, run.logs)
	}
	t.Logf("Start returned %v after the stop signal (shutdown timeout 200ms)", time.Since(start).Round(time.Millisecond))
	res.mu.Lock()
	defer res.mu.Unlock()
	if !errors.Is(res.ctxErr, context.Canceled) {
		t.Errorf("the cut-off request's context: %v", res.ctxErr)
	}
}

// sleepyNotes writes a note and then runs a statement longer than any
// sensible statement timeout, in one transaction.
type sleepyNotes struct {
	fakeResource
	srv func() *Server
}

func (n *sleepyNotes) Upsert(r *Request) error {
	return db.InTx(r.Context(), n.srv().Pool, db.DefaultRetryPolicy, func(ctx context.Context, tx *db.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO note (uuid, code, body) VALUES ($1, 'slow', 'never stored')`, uuid.New()); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `SELECT pg_sleep(10)`)
		return err
	})
}

// TestStatementTimeoutAnswers503: with --statement-timeout PostgreSQL
// cancels the request's long statement; the transaction is rolled back and
// the client gets a 503 naming the limit.
func TestStatementTimeoutAnswers503(t *testing.T) {
	url := notesDB(t)
	var srv *Server
	run := startMain(t, []string{"--connection-string", url, "--statement-timeout", "150ms"}, func(s *Server) {
		srv = s
		s.Register("test", "notes", &sleepyNotes{srv: func() *Server { return srv }})
	})
	start := time.Now()
	resp, err := http.Post("http://"+run.addr+"/data/test/notes", "application/json", strings.NewReader(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	elapsed := time.Since(start)
	if resp.StatusCode != 503 || !strings.Contains(string(body), "urn:ed-fi:api:service-unavailable") ||
		!strings.Contains(string(body), "statement timeout (150ms)") || !strings.Contains(string(body), "Nothing was written") {
		t.Fatalf("got %d %s", resp.StatusCode, body)
	}
	t.Logf("statement timeout 150ms: answered 503 after %v", elapsed.Round(time.Millisecond))
	if elapsed > 5*time.Second {
		t.Errorf("answered after %v: the statement was not cancelled", elapsed)
	}
	pool, err := db.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	var notes int
	if err := pool.QueryRow(context.Background(), "SELECT count(*) FROM note").Scan(&notes); err != nil || notes != 0 {
		t.Errorf("notes after the timed-out request: %d %v", notes, err)
	}
	if got := metricstest.Read(t, srv.Metrics, metrics.FamilyGuardrails, "limit", metrics.LimitStatementTimeout).Value; got != 1 {
		t.Errorf("statement-timeout rejections counted: %v", got)
	}
}
