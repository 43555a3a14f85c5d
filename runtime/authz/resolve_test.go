package authz

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/internal/refdata"
	"github.com/edfi-dmsc/dmsc/runtime/auth"
	"github.com/edfi-dmsc/dmsc/runtime/authz/claimschema"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// hierarchy is a claims document exercising the resolution rules: a
// domain grant inherited by its leaves, a leaf grant overriding an action
// of it, defaults nearest the leaf winning per action, and an action with
// no strategy anywhere.
const hierarchy = `{
  "claimSets": [{"claimSetName": "Vendor", "isSystemReserved": false}, {"claimSetName": "Reader", "isSystemReserved": false}],
  "claimsHierarchy": [{
    "name": "http://ed-fi.org/identity/claims/domains/things",
    "defaultAuthorization": {"actions": [
      {"name": "Create", "authorizationStrategies": [{"name": "NamespaceBased"}]},
      {"name": "Read", "authorizationStrategies": [{"name": "NoFurtherAuthorizationRequired"}]},
      {"name": "Delete", "authorizationStrategies": []}
    ]},
    "claimSets": [
      {"name": "Vendor", "actions": [{"name": "Create"}, {"name": "Read"}, {"name": "Delete"}]},
      {"name": "Reader", "actions": [{"name": "Read"}]}
    ],
    "claims": [
      {"name": "http://ed-fi.org/identity/claims/ed-fi/widget"},
      {"name": "http://ed-fi.org/identity/claims/ed-fi/gadget",
       "defaultAuthorization": {"actions": [{"name": "Read", "authorizationStrategies": [{"name": "NamespaceBased"}]}]},
       "claimSets": [{"name": "Vendor", "actions": [{"name": "Create", "authorizationStrategyOverrides": [{"name": "OwnershipBased"}]}, {"name": "Update"}]}]}
    ]
  }]
}`

