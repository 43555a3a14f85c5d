package gogen

import (
	"fmt"
	"go/token"
	"go/types"
	"slices"
	"strings"
	"unicode"

	"github.com/dave/jennifer/jen"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// The read side of a resource (hydration and encoding) is generated from
// its read plan (spec.ReadPlan: the select list of every table and the
// document's shape, spec.Node) over its type model:
//
//   - <root>Stored is a document with its dms.Document state; it
//     implements engine.Document.
//   - <root>Hydration collects the documents of one read; per table a scan
//     method reads a row's values straight from the raw column values
//     (engine.Row: one accessor per column type, known when the code is
//     generated, so no scan plan or destination is made per column) and
//     puts them where the document type holds them; ScanRow dispatches a
//     row to its table's method (engine.RowScanner); hydrate<Root> (the
//     resource's engine.ReadCodec) reads the tables in the read plan's
//     order.
//   - encode<Type> writes the members of an object type in the order the
//     API serves them (encode.go).
//
// Rows reach their parent through engine.Parents, by the key every
// non-root select carries; an extension scope row (one-to-one with its
// parent) and the rows under it reach the nearest ancestor row that is not
// one, whose key they share.

// jsonwPkg is the JSON writer of encoding.
const jsonwPkg = runtimePkg + "/jsonw"

// readGen renders the read side of one resource.
type readGen struct {
	m  *TypeModel
	rp *spec.ReadPlan
	// scopes are per read table where its rows go.
	scopes []*readScope
	// stored and hydration are the names of the resource's helper types.
	stored, hydration string
	// tableConsts name the indexes of the read tables (the plan's index
	// constants, literal_index.go).
	tableConsts []string
}

// readScope is where the rows of one read table go.
type readScope struct {
	// members are the document members at the table's scope.
	members []*spec.Node
	// object is the type of the scope.
	object *ObjectType
	// anchor is the table whose rows hold this table's scope object: the
	// table itself for the root and collections; for an extension scope
	// (one-to-one with its parent row, and keyed like it) the nearest
	// ancestor that is not one. The rows of the tables under this one find
	// their parent among the anchor's rows, by key.
	anchor int
	// steps lead from the object of the row this table's rows hang from
	// (a row of the parent table's anchor) to the table's scope: the
	// fields to a collection's array, or to an extension scope's object.
	// For the root they are empty.
	steps []*Field
	// parents is the name of the Hydration field finding this table's rows
	// by key ("" when no table hangs from it).
	parents string
	// scan is the name of the table's scan method.
	scan string
	// fields name the table's values, parallel to ReadTable.Values: the
	// scan method's column constants are col<field>.
	fields []string
}

// newReadGen maps the read plan of m's resource, whose plan is the
// package-level variable named variable, onto its types.
func newReadGen(m *TypeModel, variable string) (*readGen, error) {
	rp := m.Resource.Read
	if rp == nil || len(rp.Tables) == 0 {
		return nil, fmt.Errorf("no read plan")
	}
	ix := &indexer{r: m.Resource, variable: variable}
	if err := ix.name(); err != nil {
		return nil, err
	}
	if len(ix.tables) != len(rp.Tables) {
		return nil, fmt.Errorf("%d table constants for %d read tables", len(ix.tables), len(rp.Tables))
	}
	g := &readGen{m: m, rp: rp, scopes: make([]*readScope, len(rp.Tables)), tableConsts: ix.tables}
	base := unexported(m.Root.Name)
	g.stored, g.hydration = base+"Stored", base+"Hydration"
	g.scopes[0] = &readScope{members: rp.Document, object: m.Root}
	if err := g.mapScope(0, rp.Document, m.Root, nil); err != nil {
		return nil, err
	}
	scanNames := map[string]bool{}
	for ti, sc := range g.scopes {
		if sc == nil {
			return nil, fmt.Errorf("read table %d has no member in the document", ti)
		}
		name := "scan" + g.tableName(ti)
		for i := 2; scanNames[name]; i++ {
			name = fmt.Sprintf("scan%s%d", g.tableName(ti), i)
		}
		scanNames[name] = true
		sc.scan = name
		sc.fields = valueFields(rp.Tables[ti])
		if ti > 0 {
			anchor := g.scopes[rp.Tables[ti].Parent].anchor
			if a := g.scopes[anchor]; a.parents == "" {
				a.parents = unexported(strings.TrimPrefix(a.scan, "scan")) + "Rows"
			}
		}
	}
	return g, nil
}

// tableName is the Go name of a read table: its table's name, or
// "Descriptor" for a descriptor's dms.Descriptor row.
func (g *readGen) tableName(ti int) string {
	if g.m.Resource.IsDescriptor {
		return "Descriptor"
	}
	return identifier(g.m.Resource.Tables[ti].Name)
}

// tableLabel names a read table in comments.
func (g *readGen) tableLabel(ti int) string {
	if g.m.Resource.IsDescriptor {
		return "dms.Descriptor"
	}
	t := g.m.Resource.Tables[ti]
	return t.Schema + "." + t.Name
}

// mapScope walks the members of o, the object at steps from table ti's
// scope object, and records the scopes of the tables under it.
func (g *readGen) mapScope(ti int, members []*spec.Node, o *ObjectType, steps []*Field) error {
	for _, n := range members {
		switch n.Kind {
		case spec.ScalarNode, spec.LinkNode:
			if n.Table != ti {
				return fmt.Errorf("%s.%s is read from table %d in the scope of table %d", o.Scope, n.Name, n.Table, ti)
			}
			if n.Kind == spec.LinkNode && o.Reference < 0 {
				return fmt.Errorf("%s: a link in an object that is not a reference", o.Scope)
			}
			continue
		}
		f, err := memberField(o, n)
		if err != nil {
			return err
		}
		inner := append(slices.Clone(steps), f)
		switch {
		case n.Kind == spec.ArrayNode:
			if g.rp.Tables[n.Table].Parent != ti || g.scopes[n.Table] != nil {
				return fmt.Errorf("%s: collection table %d is not a child of table %d", f.Path, n.Table, ti)
			}
			g.scopes[n.Table] = &readScope{members: n.Members, object: f.Object, anchor: n.Table, steps: g.anchorSteps(ti, inner)}
			err = g.mapScope(n.Table, n.Members, f.Object, nil)
		case n.Table >= 0:
			rt := g.rp.Tables[n.Table]
			if !rt.OneToOne || rt.Parent != ti || g.scopes[n.Table] != nil {
				return fmt.Errorf("%s: table %d is not an extension scope of table %d", f.Path, n.Table, ti)
			}
			g.scopes[n.Table] = &readScope{members: n.Members, object: f.Object, anchor: g.scopes[ti].anchor, steps: g.anchorSteps(ti, inner)}
			err = g.mapScope(n.Table, n.Members, f.Object, nil)
		default:
			err = g.mapScope(ti, n.Members, f.Object, inner)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// anchorSteps are the steps from the object of ti's anchor row to the
// object at steps from ti's scope object.
func (g *readGen) anchorSteps(ti int, steps []*Field) []*Field {
	sc := g.scopes[ti]
	if sc.anchor == ti {
		return steps
	}
	return append(slices.Clone(sc.steps), steps...)
}

// memberField is the field of o a document member n is written from.
func memberField(o *ObjectType, n *spec.Node) (*Field, error) {
	f := o.Field(n.Name)
	want := map[spec.NodeKind]FieldKind{spec.ScalarNode: ScalarField, spec.ObjectNode: ObjectField, spec.ArrayNode: ObjectArrayField}[n.Kind]
	if f == nil || f.Kind != want {
		return nil, fmt.Errorf("%s.%s: the document type %s has no such member", o.Scope, n.Name, o.Name)
	}
	return f, nil
}

// valueFields names the columns of a table's values, parallel to
// ReadTable.Values, for the scan method's column constants (col<name>):
// after their columns, a reference's link after its DocumentId column, as
// School_DocumentUuid and School_ResourceKeyId.
func valueFields(t *spec.ReadTable) []string {
	out := make([]string, len(t.Values))
	taken := map[string]bool{}
	for i := 0; i < len(t.Values); i++ {
		v := t.Values[i]
		if v.Type == spec.NoType && i+1 < len(t.Values) {
			base := strings.TrimSuffix(v.Column, "DocumentId")
			out[i] = uniqueField(taken, base+"DocumentUuid")
			out[i+1] = uniqueField(taken, base+"ResourceKeyId")
			i++
			continue
		}
		out[i] = uniqueField(taken, v.Column)
	}
	return out
}

// uniqueField makes a column name a Go identifier that starts with an
// upper-case letter and that no other value of the table has.
func uniqueField(taken map[string]bool, column string) string {
	var b strings.Builder
	for _, r := range column {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' {
			b.WriteRune(r)
		}
	}
	name := b.String()
	if r := []rune(name); len(r) == 0 || !unicode.IsUpper(r[0]) {
		name = "Column" + name
	}
	base := name
	for i := 2; taken[name]; i++ {
		name = fmt.Sprintf("%s%d", base, i)
	}
	taken[name] = true
	return name
}

// accessor is the engine.Row method reading a value of column type v.Type
// into a member of Go scalar s.
func accessor(v spec.ReadValue, s GoScalar) (string, error) {
	mismatch := fmt.Errorf("column %s (type %d) holds a %s member", v.Column, v.Type, s)
	want := map[spec.ScalarType]GoScalar{
		spec.StringType: GoString, spec.DecimalType: GoString, spec.TimeType: GoString,
		spec.DateType: GoString, spec.DateTimeType: GoString, spec.BooleanType: GoBool,
	}
	switch v.Type {
	case spec.Int32Type, spec.Int64Type:
		switch s {
		case GoInt32:
			return "Int32", nil
		case GoInt64:
			return "Int64", nil
		}
		return "", mismatch
	}
	if w, ok := want[v.Type]; !ok || w != s {
		return "", mismatch
	}
	return map[spec.ScalarType]string{
		// The read selects decimals and times as text (::text).
		spec.StringType: "Text", spec.DecimalType: "Text", spec.TimeType: "Text",
		spec.DateType: "Date", spec.DateTimeType: "DateTime", spec.BooleanType: "Bool",
	}[v.Type], nil
}

// readSide writes the read side of m's resource (whose plan is the
// package-level variable named variable) into f: its stored document
// type, its hydration and its encoding.
func readSide(f *jen.File, m *TypeModel, variable string) error {
	if sharedDescriptorRead(m) {
		return nil
	}
	g, err := newReadGen(m, variable)
	if err != nil {
		return fmt.Errorf("read side: %w", err)
	}
	f.ImportName(jsonwPkg, "jsonw")
	g.storedType(f)
	if err := g.hydrationCode(f); err != nil {
		return fmt.Errorf("read side: %w", err)
	}
	if err := g.encoders(f); err != nil {
		return fmt.Errorf("read side: %w", err)
	}
	return nil
}

// sharedDescriptorRead reports whether m's resource is a descriptor the
// runtime's shared read side serves (engine.DescriptorRead): its select
// reads spec.DescriptorReadColumns, the string and date members the
// API writes in that order, namespace, codeValue and shortDescription
// required.
func sharedDescriptorRead(m *TypeModel) bool {
	r := m.Resource
	if !r.IsDescriptor || r.Read == nil || len(r.Read.Tables) != 1 {
		return false
	}
	values := r.Read.Tables[0].Values
	if len(values) != len(spec.DescriptorReadColumns) || len(r.Read.Document) != len(values) {
		return false
	}
	for i, v := range values {
		n := r.Read.Document[i]
		f := m.Root.Field(n.Name)
		want := spec.StringType
		if strings.HasPrefix(v.Column, "Effective") {
			want = spec.DateType
		}
		if v.Column != spec.DescriptorReadColumns[i] || v.Type != want || n.Kind != spec.ScalarNode || n.Value != i ||
			len(n.Alternates) > 0 || f == nil || f.Scalar != GoString || f.Required != (i < 3) {
			return false
		}
	}
	return true
}

// docComment writes a doc comment wrapped to the width of generated doc
// comments.
func docComment(f *jen.File, format string, args ...any) {
	for _, line := range wrapComment(fmt.Sprintf(format, args...), commentWidth) {
		f.Comment(line)
	}
}

// docLines is a comment wrapped as docComment wraps it, for a struct's
// field list (one item a line).
func docLines(format string, args ...any) []jen.Code {
	var out []jen.Code
	for _, line := range wrapComment(fmt.Sprintf(format, args...), commentWidth) {
		out = append(out, jen.Comment(line))
	}
	return out
}

// readCodec is the engine.ReadCodec of m's resource, for its Codec.
func readCodec(m *TypeModel) jen.Code {
	if sharedDescriptorRead(m) {
		return jen.Qual(enginePkg, "DescriptorRead").Call()
	}
	return jen.Qual(enginePkg, "ReadCodec").Values(jen.Dict{jen.Id("Hydrate"): jen.Id("hydrate" + m.Root.Name)})
}

// storedType declares <root>Stored and its WriteJSON.
func (g *readGen) storedType(f *jen.File) {
	r, root := g.m.Resource, g.m.Root.Name
	docComment(f, "%s is a %s document read from the database: its %s and its dms.Document state.", g.stored, r.Name, root)
	f.Type().Id(g.stored).Struct(
		jen.Qual(enginePkg, "DocumentMeta"),
		jen.Id(root),
	)
	f.Line()
	identity := jen.Id("d").Dot("WriteIdentity").Call(jen.Id("w"))
	members := g.encodeCall(g.m.Root, g.rp.Document, jen.Op("&").Id("d").Dot(root))
	body := []jen.Code{jen.Id("w").Dot("BeginObject").Call()}
	where := "id and _lastModifiedDate first, then its members"
	if r.IsDescriptor {
		where = "its members, then id and _lastModifiedDate"
		body = append(body, members, identity)
	} else {
		body = append(body, identity, members)
	}
	body = append(body,
		jen.Id("w").Dot("PlainKey").Call(jen.Lit("_etag")),
		jen.Id("w").Dot("String").Call(jen.Id("tag")),
		jen.Id("w").Dot("EndObject").Call(),
	)
	docComment(f, "WriteJSON writes the %s as the API serves it: %s, _etag (tag) last.", r.Name, where)
	f.Func().Params(jen.Id("d").Op("*").Id(g.stored)).Id("WriteJSON").
		Params(jen.Id("w").Op("*").Qual(jsonwPkg, "Writer"), jen.Id("tag").String(), jen.Id("links").Bool()).
		Block(body...)
	f.Line()
}

// hydrationCode declares <root>Hydration, its scan methods and
// hydrate<Root>.
func (g *readGen) hydrationCode(f *jen.File) error {
	root := g.m.Root.Name
	fields := []jen.Code{
		jen.Comment("docs are the documents read, in DocumentId order."),
		jen.Id("docs").Index().Id(g.stored),
	}
	for ti, sc := range g.scopes {
		if sc.parents == "" {
			continue
		}
		rowType := jen.Id(sc.object.Name)
		if ti == 0 {
			rowType = jen.Id(g.stored)
		}
		fields = append(fields, docLines("%s finds the rows of %s for the rows under them.", sc.parents, g.tableLabel(ti))...)
		fields = append(fields, jen.Id(sc.parents).Qual(enginePkg, "Parents").Types(rowType))
	}
	bodies := make([][]jen.Code, len(g.scopes))
	for ti := range g.scopes {
		body, err := g.scanCode(ti)
		if err != nil {
			return err
		}
		bodies[ti] = body
	}
	f.Commentf("%s collects the %s documents of one read.", g.hydration, g.m.Resource.Name)
	f.Type().Id(g.hydration).Struct(fields...)
	f.Line()

	tables, cases := make([]jen.Code, len(g.scopes)), make([]jen.Code, len(g.scopes))
	for ti, sc := range g.scopes {
		tables[ti] = jen.Id(g.tableConsts[ti])
		cases[ti] = jen.Case(jen.Id(g.tableConsts[ti])).Block(jen.Return(jen.Id("h").Dot(sc.scan).Call(jen.Id("row"))))
	}
	f.Comment("ScanRow hydrates row, a row of table (an index of ReadPlan.Tables).")
	f.Func().Params(jen.Id("h").Op("*").Id(g.hydration)).Id("ScanRow").
		Params(jen.Id("table").Int(), jen.Id("row").Op("*").Qual(enginePkg, "Row")).Error().
		Block(
			jen.Switch(jen.Id("table")).Block(cases...),
			jen.Return(jen.Qual("fmt", "Errorf").Call(jen.Lit("hydrating "+g.m.Resource.Name+": no table %d"), jen.Id("table"))),
		)
	f.Line()
	for ti, sc := range g.scopes {
		docComment(f, "%s hydrates a row of %s.", sc.scan, g.tableLabel(ti))
		f.Func().Params(jen.Id("h").Op("*").Id(g.hydration)).Id(sc.scan).
			Params(jen.Id("row").Op("*").Qual(enginePkg, "Row")).Error().
			Block(bodies[ti]...)
		f.Line()
	}

	docComment(f, "hydrate%s reads the rows of a %s read, table by table in the read plan's order, into documents.", root, g.m.Resource.Name)
	f.Func().Id("hydrate"+root).Params(jen.Id("sets").Qual(enginePkg, "ResultSets")).
		Params(jen.Index().Qual(enginePkg, "Document"), jen.Error()).
		Block(
			jen.Id("h").Op(":=").Op("&").Id(g.hydration).Values(),
			jen.For(jen.List(jen.Id("_"), jen.Id("table")).Op(":=").Range().Index().Int().Values(multiline(tables)...)).Block(
				jen.If(jen.Err().Op(":=").Id("sets").Dot("Scan").Call(jen.Id("table"), jen.Id("h")), jen.Err().Op("!=").Nil()).Block(
					jen.Return(jen.Nil(), jen.Err()),
				),
			),
			jen.Return(jen.Qual(enginePkg, "Documents").Call(jen.Id("h").Dot("docs")), jen.Nil()),
		)
	f.Line()
	return nil
}

// scanCode is the body of table ti's scan method: the constants naming
// its value columns, then the statements reading the row's values
// (engine.Row's accessor of each column's type) where the document type
// holds them.
func (g *readGen) scanCode(ti int) ([]jen.Code, error) {
	sc, rt := g.scopes[ti], g.rp.Tables[ti]
	accessors, err := g.accessors(ti)
	if err != nil {
		return nil, err
	}
	locators, what := "ChildLocators", "the row's document, key and parent key"
	if ti == 0 {
		locators, what = "RootLocators", "the dms.Document columns"
	}
	consts := make([]jen.Code, 0, len(sc.fields)+1)
	for _, name := range sc.fields {
		consts = append(consts, jen.Id("col"+name))
	}
	consts = append(consts, jen.Id("columns").Comment("the width of the select"))
	consts[0] = jen.Add(consts[0]).Op("=").Qual(enginePkg, locators).Op("+").Iota()
	body := []jen.Code{
		jen.Comment("The columns of the select after " + what + "."),
		jen.Const().Defs(consts...),
		jen.If(jen.Err().Op(":=").Id("row").Dot("Columns").Call(jen.Id("columns")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
	}
	a := &assigner{g: g, ti: ti, accessors: accessors, taken: map[string]bool{}}
	switch {
	case ti == 0:
		body = append(body,
			jen.Id("meta").Op(":=").Id("row").Dot("Meta").Call(),
			g.addRow(0, jen.Id("doc"), jen.Id("meta").Dot("DocumentID"), func() *jen.Statement { return jen.Id("h").Dot("docs") }),
			jen.Id("doc").Dot("DocumentMeta").Op("=").Id("meta"),
		)
		a.members(sc.members, sc.object, func() *jen.Statement { return jen.Id("doc").Dot(g.m.Root.Name) })
		body = append(body, a.code...)
	case rt.OneToOne:
		a.members(sc.members, sc.object, func() *jen.Statement { return jen.Id("scope") })
		if len(a.code) == 0 {
			// The scope's members are all collections: its rows only
			// anchor theirs, which find their parent by the shared key.
			break
		}
		create, last := g.navigate(ti, sc.steps, true)
		scope := last()
		if sc.steps[len(sc.steps)-1].Required {
			scope = jen.Op("&").Add(scope)
		}
		block := append(create, jen.Id("scope").Op(":=").Add(scope))
		body = append(body, g.findParent(ti)...)
		body = append(body, jen.If(a.condition(sc.members)).Block(append(block, a.code...)...))
	default:
		body = append(body, g.findParent(ti)...)
		create, last := g.navigate(ti, sc.steps, false)
		body = append(body, create...)
		body = append(body, g.addRow(ti, jen.Id("item"), jen.Id("row").Dot("Key").Call(), last))
		a.members(sc.members, sc.object, func() *jen.Statement { return jen.Id("item") })
		body = append(body, a.code...)
	}
	return append(body, jen.Return(jen.Id("row").Dot("Err").Call())), nil
}

// accessors are the engine.Row methods reading table ti's values into the
// members that hold them, parallel to ReadTable.Values ("" for a link's
// columns).
func (g *readGen) accessors(ti int) ([]string, error) {
	rt := g.rp.Tables[ti]
	out := make([]string, len(rt.Values))
	links := make([]bool, len(rt.Values))
	// Links: the referenced DocumentUuid and ResourceKeyId.
	for vi := 0; vi < len(rt.Values); vi++ {
		if rt.Values[vi].Type == spec.NoType && vi+1 < len(rt.Values) {
			links[vi], links[vi+1] = true, true
			vi++
		}
	}
	var visit func(members []*spec.Node, o *ObjectType) error
	visit = func(members []*spec.Node, o *ObjectType) error {
		for _, n := range members {
			if n.Table != ti && n.Kind != spec.ObjectNode {
				continue
			}
			switch n.Kind {
			case spec.ScalarNode:
				fd, err := memberField(o, n)
				if err != nil {
					return err
				}
				for _, vi := range append([]int{n.Value}, n.Alternates...) {
					acc, err := accessor(rt.Values[vi], fd.Scalar)
					if err != nil {
						return fmt.Errorf("%s: %w", fd.Path, err)
					}
					out[vi] = acc
				}
			case spec.ObjectNode:
				if n.Table >= 0 && n.Table != ti {
					continue
				}
				fd, err := memberField(o, n)
				if err != nil {
					return err
				}
				if err := visit(n.Members, fd.Object); err != nil {
					return err
				}
			}
		}
		return nil
	}
	if err := visit(g.scopes[ti].members, g.scopes[ti].object); err != nil {
		return nil, err
	}
	for vi, acc := range out {
		if acc == "" && !links[vi] {
			return nil, fmt.Errorf("%s: value %s is in no document member", g.tableLabel(ti), rt.Values[vi].Column)
		}
	}
	return out, nil
}

// findParent declares parent, the row table ti's row hangs from, and
// skips a row whose parent the read did not return.
func (g *readGen) findParent(ti int) []jen.Code {
	anchor := g.scopes[g.rp.Tables[ti].Parent].anchor
	return []jen.Code{
		jen.Id("parent").Op(":=").Id("h").Dot(g.scopes[anchor].parents).Dot("Find").Call(jen.Id("row").Dot("ParentKey").Call()),
		jen.If(jen.Id("parent").Op("==").Nil()).Block(jen.Return(jen.Id("row").Dot("Err").Call())),
	}
}

// navigate follows steps from the parent of table ti's rows: it returns
// the statements creating the optional objects on the way (the last one
// too when scope is set) and the expression of the last step's field.
func (g *readGen) navigate(ti int, steps []*Field, scope bool) ([]jen.Code, func() *jen.Statement) {
	anchor := g.scopes[g.rp.Tables[ti].Parent].anchor
	path := []string{"parent"}
	if anchor == 0 {
		path = append(path, g.m.Root.Name)
	}
	at := func(path []string) func() *jen.Statement {
		return func() *jen.Statement {
			s := jen.Id(path[0])
			for _, p := range path[1:] {
				s = s.Dot(p)
			}
			return s
		}
	}
	var create []jen.Code
	for i, f := range steps {
		path = append(slices.Clone(path), f.Name)
		if f.Kind == ObjectField && !f.Required && (i < len(steps)-1 || scope) {
			e := at(path)
			create = append(create, jen.If(e().Op("==").Nil()).Block(e().Op("=").Op("&").Id(f.Object.Name).Values()))
		}
	}
	return create, at(path)
}

// addRow declares name, a new zero row appended to the slice rows and,
// when tables hang from ti, recorded under key.
func (g *readGen) addRow(ti int, name, key jen.Code, rows func() *jen.Statement) jen.Code {
	if p := g.scopes[ti].parents; p != "" {
		return jen.Add(name).Op(":=").Id("h").Dot(p).Dot("Append").Call(key, jen.Op("&").Add(rows()))
	}
	return jen.Add(name).Op(":=").Qual(enginePkg, "AppendRow").Call(jen.Op("&").Add(rows()))
}

// assigner writes the statements putting one row's values where the
// document type holds them.
type assigner struct {
	g  *readGen
	ti int
	// accessors are the engine.Row methods reading the values, parallel
	// to ReadTable.Values.
	accessors []string
	// taken are the names of the object locals declared so far.
	taken map[string]bool
	code  []jen.Code
}

// column is the expression of the column holding a value: its constant,
// or for a member key unification stores in several columns, the first
// of them that is not NULL.
func (a *assigner) column(n *spec.Node) jen.Code {
	fields := a.g.scopes[a.ti].fields
	if len(n.Alternates) == 0 {
		return jen.Id("col" + fields[n.Value])
	}
	cols := []jen.Code{jen.Id("col" + fields[n.Value])}
	for _, alt := range n.Alternates {
		cols = append(cols, jen.Id("col"+fields[alt]))
	}
	return jen.Id("row").Dot("First").Call(cols...)
}

// members appends the assignments of the members of o (at target) that
// the table holds.
func (a *assigner) members(members []*spec.Node, o *ObjectType, target func() *jen.Statement) {
	a.code = append(a.code, a.assign(members, o, target)...)
}

func (a *assigner) assign(members []*spec.Node, o *ObjectType, target func() *jen.Statement) []jen.Code {
	var out []jen.Code
	for _, n := range members {
		switch {
		case n.Kind == spec.ScalarNode:
			f := o.Field(n.Name)
			method := a.accessors[n.Value] + "Into"
			if !f.Required {
				method = "Opt" + method
			}
			out = append(out, jen.Id("row").Dot(method).Call(a.column(n), jen.Op("&").Add(target()).Dot(f.Name)))
		case n.Kind == spec.LinkNode:
			out = append(out, a.link(n, target))
		case n.Kind == spec.ObjectNode && n.Table < 0 && a.hasContent(n):
			f := o.Field(n.Name)
			if f.Required {
				out = append(out, a.assign(n.Members, f.Object, func() *jen.Statement { return target().Dot(f.Name) })...)
				continue
			}
			local := a.local(f.Name)
			block := []jen.Code{jen.Id(local).Op(":=").Op("&").Id(f.Object.Name).Values()}
			block = append(block, a.assign(n.Members, f.Object, func() *jen.Statement { return jen.Id(local) })...)
			block = append(block, target().Dot(f.Name).Op("=").Id(local))
			out = append(out, jen.If(a.condition(n.Members)).Block(block...))
		}
	}
	return out
}

// link sets a reference's Link when the referenced document belongs to
// one of the resources the reference may point at.
func (a *assigner) link(n *spec.Node, target func() *jen.Statement) jen.Code {
	fields := a.g.scopes[a.ti].fields
	set := func(t spec.LinkTarget) jen.Code {
		return target().Dot("Link").Op("=").Qual(enginePkg, "Link").Values(jen.Dict{
			jen.Id("Rel"):  jen.Lit(t.Rel),
			jen.Id("Path"): jen.Lit(t.Path),
			jen.Id("ID"):   jen.Id("id"),
		})
	}
	read := jen.List(jen.Id("id"), jen.Id("key"), jen.Id("ok")).Op(":=").Id("row").Dot("Link").
		Call(jen.Id("col"+fields[n.Value]), jen.Id("col"+fields[n.Value+1]))
	if len(n.Targets) == 1 {
		return jen.If(read, jen.Id("ok").Op("&&").Id("key").Op("==").Lit(int(n.Targets[0].ResourceKeyID))).Block(set(n.Targets[0]))
	}
	cases := make([]jen.Code, len(n.Targets))
	for i, t := range n.Targets {
		cases[i] = jen.Case(jen.Lit(int(t.ResourceKeyID))).Block(set(t))
	}
	return jen.If(read, jen.Id("ok")).Block(jen.Switch(jen.Id("key")).Block(cases...))
}

// hasContent reports whether the table holds anything of an inline
// object.
func (a *assigner) hasContent(n *spec.Node) bool {
	for _, m := range n.Members {
		switch {
		case (m.Kind == spec.ScalarNode || m.Kind == spec.LinkNode) && m.Table == a.ti:
			return true
		case m.Kind == spec.ObjectNode && m.Table < 0 && a.hasContent(m):
			return true
		}
	}
	return false
}

// condition is true when the row has a value (or a link) of the members.
func (a *assigner) condition(members []*spec.Node) jen.Code {
	var present []jen.Code
	var visit func(members []*spec.Node)
	visit = func(members []*spec.Node) {
		for _, n := range members {
			switch {
			case (n.Kind == spec.ScalarNode || n.Kind == spec.LinkNode) && n.Table == a.ti:
				present = append(present, jen.Id("row").Dot("Present").Call(a.column(n)))
			case n.Kind == spec.ObjectNode && n.Table < 0:
				visit(n.Members)
			}
		}
	}
	visit(members)
	cond := jen.Add(present[0])
	for _, v := range present[1:] {
		cond = cond.Op("||").Add(v)
	}
	return cond
}

// local names an object local after its field, unique in the scan method
// and neither a keyword, a predeclared identifier, a column constant
// (col…) nor another name the scan methods declare.
func (a *assigner) local(field string) string {
	base := unexported(field)
	if token.IsKeyword(base) || types.Universe.Lookup(base) != nil || scanReserved[base] || isColumnConstant(base) {
		base += "Object"
	}
	name := base
	for i := 2; a.taken[name]; i++ {
		name = fmt.Sprintf("%s%d", base, i)
	}
	a.taken[name] = true
	return name
}

// isColumnConstant reports whether name has the form of a column
// constant: col and a column name, which starts with an upper-case letter
// (uniqueField).
func isColumnConstant(name string) bool {
	rest, ok := strings.CutPrefix(name, "col")
	return ok && rest != "" && unicode.IsUpper([]rune(rest)[0])
}

// scanReserved are the lower-case names the scan methods declare.
var scanReserved = map[string]bool{
	"h": true, "row": true, "meta": true, "doc": true, "item": true, "scope": true, "parent": true,
	"v": true, "ok": true, "id": true, "key": true, "columns": true, "err": true,
}
