package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/edfi-dmsc/dmsc/internal/pgcluster/clustertest"
)

// TestDevDB: devdb start makes and starts a cluster that outlives the
// command and prints its URL; a second start finds it running; stop stops
// it; a directory without a cluster is refused by stop.
func TestDevDB(t *testing.T) {
	clustertest.RequireBinaries(t)
	// Under the system temporary directory and searchable by all, so the
	// postgres OS user reaches it when the test runs as root.
	parent, err := os.MkdirTemp("", "devdb-")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(parent, 0o755); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(parent, "pgdata")
	t.Cleanup(func() {
		runCLI("devdb", "stop", "--dir", dir)
		os.RemoveAll(parent)
	})

	code, url, stderr := runCLI("devdb", "start", "--dir", dir, "--database", "demo")
	if code != 0 || !strings.HasPrefix(url, "postgres://postgres@127.0.0.1:") || !strings.HasSuffix(url, "/demo?sslmode=disable\n") {
		t.Fatalf("start: exit %d, stdout %q, stderr %q", code, url, stderr)
	}
	if !strings.Contains(stderr, "initialized a private PostgreSQL cluster in "+dir) || !strings.Contains(stderr, "dmsc devdb stop --dir "+dir) {
		t.Errorf("start: stderr %q", stderr)
	}
	url = strings.TrimSpace(url)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, strings.Replace(url, "/demo?", "/postgres?", 1))
	if err != nil {
		t.Fatalf("connecting to the started cluster: %v", err)
	}
	conn.Close(ctx)

	code, again, stderr := runCLI("devdb", "start", "--dir", dir, "--database", "demo")
	if code != 0 || strings.TrimSpace(again) != url || strings.Contains(stderr, "initialized") {
		t.Errorf("second start: exit %d, stdout %q (want %q), stderr %q", code, again, url, stderr)
	}
	if code, _, stderr := runCLI("devdb", "stop", "--dir", dir); code != 0 || !strings.Contains(stderr, "stopped PostgreSQL in "+dir) {
		t.Errorf("stop: exit %d, stderr %q", code, stderr)
	}
	if code, _, stderr := runCLI("devdb", "stop", "--dir", dir); code != 0 || !strings.Contains(stderr, "not running") {
		t.Errorf("second stop: exit %d, stderr %q", code, stderr)
	}
	if code, _, stderr := runCLI("devdb", "stop", "--dir", filepath.Join(parent, "absent")); code != exitFailure || !strings.Contains(stderr, "holds no PostgreSQL cluster") {
		t.Errorf("stop of a directory without a cluster: exit %d, stderr %q", code, stderr)
	}
}
