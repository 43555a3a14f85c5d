package gogen

import (
	"reflect"

	"github.com/dave/jennifer/jen"
)

//go:generate go test -run TestEnumNamesComplete -update .

// enumNames (enumnames_gen.go) lists, for the integer enum types of
// runtime/spec and runtime/validate, the name of the constant declared for
// each value, so generated plans read `Kind: spec.CollectionTable` rather
// than `Kind: 1` and `Pattern: validate.NotBlank` rather than `Pattern: 3`.
// Go has no reflection over constants: TestEnumNamesComplete reads them
// from the compiled packages and fails when the list is out of date
// (-update rewrites it). The list is keyed by type path and value, not by the
// constants, so a change in those packages never breaks the generator's
// build; a stale list shows up as that test failing and as generated code
// that no longer round-trips (generated/roundtrip_test.go).

// enumConstant returns the named constant for v when its type is a known
// enum and the value has a name.
func enumConstant(v reflect.Value) (jen.Code, bool) {
	names, ok := enumNames[v.Type().PkgPath()+"."+v.Type().Name()]
	if !ok {
		return nil, false
	}
	var n int64
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n = v.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		n = int64(v.Uint())
	default:
		return nil, false
	}
	name, ok := names[n]
	if !ok {
		return nil, false
	}
	return jen.Qual(v.Type().PkgPath(), name), true
}
