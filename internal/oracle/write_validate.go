package oracle

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/edfi-dmsc/dmsc/runtime/validate"
	"github.com/google/uuid"
)

// putID is a PUT body's "id" member, value (has: present and not null),
// and the URL's id it must name.
type putID struct {
	value any
	has   bool
	url   uuid.UUID
}

// schemaCheck records the schema errors of the update schema's "id"
// property, after the others as the reference lists them.
func (id *putID) schemaCheck(v *validate.Validator) {
	if !id.has {
		v.Errors.Add("$.id", "id is required.")
	} else if _, ok := id.value.(string); !ok {
		v.WrongType("id", jsonType(id.value), validate.TypeString)
	}
}

// mismatch reports a string "id" that does not name the URL's document.
func (id *putID) mismatch() bool {
	s, ok := id.value.(string)
	if !ok {
		return false
	}
	bodyID, err := uuid.Parse(s)
	return err != nil || bodyID != id.url
}

// validateBody validates doc against the write plan in the reference's
// stages (schema, decimal precision, a PUT's id, equality constraints),
// coercing values in place and dropping overposted members. It returns the
// 400 problem of the first failing stage, or nil. The array stages follow
// the flattening (checkArrays). id is nil for a POST.
func validateBody(w *spec.WritePlan, doc map[string]any, id *putID) *problem.Details {
	var v validate.Validator
	v.Reset()
	checkObject(&v, w.Body, doc, true)
	if id != nil {
		id.schemaCheck(&v)
	}
	if !v.Failed() {
		checkDecimals(&v, w.Body, doc)
	}
	if !v.Failed() && id != nil && id.mismatch() {
		return problem.IDMismatch()
	}
	if !v.Failed() {
		checkEquality(&v, w.Equality, doc)
	}
	if v.Failed() {
		return problem.DataValidation(v.Errors)
	}
	return nil
}

// checkObject validates the members of obj against object node n: drops
// members n does not declare and null members, reports missing required
// members, then checks the present members in schema order.
func checkObject(v *validate.Validator, n *spec.BodyNode, obj map[string]any, root bool) {
	for k, val := range obj {
		p := property(n, k)
		if p == nil || val == nil {
			delete(obj, k)
			continue
		}
		if root && p.Node.Kind == spec.BodyArray && emptyArray(val) {
			delete(obj, k)
		}
	}
	for _, req := range n.Required {
		if _, ok := obj[req]; !ok {
			v.Required(req)
		}
	}
	for _, p := range n.Properties {
		val, ok := obj[p.Name]
		if !ok {
			continue
		}
		if out, keep := checkValue(v, p.Name, p.Node, val); keep {
			obj[p.Name] = out
		}
	}
}

// property is the member of object node n named name, nil when none.
func property(n *spec.BodyNode, name string) *spec.BodyProperty {
	for i := range n.Properties {
		if n.Properties[i].Name == name {
			return &n.Properties[i]
		}
	}
	return nil
}

// emptyArray reports an array that is empty or holds only empty objects,
// which the reference treats as absent at the top level.
func emptyArray(val any) bool {
	arr, ok := val.([]any)
	if !ok {
		return false
	}
	for _, item := range arr {
		if m, ok := item.(map[string]any); !ok || len(m) > 0 {
			return false
		}
	}
	return true
}

// checkValue validates the value of property field against n and returns
// the (possibly coerced) value to store back.
func checkValue(v *validate.Validator, field string, n *spec.BodyNode, val any) (any, bool) {
	switch n.Kind {
	case spec.BodyObject:
		obj, ok := val.(map[string]any)
		if !ok {
			v.WrongType(field, jsonType(val), validate.TypeObject)
			return val, false
		}
		mark := v.Enter(field)
		checkObject(v, n, obj, false)
		v.Leave(mark)
		return obj, true
	case spec.BodyArray:
		arr, ok := val.([]any)
		if !ok {
			v.WrongType(field, jsonType(val), validate.TypeArray)
			return val, false
		}
		if len(arr) < n.MinItems {
			v.TooFewItems(field, n.MinItems)
		}
		mark := v.Enter(field)
		for i, item := range arr {
			arr[i] = checkItem(v, i, n.Items, item)
		}
		v.Leave(mark)
		return arr, true
	}
	out, ok := scalar(n, val)
	if !ok {
		v.WrongType(field, jsonType(val), expected(n))
		return val, false
	}
	checkScalar(v, field, n, &out)
	return out, true
}

