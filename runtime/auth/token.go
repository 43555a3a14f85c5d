package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unsafe"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
)

// ClaimNames are the token claims that carry a client's authorizations.
// The defaults are the reference's (its Keycloak and CMS tokens): the
// claim set in "scope", prefixes and education organization ids as
// comma-separated strings.
type ClaimNames struct {
	ClaimSet                 string
	NamespacePrefixes        string
	EducationOrganizationIDs string
	ClientID                 string
}

// DefaultClaimNames are the reference's claim names.
var DefaultClaimNames = ClaimNames{
	ClaimSet:                 "scope",
	NamespacePrefixes:        "namespacePrefixes",
	EducationOrganizationIDs: "educationOrganizationIds",
	ClientID:                 "client_id",
}

// profilesClaim carries a client's assigned profiles in tokens this server
// issues (the reference reads them from its CMS instead).
const profilesClaim = "profiles"

// TokenIssuer signs access tokens for authenticated clients.
type TokenIssuer struct {
	Keys     *KeyRing
	Issuer   string
	Audience string
	Lifetime time.Duration
	now      func() time.Time
}

// Issue returns a signed access token for c and its lifetime.
func (t *TokenIssuer) Issue(c *Client) (string, time.Duration, error) {
	key, ok := t.Keys.signer()
	if !ok {
		return "", 0, errors.New("no signing key: rotate one with dmsc keys rotate")
	}
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: signingAlgorithm, Key: key.private},
		(&jose.SignerOptions{}).WithType("JWT").WithHeader(jose.HeaderKey("kid"), key.id))
	if err != nil {
		return "", 0, err
	}
	now := time.Now()
	if t.now != nil {
		now = t.now()
	}
	std := jwt.Claims{
		Issuer:   t.Issuer,
		Subject:  c.ID,
		Audience: jwt.Audience{t.Audience},
		Expiry:   jwt.NewNumericDate(now.Add(t.Lifetime)),
		IssuedAt: jwt.NewNumericDate(now),
		ID:       rand.Text(),
	}
	ids := make([]string, len(c.EducationOrganizationIDs))
	for i, id := range c.EducationOrganizationIDs {
		ids[i] = strconv.FormatInt(id, 10)
	}
	custom := map[string]any{
		DefaultClaimNames.ClientID:                 c.ID,
		DefaultClaimNames.ClaimSet:                 c.ClaimSetName,
		DefaultClaimNames.NamespacePrefixes:        strings.Join(c.NamespacePrefixes, ","),
		DefaultClaimNames.EducationOrganizationIDs: strings.Join(ids, ","),
		profilesClaim:                              strings.Join(c.Profiles, ","),
	}
	raw, err := jwt.Signed(signer).Claims(std).Claims(custom).Serialize()
	return raw, t.Lifetime, err
}

// keySource finds the verification key of a key id.
type keySource interface {
	publicKey(ctx context.Context, kid string) (any, bool)
}

// Verifier checks bearer tokens: signature by a known key, issuer,
// audience, expiry (required) and not-before, with ClockSkew leeway.
// Tokens it accepted are cached (tokenCache) so a token sent again costs
// a SHA-256 and a key-trust lookup instead of a signature check; a cached
// token is accepted only within its nbf..exp and while its key is still
// trusted (in the KeyRing or the identity provider's JWKS), so a key that
// is retired past its grace or withdrawn ends its cached tokens as well.
type Verifier struct {
	keys      keySource
	Issuer    string
	Audience  string
	Claims    ClaimNames
	ClockSkew time.Duration
	now       func() time.Time
	cache     *tokenCache
}

// NewVerifier returns a verifier of the tokens signed by the ring's keys.
func NewVerifier(keys *KeyRing, issuer, audience string, skew time.Duration) *Verifier {
	return &Verifier{keys: keys, Issuer: issuer, Audience: audience, Claims: DefaultClaimNames, ClockSkew: skew, cache: newTokenCache(tokenCacheSize)}
}

// acceptedAlgorithms are the signature algorithms a token may use; "none"
// and HMAC are never accepted.
var acceptedAlgorithms = []jose.SignatureAlgorithm{jose.ES256, jose.ES384, jose.ES512, jose.RS256, jose.RS384, jose.RS512, jose.PS256, jose.PS384, jose.PS512, jose.EdDSA}

// ErrInvalidToken is what every verification failure wraps; the reason is
// for the log, the client is told "Invalid token" only.
var ErrInvalidToken = errors.New("invalid token")

