package server

import (
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"
)

// BenchmarkGetByIDOverhead measures the runtime's per-request cost (routing,
// correlation id, logging, gate-less dispatch, response) around a handler
// that does no work.
func BenchmarkGetByIDOverhead(b *testing.B) {
	s := New(Config{}, testApp, nil, nil, slog.New(slog.NewTextHandler(io.Discard, nil)))
	s.Register("ed-fi", "students", &fakeResource{})
	target := "/data/ed-fi/students/" + fixedID.String()
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
		if rec.Code != 200 {
			b.Fatal(rec.Code)
		}
	}
}
