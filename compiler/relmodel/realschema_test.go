package relmodel

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/edfi-dmsc/dmsc/compiler/effschema"
	"github.com/edfi-dmsc/dmsc/compiler/load"
	"github.com/edfi-dmsc/dmsc/internal/refdata"
	"github.com/edfi-dmsc/dmsc/internal/testschema"
)

// loadReal loads ApiSchema files of the shared reference data's apischema
// folder.
func loadReal(t *testing.T, files ...string) (*load.SchemaSet, *effschema.Info) {
	t.Helper()
	root := refdata.Dir(t, "apischema")
	var paths []string
	for _, f := range files {
		paths = append(paths, filepath.Join(root, f))
	}
	return testschema.Files(t, paths...)
}

// TestDS32aStrict derives the full DS 3.2a core for both dialects under the
// strict pass set, within the time budget.
func TestDS32aStrict(t *testing.T) {
	set, info := loadReal(t, "generated-ds-3.2a/ds-3.2a-api-schema-generated.json")
	start := time.Now()
	for _, d := range []Dialect{PGSQL, MSSQL} {
		ms, err := Derive(set, info, d, true)
		if err != nil {
			t.Fatalf("%s: %v", d, err)
		}
		if len(ms.Resources) != 265 {
			t.Errorf("%s: %d resources, want 265", d, len(ms.Resources))
		}
		if len(ms.Manifest()) == 0 {
			t.Errorf("%s: empty manifest", d)
		}
	}
	if elapsed := time.Since(start); elapsed > 2*time.Second {
		t.Errorf("deriving DS 3.2a for both dialects took %v, budget 2s", elapsed)
	} else {
		t.Logf("DS 3.2a strict derivation, both dialects: %v", elapsed)
	}
}

// TestExtensionMissingBaseResource: an extension that extends a resource its
// core lacks must fail and name that resource.
func TestExtensionMissingBaseResource(t *testing.T) {
	set, info := loadReal(t, "generated-ds-3.2a/ds-3.2a-api-schema-generated.json", "metaed-v7_3/sample-api-schema-authoritative.json")
	_, err := Derive(set, info, PGSQL, true)
	if err == nil {
		t.Fatal("expected derivation to fail")
	}
	t.Log(err)
	if !strings.Contains(err.Error(), "which no project of the schema set defines") {
		t.Errorf("error does not explain the missing resource: %v", err)
	}
}
