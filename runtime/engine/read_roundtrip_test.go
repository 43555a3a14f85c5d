package engine_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/compiler/fake"
	"github.com/edfi-dmsc/dmsc/compiler/jsonx"
	"github.com/edfi-dmsc/dmsc/compiler/load"
	"github.com/edfi-dmsc/dmsc/compiler/plan"
	"github.com/edfi-dmsc/dmsc/internal/refdata"
	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/engine"
	"github.com/edfi-dmsc/dmsc/runtime/etag"
	"github.com/edfi-dmsc/dmsc/runtime/jsonw"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/edfi-dmsc/dmsc/runtime/server"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/google/uuid"
)

// generated is one compiler/fake document with the id its POST returned.
type generated struct {
	Project  string          `json:"project"`
	Resource string          `json:"resource"`
	Body     json.RawMessage `json:"body"`
	res      *spec.Resource
	id       uuid.UUID
}

func generate(t testing.TB, set *load.SchemaSet, count int) []*generated {
	t.Helper()
	var buf bytes.Buffer
	if _, err := fake.Generate(set, fake.Options{Count: count, Seed: 11}, &buf); err != nil {
		t.Fatal(err)
	}
	var out []*generated
	sc := bufio.NewScanner(&buf)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		g := &generated{}
		if err := json.Unmarshal(sc.Bytes(), g); err != nil {
			t.Fatal(err)
		}
		out = append(out, g)
	}
	return out
}

// comparable canonicalises a document for semantic comparison: without
// id, _etag, _lastModifiedDate and reference links, numbers in canonical
// decimal form, keys sorted.
func comparable(t *testing.T, body []byte) string {
	t.Helper()
	v, err := jsonx.Parse(body)
	if err != nil {
		t.Fatalf("invalid JSON %s: %v", body, err)
	}
	var norm func(v *jsonx.Value, top bool)
	norm = func(v *jsonx.Value, top bool) {
		switch v.Kind {
		case jsonx.Number:
			v.Text = jsonw.CanonicalDecimal(v.Text)
		case jsonx.Array:
			for _, it := range v.Items {
				norm(it, false)
			}
		case jsonx.Object:
			var kept []jsonx.Member
			for _, m := range v.Members {
				if m.Key == "link" || (top && (m.Key == "id" || m.Key == "_etag" || m.Key == "_lastModifiedDate")) {
					continue
				}
				norm(m.Value, false)
				if m.Value.Kind == jsonx.Object && len(m.Value.Members) == 0 {
					continue // an empty object (`"_ext": {}`) is stored as nothing
				}
				kept = append(kept, m)
			}
			v.Members = kept
		}
	}
	norm(v, true)
	return string(jsonx.Canonical(v))
}

// queryText is the query-string spelling of a document value.
func queryText(v *jsonx.Value) (string, bool) {
	switch v.Kind {
	case jsonx.String:
		return v.Text, true
	case jsonx.Number:
		return v.Text, true
	case jsonx.Bool:
		if v.BoolOr(false) {
			return "true", true
		}
		return "false", true
	}
	return "", false
}

// at finds the value at a JSON path without arrays ("$.a.b").
func at(doc *jsonx.Value, path string) *jsonx.Value {
	v := doc
	for _, s := range plan.Steps(strings.TrimPrefix(path, "$")) {
		if s == "[*]" {
			return nil
		}
		v = v.Get(s)
		if v == nil {
			return nil
		}
	}
	return v
}

// TestPostThenRead POSTs generated documents of every bundled resource
// through the write path, then reads each back by id (same document),
// queries every resource by each of its query fields (the document is
// found), pages through every resource, and deletes everything (409 while
// referenced, 204 once not).
func TestPostThenRead(t *testing.T) {
	postThenRead(t, newReadEnv(t), 2)
}

// TestPostThenReadDS32a does the same for every resource of the DS 3.2a
// core, one document each.
func TestPostThenReadDS32a(t *testing.T) {
	if testing.Short() {
		t.Skip("provisions the full DS 3.2a core")
	}
	postThenRead(t, newReadEnvFor(t, refdata.File(t, refdata.DS32aCoreSchema)), 1)
}

