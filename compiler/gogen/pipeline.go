package gogen

import (
	"fmt"

	"github.com/edfi-dmsc/dmsc/compiler/effschema"
	"github.com/edfi-dmsc/dmsc/compiler/load"
	"github.com/edfi-dmsc/dmsc/compiler/plan"
	"github.com/edfi-dmsc/dmsc/compiler/relmodel"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// Plans runs the compiler stages a generated server needs: it loads the
// ApiSchema files (core first, as load.Files orders them), computes the
// effective schema, derives the PostgreSQL relational model with the strict
// pass set (the one provisioning uses, so plans and DDL agree) and builds
// the plans.
func Plans(schemaFiles ...string) (*spec.Schema, error) {
	schema, _, err := compile(schemaFiles)
	return schema, err
}

// compile is Plans, also returning the loaded schema set.
func compile(schemaFiles []string) (*spec.Schema, *load.SchemaSet, error) {
	set, info, err := effschema.LoadFiles(schemaFiles...)
	if err != nil {
		return nil, nil, err
	}
	model, err := relmodel.Derive(set, info, relmodel.PGSQL, true)
	if err != nil {
		return nil, nil, fmt.Errorf("pgsql relational model: %w", err)
	}
	schema, err := plan.Build(plan.Input{Set: set, Info: info, Model: model})
	return schema, set, err
}
