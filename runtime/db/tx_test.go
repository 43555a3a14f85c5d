package db_test

import (
	"bytes"
	"context"
	"errors"
	"net"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// cutProxy relays TCP connections to PostgreSQL and, once armed, cuts the
// connection carrying the next client message: before forwarding it (the
// server never sees it), or after the server has answered it (the client
// never sees the answer).
type cutProxy struct {
	ln      net.Listener
	target  string
	armed   atomic.Pointer[string] // "before" or "after"
	cuts    atomic.Int32
	conns   sync.WaitGroup
	closing atomic.Bool
}

func newCutProxy(t *testing.T, target string) *cutProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &cutProxy{ln: ln, target: target}
	go p.accept()
	t.Cleanup(func() {
		p.closing.Store(true)
		ln.Close()
		p.conns.Wait()
	})
	return p
}

func (p *cutProxy) arm(mode string) { p.armed.Store(&mode) }

func (p *cutProxy) accept() {
	for {
		client, err := p.ln.Accept()
		if err != nil {
			return
		}
		server, err := net.Dial("tcp", p.target)
		if err != nil {
			client.Close()
			continue
		}
		p.conns.Add(2)
		answered := make(chan struct{}, 1)
		var dropReplies atomic.Bool
		go func() { // client → server
			defer p.conns.Done()
			buf := make([]byte, 64<<10)
			for {
				n, err := client.Read(buf)
				if err != nil {
					server.Close()
					return
				}
				if mode := p.armed.Swap(nil); mode != nil {
					p.cuts.Add(1)
					if *mode == "before" {
						client.Close()
						server.Close()
						return
					}
					dropReplies.Store(true)
					if _, err := server.Write(buf[:n]); err == nil {
						<-answered
					}
					client.Close()
					server.Close()
					return
				}
				if _, err := server.Write(buf[:n]); err != nil {
					client.Close()
					return
				}
			}
		}()
		go func() { // server → client
			defer p.conns.Done()
			buf := make([]byte, 64<<10)
			for {
				n, err := server.Read(buf)
				if err != nil {
					client.Close()
					answered <- struct{}{}
					return
				}
				if dropReplies.Load() {
					// ReadyForQuery ends the answer to the pipeline.
					if bytes.Contains(buf[:n], []byte{'Z', 0, 0, 0, 5}) {
						answered <- struct{}{}
						return
					}
					continue
				}
				if _, err := client.Write(buf[:n]); err != nil {
					server.Close()
					return
				}
			}
		}()
	}
}

// proxiedPool opens a one-connection pool to a fresh test database
// through a cutProxy.
func proxiedPool(t *testing.T) (*pgxpool.Pool, *cutProxy, *pgxpool.Pool) {
	t.Helper()
	direct := setup(t)
	u, err := url.Parse(direct.Config().ConnString())
	if err != nil {
		t.Fatal(err)
	}
	proxy := newCutProxy(t, u.Host)
	u.Host = proxy.ln.Addr().String()
	q := u.Query()
	q.Set("pool_max_conns", "1")
	u.RawQuery = q.Encode()
	pool, err := db.Open(context.Background(), u.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	return pool, proxy, direct
}

// insertPipeline inserts a parent row with BEGIN and COMMIT in one
// pipeline.
func insertPipeline(ctx context.Context, tx *db.Tx, id int) error {
	b := &pgx.Batch{}
	b.Queue("INSERT INTO parent VALUES ($1::int, 'p' || $1::int)", id)
	return tx.SendFinalBatch(ctx, b).Close()
}

// TestConnectionLostBeforeCommitIsRetried: the connection dies before the
// COMMIT is sent, so PostgreSQL rolls the transaction back; InTx runs it
// again on a new connection and it commits once.
func TestConnectionLostBeforeCommitIsRetried(t *testing.T) {
	pool, proxy, direct := proxiedPool(t)
	ctx := context.Background()
	attempts := 0
	err := db.InTx(ctx, pool, db.DefaultRetryPolicy, func(ctx context.Context, tx *db.Tx) error {
		attempts++
		if _, err := tx.Exec(ctx, "INSERT INTO parent VALUES (3, 'c')"); err != nil {
			return err
		}
		if attempts == 1 {
			proxy.arm("before")
		}
		_, err := tx.Exec(ctx, "INSERT INTO parent VALUES (4, 'd')")
		return err
	})
	if err != nil || attempts != 2 || proxy.cuts.Load() != 1 {
		t.Fatalf("err = %v after %d attempts (%d cuts), want success on the 2nd", err, attempts, proxy.cuts.Load())
	}
	if n := countParents(t, direct); n != 4 {
		t.Errorf("parents = %d, want 4 (the first attempt rolled back, the second committed)", n)
	}
}

// TestConnectionLostAfterCommitIsInDoubt: the server commits but its answer
// never arrives. The transaction is not sent again (it did commit) and the
// error says the outcome is unknown.
func TestConnectionLostAfterCommitIsInDoubt(t *testing.T) {
	pool, proxy, direct := proxiedPool(t)
	ctx := context.Background()
	// Prepare the statements on the pool's connection, so the armed
	// message is the pipeline itself.
	if err := db.InTx(ctx, pool, db.DefaultRetryPolicy, func(ctx context.Context, tx *db.Tx) error { return insertPipeline(ctx, tx, 3) }); err != nil {
		t.Fatal(err)
	}
	attempts := 0
	err := db.InTx(ctx, pool, db.DefaultRetryPolicy, func(ctx context.Context, tx *db.Tx) error {
		attempts++
		proxy.arm("after")
		return insertPipeline(ctx, tx, 4)
	})
	if !errors.Is(err, db.ErrCommitInDoubt) || !db.Unavailable(err) || attempts != 1 {
		t.Fatalf("err = %v after %d attempts, want ErrCommitInDoubt after 1", err, attempts)
	}
	if n := countParents(t, direct); n != 4 {
		t.Errorf("parents = %d, want 4 (the transaction committed)", n)
	}
	// The pool recovers: the next transaction uses a new connection.
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.InTx(ctx, pool, db.DefaultRetryPolicy, func(ctx context.Context, tx *db.Tx) error { return insertPipeline(ctx, tx, 5) }); err != nil {
		t.Fatalf("after the cut: %v", err)
	}
}
