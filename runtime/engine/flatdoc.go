package engine

import (
	"cmp"
	"slices"
	"strconv"
	"sync"

	"github.com/edfi-dmsc/dmsc/runtime/identity"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/google/uuid"
)

// FlatDoc is a validated document flattened into the rows of its
// resource's tables: what a resource's generated flatten code fills and
// the engine's resolution, merge and DML consume. Every value is the
// canonical text the table's load statement reads back for the stored
// column, so new and stored rows compare as strings.
//
// The rows carry everything the document says; what only the database
// knows is filled in later by the engine: the document and resource keys
// of references and descriptors (Pending, at resolution), the DocumentId
// and the CollectionItemIds (at the merge).
type FlatDoc struct {
	// ReferentialID names the document's identity; Identity lists its
	// elements (paths as the schema writes them, canonical values), which
	// a 409 names.
	ReferentialID uuid.UUID
	Identity      []identity.Element
	// SuperclassID is a subclass document's superclass alias
	// ReferentialId (uuid.Nil otherwise), which must not belong to another
	// document.
	SuperclassID uuid.UUID
	// Rows holds, per table in Resource.Tables order, the document's rows
	// in document order.
	Rows [][]*FlatRow
	// Pending are the references and descriptors to resolve.
	Pending []Pending
	// Descriptor holds the values of a descriptor document (whose resource
	// has no tables); nil for other resources.
	Descriptor *DescriptorFields
	// DocumentID is the document's DocumentId as text, set by the merge:
	// the values of every DocumentId column point at it.
	DocumentID string
	// res is the resource whose tables the rows belong to.
	res *spec.Resource
	// While the document is flattened (until Finish): ids builds its
	// referential ids; added lists its rows in the order they were added;
	// rows, values and texts are the free parts of the chunks that back
	// rows, their values and the texts the flatten computes.
	ids     *identity.Builder
	storage *flatDocStorage
	added   []*FlatRow
	rows    []FlatRow
	values  []*string
	texts   []string
}

// flatDocStorage is a flattened document with first chunks that suffice
// for most documents, allocated at once.
type flatDocStorage struct {
	doc     FlatDoc
	added   [8]*FlatRow
	grouped [8]*FlatRow
	tables  [8][]*FlatRow
	rows    [4]FlatRow
	values  [48]*string
	texts   [8]string
	pending [4]Pending
}

// builders are the referential-id builders of documents being flattened.
var builders = sync.Pool{New: func() any { return new(identity.Builder) }}

// FlatRow is one row of a flattened document.
type FlatRow struct {
	// Values are parallel to the table's TableWrite.Stored columns; nil is
	// NULL. The key columns are set by the merge.
	Values []*string
	// Parent is the row of the parent table the row belongs to (nil for
	// the root row).
	Parent *FlatRow
	// Member is the path of the row's object relative to the parent row's
	// object ("addresses", "_ext.sample"); Item marks an array item, at
	// index Ordinal. Together they give the row's concrete JSON path for
	// messages (Path), which is only built when one is needed.
	Member  string
	Item    bool
	Ordinal int
	// Key is the row key the merge assigns (DocumentId of root-level rows,
	// CollectionItemId of collection items, the base item's key for
	// collection extension scopes).
	Key string
	// table is the index of the row's table.
	table int
}

// Path is the concrete JSON path of the row's object ("$",
// "$.addresses[1]", "$.addresses[1]._ext.sample").
func (r *FlatRow) Path() string {
	if r.Parent == nil {
		return "$"
	}
	p := r.Parent.Path() + "." + r.Member
	if r.Item {
		p += "[" + strconv.Itoa(r.Ordinal) + "]"
	}
	return p
}

