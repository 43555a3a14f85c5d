package validate

import (
	"bytes"
	"encoding/json"
	"unicode/utf8"
)

// DuplicatePropertyMessage is the reference's message for a property name
// repeated within one JSON object.
const DuplicatePropertyMessage = "An item with the same key has already been added."

// maxScanDepth bounds the nesting FirstDuplicateProperty follows; a deeper
// body is left to the JSON decoder's own depth limit.
const maxScanDepth = 256

// FirstDuplicateProperty scans a JSON body for the first property name (in
// document order) that repeats within its object and returns its concrete
// path, e.g. "$.addresses[1].city", as the reference reports it before any
// other validation. Names are compared after unescaping. The scan stops at
// the first duplicate; callers report syntax errors first (as the
// reference does), so found is false for a body that is malformed or nests
// deeper than 256 levels before any duplicate.
func FirstDuplicateProperty(body []byte) (path string, found bool) {
	s := dupScanner{data: body}
	s.path.Reset()
	s.skipSpace()
	s.value(0) // stops early, returning false, at the first duplicate
	return s.dup, s.dup != ""
}

type dupScanner struct {
	data []byte
	pos  int
	path Path
	dup  string // path of the first duplicate, once found
}

func (s *dupScanner) skipSpace() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

// value scans one JSON value; it returns false on malformed input or once a
// duplicate has been found (which stops the scan).
func (s *dupScanner) value(depth int) bool {
	if s.pos >= len(s.data) || depth > maxScanDepth {
		return false
	}
	switch c := s.data[s.pos]; {
	case c == '{':
		return s.object(depth)
	case c == '[':
		return s.array(depth)
	case c == '"':
		_, ok := s.str()
		return ok
	default:
		start := s.pos
		for s.pos < len(s.data) {
			switch s.data[s.pos] {
			case ',', '}', ']', ' ', '\t', '\n', '\r':
				return s.pos > start
			}
			s.pos++
		}
		return s.pos > start
	}
}

func (s *dupScanner) object(depth int) bool {
	s.pos++ // '{'
	var seen propertyNames
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
		name, ok := s.str()
		if !ok {
			return false
		}
		if !seen.add(name) {
			s.dup = s.path.Child(string(name))
			return false
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

func (s *dupScanner) array(depth int) bool {
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
func (s *dupScanner) element(depth, mark int, closing byte) (more, ok bool) {
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

// propertyNames is the set of names seen in one object: a slice while
// small (the common case, no hashing) and a map beyond that, so a hostile
// object with very many properties stays linear.
type propertyNames struct {
	list [][]byte
	set  map[string]struct{}
}

const propertyNamesListMax = 32

// add records name and reports false if it was already present.
func (p *propertyNames) add(name []byte) bool {
	if p.set != nil {
		if _, dup := p.set[string(name)]; dup {
			return false
		}
		p.set[string(name)] = struct{}{}
		return true
	}
	for _, have := range p.list {
		if bytes.Equal(have, name) {
			return false
		}
	}
	p.list = append(p.list, name)
	if len(p.list) > propertyNamesListMax {
		p.set = make(map[string]struct{}, 2*len(p.list))
		for _, n := range p.list {
			p.set[string(n)] = struct{}{}
		}
		p.list = nil
	}
	return true
}

// str scans a JSON string at s.pos and returns its unescaped value, a
// slice of the body unless the string contains escapes.
func (s *dupScanner) str() ([]byte, bool) {
	start := s.pos
	s.pos++ // opening quote
	escaped := false
	for s.pos < len(s.data) {
		switch c := s.data[s.pos]; {
		case c == '\\':
			escaped = true
			s.pos += 2
		case c == '"':
			s.pos++
			raw := s.data[start:s.pos]
			if !escaped {
				if !utf8.Valid(raw) {
					return nil, false
				}
				return raw[1 : len(raw)-1], true
			}
			var v string
			if err := json.Unmarshal(raw, &v); err != nil {
				return nil, false
			}
			return []byte(v), true
		case c < 0x20:
			return nil, false
		default:
			s.pos++
		}
	}
	return nil, false
}