// TestReadExtensionScopeDocuments round-trips handwritten documents over
// two of the reference's integration fixture schemas (compiler/fake
// leaves their extension scopes empty):
// collection-aligned extension rows with and without scalars, extension
// collections nested two deep, and root extension collections.
func TestReadExtensionScopeDocuments(t *testing.T) {
	const fixtures = "dms-fixtures/EdFi.DataManagementService.Backend.IntegrationFixtures/"
	for _, c := range []struct {
		dir, ext string
		docs     []string
	}{
		{"profile-collection-aligned-extension", "aligned.ApiSchema.json", []string{
			`{"parentResourceId":1,"parents":[` +
				`{"parentCode":"A","parentName":"Alpha","_ext":{"aligned":{"alignedVisibleScalar":"v","children":[{"childCode":"c1","childValue":"x","extensionChildren":[{"extensionChildCode":"e1","extensionChildValue":"ev"},{"extensionChildCode":"e2"}]},{"childCode":"c0"}]}}},` +
				`{"parentCode":"B","_ext":{"aligned":{"children":[{"childCode":"c2"}]}}},` +
				`{"parentCode":"C"},` +
				`{"parentCode":"D","_ext":{"aligned":{"alignedHiddenScalar":"h"}}}]}`,
			`{"parentResourceId":2}`,
		}},
		{"profile-nested-and-root-extension-children", "extension.ApiSchema.json", []string{
			`{"parentResourceId":1,"parents":[{"parentCode":"P","children":[{"childCode":"k1"},{"childCode":"k0","childValue":"v"}]}],` +
				`"_ext":{"root_ext":{"rootExtVisibleScalar":"s","root_ext_children":[{"rootExtChildCode":"r1","rootExtChildValue":"rv"},{"rootExtChildCode":"r0"}]}}}`,
			`{"parentResourceId":2,"_ext":{"root_ext":{"root_ext_children":[{"rootExtChildCode":"only"}]}}}`,
			`{"parentResourceId":3,"_ext":{"root_ext":{"rootExtHiddenScalar":"h"}}}`,
		}},
	} {
		t.Run(c.dir, func(t *testing.T) {
			e := newReadEnvFor(t, refdata.File(t, fixtures+c.dir+"/inputs/core.ApiSchema.json"), refdata.File(t, fixtures+c.dir+"/inputs/"+c.ext))
			res := e.resourceAt(t, "ed-fi", "parentResources")
			w := e.newWriter()
			for _, body := range c.docs {
				out, err := w.UpsertDocument(context.Background(), res, []byte(body), etag.Write{})
				if err != nil {
					t.Fatalf("POST %s: %v", body, err)
				}
				got, err := e.read(res).ReadByID(context.Background(), e.pool, res, out.ID, e.variant, etag.Condition{})
				if err != nil || got == nil {
					t.Fatalf("GET: %v %v", got, err)
				}
				if g, w := comparable(t, got.Body), comparable(t, []byte(body)); g != w {
					t.Errorf("GET differs from POST\n got %s\nwant %s", g, w)
				}
			}
			page, err := e.read(res).QueryPage(context.Background(), e.pool, res, nil, server.Paging{Limit: 10, TotalCount: true}, e.variant)
			if err != nil || page.TotalCount != int64(len(c.docs)) {
				t.Errorf("page: %v %v", page, err)
			}
		})
	}
}

