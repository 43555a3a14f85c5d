package validate

import (
	"bytes"
	"strings"
)

// DuplicatePropertyMessage is the reference's message for a property name
// repeated within one JSON object.
const DuplicatePropertyMessage = "An item with the same key has already been added."

// Messages of the problems CheckBody finds besides duplicate properties.
const (
	InvalidUTF8Message           = "Value is not valid UTF-8 text."
	InvalidUTF8NameMessage       = "Property name is not valid UTF-8 text."
	UnpairedSurrogateMessage     = "Value contains an unpaired UTF-16 surrogate escape, which is not a character."
	UnpairedSurrogateNameMessage = "Property name contains an unpaired UTF-16 surrogate escape, which is not a character."
)

// maxScanDepth bounds the nesting of containers: the reference's parser
// refuses a body nesting deeper (a syntax error, see jsonr.SyntaxError), so
// CheckBody treats it as malformed.
const maxScanDepth = 64

// BodyIssue is the first problem CheckBody found in a body: the concrete
// JSON path it is at and its message.
type BodyIssue struct {
	Path    string
	Message string
}

// CheckBody scans a JSON request body once, before it is decoded, for what
// a decoder silently accepts or repairs and the reference reports before
// any other validation, and returns the first such problem in document
// order at its concrete path, e.g. "$.addresses[1].city":
//
//   - a property name repeated within one object (DuplicatePropertyMessage;
//     names are compared after unescaping);
//   - a string, value or property name, that is not valid UTF-8 — a decoder
//     would turn the bytes into U+FFFD and store changed text;
//   - a \uD800-\uDFFF escape that is not half of a surrogate pair (likewise
//     stored as U+FFFD, and not a character at all).
//
// Syntax errors come first, as in the reference: found is false for a
// malformed body, containers nested deeper than 64 levels included (the
// decoder reports it), even when a problem precedes the
// error. A NUL character is valid JSON text and left to the schema stage,
// which reports it per property (Validator.NULCharacter).
func CheckBody(body []byte) (issue BodyIssue, found bool) {
	s := bodyScanner{data: body, names: make([][]byte, 0, 32), path: Path{buf: make([]byte, 0, 128)}}
	s.path.Reset()
	s.skipSpace()
	if !s.value(0) {
		return BodyIssue{}, false
	}
	s.skipSpace()
	if s.pos != len(s.data) {
		return BodyIssue{}, false
	}
	return s.issue, s.issue.Message != ""
}

// bodyScanner is one CheckBody pass: it checks the JSON grammar completely
// (so that it can tell a well-formed body from a malformed one) and records
// the first issue.
type bodyScanner struct {
	data  []byte
	pos   int
	path  Path
	issue BodyIssue
	names [][]byte // property names of the objects being scanned (see propertyNames)
}

// report records the first issue; later ones are ignored.
func (s *bodyScanner) report(path, msg string) {
	if s.issue.Message == "" {
		s.issue = BodyIssue{Path: path, Message: msg}
	}
}

func (s *bodyScanner) skipSpace() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

// value scans one JSON value; it returns false on malformed input and when
// the body nests too deep (which stops the scan).
func (s *bodyScanner) value(depth int) bool {
	if s.pos >= len(s.data) {
		return false
	}
	if depth >= maxScanDepth && (s.data[s.pos] == '{' || s.data[s.pos] == '[') {
		return false
	}
	switch c := s.data[s.pos]; c {
	case '{':
		return s.object(depth)
	case '[':
		return s.array(depth)
	case '"':
		_, problem, ok := s.str(false)
		switch problem {
		case badUTF8:
			s.report(s.path.String(), InvalidUTF8Message)
		case loneSurrogate:
			s.report(s.path.String(), UnpairedSurrogateMessage)
		}
		return ok
	case 't':
		return s.keyword("true")
	case 'f':
		return s.keyword("false")
	case 'n':
		return s.keyword("null")
	default:
		return s.number()
	}
}

func (s *bodyScanner) keyword(word string) bool {
	if !bytes.HasPrefix(s.data[s.pos:], []byte(word)) {
		return false
	}
	s.pos += len(word)
	return true
}

