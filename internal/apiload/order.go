package apiload

import (
	"context"

	"github.com/edfi-dmsc/dmsc/internal/oracle"
	"github.com/edfi-dmsc/dmsc/runtime/bulkload"
	"github.com/edfi-dmsc/dmsc/runtime/engine"
	"github.com/edfi-dmsc/dmsc/runtime/server"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// Plan orders lines in waves (bulkload.Waves) by the identities and
// references the schema's plans compute for them, the schema compiled from
// ApiSchema files at run time and interpreted (UseInterpreter). Lines the
// schema does not know, or that fail validation, depend on nothing.
func Plan(ctx context.Context, schema *spec.Schema, lines []Line, workers int) [][]int {
	w := &engine.Writer{Limits: server.WriteLimits{}.WithDefaults()}
	UseInterpreter(w, schema)
	return bulkload.Plan(ctx, w, schema, lines, workers)
}

// UseInterpreter makes w check and flatten the documents of every
// resource of schema with internal/oracle's interpreter of its plan: the
// codecs of plans compiled at run time from ApiSchema files, which have no
// generated code. A generated server never runs it.
func UseInterpreter(w *engine.Writer, schema *spec.Schema) {
	for _, r := range schema.Resources {
		w.UseCodec(r, oracle.Codec(r).Write)
	}
}
