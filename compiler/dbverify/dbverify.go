// Package dbverify is the compatibility gate between a compiled schema and a
// provisioned database: it reads the fingerprint the DDL recorded
// (dms.EffectiveSchema, dms.SchemaComponent, dms.ResourceKey) and compares it
// with the effective schema the caller was compiled for, naming every
// difference.
package dbverify

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/edfi-dmsc/dmsc/compiler/ddl"
	"github.com/edfi-dmsc/dmsc/compiler/effschema"
)

// Querier is what Check needs from a connection: *sql.DB, *sql.Conn and
// *sql.Tx all satisfy it.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// ErrNotProvisioned is returned when the database has no dms.EffectiveSchema
// table at all.
var ErrNotProvisioned = errors.New("database is not provisioned: dms.EffectiveSchema does not exist")

// DifferenceKind classifies one difference.
type DifferenceKind string

// Difference kinds.
const (
	HashMismatch DifferenceKind = "hash-mismatch" // a different effective schema
	Missing      DifferenceKind = "missing"       // expected but absent
	Unexpected   DifferenceKind = "unexpected"    // present but not expected
	Mismatched   DifferenceKind = "mismatched"    // present with different values
)

// Difference is one way the database differs from the compiled schema.
type Difference struct {
	Kind   DifferenceKind
	Object string // e.g. "dms.ResourceKey[12]", "dms.EffectiveSchema.ResourceKeyCount"
	Detail string
}

func (d Difference) String() string { return fmt.Sprintf("%s %s: %s", d.Kind, d.Object, d.Detail) }

// Report is the outcome of Check.
type Report struct {
	ExpectedHash string
	StoredHash   string // "" when the singleton row is missing
	Differences  []Difference
}

// Compatible reports whether the database matches the compiled schema.
func (r *Report) Compatible() bool { return len(r.Differences) == 0 }

// Err returns nil when compatible, else an error listing every difference.
func (r *Report) Err() error {
	if r.Compatible() {
		return nil
	}
	lines := make([]string, len(r.Differences))
	for i, d := range r.Differences {
		lines[i] = "  " + d.String()
	}
	return fmt.Errorf("database is not compatible with effective schema %s (%d differences):\n%s",
		r.ExpectedHash, len(r.Differences), strings.Join(lines, "\n"))
}

func (r *Report) add(kind DifferenceKind, object, format string, args ...any) {
	r.Differences = append(r.Differences, Difference{Kind: kind, Object: object, Detail: fmt.Sprintf(format, args...)})
}

// Check compares the database's recorded fingerprint with info.
//
// The fingerprint row is checked first: a different EffectiveSchemaHash
// means a different schema, so the report stops there (row differences would
// only be noise). With the same hash the recorded ResourceKeyCount and
// ResourceKeySeedHash are checked, and then the dms.ResourceKey and
// dms.SchemaComponent rows are diffed against the expected seed lists, so a
// row changed after provisioning (which the recorded seed hash cannot show)
// is named individually.
func Check(ctx context.Context, q Querier, d ddl.Dialect, info *effschema.Info) (*Report, error) {
	r := &Report{ExpectedHash: info.EffectiveSchemaHash}
	exists, err := TableExists(ctx, q, d, ddl.EffectiveSchemaTable)
	if err != nil {
		return nil, err
	}
	if !exists {
		return nil, ErrNotProvisioned
	}
	fp, err := ReadFingerprint(ctx, q, d)
	if err != nil {
		return nil, err
	}
	if fp == nil {
		r.add(Missing, "dms.EffectiveSchema[1]", "the singleton row is missing; drop and recreate the database")
		return r, nil
	}
	r.StoredHash = fp.EffectiveSchemaHash
	if fp.EffectiveSchemaHash != info.EffectiveSchemaHash {
		r.add(HashMismatch, "dms.EffectiveSchema.EffectiveSchemaHash", "database has %s but the compiled schema is %s", fp.EffectiveSchemaHash, info.EffectiveSchemaHash)
		return r, nil
	}
	if fp.ResourceKeyCount != len(info.ResourceKeys) {
		r.add(Mismatched, "dms.EffectiveSchema.ResourceKeyCount", "stored %d, expected %d", fp.ResourceKeyCount, len(info.ResourceKeys))
	}
	if fp.ResourceKeySeedHash != info.ResourceKeySeedHash {
		r.add(Mismatched, "dms.EffectiveSchema.ResourceKeySeedHash", "stored %x, expected %x", fp.ResourceKeySeedHash, info.ResourceKeySeedHash)
	}
	if fp.APISchemaFormatVersion != info.APISchemaFormatVersion {
		r.add(Mismatched, "dms.EffectiveSchema.ApiSchemaFormatVersion", "stored %q, expected %q", fp.APISchemaFormatVersion, info.APISchemaFormatVersion)
	}
	if err := diffResourceKeys(ctx, q, d, info, r); err != nil {
		return nil, err
	}
	if err := diffSchemaComponents(ctx, q, d, info, r); err != nil {
		return nil, err
	}
	return r, nil
}

