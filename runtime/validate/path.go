package validate

import "strconv"

// Path is a reusable JSON path buffer for the location generated code is
// currently validating: "$", "$.addresses", "$.addresses[0]",
// "$.addresses[0].city". Generated code pushes a segment before it
// descends into an object or array item and pops back to the returned mark
// afterwards; nothing is allocated unless an error needs the path as a
// string. The zero value is the root path "$".
type Path struct {
	buf []byte
}

func (p *Path) ensureRoot() {
	if len(p.buf) == 0 {
		p.buf = append(p.buf, '$')
	}
}

// Reset returns p to the root path "$", keeping its buffer.
func (p *Path) Reset() { p.buf = append(p.buf[:0], '$') }

// PushField appends ".name" and returns the mark to Pop back to.
func (p *Path) PushField(name string) int { return pushField(p, name) }

// pushFieldBytes is PushField for a name held as bytes.
func (p *Path) pushFieldBytes(name []byte) int { return pushField(p, name) }

func pushField[T string | []byte](p *Path, name T) int {
	p.ensureRoot()
	mark := len(p.buf)
	p.buf = append(p.buf, '.')
	p.buf = append(p.buf, name...)
	return mark
}

// PushIndex appends "[i]" and returns the mark to Pop back to.
func (p *Path) PushIndex(i int) int {
	p.ensureRoot()
	mark := len(p.buf)
	p.buf = append(p.buf, '[')
	p.buf = strconv.AppendInt(p.buf, int64(i), 10)
	p.buf = append(p.buf, ']')
	return mark
}

// Pop truncates p to a mark returned by PushField or PushIndex.
func (p *Path) Pop(mark int) { p.buf = p.buf[:mark] }

// IsRoot reports whether p is "$".
func (p *Path) IsRoot() bool { return len(p.buf) <= 1 }

// String returns the path, e.g. "$.addresses[0]".
func (p *Path) String() string {
	if len(p.buf) == 0 {
		return "$"
	}
	return string(p.buf)
}

// Child returns the path of property name under p, e.g. "$.addresses[0].city".
func (p *Path) Child(name string) string {
	if len(p.buf) == 0 {
		return "$." + name
	}
	b := make([]byte, 0, len(p.buf)+1+len(name))
	b = append(b, p.buf...)
	b = append(b, '.')
	b = append(b, name...)
	return string(b)
}

// ChildIndex returns the path of item i of p, e.g. "$.gradeLevels[2]".
func (p *Path) ChildIndex(i int) string {
	b := make([]byte, 0, len(p.buf)+8)
	if len(p.buf) == 0 {
		b = append(b, '$')
	}
	b = append(b, p.buf...)
	b = append(b, '[')
	b = strconv.AppendInt(b, int64(i), 10)
	b = append(b, ']')
	return string(b)
}

// LastSegment returns the last segment of p the way a JSON Pointer names it:
// a property name, or an array index as decimal digits ("0"), or "" at the
// root. The reference keys JSON-schema errors by this segment.
func (p *Path) LastSegment() string {
	b := p.buf
	if len(b) <= 1 {
		return ""
	}
	if b[len(b)-1] == ']' {
		for i := len(b) - 2; i >= 0; i-- {
			if b[i] == '[' {
				return string(b[i+1 : len(b)-1])
			}
		}
	}
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] == '.' || b[i] == ']' {
			return string(b[i+1:])
		}
	}
	return string(b)
}
