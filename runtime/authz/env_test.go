package authz_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/edfi-dmsc/dmsc/compiler/ddl"
	"github.com/edfi-dmsc/dmsc/compiler/load"
	"github.com/edfi-dmsc/dmsc/compiler/provision"
	"github.com/edfi-dmsc/dmsc/internal/oracle"
	"github.com/edfi-dmsc/dmsc/internal/refdata"
	"github.com/edfi-dmsc/dmsc/internal/testplan"
	"github.com/edfi-dmsc/dmsc/runtime/auth"
	"github.com/edfi-dmsc/dmsc/runtime/authz"
	"github.com/edfi-dmsc/dmsc/runtime/authz/claimschema"
	"github.com/edfi-dmsc/dmsc/runtime/cms"
	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/db/dbtest"
	"github.com/edfi-dmsc/dmsc/runtime/engine"
	"github.com/edfi-dmsc/dmsc/runtime/server"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/jackc/pgx/v5/pgxpool"
)

// bundledSchema is the bundled schema set and its claims file.
func bundledSchema(t testing.TB) (schemas []string, claims string) {
	repo := refdata.RepoRoot(t)
	dir := filepath.Join(repo, "schemas", "default")
	return []string{filepath.Join(dir, "core.ApiSchema.json"), filepath.Join(dir, "sample.ApiSchema.json")}, filepath.Join(dir, "claims.json")
}

// provisioned is a database provisioned for a compiled schema set, with
// its cms schema.
type provisioned struct {
	url    string
	pool   *pgxpool.Pool
	schema *spec.Schema
	set    *load.SchemaSet // the schema set compiled
}

func provisionSchema(t testing.TB, files ...string) provisioned {
	t.Helper()
	c := testplan.Files(t, files...)
	url := dbtest.New(t)
	ctx := context.Background()
	if _, err := provision.Provision(ctx, ddl.Pgsql, url, c.Script, c.Info, provision.Options{Timeout: 5 * time.Minute}); err != nil {
		t.Fatal(err)
	}
	if err := cms.Provision(ctx, url); err != nil {
		t.Fatal(err)
	}
	pool, err := db.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	return provisioned{url: url, pool: pool, schema: c.Schema, set: c.Set}
}

