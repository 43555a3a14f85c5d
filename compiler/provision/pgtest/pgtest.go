// Package pgtest gives database tests a throw-away PostgreSQL database.
// Tests only. The server is taken from DMSC_TEST_PG (a connection URL to any
// database on the server), default postgres://postgres@127.0.0.1:5432/postgres.
// When the server is unreachable the test is skipped, or fails when the CI
// environment variable is set. Server selection and the database life cycle
// are runtime/db/dbtest's; this package adds database/sql access and
// provisioning with the compiler's DDL.
package pgtest

import (
	"context"
	"database/sql"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/edfi-dmsc/dmsc/compiler/ddl"
	"github.com/edfi-dmsc/dmsc/compiler/effschema"
	"github.com/edfi-dmsc/dmsc/compiler/provision"
	"github.com/edfi-dmsc/dmsc/runtime/db/dbtest"
)

// ConnString returns the connection URL for database name on the test
// server.
func ConnString(t testing.TB, name string) string {
	t.Helper()
	return dbtest.URL(t, name)
}

// DatabaseName reserves a unique database name and registers its removal at
// the end of the test. The database is not created: provisioning with
// CreateDatabase does that; call Create to make an empty one.
func DatabaseName(t testing.TB) string {
	t.Helper()
	return dbtest.ReserveName(t)
}

// Create makes an empty database with the given name.
func Create(t testing.TB, name string) {
	t.Helper()
	dbtest.Create(t, name)
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
