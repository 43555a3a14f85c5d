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
// the select it answers, for which the engine keeps scan plans.
type rawTable struct {
	table  *spec.ReadTable
	fields []pgconn.FieldDescription
	rows   [][][]byte
}

// recordRaw runs the by-id selects of res for document id and keeps their
// result sets undecoded, so that a benchmark can decode them as pgx does,
// once per iteration: into interface values for the oracle (Rows.Values),
// into typed destinations for the generated code (engine.PlannedRow).
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
// does: through engine.PlannedRow, which scans every row with the plans
// the engine keeps per spec.ReadTable across reads.
type replay struct {
	types  *pgtype.Map
	tables []rawTable
	next   int
	rows   replayRows
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
	r.rows = replayRows{fields: t.fields}
	row := engine.PlannedRow(r.types, t.table, &r.rows)
	for _, vals := range t.rows {
		r.rows.current = vals
		if err := into.ScanRow(table, row); err != nil {
			return err
		}
	}
	return nil
}

// replayRows is a replayed result set at its current row.
type replayRows struct {
	fields  []pgconn.FieldDescription
	current [][]byte
}

var _ engine.RawRows = (*replayRows)(nil)

func (r *replayRows) FieldDescriptions() []pgconn.FieldDescription { return r.fields }
func (r *replayRows) RawValues() [][]byte                          { return r.current }
