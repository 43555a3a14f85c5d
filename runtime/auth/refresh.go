package auth

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// minMissReload limits reloads caused by unknown key ids, which anyone can
// send.
const minMissReload = 10 * time.Second

// refresher reloads a key source every interval, and on demand when a
// token names a key it does not know, at most once per minMissReload. A
// failed reload keeps the previous keys and is logged.
type refresher struct {
	load     func(context.Context) error
	interval time.Duration
	log      *slog.Logger
	what     string // names the keys in log lines

	mu   sync.Mutex
	last time.Time
}

// reload loads the keys now.
func (r *refresher) reload(ctx context.Context) error {
	r.mu.Lock()
	r.last = time.Now()
	r.mu.Unlock()
	return r.load(ctx)
}

// Run reloads the keys every interval until ctx ends.
func (r *refresher) Run(ctx context.Context) {
	Every(ctx, r.interval, func(ctx context.Context) {
		if err := r.reload(ctx); err != nil && ctx.Err() == nil {
			r.log.Warn(r.what+" not reloaded; keeping the previous ones", "error", err)
		}
	})
}

// Every calls step every interval until ctx ends: the loop of the
// server's background reloads (keys here, claims in runtime/authz).
func Every(ctx context.Context, interval time.Duration, step func(context.Context)) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			step(ctx)
		}
	}
}

// reloadOnMiss reloads the keys for an unknown key id unless the last
// reload is recent; it reports whether it reloaded them.
func (r *refresher) reloadOnMiss(ctx context.Context) bool {
	r.mu.Lock()
	recent := time.Since(r.last) < minMissReload
	r.mu.Unlock()
	if recent {
		return false
	}
	if err := r.reload(ctx); err != nil {
		r.log.WarnContext(ctx, r.what+" not reloaded", "error", err)
		return false
	}
	return true
}

// findOrReload returns find's key of kid, reloading the keys once
// (reloadOnMiss) when find does not know kid.
func (r *refresher) findOrReload(ctx context.Context, kid string, find func(kid string) (any, bool)) (any, bool) {
	if key, ok := find(kid); ok {
		return key, true
	}
	if !r.reloadOnMiss(ctx) {
		return nil, false
	}
	return find(kid)
}
