package modelddl

import (
	"fmt"
	"sort"

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
	for _, t := range triggers {
		switch {
		case t.Kind == relmodel.TriggerReferentialIdentityMaintenance:
			s.pgReferentialIdentity(w, t)
		case t.Kind == relmodel.TriggerAbstractIdentityMaintenance:
			s.pgAbstractIdentity(w, t)
		case t.Kind == relmodel.TriggerDocumentStamping && t.Table == t.MirrorStampTarget:
			s.pgRootStamp(w, t)
		case t.Kind == relmodel.TriggerDocumentStamping:
			s.pgChildStamp(w, t)
		case t.Kind == relmodel.TriggerAuthHierarchyMaintenance:
			if err := s.writePgAuthHierarchy(w, t); err != nil {
				return err
			}
		default:
			return fmt.Errorf("trigger %s has unsupported kind %q", t.Name, t.Kind)
		}
	}
	return nil
}
