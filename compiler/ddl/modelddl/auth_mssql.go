package modelddl

import (
	"fmt"

	"github.com/edfi-dmsc/dmsc/compiler/ddl"
	"github.com/edfi-dmsc/dmsc/compiler/relmodel"
)

// msAuthHierarchy keeps the education organization closure table current
// on SQL Server; see auth_pgsql.go for the pair semantics.
func (s *Section) msAuthHierarchy(w *ddl.Writer, t relmodel.Trigger) error {
	e := t.AuthEntity
	if e == nil {
		return fmt.Errorf("auth trigger %s has no entity", t.Name)
	}
	auth := ms.Qualified(tableName(relmodel.AuthEdOrgTable))
	src, tgt, id := msq(relmodel.AuthSourceEdOrgColumn), msq(relmodel.AuthTargetEdOrgColumn), msq(e.IdentityColumn)
	// link inserts (ancestor of a parent, descendant-or-self) pairs for rows
	// of the given pseudo-table that are not there yet.
	link := func(rows, indent string) {
		w.Linef("%sINSERT INTO %s (%s, %s)", indent, auth, src, tgt)
		w.Linef("%sSELECT DISTINCT anc.%s, des.%s", indent, src, tgt)
		w.Linef("%sFROM %s r", indent, rows)
		w.Linef("%sINNER JOIN %s anc ON anc.%s IN (%s)", indent, auth, tgt, parentList(e, "r"))
		w.Linef("%sINNER JOIN %s des ON des.%s = r.%s", indent, auth, src, id)
		w.Linef("%sWHERE NOT EXISTS (SELECT 1 FROM %s x WHERE x.%s = anc.%s AND x.%s = des.%s);", indent, auth, src, src, tgt, tgt)
	}
	switch t.AuthEvent {
	case "Insert":
		msTriggerHeader(w, t, "INSERT")
		w.Linef("    INSERT INTO %s (%s, %s)", auth, src, tgt)
		w.Linef("    SELECT new.%s, new.%s", id, id)
		w.Line("    FROM inserted new;")
		if len(e.ParentColumns) > 0 {
			link("inserted", "    ")
		}
	case "Delete":
		msTriggerHeader(w, t, "DELETE")
		w.Line("    DELETE tuples")
		w.Linef("    FROM %s AS tuples", auth)
		w.Line("        INNER JOIN deleted old")
		if len(e.ParentColumns) == 0 {
			w.Linef("            ON tuples.%s = old.%s", src, id)
			w.Linef("            AND tuples.%s = old.%s;", tgt, id)
		} else {
			w.Linef("            ON tuples.%s IN (SELECT d.%s FROM %s d WHERE d.%s = old.%s)", tgt, tgt, auth, src, id)
			w.Linef("            AND tuples.%s IN (SELECT a.%s FROM %s a WHERE a.%s = old.%s);", src, src, auth, tgt, id)
		}
	case "Update":
		msTriggerHeader(w, t, "UPDATE")
		w.Linef("    IF %s", msUpdated(e.ParentColumns))
		w.Line("    BEGIN")
		w.Line("        DELETE tuples")
		w.Linef("        FROM %s AS tuples", auth)
		w.Line("            INNER JOIN deleted old")
		w.Linef("                ON tuples.%s IN (SELECT d.%s FROM %s d WHERE d.%s = old.%s)", tgt, tgt, auth, src, id)
		w.Linef("                AND tuples.%s IN (SELECT a.%s FROM %s a WHERE a.%s = old.%s AND a.%s <> old.%s);", src, src, auth, tgt, id, src, id)
		link("inserted", "        ")
		w.Line("    END")
	default:
		return fmt.Errorf("auth trigger %s has unknown event %q", t.Name, t.AuthEvent)
	}
	msTriggerFooter(w)
	return nil
}

func parentList(e *relmodel.AuthEntity, row string) string {
	out := ""
	for i, p := range e.ParentColumns {
		if i > 0 {
			out += ", "
		}
		out += row + "." + msq(p)
	}
	return out
}
