package authz_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/runtime/auth"
	"github.com/edfi-dmsc/dmsc/runtime/authz"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/google/uuid"
)

// The reference's bodies (ResourceActionAuthorizationMiddleware,
// ReadDescriptorsValidation.feature scenario 08, design-docs/auth.md
// §ProblemDetails).
const (
	bareForbidden           = `{"detail":"Access to the resource could not be authorized.","type":"urn:ed-fi:api:security:authorization:","title":"Authorization Denied","status":403,"validationErrors":{},"errors":[]}`
	missingSecurityMetadata = `{"detail":"A security configuration problem was detected. The request cannot be authorized.","type":"urn:ed-fi:api:system:configuration:security","title":"Security Configuration Error","status":500,"validationErrors":{},"errors":["No security metadata has been configured for this resource."]}`
	noNamespaces            = `{"detail":"There was a problem authorizing the request. The caller has not been configured correctly for accessing resources authorized by Namespace.","type":"urn:ed-fi:api:security:authorization:namespace:invalid-client:no-namespaces","title":"Authorization Denied","status":403,"validationErrors":{},"errors":["The API client has been given permissions on a resource that uses the 'NamespaceBased' authorization strategy but the client doesn't have any namespace prefixes assigned."]}`
)

func actionDenied(claimSet, action, resource string) string {
	return `{"detail":"Access to the resource could not be authorized.","type":"urn:ed-fi:api:security:authorization:access-denied:action","title":"Authorization Denied","status":403,"validationErrors":{},"errors":["The API client's assigned claim set (currently '` +
		claimSet + `') must grant permission of the '` + action + `' action on one of the following resource claims: ` + resource + `"]}`
}

func namespaceMismatch(existing bool, prefixes string) string {
	which := ""
	if existing {
		which = "existing "
	}
	return `{"detail":"Access to the requested data could not be authorized. The ` + which +
		`'Namespace' value of the data does not start with any of the caller's associated namespace prefixes (` + prefixes +
		`).","type":"urn:ed-fi:api:security:authorization:namespace:access-denied:namespace-mismatch","title":"Authorization Denied","status":403,"validationErrors":{},"errors":[]}`
}

func startBundled(t *testing.T) *api {
	t.Helper()
	schemas, claims := bundledSchema(t)
	p := provisionSchema(t, schemas...)
	rep := p.loadClaims(t, claims)
	if len(rep.Coverage.Uncovered) != 0 || len(rep.Coverage.UnknownClaims) != 0 {
		t.Fatalf("schemas/default/claims.json does not cover the bundled schema exactly: uncovered %v, unknown %v", rep.Coverage.Uncovered, rep.Coverage.UnknownClaims)
	}
	return startAPI(t, p)
}

// TestBundledClaimSetsAllowAndDenyEachAction runs every action on a
// resource, a descriptor and tracked changes under each bundled claim set.
func TestBundledClaimSetsAllowAndDenyEachAction(t *testing.T) {
	a := startBundled(t)
	full, readOnly, sis, ns := a.client("FullAccess"), a.client("ReadOnly"), a.client("SISVendor"), a.client("NamespaceVendor", "uri://ed-fi.org")
	bus := a.do(t, full, "POST", "sample/buses", map[string]any{"busId": "B1"}).expect(t, "FullAccess POST bus", http.StatusCreated).id()
	busPath := "sample/buses/" + bus
	missing := uuid.NewString()

	cases := []struct {
		name, token, method, path string
		body                      any
		status                    int
		problem                   string
	}{
		{"ReadOnly reads", readOnly, "GET", busPath, nil, http.StatusOK, ""},
		{"ReadOnly queries", readOnly, "GET", "sample/buses", nil, http.StatusOK, ""},
		{"ReadOnly reads changes", readOnly, "GET", "sample/buses/deletes", nil, http.StatusOK, ""},
		{"ReadOnly creates", readOnly, "POST", "sample/buses", map[string]any{"busId": "B2"}, http.StatusForbidden, actionDenied("ReadOnly", "Create", "Bus")},
		{"ReadOnly updates", readOnly, "PUT", busPath, map[string]any{"id": bus, "busId": "B1"}, http.StatusForbidden, actionDenied("ReadOnly", "Update", "Bus")},
		{"ReadOnly deletes", readOnly, "DELETE", busPath, nil, http.StatusForbidden, actionDenied("ReadOnly", "Delete", "Bus")},
		{"SISVendor creates", sis, "POST", "sample/buses", map[string]any{"busId": "B3"}, http.StatusCreated, ""},
		{"SISVendor updates", sis, "PUT", busPath, map[string]any{"id": bus, "busId": "B1"}, http.StatusNoContent, ""},
		{"SISVendor reads changes", sis, "GET", "sample/buses/keyChanges", nil, http.StatusOK, ""},
		{"SISVendor reads descriptors", sis, "GET", "ed-fi/gradeLevelDescriptors", nil, http.StatusOK, ""},
		{"SISVendor creates descriptors", sis, "POST", "ed-fi/gradeLevelDescriptors", gradeLevel("uri://ed-fi.org", "Ninth"), http.StatusForbidden, actionDenied("SISVendor", "Create", "GradeLevelDescriptor")},
		// Authorization comes before the handler: a missing id is denied too.
		{"SISVendor deletes schools", sis, "DELETE", "ed-fi/schools/" + missing, nil, http.StatusForbidden, actionDenied("SISVendor", "Delete", "School")},
		{"SISVendor reads school changes", sis, "GET", "ed-fi/schools/deletes", nil, http.StatusForbidden, actionDenied("SISVendor", "ReadChanges", "School")},
		{"NamespaceVendor has no claim on buses", ns, "GET", "sample/buses", nil, http.StatusForbidden, bareForbidden},
		{"NamespaceVendor reads descriptor changes", ns, "GET", "ed-fi/gradeLevelDescriptors/deletes", nil, http.StatusOK, ""},
		{"unknown claim set", a.client("NoSuchClaimSet"), "GET", "sample/buses", nil, http.StatusInternalServerError, missingSecurityMetadata},
		{"FullAccess deletes", full, "DELETE", busPath, nil, http.StatusNoContent, ""},
		{"FullAccess deletes a missing bus", full, "DELETE", busPath, nil, http.StatusNotFound, ""},
	}
	for _, c := range cases {
		r := a.do(t, c.token, c.method, c.path, c.body)
		if c.problem != "" {
			r.expectProblem(t, c.name, c.status, c.problem)
		} else {
			r.expect(t, c.name, c.status)
		}
	}
}

