// Package jsonw writes compact JSON by appending to a byte slice, for the
// generated encoding of typed documents (the encode functions of a
// generated package write a hydrated document member by member, with no
// reflection).
//
// The writer tracks only whether a separator is due, so nesting costs
// nothing; generated code is responsible for balanced Begin/End calls and
// for calling Key (or PlainKey) before each object member. An optional
// object (BeginOptionalObject) is taken back when nothing was written into
// it: the API omits empty objects.
//
// The methods generated code calls for each member are not inlined
// (//go:noinline): inlined, every call site expanded to the append and
// buffer-growth code, which made the encoders of a DS 3.2a server 2 MB of
// machine code; a call costs a few nanoseconds of a document's
// microseconds.
//
// Scalars are formatted as the reference serves them: dates `yyyy-MM-dd`,
// date-times in UTC `yyyy-MM-ddTHH:mm:ssZ`, times `HH:mm:ss`, decimals in
// fixed point without insignificant trailing zeros.
package jsonw

import (
	"encoding/binary"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/edfi-dmsc/dmsc/runtime/opt"
	"github.com/google/uuid"
)

// Writer accumulates one JSON text. The zero value is ready to use.
type Writer struct {
	b       []byte
	pending bool // a value was written at this level, so the next one needs a comma
}

// Bytes returns the JSON written so far (aliasing the writer's buffer).
func (w *Writer) Bytes() []byte { return w.b }

// Len is the number of bytes written.
func (w *Writer) Len() int { return len(w.b) }

// Reset empties the writer, keeping its buffer.
func (w *Writer) Reset() { w.b, w.pending = w.b[:0], false }

// startSize is the capacity a Writer's buffer starts with, at its first
// write: most documents fit in it, where growing the buffer from nothing
// by doubling took eight allocations and copies before one was written.
const startSize = 1024

// Grow makes room for n more bytes, so that a writer told the size of
// what it is about to write allocates its buffer once.
func (w *Writer) Grow(n int) {
	if n > cap(w.b)-len(w.b) {
		b := make([]byte, len(w.b), len(w.b)+n)
		copy(b, w.b)
		w.b = b
	}
}

// sep writes the comma due before a value or member, if any; each of them
// begins with it, the first write of a Writer too.
func (w *Writer) sep() {
	if w.pending {
		w.b = append(w.b, ',')
	} else if w.b == nil {
		w.b = make([]byte, 0, startSize)
	}
	w.pending = true
}

// BeginObject writes `{`.
//
//go:noinline
func (w *Writer) BeginObject() {
	w.sep()
	w.b = append(w.b, '{')
	w.pending = false
}

// EndObject writes `}`.
//
//go:noinline
func (w *Writer) EndObject() {
	w.b = append(w.b, '}')
	w.pending = true
}

// BeginArray writes `[`.
//
//go:noinline
func (w *Writer) BeginArray() {
	w.sep()
	w.b = append(w.b, '[')
	w.pending = false
}

// EndArray writes `]`.
//
//go:noinline
func (w *Writer) EndArray() {
	w.b = append(w.b, ']')
	w.pending = true
}

// Key writes an object member name and the colon.
//
//go:noinline
func (w *Writer) Key(name string) {
	w.sep()
	w.b = appendString(w.b, name)
	w.b = append(w.b, ':')
	w.pending = false
}

// PlainKey writes an object member name that needs no escaping (printable
// ASCII without quotes or backslashes; see IsPlain), as the member names
// of generated code are: it is copied as it is.
//
//go:noinline
func (w *Writer) PlainKey(name string) {
	w.sep()
	b := append(w.b, '"')
	b = append(b, name...)
	w.b = append(b, '"', ':')
	w.pending = false
}

