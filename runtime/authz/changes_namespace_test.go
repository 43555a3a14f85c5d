package authz_test

import (
	"net/http"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
)

const (
	namespacedLists     = "fixture/namespacedLists"
	arrayNamespaceLists = "fixture/arrayNamespaceLists"
)

// namespacedList is a NamespacedList body: the list's namespace on the
// root, and one entry per entry namespace.
func namespacedList(id int, namespace string, entryNamespaces ...string) map[string]any {
	entries := []any{}
	for _, ns := range entryNamespaces {
		entries = append(entries, map[string]any{"namespace": ns})
	}
	return map[string]any{"listId": id, "namespace": namespace, "entries": entries}
}

// TestChangesNamespaceElements runs NamespaceBased over HTTP on the
// Namespace securable elements of testdata/readchanges-subjects.ApiSchema.json
// that are not a single root path, on /deletes and /keyChanges and on the
// live routes alike (auth.md, "Namespace-based authorization strategy":
// the namespace of the root entity is authorized; epic 14 story 08 and
// epic 10 story 37: paths inside collections are not runtime subjects,
// and a resource with no root path fails closed):
//   - NamespacedList declares its entries' namespace before its root one:
//     the tracked rows are filtered by their old root namespace, whatever
//     the entries' namespaces (a key change by the namespace it left), and
//     the live routes by the stored root namespace, the same way;
//   - ArrayNamespaceList's only Namespace path is inside a collection
//     (DS 3.2a's GradebookEntry): the security configuration 500 on every
//     route, never the rows unfiltered.
func TestChangesNamespaceElements(t *testing.T) {
	schemas, claims := bundledSchema(t)
	p := provisionSchema(t, schemas[0], filepath.Join("testdata", changesSchema))
	const namespaced = "RC-Namespace"
	p.loadClaims(t, claimsWithClaimSets(t, claims, namespaced),
		fixtureDomainClaims(t, []string{"NamespacedList", "ArrayNamespaceList"}, map[string][]string{
			"FullAccess": {"NoFurtherAuthorizationRequired"}, namespaced: {"NamespaceBased"}}))
	a := startAPI(t, p)
	full := a.client("FullAccess")
	edFi, other := a.client(namespaced, "uri://ed-fi.org"), a.client(namespaced, "uri://other.org")

	// Tombstones: D1 in ed-fi with an entry in other, D2 the reverse, D3
	// in ed-fi with entries in both.
	d := map[string]string{}
	for _, e := range []struct {
		name string
		body map[string]any
	}{
		{"D1", namespacedList(1, edFiNamespace, otherNamespace)},
		{"D2", namespacedList(2, otherNamespace, edFiNamespace)},
		{"D3", namespacedList(3, edFiNamespace, edFiNamespace, otherNamespace)},
	} {
		d[e.name] = a.create(t, full, namespacedLists, e.body)
		a.remove(t, full, namespacedLists, d[e.name])
	}
	// Key changes: K1 moves from other to ed-fi with its entry in ed-fi,
	// K2 from ed-fi to other with its entry in other.
	k := map[string]string{}
	for _, e := range []struct {
		name          string
		before, after map[string]any
	}{
		{"K1", namespacedList(11, otherNamespace, edFiNamespace), namespacedList(11, edFiNamespace, edFiNamespace)},
		{"K2", namespacedList(12, edFiNamespace, otherNamespace), namespacedList(12, otherNamespace, otherNamespace)},
	} {
		k[e.name] = a.create(t, full, namespacedLists, e.before)
		a.do(t, full, "PUT", namespacedLists+"/"+k[e.name], withID(e.after, k[e.name])).expect(t, "PUT "+e.name, http.StatusNoContent)
	}
	// Live: L1 in ed-fi with an entry in other, L2 the reverse.
	l1 := a.create(t, full, namespacedLists, namespacedList(21, edFiNamespace, otherNamespace))
	l2 := a.create(t, full, namespacedLists, namespacedList(22, otherNamespace, edFiNamespace))

	// page checks a GET-many answer: the items want, in order, and their
	// count as Total-Count.
	page := func(t *testing.T, token, route string, want ...string) {
		t.Helper()
		res := a.do(t, token, "GET", route+"?totalCount=true", nil).expect(t, "GET "+route, http.StatusOK)
		if got := ids(t, res); !slices.Equal(got, want) || res.header.Get("Total-Count") != strconv.Itoa(len(want)) {
			t.Errorf("%s: %v (Total-Count %s), want %v", route, got, res.header.Get("Total-Count"), want)
		}
	}

	t.Run("RootAndCollection", func(t *testing.T) {
		page(t, edFi, namespacedLists+"/deletes", d["D1"], d["D3"])
		page(t, other, namespacedLists+"/deletes", d["D2"])
		// By the old root namespace: K1 was in other, K2 in ed-fi.
		page(t, edFi, namespacedLists+"/keyChanges", k["K2"])
		page(t, other, namespacedLists+"/keyChanges", k["K1"])
		page(t, edFi, namespacedLists, k["K1"], l1)
		page(t, other, namespacedLists, k["K2"], l2)
		a.do(t, edFi, "GET", namespacedLists+"/"+l1, nil).expect(t, "GET L1 in ed-fi", http.StatusOK)
		a.do(t, edFi, "GET", namespacedLists+"/"+l2, nil).expectProblem(t, "GET L2 in other", http.StatusForbidden,
			namespaceMismatch(true, "'uri://ed-fi.org'"))
	})

	t.Run("CollectionOnly", func(t *testing.T) {
		a.remove(t, full, arrayNamespaceLists, a.create(t, full, arrayNamespaceLists,
			map[string]any{"listId": 1, "entries": []any{map[string]any{"namespace": edFiNamespace}}}))
		want := securityConfigurationProblem("The 'NamespaceBased' authorization strategy is configured for resource 'ArrayNamespaceList', " +
			"which has no Namespace securable element outside collections.")
		for _, route := range []string{"/deletes", "/keyChanges", ""} {
			a.do(t, edFi, "GET", arrayNamespaceLists+route, nil).expectProblem(t, "GET "+arrayNamespaceLists+route, http.StatusInternalServerError, want)
		}
	})
}
