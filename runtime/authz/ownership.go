package authz

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/edfi-dmsc/dmsc/runtime/auth"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
)

// OwnershipBased is the strategy that lets a client touch only the
// documents created by a client holding one of its ownership tokens
// (design-docs/auth.md, "Ownership-based authorization strategy"; epic 14
// stories 10, 11, 11b).
const OwnershipBased = "OwnershipBased"

// Authorize decides whether p may do action on target from the claims
// (authorizeClaims), then resolves the client's ownership tokens for the
// requests that use them and records them in ctx (auth.SetOwnership):
// every create, whose new document is stamped with the creator token
// whatever the strategy, and every request authorized by OwnershipBased.
// A ReadChanges decision whose people strategies can test a tracked
// person two ways also says how broad the client's claims are
// (withClaimsBreadth).
func (a *Authorizer) Authorize(ctx context.Context, p *auth.Principal, target auth.Target, action auth.Action) (*auth.Decision, error) {
	d, err := a.authorizeClaims(p, target, action)
	if err != nil {
		return nil, err
	}
	if action == auth.ActionCreate || slices.Contains(d.Strategies, OwnershipBased) {
		o, err := a.clientOwnership(ctx, p.ClientID)
		if err != nil {
			return nil, err
		}
		auth.SetOwnership(ctx, o)
	}
	if action == auth.ActionReadChanges {
		return a.withClaimsBreadth(ctx, p, target, d), nil
	}
	return d, nil
}

// ownershipCacheTTL bounds how long a client's ownership tokens are reused:
// a change in cms.ApiClient reaches a running server within it. The
// reference's default is 600 s; this server refreshes as often as it
// re-verifies client secrets (auth's client cache), so a revoked token
// stops authorizing within a minute.
const ownershipCacheTTL = time.Minute

// ownershipCacheMax bounds the cache of the clients' ownership tokens;
// when full it is cleared.
const ownershipCacheMax = 4096

// noOwnership is the configuration of a client without ownership tokens.
var noOwnership = &auth.Ownership{Tokens: []int16{}}

// clientOwnership returns the ownership tokens of clientID, read from
// cms.ApiClient through a.db (nil: none) at most once per
// ownershipCacheTTL. A client the cms schema does not hold (one of an
// external identity provider) has none: its creates are stamped NULL and
// OwnershipBased grants it nothing.
func (a *Authorizer) clientOwnership(ctx context.Context, clientID string) (*auth.Ownership, error) {
	if a.db == nil {
		return noOwnership, nil
	}
	return a.owners.Get(ctx, clientID, func(ctx context.Context) (*auth.Ownership, error) {
		o, err := auth.ClientOwnership(ctx, a.db, clientID)
		if errors.Is(err, auth.ErrClientNotFound) {
			return noOwnership, nil
		}
		return o, err
	})
}

// CreatorOwnershipToken is the token a create of the request in ctx stamps
// its document with: the client's creator token, nil (NULL) when it has
// none or auth is off.
func CreatorOwnershipToken(ctx context.Context) *int16 {
	if o, ok := auth.OwnershipFrom(ctx); ok {
		return o.Creator
	}
	return nil
}

// OwnershipRule is the OwnershipBased check of one request: the stored
// document's dms.Document.CreatedByOwnershipTokenId must be one of the
// client's ownership tokens.
type OwnershipRule struct {
	// Tokens are the client's tokens, distinct and sorted.
	Tokens []int16
}

// OwnershipRuleFrom returns the request's OwnershipBased rule: nil when
// the authorization decision in ctx does not name OwnershipBased (auth
// off, or another strategy).
func OwnershipRuleFrom(ctx context.Context) *OwnershipRule {
	d, ok := auth.DecisionFrom(ctx)
	if !ok || !slices.Contains(d.Strategies, OwnershipBased) {
		return nil
	}
	r := &OwnershipRule{Tokens: noOwnership.Tokens}
	if o, ok := auth.OwnershipFrom(ctx); ok && o.Tokens != nil {
		r.Tokens = o.Tokens
	}
	return r
}

// Check checks a stored document's token (nil when NULL): a document
// created without one is never accessible under OwnershipBased (2.14), one
// created under another token is not the caller's (2.13).
func (r *OwnershipRule) Check(stored *int16) *problem.Details {
	switch {
	case stored == nil:
		return OwnershipUninitialized()
	case !slices.Contains(r.Tokens, *stored):
		return OwnershipMismatch()
	}
	return nil
}

// Filter is the GET-many predicate of the rule over the root table aliased
// r, with its parameter numbered first: the document's dms.Document row
// carries one of the tokens. A NULL token never matches, and an empty
// token list matches nothing: an empty page, not a 403 (story 11b).
func (r *OwnershipRule) Filter(first int) (string, []any) {
	return `EXISTS (SELECT 1 FROM "dms"."Document" o WHERE o."DocumentId" = r."DocumentId" AND o."CreatedByOwnershipTokenId" = ANY($` +
		strconv.Itoa(first) + `::smallint[]))`, []any{r.Tokens}
}

// OwnershipMismatch is the 403 for a stored document created under a
// token the caller does not hold (design-docs/auth.md §ProblemDetails
// 2.13).
func OwnershipMismatch() *problem.Details {
	return forbidden(":ownership:access-denied:ownership-mismatch", detailDataNotAuthorized+" The item is not owned by the caller.")
}

// OwnershipUninitialized is the 403 for a stored document without a token
// (§ProblemDetails 2.14): created with auth off, by a client without a
// creator token, or by the bulk loader.
func OwnershipUninitialized() *problem.Details {
	return forbidden(":ownership:invalid-data:ownership-uninitialized", detailDataNotAuthorized+" The item is not owned by the caller.",
		fmt.Sprintf("The existing resource item has no 'CreatedByOwnershipTokenId' value assigned and thus will never be accessible to clients using the '%s' authorization strategy.", OwnershipBased))
}
