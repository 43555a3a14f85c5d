package schemagate

import (
	"bytes"
	"context"
	"encoding/hex"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/db/dbtest"
	"github.com/jackc/pgx/v5/pgxpool"
)

// The minimal fixture's fingerprint (small/minimal/expected/pgsql.sql).
var minimal = Fingerprint{
	APISchemaFormatVersion: "1.0.0",
	EffectiveSchemaHash:    "6010fd2a68c6613d817d06941469cb1f7cb8a38776512e3944ceeedcfe2df09e",
	ResourceKeyCount:       1,
	ResourceKeySeedHash:    mustHex("CBA2C51987BF6B657F9C898F28F22A073C0EDA05B26EB5A33497AF52CE1DD492"),
	ResourceKeys:           []ResourceKey{{1, "Ed-Fi", "Person", "5.0.0"}},
}

func mustHex(s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}

// tables creates the two gate tables with the fixture's column types.
const tables = `
CREATE SCHEMA dms;
CREATE TABLE "dms"."EffectiveSchema" (
    "EffectiveSchemaSingletonId" smallint NOT NULL,
    "ApiSchemaFormatVersion" varchar(64) NOT NULL,
    "EffectiveSchemaHash" varchar(64) NOT NULL,
    "ResourceKeyCount" smallint NOT NULL,
    "ResourceKeySeedHash" bytea NOT NULL,
    "AppliedAt" timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT "PK_EffectiveSchema" PRIMARY KEY ("EffectiveSchemaSingletonId"));
CREATE TABLE "dms"."ResourceKey" (
    "ResourceKeyId" smallint NOT NULL,
    "ProjectName" varchar(256) NOT NULL,
    "ResourceName" varchar(256) NOT NULL,
    "ResourceVersion" varchar(32) NOT NULL,
    CONSTRAINT "PK_ResourceKey" PRIMARY KEY ("ResourceKeyId"));`

const seedMinimal = `
INSERT INTO "dms"."EffectiveSchema" ("EffectiveSchemaSingletonId", "ApiSchemaFormatVersion", "EffectiveSchemaHash", "ResourceKeyCount", "ResourceKeySeedHash")
VALUES (1, '1.0.0', '6010fd2a68c6613d817d06941469cb1f7cb8a38776512e3944ceeedcfe2df09e', 1, '\xCBA2C51987BF6B657F9C898F28F22A073C0EDA05B26EB5A33497AF52CE1DD492'::bytea);
INSERT INTO "dms"."ResourceKey" VALUES (1, 'Ed-Fi', 'Person', '5.0.0');`

