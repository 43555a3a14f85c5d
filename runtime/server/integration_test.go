package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/db/dbtest"
	"github.com/edfi-dmsc/dmsc/runtime/etag"
	"github.com/edfi-dmsc/dmsc/runtime/jsonw"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/edfi-dmsc/dmsc/runtime/schemagate"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// noteResource is a hand-written stand-in for a generated resource: one
// table with a natural key, stamps from a sequence, written and read
// through the runtime's pieces.
type noteResource struct {
	pool       *pgxpool.Pool
	roundTrips []int64 // per handled request
}

const noteDDL = `
CREATE SEQUENCE note_version;
CREATE TABLE note (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    uuid uuid NOT NULL UNIQUE,
    code text NOT NULL UNIQUE,
    body text NOT NULL,
    version bigint NOT NULL DEFAULT nextval('note_version'),
    modified timestamptz NOT NULL DEFAULT now());
CREATE TABLE note_ref (id int PRIMARY KEY, note_id bigint CONSTRAINT fk_noteref_note REFERENCES note(id));`

func (n *noteResource) count(ctx context.Context) (context.Context, func()) {
	ctx, rt := db.WithRoundTrips(ctx)
	return ctx, func() { n.roundTrips = append(n.roundTrips, rt.Count()) }
}

func (n *noteResource) Upsert(r *Request) error {
	body, err := r.Body()
	if err != nil {
		return err
	}
	var doc struct{ Code, Body string }
	if err := json.Unmarshal(body, &doc); err != nil || doc.Code == "" {
		var ve problem.ValidationErrors
		ve.Add("$.code", "code is required.")
		return problem.DataValidation(ve)
	}
	ctx, done := n.count(r.Context())
	defer done()
	var (
		id       uuid.UUID
		version  int64
		inserted bool
	)
	err = db.InTx(ctx, n.pool, db.DefaultRetryPolicy, func(ctx context.Context, tx *db.Tx) error {
		b := &pgx.Batch{}
		b.Queue(`INSERT INTO note (uuid, code, body) VALUES ($1, $2, $3)
			ON CONFLICT (code) DO UPDATE SET body = excluded.body, version = nextval('note_version'), modified = now()
			RETURNING uuid, version, xmax = 0`, uuid.New(), doc.Code, doc.Body).QueryRow(func(row pgx.Row) error {
			return row.Scan(&id, &version, &inserted)
		})
		return tx.SendFinalBatch(ctx, b).Close()
	})
	if err != nil {
		return err
	}
	if inserted {
		return r.Created(id, version)
	}
	return r.Upserted(id, version)
}

func (n *noteResource) Update(r *Request, id uuid.UUID) error {
	return problem.MethodNotAllowed(collectionMethods, "not in this test")
}

func (n *noteResource) GetByID(r *Request, id uuid.UUID) error {
	ctx, done := n.count(r.Context())
	defer done()
	var (
		code, body string
		version    int64
		modified   time.Time
	)
	err := n.pool.QueryRow(ctx, `SELECT code, body, version, modified FROM note WHERE uuid = $1`, id).Scan(&code, &body, &version, &modified)
	if errors.Is(err, pgx.ErrNoRows) {
		return r.NotFound()
	}
	if err != nil {
		return err
	}
	tag := r.Tag(version)
	if etag.NotModified(r.IfNoneMatch(), tag) {
		return r.NotModified(tag)
	}
	var w jsonw.Writer
	w.BeginObject()
	w.Key("id")
	w.UUID(id)
	w.Key("code")
	w.String(code)
	w.Key("body")
	w.String(body)
	w.Key("_etag")
	w.String(tag)
	w.Key("_lastModifiedDate")
	w.String(etag.LastModified(modified))
	w.EndObject()
	return r.Document(tag, w.Bytes())
}

func (n *noteResource) Query(r *Request, p Paging) error {
	if f := r.Filters(); len(f) > 0 {
		return problem.UnknownQueryField(f[0].Name)
	}
	return r.Page([]byte("[]"), -1)
}

func (n *noteResource) Delete(r *Request, id uuid.UUID) error {
	ctx, done := n.count(r.Context())
	defer done()
	var deleted int64
	err := db.InTx(ctx, n.pool, db.DefaultRetryPolicy, func(ctx context.Context, tx *db.Tx) error {
		tag, err := tx.Exec(ctx, `DELETE FROM note WHERE uuid = $1`, id)
		deleted = tag.RowsAffected()
		return err
	})
	if p, ok := db.DeleteConflict(err, func(v db.Violation) string {
		if v.Constraint == "fk_noteref_note" {
			return "NoteRef"
		}
		return ""
	}); ok {
		return p
	}
	if err != nil {
		return err
	}
	if deleted == 0 {
		return r.NotFound()
	}
	return r.Deleted()
}

const gateDDL = `
CREATE SCHEMA dms;
CREATE TABLE "dms"."EffectiveSchema" ("EffectiveSchemaSingletonId" smallint PRIMARY KEY, "ApiSchemaFormatVersion" varchar(64) NOT NULL,
    "EffectiveSchemaHash" varchar(64) NOT NULL, "ResourceKeyCount" smallint NOT NULL, "ResourceKeySeedHash" bytea NOT NULL);
CREATE TABLE "dms"."ResourceKey" ("ResourceKeyId" smallint PRIMARY KEY, "ProjectName" varchar(256) NOT NULL,
    "ResourceName" varchar(256) NOT NULL, "ResourceVersion" varchar(32) NOT NULL);
INSERT INTO "dms"."EffectiveSchema" VALUES (1, '1.0.0', 'a1b2c3d4ffffffffffffffffffffffffffffffffffffffffffffffffffffffff', 1, '\x0102'::bytea);
INSERT INTO "dms"."ResourceKey" VALUES (1, 'Test', 'Note', '1.0.0');`

