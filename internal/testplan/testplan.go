// Package testplan compiles ApiSchema files for tests the way `dmsc`
// does — effective schema, PostgreSQL DDL script and relational model,
// server plan — failing the test when a step fails. It is apart from
// internal/testschema, which compiler packages' own tests import and which
// therefore must not import the compiler's later stages.
package testplan

import (
	"testing"

	"github.com/edfi-dmsc/dmsc/compiler/ddl"
	"github.com/edfi-dmsc/dmsc/compiler/ddl/modelddl"
	"github.com/edfi-dmsc/dmsc/compiler/effschema"
	"github.com/edfi-dmsc/dmsc/compiler/load"
	"github.com/edfi-dmsc/dmsc/compiler/plan"
	"github.com/edfi-dmsc/dmsc/internal/testschema"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// Compiled is a schema set compiled for PostgreSQL.
type Compiled struct {
	Set    *load.SchemaSet
	Info   *effschema.Info
	Script string // the PostgreSQL DDL
	Schema *spec.Schema
}

// Files compiles ApiSchema files (core first).
func Files(t testing.TB, paths ...string) Compiled {
	t.Helper()
	set, info := testschema.Files(t, paths...)
	script, model, err := modelddl.Script(set, info, ddl.Pgsql, true)
	if err != nil {
		t.Fatal(err)
	}
	schema, err := plan.Build(plan.Input{Set: set, Info: info, Model: model})
	if err != nil {
		t.Fatal(err)
	}
	return Compiled{Set: set, Info: info, Script: script, Schema: schema}
}

// Resource is the resource of schema named name; the test fails when
// there is none.
func Resource(t testing.TB, schema *spec.Schema, name string) *spec.Resource {
	t.Helper()
	for _, r := range schema.Resources {
		if r.Name == name {
			return r
		}
	}
	t.Fatalf("the schema has no resource %s", name)
	return nil
}
