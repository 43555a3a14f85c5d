package relmodel

import (
	"fmt"
	"strings"
)

// anyElement is the array-element segment of a JSON path.
const anyElement = "[*]"

// jsonPath is a compiled JSONPath restricted to the grammar ApiSchema uses:
// `$` followed by `.property` and `[*]` segments.
type jsonPath []string

// parsePath compiles a canonical JSONPath such as `$.addresses[*].street`.
func parsePath(s string) (jsonPath, error) {
	if s == "" || s[0] != '$' {
		return nil, fmt.Errorf("JSON path %q must start with '$'", s)
	}
	var segs jsonPath
	rest := s[1:]
	for rest != "" {
		switch {
		case strings.HasPrefix(rest, anyElement):
			segs = append(segs, anyElement)
			rest = rest[len(anyElement):]
		case rest[0] == '.':
			end := 1
			for end < len(rest) && rest[end] != '.' && rest[end] != '[' {
				end++
			}
			if end == 1 {
				return nil, fmt.Errorf("JSON path %q has an empty property segment", s)
			}
			segs = append(segs, rest[1:end])
			rest = rest[end:]
		default:
			return nil, fmt.Errorf("JSON path %q uses unsupported syntax near %q (only .property and [*] are allowed)", s, rest)
		}
	}
	return segs, nil
}

// String renders the canonical form.
func (p jsonPath) String() string {
	var b strings.Builder
	b.WriteByte('$')
	for _, s := range p {
		if s == anyElement {
			b.WriteString(anyElement)
		} else {
			b.WriteByte('.')
			b.WriteString(s)
		}
	}
	return b.String()
}

// child returns p extended by one segment without aliasing p.
func (p jsonPath) child(seg string) jsonPath {
	out := make(jsonPath, len(p), len(p)+1)
	copy(out, p)
	return append(out, seg)
}

// hasPrefix reports whether q is a (non-strict) prefix of p.
func (p jsonPath) hasPrefix(q jsonPath) bool {
	if len(q) > len(p) {
		return false
	}
	for i := range q {
		if p[i] != q[i] {
			return false
		}
	}
	return true
}

// arrayDepth counts the `[*]` segments.
func (p jsonPath) arrayDepth() int {
	n := 0
	for _, s := range p {
		if s == anyElement {
			n++
		}
	}
	return n
}

// arrayDepthOf counts `[*]` in a canonical path string.
func arrayDepthOf(canonical string) int { return strings.Count(canonical, anyElement) }

// mustPath parses a path the derivation built itself.
func mustPath(s string) jsonPath {
	p, err := parsePath(s)
	if err != nil {
		panic(err)
	}
	return p
}
