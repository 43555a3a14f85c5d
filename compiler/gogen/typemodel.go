package gogen

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/dave/jennifer/jen"
	"github.com/edfi-dmsc/dmsc/compiler/relmodel"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// TypeModel is the Go type tree of one resource's API document: one object
// type per JSON object scope (the document root, each collection item,
// inline common-type objects, reference objects, `_ext` and
// `_ext.{project}` objects), each with its fields in schema property order.
// Generated decode, flatten, hydrate and encode are written against it; it
// is a pure function of the resource's plan.
type TypeModel struct {
	Resource *spec.Resource
	// Root is the document type.
	Root *ObjectType
	// Objects lists every object type in declaration order: the root first,
	// then depth-first in schema property order.
	Objects []*ObjectType
	// tables maps a table index to the object type of its scope.
	tables map[int]*ObjectType
}

// ObjectType is the Go struct of one JSON object scope.
type ObjectType struct {
	// Name is the exported Go type name, unique in the generated package.
	Name string
	// Scope is the canonical JSON path of the object: "$",
	// "$.meetingTimes[*]", "$.schoolReference", "$._ext.sample".
	Scope string
	// Node is the object's body schema node.
	Node *spec.BodyNode
	// Table is the index in Resource.Tables of the table whose scope the
	// object is (root, collection item, extension scope); -1 for an inline
	// object, whose members are columns of an ancestor's table.
	Table int
	// Owner is the index in Resource.Tables of the table holding the
	// object's scalar members: Table, or the nearest ancestor's table for
	// an inline object; -1 for descriptors, which have no tables.
	Owner int
	// OwnerSteps locate the object relative to Owner's scope: nil for a
	// table scope, ["schoolReference"] for an inline object of the root.
	OwnerSteps []string
	// Parent is the field holding the object (or, for a collection item,
	// the array); nil for the root.
	Parent *Field
	// Fields are the object's members in schema property order.
	Fields []*Field
	// Reference is the index in WritePlan.References of the reference
	// whose object this is; -1 for other objects.
	Reference int
}

// LinkField is the Go field of a reference object type (Reference >= 0)
// that holds the referenced document a GET writes as the reference's
// link: an engine.Link, declared after the members, never decoded.
const LinkField = "Link"

// FieldKind is the JSON shape of a field.
type FieldKind uint8

// Field kinds.
const (
	// ScalarField is a string, number or boolean member.
	ScalarField FieldKind = iota
	// ObjectField is an object member (Object is its type).
	ObjectField
	// ObjectArrayField is an array of objects (Object is the item type).
	ObjectArrayField
	// ScalarArrayField is an array of scalars (Scalar is the item type).
	ScalarArrayField
)

// GoScalar is the Go type of a scalar value.
type GoScalar string

// Go types of scalars. Strings of every format (date, date-time, time,
// descriptor URIs) stay strings: dates and date-times hold the normalized
// text the API validated, times the text as sent. Integers are int32 for
// format int32 and int64 otherwise (the column of an integer without a
// format is 32-bit: the decode checks its range). Decimals are the JSON
// number text after the API's coercion (exact; "1.50" keeps its scale, as
// the referential identity and equality constraints see it).
const (
	GoString  GoScalar = "string"
	GoInt32   GoScalar = "int32"
	GoInt64   GoScalar = "int64"
	GoDecimal GoScalar = "string"
	GoBool    GoScalar = "bool"
)

// Field is one member of an object type.
type Field struct {
	// Name is the exported Go field name ("ClassPeriodName", "Ext").
	Name string
	// JSONName is the API member name ("classPeriodName", "_ext").
	JSONName string
	// Path is the canonical JSON path of the member
	// ("$.meetingTimes[*].startTime").
	Path string
	Kind FieldKind
	// Node is the member's schema node (the array node for arrays).
	Node *spec.BodyNode
	// Required is set for members the schema requires. A required scalar
	// is a plain value and a required object an embedded struct value;
	// optional scalars are opt.Value (Present says whether the document
	// has the member) and optional objects pointers (nil: absent). Arrays
	// are slices; an absent or empty array is nil.
	Required bool
	// Scalar is the Go type of a scalar, or of a scalar array's items.
	Scalar GoScalar
	// Object is the type of an object member or of an array's items.
	Object *ObjectType
	// Owner is the object type declaring the field.
	Owner *ObjectType
	// OwnerSteps locate the member relative to Owner.Owner's table scope:
	// the steps columns and descriptor plans use.
	OwnerSteps []string
	// Columns are the indices, in the Owner.Owner table's Columns, of the
	// columns whose Steps locate this member: scalar columns (with key
	// unification, the alias columns a JSON value is read from too: check
	// Column.Alias) and a descriptor's id column; for a reference object
	// member, its DocumentId column.
	Columns []int
	// Descriptor is the index in WritePlan.Descriptors of the descriptor
	// value at this member; -1 when none.
	Descriptor int
	// Identity is the index in Resource.Identity of the identity part at
	// this member; -1 when none.
	Identity int
}

