package server

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/db/dbtest"
)

func TestStartCommandLine(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := Start(context.Background(), noteApp, []string{"--help"}, &out, &errOut, func(*Server) {}); code != 0 || !strings.Contains(out.String(), "--connection-string") {
		t.Errorf("--help: code %d, output %q", code, out.String())
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
		done <- Start(ctx, noteApp, []string{"--connection-string", url, "--listen", addr}, &logs, &logs, func(s *Server) {
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
