package gogen

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/dave/jennifer/jen"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// renderVar renders `var x = <literal of v>` in a throw-away file.
func renderVar(t *testing.T, l *literals, v any) (string, error) {
	t.Helper()
	c, err := l.root(reflect.ValueOf(v), "x")
	if err != nil {
		return "", err
	}
	f := jen.NewFile("p")
	f.ImportName(specPkg, "spec")
	f.Var().Id("x").Op("=").Add(c)
	return fmt.Sprintf("%#v", f), nil
}

func TestLiteralShapes(t *testing.T) {
	table := &spec.Table{Name: "T", Parent: -1, Kind: spec.CollectionTable, Columns: []*spec.Column{{Name: "A", Kind: spec.ScalarColumn, Steps: []string{"a"}, Reference: 2}}}
	got, err := renderVar(t, newLiterals(), table)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"var x = &spec.Table{",
		`Name:   "T",`,
		"Kind:   spec.CollectionTable,",
		"Parent: -1,",
		`Columns: []*spec.Column{`,
		`{Name: "A", Kind: spec.ScalarColumn},`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "Schema:") || strings.Contains(got, "Nullable") {
		t.Errorf("zero fields were written:\n%s", got)
	}
	// Steps and Reference are emitted away (the runtime does not read them).
	if strings.Contains(got, "Steps:") || strings.Contains(got, "Reference:") {
		t.Errorf("fields the runtime does not read were written:\n%s", got)
	}
}

func TestLiteralEscapedStringIsRaw(t *testing.T) {
	for text, want := range map[string]string{
		"SELECT 1\nFROM t": "Name: `SELECT 1\nFROM t`",    // multi-line: raw
		`"edfi"."School"`:  "Name: `\"edfi\".\"School\"`", // quoted identifiers: raw
		"plain":            `Name: "plain"`,               // nothing to escape
		"a`b\nc":           `Name: "a` + "`" + `b\nc"`,    // a raw string cannot hold a backquote
		"a\r\nb":           `Name: "a\r\nb"`,              // nor keep a carriage return
	} {
		got, err := renderVar(t, newLiterals(), &spec.Column{Name: text})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(got, want) {
			t.Errorf("%q: output lacks %s:\n%s", text, want, got)
		}
	}
}

func TestLiteralRefusesSharingAndCycles(t *testing.T) {
	col := &spec.Column{Name: "A"}
	shared := &spec.Table{Columns: []*spec.Column{col, col}}
	if _, err := renderVar(t, newLiterals(), shared); err == nil || !strings.Contains(err.Error(), "x.Columns[1]: this *spec.Column is also reachable as x.Columns[0]") {
		t.Errorf("sharing error = %v", err)
	}
	type node struct{ Next *node }
	n := &node{}
	n.Next = n
	if _, err := renderVar(t, newLiterals(), n); err == nil || !strings.Contains(err.Error(), "x.Next: the plan contains a cycle") {
		t.Errorf("cycle error = %v", err)
	}
	type withFunc struct{ F func() }
	if _, err := renderVar(t, newLiterals(), &withFunc{F: func() {}}); err == nil || !strings.Contains(err.Error(), "x.F: a func() cannot be written") {
		t.Errorf("func error = %v", err)
	}
	type withHidden struct{ hidden int }
	if _, err := renderVar(t, newLiterals(), &withHidden{hidden: 1}); err == nil || !strings.Contains(err.Error(), "x.hidden: unexported field is set") {
		t.Errorf("unexported error = %v", err)
	}
}

func TestLiteralNamedPointersAndInterfaces(t *testing.T) {
	r := &spec.Resource{Name: "School"}
	l := newLiterals()
	l.named[r] = "edfiSchool"
	got, err := renderVar(t, l, &spec.Schema{Resources: []*spec.Resource{r}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got, "Resources: []*spec.Resource{\n\t\tedfiSchool,\n\t},") {
		t.Errorf("named pointer not referenced by name:\n%s", got)
	}
	type boxed struct {
		V    any
		M    map[string]int16
		Kind any
	}
	got, err = renderVar(t, newLiterals(), &boxed{V: int16(3), M: map[string]int16{"b": 2, "a": 1}, Kind: spec.Int32Type})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"V: int16(3)", `"a": 1,`, "Kind: spec.Int32Type"} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	if strings.Index(got, `"a"`) > strings.Index(got, `"b"`) {
		t.Errorf("map keys not sorted:\n%s", got)
	}
}
