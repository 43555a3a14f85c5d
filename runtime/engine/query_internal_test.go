package engine

import (
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

func TestNormalizeQueryValue(t *testing.T) {
	cases := []struct {
		typ, in, want string
		ok            bool
	}{
		{"boolean", " TRUE ", "true", true},
		{"boolean", "False", "false", true},
		{"boolean", "yes", "", false},
		{"date", "2024-08-15", "2024-08-15", true},
		{"date", "2024-08-15T10:11:12", "2024-08-15", true},
		{"date", "8/15/2024", "2024-08-15", true},
		{"date", "someday", "", false},
		{"date-time", "2024-08-15T10:11:12+02:00", "2024-08-15T08:11:12Z", true},
		{"date-time", "2024-08-15", "2024-08-15T00:00:00Z", true},
		{"date", "0000-01-01", "", false}, // beyond DateTime (and PostgreSQL's year 0)
		{"date", "1/1/0000", "", false},
		{"date", "0001-01-01", "0001-01-01", true},
		{"date", "9999-12-31", "9999-12-31", true},
		{"date-time", "0001-01-01T00:00:00+01:00", "", false}, // year 0 in UTC
		{"date-time", "9999-12-31T23:00:00-05:00", "", false}, // year 10000 in UTC
		{"number", " 1,234.50 ", "1234.5", true},
		{"number", "-.5", "-0.5", true},
		{"number", "12abc", "", false},
		{"number", "79228162514264337593543950335", "79228162514264337593543950335", true},
		{"number", "79228162514264337593543950336", "", false}, // beyond the reference's decimal
		{"number", "1" + strings.Repeat("0", 200000), "", false},
		{"number", "1." + strings.Repeat("0", 200000), "1", true},
		{"time", "10:11:12", "10:11:12", true},
		{"time", "10:11", "", false},
		{"string", " as is ", " as is ", true},
		// Text PostgreSQL cannot hold is not valid for any type.
		{"string", "\xff", "", false},
		{"string", "a\x00b", "", false},
		{"string", "\xc3\x28", "", false},
		{"string", "\xed\xa0\x80", "", false}, // an encoded surrogate
		{"string", "héllo 😀", "héllo 😀", true},
		{"number", "1\x00", "", false},
	}
	for _, c := range cases {
		got, ok := normalizeQueryValue(c.typ, c.in)
		if ok != c.ok || (ok && got != c.want) {
			t.Errorf("normalizeQueryValue(%s, %q) = %q, %v; want %q, %v", c.typ, c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestBindQueryValue(t *testing.T) {
	cases := []struct {
		param spec.ScalarType
		in    string
		want  any
		b     binding
	}{
		{spec.Int32Type, "255901", int64(255901), bound},
		{spec.Int32Type, "+7", int64(7), bound},
		{spec.Int32Type, "12.0", int64(12), bound},
		{spec.Int32Type, "12.5", nil, matchesNothing},
		{spec.Int32Type, "abc", nil, matchesNothing},
		{spec.Int32Type, "2147483647", int64(2147483647), bound},
		{spec.Int32Type, "-2147483648", int64(-2147483648), bound},
		{spec.Int32Type, "2147483648", nil, notValid}, // the same value in a body is a 400
		{spec.Int32Type, "3000000000", nil, notValid},
		{spec.Int64Type, "3000000000", int64(3000000000), bound},
		{spec.Int64Type, "9223372036854775808", nil, notValid},
		{spec.DecimalType, "1234.50", "1234.5", bound},
		{spec.DecimalType, "0." + strings.Repeat("1", 29), nil, matchesNothing},
		{spec.BooleanType, "true", true, bound},
		{spec.NoType, "00000000-0000-0000-0000-00000000000A", "00000000-0000-0000-0000-00000000000a", bound},
		{spec.NoType, "not-a-uuid", nil, matchesNothing},
		{spec.DateType, "0000-01-01", nil, matchesNothing},
		{spec.StringType, "x", "x", bound},
	}
	for _, c := range cases {
		got, b := bindQueryValue(c.param, c.in)
		if b != c.b || (b == bound && got != c.want) {
			t.Errorf("bindQueryValue(%d, %q) = %v, %d; want %v, %d", c.param, c.in, got, b, c.want, c.b)
		}
	}
}
