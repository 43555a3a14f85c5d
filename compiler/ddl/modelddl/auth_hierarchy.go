package modelddl

import (
	"fmt"

	"github.com/edfi-dmsc/dmsc/compiler/ddl"
	"github.com/edfi-dmsc/dmsc/compiler/relmodel"
)

// The authorization hierarchy table auth.EducationOrganizationIdToEducationOrganizationId
// holds (ancestor, descendant) education organization pairs, (x, x)
// included. Triggers on each concrete organization's root table keep it
// current from the organization's own id and its denormalized parent id
// columns, the ODS way (auth.md, "Education Organization Hierarchy"):
//
//   - insert: (x, x), then every ancestor of a parent × every descendant of x;
//   - delete: the ancestors of its parents × its descendants, then (x, x);
//   - update of a parent column: the former parents' ancestors that no
//     current parent still has × the descendants go, the changed parents'
//     ancestors × the descendants come.
//
// The statement layout is the reference's (its ddl-emission fixtures
// auth-edorg-hierarchy.sql), so the text compares byte for byte. SQL Server
// works on the inserted/deleted sets and pairs each ancestor row with its
// own organization's descendants by the identity column; PostgreSQL works on
// the NEW/OLD row.

// authRow is one side of a trigger firing: the PostgreSQL record and the
// SQL Server pseudo-table and its alias.
type authRow struct{ record, pseudo, alias string }

var (
	authNew = authRow{"NEW", "inserted", "new"}
	authOld = authRow{"OLD", "deleted", "old"}
)

// authHierarchySQL writes the maintenance statements of one organization in
// one dialect; names are quoted for that dialect.
type authHierarchySQL struct {
	w                         *ddl.Writer
	mssql                     bool
	table, source, target, id string
	parents                   []string // quoted
	parentColumns             []string // as named in the model
}

func newAuthHierarchySQL(w *ddl.Writer, d ddl.Dialect, e *relmodel.AuthEntity) *authHierarchySQL {
	a := &authHierarchySQL{
		w: w, mssql: d.Name() == "mssql", parentColumns: e.ParentColumns,
		table:  d.Qualified(tableName(relmodel.AuthEdOrgTable)),
		source: d.Quote(relmodel.AuthSourceEdOrgColumn), target: d.Quote(relmodel.AuthTargetEdOrgColumn),
		id: d.Quote(e.IdentityColumn),
	}
	for _, p := range e.ParentColumns {
		a.parents = append(a.parents, d.Quote(p))
	}
	return a
}

// indented writes body one step further in.
func (a *authHierarchySQL) indented(body func()) {
	a.w.Indent()
	body()
	a.w.Dedent()
}

// body writes the statements of one trigger event.
func (a *authHierarchySQL) body(event string) error {
	leaf := len(a.parents) == 0
	parentsAncestors := func(row authRow) func() {
		return func() { a.eachParent(func(p string) { a.ancestors(p, row) }) }
	}
	switch {
	case event == "Insert":
		a.selfInsert()
		if !leaf {
			a.w.Blank()
			a.w.Linef("INSERT INTO %s (%s, %s)", a.table, a.source, a.target)
			a.crossJoin("sources", "targets", parentsAncestors(authNew), authNew, ";")
		}
	case event == "Delete":
		if !leaf {
			a.crossJoinDelete(parentsAncestors(authOld), authOld)
			a.w.Blank()
		}
		a.selfDelete()
	case event == "Update" && !leaf:
		if a.mssql {
			// Skips firings that wrote no parent column (the stamping
			// trigger's mirror UPDATE re-fires this one). UPDATE() reports
			// SET-clause membership, not change, so it is a pre-filter
			// only: the null-safe predicates below stay authoritative.
			a.w.Line("IF " + msUpdated(a.parentColumns))
			a.w.Line("BEGIN")
			a.w.Indent()
		}
		a.crossJoinDelete(a.droppedAncestors, authNew)
		a.w.Blank()
		a.insertAddedPairs()
		if a.mssql {
			a.w.Dedent()
			a.w.Line("END")
		}
	default:
		return fmt.Errorf("unknown auth hierarchy event %q (organization has %d parent columns)", event, len(a.parents))
	}
	return nil
}

func (a *authHierarchySQL) selfInsert() {
	a.w.Linef("INSERT INTO %s (%s, %s)", a.table, a.source, a.target)
	if a.mssql {
		a.w.Linef("SELECT new.%s, new.%s", a.id, a.id)
		a.w.Line("FROM inserted new;")
		return
	}
	a.w.Linef("VALUES (NEW.%s, NEW.%s);", a.id, a.id)
}

func (a *authHierarchySQL) selfDelete() {
	if !a.mssql {
		a.w.Linef("DELETE FROM %s", a.table)
		a.w.Linef("WHERE %s = OLD.%s AND %s = OLD.%s;", a.source, a.id, a.target, a.id)
		return
	}
	a.w.Line("DELETE tuples")
	a.w.Linef("FROM %s AS tuples", a.table)
	a.indented(func() {
		a.w.Line("INNER JOIN deleted old")
		a.indented(func() {
			a.w.Linef("ON tuples.%s = old.%s", a.source, a.id)
			a.w.Linef("AND tuples.%s = old.%s;", a.target, a.id)
		})
	})
}

