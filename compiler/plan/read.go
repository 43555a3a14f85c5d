package plan

import (
	"github.com/edfi-dmsc/dmsc/compiler/relmodel"
	"github.com/edfi-dmsc/dmsc/runtime/engine"
)

// buildRead computes a resource's read-path plan.
func buildRead(in Input, rs resourceSchema, mr *relmodel.Resource, r *engine.Resource) (*engine.ReadPlan, error) {
	return &engine.ReadPlan{}, nil
}
