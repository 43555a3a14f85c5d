// Package schemagate checks, on first use of the database, that it was
// provisioned for the effective schema compiled into the binary (design:
// transactions-and-concurrency.md "Schema Validation", epic E06).
//
// The check reads the singleton dms.EffectiveSchema row once. Fast path: the
// EffectiveSchemaHash, ResourceKeyCount and ResourceKeySeedHash bytes equal
// the compiled-in values. Otherwise dms.ResourceKey is read in id order and
// every missing, unexpected or changed row is logged. A mismatch is final
// for the life of the process (there is no hot reload: reprovision and
// restart); every data request then gets a 503 naming the remediation.
// Errors reaching the database are not cached, so the next request retries.
package schemagate

import (
	"bytes"
	"context"
	"encoding/hex"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"

	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/jackc/pgx/v5/pgxpool"
)

// ResourceKey is one dms.ResourceKey seed row.
type ResourceKey struct {
	ID              int16
	ProjectName     string
	ResourceName    string
	ResourceVersion string
}

// Fingerprint is the effective schema a binary was generated for.
type Fingerprint struct {
	APISchemaFormatVersion string
	EffectiveSchemaHash    string
	ResourceKeyCount       int16
	ResourceKeySeedHash    []byte        // 32 bytes
	ResourceKeys           []ResourceKey // ordered by ID
}

// Remediation texts of the 503 answers, worded as the reference does.
const (
	titleHashMismatch  = "Effective Schema Hash Mismatch"
	detailHashMismatch = "The database was provisioned for a different effective schema than the Ed-Fi API service expects. " +
		"The database must be reprovisioned with 'ddl provision' against a fresh database " +
		"and the Ed-Fi API service restarted to clear the cached validation state."
	titleSeedMismatch  = "Resource Key Seed Mismatch"
	detailSeedMismatch = "The database resource key seed does not match the expected schema. " +
		"The database must be reprovisioned with 'ddl provision' against a fresh database " +
		"and the Ed-Fi API service restarted to clear the cached validation state."
	titleMalformed  = "Database Provisioning Error"
	detailMalformed = "The target database contains malformed dms.EffectiveSchema provisioning metadata. " +
		"Repair the database by re-running 'ddl provision' against an empty database, " +
		"then restart the Ed-Fi API service to clear the cached validation failure."
	detailNotProvisioned = "The target database has not been provisioned. Run 'ddl provision' to initialize the database schema. " +
		"If this database was provisioned after the Ed-Fi API service first tried to use it, " +
		"restart the Ed-Fi API service to clear the cached provisioning state."
	detailTransient = "Database fingerprint validation encountered a transient error. Check server logs for details."
)

// maxLoggedRowsPerKind caps the rows logged for each kind of seed difference.
const maxLoggedRowsPerKind = 20

// Gate is the compatibility check of one database.
type Gate struct {
	pool     *pgxpool.Pool
	expected Fingerprint
	log      *slog.Logger

	mu     sync.Mutex                      // serializes the first check
	result atomic.Pointer[problem.Details] // nil until a final answer exists
	passed atomic.Bool
}

// New returns a gate for pool; nothing is read until the first Check.
func New(pool *pgxpool.Pool, expected Fingerprint, log *slog.Logger) *Gate {
	if log == nil {
		log = slog.Default()
	}
	return &Gate{pool: pool, expected: expected, log: log}
}

