package auth

import (
	"crypto/sha256"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"
)

// tokenCacheSize bounds the verified-token cache: one entry per live
// token (a client that asks for a token per request fills it with tokens
// it never sends again, which the LRU order evicts first). An entry is a
// few hundred bytes.
const tokenCacheSize = 10_000

// tokenDigest identifies a token in the cache: the SHA-256 of its bytes,
// so the cache never holds a token and a token that differs in any byte
// (a tampered one) is another key.
type tokenDigest = [sha256.Size]byte

// verifiedToken is what a full verification established about a token.
type verifiedToken struct {
	principal *Principal
	// kid is the key that signed the token: a hit is used only while the
	// verifier's key source still trusts it.
	kid string
	// notBefore and expiry bound the use of the entry: notBefore is the
	// token's nbf less the clock skew (zero without nbf), expiry its exp
	// without leeway, so a hit never accepts a token the full
	// verification would refuse.
	notBefore, expiry time.Time
}

// tokenCache remembers verified tokens, so that the signature of a token a
// client sends again is not checked again (an ES256 verification costs
// about 125 µs, most of a GET by id). It is safe for concurrent use.
type tokenCache struct {
	entries *lru.Cache[tokenDigest, verifiedToken]
}

func newTokenCache(size int) *tokenCache {
	entries, err := lru.New[tokenDigest, verifiedToken](size)
	if err != nil {
		panic(err) // only for a size < 1, which is a constant here
	}
	return &tokenCache{entries: entries}
}

// get returns the entry of a token while it may be used at now; an entry
// past its expiry is dropped.
func (c *tokenCache) get(key tokenDigest, now time.Time) (verifiedToken, bool) {
	e, ok := c.entries.Get(key)
	switch {
	case !ok:
		return e, false
	case !now.Before(e.expiry):
		c.entries.Remove(key)
		return e, false
	case now.Before(e.notBefore):
		return e, false
	}
	return e, true
}

func (c *tokenCache) add(key tokenDigest, e verifiedToken) { c.entries.Add(key, e) }

func (c *tokenCache) remove(key tokenDigest) { c.entries.Remove(key) }
