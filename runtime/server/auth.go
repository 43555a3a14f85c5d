package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/edfi-dmsc/dmsc/runtime/auth"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"
)

// AuthFlags are the authentication flags of a generated server.
type AuthFlags struct {
	AuthMode      string        `name:"auth" env:"DMSC_AUTH" default:"on" enum:"on,off" help:"on: every request but discovery, metadata, Swagger UI, health and the token endpoints needs a bearer token, and data requests are authorized by the client's claim set. off: no authentication at all; refused unless --listen is a loopback address."`
	TokenLifetime time.Duration `name:"token-lifetime" env:"DMSC_TOKEN_LIFETIME" default:"30m" help:"Lifetime of the access tokens /oauth/token issues."`
	TokenIssuer   string        `name:"token-issuer" env:"DMSC_TOKEN_ISSUER" default:"dmsc" help:"Issuer (iss) of the tokens this server issues and accepts; servers sharing a database and this value accept each other's tokens."`
	KeyRefresh    time.Duration `name:"key-refresh" env:"DMSC_KEY_REFRESH" default:"1m" help:"How often the signing keys (cms.SigningKey) or the identity provider's JWKS are reloaded: a key rotation signs new tokens within this interval, without restart."`
	ClockSkew     time.Duration `name:"clock-skew" env:"DMSC_CLOCK_SKEW" default:"30s" help:"Leeway for token expiry and not-before."`

	OIDCIssuer                    string `name:"oidc-issuer" env:"DMSC_OIDC_ISSUER" help:"Accept tokens of this external OpenID Connect issuer (e.g. a Keycloak realm URL) instead of issuing them: /oauth/token is not served, and the JWKS comes from --jwks-url or the issuer's /.well-known/openid-configuration."`
	JWKSURL                       string `name:"jwks-url" env:"DMSC_JWKS_URL" help:"JWKS URL of the external issuer (default: the jwks_uri of its discovery document)."`
	OIDCAudience                  string `name:"oidc-audience" env:"DMSC_OIDC_AUDIENCE" default:"account" help:"Audience (aud) external tokens must name; empty accepts any."`
	ClaimSetClaim                 string `name:"claim-set-claim" env:"DMSC_CLAIM_SET_CLAIM" default:"scope" help:"Token claim carrying the claim set name."`
	NamespacePrefixesClaim        string `name:"namespace-prefixes-claim" env:"DMSC_NAMESPACE_PREFIXES_CLAIM" default:"namespacePrefixes" help:"Token claim carrying the namespace prefixes (comma-separated string or array)."`
	EducationOrganizationIDsClaim string `name:"education-organization-ids-claim" env:"DMSC_EDUCATION_ORGANIZATION_IDS_CLAIM" default:"educationOrganizationIds" help:"Token claim carrying the education organization ids (comma-separated string or array)."`
	ClientIDClaim                 string `name:"client-id-claim" env:"DMSC_CLIENT_ID_CLAIM" default:"client_id" help:"Token claim carrying the client id (sub when absent)."`
}

// Auth is what a server with authentication on uses; Config.Auth nil
// means auth off (tests on loopback, --auth=off).
type Auth struct {
	// Verifier authenticates bearer tokens.
	Verifier auth.Authenticator
	// Authorizer decides data, descriptor and change-query requests.
	Authorizer auth.Authorizer
	// Describer answers token_info's resources and services.
	Describer auth.ClaimSetDescriber
	// Tokens serves /oauth/token; nil when an external identity provider
	// issues the tokens.
	Tokens *auth.TokenEndpoint
	// Keys are published at /.well-known/jwks.json; nil with an external
	// identity provider.
	Keys *auth.KeyRing
	// Issuer is the iss of the tokens this server issues.
	Issuer string
}

// AuthorizationFactory builds the authorizer and the claim-set describer
// once the pool is open (runtime/authz). App.Authorization holds it.
type AuthorizationFactory func(ctx context.Context, pool *pgxpool.Pool, log *slog.Logger) (auth.Authorizer, auth.ClaimSetDescriber, error)

// Routes of authentication.
const (
	pathToken      = "oauth/token"
	pathTokenInfo  = "oauth/token_info"
	pathJWKS       = ".well-known/jwks.json"
	pathOIDCConfig = ".well-known/openid-configuration"
	labelOAuth     = "oauth"
)

// routeAuth adds the authentication middleware and routes. Public are the
// routes the reference serves without a token: discovery, metadata,
// Swagger UI, health, the token endpoint and the key documents; anything
// else, unknown routes included, needs a token.
func (s *Server) routeAuth(e *echo.Echo) {
	a := s.Config.Auth
	public := map[string]bool{}
	for path, label := range s.serviceRoutes {
		public[path] = label != labelChangeQueries
	}
	if a.Tokens != nil {
		e.POST("/"+pathToken, a.Tokens.Handle)
		s.serviceRoutes["/"+pathToken] = labelOAuth
		public["/"+pathToken] = true
		s.advertised.OAuth = pathToken
	}
	if a.Keys != nil {
		for path, h := range map[string]echo.HandlerFunc{pathJWKS: s.jwks, pathOIDCConfig: s.openIDConfiguration} {
			s.service(e, "/"+path, labelOAuth, h)
			public["/"+path] = true
		}
	}
	info := &auth.TokenInfoEndpoint{Verifier: a.Verifier, Describer: a.Describer}
	e.POST("/"+pathTokenInfo, info.Handle)
	s.serviceRoutes["/"+pathTokenInfo] = labelOAuth
	s.advertised.TokenInfo = pathTokenInfo
	e.Use(auth.Middleware(a.Verifier, s.Log, func(c echo.Context) bool { return public[c.Path()] }))
}

