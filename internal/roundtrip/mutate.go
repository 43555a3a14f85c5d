package roundtrip

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/edfi-dmsc/dmsc/compiler/jsonx"
)

// Change is a modification of one scalar of a document that a PUT may
// make: a top-level member or a member of an inline object (an address),
// not part of the identity, not inside a reference, not a descriptor, not
// bound by an equality constraint, and kept valid against its JSON schema.
type Change struct {
	Member string // dotted path below the document root, "address.city"
	From   any
	To     any
}

func (c Change) String() string {
	return fmt.Sprintf("$.%s %s -> %s", c.Member, show(c.From), show(c.To))
}

// Mutate returns body with one mutable scalar changed, or ok false when the
// document has none (every member it carries is identity, a reference, a
// descriptor, inside a collection, or constrained by a pattern, format or
// enumeration that a blind change could violate). resource is the
// resource's entry of the ApiSchema resourceSchemas.
func Mutate(resource *jsonx.Value, body []byte) (changed []byte, c Change, ok bool, err error) {
	v, err := decode(body)
	if err != nil {
		return nil, Change{}, false, err
	}
	doc, isObj := v.(map[string]any)
	if !isObj {
		return nil, Change{}, false, fmt.Errorf("document is not an object")
	}
	fixed := fixedPaths(resource)
	props := resource.Get("jsonSchemaForInsert").Get("properties")
	// Strings first (the most common mutable member), then booleans, then
	// integers; top-level members before those of inline objects, in schema
	// order, so the choice is stable. Integer formats (int32, int64) are
	// ranges, kept by the bounds check.
	for _, kind := range []string{"string", "boolean", "integer"} {
		if c, ok := mutateIn(doc, props, "", kind, fixed); ok {
			out, err := json.Marshal(doc)
			if err != nil {
				return nil, Change{}, false, err
			}
			return out, c, true, nil
		}
	}
	return nil, Change{}, false, nil
}

// mutateIn changes the first mutable scalar of the kind in obj (described
// by props, at dotted path prefix) or in its inline objects.
func mutateIn(obj map[string]any, props *jsonx.Value, prefix, kind string, fixed map[string]bool) (Change, bool) {
	var nested []jsonx.Member
	for _, m := range props.ObjectMembers() {
		path, schema := prefix+m.Key, m.Value
		cur, present := obj[m.Key]
		if !present || fixed[path] {
			continue
		}
		typ := schema.Get("type").StringOr("")
		if typ == "object" {
			nested = append(nested, m)
			continue
		}
		if typ != kind {
			continue
		}
		if to, ok := changeScalar(schema, cur); ok {
			obj[m.Key] = to
			return Change{Member: path, From: cur, To: to}, true
		}
	}
	for _, m := range nested {
		inner, ok := obj[m.Key].(map[string]any)
		if !ok {
			continue
		}
		if c, ok := mutateIn(inner, m.Value.Get("properties"), prefix+m.Key+".", kind, fixed); ok {
			return c, true
		}
	}
	return Change{}, false
}

// fixedPaths are the dotted paths a PUT must not change: identity members,
// reference objects as a whole and descriptors (a changed value would point
// at a document that does not exist), and both sides of equality
// constraints. Paths inside collections never matter: Mutate does not
// enter arrays.
func fixedPaths(resource *jsonx.Value) map[string]bool {
	fixed := map[string]bool{"id": true, "_ext": true}
	if resource.Get("isDescriptor").BoolOr(false) {
		// A descriptor's identity is its URI, namespace#codeValue; its
		// identityJsonPaths name "$.descriptor" instead.
		fixed["namespace"], fixed["codeValue"] = true, true
	}
	dotted := func(path string) (string, bool) {
		rest, ok := strings.CutPrefix(path, "$.")
		return rest, ok && !strings.Contains(rest, "[")
	}
	add := func(path string) {
		if p, ok := dotted(path); ok {
			fixed[p] = true
		}
	}
	for _, p := range resource.Get("identityJsonPaths").ArrayItems() {
		s, _ := p.Str()
		add(s)
	}
	for _, m := range resource.Get("documentPathsMapping").ObjectMembers() {
		if !m.Value.Get("isReference").BoolOr(false) {
			continue
		}
		add(m.Value.Get("path").StringOr(""))
		for _, rp := range m.Value.Get("referenceJsonPaths").ArrayItems() {
			// The reference object as a whole: its members identify the target.
			if p, ok := dotted(rp.Get("referenceJsonPath").StringOr("")); ok {
				if i := strings.LastIndexByte(p, '.'); i > 0 {
					fixed[p[:i]] = true
				}
				fixed[p] = true
			}
		}
	}
	for _, ec := range resource.Get("equalityConstraints").ArrayItems() {
		add(ec.Get("sourceJsonPath").StringOr(""))
		add(ec.Get("targetJsonPath").StringOr(""))
	}
	return fixed
}

// whitespacePatterns are the patterns MetaEd puts on strings to refuse
// blank values and surrounding whitespace. Replacing the last character of
// a valid value by a letter keeps it valid against each of them; any other
// pattern makes the member immutable for Mutate.
var whitespacePatterns = map[string]bool{
	`^(?!\s).*(?<!\s)$`: true,
	`^(?!\s)(.*\S)$`:    true,
	`^(?!\s*$).+`:       true,
}

// changeScalar returns a different value that still satisfies schema.
func changeScalar(schema *jsonx.Value, cur any) (any, bool) {
	pattern, hasPattern := schema.Get("pattern").Str()
	if schema.Has("enum") || hasPattern && !whitespacePatterns[pattern] {
		return nil, false
	}
	switch x := cur.(type) {
	case string:
		switch schema.Get("format").StringOr("") {
		case "":
		case "date":
			// The next day is as valid a date.
			d, err := time.Parse(time.DateOnly, x)
			if err != nil {
				return nil, false
			}
			return d.AddDate(0, 0, 1).Format(time.DateOnly), true
		default:
			return nil, false
		}
		if x == "" {
			return nil, false
		}
		// Same length in characters, so minLength and maxLength still hold.
		r := []rune(x)
		if r[len(r)-1] == 'X' {
			r[len(r)-1] = 'Y'
		} else {
			r[len(r)-1] = 'X'
		}
		return string(r), true
	case bool:
		return !x, true
	case json.Number:
		n, err := strconv.ParseInt(string(x), 10, 64)
		if err != nil {
			return nil, false
		}
		if max, ok := bound(schema, "maximum"); !ok || n+1 <= max {
			return json.Number(strconv.FormatInt(n+1, 10)), true
		}
		if min, ok := bound(schema, "minimum"); !ok || n-1 >= min {
			return json.Number(strconv.FormatInt(n-1, 10)), true
		}
	}
	return nil, false
}

func bound(schema *jsonx.Value, key string) (int64, bool) {
	v := schema.Get(key)
	if v == nil {
		return 0, false
	}
	f, err := strconv.ParseFloat(v.Text, 64)
	if err != nil {
		return 0, false
	}
	return int64(f), true
}
