// Package runtime is the small generic library that generated, per-schema
// Go code links with to become an Ed-Fi API server.
//
// The schema-specific work (validation, flattening, SQL, hydration) lives in
// generated code; the subpackages hold what every schema needs:
//
//   - problem:    Ed-Fi problem-details bodies with the reference's types and titles
//   - etag:       _etag composition, ETag header quoting, If-Match / If-None-Match evaluation
//   - db:         pgx pool, transactions with deadlock/serialization retry, error classification
//   - schemagate: the start-up compatibility gate between the binary and dms.EffectiveSchema
//   - server:     the echo HTTP server, routing, paging, correlation ids, request logging
//   - jsonw:      an append-only JSON writer for streaming hydration
package runtime

// The version window of generated code, after protobuf-go's
// protoimpl.EnforceVersion. dmsc generate writes code of version
// GenVersion; this runtime runs generated code of versions MinVersion to
// MaxVersion. Every generated package asserts, at compile time, that its
// version lies in the window:
//
//	const (
//		_ = runtime.EnforceVersion(2 - runtime.MinVersion)
//		_ = runtime.EnforceVersion(runtime.MaxVersion - 2)
//	)
//
// EnforceVersion is unsigned, so a generated package older than MinVersion
// or newer than MaxVersion stops compiling (the constant conversion
// overflows) instead of misbehaving at run time. A runtime change that old
// generated code cannot run with raises MinVersion to GenVersion; a change
// of what dmsc generate writes raises GenVersion (and MaxVersion with it).
const (
	// GenVersion is the version of the code dmsc generate writes.
	GenVersion = 2
	// MinVersion is the oldest generated code this runtime runs. Version 1
	// was generated code that registered plan literals only
	// (runtime.APIVersion1).
	MinVersion = 2
	// MaxVersion is the newest generated code this runtime runs.
	MaxVersion = GenVersion
)

// EnforceVersion is the type of the generated code's version assertions:
// converting a negative constant to it is a compile error.
type EnforceVersion uint
