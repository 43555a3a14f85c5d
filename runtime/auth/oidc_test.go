package auth_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/edfi-dmsc/dmsc/runtime/auth"
	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
)

// identityProvider is a local OpenID Connect issuer: a discovery document
// and a JWKS over httptest, and RSA keys that sign tokens as Keycloak does.
type identityProvider struct {
	t      *testing.T
	server *httptest.Server
	mu     sync.Mutex
	keys   map[string]*rsa.PrivateKey // kid → key, all published
}

func newIdentityProvider(t *testing.T) *identityProvider {
	idp := &identityProvider{t: t, keys: map[string]*rsa.PrivateKey{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /realms/edfi/.well-known/openid-configuration", func(w http.ResponseWriter, _ *http.Request) {
		json.NewEncoder(w).Encode(map[string]string{"issuer": idp.issuer(), "jwks_uri": idp.issuer() + "/protocol/openid-connect/certs"})
	})
	mux.HandleFunc("GET /realms/edfi/protocol/openid-connect/certs", func(w http.ResponseWriter, _ *http.Request) {
		idp.mu.Lock()
		defer idp.mu.Unlock()
		var set jose.JSONWebKeySet
		for kid, k := range idp.keys {
			set.Keys = append(set.Keys, jose.JSONWebKey{Key: &k.PublicKey, KeyID: kid, Algorithm: "RS256", Use: "sig"})
		}
		json.NewEncoder(w).Encode(set)
	})
	idp.server = httptest.NewServer(mux)
	t.Cleanup(idp.server.Close)
	return idp
}

func (idp *identityProvider) issuer() string { return idp.server.URL + "/realms/edfi" }

// addKey makes and publishes a signing key.
func (idp *identityProvider) addKey(kid string) *rsa.PrivateKey {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		idp.t.Fatal(err)
	}
	idp.mu.Lock()
	idp.keys[kid] = k
	idp.mu.Unlock()
	return k
}

// sign makes a token with claims, signed by key under kid.
func sign(t *testing.T, key any, alg jose.SignatureAlgorithm, kid string, claims map[string]any) string {
	t.Helper()
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: alg, Key: key}, (&jose.SignerOptions{}).WithType("JWT").WithHeader("kid", kid))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := jwt.Signed(signer).Claims(claims).Serialize()
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// refreshingKeys fetches the key set at url and reloads it every 100 ms
// until the test ends.
func refreshingKeys(t *testing.T, client *http.Client, url string) *auth.RemoteKeys {
	t.Helper()
	keys, err := auth.NewRemoteKeys(context.Background(), client, url, 100*time.Millisecond, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	runCtx, stop := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { keys.Run(runCtx); close(done) }()
	t.Cleanup(func() { stop(); <-done })
	return keys
}

func TestExternalIdentityProvider(t *testing.T) {
	idp := newIdentityProvider(t)
	key := idp.addKey("kc-1")
	ctx := context.Background()
	client := idp.server.Client()
	jwksURL, err := auth.DiscoverJWKSURL(ctx, client, idp.issuer())
	if err != nil {
		t.Fatal(err)
	}
	keys := refreshingKeys(t, client, jwksURL)
	verifier := auth.NewRemoteVerifier(keys, idp.issuer(), "account", auth.DefaultClaimNames, 0)
	e := newEnv(t, envOptions{verifier: verifier})

	now := time.Now()
	claims := func(edit func(map[string]any)) map[string]any {
		c := map[string]any{
			"iss": idp.issuer(), "aud": []string{"account"}, "exp": now.Add(5 * time.Minute).Unix(), "iat": now.Unix(),
			"jti": "token-1", "client_id": "sis-vendor", "scope": "SIS-Vendor",
			"namespacePrefixes": "uri://ed-fi.org,uri://ns2.org", "educationOrganizationIds": "255901,19255901",
		}
		if edit != nil {
			edit(c)
		}
		return c
	}

	r := e.get(studentPath, sign(t, key, jose.RS256, "kc-1", claims(nil)))
	if r.status != http.StatusOK {
		t.Fatalf("valid token: %d %s", r.status, r.body)
	}
	var echoed struct{ Principal auth.Principal }
	if err := json.Unmarshal([]byte(r.body), &echoed); err != nil {
		t.Fatal(err)
	}
	p := echoed.Principal
	if p.ClientID != "sis-vendor" || p.ClaimSetName != "SIS-Vendor" || p.TokenID != "token-1" ||
		!slices.Equal(p.NamespacePrefixes, []string{"uri://ed-fi.org", "uri://ns2.org"}) || !slices.Equal(p.EducationOrganizationIDs, []int64{255901, 19255901}) {
		t.Errorf("principal %+v", p)
	}

	// Claims mapped as JSON arrays read the same.
	arrays := claims(func(c map[string]any) {
		c["namespacePrefixes"] = []string{"uri://ed-fi.org"}
		c["educationOrganizationIds"] = []int64{255901}
	})
	if r := e.get(studentPath, sign(t, key, jose.RS256, "kc-1", arrays)); r.status != http.StatusOK {
		t.Errorf("array claims: %d %s", r.status, r.body)
	}

	stranger, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		token string
	}{
		{"wrong issuer", sign(t, key, jose.RS256, "kc-1", claims(func(c map[string]any) { c["iss"] = "https://elsewhere/realms/edfi" }))},
		{"wrong audience", sign(t, key, jose.RS256, "kc-1", claims(func(c map[string]any) { c["aud"] = []string{"other"} }))},
		{"expired", sign(t, key, jose.RS256, "kc-1", claims(func(c map[string]any) { c["exp"] = now.Add(-time.Minute).Unix() }))},
		{"no expiry", sign(t, key, jose.RS256, "kc-1", claims(func(c map[string]any) { delete(c, "exp") }))},
		{"not yet valid", sign(t, key, jose.RS256, "kc-1", claims(func(c map[string]any) { c["nbf"] = now.Add(time.Hour).Unix() }))},
		{"no claim set", sign(t, key, jose.RS256, "kc-1", claims(func(c map[string]any) { delete(c, "scope") }))},
		{"unknown key", sign(t, stranger, jose.RS256, "kc-9", claims(nil))},
		{"known kid, other key", sign(t, stranger, jose.RS256, "kc-1", claims(nil))},
		{"HMAC with a guessable secret", sign(t, []byte("0123456789abcdef0123456789abcdef"), jose.HS256, "kc-1", claims(nil))},
	} {
		t.Run(tc.name, func(t *testing.T) { check401(t, e.get(studentPath, tc.token), "Invalid token") })
	}

	// A key the provider adds later is picked up by the refresh.
	rotated := idp.addKey("kc-2")
	token := sign(t, rotated, jose.RS256, "kc-2", claims(nil))
	waitFor(t, 3*time.Second, func() bool { return e.get(studentPath, token).status == http.StatusOK })
}

