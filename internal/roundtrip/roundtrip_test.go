package roundtrip

import (
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/compiler/jsonx"
)

func TestDiff(t *testing.T) {
	cases := []struct {
		name, sent, got, want string
	}{
		{"server members and links ignored",
			`{"a":1,"ref":{"x":"1"}}`,
			`{"id":"i","_etag":"e","_lastModifiedDate":"d","a":1,"ref":{"x":"1","link":{"rel":"R","href":"/h"}}}`, ""},
		{"numbers by value", `{"d":1.50}`, `{"d":1.5}`, ""},
		{"changed scalar", `{"a":"x"}`, `{"a":"y"}`, `$.a: sent "x", got "y"`},
		{"missing member", `{"a":1,"b":2}`, `{"a":1}`, `$.b: sent 2, missing in the response`},
		{"extra member", `{"a":1}`, `{"a":1,"c":true}`, `$.c: not sent, the response has true`},
		{"array order matters", `{"l":[{"k":1},{"k":2}]}`, `{"l":[{"k":2},{"k":1}]}`, `$.l[0].k: sent 1, got 2`},
		{"array length", `{"l":[1,2]}`, `{"l":[1]}`, `$.l: sent 2 items, got 1`},
		{"a link that is data is compared", `{"link":"x"}`, `{"link":"y"}`, `$.link: sent "x", got "y"`},
	}
	for _, c := range cases {
		got, err := Diff([]byte(c.sent), []byte(c.got))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got != c.want {
			t.Errorf("%s: Diff = %q, want %q", c.name, got, c.want)
		}
	}
}

// schoolLike is a resourceSchemas entry with every kind of member Mutate
// must leave alone, plus mutable ones.
const schoolLike = `{
  "isDescriptor": false,
  "identityJsonPaths": ["$.schoolId", "$.lea.leaId"],
  "documentPathsMapping": {
    "Category": {"isReference": true, "isDescriptor": true, "path": "$.categoryDescriptor"},
    "Lea": {"isReference": true, "isDescriptor": false, "referenceJsonPaths": [{"referenceJsonPath": "$.lea.leaId"}]}
  },
  "equalityConstraints": [{"sourceJsonPath": "$.linked", "targetJsonPath": "$.other[*].linked"}],
  "jsonSchemaForInsert": {"properties": {
    "schoolId": {"type": "integer"},
    "categoryDescriptor": {"type": "string"},
    "linked": {"type": "string"},
    "code": {"type": "string", "pattern": "^[A-Z]+$"},
    "kind": {"type": "string", "enum": ["a", "b"]},
    "opened": {"type": "string", "format": "date"},
    "name": {"type": "string", "pattern": "^(?!\\s).*(?<!\\s)$"},
    "active": {"type": "boolean"},
    "days": {"type": "integer", "format": "int32", "minimum": 0, "maximum": 5},
    "lea": {"type": "object", "properties": {"leaId": {"type": "integer"}, "leaName": {"type": "string"}}},
    "address": {"type": "object", "properties": {"city": {"type": "string"}}}
  }}
}`

func TestMutate(t *testing.T) {
	schema, err := jsonx.Parse([]byte(schoolLike))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		body, want string // want: Change.String(), "" for none
	}{
		{`{"schoolId":1,"categoryDescriptor":"uri#A","linked":"L","code":"AB","kind":"a","name":"Main","active":true,"days":5}`,
			`$.name "Main" -> "MaiX"`},
		{`{"schoolId":1,"name":"X"}`, `$.name "X" -> "Y"`},
		{`{"schoolId":1,"active":false,"days":1}`, `$.active false -> true`},
		{`{"schoolId":1,"days":5}`, `$.days 5 -> 4`},
		{`{"schoolId":1,"opened":"2024-02-28"}`, `$.opened "2024-02-28" -> "2024-02-29"`},
		{`{"schoolId":1,"lea":{"leaId":2,"leaName":"N"},"address":{"city":"Town"}}`, `$.address.city "Town" -> "TowX"`},
		{`{"schoolId":1,"categoryDescriptor":"uri#A","linked":"L","code":"AB","kind":"a","lea":{"leaId":2,"leaName":"N"}}`, ``},
	}
	for _, c := range cases {
		changed, change, ok, err := Mutate(schema, []byte(c.body))
		if err != nil {
			t.Fatalf("%s: %v", c.body, err)
		}
		switch {
		case c.want == "" && ok:
			t.Errorf("%s: changed %s, want no mutable member", c.body, change)
		case c.want != "" && !ok:
			t.Errorf("%s: no change, want %s", c.body, c.want)
		case ok && change.String() != c.want:
			t.Errorf("%s: changed %s, want %s", c.body, change, c.want)
		case ok:
			if d, _ := Diff([]byte(c.body), changed); !strings.HasPrefix(d, "$."+change.Member+":") {
				t.Errorf("%s: the changed body differs at %q, not only at the member", c.body, d)
			}
		}
	}
}

func TestDescriptorIdentityIsFixed(t *testing.T) {
	schema, err := jsonx.Parse([]byte(`{"isDescriptor": true, "identityJsonPaths": ["$.descriptor"],
	  "jsonSchemaForInsert": {"properties": {"namespace": {"type": "string"}, "codeValue": {"type": "string"},
	  "shortDescription": {"type": "string"}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	_, change, ok, err := Mutate(schema, []byte(`{"namespace":"uri://x","codeValue":"A","shortDescription":"S"}`))
	if err != nil || !ok || change.Member != "shortDescription" {
		t.Fatalf("Mutate = %v, %v, %v; want a shortDescription change", change, ok, err)
	}
}
