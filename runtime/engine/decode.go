package engine

import (
	"bytes"
	"context"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/edfi-dmsc/dmsc/runtime/jsonr"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/edfi-dmsc/dmsc/runtime/server"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/edfi-dmsc/dmsc/runtime/validate"
	"github.com/google/uuid"
)

// Decoder is one generated decode of a write body into a document type.
// BeginDecode answers what precedes validation (an empty or malformed body,
// a root that is not an object, the "id" member, the guardrails); the
// generated code then walks the body in schema order, reading each member
// with the methods below, which coerce values and report errors the way
// the API does, and runs the later validation stages over the decoded
// document. Problem returns the outcome.
type Decoder struct {
	// Doc is the parsed body.
	Doc jsonr.Doc
	// V accumulates the validation errors; generated code keeps V.Path at
	// the object or array item it reads.
	V validate.Validator
	// written holds the text of integers the client wrote in another form
	// than their canonical one ("1.0", "1e2"), by the address they were
	// decoded to: equality and uniqueness compare the text as written.
	written  map[any]string
	equality validate.EqualityValues
	keys     validate.ItemKeys
	// idMismatch marks a PUT body whose "id" does not name the document:
	// answered after the schema and decimal stages (see Problem).
	idMismatch bool
	// pastDecimals is set once the stages after the decimal stage run
	// (Equality, Keys): only the schema and decimal stages precede the
	// id mismatch.
	pastDecimals bool
	// uniqueness is WriteInput.Uniqueness: where DuplicateItem reports
	// when set, instead of V.
	uniqueness *problem.ValidationErrors
}

var decoders = sync.Pool{New: func() any { return new(Decoder) }}

// BeginDecode starts decoding body, the body of a POST (in.ID is uuid.Nil)
// or of a PUT of in.ID (a leading byte order mark dropped), and returns the
// root object. It answers, in the API's order, an empty body,
// validate.CheckBody's problems, malformed JSON, a root that is not an
// object, an "id" member of a POST and, when guardrails is set (not for
// descriptors), a body over in.Limits; a PUT's "id" is checked with the
// validation stages (see checkID and Problem).
// Release the decoder when done.
func BeginDecode(ctx context.Context, in WriteInput, body []byte, guardrails bool) (*Decoder, jsonr.Value, error) {
	body = jsonr.WithoutBOM(body)
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, 0, problem.BadRequest(problem.DetailRequestCouldNotBeProcessed, nil, "A non-empty request body is required.")
	}
	if issue, found := validate.CheckBody(body); found {
		var ve problem.ValidationErrors
		ve.Add(issue.Path, issue.Message)
		return nil, 0, problem.DataValidation(ve)
	}
	d := decoders.Get().(*Decoder)
	d.V.Reset()
	d.idMismatch, d.pastDecimals = false, false
	d.uniqueness = in.Uniqueness
	clear(d.written)
	if !d.Doc.Parse(body) {
		d.Release()
		return nil, 0, syntaxProblem(body)
	}
	const root = jsonr.Value(0)
	if d.Doc.Kind(root) != jsonr.Object {
		d.V.WrongRootType(d.typeName(root))
		p := problem.DataValidation(d.V.Errors)
		d.Release()
		return nil, 0, p
	}
	if p := d.checkID(root, in.ID); p != nil {
		d.Release()
		return nil, 0, p
	}
	if guardrails {
		total, longest := d.Doc.ArrayItems()
		if p := in.Limits.CheckItems(ctx, total, longest, d.longArrays); p != nil {
			d.Release()
			return nil, 0, p
		}
	}
	return d, root, nil
}

// Release returns d to the pool. A decoded document keeps no reference to
// it: its strings share the copy of the body Parse made, which no later
// Parse reuses.
func (d *Decoder) Release() {
	d.Doc.Reset()
	d.uniqueness = nil
	decoders.Put(d)
}

// Problem is the outcome of the validation: nil, or the 400 listing the
// errors. The API compares a PUT's "id" with the URL's after the schema
// and decimal stages and before the equality constraints.
func (d *Decoder) Problem() error {
	if d.idMismatch && (!d.V.Failed() || d.pastDecimals) {
		return problem.IDMismatch()
	}
	if !d.V.Failed() {
		return nil
	}
	// The reference lists a PUT's "id" error (its "id" property was added
	// last to the update schema) after the schema's other errors.
	if i := slices.IndexFunc(d.V.Errors, func(f problem.FieldErrors) bool { return f.Path == idPath }); i >= 0 {
		id := d.V.Errors[i]
		d.V.Errors = append(slices.Delete(d.V.Errors, i, i+1), id)
	}
	return problem.DataValidation(d.V.Errors)
}

