package server

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
)

// Timeouts are the connection and statement limits of the server (flags
// embedded in Config). A zero HTTP limit in a Config built in code takes
// the default.
type Timeouts struct {
	ReadHeaderTimeout time.Duration `name:"read-header-timeout" env:"DMSC_READ_HEADER_TIMEOUT" default:"10s" help:"Time allowed to read a request's headers (0: the default)."`
	ReadTimeout       time.Duration `name:"read-timeout" env:"DMSC_READ_TIMEOUT" default:"30s" help:"Time allowed to read a whole request, body included; a stalled upload is answered 408 and its connection closed (0: the default)."`
	WriteTimeout      time.Duration `name:"write-timeout" env:"DMSC_WRITE_TIMEOUT" default:"60s" help:"Time allowed from the end of a request's headers to the end of its answer; must exceed --statement-timeout (0: the default)."`
	IdleTimeout       time.Duration `name:"idle-timeout" env:"DMSC_IDLE_TIMEOUT" default:"120s" help:"How long an idle keep-alive connection is kept open (0: the default)."`
	MaxHeaderBytes    int           `name:"max-header-bytes" env:"DMSC_MAX_HEADER_BYTES" default:"65536" help:"Largest accepted request line plus headers; larger ones get 431 (0: the default)."`
	StatementTimeout  time.Duration `name:"statement-timeout" env:"DMSC_STATEMENT_TIMEOUT" default:"30s" help:"Longest a database statement may run; a request whose statement runs longer is rolled back and answered 503. Overrides statement_timeout in the connection string; 0 leaves it alone."`
}

// Defaults of Timeouts, as the flags set them.
const (
	DefaultReadHeaderTimeout = 10 * time.Second
	DefaultReadTimeout       = 30 * time.Second
	DefaultWriteTimeout      = 60 * time.Second
	DefaultIdleTimeout       = 120 * time.Second
	DefaultMaxHeaderBytes    = 64 << 10
)

func (t Timeouts) withDefaults() Timeouts {
	for _, d := range []struct {
		v   *time.Duration
		def time.Duration
	}{
		{&t.ReadHeaderTimeout, DefaultReadHeaderTimeout}, {&t.ReadTimeout, DefaultReadTimeout},
		{&t.WriteTimeout, DefaultWriteTimeout}, {&t.IdleTimeout, DefaultIdleTimeout},
	} {
		if *d.v <= 0 {
			*d.v = d.def
		}
	}
	if t.MaxHeaderBytes <= 0 {
		t.MaxHeaderBytes = DefaultMaxHeaderBytes
	}
	return t
}

// validate refuses limits that would hide the statement timeout's answer:
// a write timeout that ends the connection before the statement is
// cancelled leaves the client without any response.
func (t Timeouts) validate() error {
	if t.StatementTimeout < 0 {
		return errors.New("--statement-timeout must not be negative")
	}
	if t.StatementTimeout > 0 && t.WriteTimeout > 0 && t.WriteTimeout <= t.StatementTimeout {
		return fmt.Errorf("--write-timeout (%v) must be longer than --statement-timeout (%v), or a timed-out request gets no answer", t.WriteTimeout, t.StatementTimeout)
	}
	return nil
}

// apply sets the connection limits on srv.
func (t Timeouts) apply(srv *http.Server) {
	srv.ReadHeaderTimeout = t.ReadHeaderTimeout
	srv.ReadTimeout = t.ReadTimeout
	srv.WriteTimeout = t.WriteTimeout
	srv.IdleTimeout = t.IdleTimeout
	srv.MaxHeaderBytes = t.MaxHeaderBytes
}

// withStatementTimeout sets PostgreSQL's statement_timeout run-time
// parameter in a connection string (URL or keyword/value form), so every
// connection of the pool starts with it and no statement pays a round trip
// to set it. A value already in connString is replaced; d <= 0 leaves
// connString unchanged.
func withStatementTimeout(connString string, d time.Duration) (string, error) {
	if d <= 0 {
		return connString, nil
	}
	ms := strconv.FormatInt(max(d.Milliseconds(), 1), 10)
	if !strings.HasPrefix(connString, "postgres://") && !strings.HasPrefix(connString, "postgresql://") {
		// Keyword/value: the last occurrence of a keyword wins.
		return connString + " statement_timeout=" + ms, nil
	}
	u, err := url.Parse(connString)
	if err != nil {
		// The URL may hold a password: do not repeat it.
		return "", errors.New("the connection string is not a valid URL")
	}
	q := u.Query()
	q.Set("statement_timeout", ms)
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// codeQueryCanceled is the SQLSTATE of a statement PostgreSQL cancelled,
// here because it ran past statement_timeout.
const codeQueryCanceled = "57014"

// statementTimedOut is the 503 answering a request whose statement
// PostgreSQL cancelled at the statement timeout: the transaction was rolled
// back, nothing was written, and the client may retry later.
func (s *Server) statementTimedOut() *problem.Details {
	limit := "the server's statement timeout"
	if s.Config.StatementTimeout > 0 {
		limit += " (" + s.Config.StatementTimeout.String() + ")"
	}
	msg := "A database statement of this request ran longer than " + limit +
		" and was cancelled. Nothing was written. Retry later, or narrow a query."
	p := problem.ServiceUnavailable()
	p.Detail, p.Errors = msg, []string{msg}
	return p
}

// isQueryCanceled reports a statement PostgreSQL cancelled: at the
// statement timeout, or because the client went away (pgx cancels the
// statement of a cancelled context).
func isQueryCanceled(err error) bool {
	pe, ok := db.PgError(err)
	return ok && pe.Code == codeQueryCanceled
}

// timedBody marks read errors of a request body that hit the connection's
// read deadline, so the answer is a 408 and not a 500.
type timedBody struct{ io.ReadCloser }

// errBodyTimeout wraps the read error of a body the client stalled.
type errBodyTimeout struct{ err error }

func (e *errBodyTimeout) Error() string { return "reading the request body: " + e.err.Error() }
func (e *errBodyTimeout) Unwrap() error { return e.err }

func (b timedBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	var ne net.Error
	if err != nil && errors.As(err, &ne) && ne.Timeout() {
		err = &errBodyTimeout{err}
	}
	return n, err
}

// bodyTimedOut is the 408 for a request body that did not arrive within
// the read timeout.
func (s *Server) bodyTimedOut() *problem.Details {
	msg := "The request body was not received within the server's read timeout (" + s.Config.ReadTimeout.String() + ")."
	return &problem.Details{Status: http.StatusRequestTimeout, Type: "urn:ed-fi:api:request-timeout",
		Title: "Request Timeout", Detail: msg, Errors: []string{msg}}
}
