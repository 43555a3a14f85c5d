package bench

import (
	"context"
	"testing"

	"github.com/edfi-dmsc/dmsc/runtime/db/dbtest"
	"github.com/jackc/pgx/v5"
)

// TestRoundTripProxyCounts checks the proxy's count against statements
// whose round trips are known: a simple-protocol statement is one, a
// pipelined batch of prepared statements is one, a transaction of three
// statements sent one by one is three.
func TestRoundTripProxyCounts(t *testing.T) {
	ctx := context.Background()
	dbURL := dbtest.New(t)
	target, err := hostPort(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	p, err := NewRoundTripProxy(target)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	via, err := p.Via(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(ctx, via)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)

	batch := func() error {
		b := &pgx.Batch{}
		for i := range 3 {
			b.Queue("SELECT $1::int", i)
		}
		return conn.SendBatch(ctx, b).Close()
	}
	if err := batch(); err != nil { // prepares the statement (a describe round trip)
		t.Fatal(err)
	}
	steps := []struct {
		name  string
		trips int64
		run   func() error
	}{
		{"simple statement", 1, func() error { _, err := conn.Exec(ctx, "SELECT 1"); return err }},
		{"pipelined batch", 1, batch},
		{"begin, statement, commit", 3, func() error {
			tx, err := conn.Begin(ctx)
			if err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, "SELECT 1"); err != nil {
				return err
			}
			return tx.Commit(ctx)
		}},
	}
	for _, s := range steps {
		before := p.RoundTrips()
		if err := s.run(); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if got := p.RoundTrips() - before; got != s.trips {
			t.Errorf("%s: counted %d round trips, want %d", s.name, got, s.trips)
		}
	}
}
