package plan_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestPlanLinksNoServer keeps the plan builder and the plan data types
// apart from the executor: building plans must not pull in the HTTP server,
// the database driver or the runtime packages built on them.
func TestPlanLinksNoServer(t *testing.T) {
	forbidden := []string{
		"net/http",
		"github.com/labstack/echo",
		"github.com/jackc/pgx",
		"github.com/edfi-dmsc/dmsc/runtime/server",
		"github.com/edfi-dmsc/dmsc/runtime/db",
		"github.com/edfi-dmsc/dmsc/runtime/engine",
	}
	for _, pkg := range []string{"github.com/edfi-dmsc/dmsc/compiler/plan", "github.com/edfi-dmsc/dmsc/runtime/spec"} {
		out, err := exec.Command("go", "list", "-deps", pkg).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		for _, dep := range strings.Fields(string(out)) {
			for _, f := range forbidden {
				if dep == f || strings.HasPrefix(dep, f+"/") {
					t.Errorf("%s depends on %s", pkg, dep)
				}
			}
		}
	}
}
