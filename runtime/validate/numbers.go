package validate

import (
	"strconv"
	"strings"
	"unicode"
)

// Decimal is a base-10 number split into its digits, without rounding: the
// integer digits carry no leading zeros and the fraction digits no trailing
// zeros, so zero is Decimal{} (whatever its sign was).
type Decimal struct {
	Negative bool
	Int      string // "" for |value| < 1
	Frac     string // "" for integers
}

// IsZero reports whether d is zero.
func (d Decimal) IsZero() bool { return d.Int == "" && d.Frac == "" }

// String returns d in the reference's canonical identity form: fixed point,
// no exponent, no '+', "0" before the point of a pure fraction, no trailing
// fraction zeros, no trailing point, and "0" for any zero.
func (d Decimal) String() string {
	if d.IsZero() {
		return "0"
	}
	var b strings.Builder
	b.Grow(len(d.Int) + len(d.Frac) + 3)
	if d.Negative {
		b.WriteByte('-')
	}
	if d.Int == "" {
		b.WriteByte('0')
	} else {
		b.WriteString(d.Int)
	}
	if d.Frac != "" {
		b.WriteByte('.')
		b.WriteString(d.Frac)
	}
	return b.String()
}

// maxDotNetDecimal is the largest magnitude the reference's decimal type
// holds (2^96 - 1).
const maxDotNetDecimal = "79228162514264337593543950335"

// maxExponentShift bounds exponents so that a hostile "1e999999999" cannot
// make ParseDecimal build a huge string; anything that far out is outside
// the reference's decimal range anyway.
const maxExponentShift = 64

