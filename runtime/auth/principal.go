// Package auth authenticates API clients: OAuth2 client credentials against
// clients stored in the cms schema, JWTs signed with rotating keys kept in
// the database (or issued by an external OpenID Connect provider), and the
// request principal that authorization (runtime/authz) decides on.
package auth

import (
	"context"
	"sync/atomic"
)

// Principal is the authenticated API client a request acts for.
type Principal struct {
	ClientID                 string
	ClaimSetName             string
	NamespacePrefixes        []string
	EducationOrganizationIDs []int64
	Profiles                 []string
	TokenID                  string // jti, for logs (never the token itself)
}

// accessKey is the context key of a request's access.
type accessKey struct{}

// access is what authentication and authorization established about a
// request: one context value, which authorization completes
// (SetDecision, SetOwnership) instead of deriving another context, and
// request, from it.
type access struct {
	principal *Principal
	decision  atomic.Pointer[Decision]
	ownership atomic.Pointer[Ownership]
}

// WithPrincipal returns ctx carrying p, and room for the decision of its
// authorization (SetDecision).
func WithPrincipal(ctx context.Context, p *Principal) context.Context {
	return context.WithValue(ctx, accessKey{}, &access{principal: p})
}

// PrincipalFrom returns the principal stored by WithPrincipal, if any.
func PrincipalFrom(ctx context.Context) (*Principal, bool) {
	a, ok := ctx.Value(accessKey{}).(*access)
	if !ok || a.principal == nil {
		return nil, false
	}
	return a.principal, true
}

// ClaimSetDescriber is implemented by runtime/authz; token_info uses it for
// "resources" and "services".
type ClaimSetDescriber interface {
	DescribeClaimSet(name string) (resources []TokenInfoResource, services []TokenInfoService, ok bool)
}

// TokenInfoResource is one entry of token_info "resources": an endpoint path
// such as "/ed-fi/students" and the actions the claim set grants on it.
type TokenInfoResource struct {
	Resource   string   `json:"resource"`
	Operations []string `json:"operations"`
}

// TokenInfoService is one entry of token_info "services": a service claim
// (the part after .../ods/identity/claims/services/) and its actions.
type TokenInfoService struct {
	Service    string   `json:"service"`
	Operations []string `json:"operations"`
}
