package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/internal/refdata"
)

func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func writeFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func projectJSON(name, endpoint string, ext bool, apiVersion, resources string) string {
	return fmt.Sprintf(`{"apiSchemaVersion":%q,"projectSchema":{"projectName":%q,"projectEndpointName":%q,"projectVersion":"1.0.0","isExtensionProject":%t,"resourceSchemas":{%s}}}`,
		apiVersion, name, endpoint, ext, resources)
}

func TestEmitFailFast(t *testing.T) {
	dir := t.TempDir()
	core := writeFile(t, dir, "core.json", projectJSON("Ed-Fi", "ed-fi", false, "1.0.0", `"schools":{"resourceName":"School"}`))
	ext := writeFile(t, dir, "ext.json", projectJSON("Sample", "sample", true, "1.0.0", ""))
	var many strings.Builder
	for i := 0; i <= 32767; i++ {
		if i > 0 {
			many.WriteByte(',')
		}
		fmt.Fprintf(&many, `"r%d":{"resourceName":"R%d"}`, i, i)
	}
	cases := []struct {
		name    string
		schemas []string
		want    string
	}{
		{"missing file", []string{filepath.Join(dir, "absent.json")}, "absent.json: cannot read file: no such file or directory"},
		{"invalid JSON", []string{writeFile(t, dir, "bad.json", "{\n  \"apiSchemaVersion\": \"1.0.0\",\n  oops\n}")}, "bad.json: invalid JSON at line 3, column 3"},
		{"two cores", []string{core, writeFile(t, dir, "core2.json", projectJSON("Other", "other", false, "1.0.0", ""))}, "core2.json: $.projectSchema.isExtensionProject: a second core project was given"},
		{"no core", []string{ext}, "ext.json: $.projectSchema.isExtensionProject: the first schema must be the core project"},
		{"version mismatch", []string{core, writeFile(t, dir, "ext2.json", projectJSON("Sample", "sample", true, "2.0.0", ""))}, `ext2.json: $.apiSchemaVersion: apiSchemaVersion "2.0.0" does not match the core's "1.0.0"`},
		{"duplicate endpoint", []string{core, writeFile(t, dir, "ext3.json", projectJSON("Sample", "ed-fi", true, "1.0.0", ""))}, `ext3.json: $.projectSchema.projectEndpointName: projectEndpointName "ed-fi" is already used by`},
		{"duplicate resource key", []string{writeFile(t, dir, "dupkey.json", projectJSON("Ed-Fi", "ed-fi", false, "1.0.0", `"schools":{"resourceName":"School"},"schoolz":{"resourceName":"School"}`))}, "dupkey.json: $.projectSchema.resourceSchemas.schoolz: duplicate resource key Ed-Fi/School"},
		{"too many resource keys", []string{writeFile(t, dir, "many.json", projectJSON("Ed-Fi", "ed-fi", false, "1.0.0", many.String()))}, "defines 32768 resources (concrete and abstract), more than the 32767"},
		{"legacy format", []string{writeFile(t, dir, "legacy.json", `{"apiSchemaVersion":"1.0.0","projectSchemas":{}}`)}, "legacy ApiSchema format"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			args := []string{"ddl", "emit", "--output", out}
			for _, s := range tc.schemas {
				args = append(args, "--schema", s)
			}
			code, stdout, stderr := runCLI(args...)
			if code != exitFailure {
				t.Errorf("exit code = %d, want %d", code, exitFailure)
			}
			if !strings.HasPrefix(stderr, "dmsc: error: ") || strings.Count(stderr, "\n") != 1 {
				t.Errorf("stderr should be exactly one error line, got %q", stderr)
			}
			if !strings.Contains(stderr, tc.want) {
				t.Errorf("stderr %q does not contain %q", stderr, tc.want)
			}
			if stdout != "" {
				t.Errorf("stdout should be empty on failure, got %q", stdout)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("output directory exists after a failure (err=%v)", err)
			}
			entries, _ := os.ReadDir(filepath.Dir(out))
			if len(entries) != 0 {
				t.Errorf("leftovers next to the output directory: %v", entries)
			}
		})
	}
}

func TestEmitFailureKeepsPreviousOutput(t *testing.T) {
	out := t.TempDir()
	keep := writeFile(t, out, "effective-schema.manifest.json", "previous")
	code, _, _ := runCLI("ddl", "emit", "--schema", filepath.Join(out, "absent.json"), "--output", out)
	if code != exitFailure {
		t.Fatalf("exit code = %d", code)
	}
	if b, err := os.ReadFile(keep); err != nil || string(b) != "previous" {
		t.Errorf("previous output was touched: %q, %v", b, err)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"ddl", "emit", "--output", "x"},                                    // no --schema
		{"ddl", "emit", "--schema", "a.json", "--output", "x", "-d", "db2"}, // bad dialect
		{"frobnicate"},
	} {
		code, _, stderr := runCLI(args...)
		if code != exitUsage || !strings.Contains(stderr, "dmsc: error: ") {
			t.Errorf("%v: exit %d, stderr %q; want exit %d with an error line", args, code, stderr, exitUsage)
		}
	}
}

