package gogen

import (
	"fmt"
	"go/token"
	"reflect"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dave/jennifer/jen"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// statement is one SQL text of a resource plan. The resource file declares
// it as a named constant, laid out over several lines as the compiler
// wrote it (as sqlc emits its queries), and the plan literal refers to it
// by name instead of holding the text.
type statement struct {
	// path is the literal path of the plan field holding the text (see
	// literals.emit); name is the constant's Go name.
	path, name string
	// doc completes the constant's doc comment after its name.
	doc  string
	text string
}

// resourceStatements lists the SQL of r's plan in plan order. root is the
// literal path of r and variable the Go name of its plan; constant names
// are variable or a table's name, then the statement: edfiClassPeriodInsertSQL,
// edfiClassPeriodMeetingTimeByIDSQL.
func resourceStatements(r *spec.Resource, root, variable string) ([]statement, error) {
	var out []statement
	add := func(path, owner, field, doc, text string) error {
		if text == "" {
			return nil
		}
		name := owner + field + "SQL"
		if !token.IsIdentifier(name) {
			return fmt.Errorf("%s: the SQL constant name %q is not a Go identifier", path, name)
		}
		out = append(out, statement{path: path, name: name, doc: doc, text: text})
		return nil
	}
	tableName := func(i int) (owner, label string) {
		if i >= len(r.Tables) {
			// A descriptor's one read table is dms.Descriptor.
			return variable, "dms.Descriptor"
		}
		t := r.Tables[i]
		return unexported(identifier(t.Schema) + identifier(t.Name)), t.Schema + "." + t.Name
	}
	if w := r.Write; w != nil {
		for i, tw := range w.Tables {
			owner, table := tableName(i)
			at := fmt.Sprintf("%s.Write.Tables[%d].", root, i)
			for _, s := range []struct{ field, doc, text string }{
				{"Load", "is the head of the loads of the stored columns of the " + table + " rows, as text: " +
					"spec.LoadStatements completes it, when the package initializes, into the loads of the document whose DocumentUuid is $1, " +
					"of the document whose ReferentialId is $1 and of the documents whose DocumentIds are $1.", tw.Load},
				{"Insert", "inserts " + table + " rows: one text[] parameter per stored column.", tw.Insert},
				{"Update", "updates " + table + " rows by key: one text[] parameter per stored column.", tw.Update},
				{"Delete", "deletes the " + table + " rows whose keys are $1.", tw.Delete},
				{"ShiftOrdinals", "moves the ordinals of the " + table + " rows whose keys are $1 out of the way before they are renumbered.", tw.ShiftOrdinals},
			} {
				if err := add(at+s.field, owner, s.field, s.doc, s.text); err != nil {
					return nil, err
				}
			}
		}
		if err := add(root+".Write.CascadeCount", variable, "CascadeCount",
			"counts, in the transaction of an identity update, the other documents the change cascaded into.", w.CascadeCount); err != nil {
			return nil, err
		}
	}
	if rp := r.Read; rp != nil {
		for i, rt := range rp.Tables {
			owner, table := tableName(i)
			at := fmt.Sprintf("%s.Read.Tables[%d].", root, i)
			if err := add(at+"Select", owner, "Select", "selects the "+table+" rows a read hydrates: ByIDFilter completes it for the "+
				"document whose DocumentUuid is $1, PageFilter for the documents of the page being read (when the package initializes).", rt.Select); err != nil {
				return nil, err
			}
		}
		for _, s := range []struct{ field, doc, text string }{
			{"DeleteRoot", "deletes the document with DocumentUuid $1 and returns its ContentVersion.", rp.DeleteRoot},
			{"DeleteDocument", "deletes the dms.Document row of the document with DocumentUuid $1.", rp.DeleteDocument},
			{"LockDocument", "locks the document with DocumentUuid $1 and returns its ContentVersion.", rp.LockDocument},
		} {
			if err := add(root+".Read."+s.field, variable, s.field, s.doc, s.text); err != nil {
				return nil, err
			}
		}
	}
	if cp := r.Changes; cp != nil {
		for _, s := range []struct{ field, doc, text string }{
			{"Deletes", "selects a page of the tombstones of the change-version window $1..$2 ($3 limit, $4 offset).", cp.Deletes},
			{"DeletesCount", "counts the tombstones of the change-version window $1..$2.", cp.DeletesCount},
			{"KeyChanges", "selects a page of the key changes of the change-version window $1..$2 ($3 limit, $4 offset).", cp.KeyChanges},
			{"KeyChangesCount", "counts the key changes of the change-version window $1..$2.", cp.KeyChangesCount},
		} {
			if err := add(root+".Changes."+s.field, variable, s.field, s.doc, s.text); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// unexported lowers the first letter of a Go name.
func unexported(name string) string {
	r, size := utf8.DecodeRuneInString(name)
	return string(unicode.ToLower(r)) + name[size:]
}

// nameStatements makes the plan literal refer to each statement by its
// constant's name.
func (l *literals) nameStatements(stmts []statement) {
	if l.override == nil {
		l.override = map[string]jen.Code{}
	}
	for _, s := range stmts {
		l.override[s.path] = jen.Id(s.name)
	}
}

// declareStatements declares the statements as constants of f.
func declareStatements(f *jen.File, stmts []statement) {
	for _, s := range stmts {
		f.Line()
		for _, line := range wrapComment(s.name+" "+s.doc, 77) {
			f.Comment(line)
		}
		f.Const().Id(s.name).Op("=").Add(stringLit(s.text))
	}
}

// wrapComment breaks text into lines of at most width bytes at spaces (a
// longer word gets a line of its own).
func wrapComment(text string, width int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		switch {
		case line == "":
			line = word
		case len(line)+1+len(word) <= width:
			line += " " + word
		default:
			lines = append(lines, line)
			line = word
		}
	}
	return append(lines, line)
}

// checkNames refuses two constants, or a constant and a resource plan
// variable, with the same Go name: taken lists, per resource, the names
// of its constants.
func checkNames(names []resourceName, taken [][]string) error {
	seen := map[string]string{}
	for _, n := range names {
		seen[n.variable] = "the plan variable of " + n.file
	}
	for i, list := range taken {
		for _, name := range list {
			if prev, dup := seen[name]; dup {
				return fmt.Errorf("%s and a constant of %s both map to the Go name %s", prev, names[i].file, name)
			}
			seen[name] = "a constant of " + names[i].file
		}
	}
	return nil
}

// planConstants are the named constants a resource file declares beside
// its plan: the plan's SQL and its indexes.
type planConstants struct {
	statements []statement
	indexes    *planIndexes
}

// resourceConstants names the SQL and the indexes of r's plan, whose Go
// name is variable.
func resourceConstants(r *spec.Resource, variable string) (*planConstants, error) {
	stmts, err := resourceStatements(r, literalPath(r), variable)
	if err != nil {
		return nil, err
	}
	indexes, err := resourceIndexes(r, literalPath(r), variable)
	if err != nil {
		return nil, err
	}
	return &planConstants{statements: stmts, indexes: indexes}, nil
}

// declarePlan declares r's plan in f as the package-level variable name,
// written with the constants of consts, and then the constants: the
// indexes, then the SQL.
func declarePlan(f *jen.File, lits *literals, r *spec.Resource, name string, consts *planConstants) error {
	lits.nameStatements(consts.statements)
	lits.nameIndexes(consts.indexes)
	val, err := lits.root(reflect.ValueOf(r), literalPath(r))
	if err != nil {
		return err
	}
	kind := "resource"
	if r.IsDescriptor {
		kind = "descriptor"
	}
	f.Commentf("%s is the plan of the %s %s %s, served at /data/%s/%s.", name, r.ProjectName, kind, r.Name, r.ProjectEndpoint, r.Endpoint)
	f.Var().Id(name).Op("=").Add(val)
	declareIndexes(f, consts.indexes)
	declareStatements(f, consts.statements)
	return nil
}

// names lists the constants' Go names.
func (c *planConstants) names() []string {
	out := c.indexes.indexNames()
	for _, s := range c.statements {
		out = append(out, s.name)
	}
	return out
}