// checkItem validates item i of the current array.
func checkItem(v *validate.Validator, i int, n *spec.BodyNode, item any) any {
	if n == nil {
		return item
	}
	switch n.Kind {
	case spec.BodyObject:
		obj, ok := item.(map[string]any)
		if !ok {
			v.WrongItemType(i, jsonType(item), validate.TypeObject)
			return item
		}
		mark := v.EnterItem(i)
		checkObject(v, n, obj, false)
		v.Leave(mark)
		return obj
	case spec.BodyArray:
		v.WrongItemType(i, jsonType(item), validate.TypeArray)
		return item
	}
	out, ok := scalar(n, item)
	if !ok {
		v.WrongItemType(i, jsonType(item), expected(n))
		return item
	}
	return out
}

func expected(n *spec.BodyNode) string {
	switch n.Kind {
	case spec.BodyInteger:
		return validate.TypeInteger
	case spec.BodyNumber:
		return validate.TypeNumber
	case spec.BodyBoolean:
		return validate.TypeBoolean
	}
	return validate.TypeString
}

// scalar coerces val to n's kind the way the reference's request coercion
// does and reports whether it has that kind.
func scalar(n *spec.BodyNode, val any) (any, bool) {
	switch n.Kind {
	case spec.BodyString:
		s, ok := val.(string)
		return s, ok
	case spec.BodyInteger:
		switch x := val.(type) {
		case json.Number:
			return x, validate.NumberType(string(x)) == validate.TypeInteger
		case string:
			if num, ok := validate.CoerceNumber(x); ok && validate.NumberType(num) == validate.TypeInteger {
				return json.Number(num), true
			}
		}
	case spec.BodyNumber:
		switch x := val.(type) {
		case json.Number:
			return x, true
		case string:
			if num, ok := validate.CoerceDecimal(x); ok {
				return json.Number(num), true
			}
		}
	case spec.BodyBoolean:
		switch x := val.(type) {
		case bool:
			return x, true
		case string:
			if b, ok := validate.CoerceBoolean(x); ok {
				return b, true
			}
		case json.Number:
			if b, ok := validate.CoerceBooleanNumber(string(x)); ok {
				return b, true
			}
		}
	}
	return val, false
}