// TypeModels builds the type model of every resource, parallel to rs, with
// type names unique across them (they share one generated package).
func TypeModels(rs []*spec.Resource) ([]*TypeModel, error) {
	names := typeNames{}
	out := make([]*TypeModel, len(rs))
	for i, r := range rs {
		m, err := newTypeModel(r, names)
		if err != nil {
			return nil, fmt.Errorf("type model of %s/%s: %w", r.ProjectName, r.Name, err)
		}
		out[i] = m
	}
	return out, nil
}

// NewTypeModel builds the type model of one resource on its own (type names
// unique within it).
func NewTypeModel(r *spec.Resource) (*TypeModel, error) {
	return newTypeModel(r, typeNames{})
}

// TableType returns the object type whose scope is table ti, nil when none.
func (m *TypeModel) TableType(ti int) *ObjectType { return m.tables[ti] }

// Field returns the member named jsonName, nil when o has none.
func (o *ObjectType) Field(jsonName string) *Field {
	for _, f := range o.Fields {
		if f.JSONName == jsonName {
			return f
		}
	}
	return nil
}

// Path follows steps (member names, no "[*]") through object members from
// o and returns the fields on the way: a column's Steps from its table's
// type, a reference element's Steps from the reference object's type.
func (o *ObjectType) Path(steps []string) ([]*Field, bool) {
	out := make([]*Field, 0, len(steps))
	at := o
	for i, s := range steps {
		if at == nil {
			return nil, false
		}
		f := at.Field(s)
		if f == nil {
			return nil, false
		}
		out = append(out, f)
		at = nil
		if f.Kind == ObjectField {
			at = f.Object
		} else if i < len(steps)-1 {
			return nil, false
		}
	}
	return out, true
}

// ColumnPath returns the fields locating column c of table ti, false for
// a column without Steps (system columns) or one no member locates.
func (m *TypeModel) ColumnPath(ti int, c *spec.Column) ([]*Field, bool) {
	t := m.TableType(ti)
	if t == nil || len(c.Steps) == 0 {
		return nil, false
	}
	return t.Path(c.Steps)
}

// GoType is the Go type of the field as declared in its struct.
func (f *Field) GoType() jen.Code {
	switch f.Kind {
	case ObjectField:
		if f.Required {
			return jen.Id(f.Object.Name)
		}
		return jen.Op("*").Id(f.Object.Name)
	case ObjectArrayField:
		return jen.Index().Id(f.Object.Name)
	case ScalarArrayField:
		return jen.Index().Id(string(f.Scalar))
	}
	if f.Required {
		return jen.Id(string(f.Scalar))
	}
	return jen.Qual(optPkg, "Value").Types(jen.Id(string(f.Scalar)))
}

// optPkg holds opt.Value, the optional scalar.
const optPkg = runtimePkg + "/opt"

// typeNames are the Go type names given so far, by the scope that took
// each (for collision messages).
type typeNames map[string]string

// take returns base, or base with a suffix when another scope has it.
func (n typeNames) take(base, who string) string {
	name := base
	for i := 2; ; i++ {
		if _, taken := n[name]; !taken {
			n[name] = who
			return name
		}
		name = fmt.Sprintf("%s%d", base, i)
	}
}

// builder builds one resource's model.
type builder struct {
	r     *spec.Resource
	names typeNames
	m     *TypeModel
}

func newTypeModel(r *spec.Resource, names typeNames) (*TypeModel, error) {
	if r.Write == nil || r.Write.Body == nil || r.Write.Body.Kind != spec.BodyObject {
		return nil, fmt.Errorf("no object body schema")
	}
	b := &builder{r: r, names: names, m: &TypeModel{Resource: r, tables: map[int]*ObjectType{}}}
	rootName := exported(strings.ToLower(identifier(r.ProjectEndpoint))) + identifier(r.Name)
	root, err := b.object(rootName, "$", r.Write.Body, nil, -1, nil)
	if err != nil {
		return nil, err
	}
	b.m.Root = root
	for ti, t := range r.Tables {
		if b.m.tables[ti] == nil {
			return nil, fmt.Errorf("table %s.%s: no object of the body schema has its scope %s", t.Schema, t.Name, t.Scope)
		}
	}
	return b.m, nil
}

// tableAt returns the index of the table whose scope is scope, -1 if none.
func (b *builder) tableAt(scope string) int {
	for ti, t := range b.r.Tables {
		if t.Scope == scope {
			return ti
		}
	}
	return -1
}

