package gogen_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/edfi-dmsc/dmsc/compiler/fake"
	"github.com/edfi-dmsc/dmsc/compiler/gogen"
	"github.com/edfi-dmsc/dmsc/internal/refdata"
	"github.com/edfi-dmsc/dmsc/internal/roundtrip"
	"github.com/edfi-dmsc/dmsc/runtime/db/dbtest"
)

// BuildDS32aEnv enables TestBuildDS32a, which generates and compiles a
// server for the full DS 3.2a core (265 resources). The value "cold" builds
// with an empty build cache, so the figure includes compiling the runtime
// and its dependencies.
const BuildDS32aEnv = "DMSC_BUILD_DS32A"

// KeepDS32aEnv names a directory TestBuildDS32a copies the built binary and
// the generated module into, to look at where the bytes are
// (`go tool nm -size -sort size`).
const KeepDS32aEnv = "DMSC_BUILD_DS32A_KEEP"

// TestBuildDS32a generates a server for the DS 3.2a core into a throw-away
// module that uses this repository through a replace directive, builds it
// with `go build`, vets it, and logs generation time, lines of Go, build
// time and binary size. Then it runs the binary against a database
// provisioned for DS 3.2a and round-trips a document of every resource
// through it. Run it with
//
//	DMSC_BUILD_DS32A=1 go test ./compiler/gogen -run TestBuildDS32a -v
//	DMSC_BUILD_DS32A=cold go test ./compiler/gogen -run TestBuildDS32a -v
func TestBuildDS32a(t *testing.T) {
	mode := os.Getenv(BuildDS32aEnv)
	if mode == "" {
		t.Skipf("set %s=1 to generate and build the DS 3.2a server", BuildDS32aEnv)
	}
	schemaFile := refdata.File(t, "apischema/generated-ds-3.2a/ds-3.2a-api-schema-generated.json")
	repo := refdata.RepoRoot(t)

	start := time.Now()
	schema, api, err := gogen.Compile([]string{schemaFile}, nil)
	if err != nil {
		t.Fatal(err)
	}
	planned := time.Since(start)
	options := gogen.Options{Package: "ds32a", ImportPath: "dmsc.example/ds32a", Command: "ds32a-server", API: api}
	files, err := gogen.Generate(schema, options)
	if err != nil {
		t.Fatal(err)
	}
	generated := time.Since(start)
	again, err := gogen.Generate(schema, options)
	if err != nil || !reflect.DeepEqual(files, again) {
		t.Errorf("a second generation differs from the first (err %v)", err)
	}
	var lines, bytesOut int
	for _, src := range files {
		lines += bytes.Count(src, []byte("\n"))
		bytesOut += len(src)
	}

	mod := t.TempDir()
	module, err := gogen.ModuleFiles("dmsc.example/ds32a", repo)
	if err != nil {
		t.Fatal(err)
	}
	maps.Copy(module, files)
	if err := gogen.WriteDir(filepath.Join(mod, "ds32a"), module); err != nil {
		t.Fatal(err)
	}

	bin := filepath.Join(mod, "ds32a-server")
	build := exec.Command("go", "build", "-o", bin, "./cmd/ds32a-server")
	build.Dir = filepath.Join(mod, "ds32a")
	build.Env = roundtrip.OfflineBuildEnv()
	cache := "warm"
	if mode == "cold" {
		build.Env, cache = append(build.Env, "GOCACHE="+t.TempDir()), "empty"
	}
	buildStart := time.Now()
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	built := time.Since(buildStart)
	vet := exec.Command("go", "vet", "./...")
	vet.Dir, vet.Env = build.Dir, build.Env
	if out, err := vet.CombinedOutput(); err != nil {
		t.Errorf("go vet: %v\n%s", err, out)
	}
	fi, err := os.Stat(bin)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("DS 3.2a: %d resources; plans %s, generation %s (total); %d files, %d lines, %d KiB of Go; go build (%s cache) %s; binary %.2f MiB (%d bytes)",
		len(schema.Resources), planned.Round(time.Millisecond), generated.Round(time.Millisecond), len(files), lines, bytesOut/1024,
		cache, built.Round(100*time.Millisecond), float64(fi.Size())/(1<<20), fi.Size())
	if keep := os.Getenv(KeepDS32aEnv); keep != "" {
		if err := os.MkdirAll(keep, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := exec.Command("cp", "-r", bin, filepath.Join(mod, "ds32a"), keep).Run(); err != nil {
			t.Fatal(err)
		}
		t.Logf("binary and generated module copied to %s (for go tool nm)", keep)
	}
	smokeDS32a(t, schemaFile, bin)
}

// smokeDS32a provisions a throw-away database for the schema, starts the
// built server on it, posts one valid fake document of every resource (in
// dependency order) and reads each back.
func smokeDS32a(t *testing.T, schemaFile, bin string) {
	url := dbtest.New(t)
	set, provisioned, err := roundtrip.ProvisionPgsql(context.Background(), url, schemaFile)
	if err != nil {
		t.Fatal(err)
	}

	srv, err := roundtrip.StartServer(context.Background(), bin, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		srv.Stop()
		if t.Failed() {
			t.Logf("server log:\n%s", srv.Logs())
		}
	})
	base := srv.BaseURL
	client := &http.Client{Timeout: 30 * time.Second}

	var ndjson bytes.Buffer
	if _, err := fake.Generate(set, fake.Options{Count: 1, Seed: 7}, &ndjson); err != nil {
		t.Fatal(err)
	}
	posted := 0
	for _, line := range bytes.Split(bytes.TrimSpace(ndjson.Bytes()), []byte("\n")) {
		var d struct {
			Project, Resource string
			Body              json.RawMessage
		}
		if err := json.Unmarshal(line, &d); err != nil {
			t.Fatal(err)
		}
		path := base + "/data/" + d.Project + "/" + d.Resource
		resp, err := client.Post(path, "application/json", bytes.NewReader(d.Body))
		if err != nil {
			t.Fatal(err)
		}
		answer, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusCreated {
			t.Errorf("POST %s = %d %s\nbody %s", path, resp.StatusCode, answer, d.Body)
			continue
		}
		posted++
		resp, err = client.Get(resp.Header.Get("Location")) // absolute, as the reference sends it
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !sameDocument(d.Body, got) {
			t.Errorf("GET %s = %d, differs from the posted document\nposted %s\ngot    %s", path, resp.StatusCode, d.Body, got)
		}
	}
	t.Logf("DS 3.2a database provisioned in %s; %d documents posted and read back", provisioned.Round(time.Millisecond), posted)
}

// sameDocument reports whether a GET body equals the posted document once
// the server-added id, _etag, _lastModifiedDate and reference links are
// dropped.
func sameDocument(posted, got []byte) bool {
	var p, g map[string]any
	if json.Unmarshal(posted, &p) != nil || json.Unmarshal(got, &g) != nil {
		return false
	}
	for _, k := range []string{"id", "_etag", "_lastModifiedDate"} {
		delete(g, k)
	}
	dropLinks(g)
	return reflect.DeepEqual(p, g)
}

// dropLinks removes the {"rel", "href"} link objects the server adds to
// references (--resource-links, on by default).
func dropLinks(v any) {
	switch x := v.(type) {
	case map[string]any:
		if l, ok := x["link"].(map[string]any); ok && l["rel"] != nil && l["href"] != nil {
			delete(x, "link")
		}
		for _, m := range x {
			dropLinks(m)
		}
	case []any:
		for _, m := range x {
			dropLinks(m)
		}
	}
}
