// Package jsonr reads a JSON request body for generated decoders: Parse
// checks the grammar and records every value of the body in a flat tape
// (one entry per value and property name, in document order), which
// generated code walks in schema order without building maps. Strings and
// numbers are substrings of one copy of the body, so reading them does not
// allocate (a string with escapes is unescaped on demand).
package jsonr

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// Kind is the JSON type of a value.
type Kind uint8

// Kinds.
const (
	Null Kind = iota
	False
	True
	Number
	String
	Object
	Array
)

// Value is the position of a value in a Doc's tape; 0 is the root. Member
// values and array items are found with Members and Items.
type Value int32

// node is one tape entry.
type node struct {
	kind Kind
	// escaped marks a string (value or property name) holding escapes.
	escaped bool
	// start and end delimit the text: a string's content without its
	// quotes, a number's text, a container's brackets included.
	start, end int32
	// next is the tape position after the value and all its descendants.
	next int32
	// count is a container's number of members or items.
	count int32
}

// Doc is a parsed body. The zero Doc is ready for Parse; a Doc may be
// reused (Parse keeps its tape's capacity).
type Doc struct {
	text  string
	nodes []node
	// items and longest count array items over the whole body (every
	// array, nested or not, known to the schema or not).
	items, longest int
}

// Parse reads body, which must be exactly one JSON value with optional
// surrounding whitespace (the grammar of RFC 8259, as encoding/json reads
// it), with containers nested at most 64 deep as the reference's parser
// reads it. It reports false for anything else; the caller then asks
// SyntaxError for the message. Text is not checked for UTF-8 validity:
// validate.CheckBody refuses bad text before.
func (d *Doc) Parse(body []byte) bool {
	d.text = string(body)
	d.nodes = d.nodes[:0]
	d.items, d.longest = 0, 0
	p := parser{d: d, s: d.text}
	p.space()
	if !p.value(0) {
		return false
	}
	p.space()
	return p.pos == len(p.s)
}

// maxKeptNodes bounds the tape a Doc keeps for reuse after Reset.
const maxKeptNodes = 1 << 14

// Reset drops the body (so a pooled Doc does not keep it alive) and a tape
// grown for an unusually large body.
func (d *Doc) Reset() {
	d.text = ""
	if cap(d.nodes) > maxKeptNodes {
		d.nodes = nil
	}
}

// Kind returns v's JSON type.
func (d *Doc) Kind(v Value) Kind { return d.nodes[v].kind }

// Len returns the number of members of an object or items of an array.
func (d *Doc) Len(v Value) int { return int(d.nodes[v].count) }

// Text returns the text of a number ("1.50", "-2e3") as written.
func (d *Doc) Text(v Value) string {
	n := &d.nodes[v]
	return d.text[n.start:n.end]
}

// Str returns the value of a string, unescaped.
func (d *Doc) Str(v Value) string {
	n := &d.nodes[v]
	s := d.text[n.start:n.end]
	if !n.escaped {
		return s
	}
	return unescape(s)
}

// ArrayItems returns the number of array items in the whole body and the
// length of its longest array.
func (d *Doc) ArrayItems() (total, longest int) { return d.items, d.longest }

// Members iterates over the members of object v in document order.
//
// Not inlined: generated decoders call it for every object or array (binary size).
//
//go:noinline
func (d *Doc) Members(v Value) Members {
	return Members{d: d, next: int32(v) + 1, end: d.nodes[v].next}
}

// Members is an iterator over an object's members: call Next, then Key
// and Value.
type Members struct {
	d         *Doc
	at        int32 // the current member's name
	next, end int32
}

// Next moves to the next member and reports whether there is one.
func (m *Members) Next() bool {
	if m.next >= m.end {
		return false
	}
	m.at = m.next
	m.next = m.d.nodes[m.at+1].next
	return true
}

// NextPresent is Next skipping members whose value is null, which the API
// treats as absent.
//
// Not inlined: generated decoders call it for every object or array (binary size).
//
//go:noinline
func (m *Members) NextPresent() bool {
	for m.Next() {
		if m.d.nodes[m.at+1].kind != Null {
			return true
		}
	}
	return false
}

