package auth_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/edfi-dmsc/dmsc/runtime/auth"
	"github.com/edfi-dmsc/dmsc/runtime/cms"
	"github.com/edfi-dmsc/dmsc/runtime/db/dbtest"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/edfi-dmsc/dmsc/runtime/server"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"
)

// testIssuer is the iss of the tokens the test servers issue.
const testIssuer = "dmsc-test"

// env is a server with auth on over a fresh database with the cms schema:
// clients and keys are real; the authorizer is a recording test double
// that allows the claim sets in allowed and denies the others with a 403.
type env struct {
	t      testing.TB
	url    string
	pool   *pgxpool.Pool
	keys   *auth.KeyRing
	server *httptest.Server
	authz  *recordingAuthorizer
	tokens *auth.TokenEndpoint // nil with an external identity provider
}

type envOptions struct {
	lifetime, refresh time.Duration
	// verifier replaces the local verifier (external identity provider).
	verifier auth.Authenticator
}

func newEnv(t testing.TB, opts envOptions) *env {
	t.Helper()
	if opts.lifetime == 0 {
		opts.lifetime = 30 * time.Minute
	}
	if opts.refresh == 0 {
		opts.refresh = time.Minute
	}
	ctx := context.Background()
	url := dbtest.New(t)
	if err := cms.Provision(ctx, url); err != nil {
		t.Fatal(err)
	}
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	e := &env{t: t, url: url, pool: pool, authz: &recordingAuthorizer{allowed: map[string]bool{"SIS-Vendor": true}}}
	a := &server.Auth{Authorizer: e.authz, Describer: fixedDescriber{}}
	if opts.verifier != nil {
		a.Verifier = opts.verifier
	} else {
		if e.keys, err = auth.NewKeyRing(ctx, pool, log, opts.refresh, opts.lifetime, 0); err != nil {
			t.Fatal(err)
		}
		runCtx, stop := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() { e.keys.Run(runCtx); close(done) }()
		t.Cleanup(func() { stop(); <-done })
		a.Verifier = auth.NewVerifier(e.keys, testIssuer, auth.LocalAudience, 0)
		a.Keys, a.Issuer = e.keys, testIssuer
		e.tokens = &auth.TokenEndpoint{
			Clients: auth.NewClients(pool),
			Tokens:  &auth.TokenIssuer{Keys: e.keys, Issuer: testIssuer, Audience: auth.LocalAudience, Lifetime: opts.lifetime},
			Log:     log,
		}
		a.Tokens = e.tokens
	}
	s := server.New(server.Config{Auth: a}, server.App{ApplicationName: "Ed-Fi API"}, pool, nil, log)
	s.Register("ed-fi", "students", principalEcho{})
	e.server = httptest.NewServer(s.Handler())
	t.Cleanup(e.server.Close)
	return e
}

