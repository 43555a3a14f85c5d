package runtime_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"strconv"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/runtime"
)

// TestVersionWindow checks the window is well formed: the runtime runs
// the code its own generator writes.
func TestVersionWindow(t *testing.T) {
	if !(runtime.MinVersion <= runtime.GenVersion && runtime.GenVersion <= runtime.MaxVersion) {
		t.Fatalf("GenVersion %d lies outside [%d, %d]", runtime.GenVersion, runtime.MinVersion, runtime.MaxVersion)
	}
}

// TestEnforceVersionRefusesOutsideWindow type-checks the assertions
// generated code makes for versions around the window: those inside
// compile, those outside do not.
func TestEnforceVersionRefusesOutsideWindow(t *testing.T) {
	for v := runtime.MinVersion - 1; v <= runtime.MaxVersion+1; v++ {
		err := typeCheckAssertion(t, v)
		inside := runtime.MinVersion <= v && v <= runtime.MaxVersion
		switch {
		case inside && err != nil:
			t.Errorf("version %d is inside the window but does not compile: %v", v, err)
		case !inside && err == nil:
			t.Errorf("version %d is outside the window but compiles", v)
		case !inside && !strings.Contains(err.Error(), "overflows"):
			t.Errorf("version %d: want a constant overflow, got %v", v, err)
		}
	}
}

// typeCheckAssertion type-checks a package holding generated code's
// version assertions for version v against the runtime package as built.
func typeCheckAssertion(t *testing.T, v int) error {
	t.Helper()
	src := "package gen\n\nimport \"github.com/edfi-dmsc/dmsc/runtime\"\n\nconst (\n" +
		"\t_ = runtime.EnforceVersion(" + strconv.Itoa(v) + " - runtime.MinVersion)\n" +
		"\t_ = runtime.EnforceVersion(runtime.MaxVersion - " + strconv.Itoa(v) + ")\n)\n"
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "gen.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	conf := types.Config{Importer: importer.ForCompiler(fset, "source", nil)}
	_, err = conf.Check("gen", fset, []*ast.File{f}, nil)
	return err
}
