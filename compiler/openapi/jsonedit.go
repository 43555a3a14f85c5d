package openapi

import (
	"fmt"
	"strings"

	"github.com/edfi-dmsc/dmsc/compiler/jsonx"
)

// The assembly edits one document in place, the way the reference mutates
// its JSON node tree: members keep the position they had, and new members
// go to the end of their object. Everything taken from an ApiSchema is
// deep-copied first, so the loaded schema set is never modified.

// object returns v when it is a JSON object, and nil otherwise.
func object(v *jsonx.Value) *jsonx.Value {
	if v == nil || v.Kind != jsonx.Object {
		return nil
	}
	return v
}

// array returns v when it is a JSON array, and nil otherwise.
func array(v *jsonx.Value) *jsonx.Value {
	if v == nil || v.Kind != jsonx.Array {
		return nil
	}
	return v
}

// requireObject returns the object at the dotted path below root, or an
// error naming the path the way the reference's messages do.
func requireObject(root *jsonx.Value, path ...string) (*jsonx.Value, error) {
	cur := root
	for _, p := range path {
		cur = cur.Get(p)
	}
	if object(cur) == nil {
		return nil, fmt.Errorf("OpenAPI document has no object at '$.%s'", strings.Join(path, "."))
	}
	return cur, nil
}

// emptyObjectSchema is the placeholder schema the reference creates for
// extension containers: {"type": "object", "properties": {}}.
func emptyObjectSchema() *jsonx.Value {
	return jsonx.Obj(jsonx.M("type", jsonx.Str("object")), jsonx.M("properties", jsonx.Obj()))
}

// schemaRef is {"$ref": "#/components/schemas/<name>"}.
func schemaRef(name string) *jsonx.Value {
	return jsonx.Obj(jsonx.M("$ref", jsonx.Str(schemaRefPrefix+name)))
}

const schemaRefPrefix = "#/components/schemas/"

// refTarget returns the component schema name a "#/components/schemas/…"
// reference points to, or "" for any other reference.
func refTarget(ref string) string {
	if name, ok := strings.CutPrefix(ref, schemaRefPrefix); ok {
		return name
	}
	return ""
}
