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

func TestLoadUsage(t *testing.T) {
	file := writeFile(t, t.TempDir(), "docs.ndjson", "\n")
	for _, c := range []struct {
		args []string
		want string
	}{
		{nil, "give --url"},
		{[]string{"--url", "http://x", "--concurrency", "0"}, "--concurrency must be at least 1, got 0"},
		// The direct mode moved into the generated server binary.
		{[]string{"-c", "postgres://x"}, "run the generated server's load subcommand: <server> load --connection-string DSN"},
		{[]string{"--url", "http://x", "-c", "postgres://x"}, "load subcommand"},
	} {
		code, _, stderr := runCLI(append(append([]string{"load"}, c.args...), file)...)
		if code != exitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", c.args, code, stderr, c.want)
		}
	}
}
