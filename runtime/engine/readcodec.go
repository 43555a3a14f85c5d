package engine

import (
	"sync/atomic"
	"time"

	"github.com/edfi-dmsc/dmsc/runtime/etag"
	"github.com/edfi-dmsc/dmsc/runtime/jsonw"
	"github.com/google/uuid"
)

// ReadCodec is the generated read side of a resource: it hydrates the
// result sets of a read batch into the resource's typed documents, which
// encode themselves as the API serves them.
type ReadCodec struct {
	// Hydrate reads the result sets of one read batch, one per
	// spec.ReadPlan.Tables entry in that order, into documents in root
	// row order.
	Hydrate func(sets ResultSets) ([]Document, error)

	// encodedSize is the size of the last document encoded (read and
	// written atomically): the next one's buffer starts that large, so a
	// GET allocates its body once instead of growing it several times.
	encodedSize int64
}

// Encode writes doc as the API serves it, with tag as its _etag and
// reference links when links is set.
func (c *ReadCodec) Encode(doc Document, tag string, links bool) []byte {
	var w jsonw.Writer
	w.Grow(int(atomic.LoadInt64(&c.encodedSize)))
	c.write(&w, doc, tag, links)
	return w.Bytes()
}

// encodePage writes docs as a JSON array, each with its tag of v.
func (c *ReadCodec) encodePage(docs []Document, v etag.Variant) []byte {
	var w jsonw.Writer
	w.Grow(int(atomic.LoadInt64(&c.encodedSize))*len(docs) + len("[]"))
	w.BeginArray()
	for _, d := range docs {
		c.write(&w, d, v.Tag(d.Meta().ContentVersion), v.Links)
	}
	w.EndArray()
	return w.Bytes()
}

// write writes doc into w and remembers its size.
func (c *ReadCodec) write(w *jsonw.Writer, doc Document, tag string, links bool) {
	start := w.Len()
	doc.WriteJSON(w, tag, links)
	if n := int64(w.Len() - start); n != atomic.LoadInt64(&c.encodedSize) {
		atomic.StoreInt64(&c.encodedSize, n)
	}
}

// ResultSets hands hydration the rows of a read batch table by table.
type ResultSets interface {
	// Scan hands every row of the next result set, the rows of table (an
	// index of spec.ReadPlan.Tables), in order to into.ScanRow, and stops
	// at its first error.
	Scan(table int, into RowScanner) error
}

// RowScanner is a hydration in progress: generated code hydrating the
// rows of one read.
type RowScanner interface {
	// ScanRow hydrates row, the current row of table (an index of
	// spec.ReadPlan.Tables). The rows of a table come after those of the
	// tables before it.
	ScanRow(table int, row *Row) error
}

// Document is one hydrated document.
type Document interface {
	// Meta is the document's dms.Document state.
	Meta() *DocumentMeta
	// WriteJSON writes the document as served, with tag as its _etag and
	// reference links when links is set.
	WriteJSON(w *jsonw.Writer, tag string, links bool)
}

// DocumentMeta holds the dms.Document columns every root select starts
// with (spec.ReadTable).
type DocumentMeta struct {
	DocumentID     int64
	DocumentUUID   uuid.UUID
	ContentVersion int64
	LastModified   time.Time
}

// Meta returns m itself, so a generated document embedding DocumentMeta
// implements Document.Meta.
func (m *DocumentMeta) Meta() *DocumentMeta { return m }

// WriteIdentity writes id and _lastModifiedDate.
func (m *DocumentMeta) WriteIdentity(w *jsonw.Writer) {
	w.PlainKey("id")
	w.UUID(m.DocumentUUID)
	w.PlainKey("_lastModifiedDate")
	w.DateTime(m.LastModified)
}

// Link is a hydrated reference's link: the referenced document and the
// resource it belongs to. The zero Link is absent (the reference is
// empty or points at a resource the schema does not serve).
//
// It is not comparable (==), like opt.Value: no equality function is
// written for the generated reference types holding one (binary size).
type Link struct {
	Rel  string    // resource name, "School"
	Path string    // href without the id, "/ed-fi/schools/"
	ID   uuid.UUID // the referenced DocumentUuid
	_    [0]func()
}

// Present reports whether the link is written.
func (l *Link) Present() bool { return l.Rel != "" }

// Write writes the link object {rel, href} as the member "link".
func (l *Link) Write(w *jsonw.Writer) {
	w.PlainKey("link")
	w.BeginObject()
	w.PlainKey("rel")
	w.String(l.Rel)
	w.PlainKey("href")
	w.Href(l.Path, l.ID)
	w.EndObject()
}

// Documents returns the hydrated documents as Documents, in order.
//
// Not inlined: generated code calls it at many sites (binary size).
//
//go:noinline
func Documents[T any, D interface {
	*T
	Document
}](docs []T) []Document {
	out := make([]Document, len(docs))
	for i := range docs {
		out[i] = D(&docs[i])
	}
	return out
}

// Parents finds the hydrated rows of a table by key, for the rows of the
// tables under it. Rows are appended to the slice of their parent (or of
// the documents) while their table is read and never move once it is
// read, which is before any table under it: Parents records where each
// row is and hands out its address afterwards. Child rows arrive grouped
// by parent key (every child select orders by it), so a lookup is a map
// probe only when the parent changes; a table with a single row, as a GET
// by id reads at the root, needs no map at all.
type Parents[T any] struct {
	lastKey int64
	last    slot[T]
	byKey   map[int64]slot[T]
}

// slot is a row's place: an index in a slice.
type slot[T any] struct {
	rows *[]T
	i    int
}

func (s slot[T]) row() *T { return &(*s.rows)[s.i] }

// Append appends a zero row to rows, records it under key and returns it
// for the caller to fill.
//
// Not inlined: generated code calls it at many sites (binary size).
//
//go:noinline
func (p *Parents[T]) Append(key int64, rows *[]T) *T {
	row := AppendRow(rows)
	at := slot[T]{rows: rows, i: len(*rows) - 1}
	if p.last.rows != nil && p.byKey == nil {
		p.byKey = map[int64]slot[T]{p.lastKey: p.last}
	}
	if p.byKey != nil {
		p.byKey[key] = at
	}
	p.lastKey, p.last = key, at
	return row
}

// Find returns the row recorded under key, nil when there is none.
//
// Not inlined: generated code calls it at many sites (binary size).
//
//go:noinline
func (p *Parents[T]) Find(key int64) *T {
	if p.last.rows == nil {
		return nil
	}
	if key != p.lastKey {
		at, ok := p.byKey[key]
		if !ok {
			return nil
		}
		p.lastKey, p.last = key, at
	}
	return p.last.row()
}

// AppendRow appends a zero row to rows and returns it for the caller to
// fill: rows are filled in place, not copied.
//
// Not inlined: generated code calls it at many sites (binary size).
//
//go:noinline
func AppendRow[T any](rows *[]T) *T {
	var zero T
	*rows = append(*rows, zero)
	return &(*rows)[len(*rows)-1]
}

// DateText is a date column's value as the API serves it, yyyy-MM-dd (as
// time.DateOnly formats it).
func DateText(t time.Time) string {
	var b [len("2006-01-02")]byte
	return string(jsonw.AppendDate(b[:0], t))
}