// Pending is a reference or descriptor value of a row, which resolves to
// the DocumentId of the document it names.
type Pending struct {
	Row *FlatRow
	// Site is the index of the value's site in WritePlan.References (or
	// WritePlan.Descriptors for a descriptor).
	Site int
	// Column is the index in Row.Values of the column the resolved
	// DocumentId goes to; -1 when the value is resolved (it must exist) but
	// stored nowhere: a key-unification member whose canonical column
	// takes another member's value.
	Column int
	// ID is the referential id to resolve.
	ID uuid.UUID
	// Member is the path of the reference object or descriptor value
	// relative to the row's object ("schoolReference").
	Member string
	// Target names the referenced resource, KeyID the resource key a
	// resolved id must carry.
	Target string
	KeyID  int16
	// Descriptor marks a descriptor value, whose URI is URI.
	Descriptor bool
	URI        string
}

// Path is the concrete JSON path of the reference object or descriptor
// value, which resolution failures name.
func (p *Pending) Path() string { return p.Row.Path() + "." + p.Member }

// DescriptorFields are the stored values of a descriptor document; nil is
// NULL.
type DescriptorFields struct {
	Namespace, CodeValue, ShortDescription            string
	Description, EffectiveBeginDate, EffectiveEndDate *string
}

// NewFlatDoc returns an empty flattened document of res; Finish completes
// it once its rows and pending values are added.
func NewFlatDoc(res *spec.Resource) *FlatDoc {
	s := &flatDocStorage{}
	f := &s.doc
	f.res, f.ids, f.storage = res, builders.Get().(*identity.Builder), s
	f.added, f.rows, f.values, f.texts, f.Pending = s.added[:0], s.rows[:0], s.values[:0], s.texts[:0], s.pending[:0]
	return f
}

// rowChunk and valueChunk are how many rows and values a chunk that
// backs them holds beyond the first.
const (
	rowChunk   = 4
	valueChunk = 32
)

// AddRow appends a row to table, below parent (nil for the root row), and
// points its DocumentId columns (indexes into the stored columns) at the
// document's DocumentId.
func (f *FlatDoc) AddRow(table int, parent *FlatRow, member string, documentIDs ...int) *FlatRow {
	if len(f.rows) == cap(f.rows) {
		f.rows = make([]FlatRow, 0, rowChunk)
	}
	f.rows = append(f.rows, FlatRow{Parent: parent, Member: member, table: table})
	r := &f.rows[len(f.rows)-1]
	width := len(f.res.Write.Tables[table].Stored)
	if cap(f.values)-len(f.values) < width {
		f.values = make([]*string, 0, max(valueChunk, width))
	}
	n := len(f.values)
	f.values = f.values[:n+width]
	r.Values = f.values[n : n+width : n+width]
	for _, c := range documentIDs {
		r.Values[c] = &f.DocumentID
	}
	f.added = append(f.added, r)
	return r
}

// AddItem appends the row of the array item at index ordinal (see AddRow);
// ordinalColumn is the index of its Ordinal column among the stored
// columns (-1: none).
func (f *FlatDoc) AddItem(table int, parent *FlatRow, member string, ordinal, ordinalColumn int, documentIDs ...int) *FlatRow {
	r := f.AddRow(table, parent, member, documentIDs...)
	r.Item, r.Ordinal = true, ordinal
	if ordinalColumn >= 0 {
		r.Values[ordinalColumn] = f.Text(strconv.Itoa(ordinal))
	}
	return r
}

// textChunk is how many computed values a chunk beyond the first holds.
const textChunk = 32

// Text returns a pointer to a copy of s that lives as long as the
// document: the values a flatten computes (numbers, normalized times) are
// stored in chunks, so a document's values cost a few allocations rather
// than one each.
//
// Not inlined: generated code calls it at many sites (binary size).
//
//go:noinline
func (f *FlatDoc) Text(s string) *string {
	if len(f.texts) == cap(f.texts) {
		f.texts = make([]string, 0, textChunk)
	}
	f.texts = append(f.texts, s)
	return &f.texts[len(f.texts)-1]
}

// Boolean texts, shared by every document: values are only ever replaced,
// never written through.
var trueText, falseText = "true", "false"

// Bool returns the canonical text of a boolean value.
func Bool(b bool) *string {
	if b {
		return &trueText
	}
	return &falseText
}

