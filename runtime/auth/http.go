package auth

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/labstack/echo/v4"
)

// Authenticator verifies a bearer token; *Verifier implements it.
type Authenticator interface {
	Verify(ctx context.Context, raw string) (*Principal, error)
}

// The reference's reasons for an authentication failure.
const (
	reasonMissingHeader = "Authorization header is missing."
	reasonInvalidHeader = "Invalid Authorization header."
	reasonUnknownScheme = "Unknown Authorization header scheme."
	reasonMissingToken  = "Missing Authorization header bearer token value."
	reasonInvalidToken  = "Invalid token"
)

// bearerToken reads the token of an Authorization header value as the
// reference classifies it: the scheme must be Bearer (any case), the token
// one run of characters without whitespace or commas (a comma is the mark
// of a repeated header folded into one).
func bearerToken(header string) (token, reason string) {
	trimmed := strings.TrimSpace(header)
	if trimmed == "" {
		return "", reasonInvalidHeader
	}
	end := strings.IndexFunc(trimmed, unicode.IsSpace)
	if end < 0 {
		end = len(trimmed)
	}
	scheme, rest := trimmed[:end], trimmed[end:]
	switch {
	case strings.Contains(scheme, ","):
		return "", reasonInvalidHeader
	case !strings.EqualFold(scheme, "Bearer"):
		return "", reasonUnknownScheme
	case rest == "":
		return "", reasonMissingToken
	}
	token = strings.TrimLeft(rest, " ")
	if token == "" || hasSpaceOrComma(token) {
		return "", reasonInvalidHeader
	}
	return token, ""
}

// hasSpaceOrComma reports whether s has a whitespace character
// (unicode.IsSpace) or a comma, looking at ASCII bytes without decoding
// (a token is ASCII but for a forged one).
func hasSpaceOrComma(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf:
			return strings.ContainsFunc(s[i:], func(r rune) bool { return unicode.IsSpace(r) || r == ',' })
		case c == ' ' || c == ',' || '\t' <= c && c <= '\r':
			return true
		}
	}
	return false
}

// Middleware authenticates every request public does not exempt: the
// bearer token's principal goes into the request context; a request
// without a valid token is answered with the reference's 401. It runs
// before the handler is chosen, so an unknown route without a token is a
// 401 too.
func Middleware(a Authenticator, log *slog.Logger, public func(echo.Context) bool) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if public(c) {
				return next(c)
			}
			r := c.Request()
			values, present := r.Header["Authorization"]
			if !present {
				return problem.AuthenticationFailed(reasonMissingHeader)
			}
			token, reason := bearerToken(strings.Join(values, ","))
			if reason != "" {
				return problem.AuthenticationFailed(reason)
			}
			p, err := a.Verify(r.Context(), token)
			if err != nil {
				log.InfoContext(r.Context(), "bearer token rejected", "reason", err)
				return problem.AuthenticationFailed(reasonInvalidToken)
			}
			c.SetRequest(r.WithContext(WithPrincipal(r.Context(), p)))
			return next(c)
		}
	}
}

// TokenEndpoint serves POST /oauth/token: OAuth2 client credentials.
type TokenEndpoint struct {
	Clients *Clients
	Tokens  *TokenIssuer
	Log     *slog.Logger
}

// tokenResponse is the RFC 6749 §5.1 success body.
type tokenResponse struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	ExpiresIn   int64  `json:"expires_in"`
}

// tokenRequest is what a client sends: grant_type and, unless it uses
// HTTP Basic, client_id and client_secret.
type tokenRequest struct {
	GrantType    string `json:"grant_type"`
	ClientID     string `json:"client_id"`
	ClientSecret string `json:"client_secret"`
}

// The reference's token endpoint failures.
const (
	detailMalformedHeader     = "Malformed Authorization header"
	detailUnsupportedGrant    = "Unsupported grant type"
	titleInvalidClient        = "invalid_client"
	detailInvalidClient       = "Invalid client or Invalid client credentials"
	grantTypeClientCredential = "client_credentials"
)

// Handle answers a token request. Credentials come from HTTP Basic (id and
// secret form-encoded, RFC 6749 §2.3.1) or from client_id and
// client_secret in the form or JSON body; failures are the reference's:
// 400 without credentials or with another grant type, 401 invalid_client
// for unknown credentials.
func (t *TokenEndpoint) Handle(c echo.Context) error {
	r := c.Request()
	req, err := readTokenRequest(r)
	if err != nil {
		return problem.BadRequest(detailMalformedHeader, nil)
	}
	id, secret, ok := basicCredentials(r.Header.Get("Authorization"))
	if !ok {
		id, secret = req.ClientID, req.ClientSecret
	}
	if id == "" {
		return problem.BadRequest(detailMalformedHeader, nil)
	}
	if !strings.EqualFold(req.GrantType, grantTypeClientCredential) {
		return problem.BadRequest(detailUnsupportedGrant, nil)
	}
	client, err := t.Clients.Authenticate(r.Context(), id, secret)
	if errors.Is(err, ErrInvalidClient) {
		t.Log.InfoContext(r.Context(), "token refused: invalid client credentials", "clientId", id)
		return problem.Unauthorized(titleInvalidClient, detailInvalidClient)
	}
	if err != nil {
		return err
	}
	token, lifetime, err := t.Tokens.Issue(client)
	if err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set("Cache-Control", "no-store")
	h.Set("Pragma", "no-cache")
	return c.JSON(http.StatusOK, tokenResponse{AccessToken: token, TokenType: "bearer", ExpiresIn: int64(lifetime.Seconds())})
}

