package auth

import (
	"context"
	"sync"
	"time"
)

// ExpiringCache holds values read from the database by key, each reused
// for TTL after it was read; when it holds Max keys it is cleared. Its
// other fields start zero.
type ExpiringCache[K comparable, V any] struct {
	TTL     time.Duration
	Max     int
	mu      sync.Mutex
	entries map[K]expiring[V]
}

type expiring[V any] struct {
	value   V
	expires time.Time
}

// Get returns the value of key, calling read for it when the cache holds
// none younger than TTL. A failed read is not cached: the next Get of the
// key reads again.
func (c *ExpiringCache[K, V]) Get(ctx context.Context, key K, read func(context.Context) (V, error)) (V, error) {
	now := time.Now()
	c.mu.Lock()
	hit, ok := c.entries[key]
	c.mu.Unlock()
	if ok && now.Before(hit.expires) {
		return hit.value, nil
	}
	v, err := read(ctx)
	if err != nil {
		return v, err
	}
	c.mu.Lock()
	if c.entries == nil || len(c.entries) >= c.Max {
		c.entries = map[K]expiring[V]{}
	}
	c.entries[key] = expiring[V]{value: v, expires: now.Add(c.TTL)}
	c.mu.Unlock()
	return v, nil
}

// Clear forgets every value, as TTL passing does.
func (c *ExpiringCache[K, V]) Clear() {
	c.mu.Lock()
	clear(c.entries)
	c.mu.Unlock()
}