// loadClaims loads claims files into the database.
func (p provisioned) loadClaims(t testing.TB, files ...string) *authz.LoadReport {
	t.Helper()
	s, err := claimschema.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	rep, err := authz.LoadFiles(context.Background(), p.pool, s, files, false)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// resource is the resource of p's schema named name; the test fails when
// there is none.
func (p provisioned) resource(t testing.TB, name string) *spec.Resource {
	t.Helper()
	return testplan.Resource(t, p.schema, name)
}

// tokens authenticates bearer tokens that are keys of the map: the tests
// exercise authorization, so the principal is whatever the test says
// (runtime/auth tests the real tokens).
type tokens map[string]*auth.Principal

func (m tokens) Verify(_ context.Context, raw string) (*auth.Principal, error) {
	if p, ok := m[raw]; ok {
		return p, nil
	}
	return nil, errors.New("unknown test token")
}

// api is a server of a provisioned schema with authentication and
// authorization on, its resources served with the interpreter codecs
// (internal/oracle) so any schema set can be served.
type api struct {
	provisioned
	authorizer *authz.Authorizer
	tokens     tokens
	base       string
}

func startAPI(t testing.TB, p provisioned) *api {
	t.Helper()
	return startAPILogging(t, p, slog.New(slog.NewTextHandler(io.Discard, nil)))
}

// startAPILogging is startAPI with the server logging to log, a line for
// every answered request.
func startAPILogging(t testing.TB, p provisioned, log *slog.Logger) *api {
	t.Helper()
	a := &api{provisioned: p, authorizer: authz.New(p.schema, p.pool, log), tokens: tokens{}}
	if err := a.authorizer.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	cfg := server.Config{Auth: &server.Auth{Verifier: a.tokens, Authorizer: a.authorizer, Describer: a.authorizer}, AccessLog: server.AccessLogAll}
	s := server.New(cfg, engine.App(p.schema), p.pool, nil, log)
	svc := engine.NewService(s, p.schema)
	for _, r := range p.schema.Resources {
		s.Register(r.ProjectEndpoint, r.Endpoint, svc.Handler(r, oracle.Codec(r)))
	}
	hs := httptest.NewServer(s.Handler())
	t.Cleanup(hs.Close)
	a.base = hs.URL
	return a
}

// client adds a principal and returns its token.
func (a *api) client(claimSet string, namespacePrefixes ...string) string {
	token := "token" + strconv.Itoa(len(a.tokens)+1)
	a.tokens[token] = &auth.Principal{ClientID: token, ClaimSetName: claimSet, NamespacePrefixes: namespacePrefixes}
	return token
}

// response is an answered request.
type response struct {
	status   int
	body     []byte
	location string
	header   http.Header
}

// create POSTs body to path with token and returns the new document's id;
// anything but a 201 fails the test.
func (a *api) create(t testing.TB, token, path string, body map[string]any) string {
	t.Helper()
	return a.do(t, token, "POST", path, body).expect(t, "POST "+path, http.StatusCreated).id()
}

// remove DELETEs the document id of path with token; anything but a 204
// fails the test.
func (a *api) remove(t testing.TB, token, path, id string) {
	t.Helper()
	a.do(t, token, "DELETE", path+"/"+id, nil).expect(t, "DELETE "+path, http.StatusNoContent)
}

// pageOf checks a GET-many answer of path: the ids want in any order, and
// a Total-Count of their number.
func (a *api) pageOf(t testing.TB, token, path string, want ...string) {
	t.Helper()
	r := a.do(t, token, "GET", path+"?totalCount=true", nil).expect(t, "GET "+path, http.StatusOK)
	got := ids(t, r)
	slices.Sort(got)
	want = slices.Sorted(slices.Values(want))
	if !slices.Equal(got, want) || r.header.Get("Total-Count") != strconv.Itoa(len(want)) {
		t.Errorf("GET %s: %v (Total-Count %s), want %v", path, got, r.header.Get("Total-Count"), want)
	}
}

// do sends a request, with the token when there is one and headers (name,
// value pairs).
func (a *api) do(t testing.TB, token, method, path string, body any, headers ...string) response {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, a.base+"/data/"+strings.TrimPrefix(path, "/"), rd)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{status: res.StatusCode, body: b, location: res.Header.Get("Location"), header: res.Header}
}

// id is the document id of a 201's Location.
func (r response) id() string { return r.location[strings.LastIndex(r.location, "/")+1:] }

// expect fails unless the response has status.
func (r response) expect(t testing.TB, what string, status int) response {
	t.Helper()
	if r.status != status {
		t.Fatalf("%s: status %d, want %d: %s", what, r.status, status, r.body)
	}
	return r
}

// expectProblem fails unless the response is the problem want (the
// reference's body; correlationId is not compared).
func (r response) expectProblem(t testing.TB, what string, status int, want string) {
	t.Helper()
	r.expect(t, what, status)
	var got, exp map[string]any
	if err := json.Unmarshal(r.body, &got); err != nil {
		t.Fatalf("%s: body is not JSON: %s", what, r.body)
	}
	if err := json.Unmarshal([]byte(want), &exp); err != nil {
		t.Fatalf("%s: expected body is not JSON: %v", what, err)
	}
	delete(got, "correlationId")
	delete(exp, "correlationId")
	g, _ := json.Marshal(got)
	e, _ := json.Marshal(exp)
	if !bytes.Equal(g, e) {
		t.Errorf("%s: body\n got %s\nwant %s", what, g, e)
	}
}
