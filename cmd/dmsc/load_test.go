package main

import (
	"strings"
	"testing"
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
