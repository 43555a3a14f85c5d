package dbverify

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/edfi-dmsc/dmsc/compiler/ddl"
	"github.com/edfi-dmsc/dmsc/compiler/effschema"
	"github.com/edfi-dmsc/dmsc/compiler/relmodel"
)

// CheckWithModel is Check plus a structural comparison with the derived
// relational model: every model table (resource, collection, extension,
// abstract identity and tracked-change tables) must exist with exactly the
// model's columns. The structural part runs only when the fingerprint
// matches (a different schema has different tables by design).
func CheckWithModel(ctx context.Context, q Querier, d ddl.Dialect, info *effschema.Info, m *relmodel.ModelSet) (*Report, error) {
	r, err := Check(ctx, q, d, info)
	if err != nil || r.StoredHash != info.EffectiveSchemaHash {
		return r, err
	}
	if err := diffColumns(ctx, q, d, m, r); err != nil {
		return nil, err
	}
	return r, nil
}

// modelColumns lists the columns of every table the model owns.
func modelColumns(m *relmodel.ModelSet) map[relmodel.TableName][]string {
	out := map[relmodel.TableName][]string{}
	addTable := func(t *relmodel.Table) {
		for _, c := range t.Columns {
			out[t.Name] = append(out[t.Name], c.Name)
		}
	}
	for _, r := range m.Resources {
		for _, t := range r.Tables {
			addTable(t)
		}
	}
	for _, at := range m.AbstractTables {
		addTable(at.Table)
	}
	for _, tc := range m.TrackedChangeTables {
		for _, v := range tc.ValueColumns {
			out[tc.Table] = append(out[tc.Table], v.OldColumn, v.NewColumn)
		}
		for _, sc := range tc.SystemColumns {
			out[tc.Table] = append(out[tc.Table], sc.Column)
		}
	}
	return out
}

func diffColumns(ctx context.Context, q Querier, d ddl.Dialect, m *relmodel.ModelSet, r *Report) error {
	want := modelColumns(m)
	schemas := map[string]bool{}
	for t := range want {
		schemas[t.Schema] = true
	}
	if len(schemas) == 0 {
		return nil
	}
	names := make([]string, 0, len(schemas))
	for s := range schemas {
		names = append(names, s)
	}
	sort.Strings(names)
	placeholders := make([]string, len(names))
	args := make([]any, len(names))
	for i, s := range names {
		placeholders[i] = Placeholder(d, i+1)
		args[i] = s
	}
	rows, err := q.QueryContext(ctx, fmt.Sprintf(
		"SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA IN (%s)",
		strings.Join(placeholders, ", ")), args...)
	if err != nil {
		return fmt.Errorf("reading information_schema.columns: %w", err)
	}
	defer rows.Close()
	have := map[relmodel.TableName]map[string]bool{}
	for rows.Next() {
		var t relmodel.TableName
		var col string
		if err := rows.Scan(&t.Schema, &t.Name, &col); err != nil {
			return fmt.Errorf("reading information_schema.columns: %w", err)
		}
		if have[t] == nil {
			have[t] = map[string]bool{}
		}
		have[t][col] = true
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("reading information_schema.columns: %w", err)
	}
	tables := make([]relmodel.TableName, 0, len(want))
	for t := range want {
		tables = append(tables, t)
	}
	sort.Slice(tables, func(a, b int) bool { return tables[a].String() < tables[b].String() })
	for _, t := range tables {
		cols, ok := have[t]
		if !ok {
			r.add(Missing, t.String(), "table does not exist")
			continue
		}
		expected := map[string]bool{}
		for _, c := range want[t] {
			expected[c] = true
			if !cols[c] {
				r.add(Missing, t.String()+"."+c, "column does not exist")
			}
		}
		var extra []string
		for c := range cols {
			if !expected[c] {
				extra = append(extra, c)
			}
		}
		sort.Strings(extra)
		for _, c := range extra {
			r.add(Unexpected, t.String()+"."+c, "column is not in the compiled model")
		}
	}
	return nil
}