// idPath is the validationErrors key of the "id" member.
const idPath = "$.id"

// syntaxProblem is the 400 for a malformed body, with the reference's
// message (jsonr.SyntaxError).
func syntaxProblem(body []byte) *problem.Details {
	msg := jsonr.SyntaxError(body)
	if msg == "" {
		// jsonr.Parse and SyntaxError read the same grammar; should they
		// ever disagree, the body is still refused.
		msg = "The request body is not valid JSON."
	}
	var ve problem.ValidationErrors
	ve.Add("$.", msg)
	return problem.DataValidation(ve)
}

// checkID applies the rule of the root's "id" member. A POST may not carry
// one, in any case ("ID" too): the API refuses it before validating. A
// PUT's is the update schema's "id" property, matched case-sensitively as
// every property name is ("ID" is an unknown member, dropped): absent or
// null, it is the schema error "id is required."; not a string, a type
// error (both recorded now, so that the later stages do not run); a string
// not naming the document marks idMismatch (see Problem). It is then
// ignored.
func (d *Decoder) checkID(root jsonr.Value, id uuid.UUID) *problem.Details {
	if id == uuid.Nil {
		for m := d.Doc.Members(root); m.Next(); {
			if strings.EqualFold(m.Key(), "id") {
				return idInBody()
			}
		}
		return nil
	}
	present := false
	for m := d.Doc.Members(root); m.Next(); {
		if m.Key() != "id" {
			continue
		}
		switch v := m.Value(); d.Doc.Kind(v) {
		case jsonr.Null:
			continue
		case jsonr.String:
			bodyID, err := uuid.Parse(d.Doc.Str(v))
			d.idMismatch = err != nil || bodyID != id
		default:
			d.V.WrongType("id", d.typeName(v), validate.TypeString)
		}
		present = true
	}
	if !present {
		d.V.Errors.Add(idPath, "id is required.")
	}
	return nil
}

// longArrays lists the body's arrays over limit, for the guardrail's
// refusal.
func (d *Decoder) longArrays(limit int) []server.LongArray {
	var out []server.LongArray
	d.Doc.LongArrays(limit, func(path string, items int) {
		out = append(out, server.LongArray{Path: path, Items: items})
	})
	return out
}

// typeName names v's JSON type as the API's messages do.
func (d *Decoder) typeName(v jsonr.Value) string {
	switch d.Doc.Kind(v) {
	case jsonr.Object:
		return validate.TypeObject
	case jsonr.Array:
		return validate.TypeArray
	case jsonr.String:
		return validate.TypeString
	case jsonr.Number:
		return validate.NumberType(d.Doc.Text(v))
	case jsonr.True, jsonr.False:
		return validate.TypeBoolean
	}
	return validate.TypeNull
}

// EmptyArray reports a top-level array member the API treats as absent:
// empty, or holding only empty objects. v is 0 for an absent member.
func (d *Decoder) EmptyArray(v jsonr.Value) bool {
	if v == 0 || d.Doc.Kind(v) != jsonr.Array {
		return false
	}
	for it := d.Doc.Items(v); it.Next(); {
		if item := it.Value(); d.Doc.Kind(item) != jsonr.Object || d.Doc.Len(item) > 0 {
			return false
		}
	}
	return true
}

// Object reports whether member field's value v is an object, and reports
// its type otherwise.
func (d *Decoder) Object(v jsonr.Value, field string) bool {
	if d.Doc.Kind(v) == jsonr.Object {
		return true
	}
	d.V.WrongType(field, d.typeName(v), validate.TypeObject)
	return false
}

// Array reports whether member field's value v is an array, and reports
// its type otherwise, or too few items.
func (d *Decoder) Array(v jsonr.Value, field string, minItems int) bool {
	if d.Doc.Kind(v) != jsonr.Array {
		d.V.WrongType(field, d.typeName(v), validate.TypeArray)
		return false
	}
	if d.Doc.Len(v) < minItems {
		d.V.TooFewItems(field, minItems)
	}
	return true
}

// ObjectItem reports whether item i of the current array, v, is an object,
// and reports its type otherwise.
func (d *Decoder) ObjectItem(v jsonr.Value, i int) bool {
	if d.Doc.Kind(v) == jsonr.Object {
		return true
	}
	d.V.WrongItemType(i, d.typeName(v), validate.TypeObject)
	return false
}

// StringRule is the schema of a string member.
type StringRule struct {
	// MinLength and MaxLength bound the length in characters; -1: none.
	MinLength, MaxLength int
	Pattern              validate.Pattern
	Format               spec.Format
	// Trim marks a descriptor's codeValue and shortDescription, whose outer
	// whitespace is trimmed rather than rejected.
	Trim bool
}