func postThenRead(t *testing.T, e *readEnv, count int) {
	w := e.newWriter()
	docs := generate(t, e.set, count)
	byResource := map[*spec.Resource][]*generated{}
	var resources []*spec.Resource
	for _, d := range docs {
		d.res = e.resourceAt(t, d.Project, d.Resource)
		out, err := w.UpsertDocument(context.Background(), d.res, d.Body, etag.Write{})
		if err != nil {
			t.Fatalf("POST %s/%s: %v\n%s", d.Project, d.Resource, err, d.Body)
		}
		d.id = out.ID
		if byResource[d.res] == nil {
			resources = append(resources, d.res)
		}
		byResource[d.res] = append(byResource[d.res], d)
	}

	// GET by id returns what was posted (links are served, and ignored
	// by the comparison).
	linked := etag.DefaultVariant(e.info.EffectiveSchemaHash, true)
	var getTrips, gets int64
	withExt := 0
	for _, d := range docs {
		ctx, rts := db.WithRoundTrips(context.Background())
		got, err := e.read(d.res).ReadByID(ctx, e.pool, d.res, d.id, linked, etag.Condition{})
		if err != nil || got == nil {
			t.Errorf("GET %s %s: %v %v", d.res.Name, d.id, got, err)
			continue
		}
		getTrips, gets = getTrips+rts.Count(), gets+1
		if strings.Contains(string(d.Body), `"_ext"`) {
			withExt++
		}
		if g, w := comparable(t, got.Body), comparable(t, d.Body); g != w {
			t.Errorf("GET %s differs from POST\n got %s\nwant %s", d.res.Name, g, w)
		}
	}
	t.Logf("%d documents (%d with _ext) of %d resources read back; round trips per GET by id: %.2f", len(docs), withExt, len(resources), float64(getTrips)/float64(gets))

	// Query by each query field finds the document; paging covers the resource.
	var queries int
	for _, res := range resources {
		for _, d := range byResource[res] {
			doc, _ := jsonx.Parse(d.Body)
			for _, qf := range res.Read.QueryFields {
				value := d.id.String()
				if qf.JSONPath != "$.id" {
					v := at(doc, qf.JSONPath)
					if v == nil {
						continue
					}
					var ok bool
					if value, ok = queryText(v); !ok {
						continue
					}
				}
				values := []string{value}
				if qf.DescriptorResource != "" {
					// Descriptor URIs match in any case, as references resolve.
					values = append(values, strings.ToUpper(value))
				}
				for _, value := range values {
					page, err := e.read(res).QueryPage(context.Background(), e.pool, res, server.QueryParams{{Name: qf.Name, Value: value}}, server.Paging{Limit: 500}, e.variant)
					if err != nil {
						t.Errorf("query %s %s=%s: %v", res.Name, qf.Name, value, err)
						continue
					}
					queries++
					if !strings.Contains(string(page.Body), `"id":"`+d.id.String()+`"`) {
						t.Errorf("query %s %s=%q misses document %s: %s", res.Name, qf.Name, value, d.id, page.Body)
					}
				}
			}
		}
		var seen []string
		for offset := 0; ; offset++ {
			page, err := e.read(res).QueryPage(context.Background(), e.pool, res, nil, server.Paging{Limit: 1, Offset: offset, TotalCount: true}, e.variant)
			if err != nil {
				t.Fatal(err)
			}
			if page.TotalCount != int64(len(byResource[res])) {
				t.Errorf("%s total count %d, posted %d", res.Name, page.TotalCount, len(byResource[res]))
			}
			arr, _ := jsonx.Parse(page.Body)
			if len(arr.Items) == 0 {
				break
			}
			seen = append(seen, arr.Items[0].Get("id").StringOr(""))
		}
		if len(seen) != len(byResource[res]) {
			t.Errorf("%s paged %d documents, posted %d", res.Name, len(seen), len(byResource[res]))
		}
	}
	t.Logf("%d queries by query field", queries)

	// Delete in posting order: referenced documents answer 409 naming a
	// resource; then in reverse order everything deletes.
	epoch := etag.SchemaEpoch(e.info.EffectiveSchemaHash)
	conflicts := 0
	deleted := map[uuid.UUID]bool{}
	for _, d := range docs {
		found, err := engine.Delete(context.Background(), e.pool, d.res, d.id, etag.Write{}, epoch)
		var pd *problem.Details
		switch {
		case errors.As(err, &pd) && pd.Status == 409:
			conflicts++
			if !strings.Contains(pd.Detail, "existing ") || strings.Contains(pd.Detail, "existing item(s)") {
				t.Errorf("delete %s: conflict does not name the referencing resource: %s", d.res.Name, pd.Detail)
			}
		case err != nil || !found:
			t.Errorf("delete %s %s: %v %v", d.res.Name, d.id, found, err)
		default:
			deleted[d.id] = true
		}
	}
	if conflicts == 0 {
		t.Error("no delete was refused although documents reference each other")
	}
	var delTrips, dels int64
	for i := len(docs) - 1; i >= 0; i-- {
		d := docs[i]
		if deleted[d.id] {
			continue
		}
		ctx, rts := db.WithRoundTrips(context.Background())
		if found, err := engine.Delete(ctx, e.pool, d.res, d.id, etag.Write{}, epoch); err != nil || !found {
			t.Errorf("delete %s %s in reverse order: %v %v", d.res.Name, d.id, found, err)
		}
		delTrips, dels = delTrips+rts.Count(), dels+1
	}
	t.Logf("%d deletes refused while referenced; round trips per DELETE: %.2f", conflicts, float64(delTrips)/float64(dels))
	var left int
	if err := e.pool.QueryRow(context.Background(), `SELECT count(*) FROM "dms"."Document"`).Scan(&left); err != nil || left != 0 {
		t.Errorf("%d dms.Document rows left (%v)", left, err)
	}
}
