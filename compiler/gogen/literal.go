package gogen

import (
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dave/jennifer/jen"
)

// literals turns plan values into Go composite-literal source by walking
// them with reflect at generation time. Any field the plan types gain is
// emitted without touching the generator; only values a literal cannot
// express (functions, channels, cycles, unexported fields that are set) are
// refused, with the path of the offending value.
type literals struct {
	// named maps pointers that have their own package-level variable to
	// that variable's name: a reference to such a pointer is emitted as the
	// name instead of a copy.
	named map[any]string
	// onPath holds the pointers of the value being emitted and its parents,
	// to refuse cycles; seen holds every pointer emitted so far, to refuse
	// sharing (a literal would silently turn one object into two).
	onPath map[any]bool
	seen   map[any]string
	// override replaces the values at the given paths (fields written as
	// a named constant instead of their text); lists marks the overrides
	// that span several lines, so the literal holding them is written one
	// field per line.
	override map[string]jen.Code
	lists    map[string]bool
}

func newLiterals() *literals {
	return &literals{named: map[any]string{}, onPath: map[any]bool{}, seen: map[any]string{}}
}

// root emits a package-level variable's value (the pointer itself, not a
// reference to its name).
func (l *literals) root(v reflect.Value, path string) (jen.Code, error) {
	return l.emit(v, path, true, true)
}

// emit writes v. typed says whether the context states v's type (a field
// or element of a literal whose type is written out), so an untyped
// constant is enough; inside an interface it is not. isRoot is set for a
// package-level variable's own value, which is written out even when the
// variable is named. path names v in error messages.
func (l *literals) emit(v reflect.Value, path string, typed, isRoot bool) (jen.Code, error) {
	t := v.Type()
	if enum, ok := enumConstant(v); ok {
		return enum, nil
	}
	switch t.Kind() {
	case reflect.Bool:
		return l.convert(t, typed, jen.Lit(v.Bool())), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return l.convert(t, typed, jen.Id(strconv.FormatInt(v.Int(), 10))), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return l.convert(t, typed, jen.Id(strconv.FormatUint(v.Uint(), 10))), nil
	case reflect.Float32, reflect.Float64:
		f := v.Float()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, fmt.Errorf("%s: %v has no Go literal", path, f)
		}
		s := strconv.FormatFloat(f, 'g', -1, t.Bits())
		if !strings.ContainsAny(s, ".eE") {
			s += ".0"
		}
		return l.convert(t, typed, jen.Id(s)), nil
	case reflect.String:
		return l.convert(t, typed, stringLit(v.String())), nil
	case reflect.Pointer:
		return l.pointer(v, path, isRoot)
	case reflect.Struct:
		body, err := l.structLit(v, path)
		if err != nil {
			return nil, err
		}
		return typeCode(t).Add(body), nil
	case reflect.Slice, reflect.Array:
		return l.sequence(v, path)
	case reflect.Map:
		return l.mapLit(v, path)
	case reflect.Interface:
		if v.IsNil() {
			return jen.Nil(), nil
		}
		// The dynamic type is not known from the context: write it out.
		return l.emit(v.Elem(), path, false, false)
	}
	return nil, fmt.Errorf("%s: a %s cannot be written as a Go literal", path, t)
}

// convert wraps an untyped constant in a conversion when the context does
// not give it its type (an interface value).
func (l *literals) convert(t reflect.Type, typed bool, c *jen.Statement) jen.Code {
	if typed {
		return c
	}
	return typeCode(t).Call(c)
}

func (l *literals) pointer(v reflect.Value, path string, isRoot bool) (jen.Code, error) {
	if v.IsNil() {
		return jen.Nil(), nil
	}
	key := v.Interface()
	if name, ok := l.named[key]; ok && !isRoot {
		return jen.Id(name), nil
	}
	if v.Elem().Kind() != reflect.Struct {
		return nil, fmt.Errorf("%s: a pointer to %s cannot be written as a Go literal", path, v.Elem().Type())
	}
	leave, err := l.visit(key, v.Type(), path)
	if err != nil {
		return nil, err
	}
	defer leave()
	body, err := l.structLit(v.Elem(), path)
	if err != nil {
		return nil, err
	}
	// A field needs the &T written out; elements elide it (see element).
	return jen.Op("&").Add(typeCode(v.Elem().Type())).Add(body), nil
}

// visit marks the pointer key as being written at path, refusing a cycle
// (key is among its own parents) and sharing (key was written before);
// leave unmarks it as a parent.
func (l *literals) visit(key any, t reflect.Type, path string) (leave func(), err error) {
	if l.onPath[key] {
		return nil, fmt.Errorf("%s: the plan contains a cycle through this %s", path, t)
	}
	if first, ok := l.seen[key]; ok {
		return nil, fmt.Errorf("%s: this %s is also reachable as %s; plans must be trees (refer by index)", path, t, first)
	}
	l.onPath[key], l.seen[key] = true, path
	return func() { delete(l.onPath, key) }, nil
}

// structLit emits {Field: value, ...} with zero fields and the fields the
// runtime does not read (see emittedAway) left out. The type name is
// written by the caller when needed.
func (l *literals) structLit(v reflect.Value, path string) (*jen.Statement, error) {
	t := v.Type()
	var fields []jen.Code
	multi := false
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		fv := v.Field(i)
		if omitted(t, f.Name) {
			continue
		}
		if c, ok := l.override[path+"."+f.Name]; ok {
			fields = append(fields, jen.Id(f.Name).Op(":").Add(c))
			multi = multi || l.lists[path+"."+f.Name]
			continue
		}
		if fv.IsZero() {
			continue
		}
		if !f.IsExported() {
			return nil, fmt.Errorf("%s.%s: unexported field is set; generated code cannot set it", path, f.Name)
		}
		c, err := l.emit(fv, path+"."+f.Name, true, false)
		if err != nil {
			return nil, err
		}
		if complexValue(fv) {
			multi = true
		}
		fields = append(fields, jen.Id(f.Name).Op(":").Add(c))
	}
	return jen.Custom(jen.Options{Open: "{", Close: "}", Separator: ",", Multi: multi}, fields...), nil
}

