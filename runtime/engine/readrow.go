package engine

import (
	"encoding/binary"
	"fmt"
	"math"
	"time"
	"unsafe"

	"github.com/edfi-dmsc/dmsc/runtime/jsonw"
	"github.com/edfi-dmsc/dmsc/runtime/opt"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
)

// Row is the current row of a read's result set as PostgreSQL sent it:
// the raw value of every column, in the format the read asked for. The
// generated hydration knows each column's type when it is generated and
// reads it with the accessor of that type (Text, Int32, Date, …), which
// decodes the raw bytes of the binary format pgx asks for (text columns:
// the text itself) and hands any other format or type to pgx, as pgx's
// own scan would decode it; nothing is planned per result set or per
// column.
//
// An accessor returns the value and whether it is present (not NULL). A
// value that fails to decode is absent and makes Err fail, with the
// column named.
type Row struct {
	types  *pgtype.Map
	fields []pgconn.FieldDescription
	values [][]byte
	err    error
	// text holds the bytes of the strings the accessors returned: they
	// are copied here one after the other, never written again, so that
	// the strings of a row take about one allocation rather than one
	// each.
	text []byte
}

// Columns the select list of a read table starts with (spec.ReadTable):
// the root's dms.Document columns, or a child's root document id, row key
// and parent key. Values follow them.
const (
	RootLocators  = 4 // DocumentId, DocumentUuid, ContentVersion, LastModifiedAt
	ChildLocators = 3 // DocumentId, key, parent key
)

// binaryFormat is the format of the values the accessors decode
// themselves.
const binaryFormat = pgtype.BinaryFormatCode

// StartRows makes r the row of a result set whose columns are fields,
// types decoding what the accessors hand to pgx.
func (r *Row) StartRows(types *pgtype.Map, fields []pgconn.FieldDescription) {
	r.types, r.fields, r.values, r.err = types, fields, nil, nil
}

// SetValues makes values, the raw values of the next row of the result
// set (nil for NULL), the current row.
func (r *Row) SetValues(values [][]byte) error {
	if len(values) != len(r.fields) {
		return fmt.Errorf("a read row has %d values for %d columns", len(values), len(r.fields))
	}
	r.values = values
	return nil
}

// Columns checks that the row has the n columns of the select list the
// generated hydration reads, before it reads them.
func (r *Row) Columns(n int) error {
	if len(r.values) != n {
		return fmt.Errorf("a read row has %d columns, its hydration reads %d", len(r.values), n)
	}
	return nil
}

// Err is the first decoding error of the row's accessors since the result
// set started.
func (r *Row) Err() error { return r.err }

// fail records the error of decoding column i.
func (r *Row) fail(i int, err error) {
	if r.err == nil {
		r.err = fmt.Errorf("column %s (%d): %w", r.fields[i].Name, i, err)
	}
}

// viaPgx decodes column i into dst (a pgtype value) as pgx scans it: the
// path of every format and type the accessors do not decode themselves.
//
//go:noinline
func (r *Row) viaPgx(i int, dst any) {
	f := &r.fields[i]
	if err := r.types.Scan(f.DataTypeOID, f.Format, r.values[i], dst); err != nil {
		r.fail(i, err)
	}
}

// Scan decodes the row's columns, in select-list order, into dest as
// pgx's Rows.Scan does (for hydration written by hand: tests, the
// interpreter kept as an oracle).
func (r *Row) Scan(dest ...any) error {
	if len(dest) != len(r.values) {
		return fmt.Errorf("%d destinations for %d columns", len(dest), len(r.values))
	}
	for i, d := range dest {
		f := &r.fields[i]
		if err := r.types.Scan(f.DataTypeOID, f.Format, r.values[i], d); err != nil {
			return fmt.Errorf("scanning column %s (%d) into %T: %w", f.Name, i, d, err)
		}
	}
	return nil
}

// binary returns column i's bytes when it is in binary format, of type
// oid and n bytes long; ok is false otherwise (NULL included).
func (r *Row) binary(i int, oid uint32, n int) ([]byte, bool) {
	b, f := r.values[i], &r.fields[i]
	return b, f.Format == binaryFormat && f.DataTypeOID == oid && len(b) == n
}

// Meta reads the dms.Document columns a root select starts with.
func (r *Row) Meta() DocumentMeta {
	id, _ := r.Int64(0)
	version, _ := r.Int64(2)
	modified, _ := r.timestamp(3)
	docUUID, _ := r.UUID(1)
	return DocumentMeta{DocumentID: id, DocumentUUID: docUUID, ContentVersion: version, LastModified: modified}
}

