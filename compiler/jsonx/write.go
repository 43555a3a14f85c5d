package jsonx

import (
	"bytes"
	"sort"
	"strconv"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// Escaping selects how strings are escaped; the two modes reproduce the two
// System.Text.Json encoders the reference uses, because both its hashes and
// its manifests are compared byte for byte.
type Escaping uint8

const (
	// EscapeDefault matches JavaScriptEncoder.Default: everything outside
	// printable ASCII and the HTML-sensitive characters become \uXXXX.
	EscapeDefault Escaping = iota
	// EscapeRelaxed matches JavaScriptEncoder.UnsafeRelaxedJsonEscaping:
	// non-ASCII text is written as is; quotes, backslashes and control
	// characters are escaped.
	EscapeRelaxed
)

// Canonical writes v minified with object keys sorted by UTF-16 code units
// at every level, arrays in order, numbers in source form and relaxed
// escaping: the canonical form the effective-schema hash is defined over.
func Canonical(v *Value) []byte {
	var b bytes.Buffer
	writeCanonical(&b, v)
	return b.Bytes()
}

func writeCanonical(b *bytes.Buffer, v *Value) {
	switch v.Kind {
	case Object:
		members := make([]Member, len(v.Members))
		copy(members, v.Members)
		sort.SliceStable(members, func(i, j int) bool { return lessUTF16(members[i].Key, members[j].Key) })
		b.WriteByte('{')
		for i, m := range members {
			if i > 0 {
				b.WriteByte(',')
			}
			writeString(b, m.Key, EscapeRelaxed)
			b.WriteByte(':')
			writeCanonical(b, m.Value)
		}
		b.WriteByte('}')
	case Array:
		b.WriteByte('[')
		for i, item := range v.Items {
			if i > 0 {
				b.WriteByte(',')
			}
			writeCanonical(b, item)
		}
		b.WriteByte(']')
	default:
		writeScalar(b, v, EscapeRelaxed)
	}
}

// lessUTF16 orders strings by UTF-16 code units, which is .NET's ordinal
// string comparison; it differs from Go's byte order for characters above
// U+FFFF versus U+E000..U+FFFF.
func lessUTF16(a, b string) bool {
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb {
			return utf16Key(ra) < utf16Key(rb)
		}
		a, b = a[na:], b[nb:]
	}
	return a == "" && b != ""
}

func utf16Key(r rune) rune {
	if r >= 0x10000 {
		hi, _ := utf16.EncodeRune(r)
		return hi
	}
	return r
}

// LessOrdinal reports whether a sorts before b under .NET ordinal comparison.
func LessOrdinal(a, b string) bool { return lessUTF16(a, b) }

// Indented writes v the way System.Text.Json's Utf8JsonWriter does with
// Indented=true: two-space indent, "\n" newlines, `": "` separators, empty
// containers as [] and {}, followed by one trailing newline.
func Indented(v *Value, esc Escaping) []byte {
	var b bytes.Buffer
	writeIndented(&b, v, esc, 0)
	b.WriteByte('\n')
	return b.Bytes()
}

func writeIndented(b *bytes.Buffer, v *Value, esc Escaping, depth int) {
	switch v.Kind {
	case Object:
		if len(v.Members) == 0 {
			b.WriteString("{}")
			return
		}
		b.WriteByte('{')
		for i, m := range v.Members {
			if i > 0 {
				b.WriteByte(',')
			}
			newline(b, depth+1)
			writeString(b, m.Key, esc)
			b.WriteString(": ")
			writeIndented(b, m.Value, esc, depth+1)
		}
		newline(b, depth)
		b.WriteByte('}')
	case Array:
		if len(v.Items) == 0 {
			b.WriteString("[]")
			return
		}
		b.WriteByte('[')
		for i, item := range v.Items {
			if i > 0 {
				b.WriteByte(',')
			}
			newline(b, depth+1)
			writeIndented(b, item, esc, depth+1)
		}
		newline(b, depth)
		b.WriteByte(']')
	default:
		writeScalar(b, v, esc)
	}
}

