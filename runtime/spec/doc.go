// Package spec holds the plain data a generated server carries about its
// schema: the compiled Schema (fingerprint, resource keys, projects), each
// Resource's tables and columns, its write and read plans with their SQL,
// and the referential-identity specs the integrity watchdog recomputes.
//
// The values are computed by the compiler (compiler/plan) from the derived
// relational model and emitted as Go literals by the code generator, so a
// server never derives a model or compiles SQL at start-up: where the
// reference implementation compiles a MappingSet when it starts, a dmsc
// server links one in. Plans hold no JSON-path strings that are parsed at
// run time: paths are pre-split into property-name steps.
//
// Plans compiled into a generated server carry only what the runtime reads
// (compiler/gogen's emittedAway lists what is left out): the body schema,
// the document shape, column sources and the reference and descriptor sites
// are zero there, because generated code carries that work. Take them from
// compiler/plan (or gogen.Plans).
//
// The package is data only: it imports no HTTP, database or server package,
// so the compiler builds its values without linking the runtime
// (protobuf-go keeps its descriptors apart from the code that executes
// them in the same way). runtime/engine runs the generic parts of
// a request around the generated code.
package spec
