package difftest

import (
	"bytes"
	"fmt"
	"math/big"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/edfi-dmsc/dmsc/compiler/jsonx"
	"github.com/edfi-dmsc/dmsc/runtime/server"
	"github.com/google/uuid"
)

// mutator derives the invalid and edge cases of one resource from a valid
// document, walking the document and the resource's schema together: every
// object (the root, nested objects, the first item of every array) and
// every scalar member it holds gets the mutations of its kind.
type mutator struct {
	rs    *resourceSchema
	base  *jsonx.Value
	set   int
	cases []Case
}

// loc locates a value in a document: member names and item indexes.
type loc []any

func (l loc) String() string {
	var b strings.Builder
	b.WriteByte('$')
	for _, s := range l {
		switch s := s.(type) {
		case string:
			b.WriteString("." + s)
		case int:
			b.WriteString("[" + strconv.Itoa(s) + "]")
		}
	}
	return b.String()
}

func (l loc) with(s any) loc { return append(slices.Clip(l), s) }

// JSON value constructors.
func str(s string) *jsonx.Value    { return jsonx.Str(s) }
func num(text string) *jsonx.Value { return &jsonx.Value{Kind: jsonx.Number, Text: text} }
func boolean(b bool) *jsonx.Value  { return jsonx.Boolean(b) }
func null() *jsonx.Value           { return jsonx.NullValue() }
func emptyObject() *jsonx.Value    { return jsonx.Obj() }
func emptyArray() *jsonx.Value     { return jsonx.Arr() }

// Markers replaced in the written body by text a JSON writer cannot
// produce from a string value.
const (
	invalidUTF8Marker = "\u2603INVALID-UTF8\u2603"
	surrogateMarker   = "\u2603LONE-SURROGATE\u2603"
	// overpostedMember is the name of an unknown member added to objects.
	overpostedMember = "overpostedMember"
)

// body writes a document: indented, members in document order.
func body(doc *jsonx.Value) []byte {
	b := jsonx.Indented(doc, jsonx.EscapeRelaxed)
	b = bytes.ReplaceAll(b, []byte(`"`+invalidUTF8Marker+`"`), []byte("\"a\xff\xfeb\""))
	return bytes.ReplaceAll(b, []byte(`"`+surrogateMarker+`"`), []byte(`"a\ud800b"`))
}

// add records a POST of doc.
func (m *mutator) add(name string, doc *jsonx.Value) {
	m.addRequest(name, Request{Method: http.MethodPost, Body: body(doc)})
}

func (m *mutator) addRequest(name string, req Request) {
	req.Resource = m.rs.key
	m.cases = append(m.cases, Case{Request: req, Name: name, Set: m.set})
}

// edit records a POST of a copy of the base document whose value at l
// change has changed in place.
func (m *mutator) edit(name string, l loc, change func(v *jsonx.Value)) {
	doc := clone(m.base)
	change(at(doc, l))
	m.add(name+":"+l.String(), doc)
}

// replace records a POST of the base document with the value at l
// replaced by v, or removed when v is nil.
func (m *mutator) replace(name string, l loc, v *jsonx.Value) {
	doc := clone(m.base)
	parent := at(doc, l[:len(l)-1])
	switch k := l[len(l)-1].(type) {
	case string:
		i := slices.IndexFunc(parent.Members, func(mem jsonx.Member) bool { return mem.Key == k })
		if v == nil {
			parent.Members = slices.Delete(parent.Members, i, i+1)
		} else {
			parent.Members[i].Value = v
		}
	case int:
		if v == nil {
			parent.Items = slices.Delete(parent.Items, k, k+1)
		} else {
			parent.Items[k] = v
		}
	}
	m.add(name+":"+l.String(), doc)
}

// replaceAll records one case per value.
func (m *mutator) replaceAll(name string, l loc, vs ...*jsonx.Value) {
	for _, v := range vs {
		m.replace(name+"="+show(v), l, v)
	}
}

// show names a value in a case name: long strings by their start and
// length.
func show(v *jsonx.Value) string {
	if v.Kind != jsonx.String {
		return string(jsonx.Canonical(v))
	}
	if r := []rune(v.Text); len(r) > 12 {
		return fmt.Sprintf("%q…(%d characters)", string(r[:4]), len(r))
	}
	return strconv.Quote(v.Text)
}

// at follows l from v.
func at(v *jsonx.Value, l loc) *jsonx.Value {
	for _, s := range l {
		switch s := s.(type) {
		case string:
			v = v.Get(s)
		case int:
			v = v.Items[s]
		}
	}
	return v
}

