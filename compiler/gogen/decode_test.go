package gogen

import (
	"testing"

	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// TestIntegerBounds: a 64-bit integer member stored in a 32-bit column is
// checked against the column's range where its schema leaves a bound out
// or sets one beyond it; the schema's tighter bounds, 32-bit members and
// members stored in 64-bit columns keep their schema bounds.
func TestIntegerBounds(t *testing.T) {
	for _, c := range []struct {
		name             string
		scalar           GoScalar
		column           spec.ScalarType
		minimum, maximum string
		wantMin, wantMax string
		narrowed         bool
	}{
		{"no bound", GoInt64, spec.Int32Type, "", "", "-2147483648", "2147483647", true},
		{"minimum only", GoInt64, spec.Int32Type, "0", "", "0", "2147483647", true},
		{"bounds beyond the column", GoInt64, spec.Int32Type, "-3000000000", "3e9", "-2147483648", "2147483647", true},
		{"bounds within the column", GoInt64, spec.Int32Type, "1900", "2100", "1900", "2100", false},
		{"64-bit column", GoInt64, spec.Int64Type, "", "", "", "", false},
		{"32-bit member", GoInt32, spec.Int32Type, "1", "", "1", "", false},
	} {
		column := &spec.Column{Name: "Year", Type: c.column}
		g := &decodeGen{m: &TypeModel{Resource: &spec.Resource{Tables: []*spec.Table{{Columns: []*spec.Column{column}}}}}}
		fd := &Field{Path: "$.year", Scalar: c.scalar, Node: &spec.BodyNode{Kind: spec.BodyInteger, Minimum: c.minimum, Maximum: c.maximum},
			Owner: &ObjectType{Owner: 0}, Columns: []int{0}}
		minimum, maximum, narrow, err := g.integerBounds(fd)
		if err != nil || minimum != c.wantMin || maximum != c.wantMax || (narrow != nil) != c.narrowed {
			t.Errorf("%s: integerBounds = %q, %q, narrowed %t, %v; want %q, %q, narrowed %t",
				c.name, minimum, maximum, narrow != nil, err, c.wantMin, c.wantMax, c.narrowed)
		}
	}
	g := &decodeGen{m: &TypeModel{Resource: &spec.Resource{Tables: []*spec.Table{{Columns: []*spec.Column{{Type: spec.Int32Type}}}}}}}
	fd := &Field{Path: "$.year", Scalar: GoInt64, Node: &spec.BodyNode{Kind: spec.BodyInteger, Maximum: "x"}, Owner: &ObjectType{}, Columns: []int{0}}
	if _, _, _, err := g.integerBounds(fd); err == nil {
		t.Error("integerBounds accepted the bound \"x\"")
	}
}
