package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// DB is what the client and key stores need of a connection or pool
// (*pgx.Conn and *pgxpool.Pool both have it).
type DB interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// Client is an API client of cms.ApiClient, without its secret hash.
type Client struct {
	ID                       string   `json:"client_id"`
	Name                     string   `json:"name"`
	ClaimSetName             string   `json:"claim_set"`
	NamespacePrefixes        []string `json:"namespace_prefixes"`
	EducationOrganizationIDs []int64  `json:"education_organization_ids"`
	Profiles                 []string `json:"profiles"`
	// CreatorOwnershipTokenID stamps the documents the client creates;
	// nil stamps none.
	CreatorOwnershipTokenID *int16 `json:"creator_ownership_token_id"`
	// OwnershipTokenIDs are the tokens whose documents the client may
	// read, update and delete under OwnershipBased, sorted.
	OwnershipTokenIDs []int16   `json:"ownership_token_ids"`
	CreatedAt         time.Time `json:"created_at"`
	SecretRotatedAt   time.Time `json:"secret_rotated_at"`
}

// NewClient is what creating a client takes; the id and secret are made
// by CreateClient.
type NewClient struct {
	Name                     string
	ClaimSetName             string
	NamespacePrefixes        []string
	EducationOrganizationIDs []int64
	Profiles                 []string
	CreatorOwnershipTokenID  *int16
	OwnershipTokenIDs        []int16
}

// ErrClientNotFound is returned for a client id that cms.ApiClient does
// not hold.
var ErrClientNotFound = errors.New("no API client with that client id")

// ErrInvalidClient is returned when a client id and secret do not match a
// stored client; it does not say which of the two was wrong.
var ErrInvalidClient = errors.New("invalid client or client credentials")

// CreateClient stores a new client with a random id and secret and returns
// them; only the secret's argon2id hash is stored.
func CreateClient(ctx context.Context, db DB, nc NewClient) (Client, string, error) {
	if strings.TrimSpace(nc.ClaimSetName) == "" {
		return Client{}, "", errors.New("a client needs a claim set name")
	}
	secret := NewSecret()
	hash, err := HashSecret(secret)
	if err != nil {
		return Client{}, "", err
	}
	c := Client{
		ID:                       newClientID(),
		Name:                     nc.Name,
		ClaimSetName:             nc.ClaimSetName,
		NamespacePrefixes:        nonNil(nc.NamespacePrefixes),
		EducationOrganizationIDs: nonNil(nc.EducationOrganizationIDs),
		Profiles:                 nonNil(nc.Profiles),
		CreatorOwnershipTokenID:  nc.CreatorOwnershipTokenID,
		OwnershipTokenIDs:        nonNil(slices.Compact(slices.Sorted(slices.Values(nc.OwnershipTokenIDs)))),
	}
	if err := checkOwnershipTokens(ctx, db, c.CreatorOwnershipTokenID, c.OwnershipTokenIDs); err != nil {
		return Client{}, "", err
	}
	err = db.QueryRow(ctx, `INSERT INTO "cms"."ApiClient"
    ("ClientId", "Name", "SecretHash", "ClaimSetName", "NamespacePrefixes", "EducationOrganizationIds", "Profiles", "CreatorOwnershipTokenId", "OwnershipTokenIds")
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
RETURNING "CreatedAt", "SecretRotatedAt"`,
		c.ID, c.Name, hash, c.ClaimSetName, c.NamespacePrefixes, c.EducationOrganizationIDs, c.Profiles, c.CreatorOwnershipTokenID, c.OwnershipTokenIDs,
	).Scan(&c.CreatedAt, &c.SecretRotatedAt)
	if err != nil {
		return Client{}, "", fmt.Errorf("storing the client: %w", err)
	}
	return c, secret, nil
}

// newClientID is 20 lower-case base32 characters from crypto/rand.
func newClientID() string { return strings.ToLower(rand.Text()[:20]) }

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

const clientColumns = `"ClientId", "Name", "ClaimSetName", "NamespacePrefixes", "EducationOrganizationIds", "Profiles", "CreatorOwnershipTokenId", "OwnershipTokenIds", "CreatedAt", "SecretRotatedAt"`