// IDs returns the document's referential-id builder, for the ids of its
// references (identity.Builder.Start, Add, Sum).
func (f *FlatDoc) IDs() *identity.Builder { return f.ids }

// SetIdentity sets the document's identity, elements in identity order,
// and its referential id as a project/resource document.
//
// Not inlined: generated code calls it at many sites (binary size).
//
//go:noinline
func (f *FlatDoc) SetIdentity(project, resource string, elements ...identity.Element) {
	f.Identity = elements
	f.ReferentialID = f.referentialID(project, resource, elements...)
}

// SetSuperclass sets the referential id the document also answers to as
// a project/resource document (its abstract superclass): its identity,
// with the path of its one element renamed to renameTo unless that is
// "" (a School's $.schoolId is an EducationOrganization's
// $.educationOrganizationId).
func (f *FlatDoc) SetSuperclass(project, resource, renameTo string) {
	if renameTo == "" {
		f.SuperclassID = f.referentialID(project, resource, f.Identity...)
		return
	}
	f.SuperclassID = f.referentialID(project, resource, identity.Element{Path: renameTo, Value: f.Identity[0].Value})
}

func (f *FlatDoc) referentialID(project, resource string, elements ...identity.Element) uuid.UUID {
	f.ids.Start(project, resource)
	for _, e := range elements {
		f.ids.Add(e.Path, e.Value)
	}
	return f.ids.Sum()
}

// AddReference records p, a reference whose ID is its target's
// referential id.
//
// Not inlined: generated code calls it at many sites (binary size).
//
//go:noinline
func (f *FlatDoc) AddReference(p Pending) {
	f.Pending = append(f.Pending, p)
}

// AddDescriptor records p, a descriptor value (URI) of the descriptor
// resource project/p.Target, and computes its referential id.
func (f *FlatDoc) AddDescriptor(project string, p Pending) {
	f.ids.Start(project, p.Target)
	f.ids.Add(identity.DescriptorPath, identity.DescriptorValue(p.URI))
	p.ID, p.Descriptor = f.ids.Sum(), true
	f.Pending = append(f.Pending, p)
}

// Finish completes the document once every row and pending value is
// added: it groups the rows per table (each table's in the order they
// were added) and puts the pending values in the order resolution
// failures are reported in: references before descriptors, each in plan
// order (Site), then in row order. Generated code adds them as it walks
// the document, which interleaves them.
func (f *FlatDoc) Finish() {
	var stack [32]int
	counts := firstOf(stack[:], len(f.res.Tables))
	for _, r := range f.added {
		counts[r.table]++
	}
	f.Rows = firstOf(f.storage.tables[:], len(counts))
	all := firstOf(f.storage.grouped[:], len(f.added))
	for t, n := range counts {
		f.Rows[t], all = all[:0:n], all[n:]
	}
	for _, r := range f.added {
		f.Rows[r.table] = append(f.Rows[r.table], r)
	}
	slices.SortStableFunc(f.Pending, func(a, b Pending) int {
		if a.Descriptor != b.Descriptor {
			if a.Descriptor {
				return 1
			}
			return -1
		}
		return cmp.Compare(a.Site, b.Site)
	})
	builders.Put(f.ids)
	f.ids, f.storage, f.added, f.rows, f.values, f.texts = nil, nil, nil, nil, nil, nil
}

// UnifiedColumn is the column a descriptor value of a key-unification
// member resolves into: canonical, the class's stored column, unless an
// earlier member of the class is present and supplies its value (then
// -1: the value is resolved, and must exist, but is stored nowhere).
func UnifiedColumn(canonical int, earlierPresent bool) int {
	if earlierPresent {
		return -1
	}
	return canonical
}

// IfPresent is text when the identity value it renders is present, else
// the empty text an absent value has in a referential id.
func IfPresent(present bool, text string) string {
	if present {
		return text
	}
	return ""
}

// firstOf returns the first n elements of buf, zero, or a new slice when
// buf is shorter.
func firstOf[T any](buf []T, n int) []T {
	if n > len(buf) {
		return make([]T, n)
	}
	return buf[:n:n]
}