// IsPlain reports whether name needs no escaping in a JSON string.
func IsPlain(name string) bool {
	for i := 0; i < len(name); i++ {
		if c := name[i]; c < 0x20 || c >= utf8.RuneSelf || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}

// String writes a string value.
//
//go:noinline
func (w *Writer) String(s string) {
	w.sep()
	w.b = appendString(w.b, s)
}

// Int writes an integer value.
//
//go:noinline
func (w *Writer) Int(n int64) {
	w.sep()
	w.b = strconv.AppendInt(w.b, n, 10)
}

// Bool writes true or false.
//
//go:noinline
func (w *Writer) Bool(v bool) {
	w.sep()
	w.b = strconv.AppendBool(w.b, v)
}

// Null writes null.
//
//go:noinline
func (w *Writer) Null() {
	w.sep()
	w.b = append(w.b, "null"...)
}

// Raw writes an already encoded JSON value.
//
//go:noinline
func (w *Writer) Raw(json []byte) {
	w.sep()
	w.b = append(w.b, json...)
}

// UUID writes a document id in its hyphenated lowercase form.
//
//go:noinline
func (w *Writer) UUID(id uuid.UUID) {
	w.Href("", id)
}

// Href writes the string of path followed by id in its hyphenated
// lowercase form: a reference link's href.
//
//go:noinline
func (w *Writer) Href(path string, id uuid.UUID) {
	w.sep()
	w.b = appendString(w.b, path)
	w.b = w.b[:len(w.b)-1] // reopen the string
	w.b = appendUUID(w.b, id)
	w.b = append(w.b, '"')
}

// appendUUID appends id as xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx.
func appendUUID(b []byte, id uuid.UUID) []byte {
	var text [36]byte
	at := 0
	for i, c := range id {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			text[at] = '-'
			at++
		}
		text[at], text[at+1] = hexDigits[c>>4], hexDigits[c&0xF]
		at += 2
	}
	return append(b, text[:]...)
}

// The member writers below write a member, name (plain: see PlainKey)
// and value, in one call; the Opt… ones only when the value is present.
// Generated encoders call one per scalar member.

//go:noinline
func (w *Writer) StringMember(name, v string) {
	w.PlainKey(name)
	w.String(v)
}

//go:noinline
func (w *Writer) OptStringMember(name string, v opt.Value[string]) {
	if v.Present {
		w.PlainKey(name)
		w.String(v.Value)
	}
}

//go:noinline
func (w *Writer) DecimalMember(name, v string) {
	w.PlainKey(name)
	w.Decimal(v)
}

//go:noinline
func (w *Writer) OptDecimalMember(name string, v opt.Value[string]) {
	if v.Present {
		w.PlainKey(name)
		w.Decimal(v.Value)
	}
}

//go:noinline
func (w *Writer) TimeMember(name, v string) {
	w.PlainKey(name)
	w.TimeText(v)
}

//go:noinline
func (w *Writer) OptTimeMember(name string, v opt.Value[string]) {
	if v.Present {
		w.PlainKey(name)
		w.TimeText(v.Value)
	}
}

//go:noinline
func (w *Writer) IntMember(name string, v int64) {
	w.PlainKey(name)
	w.Int(v)
}

//go:noinline
func (w *Writer) OptInt32Member(name string, v opt.Value[int32]) {
	if v.Present {
		w.PlainKey(name)
		w.Int(int64(v.Value))
	}
}

//go:noinline
func (w *Writer) OptInt64Member(name string, v opt.Value[int64]) {
	if v.Present {
		w.PlainKey(name)
		w.Int(v.Value)
	}
}

//go:noinline
func (w *Writer) BoolMember(name string, v bool) {
	w.PlainKey(name)
	w.Bool(v)
}

//go:noinline
func (w *Writer) OptBoolMember(name string, v opt.Value[bool]) {
	if v.Present {
		w.PlainKey(name)
		w.Bool(v.Value)
	}
}

// Mark is where an optional object began: EndOptionalObject removes the
// object, with its key, when nothing was written into it.
type Mark struct {
	start, open int
	pending     bool
}

// BeginOptionalObject writes the member name (plain: see PlainKey) and `{`
// of an object that is omitted when it has no members.
//
//go:noinline
func (w *Writer) BeginOptionalObject(name string) Mark {
	m := Mark{start: len(w.b), pending: w.pending}
	w.PlainKey(name)
	w.BeginObject()
	m.open = len(w.b)
	return m
}

// EndOptionalObject writes `}`, or removes the object begun at m when no
// member was written since.
//
//go:noinline
func (w *Writer) EndOptionalObject(m Mark) {
	if len(w.b) == m.open {
		w.b, w.pending = w.b[:m.start], m.pending
		return
	}
	w.EndObject()
}

// Decimal writes a decimal given in its PostgreSQL text form (e.g. from
// numeric::text) as a JSON number without insignificant trailing zeros:
// "1.50" → 1.5, "2.000" → 2, "-0.0" → 0.
//
//go:noinline
func (w *Writer) Decimal(text string) {
	w.sep()
	w.b = append(w.b, CanonicalDecimal(text)...)
}

