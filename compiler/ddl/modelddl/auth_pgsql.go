package modelddl

import (
	"fmt"
	"strings"

	"github.com/edfi-dmsc/dmsc/compiler/ddl"
	"github.com/edfi-dmsc/dmsc/compiler/relmodel"
)

// The authorization hierarchy table holds the transitive closure of the
// education organization parent relation: (ancestor, descendant) for every
// pair, and (x, x) for every organization. Triggers on each organization's
// root table keep it current.

func pgAuthNames() (table, source, target string) {
	return pg.Qualified(tableName(relmodel.AuthEdOrgTable)), pgq(relmodel.AuthSourceEdOrgColumn), pgq(relmodel.AuthTargetEdOrgColumn)
}

// pgAncestorsOf selects the ancestors (including themselves) of the
// organizations referenced by the given parent columns of a row.
func pgAncestorsOf(parents []string, row string) []string {
	auth, source, target := pgAuthNames()
	var lines []string
	for i, p := range parents {
		if i > 0 {
			lines = append(lines, "UNION")
		}
		lines = append(lines, fmt.Sprintf("SELECT a.%s FROM %s a WHERE a.%s = %s.%s", source, auth, target, row, pgq(p)))
	}
	return lines
}

// pgLinkUnderParents links the organization's subtree below every ancestor
// of its parents.
func pgLinkUnderParents(e *relmodel.AuthEntity, row, indent string) []string {
	auth, source, target := pgAuthNames()
	lines := []string{
		fmt.Sprintf("INSERT INTO %s (%s, %s)", auth, source, target),
		fmt.Sprintf("SELECT sources.%s, targets.%s", source, target),
		"FROM (",
	}
	for _, l := range pgAncestorsOf(e.ParentColumns, row) {
		lines = append(lines, "    "+l)
	}
	lines = append(lines, ") AS sources",
		"CROSS JOIN (",
		fmt.Sprintf("    SELECT d.%s FROM %s d WHERE d.%s = %s.%s", target, auth, source, row, pgq(e.IdentityColumn)),
		") AS targets",
		"ON CONFLICT DO NOTHING;")
	for i := range lines {
		lines[i] = indent + lines[i]
	}
	return lines
}

func (s *Section) pgAuthHierarchy(t relmodel.Trigger) ([]string, string, error) {
	e := t.AuthEntity
	if e == nil {
		return nil, "", fmt.Errorf("auth trigger %s has no entity", t.Name)
	}
	auth, source, target := pgAuthNames()
	id := pgq(e.IdentityColumn)
	var body []string
	switch t.AuthEvent {
	case "Insert":
		body = append(body,
			fmt.Sprintf("    INSERT INTO %s (%s, %s)", auth, source, target),
			fmt.Sprintf("    VALUES (NEW.%s, NEW.%s);", id, id))
		if len(e.ParentColumns) > 0 {
			body = append(body, "")
			body = append(body, pgLinkUnderParents(e, "NEW", "    ")...)
		}
		return body, "AFTER INSERT", nil
	case "Delete":
		if len(e.ParentColumns) == 0 {
			body = append(body,
				fmt.Sprintf("    DELETE FROM %s", auth),
				fmt.Sprintf("    WHERE %s = OLD.%s AND %s = OLD.%s;", source, id, target, id))
		} else {
			// Every (ancestor-or-self, descendant-or-self) pair through the
			// deleted organization goes.
			body = append(body,
				fmt.Sprintf("    DELETE FROM %s", auth),
				fmt.Sprintf("    WHERE %s IN (SELECT d.%s FROM %s d WHERE d.%s = OLD.%s)", target, target, auth, source, id),
				fmt.Sprintf("    AND %s IN (SELECT a.%s FROM %s a WHERE a.%s = OLD.%s);", source, source, auth, target, id))
		}
		return body, "AFTER DELETE", nil
	case "Update":
		body = append(body,
			fmt.Sprintf("    IF %s THEN", pgChanged(e.ParentColumns, "OLD", "NEW")),
			// Detach the subtree from its former ancestors (keeping its
			// internal pairs), then attach it below the new parents.
			fmt.Sprintf("        DELETE FROM %s", auth),
			fmt.Sprintf("        WHERE %s IN (SELECT d.%s FROM %s d WHERE d.%s = OLD.%s)", target, target, auth, source, id),
			fmt.Sprintf("        AND %s IN (SELECT a.%s FROM %s a WHERE a.%s = OLD.%s AND a.%s <> OLD.%s);", source, source, auth, target, id, source, id),
			"")
		body = append(body, pgLinkUnderParents(e, "NEW", "        ")...)
		body = append(body, "    END IF;")
		return body, "AFTER UPDATE", nil
	}
	return nil, "", fmt.Errorf("auth trigger %s has unknown event %q", t.Name, t.AuthEvent)
}

func (s *Section) writePgAuthHierarchy(w *ddl.Writer, t relmodel.Trigger) error {
	body, timing, err := s.pgAuthHierarchy(t)
	if err != nil {
		return err
	}
	on := pg.Qualified(tableName(t.Table))
	w.Linef("CREATE OR REPLACE FUNCTION %s()", pgFunctionName(t, ""))
	w.Line("RETURNS TRIGGER AS $$")
	w.Line("BEGIN")
	w.Line(strings.Join(body, "\n"))
	w.Line("    RETURN NULL;")
	w.Line("END;")
	w.Line("$$ LANGUAGE plpgsql;")
	w.Blank()
	w.Linef("DROP TRIGGER IF EXISTS %s ON %s;", pgq(t.Name), on)
	w.Linef("CREATE TRIGGER %s", pgq(t.Name))
	w.Linef("    %s ON %s", timing, on)
	w.Line("    FOR EACH ROW")
	w.Linef("    EXECUTE FUNCTION %s();", pgFunctionName(t, ""))
	w.Blank()
	return nil
}
