package jsonr

import (
	"bytes"
	"fmt"
	"strconv"
)

// SyntaxError describes the first syntax error of body as the reference
// reports it: in the words of .NET's System.Text.Json reader with its
// default options (no comments, no trailing commas, at most 64 levels),
// followed by " LineNumber: L | BytePositionInLine: B." where both are
// 0-based, lines are counted by '\n' and the position is in bytes from the
// start of the line. It returns "" when body has no syntax error.
func SyntaxError(body []byte) string {
	r := stjReader{s: body}
	i := r.space(0)
	switch {
	case i == len(body):
		r.fail(i, "The input does not contain any JSON tokens. Expected the input to start with a valid JSON token, while isFinalBlock is true.")
	default:
		if i, ok := r.value(i); ok {
			if i = r.space(i); i < len(body) {
				r.fail(i, "'%s' is invalid after a single JSON value. Expected end of data.", printable(body[i]))
			}
		}
	}
	if r.msg == "" {
		return ""
	}
	line, start := 0, 0
	for j, c := range body[:r.at] {
		if c == '\n' {
			line, start = line+1, j+1
		}
	}
	return r.msg + " LineNumber: " + strconv.Itoa(line) + " | BytePositionInLine: " + strconv.Itoa(r.at-start) + "."
}

// WithoutBOM is body without a leading UTF-8 byte order mark, which the
// reference drops before it parses a request body.
func WithoutBOM(body []byte) []byte {
	return bytes.TrimPrefix(body, []byte("\xEF\xBB\xBF"))
}

// stjMaxDepth is System.Text.Json's default maximum nesting depth.
const stjMaxDepth = 64

// stjReader follows the reader's grammar and records its first error: the
// message and the offset of the byte it reports the error at.
type stjReader struct {
	s     []byte
	depth int
	msg   string
	at    int
}

// Messages of the reader's errors that are not followed by a character.
const (
	stjZeroDepthAtEnd     = "Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed."
	stjEndOfString        = "Expected end of string, but instead reached end of data."
	stjDigitAtEnd         = "Expected a digit ('0'-'9'), but instead reached end of data."
	stjValueAfterName     = "Expected a value, but instead reached end of data."
	stjPropertyOrValueEnd = "Expected start of a property name or value, but instead reached end of data."
)

func (r *stjReader) fail(at int, format string, args ...any) bool {
	r.msg, r.at = fmt.Sprintf(format, args...), at
	return false
}

// printable renders a byte as the reader's messages quote it.
func printable(c byte) string {
	if c >= 0x20 && c < 0x7F {
		return string(rune(c))
	}
	return fmt.Sprintf("0x%02X", c)
}

func (r *stjReader) space(i int) int {
	for i < len(r.s) && (r.s[i] == ' ' || r.s[i] == '\t' || r.s[i] == '\n' || r.s[i] == '\r') {
		i++
	}
	return i
}

// value reads the value starting at i (< len) and returns the offset after it.
func (r *stjReader) value(i int) (int, bool) {
	switch c := r.s[i]; {
	case c == '"':
		return r.str(i)
	case c == '{':
		return r.container(i, '}', "object")
	case c == '[':
		return r.container(i, ']', "array")
	case c == '-' || isDigit(c):
		return r.number(i)
	case c == 't':
		return r.literal(i, "true")
	case c == 'f':
		return r.literal(i, "false")
	case c == 'n':
		return r.literal(i, "null")
	default:
		return i, r.fail(i, "'%s' is an invalid start of a value.", printable(c))
	}
}

// container reads an object or array opening at i.
func (r *stjReader) container(i int, closer byte, kind string) (int, bool) {
	if r.depth >= stjMaxDepth {
		return i, r.fail(i, "The maximum configured depth of %d has been exceeded. Cannot read next JSON %s.", stjMaxDepth, kind)
	}
	r.depth++
	object := closer == '}'
	j := r.space(i + 1)
	if j == len(r.s) {
		return j, r.fail(j, stjZeroDepthAtEnd)
	}
	if r.s[j] == closer {
		r.depth--
		return j + 1, true
	}
	for {
		var ok bool
		if object {
			if j, ok = r.member(j); !ok {
				return j, false
			}
		} else if j, ok = r.value(j); !ok {
			return j, false
		}
		if j = r.space(j); j == len(r.s) {
			return j, r.fail(j, stjZeroDepthAtEnd)
		}
		switch c := r.s[j]; {
		case c == closer:
			r.depth--
			return j + 1, true
		case c == '}' || c == ']':
			return j, r.fail(j, "'%s' is invalid without a matching open.", printable(c))
		case c != ',':
			return j, r.fail(j, "'%s' is invalid after a value. Expected either ',', '}', or ']'.", printable(c))
		}
		comma := j
		if j = r.space(j + 1); j == len(r.s) {
			if j == comma+1 {
				return j, r.fail(comma, stjPropertyOrValueEnd)
			}
			return j, r.fail(j, stjPropertyOrValueEnd)
		}
		if r.s[j] == closer {
			return j, r.fail(j, "The JSON %s contains a trailing comma at the end which is not supported in this mode. Change the reader options.", kind)
		}
	}
}