// ParseDecimal parses a JSON number or a numeric string the way the
// reference reads a decimal: optional surrounding whitespace, optional sign,
// digits with an optional point, and an optional exponent. It fails for
// anything else and for magnitudes beyond the .NET decimal range.
func ParseDecimal(text string) (Decimal, bool) {
	s := strings.TrimFunc(text, unicode.IsSpace)
	var d Decimal
	if s == "" {
		return d, false
	}
	switch s[0] {
	case '-':
		d.Negative = true
		s = s[1:]
	case '+':
		s = s[1:]
	}
	mantissa, exponent, hasExp := strings.Cut(s, "e")
	if !hasExp {
		mantissa, exponent, hasExp = strings.Cut(s, "E")
	}
	intPart, fracPart, _ := strings.Cut(mantissa, ".")
	if (intPart == "" && fracPart == "") || !allDigits(intPart) || !allDigits(fracPart) {
		return d, false
	}
	shift := 0
	if hasExp {
		e, err := strconv.Atoi(strings.TrimPrefix(exponent, "+"))
		if err != nil || exponent == "" || e > maxExponentShift || e < -maxExponentShift {
			return d, false
		}
		shift = e
	}
	if shift != 0 {
		// Move the point; the common exponent-free case below slices the
		// input without allocating.
		all := intPart + fracPart
		point := len(intPart) + shift
		if point < 0 {
			all = strings.Repeat("0", -point) + all
			point = 0
		}
		if point > len(all) {
			all += strings.Repeat("0", point-len(all))
		}
		intPart, fracPart = all[:point], all[point:]
	}
	d.Int = strings.TrimLeft(intPart, "0")
	d.Frac = strings.TrimRight(fracPart, "0")
	if d.IsZero() {
		d.Negative = false
	}
	if len(d.Int) > len(maxDotNetDecimal) || (len(d.Int) == len(maxDotNetDecimal) &&
		(d.Int > maxDotNetDecimal || (d.Int == maxDotNetDecimal && d.Frac != ""))) {
		return Decimal{}, false
	}
	return d, true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// WithinPrecision reports whether |d| <= 10^(totalDigits-decimalPlaces) -
// 10^-decimalPlaces, the range the reference allows for a decimal property
// with the given decimalPropertyValidationInfos. (The reference checks only
// this range: extra fraction digits inside the range are accepted and the
// database rounds them to the column scale.)
func (d Decimal) WithinPrecision(totalDigits, decimalPlaces int) bool {
	intDigits := totalDigits - decimalPlaces
	switch {
	case len(d.Int) < intDigits:
		return true
	case len(d.Int) > intDigits:
		return false
	}
	// Same number of integer digits as the bound: only an all-nines integer
	// part can reach the bound, and then the fraction must fit in
	// decimalPlaces digits.
	if strings.Trim(d.Int, "9") != "" {
		return true
	}
	return len(d.Frac) <= decimalPlaces
}

// DecimalBound returns the largest value allowed for the precision, as the
// reference prints it in "must be between -B and B": "999.99" for (5, 2),
// "999" for (3, 0), "0.99" for (2, 2).
func DecimalBound(totalDigits, decimalPlaces int) string {
	intDigits := totalDigits - decimalPlaces
	var b strings.Builder
	if intDigits > 0 {
		b.WriteString(strings.Repeat("9", intDigits))
	} else {
		b.WriteByte('0')
	}
	if decimalPlaces > 0 {
		b.WriteByte('.')
		b.WriteString(strings.Repeat("9", decimalPlaces))
	}
	return b.String()
}

// CanonicalDecimal returns a numeric identity value in the reference's
// canonical form (see Decimal.String): "1.50" → "1.5", "1e2" → "100",
// "-0.0" → "0". Text that is not a decimal is returned unchanged, as the
// reference does.
func CanonicalDecimal(text string) string {
	d, ok := ParseDecimal(text)
	if !ok {
		return text
	}
	return d.String()
}

// CoerceBoolean reproduces the reference's boolean coercion of a JSON string
// at a boolean property: after trimming whitespace, "true"/"false" in any
// case and "1"/"0" become booleans. ok is false when s stays a string (and
// then fails type validation).
func CoerceBoolean(s string) (value, ok bool) {
	t := strings.TrimFunc(s, unicode.IsSpace)
	switch {
	case strings.EqualFold(t, "true"), t == "1":
		return true, true
	case strings.EqualFold(t, "false"), t == "0":
		return false, true
	}
	return false, false
}

// CoerceBooleanNumber reproduces the reference's boolean coercion of a JSON
// number at a boolean property: the integers 0 and 1 become booleans.
func CoerceBooleanNumber(jsonNumber string) (value, ok bool) {
	switch jsonNumber {
	case "1":
		return true, true
	case "0", "-0":
		return false, true
	}
	return false, false
}

// CoerceNumber reproduces the reference's coercion of a JSON string at an
// integer or number property and returns the JSON number text it becomes: a
// string with a '.' is read as a double, any other as a 64-bit integer
// (surrounding whitespace and a sign allowed). ok is false when s stays a
// string (and then fails type validation).
func CoerceNumber(s string) (jsonNumber string, ok bool) {
	t := strings.TrimFunc(s, unicode.IsSpace)
	if strings.IndexByte(t, '.') >= 0 {
		if !isPlainFloat(t) {
			return "", false
		}
		f, err := strconv.ParseFloat(t, 64)
		if err != nil {
			return "", false
		}
		return strconv.FormatFloat(f, 'f', -1, 64), true
	}
	n, err := strconv.ParseInt(t, 10, 64) // accepts one leading sign, as .NET does
	if err != nil {
		return "", false
	}
	return strconv.FormatInt(n, 10), true
}

// isPlainFloat admits the decimal notations .NET's double parser accepts and
// rejects Go-only syntax (hex floats, underscores, "Inf", "NaN").
func isPlainFloat(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E' {
			return false
		}
	}
	return true
}

// CoerceDecimal reproduces the reference's coercion of a JSON string at a
// decimal property and returns the JSON number text it becomes, keeping the
// written scale ("1.50" stays "1.50"): surrounding whitespace, a leading
// sign, ',' group separators in the integer part and one '.' are accepted;
// exponents are not. ok is false when s stays a string.
func CoerceDecimal(s string) (jsonNumber string, ok bool) {
	t := strings.TrimFunc(s, unicode.IsSpace)
	neg := false
	switch {
	case strings.HasPrefix(t, "-"):
		neg, t = true, t[1:]
	case strings.HasPrefix(t, "+"):
		t = t[1:]
	}
	intPart, fracPart, _ := strings.Cut(t, ".")
	if intPart != "" && (intPart[0] == ',' || intPart[len(intPart)-1] == ',') {
		return "", false
	}
	intPart = strings.ReplaceAll(intPart, ",", "")
	if (intPart == "" && fracPart == "") || !allDigits(intPart) || !allDigits(fracPart) {
		return "", false
	}
	if _, ok := ParseDecimal(intPart + "." + fracPart + "0"); !ok {
		return "", false
	}
	intPart = strings.TrimLeft(intPart, "0")
	if intPart == "" {
		intPart = "0"
	}
	out := intPart
	if fracPart != "" {
		out += "." + fracPart
	}
	if neg && strings.Trim(out, "0.") != "" {
		out = "-" + out
	}
	return out, true
}