// Key is a child row's key.
func (r *Row) Key() int64 {
	k, _ := r.Int64(1)
	return k
}

// ParentKey is the key of the row a child row belongs to.
func (r *Row) ParentKey() int64 {
	k, _ := r.Int64(2)
	return k
}

// First is the first of the columns that is not NULL, or the first column
// when all are: the column of a member key unification stores in several.
func (r *Row) First(columns ...int) int {
	for _, c := range columns {
		if r.values[c] != nil {
			return c
		}
	}
	return columns[0]
}

// string returns b as a string whose bytes are in r.text.
func (r *Row) string(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if cap(r.text)-len(r.text) < len(b) {
		// Room for the rest of the row: its raw values, and what a date
		// or timestamp gains as text.
		size := 32
		for _, v := range r.values {
			size += len(v)
		}
		r.text = make([]byte, 0, max(size, len(b)))
	}
	start := len(r.text)
	r.text = append(r.text, b...)
	return unsafe.String(&r.text[start], len(b))
}

// Present reports whether column i is not NULL.
func (r *Row) Present(i int) bool { return r.values[i] != nil }

// Text reads a string column (text, varchar), or any column the select
// casts to text (numeric and time values are read as ::text).
func (r *Row) Text(i int) (string, bool) {
	b := r.values[i]
	if b == nil {
		return "", false
	}
	if oid := r.fields[i].DataTypeOID; oid == pgtype.TextOID || oid == pgtype.VarcharOID {
		return r.string(b), true // text and binary formats are the same
	}
	var v pgtype.Text
	r.viaPgx(i, &v)
	return v.String, v.Valid
}

// Int16 reads a smallint column.
func (r *Row) Int16(i int) (int16, bool) {
	if b, ok := r.binary(i, pgtype.Int2OID, 2); ok {
		return int16(binary.BigEndian.Uint16(b)), true
	}
	if r.values[i] == nil {
		return 0, false
	}
	var v pgtype.Int2
	r.viaPgx(i, &v)
	return v.Int16, v.Valid
}

// Int32 reads an integer (or smallint) column.
func (r *Row) Int32(i int) (int32, bool) {
	b, f := r.values[i], &r.fields[i]
	if f.Format == binaryFormat {
		switch {
		case f.DataTypeOID == pgtype.Int4OID && len(b) == 4:
			return int32(binary.BigEndian.Uint32(b)), true
		case f.DataTypeOID == pgtype.Int2OID && len(b) == 2:
			return int32(int16(binary.BigEndian.Uint16(b))), true
		}
	}
	if b == nil {
		return 0, false
	}
	var v pgtype.Int4
	r.viaPgx(i, &v)
	return v.Int32, v.Valid
}

// Int64 reads a bigint (or integer, smallint) column.
func (r *Row) Int64(i int) (int64, bool) {
	b, f := r.values[i], &r.fields[i]
	if f.Format == binaryFormat {
		switch {
		case f.DataTypeOID == pgtype.Int8OID && len(b) == 8:
			return int64(binary.BigEndian.Uint64(b)), true
		case f.DataTypeOID == pgtype.Int4OID && len(b) == 4:
			return int64(int32(binary.BigEndian.Uint32(b))), true
		case f.DataTypeOID == pgtype.Int2OID && len(b) == 2:
			return int64(int16(binary.BigEndian.Uint16(b))), true
		}
	}
	if b == nil {
		return 0, false
	}
	var v pgtype.Int8
	r.viaPgx(i, &v)
	return v.Int64, v.Valid
}

// Bool reads a boolean column.
func (r *Row) Bool(i int) (bool, bool) {
	if b, ok := r.binary(i, pgtype.BoolOID, 1); ok {
		return b[0] == 1, true
	}
	if r.values[i] == nil {
		return false, false
	}
	var v pgtype.Bool
	r.viaPgx(i, &v)
	return v.Bool, v.Valid
}

// UUID reads a uuid column.
func (r *Row) UUID(i int) (uuid.UUID, bool) {
	if b, ok := r.binary(i, pgtype.UUIDOID, 16); ok {
		return uuid.UUID(b), true
	}
	if r.values[i] == nil {
		return uuid.UUID{}, false
	}
	var v pgtype.UUID
	r.viaPgx(i, &v)
	return v.Bytes, v.Valid
}

// Link reads a reference's link: the referenced DocumentUuid (column
// id) and ResourceKeyId (column key); ok is false when the reference is
// empty.
func (r *Row) Link(id, key int) (uuid.UUID, int16, bool) {
	doc, ok := r.UUID(id)
	if !ok {
		return uuid.UUID{}, 0, false
	}
	k, _ := r.Int16(key)
	return doc, k, true
}

