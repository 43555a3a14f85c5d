package engine

import "testing"

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
		{"number", " 1,234.50 ", "1234.50", true},
		{"number", "-.5", "-.5", true},
		{"number", "12abc", "", false},
		{"time", "10:11:12", "10:11:12", true},
		{"time", "10:11", "", false},
		{"string", " as is ", " as is ", true},
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
		param ScalarType
		in    string
		want  any
		ok    bool
	}{
		{Int32Type, "255901", int64(255901), true},
		{Int32Type, "+7", int64(7), true},
		{Int32Type, "12.0", int64(12), true},
		{Int32Type, "12.5", nil, false},
		{Int32Type, "3000000000", nil, false},
		{Int64Type, "3000000000", int64(3000000000), true},
		{DecimalType, "1234.50", "1234.50", true},
		{BooleanType, "true", true, true},
		{NoType, "00000000-0000-0000-0000-00000000000A", "00000000-0000-0000-0000-00000000000a", true},
		{NoType, "not-a-uuid", nil, false},
		{StringType, "x", "x", true},
	}
	for _, c := range cases {
		got, ok := bindQueryValue(c.param, c.in)
		if ok != c.ok || (ok && got != c.want) {
			t.Errorf("bindQueryValue(%d, %q) = %v, %v; want %v, %v", c.param, c.in, got, ok, c.want, c.ok)
		}
	}
}