// client creates an API client with the SIS-Vendor claim set.
func (e *env) client(claimSet string) (id, secret string) {
	e.t.Helper()
	c, secret, err := auth.CreateClient(context.Background(), e.pool, auth.NewClient{
		Name: "test vendor", ClaimSetName: claimSet, NamespacePrefixes: []string{"uri://ed-fi.org", "uri://ns2.org"},
		EducationOrganizationIDs: []int64{255901, 19255901}, Profiles: []string{"Test-Profile"},
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return c.ID, secret
}

type reply struct {
	status int
	header http.Header
	body   string
}

func (e *env) do(method, path, body string, headers ...string) reply {
	e.t.Helper()
	req, err := http.NewRequest(method, e.server.URL+path, strings.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := e.server.Client().Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return reply{resp.StatusCode, resp.Header, string(b)}
}

// token asks /oauth/token with HTTP Basic credentials and returns the
// access token, failing the test on anything but a 200.
func (e *env) token(id, secret string) string {
	e.t.Helper()
	req, err := http.NewRequest(http.MethodPost, e.server.URL+"/oauth/token", strings.NewReader("grant_type=client_credentials"))
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(url.QueryEscape(id), url.QueryEscape(secret))
	resp, err := e.server.Client().Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	var tr struct {
		AccessToken string `json:"access_token"`
	}
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		e.t.Fatalf("token request: %d %s", resp.StatusCode, b)
	}
	if err := json.NewDecoder(resp.Body).Decode(&tr); err != nil {
		e.t.Fatal(err)
	}
	return tr.AccessToken
}

// get asks GET path with the bearer token.
func (e *env) get(path, token string) reply {
	e.t.Helper()
	return e.do(http.MethodGet, path, "", "Authorization", "Bearer "+token)
}

// principalEcho is a resource that answers GET by id with the principal
// and the authorization decision the request context carries.
type principalEcho struct{}

func (principalEcho) GetByID(r *server.Request, _ uuid.UUID) error {
	p, _ := auth.PrincipalFrom(r.Context())
	d, _ := auth.DecisionFrom(r.Context())
	body, err := json.Marshal(map[string]any{"principal": p, "decision": d})
	if err != nil {
		return err
	}
	return r.Document("", body)
}

func (principalEcho) Query(r *server.Request, _ server.Paging) error { return r.Page([]byte("[]"), -1) }
func (principalEcho) Upsert(*server.Request) error                   { return problem.SystemError() }
func (principalEcho) Update(*server.Request, uuid.UUID) error        { return problem.SystemError() }
func (principalEcho) Delete(r *server.Request, _ uuid.UUID) error    { return r.Deleted() }
func (principalEcho) Deletes(r *server.Request, _ server.Paging) error {
	return r.Page([]byte("[]"), -1)
}
func (principalEcho) KeyChanges(r *server.Request, _ server.Paging) error {
	return r.Page([]byte("[]"), -1)
}

// recordingAuthorizer allows the claim sets in allowed (strategy
// NamespaceBased) and denies the others; it records every call.
type recordingAuthorizer struct {
	allowed map[string]bool
	mu      sync.Mutex
	calls   []string
}

func (a *recordingAuthorizer) Authorize(_ context.Context, p *auth.Principal, target auth.Target, action auth.Action) (*auth.Decision, error) {
	a.mu.Lock()
	a.calls = append(a.calls, p.ClaimSetName+" "+string(action)+" "+target.Project+"/"+target.Endpoint)
	a.mu.Unlock()
	if !a.allowed[p.ClaimSetName] {
		return nil, &problem.Details{Status: 403, Type: problem.TypeAuthorization, Title: "Authorization Denied",
			Detail: "Access to the resource could not be authorized.", Errors: []string{"denied by the test authorizer"}}
	}
	return &auth.Decision{ClaimSetName: p.ClaimSetName, Strategies: []string{"NamespaceBased"}}, nil
}

func (a *recordingAuthorizer) recorded() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]string(nil), a.calls...)
}

// fixedDescriber knows the SIS-Vendor claim set only.
type fixedDescriber struct{}

func (fixedDescriber) DescribeClaimSet(name string) ([]auth.TokenInfoResource, []auth.TokenInfoService, bool) {
	if name != "SIS-Vendor" {
		return nil, nil, false
	}
	return []auth.TokenInfoResource{{Resource: "/ed-fi/students", Operations: []string{"Create", "Read"}}},
		[]auth.TokenInfoService{{Service: "identity", Operations: []string{"Read"}}}, true
}

// DescribeEducationOrganizations knows the LEA 255901 only, under the
// ESC 255950; runtime/authz reads them from the database.
func (fixedDescriber) DescribeEducationOrganizations(_ context.Context, ids []int64) ([]auth.TokenInfoEducationOrganization, error) {
	out := []auth.TokenInfoEducationOrganization{}
	for _, id := range ids {
		if id == 255901 {
			out = append(out, auth.TokenInfoEducationOrganization{ID: id, NameOfInstitution: `Grand Bend "ISD"`, Type: "edfi.LocalEducationAgency",
				Ancestors: []auth.TokenInfoAncestor{{Name: "local_education_agency_id", ID: 255901}, {Name: "education_service_center_id", ID: 255950}}})
		}
	}
	return out, nil
}

// withoutCorrelationID drops correlationId from a problem body (a fresh
// id each request) for comparison with the reference's body.
func withoutCorrelationID(t *testing.T, body string) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(body), &m); err != nil {
		t.Fatalf("not JSON: %q", body)
	}
	if _, ok := m["correlationId"]; !ok {
		t.Errorf("problem without correlationId: %s", body)
	}
	delete(m, "correlationId")
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// canonical re-marshals JSON text so member order does not matter.
func canonical(t *testing.T, s string) string {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("not JSON: %q", s)
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
