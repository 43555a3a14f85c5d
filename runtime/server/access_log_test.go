package server

import (
	"bytes"
	"context"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/edfi-dmsc/dmsc/runtime/db"
)

// TestAccessLogModes: which answered requests get a line in each mode. A
// 5xx always does; sampled logs every failure and at most rate successes a
// second, and the next line counts the successes left out.
func TestAccessLogModes(t *testing.T) {
	t0 := time.Unix(1000, 0)
	for _, c := range []struct {
		mode                 string
		ok, notFound, failed bool
	}{
		{AccessLogAll, true, true, true},
		{AccessLogErrors, false, true, true},
		{AccessLogOff, false, false, true},
	} {
		a := newAccessLog(c.mode, 10)
		for status, want := range map[int]bool{200: c.ok, 404: c.notFound, 500: c.failed} {
			if got, _ := a.keep(status, t0); got != want {
				t.Errorf("%s: status %d logged %v, want %v", c.mode, status, got, want)
			}
		}
	}
	a := newAccessLog(AccessLogSampled, 2)
	var logged []bool
	for range 5 {
		ok, _ := a.keep(201, t0)
		logged = append(logged, ok)
	}
	if want := []bool{true, true, false, false, false}; !slices.Equal(logged, want) {
		t.Errorf("sampled, rate 2, five successes in one second: logged %v, want %v", logged, want)
	}
	if ok, _ := a.keep(409, t0); !ok {
		t.Error("sampled: a 409 over the rate was not logged")
	}
	if ok, skipped := a.keep(200, t0.Add(time.Second)); !ok || skipped != 3 {
		t.Errorf("sampled, next second: logged %v with %d left out before it, want true and 3", ok, skipped)
	}
}

// TestAccessLogThroughTheServer: the default is sampled (a quiet server
// logs each request); with --access-log=errors a success leaves no line and
// a 404 does.
func TestAccessLogThroughTheServer(t *testing.T) {
	s, _, logs := newTestServer(t, Config{}, nil)
	if s.Config.AccessLog != AccessLogSampled || s.Config.AccessLogRate != 10 {
		t.Errorf("defaults: access log %q at %d lines a second", s.Config.AccessLog, s.Config.AccessLogRate)
	}
	do(t, s, "GET", "/data/ed-fi/students", "")
	if !strings.Contains(logs.String(), "status=200") {
		t.Errorf("sampled: the first request was not logged: %s", logs)
	}
	s, _, logs = newTestServer(t, Config{AccessLog: AccessLogErrors}, nil)
	do(t, s, "GET", "/data/ed-fi/students", "")
	do(t, s, "GET", "/data/ed-fi/nothing", "")
	if got := logs.String(); strings.Contains(got, "status=200") || !strings.Contains(got, "status=404") {
		t.Errorf("errors: want only the 404 logged: %s", got)
	}
}

// TestPoolLogHintsAtTLSOnLoopback: the start-up line names the pool's size
// and, for a database on loopback whose connection string leaves sslmode
// alone, suggests sslmode=disable.
func TestPoolLogHintsAtTLSOnLoopback(t *testing.T) {
	for dsn, hint := range map[string]bool{
		"postgres://u@127.0.0.1:1/d":                  true,
		"postgres://u@localhost:1/d":                  true,
		"postgres://u@127.0.0.1:1/d?sslmode=disable":  false,
		"postgres://u@127.0.0.1:1/d?sslmode=require":  false,
		"postgres://u@db.example.org:1/d":             false,
		"host=/var/run/postgresql dbname=d user=u":    false,
		"postgres://u@127.0.0.1:1/d?pool_max_conns=3": true,
	} {
		pool, err := db.OpenSized(context.Background(), dsn, db.PoolSize{})
		if err != nil {
			t.Fatal(err)
		}
		var logs bytes.Buffer
		logPool(slog.New(slog.NewTextHandler(&logs, nil)), pool)
		pool.Close()
		if !strings.Contains(logs.String(), "maxConns=") {
			t.Errorf("%s: no pool size logged: %s", dsn, logs.String())
		}
		if got := strings.Contains(logs.String(), "sslmode=disable"); got != hint {
			t.Errorf("%s: TLS hint %v, want %v: %s", dsn, got, hint, logs.String())
		}
	}
}