// pgEpochUnix is where PostgreSQL's binary dates and timestamps count
// from, 2000-01-01, in seconds since the Unix epoch.
const pgEpochUnix = 946_684_800

// Date reads a date column as the API serves it, yyyy-MM-dd.
func (r *Row) Date(i int) (string, bool) {
	t, ok := r.date(i)
	if !ok {
		return "", false
	}
	var buf [len("2006-01-02")]byte
	return r.string(jsonw.AppendDate(buf[:0], t)), true
}

// date reads a date column as pgx does (midnight UTC).
func (r *Row) date(i int) (time.Time, bool) {
	if b, ok := r.binary(i, pgtype.DateOID, 4); ok {
		days := int32(binary.BigEndian.Uint32(b))
		if days != math.MaxInt32 && days != math.MinInt32 { // ±infinity: as pgx reads them
			return time.Unix((pgEpochUnix/86400+int64(days))*86400, 0).UTC(), true
		}
	}
	if r.values[i] == nil {
		return time.Time{}, false
	}
	var v pgtype.Date
	r.viaPgx(i, &v)
	return v.Time, v.Valid
}

// DateTime reads a timestamp with time zone column as the API serves it,
// UTC yyyy-MM-ddTHH:mm:ssZ.
func (r *Row) DateTime(i int) (string, bool) {
	t, ok := r.timestamp(i)
	if !ok {
		return "", false
	}
	var buf [len("2006-01-02T15:04:05Z")]byte
	return r.string(jsonw.AppendDateTime(buf[:0], t)), true
}

// timestamp reads a timestamp with time zone column as pgx does (in the
// local time zone).
func (r *Row) timestamp(i int) (time.Time, bool) {
	if b, ok := r.binary(i, pgtype.TimestamptzOID, 8); ok {
		us := int64(binary.BigEndian.Uint64(b))
		if us != math.MaxInt64 && us != math.MinInt64 { // ±infinity: as pgx reads them
			unix := pgEpochUnix*1_000_000 + us
			return time.Unix(unix/1_000_000, unix%1_000_000*1000), true
		}
	}
	if r.values[i] == nil {
		return time.Time{}, false
	}
	var v pgtype.Timestamptz
	r.viaPgx(i, &v)
	return v.Time, v.Valid
}

// The accessors generated hydration calls for a member: each puts the
// value of a column that is not NULL into a member, as is or (Opt…) as
// present. Not inlined: generated code calls them for every member it
// reads (binary size).

//go:noinline
func (r *Row) TextInto(i int, dst *string) {
	if v, ok := r.Text(i); ok {
		*dst = v
	}
}

//go:noinline
func (r *Row) OptTextInto(i int, dst *opt.Value[string]) {
	if v, ok := r.Text(i); ok {
		*dst = opt.Some(v)
	}
}

//go:noinline
func (r *Row) DateInto(i int, dst *string) {
	if v, ok := r.Date(i); ok {
		*dst = v
	}
}

//go:noinline
func (r *Row) OptDateInto(i int, dst *opt.Value[string]) {
	if v, ok := r.Date(i); ok {
		*dst = opt.Some(v)
	}
}

//go:noinline
func (r *Row) DateTimeInto(i int, dst *string) {
	if v, ok := r.DateTime(i); ok {
		*dst = v
	}
}

//go:noinline
func (r *Row) OptDateTimeInto(i int, dst *opt.Value[string]) {
	if v, ok := r.DateTime(i); ok {
		*dst = opt.Some(v)
	}
}

//go:noinline
func (r *Row) Int32Into(i int, dst *int32) {
	if v, ok := r.Int32(i); ok {
		*dst = v
	}
}

//go:noinline
func (r *Row) OptInt32Into(i int, dst *opt.Value[int32]) {
	if v, ok := r.Int32(i); ok {
		*dst = opt.Some(v)
	}
}

//go:noinline
func (r *Row) Int64Into(i int, dst *int64) {
	if v, ok := r.Int64(i); ok {
		*dst = v
	}
}

//go:noinline
func (r *Row) OptInt64Into(i int, dst *opt.Value[int64]) {
	if v, ok := r.Int64(i); ok {
		*dst = opt.Some(v)
	}
}

//go:noinline
func (r *Row) BoolInto(i int, dst *bool) {
	if v, ok := r.Bool(i); ok {
		*dst = v
	}
}

//go:noinline
func (r *Row) OptBoolInto(i int, dst *opt.Value[bool]) {
	if v, ok := r.Bool(i); ok {
		*dst = opt.Some(v)
	}
}
