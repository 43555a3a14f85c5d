package server

import (
	"fmt"
	"io"
	"net"
	"strings"
	"syscall"
	"testing"

	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/metrics"
	"github.com/edfi-dmsc/dmsc/runtime/metrics/metricstest"
	"github.com/jackc/pgx/v5/pgconn"
)

// TestUnreachableDatabaseIs503: handler errors meaning the database could
// not be reached answer 503 problem details with Retry-After and the
// correlation id, never the cause; the cause is logged.
func TestUnreachableDatabaseIs503(t *testing.T) {
	for _, c := range []struct {
		name   string
		err    error
		detail string
	}{
		{"connection refused", fmt.Errorf("acquiring a database connection: %w", &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}), "The database is unavailable."},
		{"connection reset", &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}, "The database is unavailable."},
		{"admin shutdown", &pgconn.PgError{Severity: "FATAL", Code: db.CodeAdminShutdown, Message: "terminating connection due to administrator command"}, "The database is unavailable."},
		{"starting up", &pgconn.PgError{Severity: "FATAL", Code: db.CodeCannotConnectNow, Message: "the database system is starting up"}, "The database is unavailable."},
		{"too many connections", &pgconn.PgError{Severity: "FATAL", Code: db.CodeTooManyConnections, Message: "sorry, too many clients already"}, "The database is unavailable."},
		{"commit in doubt", fmt.Errorf("%w: %w", db.ErrCommitInDoubt, io.ErrUnexpectedEOF), "may or may not have been applied"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, f, logs := newTestServer(t, Config{}, nil)
			f.fail = c.err
			r := do(t, s, "POST", "/data/ed-fi/students", "{}", "correlationid", "corr-1")
			p := decodeProblem(t, r)
			if r.status != 503 || p["type"] != "urn:ed-fi:api:service-unavailable" || r.header.Get("Retry-After") != "2" ||
				p["correlationId"] != "corr-1" || !strings.Contains(p["detail"].(string), c.detail) {
				t.Fatalf("got %d %v %s", r.status, r.header, r.body)
			}
			if strings.Contains(r.body, "tcp") || strings.Contains(r.body, "SQLSTATE") || strings.Contains(r.body, "administrator") {
				t.Errorf("the answer discloses the cause: %s", r.body)
			}
			if !strings.Contains(logs.String(), c.err.Error()) {
				t.Errorf("the cause is not logged:\n%s", logs)
			}
			if got := metricstest.Read(t, s.Metrics, metrics.FamilyDatabaseAvailable).Value; got != 0 {
				t.Errorf("database available = %v, want 0", got)
			}
		})
	}
	// Anything else stays a 500, a database error included.
	s, f, _ := newTestServer(t, Config{}, nil)
	f.fail = &pgconn.PgError{Code: "22021", Message: "invalid byte sequence"}
	if r := do(t, s, "GET", "/data/ed-fi/students", ""); r.status != 500 || r.header.Get("Retry-After") != "" {
		t.Errorf("other database error: %d %v", r.status, r.header)
	}
}