// memberAt returns the value at a wildcard-free path ("$.a.b") below v, or
// nil when it is absent.
func memberAt(v *jsonx.Value, path string) *jsonx.Value {
	for _, key := range strings.Split(strings.TrimPrefix(path, "$."), ".") {
		if v = v.Get(key); v == nil {
			return nil
		}
	}
	return v
}

// all derives every case of the resource.
func (m *mutator) all() {
	m.object(m.base, m.rs.body, nil, "$")
	m.whole()
	m.raw()
	m.put()
	m.limits()
}

// object mutates an object at l (wildcard path wild) and walks its members.
func (m *mutator) object(v, s *jsonx.Value, l loc, wild string) {
	if len(l) > 0 {
		m.replace("empty-object", l, emptyObject())
		m.replaceAll("type", l, str("x"), num("1"), boolean(true), emptyArray(), null())
	}
	for _, req := range s.Get("required").ArrayItems() {
		if v.Has(req.Text) {
			m.replace("required", l.with(req.Text), nil)
		}
	}
	m.edit("overposted", l, func(v *jsonx.Value) { setMember(v, overpostedMember, str("x")) })
	if slices.Contains(m.rs.references, wild) {
		m.edit("reference-unresolved", l, func(v *jsonx.Value) {
			for _, mem := range v.Members {
				if changed := different(mem.Value); changed != nil {
					mem.Value.Text = changed.Text
					return
				}
			}
		})
	}
	for _, mem := range v.Members {
		ps := s.Get("properties").Get(mem.Key)
		if ps == nil {
			continue
		}
		ml, mwild := l.with(mem.Key), wild+"."+mem.Key
		switch mem.Value.Kind {
		case jsonx.Object:
			m.object(mem.Value, ps, ml, mwild)
		case jsonx.Array:
			m.array(mem.Value, ps, ml, mwild)
		default:
			m.scalar(mem.Value, ps, ml, mwild)
		}
	}
}

// array mutates an array and walks its first item.
func (m *mutator) array(v, s *jsonx.Value, l loc, wild string) {
	m.replace("empty-array", l, emptyArray())
	m.replace("empty-items", l, jsonx.Arr(emptyObject()))
	m.replaceAll("type", l, str("x"), num("1"), boolean(true), emptyObject(), null())
	if len(v.Items) == 0 {
		return
	}
	m.edit("duplicate-item", l, func(v *jsonx.Value) { v.Items = append(v.Items, clone(v.Items[0])) })
	// A copy of the first item agreeing with it at one compared path only:
	// a repeat where the paths are compared one by one, none where they
	// are compared together.
	for _, paths := range m.rs.uniqueTogether[wild] {
		for _, kept := range paths {
			m.edit("duplicate-item-sharing:"+kept, l, func(v *jsonx.Value) {
				copied := clone(v.Items[0])
				for _, p := range paths {
					if val := memberAt(copied, p); p != kept && val != nil {
						if changed := different(val); changed != nil {
							*val = *changed
						}
					}
				}
				v.Items = append(v.Items, copied)
			})
		}
	}
	m.edit("reversed-items", l, func(v *jsonx.Value) { slices.Reverse(v.Items) })
	m.replaceAll("item-type", l.with(0), str("x"), num("1"), emptyArray(), null())
	if first := v.Items[0]; first.Kind == jsonx.Object {
		m.object(first, s.Get("items"), l.with(0), wild+"[*]")
	}
}

// scalar mutates a scalar member by the kind its schema declares.
func (m *mutator) scalar(v, s *jsonx.Value, l loc, wild string) {
	if slices.Contains(m.rs.equality, wild) {
		if changed := different(v); changed != nil {
			m.replace("equality", l, changed)
		}
	}
	switch s.Get("type").StringOr("") {
	case "string":
		m.replaceAll("type", l, num("1"), boolean(true), emptyObject(), emptyArray(), null())
		m.stringValue(v.Text, s, l, wild)
	case "integer":
		m.replaceAll("type", l, str("abc"), boolean(true), emptyObject(), emptyArray(), null())
		m.integer(v.Text, s, l)
	case "number":
		m.replaceAll("type", l, str("abc"), boolean(true), emptyObject(), emptyArray(), null())
		m.decimal(v.Text, l, m.rs.decimals[wild])
	case "boolean":
		m.replaceAll("type", l, str("yes"), num("2"), num("1.5"), emptyObject(), emptyArray(), null())
		m.replaceAll("coerced", l, str("true"), str("FALSE"), str(" True "), str("1"), str("0"), num("1"), num("0"), num("-0"))
	}
}

