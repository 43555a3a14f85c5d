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

// APIVersion1 is the runtime facade version the generated code is written
// against. Generated code references it (`var _ = runtime.APIVersion1`), so a
// runtime that changes its facade incompatibly renames the constant and old
// generated code stops compiling instead of misbehaving.
const APIVersion1 = 1
