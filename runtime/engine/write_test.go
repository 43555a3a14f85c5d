package engine_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/edfi-dmsc/dmsc/compiler/fake"
	"github.com/edfi-dmsc/dmsc/runtime/etag"
	"github.com/google/uuid"

	"github.com/edfi-dmsc/dmsc/compiler/ddl/ddlfixtures"
	"github.com/edfi-dmsc/dmsc/compiler/effschema"
	"github.com/edfi-dmsc/dmsc/compiler/load"
	"github.com/edfi-dmsc/dmsc/compiler/relmodel"
	"github.com/edfi-dmsc/dmsc/internal/refdata"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// TestPostEveryBundledResource POSTs a generated document of every resource
// of the bundled schema in file order, then POSTs them all again: the
// second round must update (200) without moving any ContentVersion.
func TestPostEveryBundledResource(t *testing.T) {
	e := bundledEnv(t)
	docs := fakeDocs(t, e.set, 1)
	versions := make([]int64, len(docs))
	var trips, descTrips, n, nd int64
	for i, d := range docs {
		res := e.resourceAt(t, d.Project, d.Resource)
		out, rt, err := e.post(t, res, d.Body)
		if err != nil {
			t.Fatalf("POST %s/%s: %v %s\nbody: %s", d.Project, d.Resource, err, problemJSON(err), d.Body)
		}
		if !out.Created {
			t.Errorf("POST %s/%s: not created", d.Project, d.Resource)
		}
		versions[i] = out.ContentVersion
		if res.IsDescriptor {
			descTrips, nd = descTrips+rt, nd+1
		} else {
			trips, n = trips+rt, n+1
		}
	}
	t.Logf("%d documents (%d descriptors) created; round trips per create: resource %.2f, descriptor %.2f",
		len(docs), nd, float64(trips)/float64(n), float64(descTrips)/float64(nd))
	trips, n = 0, 0
	for i, d := range docs {
		res := e.resourceAt(t, d.Project, d.Resource)
		out, rt, err := e.post(t, res, d.Body)
		if err != nil {
			t.Fatalf("re-POST %s/%s: %v", d.Project, d.Resource, err)
		}
		if out.Created || out.ContentVersion != versions[i] {
			t.Errorf("re-POST %s/%s: created=%v version %d → %d", d.Project, d.Resource, out.Created, versions[i], out.ContentVersion)
		}
		trips, n = trips+rt, n+1
	}
	t.Logf("round trips per no-op upsert: %.2f", float64(trips)/float64(n))
}

// TestPostEveryDS32aResource POSTs a generated document of every resource of
// the full DS 3.2a core (265 resources plus descriptors).
func TestPostEveryDS32aResource(t *testing.T) {
	if testing.Short() {
		t.Skip("provisions the full DS 3.2a core")
	}
	e := newEnv(t, refdata.File(t, refdata.DS32aCoreSchema))
	docs := fakeDocs(t, e.set, 1)
	var trips, n int64
	failed := 0
	for _, d := range docs {
		res := e.resourceAt(t, d.Project, d.Resource)
		_, rt, err := e.post(t, res, d.Body)
		if err != nil {
			failed++
			t.Errorf("POST %s/%s: %v %s\nbody: %s", d.Project, d.Resource, err, problemJSON(err), d.Body)
			continue
		}
		trips, n = trips+rt, n+1
	}
	t.Logf("DS 3.2a: %d of %d documents POSTed; %.2f round trips per POST", len(docs)-failed, len(docs), float64(trips)/float64(n))
}

