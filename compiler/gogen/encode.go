package gogen

import (
	"fmt"

	"github.com/dave/jennifer/jen"
	"github.com/edfi-dmsc/dmsc/runtime/jsonw"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// Encoding writes a document the way the API serves it (spec.ReadPlan):
// members in schema property order, an object only when something of it is
// written (jsonw's optional objects roll an empty one back), an array only
// when it has items, a reference's link only in the variant with links.
// Every object type the document shape reaches gets one encode function.

// encoders declares the encode function of every object type of the read
// shape, depth first from the root.
func (g *readGen) encoders(f *jen.File) error {
	return g.encoder(f, g.m.Root, g.rp.Document)
}

// encodeName is the name of o's encode function.
func encodeName(o *ObjectType) string { return "encode" + o.Name }

// hasLinks reports whether members write reference links, so that their
// encode functions take the variant's links flag.
func hasLinks(members []*spec.Node) bool {
	for _, n := range members {
		if n.Kind == spec.LinkNode || hasLinks(n.Members) {
			return true
		}
	}
	return false
}

// encodeCall is the call encoding members of o at obj (a pointer).
func (g *readGen) encodeCall(o *ObjectType, members []*spec.Node, obj jen.Code) jen.Code {
	args := []jen.Code{jen.Id("w"), obj}
	if hasLinks(members) {
		args = append(args, jen.Id("links"))
	}
	return jen.Id(encodeName(o)).Call(args...)
}

func (g *readGen) encoder(f *jen.File, o *ObjectType, members []*spec.Node) error {
	params := []jen.Code{jen.Id("w").Op("*").Qual(jsonwPkg, "Writer"), jen.Id("o").Op("*").Id(o.Name)}
	if hasLinks(members) {
		params = append(params, jen.Id("links").Bool())
	}
	var body []jen.Code
	var inner []func() error
	marks := false
	for _, n := range members {
		if !jsonw.IsPlain(n.Name) {
			return fmt.Errorf("%s.%s: a member name that needs escaping in JSON", o.Scope, n.Name)
		}
		if n.Kind == spec.LinkNode {
			body = append(body, jen.If(jen.Id("links").Op("&&").Id("o").Dot("Link").Dot("Present").Call()).Block(
				jen.Id("o").Dot("Link").Dot("Write").Call(jen.Id("w")),
			))
			continue
		}
		fd, err := memberField(o, n)
		if err != nil {
			return err
		}
		field := func() *jen.Statement { return jen.Id("o").Dot(fd.Name) }
		switch n.Kind {
		case spec.ScalarNode:
			code, err := encodeScalar(n, fd, field)
			if err != nil {
				return err
			}
			body = append(body, code)
		case spec.ObjectNode:
			marks = true
			obj := field()
			if fd.Required {
				obj = jen.Op("&").Add(obj)
			}
			write := []jen.Code{
				jen.Id("mark").Op("=").Id("w").Dot("BeginOptionalObject").Call(jen.Lit(n.Name)),
				g.encodeCall(fd.Object, n.Members, obj),
				jen.Id("w").Dot("EndOptionalObject").Call(jen.Id("mark")),
			}
			if fd.Required {
				body = append(body, write...)
			} else {
				body = append(body, jen.If(field().Op("!=").Nil()).Block(write...))
			}
		case spec.ArrayNode:
			body = append(body, jen.If(jen.Len(field()).Op(">").Lit(0)).Block(
				jen.Id("w").Dot("PlainKey").Call(jen.Lit(n.Name)),
				jen.Id("w").Dot("BeginArray").Call(),
				jen.For(jen.Id("i").Op(":=").Range().Add(field())).Block(
					jen.Id("w").Dot("BeginObject").Call(),
					g.encodeCall(fd.Object, n.Members, jen.Op("&").Add(field()).Index(jen.Id("i"))),
					jen.Id("w").Dot("EndObject").Call(),
				),
				jen.Id("w").Dot("EndArray").Call(),
			))
		}
		if n.Kind != spec.ScalarNode {
			inner = append(inner, func() error { return g.encoder(f, fd.Object, n.Members) })
		}
	}
	if marks {
		body = append([]jen.Code{
			jen.Comment("mark is where the object being written began: an object with no member"),
			jen.Comment("written is left out."),
			jen.Var().Id("mark").Qual(jsonwPkg, "Mark"),
		}, body...)
	}
	docComment(f, "%s writes the members of %s (%s) as the API serves them.", encodeName(o), o.Name, o.Scope)
	f.Func().Id(encodeName(o)).Params(params...).Block(body...)
	f.Line()
	for _, write := range inner {
		if err := write(); err != nil {
			return err
		}
	}
	return nil
}

// encodeScalar writes a scalar member (jsonw's member writers): a required
// one always, an optional one when present.
func encodeScalar(n *spec.Node, fd *Field, field func() *jen.Statement) (jen.Code, error) {
	var method string
	switch {
	case fd.Scalar == GoString && (n.Type == spec.StringType || n.Type == spec.DateType || n.Type == spec.DateTimeType):
		method = "String"
	case fd.Scalar == GoString && n.Type == spec.DecimalType:
		method = "Decimal"
	case fd.Scalar == GoString && n.Type == spec.TimeType:
		method = "Time"
	case fd.Scalar == GoInt32 && (n.Type == spec.Int32Type || n.Type == spec.Int64Type):
		method = "Int32"
	case fd.Scalar == GoInt64 && (n.Type == spec.Int32Type || n.Type == spec.Int64Type):
		method = "Int64"
	case fd.Scalar == GoBool && n.Type == spec.BooleanType:
		method = "Bool"
	default:
		return nil, fmt.Errorf("%s: a %s member written as type %d", fd.Path, fd.Scalar, n.Type)
	}
	if !fd.Required {
		return jen.Id("w").Dot("Opt"+method+"Member").Call(jen.Lit(n.Name), field()), nil
	}
	value := field()
	switch method {
	case "Int32":
		method, value = "Int", jen.Int64().Call(value)
	case "Int64":
		method = "Int"
	}
	return jen.Id("w").Dot(method+"Member").Call(jen.Lit(n.Name), value), nil
}
