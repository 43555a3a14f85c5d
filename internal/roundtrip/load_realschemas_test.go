package roundtrip

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/edfi-dmsc/dmsc/compiler/fake"
	"github.com/edfi-dmsc/dmsc/compiler/gogen"
	"github.com/edfi-dmsc/dmsc/internal/apiload"
	"github.com/edfi-dmsc/dmsc/internal/refdata"
	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/db/dbtest"
	"github.com/edfi-dmsc/dmsc/runtime/engine"
	"github.com/edfi-dmsc/dmsc/runtime/etag"
	"github.com/edfi-dmsc/dmsc/runtime/server"
)

// TestRealSchemasLoad loads a DS 3.2a fake file in shuffled order (its
// learning standards, objectives and agencies refer to documents of their
// own resource) over HTTP through a generated server and directly into a
// second database: both load every document, a second direct load finds
// them all unchanged, and the server reads the same documents back from
// both databases.
func TestRealSchemasLoad(t *testing.T) {
	if os.Getenv(RealSchemasEnv) == "" {
		t.Skipf("set %s=1 to load the DS 3.2a core in both modes (takes minutes)", RealSchemasEnv)
	}
	ds := refdata.File(t, refdata.DS32aCoreSchema)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
	defer cancel()
	httpURL, directURL := dbtest.New(t), dbtest.New(t)
	set, _, err := ProvisionPgsql(ctx, httpURL, ds)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := ProvisionPgsql(ctx, directURL, ds); err != nil {
		t.Fatal(err)
	}
	built, err := BuildServer(ctx, refdata.RepoRoot(t), t.TempDir(), ds)
	if err != nil {
		t.Fatal(err)
	}
	start := func(url string) *Server {
		srv, err := StartServer(ctx, built.Binary, url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(srv.Stop)
		return srv
	}
	schema, err := gogen.Plans(ds)
	if err != nil {
		t.Fatal(err)
	}

	var ndjson bytes.Buffer
	if _, err := fake.Generate(set, fake.Options{Count: 10, Seed: 4}, &ndjson); err != nil {
		t.Fatal(err)
	}
	lines, err := apiload.Read(&ndjson)
	if err != nil {
		t.Fatal(err)
	}
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(lines), func(i, j int) { lines[i], lines[j] = lines[j], lines[i] })

	httpServer := start(httpURL)
	rep, err := apiload.Load(ctx, lines, apiload.Options{BaseURL: httpServer.BaseURL, Concurrency: 8,
		Waves: apiload.Plan(ctx, schema, lines, 2)})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Created != len(lines) || len(rep.Failures) > 0 {
		t.Fatalf("HTTP load: %d of %d created in %v, failures: %v", rep.Created, len(lines), rep.Elapsed, rep.Failures)
	}
	t.Logf("HTTP load: %d documents in %v", len(lines), rep.Elapsed)

	writers, closeAll, err := apiload.OpenWriters(ctx, directURL, 4, engine.Writer{Retry: db.DefaultRetryPolicy,
		SchemaEpoch: etag.SchemaEpoch(schema.EffectiveSchemaHash), Limits: server.WriteLimits{}.WithDefaults()})
	if err != nil {
		t.Fatal(err)
	}
	defer closeAll()
	opts := apiload.DirectOptions{Schema: schema, Writers: writers, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	for run, want := range []string{"created", "unchanged"} {
		rep, err := apiload.LoadDirect(ctx, lines, opts)
		if err != nil {
			t.Fatal(err)
		}
		if done := map[string]int{"created": rep.Created, "unchanged": rep.Unchanged}[want]; done != len(lines) || len(rep.Failures) > 0 {
			t.Fatalf("direct load %d: %+v, want all %d %s; failures: %v", run+1, rep, len(lines), want, rep.Failures)
		}
		t.Logf("direct load %d: %d documents %s in %v", run+1, len(lines), want, rep.Elapsed)
	}

	viaHTTP, err := Stored(ctx, http.DefaultClient, httpServer.BaseURL, schema.Resources)
	if err != nil {
		t.Fatal(err)
	}
	viaDirect, err := Stored(ctx, http.DefaultClient, start(directURL).BaseURL, schema.Resources)
	if err != nil {
		t.Fatal(err)
	}
	for path, docs := range viaHTTP {
		if !slices.Equal(docs, viaDirect[path]) {
			t.Errorf("%s: %d documents over HTTP, %d directly, and they differ", path, len(docs), len(viaDirect[path]))
		}
	}
}