// Fingerprint is the dms.EffectiveSchema singleton row.
type Fingerprint struct {
	APISchemaFormatVersion string
	EffectiveSchemaHash    string
	ResourceKeyCount       int
	ResourceKeySeedHash    [32]byte
}

// ReadFingerprint reads the dms.EffectiveSchema singleton row; it returns
// nil, nil when the table exists but the row does not.
func ReadFingerprint(ctx context.Context, q Querier, d ddl.Dialect) (*Fingerprint, error) {
	query := fmt.Sprintf("SELECT %s, %s, %s, %s FROM %s WHERE %s = 1",
		d.Quote("ApiSchemaFormatVersion"), d.Quote("EffectiveSchemaHash"), d.Quote("ResourceKeyCount"),
		d.Quote("ResourceKeySeedHash"), d.Qualified(ddl.EffectiveSchemaTable), d.Quote("EffectiveSchemaSingletonId"))
	var fp Fingerprint
	var seed []byte
	err := q.QueryRowContext(ctx, query).Scan(&fp.APISchemaFormatVersion, &fp.EffectiveSchemaHash, &fp.ResourceKeyCount, &seed)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading dms.EffectiveSchema: %w", err)
	}
	if len(seed) != len(fp.ResourceKeySeedHash) {
		return nil, fmt.Errorf("dms.EffectiveSchema.ResourceKeySeedHash has %d bytes, want %d", len(seed), len(fp.ResourceKeySeedHash))
	}
	copy(fp.ResourceKeySeedHash[:], seed)
	return &fp, nil
}

// TableExists reports whether a table exists.
func TableExists(ctx context.Context, q Querier, d ddl.Dialect, t ddl.TableName) (bool, error) {
	var query string
	if d.Name() == "mssql" {
		query = fmt.Sprintf("SELECT CASE WHEN OBJECT_ID(N'%s.%s', N'U') IS NULL THEN 0 ELSE 1 END", t.Schema, t.Name)
	} else {
		query = fmt.Sprintf("SELECT CASE WHEN to_regclass('%s') IS NULL THEN 0 ELSE 1 END", strings.ReplaceAll(d.Qualified(t), "'", "''"))
	}
	var n int
	if err := q.QueryRowContext(ctx, query).Scan(&n); err != nil {
		return false, fmt.Errorf("checking for %s.%s: %w", t.Schema, t.Name, err)
	}
	return n == 1, nil
}

// Placeholder is the n-th (1-based) bind parameter marker of a dialect.
func Placeholder(d ddl.Dialect, n int) string {
	if d.Name() == "mssql" {
		return "@p" + strconv.Itoa(n)
	}
	return "$" + strconv.Itoa(n)
}

type resourceKeyRow struct {
	project, resource, version string
}

func (r resourceKeyRow) String() string {
	return fmt.Sprintf("(%s, %s, %s)", r.project, r.resource, r.version)
}

