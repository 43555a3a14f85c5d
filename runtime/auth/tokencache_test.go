package auth

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"
)

// testRing is a KeyRing without a database: reloading it takes the keys
// of stored, which a test edits to rotate or withdraw keys.
type testRing struct {
	*KeyRing
	mu     sync.Mutex
	stored []signingKey
}

func newTestRing(t testing.TB, kids ...string) *testRing {
	t.Helper()
	tr := &testRing{KeyRing: &KeyRing{}}
	for _, kid := range kids {
		priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		tr.stored = append(tr.stored, signingKey{id: kid, private: priv})
	}
	tr.refresher = refresher{load: tr.load, interval: time.Hour, log: slog.New(slog.NewTextHandler(io.Discard, nil)), what: "test keys"}
	if err := tr.reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	return tr
}

func (tr *testRing) load(context.Context) error {
	tr.mu.Lock()
	keys := append([]signingKey(nil), tr.stored...)
	tr.mu.Unlock()
	tr.KeyRing.mu.Lock()
	tr.keys = keys
	tr.KeyRing.mu.Unlock()
	return nil
}

// withdraw drops kid from the stored keys, as when a retired key's grace
// has passed, and reloads the ring as its next refresh does.
func (tr *testRing) withdraw(t *testing.T, kid string) {
	tr.mu.Lock()
	kept := tr.stored[:0]
	for _, k := range tr.stored {
		if k.id != kid {
			kept = append(kept, k)
		}
	}
	tr.stored = kept
	tr.mu.Unlock()
	if err := tr.reload(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// cacheFixture is a verifier with a controlled clock and an issuer that
// signs with the ring's first key.
type cacheFixture struct {
	ring     *testRing
	issuer   *TokenIssuer
	verifier *Verifier
	now      time.Time
}

func newCacheFixture(t testing.TB) *cacheFixture {
	f := &cacheFixture{ring: newTestRing(t, "k1"), now: time.Date(2026, 12, 6, 8, 0, 0, 0, time.UTC)}
	clock := func() time.Time { return f.now }
	f.issuer = &TokenIssuer{Keys: f.ring.KeyRing, Issuer: "dmsc", Audience: LocalAudience, Lifetime: time.Minute, now: clock}
	f.verifier = NewVerifier(f.ring.KeyRing, "dmsc", LocalAudience, 0)
	f.verifier.now = clock
	return f
}

func (f *cacheFixture) token(t testing.TB) string {
	t.Helper()
	raw, _, err := f.issuer.Issue(&Client{ID: "vendor", ClaimSetName: "SIS-Vendor", NamespacePrefixes: []string{"uri://a.org"}})
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func TestVerifierCacheHitReturnsTheSamePrincipal(t *testing.T) {
	f := newCacheFixture(t)
	raw := f.token(t)
	first, err := f.verifier.Verify(context.Background(), raw)
	if err != nil {
		t.Fatal(err)
	}
	second, err := f.verifier.Verify(context.Background(), raw)
	if err != nil {
		t.Fatal(err)
	}
	// A full verification makes a new Principal; the same pointer is the hit.
	if first != second {
		t.Errorf("second verification made a new principal %+v; want the cached %+v", second, first)
	}
	if first.ClientID != "vendor" || first.NamespacePrefixes[0] != "uri://a.org" {
		t.Errorf("principal %+v", first)
	}
	// The cache is keyed by the token's digest, never the token.
	if _, ok := f.verifier.cache.entries.Get(sha256.Sum256([]byte(raw))); !ok {
		t.Error("no cache entry under the token's SHA-256")
	}
}

func TestVerifierCacheEntryExpiresWithTheToken(t *testing.T) {
	f := newCacheFixture(t)
	raw := f.token(t)
	if _, err := f.verifier.Verify(context.Background(), raw); err != nil {
		t.Fatal(err)
	}
	digest := sha256.Sum256([]byte(raw))
	f.now = f.now.Add(time.Minute) // exp itself: no longer valid
	if _, ok := f.verifier.cache.get(digest, f.now); ok {
		t.Error("the cache answered an entry at its token's expiry")
	}
	if _, ok := f.verifier.cache.entries.Peek(digest); ok {
		t.Error("the expired entry was kept")
	}
	// The full verification accepts a token up to its exp (inclusive) plus
	// the clock skew (0 here); the cache stops at exp.
	f.now = f.now.Add(time.Second)
	if _, err := f.verifier.Verify(context.Background(), raw); !errors.Is(err, ErrInvalidToken) {
		t.Errorf("expired token: %v, want ErrInvalidToken", err)
	}
}

func TestVerifierCacheEntryNotBeforeItsNbf(t *testing.T) {
	c := newTokenCache(4)
	var key tokenDigest
	now := time.Date(2026, 12, 6, 8, 0, 0, 0, time.UTC)
	c.add(key, verifiedToken{principal: &Principal{}, notBefore: now.Add(time.Second), expiry: now.Add(time.Minute)})
	if _, ok := c.get(key, now); ok {
		t.Error("entry used before its not-before")
	}
	if _, ok := c.get(key, now.Add(time.Second)); !ok {
		t.Error("entry not used from its not-before on")
	}
}

func TestVerifierTamperedTokenMissesTheCacheAndFails(t *testing.T) {
	f := newCacheFixture(t)
	raw := f.token(t)
	if _, err := f.verifier.Verify(context.Background(), raw); err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(raw, ".")
	flip := func(s string) string {
		if s[len(s)-2] == 'A' {
			return s[:len(s)-2] + "B" + s[len(s)-1:]
		}
		return s[:len(s)-2] + "A" + s[len(s)-1:]
	}
	for name, tampered := range map[string]string{
		"signature": parts[0] + "." + parts[1] + "." + flip(parts[2]),
		"payload":   parts[0] + "." + flip(parts[1]) + "." + parts[2],
		"appended":  raw + "A",
	} {
		if _, err := f.verifier.Verify(context.Background(), tampered); !errors.Is(err, ErrInvalidToken) {
			t.Errorf("%s tampered: %v, want ErrInvalidToken", name, err)
		}
	}
	if f.verifier.cache.entries.Len() != 1 {
		t.Errorf("%d cache entries, want only the valid token's", f.verifier.cache.entries.Len())
	}
}

// A retired key verifies, from the cache too, while the ring keeps it
// (its grace: the token lifetime plus refresh and skew); once the ring
// drops it, its cached tokens are refused, not answered from the cache.
func TestVerifierCachedTokenOfWithdrawnKeyIsRefused(t *testing.T) {
	f := newCacheFixture(t)
	raw := f.token(t)
	first, err := f.verifier.Verify(context.Background(), raw)
	if err != nil {
		t.Fatal(err)
	}
	retired := time.Now()
	f.ring.stored[0].retiredAt = &retired
	f.ring.stored = append([]signingKey{newTestRing(t, "k2").stored[0]}, f.ring.stored...)
	if err := f.ring.reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	if p, err := f.verifier.Verify(context.Background(), raw); err != nil || p != first {
		t.Fatalf("token of a retired key in its grace: %v (principal %p, cached %p)", err, p, first)
	}
	f.ring.withdraw(t, "k1")
	if _, err := f.verifier.Verify(context.Background(), raw); !errors.Is(err, ErrInvalidToken) {
		t.Errorf("token of a withdrawn key: %v, want ErrInvalidToken", err)
	}
	if f.verifier.cache.entries.Len() != 0 {
		t.Error("the withdrawn key's token stayed in the cache")
	}
}

// BenchmarkVerify: a token verified in full (ES256 signature, claims)
// against one answered from the verified-token cache.
func BenchmarkVerify(b *testing.B) {
	for _, mode := range []string{"full", "cached"} {
		b.Run(mode, func(b *testing.B) {
			f := newCacheFixture(b)
			f.now = time.Now()
			raw := f.token(b)
			if mode == "full" {
				f.verifier.cache = nil
			}
			for b.Loop() {
				if _, err := f.verifier.Verify(context.Background(), raw); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
