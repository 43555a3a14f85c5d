// Package jsonw writes compact JSON by appending to a byte slice, for the
// generated hydration code that streams documents out of database rows
// without building an intermediate tree.
//
// The writer tracks only whether a separator is due, so nesting costs
// nothing; generated code is responsible for balanced Begin/End calls and
// for calling Key before each object member.
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

func (w *Writer) sep() {
	if w.pending {
		w.b = append(w.b, ',')
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
	w.sep()
	w.b = append(w.b, '"')
	w.b = append(w.b, id.String()...)
	w.b = append(w.b, '"')
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
