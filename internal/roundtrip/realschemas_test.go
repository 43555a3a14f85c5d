package roundtrip

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/edfi-dmsc/dmsc/compiler/fake"
	"github.com/edfi-dmsc/dmsc/internal/apiload"
	"github.com/edfi-dmsc/dmsc/internal/refdata"
	"github.com/edfi-dmsc/dmsc/runtime/db/dbtest"
)

// RealSchemasEnv enables TestRealSchemas, which takes minutes (it builds a
// server per schema set), so `make test` leaves it out:
//
//	DMSC_REALSCHEMAS=1 go test ./internal/roundtrip -run RealSchemas -v
const RealSchemasEnv = "DMSC_REALSCHEMAS"

// TestRealSchemas round-trips a document of every resource of MetaEd-
// generated schemas through a generated, built and started server.
func TestRealSchemas(t *testing.T) {
	if os.Getenv(RealSchemasEnv) == "" {
		t.Skipf("set %s=1 to round-trip every resource of the real schemas (takes minutes)", RealSchemasEnv)
	}
	repo := refdata.RepoRoot(t)
	t.Run("DS32aCore", func(t *testing.T) {
		roundTripSchemas(t, repo, refdata.File(t, refdata.DS32aCoreSchema))
	})
	t.Run("BundledCoreHomograph", func(t *testing.T) {
		roundTripSchemas(t, repo,
			filepath.Join(repo, "schemas", "default", "core.ApiSchema.json"),
			refdata.File(t, "apischema/metaed-v7_3/homograph-api-schema-authoritative.json"))
	})
}

func roundTripSchemas(t *testing.T, repo string, files ...string) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Minute)
	defer cancel()
	url := dbtest.New(t)
	set, provisioned, err := ProvisionPgsql(ctx, url, files...)
	if err != nil {
		t.Fatal(err)
	}

	built, err := BuildServer(ctx, repo, t.TempDir(), files...)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := StartServer(ctx, built.Binary, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		srv.Stop()
		if t.Failed() {
			t.Logf("server log:\n%s", srv.Logs())
		}
	})

	var ndjson bytes.Buffer
	// Every optional member present, so every column is exercised.
	stats, err := fake.Generate(set, fake.Options{Count: 1, Seed: 1, OptionalShare: 1}, &ndjson)
	if err != nil {
		t.Fatal(err)
	}
	lines, err := apiload.Read(&ndjson)
	if err != nil {
		t.Fatal(err)
	}
	rn := &Runner{BaseURL: srv.BaseURL, Set: set, Client: &http.Client{Timeout: time.Minute}}
	sent := time.Now()
	results := rn.Run(ctx, lines, stats.PerResource)
	ran := time.Since(sent)

	passed := 0
	for _, r := range results {
		switch {
		case r.Passed() && r.Mutated != "":
			passed++
			t.Logf("PASS %s (PUT changed %s)", r.Name(), r.Mutated)
		case r.Passed():
			passed++
			t.Logf("PASS %s (PUT of the same body: no mutable member)", r.Name())
		default:
			t.Errorf("FAIL %s: %s", r.Name(), r.Problem)
		}
	}
	t.Logf("%d/%d resources passed (%d documents; provisioning %s, generation %s, go build %s, round trips %s)",
		passed, len(results), len(lines), provisioned.Round(time.Millisecond), built.Generate.Round(time.Millisecond),
		built.Build.Round(time.Millisecond), ran.Round(time.Millisecond))
}
