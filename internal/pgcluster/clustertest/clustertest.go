// Package clustertest gives a test its own private PostgreSQL cluster (see
// internal/pgcluster): for tests that stop, restart or kill PostgreSQL, or
// need it absent, and so must never use the machine's shared server.
//
//	c := clustertest.New(t, pgcluster.Options{})
//	url := c.URL("postgres") // running; stopped and deleted when the test ends
//
// Without PostgreSQL server binaries (or, as root, without a "postgres" OS
// user) the test is skipped, or fails when the CI environment variable is
// set. Each cluster costs about a second (initdb and start).
package clustertest

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/edfi-dmsc/dmsc/internal/pgcluster"
)

// StartTimeout bounds initdb plus the first start.
const StartTimeout = 60 * time.Second

// New initializes and starts a cluster in a fresh directory under the
// system temporary directory (not t.TempDir(), whose parent is private to
// this user and so unreachable by the postgres OS user when running as
// root). The cluster is stopped and its directory removed when the test
// ends; a failing test logs the end of the server log first.
func New(t testing.TB, opts pgcluster.Options) *pgcluster.Cluster {
	t.Helper()
	c := Init(t, opts)
	ctx, cancel := context.WithTimeout(context.Background(), StartTimeout)
	defer cancel()
	if err := c.Start(ctx); err != nil {
		t.Fatalf("starting the private PostgreSQL cluster: %v", err)
	}
	return c
}

// Init is New without the start: the cluster exists but is not running
// (for tests of a database that is down).
func Init(t testing.TB, opts pgcluster.Options) *pgcluster.Cluster {
	t.Helper()
	RequireBinaries(t)
	dir, err := os.MkdirTemp("", "pgcluster-")
	if err != nil {
		t.Fatal(err)
	}
	c, err := pgcluster.Init(dir, opts)
	if err != nil {
		os.RemoveAll(dir)
		if errors.Is(err, pgcluster.ErrNoUser) {
			unavailable(t, err)
		}
		t.Fatalf("initializing a private PostgreSQL cluster: %v", err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("end of the private cluster's log (%s):\n%s", c.Dir, c.LogTail(30))
		}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := c.Remove(ctx); err != nil {
			t.Errorf("removing the private PostgreSQL cluster: %v", err)
		}
	})
	return c
}

// RequireBinaries skips the test (fails it when CI is set) when there are
// no PostgreSQL server binaries, for tests that make clusters themselves.
func RequireBinaries(t testing.TB) {
	t.Helper()
	if _, err := pgcluster.FindBinaries(); err != nil {
		unavailable(t, err)
	}
}

func unavailable(t testing.TB, err error) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("a private PostgreSQL cluster is needed: %v", err)
	}
	t.Skipf("no private PostgreSQL cluster: %v", err)
}
