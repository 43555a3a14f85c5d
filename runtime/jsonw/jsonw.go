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
// Scalars are formatted as the reference serves them: dates `yyyy-MM-dd`,
// date-times in UTC `yyyy-MM-ddTHH:mm:ssZ`, times `HH:mm:ss`, decimals in
// fixed point without insignificant trailing zeros.
package jsonw

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

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
func (w *Writer) BeginObject() {
	w.sep()
	w.b = append(w.b, '{')
	w.pending = false
}

// EndObject writes `}`.
func (w *Writer) EndObject() {
	w.b = append(w.b, '}')
	w.pending = true
}

// BeginArray writes `[`.
func (w *Writer) BeginArray() {
	w.sep()
	w.b = append(w.b, '[')
	w.pending = false
}

// EndArray writes `]`.
func (w *Writer) EndArray() {
	w.b = append(w.b, ']')
	w.pending = true
}

// Key writes an object member name and the colon.
func (w *Writer) Key(name string) {
	w.sep()
	w.b = appendString(w.b, name)
	w.b = append(w.b, ':')
	w.pending = false
}

// PlainKey writes an object member name that needs no escaping (printable
// ASCII without quotes or backslashes; see IsPlain), as the member names
// of generated code are: it is copied as it is.
func (w *Writer) PlainKey(name string) {
	w.sep()
	w.b = append(w.b, '"')
	w.b = append(w.b, name...)
	w.b = append(w.b, '"', ':')
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
func (w *Writer) String(s string) {
	w.sep()
	w.b = appendString(w.b, s)
}

// Int writes an integer value.
func (w *Writer) Int(n int64) {
	w.sep()
	w.b = strconv.AppendInt(w.b, n, 10)
}

// Bool writes true or false.
func (w *Writer) Bool(v bool) {
	w.sep()
	w.b = strconv.AppendBool(w.b, v)
}

// Null writes null.
func (w *Writer) Null() {
	w.sep()
	w.b = append(w.b, "null"...)
}

// Raw writes an already encoded JSON value.
func (w *Writer) Raw(json []byte) {
	w.sep()
	w.b = append(w.b, json...)
}

// UUID writes a document id in its hyphenated lowercase form.
func (w *Writer) UUID(id uuid.UUID) {
	w.Href("", id)
}

// Href writes the string of path followed by id in its hyphenated
// lowercase form: a reference link's href.
func (w *Writer) Href(path string, id uuid.UUID) {
	w.sep()
	w.b = appendString(w.b, path)
	w.b = w.b[:len(w.b)-1] // reopen the string
	w.b = appendUUID(w.b, id)
	w.b = append(w.b, '"')
}

// appendUUID appends id as xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx.
func appendUUID(b []byte, id uuid.UUID) []byte {
	for i, c := range id {
		switch i {
		case 4, 6, 8, 10:
			b = append(b, '-')
		}
		b = append(b, hexDigits[c>>4], hexDigits[c&0xF])
	}
	return b
}

// Mark is where an optional object began: EndOptionalObject removes the
// object, with its key, when nothing was written into it.
type Mark struct {
	start, open int
	pending     bool
}

// BeginOptionalObject writes the member name (plain: see PlainKey) and `{`
// of an object that is omitted when it has no members.
func (w *Writer) BeginOptionalObject(name string) Mark {
	m := Mark{start: len(w.b), pending: w.pending}
	w.PlainKey(name)
	w.BeginObject()
	m.open = len(w.b)
	return m
}

// EndOptionalObject writes `}`, or removes the object begun at m when no
// member was written since.
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
func (w *Writer) TimeText(text string) {
	if len(text) > len("15:04:05") {
		text = text[:len("15:04:05")]
	}
	w.String(text)
}

// Date writes the calendar date of t as "yyyy-MM-dd" (t's own location).
func (w *Writer) Date(t time.Time) {
	w.sep()
	w.b = append(w.b, '"')
	w.b = t.AppendFormat(w.b, "2006-01-02")
	w.b = append(w.b, '"')
}

// DateTime writes t in UTC as "yyyy-MM-ddTHH:mm:ssZ", fractions truncated.
func (w *Writer) DateTime(t time.Time) {
	w.sep()
	w.b = append(w.b, '"')
	w.b = t.UTC().AppendFormat(w.b, "2006-01-02T15:04:05Z")
	w.b = append(w.b, '"')
}

// TimeOfDay writes a time of day given as microseconds since midnight (as
// pgtype.Time holds it) as "HH:mm:ss", fractions truncated.
func (w *Writer) TimeOfDay(microseconds int64) {
	w.sep()
	secs := microseconds / 1_000_000
	h, m, s := secs/3600, secs/60%60, secs%60
	w.b = append(w.b, '"', byte('0'+h/10), byte('0'+h%10), ':', byte('0'+m/10), byte('0'+m%10), ':', byte('0'+s/10), byte('0'+s%10), '"')
}

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string, escaping quotes, backslashes and
// control characters and replacing invalid UTF-8 with U+FFFD.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
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
