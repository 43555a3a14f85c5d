package plan

import (
	"github.com/edfi-dmsc/dmsc/compiler/relmodel"
	"github.com/edfi-dmsc/dmsc/runtime/engine"
)

// buildWrite computes a resource's write-path plan.
func buildWrite(in Input, rs resourceSchema, mr *relmodel.Resource, r *engine.Resource) (*engine.WritePlan, error) {
	return &engine.WritePlan{}, nil
}
