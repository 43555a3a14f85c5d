package auth_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/edfi-dmsc/dmsc/runtime/auth"
	"github.com/go-jose/go-jose/v4"
)

const studentPath = "/data/ed-fi/students/6b4a3d1c-0f6e-4d5e-9a7b-2c1d0e9f8a7b"

// authFailure is the reference's 401 body (FailureResponse.ForAuthenticationFailure):
// members in its order, no validationErrors.
func authFailure(correlationID, reason string) string {
	return fmt.Sprintf(`{"detail":"The caller could not be authenticated.","type":"urn:ed-fi:api:security:authentication","title":"Authentication Failed","status":401,"correlationId":%q,"errors":[%q]}`,
		correlationID, reason)
}

// correlationIDOf reads the correlationId of a problem body.
func correlationIDOf(t *testing.T, body string) string {
	t.Helper()
	var m struct {
		CorrelationID string `json:"correlationId"`
	}
	if err := json.Unmarshal([]byte(body), &m); err != nil {
		t.Fatalf("not JSON: %q", body)
	}
	return m.CorrelationID
}

// check401 asserts the reference's 401: status, body, content type and
// WWW-Authenticate.
func check401(t *testing.T, r reply, reason string) {
	t.Helper()
	if r.status != http.StatusUnauthorized {
		t.Fatalf("status %d, want 401; body %s", r.status, r.body)
	}
	if want := authFailure(correlationIDOf(t, r.body), reason); r.body != want {
		t.Errorf("body\n got %s\nwant %s", r.body, want)
	}
	if got := r.header.Get("WWW-Authenticate"); got != `Bearer error="invalid_token"` {
		t.Errorf("WWW-Authenticate %q", got)
	}
	if got := r.header.Get("Content-Type"); !strings.HasPrefix(got, "application/problem+json") {
		t.Errorf("Content-Type %q", got)
	}
}

