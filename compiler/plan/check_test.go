package plan_test

import (
	"testing"

	"github.com/edfi-dmsc/dmsc/internal/refdata"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// TestPlansPassCheck runs spec's consistency check over the plans of the
// bundled schema and of the DS 3.2a core: every index, kind and statement
// the builder writes must be one the executor can use.
func TestPlansPassCheck(t *testing.T) {
	for name, build := range map[string]func() *spec.Schema{
		"bundled": func() *spec.Schema { return bundled(t) },
		"DS 3.2a": func() *spec.Schema { return buildPlans(t, refdata.File(t, refdata.DS32aCoreSchema)) },
	} {
		t.Run(name, func(t *testing.T) {
			if err := build().Check(); err != nil {
				t.Fatal(err)
			}
		})
	}
}
