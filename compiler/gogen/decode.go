package gogen

import (
	"fmt"
	"go/token"
	"go/types"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/edfi-dmsc/dmsc/runtime/validate"
)

// jsonrPkg is the JSON reader generated decoders walk.
const jsonrPkg = runtimePkg + "/jsonr"

// decodeCode declares the decode of a resource's write bodies into its
// document type: decode<Root>, which runs the API's checks in the API's
// order, a read function per object type (the schema stage of the
// validation, in schema order), the later stages (decimal precision,
// equality constraints, array uniqueness) over the decoded document, and
// write<Root>, the resource's Codec.Write.
func decodeCode(f *jen.File, m *TypeModel) error {
	if sharedDescriptor(m) {
		return nil
	}
	f.ImportName(jsonrPkg, "jsonr")
	f.ImportName(validatePkg, "validate")
	g := &decodeGen{m: m, decimals: map[*ObjectType]bool{}}
	for i := len(m.Objects) - 1; i >= 0; i-- {
		g.markDecimals(m.Objects[i])
	}
	g.entry(f)
	for _, o := range m.Objects {
		if err := g.read(f, o); err != nil {
			return err
		}
	}
	for _, o := range m.Objects {
		if g.decimals[o] {
			if err := g.decimalStage(f, o); err != nil {
				return err
			}
		}
	}
	if err := g.constraintStages(f); err != nil {
		return err
	}
	g.write(f)
	return nil
}

// decodeGen writes the decode code of one resource.
type decodeGen struct {
	m *TypeModel
	// decimals marks the object types holding (at any depth) a number with
	// a precision rule.
	decimals map[*ObjectType]bool
}

// markDecimals sets decimals[o]; the types below o are marked already
// (Objects lists them after o).
func (g *decodeGen) markDecimals(o *ObjectType) {
	for _, f := range o.Fields {
		if f.Kind == ScalarField && f.Node.Decimal != nil || f.Object != nil && g.decimals[f.Object] {
			g.decimals[o] = true
		}
	}
}

func decodeFunc(m *TypeModel) string     { return "decode" + m.Root.Name }
func writeFunc(m *TypeModel) string      { return "write" + m.Root.Name }
func readFunc(o *ObjectType) string      { return "read" + o.Name }
func decimalsFunc(o *ObjectType) string  { return "decimals" + o.Name }
func equalityFunc(m *TypeModel) string   { return "equality" + m.Root.Name }
func uniquenessFunc(m *TypeModel) string { return "uniqueness" + m.Root.Name }

// decoder is the *engine.Decoder parameter of the generated functions.
func decoder() jen.Code { return jen.Id("d").Op("*").Qual(enginePkg, "Decoder") }