// number scans a JSON number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (s *bodyScanner) number() bool {
	if s.pos < len(s.data) && s.data[s.pos] == '-' {
		s.pos++
	}
	switch {
	case s.pos < len(s.data) && s.data[s.pos] == '0':
		s.pos++
	case !s.digits():
		return false
	}
	if s.pos < len(s.data) && s.data[s.pos] == '.' {
		s.pos++
		if !s.digits() {
			return false
		}
	}
	if s.pos < len(s.data) && (s.data[s.pos] == 'e' || s.data[s.pos] == 'E') {
		s.pos++
		if s.pos < len(s.data) && (s.data[s.pos] == '+' || s.data[s.pos] == '-') {
			s.pos++
		}
		if !s.digits() {
			return false
		}
	}
	return true
}

// digits scans one or more decimal digits.
func (s *bodyScanner) digits() bool {
	start := s.pos
	for s.pos < len(s.data) && s.data[s.pos] >= '0' && s.data[s.pos] <= '9' {
		s.pos++
	}
	return s.pos > start
}

func (s *bodyScanner) object(depth int) bool {
	s.pos++ // '{'
	seen := propertyNames{base: len(s.names)}
	defer func() { s.names = s.names[:seen.base] }()
	s.skipSpace()
	if s.pos < len(s.data) && s.data[s.pos] == '}' {
		s.pos++
		return true
	}
	for {
		s.skipSpace()
		if s.pos >= len(s.data) || s.data[s.pos] != '"' {
			return false
		}
		name, problem, ok := s.str(true)
		if !ok {
			return false
		}
		switch {
		case problem == badUTF8:
			s.report(s.path.Child(strings.ToValidUTF8(string(name), "\uFFFD")), InvalidUTF8NameMessage)
		case problem == loneSurrogate:
			s.report(s.path.Child(string(name)), UnpairedSurrogateNameMessage)
		case !seen.add(s, name):
			s.report(s.path.Child(string(name)), DuplicatePropertyMessage)
		}
		s.skipSpace()
		if s.pos >= len(s.data) || s.data[s.pos] != ':' {
			return false
		}
		s.pos++
		s.skipSpace()
		if more, ok := s.element(depth, s.path.pushFieldBytes(name), '}'); !more {
			return ok
		}
	}
}

func (s *bodyScanner) array(depth int) bool {
	s.pos++ // '['
	s.skipSpace()
	if s.pos < len(s.data) && s.data[s.pos] == ']' {
		s.pos++
		return true
	}
	for i := 0; ; i++ {
		s.skipSpace()
		if more, ok := s.element(depth, s.path.PushIndex(i), ']'); !more {
			return ok
		}
	}
}

// element scans the value of one object member or array element, whose
// path was pushed at mark, and the separator after it. more reports that a
// comma follows; otherwise ok reports whether the container ended well
// with closing.
func (s *bodyScanner) element(depth, mark int, closing byte) (more, ok bool) {
	if !s.value(depth + 1) {
		return false, false
	}
	s.path.Pop(mark)
	s.skipSpace()
	if s.pos >= len(s.data) {
		return false, false
	}
	switch s.data[s.pos] {
	case ',':
		s.pos++
		return true, true
	case closing:
		s.pos++
		return false, true
	}
	return false, false
}

// propertyNames is the set of names seen in one object: the scanner's
// names[base:] while small (the common case: no hashing, and the stack is
// shared by all objects, so it is allocated once per body) and a map beyond
// that, so a hostile object with very many properties stays linear.
type propertyNames struct {
	base int
	set  map[string]struct{}
}

const propertyNamesListMax = 32

// add records name and reports false if it was already present.
func (p *propertyNames) add(s *bodyScanner, name []byte) bool {
	if p.set != nil {
		if _, dup := p.set[string(name)]; dup {
			return false
		}
		p.set[string(name)] = struct{}{}
		return true
	}
	for _, have := range s.names[p.base:] {
		if bytes.Equal(have, name) {
			return false
		}
	}
	s.names = append(s.names, name)
	if len(s.names)-p.base > propertyNamesListMax {
		p.set = make(map[string]struct{}, 2*(len(s.names)-p.base))
		for _, n := range s.names[p.base:] {
			p.set[string(n)] = struct{}{}
		}
		s.names = s.names[:p.base]
	}
	return true
}
