package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/edfi-dmsc/dmsc/runtime/auth"
	"github.com/jackc/pgx/v5/pgxpool"
)

func TestAuthOffOnlyOnLoopback(t *testing.T) {
	for _, listen := range []string{"0.0.0.0:8080", ":8080", "[::]:8080", "192.0.2.1:8080"} {
		var out, errOut bytes.Buffer
		code := Start(context.Background(), noteApp, []string{"--connection-string", "host=x", "--auth=off", "--listen", listen}, &out, &errOut, func(*Server) {})
		if code != 2 || !strings.Contains(errOut.String(), "--auth=off is refused") {
			t.Errorf("--auth=off --listen %s: code %d, stderr %q", listen, code, errOut.String())
		}
	}
	for _, listen := range []string{"127.0.0.1:8080", "[::1]:8080", "localhost:8080"} {
		if err := checkAuthOff(AuthFlags{AuthMode: "off"}, listen); err != nil {
			t.Errorf("--auth=off --listen %s: %v", listen, err)
		}
	}
	if err := checkAuthOff(AuthFlags{AuthMode: "on"}, "0.0.0.0:8080"); err != nil {
		t.Errorf("--auth=on on any address: %v", err)
	}
}

func TestAuthOnNeedsAnAuthorizer(t *testing.T) {
	_, _, err := newAuth(context.Background(), AuthFlags{AuthMode: "on"}, nil, nil, nil)
	if err == nil || !strings.Contains(err.Error(), "--auth=off") {
		t.Errorf("newAuth without an authorizer factory: %v", err)
	}
}

type denyAll struct{}

func (denyAll) Authorize(context.Context, *auth.Principal, auth.Target, auth.Action) (*auth.Decision, error) {
	return nil, errors.New("denied")
}

func (denyAll) DescribeClaimSet(string) ([]auth.TokenInfoResource, []auth.TokenInfoService, bool) {
	return nil, nil, false
}

func (denyAll) DescribeEducationOrganizations(context.Context, []int64) ([]auth.TokenInfoEducationOrganization, error) {
	return nil, nil
}

// With --oidc-issuer the server finds the JWKS through the issuer's
// discovery document and issues no tokens.
func TestAuthWithAnExternalIssuer(t *testing.T) {
	mux := http.NewServeMux()
	idp := httptest.NewServer(mux)
	defer idp.Close()
	mux.HandleFunc("GET /realm/.well-known/openid-configuration", func(w http.ResponseWriter, _ *http.Request) {
		json.NewEncoder(w).Encode(map[string]string{"issuer": idp.URL + "/realm", "jwks_uri": idp.URL + "/realm/certs"})
	})
	jwksAsked := false
	mux.HandleFunc("GET /realm/certs", func(w http.ResponseWriter, _ *http.Request) {
		jwksAsked = true
		io.WriteString(w, `{"keys":[]}`)
	})
	factory := func(context.Context, *pgxpool.Pool, *slog.Logger) (auth.Authorizer, auth.ClaimSetDescriber, error) {
		return denyAll{}, denyAll{}, nil
	}
	flags := AuthFlags{AuthMode: "on", OIDCIssuer: idp.URL + "/realm", OIDCAudience: "account", KeyRefresh: time.Minute}
	a, tasks, err := newAuth(context.Background(), flags, nil, factory, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	if !jwksAsked || a.Tokens != nil || a.Keys != nil || a.Verifier == nil || len(tasks) != 1 {
		t.Errorf("external issuer: jwks asked %v, auth %+v, %d tasks", jwksAsked, a, len(tasks))
	}
	flags.OIDCIssuer = idp.URL + "/other"
	if _, _, err := newAuth(context.Background(), flags, nil, factory, slog.New(slog.NewTextHandler(io.Discard, nil))); err == nil {
		t.Error("an issuer without a discovery document was accepted")
	}
}
