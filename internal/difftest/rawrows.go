package difftest

import (
	"context"
	"fmt"
	"slices"

	"github.com/edfi-dmsc/dmsc/runtime/engine"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/pgxpool"
)

// rawTable is one result set of a read as the database sent it: the
// columns' descriptions and every row's raw values (nil for NULL), with
// the read table it answers.
type rawTable struct {
	table  *spec.ReadTable
	fields []pgconn.FieldDescription
	rows   [][][]byte
}

// recordRaw runs the by-id selects of res for document id and keeps their
// result sets undecoded, so that a benchmark can decode them as pgx does,
// once per iteration: into interface values for the oracle (Rows.Values),
// through engine.Row for the generated code.
func recordRaw(ctx context.Context, pool *pgxpool.Pool, res *spec.Resource, id uuid.UUID) ([]rawTable, error) {
	out := make([]rawTable, len(res.Read.Tables))
	for ti, t := range res.Read.Tables {
		rows, err := pool.Query(ctx, t.ByID, id.String())
		if err != nil {
			return nil, err
		}
		out[ti].table = t
		out[ti].fields = slices.Clone(rows.FieldDescriptions())
		for rows.Next() {
			raw := rows.RawValues()
			vals := make([][]byte, len(raw))
			for i, v := range raw {
				if v != nil {
					vals[i] = slices.Clone(v)
				}
			}
			out[ti].rows = append(out[ti].rows, vals)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// values decodes the result sets as pgx's Rows.Values does, which is what
// the oracle's hydration reads.
func values(m *pgtype.Map, tables []rawTable) ([][][]any, error) {
	out := make([][][]any, len(tables))
	for ti, t := range tables {
		out[ti] = make([][]any, len(t.rows))
		for ri, raw := range t.rows {
			vals := make([]any, len(raw))
			for i, buf := range raw {
				if buf == nil {
					continue
				}
				fd := t.fields[i]
				dt, ok := m.TypeForOID(fd.DataTypeOID)
				if !ok {
					return nil, fmt.Errorf("column %s: no type for OID %d", fd.Name, fd.DataTypeOID)
				}
				v, err := dt.Codec.DecodeValue(m, fd.DataTypeOID, fd.Format, buf)
				if err != nil {
					return nil, fmt.Errorf("column %s: %w", fd.Name, err)
				}
				vals[i] = v
			}
			out[ti][ri] = vals
		}
	}
	return out, nil
}

// replay hands the result sets to a generated hydration as the engine
// does: each row's raw values through an engine.Row.
type replay struct {
	types  *pgtype.Map
	tables []rawTable
	next   int
	row    engine.Row
}

var _ engine.ResultSets = (*replay)(nil)

func newReplay(types *pgtype.Map, tables []rawTable) *replay {
	return &replay{types: types, tables: tables}
}

func (r *replay) Scan(table int, into engine.RowScanner) error {
	if table != r.next || table >= len(r.tables) {
		return fmt.Errorf("replay: result set %d asked for, %d is next of %d", table, r.next, len(r.tables))
	}
	t := &r.tables[table]
	r.next++
	for i, vals := range t.rows {
		if i == 0 { // as the engine starts a result set: at its first row
			r.row.StartRows(r.types, t.fields)
		}
		if err := r.row.SetValues(vals); err != nil {
			return err
		}
		if err := into.ScanRow(table, &r.row); err != nil {
			return err
		}
	}
	return nil
}
