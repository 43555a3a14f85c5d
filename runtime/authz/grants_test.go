package authz

import (
	"reflect"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/runtime/auth"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// TestGrantsDecideAsInFull: the decisions precomputed when a policy loads
// answer every claim set, resource and action exactly as the full decision
// does (which a claim set spelt in another case still takes), for clients
// with, without and with blank namespace prefixes; and they are used.
func TestGrantsDecideAsInFull(t *testing.T) {
	schema := &spec.Schema{}
	for _, name := range []string{"Widget", "Gadget"} {
		schema.Resources = append(schema.Resources, &spec.Resource{ProjectEndpoint: "ed-fi", Endpoint: strings.ToLower(name) + "s", Name: name})
	}
	// Gadget's Read is NamespaceBased for both claim sets.
	schema.Resources[1].Namespace = &spec.NamespaceAuthorization{Element: spec.NamespaceElement{JSONPath: "$.namespace", Column: "Namespace"}}
	a := NewWithPolicy(schema, Resolve(readDoc(t, writeTemp(t, "Claims.json", hierarchy))), nil)
	cur := a.current.Load()
	if _, ok := cur.grant("Reader", a.targets, auth.Target{Project: "ed-fi", Endpoint: "gadgets"}, auth.ActionRead); !ok {
		t.Fatal("no precomputed grant of Reader's NamespaceBased Read of gadgets")
	}
	allowed := 0
	for _, claimSet := range []string{"Vendor", "Reader", "Unknown"} {
		for _, prefixes := range [][]string{{"uri://ed-fi.org"}, nil, {"uri://ed-fi.org", " "}} {
			for _, r := range schema.Resources {
				for _, action := range actions {
					target := auth.Target{Project: r.ProjectEndpoint, Endpoint: r.Endpoint}
					d, err := a.Authorize(t.Context(), &auth.Principal{ClaimSetName: claimSet, NamespacePrefixes: prefixes}, target, action)
					// Another spelling of the name misses the grants.
					full, fullErr := a.Authorize(t.Context(), &auth.Principal{ClaimSetName: strings.ToUpper(claimSet), NamespacePrefixes: prefixes}, target, action)
					if !reflect.DeepEqual(d, full) || !reflect.DeepEqual(err, fullErr) {
						t.Errorf("%s %v %s %s: %v %v; in full %v %v", claimSet, prefixes, action, r.Name, d, err, full, fullErr)
					}
					if err == nil {
						allowed++
					}
				}
			}
		}
	}
	if allowed == 0 {
		t.Error("no request was allowed: the comparison compared denials only")
	}
}
