package difftest

import (
	_ "embed"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/compiler/gogen"
	"github.com/edfi-dmsc/dmsc/internal/refdata"
)

// DS32aEnv enables the DS 3.2a differential test and benchmarks, which
// generate and compile the server package of the DS 3.2a core (265
// resources) and run some 87,000 cases, so `make test` leaves them out:
//
//	DMSC_DIFFTEST_DS32A=1 go test ./internal/difftest -run DS32a -v
const DS32aEnv = "DMSC_DIFFTEST_DS32A"

// driver is the test file compiled into the generated package.
//
//go:embed testdata/driver_test.go.txt
var driver []byte

// generatedPackage is where the generated DS 3.2a package appears to be:
// it exists only in the overlay that builds its test binary, so it never
// lies in the repository and `./...` never sees it, yet it belongs to this
// module and may import internal packages (the oracle, this harness).
const generatedPackage = "internal/difftest/ds32agen"

// TestDS32a runs the differential tests over every resource of the DS 3.2a
// core: the generated write code in process, then the generated server.
func TestDS32a(t *testing.T) {
	runDS32a(t, "-test.run", "^(TestCodecs|TestDifferential)$", "-test.v", "-test.timeout", "50m")
}

// TestDS32aBenchmarks runs BenchmarkCodec over the DS 3.2a core three
// times (`make bench-codec`); its figures are the test's output.
func TestDS32aBenchmarks(t *testing.T) {
	runDS32a(t, "-test.run", "^$", "-test.bench", "^BenchmarkCodec$", "-test.benchtime", "20000x", "-test.count", "3")
}

// runDS32a generates the DS 3.2a server package, compiles its test binary
// with the driver and runs it with args, its output going to this test's.
func runDS32a(t *testing.T, args ...string) {
	if os.Getenv(DS32aEnv) == "" {
		t.Skipf("set %s=1 to run the DS 3.2a differential test and benchmarks (they take minutes)", DS32aEnv)
	}
	schema := refdata.File(t, refdata.DS32aCoreSchema)
	repo := refdata.RepoRoot(t)
	dir := t.TempDir()
	plans, err := gogen.Plans(schema)
	if err != nil {
		t.Fatal(err)
	}
	files, err := gogen.Generate(plans, gogen.Options{Package: filepath.Base(generatedPackage),
		ImportPath: "github.com/edfi-dmsc/dmsc/" + generatedPackage})
	if err != nil {
		t.Fatal(err)
	}
	files["driver_test.go"] = driver
	overlay := map[string]string{}
	for name, content := range files {
		if strings.Contains(name, "/") {
			continue // the server command
		}
		src := filepath.Join(dir, name)
		if err := os.WriteFile(src, content, 0o644); err != nil {
			t.Fatal(err)
		}
		overlay[filepath.Join(repo, filepath.FromSlash(generatedPackage), name)] = src
	}
	spec, err := json.Marshal(map[string]any{"Replace": overlay})
	if err != nil {
		t.Fatal(err)
	}
	overlayFile := filepath.Join(dir, "overlay.json")
	if err := os.WriteFile(overlayFile, spec, 0o644); err != nil {
		t.Fatal(err)
	}
	binary := filepath.Join(dir, "ds32agen.test")
	// vet would run in the package directory, which does not exist.
	build := exec.Command("go", "test", "-c", "-vet=off", "-overlay", overlayFile, "-o", binary, "./"+generatedPackage)
	build.Dir = repo
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the DS 3.2a test binary: %v\n%s", err, out)
	}
	run := exec.Command(binary, args...)
	run.Dir = dir
	run.Env = append(os.Environ(), "DMSC_DIFFTEST_FILES="+schema)
	run.Stdout, run.Stderr = os.Stdout, os.Stderr
	if err := run.Run(); err != nil {
		t.Fatalf("DS 3.2a %v: %v", args, err)
	}
}