// eachParent writes one select per parent column, UNIONed.
func (a *authHierarchySQL) eachParent(sel func(parent string)) {
	for i, p := range a.parents {
		if i > 0 {
			a.w.Blank()
			a.w.Line("UNION")
			a.w.Blank()
		}
		sel(p)
	}
}

// ancestors selects the ancestors-or-self of the organization a parent
// column of row names, if any.
func (a *authHierarchySQL) ancestors(parent string, row authRow) {
	a.parentAncestors(parent, row, row, "",
		[]string{fmt.Sprintf("AND %s.%s IS NOT NULL", row.record, parent)},
		[]string{fmt.Sprintf("WHERE %s.%s IS NOT NULL", row.alias, parent)})
}

// parentAncestors selects the ancestors-or-self of the organization that
// parent names in row match. On SQL Server each is paired with the id of
// the from row it is for (joined first to the deleted row of the same
// organization when joinOld is set). pgAnd continues the PostgreSQL WHERE
// clause; msWhere is the SQL Server one, continuation lines indented.
func (a *authHierarchySQL) parentAncestors(parent string, from, match authRow, joinOld string, pgAnd, msWhere []string) {
	if !a.mssql {
		a.w.Linef("SELECT tuples.%s", a.source)
		a.w.Linef("FROM %s AS tuples", a.table)
		a.w.Linef("WHERE tuples.%s = %s.%s", a.target, match.record, parent)
		a.indented(func() {
			for _, l := range pgAnd {
				a.w.Line(l)
			}
		})
		return
	}
	a.w.Linef("SELECT tuples.%s, %s.%s", a.source, from.alias, a.id)
	a.msFromTuples(from, joinOld, fmt.Sprintf("%s.%s = tuples.%s", match.alias, parent, a.target))
	for i, l := range msWhere {
		if i == 1 {
			a.w.Indent()
			defer a.w.Dedent()
		}
		a.w.Line(l)
	}
}

// msFromTuples writes the FROM clause of a SQL Server select over a
// pseudo-table joined to the hierarchy table on on.
func (a *authHierarchySQL) msFromTuples(from authRow, joinOld, on string) {
	a.w.Linef("FROM %s %s", from.pseudo, from.alias)
	a.indented(func() {
		if joinOld != "" {
			a.w.Line("INNER JOIN deleted old")
			a.indented(func() { a.w.Line("ON " + joinOld) })
		}
		a.w.Linef("INNER JOIN %s AS tuples", a.table)
		a.indented(func() { a.w.Line("ON " + on) })
	})
}

// descendants selects the descendants-or-self of row's organization.
func (a *authHierarchySQL) descendants(row authRow) {
	if !a.mssql {
		a.w.Linef("SELECT tuples.%s", a.target)
		a.w.Linef("FROM %s AS tuples", a.table)
		a.w.Linef("WHERE tuples.%s = %s.%s", a.source, row.record, a.id)
		return
	}
	a.w.Linef("SELECT %s.%s, tuples.%s", row.alias, a.id, a.target)
	a.msFromTuples(row, "", fmt.Sprintf("%s.%s = tuples.%s", row.alias, a.id, a.source))
}

// crossJoin selects the pairs ancestors × the descendants of row's
// organization, the two derived tables named sources and targets; end
// closes the statement, or is empty.
func (a *authHierarchySQL) crossJoin(sources, targets string, ancestors func(), row authRow, end string) {
	a.w.Linef("SELECT %s.%s, %s.%s", sources, a.source, targets, a.target)
	a.w.Line("FROM (")
	a.indented(ancestors)
	a.w.Line(") AS " + sources)
	a.w.Line("CROSS JOIN")
	a.w.Line("(")
	a.indented(func() { a.descendants(row) })
	if !a.mssql {
		a.w.Line(") AS " + targets + end)
		return
	}
	a.w.Line(") AS " + targets)
	a.w.Linef("WHERE %s.%s = %s.%s%s", sources, a.id, targets, a.id, end)
}

// crossJoinDelete deletes the pairs ancestors × the descendants of row's
// organization.
func (a *authHierarchySQL) crossJoinDelete(ancestors func(), row authRow) {
	if !a.mssql {
		a.w.Linef("DELETE FROM %s", a.table)
		a.w.Linef("WHERE (%s, %s) IN (", a.source, a.target)
		a.indented(func() { a.crossJoin("sources", "targets", ancestors, row, "") })
		a.w.Line(");")
		return
	}
	a.w.Line("DELETE tbd")
	a.w.Linef("FROM %s AS tbd", a.table)
	a.indented(func() {
		a.w.Line("INNER JOIN (")
		a.indented(func() { a.crossJoin("d1", "d2", ancestors, row, "") })
		a.w.Line(") AS cj")
		a.indented(func() { a.samePair("tbd", "cj", ";") })
	})
}