// Check returns nil when the database matches the compiled-in fingerprint,
// otherwise the 503 problem to answer. After the first final answer it
// costs an atomic load.
func (g *Gate) Check(ctx context.Context) *problem.Details {
	if g.passed.Load() {
		return nil
	}
	if p := g.result.Load(); p != nil {
		return p
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.passed.Load() {
		return nil
	}
	if p := g.result.Load(); p != nil {
		return p
	}
	p, final := g.check(ctx)
	if final {
		if p == nil {
			g.passed.Store(true)
		} else {
			g.result.Store(p)
		}
	}
	return p
}

type storedFingerprint struct {
	formatVersion string
	hash          string
	count         int16
	seedHash      []byte
}

// check returns the answer and whether it is final (cacheable).
func (g *Gate) check(ctx context.Context) (*problem.Details, bool) {
	rows, err := g.pool.Query(ctx, `SELECT "ApiSchemaFormatVersion", "EffectiveSchemaHash", "ResourceKeyCount", "ResourceKeySeedHash" FROM "dms"."EffectiveSchema"`)
	var stored []storedFingerprint
	if err == nil {
		for rows.Next() {
			var s storedFingerprint
			if err = rows.Scan(&s.formatVersion, &s.hash, &s.count, &s.seedHash); err != nil {
				break
			}
			stored = append(stored, s)
		}
		rows.Close()
		if err == nil {
			err = rows.Err()
		}
	}
	if err != nil {
		if pe, ok := db.PgError(err); ok {
			switch pe.Code {
			case "42P01", "3F000": // undefined table, undefined schema
				g.log.WarnContext(ctx, "database not provisioned: dms.EffectiveSchema does not exist")
				return problem.DatabaseNotProvisioned(detailNotProvisioned), true
			case "42703", "42804": // undefined column, datatype mismatch
				g.log.ErrorContext(ctx, "malformed dms.EffectiveSchema", "error", err)
				return problem.DatabaseFingerprintError(titleMalformed, detailMalformed, detailMalformed), true
			}
		}
		g.log.ErrorContext(ctx, "reading dms.EffectiveSchema failed; will retry on the next request", "error", err)
		if db.Unavailable(err) {
			return problem.DatabaseUnavailable(), false
		}
		return problem.ServiceConfigurationError(detailTransient), false
	}
	switch {
	case len(stored) == 0:
		g.log.WarnContext(ctx, "database not provisioned: dms.EffectiveSchema has no row")
		return problem.DatabaseNotProvisioned(detailNotProvisioned), true
	case len(stored) > 1:
		g.log.ErrorContext(ctx, "malformed dms.EffectiveSchema: more than one row", "rows", len(stored))
		return problem.DatabaseFingerprintError(titleMalformed, detailMalformed,
			"dms.EffectiveSchema must contain exactly one singleton row, but multiple rows were found.", detailMalformed), true
	}
	s := stored[0]
	if s.hash != g.expected.EffectiveSchemaHash {
		g.log.ErrorContext(ctx, "EffectiveSchemaHash mismatch",
			"database", s.hash, "expected", g.expected.EffectiveSchemaHash,
			"databaseApiSchemaFormatVersion", s.formatVersion, "expectedApiSchemaFormatVersion", g.expected.APISchemaFormatVersion)
		return problem.DatabaseFingerprintError(titleHashMismatch, detailHashMismatch, detailHashMismatch), true
	}
	if s.count == g.expected.ResourceKeyCount && bytes.Equal(s.seedHash, g.expected.ResourceKeySeedHash) {
		g.log.InfoContext(ctx, "database matches the compiled effective schema", "effectiveSchemaHash", s.hash, "resourceKeys", s.count)
		return nil, true
	}

	// Slow path: say which rows differ.
	g.log.ErrorContext(ctx, "resource key seed fingerprint mismatch",
		"databaseCount", s.count, "expectedCount", g.expected.ResourceKeyCount,
		"databaseSeedHash", hex.EncodeToString(s.seedHash), "expectedSeedHash", hex.EncodeToString(g.expected.ResourceKeySeedHash))
	actual, err := g.readResourceKeys(ctx)
	if err != nil {
		g.log.ErrorContext(ctx, "reading dms.ResourceKey for the seed diff failed", "error", err)
	} else if n := g.logSeedDiff(ctx, actual); n == 0 {
		g.log.ErrorContext(ctx, "dms.ResourceKey rows match the expected seed; only the dms.EffectiveSchema fingerprint columns are inconsistent")
	}
	return problem.ResourceKeySeedError(titleSeedMismatch, detailSeedMismatch, detailSeedMismatch), true
}

func (g *Gate) readResourceKeys(ctx context.Context) ([]ResourceKey, error) {
	rows, err := g.pool.Query(ctx, `SELECT "ResourceKeyId", "ProjectName", "ResourceName", "ResourceVersion" FROM "dms"."ResourceKey" ORDER BY "ResourceKeyId"`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var keys []ResourceKey
	for rows.Next() {
		var k ResourceKey
		if err := rows.Scan(&k.ID, &k.ProjectName, &k.ResourceName, &k.ResourceVersion); err != nil {
			return nil, err
		}
		keys = append(keys, k)
	}
	return keys, rows.Err()
}

// SeedDiff lists the differences between the expected and the stored seed,
// each ordered by ResourceKeyId.
type SeedDiff struct {
	Missing    []ResourceKey    // expected, absent from the database
	Unexpected []ResourceKey    // in the database, not expected
	Changed    [][2]ResourceKey // same id, other values: {expected, actual}
}

// Diff compares two seeds, both ordered by ID.
func Diff(expected, actual []ResourceKey) SeedDiff {
	var d SeedDiff
	i, j := 0, 0
	for i < len(expected) || j < len(actual) {
		switch {
		case j == len(actual) || (i < len(expected) && expected[i].ID < actual[j].ID):
			d.Missing = append(d.Missing, expected[i])
			i++
		case i == len(expected) || actual[j].ID < expected[i].ID:
			d.Unexpected = append(d.Unexpected, actual[j])
			j++
		default:
			if expected[i] != actual[j] {
				d.Changed = append(d.Changed, [2]ResourceKey{expected[i], actual[j]})
			}
			i++
			j++
		}
	}
	return d
}

// Empty reports whether the seeds are equal.
func (d SeedDiff) Empty() bool {
	return len(d.Missing) == 0 && len(d.Unexpected) == 0 && len(d.Changed) == 0
}

// logSeedDiff logs each differing row (capped per kind) and returns the
// number of differences.
func (g *Gate) logSeedDiff(ctx context.Context, actual []ResourceKey) int {
	d := Diff(g.expected.ResourceKeys, actual)
	logRows := func(kind string, n int, attrs func(i int) []any) {
		for i := 0; i < n && i < maxLoggedRowsPerKind; i++ {
			g.log.ErrorContext(ctx, "dms.ResourceKey "+kind, attrs(i)...)
		}
		if n > maxLoggedRowsPerKind {
			g.log.ErrorContext(ctx, fmt.Sprintf("dms.ResourceKey %s: %d more rows not logged", kind, n-maxLoggedRowsPerKind))
		}
	}
	logRows("row missing", len(d.Missing), func(i int) []any { return keyAttrs("expected", d.Missing[i]) })
	logRows("row unexpected", len(d.Unexpected), func(i int) []any { return keyAttrs("actual", d.Unexpected[i]) })
	logRows("row changed", len(d.Changed), func(i int) []any {
		return append(keyAttrs("expected", d.Changed[i][0]), keyAttrs("actual", d.Changed[i][1])...)
	})
	return len(d.Missing) + len(d.Unexpected) + len(d.Changed)
}

func keyAttrs(group string, k ResourceKey) []any {
	return []any{slog.Group(group, "resourceKeyId", k.ID, "projectName", k.ProjectName, "resourceName", k.ResourceName, "resourceVersion", k.ResourceVersion)}
}