func TestExternalIdentityProviderClaimNames(t *testing.T) {
	idp := newIdentityProvider(t)
	key := idp.addKey("kc-1")
	ctx := context.Background()
	keys, err := auth.NewRemoteKeys(ctx, idp.server.Client(), idp.issuer()+"/protocol/openid-connect/certs", time.Minute, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	names := auth.ClaimNames{ClaimSet: "edfi_claim_set", NamespacePrefixes: "edfi_ns", EducationOrganizationIDs: "edfi_edorgs", ClientID: "azp"}
	e := newEnv(t, envOptions{verifier: auth.NewRemoteVerifier(keys, idp.issuer(), "", names, 0)})
	token := sign(t, key, jose.RS256, "kc-1", map[string]any{
		"iss": idp.issuer(), "aud": "anything", "exp": time.Now().Add(time.Minute).Unix(), "azp": "vendor-app",
		"edfi_claim_set": "SIS-Vendor", "edfi_ns": []string{"uri://a.org"}, "edfi_edorgs": "7",
	})
	r := e.get(studentPath, token)
	var echoed struct{ Principal auth.Principal }
	if err := json.Unmarshal([]byte(r.body), &echoed); err != nil {
		t.Fatalf("%d %s", r.status, r.body)
	}
	// Without a jti the token is identified by its digest.
	if p := echoed.Principal; p.ClientID != "vendor-app" || p.ClaimSetName != "SIS-Vendor" || !strings.HasPrefix(p.TokenID, "sha256:") ||
		!slices.Equal(p.NamespacePrefixes, []string{"uri://a.org"}) || !slices.Equal(p.EducationOrganizationIDs, []int64{7}) {
		t.Errorf("principal %+v", p)
	}
}

// A token verified once is cached; when the identity provider withdraws
// its key, the cached token is refused from the next JWKS refresh on.
func TestExternalIdentityProviderWithdrawnKeyEndsCachedTokens(t *testing.T) {
	idp := newIdentityProvider(t)
	key := idp.addKey("kc-1")
	keys := refreshingKeys(t, idp.server.Client(), idp.issuer()+"/protocol/openid-connect/certs")
	e := newEnv(t, envOptions{verifier: auth.NewRemoteVerifier(keys, idp.issuer(), "", auth.DefaultClaimNames, 0)})
	token := sign(t, key, jose.RS256, "kc-1", map[string]any{
		"iss": idp.issuer(), "exp": time.Now().Add(time.Minute).Unix(), "client_id": "vendor", "scope": "SIS-Vendor",
	})
	for range 2 { // the second from the cache
		if r := e.get(studentPath, token); r.status != http.StatusOK {
			t.Fatalf("valid token: %d %s", r.status, r.body)
		}
	}
	idp.mu.Lock()
	delete(idp.keys, "kc-1")
	idp.mu.Unlock()
	waitFor(t, 3*time.Second, func() bool { return e.get(studentPath, token).status == http.StatusUnauthorized })
}
