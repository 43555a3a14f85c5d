package validate

import "testing"

func TestParseDecimal(t *testing.T) {
	tests := []struct {
		in   string
		want Decimal
		ok   bool
	}{
		{"0", Decimal{}, true},
		{"-0.000", Decimal{}, true},
		{"1.50", Decimal{Int: "1", Frac: "5"}, true},
		{"-007.0100", Decimal{Negative: true, Int: "7", Frac: "01"}, true},
		{".5", Decimal{Frac: "5"}, true},
		{"5.", Decimal{Int: "5"}, true},
		{"1e2", Decimal{Int: "100"}, true},
		{"1.5E-3", Decimal{Frac: "0015"}, true},
		{"12.5e+1", Decimal{Int: "125"}, true},
		{" 42 ", Decimal{Int: "42"}, true},
		{"79228162514264337593543950335", Decimal{Int: "79228162514264337593543950335"}, true},
		{"79228162514264337593543950336", Decimal{}, false},
		{"79228162514264337593543950335.1", Decimal{}, false},
		{"1e999", Decimal{}, false},
		{"", Decimal{}, false},
		{".", Decimal{}, false},
		{"1..2", Decimal{}, false},
		{"abc", Decimal{}, false},
		{"1e", Decimal{}, false},
		{"0x10", Decimal{}, false},
	}
	for _, tt := range tests {
		got, ok := ParseDecimal(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseDecimal(%q) = %+v, %v; want %+v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestCanonicalDecimal(t *testing.T) {
	for in, want := range map[string]string{
		"1.50": "1.5", "2.00": "2", "100": "100", "100.00": "100", "-1.50": "-1.5",
		"0": "0", "-0": "0", "0.05": "0.05", "1E+3": "1000", "x": "x",
	} {
		if got := CanonicalDecimal(in); got != want {
			t.Errorf("CanonicalDecimal(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWithinPrecision(t *testing.T) {
	tests := []struct {
		in           string
		total, scale int
		want         bool
	}{
		{"999.99", 5, 2, true},
		{"-999.99", 5, 2, true},
		{"999.990", 5, 2, true},
		{"999.991", 5, 2, false},
		{"1000", 5, 2, false},
		{"998.999", 5, 2, true}, // inside the range: extra digits are not checked
		{"12.345", 5, 2, true},
		{"0.99", 2, 2, true},
		{"0.995", 2, 2, false},
		{"1", 2, 2, false},
		{"999", 3, 0, true},
		{"999.5", 3, 0, false},
		{"0", 3, 0, true},
	}
	for _, tt := range tests {
		d, ok := ParseDecimal(tt.in)
		if !ok {
			t.Fatalf("ParseDecimal(%q) failed", tt.in)
		}
		if got := d.WithinPrecision(tt.total, tt.scale); got != tt.want {
			t.Errorf("%s within (%d,%d) = %v", tt.in, tt.total, tt.scale, got)
		}
	}
}

func TestDecimalBound(t *testing.T) {
	for _, tt := range []struct {
		total, scale int
		want         string
	}{{5, 2, "999.99"}, {3, 0, "999"}, {2, 2, "0.99"}, {19, 4, "999999999999999.9999"}, {9, 4, "99999.9999"}} {
		if got := DecimalBound(tt.total, tt.scale); got != tt.want {
			t.Errorf("DecimalBound(%d,%d) = %q, want %q", tt.total, tt.scale, got, tt.want)
		}
	}
}

func TestCoerceBoolean(t *testing.T) {
	for _, tt := range []struct {
		in        string
		value, ok bool
	}{
		{"true", true, true}, {"TRUE", true, true}, {" False ", false, true},
		{"1", true, true}, {"0", false, true}, {"yes", false, false}, {"2", false, false}, {"", false, false},
	} {
		if v, ok := CoerceBoolean(tt.in); v != tt.value || ok != tt.ok {
			t.Errorf("CoerceBoolean(%q) = %v, %v", tt.in, v, ok)
		}
	}
	for _, tt := range []struct {
		in        string
		value, ok bool
	}{{"1", true, true}, {"0", false, true}, {"-0", false, true}, {"2", false, false}, {"1.0", false, false}} {
		if v, ok := CoerceBooleanNumber(tt.in); v != tt.value || ok != tt.ok {
			t.Errorf("CoerceBooleanNumber(%q) = %v, %v", tt.in, v, ok)
		}
	}
}

func TestCoerceNumber(t *testing.T) {
	for _, tt := range []struct {
		in, want string
		ok       bool
	}{
		{"123", "123", true}, {" -45 ", "-45", true}, {"+7", "7", true},
		{"1.5", "1.5", true}, {"2.0", "2", true}, {"-0.25", "-0.25", true},
		{"1e3", "", false}, // no '.': read as an integer, which fails
		{"abc", "", false}, {"1.2.3", "", false}, {"0x1.8p1", "", false}, {"NaN.", "", false},
		{"+-5", "", false}, {"9223372036854775808", "", false},
	} {
		got, ok := CoerceNumber(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("CoerceNumber(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestCoerceDecimal(t *testing.T) {
	for _, tt := range []struct {
		in, want string
		ok       bool
	}{
		{"1.50", "1.50", true}, {" 007.5 ", "7.5", true}, {"-12", "-12", true}, {"+3.0", "3.0", true},
		{"1,234.5", "1234.5", true}, {".5", "0.5", true}, {"-0.00", "0.00", true},
		{"1e3", "", false}, {"abc", "", false}, {",1", "", false}, {"", "", false},
		{"79228162514264337593543950336", "", false},
	} {
		got, ok := CoerceDecimal(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("CoerceDecimal(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestNumberType(t *testing.T) {
	for in, want := range map[string]string{
		"1": TypeInteger, "1.0": TypeInteger, "1e2": TypeInteger, "-3": TypeInteger,
		"1.5": TypeNumber, "1e-2": TypeNumber,
		"123456789012345678901234567890": TypeInteger, "1e400": TypeNumber,
	} {
		if got := NumberType(in); got != want {
			t.Errorf("NumberType(%q) = %q, want %q", in, got, want)
		}
	}
}
