package modelddl

import (
	"fmt"
	"strings"

	"github.com/edfi-dmsc/dmsc/compiler/ddl"
	"github.com/edfi-dmsc/dmsc/compiler/relmodel"
)

// authViewSetOperators are the SQL of the people authorization views' arm
// operators ("NONE" views have one arm).
var authViewSetOperators = map[string]string{"UNION_ALL": "UNION ALL", "UNION": "UNION"}

// writeAuthView writes one people authorization view, live or ReadChanges,
// in the reference's layout. On SQL Server the view starts its own batch,
// as union views do.
func writeAuthView(w *ddl.Writer, d ddl.Dialect, v relmodel.AuthView) error {
	if d.Name() == "mssql" {
		w.Line("GO")
		w.Linef("CREATE OR ALTER VIEW %s AS", d.Qualified(tableName(v.View)))
	} else {
		w.Linef("CREATE OR REPLACE VIEW %s AS", d.Qualified(tableName(v.View)))
	}
	op, ok := authViewSetOperators[v.SetOperator]
	if !ok && len(v.Arms) != 1 {
		return fmt.Errorf("auth view %s: %d arms joined by unknown operator %q", v.View.Name, len(v.Arms), v.SetOperator)
	}
	qualified := func(t relmodel.TableName) string { return d.Qualified(tableName(t)) }
	for i, arm := range v.Arms {
		if i > 0 {
			w.Line(op)
		}
		w.Line("SELECT")
		cols := make([]string, len(arm.OutputColumns))
		for j, c := range arm.OutputColumns {
			cols[j] = "    " + c.Alias + "." + d.Quote(c.Column)
			if c.OutputName != "" {
				cols[j] += " AS " + d.Quote(c.OutputName)
			}
		}
		w.Line(strings.Join(cols, ",\n"))
		w.Linef("FROM %s %s", d.Qualified(tableName(arm.SourceTable)), arm.SourceAlias)
		for _, j := range arm.Joins {
			w.Line(j.SQL(d.Quote, qualified))
		}
	}
	w.Line(";")
	w.Blank()
	return nil
}