// TestPostCollectionExtensionFixtures POSTs generated documents for the
// reference fixture schemas whose model has collection-aligned extension
// scopes (BaseCollectionItemId rows), which the bundled schema lacks.
func TestPostCollectionExtensionFixtures(t *testing.T) {
	if testing.Short() {
		t.Skip("provisions fixture schemas")
	}
	ran := 0
	for _, f := range ddlfixtures.DDLFixtures(t) {
		set, err := load.Files(f.Inputs...)
		if err != nil {
			continue
		}
		info, err := effschema.Compute(set)
		if err != nil {
			continue
		}
		model, err := relmodel.Derive(set, info, relmodel.PGSQL, true)
		if err != nil || !hasCollectionExtensionScope(model) {
			continue
		}
		ran++
		t.Run(f.Name, func(t *testing.T) {
			e := newEnv(t, f.Inputs...)
			var buf bytes.Buffer
			if _, err := fake.Generate(e.set, fake.Options{Count: 2, Seed: 7}, &buf); err != nil {
				// The generator's limitation, not the engine's; the fixture is
				// covered by TestCollectionAlignedExtensionReference.
				t.Logf("pending (compiler/fake cannot generate documents): %v", err)
				return
			}
			docs := fakeDocs(t, e.set, 2)
			for _, d := range docs {
				res := e.resourceAt(t, d.Project, d.Resource)
				if _, _, err := e.post(t, res, d.Body); err != nil {
					t.Errorf("POST %s/%s: %v %s\nbody: %s", d.Project, d.Resource, err, problemJSON(err), d.Body)
				}
			}
			// The extension data must have been stored, not dropped.
			scopeRows := 0
			for _, r := range e.schema.Resources {
				for _, tb := range r.Tables {
					if tb.Kind == spec.CollectionExtensionScopeTable {
						var n int
						if err := e.pool.QueryRow(context.Background(), `SELECT count(*) FROM "`+tb.Schema+`"."`+tb.Name+`"`).Scan(&n); err != nil {
							t.Fatal(err)
						}
						scopeRows += n
					}
				}
			}
			if scopeRows == 0 {
				// compiler/fake merges only top-level extension properties, so its
				// documents carry no "_ext" inside collection items here; the
				// scope rows are covered by TestCollectionAligned*.
				t.Logf("pending (compiler/fake generated no collection-aligned extension data for %d documents)", len(docs))
			}
		})
	}
	if ran == 0 {
		t.Fatal("no fixture schema has a collection-aligned extension scope")
	}
}

func hasCollectionExtensionScope(m *relmodel.ModelSet) bool {
	for _, r := range m.Resources {
		for _, tb := range r.Tables {
			if tb.Identity.TableKind == relmodel.TableCollectionExtensionScope {
				return true
			}
		}
	}
	return false
}

