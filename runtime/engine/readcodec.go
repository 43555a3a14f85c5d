package engine

import (
	"time"

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
	// ScanRow hydrates row, a row of table (an index of
	// spec.ReadPlan.Tables). The rows of a table come after those of the
	// tables before it.
	ScanRow(table int, row Row) error
}

// Row is the current row of a result set; pgx.Rows is one.
type Row interface {
	// Scan copies the row's columns, in select-list order, into dest.
	Scan(dest ...any) error
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
type Link struct {
	Rel  string    // resource name, "School"
	Path string    // href without the id, "/ed-fi/schools/"
	ID   uuid.UUID // the referenced DocumentUuid
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
func AppendRow[T any](rows *[]T) *T {
	var zero T
	*rows = append(*rows, zero)
	return &(*rows)[len(*rows)-1]
}

// DateText is a date column's value as the API serves it, yyyy-MM-dd (as
// time.DateOnly formats it, without parsing a layout per value).
func DateText(t time.Time) string {
	y, m, d := t.Date()
	if y < 0 || y > 9999 {
		return t.Format(time.DateOnly)
	}
	var b [len("2006-01-02")]byte
	appendDate(b[:0], y, int(m), d)
	return string(b[:])
}

// DateTimeText is a timestamp column's value as the API serves it: UTC,
// whole seconds, yyyy-MM-ddTHH:mm:ssZ.
func DateTimeText(t time.Time) string {
	t = t.UTC()
	y, m, d := t.Date()
	if y < 0 || y > 9999 {
		return t.Format("2006-01-02T15:04:05Z")
	}
	var b [len("2006-01-02T15:04:05Z")]byte
	out := appendDate(b[:0], y, int(m), d)
	hh, mm, ss := t.Clock()
	out = append(out, 'T')
	out = appendDigits(out, hh, 2)
	out = append(out, ':')
	out = appendDigits(out, mm, 2)
	out = append(out, ':')
	out = appendDigits(out, ss, 2)
	out = append(out, 'Z')
	return string(out)
}

func appendDate(b []byte, y, m, d int) []byte {
	b = appendDigits(b, y, 4)
	b = append(b, '-')
	b = appendDigits(b, m, 2)
	b = append(b, '-')
	return appendDigits(b, d, 2)
}

// appendDigits appends the width lowest decimal digits of n (n >= 0).
func appendDigits(b []byte, n, width int) []byte {
	for i := width - 1; i >= 0; i-- {
		b = append(b, 0)
	}
	for i := len(b) - 1; i >= len(b)-width; i-- {
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return b
}