// stringValue covers lengths, outer whitespace, patterns, NUL, text the
// decoder must refuse, formats and descriptor URIs.
func (m *mutator) stringValue(text string, s *jsonx.Value, l loc, wild string) {
	if n := intOf(s.Get("maxLength")); s.Has("maxLength") {
		m.replaceAll("length", l, str(strings.Repeat("x", n)), str(strings.Repeat("x", n+1)),
			str(strings.Repeat("é", n)), str(strings.Repeat("é", n+1)), str(strings.Repeat("😀", n)))
	}
	if n := intOf(s.Get("minLength")); n > 1 {
		m.replace("length="+strconv.Itoa(n-1), l, str(strings.Repeat("x", n-1)))
	}
	m.replaceAll("text", l, str(""), str(" "+text), str(text+" "), str("\t"+text+"\n"), str("   "),
		str("a\u0000b"), str("line\nbreak"), str("\u00a0"+text), str(invalidUTF8Marker), str(surrogateMarker))
	switch s.Get("format").StringOr("") {
	case "date":
		m.replaceAll("date", l, str("2024-02-29"), str("2023-02-29"), str("2024-13-01"), str("2024-1-5"),
			str("5/1/2009"), str("05/31/2009"), str("31/5/2009"), str("1/5/09"), str("2009-05-01T00:00:00"), str(" 2009-05-01"))
	case "date-time":
		m.replaceAll("date-time", l, str("2009-05-01"), str("2009-05-01T10:30:00"), str("2009-05-01T10:30:00Z"),
			str("2009-05-01 10:30:00 PM"), str("2009-05-01T10:30:00.1234567+02:00"), str("5/1/2009 10:30:00 AM"),
			str("2009-05-01T25:00:00Z"), str("0001-01-01T00:00:00+01:00"), str("2009-05-01t10:30:00z"))
	case "time":
		m.replaceAll("time", l, str("10:30:00"), str("10:30"), str("10:30:00.5"), str("10:30:00Z"),
			str("10:30:00+02:00"), str("25:00:00"), str("10:60:00"), str("1030"))
	}
	if m.rs.descriptors[wild] {
		ns, code, _ := strings.Cut(text, "#")
		m.replaceAll("descriptor", l, str(strings.ToUpper(text)), str(ns), str(ns+"#"), str("#"+code),
			str(text+" "), str(ns+"x#"+code))
	}
}

// integer covers coercions, integral number forms and ranges.
func (m *mutator) integer(text string, s *jsonx.Value, l loc) {
	m.replaceAll("coerced", l, str(text), str(" "+text+" "), str("+"+text), str(text+".0"), str("4.5"), str("1e2"))
	m.replaceAll("number", l, num(text+".0"), num("1.5"), num("1e2"), num("-0"), num("0"))
	lo, hi := "-9223372036854775808", "9223372036854775807"
	switch s.Get("format").StringOr("") {
	case "int32":
		lo, hi = "-2147483648", "2147483647"
	case "":
		// The column of an integer without a format is 32-bit.
		m.replaceAll("column range", l, num("-2147483648"), num("2147483647"), num("-2147483649"), num("2147483648"))
	}
	m.replaceAll("range", l, num(lo), num(hi), num(step(lo, -1)), num(step(hi, 1)))
	for _, k := range []string{"minimum", "maximum"} {
		if b := s.Get(k); b != nil {
			m.replaceAll(k, l, num(b.Text), num(step(b.Text, -1)), num(step(b.Text, 1)))
		}
	}
}

// decimal covers coercions, number forms and the precision rule.
func (m *mutator) decimal(text string, l loc, d decimalInfo) {
	m.replaceAll("coerced", l, str(text), str(" "+text+" "), str("1,234.50"), str("1e2"), str("-0.0"), str(".5"))
	m.replaceAll("number", l, num("1e2"), num("1.50"), num("-0.0"), num("0.000001"), num(text+"0"))
	if d.totalDigits == 0 {
		return
	}
	digits := d.totalDigits - d.decimalPlaces
	nines := func(n int) string { return strings.Repeat("9", max(n, 1)) }
	largest := nines(digits)
	if d.decimalPlaces > 0 {
		largest += "." + nines(d.decimalPlaces)
	}
	m.replaceAll("precision", l, num(largest), num("-"+largest), num(nines(digits+1)),
		num("0."+strings.Repeat("1", d.decimalPlaces+1)), num("1."+strings.Repeat("0", d.decimalPlaces+1)),
		str(largest))
}

