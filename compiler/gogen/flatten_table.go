package gogen

import (
	"fmt"
	"go/token"
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// table writes the flatten method of o, the object type of table o.Table:
// it fills the row of one object from the object's members (and those of
// the inline objects below it), records its references and descriptors,
// and adds the rows of the child tables below it.
func (g *flattenGen) table(f *jen.File, o *ObjectType) error {
	w := &tableWalk{g: g, ti: o.Table, t: g.r.Tables[o.Table], locals: map[string]bool{"f": true, "row": true, "o": true, "ids": true, "i": true, "item": true}}
	body, err := w.object(o, "o")
	if err != nil {
		return fmt.Errorf("flatten %s: %w", o.Scope, err)
	}
	derived, err := w.derived(o)
	if err != nil {
		return fmt.Errorf("flatten %s: %w", o.Scope, err)
	}
	body = append(body, derived...)
	if w.references {
		body = append([]jen.Code{jen.Id("ids").Op(":=").Id("f").Dot("IDs").Call()}, body...)
	}
	t := w.t
	f.Commentf("flatten fills row, the %s.%s row of %s, and adds the rows below it.", t.Schema, t.Name, o.Scope)
	f.Func().Params(jen.Id("o").Op("*").Id(o.Name)).Id("flatten").Params(
		jen.Id("f").Op("*").Qual(enginePkg, "FlatDoc"), jen.Id("row").Op("*").Qual(enginePkg, "FlatRow"),
	).Block(body...)
	f.Line()
	return nil
}

// tableWalk writes the body of one table's flatten method.
type tableWalk struct {
	g  *flattenGen
	ti int
	t  *spec.Table
	// locals are the names taken in the method.
	locals map[string]bool
	// references is set once a reference id is built (the method then
	// declares ids).
	references bool
}

// local returns an unused local variable name for a member.
func (w *tableWalk) local(fd *Field) string {
	base := unexported(fd.Name)
	name := base
	for i := 2; w.locals[name] || !token.IsIdentifier(name); i++ {
		name = fmt.Sprintf("%s%d", base, i)
	}
	w.locals[name] = true
	return name
}

// object writes the statements for the members of o, whose Go expression
// (a pointer or an addressable value) is expr.
func (w *tableWalk) object(o *ObjectType, expr string) ([]jen.Code, error) {
	var out []jen.Code
	if o.Reference >= 0 {
		stmts, err := w.reference(o, expr)
		if err != nil {
			return nil, err
		}
		out = append(out, stmts...)
	}
	for _, fd := range o.Fields {
		member := expr + "." + fd.Name
		var stmts []jen.Code
		var err error
		switch fd.Kind {
		case ScalarField:
			stmts, err = w.scalar(fd, member)
		case ScalarArrayField:
			if len(fd.Columns) > 0 || fd.Descriptor >= 0 {
				err = fmt.Errorf("%s: an array of scalars stored in a column", fd.Path)
			}
		case ObjectField:
			stmts, err = w.objectField(fd, member)
		case ObjectArrayField:
			stmts, err = w.items(fd, member)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, stmts...)
	}
	return out, nil
}

// scalar writes the columns and the descriptor of a scalar member.
func (w *tableWalk) scalar(fd *Field, member string) ([]jen.Code, error) {
	value := member
	if !fd.Required {
		value += ".Value"
	}
	var stmts []jen.Code
	for _, ci := range fd.Columns {
		c := w.t.Columns[ci]
		if c.Kind != spec.ScalarColumn || c.Alias {
			// Descriptor ids resolve below; a key-unification member's
			// value goes to its canonical column (see derived).
			continue
		}
		name := w.g.column(w.ti, ci)
		if name == "" {
			return nil, fmt.Errorf("%s: column %s is not stored", fd.Path, c.Name)
		}
		stmts = append(stmts, jen.Id("row").Dot("Values").Index(jen.Id(name)).Op("=").Add(columnText(c, fd, value)))
	}
	if fd.Descriptor >= 0 {
		dp := w.g.r.Write.Descriptors[fd.Descriptor]
		if dp.Table != w.ti {
			return nil, fmt.Errorf("%s: descriptor plan of table %d met in table %d", fd.Path, dp.Table, w.ti)
		}
		column, err := w.descriptorColumn(dp.Column)
		if err != nil {
			return nil, err
		}
		stmts = append(stmts, jen.Id("f").Dot("AddDescriptor").Call(jen.Lit(dp.Project), pendingLit(
			keyed{"Row", jen.Id("row")},
			keyed{"Site", jen.Lit(fd.Descriptor)},
			keyed{"Column", column},
			keyed{"Member", jen.Lit(strings.Join(dp.Steps, "."))},
			keyed{"Target", jen.Lit(dp.Resource)},
			keyed{"KeyID", jen.Lit(int(dp.DescriptorResourceKeyID))},
			keyed{"URI", jen.Id(value)},
		)))
	}
	if len(stmts) == 0 || fd.Required {
		return stmts, nil
	}
	return []jen.Code{jen.If(jen.Id(member + ".Present")).Block(stmts...)}, nil
}

// descriptorColumn is the stored column a descriptor value at column ci
// resolves into: the column itself, or for a key-unification member the
// canonical column, unless an earlier member of its class is present.
func (w *tableWalk) descriptorColumn(ci int) (jen.Code, error) {
	c := w.t.Columns[ci]
	if !c.Alias {
		name := w.g.column(w.ti, ci)
		if name == "" {
			return nil, fmt.Errorf("descriptor column %s is not stored", c.Name)
		}
		return jen.Id(name), nil
	}
	canonical := columnIndex(w.t, c.Canonical)
	name := w.g.column(w.ti, canonical)
	if canonical < 0 || name == "" {
		return nil, fmt.Errorf("descriptor column %s: canonical column %s is not stored", c.Name, c.Canonical)
	}
	var earlier []string
	for _, m := range w.t.Columns[canonical].Members {
		if m == c.Name {
			break
		}
		a, err := w.columnAccess(columnIndex(w.t, m))
		if err != nil {
			return nil, err
		}
		if len(a.conds) == 0 {
			// An earlier member is always present and supplies the value.
			return jen.Lit(-1), nil
		}
		earlier = append(earlier, a.cond())
	}
	if len(earlier) == 0 {
		return jen.Id(name), nil
	}
	return jen.Qual(enginePkg, "UnifiedColumn").Call(jen.Id(name), jen.Id(strings.Join(parenthesized(earlier), " || "))), nil
}

// objectField writes an object member: a child table's row (an extension
// scope) or the members of an inline object.
func (w *tableWalk) objectField(fd *Field, member string) ([]jen.Code, error) {
	child := fd.Object
	if child.Table >= 0 {
		add, err := w.addRow(child, jen.Id("f").Dot("AddRow"))
		if err != nil {
			return nil, err
		}
		call := jen.Id(member).Dot("flatten").Call(jen.Id("f"), add)
		cond := nonEmpty(child, member, !fd.Required)
		if cond == "" {
			return []jen.Code{call}, nil
		}
		return []jen.Code{jen.If(jen.Id(cond)).Block(call)}, nil
	}
	if fd.Required {
		return w.object(child, member)
	}
	name := w.local(fd)
	inner, err := w.object(child, name)
	if err != nil {
		return nil, err
	}
	return []jen.Code{jen.If(jen.Id(name).Op(":=").Id(member), jen.Id(name).Op("!=").Nil()).Block(inner...)}, nil
}

// items writes the rows of an array of objects, a collection table.
func (w *tableWalk) items(fd *Field, member string) ([]jen.Code, error) {
	child := fd.Object
	if child.Table < 0 {
		return nil, fmt.Errorf("%s: an array of objects that is no table's scope", fd.Path)
	}
	tw := &w.g.r.Write.Tables[child.Table]
	ordinal := jen.Lit(-1)
	if tw.Ordinal >= 0 {
		ordinal = jen.Id(w.g.stored(child.Table)[tw.Ordinal])
	}
	add, err := w.addRow(child, jen.Id("f").Dot("AddItem"), jen.Id("i"), ordinal)
	if err != nil {
		return nil, err
	}
	return []jen.Code{jen.For(jen.Id("i").Op(":=").Range().Id(member)).Block(
		jen.Id("item").Op(":=").Add(add),
		jen.Id(member+"[i]").Dot("flatten").Call(jen.Id("f"), jen.Id("item")),
	)}, nil
}

// addRow is the call adding a row of child's table below row: add is
// AddRow, or AddItem with extra arguments.
func (w *tableWalk) addRow(child *ObjectType, add *jen.Statement, extra ...jen.Code) (jen.Code, error) {
	ct := w.g.r.Tables[child.Table]
	if ct.Parent != w.ti {
		return nil, fmt.Errorf("%s: table %s is not a child of table %s", child.Scope, ct.Name, w.t.Name)
	}
	steps := ct.ScopeSteps
	if len(steps) > 0 && steps[len(steps)-1] == "[*]" {
		steps = steps[:len(steps)-1]
	}
	args := []jen.Code{jen.Id(w.g.tableConst(child.Table)), jen.Id("row"), jen.Lit(strings.Join(steps, "."))}
	args = append(append(args, extra...), w.g.documentIDs(child.Table)...)
	return add.Call(args...), nil
}

// reference writes the pending resolution of the reference object o
// (expression expr): its target's referential id over its identity
// members, resolved into the reference's DocumentId column.
func (w *tableWalk) reference(o *ObjectType, expr string) ([]jen.Code, error) {
	rp := w.g.r.Write.References[o.Reference]
	if rp.Table != w.ti {
		return nil, fmt.Errorf("%s: reference plan of table %d met in table %d", o.Scope, rp.Table, w.ti)
	}
	column := w.g.column(w.ti, rp.FKColumn)
	if column == "" {
		return nil, fmt.Errorf("%s: reference column %s is not stored", o.Scope, w.t.Columns[rp.FKColumn].Name)
	}
	w.references = true
	stmts := []jen.Code{
		jen.Comment(fmt.Sprintf("%s refers to %s %s; its DocumentId goes to %s.", o.Scope, rp.TargetProject, rp.TargetResource, w.t.Columns[rp.FKColumn].Name)),
		jen.Id("ids").Dot("Start").Call(jen.Lit(rp.TargetProject), jen.Lit(rp.TargetResource))}
	for _, e := range rp.Elements {
		fields, ok := o.Path(e.Steps)
		if !ok {
			return nil, fmt.Errorf("%s: no member at %s", o.Scope, strings.Join(e.Steps, "."))
		}
		stmts = append(stmts, jen.Id("ids").Dot("Add").Call(jen.Lit(e.IdentityPath), identityText(e.Form, expr, fields)))
	}
	return append(stmts, jen.Id("f").Dot("AddReference").Call(pendingLit(
		keyed{"Row", jen.Id("row")},
		keyed{"Site", jen.Id(w.g.ix.references[o.Reference])},
		keyed{"Column", jen.Id(column)},
		keyed{"Member", jen.Lit(strings.Join(rp.ObjectSteps, "."))},
		keyed{"ID", jen.Id("ids").Dot("Sum").Call()},
		keyed{"Target", jen.Lit(rp.TargetResource)},
		keyed{"KeyID", jen.Lit(int(rp.TargetResourceKeyID))},
	))), nil
}

// keyed is one field of a keyed composite literal.
type keyed struct {
	name  string
	value jen.Code
}

// pendingLit is an engine.Pending literal of fields, one per line in
// their order (jen.Dict would sort them).
func pendingLit(fields ...keyed) jen.Code {
	items := make([]jen.Code, 0, len(fields)+1)
	for _, f := range fields {
		items = append(items, jen.Line().Id(f.name).Op(":").Add(f.value))
	}
	return jen.Qual(enginePkg, "Pending").Values(append(items, jen.Line())...)
}

// derived writes the stored columns no single member feeds: the canonical
// columns of key unification (the first present member's value) and the
// presence flags of unified members that are not reference-gated.
func (w *tableWalk) derived(o *ObjectType) ([]jen.Code, error) {
	var out []jen.Code
	for si, ci := range w.g.r.Write.Tables[w.ti].Stored {
		c := w.t.Columns[ci]
		target := jen.Id("row").Dot("Values").Index(jen.Id(w.g.stored(w.ti)[si]))
		switch {
		case len(c.Members) > 0 && c.Kind == spec.ScalarColumn:
			out = append(out, jen.Comment(fmt.Sprintf("%s (key unification) stores the first present of %s.", c.Name, strings.Join(c.Members, ", "))))
			var cases []jen.Code
			for _, m := range c.Members {
				mi := columnIndex(w.t, m)
				a, err := w.columnAccess(mi)
				if err != nil {
					return nil, err
				}
				fields, _ := w.g.m.ColumnPath(w.ti, w.t.Columns[mi])
				set := target.Clone().Op("=").Add(columnText(w.t.Columns[mi], fields[len(fields)-1], a.expr))
				switch {
				case len(a.conds) > 0:
					cases = append(cases, jen.Case(jen.Id(a.cond())).Block(set))
					continue
				case len(cases) == 0:
					// The first member is always present.
					out = append(out, set)
				default:
					cases = append(cases, jen.Default().Block(set))
				}
				break
			}
			if len(cases) > 0 {
				out = append(out, jen.Switch().Block(cases...))
			}
		case c.Kind == spec.PresenceColumn:
			var conds, gated []string
			for mi, m := range w.t.Columns {
				if m.Presence != c.Name {
					continue
				}
				a, err := w.columnAccess(mi)
				if err != nil {
					return nil, err
				}
				conds, gated = append(conds, a.cond()), append(gated, m.JSONPath)
			}
			set := target.Op("=").Qual(enginePkg, "Bool").Call(jen.True())
			comment := jen.Comment(fmt.Sprintf("%s (key unification) is true when %s is present.", c.Name, strings.Join(gated, " or ")))
			if len(conds) == 0 || slices.Contains(conds, "") {
				out = append(out, comment, set)
				continue
			}
			out = append(out, comment, jen.If(jen.Id(strings.Join(parenthesized(conds), " || "))).Block(set))
		}
	}
	return out, nil
}

// columnAccess is the access to the member column ci of the table reads,
// from the table's object o.
func (w *tableWalk) columnAccess(ci int) (access, error) {
	if ci < 0 {
		return access{}, fmt.Errorf("table %s: a unified member is not a column", w.t.Name)
	}
	fields, ok := w.g.m.ColumnPath(w.ti, w.t.Columns[ci])
	if !ok {
		return access{}, fmt.Errorf("column %s: no member of %s at %s", w.t.Columns[ci].Name, w.t.Scope, strings.Join(w.t.Columns[ci].Steps, "."))
	}
	return accessOf("o", fields), nil
}

// access is a member's Go expression and the conditions under which the
// document has it.
type access struct {
	expr  string
	conds []string
}

// cond is the conjunction of the conditions ("" when the member is always
// present).
func (a access) cond() string { return strings.Join(a.conds, " && ") }

// accessOf follows fields from base.
func accessOf(base string, fields []*Field) access {
	a := access{expr: base}
	for _, fd := range fields {
		a.expr += "." + fd.Name
		if fd.Required {
			continue
		}
		switch fd.Kind {
		case ObjectField:
			a.conds = append(a.conds, a.expr+" != nil")
		case ScalarField:
			a.conds = append(a.conds, a.expr+".Present")
			a.expr += ".Value"
		}
	}
	return a
}

// identityText is the string expression of the canonical text of the
// identity value at fields from base (an identity or reference identity
// value) in form. A value the schema lets the document omit (inside an
// object that is present) is hashed as the empty text, as the
// interpreter's JSON walk did.
func identityText(form spec.ValueForm, base string, fields []*Field) jen.Code {
	a := accessOf(base, fields)
	text := formText(form, fields[len(fields)-1], jen.Id(a.expr))
	if len(a.conds) == 0 {
		return text
	}
	return jen.Qual(enginePkg, "IfPresent").Call(jen.Id(a.cond()), text)
}

// nonEmpty is the condition under which the object expr of type o makes a
// row ("" for always): present, with at least one member. An object with
// a required member always has one.
func nonEmpty(o *ObjectType, expr string, pointer bool) string {
	var conds []string
	if pointer {
		conds = append(conds, expr+" != nil")
	}
	var alternatives []string
	for _, fd := range o.Fields {
		member := expr + "." + fd.Name
		switch {
		case fd.Required:
			return strings.Join(conds, " && ")
		case fd.Kind == ScalarField:
			alternatives = append(alternatives, member+".Present")
		case fd.Kind == ObjectField:
			alternatives = append(alternatives, member+" != nil")
		default:
			alternatives = append(alternatives, "len("+member+") > 0")
		}
	}
	if len(alternatives) > 0 {
		conds = append(conds, strings.Join(parenthesized(alternatives), " || "))
		if len(alternatives) > 1 && pointer {
			conds[len(conds)-1] = "(" + conds[len(conds)-1] + ")"
		}
	}
	return strings.Join(conds, " && ")
}

// parenthesized wraps each condition holding an && in parentheses, for an
// || of them.
func parenthesized(conds []string) []string {
	out := make([]string, len(conds))
	for i, c := range conds {
		out[i] = c
		if strings.Contains(c, "&&") {
			out[i] = "(" + c + ")"
		}
	}
	return out
}

// columnText is the *string expression of the canonical text of column c
// holding the value expr of member fd: what the table's load statement
// reads back for the stored value.
func columnText(c *spec.Column, fd *Field, expr string) jen.Code {
	switch fd.Scalar {
	case GoInt32:
		return textOf(jen.Qual("strconv", "FormatInt").Call(jen.Int64().Call(jen.Id(expr)), jen.Lit(10)))
	case GoInt64:
		return textOf(jen.Qual("strconv", "FormatInt").Call(jen.Id(expr), jen.Lit(10)))
	case GoBool:
		return jen.Qual(enginePkg, "Bool").Call(jen.Id(expr))
	}
	switch {
	case fd.Node.Kind == spec.BodyNumber, c.Type == spec.DecimalType, c.Type == spec.Int32Type, c.Type == spec.Int64Type:
		return textOf(jen.Qual(validatePkg, "CanonicalDecimal").Call(jen.Id(expr)))
	case c.Type == spec.DateTimeType:
		return textOf(jen.Qual(identityPkg, "DateTime").Call(jen.Id(expr)))
	case c.Type == spec.TimeType:
		return textOf(jen.Qual(identityPkg, "Time").Call(jen.Id(expr)))
	}
	// The member's own text: the row points into the document.
	return jen.Op("&").Id(expr)
}

func textOf(s jen.Code) jen.Code { return jen.Id("f").Dot("Text").Call(s) }

// formText is the string expression of the canonical text of identity
// value val (member fd) in form.
func formText(form spec.ValueForm, fd *Field, val jen.Code) jen.Code {
	switch fd.Scalar {
	case GoInt32:
		return jen.Qual("strconv", "FormatInt").Call(jen.Int64().Call(val), jen.Lit(10))
	case GoInt64:
		return jen.Qual("strconv", "FormatInt").Call(val, jen.Lit(10))
	case GoBool:
		return jen.Qual("strconv", "FormatBool").Call(val)
	}
	switch form {
	case spec.IntegerForm, spec.DecimalForm:
		return jen.Qual(validatePkg, "CanonicalDecimal").Call(val)
	case spec.DateTimeForm:
		return jen.Qual(identityPkg, "DateTime").Call(val)
	case spec.TimeForm:
		return jen.Qual(identityPkg, "Time").Call(val)
	}
	return val
}

// columnIndex is the index of the named column of t, -1 when none.
func columnIndex(t *spec.Table, name string) int {
	return slices.IndexFunc(t.Columns, func(c *spec.Column) bool { return c.Name == name })
}