// CanonicalDecimal strips insignificant zeros from a plain decimal literal.
func CanonicalDecimal(text string) string {
	s := strings.TrimSpace(text)
	if strings.ContainsAny(s, "eE") {
		return s // exponent form never comes from numeric::text; leave it alone
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimLeft(s, "+-")
	if dot := strings.IndexByte(s, '.'); dot >= 0 {
		s = strings.TrimRight(s, "0")
		s = strings.TrimSuffix(s, ".")
	}
	s = strings.TrimLeft(s, "0")
	if s == "" || s[0] == '.' {
		s = "0" + s
	}
	if s == "0" {
		return "0"
	}
	if neg {
		return "-" + s
	}
	return s
}

// TimeText writes a time of day given as text ("HH:MM:SS", or with the
// fraction PostgreSQL's time::text adds) as "HH:mm:ss": Ed-Fi times have
// whole seconds.
//
//go:noinline
func (w *Writer) TimeText(text string) {
	if len(text) > len("15:04:05") {
		text = text[:len("15:04:05")]
	}
	w.String(text)
}

// Date writes the calendar date of t as "yyyy-MM-dd" (t's own location).
//
//go:noinline
func (w *Writer) Date(t time.Time) {
	w.sep()
	w.b = append(w.b, '"')
	w.b = AppendDate(w.b, t)
	w.b = append(w.b, '"')
}

// DateTime writes t in UTC as "yyyy-MM-ddTHH:mm:ssZ", fractions truncated.
//
//go:noinline
func (w *Writer) DateTime(t time.Time) {
	w.sep()
	w.b = append(w.b, '"')
	w.b = AppendDateTime(w.b, t)
	w.b = append(w.b, '"')
}

// AppendDate appends the calendar date of t (in t's own location) as
// yyyy-MM-dd, as t.AppendFormat(b, time.DateOnly) does, without parsing
// the layout for each value.
func AppendDate(b []byte, t time.Time) []byte {
	y, m, d := t.Date()
	if y < 0 || y > 9999 {
		return t.AppendFormat(b, time.DateOnly)
	}
	return appendDate(b, y, int(m), d)
}

// AppendDateTime appends t in UTC as yyyy-MM-ddTHH:mm:ssZ, fractions
// truncated.
func AppendDateTime(b []byte, t time.Time) []byte {
	t = t.UTC()
	y, m, d := t.Date()
	if y < 0 || y > 9999 {
		return t.AppendFormat(b, "2006-01-02T15:04:05Z")
	}
	b = appendDate(b, y, int(m), d)
	hh, mm, ss := t.Clock()
	b = append(b, 'T')
	b = appendDigits(b, hh, 2)
	b = append(b, ':')
	b = appendDigits(b, mm, 2)
	b = append(b, ':')
	b = appendDigits(b, ss, 2)
	return append(b, 'Z')
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

// TimeOfDay writes a time of day given as microseconds since midnight (as
// pgtype.Time holds it) as "HH:mm:ss", fractions truncated.
//
//go:noinline
func (w *Writer) TimeOfDay(microseconds int64) {
	w.sep()
	secs := microseconds / 1_000_000
	h, m, s := secs/3600, secs/60%60, secs%60
	w.b = append(w.b, '"', byte('0'+h/10), byte('0'+h%10), ':', byte('0'+m/10), byte('0'+m%10), ':', byte('0'+s/10), byte('0'+s%10), '"')
}

const hexDigits = "0123456789abcdef"

// plainWord reports whether none of the eight bytes of x is a control
// character, a quote, a backslash or beyond ASCII (bit tricks testing
// every byte at once: a byte below n has its high bit set in x - n, as
// does a zero byte, where x equals the value tested, in x - 1).
func plainWord(x uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	below := func(x uint64, n uint64) uint64 { return (x - ones*n) &^ x & highs }
	return (x&highs)|below(x, 0x20)|below(x^(ones*'"'), 1)|below(x^(ones*'\\'), 1) == 0
}

// plain marks the bytes a JSON string holds as they are: printable ASCII
// but quotes and backslashes.
var plain = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// appendString appends s as a JSON string, escaping quotes, backslashes and
// control characters and replacing invalid UTF-8 with U+FFFD.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		// Eight bytes at a time while none needs escaping or decoding.
		for i+8 <= len(s) && plainWord(binary.LittleEndian.Uint64([]byte(s[i:i+8]))) {
			i += 8
		}
		if i == len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf && plain[c] {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