// step adds delta to an integer text that may lie beyond int64.
func step(text string, delta int64) string {
	n, ok := new(big.Int).SetString(text, 10)
	if !ok {
		return text
	}
	return n.Add(n, big.NewInt(delta)).String()
}

// different returns another valid-looking value of the same kind as v (a
// string with its last character changed, a number plus one), or nil.
func different(v *jsonx.Value) *jsonx.Value {
	switch v.Kind {
	case jsonx.String:
		r := []rune(v.Text)
		if len(r) == 0 {
			return nil
		}
		if r[len(r)-1] == 'X' {
			r[len(r)-1] = 'Y'
		} else {
			r[len(r)-1] = 'X'
		}
		return str(string(r))
	case jsonx.Number:
		if _, err := strconv.ParseInt(v.Text, 10, 64); err == nil {
			return num(step(v.Text, 1))
		}
	}
	return nil
}

// whole covers mutations of the whole document: member order, several
// errors at once, "_ext" oddities and "id".
func (m *mutator) whole() {
	reversed := clone(m.base)
	reverseMembers(reversed)
	m.add("order:reversed", reversed)

	multi := clone(m.base)
	breakFirstMembers(multi, m.rs.body)
	m.add("multi-error", multi)
	multiReversed := clone(multi)
	reverseMembers(multiReversed)
	m.add("multi-error:reversed", multiReversed)

	ext := clone(m.base)
	setMember(ensureObject(ext, "_ext"), "unknownProject", jsonx.Obj(jsonx.M("a", num("1"))))
	m.add("overposted:$._ext.unknownProject", ext)
	m.add("empty-object:$._ext", clone(m.base).With("_ext", emptyObject()))
	m.add("null:$._ext", clone(m.base).With("_ext", null()))

	for _, name := range []string{"id", "ID", "Id"} {
		m.add("post-with-id:"+name, clone(m.base).With(name, str(uuid.NewSHA1(uuid.Nil, []byte(m.rs.key)).String())))
	}
	dup := clone(m.base)
	dup.Members = append(dup.Members, dup.Members[0])
	m.add("duplicate-member:$."+dup.Members[0].Key, dup)
	nested := clone(m.base)
	if o := firstNestedObject(nested); o != nil && len(o.Members) > 0 {
		o.Members = append(o.Members, o.Members[0])
		m.add("duplicate-member:nested", nested)
	}
	deep := str("x")
	for range 300 {
		deep = jsonx.Arr(deep)
	}
	m.add("deep-nesting:$."+overpostedMember, clone(m.base).With(overpostedMember, deep))
}

// reverseMembers reverses the member order of every object.
func reverseMembers(v *jsonx.Value) {
	slices.Reverse(v.Members)
	for _, mem := range v.Members {
		reverseMembers(mem.Value)
	}
	for _, it := range v.Items {
		reverseMembers(it)
	}
}

// breakFirstMembers gives every object its mistakes: its first scalar
// member takes a wrong type, its first required member goes missing and an
// unknown member is added; nested objects and first items alike.
func breakFirstMembers(v, s *jsonx.Value) {
	if v.Kind == jsonx.Array {
		if len(v.Items) > 0 && v.Items[0].Kind == jsonx.Object {
			breakFirstMembers(v.Items[0], s.Get("items"))
		}
		return
	}
	if v.Kind != jsonx.Object || s == nil {
		return
	}
	if req := s.Get("required").ArrayItems(); len(req) > 0 {
		v.Members = slices.DeleteFunc(v.Members, func(mem jsonx.Member) bool { return mem.Key == req[0].Text })
	}
	broken := false
	for i, mem := range v.Members {
		ps := s.Get("properties").Get(mem.Key)
		switch {
		case ps == nil:
		case mem.Value.Kind == jsonx.Object || mem.Value.Kind == jsonx.Array:
			breakFirstMembers(mem.Value, ps)
		case !broken:
			v.Members[i].Value = emptyArray()
			broken = true
		}
	}
	setMember(v, overpostedMember, num("1"))
}

// firstNestedObject is the first object inside v (a member or an item).
func firstNestedObject(v *jsonx.Value) *jsonx.Value {
	for _, mem := range v.Members {
		switch mem.Value.Kind {
		case jsonx.Object:
			return mem.Value
		case jsonx.Array:
			if len(mem.Value.Items) > 0 && mem.Value.Items[0].Kind == jsonx.Object {
				return mem.Value.Items[0]
			}
		}
	}
	return nil
}

