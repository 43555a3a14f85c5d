package gogen

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/edfi-dmsc/dmsc/runtime/validate"
)

// documentTypes declares the Go types of a resource's document, one struct
// per object type, with doc comments carrying the schema facts.
func documentTypes(f *jen.File, m *TypeModel) {
	if sharedDescriptor(m) {
		descriptorAlias(f, m)
		return
	}
	for _, o := range m.Objects {
		for _, line := range wrapComment(typeComment(m, o), commentWidth) {
			f.Comment(line)
		}
		fields := make([]jen.Code, 0, 3*len(o.Fields))
		for _, fd := range o.Fields {
			fields = append(fields, comments(fieldComment(m, fd), commentWidth-1)...)
			fields = append(fields, jen.Id(fd.Name).Add(fd.GoType()))
		}
		if o.Reference >= 0 {
			fields = append(fields, comments("Link is the referenced document, which a GET writes as the reference's link (never decoded).", commentWidth-1)...)
			fields = append(fields, jen.Id(LinkField).Qual(enginePkg, "Link"))
		}
		f.Type().Id(o.Name).Struct(fields...)
		f.Line()
	}
}

// commentWidth is the most bytes a line of a type's doc comment holds
// (after "// ").
const commentWidth = 96

// comments are the lines of text wrapped to width, one jen.Comment each
// (jennifer writes a comment with newlines as a /* */ block).
func comments(text string, width int) []jen.Code {
	lines := wrapComment(text, width)
	out := make([]jen.Code, len(lines))
	for i, line := range lines {
		out[i] = jen.Comment(line)
	}
	return out
}

// typeComment says what an object type is: the document, an item of a
// collection, a reference, an extension or an inline object; and where it
// is stored.
func typeComment(m *TypeModel, o *ObjectType) string {
	r := m.Resource
	var what string
	switch {
	case o.Parent == nil:
		kind := "resource"
		if r.IsDescriptor {
			kind = "descriptor"
		}
		what = fmt.Sprintf("%s is the %s %s %s document, served at /data/%s/%s", o.Name, r.ProjectName, kind, r.Name, r.ProjectEndpoint, r.Endpoint)
	case o.Parent.Kind == ObjectArrayField:
		what = fmt.Sprintf("%s is an item of %s", o.Name, o.Parent.Path)
	case o.Reference >= 0:
		rp := r.Write.References[o.Reference]
		what = fmt.Sprintf("%s is %s, a reference to %s %s", o.Name, o.Scope, rp.TargetProject, rp.TargetResource)
	default:
		what = fmt.Sprintf("%s is the object %s", o.Name, o.Scope)
	}
	if o.Table >= 0 {
		t := r.Tables[o.Table]
		what += fmt.Sprintf(", stored in %s.%s", t.Schema, t.Name)
		if len(t.SemanticIdentity) > 0 {
			what += " (items are unique by " + strings.Join(t.SemanticIdentity, ", ") + ")"
		}
	}
	return what + "."
}

// fieldComment lists a member's schema facts: its JSON name, whether it is
// required, its type and constraints, and its part in identities and
// storage.
func fieldComment(m *TypeModel, f *Field) string {
	r := m.Resource
	facts := []string{}
	if f.Required {
		facts = append(facts, "required")
	} else {
		facts = append(facts, "optional")
	}
	switch f.Kind {
	case ObjectArrayField, ScalarArrayField:
		arr := "array"
		if f.Node.MinItems > 0 {
			arr += fmt.Sprintf(" of at least %d items", f.Node.MinItems)
		}
		facts = append(facts, arr)
		if f.Kind == ScalarArrayField {
			facts = append(facts, "items: "+strings.Join(scalarFacts(f.Node.Items), ", "))
		}
	case ScalarField:
		facts = append(facts, scalarFacts(f.Node)...)
	}
	if f.Kind == ObjectField && f.Object.Reference >= 0 {
		rp := r.Write.References[f.Object.Reference]
		facts = append(facts, fmt.Sprintf("reference to %s %s", rp.TargetProject, rp.TargetResource))
	}
	if f.Descriptor >= 0 {
		dp := r.Write.Descriptors[f.Descriptor]
		facts = append(facts, fmt.Sprintf("descriptor URI of %s %s", dp.Project, dp.Resource))
	}
	if f.Identity >= 0 {
		facts = append(facts, "identity member")
	}
	if len(f.Columns) > 0 && f.Owner.Owner >= 0 {
		t := r.Tables[f.Owner.Owner]
		cols := make([]string, len(f.Columns))
		for i, ci := range f.Columns {
			cols[i] = t.Columns[ci].Name
		}
		word := "column"
		if len(cols) > 1 {
			word = "columns"
		}
		facts = append(facts, word+" "+strings.Join(cols, ", "))
	}
	return fmt.Sprintf("%s is %q: %s.", f.Name, f.JSONName, strings.Join(facts, "; "))
}

// scalarFacts describes a scalar schema node: its type, format, bounds,
// pattern and precision.
func scalarFacts(n *spec.BodyNode) []string {
	var facts []string
	switch n.Kind {
	case spec.BodyString:
		switch n.Format {
		case spec.DateFormat:
			facts = append(facts, "date")
		case spec.DateTimeFormat:
			facts = append(facts, "date-time")
		case spec.TimeFormat:
			facts = append(facts, "time")
		default:
			facts = append(facts, "string")
		}
		switch {
		case n.MinLength >= 0 && n.MaxLength >= 0:
			facts = append(facts, fmt.Sprintf("%d to %d characters", n.MinLength, n.MaxLength))
		case n.MaxLength >= 0:
			facts = append(facts, fmt.Sprintf("at most %d characters", n.MaxLength))
		case n.MinLength >= 0:
			facts = append(facts, fmt.Sprintf("at least %d characters", n.MinLength))
		}
		if n.Pattern != validate.NoPattern {
			facts = append(facts, "pattern "+n.Pattern.String())
		}
		if n.TrimText {
			facts = append(facts, "outer whitespace trimmed")
		}
	case spec.BodyInteger:
		bits := 64
		if n.Int32 {
			bits = 32
		}
		facts = append(facts, "integer ("+strconv.Itoa(bits)+"-bit)")
	case spec.BodyNumber:
		if d := n.Decimal; d != nil {
			facts = append(facts, fmt.Sprintf("decimal(%d,%d)", d.TotalDigits, d.DecimalPlaces))
		} else {
			facts = append(facts, "number")
		}
	case spec.BodyBoolean:
		facts = append(facts, "boolean")
	}
	if n.Minimum != "" {
		facts = append(facts, "minimum "+n.Minimum)
	}
	if n.Maximum != "" {
		facts = append(facts, "maximum "+n.Maximum)
	}
	return facts
}