func gradeLevel(namespace, code string) map[string]any {
	return map[string]any{"namespace": namespace + "/GradeLevelDescriptor", "codeValue": code, "shortDescription": code}
}

// TestBundledDescriptorNamespaceAuthorization checks NamespaceBased on
// descriptors: the request body's namespace on POST, the stored one on
// GET, PUT and DELETE, and the GET-many filter.
func TestBundledDescriptorNamespaceAuthorization(t *testing.T) {
	a := startBundled(t)
	full := a.client("FullAccess")
	edfi := a.client("NamespaceVendor", "uri://ed-fi.org", "uri://ns2.org")
	other := a.do(t, full, "POST", "ed-fi/gradeLevelDescriptors", gradeLevel("uri://other.org", "Tenth")).expect(t, "FullAccess POST", http.StatusCreated).id()
	own := a.do(t, edfi, "POST", "ed-fi/gradeLevelDescriptors", gradeLevel("uri://ed-fi.org", "Tenth")).expect(t, "POST in own namespace", http.StatusCreated).id()
	mismatch := namespaceMismatch(false, "'uri://ed-fi.org', 'uri://ns2.org'")
	existing := namespaceMismatch(true, "'uri://ed-fi.org', 'uri://ns2.org'")

	a.do(t, edfi, "POST", "ed-fi/gradeLevelDescriptors", gradeLevel("uri://other.org", "Eleventh")).expectProblem(t, "POST in another namespace", http.StatusForbidden, mismatch)
	// An upsert of an existing descriptor is checked against the stored one.
	a.do(t, edfi, "POST", "ed-fi/gradeLevelDescriptors", gradeLevel("uri://other.org", "Tenth")).expectProblem(t, "POST over another namespace's descriptor", http.StatusForbidden, existing)
	a.do(t, edfi, "GET", "ed-fi/gradeLevelDescriptors/"+own, nil).expect(t, "GET own", http.StatusOK)
	a.do(t, edfi, "GET", "ed-fi/gradeLevelDescriptors/"+other, nil).expectProblem(t, "GET other", http.StatusForbidden, existing)
	// The stored namespace is checked before a 304 too.
	ownTag := a.do(t, edfi, "GET", "ed-fi/gradeLevelDescriptors/"+own, nil).header.Get("ETag")
	a.do(t, edfi, "GET", "ed-fi/gradeLevelDescriptors/"+own, nil, "If-None-Match", ownTag).expect(t, "GET own not modified", http.StatusNotModified)
	otherTag := a.do(t, full, "GET", "ed-fi/gradeLevelDescriptors/"+other, nil).expect(t, "FullAccess GET", http.StatusOK).header.Get("ETag")
	a.do(t, edfi, "GET", "ed-fi/gradeLevelDescriptors/"+other, nil, "If-None-Match", otherTag).expectProblem(t, "GET other not modified", http.StatusForbidden, existing)
	body := gradeLevel("uri://other.org", "Tenth")
	body["id"] = other
	a.do(t, edfi, "PUT", "ed-fi/gradeLevelDescriptors/"+other, body).expectProblem(t, "PUT other", http.StatusForbidden, existing)
	a.do(t, edfi, "DELETE", "ed-fi/gradeLevelDescriptors/"+other, nil).expectProblem(t, "DELETE other", http.StatusForbidden, existing)

	if got := ids(t, a.do(t, edfi, "GET", "ed-fi/gradeLevelDescriptors", nil).expect(t, "GET many", http.StatusOK)); len(got) != 1 || got[0] != own {
		t.Errorf("GET many under uri://ed-fi.org and uri://ns2.org: %v, want only %s", got, own)
	}
	if got := ids(t, a.do(t, edfi, "GET", "ed-fi/gradeLevelDescriptors?namespace=uri://other.org/GradeLevelDescriptor", nil).expect(t, "GET many filtered", http.StatusOK)); len(got) != 0 {
		t.Errorf("GET many of another namespace: %v, want none", got)
	}
	// LIKE would read '_' as any character; the prefix is matched exactly.
	underscore := a.client("NamespaceVendor", "uri://ed_fi")
	if got := ids(t, a.do(t, underscore, "GET", "ed-fi/gradeLevelDescriptors", nil).expect(t, "GET many uri://ed_fi", http.StatusOK)); len(got) != 0 {
		t.Errorf("GET many under uri://ed_fi: %v, want none", got)
	}
	a.do(t, underscore, "GET", "ed-fi/gradeLevelDescriptors/"+own, nil).expectProblem(t, "GET under uri://ed_fi", http.StatusForbidden, namespaceMismatch(true, "'uri://ed_fi'"))
	a.do(t, a.client("NamespaceVendor"), "GET", "ed-fi/gradeLevelDescriptors", nil).expectProblem(t, "no prefixes", http.StatusForbidden, noNamespaces)

	a.do(t, edfi, "DELETE", "ed-fi/gradeLevelDescriptors/"+own, nil).expect(t, "DELETE own", http.StatusNoContent)
	a.do(t, full, "GET", "ed-fi/gradeLevelDescriptors/"+other, nil).expect(t, "the other descriptor is still there", http.StatusOK)
}

