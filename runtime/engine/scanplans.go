package engine

import (
	"fmt"
	"reflect"
	"sync"

	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
)

// A read's rows are scanned with the scan plans of their select list,
// kept per spec.ReadTable across requests. pgx's own Rows.Scan plans every
// column again for each result set (a GET reads one per table), which
// costs more than hydrating the row; the select list of a table and the
// destinations generated code scans it into never change, so their plans
// do not either. Plans are remembered with what they were made for
// (column types and formats, destination types) and remade when any of
// it differs.

// scanPlans are the remembered plans, by *spec.ReadTable.
var scanPlans sync.Map

// tablePlans are the plans of one select list for one set of
// destination types.
type tablePlans struct {
	oids    []uint32
	formats []int16
	types   []reflect.Type
	plans   []pgtype.ScanPlan
}

// fits reports whether the plans were made for these columns and
// destinations.
func (p *tablePlans) fits(fields []pgconn.FieldDescription, dest []any) bool {
	if len(p.plans) != len(dest) || len(fields) != len(dest) {
		return false
	}
	for i, d := range dest {
		if p.oids[i] != fields[i].DataTypeOID || p.formats[i] != fields[i].Format || p.types[i] != reflect.TypeOf(d) {
			return false
		}
	}
	return true
}

// RawRows is what scanning with remembered plans reads of a result set:
// its columns and the current row's raw values. pgx.Rows has both; a
// replay of recorded result sets (internal/difftest) can too.
type RawRows interface {
	FieldDescriptions() []pgconn.FieldDescription
	RawValues() [][]byte
}

// PlannedRow returns the current row of rows, a result set of table, as
// a Row whose Scan uses the plans remembered for table, planning with
// types when none fit the columns and destinations. It is how the engine
// hands a read's rows to generated hydration.
func PlannedRow(types *pgtype.Map, table *spec.ReadTable, rows RawRows) Row {
	return &plannedRow{types: types, rows: rows, table: table}
}

// plannedRow scans the current row of rows, a result set of table, with
// remembered plans.
type plannedRow struct {
	types *pgtype.Map
	rows  RawRows
	table *spec.ReadTable
	plans *tablePlans
}

func (r *plannedRow) Scan(dest ...any) error {
	fields := r.rows.FieldDescriptions()
	if r.plans == nil || !r.plans.fits(fields, dest) {
		if p, ok := scanPlans.Load(r.table); ok && p.(*tablePlans).fits(fields, dest) {
			r.plans = p.(*tablePlans)
		} else {
			r.plans = planScans(r.types, fields, dest)
			scanPlans.Store(r.table, r.plans)
		}
	}
	raw := r.rows.RawValues()
	if len(raw) != len(dest) {
		return fmt.Errorf("%d destinations for %d columns", len(dest), len(raw))
	}
	for i, d := range dest {
		if err := r.plans.plans[i].Scan(raw[i], d); err != nil {
			return fmt.Errorf("scanning column %s (%d) into %T: %w", fields[i].Name, i, d, err)
		}
	}
	return nil
}

func planScans(m *pgtype.Map, fields []pgconn.FieldDescription, dest []any) *tablePlans {
	p := &tablePlans{
		oids:    make([]uint32, len(dest)),
		formats: make([]int16, len(dest)),
		types:   make([]reflect.Type, len(dest)),
		plans:   make([]pgtype.ScanPlan, len(dest)),
	}
	for i, d := range dest {
		p.oids[i], p.formats[i], p.types[i] = fields[i].DataTypeOID, fields[i].Format, reflect.TypeOf(d)
		p.plans[i] = m.PlanScan(fields[i].DataTypeOID, fields[i].Format, d)
	}
	return p
}
