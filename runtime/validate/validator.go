package validate

import (
	"strconv"
	"strings"

	"github.com/edfi-dmsc/dmsc/runtime/problem"
)

// KeyStyle chooses how JSON-schema errors are keyed in validationErrors.
type KeyStyle uint8

const (
	// ConcreteKeys keys every error by its full concrete JSON path, e.g.
	// "$.addresses[0].city" and "$.addresses[0].streetNumberName" for a
	// missing required property.
	ConcreteKeys KeyStyle = iota
	// ReferenceKeys reproduces the reference byte for byte: a JSON-schema
	// error is keyed "$." + the last segment of the failing location
	// ("$.city" for /addresses/0/city), a missing required property
	// "$." + the object's last segment + "." + the property ("$.0.city" inside
	// /addresses/0, "$.city" at the root), and messages under one key are
	// not de-duplicated. Errors of the later stages (decimal ranges,
	// equality constraints, array uniqueness, duplicate properties) are
	// keyed identically in both styles except where noted.
	ReferenceKeys
)

// Validator accumulates the validation errors of one request body. Generated
// code walks the document, keeps Path in step with the object or array item
// it is checking, and calls the reporting methods, which name the failing
// property by field (a property of the current object). Reporting allocates;
// checking that finds nothing does not.
//
// The reference validates in stages and stops after the first stage that
// fails: (1) JSON schema (required, type, lengths, patterns, ranges,
// formats), (2) decimal precision, (3) equality constraints, (4) reference
// extraction (whose own errors a schema-valid body cannot trigger),
// (5) reference-array uniqueness (first duplicate only), (6) array
// uniqueness. Generated code checks Failed between stages.
type Validator struct {
	Path   Path
	Errors problem.ValidationErrors
	Style  KeyStyle
}

// Reset clears v for the next document, keeping the path buffer and Style.
// Errors is dropped rather than truncated because a response may still hold
// the previous slice.
func (v *Validator) Reset() {
	v.Path.Reset()
	v.Errors = nil
}

// Failed reports whether any error has been recorded.
func (v *Validator) Failed() bool { return len(v.Errors) > 0 }

// Enter descends into property field of the current object (an object or
// array value) and returns the mark for Leave.
//
// Not inlined: generated decoders call it for every member (binary size).
//
//go:noinline
func (v *Validator) Enter(field string) int { return v.Path.PushField(field) }

// EnterItem descends into item i of the current array and returns the mark
// for Leave.
//
// Not inlined: generated decoders call it for every member (binary size).
//
//go:noinline
func (v *Validator) EnterItem(i int) int { return v.Path.PushIndex(i) }

// Leave returns to the location saved by Enter or EnterItem.
func (v *Validator) Leave(mark int) { v.Path.Pop(mark) }

// add records msg under key. ConcreteKeys de-duplicates messages per key;
// ReferenceKeys keeps repeats, as the reference's schema stage does.
func (v *Validator) add(key, msg string, dedupe bool) {
	if dedupe {
		v.Errors.Add(key, msg)
		return
	}
	for i := range v.Errors {
		if v.Errors[i].Path == key {
			v.Errors[i].Messages = append(v.Errors[i].Messages, msg)
			return
		}
	}
	v.Errors = append(v.Errors, problem.FieldErrors{Path: key, Messages: []string{msg}})
}

// schemaError records a JSON-schema stage error about field of the current
// object: message "{field} {text}".
func (v *Validator) schemaError(field, text string) {
	msg := field + " " + text
	if v.Style == ReferenceKeys {
		v.add("$."+field, msg, false)
		return
	}
	v.add(v.Path.Child(field), msg, true)
}

// schemaItemError records a JSON-schema stage error about item i of the
// current array: the reference names it by its index ("0 Value is …").
func (v *Validator) schemaItemError(i int, text string) {
	seg := strconv.Itoa(i)
	msg := seg + " " + text
	if v.Style == ReferenceKeys {
		v.add("$."+seg, msg, false)
		return
	}
	v.add(v.Path.ChildIndex(i), msg, true)
}

// Required reports that required property field of the current object is
// missing (or null, or an empty array, which the reference removes first):
// "{field} is required.".
func (v *Validator) Required(field string) {
	msg := field + " is required."
	if v.Style == ReferenceKeys {
		key := "$." + field
		if !v.Path.IsRoot() {
			key = "$." + v.Path.LastSegment() + "." + field
		}
		v.add(key, msg, false)
		return
	}
	v.add(v.Path.Child(field), msg, true)
}

// JSON type names as the reference's JSON-schema library prints them.
const (
	TypeObject  = "object"
	TypeArray   = "array"
	TypeString  = "string"
	TypeNumber  = "number"
	TypeInteger = "integer"
	TypeBoolean = "boolean"
	TypeNull    = "null"
)