// String reads string member field, v, into dst: its type, the NUL
// character, its length and pattern, and its format (dates and date-times
// are stored normalized).
func (d *Decoder) String(dst *string, v jsonr.Value, field string, r StringRule) {
	if d.Doc.Kind(v) != jsonr.String {
		d.V.WrongType(field, d.typeName(v), validate.TypeString)
		return
	}
	s := d.Doc.Str(v)
	if validate.ContainsNUL(s) {
		d.V.NULCharacter(field)
		return
	}
	if r.Trim {
		s = validate.TrimDescriptorText(s)
	}
	if !d.V.String(field, s, r.MinLength, r.MaxLength, r.Pattern) {
		return
	}
	switch r.Format {
	case spec.DateFormat:
		if slash, ok := validate.CoerceSlashDate(s); ok {
			s = slash
		}
		if !validate.IsDate(s) {
			d.V.BadFormat(field, "date")
			return
		}
	case spec.DateTimeFormat:
		if slash, ok := validate.CoerceSlashDate(s); ok {
			s = slash
		}
		normal, ok := validate.NormalizeDateTime(s)
		if !ok {
			d.V.BadFormat(field, "date-time")
			return
		}
		s = normal
	case spec.TimeFormat:
		if !validate.IsTime(s) {
			d.V.BadFormat(field, "time")
			return
		}
	}
	*dst = s
}

// Bool reads boolean member field, v, into dst, coercing "true"/"false"
// and "1"/"0" strings and the numbers 0 and 1.
func (d *Decoder) Bool(dst *bool, v jsonr.Value, field string) {
	ok := false
	switch d.Doc.Kind(v) {
	case jsonr.True:
		*dst, ok = true, true
	case jsonr.False:
		*dst, ok = false, true
	case jsonr.String:
		*dst, ok = validate.CoerceBoolean(d.Doc.Str(v))
	case jsonr.Number:
		*dst, ok = validate.CoerceBooleanNumber(d.Doc.Text(v))
	}
	if !ok {
		d.V.WrongType(field, d.typeName(v), validate.TypeBoolean)
	}
}

// Decimal reads number member field, v, into dst as JSON number text,
// coercing strings, and checks its bounds (JSON number texts, "" for
// none). Precision is checked by a later stage (CheckDecimal).
func (d *Decoder) Decimal(dst *string, v jsonr.Value, field, minimum, maximum string) {
	text, ok := "", false
	switch d.Doc.Kind(v) {
	case jsonr.Number:
		text, ok = d.Doc.Text(v), true
	case jsonr.String:
		text, ok = validate.CoerceDecimal(d.Doc.Str(v))
	}
	if !ok {
		d.V.WrongType(field, d.typeName(v), validate.TypeNumber)
		return
	}
	d.bounds(field, text, minimum, maximum)
	*dst = text
}

// bounds checks a number against its schema bounds; it reports whether it
// reported a failure.
func (d *Decoder) bounds(field, text, minimum, maximum string) bool {
	failed := false
	if minimum != "" && compareNumbers(text, minimum) < 0 {
		d.V.BelowMinimum(field, text, minimum)
		failed = true
	}
	if maximum != "" && compareNumbers(text, maximum) > 0 {
		d.V.AboveMaximum(field, text, maximum)
		failed = true
	}
	return failed
}

// Int32 reads integer member field, v, into dst (a 32-bit column).
func (d *Decoder) Int32(dst *int32, v jsonr.Value, field, minimum, maximum string) {
	if n, ok := d.integer(dst, v, field, minimum, maximum, 32); ok {
		*dst = int32(n)
	}
}

// Int64 reads integer member field, v, into dst (a 64-bit column).
func (d *Decoder) Int64(dst *int64, v jsonr.Value, field, minimum, maximum string) {
	if n, ok := d.integer(dst, v, field, minimum, maximum, 64); ok {
		*dst = n
	}
}

// integer reads an integer of bits bits: a JSON number with an integral
// value ("1.0" and "1e2" included) or a string that coerces to one. A value
// the column cannot hold is reported against the column's range. The text
// of a value written in a non-canonical form is kept under dst.
func (d *Decoder) integer(dst any, v jsonr.Value, field, minimum, maximum string, bits int) (int64, bool) {
	text, ok := "", false
	switch d.Doc.Kind(v) {
	case jsonr.Number:
		text = d.Doc.Text(v)
		ok = validate.NumberType(text) == validate.TypeInteger
	case jsonr.String:
		text, ok = validate.CoerceNumber(d.Doc.Str(v))
		ok = ok && validate.NumberType(text) == validate.TypeInteger
	}
	if !ok {
		d.V.WrongType(field, d.typeName(v), validate.TypeInteger)
		return 0, false
	}
	if d.bounds(field, text, minimum, maximum) {
		return 0, false
	}
	canonical := text
	if !canonicalInteger(text) {
		canonical = validate.CanonicalDecimal(text)
	}
	n, err := strconv.ParseInt(canonical, 10, bits)
	if err != nil {
		lo, hi := int64(-1)<<(bits-1), int64(1)<<(bits-1)-1
		if strings.HasPrefix(text, "-") {
			d.V.BelowMinimum(field, text, strconv.FormatInt(lo, 10))
		} else {
			d.V.AboveMaximum(field, text, strconv.FormatInt(hi, 10))
		}
		return 0, false
	}
	if canonical != text {
		if d.written == nil {
			d.written = map[any]string{}
		}
		d.written[dst] = text
	}
	return n, true
}