func newline(b *bytes.Buffer, depth int) {
	b.WriteByte('\n')
	for i := 0; i < depth; i++ {
		b.WriteString("  ")
	}
}

func writeScalar(b *bytes.Buffer, v *Value, esc Escaping) {
	switch v.Kind {
	case Null:
		b.WriteString("null")
	case Bool:
		b.WriteString(strconv.FormatBool(v.Bool))
	case Number:
		b.WriteString(v.Text)
	case String:
		writeString(b, v.Text, esc)
	}
}

const hexDigits = "0123456789ABCDEF"

func writeString(b *bytes.Buffer, s string, esc Escaping) {
	b.WriteByte('"')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch r {
		case '\n':
			b.WriteString(`\n`)
			continue
		case '\r':
			b.WriteString(`\r`)
			continue
		case '\t':
			b.WriteString(`\t`)
			continue
		case '\b':
			b.WriteString(`\b`)
			continue
		case '\f':
			b.WriteString(`\f`)
			continue
		case '\\':
			b.WriteString(`\\`)
			continue
		case '"':
			if esc == EscapeRelaxed {
				b.WriteString(`\"`)
			} else {
				b.WriteString(`\u0022`)
			}
			continue
		}
		if mustEscape(r, esc) {
			writeUnicodeEscape(b, r)
			continue
		}
		b.WriteRune(r)
	}
	b.WriteByte('"')
}

func mustEscape(r rune, esc Escaping) bool {
	if r < 0x20 || r == utf8.RuneError {
		return true
	}
	if esc == EscapeDefault {
		switch r {
		case '<', '>', '&', '\'', '+', '`':
			return true
		}
		return r > 0x7E
	}
	// Even the relaxed encoder escapes what .NET treats as unsafe in any
	// context: supplementary-plane characters, controls, format characters,
	// private-use and unassigned code points, and separators other than the
	// ASCII space (U+00A0 is written \u00A0, which the reference's hashes
	// depend on).
	if r >= 0x10000 || r == ' ' {
		return r >= 0x10000
	}
	return unicode.In(r, unicode.Cc, unicode.Cf, unicode.Co, unicode.Zl, unicode.Zp, unicode.Zs) ||
		!unicode.In(r, assigned...)
}

// assigned is every Unicode category except Cn (unassigned).
var assigned = []*unicode.RangeTable{unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Z, unicode.C}

func writeUnicodeEscape(b *bytes.Buffer, r rune) {
	units := []uint16{uint16(r)}
	if r >= 0x10000 {
		hi, lo := utf16.EncodeRune(r)
		units = []uint16{uint16(hi), uint16(lo)}
	}
	for _, u := range units {
		b.WriteString(`\u`)
		b.WriteByte(hexDigits[u>>12&0xF])
		b.WriteByte(hexDigits[u>>8&0xF])
		b.WriteByte(hexDigits[u>>4&0xF])
		b.WriteByte(hexDigits[u&0xF])
	}
}

// Constructors for building manifests in a fixed member order.

// Obj builds an object from members in the given order.
func Obj(members ...Member) *Value { return &Value{Kind: Object, Members: members} }

// M is a member constructor for Obj.
func M(key string, v *Value) Member { return Member{Key: key, Value: v} }

// Arr builds an array; a nil or empty list gives [].
func Arr(items ...*Value) *Value { return &Value{Kind: Array, Items: items} }

// Str builds a string value.
func Str(s string) *Value { return &Value{Kind: String, Text: s} }

// Int builds an integer number value.
func Int(n int64) *Value { return &Value{Kind: Number, Text: strconv.FormatInt(n, 10)} }

// Boolean builds a boolean value.
func Boolean(b bool) *Value { return &Value{Kind: Bool, Bool: b} }

// NullValue builds a JSON null.
func NullValue() *Value { return &Value{Kind: Null} }

// Strs builds an array of strings.
func Strs(ss ...string) *Value {
	items := make([]*Value, len(ss))
	for i, s := range ss {
		items[i] = Str(s)
	}
	return Arr(items...)
}
