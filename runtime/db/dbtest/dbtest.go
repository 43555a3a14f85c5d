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

// AdminURL is the URL of the administrative database on the test server.
func AdminURL() string {
	if s := os.Getenv(AdminURLEnv); s != "" {
		return s
	}
	return DefaultAdminURL
}

// New creates a uniquely named empty database, drops it when the test ends,
// and returns its URL. Without a reachable server the test is skipped, or
// fails when the CI environment variable is set.
func New(t testing.TB) string {
	t.Helper()
	name := ReserveName(t)
	Create(t, name)
	return URL(t, name)
}

// ReserveName returns a unique database name and registers the drop of
// that database at the end of the test. The database is not created, for
// tests whose code under test creates it; Create makes an empty one.
// Without a reachable server the test is skipped, or fails when the CI
// environment variable is set.
func ReserveName(t testing.TB) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	connectAdmin(t, ctx).Close(ctx)

	var suffix [6]byte
	if _, err := rand.Read(suffix[:]); err != nil {
		t.Fatal(err)
	}
	name := "dmsc_test_" + hex.EncodeToString(suffix[:])
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		c, err := pgx.Connect(ctx, AdminURL())
		if err != nil {
			t.Errorf("dropping test database %s: %v", name, err)
			return
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, `DROP DATABASE IF EXISTS "`+name+`" WITH (FORCE)`); err != nil {
			t.Errorf("dropping test database %s: %v", name, err)
		}
	})
	return name
}

// Create makes an empty database with the given name.
func Create(t testing.TB, name string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn := connectAdmin(t, ctx)
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `CREATE DATABASE "`+name+`"`); err != nil {
		t.Fatalf("creating test database %s: %v", name, err)
	}
}

// URL returns the URL of database name on the test server.
func URL(t testing.TB, name string) string {
	t.Helper()
	u, err := url.Parse(AdminURL())
	if err != nil {
		t.Fatalf("%s is not a URL: %v", AdminURLEnv, err)
	}
	u.Path = "/" + name
	return u.String()
}

// connectAdmin connects to the administrative database, skipping the test
// (failing it when CI is set) when the server is unreachable.
func connectAdmin(t testing.TB, ctx context.Context) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(ctx, AdminURL())
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("PostgreSQL not reachable at %s=%q: %v", AdminURLEnv, AdminURL(), err)
		}
		t.Skipf("PostgreSQL not reachable (set %s): %v", AdminURLEnv, err)
	}
	return conn
}
