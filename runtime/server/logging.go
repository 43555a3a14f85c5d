package server

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"sync/atomic"
	"time"

	"github.com/edfi-dmsc/dmsc/runtime/db"
)

// logKeyCorrelationID is the attribute naming a log line's request.
const logKeyCorrelationID = "correlationId"

type correlationContextKey struct{}

// withCorrelationID returns a context whose log lines carry id.
func withCorrelationID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, correlationContextKey{}, id)
}

// NewLogger builds the slog logger for a level (debug, info, warn, error)
// and format (text, json); unknown values fall back to info and text. Lines
// logged with a request's context carry its correlation id.
func NewLogger(w io.Writer, level, format string) *slog.Logger {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		lv = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: lv}
	if format == "json" {
		return slog.New(requestHandler{Handler: slog.NewJSONHandler(w, opts)})
	}
	return slog.New(requestHandler{Handler: slog.NewTextHandler(w, opts)})
}

// withRequestContext returns log, whose lines logged with a request's
// context (slog.InfoContext(ctx, ...) and the like, also deep in
// runtime/db or the engine) carry the request's correlation id.
func withRequestContext(log *slog.Logger) *slog.Logger {
	if _, ok := log.Handler().(requestHandler); ok {
		return log
	}
	return slog.New(requestHandler{Handler: log.Handler()})
}

// requestHandler adds the correlation id a context carries to each record,
// unless the logger already names one (Request.Log does), and withholds the
// text of database errors that may quote request values.
type requestHandler struct {
	slog.Handler
	named bool // the correlation id is among the logger's own attributes
}

func (h requestHandler) Handle(ctx context.Context, r slog.Record) error {
	id, _ := ctx.Value(correlationContextKey{}).(string)
	addID := id != "" && !h.named
	if addID || hasQuotingError(r) {
		out := slog.NewRecord(r.Time, r.Level, r.Message, r.PC)
		r.Attrs(func(a slog.Attr) bool {
			out.AddAttrs(redacted(a))
			return true
		})
		if addID {
			out.AddAttrs(slog.String(logKeyCorrelationID, id))
		}
		r = out
	}
	return h.Handler.Handle(ctx, r)
}

func (h requestHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	named := h.named
	for i := range attrs {
		attrs[i] = redacted(attrs[i])
		named = named || attrs[i].Key == logKeyCorrelationID
	}
	return requestHandler{Handler: h.Handler.WithAttrs(attrs), named: named}
}

func (h requestHandler) WithGroup(name string) slog.Handler {
	return requestHandler{Handler: h.Handler.WithGroup(name), named: h.named}
}

func hasQuotingError(r slog.Record) bool {
	found := false
	r.Attrs(func(a slog.Attr) bool {
		_, found = quotingError(a)
		return !found
	})
	return found
}

// quotingError reports an attribute holding a PostgreSQL error whose
// message may quote a value the client sent: data exceptions (class 22,
// e.g. `invalid input syntax for type integer: "..."`) and errors raised by
// PL/pgSQL (class P0).
func quotingError(a slog.Attr) (string, bool) {
	if a.Value.Kind() != slog.KindAny {
		return "", false
	}
	err, ok := a.Value.Any().(error)
	if !ok {
		return "", false
	}
	pe, ok := db.PgError(err)
	if !ok || !(strings.HasPrefix(pe.Code, "22") || strings.HasPrefix(pe.Code, "P0")) {
		return "", false
	}
	var withheld strings.Builder
	withheld.WriteString("message withheld: it may quote request values")
	for _, f := range []struct{ name, value string }{
		{"table", pe.TableName}, {"column", pe.ColumnName}, {"type", pe.DataTypeName}, {"constraint", pe.ConstraintName}, {"routine", pe.Routine},
	} {
		if f.value != "" {
			withheld.WriteString("; " + f.name + " " + f.value)
		}
	}
	return strings.Replace(err.Error(), pe.Message, withheld.String(), 1), true
}

func redacted(a slog.Attr) slog.Attr {
	if text, ok := quotingError(a); ok {
		return slog.Attr{Key: a.Key, Value: slog.StringValue(text)}
	}
	return a
}

// Access-log modes (--access-log).
const (
	AccessLogOff     = "off"
	AccessLogErrors  = "errors"
	AccessLogSampled = "sampled"
	AccessLogAll     = "all"
)

// accessLog decides which answered requests get their "request completed"
// line. A line costs a few microseconds of formatting and a write to the
// log (4 to 8 % of a POST's server CPU at a thousand requests a second), so
// the default logs every failure but at most a few successes a second:
// someone watching a quiet server still sees each request, and a server
// under load spends nothing on lines nobody reads. A 5xx is logged in every
// mode.
type accessLog struct {
	mode string
	rate int64 // sampled: successful-request lines a second
	// The current one-second window of sampled mode (Unix seconds), the
	// lines logged in it, and the successful requests not logged since the
	// last line.
	window, used, skipped atomic.Int64
}

func newAccessLog(mode string, rate int) *accessLog {
	return &accessLog{mode: mode, rate: int64(rate)}
}

// keep reports whether the request answered with status at now gets its
// line, and how many successful requests went unlogged since the previous
// line.
func (a *accessLog) keep(status int, now time.Time) (ok bool, skipped int64) {
	switch {
	case status >= 500 || a.mode == AccessLogAll:
		return true, 0
	case a.mode == AccessLogOff:
		return false, 0
	case status >= 400:
		return true, 0
	case a.mode == AccessLogErrors:
		return false, 0
	}
	sec := now.Unix()
	if w := a.window.Load(); w != sec && a.window.CompareAndSwap(w, sec) {
		a.used.Store(0)
	}
	if a.used.Add(1) > a.rate {
		a.skipped.Add(1)
		return false, 0
	}
	return true, a.skipped.Swap(0)
}
