package auth

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/jackc/pgx/v5"
)

// signingAlgorithm is the algorithm of every key this server makes: ECDSA
// P-256 with SHA-256 (small keys and signatures, fast to sign).
const signingAlgorithm = jose.ES256

// RotateKey makes a new signing key, stores it and retires the keys that
// signed until now: from the next key refresh of a running server the new
// key signs, and the retired keys keep verifying until the tokens they
// signed have expired (KeyRing). It returns the new key id.
func RotateKey(ctx context.Context, db DB) (string, error) {
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return "", err
	}
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return "", err
	}
	kid := strings.ToLower(rand.Text()[:16])
	// One statement: the retirement and the insert commit together.
	_, err = db.Exec(ctx, `WITH retired AS (
    UPDATE "cms"."SigningKey" SET "RetiredAt" = now() WHERE "RetiredAt" IS NULL
)
INSERT INTO "cms"."SigningKey" ("KeyId", "Algorithm", "PrivateKey") VALUES ($1, $2, $3)`, kid, string(signingAlgorithm), der)
	if err != nil {
		return "", fmt.Errorf("storing the signing key: %w", err)
	}
	return kid, nil
}

// signingKey is one row of cms.SigningKey.
type signingKey struct {
	id        string
	private   *ecdsa.PrivateKey
	createdAt time.Time
	retiredAt *time.Time
}

// KeyRing is the in-memory copy of the signing keys: the newest unretired
// key signs; every key unretired or retired less than verifyGrace ago
// verifies and is published in the JWKS.
//
// Staleness is bounded: Run reloads the keys every refresh interval, and
// a token whose key id is unknown triggers a reload (at most one per
// minMissReload), so a rotation by `dmsc keys rotate` or by another
// replica is seen without restart, for signing within one refresh interval
// and for verification at once. verifyGrace covers the token lifetime
// plus that interval plus the clock skew, so a key that another replica
// still signs with after its retirement verifies as long as its tokens
// live.
type KeyRing struct {
	refresher
	db          DB
	verifyGrace time.Duration

	mu   sync.RWMutex
	keys []signingKey // newest first
}

// NewKeyRing loads the keys, making the first one when the table holds no
// unretired key.
func NewKeyRing(ctx context.Context, db DB, log *slog.Logger, refresh, tokenLifetime, clockSkew time.Duration) (*KeyRing, error) {
	r := &KeyRing{db: db, verifyGrace: tokenLifetime + refresh + clockSkew}
	r.refresher = refresher{load: r.load, interval: refresh, log: log, what: "signing keys"}
	if err := r.reload(ctx); err != nil {
		return nil, err
	}
	if _, ok := r.signer(); !ok {
		kid, err := RotateKey(ctx, db)
		if err != nil {
			return nil, err
		}
		r.log.Info("created the first token signing key", "kid", kid)
		if err := r.reload(ctx); err != nil {
			return nil, err
		}
	}
	return r, nil
}

func (r *KeyRing) load(ctx context.Context) error {
	rows, err := r.db.Query(ctx, `SELECT "KeyId", "Algorithm", "PrivateKey", "CreatedAt", "RetiredAt"
FROM "cms"."SigningKey"
WHERE "RetiredAt" IS NULL OR "RetiredAt" > now() - make_interval(secs => $1)
ORDER BY "CreatedAt" DESC, "KeyId"`, r.verifyGrace.Seconds())
	if err != nil {
		return fmt.Errorf("reading signing keys (is the cms schema provisioned? dmsc ddl provision creates it): %w", err)
	}
	keys, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (signingKey, error) {
		var k signingKey
		var alg string
		var der []byte
		if err := row.Scan(&k.id, &alg, &der, &k.createdAt, &k.retiredAt); err != nil {
			return k, err
		}
		if alg != string(signingAlgorithm) {
			return k, fmt.Errorf("signing key %s: algorithm %s is not supported", k.id, alg)
		}
		parsed, err := x509.ParsePKCS8PrivateKey(der)
		if err != nil {
			return k, fmt.Errorf("signing key %s: %w", k.id, err)
		}
		var ok bool
		if k.private, ok = parsed.(*ecdsa.PrivateKey); !ok {
			return k, fmt.Errorf("signing key %s is not an ECDSA key", k.id)
		}
		return k, nil
	})
	if err != nil {
		return fmt.Errorf("reading signing keys: %w", err)
	}
	r.mu.Lock()
	r.keys = keys
	r.mu.Unlock()
	return nil
}

func (r *KeyRing) signer() (signingKey, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	for _, k := range r.keys {
		if k.retiredAt == nil {
			return k, true
		}
	}
	return signingKey{}, false
}

// publicKey returns the verification key of kid, reloading the keys when
// it is unknown (see refresher.reloadOnMiss).
func (r *KeyRing) publicKey(ctx context.Context, kid string) (any, bool) {
	return r.findOrReload(ctx, kid, r.find)
}

func (r *KeyRing) find(kid string) (any, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	for _, k := range r.keys {
		if k.id == kid {
			return &k.private.PublicKey, true
		}
	}
	return nil, false
}

// JWKS is the public half of every verifying key.
func (r *KeyRing) JWKS() jose.JSONWebKeySet {
	r.mu.RLock()
	defer r.mu.RUnlock()
	set := jose.JSONWebKeySet{Keys: make([]jose.JSONWebKey, 0, len(r.keys))}
	for _, k := range r.keys {
		set.Keys = append(set.Keys, jose.JSONWebKey{Key: &k.private.PublicKey, KeyID: k.id, Algorithm: string(signingAlgorithm), Use: "sig"})
	}
	return set
}