func writeTemp(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func readDoc(t *testing.T, files ...string) *Document {
	t.Helper()
	s, err := claimschema.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := ReadFiles(s, files)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestResolveInheritsOverridesAndDefaults(t *testing.T) {
	p := Resolve(readDoc(t, writeTemp(t, "Claims.json", hierarchy)))
	vendor, _ := p.ClaimSet("vendor")
	reader, _ := p.ClaimSet("Reader")
	for _, c := range []struct {
		cs      *ClaimSetPolicy
		claim   string
		actions map[string][]string
		order   []string
	}{
		// Inherited from the domain, with the domain's defaults; Delete
		// has an empty default, so no strategy.
		{vendor, "widget", map[string][]string{"Create": {"NamespaceBased"}, "Read": {"NoFurtherAuthorizationRequired"}, "Delete": {}},
			[]string{"Create", "Read", "Delete"}},
		// The leaf's Create override wins, Update exists only there and
		// finds no default, Read takes the leaf's nearer default.
		{vendor, "gadget", map[string][]string{"Create": {"OwnershipBased"}, "Update": {}, "Read": {"NamespaceBased"}, "Delete": {}},
			[]string{"Create", "Update", "Read", "Delete"}},
		{reader, "widget", map[string][]string{"Read": {"NoFurtherAuthorizationRequired"}}, []string{"Read"}},
	} {
		got, ok := c.cs.Claim("http://ed-fi.org/identity/claims/ed-fi/" + strings.ToUpper(c.claim[:1]) + c.claim[1:])
		if !ok {
			t.Errorf("%s: no %s", c.cs.Name, c.claim)
			continue
		}
		if !reflect.DeepEqual(got.Actions, c.actions) || !reflect.DeepEqual(got.Order, c.order) {
			t.Errorf("%s %s: %v in order %v, want %v in order %v", c.cs.Name, c.claim, got.Actions, got.Order, c.actions, c.order)
		}
	}
	if p.HasClaim("http://ed-fi.org/identity/claims/domains/things") {
		t.Error("a domain with claims below it counted as a resource claim")
	}
}

func TestSchemaValidationNamesThePlace(t *testing.T) {
	s, err := claimschema.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(hierarchy, `"isSystemReserved": false}, {"claimSetName": "Reader"`, `"isSystemReserved": "no"}, {"claimSetName": "Reader"`, 1)
	err = s.Validate("bad.json", []byte(bad))
	if err == nil || !strings.Contains(err.Error(), "/claimSets/0/isSystemReserved") {
		t.Errorf("invalid isSystemReserved: %v", err)
	}
	extra := strings.Replace(hierarchy, `"name": "http://ed-fi.org/identity/claims/ed-fi/widget"`, `"name": "http://ed-fi.org/identity/claims/ed-fi/widget", "actions": []`, 1)
	if err := s.Validate("extra.json", []byte(extra)); err == nil || !strings.Contains(err.Error(), "actions") {
		t.Errorf("unknown member: %v", err)
	}
}

// TestReferenceClaimsValidate validates the reference's claims files with
// this project's schema and with the reference's, and the composition of
// the additional claim-set fragments.
func TestReferenceClaimsValidate(t *testing.T) {
	dir := refdata.Dir(t, "claims")
	ours, err := claimschema.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	theirs, err := claimschema.File(filepath.Join(dir, "JsonSchemaForClaims.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, std := range []string{"ds52", "ds61"} {
		body, err := os.ReadFile(filepath.Join(dir, "standards", std, "Claims.json"))
		if err != nil {
			t.Fatal(err)
		}
		for name, s := range map[string]*claimschema.Schema{"ours": ours, "the reference's": theirs} {
			if err := s.Validate(std, body); err != nil {
				t.Errorf("%s schema: %v", name, err)
			}
		}
	}
	fragments, err := filepath.Glob(filepath.Join(dir, "additional-claimsets", "*-claimset.json"))
	if err != nil || len(fragments) != 8 {
		t.Fatalf("additional claim sets: %d files (%v), want 8", len(fragments), err)
	}
	doc, err := ReadFiles(theirs, append([]string{filepath.Join(dir, "standards", "ds52", "Claims.json")}, fragments...))
	if err != nil {
		t.Fatal(err)
	}
	p := Resolve(doc)
	// 002 grants academicWeek to E2E-NoFurtherAuthRequiredClaimSet; 004
	// adds the Sample domain, which grants bus to EdFiSandbox.
	for _, c := range []struct{ claimSet, claim, action, strategy string }{
		{"E2E-NoFurtherAuthRequiredClaimSet", "http://ed-fi.org/identity/claims/ed-fi/academicWeek", "Create", "NoFurtherAuthorizationRequired"},
		{"E2E-NameSpaceBasedClaimSet", "http://ed-fi.org/identity/claims/ed-fi/survey", "Read", "NamespaceBased"},
		{"EdFiSandbox", "http://ed-fi.org/identity/claims/sample/bus", "ReadChanges", "NoFurtherAuthorizationRequired"},
	} {
		cs, _ := p.ClaimSet(c.claimSet)
		var got []string
		if cs != nil {
			if cp, ok := cs.Claim(c.claim); ok {
				got = cp.Actions[c.action]
			}
		}
		if !reflect.DeepEqual(got, []string{c.strategy}) {
			t.Errorf("%s %s %s: %v, want [%s]", c.claimSet, c.claim, c.action, got, c.strategy)
		}
	}
}

func TestFragmentRejectsAFullDocument(t *testing.T) {
	s, err := claimschema.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	base := writeTemp(t, "Claims.json", hierarchy)
	if _, err := ReadFiles(s, []string{base, base}); err == nil || !strings.Contains(err.Error(), "only the first file") {
		t.Errorf("two full documents: %v", err)
	}
}

func TestPrefixSuccessor(t *testing.T) {
	for _, c := range []struct {
		in, want string
		ok       bool
	}{
		{"uri://ed-fi.org", "uri://ed-fi.orh", true},
		{"uri://a\U0010FFFF", "uri://b", true},
		{"\U0010FFFF\U0010FFFF", "", false},
		{"x\uD7FF", "x\uE000", true},
		{"é", "ê", true},
	} {
		got, ok := prefixSuccessor(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("prefixSuccessor(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestAuthorizeAnswers(t *testing.T) {
	doc := readDoc(t, writeTemp(t, "Claims.json", strings.Replace(hierarchy,
		`{"name": "http://ed-fi.org/identity/claims/ed-fi/widget"}`,
		`{"name": "http://ed-fi.org/identity/claims/ed-fi/widget"}, {"name": "http://ed-fi.org/identity/claims/ed-fi/doohickey", "claimSets": [{"name": "Reader", "actions": [{"name": "Read", "authorizationStrategyOverrides": [{"name": "CustomView"}, {"name": "Other"}]}]}]}`, 1)))
	schema := &spec.Schema{}
	for _, name := range []string{"Widget", "Gadget", "Doohickey"} {
		schema.Resources = append(schema.Resources, &spec.Resource{ProjectEndpoint: "ed-fi", Endpoint: strings.ToLower(name) + "s", Name: name})
	}
	a := NewWithPolicy(schema, Resolve(doc), nil)
	vendor := &auth.Principal{ClaimSetName: "Vendor", NamespacePrefixes: []string{"uri://ed-fi.org"}}
	reader := &auth.Principal{ClaimSetName: "Reader"}
	for _, c := range []struct {
		p        *auth.Principal
		endpoint string
		action   auth.Action
		status   int
		errors   []string
	}{
		{reader, "widgets", auth.ActionRead, 0, nil},
		{vendor, "widgets", auth.ActionDelete, 500, []string{"No authorization strategies were defined for the requested action 'Delete' against resource URIs ['http://ed-fi.org/identity/claims/ed-fi/widget'] matched by the caller's claim 'http://ed-fi.org/identity/claims/ed-fi/widget'."}},
		// OwnershipBased: allowed, checked on the data (ownership_test.go).
		{vendor, "gadgets", auth.ActionCreate, 0, nil},
		// NamespaceBased on a resource without a Namespace element.
		{vendor, "widgets", auth.ActionCreate, 500, []string{"The 'NamespaceBased' authorization strategy is configured for resource 'Widget', which has no Namespace securable element outside collections."}},
		{reader, "doohickeys", auth.ActionRead, 500, []string{"Could not find authorization strategy implementations for the following strategy names: 'CustomView', 'Other'."}},
		{reader, "widgets", auth.ActionUpdate, 403, []string{"The API client's assigned claim set (currently 'Reader') must grant permission of the 'Update' action on one of the following resource claims: Widget"}},
	} {
		d, err := a.Authorize(t.Context(), c.p, auth.Target{Project: "ed-fi", Endpoint: c.endpoint}, c.action)
		var pd *problem.Details
		switch {
		case c.status == 0 && (err != nil || d == nil):
			t.Errorf("%s %s %s: %v, want allowed", c.p.ClaimSetName, c.action, c.endpoint, err)
		case c.status != 0 && (!errors.As(err, &pd) || pd.Status != c.status || !reflect.DeepEqual(pd.Errors, c.errors)):
			t.Errorf("%s %s %s: %v %v, want %d %v", c.p.ClaimSetName, c.action, c.endpoint, err, pd, c.status, c.errors)
		}
	}
	resources, services, ok := a.DescribeClaimSet("vendor")
	want := []auth.TokenInfoResource{{Resource: "/ed-fi/doohickeys", Operations: []string{"Create", "Read", "Delete"}}, {Resource: "/ed-fi/gadgets", Operations: []string{"Create", "Update", "Read", "Delete"}}, {Resource: "/ed-fi/widgets", Operations: []string{"Create", "Read", "Delete"}}}
	if !ok || !reflect.DeepEqual(resources, want) || len(services) != 0 {
		t.Errorf("DescribeClaimSet(vendor) = %v, %v, %v; want %v", resources, services, ok, want)
	}
}