// rawBodies are bodies that are not a valid JSON object, and the raw-byte
// edge cases.
var rawBodies = []struct{ name, body string }{
	{"empty body", ""},
	{"blank body", " \n\t "},
	{"array", "[]"},
	{"string", `"x"`},
	{"number", "1"},
	{"null", "null"},
	{"true", "true"},
	{"empty object", "{}"},
	{"truncated", "{"},
	{"truncated member", `{"a":`},
	{"trailing data", "{} {}"},
	{"trailing garbage", "{}x"},
	{"duplicate member", `{"a":1,"a":2}`},
	{"invalid UTF-8 in a name", "{\"x\xff\":1}"},
	{"invalid UTF-8 in a value", "{\"a\":\"\xff\xfe\"}"},
	{"lone surrogate", `{"a":"\ud800"}`},
	{"lone low surrogate", `{"a":"\udc00x"}`},
	{"surrogate then escape", `{"a":"\ud800\u0041"}`},
	{"surrogate pair", `{"a":"\ud83d\ude00 é 日本","b":"😀"}`},
	{"byte order mark", "\xef\xbb\xbf{}"},
	{"single quotes", `{'a':1}`},
	{"comment", `{/* c */}`},
	{"control character in a string", "{\"a\":\"x\x01y\"}"},
	{"bad escape", `{"a":"\x"}`},
	{"leading zero", `{"a":01}`},
	{"NaN", `{"a":NaN}`},
}

// raw records the raw-body cases, and the base document with text the
// decoder must refuse spliced into its bytes.
func (m *mutator) raw() {
	for _, r := range rawBodies {
		m.addRequest("raw:"+r.name, Request{Method: http.MethodPost, Body: []byte(r.body)})
	}
	b := body(m.base)
	m.addRequest("raw:trailing data after the document", Request{Method: http.MethodPost, Body: append(slices.Clip(b), "{}"...)})
	m.addRequest("raw:document truncated", Request{Method: http.MethodPost, Body: b[:len(b)/2]})
}

// put records PUTs of the base document with and without a matching "id".
func (m *mutator) put() {
	id := baseID(m.rs.key)
	other := uuid.NewSHA1(uuid.NameSpaceOID, []byte(m.rs.key))
	for _, c := range []struct {
		name string
		doc  *jsonx.Value
	}{
		{"put", m.base},
		{"put:same id", m.base.With("id", str(id.String()))},
		{"put:same id in upper case", m.base.With("id", str(strings.ToUpper(id.String())))},
		{"put:same id as ID", m.base.With("ID", str(id.String()))},
		{"put:other id", m.base.With("id", str(other.String()))},
		{"put:id not a uuid", m.base.With("id", str("not-a-uuid"))},
		{"put:id a number", m.base.With("id", num("1"))},
		{"put:id null", m.base.With("id", null())},
	} {
		m.addRequest(c.name, Request{Method: http.MethodPut, ID: id, Body: body(c.doc)})
	}
	m.addRequest("put:empty body", Request{Method: http.MethodPut, ID: id})
}

// limits records bodies over small write guardrails: a long array, many
// items, a long array in an unknown member.
func (m *mutator) limits() {
	longArray := jsonx.Arr(num("1"), num("2"), num("3"))
	overposted := clone(m.base).With(overpostedMember, longArray)
	m.addRequest("limits:unknown member over collection-items", Request{Method: http.MethodPost, Body: body(overposted),
		Limits: server.WriteLimits{MaxCollectionItems: 2}})
	m.addRequest("limits:unknown member over document-items", Request{Method: http.MethodPost, Body: body(overposted),
		Limits: server.WriteLimits{MaxDocumentItems: 2}})
	doubled := clone(m.base)
	if !doubleFirstArray(doubled) {
		return
	}
	for _, c := range []struct {
		name   string
		limits server.WriteLimits
	}{
		{"collection-items", server.WriteLimits{MaxCollectionItems: 1}},
		{"document-items", server.WriteLimits{MaxDocumentItems: 1}},
		{"disabled", server.WriteLimits{MaxCollectionItems: -1, MaxDocumentItems: -1}},
	} {
		m.addRequest("limits:"+c.name, Request{Method: http.MethodPost, Body: body(doubled), Limits: c.limits})
	}
}

// doubleFirstArray appends a copy of the first item of the first non-empty
// array found depth-first; it reports whether there was one.
func doubleFirstArray(v *jsonx.Value) bool {
	if v.Kind == jsonx.Array && len(v.Items) > 0 {
		v.Items = append(v.Items, clone(v.Items[0]))
		return true
	}
	for _, mem := range v.Members {
		if doubleFirstArray(mem.Value) {
			return true
		}
	}
	return false
}
