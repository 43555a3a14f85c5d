package validate

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// StorableText reports whether s is text a PostgreSQL text or varchar
// value can hold: valid UTF-8 (which excludes surrogate code points) and
// no NUL character. Query values are checked with it before they are
// bound, so that the database never refuses one.
func StorableText(s string) bool {
	return utf8.ValidString(s) && strings.IndexByte(s, 0) < 0
}

// textProblem is what is wrong with the text of a JSON string.
type textProblem uint8

const (
	textOK        textProblem = iota
	badUTF8                   // bytes that are not UTF-8
	loneSurrogate             // a \uD800-\uDFFF escape outside a surrogate pair
)

// plainByte marks the string bytes that need no attention: printable ASCII
// other than the quote and the backslash.
var plainByte = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// str scans the JSON string at s.pos (its opening quote) in one pass,
// checking the grammar, UTF-8 and escapes, and returns the first text
// problem. With unescape it also returns the string's value (for property
// names): a slice of the body unless the string has escapes. ok is false
// for malformed JSON.
func (s *bodyScanner) str(unescape bool) (value []byte, problem textProblem, ok bool) {
	data := s.data
	start := s.pos + 1
	i := start
	var buf []byte // the value, once an escape made it differ from the body
	note := func(p textProblem) {
		if problem == textOK {
			problem = p
		}
	}
	for i < len(data) {
		c := data[i]
		if plainByte[c] {
			i++
			continue
		}
		switch {
		case c == '"':
			s.pos = i + 1
			if buf != nil {
				return append(buf, data[start:i]...), problem, true
			}
			return data[start:i], problem, true
		case c < 0x20:
			return nil, problem, false
		case c == '\\':
			if unescape && buf == nil {
				buf = make([]byte, 0, i-s.pos+16)
			}
			if buf != nil {
				buf = append(buf, data[start:i]...)
			}
			r, size, p := escape(data[i:])
			if size == 0 {
				return nil, problem, false
			}
			note(p)
			if buf != nil {
				buf = utf8.AppendRune(buf, r)
			}
			i += size
			start = i
		default:
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size == 1 {
				note(badUTF8)
			}
			i += size
		}
	}
	return nil, problem, false
}

// escape decodes the escape sequence at the start of b (a backslash): its
// rune, its length (0 when malformed) and loneSurrogate for a surrogate
// escape that is not part of a pair (its rune is then U+FFFD).
func escape(b []byte) (r rune, size int, problem textProblem) {
	if len(b) < 2 {
		return 0, 0, textOK
	}
	switch b[1] {
	case '"', '\\', '/':
		return rune(b[1]), 2, textOK
	case 'b':
		return '\b', 2, textOK
	case 'f':
		return '\f', 2, textOK
	case 'n':
		return '\n', 2, textOK
	case 'r':
		return '\r', 2, textOK
	case 't':
		return '\t', 2, textOK
	case 'u':
	default:
		return 0, 0, textOK
	}
	r, ok := hex4(b[2:])
	if !ok {
		return 0, 0, textOK
	}
	if !utf16.IsSurrogate(r) {
		return r, 6, textOK
	}
	if r < 0xDC00 && len(b) >= 12 && b[6] == '\\' && b[7] == 'u' {
		if low, ok := hex4(b[8:]); ok && low >= 0xDC00 && low <= 0xDFFF {
			return utf16.DecodeRune(r, low), 12, textOK
		}
	}
	return utf8.RuneError, 6, loneSurrogate
}

// hex4 decodes four hex digits.
func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}
