package auth

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
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

// ErrOwnershipTokenNotFound is returned for a token id that the
// cms.OwnershipToken catalog does not hold.
var ErrOwnershipTokenNotFound = errors.New("no ownership token with that id in the catalog")

// ownershipDescription is description trimmed, or why it cannot describe a
// catalog token: blank, or longer than OwnershipDescriptionMax.
func ownershipDescription(description string) (string, error) {
	description = strings.TrimSpace(description)
	if description == "" {
		return "", errors.New("an ownership token needs a description")
	}
	if utf8.RuneCountInString(description) > OwnershipDescriptionMax {
		return "", fmt.Errorf("the ownership token description %q is longer than %d characters", description, OwnershipDescriptionMax)
	}
	return description, nil
}

// CreateOwnershipToken adds a token to the cms.OwnershipToken catalog and
// returns its id; description (trimmed, at most 50 characters) says whose
// documents it marks.
func CreateOwnershipToken(ctx context.Context, db DB, description string) (int16, error) {
	description, err := ownershipDescription(description)
	if err != nil {
		return 0, err
	}
	var id int16
	if err := db.QueryRow(ctx, `INSERT INTO "cms"."OwnershipToken" ("Description") VALUES ($1) RETURNING "Id"`, description).Scan(&id); err != nil {
		return 0, fmt.Errorf("storing the ownership token: %w", err)
	}
	return id, nil
}

// SetOwnershipTokenDescription changes the description of catalog token
// id, and nothing else: what a token authorizes is its id.
func SetOwnershipTokenDescription(ctx context.Context, db DB, id int16, description string) error {
	description, err := ownershipDescription(description)
	if err != nil {
		return err
	}
	tag, err := db.Exec(ctx, `UPDATE "cms"."OwnershipToken" SET "Description" = $2 WHERE "Id" = $1`, id, description)
	if err != nil {
		return fmt.Errorf("describing ownership token %d: %w", id, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("ownership token %d: %w", id, ErrOwnershipTokenNotFound)
	}
	return nil
}

// OwnershipToken is a token of the cms.OwnershipToken catalog and the
// clients that hold it.
type OwnershipToken struct {
	ID          int16     `json:"id"`
	Description string    `json:"description"`
	CreatedAt   time.Time `json:"createdAt"`
	// CreatorClientIDs are the clients whose creates it stamps, sorted.
	CreatorClientIDs []string `json:"creatorClientIds"`
	// ReadWriteClientIDs are the clients that may read, update and delete
	// the documents it stamps under OwnershipBased, sorted.
	ReadWriteClientIDs []string `json:"ownershipClientIds"`
}

// ListOwnershipTokens returns the catalog by id, each token with the
// clients that hold it.
func ListOwnershipTokens(ctx context.Context, db DB) ([]OwnershipToken, error) {
	rows, err := db.Query(ctx, `SELECT t."Id", t."Description", t."CreatedAt",
    ARRAY(SELECT c."ClientId" FROM "cms"."ApiClient" c WHERE c."CreatorOwnershipTokenId" = t."Id" ORDER BY c."ClientId"),
    ARRAY(SELECT c."ClientId" FROM "cms"."ApiClient" c WHERE t."Id" = ANY (c."OwnershipTokenIds") ORDER BY c."ClientId")
FROM "cms"."OwnershipToken" t ORDER BY t."Id"`)
	if err != nil {
		return nil, fmt.Errorf("listing ownership tokens: %w", err)
	}
	tokens, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (OwnershipToken, error) {
		var t OwnershipToken
		err := r.Scan(&t.ID, &t.Description, &t.CreatedAt, &t.CreatorClientIDs, &t.ReadWriteClientIDs)
		return t, err
	})
	if err != nil {
		return nil, fmt.Errorf("listing ownership tokens: %w", err)
	}
	return tokens, nil
}