// canonicalInteger reports text in the form strconv.FormatInt writes:
// digits without a leading zero, optionally after '-', and not "-0".
func canonicalInteger(text string) bool {
	digits := strings.TrimPrefix(text, "-")
	if digits == "" || digits[0] == '0' && (len(digits) > 1 || len(text) > 1) {
		return false
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return false
		}
	}
	return true
}

// Int32Text is the text of a decoded integer as the client wrote it.
func (d *Decoder) Int32Text(p *int32) string {
	if s, ok := d.written[p]; ok {
		return s
	}
	return strconv.FormatInt(int64(*p), 10)
}

// Int64Text is the text of a decoded integer as the client wrote it.
func (d *Decoder) Int64Text(p *int64) string {
	if s, ok := d.written[p]; ok {
		return s
	}
	return strconv.FormatInt(*p, 10)
}

// CheckDecimal is the decimal-precision stage for number member field
// holding text; wildcardPath is the property's path in the schema's
// decimalPropertyValidationInfos.
func (d *Decoder) CheckDecimal(text, field, wildcardPath string, totalDigits, decimalPlaces int) {
	dec, ok := validate.ParseDecimal(text)
	if !ok {
		d.V.NotADecimal(field, wildcardPath)
		return
	}
	if !dec.WithinPrecision(totalDigits, decimalPlaces) {
		d.V.DecimalOutOfRange(field, wildcardPath, totalDigits, decimalPlaces)
	}
}

// Equality starts collecting the values of one equality constraint.
func (d *Decoder) Equality() *validate.EqualityValues {
	d.pastDecimals = true
	d.equality.Reset()
	return &d.equality
}

// Keys starts collecting the item keys of one array under a uniqueness
// constraint.
func (d *Decoder) Keys() *validate.ItemKeys {
	d.pastDecimals = true
	d.keys.Reset()
	return &d.keys
}

// DuplicateItem reports item i of the array at arrayPath (a concrete path)
// as a repeat of an earlier item: to V, or, when the caller answers the
// reference-array uniqueness stage first (CheckWrite), to the errors it
// holds back. A nested constraint ("$.addresses[*].periods") is reported
// for the first parent item holding a repeat only, and, when its paths are
// checked one by one, for the first path repeated there only, as the API
// reports it. (No schema puts two constraints on one array.)
func (d *Decoder) DuplicateItem(arrayPath string, i int) {
	errs := &d.V.Errors
	if d.uniqueness != nil {
		errs = d.uniqueness
	}
	for _, e := range *errs {
		if sameArray(e.Path, arrayPath) {
			return
		}
	}
	_, field := splitLast(arrayPath)
	errs.Add(arrayPath, validate.DuplicateItemMessage(field, i))
}

// sameArray reports whether concrete paths a and b differ in their array
// indices only: the same nested array under other parent items.
func sameArray(a, b string) bool {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if a[i] != b[j] {
			return false
		}
		if a[i] == '[' {
			i = skipIndex(a, i+1)
			j = skipIndex(b, j+1)
			continue
		}
		i++
		j++
	}
	return i == len(a) && j == len(b)
}

// skipIndex returns the position of the ']' closing the index at i.
func skipIndex(s string, i int) int {
	for i < len(s) && s[i] != ']' {
		i++
	}
	return i
}

// compareNumbers compares two JSON number texts.
func compareNumbers(a, b string) int {
	fa, errA := strconv.ParseFloat(a, 64)
	fb, errB := strconv.ParseFloat(b, 64)
	if errA != nil || errB != nil {
		return 0
	}
	switch {
	case fa < fb:
		return -1
	case fa > fb:
		return 1
	}
	return 0
}

// splitLast splits a concrete path "$.a[0].b" into "$.a[0]" and "b".
func splitLast(path string) (string, string) {
	for i := len(path) - 1; i >= 0; i-- {
		if path[i] == '.' {
			return path[:i], path[i+1:]
		}
	}
	return "$", path
}