func TestTokenIssueAndAuthorizedRequest(t *testing.T) {
	e := newEnv(t, envOptions{})
	id, secret := e.client("SIS-Vendor")

	// HTTP Basic, form body.
	r := e.do(http.MethodPost, "/oauth/token", "grant_type=client_credentials",
		"Content-Type", "application/x-www-form-urlencoded",
		"Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(id+":"+secret)))
	if r.status != http.StatusOK {
		t.Fatalf("token: %d %s", r.status, r.body)
	}
	var tr map[string]any
	if err := json.Unmarshal([]byte(r.body), &tr); err != nil {
		t.Fatal(err)
	}
	if len(tr) != 3 || tr["token_type"] != "bearer" || tr["expires_in"] != float64(1800) || tr["access_token"] == "" {
		t.Errorf("token response %s", r.body)
	}
	if r.header.Get("Cache-Control") != "no-store" {
		t.Errorf("Cache-Control %q", r.header.Get("Cache-Control"))
	}
	token := tr["access_token"].(string)

	got := e.get(studentPath, token)
	if got.status != http.StatusOK {
		t.Fatalf("GET with token: %d %s", got.status, got.body)
	}
	var echoed struct {
		Principal auth.Principal
		Decision  auth.Decision
	}
	if err := json.Unmarshal([]byte(got.body), &echoed); err != nil {
		t.Fatal(err)
	}
	p := echoed.Principal
	if p.ClientID != id || p.ClaimSetName != "SIS-Vendor" || p.TokenID == "" ||
		!slices.Equal(p.NamespacePrefixes, []string{"uri://ed-fi.org", "uri://ns2.org"}) ||
		!slices.Equal(p.EducationOrganizationIDs, []int64{255901, 19255901}) || !slices.Equal(p.Profiles, []string{"Test-Profile"}) {
		t.Errorf("principal %+v", p)
	}
	if !slices.Equal(echoed.Decision.Strategies, []string{"NamespaceBased"}) {
		t.Errorf("decision %+v", echoed.Decision)
	}
	if calls := e.authz.recorded(); !slices.Equal(calls, []string{"SIS-Vendor Read ed-fi/students"}) {
		t.Errorf("authorizer calls %q", calls)
	}

	// Form credentials and a JSON body work too.
	for _, req := range []struct{ contentType, body string }{
		{"application/x-www-form-urlencoded", "grant_type=client_credentials&client_id=" + id + "&client_secret=" + secret},
		{"application/json", fmt.Sprintf(`{"grant_type":"client_credentials","client_id":%q,"client_secret":%q}`, id, secret)},
	} {
		if r := e.do(http.MethodPost, "/oauth/token", req.body, "Content-Type", req.contentType); r.status != http.StatusOK {
			t.Errorf("%s credentials: %d %s", req.contentType, r.status, r.body)
		}
	}

	// Each method maps to its action; a denied claim set gets the authorizer's 403.
	e.do(http.MethodDelete, studentPath, "", "Authorization", "Bearer "+token)
	e.do(http.MethodGet, "/data/ed-fi/students/deletes", "", "Authorization", "Bearer "+token)
	calls := e.authz.recorded()
	if !slices.Equal(calls[1:], []string{"SIS-Vendor Delete ed-fi/students", "SIS-Vendor ReadChanges ed-fi/students"}) {
		t.Errorf("authorizer calls %q", calls)
	}
	otherID, otherSecret := e.client("Read-Only")
	if r := e.get(studentPath, e.token(otherID, otherSecret)); r.status != http.StatusForbidden {
		t.Errorf("denied claim set: %d %s", r.status, r.body)
	}
}

func TestTokenEndpointFailuresAreTheReferences(t *testing.T) {
	e := newEnv(t, envOptions{})
	id, secret := e.client("SIS-Vendor")
	basic := func(id, secret string) string {
		return "Basic " + base64.StdEncoding.EncodeToString([]byte(id+":"+secret))
	}
	form := "application/x-www-form-urlencoded"
	for _, tc := range []struct {
		name, body, authorization string
		status                    int
		want                      string
	}{
		{"no credentials", "grant_type=client_credentials", "", 400,
			`{"detail":"Malformed Authorization header","type":"urn:ed-fi:api:bad-request","title":"Bad Request","status":400,"validationErrors":{},"errors":[]}`},
		{"unsupported grant type", "grant_type=password", basic(id, secret), 400,
			`{"detail":"Unsupported grant type","type":"urn:ed-fi:api:bad-request","title":"Bad Request","status":400,"validationErrors":{},"errors":[]}`},
		{"bad secret", "grant_type=client_credentials", basic(id, secret+"x"), 401,
			`{"detail":"Invalid client or Invalid client credentials","type":"urn:ed-fi:api:unauthorized","title":"invalid_client","status":401,"validationErrors":{},"errors":[]}`},
		{"unknown client", "grant_type=client_credentials", basic("nobody", secret), 401,
			`{"detail":"Invalid client or Invalid client credentials","type":"urn:ed-fi:api:unauthorized","title":"invalid_client","status":401,"validationErrors":{},"errors":[]}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			headers := []string{"Content-Type", form}
			if tc.authorization != "" {
				headers = append(headers, "Authorization", tc.authorization)
			}
			r := e.do(http.MethodPost, "/oauth/token", tc.body, headers...)
			if r.status != tc.status {
				t.Fatalf("status %d, want %d: %s", r.status, tc.status, r.body)
			}
			if got := withoutCorrelationID(t, r.body); got != canonical(t, tc.want) {
				t.Errorf("body\n got %s\nwant %s", got, canonical(t, tc.want))
			}
		})
	}
}

func TestUnauthenticatedRequestsGetTheReferences401(t *testing.T) {
	e := newEnv(t, envOptions{})
	id, secret := e.client("SIS-Vendor")
	token := e.token(id, secret)
	parts := strings.Split(token, ".")
	header, payload, signature := parts[0], parts[1], parts[2]
	tampered := header + "." + payload + "." + flipFirst(signature)
	otherPayload := base64.RawURLEncoding.EncodeToString([]byte(`{"scope":"Everything","exp":4102444800}`))

	for _, tc := range []struct {
		name, path, authorization, reason string
	}{
		{"no header", studentPath, "", "Authorization header is missing."},
		{"unknown route without token", "/no/such/route", "", "Authorization header is missing."},
		{"availableChangeVersions", "/changeQueries/v1/availableChangeVersions", "", "Authorization header is missing."},
		{"token_info", "/oauth/token_info", "", "Authorization header is missing."},
		{"basic scheme", studentPath, "Basic dXNlcjpwYXNz", "Unknown Authorization header scheme."},
		{"bearer without token", studentPath, "Bearer", "Missing Authorization header bearer token value."},
		{"two tokens", studentPath, "Bearer abc def", "Invalid Authorization header."},
		{"folded header", studentPath, "Bearer abc,def", "Invalid Authorization header."},
		{"not a JWT", studentPath, "Bearer abc", "Invalid token"},
		{"tampered signature", studentPath, "Bearer " + tampered, "Invalid token"},
		{"tampered payload", studentPath, "Bearer " + header + "." + otherPayload + "." + signature, "Invalid token"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var headers []string
			if tc.authorization != "" {
				headers = []string{"Authorization", tc.authorization}
			}
			method := http.MethodGet
			if tc.path == "/oauth/token_info" {
				method = http.MethodPost
			}
			check401(t, e.do(method, tc.path, "", headers...), tc.reason)
		})
	}
	if calls := e.authz.recorded(); len(calls) != 0 {
		t.Errorf("the authorizer ran for unauthenticated requests: %q", calls)
	}
	// Public routes answer without a token.
	for _, path := range []string{"/", "/health", "/metadata", "/.well-known/jwks.json", "/.well-known/openid-configuration"} {
		if r := e.do(http.MethodGet, path, ""); r.status == http.StatusUnauthorized {
			t.Errorf("%s: 401 without a token", path)
		}
	}
	// An unknown route with a valid token is the 404 it always was.
	if r := e.get("/no/such/route", token); r.status != http.StatusNotFound {
		t.Errorf("unknown route with token: %d", r.status)
	}
}

// flipFirst changes the first character of a base64url string.
func flipFirst(s string) string {
	if s[0] == 'A' {
		return "B" + s[1:]
	}
	return "A" + s[1:]
}

func TestExpiredTokenIsRejected(t *testing.T) {
	e := newEnv(t, envOptions{lifetime: time.Second})
	id, secret := e.client("SIS-Vendor")
	token := e.token(id, secret)
	if r := e.get(studentPath, token); r.status != http.StatusOK {
		t.Fatalf("fresh token: %d %s", r.status, r.body)
	}
	time.Sleep(2100 * time.Millisecond)
	check401(t, e.get(studentPath, token), "Invalid token")
}

func TestKeyRotation(t *testing.T) {
	const lifetime, refresh = 2 * time.Second, 100 * time.Millisecond
	e := newEnv(t, envOptions{lifetime: lifetime, refresh: refresh})
	id, secret := e.client("SIS-Vendor")
	before := e.token(id, secret)
	oldKid := kidOf(t, before)

	newKid, err := auth.RotateKey(context.Background(), e.pool)
	if err != nil {
		t.Fatal(err)
	}
	// The running server signs with the new key within one refresh.
	waitFor(t, 2*time.Second, func() bool { return kidOf(t, e.token(id, secret)) == newKid })
	after := e.token(id, secret)
	jwks := publishedKids(t, e)
	if !slices.Contains(jwks, oldKid) || !slices.Contains(jwks, newKid) {
		t.Errorf("JWKS %q should hold the old key %s and the new key %s", jwks, oldKid, newKid)
	}
	// The old key still verifies the tokens it signed.
	if r := e.get(studentPath, before); r.status != http.StatusOK {
		t.Errorf("token of the retired key, before it expired: %d %s", r.status, r.body)
	}
	if r := e.get(studentPath, after); r.status != http.StatusOK {
		t.Errorf("token of the new key: %d %s", r.status, r.body)
	}
	// Once every token it signed has expired, the old key is gone.
	waitFor(t, 5*time.Second, func() bool { return !slices.Contains(publishedKids(t, e), oldKid) })
	check401(t, e.get(studentPath, before), "Invalid token")
}

func kidOf(t *testing.T, token string) string {
	t.Helper()
	sig, err := jose.ParseSignedCompact(token, []jose.SignatureAlgorithm{jose.ES256})
	if err != nil {
		t.Fatal(err)
	}
	return sig.Signatures[0].Header.KeyID
}

func publishedKids(t *testing.T, e *env) []string {
	t.Helper()
	r := e.do(http.MethodGet, "/.well-known/jwks.json", "")
	var set jose.JSONWebKeySet
	if err := json.Unmarshal([]byte(r.body), &set); err != nil {
		t.Fatalf("JWKS: %v: %s", err, r.body)
	}
	var kids []string
	for _, k := range set.Keys {
		if !k.IsPublic() {
			t.Fatalf("JWKS publishes a private key: %s", k.KeyID)
		}
		kids = append(kids, k.KeyID)
	}
	return kids
}

func waitFor(t *testing.T, limit time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("condition not met within %v", limit)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestTokenInfo(t *testing.T) {
	e := newEnv(t, envOptions{})
	id, secret := e.client("SIS-Vendor")
	token := e.token(id, secret)
	bearer := []string{"Authorization", "Bearer " + token, "Content-Type", "application/json"}

	r := e.do(http.MethodPost, "/oauth/token_info", fmt.Sprintf(`{"tOkEn": %q}`, token), bearer...)
	if r.status != http.StatusOK {
		t.Fatalf("token_info: %d %s", r.status, r.body)
	}
	// The client's 19255901 is no organization the describer knows: left out.
	want := fmt.Sprintf(`{"active":true,"client_id":%q,"namespace_prefixes":["uri://ed-fi.org","uri://ns2.org"],`+
		`"education_organizations":[{"education_organization_id":255901,"name_of_institution":"Grand Bend \"ISD\"","type":"edfi.LocalEducationAgency",`+
		`"local_education_agency_id":255901,"education_service_center_id":255950}],`+
		`"assigned_profiles":["Test-Profile"],"claim_set":{"name":"SIS-Vendor"},`+
		`"resources":[{"resource":"/ed-fi/students","operations":["Create","Read"]}],`+
		`"services":[{"service":"identity","operations":["Read"]}]}`, id)
	if strings.TrimSpace(r.body) != want {
		t.Errorf("token_info\n got %s\nwant %s", r.body, want)
	}
	// A form body works too.
	form := []string{"Authorization", "Bearer " + token, "Content-Type", "application/x-www-form-urlencoded"}
	if r := e.do(http.MethodPost, "/oauth/token_info", "token="+token, form...); r.status != http.StatusOK {
		t.Errorf("form token_info: %d %s", r.status, r.body)
	}

	other := e.token(id, secret)
	for _, tc := range []struct{ name, body, message string }{
		{"no token", `{}`, "The token was not present, or was not processable."},
		{"not JSON", `{`, "The token was not present, or was not processable."},
		{"another token", fmt.Sprintf(`{"token": %q}`, other), "The Authorization header token does not match the token in the request body."},
		{"garbage", `{"token": "abc"}`, "The Authorization header token does not match the token in the request body."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := e.do(http.MethodPost, "/oauth/token_info", tc.body, bearer...)
			want := fmt.Sprintf(`{"detail":"An invalid token was provided","type":"urn:ed-fi:api:bad-request","title":"Bad Request","status":400,"validationErrors":{},"errors":[%q]}`, tc.message)
			if r.status != http.StatusBadRequest || withoutCorrelationID(t, r.body) != canonical(t, want) {
				t.Errorf("%d %s", r.status, r.body)
			}
		})
	}

	// A claim set the describer does not know.
	unknownID, unknownSecret := e.client("Nobody-Knows")
	unknown := e.token(unknownID, unknownSecret)
	r = e.do(http.MethodPost, "/oauth/token_info", fmt.Sprintf(`{"token": %q}`, unknown), "Authorization", "Bearer "+unknown)
	want401 := `{"detail":"The client's ClaimSet was not found.","type":"urn:ed-fi:api:unauthorized","title":"Unauthorized","status":401,"validationErrors":{},"errors":[]}`
	if r.status != http.StatusUnauthorized || withoutCorrelationID(t, r.body) != canonical(t, want401) {
		t.Errorf("unknown claim set: %d %s", r.status, r.body)
	}
}

func TestDiscoveryAdvertisesTheTokenEndpoints(t *testing.T) {
	e := newEnv(t, envOptions{})
	var doc struct {
		URLs map[string]string `json:"urls"`
	}
	if err := json.Unmarshal([]byte(e.do(http.MethodGet, "/", "").body), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.URLs["oauth"] != e.server.URL+"/oauth/token" || doc.URLs["tokenInfo"] != e.server.URL+"/oauth/token_info" {
		t.Errorf("discovery urls %v", doc.URLs)
	}
	var oidc map[string]any
	if err := json.Unmarshal([]byte(e.do(http.MethodGet, "/.well-known/openid-configuration", "").body), &oidc); err != nil {
		t.Fatal(err)
	}
	if oidc["issuer"] != testIssuer || oidc["jwks_uri"] != e.server.URL+"/.well-known/jwks.json" || oidc["token_endpoint"] != e.server.URL+"/oauth/token" {
		t.Errorf("openid-configuration %v", oidc)
	}
}