// maxTokenRequestBytes bounds a token request body.
const maxTokenRequestBytes = 64 << 10

func readTokenRequest(r *http.Request) (tokenRequest, error) {
	var req tokenRequest
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	body, err := io.ReadAll(io.LimitReader(r.Body, maxTokenRequestBytes))
	if err != nil {
		return req, err
	}
	if mt == "application/json" {
		if len(strings.TrimSpace(string(body))) == 0 {
			return req, nil
		}
		return req, json.Unmarshal(body, &req)
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return req, err
	}
	return tokenRequest{GrantType: form.Get("grant_type"), ClientID: form.Get("client_id"), ClientSecret: form.Get("client_secret")}, nil
}

// basicCredentials reads an HTTP Basic Authorization header.
func basicCredentials(header string) (id, secret string, ok bool) {
	scheme, encoded, found := strings.Cut(strings.TrimSpace(header), " ")
	if !found || !strings.EqualFold(scheme, "Basic") {
		return "", "", false
	}
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(encoded))
	if err != nil {
		return "", "", false
	}
	rawID, rawSecret, found := strings.Cut(string(raw), ":")
	if !found {
		return "", "", false
	}
	if id, err = url.QueryUnescape(rawID); err != nil {
		return "", "", false
	}
	if secret, err = url.QueryUnescape(rawSecret); err != nil {
		return "", "", false
	}
	return id, secret, true
}

// TokenInfoEndpoint serves POST /oauth/token_info: what the token in the
// body, which must be the request's own bearer token, authorizes.
type TokenInfoEndpoint struct {
	Verifier  Authenticator
	Describer ClaimSetDescriber
}

// tokenInfo is the reference's token_info body, in its member order.
type tokenInfo struct {
	Active                 bool                             `json:"active"`
	ClientID               string                           `json:"client_id"`
	NamespacePrefixes      []string                         `json:"namespace_prefixes"`
	EducationOrganizations []TokenInfoEducationOrganization `json:"education_organizations"`
	AssignedProfiles       []string                         `json:"assigned_profiles"`
	ClaimSet               tokenInfoClaimSet                `json:"claim_set"`
	Resources              []TokenInfoResource              `json:"resources"`
	Services               []TokenInfoService               `json:"services"`
}

type tokenInfoClaimSet struct {
	Name string `json:"name"`
}

// The reference's token_info failures.
const (
	detailInvalidTokenInfo = "An invalid token was provided"
	errTokenNotProcessable = "The token was not present, or was not processable."
	errTokenMismatch       = "The Authorization header token does not match the token in the request body."
)

// Handle answers a token_info request: 400 when the body has no token (a
// JSON member or form field named token, any case) or names another token
// than the bearer one; 401 when the claim set is unknown.
func (t *TokenInfoEndpoint) Handle(c echo.Context) error {
	r := c.Request()
	caller, ok := PrincipalFrom(r.Context())
	if !ok {
		return problem.AuthenticationFailed(reasonInvalidToken)
	}
	token, ok := readTokenInfoToken(r)
	if !ok {
		return problem.BadRequest(detailInvalidTokenInfo, nil, errTokenNotProcessable)
	}
	p, err := t.Verifier.Verify(r.Context(), token)
	if err != nil || p.TokenID != caller.TokenID {
		return problem.BadRequest(detailInvalidTokenInfo, nil, errTokenMismatch)
	}
	resources, services, found := t.Describer.DescribeClaimSet(p.ClaimSetName)
	if !found {
		return problem.Unauthorized("Unauthorized", "The client's ClaimSet was not found.")
	}
	info := tokenInfo{
		Active:                 true,
		ClientID:               p.ClientID,
		NamespacePrefixes:      nonNil(p.NamespacePrefixes),
		EducationOrganizations: []TokenInfoEducationOrganization{},
		AssignedProfiles:       nonNil(p.Profiles),
		ClaimSet:               tokenInfoClaimSet{Name: p.ClaimSetName},
		Resources:              nonNil(resources),
		Services:               nonNil(services),
	}
	if len(p.EducationOrganizationIDs) > 0 {
		edOrgs, err := t.Describer.DescribeEducationOrganizations(r.Context(), p.EducationOrganizationIDs)
		if err != nil {
			return fmt.Errorf("token_info: reading the education organizations %v: %w", p.EducationOrganizationIDs, err)
		}
		info.EducationOrganizations = nonNil(edOrgs)
	}
	c.Response().Header().Set("Cache-Control", "no-cache")
	return c.JSON(http.StatusOK, info)
}

// readTokenInfoToken reads the token member of a JSON body, or the token
// field of a form body, matching the name in any case as the reference.
func readTokenInfoToken(r *http.Request) (string, bool) {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxTokenRequestBytes))
	if err != nil {
		return "", false
	}
	if strings.TrimSpace(string(body)) == "" {
		return "", false
	}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt == "application/x-www-form-urlencoded" {
		form, err := url.ParseQuery(string(body))
		if err != nil {
			return "", false
		}
		for k, v := range form {
			if strings.EqualFold(k, "token") && len(v) > 0 {
				return v[0], true
			}
		}
		return "", false
	}
	var obj map[string]any
	if err := json.Unmarshal(body, &obj); err != nil {
		return "", false
	}
	for k, v := range obj {
		if s, isString := v.(string); isString && strings.EqualFold(k, "token") {
			return s, true
		}
	}
	return "", false
}