// entry writes decode<Root>.
func (g *decodeGen) entry(f *jen.File) {
	r := g.m.Resource
	root := g.m.Root
	body := []jen.Code{
		jen.List(jen.Id("d"), jen.Id("root"), jen.Err()).Op(":=").Qual(enginePkg, "BeginDecode").Call(
			jen.Id("ctx"), jen.Id("in"), jen.Id("body"), jen.Lit(!r.IsDescriptor)),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Defer().Id("d").Dot("Release").Call(),
		jen.Id("x").Op(":=").New(jen.Id(root.Name)),
		jen.Id(readFunc(root)).Call(jen.Id("d"), jen.Id("root"), jen.Id("x")),
	}
	for _, s := range g.laterStages() {
		body = append(body, jen.If(jen.Op("!").Id("d").Dot("V").Dot("Failed").Call()).Block(jen.Id(s).Call(jen.Id("d"), jen.Id("x"))))
	}
	body = append(body,
		jen.If(jen.Err().Op(":=").Id("d").Dot("Problem").Call(), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Return(jen.Id("x"), jen.Nil()))
	guard := " and the write guardrails"
	if r.IsDescriptor {
		guard = ""
	}
	f.Commentf("%s decodes the body of a POST (in.ID is uuid.Nil) or of a PUT of a %s. It", decodeFunc(g.m), r.Name)
	f.Commentf("answers the API's 400s in the API's order — body checks, the \"id\" member%s,", guard)
	f.Comment("then the validation stages: schema, decimal precision, equality constraints, array")
	f.Comment("uniqueness — and otherwise returns the validated, coerced document.")
	f.Func().Id(decodeFunc(g.m)).Params(
		jen.Id("ctx").Qual("context", "Context"), jen.Id("in").Qual(enginePkg, "WriteInput"), jen.Id("body").Index().Byte(),
	).Parens(jen.List(jen.Op("*").Id(root.Name), jen.Error())).Block(body...)
	f.Line()
}

// write writes write<Root>, the resource's Codec.Write.
func (g *decodeGen) write(f *jen.File) {
	doc := jen.Qual(enginePkg, "WriteDoc")
	f.Commentf("%s is the Codec.Write of %s: the decoded document, flattened.", writeFunc(g.m), g.m.Resource.Name)
	f.Func().Id(writeFunc(g.m)).Params(
		jen.Id("ctx").Qual("context", "Context"), jen.Id("in").Qual(enginePkg, "WriteInput"), jen.Id("body").Index().Byte(),
	).Parens(jen.List(doc.Clone(), jen.Error())).Block(
		jen.List(jen.Id("x"), jen.Err()).Op(":=").Id(decodeFunc(g.m)).Call(jen.Id("ctx"), jen.Id("in"), jen.Id("body")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(doc.Clone().Values(), jen.Err())),
		jen.Return(doc.Clone().Values(jen.Dict{jen.Id("Flat"): jen.Id("x").Dot("Flatten").Call()}), jen.Nil()),
	)
}

// codecVar is the package-level variable holding a resource's
// engine.Codec (variable is its plan's).
func codecVar(variable string) string { return variable + "Codec" }

// declareCodec declares the resource's engine.Codec: its decode,
// validation and flatten, and its hydration and encoding.
func declareCodec(f *jen.File, m *TypeModel, variable string) {
	f.Commentf("%s is the generated code the engine runs for the requests of %s.", codecVar(variable), m.Resource.Name)
	f.Var().Id(codecVar(variable)).Op("=").Qual(enginePkg, "Codec").Values(jen.Dict{
		jen.Id("Write"): writeCodec(m),
		jen.Id("Read"):  readCodec(m),
	})
	f.Line()
}

// declareCodecs declares Codecs, the engine.Codec of every resource,
// parallel to Schema.Resources.
func declareCodecs(f *jen.File, names []resourceName) {
	codecs := make([]jen.Code, len(names))
	for i, n := range names {
		codecs[i] = jen.Id(codecVar(n.variable))
	}
	f.Comment("Codecs are the generated code of every resource, parallel to Schema.Resources.")
	f.Var().Id("Codecs").Op("=").Index().Qual(enginePkg, "Codec").Values(multiline(codecs)...)
	f.Line()
}

// memberVar is the local variable holding the position of member fd in
// the body: its JSON name, lower-cased, unless that is a keyword, a
// predeclared identifier or a name the read function uses.
func memberVar(fd *Field) string {
	name := strings.ToLower(fd.Name[:1]) + fd.Name[1:]
	switch {
	case token.IsKeyword(name), types.Universe.Lookup(name) != nil:
		return name + "Member"
	}
	switch name {
	case "d", "v", "x", "m", "it", "i", "mark", "item":
		return name + "Member"
	}
	return name
}

// read writes the schema stage of object type o: read<Type>.
func (g *decodeGen) read(f *jen.File, o *ObjectType) error {
	if len(o.Fields) == 0 {
		f.Commentf("%s reads object v, which declares no members (they are dropped).", readFunc(o))
		f.Func().Id(readFunc(o)).Params(jen.Id("_").Op("*").Qual(enginePkg, "Decoder"), jen.Id("_").Qual(jsonrPkg, "Value"), jen.Id("_").Op("*").Id(o.Name)).Block()
		f.Line()
		return nil
	}
	// One declaration per member, not one var list: a member added to the
	// schema then adds a line instead of rewriting the list's line.
	body := make([]jen.Code, 0, len(o.Fields)+1)
	cases := make([]jen.Code, len(o.Fields))
	for i, fd := range o.Fields {
		body = append(body, jen.Var().Id(memberVar(fd)).Qual(jsonrPkg, "Value"))
		cases[i] = jen.Case(jen.Lit(fd.JSONName)).Block(jen.Id(memberVar(fd)).Op("=").Id("m").Dot("Value").Call())
	}
	body = append(body,
		jen.For(jen.Id("m").Op(":=").Id("d").Dot("Doc").Dot("Members").Call(jen.Id("v")), jen.Id("m").Dot("NextPresent").Call(), jen.Empty()).Block(
			jen.Switch(jen.Id("m").Dot("Key").Call()).Block(cases...)))
	if o.Parent == nil {
		for _, fd := range o.Fields {
			if fd.Kind == ObjectArrayField || fd.Kind == ScalarArrayField {
				body = append(body, jen.If(jen.Id("d").Dot("EmptyArray").Call(jen.Id(memberVar(fd)))).Block(jen.Id(memberVar(fd)).Op("=").Lit(0)))
			}
		}
	}
	for _, name := range o.Node.Required {
		fd := o.Field(name)
		if fd == nil {
			return fmt.Errorf("%s: required member %q is not a property", o.Scope, name)
		}
		body = append(body, jen.If(jen.Id(memberVar(fd)).Op("==").Lit(0)).Block(jen.Id("d").Dot("V").Dot("Required").Call(jen.Lit(name))))
	}
	for _, fd := range o.Fields {
		code, err := g.readField(fd)
		if err != nil {
			return err
		}
		body = append(body, code)
	}
	for _, line := range wrapComment(fmt.Sprintf("%s reads object v into x: the schema stage of the validation of %s "+
		"(unknown and null members are dropped; required members, types, lengths, patterns, formats and bounds "+
		"are checked in schema order).", readFunc(o), o.Scope), commentWidth) {
		f.Comment(line)
	}
	f.Func().Id(readFunc(o)).Params(decoder(), jen.Id("v").Qual(jsonrPkg, "Value"), jen.Id("x").Op("*").Id(o.Name)).Block(body...)
	f.Line()
	return nil
}

// readField reads member fd when the body has it.
func (g *decodeGen) readField(fd *Field) (jen.Code, error) {
	at := jen.Id(memberVar(fd))
	dst := jen.Id("x").Dot(fd.Name)
	name := jen.Lit(fd.JSONName)
	present := jen.Id(memberVar(fd)).Op("!=").Lit(0)
	enter := jen.Id("mark").Op(":=").Id("d").Dot("V").Dot("Enter").Call(name)
	leave := jen.Id("d").Dot("V").Dot("Leave").Call(jen.Id("mark"))
	switch fd.Kind {
	case ObjectField:
		var read []jen.Code
		if fd.Required {
			read = []jen.Code{jen.Id(readFunc(fd.Object)).Call(jen.Id("d"), at, jen.Op("&").Add(dst))}
		} else {
			read = []jen.Code{
				dst.Clone().Op("=").New(jen.Id(fd.Object.Name)),
				jen.Id(readFunc(fd.Object)).Call(jen.Id("d"), at, dst.Clone()),
			}
		}
		block := append(append([]jen.Code{enter}, read...), leave)
		return jen.If(present.Op("&&").Id("d").Dot("Object").Call(at, name)).Block(block...), nil
	case ObjectArrayField:
		return jen.If(present.Op("&&").Id("d").Dot("Array").Call(at, name, jen.Lit(fd.Node.MinItems))).Block(
			enter,
			dst.Clone().Op("=").Make(jen.Index().Id(fd.Object.Name), jen.Id("d").Dot("Doc").Dot("Len").Call(at)),
			jen.For(jen.Id("it").Op(":=").Id("d").Dot("Doc").Dot("Items").Call(at), jen.Id("it").Dot("Next").Call(), jen.Empty()).Block(
				jen.If(jen.Id("i").Op(":=").Id("it").Dot("Index").Call(), jen.Id("d").Dot("ObjectItem").Call(jen.Id("it").Dot("Value").Call(), jen.Id("i"))).Block(
					jen.Id("item").Op(":=").Id("d").Dot("V").Dot("EnterItem").Call(jen.Id("i")),
					jen.Id(readFunc(fd.Object)).Call(jen.Id("d"), jen.Id("it").Dot("Value").Call(), jen.Op("&").Add(dst.Clone()).Index(jen.Id("i"))),
					jen.Id("d").Dot("V").Dot("Leave").Call(jen.Id("item")),
				),
			),
			leave,
		), nil
	case ScalarArrayField:
		return nil, fmt.Errorf("%s: arrays of scalars are not supported by generated decoders", fd.Path)
	}
	var read []jen.Code
	minimum, maximum := fd.Node.Minimum, fd.Node.Maximum
	if fd.Node.Kind == spec.BodyInteger {
		var narrow *spec.Column
		var err error
		if minimum, maximum, narrow, err = g.integerBounds(fd); err != nil {
			return nil, err
		}
		if narrow != nil {
			read = append(read, jen.Commentf("Column %s is a 32-bit integer: the bounds are narrowed to its range.", narrow.Name))
		}
	}
	if fd.Required {
		read = append(read, scalarRead(fd, jen.Op("&").Add(dst), at, minimum, maximum))
	} else {
		read = append(read,
			dst.Clone().Dot("Present").Op("=").True(),
			scalarRead(fd, jen.Op("&").Add(dst.Clone()).Dot("Value"), at, minimum, maximum))
	}
	return jen.If(present).Block(read...), nil
}

// int32Range are the bounds of a 32-bit integer column.
var int32Range = [2]*big.Rat{big.NewRat(math.MinInt32, 1), big.NewRat(math.MaxInt32, 1)}

// integerBounds are the bounds integer member fd is checked against: its
// schema's, narrowed to the range of the 32-bit column holding it (narrow,
// nil when no bound changed) when the member's Go type is 64-bit — a
// schema integer without a format has a 64-bit Go type and a 32-bit
// column —, so that a value the column cannot hold is answered with the
// 400 of a bound rather than failing the write in the database. A value
// beyond the Go type itself is refused by the Decoder.
func (g *decodeGen) integerBounds(fd *Field) (minimum, maximum string, narrow *spec.Column, err error) {
	minimum, maximum = fd.Node.Minimum, fd.Node.Maximum
	if fd.Scalar != GoInt64 {
		return minimum, maximum, nil, nil
	}
	var column *spec.Column
	for _, ci := range fd.Columns {
		if c := g.m.Resource.Tables[fd.Owner.Owner].Columns[ci]; c.Type == spec.Int32Type {
			column = c
			break
		}
	}
	if column == nil {
		return minimum, maximum, nil, nil
	}
	narrowed := false
	tighter := func(bound string, limit *big.Rat, sign int) (string, error) {
		if bound != "" {
			b, ok := new(big.Rat).SetString(bound)
			if !ok {
				return "", fmt.Errorf("%s: bound %q is not a number", fd.Path, bound)
			}
			if b.Cmp(limit)*sign <= 0 {
				return bound, nil
			}
		}
		narrowed = true
		return limit.RatString(), nil
	}
	if minimum, err = tighter(minimum, int32Range[0], -1); err != nil {
		return "", "", nil, err
	}
	if maximum, err = tighter(maximum, int32Range[1], 1); err != nil {
		return "", "", nil, err
	}
	if narrowed {
		narrow = column
	}
	return minimum, maximum, narrow, nil
}

// scalarRead is the Decoder call reading scalar member fd at into dst;
// a number is checked against minimum and maximum.
func scalarRead(fd *Field, dst, at jen.Code, minimum, maximum string) jen.Code {
	n := fd.Node
	name := jen.Lit(fd.JSONName)
	d := jen.Id("d")
	switch n.Kind {
	case spec.BodyInteger:
		method := "Int64"
		if n.Int32 {
			method = "Int32"
		}
		return d.Dot(method).Call(dst, at, name, jen.Lit(minimum), jen.Lit(maximum))
	case spec.BodyNumber:
		return d.Dot("Decimal").Call(dst, at, name, jen.Lit(minimum), jen.Lit(maximum))
	case spec.BodyBoolean:
		return d.Dot("Bool").Call(dst, at, name)
	}
	return d.Dot("String").Call(dst, at, name, stringRule(n))
}

// stringRule is the engine.StringRule of string schema node n.
func stringRule(n *spec.BodyNode) jen.Code {
	rule := jen.Dict{jen.Id("MinLength"): jen.Lit(n.MinLength), jen.Id("MaxLength"): jen.Lit(n.MaxLength)}
	if n.Pattern != validate.NoPattern {
		rule[jen.Id("Pattern")] = jen.Qual(validatePkg, n.Pattern.String())
	}
	switch n.Format {
	case spec.DateFormat:
		rule[jen.Id("Format")] = jen.Qual(specPkg, "DateFormat")
	case spec.DateTimeFormat:
		rule[jen.Id("Format")] = jen.Qual(specPkg, "DateTimeFormat")
	case spec.TimeFormat:
		rule[jen.Id("Format")] = jen.Qual(specPkg, "TimeFormat")
	}
	if n.TrimText {
		rule[jen.Id("Trim")] = jen.True()
	}
	return jen.Qual(enginePkg, "StringRule").Values(rule)
}

// decimalStage writes decimals<Type>: the decimal-precision stage over the
// members of o, in schema order, descending into the members holding
// decimals.
func (g *decodeGen) decimalStage(f *jen.File, o *ObjectType) error {
	var body []jen.Code
	for _, fd := range o.Fields {
		dst := jen.Id("x").Dot(fd.Name)
		name := jen.Lit(fd.JSONName)
		enter := jen.Id("mark").Op(":=").Id("d").Dot("V").Dot("Enter").Call(name)
		leave := jen.Id("d").Dot("V").Dot("Leave").Call(jen.Id("mark"))
		switch {
		case fd.Kind == ScalarField && fd.Node.Decimal != nil:
			if fd.Node.Kind != spec.BodyNumber {
				return fmt.Errorf("%s: a precision rule on a member that is not a number", fd.Path)
			}
			r := fd.Node.Decimal
			check := func(text jen.Code) jen.Code {
				return jen.Id("d").Dot("CheckDecimal").Call(text, name, jen.Lit(r.Path), jen.Lit(r.TotalDigits), jen.Lit(r.DecimalPlaces))
			}
			if fd.Required {
				body = append(body, check(dst))
			} else {
				body = append(body, jen.If(dst.Clone().Dot("Present")).Block(check(dst.Clone().Dot("Value"))))
			}
		case fd.Kind == ObjectField && g.decimals[fd.Object]:
			if fd.Required {
				body = append(body, jen.Block(enter, jen.Id(decimalsFunc(fd.Object)).Call(jen.Id("d"), jen.Op("&").Add(dst)), leave))
			} else {
				body = append(body, jen.If(dst.Clone().Op("!=").Nil()).Block(enter, jen.Id(decimalsFunc(fd.Object)).Call(jen.Id("d"), dst.Clone()), leave))
			}
		case fd.Kind == ObjectArrayField && g.decimals[fd.Object]:
			body = append(body, jen.If(dst.Clone().Op("!=").Nil()).Block(
				enter,
				jen.For(jen.Id("i").Op(":=").Range().Add(dst.Clone())).Block(
					jen.Id("item").Op(":=").Id("d").Dot("V").Dot("EnterItem").Call(jen.Id("i")),
					jen.Id(decimalsFunc(fd.Object)).Call(jen.Id("d"), jen.Op("&").Add(dst.Clone()).Index(jen.Id("i"))),
					jen.Id("d").Dot("V").Dot("Leave").Call(jen.Id("item")),
				),
				leave,
			))
		}
	}
	f.Commentf("%s is the decimal-precision stage of %s.", decimalsFunc(o), o.Scope)
	f.Func().Id(decimalsFunc(o)).Params(decoder(), jen.Id("x").Op("*").Id(o.Name)).Block(body...)
	f.Line()
	return nil
}

// laterStages are the functions of the validation stages after the schema
// stage that the resource has, in order.
func (g *decodeGen) laterStages() []string {
	var stages []string
	if g.decimals[g.m.Root] {
		stages = append(stages, decimalsFunc(g.m.Root))
	}
	if len(g.m.Resource.Write.Equality) > 0 {
		stages = append(stages, equalityFunc(g.m))
	}
	if len(g.m.Resource.Write.Uniqueness) > 0 {
		stages = append(stages, uniquenessFunc(g.m))
	}
	return stages
}

// constraintStages writes the equality and uniqueness stages of the
// resource, when it has constraints.
func (g *decodeGen) constraintStages(f *jen.File) error {
	w := g.m.Resource.Write
	stages := []struct {
		name        string
		constraints int
		body        func() ([]jen.Code, error)
		doc         [2]string // doc comment lines: the first takes the function's and the resource's names
	}{
		{equalityFunc(g.m), len(w.Equality), func() ([]jen.Code, error) { return g.equality(w.Equality) }, [2]string{
			"%s is the equality-constraint stage of %s: all the values at both paths",
			"of a constraint, as written, must be equal."}},
		{uniquenessFunc(g.m), len(w.Uniqueness), func() ([]jen.Code, error) { return g.uniqueness(w.Uniqueness) }, [2]string{
			"%s is the array-uniqueness stage of %s: the first item of each array",
			"that repeats the identifying values of an earlier one is reported."}},
	}
	for _, s := range stages {
		if s.constraints == 0 {
			continue
		}
		body, err := s.body()
		if err != nil {
			return err
		}
		f.Commentf(s.doc[0], s.name, g.m.Resource.Name)
		f.Comment(s.doc[1])
		f.Func().Id(s.name).Params(decoder(), jen.Id("x").Op("*").Id(g.m.Root.Name)).Block(body...)
		f.Line()
	}
	return nil
}

// equality writes the checks of the equality constraints: the values at
// the source path, then at the target path, in document order.
func (g *decodeGen) equality(cs []spec.EqualityConstraint) ([]jen.Code, error) {
	var body []jen.Code
	for _, c := range cs {
		add := func(fd *Field, value string) jen.Code {
			return jen.Id("values").Dot("Add").Call(valueText(fd, value))
		}
		src, err := g.walkTo(g.m.Root, "x", c.SourceSteps, 0, nil, add, nil)
		if err != nil {
			return nil, fmt.Errorf("equality constraint %s: %w", c.SourcePath, err)
		}
		tgt, err := g.walkTo(g.m.Root, "x", c.TargetSteps, 0, nil, add, nil)
		if err != nil {
			return nil, fmt.Errorf("equality constraint %s: %w", c.TargetPath, err)
		}
		block := []jen.Code{jen.Id("values").Op(":=").Id("d").Dot("Equality").Call()}
		block = append(block, src...)
		block = append(block, tgt...)
		block = append(block, jen.If(jen.Id("values").Dot("Conflict").Call()).Block(
			jen.Id("d").Dot("V").Dot("EqualityMismatch").Call(jen.Lit(c.SourcePath), jen.Lit(c.TargetPath), jen.Id("values").Dot("Values").Call())))
		body = append(body, jen.Comment(c.SourcePath+" = "+c.TargetPath), jen.Block(block...))
	}
	return body, nil
}

// valueText is the text of scalar fd's value (Go expression value) as the
// client wrote it, after coercion.
func valueText(fd *Field, value string) jen.Code {
	switch fd.Scalar {
	case GoInt32:
		return jen.Id("d").Dot("Int32Text").Call(jen.Op("&").Id(value))
	case GoInt64:
		return jen.Id("d").Dot("Int64Text").Call(jen.Op("&").Id(value))
	case GoBool:
		return jen.Qual("strconv", "FormatBool").Call(jen.Id(value))
	}
	return jen.Id(value)
}

// walkTo writes the code visiting every value at steps (member names,
// "[*]" expanding arrays) below the object expr of type o, skipping absent
// members; depth numbers the variables, path holds the concrete path so
// far. At a scalar it emits leaf(field, value expression); a path ending
// at an array of objects is handed to arrays.
// arrayVisit receives an array located by walkTo: the array field, its
// expression, the Go expression of its concrete path and the depth.
type arrayVisit func(fd *Field, expr string, path jen.Code, depth int) ([]jen.Code, error)

// pathPart is a piece of a concrete path: text, or the loop variable
// holding an array index.
type pathPart struct {
	text, index string
}

func (g *decodeGen) walkTo(o *ObjectType, expr string, steps []string, depth int, path []pathPart, leaf func(*Field, string) jen.Code, arrays arrayVisit) ([]jen.Code, error) {
	if len(steps) == 0 {
		return nil, fmt.Errorf("the path ends at the object %s", o.Scope)
	}
	fd := o.Field(steps[0])
	if fd == nil {
		return nil, fmt.Errorf("%s has no member %q", o.Scope, steps[0])
	}
	member := expr + "." + fd.Name
	path = append(path[:len(path):len(path)], pathPart{text: "." + fd.JSONName})
	rest := steps[1:]
	switch fd.Kind {
	case ScalarField:
		if len(rest) > 0 || leaf == nil {
			return nil, fmt.Errorf("%s: the path passes through a scalar", fd.Path)
		}
		if fd.Required {
			return []jen.Code{leaf(fd, member)}, nil
		}
		return []jen.Code{jen.If(jen.Id(member).Dot("Present")).Block(leaf(fd, member+".Value"))}, nil
	case ObjectField:
		if fd.Required {
			return g.walkTo(fd.Object, member, rest, depth, path, leaf, arrays)
		}
		v := "o" + strconv.Itoa(depth)
		inner, err := g.walkTo(fd.Object, v, rest, depth+1, path, leaf, arrays)
		if err != nil {
			return nil, err
		}
		return []jen.Code{jen.If(jen.Id(v).Op(":=").Id(member), jen.Id(v).Op("!=").Nil()).Block(inner...)}, nil
	case ObjectArrayField:
		if len(rest) == 0 {
			if arrays == nil {
				return nil, fmt.Errorf("%s: the path ends at an array", fd.Path)
			}
			return arrays(fd, member, joinPath(path), depth)
		}
		if rest[0] != "[*]" {
			return nil, fmt.Errorf("%s: a member step after an array", fd.Path)
		}
		i := "i" + strconv.Itoa(depth)
		itemPath := append(path[:len(path):len(path)], pathPart{text: "["}, pathPart{index: i}, pathPart{text: "]"})
		inner, err := g.walkTo(fd.Object, member+"["+i+"]", rest[1:], depth+1, itemPath, leaf, arrays)
		if err != nil {
			return nil, err
		}
		return []jen.Code{jen.For(jen.Id(i).Op(":=").Range().Id(member)).Block(inner...)}, nil
	}
	return nil, fmt.Errorf("%s: arrays of scalars are not supported by generated decoders", fd.Path)
}

// joinPath is the Go expression of a concrete path: "$" and the parts,
// adjacent texts joined.
func joinPath(parts []pathPart) jen.Code {
	var terms []jen.Code
	text := "$"
	for _, p := range parts {
		if p.index == "" {
			text += p.text
			continue
		}
		terms = append(terms, jen.Lit(text), jen.Qual("strconv", "Itoa").Call(jen.Id(p.index)))
		text = ""
	}
	if text != "" {
		terms = append(terms, jen.Lit(text))
	}
	expr := terms[0].(*jen.Statement)
	for _, t := range terms[1:] {
		expr = expr.Op("+").Add(t)
	}
	return expr
}

// uniqueness writes the checks of the array-uniqueness constraints.
func (g *decodeGen) uniqueness(cs []spec.UniquenessConstraint) ([]jen.Code, error) {
	var body []jen.Code
	for _, c := range cs {
		// The values compared together: all paths at once, or, for a
		// constraint checked path by path, one pass over the items per path.
		passes := [][]int{make([]int, len(c.ItemSteps))}
		for k := range c.ItemSteps {
			passes[0][k] = k
		}
		if c.EachPathAlone {
			passes = passes[:0]
			for k := range c.ItemSteps {
				passes = append(passes, []int{k})
			}
		}
		visit := func(fd *Field, expr string, path jen.Code, depth int) ([]jen.Code, error) {
			var checks []jen.Code
			for p, pass := range passes {
				loop, err := g.uniquenessPass(fd, expr, path, depth, c.ItemSteps, pass)
				if err != nil {
					return nil, err
				}
				assign := ":="
				if p > 0 {
					assign = "="
				}
				checks = append(checks, jen.Id("keys").Op(assign).Id("d").Dot("Keys").Call(), loop)
			}
			return []jen.Code{jen.If(jen.Id(expr).Op("!=").Nil()).Block(checks...)}, nil
		}
		code, err := g.walkTo(g.m.Root, "x", c.ArraySteps, 0, nil, nil, visit)
		if err != nil {
			return nil, fmt.Errorf("uniqueness constraint on %s: %w", strings.Join(c.ArraySteps, "."), err)
		}
		by := itemStepsText(c.ItemSteps, ", ")
		if c.EachPathAlone && len(c.ItemSteps) > 1 {
			by = "each of " + itemStepsText(c.ItemSteps, "; ")
		}
		body = append(body, jen.Comment(stepsPath(c.ArraySteps)+" by "+by))
		body = append(body, code...)
	}
	return body, nil
}

// uniquenessPass writes one loop over the items of the array expr that
// reports the first item repeating an earlier one's values at the item
// steps numbered in pass.
func (g *decodeGen) uniquenessPass(fd *Field, expr string, path jen.Code, depth int, itemSteps [][]string, pass []int) (jen.Code, error) {
	i := "i" + strconv.Itoa(depth)
	item := expr + "[" + i + "]"
	keys := make([]jen.Code, len(pass))
	var block []jen.Code
	for n, k := range pass {
		steps := itemSteps[k]
		key := "key" + strconv.Itoa(k)
		keys[n] = jen.Id(key)
		// A value every item has is assigned at once; one that may
		// be absent leaves the key empty, as the interpreter's
		// missing value did.
		assign := ":="
		if !alwaysPresent(fd.Object, steps) {
			assign = "="
			block = append(block, jen.Var().Id(key).String())
		}
		set, err := g.walkTo(fd.Object, item, steps, depth+1, nil, func(leaf *Field, value string) jen.Code {
			return jen.Id(key).Op(assign).Add(valueText(leaf, value))
		}, nil)
		if err != nil {
			return nil, err
		}
		block = append(block, set...)
	}
	block = append(block, jen.If(jen.Id("keys").Dot("Seen").Call(jen.Qual(validatePkg, "ItemKey").Call(keys...))).Block(
		jen.Id("d").Dot("DuplicateItem").Call(path, jen.Id(i)),
		jen.Break(),
	))
	return jen.For(jen.Id(i).Op(":=").Range().Id(expr)).Block(block...), nil
}

// alwaysPresent reports whether the member at steps below o is required
// all the way, so every validated document has it.
func alwaysPresent(o *ObjectType, steps []string) bool {
	fields, ok := o.Path(steps)
	if !ok {
		return false
	}
	for _, f := range fields {
		if !f.Required {
			return false
		}
	}
	return true
}

// stepsPath writes steps as a JSON path: "$.addresses[*].periods".
func stepsPath(steps []string) string {
	return strings.ReplaceAll("$."+strings.Join(steps, "."), ".[*]", "[*]")
}

func itemStepsText(steps [][]string, sep string) string {
	parts := make([]string, len(steps))
	for i, s := range steps {
		parts[i] = strings.Join(s, ".")
	}
	return strings.Join(parts, sep)
}