func TestHelpEverywhere(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"ddl", "--help"}, {"ddl", "emit", "--help"}, {"schema", "inspect", "--help"}, {"fixture", "run", "--help"}} {
		code, stdout, _ := runCLI(args...)
		if code != 0 || !strings.Contains(stdout, "Usage: dmsc") {
			t.Errorf("%v: exit %d, output %q", args, code, stdout)
		}
	}
}

// TestEmitDeterministicOnDS32a emits the real DS 3.2a core ten times and
// requires byte-identical output.
func TestEmitDeterministicOnDS32a(t *testing.T) {
	schema := refdata.File(t, "apischema/generated-ds-3.2a/ds-3.2a-api-schema-generated.json")
	var first map[string][]byte
	for i := 0; i < 10; i++ {
		out := filepath.Join(t.TempDir(), "out")
		if code, _, stderr := runCLI("ddl", "emit", "--schema", schema, "--output", out); code != 0 {
			t.Fatalf("run %d: exit %d: %s", i, code, stderr)
		}
		files := readDir(t, out)
		if first == nil {
			first = files
			continue
		}
		if len(files) != len(first) {
			t.Fatalf("run %d wrote %d files, first run %d", i, len(files), len(first))
		}
		for name, b := range first {
			if !bytes.Equal(files[name], b) {
				t.Fatalf("run %d: %s differs from the first run", i, name)
			}
		}
	}
}

// readDir returns the files below dir (subdirectories included, such as
// the api/ documents) by slash-separated relative path.
func readDir(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestSchemaInspect(t *testing.T) {
	dir := t.TempDir()
	core := writeFile(t, dir, "core.json", projectJSON("Ed-Fi", "ed-fi", false, "1.0.0", `"schools":{"resourceName":"School"},"gradeLevelDescriptors":{"resourceName":"GradeLevelDescriptor","isDescriptor":true}`))
	ext := writeFile(t, dir, "ext.json", projectJSON("Sample", "sample", true, "1.0.0", `"schools":{"resourceName":"School","isResourceExtension":true}`))
	code, stdout, stderr := runCLI("schema", "inspect", "-s", core, "-s", ext)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"Ed-Fi", "core", "Sample", "extension", "effectiveSchemaHash:", "resourceKeyCount:      2"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
}

// BenchmarkEmitDS32a measures `dmsc ddl emit` on the DS 3.2a core (265
// resources), load to written files.
func BenchmarkEmitDS32a(b *testing.B) {
	schema := refdata.File(b, "apischema/generated-ds-3.2a/ds-3.2a-api-schema-generated.json")
	out := filepath.Join(b.TempDir(), "out")
	for b.Loop() {
		if code, _, stderr := runCLI("ddl", "emit", "--schema", schema, "--output", out); code != 0 {
			b.Fatalf("exit %d: %s", code, stderr)
		}
	}
}

func TestFakeIsDeterministicAndAtomic(t *testing.T) {
	repo := refdata.RepoRoot(t)
	core := filepath.Join(repo, "schemas/default/core.ApiSchema.json")
	ext := filepath.Join(repo, "schemas/default/sample.ApiSchema.json")
	dir := t.TempDir()
	var outputs [][]byte
	for i := 0; i < 2; i++ {
		out := filepath.Join(dir, fmt.Sprintf("docs%d.ndjson", i))
		if code, _, stderr := runCLI("fake", "-s", core, "-s", ext, "--count", "3", "--seed", "7", "--out", out); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		outputs = append(outputs, b)
	}
	if !bytes.Equal(outputs[0], outputs[1]) {
		t.Error("the same seed produced different files")
	}
	if n := bytes.Count(outputs[0], []byte("\n")); n < 28*3-10 {
		t.Errorf("only %d documents for 28 resources at count 3", n)
	}
	bad := filepath.Join(dir, "bad.ndjson")
	if code, _, _ := runCLI("fake", "-s", core, "--resource", "noSuchThings", "--out", bad); code != exitFailure {
		t.Errorf("unknown resource: exit %d, want %d", code, exitFailure)
	}
	if _, err := os.Stat(bad); !os.IsNotExist(err) {
		t.Error("a failed run left an output file")
	}
	if code, _, _ := runCLI("fake", "-s", core, "--count", "0", "--out", bad); code != exitUsage {
		t.Errorf("--count 0: exit %d, want %d", code, exitUsage)
	}
}

func TestModelStats(t *testing.T) {
	repo := refdata.RepoRoot(t)
	code, stdout, stderr := runCLI("model", "stats", "-s", filepath.Join(repo, "schemas/default/core.ApiSchema.json"),
		"-s", filepath.Join(repo, "schemas/default/sample.ApiSchema.json"), "-d", "mssql")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"TABLES", "mssql    Ed-Fi", "mssql    Sample", "(total)"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, "pgsql") {
		t.Error("-d mssql printed pgsql rows")
	}
}