// WrongType reports that field holds a JSON value of type received where the
// schema expects type expected: `{field} Value is "string" but should be
// "integer"`. For a JSON number use NumberType to name received.
func (v *Validator) WrongType(field, received, expected string) {
	v.schemaError(field, `Value is "`+received+`" but should be "`+expected+`"`)
}

// WrongItemType is WrongType for item i of the current array.
func (v *Validator) WrongItemType(i int, received, expected string) {
	v.schemaItemError(i, `Value is "`+received+`" but should be "`+expected+`"`)
}

// WrongRootType reports a body that is not a JSON object (received is its
// JSON type). The reference keys it "$." with the message
// ` Value is "array" but should be "object"` (an empty property name and a
// space); ConcreteKeys uses "$" and drops the space.
func (v *Validator) WrongRootType(received string) {
	text := `Value is "` + received + `" but should be "object"`
	if v.Style == ReferenceKeys {
		v.add("$.", " "+text, false)
		return
	}
	v.add("$", text, true)
}

// NumberType returns "integer" for a JSON number with an integral value
// (including "1.0" and "1e2") and "number" otherwise, as the reference's
// JSON-schema library classifies numbers.
func NumberType(jsonNumber string) string {
	d, ok := ParseDecimal(jsonNumber)
	if ok && d.Frac == "" {
		return TypeInteger
	}
	if !ok && !strings.ContainsAny(jsonNumber, ".eE") {
		return TypeInteger // an integer beyond the decimal range is still an integer
	}
	return TypeNumber
}

// String checks a string property against its schema keywords (maxLength,
// minLength and pattern, reported in that order; a bound < 0 means absent)
// and reports every failure. It returns whether s passed.
func (v *Validator) String(field, s string, minLength, maxLength int, pattern Pattern) bool {
	ok := true
	if minLength >= 0 || maxLength >= 0 {
		n := Length(s)
		if maxLength >= 0 && n > maxLength {
			v.TooLong(field, maxLength)
			ok = false
		}
		if minLength >= 0 && n < minLength {
			v.TooShort(field, minLength)
			ok = false
		}
	}
	if !pattern.Matches(s) {
		v.PatternMismatch(field, s)
		ok = false
	}
	return ok
}

// TooLong reports "{field} Value should be at most {max} characters".
func (v *Validator) TooLong(field string, maxLength int) {
	v.schemaError(field, "Value should be at most "+strconv.Itoa(maxLength)+" characters")
}

// TooShort reports "{field} Value should be at least {min} characters".
func (v *Validator) TooShort(field string, minLength int) {
	v.schemaError(field, "Value should be at least "+strconv.Itoa(minLength)+" characters")
}

// PatternMismatch reports a failed whitespace pattern the way the reference
// rewrites it: "{field} is required and should not be left empty." for an
// empty string, otherwise "{field} cannot contain leading or trailing
// spaces.".
func (v *Validator) PatternMismatch(field, s string) {
	if s == "" {
		v.schemaError(field, "is required and should not be left empty.")
		return
	}
	v.schemaError(field, "cannot contain leading or trailing spaces.")
}

// BelowMinimum reports "{field} {received} should be at least {limit}", with
// received and limit as JSON number texts.
func (v *Validator) BelowMinimum(field, received, limit string) {
	v.schemaError(field, received+" should be at least "+limit)
}

// AboveMaximum reports "{field} {received} should be at most {limit}".
func (v *Validator) AboveMaximum(field, received, limit string) {
	v.schemaError(field, received+" should be at most "+limit)
}

// BadFormat reports `{field} Value does not match format "{format}"`.
func (v *Validator) BadFormat(field, format string) {
	v.schemaError(field, `Value does not match format "`+format+`"`)
}

// BadItemFormat is BadFormat for item i of the current array.
func (v *Validator) BadItemFormat(i int, format string) {
	v.schemaItemError(i, `Value does not match format "`+format+`"`)
}

// TooFewItems reports "{field} Value should have at least {min} items" for a
// non-empty array below minItems (an empty one is reported as Required).
func (v *Validator) TooFewItems(field string, minItems int) {
	v.schemaError(field, "Value should have at least "+strconv.Itoa(minItems)+" items")
}

// DuplicateProperty reports a property name repeated in one JSON object,
// keyed by its concrete path in both styles: DuplicatePropertyMessage. (A
// server can find it before decoding with CheckBody.)
func (v *Validator) DuplicateProperty(field string) {
	v.add(v.Path.Child(field), DuplicatePropertyMessage, true)
}