// checkScalar applies a scalar's keywords; it may rewrite *val (trimmed
// descriptor text, normalized dates).
func checkScalar(v *validate.Validator, field string, n *spec.BodyNode, val *any) {
	switch x := (*val).(type) {
	case string:
		if validate.ContainsNUL(x) {
			v.NULCharacter(field)
			return
		}
		if n.TrimText {
			x = validate.TrimDescriptorText(x)
			*val = x
		}
		if !v.String(field, x, n.MinLength, n.MaxLength, n.Pattern) {
			return
		}
		switch n.Format {
		case spec.DateFormat:
			if s, ok := validate.CoerceSlashDate(x); ok {
				x = s
			}
			if !validate.IsDate(x) {
				v.BadFormat(field, "date")
				return
			}
			*val = x
		case spec.DateTimeFormat:
			if s, ok := validate.CoerceSlashDate(x); ok {
				x = s
			}
			s, ok := validate.NormalizeDateTime(x)
			if !ok {
				v.BadFormat(field, "date-time")
				return
			}
			*val = s
		case spec.TimeFormat:
			if !validate.IsTime(x) {
				v.BadFormat(field, "time")
			}
		}
	case json.Number:
		if n.Minimum != "" && compareNumbers(string(x), n.Minimum) < 0 {
			v.BelowMinimum(field, string(x), n.Minimum)
		}
		if n.Maximum != "" && compareNumbers(string(x), n.Maximum) > 0 {
			v.AboveMaximum(field, string(x), n.Maximum)
		}
		if n.Kind == spec.BodyInteger && n.Minimum == "" && n.Maximum == "" {
			// The storage column is a 32- or 64-bit integer: report a value it
			// cannot hold rather than failing in the database.
			bits := 64
			if n.Int32 {
				bits = 32
			}
			if _, err := strconv.ParseInt(validate.CanonicalDecimal(string(x)), 10, bits); err != nil {
				lo, hi := int64(-1)<<(bits-1), int64(1)<<(bits-1)-1
				if strings.HasPrefix(string(x), "-") {
					v.BelowMinimum(field, string(x), strconv.FormatInt(lo, 10))
				} else {
					v.AboveMaximum(field, string(x), strconv.FormatInt(hi, 10))
				}
			}
		}
	}
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

// checkDecimals is the decimal-precision stage.
func checkDecimals(v *validate.Validator, n *spec.BodyNode, obj map[string]any) {
	for _, p := range n.Properties {
		val, ok := obj[p.Name]
		if !ok {
			continue
		}
		switch p.Node.Kind {
		case spec.BodyObject:
			if o, ok := val.(map[string]any); ok {
				mark := v.Enter(p.Name)
				checkDecimals(v, p.Node, o)
				v.Leave(mark)
			}
		case spec.BodyArray:
			arr, _ := val.([]any)
			if p.Node.Items == nil || p.Node.Items.Kind != spec.BodyObject {
				continue
			}
			mark := v.Enter(p.Name)
			for i, item := range arr {
				if o, ok := item.(map[string]any); ok {
					im := v.EnterItem(i)
					checkDecimals(v, p.Node.Items, o)
					v.Leave(im)
				}
			}
			v.Leave(mark)
		default:
			r := p.Node.Decimal
			num, isNum := val.(json.Number)
			if r == nil || !isNum {
				continue
			}
			d, ok := validate.ParseDecimal(string(num))
			if !ok {
				v.NotADecimal(p.Name, r.Path)
				continue
			}
			if !d.WithinPrecision(r.TotalDigits, r.DecimalPlaces) {
				v.DecimalOutOfRange(p.Name, r.Path, r.TotalDigits, r.DecimalPlaces)
			}
		}
	}
}

// checkEquality is the equality-constraint stage.
func checkEquality(v *validate.Validator, cs []spec.EqualityConstraint, doc map[string]any) {
	var ev validate.EqualityValues
	var found []located
	for _, c := range cs {
		ev.Reset()
		found = collect(found[:0], doc, "$", c.SourceSteps)
		found = collect(found, doc, "$", c.TargetSteps)
		for _, l := range found {
			ev.Add(scalarText(l.value))
		}
		if ev.Conflict() {
			v.EqualityMismatch(c.SourcePath, c.TargetPath, ev.Values())
		}
	}
}

// checkUniqueness is the array-uniqueness stage: the first duplicate item
// of each constraint is reported (of a nested constraint, in the first
// parent item holding one; of one checked path by path, for the first path
// repeated there).
func checkUniqueness(errs *problem.ValidationErrors, cs []spec.UniquenessConstraint, doc map[string]any) {
	var arrays []located
	for _, c := range cs {
		passes := [][][]string{c.ItemSteps}
		if c.EachPathAlone {
			passes = passes[:0]
			for _, steps := range c.ItemSteps {
				passes = append(passes, [][]string{steps})
			}
		}
		arrays = collect(arrays[:0], doc, "$", c.ArraySteps)
	constraint:
		for _, a := range arrays {
			arr, ok := a.value.([]any)
			if !ok {
				continue
			}
			for _, pass := range passes {
				if i := firstRepeat(arr, pass); i >= 0 {
					parent, field := splitLast(a.path)
					errs.Add(parent+"."+field, "The "+validate.Ordinal(i+1)+" item of the "+field+
						" has the same identifying values as another item earlier in the list.")
					break constraint
				}
			}
		}
	}
}

// firstRepeat returns the index of the first item of arr whose values at
// itemSteps repeat an earlier item's, or -1.
func firstRepeat(arr []any, itemSteps [][]string) int {
	var keys validate.ItemKeys
	parts := make([]string, 0, len(itemSteps))
	for i, item := range arr {
		parts = parts[:0]
		for _, steps := range itemSteps {
			parts = append(parts, scalarText(valueAt(item, steps)))
		}
		if keys.Seen(validate.ItemKey(parts...)) {
			return i
		}
	}
	return -1
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

// scalarText is the text of a scalar value for comparisons and messages.
func scalarText(val any) string {
	switch x := val.(type) {
	case string:
		return x
	case json.Number:
		return string(x)
	case bool:
		return strconv.FormatBool(x)
	case nil:
		return ""
	}
	b, _ := json.Marshal(val)
	return string(b)
}