// Key returns the current member's name.
func (m *Members) Key() string { return m.d.Str(Value(m.at)) }

// Value returns the current member's value.
func (m *Members) Value() Value { return Value(m.at + 1) }

// Items iterates over the items of array v in order.
func (d *Doc) Items(v Value) Items {
	return Items{d: d, next: int32(v) + 1, end: d.nodes[v].next, index: -1}
}

// Items is an iterator over an array's items: call Next, then Value and
// Index.
type Items struct {
	d         *Doc
	at        int32
	next, end int32
	index     int
}

// Next moves to the next item and reports whether there is one.
//
// Not inlined: generated decoders call it for every object or array (binary size).
//
//go:noinline
func (it *Items) Next() bool {
	if it.next >= it.end {
		return false
	}
	it.at = it.next
	it.next = it.d.nodes[it.at].next
	it.index++
	return true
}

// Value returns the current item.
func (it *Items) Value() Value { return Value(it.at) }

// Index returns the current item's position in the array.
func (it *Items) Index() int { return it.index }

// LongArrays calls add for every array of the body with more than limit
// items, in document order, with its concrete path
// ("$.addresses[0].periods") and its number of items.
func (d *Doc) LongArrays(limit int, add func(path string, items int)) {
	d.longArrays(0, "$", limit, add)
}

func (d *Doc) longArrays(v Value, path string, limit int, add func(string, int)) {
	switch d.Kind(v) {
	case Object:
		for m := d.Members(v); m.Next(); {
			d.longArrays(m.Value(), path+"."+m.Key(), limit, add)
		}
	case Array:
		if n := d.Len(v); n > limit {
			add(path, n)
		}
		for it := d.Items(v); it.Next(); {
			d.longArrays(it.Value(), path+"["+strconv.Itoa(it.Index())+"]", limit, add)
		}
	}
}

// parser builds a Doc's tape.
type parser struct {
	d   *Doc
	s   string
	pos int
}