var noteApp = App{Fingerprint: schemagate.Fingerprint{
	APISchemaFormatVersion: "1.0.0",
	EffectiveSchemaHash:    "a1b2c3d4ffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
	ResourceKeyCount:       1,
	ResourceKeySeedHash:    []byte{1, 2},
	ResourceKeys:           []schemagate.ResourceKey{{ID: 1, ProjectName: "Test", ResourceName: "Note", ResourceVersion: "1.0.0"}},
}}

func TestEndToEndWithDatabase(t *testing.T) {
	ctx := context.Background()
	pool, err := db.Open(ctx, dbtest.New(t))
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	if _, err := pool.Exec(ctx, noteDDL+gateDDL); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	s := New(Config{ResourceLinks: true}, noteApp, pool, schemagate.New(pool, noteApp.Fingerprint, log), log)
	notes := &noteResource{pool: pool}
	s.Register("test", "notes", notes)
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	call := func(method, path, body string, headers ...string) response {
		t.Helper()
		if !strings.HasPrefix(path, "http") {
			path = ts.URL + path // else an absolute Location
		}
		req := httptest.NewRequest(method, path, strings.NewReader(body))
		req.RequestURI = ""
		for i := 0; i+1 < len(headers); i += 2 {
			req.Header.Set(headers[i], headers[i+1])
		}
		resp, err := ts.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return response{resp.StatusCode, resp.Header, string(b)}
	}

	created := call("POST", "/data/Test/Notes", `{"code":"n1","body":"hello"}`)
	if created.status != 201 {
		t.Fatalf("POST: %d %s", created.status, created.body)
	}
	loc := created.header.Get("Location")
	if r := call("POST", "/data/test/notes", `{"code":"n1","body":"changed"}`); r.status != 200 || r.header.Get("Location") != loc || r.header.Get("ETag") == created.header.Get("ETag") {
		t.Fatalf("upsert: %d %v", r.status, r.header)
	}
	got := call("GET", loc, "")
	var doc map[string]string
	if err := json.Unmarshal([]byte(got.body), &doc); err != nil || got.status != 200 || doc["body"] != "changed" ||
		`"`+doc["_etag"]+`"` != got.header.Get("ETag") || len(doc["_lastModifiedDate"]) != 20 {
		t.Fatalf("GET: %d %s %v", got.status, got.body, got.header)
	}
	if r := call("GET", loc, "", "If-None-Match", got.header.Get("ETag")); r.status != 304 || r.header.Get("ETag") != got.header.Get("ETag") {
		t.Errorf("conditional GET: %d %v", r.status, r.header)
	}
	if r := call("GET", "/data/test/notes?unknown=1", ""); r.status != 400 || !strings.Contains(r.body, "The query field 'unknown' is not valid for this resource.") {
		t.Errorf("unknown query field: %d %s", r.status, r.body)
	}
	if _, err := pool.Exec(ctx, `INSERT INTO note_ref SELECT 1, id FROM note`); err != nil {
		t.Fatal(err)
	}
	if r := call("DELETE", loc, ""); r.status != 409 || !strings.Contains(r.body, "referenced by existing NoteRef item(s)") {
		t.Errorf("DELETE referenced: %d %s", r.status, r.body)
	}
	if _, err := pool.Exec(ctx, `DELETE FROM note_ref`); err != nil {
		t.Fatal(err)
	}
	if r := call("DELETE", loc, ""); r.status != 204 {
		t.Errorf("DELETE: %d %s", r.status, r.body)
	}
	if r := call("GET", loc, ""); r.status != 404 || !strings.Contains(r.body, `"type":"urn:ed-fi:api:not-found"`) {
		t.Errorf("GET deleted: %d %q", r.status, r.body)
	}
	// POST, POST, GET, GET(304), DELETE(409), DELETE, GET(404)
	want := []int64{1, 1, 1, 1, 2, 2, 1}
	if !equalInts(notes.roundTrips, want) {
		t.Errorf("round trips per request = %v, want %v", notes.roundTrips, want)
	}
	t.Logf("round trips per request (POST, POST, GET, GET 304, DELETE 409, DELETE, GET 404): %v", notes.roundTrips)
}

func TestEndToEndGateMismatch(t *testing.T) {
	ctx := context.Background()
	pool, err := db.Open(ctx, dbtest.New(t))
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	if _, err := pool.Exec(ctx, noteDDL+gateDDL+`UPDATE "dms"."ResourceKey" SET "ResourceName" = 'Other'; UPDATE "dms"."EffectiveSchema" SET "ResourceKeySeedHash" = '\x09'`); err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	s := New(Config{}, noteApp, pool, schemagate.New(pool, noteApp.Fingerprint, log), log)
	s.Register("test", "notes", &noteResource{pool: pool})
	r := do(t, s, "POST", "/data/test/notes", `{"code":"x","body":"y"}`, "correlationid", "c-1")
	p := decodeProblem(t, r)
	if r.status != 503 || p["type"] != problem.TypeResourceKeySeedError || p["correlationId"] != "c-1" || !strings.Contains(p["detail"].(string), "reprovisioned") {
		t.Fatalf("got %d %s", r.status, r.body)
	}
	if !strings.Contains(logs.String(), "actual.resourceName=Other") {
		t.Errorf("seed diff not logged:\n%s", logs.String())
	}
	var n int
	if err := pool.QueryRow(ctx, "SELECT count(*) FROM note").Scan(&n); err != nil || n != 0 {
		t.Errorf("a write ran behind the closed gate: %d %v", n, err)
	}
}

func equalInts(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
