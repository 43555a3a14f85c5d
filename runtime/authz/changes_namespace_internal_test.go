package authz

import (
	"errors"
	"net/http"
	"slices"
	"testing"

	"github.com/edfi-dmsc/dmsc/runtime/auth"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// TestReadChangesNamespaceUntracked: NamespaceBased on the ReadChanges of
// a resource whose tracked changes do not record its root namespace
// (ChangePlan.NamespaceColumn "", which no schema the compiler accepts
// produces, since the tracked table records every root Namespace path) is
// the security configuration 500 naming the element, as the reference's
// tracked namespace resolution, while its live actions stay authorized.
func TestReadChangesNamespaceUntracked(t *testing.T) {
	schema := &spec.Schema{Resources: []*spec.Resource{{ProjectEndpoint: "ed-fi", Endpoint: "gadgets", Name: "Gadget",
		Namespace: &spec.NamespaceAuthorization{Element: spec.NamespaceElement{JSONPath: "$.namespace", Column: "Namespace"}},
		Changes:   &spec.ChangePlan{Deletes: "SELECT 1"}}}}
	const claims = `{
  "claimSets": [{"claimSetName": "Vendor", "isSystemReserved": false}],
  "claimsHierarchy": [{
    "name": "http://ed-fi.org/identity/claims/domains/things",
    "defaultAuthorization": {"actions": [
      {"name": "Read", "authorizationStrategies": [{"name": "NamespaceBased"}]},
      {"name": "ReadChanges", "authorizationStrategies": [{"name": "NamespaceBased"}]}
    ]},
    "claimSets": [{"name": "Vendor", "actions": [{"name": "Read"}, {"name": "ReadChanges"}]}],
    "claims": [{"name": "http://ed-fi.org/identity/claims/ed-fi/gadget"}]
  }]
}`
	a := NewWithPolicy(schema, Resolve(readDoc(t, writeTemp(t, "Claims.json", claims))), nil)
	principal := &auth.Principal{ClaimSetName: "Vendor", NamespacePrefixes: []string{"uri://ed-fi.org"}}
	target := auth.Target{Project: "ed-fi", Endpoint: "gadgets"}
	if d, err := a.Authorize(t.Context(), principal, target, auth.ActionRead); err != nil || !slices.Equal(d.Strategies, []string{NamespaceBased}) {
		t.Fatalf("Read: %v %v, want NamespaceBased", d, err)
	}
	_, err := a.Authorize(t.Context(), principal, target, auth.ActionReadChanges)
	want := TrackedSubjectMissing("Gadget", NamespaceBased, "$.namespace")
	var pd *problem.Details
	if !errors.As(err, &pd) || pd.Status != http.StatusInternalServerError || pd.Type != want.Type || !slices.Equal(pd.Errors, want.Errors) {
		t.Errorf("ReadChanges: %v, want %s %v", err, want.Type, want.Errors)
	}
}
