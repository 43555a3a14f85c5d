package auth_test

import (
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/edfi-dmsc/dmsc/runtime/auth"
)

// BenchmarkTokenIssue measures POST /oauth/token over HTTP against the
// database, one client at a time, and reports the p50:
//   - cached: the same client again, its verification cached
//     (the steady state of a client that asks for a token per request);
//   - argon2id: a client whose verification is not cached, so the stored
//     hash is checked (the first request, and once a minute after).
func BenchmarkTokenIssue(b *testing.B) {
	for _, mode := range []string{"cached", "argon2id"} {
		b.Run(mode, func(b *testing.B) {
			e := newEnv(b, envOptions{})
			id, secret := e.client("SIS-Vendor")
			form := "grant_type=client_credentials&client_id=" + url.QueryEscape(id) + "&client_secret=" + url.QueryEscape(secret)
			endpoint := e.tokens
			took := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for b.Loop() {
				if mode == "argon2id" {
					endpoint.Clients = auth.NewClients(e.pool)
				}
				start := time.Now()
				resp, err := http.Post(e.server.URL+"/oauth/token", "application/x-www-form-urlencoded", strings.NewReader(form))
				if err != nil {
					b.Fatal(err)
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					b.Fatalf("status %d", resp.StatusCode)
				}
				took = append(took, time.Since(start))
			}
			slices.Sort(took)
			b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
		})
	}
}
