package modelddl

import (
	"fmt"
	"sort"
	"strings"

	"github.com/edfi-dmsc/dmsc/compiler/ddl"
	"github.com/edfi-dmsc/dmsc/compiler/relmodel"
)

// triggers are the inventory's triggers in creation order (schema, table,
// name). The dms.Descriptor stamping trigger is part of the core DDL.
func (s *Section) triggers() []relmodel.Trigger {
	var out []relmodel.Trigger
	for _, t := range s.m.Triggers {
		if t.Table == (relmodel.TableName{Schema: ddl.DmsSchema, Name: "Descriptor"}) {
			continue
		}
		out = append(out, t)
	}
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].Table != out[b].Table {
			return lessTable(out[a].Table, out[b].Table)
		}
		return less(out[a].Name, out[b].Name)
	})
	return out
}

// validate checks the references triggers make into the model, so that
// rendering cannot meet a dangling one.
func (s *Section) validate(triggers []relmodel.Trigger) error {
	for _, t := range triggers {
		table := s.tables[t.Table]
		if table == nil {
			return fmt.Errorf("trigger %s is on unknown table %s", t.Name, t.Table)
		}
		if t.Kind == relmodel.TriggerDocumentStamping && t.Table != t.MirrorStampTarget && (len(t.KeyColumns) == 0 || len(table.Key) == 0) {
			return fmt.Errorf("trigger %s: child table %s needs a root document column and a key", t.Name, t.Table)
		}
		if t.TrackedChangeTarget == nil {
			continue
		}
		tc := s.tracked[*t.TrackedChangeTarget]
		if tc == nil {
			return fmt.Errorf("trigger %s records changes in unknown table %s", t.Name, *t.TrackedChangeTarget)
		}
		for _, v := range tc.ValueColumns {
			if _, err := s.trackedValue(ddl.Pgsql, table, tc, v, "OLD"); err != nil {
				return fmt.Errorf("trigger %s: %w", t.Name, err)
			}
		}
	}
	return nil
}

func (s *Section) writeTriggers(w *ddl.Writer, d ddl.Dialect) error {
	triggers := s.triggers()
	if err := s.validate(triggers); err != nil {
		return err
	}
	if d.Name() == "mssql" {
		return s.writeMssqlTriggers(w, triggers)
	}
	return writeEachTrigger(w, triggers, triggerWriters{
		referentialIdentity: s.pgReferentialIdentity,
		abstractIdentity:    s.pgAbstractIdentity,
		rootStamp:           s.pgRootStamp,
		childStamp:          s.pgChildStamp,
		authHierarchy:       s.writePgAuthHierarchy,
	})
}

// triggerWriters are one dialect's renderers, one per kind of trigger.
type triggerWriters struct {
	referentialIdentity, abstractIdentity, rootStamp, childStamp func(*ddl.Writer, relmodel.Trigger)
	authHierarchy                                                func(*ddl.Writer, relmodel.Trigger) error
}

// writeEachTrigger renders triggers in order, choosing the renderer by kind.
// A stamping trigger on the table its mirror columns live on is the root
// stamp; on any other table it is a child stamp.
func writeEachTrigger(w *ddl.Writer, triggers []relmodel.Trigger, r triggerWriters) error {
	for _, t := range triggers {
		switch {
		case t.Kind == relmodel.TriggerReferentialIdentityMaintenance:
			r.referentialIdentity(w, t)
		case t.Kind == relmodel.TriggerAbstractIdentityMaintenance:
			r.abstractIdentity(w, t)
		case t.Kind == relmodel.TriggerDocumentStamping && t.Table == t.MirrorStampTarget:
			r.rootStamp(w, t)
		case t.Kind == relmodel.TriggerDocumentStamping:
			r.childStamp(w, t)
		case t.Kind == relmodel.TriggerAuthHierarchyMaintenance:
			if err := r.authHierarchy(w, t); err != nil {
				return err
			}
		default:
			return fmt.Errorf("trigger %s has unsupported kind %q", t.Name, t.Kind)
		}
	}
	return nil
}

// writeTrackedInsert writes the INSERT INTO ... SELECT head of a
// tracked-change row: the old values read from row oldRow, with withNew
// also the new values read from newRow, then the document's uuid and
// version. The caller writes the FROM clause, which joins the document as
// doc.
func (s *Section) writeTrackedInsert(w *ddl.Writer, d ddl.Dialect, tc *relmodel.TrackedChangeTable, table *relmodel.Table, withNew bool, oldRow, newRow, version string) {
	var cols, vals []string
	for _, v := range tc.ValueColumns {
		cols = append(cols, d.Quote(v.OldColumn))
		vals = append(vals, s.mustTrackedValue(d, table, tc, v, oldRow))
	}
	if withNew {
		for _, v := range tc.ValueColumns {
			cols = append(cols, d.Quote(v.NewColumn))
			vals = append(vals, s.mustTrackedValue(d, table, tc, v, newRow))
		}
	}
	cols = append(cols, d.Quote("Id"), d.Quote("ChangeVersion"))
	vals = append(vals, "doc."+d.Quote("DocumentUuid"), version)
	w.Linef("        INSERT INTO %s (", d.Qualified(tableName(tc.Table)))
	w.Line("            " + strings.Join(cols, ",\n            "))
	w.Line("        )")
	w.Line("        SELECT")
	w.Line("            " + strings.Join(vals, ",\n            "))
}

// abstractIdentityRow lists the columns of an abstract identity table row
// and the values the maintenance trigger writes into them from row: the
// document id, each identity column mapped from the concrete resource, and
// the concrete resource's discriminator.
func abstractIdentityRow(d ddl.Dialect, t relmodel.Trigger, row string) (cols, vals []string) {
	cols = []string{d.Quote("DocumentId")}
	vals = []string{row + "." + d.Quote("DocumentId")}
	for _, m := range t.TargetColumns {
		cols = append(cols, d.Quote(m.Target))
		vals = append(vals, row+"."+d.Quote(m.Source))
	}
	cols = append(cols, d.Quote("Discriminator"))
	vals = append(vals, d.StringLiteral(t.DiscriminatorValue))
	return cols, vals
}
