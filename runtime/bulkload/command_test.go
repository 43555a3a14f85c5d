package bulkload_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/compiler/effschema"
	"github.com/edfi-dmsc/dmsc/compiler/fake"
	defaultschema "github.com/edfi-dmsc/dmsc/generated/default"
	"github.com/edfi-dmsc/dmsc/runtime/bulkload"
)

// runLoad runs the bundled server's load subcommand with args.
func runLoad(args ...string) (code int, stdout, stderr string) {
	var out, errs bytes.Buffer
	cmd := bulkload.Command(defaultschema.Schema, defaultschema.Codecs)
	code = cmd.Run(context.Background(), args, &out, &errs)
	return code, out.String(), errs.String()
}

// TestLoadCommand runs the server's load subcommand end to end: it refuses
// a database provisioned for another schema set, loads a fake file into
// the right one, and a second run finds every document unchanged.
func TestLoadCommand(t *testing.T) {
	b := bundledSchema(t)
	set, _, err := effschema.LoadFiles(b.files...)
	if err != nil {
		t.Fatal(err)
	}
	var docs bytes.Buffer
	if _, err := fake.Generate(set, fake.Options{Count: 2, Seed: 3}, &docs); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "docs.ndjson")
	if err := os.WriteFile(file, docs.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	if code, _, stderr := runLoad("--connection-string", "postgres://x", "--batch-size", "0", file); code != 2 || !strings.Contains(stderr, "--batch-size must be at least 1, got 0") {
		t.Errorf("--batch-size 0: exit %d, stderr %q", code, stderr)
	}

	coreOnly, _ := bundled{files: b.files[:1]}.database(t)
	code, stdout, stderr := runLoad("--connection-string", coreOnly, file)
	if code != 1 || stdout != "" || !strings.Contains(stderr, "error: refusing to load: ") {
		t.Errorf("load into a database of another schema set: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}

	url, _ := b.database(t)
	summary := regexp.MustCompile(`^` + regexp.QuoteMeta(file) + `: 56 documents: (\d+) created, (\d+) updated, (\d+) unchanged, 0 failed in \S+ \(\d+ documents/s\)\n$`)
	code, stdout, stderr = runLoad("--connection-string", url, "--batch-size", "10", file)
	if m := summary.FindStringSubmatch(stdout); code != 0 || m == nil || m[1] != "56" {
		t.Errorf("first load: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if !strings.Contains(stderr, "loading") {
		t.Errorf("no progress on stderr: %q", stderr)
	}
	code, stdout, _ = runLoad("--connection-string", url, "--workers", "2", file)
	if m := summary.FindStringSubmatch(stdout); code != 0 || m == nil || m[3] != "56" {
		t.Errorf("second load: exit %d, stdout %q", code, stdout)
	}
}