// sequence emits a slice or array literal with its element type written
// once and the elements' types elided.
func (l *literals) sequence(v reflect.Value, path string) (jen.Code, error) {
	t := v.Type()
	if t.Kind() == reflect.Slice && v.IsNil() {
		return jen.Nil(), nil
	}
	items := make([]jen.Code, 0, v.Len())
	multi := false
	for i := 0; i < v.Len(); i++ {
		c, err := l.element(v.Index(i), fmt.Sprintf("%s[%d]", path, i))
		if err != nil {
			return nil, err
		}
		if complexValue(v.Index(i)) {
			multi = true
		}
		items = append(items, c)
	}
	return typeCode(t).Custom(jen.Options{Open: "{", Close: "}", Separator: ",", Multi: multi}, items...), nil
}

// element emits a slice element or map value, whose type the enclosing
// literal states: a struct or pointer-to-struct is written as a bare {...}.
func (l *literals) element(v reflect.Value, path string) (jen.Code, error) {
	switch {
	case v.Kind() == reflect.Struct:
		return l.structLit(v, path)
	case v.Kind() == reflect.Pointer && !v.IsNil() && v.Elem().Kind() == reflect.Struct:
		key := v.Interface()
		if _, named := l.named[key]; named {
			return l.emit(v, path, true, false)
		}
		leave, err := l.visit(key, v.Type(), path)
		if err != nil {
			return nil, err
		}
		defer leave()
		return l.structLit(v.Elem(), path)
	}
	return l.emit(v, path, true, false)
}

func (l *literals) mapLit(v reflect.Value, path string) (jen.Code, error) {
	if v.IsNil() {
		return jen.Nil(), nil
	}
	keys := v.MapKeys()
	type entry struct {
		sortKey string
		key     reflect.Value
	}
	entries := make([]entry, len(keys))
	for i, k := range keys {
		entries[i] = entry{fmt.Sprint(k.Interface()), k}
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].sortKey < entries[j].sortKey })
	for i := 1; i < len(entries); i++ {
		if entries[i].sortKey == entries[i-1].sortKey {
			// Their order would depend on map iteration: refuse rather than
			// emit nondeterministic output.
			return nil, fmt.Errorf("%s: two keys print as %q", path, entries[i].sortKey)
		}
	}
	items := make([]jen.Code, 0, len(entries))
	for _, e := range entries {
		kc, err := l.element(e.key, fmt.Sprintf("%s[%v]", path, e.sortKey))
		if err != nil {
			return nil, err
		}
		vc, err := l.element(v.MapIndex(e.key), fmt.Sprintf("%s[%v]", path, e.sortKey))
		if err != nil {
			return nil, err
		}
		items = append(items, jen.Add(kc).Op(":").Add(vc))
	}
	return typeCode(v.Type()).Custom(jen.Options{Open: "{", Close: "}", Separator: ",", Multi: len(items) > 0}, items...), nil
}

// complexValue reports whether v is worth a line of its own per element
// when it sits inside another literal: nested structs, non-empty
// collections of structs, and maps.
func complexValue(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Struct:
		return true
	case reflect.Pointer, reflect.Interface:
		return !v.IsNil() && complexValue(v.Elem())
	case reflect.Map:
		return v.Len() > 0
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			if complexValue(v.Index(i)) {
				return true
			}
		}
	case reflect.String:
		return strings.Contains(v.String(), "\n")
	}
	return false
}

// typeCode writes a reflect.Type as Go source, qualifying named types with
// their package.
func typeCode(t reflect.Type) *jen.Statement {
	if t.Name() != "" {
		if t.PkgPath() == "" {
			return jen.Id(t.Name())
		}
		return jen.Qual(t.PkgPath(), t.Name())
	}
	switch t.Kind() {
	case reflect.Pointer:
		return jen.Op("*").Add(typeCode(t.Elem()))
	case reflect.Slice:
		return jen.Index().Add(typeCode(t.Elem()))
	case reflect.Array:
		return jen.Index(jen.Lit(t.Len())).Add(typeCode(t.Elem()))
	case reflect.Map:
		return jen.Map(typeCode(t.Key())).Add(typeCode(t.Elem()))
	}
	// Unnamed struct and func types do not occur in plans; spell them as
	// reflect does so a mistake shows up as a compile error in the output.
	return jen.Id(t.String())
}

// stringLit writes text that an interpreted literal would have to escape
// (SQL with quoted identifiers, multi-line statements) as a raw string, so
// generated files show statements as they run; anything else, and text a
// raw string cannot hold, as an interpreted literal.
func stringLit(s string) *jen.Statement {
	if strings.ContainsAny(s, "\"\\\n") && !strings.ContainsAny(s, "`\r") && utf8.ValidString(s) && printable(s) {
		return jen.Id("`" + s + "`")
	}
	return jen.Lit(s)
}

func printable(s string) bool {
	for _, r := range s {
		if r != '\n' && r != '\t' && (r < 0x20 || r == 0x7f || r == utf8.RuneError || r == '\ufeff') {
			return false
		}
	}
	return true
}
