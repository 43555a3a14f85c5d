package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/internal/refdata"
	"github.com/edfi-dmsc/dmsc/runtime/db/dbtest"
)

// TestClaimsLoad provisions the bundled schema, loads its claims file,
// then the ds52 claims: their resource claims the bundled schema lacks are
// one warning, an error with --strict, and resources they do not cover are
// listed as denied.
func TestClaimsLoad(t *testing.T) {
	repo := refdata.RepoRoot(t)
	core, sample := filepath.Join(repo, "schemas/default/core.ApiSchema.json"), filepath.Join(repo, "schemas/default/sample.ApiSchema.json")
	url := dbtest.New(t)
	if code, _, stderr := runCLI("ddl", "provision", "--schema", core, "--schema", sample, "--connection-string", url); code != 0 {
		t.Fatalf("provision: %d %s", code, stderr)
	}
	code, stdout, stderr := runCLI("claims", "load", "--connection-string", url, filepath.Join(repo, "schemas/default/claims.json"))
	if code != 0 || !strings.Contains(stdout, "loaded 4 claim sets and 28 resource claims") || !strings.Contains(stdout, "28 of the schema's 28 resources") || stderr != "" {
		t.Errorf("bundled claims: %d\n%s%s", code, stdout, stderr)
	}
	ds52 := filepath.Join(refdata.Dir(t, "claims"), "standards", "ds52", "Claims.json")
	code, stdout, stderr = runCLI("claims", "load", "--strict", "--connection-string", url, ds52)
	if code != exitFailure || !strings.Contains(stderr, "resource claims name no resource of the compiled schema (--strict)") {
		t.Errorf("strict ds52: %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, stderr = runCLI("claims", "load", "--connection-string", url, "--json-schema", filepath.Join(refdata.Dir(t, "claims"), "JsonSchemaForClaims.json"), ds52)
	warnings := strings.Count(stderr, "warning: ")
	if code != 0 || !strings.Contains(stdout, "claims load version 2") || warnings != 2 ||
		!strings.Contains(stderr, "resource claims name no resource of the database's schema and authorize nothing: ") ||
		!strings.Contains(stderr, "resources have no resource claim in the hierarchy and are denied to every client (deny by default): sample/ArtMediumDescriptor, ") {
		t.Errorf("ds52: %d\n%s%s", code, stdout, stderr)
	}
}

func TestClaimsLoadNeedsAProvisionedDatabase(t *testing.T) {
	repo := refdata.RepoRoot(t)
	url := dbtest.New(t)
	code, _, stderr := runCLI("claims", "load", "--connection-string", url, filepath.Join(repo, "schemas/default/claims.json"))
	if code != exitFailure || !strings.Contains(stderr, "no cms claims tables") {
		t.Errorf("empty database: %d %s", code, stderr)
	}
	bad := writeFile(t, t.TempDir(), "Claims.json", `{"claimSets": [], "claimsHierarchy": [{"name": "x"}]}`)
	code, _, stderr = runCLI("claims", "load", "--connection-string", url, bad)
	if code != exitFailure || !strings.Contains(stderr, "does not match the claims JSON schema") || !strings.Contains(stderr, "/claimSets") {
		t.Errorf("invalid claims file: %d %s", code, stderr)
	}
}
