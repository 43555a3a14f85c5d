package authz

import (
	"context"
	"sync"
	"time"
)

// expiringCache holds values read from the database by key, each reused
// for ttl after it was read; when it holds max keys it is cleared. Its
// fields other than ttl and max start zero.
type expiringCache[K comparable, V any] struct {
	ttl     time.Duration
	max     int
	mu      sync.Mutex
	entries map[K]expiring[V]
}

type expiring[V any] struct {
	value   V
	expires time.Time
}

// get returns the value of key, calling read for it when the cache holds
// none younger than ttl. A failed read is not cached: the next get of the
// key reads again.
func (c *expiringCache[K, V]) get(ctx context.Context, key K, read func(context.Context) (V, error)) (V, error) {
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
	if c.entries == nil || len(c.entries) >= c.max {
		c.entries = map[K]expiring[V]{}
	}
	c.entries[key] = expiring[V]{value: v, expires: now.Add(c.ttl)}
	c.mu.Unlock()
	return v, nil
}

// clear forgets every value, as ttl passing does.
func (c *expiringCache[K, V]) clear() {
	c.mu.Lock()
	clear(c.entries)
	c.mu.Unlock()
}