// scanClient reads clientColumns, then the extra destinations.
func scanClient(row pgx.Row, extra ...any) (Client, error) {
	var c Client
	dest := append([]any{&c.ID, &c.Name, &c.ClaimSetName, &c.NamespacePrefixes, &c.EducationOrganizationIDs, &c.Profiles, &c.CreatorOwnershipTokenID, &c.OwnershipTokenIDs, &c.CreatedAt, &c.SecretRotatedAt}, extra...)
	err := row.Scan(dest...)
	return c, err
}

// ListClients returns every stored client, oldest first.
func ListClients(ctx context.Context, db DB) ([]Client, error) {
	rows, err := db.Query(ctx, `SELECT `+clientColumns+` FROM "cms"."ApiClient" ORDER BY "CreatedAt", "ClientId"`)
	if err != nil {
		return nil, fmt.Errorf("listing clients: %w", err)
	}
	clients, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Client, error) { return scanClient(r) })
	if err != nil {
		return nil, fmt.Errorf("listing clients: %w", err)
	}
	return clients, nil
}

// DeleteClient removes a client. Tokens already issued to it stay valid
// until they expire, as in the reference.
func DeleteClient(ctx context.Context, db DB, clientID string) error {
	tag, err := db.Exec(ctx, `DELETE FROM "cms"."ApiClient" WHERE "ClientId" = $1`, clientID)
	if err != nil {
		return fmt.Errorf("deleting client %s: %w", clientID, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("client %s: %w", clientID, ErrClientNotFound)
	}
	return nil
}

// RotateSecret gives a client a new random secret and returns it; the old
// secret stops working (on a running server within clientCacheTTL).
func RotateSecret(ctx context.Context, db DB, clientID string) (string, error) {
	secret := NewSecret()
	hash, err := HashSecret(secret)
	if err != nil {
		return "", err
	}
	tag, err := db.Exec(ctx, `UPDATE "cms"."ApiClient" SET "SecretHash" = $2, "SecretRotatedAt" = now() WHERE "ClientId" = $1`, clientID, hash)
	if err != nil {
		return "", fmt.Errorf("rotating the secret of client %s: %w", clientID, err)
	}
	if tag.RowsAffected() == 0 {
		return "", fmt.Errorf("client %s: %w", clientID, ErrClientNotFound)
	}
	return secret, nil
}

// clientCacheTTL bounds how long a successful verification is reused: a
// deleted client, a rotated secret or a changed claim set takes effect on
// a running server within it.
const clientCacheTTL = time.Minute

// clientCacheMax bounds the verification cache; when full it is cleared.
const clientCacheMax = 4096

// Clients authenticates client credentials against cms.ApiClient. A
// successful verification is remembered for clientCacheTTL under the
// SHA-256 of id and secret, so a client asking for tokens often pays the
// argon2id cost once a minute. The cache never holds a secret: only the
// digest of a 130-bit random secret, which cannot be reversed or guessed.
type Clients struct {
	db       DB
	verified ExpiringCache[[sha256.Size]byte, Client]
}

// NewClients returns an authenticator over db.
func NewClients(db DB) *Clients {
	return &Clients{db: db, verified: ExpiringCache[[sha256.Size]byte, Client]{TTL: clientCacheTTL, Max: clientCacheMax}}
}

// Authenticate returns the client whose id and secret these are, or
// ErrInvalidClient.
func (cs *Clients) Authenticate(ctx context.Context, clientID, secret string) (*Client, error) {
	key := sha256.Sum256([]byte(clientID + "\x00" + secret))
	c, err := cs.verified.Get(ctx, key, func(ctx context.Context) (Client, error) {
		var hash string
		c, err := scanClient(cs.db.QueryRow(ctx, `SELECT `+clientColumns+`, "SecretHash" FROM "cms"."ApiClient" WHERE "ClientId" = $1`, clientID), &hash)
		if errors.Is(err, pgx.ErrNoRows) {
			return c, ErrInvalidClient
		}
		if err != nil {
			return c, fmt.Errorf("reading client %s: %w", clientID, err)
		}
		match, err := secretMatches(secret, hash)
		if err != nil {
			return c, fmt.Errorf("client %s: %w", clientID, err)
		}
		if !match {
			return c, ErrInvalidClient
		}
		return c, nil
	})
	if err != nil {
		return nil, err
	}
	return &c, nil
}
