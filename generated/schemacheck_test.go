package generated_test

import (
	"testing"

	defaultschema "github.com/edfi-dmsc/dmsc/generated/default"
)

// TestCompiledSchemaChecks runs the consistency check the server runs at
// start-up over the compiled-in plans.
func TestCompiledSchemaChecks(t *testing.T) {
	if defaultschema.App.Check == nil {
		t.Fatal("the generated App does not check the compiled schema at start-up")
	}
	if err := defaultschema.App.Check(); err != nil {
		t.Fatal(err)
	}
}
