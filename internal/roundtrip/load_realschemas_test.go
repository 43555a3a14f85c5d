package roundtrip

import (
	"bytes"
	"context"
	"encoding/json"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/edfi-dmsc/dmsc/compiler/fake"
	"github.com/edfi-dmsc/dmsc/compiler/gogen"
	"github.com/edfi-dmsc/dmsc/internal/apiload"
	"github.com/edfi-dmsc/dmsc/internal/refdata"
	"github.com/edfi-dmsc/dmsc/runtime/db/dbtest"
)

// TestRealSchemasLoad loads a DS 3.2a fake file in shuffled order (its
// learning standards, objectives and agencies refer to documents of their
// own resource) over HTTP through a generated server and directly into a
// second database with the server's load subcommand: both load every
// document, a second direct load finds them all unchanged, and the server
// reads the same documents back from both databases.
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

	// The direct load is the generated server's load subcommand, run on
	// the shuffled file twice: every document created, then unchanged.
	var shuffled bytes.Buffer
	enc := json.NewEncoder(&shuffled)
	for _, l := range lines {
		if err := enc.Encode(l); err != nil {
			t.Fatal(err)
		}
	}
	file := filepath.Join(t.TempDir(), "shuffled.ndjson")
	if err := os.WriteFile(file, shuffled.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	summary := regexp.MustCompile(`: (\d+) documents: (\d+) created, (\d+) updated, (\d+) unchanged, 0 failed in `)
	for run, column := range []int{2, 4} { // created, then unchanged
		var stdout, stderr bytes.Buffer
		load := exec.CommandContext(ctx, built.Binary, "load", "--connection-string", directURL, "--workers", "4", file)
		load.Stdout, load.Stderr = &stdout, &stderr
		if err := load.Run(); err != nil {
			t.Fatalf("direct load %d: %v\n%s%s", run+1, err, stdout.Bytes(), stderr.Bytes())
		}
		m := summary.FindStringSubmatch(stdout.String())
		if m == nil || m[1] != strconv.Itoa(len(lines)) || m[column] != m[1] {
			t.Fatalf("direct load %d: %s, want all %d documents %s", run+1, stdout.Bytes(), len(lines), map[int]string{2: "created", 4: "unchanged"}[column])
		}
		t.Logf("direct load %d: %s", run+1, strings.TrimSpace(stdout.String()))
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
