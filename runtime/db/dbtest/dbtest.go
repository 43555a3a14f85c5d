// Package dbtest gives tests their own throw-away PostgreSQL database.
package dbtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// AdminURLEnv names the environment variable holding the URL of a database
// the tests may connect to in order to create and drop databases.
const AdminURLEnv = "DMSC_TEST_PG"

// DefaultAdminURL is used when AdminURLEnv is unset.
const DefaultAdminURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

// New creates a uniquely named empty database, drops it when the test ends,
// and returns its URL. Without a reachable server the test is skipped, or
// fails when the CI environment variable is set.
func New(t testing.TB) string {
	t.Helper()
	admin := os.Getenv(AdminURLEnv)
	if admin == "" {
		admin = DefaultAdminURL
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("PostgreSQL not reachable at %s=%q: %v", AdminURLEnv, admin, err)
		}
		t.Skipf("PostgreSQL not reachable (set %s): %v", AdminURLEnv, err)
	}
	defer conn.Close(ctx)

	var suffix [6]byte
	if _, err := rand.Read(suffix[:]); err != nil {
		t.Fatal(err)
	}
	name := "dmsc_test_" + hex.EncodeToString(suffix[:])
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("creating test database %s: %v", name, err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		c, err := pgx.Connect(ctx, admin)
		if err != nil {
			t.Errorf("dropping test database %s: %v", name, err)
			return
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("dropping test database %s: %v", name, err)
		}
	})

	u, err := url.Parse(admin)
	if err != nil {
		t.Fatalf("%s is not a URL: %v", AdminURLEnv, err)
	}
	u.Path = "/" + name
	return u.String()
}
