package gogen

import (
	"fmt"
	"slices"

	"github.com/dave/jennifer/jen"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// Import paths the flatten code uses besides the engine.
const (
	identityPkg = runtimePkg + "/identity"
	validatePkg = runtimePkg + "/validate"
)

// flattenCode declares the flatten code of a resource: the document
// type's Flatten method and a flatten method per object type that is a
// table's scope, written with the plan's index constants (variable is the
// plan's Go name). Everything the interpreter looked up per request — which member feeds
// which column, key unification, presence flags, reference and
// descriptor bindings — is decided here, so the generated code is
// straight-line reads of the typed document.
func flattenCode(f *jen.File, m *TypeModel, variable string) error {
	if sharedDescriptor(m) {
		return nil
	}
	f.ImportName(identityPkg, "identity")
	f.ImportName(validatePkg, "validate")
	g := &flattenGen{m: m, r: m.Resource, plan: variable}
	if m.Resource.IsDescriptor {
		return g.descriptor(f)
	}
	// The plan's index constants (literal_index.go) name the tables, their
	// stored columns and the references.
	g.ix = &indexer{r: m.Resource, variable: variable}
	if err := g.ix.name(); err != nil {
		return err
	}
	if err := g.root(f); err != nil {
		return err
	}
	for _, o := range m.Objects {
		if o.Table >= 0 {
			if err := g.table(f, o); err != nil {
				return err
			}
		}
	}
	return nil
}

// flattenGen writes the flatten code of one resource.
type flattenGen struct {
	m *TypeModel
	r *spec.Resource
	// plan is the Go name of the resource's plan variable; ix names its
	// index constants.
	plan string
	ix   *indexer
}

func (g *flattenGen) tableConst(ti int) string { return g.ix.tables[ti] }

// stored names the stored column constants of table ti, parallel to its
// TableWrite.Stored.
func (g *flattenGen) stored(ti int) []string { return g.ix.storedOf(ti) }

// column is the constant naming column ci of table ti among its stored
// columns; "" when the column is not stored.
func (g *flattenGen) column(ti, ci int) string {
	si := slices.Index(g.r.Write.Tables[ti].Stored, ci)
	if si < 0 {
		return ""
	}
	return g.stored(ti)[si]
}

// documentIDs are the constants of table ti's DocumentId columns, which
// AddRow points at the document's DocumentId.
func (g *flattenGen) documentIDs(ti int) []jen.Code {
	var out []jen.Code
	for si, ci := range g.r.Write.Tables[ti].Stored {
		if g.r.Tables[ti].Columns[ci].Kind == spec.DocumentIDColumn {
			out = append(out, jen.Id(g.stored(ti)[si]))
		}
	}
	return out
}

// root writes the document type's Flatten: the identity, the superclass
// alias and the root row.
func (g *flattenGen) root(f *jen.File) error {
	r := g.r
	root := g.m.Root
	var elems []jen.Code
	for i, part := range r.Identity {
		fields, ok := root.Path(part.Steps)
		if !ok {
			return fmt.Errorf("identity %s: no member of the document type", part.JSONPath)
		}
		elems = append(elems, jen.Qual(identityPkg, "Element").Values(jen.Id("Path").Op(":").Lit(part.JSONPath),
			jen.Id("Value").Op(":").Add(identityText(r.Write.IdentityForms[i], "o", fields))))
	}
	body := []jen.Code{
		jen.Id("f").Op(":=").Qual(enginePkg, "NewFlatDoc").Call(jen.Id(g.plan)),
		jen.Id("f").Dot("SetIdentity").Call(append([]jen.Code{jen.Lit(r.ProjectName), jen.Lit(r.Name)}, multiline(elems)...)...),
	}
	if sc := r.Superclass; sc != nil {
		under := "its own identity"
		if sc.IdentityRenameTo != "" {
			under = "its identity renamed " + sc.IdentityRenameTo
		}
		body = append(body,
			jen.Comment(fmt.Sprintf("The document also answers to the superclass %s %s, under %s.", sc.ProjectName, sc.ResourceName, under)),
			jen.Id("f").Dot("SetSuperclass").Call(jen.Lit(sc.ProjectName), jen.Lit(sc.ResourceName), jen.Lit(sc.IdentityRenameTo)))
	}
	body = append(body,
		jen.Id("o").Dot("flatten").Call(jen.Id("f"), jen.Id("f").Dot("AddRow").Call(
			append([]jen.Code{jen.Id(g.tableConst(0)), jen.Nil(), jen.Lit("")}, g.documentIDs(0)...)...)),
		jen.Id("f").Dot("Finish").Call(),
		jen.Return(jen.Id("f")),
	)
	f.Commentf("Flatten turns the document, decoded and validated, into the rows of the %s tables,", r.Name)
	f.Comment("its identity and the references and descriptors the write resolves.")
	f.Func().Params(jen.Id("o").Op("*").Id(root.Name)).Id("Flatten").Params().Op("*").Qual(enginePkg, "FlatDoc").Block(body...)
	f.Line()
	return nil
}

// multiline puts each of a composite literal's values on a line of its own.
func multiline(values []jen.Code) []jen.Code {
	out := make([]jen.Code, 0, len(values)+1)
	for _, v := range values {
		out = append(out, jen.Line().Add(v))
	}
	return append(out, jen.Line())
}

// descriptor writes a descriptor document's Flatten: its dms.Descriptor
// fields and its referential id.
func (g *flattenGen) descriptor(f *jen.File) error {
	root := g.m.Root
	field := func(name string) (*Field, error) {
		fd := root.Field(name)
		if fd == nil || fd.Kind != ScalarField || fd.Scalar != GoString {
			return nil, fmt.Errorf("descriptor %s has no string member %q", g.r.Name, name)
		}
		return fd, nil
	}
	dict := jen.Dict{}
	for _, name := range []string{"namespace", "codeValue", "shortDescription"} {
		fd, err := field(name)
		if err != nil {
			return err
		}
		dict[jen.Id(exported(name))] = jen.Id("o." + fd.Name)
	}
	body := []jen.Code{jen.Id("fields").Op(":=").Op("&").Qual(enginePkg, "DescriptorFields").Values(dict)}
	for _, name := range []string{"description", "effectiveBeginDate", "effectiveEndDate"} {
		fd, err := field(name)
		if err != nil {
			return err
		}
		if fd.Required {
			body = append(body, jen.Id("fields."+exported(name)).Op("=").Op("&").Id("o."+fd.Name))
			continue
		}
		body = append(body, jen.If(jen.Id("o."+fd.Name+".Present")).Block(
			jen.Id("fields."+exported(name)).Op("=").Op("&").Id("o."+fd.Name+".Value")))
	}
	body = append(body, jen.Return(jen.Op("&").Qual(enginePkg, "FlatDoc").Values(jen.Dict{
		jen.Id("Descriptor"): jen.Id("fields"),
		jen.Id("ReferentialID"): jen.Qual(identityPkg, "DescriptorReferentialID").Call(jen.Lit(g.r.ProjectName), jen.Lit(g.r.Name),
			jen.Qual(identityPkg, "DescriptorURI").Call(jen.Id("o."+root.Field("namespace").Name), jen.Id("o."+root.Field("codeValue").Name))),
	})))
	f.Commentf("Flatten turns the descriptor, decoded and validated, into the values dms.Descriptor stores")
	f.Comment("and its referential id.")
	f.Func().Params(jen.Id("o").Op("*").Id(root.Name)).Id("Flatten").Params().Op("*").Qual(enginePkg, "FlatDoc").Block(body...)
	f.Line()
	return nil
}
