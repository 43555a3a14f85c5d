package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/internal/refdata"
	"github.com/edfi-dmsc/dmsc/runtime/db/dbtest"
)

// TestLoadUnreachableServer: a server that is down is one clear error, with
// no "0 created, 0 updated, 0 failed" summary before it.
func TestLoadUnreachableServer(t *testing.T) {
	file := writeFile(t, t.TempDir(), "docs.ndjson", `{"project":"ed-fi","resource":"schools","body":{"schoolId":1}}`+"\n")
	code, stdout, stderr := runCLI("load", "--url", "http://127.0.0.1:1", file)
	if code != exitFailure || stdout != "" {
		t.Errorf("exit %d, stdout %q; want 1 and nothing", code, stdout)
	}
	if !strings.HasPrefix(stderr, "dmsc: error: cannot reach the server at http://127.0.0.1:1: dial tcp 127.0.0.1:1: ") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("stderr = %q, want one line naming the server", stderr)
	}
}

func TestLoadUsage(t *testing.T) {
	file := writeFile(t, t.TempDir(), "docs.ndjson", "\n")
	for _, c := range []struct {
		args []string
		want string
	}{
		{nil, "give either --url (HTTP mode) or --connection-string (direct mode)"},
		{[]string{"--url", "http://x", "-c", "postgres://x"}, "give either --url"},
		{[]string{"-c", "postgres://x"}, "--connection-string needs --schema"},
		{[]string{"-c", "postgres://x", "-s", file, "--batch-size", "0"}, "--batch-size must be at least 1, got 0"},
	} {
		code, _, stderr := runCLI(append(append([]string{"load"}, c.args...), file)...)
		if code != exitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", c.args, code, stderr, c.want)
		}
	}
}

// TestLoadDirect runs the direct mode end to end: it refuses a database
// provisioned for another schema set, loads a fake file into the right
// one, and a second run finds every document unchanged.
func TestLoadDirect(t *testing.T) {
	repo := refdata.RepoRoot(t)
	core, sample := filepath.Join(repo, "schemas/default/core.ApiSchema.json"), filepath.Join(repo, "schemas/default/sample.ApiSchema.json")
	file := filepath.Join(t.TempDir(), "docs.ndjson")
	if code, _, stderr := runCLI("fake", "-s", core, "-s", sample, "--count", "2", "--out", file); code != 0 {
		t.Fatal(stderr)
	}

	coreOnly := dbtest.New(t)
	if code, _, stderr := runCLI("ddl", "provision", "-s", core, "-c", coreOnly); code != 0 {
		t.Fatal(stderr)
	}
	code, stdout, stderr := runCLI("load", "-c", coreOnly, "-s", core, "-s", sample, file)
	if code != exitFailure || stdout != "" || !strings.HasPrefix(stderr, "dmsc: error: refusing to load: ") {
		t.Errorf("load into a database of another schema set: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}

	url := dbtest.New(t)
	if code, _, stderr := runCLI("ddl", "provision", "-s", core, "-s", sample, "-c", url); code != 0 {
		t.Fatal(stderr)
	}
	summary := regexp.MustCompile(`^56 documents: (\d+) created, (\d+) updated, (\d+) unchanged, 0 failed in \S+ \(\d+ documents/s\)\n$`)
	code, stdout, stderr = runCLI("load", "-c", url, "-s", core, "-s", sample, "--batch-size", "10", file)
	if m := summary.FindStringSubmatch(stdout); code != 0 || m == nil || m[1] != "56" {
		t.Errorf("first load: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if !strings.Contains(stderr, "loading") {
		t.Errorf("no progress on stderr: %q", stderr)
	}
	code, stdout, _ = runCLI("load", "-c", url, "-s", core, "-s", sample, file)
	if m := summary.FindStringSubmatch(stdout); code != 0 || m == nil || m[3] != "56" {
		t.Errorf("second load: exit %d, stdout %q", code, stdout)
	}
}