// ids are the ids of a GET-many answer.
func ids(t testing.TB, r response) []string {
	t.Helper()
	var docs []struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(r.body, &docs); err != nil {
		t.Fatalf("GET many body: %v: %s", err, r.body)
	}
	out := make([]string, len(docs))
	for i, d := range docs {
		out[i] = d.ID
	}
	return out
}

// TestServerPicksUpClaimLoads: a server starting on a database without
// claims denies with the 500 of missing security metadata, and a refresh
// after `claims load` (what the server runs every 30 s) serves the new
// claims; a later load replaces them.
func TestServerPicksUpClaimLoads(t *testing.T) {
	schemas, claims := bundledSchema(t)
	p := provisionSchema(t, schemas...)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	authorizer, describer, err := authz.Factory(p.schema)(ctx, p.pool, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	reader := &auth.Principal{ClaimSetName: "ReadOnly"}
	buses := auth.Target{Project: "sample", Endpoint: "buses"}
	var pd *problem.Details
	if _, err := authorizer.Authorize(ctx, reader, buses, auth.ActionRead); !errors.As(err, &pd) || pd.Status != http.StatusInternalServerError {
		t.Errorf("before any load: %v, want the 500 of missing security metadata", err)
	}
	if _, _, ok := describer.DescribeClaimSet("ReadOnly"); ok {
		t.Error("before any load, token_info describes ReadOnly")
	}
	p.loadClaims(t, claims)
	a := authorizer.(*authz.Authorizer)
	if err := a.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := authorizer.Authorize(ctx, reader, buses, auth.ActionRead); err != nil {
		t.Errorf("after the load: %v", err)
	}
	// A load without the ReadOnly claim set replaces the one before.
	withoutReadOnly := filepath.Join(t.TempDir(), "claims.json")
	body, err := os.ReadFile(claims)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(withoutReadOnly, bytes.ReplaceAll(body, []byte(`"ReadOnly"`), []byte(`"Viewer"`)), 0o644); err != nil {
		t.Fatal(err)
	}
	p.loadClaims(t, withoutReadOnly)
	if err := a.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := authorizer.Authorize(ctx, reader, buses, auth.ActionRead); !errors.As(err, &pd) || pd.Status != http.StatusInternalServerError {
		t.Errorf("after a load without ReadOnly: %v, want the 500 of missing security metadata", err)
	}
}

// changeItem is one item of a /deletes or /keyChanges answer.
type changeItem struct {
	ID        string            `json:"id"`
	KeyValues map[string]string `json:"keyValues"`
}

// TestBundledDescriptorChangesNamespaceAuthorization checks NamespaceBased
// ReadChanges over HTTP: /deletes answers only the tombstones whose
// recorded namespace starts with one of the client's prefixes, the filter
// applying before paging and Total-Count; /keyChanges (empty for
// descriptors, whose key never changes) is allowed; the live
// change-version window of a GET-many is filtered as well.
func TestBundledDescriptorChangesNamespaceAuthorization(t *testing.T) {
	a := startBundled(t)
	full := a.client("FullAccess")
	edfi := a.client("NamespaceVendor", "uri://ed-fi.org")
	other := a.client("NamespaceVendor", "uri://other.org")
	deleted := map[string][]string{}
	for _, d := range []struct{ namespace, code string }{
		{"uri://ed-fi.org", "Ninth"}, {"uri://other.org", "Ninth"}, {"uri://ed-fi.org", "Tenth"}, {"uri://other.org.uk", "Tenth"},
	} {
		id := a.do(t, full, "POST", "ed-fi/gradeLevelDescriptors", gradeLevel(d.namespace, d.code)).expect(t, "POST "+d.namespace, http.StatusCreated).id()
		a.do(t, full, "DELETE", "ed-fi/gradeLevelDescriptors/"+id, nil).expect(t, "DELETE "+d.namespace, http.StatusNoContent)
		deleted[d.namespace] = append(deleted[d.namespace], id)
	}
	live := a.do(t, full, "POST", "ed-fi/gradeLevelDescriptors", gradeLevel("uri://other.org", "Eleventh")).expect(t, "POST live", http.StatusCreated).id()

	deletes := func(token, query string) ([]changeItem, string) {
		t.Helper()
		r := a.do(t, token, "GET", "ed-fi/gradeLevelDescriptors/deletes?totalCount=true"+query, nil).expect(t, "GET deletes", http.StatusOK)
		var items []changeItem
		if err := json.Unmarshal(r.body, &items); err != nil {
			t.Fatalf("deletes body: %v: %s", err, r.body)
		}
		return items, r.header.Get("Total-Count")
	}
	itemIDs := func(items []changeItem) []string {
		out := make([]string, len(items))
		for i, it := range items {
			out[i] = it.ID
		}
		return out
	}
	if items, total := deletes(edfi, ""); !slices.Equal(itemIDs(items), deleted["uri://ed-fi.org"]) || total != "2" {
		t.Errorf("deletes under uri://ed-fi.org: %v (Total-Count %s), want %v (2)", items, total, deleted["uri://ed-fi.org"])
	} else if ns := items[0].KeyValues["namespace"]; !strings.HasPrefix(ns, "uri://ed-fi.org/") {
		t.Errorf("keyValues.namespace %q", ns)
	}
	// A prefix is a string prefix, as on live data: uri://other.org covers
	// uri://other.org.uk.
	want := append(append([]string(nil), deleted["uri://other.org"]...), deleted["uri://other.org.uk"]...)
	if items, total := deletes(other, ""); !slices.Equal(itemIDs(items), want) || total != "2" {
		t.Errorf("deletes under uri://other.org: %v (Total-Count %s), want %v (2)", items, total, want)
	}
	// Paging counts the client's rows only.
	if items, total := deletes(edfi, "&offset=1&limit=1"); !slices.Equal(itemIDs(items), deleted["uri://ed-fi.org"][1:]) || total != "2" {
		t.Errorf("second page under uri://ed-fi.org: %v (Total-Count %s), want %v (2)", items, total, deleted["uri://ed-fi.org"][1:])
	}
	if items, total := deletes(full, ""); len(items) != 4 || total != "4" {
		t.Errorf("FullAccess (NoFurtherAuthorizationRequired) deletes: %d items (Total-Count %s), want 4", len(items), total)
	}
	a.do(t, edfi, "GET", "ed-fi/gradeLevelDescriptors/keyChanges", nil).expect(t, "keyChanges", http.StatusOK)
	a.do(t, a.client("NamespaceVendor"), "GET", "ed-fi/gradeLevelDescriptors/deletes", nil).expectProblem(t, "deletes without prefixes", http.StatusForbidden, noNamespaces)

	window := "ed-fi/gradeLevelDescriptors?minChangeVersion=0&maxChangeVersion=9223372036854775807"
	if got := ids(t, a.do(t, edfi, "GET", window, nil).expect(t, "GET window uri://ed-fi.org", http.StatusOK)); len(got) != 0 {
		t.Errorf("live window under uri://ed-fi.org: %v, want none", got)
	}
	if got := ids(t, a.do(t, other, "GET", window, nil).expect(t, "GET window uri://other.org", http.StatusOK)); !slices.Equal(got, []string{live}) {
		t.Errorf("live window under uri://other.org: %v, want %s", got, live)
	}
}
