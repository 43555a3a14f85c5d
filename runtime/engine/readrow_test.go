package engine_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/db/dbtest"
	"github.com/edfi-dmsc/dmsc/runtime/engine"
	"github.com/edfi-dmsc/dmsc/runtime/jsonw"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
)

// The accessors of engine.Row decode the raw values of every column type
// a read selects as pgx's scan into pgtype values did (the hydration they
// replaced): NULLs, edge values, integers into wider members, and values
// in the text format (the simple protocol), which they hand to pgx.
func TestRowReadsAsPgxScans(t *testing.T) {
	ctx := context.Background()
	pool, err := db.Open(ctx, dbtest.New(t))
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	const query = `SELECT v.* FROM (VALUES
	    ('héllo'::text, 'x'::varchar(20), 7::smallint, '-2147483648'::integer, 9223372036854775807::bigint, true,
	     'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid, '2024-02-29'::date, '2024-03-01 12:34:56.789+02'::timestamptz,
	     12.50::numeric(9,2)::text, '07:08:09'::time::text, 2025::integer, '-3'::smallint),
	    ('', '', '-32768'::smallint, 0, -1, false,
	     '00000000-0000-0000-0000-000000000000'::uuid, '0001-01-01'::date, '1999-12-31 23:59:59+00'::timestamptz,
	     0.00::numeric(9,2)::text, '23:59:59'::time::text, -1, 32767::smallint),
	    (NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'infinity'::date, '-infinity'::timestamptz, NULL, NULL, NULL, NULL),
	    (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
	) AS v`
	for _, mode := range []pgx.QueryExecMode{pgx.QueryExecModeCacheStatement, pgx.QueryExecModeSimpleProtocol} {
		rows, err := pool.Query(ctx, query, mode)
		if err != nil {
			t.Fatal(err)
		}
		var row engine.Row
		n := 0
		for ; rows.Next(); n++ {
			if n == 0 {
				row.StartRows(rows.Conn().TypeMap(), rows.FieldDescriptions())
			}
			if err := row.SetValues(rows.RawValues()); err != nil {
				t.Fatal(err)
			}
			var (
				text, varchar, decimal, clock pgtype.Text
				i2, i2as32                    pgtype.Int2
				i4, i4as64                    pgtype.Int4
				i8                            pgtype.Int8
				b                             pgtype.Bool
				id                            pgtype.UUID
				date                          pgtype.Date
				ts                            pgtype.Timestamptz
			)
			if err := rows.Scan(&text, &varchar, &i2, &i4, &i8, &b, &id, &date, &ts, &decimal, &clock, &i4as64, &i2as32); err != nil {
				t.Fatal(err)
			}
			got, want := rowValues(&row), []string{
				show(text.String, text.Valid), show(varchar.String, varchar.Valid), show(i2.Int16, i2.Valid),
				show(i4.Int32, i4.Valid), show(i8.Int64, i8.Valid), show(b.Bool, b.Valid), show(uuid.UUID(id.Bytes), id.Valid),
				show(engine.DateText(date.Time), date.Valid), show(string(jsonw.AppendDateTime(nil, ts.Time)), ts.Valid),
				show(decimal.String, decimal.Valid), show(clock.String, clock.Valid),
				show(int64(i4as64.Int32), i4as64.Valid), show(int32(i2as32.Int16), i2as32.Valid),
			}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("%v row %d column %d: Row reads %s, pgx scans %s", mode, n, i, got[i], want[i])
				}
			}
			if err := row.Err(); err != nil {
				t.Errorf("%v row %d: %v", mode, n, err)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil || n != 4 {
			t.Fatalf("%v: %d rows, %v", mode, n, err)
		}
	}
}

// rowValues reads the columns of TestRowReadsAsPgxScans's query with the
// accessors generated hydration calls for them.
func rowValues(r *engine.Row) []string {
	var out []string
	add := func(v any, ok bool) { out = append(out, show(v, ok)) }
	add(r.Text(0))
	add(r.Text(1))
	add(r.Int16(2))
	add(r.Int32(3))
	add(r.Int64(4))
	add(r.Bool(5))
	add(r.UUID(6))
	add(r.Date(7))
	add(r.DateTime(8))
	add(r.Text(9))
	add(r.Text(10))
	add(r.Int64(11))
	add(r.Int32(12))
	return out
}

func show(v any, ok bool) string {
	if !ok {
		return "NULL"
	}
	return fmt.Sprintf("%v", v)
}
