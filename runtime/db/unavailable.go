package db

import (
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"
)

// SQLSTATE codes of an unreachable or departing server.
const (
	CodeAdminShutdown         = "57P01" // the server is shutting down (or an administrator ended the session)
	CodeCrashShutdown         = "57P02" // another backend crashed; the server is resetting
	CodeCannotConnectNow      = "57P03" // starting up, shutting down, or in recovery
	CodeIdleSessionTimeout    = "57P05" // the session idled out; the connection is gone
	CodeTooManyConnections    = "53300"
	CodeConnectionFailure     = "08006"
	CodeUnableToConnect       = "08001"
	classConnectionExceptions = "08"
)

// Unavailable reports whether err means the database could not be reached
// or dropped the connection, rather than answering: a failed connection
// attempt (refused, reset, unresolvable host, timed out, the server starting
// up or shutting down, too many connections, a rejected login), a
// connection lost in the middle of a request, or the server ending the
// session (administrator shutdown, crash recovery, idle timeout). The
// server answers such a request with 503. A cancelled request context is
// not an outage.
func Unavailable(err error) bool {
	if err == nil {
		return false
	}
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) {
		return true
	}
	if pe, ok := PgError(err); ok {
		return outageCode(pe.Code)
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var opErr *net.OpError
	var dnsErr *net.DNSError
	return errors.Is(err, pgconn.ErrConnClosed) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) ||
		errors.Is(err, syscall.ECONNABORTED) || errors.As(err, &opErr) || errors.As(err, &dnsErr)
}

// outageCode reports whether a server-reported SQLSTATE means the session
// or the server went away (or would not take the connection).
func outageCode(code string) bool {
	switch code {
	case CodeAdminShutdown, CodeCrashShutdown, CodeCannotConnectNow, CodeIdleSessionTimeout, CodeTooManyConnections:
		return true
	}
	return strings.HasPrefix(code, classConnectionExceptions)
}

// transientOutage reports whether an Unavailable error may heal by itself
// within seconds (a restart, a crash recovery, a full connection table)
// and is worth retrying; a rejected login or a missing database is not.
func transientOutage(err error) bool {
	if pe, ok := PgError(err); ok {
		return outageCode(pe.Code)
	}
	return true
}

// outageCodeOf names an Unavailable error in metrics and logs: the
// server's SQLSTATE when it sent one, else 08001 for a failed connection
// attempt and 08006 for a connection lost.
func outageCodeOf(err error) string {
	if pe, ok := PgError(err); ok {
		return pe.Code
	}
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) {
		return CodeUnableToConnect
	}
	return CodeConnectionFailure
}
