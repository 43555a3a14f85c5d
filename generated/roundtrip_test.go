package generated_test

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/edfi-dmsc/dmsc/compiler/gogen"
	defaultschema "github.com/edfi-dmsc/dmsc/generated/default"
)

// TestPlansRoundTrip checks that the compiled-in plans equal the plans the
// compiler builds: the literal emitter loses and invents nothing.
func TestPlansRoundTrip(t *testing.T) {
	want, err := gogen.Plans(schemaFiles(t)...)
	if err != nil {
		t.Fatal(err)
	}
	if reflect.DeepEqual(defaultschema.Schema, want) {
		return
	}
	t.Fatalf("the compiled-in plans differ from the compiler's at %s (run `make generate`)",
		firstDiff(reflect.ValueOf(defaultschema.Schema), reflect.ValueOf(want), "Schema"))
}

// firstDiff names the first path at which a and b differ.
func firstDiff(a, b reflect.Value, path string) string {
	if a.Kind() != b.Kind() {
		return path
	}
	switch a.Kind() {
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			return fmt.Sprintf("%s (nil: %t vs %t)", path, a.IsNil(), b.IsNil())
		}
		return firstDiff(a.Elem(), b.Elem(), path)
	case reflect.Struct:
		for i := 0; i < a.NumField(); i++ {
			if !a.Type().Field(i).IsExported() {
				continue // the literal emitter refuses set unexported fields
			}
			if !reflect.DeepEqual(a.Field(i).Interface(), b.Field(i).Interface()) {
				return firstDiff(a.Field(i), b.Field(i), path+"."+a.Type().Field(i).Name)
			}
		}
	case reflect.Slice, reflect.Array:
		if a.Len() != b.Len() {
			return fmt.Sprintf("%s (length %d vs %d)", path, a.Len(), b.Len())
		}
		for i := 0; i < a.Len(); i++ {
			if !reflect.DeepEqual(a.Index(i).Interface(), b.Index(i).Interface()) {
				return firstDiff(a.Index(i), b.Index(i), fmt.Sprintf("%s[%d]", path, i))
			}
		}
	}
	return fmt.Sprintf("%s (%v vs %v)", path, a, b)
}
