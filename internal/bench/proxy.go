// Package bench measures a generated server over HTTP on loopback against
// the raw-SQL floor; see docs/benchmarks.md for how to run it and what the
// figures mean.
package bench

import (
	"errors"
	"net"
	"net/url"
	"sync"
	"sync/atomic"
)

// RoundTripProxy is a TCP proxy between a server process and PostgreSQL
// that counts database round trips from the outside: a round trip starts
// whenever a client sends after the database last spoke on that
// connection, so a pipelined batch (many messages, one Sync) counts once
// and a statement sent on its own counts once, exactly as
// runtime/db.WithRoundTrips counts in-process. It exists because a
// generated server runs as its own process, out of reach of that counter.
type RoundTripProxy struct {
	ln     net.Listener
	target string
	trips  atomic.Int64
	wg     sync.WaitGroup
	mu     sync.Mutex
	conns  map[net.Conn]bool
}

// NewRoundTripProxy listens on a free loopback port and forwards every
// connection to target (host:port).
func NewRoundTripProxy(target string) (*RoundTripProxy, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	p := &RoundTripProxy{ln: ln, target: target, conns: map[net.Conn]bool{}}
	p.wg.Add(1)
	go p.accept()
	return p, nil
}

// Addr is the proxy's host:port.
func (p *RoundTripProxy) Addr() string { return p.ln.Addr().String() }

// RoundTrips is the number of round trips counted so far, over all
// connections.
func (p *RoundTripProxy) RoundTrips() int64 { return p.trips.Load() }

// Via rewrites a postgres:// URL to connect through the proxy.
func (p *RoundTripProxy) Via(connURL string) (string, error) {
	u, err := url.Parse(connURL)
	if err != nil {
		return "", err
	}
	if u.Scheme != "postgres" && u.Scheme != "postgresql" {
		return "", errors.New("the round-trip proxy needs a postgres:// URL")
	}
	u.Host = p.Addr()
	return u.String(), nil
}

// Close stops accepting, closes every proxied connection and waits for
// the copiers to finish.
func (p *RoundTripProxy) Close() error {
	err := p.ln.Close()
	p.mu.Lock()
	for c := range p.conns {
		c.Close()
	}
	p.mu.Unlock()
	p.wg.Wait()
	return err
}

func (p *RoundTripProxy) track(c net.Conn, on bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if on {
		p.conns[c] = true
	} else {
		delete(p.conns, c)
	}
}

func (p *RoundTripProxy) accept() {
	defer p.wg.Done()
	for {
		client, err := p.ln.Accept()
		if err != nil {
			return // closed
		}
		server, err := net.Dial("tcp", p.target)
		if err != nil {
			client.Close()
			continue
		}
		p.track(client, true)
		p.track(server, true)
		// serverSpoke is set when the database sent something: the next
		// client write opens a new round trip.
		var serverSpoke atomic.Bool
		serverSpoke.Store(true)
		p.wg.Add(2)
		go func() {
			defer p.wg.Done()
			p.copy(server, client, func() {
				if serverSpoke.Swap(false) {
					p.trips.Add(1)
				}
			})
			server.Close()
			p.track(server, false)
		}()
		go func() {
			defer p.wg.Done()
			p.copy(client, server, func() { serverSpoke.Store(true) })
			client.Close()
			p.track(client, false)
		}()
	}
}

// copy forwards src to dst, calling seen before forwarding each chunk.
func (p *RoundTripProxy) copy(dst, src net.Conn, seen func()) {
	buf := make([]byte, 64<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			seen()
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return // EOF or a closed connection: the other side is closed by the caller
		}
	}
}

// hostPort is the host:port a postgres:// URL connects to.
func hostPort(connURL string) (string, error) {
	u, err := url.Parse(connURL)
	if err != nil {
		return "", err
	}
	if u.Port() == "" {
		return net.JoinHostPort(u.Hostname(), "5432"), nil
	}
	return u.Host, nil
}
