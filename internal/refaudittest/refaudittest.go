// Package refaudittest gives the tests of the referential-identity audit
// (runtime/refaudit, `dmsc audit`, the server's watchdog) a database
// provisioned for the bundled schema (schemas/default), filled with
// `dmsc fake` documents through the committed generated server, and small
// helpers to damage it. Tests only.
package refaudittest

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/edfi-dmsc/dmsc/compiler/ddl"
	"github.com/edfi-dmsc/dmsc/compiler/ddl/modelddl"
	"github.com/edfi-dmsc/dmsc/compiler/fake"
	"github.com/edfi-dmsc/dmsc/compiler/provision"
	defaultschema "github.com/edfi-dmsc/dmsc/generated/default"
	"github.com/edfi-dmsc/dmsc/internal/apiload"
	"github.com/edfi-dmsc/dmsc/internal/refdata"
	"github.com/edfi-dmsc/dmsc/internal/testschema"
	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/db/dbtest"
	"github.com/edfi-dmsc/dmsc/runtime/server"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Env is a loaded database and the generated server over it.
type Env struct {
	// Schemas are the bundled schema files, core first.
	Schemas []string
	// URL is the database's connection string.
	URL  string
	Pool *pgxpool.Pool
	// API is the root URL of the generated server serving the database.
	API string
	// Lines are the documents loaded, in load order.
	Lines []apiload.Line
}

// New provisions a throw-away database for the bundled schema and loads
// perResource fake documents of every resource (seed 1) through the
// generated server.
func New(t testing.TB, perResource int) *Env {
	t.Helper()
	repo := refdata.RepoRoot(t)
	files := []string{filepath.Join(repo, "schemas/default/core.ApiSchema.json"), filepath.Join(repo, "schemas/default/sample.ApiSchema.json")}
	set, info := testschema.Files(t, files...)
	script, _, err := modelddl.Script(set, info, ddl.Pgsql, true)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	url := dbtest.New(t)
	if _, err := provision.Provision(ctx, ddl.Pgsql, url, script, info, provision.Options{Timeout: 2 * time.Minute}); err != nil {
		t.Fatalf("provisioning: %v", err)
	}
	pool, err := db.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	s := server.New(server.Config{ResourceLinks: true}, defaultschema.App, pool, nil, slog.New(slog.NewTextHandler(io.Discard, nil)))
	defaultschema.Register(s)
	api := httptest.NewServer(s.Handler())
	t.Cleanup(api.Close)

	var docs bytes.Buffer
	if _, err := fake.Generate(set, fake.Options{Count: perResource, Seed: 1}, &docs); err != nil {
		t.Fatal(err)
	}
	lines, err := apiload.Read(&docs)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := apiload.Load(ctx, lines, apiload.Options{BaseURL: api.URL, Concurrency: 4})
	if err != nil {
		t.Fatalf("loading documents: %v", err)
	}
	if len(rep.Failures) > 0 {
		t.Fatalf("loading documents: %d failed, first: %s", len(rep.Failures), rep.Failures[0])
	}
	return &Env{Schemas: files, URL: url, Pool: pool, API: api.URL, Lines: lines}
}

// Exec runs statements, failing the test on error.
func (e *Env) Exec(t testing.TB, sql string, args ...any) {
	t.Helper()
	if _, err := e.Pool.Exec(context.Background(), sql, args...); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

// Int64s runs a query selecting one bigint column.
func (e *Env) Int64s(t testing.TB, sql string, args ...any) []int64 {
	t.Helper()
	rows, err := e.Pool.Query(context.Background(), sql, args...)
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return out
}

// DocumentIDs returns the DocumentIds of a table's rows, in order; for
// dms.Descriptor those of one resource key.
func (e *Env) DocumentIDs(t testing.TB, table string, where string) []int64 {
	t.Helper()
	q := `SELECT "DocumentId" FROM ` + table
	if where != "" {
		q += " WHERE " + where
	}
	return e.Int64s(t, q+` ORDER BY "DocumentId"`)
}

// UUID returns a document's DocumentUuid.
func (e *Env) UUID(t testing.TB, documentID int64) string {
	t.Helper()
	var id string
	if err := e.Pool.QueryRow(context.Background(), `SELECT "DocumentUuid"::text FROM "dms"."Document" WHERE "DocumentId" = $1`, documentID).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

// Swap exchanges the ReferentialIds of two rows (document, resource key)
// in three steps, as the primary key is checked row by row.
func (e *Env) Swap(t testing.TB, docA int64, keyA int16, docB int64, keyB int16) {
	t.Helper()
	e.Rotate(t, []int64{docA, docB}, []int16{keyA, keyB})
}

// Rotate moves each listed row's ReferentialId to the next row (the last
// one's to the first).
func (e *Env) Rotate(t testing.TB, docs []int64, keys []int16) {
	t.Helper()
	ctx := context.Background()
	tx, err := e.Pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	ids := make([]string, len(docs))
	for i := range docs {
		if err := tx.QueryRow(ctx, `DELETE FROM "dms"."ReferentialIdentity" WHERE "DocumentId" = $1 AND "ResourceKeyId" = $2 RETURNING "ReferentialId"::text`,
			docs[i], keys[i]).Scan(&ids[i]); err != nil {
			t.Fatalf("rotating row (%d, %d): %v", docs[i], keys[i], err)
		}
	}
	for i := range docs {
		next := (i + 1) % len(docs)
		if _, err := tx.Exec(ctx, `INSERT INTO "dms"."ReferentialIdentity" ("ReferentialId", "DocumentId", "ResourceKeyId") VALUES ($1::uuid, $2, $3)`,
			ids[i], docs[next], keys[next]); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
}

// Post sends a document to the generated server and returns the status
// and body.
func (e *Env) Post(t testing.TB, path, body string) (int, string) {
	t.Helper()
	resp, err := http.Post(e.API+path, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}
