package db_test

import (
	"context"
	"testing"

	"github.com/edfi-dmsc/dmsc/runtime/db"
)

// TestOpenSized: the caller's size wins over the connection string's
// pool_max_conns / pool_min_conns, which win over the default (twice the
// CPUs, at least 8, instead of pgx's CPU count and at least 4); a pool
// that would keep more connections than it may open is refused.
func TestOpenSized(t *testing.T) {
	const dsn = "postgres://u@127.0.0.1:1/d"
	for _, c := range []struct {
		name     string
		dsn      string
		size     db.PoolSize
		max, min int32
	}{
		{"default", dsn, db.PoolSize{}, db.DefaultMaxConns(), 0},
		{"connection string", dsn + "?pool_max_conns=3&pool_min_conns=2", db.PoolSize{}, 3, 2},
		{"keyword connection string", "host=127.0.0.1 port=1 pool_max_conns=5", db.PoolSize{}, 5, 0},
		{"caller", dsn + "?pool_max_conns=3", db.PoolSize{Max: 12, Min: 4}, 12, 4},
	} {
		pool, err := db.OpenSized(context.Background(), c.dsn, c.size)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if cfg := pool.Config(); cfg.MaxConns != c.max || cfg.MinConns != c.min {
			t.Errorf("%s: max %d min %d, want %d and %d", c.name, cfg.MaxConns, cfg.MinConns, c.max, c.min)
		}
		pool.Close()
	}
	if db.DefaultMaxConns() < 8 {
		t.Errorf("default %d connections, want at least 8", db.DefaultMaxConns())
	}
	if _, err := db.OpenSized(context.Background(), dsn, db.PoolSize{Max: 2, Min: 3}); err == nil {
		t.Error("min above max accepted")
	}
}