func diffResourceKeys(ctx context.Context, q Querier, d ddl.Dialect, info *effschema.Info, r *Report) error {
	query := fmt.Sprintf("SELECT %s, %s, %s, %s FROM %s ORDER BY %s",
		d.Quote("ResourceKeyId"), d.Quote("ProjectName"), d.Quote("ResourceName"), d.Quote("ResourceVersion"),
		d.Qualified(ddl.ResourceKeyTable), d.Quote("ResourceKeyId"))
	stored, err := readKeyedRows(ctx, q, "dms.ResourceKey", query, nil, func(rows *sql.Rows) (int, resourceKeyRow, error) {
		var id int
		var row resourceKeyRow
		err := rows.Scan(&id, &row.project, &row.resource, &row.version)
		return id, row, err
	})
	if err != nil {
		return err
	}
	want := make([]keyedRow[int, resourceKeyRow], len(info.ResourceKeys))
	for i, rk := range info.ResourceKeys {
		want[i] = keyedRow[int, resourceKeyRow]{int(rk.ID), resourceKeyRow{rk.ProjectName, rk.ResourceName, rk.Version}}
	}
	diffKeyedRows(r, stored, want, func(id int) string { return fmt.Sprintf("dms.ResourceKey[%d]", id) })
	return nil
}

type componentRow struct {
	project, version string
	extension        bool
}

func (c componentRow) String() string {
	return fmt.Sprintf("(%s, %s, extension=%t)", c.project, c.version, c.extension)
}

func diffSchemaComponents(ctx context.Context, q Querier, d ddl.Dialect, info *effschema.Info, r *Report) error {
	query := fmt.Sprintf("SELECT %s, %s, %s, %s FROM %s WHERE %s = %s ORDER BY %s",
		d.Quote("ProjectEndpointName"), d.Quote("ProjectName"), d.Quote("ProjectVersion"), d.Quote("IsExtensionProject"),
		d.Qualified(ddl.SchemaComponentTable), d.Quote("EffectiveSchemaHash"), Placeholder(d, 1), d.Quote("ProjectEndpointName"))
	stored, err := readKeyedRows(ctx, q, "dms.SchemaComponent", query, []any{info.EffectiveSchemaHash}, func(rows *sql.Rows) (string, componentRow, error) {
		var name string
		var row componentRow
		err := rows.Scan(&name, &row.project, &row.version, &row.extension)
		return name, row, err
	})
	if err != nil {
		return err
	}
	want := make([]keyedRow[string, componentRow], len(info.Components))
	for i, c := range info.Components {
		want[i] = keyedRow[string, componentRow]{c.EndpointName, componentRow{c.ProjectName, c.ProjectVersion, c.IsExtension}}
	}
	diffKeyedRows(r, stored, want, func(name string) string { return fmt.Sprintf("dms.SchemaComponent[%s]", name) })
	return nil
}

// keyedRow is one seed row: its key and the values compared under it.
type keyedRow[K comparable, R any] struct {
	key K
	row R
}

// readKeyedRows runs query and scans every result row, keeping the
// database's order. table names the rows in errors.
func readKeyedRows[K comparable, R any](ctx context.Context, q Querier, table, query string, args []any, scan func(*sql.Rows) (K, R, error)) ([]keyedRow[K, R], error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", table, err)
	}
	defer rows.Close()
	var out []keyedRow[K, R]
	for rows.Next() {
		key, row, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", table, err)
		}
		out = append(out, keyedRow[K, R]{key, row})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading %s: %w", table, err)
	}
	return out, nil
}

// diffKeyedRows reports the expected rows that are missing or differ, in
// expected order, then the stored rows nobody expects, in stored order.
// object names a row by its key.
func diffKeyedRows[K comparable, R interface {
	comparable
	fmt.Stringer
}](r *Report, stored, want []keyedRow[K, R], object func(K) string) {
	storedByKey := make(map[K]R, len(stored))
	for _, s := range stored {
		storedByKey[s.key] = s.row
	}
	expected := make(map[K]bool, len(want))
	for _, w := range want {
		expected[w.key] = true
		got, ok := storedByKey[w.key]
		switch {
		case !ok:
			r.add(Missing, object(w.key), "expected %s", w.row)
		case got != w.row:
			r.add(Mismatched, object(w.key), "stored %s, expected %s", got, w.row)
		}
	}
	for _, s := range stored {
		if !expected[s.key] {
			r.add(Unexpected, object(s.key), "stored %s is not in the compiled schema", s.row)
		}
	}
}