// object builds the type of the object at scope, named name (or name with
// a suffix when taken); owner and ownerSteps locate it when it is inline.
func (b *builder) object(name, scope string, n *spec.BodyNode, parent *Field, owner int, ownerSteps []string) (*ObjectType, error) {
	o := &ObjectType{Scope: scope, Node: n, Parent: parent, Table: b.tableAt(scope), Owner: owner, OwnerSteps: ownerSteps, Reference: -1}
	if o.Table >= 0 {
		o.Owner, o.OwnerSteps = o.Table, nil
		b.m.tables[o.Table] = o
	}
	o.Name = b.names.take(name, b.r.ProjectName+"/"+b.r.Name+" "+scope)
	for i, rp := range b.r.Write.References {
		if rp.Table == o.Owner && slices.Equal(rp.ObjectSteps, o.OwnerSteps) && o.Owner >= 0 {
			o.Reference = i
		}
	}
	b.m.Objects = append(b.m.Objects, o)
	// Members do not take the names of the methods generated on every
	// document type (Flatten) nor of a reference's link.
	goNames := map[string]bool{"Flatten": true}
	if o.Reference >= 0 {
		goNames[LinkField] = true
	}
	for _, p := range n.Properties {
		f, err := b.field(o, p, goNames)
		if err != nil {
			return nil, err
		}
		o.Fields = append(o.Fields, f)
	}
	return o, nil
}

// field builds member p of o (and the types below it).
func (b *builder) field(o *ObjectType, p spec.BodyProperty, goNames map[string]bool) (*Field, error) {
	f := &Field{
		JSONName: p.Name, Path: o.Scope + "." + p.Name, Node: p.Node, Owner: o,
		Required:   slices.Contains(o.Node.Required, p.Name),
		OwnerSteps: append(slices.Clone(o.OwnerSteps), p.Name),
		Descriptor: -1, Identity: -1,
	}
	base := exported(p.Name)
	f.Name = base
	for i := 2; goNames[f.Name]; i++ {
		f.Name = fmt.Sprintf("%s%d", base, i)
	}
	goNames[f.Name] = true
	var err error
	switch p.Node.Kind {
	case spec.BodyObject:
		f.Kind = ObjectField
		f.Object, err = b.object(o.Name+f.Name, f.Path, p.Node, f, o.Owner, f.OwnerSteps)
	case spec.BodyArray:
		items := p.Node.Items
		switch {
		case items == nil || items.Kind == spec.BodyArray:
			return nil, fmt.Errorf("%s: arrays of arrays and arrays without an item schema have no Go type", f.Path)
		case items.Kind == spec.BodyObject:
			f.Kind = ObjectArrayField
			f.Object, err = b.object(o.Name+relmodel.CollectionItemName(p.Name), f.Path+"[*]", items, f, o.Owner, f.OwnerSteps)
		default:
			f.Kind, f.Scalar = ScalarArrayField, scalarGo(items)
		}
	default:
		f.Kind, f.Scalar = ScalarField, scalarGo(p.Node)
	}
	if err != nil {
		return nil, err
	}
	b.locate(f)
	return f, nil
}

// locate finds the columns, descriptor plan and identity part at f.
func (b *builder) locate(f *Field) {
	if f.Owner.Owner >= 0 && f.Kind != ObjectArrayField {
		for ci, c := range b.r.Tables[f.Owner.Owner].Columns {
			if !slices.Equal(c.Steps, f.OwnerSteps) {
				continue
			}
			switch {
			case c.Kind == spec.ScalarColumn, c.Kind == spec.DescriptorFKColumn,
				c.Kind == spec.DocumentFKColumn && f.Kind == ObjectField:
				f.Columns = append(f.Columns, ci)
			}
		}
		for i, dp := range b.r.Write.Descriptors {
			if dp.Table == f.Owner.Owner && slices.Equal(dp.Steps, f.OwnerSteps) {
				f.Descriptor = i
			}
		}
	}
	for i, part := range b.r.Identity {
		if part.JSONPath == f.Path {
			f.Identity = i
		}
	}
}

func scalarGo(n *spec.BodyNode) GoScalar {
	switch n.Kind {
	case spec.BodyInteger:
		if n.Int32 {
			return GoInt32
		}
		return GoInt64
	case spec.BodyNumber:
		return GoDecimal
	case spec.BodyBoolean:
		return GoBool
	}
	return GoString
}

// exported turns a JSON member name into an exported Go identifier: its
// letters and digits with the first letter upper-cased ("_ext" → "Ext",
// "schoolId" → "SchoolId"); a name starting with a digit gets an "M"
// (member) prefix, an empty one is "Member".
func exported(name string) string {
	s := identifier(name)
	if s == "" {
		return "Member"
	}
	r := []rune(s)
	if unicode.IsDigit(r[0]) {
		return "M" + s
	}
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}
