// Package auth authenticates API clients: OAuth2 client credentials against
// clients stored in the cms schema, JWTs signed with rotating keys kept in
// the database (or issued by an external OpenID Connect provider), and the
// request principal that authorization (runtime/authz) decides on.
package auth

import (
	"bytes"
	"context"
	"encoding/json"
	"strconv"
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
// "resources" and "services", and for "education_organizations".
type ClaimSetDescriber interface {
	DescribeClaimSet(name string) (resources []TokenInfoResource, services []TokenInfoService, ok bool)
	// DescribeEducationOrganizations reads, in one query, the education
	// organizations the ids claim and those below them in the hierarchy,
	// by id; ids of no education organization are left out.
	DescribeEducationOrganizations(ctx context.Context, ids []int64) ([]TokenInfoEducationOrganization, error)
}

// TokenInfoEducationOrganization is one entry of token_info
// "education_organizations": an education organization, its type
// ("edfi.School") and, under their id names ("local_education_agency_id"),
// itself and its ancestors.
type TokenInfoEducationOrganization struct {
	ID                int64
	NameOfInstitution string
	Type              string
	// Ancestors are in ascending id order; a name holds the last id given
	// it, in the place of the first (the reference's ordered dictionary).
	Ancestors []TokenInfoAncestor
}

// TokenInfoAncestor is an id member of a TokenInfoEducationOrganization:
// the snake-case id name of the organization's type and its id.
type TokenInfoAncestor struct {
	Name string
	ID   int64
}

// MarshalJSON writes the entry in the reference's member order: id, name,
// type, then the ancestors' ids.
func (e TokenInfoEducationOrganization) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(`{"education_organization_id":`)
	b.WriteString(strconv.FormatInt(e.ID, 10))
	for _, m := range [...][2]string{{"name_of_institution", e.NameOfInstitution}, {"type", e.Type}} {
		v, err := json.Marshal(m[1])
		if err != nil {
			return nil, err
		}
		b.WriteString(`,"` + m[0] + `":`)
		b.Write(v)
	}
	for _, a := range e.Ancestors {
		name, err := json.Marshal(a.Name)
		if err != nil {
			return nil, err
		}
		b.WriteByte(',')
		b.Write(name)
		b.WriteByte(':')
		b.WriteString(strconv.FormatInt(a.ID, 10))
	}
	b.WriteByte('}')
	return b.Bytes(), nil
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
