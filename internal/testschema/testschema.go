// Package testschema gives tests a loaded schema set and its effective
// schema in one call, failing the test when either step fails. Tests only:
// nothing here is used by the compiler.
package testschema

import (
	"testing"

	"github.com/edfi-dmsc/dmsc/compiler/effschema"
	"github.com/edfi-dmsc/dmsc/compiler/load"
)

// Files loads ApiSchema files (core first, as load.Files wants them) and
// computes their effective schema.
func Files(t testing.TB, paths ...string) (*load.SchemaSet, *effschema.Info) {
	t.Helper()
	set, info, err := effschema.LoadFiles(paths...)
	if err != nil {
		t.Fatalf("loading %v: %v", paths, err)
	}
	return set, info
}

// Documents loads in-memory ApiSchema documents and computes their
// effective schema.
func Documents(t testing.TB, docs ...load.Document) (*load.SchemaSet, *effschema.Info) {
	t.Helper()
	set, err := load.Documents(docs...)
	if err != nil {
		t.Fatalf("loading documents: %v", err)
	}
	return set, compute(t, set)
}

func compute(t testing.TB, set *load.SchemaSet) *effschema.Info {
	t.Helper()
	info, err := effschema.Compute(set)
	if err != nil {
		t.Fatalf("computing the effective schema: %v", err)
	}
	return info
}