// OwnershipTokenDescriptions returns the catalog's descriptions of the
// tokens ids, by id; an id the catalog does not hold has none.
func OwnershipTokenDescriptions(ctx context.Context, db DB, ids []int16) (map[int16]string, error) {
	rows, err := db.Query(ctx, `SELECT "Id", "Description" FROM "cms"."OwnershipToken" WHERE "Id" = ANY($1)`, ids)
	if err != nil {
		return nil, fmt.Errorf("reading ownership token descriptions: %w", err)
	}
	descriptions := make(map[int16]string, len(ids))
	var id int16
	var description string
	_, err = pgx.ForEachRow(rows, []any{&id, &description}, func() error {
		descriptions[id] = description
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading ownership token descriptions: %w", err)
	}
	return descriptions, nil
}

// RowQuerier runs a query that returns at most one row: DB, and what
// runtime/authz reads clients' ownership through.
type RowQuerier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// ClientOwnership returns the ownership configuration of a client, or
// ErrClientNotFound.
func ClientOwnership(ctx context.Context, db RowQuerier, clientID string) (*Ownership, error) {
	o := &Ownership{}
	err := db.QueryRow(ctx, `SELECT "CreatorOwnershipTokenId", "OwnershipTokenIds" FROM "cms"."ApiClient" WHERE "ClientId" = $1`, clientID).Scan(&o.Creator, &o.Tokens)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("client %s: %w", clientID, ErrClientNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("reading the ownership tokens of client %s: %w", clientID, err)
	}
	o.Tokens = nonNil(o.Tokens)
	return o, nil
}

// TxBeginner begins transactions: *pgx.Conn, *pgxpool.Pool, and pgx.Tx
// (a savepoint).
type TxBeginner interface {
	Begin(ctx context.Context) (pgx.Tx, error)
}

// ReplaceClientOwnership replaces a client's whole ownership configuration
// with o (the reference CMS's PUT /v3/apiClients/{id}/ownership): o.Tokens
// must be distinct, at most MaxOwnershipTokens, and like o.Creator in the
// catalog; o.Creator need not be one of them. The checks and the one
// update run in one transaction, the checks first, so a refused
// replacement changes nothing. It returns the configuration stored (o,
// its tokens ascending as the table keeps them) and whether it changed:
// repeating a replacement is a no-op. Existing documents keep the token
// they were created with, and running servers apply the change when their
// cache of the client's tokens expires (runtime/authz, a minute); access
// tokens carry no ownership, so none needs to be reissued.
func ReplaceClientOwnership(ctx context.Context, db TxBeginner, clientID string, o Ownership) (stored Ownership, changed bool, err error) {
	tokens := slices.Sorted(slices.Values(o.Tokens))
	for i := 1; i < len(tokens); i++ {
		if tokens[i] == tokens[i-1] {
			return Ownership{}, false, fmt.Errorf("ownership token %d is listed twice: a client's tokens are distinct", tokens[i])
		}
	}
	stored = Ownership{Creator: o.Creator, Tokens: nonNil(tokens)}
	err = pgx.BeginFunc(ctx, db, func(tx pgx.Tx) error {
		if _, err := ClientOwnership(ctx, tx, clientID); err != nil {
			return err
		}
		if err := checkOwnershipTokens(ctx, tx, stored.Creator, stored.Tokens); err != nil {
			return fmt.Errorf("client %s: %w", clientID, err)
		}
		tag, err := tx.Exec(ctx, `UPDATE "cms"."ApiClient" SET "CreatorOwnershipTokenId" = $2, "OwnershipTokenIds" = $3
WHERE "ClientId" = $1 AND ("CreatorOwnershipTokenId" IS DISTINCT FROM $2 OR "OwnershipTokenIds" IS DISTINCT FROM $3)`, clientID, stored.Creator, stored.Tokens)
		if err != nil {
			return fmt.Errorf("replacing the ownership tokens of client %s: %w", clientID, err)
		}
		changed = tag.RowsAffected() > 0
		return nil
	})
	if err != nil {
		return Ownership{}, false, err
	}
	return stored, changed, nil
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
		return fmt.Errorf("no ownership token %v in the catalog (dmsc ownership-token create makes one)", missing)
	}
	return nil
}