// TestCollectionAlignedExtensionReference writes a reference that lives in
// a collection item's "_ext" (a collection-aligned extension scope row keyed
// by BaseCollectionItemId) and merges it on PUT.
func TestCollectionAlignedExtensionReference(t *testing.T) {
	f := ddlfixtures.Find(t, "IntegrationFixtures/profile-collection-aligned-extension-with-doc-ref")
	e := newEnv(t, f.Inputs...)
	for _, s := range []string{"S1", "S2"} {
		if _, _, err := e.post(t, e.resourceAt(t, "ed-fi", "sponsors"), []byte(`{"sponsorName":"`+s+`"}`)); err != nil {
			t.Fatal(err, problemJSON(err))
		}
	}
	parents := e.resourceAt(t, "ed-fi", "parentResources")
	out, _, err := e.post(t, parents, []byte(`{"parentResourceId":1,"parents":[
		{"parentCode":"A","_ext":{"aligned":{"sponsorReference":{"sponsorName":"S1"}}}},
		{"parentCode":"B"}]}`))
	if err != nil {
		t.Fatal(err, problemJSON(err))
	}
	scope := func() map[string]string {
		rows, err := e.pool.Query(context.Background(), `SELECT p."ParentCode", x."Sponsor_SponsorName" FROM "aligned"."ParentResourceExtensionParent" x
			JOIN "edfi"."ParentResourceParent" p ON p."CollectionItemId" = x."BaseCollectionItemId" ORDER BY 1`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		got := map[string]string{}
		for rows.Next() {
			var code, sponsor string
			if err := rows.Scan(&code, &sponsor); err != nil {
				t.Fatal(err)
			}
			got[code] = sponsor
		}
		return got
	}
	if got := scope(); len(got) != 1 || got["A"] != "S1" {
		t.Fatalf("extension scope rows after POST = %v, want only A→S1", got)
	}
	put := func(body string) {
		t.Helper()
		if _, err := e.writer.UpdateDocument(context.Background(), parents, out.ID, withID(t, out.ID, []byte(body)), etag.Write{}); err != nil {
			t.Fatal(err, problemJSON(err))
		}
	}
	put(`{"parentResourceId":1,"parents":[{"parentCode":"A"},{"parentCode":"B","_ext":{"aligned":{"sponsorReference":{"sponsorName":"S2"}}}}]}`)
	if got := scope(); len(got) != 1 || got["B"] != "S2" {
		t.Errorf("extension scope rows after PUT = %v, want only B→S2", got)
	}
	if _, err := e.writer.UpdateDocument(context.Background(), parents, out.ID,
		withID(t, out.ID, []byte(`{"parentResourceId":1,"parents":[{"parentCode":"A","_ext":{"aligned":{"sponsorReference":{"sponsorName":"S9"}}}}]}`)), etag.Write{}); status(err) != 409 {
		t.Errorf("unresolved reference inside a collection extension: %v", err)
	}
	unknown := uuid.New()
	if _, err := e.writer.UpdateDocument(context.Background(), parents, unknown, withID(t, unknown, []byte(`{"parentResourceId":1}`)), etag.Write{}); status(err) != 404 {
		t.Errorf("PUT of an unknown id: %v", err)
	}
}

// TestCollectionAlignedExtensionCollections writes extension collections
// inside a collection item's "_ext" (children keyed by BaseCollectionItemId,
// grandchildren by ParentCollectionItemId) and merges them on PUT.
func TestCollectionAlignedExtensionCollections(t *testing.T) {
	f := ddlfixtures.Find(t, "IntegrationFixtures/profile-collection-aligned-extension")
	e := newEnv(t, f.Inputs...)
	res := e.resourceAt(t, "ed-fi", "parentResources")
	body := func(childValue string, extra string) []byte {
		return []byte(`{"parentResourceId":1,"parents":[{"parentCode":"A","_ext":{"aligned":{"alignedVisibleScalar":"v",
			"children":[{"childCode":"c1","childValue":"` + childValue + `","extensionChildren":[{"extensionChildCode":"e1"}]}` + extra + `]}}},
			{"parentCode":"B"}]}`)
	}
	out, _, err := e.post(t, res, body("one", ""))
	if err != nil {
		t.Fatal(err, problemJSON(err))
	}
	ids := func(table string) []int64 {
		return e.int64s(t, `SELECT "CollectionItemId" FROM "aligned"."`+table+`" ORDER BY "Ordinal"`)
	}
	children, grandchildren := ids("ParentResourceExtensionParentChildren"), ids("ParentResourceExtensionParentChildrenExtensionChildren")
	if len(children) != 1 || len(grandchildren) != 1 {
		t.Fatalf("after POST: children %v, grandchildren %v", children, grandchildren)
	}
	if _, err := e.writer.UpdateDocument(context.Background(), res, out.ID,
		withID(t, out.ID, body("changed", `,{"childCode":"c2","extensionChildren":[{"extensionChildCode":"e2"}]}`)), etag.Write{}); err != nil {
		t.Fatal(err, problemJSON(err))
	}
	c2, g2 := ids("ParentResourceExtensionParentChildren"), ids("ParentResourceExtensionParentChildrenExtensionChildren")
	if len(c2) != 2 || c2[0] != children[0] || len(g2) != 2 || g2[0] != grandchildren[0] {
		t.Errorf("after PUT: children %v (was %v), grandchildren %v (was %v): kept items must keep their ids", c2, children, g2, grandchildren)
	}
	var value string
	if err := e.pool.QueryRow(context.Background(), `SELECT "ChildValue" FROM "aligned"."ParentResourceExtensionParentChildren" WHERE "CollectionItemId" = $1`, children[0]).Scan(&value); err != nil || value != "changed" {
		t.Errorf("child value = %q, %v", value, err)
	}
	if _, err := e.writer.UpdateDocument(context.Background(), res, out.ID, withID(t, out.ID, []byte(`{"parentResourceId":1,"parents":[{"parentCode":"A"}]}`)), etag.Write{}); err != nil {
		t.Fatal(err, problemJSON(err))
	}
	if c, g := ids("ParentResourceExtensionParentChildren"), ids("ParentResourceExtensionParentChildrenExtensionChildren"); len(c) != 0 || len(g) != 0 {
		t.Errorf("after removing the extension: children %v, grandchildren %v", c, g)
	}
}
