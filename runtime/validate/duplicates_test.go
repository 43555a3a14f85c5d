package validate

import (
	"strings"
	"testing"
)

func TestFirstDuplicateProperty(t *testing.T) {
	tests := []struct {
		body, want string
		found      bool
	}{
		{`{"a":1,"b":2}`, "", false},
		{`{"a":1,"a":2}`, "$.a", true},
		{`{"schoolId":1,"addresses":[{"city":"x"},{"city":"y","city":"z"}]}`, "$.addresses[1].city", true},
		{`{"a":{"b":[1,[2,{"c":1,"d":{},"c":2}]]}}`, "$.a.b[1][1].c", true},
		{`{"a":{"x":1},"b":{"x":1}}`, "", false},                 // same name in different objects
		{`{"a\u0062":1,"ab":2}`, "$.ab", true},                   // compared after unescaping
		{`{"first":{"a":1,"a":2},"first":3}`, "$.first.a", true}, // document order
		{` { "a" : [ ] , "b" : { } , "a" : null } `, "$.a", true},
		{`{"a":"x\"y","b":"}","a":1}`, "$.a", true},
		{`{"a":1,"b"`, "", false},   // malformed before any duplicate
		{`{"a":1,"a"`, "$.a", true}, // the scan stops at the duplicate
		{`[`, "", false},
		{``, "", false},
	}
	for _, tt := range tests {
		got, found := FirstDuplicateProperty([]byte(tt.body))
		if got != tt.want || found != tt.found {
			t.Errorf("%s: got %q, %v; want %q, %v", tt.body, got, found, tt.want, tt.found)
		}
	}
}

func TestFirstDuplicatePropertyLargeObjectAndDepth(t *testing.T) {
	var b strings.Builder
	b.WriteString("{")
	for i := 0; i < 5000; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`"p` + Ordinal(i) + `":1`)
	}
	b.WriteString(`,"p4999th":2}`)
	if got, found := FirstDuplicateProperty([]byte(b.String())); !found || got != "$.p4999th" {
		t.Fatalf("large object: got %q, %v", got, found)
	}
	deep := strings.Repeat("[", 100000) + strings.Repeat("]", 100000)
	if _, found := FirstDuplicateProperty([]byte(deep)); found {
		t.Fatal("a too deep body must not report a duplicate")
	}
}

func BenchmarkFirstDuplicatePropertyStudentBody(b *testing.B) {
	body := []byte(`{"studentUniqueId":"604822","birthDate":"2010-01-13","firstName":"Ann","lastSurname":"Lee",` +
		`"addresses":[{"addressTypeDescriptor":"uri://ed-fi.org/AddressTypeDescriptor#Home","city":"Austin","postalCode":"78701",` +
		`"stateAbbreviationDescriptor":"uri://ed-fi.org/StateAbbreviationDescriptor#TX","streetNumberName":"1 Main St",` +
		`"periods":[{"beginDate":"2020-01-01"}]}],"identificationDocuments":[],"_ext":{"sample":{"pets":[{"petName":"Rex","isFixed":true}]}}}`)
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, found := FirstDuplicateProperty(body); found {
			b.Fatal("no duplicate expected")
		}
	}
}
