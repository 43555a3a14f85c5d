// Package jsonx is an order-preserving JSON document model.
//
// ApiSchema files are inputs to byte-exact hashes and to model derivation
// that follows declaration order (for example the order of properties in
// jsonSchemaForInsert), so the compiler cannot use map[string]any: it needs
// object members in source order and numbers in their original lexical form.
package jsonx

import (
	"fmt"
	"strings"
)

// Kind is the JSON type of a Value.
type Kind uint8

// The JSON kinds.
const (
	Null Kind = iota
	Bool
	Number
	String
	Array
	Object
)

func (k Kind) String() string {
	switch k {
	case Null:
		return "null"
	case Bool:
		return "boolean"
	case Number:
		return "number"
	case String:
		return "string"
	case Array:
		return "array"
	case Object:
		return "object"
	}
	return fmt.Sprintf("kind(%d)", uint8(k))
}

// Value is one JSON value. Numbers keep their source text in Text so that
// hashing reproduces the author's lexical form.
type Value struct {
	Kind    Kind
	Bool    bool
	Text    string // string contents, or the number's source text
	Items   []*Value
	Members []Member
	// Offset is the byte offset of the value in its source, for error messages.
	Offset int64
}

// Member is one key/value pair of an object, in source order.
type Member struct {
	Key   string
	Value *Value
}

// Get returns the member value for key, or nil when v is not an object or
// has no such member.
func (v *Value) Get(key string) *Value {
	if v == nil || v.Kind != Object {
		return nil
	}
	for i := range v.Members {
		if v.Members[i].Key == key {
			return v.Members[i].Value
		}
	}
	return nil
}

// ArrayItems returns the items of an array, or nil when v is absent or not
// an array.
func (v *Value) ArrayItems() []*Value {
	if v == nil || v.Kind != Array {
		return nil
	}
	return v.Items
}

// ObjectMembers returns the members of an object, or nil when v is absent
// or not an object.
func (v *Value) ObjectMembers() []Member {
	if v == nil || v.Kind != Object {
		return nil
	}
	return v.Members
}

// Has reports whether v is an object with the member key.
func (v *Value) Has(key string) bool { return v.Get(key) != nil }

// Str returns the string value, and false when v is not a string.
func (v *Value) Str() (string, bool) {
	if v == nil || v.Kind != String {
		return "", false
	}
	return v.Text, true
}

// StringOr returns the string value or def when v is absent or not a string.
func (v *Value) StringOr(def string) string {
	if s, ok := v.Str(); ok {
		return s
	}
	return def
}

// BoolOr returns the boolean value or def when v is absent or not a boolean.
func (v *Value) BoolOr(def bool) bool {
	if v == nil || v.Kind != Bool {
		return def
	}
	return v.Bool
}

// Without returns a shallow copy of the object v lacking the named members.
// It does not modify v.
func (v *Value) Without(keys ...string) *Value {
	if v == nil || v.Kind != Object {
		return v
	}
	out := *v
	out.Members = make([]Member, 0, len(v.Members))
	for _, m := range v.Members {
		drop := false
		for _, k := range keys {
			if m.Key == k {
				drop = true
				break
			}
		}
		if !drop {
			out.Members = append(out.Members, m)
		}
	}
	return &out
}

// With returns a shallow copy of the object v where member key is replaced
// by val (or appended when missing). It does not modify v.
func (v *Value) With(key string, val *Value) *Value {
	out := *v
	out.Members = make([]Member, len(v.Members), len(v.Members)+1)
	copy(out.Members, v.Members)
	for i := range out.Members {
		if out.Members[i].Key == key {
			out.Members[i].Value = val
			return &out
		}
	}
	out.Members = append(out.Members, Member{Key: key, Value: val})
	return &out
}

// PathKey renders a member name as a JSON-path segment: `.name` for simple
// names and `['name']` otherwise, so error locations are unambiguous.
func PathKey(key string) string {
	simple := key != ""
	for i, r := range key {
		if !(r == '_' || r == '-' && i > 0 || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' && i > 0) {
			simple = false
			break
		}
	}
	if simple {
		return "." + key
	}
	return "['" + strings.ReplaceAll(key, "'", "\\'") + "']"
}

// Clone returns a deep copy of v (nil for nil).
func (v *Value) Clone() *Value {
	if v == nil {
		return nil
	}
	out := *v
	if v.Items != nil {
		out.Items = make([]*Value, len(v.Items))
		for i, item := range v.Items {
			out.Items[i] = item.Clone()
		}
	}
	if v.Members != nil {
		out.Members = make([]Member, len(v.Members))
		for i, m := range v.Members {
			out.Members[i] = Member{Key: m.Key, Value: m.Value.Clone()}
		}
	}
	return &out
}

// Set replaces the member key of the object v in place, keeping its
// position, or appends it when missing. Unlike With it modifies v.
func (v *Value) Set(key string, val *Value) {
	for i := range v.Members {
		if v.Members[i].Key == key {
			v.Members[i].Value = val
			return
		}
	}
	v.Members = append(v.Members, Member{Key: key, Value: val})
}
