package auth

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/go-jose/go-jose/v4"
)

// RemoteKeys are the signing keys an external identity provider publishes
// at its JWKS URL, fetched at start, every refresh interval, and when a
// token names an unknown key id (at most once per minMissReload).
type RemoteKeys struct {
	refresher
	url    string
	client *http.Client

	mu  sync.RWMutex
	set jose.JSONWebKeySet
}

// DiscoverJWKSURL reads the jwks_uri of an OpenID Connect issuer from its
// /.well-known/openid-configuration, and checks that the document names
// the same issuer.
func DiscoverJWKSURL(ctx context.Context, client *http.Client, issuer string) (string, error) {
	u := strings.TrimRight(issuer, "/") + "/.well-known/openid-configuration"
	var doc struct {
		Issuer  string `json:"issuer"`
		JWKSURI string `json:"jwks_uri"`
	}
	if err := getJSON(ctx, client, u, &doc); err != nil {
		return "", err
	}
	if doc.Issuer != issuer {
		return "", fmt.Errorf("%s names issuer %q, not %q", u, doc.Issuer, issuer)
	}
	if doc.JWKSURI == "" {
		return "", fmt.Errorf("%s has no jwks_uri", u)
	}
	return doc.JWKSURI, nil
}

// NewRemoteKeys fetches the key set at url.
func NewRemoteKeys(ctx context.Context, client *http.Client, url string, refresh time.Duration, log *slog.Logger) (*RemoteKeys, error) {
	k := &RemoteKeys{url: url, client: client}
	k.refresher = refresher{load: k.fetch, interval: refresh, log: log.With("url", url), what: "identity provider keys"}
	if err := k.reload(ctx); err != nil {
		return nil, err
	}
	return k, nil
}

func (k *RemoteKeys) fetch(ctx context.Context) error {
	var set jose.JSONWebKeySet
	if err := getJSON(ctx, k.client, k.url, &set); err != nil {
		return err
	}
	k.mu.Lock()
	k.set = set
	k.mu.Unlock()
	return nil
}

func (k *RemoteKeys) publicKey(ctx context.Context, kid string) (any, bool) {
	return k.findOrReload(ctx, kid, k.find)
}

func (k *RemoteKeys) find(kid string) (any, bool) {
	k.mu.RLock()
	defer k.mu.RUnlock()
	for _, key := range k.set.Key(kid) {
		if key.Use == "" || key.Use == "sig" {
			return key.Key, true
		}
	}
	return nil, false
}

// NewRemoteVerifier returns a verifier of an external identity provider's
// tokens.
func NewRemoteVerifier(keys *RemoteKeys, issuer, audience string, claims ClaimNames, skew time.Duration) *Verifier {
	return &Verifier{keys: keys, Issuer: issuer, Audience: audience, Claims: claims, ClockSkew: skew, cache: newTokenCache(tokenCacheSize)}
}

// maxDocumentBytes bounds what is read from an identity provider.
const maxDocumentBytes = 1 << 20

func getJSON(ctx context.Context, client *http.Client, url string, into any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("fetching %s: %w", url, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("fetching %s: HTTP %d", url, resp.StatusCode)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxDocumentBytes))
	if err != nil {
		return fmt.Errorf("fetching %s: %w", url, err)
	}
	if err := json.Unmarshal(body, into); err != nil {
		return fmt.Errorf("reading %s: %w", url, err)
	}
	return nil
}