// member reads a property name, its ':' and its value, starting at i
// (< len).
func (r *stjReader) member(i int) (int, bool) {
	if r.s[i] != '"' {
		return i, r.fail(i, "'%s' is an invalid start of a property name. Expected a '\"'.", printable(r.s[i]))
	}
	j, ok := r.str(i)
	if !ok {
		return j, false
	}
	if j = r.space(j); j == len(r.s) {
		return j, r.fail(j, stjValueAfterName)
	}
	if r.s[j] != ':' {
		return j, r.fail(j, "'%s' is invalid after a property name. Expected a ':'.", printable(r.s[j]))
	}
	if j = r.space(j + 1); j == len(r.s) {
		return j, r.fail(j, stjZeroDepthAtEnd)
	}
	return r.value(j)
}

// str reads a string opening at i.
func (r *stjReader) str(i int) (int, bool) {
	for j := i + 1; j < len(r.s); j++ {
		switch c := r.s[j]; {
		case c == '"':
			return j + 1, true
		case c < 0x20:
			return j, r.fail(j, "'%s' is invalid within a JSON string. The string should be correctly escaped.", printable(c))
		case c == '\\':
			j++
			if j == len(r.s) {
				break
			}
			switch e := r.s[j]; e {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				for k := 0; k < 4; k++ {
					if j+1 == len(r.s) {
						break
					}
					j++
					if !isHex(r.s[j]) {
						return j, r.fail(j, "'%s' is not a hex digit following '\\u' within a JSON string. The string should be correctly escaped.", printable(r.s[j]))
					}
				}
			default:
				return j, r.fail(j, "'%s' is an invalid escapable character within a JSON string. The string should be correctly escaped.", printable(e))
			}
		}
	}
	return len(r.s), r.fail(len(r.s), stjEndOfString)
}

// number reads a number starting at i.
func (r *stjReader) number(i int) (int, bool) {
	j := i
	if r.s[j] == '-' {
		if j++; j == len(r.s) {
			return j, r.fail(j, stjDigitAtEnd)
		}
		if !isDigit(r.s[j]) {
			return j, r.fail(j, "'%s' is invalid within a number, immediately after a sign character ('+' or '-'). Expected a digit ('0'-'9').", printable(r.s[j]))
		}
	}
	zero := r.s[j] == '0'
	if zero {
		j++
	} else {
		j = r.digits(j)
	}
	if j == len(r.s) || isDelimiter(r.s[j]) {
		return j, true
	}
	if c := r.s[j]; c != '.' && c != 'e' && c != 'E' {
		if zero && isDigit(c) {
			return j, r.fail(j, "Invalid leading zero before '%s'.", printable(c))
		}
		return j, r.fail(j, "'%s' is an invalid end of a number. Expected a delimiter.", printable(c))
	}
	if r.s[j] == '.' {
		if j++; j == len(r.s) {
			return j, r.fail(j, stjDigitAtEnd)
		}
		if !isDigit(r.s[j]) {
			return j, r.fail(j, "'%s' is invalid within a number, immediately after a decimal point ('.'). Expected a digit ('0'-'9').", printable(r.s[j]))
		}
		if j = r.digits(j); j == len(r.s) || isDelimiter(r.s[j]) {
			return j, true
		}
		if c := r.s[j]; c != 'e' && c != 'E' {
			return j, r.fail(j, "'%s' is an invalid end of a number. Expected 'E' or 'e'.", printable(c))
		}
	}
	if j++; j == len(r.s) {
		return j, r.fail(j, stjDigitAtEnd)
	}
	if r.s[j] == '+' || r.s[j] == '-' {
		if j++; j == len(r.s) {
			return j, r.fail(j, stjDigitAtEnd)
		}
	}
	if !isDigit(r.s[j]) {
		return j, r.fail(j, "'%s' is invalid within a number, immediately after a sign character ('+' or '-'). Expected a digit ('0'-'9').", printable(r.s[j]))
	}
	if j = r.digits(j); j == len(r.s) || isDelimiter(r.s[j]) {
		return j, true
	}
	return j, r.fail(j, "'%s' is an invalid end of a number. Expected a delimiter.", printable(r.s[j]))
}

func (r *stjReader) digits(j int) int {
	for j < len(r.s) && isDigit(r.s[j]) {
		j++
	}
	return j
}

// literal reads true, false or null starting at i: the reader quotes the
// text up to the first byte that differs.
func (r *stjReader) literal(i int, lit string) (int, bool) {
	for k := 1; k < len(lit); k++ {
		if i+k == len(r.s) || r.s[i+k] != lit[k] {
			end := min(i+k+1, len(r.s))
			return i + k, r.fail(i+k, "'%s' is an invalid JSON literal. Expected the literal '%s'.", r.s[i:end], lit)
		}
	}
	return i + len(lit), true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isHex(c byte) bool { return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

// isDelimiter reports the bytes that may end a number.
func isDelimiter(c byte) bool {
	switch c {
	case ',', '}', ']', ' ', '\n', '\r', '\t', '/':
		return true
	}
	return false
}