func setup(t *testing.T, sql string) (*pgxpool.Pool, *bytes.Buffer, func(Fingerprint) *Gate) {
	t.Helper()
	pool, err := db.Open(context.Background(), dbtest.New(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	if sql != "" {
		if _, err := pool.Exec(context.Background(), sql); err != nil {
			t.Fatal(err)
		}
	}
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	return pool, &logs, func(f Fingerprint) *Gate { return New(pool, f, log) }
}

func exec(t *testing.T, pool *pgxpool.Pool, sql string) {
	t.Helper()
	if _, err := pool.Exec(context.Background(), sql); err != nil {
		t.Fatal(err)
	}
}

func TestMatchIsCachedWithoutRereading(t *testing.T) {
	pool, _, newGate := setup(t, tables+seedMinimal)
	g := newGate(minimal)
	if p := g.Check(context.Background()); p != nil {
		t.Fatalf("matching database: %v", p)
	}
	exec(t, pool, `DROP SCHEMA dms CASCADE`)
	if p := g.Check(context.Background()); p != nil {
		t.Fatalf("second check re-read the database: %v", p)
	}
}

func TestNotProvisioned(t *testing.T) {
	pool, _, newGate := setup(t, "")
	g := newGate(minimal)
	p := g.Check(context.Background())
	if p == nil || p.Status != 503 || p.Type != "urn:ed-fi:api:database-not-provisioned" || !strings.Contains(p.Detail, "ddl provision") {
		t.Fatalf("missing tables: got %+v", p)
	}
	// No hot reload: provisioning afterwards needs a restart.
	exec(t, pool, tables+seedMinimal)
	if p := g.Check(context.Background()); p == nil {
		t.Fatal("the failure must stay cached until restart")
	}
	if p := newGate(minimal).Check(context.Background()); p != nil {
		t.Fatalf("a new gate (restart) must pass: %v", p)
	}
}

func TestEmptyAndMultiRowEffectiveSchema(t *testing.T) {
	pool, _, newGate := setup(t, tables)
	if p := newGate(minimal).Check(context.Background()); p == nil || p.Type != "urn:ed-fi:api:database-not-provisioned" {
		t.Fatalf("no row: got %+v", p)
	}
	exec(t, pool, seedMinimal+`INSERT INTO "dms"."EffectiveSchema" VALUES (2, '1.0.0', 'x', 1, '\x00'::bytea);`)
	if p := newGate(minimal).Check(context.Background()); p == nil || p.Type != "urn:ed-fi:api:database-fingerprint-validation-error" || p.Title != "Database Provisioning Error" {
		t.Fatalf("two rows: got %+v", p)
	}
}

func TestHashMismatch(t *testing.T) {
	_, logs, newGate := setup(t, tables+seedMinimal)
	other := minimal
	other.EffectiveSchemaHash = strings.Repeat("ab", 32)
	p := newGate(other).Check(context.Background())
	if p == nil || p.Status != 503 || p.Title != "Effective Schema Hash Mismatch" || !strings.Contains(p.Detail, "reprovisioned") {
		t.Fatalf("got %+v", p)
	}
	if !strings.Contains(logs.String(), "6010fd2a") {
		t.Errorf("log does not name the database's hash:\n%s", logs)
	}
}

func TestSeedMismatchLogsEachRow(t *testing.T) {
	pool, logs, newGate := setup(t, tables+seedMinimal)
	exec(t, pool, `UPDATE "dms"."ResourceKey" SET "ResourceVersion" = '5.1.0' WHERE "ResourceKeyId" = 1;
		INSERT INTO "dms"."ResourceKey" VALUES (3, 'Ed-Fi', 'Extra', '5.0.0');`)
	expected := minimal
	expected.ResourceKeyCount = 2
	expected.ResourceKeySeedHash = bytes.Repeat([]byte{1}, 32)
	expected.ResourceKeys = append(expected.ResourceKeys, ResourceKey{2, "Ed-Fi", "School", "5.0.0"})
	p := newGate(expected).Check(context.Background())
	if p == nil || p.Status != 503 || p.Type != "urn:ed-fi:api:resource-key-seed-validation-error" || p.Title != "Resource Key Seed Mismatch" {
		t.Fatalf("got %+v", p)
	}
	out := logs.String()
	for _, want := range []string{
		`msg="dms.ResourceKey row missing" expected.resourceKeyId=2 expected.projectName=Ed-Fi expected.resourceName=School`,
		`msg="dms.ResourceKey row unexpected" actual.resourceKeyId=3`,
		`msg="dms.ResourceKey row changed" expected.resourceKeyId=1 expected.projectName=Ed-Fi expected.resourceName=Person expected.resourceVersion=5.0.0 actual.resourceKeyId=1 actual.projectName=Ed-Fi actual.resourceName=Person actual.resourceVersion=5.1.0`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
}

func TestOnlyFingerprintColumnsInconsistent(t *testing.T) {
	pool, logs, newGate := setup(t, tables+seedMinimal)
	exec(t, pool, `UPDATE "dms"."EffectiveSchema" SET "ResourceKeyCount" = 7`)
	if p := newGate(minimal).Check(context.Background()); p == nil || p.Title != "Resource Key Seed Mismatch" {
		t.Fatalf("got %+v", p)
	}
	if !strings.Contains(logs.String(), "only the dms.EffectiveSchema fingerprint columns are inconsistent") {
		t.Errorf("log:\n%s", logs)
	}
}

func TestTransientErrorIsNotCached(t *testing.T) {
	pool, err := pgxpool.New(context.Background(), "postgres://postgres@127.0.0.1:1/none?sslmode=disable&connect_timeout=2")
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	g := New(pool, minimal, slog.New(slog.NewTextHandler(&bytes.Buffer{}, nil)))
	p := g.Check(context.Background())
	// An unreachable database is the outage 503, which clients may retry.
	if p == nil || p.Status != 503 || p.Type != "urn:ed-fi:api:service-unavailable" || p.Headers["Retry-After"] == "" {
		t.Fatalf("got %+v", p)
	}
	if g.result.Load() != nil || g.passed.Load() {
		t.Fatal("a transient failure must not be cached")
	}
}

func TestDiff(t *testing.T) {
	a := ResourceKey{1, "P", "A", "1"}
	b := ResourceKey{2, "P", "B", "1"}
	b2 := ResourceKey{2, "P", "B", "2"}
	c := ResourceKey{3, "P", "C", "1"}
	d := Diff([]ResourceKey{a, b}, []ResourceKey{b2, c})
	if len(d.Missing) != 1 || d.Missing[0] != a || len(d.Unexpected) != 1 || d.Unexpected[0] != c ||
		len(d.Changed) != 1 || d.Changed[0] != [2]ResourceKey{b, b2} {
		t.Fatalf("Diff = %+v", d)
	}
	if !Diff([]ResourceKey{a}, []ResourceKey{a}).Empty() {
		t.Fatal("equal seeds must give an empty diff")
	}
}

// TestConcurrentFirstUseReadsOnce: many requests arriving before the first
// check finishes share one read of dms.EffectiveSchema (fast path: one
// round trip, dms.ResourceKey untouched).
func TestConcurrentFirstUseReadsOnce(t *testing.T) {
	_, _, newGate := setup(t, tables+seedMinimal)
	g := newGate(minimal)
	ctx, rt := db.WithRoundTrips(context.Background())
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			if p := g.Check(ctx); p != nil {
				t.Errorf("check failed: %v", p)
			}
		})
	}
	wg.Wait()
	if rt.Count() != 1 {
		t.Errorf("round trips = %d, want 1", rt.Count())
	}
}
