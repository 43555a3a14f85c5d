// Package pgtest gives database tests a throw-away PostgreSQL database.
// Tests only. The server is taken from DMSC_TEST_PG (a connection URL to any
// database on the server), default postgres://postgres@127.0.0.1:5432/postgres.
// When the server is unreachable the test is skipped, or fails when the CI
// environment variable is set.
package pgtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/edfi-dmsc/dmsc/compiler/ddl"
	"github.com/edfi-dmsc/dmsc/compiler/effschema"
	"github.com/edfi-dmsc/dmsc/compiler/provision"
)

func serverURL() string {
	if s := os.Getenv("DMSC_TEST_PG"); s != "" {
		return s
	}
	return "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
}

// ConnString returns the connection URL for database name on the test
// server.
func ConnString(t testing.TB, name string) string {
	t.Helper()
	u, err := url.Parse(serverURL())
	if err != nil {
		t.Fatalf("DMSC_TEST_PG: %v", err)
	}
	u.Path = "/" + name
	return u.String()
}

func admin(t testing.TB) *sql.DB {
	t.Helper()
	cfg, err := pgx.ParseConfig(serverURL())
	if err != nil {
		t.Fatalf("DMSC_TEST_PG: %v", err)
	}
	db := stdlib.OpenDB(*cfg)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		if os.Getenv("CI") != "" {
			t.Fatalf("PostgreSQL test server unreachable (required when CI is set): %v", err)
		}
		t.Skipf("PostgreSQL test server unreachable: %v", err)
	}
	return db
}

// DatabaseName reserves a unique database name and registers its removal at
// the end of the test. The database is not created: provisioning with
// CreateDatabase does that; call Create to make an empty one.
func DatabaseName(t testing.TB) string {
	t.Helper()
	db := admin(t)
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		t.Fatal(err)
	}
	name := "dmsc_test_" + hex.EncodeToString(b[:])
	t.Cleanup(func() {
		defer db.Close()
		if _, err := db.Exec(`DROP DATABASE IF EXISTS "` + name + `" WITH (FORCE)`); err != nil {
			t.Errorf("dropping test database %s: %v", name, err)
		}
	})
	return name
}

// Create makes an empty database with the given name.
func Create(t testing.TB, name string) {
	t.Helper()
	db := admin(t)
	defer db.Close()
	if _, err := db.Exec(`CREATE DATABASE "` + name + `"`); err != nil {
		t.Fatalf("creating test database %s: %v", name, err)
	}
}

// Open connects to a test database.
func Open(t testing.TB, name string) *sql.DB {
	t.Helper()
	cfg, err := pgx.ParseConfig(ConnString(t, name))
	if err != nil {
		t.Fatal(err)
	}
	db := stdlib.OpenDB(*cfg)
	t.Cleanup(func() { db.Close() })
	return db
}

// Provisioned creates a throw-away database, provisions the PostgreSQL
// script compiled for info into it and returns its name. The database is
// dropped at the end of the test.
func Provisioned(t testing.TB, script string, info *effschema.Info) string {
	t.Helper()
	name := DatabaseName(t)
	if _, err := provision.Provision(context.Background(), ddl.Pgsql, ConnString(t, name), script, info, provision.Options{CreateDatabase: true}); err != nil {
		t.Fatalf("provisioning test database %s: %v", name, err)
	}
	return name
}