// samePair writes the join condition of two aliases' equal pairs; end
// closes its last line.
func (a *authHierarchySQL) samePair(left, right, end string) {
	a.w.Linef("ON %s.%s = %s.%s", left, a.source, right, a.source)
	a.w.Linef("AND %s.%s = %s.%s%s", left, a.target, right, a.target, end)
}

// droppedAncestors selects, after an update, the ancestors of the parents
// whose column changed away from them, except those a current parent
// still has.
func (a *authHierarchySQL) droppedAncestors() {
	a.eachParent(func(p string) {
		a.parentAncestors(p, authNew, authOld, fmt.Sprintf("old.%s = new.%s", a.id, a.id),
			[]string{
				fmt.Sprintf("AND OLD.%s IS NOT NULL", p),
				fmt.Sprintf("AND (NEW.%s IS NULL OR OLD.%s <> NEW.%s)", p, p, p),
			},
			[]string{
				fmt.Sprintf("WHERE old.%s IS NOT NULL", p),
				fmt.Sprintf("AND (new.%s IS NULL OR old.%s <> new.%s)", p, p, p),
			})
	})
	for _, p := range a.parents {
		a.w.Blank()
		a.w.Line("EXCEPT")
		a.w.Blank()
		a.parentAncestors(p, authNew, authNew, "", nil, nil)
	}
}

// insertAddedPairs links, after an update, the ancestors of the parents
// whose column changed to them above the organization's descendants.
func (a *authHierarchySQL) insertAddedPairs() {
	added := func() {
		a.eachParent(func(p string) {
			a.parentAncestors(p, authNew, authNew, fmt.Sprintf("new.%s = old.%s", a.id, a.id),
				[]string{fmt.Sprintf("AND ((OLD.%s IS NULL AND NEW.%s IS NOT NULL) OR OLD.%s <> NEW.%s)", p, p, p, p)},
				[]string{
					fmt.Sprintf("WHERE (old.%s IS NULL AND new.%s IS NOT NULL)", p, p),
					fmt.Sprintf("OR old.%s <> new.%s", p, p),
				})
		})
	}
	if !a.mssql {
		a.w.Linef("INSERT INTO %s (%s, %s)", a.table, a.source, a.target)
		a.crossJoin("sources", "targets", added, authNew, "")
		a.w.Linef("ON CONFLICT (%s, %s) DO NOTHING;", a.source, a.target)
		return
	}
	a.w.Linef("MERGE INTO %s target", a.table)
	a.w.Line("USING (")
	a.indented(func() { a.crossJoin("sources", "targets", added, authNew, "") })
	a.w.Line(") AS source")
	a.indented(func() { a.samePair("target", "source", "") })
	a.w.Line("WHEN NOT MATCHED BY TARGET THEN")
	a.indented(func() {
		a.w.Linef("INSERT (%s, %s)", a.source, a.target)
		a.w.Linef("VALUES (source.%s, source.%s);", a.source, a.target)
	})
}

// authHierarchyTiming is the event an auth hierarchy trigger fires on.
var authHierarchyTiming = map[string]string{"Insert": "INSERT", "Delete": "DELETE", "Update": "UPDATE"}

func (s *Section) writePgAuthHierarchy(w *ddl.Writer, t relmodel.Trigger) error {
	if t.AuthEntity == nil || authHierarchyTiming[t.AuthEvent] == "" {
		return fmt.Errorf("auth trigger %s has no entity or an unknown event %q", t.Name, t.AuthEvent)
	}
	on := pg.Qualified(tableName(t.Table))
	w.Linef("CREATE OR REPLACE FUNCTION %s()", pgFunctionName(t, ""))
	w.Line("RETURNS TRIGGER AS $$")
	w.Line("BEGIN")
	w.Indent()
	if err := newAuthHierarchySQL(w, pg, t.AuthEntity).body(t.AuthEvent); err != nil {
		return fmt.Errorf("auth trigger %s: %w", t.Name, err)
	}
	w.Line("RETURN NULL;")
	w.Dedent()
	w.Line("END;")
	w.Line("$$ LANGUAGE plpgsql;")
	w.Blank()
	w.Linef("DROP TRIGGER IF EXISTS %s ON %s;", pgq(t.Name), on)
	w.Linef("CREATE TRIGGER %s", pgq(t.Name))
	w.Linef("    AFTER %s ON %s", authHierarchyTiming[t.AuthEvent], on)
	w.Line("    FOR EACH ROW")
	w.Linef("    EXECUTE FUNCTION %s();", pgFunctionName(t, ""))
	w.Blank()
	return nil
}

func (s *Section) msAuthHierarchy(w *ddl.Writer, t relmodel.Trigger) error {
	if t.AuthEntity == nil || authHierarchyTiming[t.AuthEvent] == "" {
		return fmt.Errorf("auth trigger %s has no entity or an unknown event %q", t.Name, t.AuthEvent)
	}
	msTriggerHeader(w, t, authHierarchyTiming[t.AuthEvent])
	w.Indent()
	if err := newAuthHierarchySQL(w, ms, t.AuthEntity).body(t.AuthEvent); err != nil {
		return fmt.Errorf("auth trigger %s: %w", t.Name, err)
	}
	w.Dedent()
	msTriggerFooter(w)
	return nil
}
