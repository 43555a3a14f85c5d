package changes_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/edfi-dmsc/dmsc/compiler/gogen"
	defaultschema "github.com/edfi-dmsc/dmsc/generated/default"
	"github.com/edfi-dmsc/dmsc/internal/refdata"
	"github.com/edfi-dmsc/dmsc/internal/roundtrip"
	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/db/dbtest"
	"github.com/edfi-dmsc/dmsc/runtime/engine"
	"github.com/edfi-dmsc/dmsc/runtime/server"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/jackc/pgx/v5/pgxpool"
)

// api is an in-process server for the bundled schema over a throw-away
// database provisioned with the compiled DDL.
type api struct {
	t      testing.TB
	url    string
	pool   *pgxpool.Pool
	schema *spec.Schema
}

// provisioned compiles the bundled schema and provisions a database with
// its PostgreSQL DDL. The plans are compiled afresh, so that the tests run
// the change plans the compiler writes now; the resources' generated code
// (defaultschema.Codecs, parallel to the resources) serves them.
func provisioned(t testing.TB) (*spec.Schema, *pgxpool.Pool) {
	t.Helper()
	repo := refdata.RepoRoot(t)
	schema, pool := provisionedFiles(t, filepath.Join(repo, "schemas/default/core.ApiSchema.json"), filepath.Join(repo, "schemas/default/sample.ApiSchema.json"))
	if len(schema.Resources) != len(defaultschema.Codecs) {
		t.Fatalf("%d resources compiled, %d generated: regenerate generated/default", len(schema.Resources), len(defaultschema.Codecs))
	}
	return schema, pool
}

// provisionedFiles compiles the schema files to plans and provisions a
// throw-away database with their PostgreSQL DDL.
func provisionedFiles(t testing.TB, files ...string) (*spec.Schema, *pgxpool.Pool) {
	t.Helper()
	schema, err := gogen.Plans(files...)
	if err != nil {
		t.Fatal(err)
	}
	url := dbtest.New(t)
	ctx := context.Background()
	if _, _, err := roundtrip.ProvisionPgsql(ctx, url, files...); err != nil {
		t.Fatal(err)
	}
	pool, err := db.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	return schema, pool
}

// newAPI serves schema over pool with cfg (change queries on unless cfg
// turns them off).
func newAPI(t testing.TB, schema *spec.Schema, pool *pgxpool.Pool, cfg server.Config) *api {
	t.Helper()
	s := server.New(cfg, server.App{ApplicationName: "Ed-Fi API"}, pool, nil, slog.New(slog.NewTextHandler(io.Discard, nil)))
	svc := engine.NewService(s, schema)
	for i, r := range schema.Resources {
		s.Register(r.ProjectEndpoint, r.Endpoint, svc.Handler(r, defaultschema.Codecs[i]))
	}
	hs := httptest.NewServer(s.Handler())
	t.Cleanup(hs.Close)
	return &api{t: t, url: hs.URL, pool: pool, schema: schema}
}

// response is an answered request.
type response struct {
	status int
	header http.Header
	body   []byte
}

func (r response) json(t testing.TB) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(r.body, &v); err != nil {
		t.Fatalf("body %s: %v", r.body, err)
	}
	return v
}

// items decodes a JSON array of objects.
func (r response) items(t testing.TB) []map[string]any {
	t.Helper()
	var v []map[string]any
	if err := json.Unmarshal(r.body, &v); err != nil {
		t.Fatalf("body %s: %v", r.body, err)
	}
	return v
}

func (a *api) do(method, path string, body any) response {
	a.t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			a.t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, a.url+path, rd)
	if err != nil {
		a.t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		a.t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		a.t.Fatal(err)
	}
	return response{status: res.StatusCode, header: res.Header, body: b}
}

func (a *api) get(path string) response { a.t.Helper(); return a.do(http.MethodGet, path, nil) }

// must answers the request, failing the test unless the status is want.
func (a *api) must(want int, method, path string, body any) response {
	a.t.Helper()
	r := a.do(method, path, body)
	if r.status != want {
		a.t.Fatalf("%s %s = %d, want %d: %s", method, path, r.status, want, r.body)
	}
	return r
}

// post creates (or upserts) a document and returns its id.
func (a *api) post(path string, body any) string {
	a.t.Helper()
	r := a.do(http.MethodPost, path, body)
	if r.status != http.StatusCreated && r.status != http.StatusOK {
		a.t.Fatalf("POST %s = %d: %s", path, r.status, r.body)
	}
	loc := r.header.Get("Location")
	return loc[len(loc)-36:]
}

func (a *api) put(path, id string, body map[string]any) {
	a.t.Helper()
	body["id"] = id
	a.must(http.StatusNoContent, http.MethodPut, path+"/"+id, body)
}

func (a *api) del(path, id string) {
	a.t.Helper()
	a.must(http.StatusNoContent, http.MethodDelete, path+"/"+id, nil)
}

// newest is availableChangeVersions' newestChangeVersion.
func (a *api) newest() int64 {
	a.t.Helper()
	var v struct{ OldestChangeVersion, NewestChangeVersion *int64 }
	r := a.must(http.StatusOK, http.MethodGet, "/changeQueries/v1/availableChangeVersions", nil)
	if err := json.Unmarshal(r.body, &v); err != nil || v.OldestChangeVersion == nil || v.NewestChangeVersion == nil || *v.OldestChangeVersion != 0 {
		a.t.Fatalf("availableChangeVersions = %s (%v)", r.body, err)
	}
	return *v.NewestChangeVersion
}

// window is the query string of a change-version window.
func window(min, max int64) string {
	return "minChangeVersion=" + strconv.FormatInt(min, 10) + "&maxChangeVersion=" + strconv.FormatInt(max, 10)
}

// totalCount is a response's Total-Count header.
func (r response) totalCount(t testing.TB) int {
	t.Helper()
	n, err := strconv.Atoi(r.header.Get("Total-Count"))
	if err != nil {
		t.Fatalf("Total-Count %q: %v", r.header.Get("Total-Count"), err)
	}
	return n
}

// Documents of the bundled schema the tests write.
func school(id int) map[string]any {
	return map[string]any{
		"schoolId":          id,
		"nameOfInstitution": "School " + strconv.Itoa(id),
		"gradeLevels":       []any{map[string]any{"gradeLevelDescriptor": "uri://ed-fi.org/GradeLevelDescriptor#Tenth Grade"}},
		"educationOrganizationCategories": []any{map[string]any{
			"educationOrganizationCategoryDescriptor": "uri://ed-fi.org/EducationOrganizationCategoryDescriptor#School"}},
	}
}

func descriptor(namespace, code string) map[string]any {
	return map[string]any{"namespace": namespace, "codeValue": code, "shortDescription": code}
}

// seedDescriptors creates the descriptors the documents above use.
func (a *api) seedDescriptors() {
	a.t.Helper()
	a.post("/data/ed-fi/gradeLevelDescriptors", descriptor("uri://ed-fi.org/GradeLevelDescriptor", "Tenth Grade"))
	a.post("/data/ed-fi/educationOrganizationCategoryDescriptors", descriptor("uri://ed-fi.org/EducationOrganizationCategoryDescriptor", "School"))
	a.post("/data/ed-fi/termDescriptors", descriptor("uri://ed-fi.org/TermDescriptor", "Fall Semester"))
}