// jwks answers GET /.well-known/jwks.json: the public signing keys.
func (s *Server) jwks(c echo.Context) error {
	return c.JSON(http.StatusOK, s.Config.Auth.Keys.JWKS())
}

// openIDConfiguration answers the OpenID Connect discovery document of the
// token endpoint, so that OIDC libraries find the JWKS.
func (s *Server) openIDConfiguration(c echo.Context) error {
	root := rootURL(c)
	return c.JSON(http.StatusOK, map[string]any{
		"issuer":                                s.Config.Auth.Issuer,
		"token_endpoint":                        root + pathToken,
		"jwks_uri":                              root + pathJWKS,
		"grant_types_supported":                 []string{"client_credentials"},
		"token_endpoint_auth_methods_supported": []string{"client_secret_basic", "client_secret_post"},
		"response_types_supported":              []string{"token"},
		"subject_types_supported":               []string{"public"},
		"id_token_signing_alg_values_supported": []string{"ES256"},
	})
}

// authorize asks the authorizer whether the request's principal may do
// action on the route's resource, and records the decision in the request
// context for the engine. With auth off it does nothing.
func (s *Server) authorize(r *Request, action auth.Action) error {
	a := s.Config.Auth
	if a == nil {
		return nil
	}
	ctx := r.Context()
	p, ok := auth.PrincipalFrom(ctx)
	if !ok {
		return errors.New("server: data request without a principal under auth")
	}
	d, err := a.Authorizer.Authorize(ctx, p, auth.Target{Project: r.route.project, Endpoint: r.route.endpoint}, action)
	if err != nil {
		return err
	}
	if !auth.SetDecision(ctx, d) {
		return errors.New("server: no principal to record the authorization decision with")
	}
	return nil
}

// admit authorizes a data request, then consults the schema gate.
func (s *Server) admit(r *Request, action auth.Action) error {
	if err := s.authorize(r, action); err != nil {
		return err
	}
	return s.checkGate(r)
}

// httpClientTimeout bounds each request to an identity provider.
const httpClientTimeout = 10 * time.Second

// newAuth builds Config.Auth from the flags: keys in cms.SigningKey and
// clients in cms.ApiClient, or an external issuer's JWKS. Background
// tasks reload the keys.
func newAuth(ctx context.Context, f AuthFlags, pool *pgxpool.Pool, factory AuthorizationFactory, log *slog.Logger) (*Auth, []func(context.Context), error) {
	if factory == nil {
		return nil, nil, errors.New("this server was generated without an authorizer; it can only run with --auth=off")
	}
	authorizer, describer, err := factory(ctx, pool, log)
	if err != nil {
		return nil, nil, fmt.Errorf("loading claim sets: %w", err)
	}
	a := &Auth{Authorizer: authorizer, Describer: describer}
	if f.OIDCIssuer != "" {
		client := &http.Client{Timeout: httpClientTimeout}
		url := f.JWKSURL
		if url == "" {
			if url, err = auth.DiscoverJWKSURL(ctx, client, f.OIDCIssuer); err != nil {
				return nil, nil, err
			}
		}
		keys, err := auth.NewRemoteKeys(ctx, client, url, f.KeyRefresh, log)
		if err != nil {
			return nil, nil, err
		}
		claims := auth.ClaimNames{ClaimSet: f.ClaimSetClaim, NamespacePrefixes: f.NamespacePrefixesClaim,
			EducationOrganizationIDs: f.EducationOrganizationIDsClaim, ClientID: f.ClientIDClaim}
		a.Verifier = auth.NewRemoteVerifier(keys, f.OIDCIssuer, f.OIDCAudience, claims, f.ClockSkew)
		log.Info("authentication: tokens of an external identity provider", "issuer", f.OIDCIssuer, "jwks", url, "audience", f.OIDCAudience)
		return a, []func(context.Context){keys.Run}, nil
	}
	keys, err := auth.NewKeyRing(ctx, pool, log, f.KeyRefresh, f.TokenLifetime, f.ClockSkew)
	if err != nil {
		return nil, nil, err
	}
	issuer := &auth.TokenIssuer{Keys: keys, Issuer: f.TokenIssuer, Audience: auth.LocalAudience, Lifetime: f.TokenLifetime}
	a.Verifier = auth.NewVerifier(keys, f.TokenIssuer, auth.LocalAudience, f.ClockSkew)
	a.Tokens = &auth.TokenEndpoint{Clients: auth.NewClients(pool), Tokens: issuer, Log: log}
	a.Keys, a.Issuer = keys, f.TokenIssuer
	log.Info("authentication: OAuth2 client credentials at /oauth/token", "issuer", f.TokenIssuer, "tokenLifetime", f.TokenLifetime.String(), "keyRefresh", f.KeyRefresh.String())
	return a, []func(context.Context){keys.Run}, nil
}

// checkAuthOff refuses --auth=off on an address other hosts can reach.
func checkAuthOff(f AuthFlags, listen string) error {
	if f.AuthMode != "off" {
		return nil
	}
	host, _, err := net.SplitHostPort(listen)
	if err != nil {
		return fmt.Errorf("--listen %q: %w", listen, err)
	}
	if !isLoopback(host) {
		return fmt.Errorf("--auth=off is refused on --listen %s: without authentication anyone who reaches the server can read and write all data; listen on a loopback address (127.0.0.1, ::1, localhost) or turn auth on", listen)
	}
	return nil
}