func (p *parser) space() {
	for p.pos < len(p.s) {
		switch p.s[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

// add appends a tape entry and returns its position.
func (p *parser) add(kind Kind, start int) int32 {
	p.d.nodes = append(p.d.nodes, node{kind: kind, start: int32(start)})
	return int32(len(p.d.nodes) - 1)
}

// finish closes the entry at i: its text ends at the current position and
// its descendants end the tape.
func (p *parser) finish(i int32) {
	n := &p.d.nodes[i]
	n.end = int32(p.pos)
	n.next = int32(len(p.d.nodes))
}

func (p *parser) value(depth int) bool {
	if p.pos >= len(p.s) {
		return false
	}
	// Containers nest at most stjMaxDepth deep, as the reference's parser
	// reads them (SyntaxError reports a deeper body).
	switch c := p.s[p.pos]; {
	case c == '{' && depth < stjMaxDepth:
		return p.object(depth)
	case c == '[' && depth < stjMaxDepth:
		return p.array(depth)
	case c == '"':
		return p.str()
	case c == 't':
		return p.keyword("true", True)
	case c == 'f':
		return p.keyword("false", False)
	case c == 'n':
		return p.keyword("null", Null)
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	}
	return false
}

func (p *parser) keyword(word string, kind Kind) bool {
	if len(p.s)-p.pos < len(word) || p.s[p.pos:p.pos+len(word)] != word {
		return false
	}
	i := p.add(kind, p.pos)
	p.pos += len(word)
	p.finish(i)
	return true
}

// number reads -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (p *parser) number() bool {
	i := p.add(Number, p.pos)
	if p.s[p.pos] == '-' {
		p.pos++
	}
	switch {
	case p.pos < len(p.s) && p.s[p.pos] == '0':
		p.pos++
	case !p.digits():
		return false
	}
	if p.pos < len(p.s) && p.s[p.pos] == '.' {
		p.pos++
		if !p.digits() {
			return false
		}
	}
	if p.pos < len(p.s) && (p.s[p.pos] == 'e' || p.s[p.pos] == 'E') {
		p.pos++
		if p.pos < len(p.s) && (p.s[p.pos] == '+' || p.s[p.pos] == '-') {
			p.pos++
		}
		if !p.digits() {
			return false
		}
	}
	p.finish(i)
	return true
}

// digits reads one or more decimal digits.
func (p *parser) digits() bool {
	start := p.pos
	for p.pos < len(p.s) && p.s[p.pos] >= '0' && p.s[p.pos] <= '9' {
		p.pos++
	}
	return p.pos > start
}

// str reads a string (a value or a property name).
func (p *parser) str() bool {
	p.pos++ // opening quote
	i := p.add(String, p.pos)
	for p.pos < len(p.s) {
		c := p.s[p.pos]
		switch {
		case c == '"':
			p.finish(i)
			p.pos++
			return true
		case c == '\\':
			p.d.nodes[i].escaped = true
			if !p.escape() {
				return false
			}
		case c < 0x20:
			return false
		default:
			p.pos++
		}
	}
	return false
}

// escape reads one escape sequence.
func (p *parser) escape() bool {
	p.pos++ // backslash
	if p.pos >= len(p.s) {
		return false
	}
	switch p.s[p.pos] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		p.pos++
		return true
	case 'u':
		if len(p.s)-p.pos < 5 {
			return false
		}
		if _, ok := hex4(p.s[p.pos+1 : p.pos+5]); !ok {
			return false
		}
		p.pos += 5
		return true
	}
	return false
}

func (p *parser) object(depth int) bool {
	i := p.add(Object, p.pos)
	p.pos++
	p.space()
	if p.pos < len(p.s) && p.s[p.pos] == '}' {
		p.pos++
		p.finish(i)
		return true
	}
	count := int32(0)
	for {
		if p.pos >= len(p.s) || p.s[p.pos] != '"' || !p.str() {
			return false
		}
		p.space()
		if p.pos >= len(p.s) || p.s[p.pos] != ':' {
			return false
		}
		p.pos++
		p.space()
		if !p.value(depth + 1) {
			return false
		}
		count++
		p.space()
		if p.pos >= len(p.s) {
			return false
		}
		switch p.s[p.pos] {
		case ',':
			p.pos++
			p.space()
			continue
		case '}':
			p.pos++
			p.finish(i)
			p.d.nodes[i].count = count
			return true
		}
		return false
	}
}

func (p *parser) array(depth int) bool {
	i := p.add(Array, p.pos)
	p.pos++
	p.space()
	count := int32(0)
	if p.pos < len(p.s) && p.s[p.pos] == ']' {
		p.pos++
	} else {
		for {
			if !p.value(depth + 1) {
				return false
			}
			count++
			p.space()
			if p.pos >= len(p.s) {
				return false
			}
			if p.s[p.pos] == ',' {
				p.pos++
				p.space()
				continue
			}
			if p.s[p.pos] != ']' {
				return false
			}
			p.pos++
			break
		}
	}
	p.finish(i)
	p.d.nodes[i].count = count
	p.d.items += int(count)
	p.d.longest = max(p.d.longest, int(count))
	return true
}

// hex4 decodes four hex digits.
func hex4(s string) (rune, bool) {
	v, err := strconv.ParseUint(s, 16, 32)
	return rune(v), err == nil && len(s) == 4
}

// unescape decodes the escapes of a string's content (well-formed: Parse
// read it). A lone surrogate becomes U+FFFD, as encoding/json does
// (validate.CheckBody refuses them first).
func unescape(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c != '\\' {
			b = append(b, c)
			i++
			continue
		}
		i++
		switch s[i] {
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			r, _ := hex4(s[i+1 : i+5])
			i += 4
			if utf16.IsSurrogate(r) {
				r2 := rune(-1)
				if i+7 <= len(s) && s[i+1] == '\\' && s[i+2] == 'u' {
					r2, _ = hex4(s[i+3 : i+7])
				}
				if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
					r = dec
					i += 6
				} else {
					r = utf8.RuneError
				}
			}
			b = utf8.AppendRune(b, r)
		default: // '"', '\\', '/'
			b = append(b, s[i])
		}
		i++
	}
	return string(b)
}
