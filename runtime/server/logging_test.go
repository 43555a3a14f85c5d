package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgconn"
)

// chattyNotes logs the way deep code does, and fails the way a database
// rejecting a value does.
type chattyNotes struct {
	fakeResource
	srv      func() *Server
	attempts atomic.Int32
}

// GetByID logs through the default logger with the request context (as
// runtime/db and the engine do) and through Request.Log, and runs a
// transaction whose first attempt fails with a serialization failure, so
// runtime/db logs its retry.
func (n *chattyNotes) GetByID(r *Request, id uuid.UUID) error {
	slog.InfoContext(r.Context(), "deep line through the default logger")
	r.Log.Info("line through Request.Log")
	err := db.InTx(r.Context(), n.srv().Pool, db.RetryPolicy{MaxAttempts: 2}, func(ctx context.Context, tx *db.Tx) error {
		if n.attempts.Add(1) == 1 {
			return &pgconn.PgError{Severity: "ERROR", Code: "40001", Message: "could not serialize access"}
		}
		_, err := tx.Exec(ctx, "SELECT 1")
		return err
	})
	if err != nil {
		return err
	}
	return r.Document(r.Tag(1), []byte(`{}`))
}

// Upsert sends a value PostgreSQL refuses with a message quoting it.
func (n *chattyNotes) Upsert(r *Request) error {
	var v int
	return n.srv().Pool.QueryRow(r.Context(), "SELECT $1::text::int", "secret-value-4711").Scan(&v)
}

// TestLogLinesCarryTheCorrelationID: in JSON format, every line logged
// while serving a request names its correlation id once — the request line,
// Request.Log, the default logger used deep in runtime/db — and a database
// error quoting a request value is logged without the value.
func TestLogLinesCarryTheCorrelationID(t *testing.T) {
	var srv *Server
	run := startMain(t, []string{"--connection-string", notesDB(t), "--log-format", "json"}, func(s *Server) {
		srv = s
		s.Register("test", "notes", &chattyNotes{srv: func() *Server { return srv }})
	})
	send := func(method, path, corr string) int {
		t.Helper()
		req, _ := http.NewRequest(method, "http://"+run.addr+path, strings.NewReader(`{}`))
		req.Header.Set("correlationid", corr)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if status := send("GET", "/data/test/notes/"+fixedID.String(), "corr-read"); status != 200 {
		t.Fatalf("GET: %d\n%s", status, run.logs)
	}
	if status := send("POST", "/data/test/notes", "corr-write"); status != 500 {
		t.Fatalf("POST: %d\n%s", status, run.logs)
	}
	run.cancel()
	run.wait()

	startUp := map[string]bool{}
	perRequest := map[string][]string{}
	for line := range strings.Lines(run.logs.String()) {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("not a JSON line: %q", line)
		}
		msg, _ := rec["msg"].(string)
		if n := strings.Count(line, `"correlationId"`); n > 1 {
			t.Errorf("correlation id named %d times: %s", n, line)
		}
		id, ok := rec["correlationId"].(string)
		if !ok {
			startUp[msg] = true
			continue
		}
		perRequest[id] = append(perRequest[id], msg)
	}
	for msg := range startUp {
		if !strings.Contains(msg, "UNAUTHENTICATED") && !strings.Contains(msg, "listening") && !strings.Contains(msg, "schema") && !strings.Contains(msg, "database") &&
			!strings.Contains(msg, "shutting down") && !strings.Contains(msg, "stopped") {
			t.Errorf("line without correlation id: %q", msg)
		}
	}
	read := strings.Join(perRequest["corr-read"], " | ")
	for _, want := range []string{"deep line through the default logger", "line through Request.Log", "retr", "request completed"} {
		if !strings.Contains(read, want) {
			t.Errorf("GET's lines lack %q: %s", want, read)
		}
	}
	write := strings.Join(perRequest["corr-write"], " | ")
	if !strings.Contains(write, "request failed") || !strings.Contains(write, "request completed") {
		t.Errorf("POST's lines: %s", write)
	}
	if strings.Contains(run.logs.String(), "secret-value-4711") || !strings.Contains(run.logs.String(), "22P02") {
		t.Errorf("the database error must be logged by SQLSTATE, without the value:\n%s", run.logs)
	}
}

func TestRedactsErrorsQuotingValues(t *testing.T) {
	var out bytes.Buffer
	log := NewLogger(&out, "info", "text")
	quoting := fmt.Errorf("query: %w", &pgconn.PgError{Severity: "ERROR", Code: "22021",
		Message: `invalid byte sequence for encoding "UTF8": 0xff 0x41 0x4c 0x49`, ColumnName: "name"})
	plain := &pgconn.PgError{Severity: "ERROR", Code: "23505", Message: `duplicate key value violates unique constraint "ux"`}
	log.With("cause", quoting).Error("failed", "error", quoting, "other", plain)
	got := out.String()
	if strings.Contains(got, "0xff 0x41") || strings.Count(got, "message withheld") != 2 || !strings.Contains(got, "column name") ||
		!strings.Contains(got, "SQLSTATE 22021") || !strings.Contains(got, `unique constraint \"ux\"`) {
		t.Errorf("log line: %s", got)
	}
}
