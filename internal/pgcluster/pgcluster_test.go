package pgcluster_test

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/edfi-dmsc/dmsc/internal/pgcluster"
	"github.com/edfi-dmsc/dmsc/internal/pgcluster/clustertest"
)

func ctxFor(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	return ctx
}

func exec1(t *testing.T, c *pgcluster.Cluster, sql string) {
	t.Helper()
	ctx := ctxFor(t)
	conn, err := pgx.Connect(ctx, c.URL("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

// count returns the rows of table t1, or an error (server down, no table).
func count(c *pgcluster.Cluster) (int, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, c.URL("postgres"))
	if err != nil {
		return 0, err
	}
	defer conn.Close(ctx)
	var n int
	err = conn.QueryRow(ctx, "SELECT count(*) FROM t1").Scan(&n)
	return n, err
}

func wantCount(t *testing.T, c *pgcluster.Cluster, want int) {
	t.Helper()
	if n, err := count(c); err != nil || n != want {
		t.Fatalf("rows = %d, %v; want %d", n, err, want)
	}
}

// TestLifecycle: start, connect, restart (same port, data kept), stop
// (refuses connections), start again, kill -9 (committed rows survive crash
// recovery), remove.
func TestLifecycle(t *testing.T) {
	c := clustertest.New(t, pgcluster.Options{})
	if c.Port == 0 || c.Port == 5432 || !c.Running() {
		t.Fatalf("port %d, running %v", c.Port, c.Running())
	}
	if !strings.HasPrefix(c.URL("postgres"), "postgres://postgres@127.0.0.1:"+strconv.Itoa(c.Port)+"/postgres") {
		t.Errorf("URL = %s", c.URL("postgres"))
	}
	exec1(t, c, "CREATE TABLE t1 (n int); INSERT INTO t1 VALUES (1)")
	port := c.Port
	if err := c.Restart(ctxFor(t)); err != nil {
		t.Fatal(err)
	}
	if c.Port != port {
		t.Errorf("port changed on restart: %d -> %d", port, c.Port)
	}
	wantCount(t, c, 1)

	if err := c.Stop(ctxFor(t)); err != nil {
		t.Fatal(err)
	}
	if c.Running() {
		t.Error("running after Stop")
	}
	if _, err := count(c); err == nil {
		t.Error("a stopped cluster answered")
	}
	if err := c.Stop(ctxFor(t)); err != nil {
		t.Errorf("second Stop: %v", err)
	}
	if err := c.Start(ctxFor(t)); err != nil {
		t.Fatal(err)
	}
	exec1(t, c, "INSERT INTO t1 VALUES (2)")

	if err := c.Kill(); err != nil {
		t.Fatal(err)
	}
	if c.Running() {
		t.Error("running after Kill")
	}
	if err := c.Start(ctxFor(t)); err != nil {
		t.Fatalf("start after kill: %v", err)
	}
	wantCount(t, c, 2)

	if err := c.Remove(ctxFor(t)); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(c.Dir); !os.IsNotExist(err) {
		t.Errorf("%s still exists: %v", c.Dir, err)
	}
}

// TestTwoClustersAtOnce: two clusters run side by side on their own ports
// and do not share data.
func TestTwoClustersAtOnce(t *testing.T) {
	a := clustertest.New(t, pgcluster.Options{})
	b := clustertest.New(t, pgcluster.Options{Settings: map[string]string{"max_connections": "20"}})
	if a.Port == b.Port || a.Dir == b.Dir {
		t.Fatalf("shared port or directory: %d %d %s %s", a.Port, b.Port, a.Dir, b.Dir)
	}
	exec1(t, a, "CREATE TABLE t1 (n int)")
	wantCount(t, a, 0)
	if _, err := count(b); err == nil || !strings.Contains(err.Error(), "t1") {
		t.Errorf("cluster b sees a's table: %v", err)
	}
	ctx := ctxFor(t)
	conn, err := pgx.Connect(ctx, b.URL("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var maxConn, fsync string
	if err := conn.QueryRow(ctx, "SELECT current_setting('max_connections'), current_setting('fsync')").Scan(&maxConn, &fsync); err != nil {
		t.Fatal(err)
	}
	if maxConn != "20" || fsync != "off" {
		t.Errorf("max_connections %s, fsync %s; want 20 and off", maxConn, fsync)
	}
}

// TestReusedDirectoryAdoptsOrMovesPort: Open of a directory finds a
// detached server running and adopts it; once stopped, a new Init of the
// directory keeps the cluster, and a start whose recorded port was taken
// meanwhile moves to a free one.
func TestReusedDirectoryAdoptsOrMovesPort(t *testing.T) {
	first := clustertest.Init(t, pgcluster.Options{Detached: true})
	if err := first.Start(ctxFor(t)); err != nil {
		t.Fatal(err)
	}
	exec1(t, first, "CREATE TABLE t1 (n int)")

	second, err := pgcluster.Open(first.Dir, pgcluster.Options{Detached: true})
	if err != nil {
		t.Fatal(err)
	}
	if !second.Running() {
		t.Fatal("the second handle does not see the running server")
	}
	if err := second.Start(ctxFor(t)); err != nil || second.Port != first.Port {
		t.Fatalf("adopting: %v, port %d want %d", err, second.Port, first.Port)
	}
	if err := second.Stop(ctxFor(t)); err != nil {
		t.Fatal(err)
	}
	if first.Running() {
		t.Fatal("still running after Stop through the second handle")
	}

	taken, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(first.Port)))
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	third, err := pgcluster.Init(first.Dir, pgcluster.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := third.Start(ctxFor(t)); err != nil {
		t.Fatalf("start with the recorded port taken: %v", err)
	}
	defer third.Stop(context.Background())
	if third.Port == first.Port {
		t.Error("started on the taken port")
	}
	wantCount(t, third, 0)
}

// helperDirEnv makes the test binary a process that starts a cluster in
// the named directory and exits without stopping it.
const helperDirEnv = "PGCLUSTER_TEST_HELPER_DIR"

func TestMain(m *testing.M) {
	if dir := os.Getenv(helperDirEnv); dir != "" {
		c, err := pgcluster.Init(dir, pgcluster.Options{})
		if err == nil {
			err = c.Start(context.Background())
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0) // no Stop: the kernel's parent-death signal must do it
	}
	os.Exit(m.Run())
}

// TestServerStopsWithItsParent: a process that dies without stopping its
// (non-detached) cluster does not leave the server running.
func TestServerStopsWithItsParent(t *testing.T) {
	if _, err := os.Stat("/proc/self"); err != nil {
		t.Skip("the parent-death signal is Linux only")
	}
	c := clustertest.Init(t, pgcluster.Options{})
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), helperDirEnv+"="+c.Dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("helper: %v\n%s", err, out)
	}
	deadline := time.Now().Add(20 * time.Second)
	for c.Running() {
		if time.Now().After(deadline) {
			t.Fatal("the server outlived the process that started it")
		}
		time.Sleep(50 * time.Millisecond)
	}
	if _, err := os.Stat(filepath.Join(c.Dir, "postmaster.pid")); !os.IsNotExist(err) {
		t.Errorf("postmaster.pid left behind (not a clean shutdown): %v", err)
	}
}

func TestInitAndOpenRefuseForeignDirectories(t *testing.T) {
	if _, err := pgcluster.FindBinaries(); err != nil {
		t.Skip(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "x"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := pgcluster.Init(dir, pgcluster.Options{}); err == nil || !strings.Contains(err.Error(), "neither empty nor a PostgreSQL data directory") {
		t.Errorf("Init: error = %v", err)
	}
	missing := filepath.Join(dir, "missing")
	if _, err := pgcluster.Open(missing, pgcluster.Options{}); err == nil || !strings.Contains(err.Error(), "holds no PostgreSQL cluster") {
		t.Errorf("Open: error = %v", err)
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Errorf("Open created %s", missing)
	}
}
