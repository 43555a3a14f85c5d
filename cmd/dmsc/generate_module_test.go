package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/internal/refdata"
	"github.com/edfi-dmsc/dmsc/internal/roundtrip"
)

// TestGenerateModuleBuildsOffline generates a server module outside the
// repository's workspace with `dmsc generate --module --dmsc-source`, as a
// user would, and builds it the way a machine without the network or the
// checksum database builds it: roundtrip.OfflineBuildEnv (default checksum
// settings, GOPROXY=off, -mod=readonly, no workspace; the module cache is
// what this repository's own build downloaded). A go.sum missing a
// checksum, or a go.mod missing a requirement, fails the build. A control
// build with a checksum removed from go.sum must fail, so the environment
// is known to catch what it is meant to.
func TestGenerateModuleBuildsOffline(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go tool on PATH")
	}
	repo := refdata.RepoRoot(t)
	out := filepath.Join(t.TempDir(), "offline")
	cmd := generateCmd{
		schemaFlags: schemaFlags{Schema: []string{filepath.Join(repo, "schemas/default/core.ApiSchema.json")}},
		Out:         out,
		Module:      "example.com/offline",
		DMSCSource:  repo,
	}
	var stdout bytes.Buffer
	if err := cmd.Run(&env{stdout: &stdout, stderr: &stdout}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stdout.String(), "generated package offline (example.com/offline)") {
		t.Errorf("stdout = %q", stdout.String())
	}
	build := func() (string, error) {
		c := exec.Command("go", "build", "-o", filepath.Join(t.TempDir(), "server"), "./cmd/offline-server")
		c.Dir, c.Env = out, roundtrip.OfflineBuildEnv()
		msg, err := c.CombinedOutput()
		return string(msg), err
	}
	if msg, err := build(); err != nil {
		t.Fatalf("the generated module does not build offline: %v\n%s", err, msg)
	}

	// Control: without pgx's pool (a dependency of a dependency) in go.sum
	// the same build fails instead of consulting the checksum database.
	sumFile := filepath.Join(out, "go.sum")
	sum, err := os.ReadFile(sumFile)
	if err != nil {
		t.Fatal(err)
	}
	cut := regexp.MustCompile(`(?m)^github\.com/jackc/puddle/v2 .*\n`).ReplaceAll(sum, nil)
	if bytes.Equal(cut, sum) {
		t.Fatal("go.sum has no github.com/jackc/puddle/v2 line to remove")
	}
	if err := os.WriteFile(sumFile, cut, 0o644); err != nil {
		t.Fatal(err)
	}
	if msg, err := build(); err == nil || !strings.Contains(msg, "missing go.sum entry") {
		t.Errorf("build with a checksum missing from go.sum: %v\n%s", err, msg)
	}

	// Generating again replaces the module, go.mod and go.sum included.
	if err := cmd.Run(&env{stdout: &stdout, stderr: &stdout}); err != nil {
		t.Fatal(err)
	}
	if again, err := os.ReadFile(sumFile); err != nil || !bytes.Equal(again, sum) {
		t.Errorf("go.sum after generating again: %v", err)
	}
}

func TestGenerateModuleFlags(t *testing.T) {
	repo := refdata.RepoRoot(t)
	schema := schemaFlags{Schema: []string{filepath.Join(repo, "schemas/default/core.ApiSchema.json")}}
	out := filepath.Join(t.TempDir(), "m")
	for _, c := range []struct {
		cmd  generateCmd
		want string
	}{
		{generateCmd{schemaFlags: schema, Out: out, Module: "example.com/m"}, "--module needs --dmsc-source"},
		{generateCmd{schemaFlags: schema, Out: out, DMSCSource: repo}, "--dmsc-source needs --module"},
		{generateCmd{schemaFlags: schema, Out: out, Module: "example.com/m", DMSCSource: repo, ImportPath: "example.com/other"}, "differs from --module"},
		{generateCmd{schemaFlags: schema, Out: out, Module: "example.com/m", DMSCSource: t.TempDir()}, "the dmsc module directory"},
	} {
		var stdout bytes.Buffer
		if err := c.cmd.Run(&env{stdout: &stdout, stderr: &stdout}); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: error %v, want %q", c.cmd, err, c.want)
		}
	}
}