// NULCharacter reports a string containing U+0000, which the database
// cannot store: "{field} cannot contain the NUL character.". (The reference
// has no such check; its database rejects the write instead.)
func (v *Validator) NULCharacter(field string) {
	v.schemaError(field, "cannot contain the NUL character.")
}

// DecimalOutOfRange reports a decimal outside its precision: "{path} must
// be between -{B} and {B}." (see DecimalBound). The reference keys it by the
// property's wildcard path from decimalPropertyValidationInfos (e.g.
// "$.items[*].amount", printed without "$." in the message); ConcreteKeys
// uses the concrete path instead.
func (v *Validator) DecimalOutOfRange(field, wildcardPath string, totalDigits, decimalPlaces int) {
	key := v.stageKey(field, wildcardPath)
	bound := DecimalBound(totalDigits, decimalPlaces)
	v.add(key, strings.TrimPrefix(key, "$.")+" must be between -"+bound+" and "+bound+".", true)
}

// NotADecimal reports a number the reference cannot hold as a decimal:
// "Value is not a valid decimal.", keyed like DecimalOutOfRange.
func (v *Validator) NotADecimal(field, wildcardPath string) {
	v.add(v.stageKey(field, wildcardPath), "Value is not a valid decimal.", true)
}

func (v *Validator) stageKey(field, wildcardPath string) string {
	if v.Style == ReferenceKeys {
		return wildcardPath
	}
	return v.Path.Child(field)
}

// EqualityMismatch reports an equalityConstraints violation. The reference
// keys it under both the source and the target JSONPath as written in the
// ApiSchema (wildcards included) in both styles, naming the last path
// segment and listing the distinct values in first-seen order (source
// values, then target values): "All values supplied for 'schoolId' must
// match. Review all references (including those higher up in the resource's
// data) and align the following conflicting values: '1', '2'".
func (v *Validator) EqualityMismatch(sourcePath, targetPath string, values []string) {
	v.equalityError(sourcePath, values)
	v.equalityError(targetPath, values)
}

func (v *Validator) equalityError(path string, values []string) {
	segment := path[strings.LastIndexByte(path, '.')+1:]
	var b strings.Builder
	b.WriteString("All values supplied for '")
	b.WriteString(segment)
	b.WriteString("' must match. Review all references (including those higher up in the resource's data) and align the following conflicting values: ")
	for i, val := range values {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('\'')
		b.WriteString(val)
		b.WriteByte('\'')
	}
	v.add(path, b.String(), false)
}

// DuplicateItem reports that item index (0-based) of array field of the
// current object repeats the identifying values of an earlier item, keyed by
// the array's concrete path ("$.classPeriods", "$.addresses[0].periods"):
// "The 4th item of the classPeriods has the same identifying values as
// another item earlier in the list.". The reference reports only the first
// duplicate of each arrayUniquenessConstraints entry (nested constraints:
// in the first parent item holding one, keyed "$.addresses[0].periods"),
// and only the first duplicate ReferentialId over all reference arrays
// (DuplicateReference).
func (v *Validator) DuplicateItem(field string, index int) {
	v.add(v.Path.Child(field), DuplicateItemMessage(field, index), true)
}

// DuplicateItemMessage is the message of the item at 0-based index of
// array field that repeats an earlier one.
func DuplicateItemMessage(field string, index int) string {
	return "The " + Ordinal(index+1) + " item of the " + field +
		" has the same identifying values as another item earlier in the list."
}

// DuplicateReference is the reference's answer to a reference that repeats
// an earlier one of the same reference array (ReferenceArrayUniqueness,
// checked for every array of references whether or not an
// arrayUniquenessConstraints entry lists it): path is the concrete path of
// the repeat ("$.classPeriods[3].classPeriodReference"), index its 0-based
// position among all references of that array in the document. The error
// is keyed by the outermost array ("$.classPeriods").
func DuplicateReference(path string, index int) *problem.Details {
	array := path
	if i := strings.IndexByte(path, '['); i >= 0 {
		array = path[:i]
	}
	field := array[strings.LastIndexByte(array, '.')+1:]
	var ve problem.ValidationErrors
	ve.Add(array, DuplicateItemMessage(field, index))
	return problem.DataValidation(ve)
}

// Ordinal returns n with its English ordinal suffix: 1st, 2nd, 3rd, 4th,
// 11th, 12th, 13th, 21st, 111th.
func Ordinal(n int) string {
	s := strconv.Itoa(n)
	switch n % 100 {
	case 11, 12, 13:
		return s + "th"
	}
	switch n % 10 {
	case 1:
		return s + "st"
	case 2:
		return s + "nd"
	case 3:
		return s + "rd"
	}
	return s + "th"
}