// Verify returns the principal of a valid token: the cached one when the
// same token was verified before and may still be used, else that of a
// full verification, which is then cached. Principals are shared between
// the requests of a token and must not be modified.
func (v *Verifier) Verify(ctx context.Context, raw string) (*Principal, error) {
	now := time.Now()
	if v.now != nil {
		now = v.now()
	}
	// Hashed in place: a copy of the token would cost an allocation per
	// request, and Sum256 only reads it.
	digest := sha256.Sum256(unsafe.Slice(unsafe.StringData(raw), len(raw)))
	if v.cache != nil {
		if hit, ok := v.cache.get(digest, now); ok {
			if _, trusted := v.keys.publicKey(ctx, hit.kid); trusted {
				return hit.principal, nil
			}
			v.cache.remove(digest)
		}
	}
	verified, err := v.verify(ctx, raw, digest, now)
	if err != nil {
		return nil, err
	}
	if v.cache != nil {
		v.cache.add(digest, verified)
	}
	return verified.principal, nil
}

// verify checks a token in full.
func (v *Verifier) verify(ctx context.Context, raw string, digest tokenDigest, now time.Time) (verifiedToken, error) {
	var out verifiedToken
	tok, err := jwt.ParseSigned(raw, acceptedAlgorithms)
	if err != nil {
		return out, fmt.Errorf("%w: %v", ErrInvalidToken, err)
	}
	if len(tok.Headers) != 1 {
		return out, fmt.Errorf("%w: %d signatures", ErrInvalidToken, len(tok.Headers))
	}
	kid := tok.Headers[0].KeyID
	key, ok := v.keys.publicKey(ctx, kid)
	if !ok {
		return out, fmt.Errorf("%w: unknown key id %q", ErrInvalidToken, kid)
	}
	var std jwt.Claims
	custom := map[string]any{}
	if err := tok.Claims(key, &std, &custom); err != nil {
		return out, fmt.Errorf("%w: %v", ErrInvalidToken, err)
	}
	if std.Expiry == nil {
		return out, fmt.Errorf("%w: no expiry", ErrInvalidToken)
	}
	expected := jwt.Expected{Issuer: v.Issuer, Time: now}
	if v.Audience != "" {
		expected.AnyAudience = jwt.Audience{v.Audience}
	}
	if err := std.ValidateWithLeeway(expected, v.ClockSkew); err != nil {
		return out, fmt.Errorf("%w: %v", ErrInvalidToken, err)
	}
	p, err := v.principal(std, custom)
	if err != nil {
		return out, err
	}
	if p.TokenID == "" {
		// Without a jti the token is identified by its digest, as the
		// reference does, so token_info still tells two tokens apart.
		p.TokenID = "sha256:" + hex.EncodeToString(digest[:16])
	}
	out = verifiedToken{principal: p, kid: kid, expiry: std.Expiry.Time()}
	if std.NotBefore != nil {
		out.notBefore = std.NotBefore.Time().Add(-v.ClockSkew)
	}
	return out, nil
}

func (v *Verifier) principal(std jwt.Claims, custom map[string]any) (*Principal, error) {
	p := &Principal{
		ClientID:          firstNonEmpty(claimString(custom, v.Claims.ClientID), std.Subject),
		ClaimSetName:      claimString(custom, v.Claims.ClaimSet),
		NamespacePrefixes: claimList(custom, v.Claims.NamespacePrefixes),
		Profiles:          claimList(custom, profilesClaim),
		TokenID:           std.ID,
	}
	if p.ClaimSetName == "" {
		return nil, fmt.Errorf("%w: no claim set in claim %q", ErrInvalidToken, v.Claims.ClaimSet)
	}
	for _, s := range claimList(custom, v.Claims.EducationOrganizationIDs) {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%w: education organization id %q in claim %q is not an integer", ErrInvalidToken, s, v.Claims.EducationOrganizationIDs)
		}
		p.EducationOrganizationIDs = append(p.EducationOrganizationIDs, id)
	}
	return p, nil
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// claimString reads a string claim; a JSON array yields its first string.
func claimString(claims map[string]any, name string) string {
	if l := claimList(claims, name); len(l) > 0 {
		return l[0]
	}
	return ""
}

// claimList reads a list claim as the reference writes it (one
// comma-separated string) or as identity providers often map it (a JSON
// array of strings or numbers); empty items are dropped.
func claimList(claims map[string]any, name string) []string {
	var items []string
	add := func(v any) {
		switch x := v.(type) {
		case string:
			for s := range strings.SplitSeq(x, ",") {
				if s = strings.TrimSpace(s); s != "" {
					items = append(items, s)
				}
			}
		case float64:
			items = append(items, strconv.FormatFloat(x, 'f', -1, 64))
		}
	}
	switch x := claims[name].(type) {
	case []any:
		for _, v := range x {
			add(v)
		}
	default:
		add(x)
	}
	return items
}

// LocalAudience is the audience (aud) of the tokens this server issues.
const LocalAudience = "ed-fi-api"
