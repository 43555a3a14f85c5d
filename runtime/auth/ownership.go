package auth

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Ownership is an API client's ownership-token configuration
// (cms.ApiClient), which runtime/authz resolves for the requests that use
// it (SetOwnership): every create, which stamps the new document with
// Creator, and every request authorized by OwnershipBased, which may touch
// only the documents stamped with one of Tokens. It is not a token claim:
// as in the reference's design (ownership-token-maintenance.md), the
// server reads it from the cms schema, so a change reaches running servers
// without new tokens and a client may hold many tokens.
type Ownership struct {
	// Creator is the token the client's creates are stamped with; nil
	// stamps none (NULL).
	Creator *int16
	// Tokens are the tokens whose documents the client may read, update
	// and delete, distinct and sorted; they need not include Creator.
	Tokens []int16
}

// SetOwnership records o as the ownership configuration of the request
// whose principal ctx carries (WithPrincipal); false when ctx carries no
// principal, and nothing is recorded.
func SetOwnership(ctx context.Context, o *Ownership) bool {
	a, ok := ctx.Value(accessKey{}).(*access)
	if !ok {
		return false
	}
	a.ownership.Store(o)
	return true
}

// OwnershipFrom returns the configuration recorded by SetOwnership, if
// any: a request served with auth off, or one that needs none, has none.
func OwnershipFrom(ctx context.Context) (*Ownership, bool) {
	a, ok := ctx.Value(accessKey{}).(*access)
	if !ok {
		return nil, false
	}
	o := a.ownership.Load()
	return o, o != nil
}

// OwnershipDescriptionMax is the longest description of a catalog token,
// in characters.
const OwnershipDescriptionMax = 50

// CreateOwnershipToken adds a token to the cms.OwnershipToken catalog and
// returns its id; description (trimmed, at most 50 characters) says whose
// documents it marks.
func CreateOwnershipToken(ctx context.Context, db DB, description string) (int16, error) {
	description = strings.TrimSpace(description)
	if description == "" {
		return 0, errors.New("an ownership token needs a description")
	}
	if utf8.RuneCountInString(description) > OwnershipDescriptionMax {
		return 0, fmt.Errorf("the ownership token description %q is longer than %d characters", description, OwnershipDescriptionMax)
	}
	var id int16
	if err := db.QueryRow(ctx, `INSERT INTO "cms"."OwnershipToken" ("Description") VALUES ($1) RETURNING "Id"`, description).Scan(&id); err != nil {
		return 0, fmt.Errorf("storing the ownership token: %w", err)
	}
	return id, nil
}

// MaxOwnershipTokens is the most read/modify tokens a client may hold, as
// the reference's CMS allows (a SQL Server statement's parameter limit,
// which its authorization statements bind them under).
const MaxOwnershipTokens = 1999

// checkOwnershipTokens fails unless the creator token (when set) and every
// token of ids (distinct) are in the cms.OwnershipToken catalog, and ids
// are at most MaxOwnershipTokens.
func checkOwnershipTokens(ctx context.Context, db DB, creator *int16, ids []int16) error {
	if len(ids) > MaxOwnershipTokens {
		return fmt.Errorf("%d ownership tokens: a client may hold at most %d", len(ids), MaxOwnershipTokens)
	}
	all := ids
	if creator != nil {
		all = append([]int16{*creator}, ids...)
	}
	if len(all) == 0 {
		return nil
	}
	var missing []int16
	err := db.QueryRow(ctx, `SELECT ARRAY(SELECT DISTINCT t FROM unnest($1::smallint[]) t
WHERE NOT EXISTS (SELECT 1 FROM "cms"."OwnershipToken" o WHERE o."Id" = t) ORDER BY t)`, all).Scan(&missing)
	if err != nil {
		return fmt.Errorf("checking the client's ownership tokens: %w", err)
	}
	if len(missing) > 0 {
		return fmt.Errorf("no ownership token %v in the catalog (dmsc client create --ownership-token new makes one)", missing)
	}
	return nil
}
