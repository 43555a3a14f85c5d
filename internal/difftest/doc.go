// Package difftest holds generated code to what the interpreter it
// replaced did (internal/oracle), on every resource of a schema set.
//
// The corpus (Build) is read from the ApiSchema files, not from either
// implementation's plans: fake documents of every resource (three
// compiler/fake runs: every optional member, most, required ones only),
// then per resource the mutations of one of them (wrong types, lengths,
// formats, ranges, coercions, overposted and missing members, duplicate
// items, descriptor URIs, references that do not resolve, reordered
// members and items, several errors at once), raw bodies that are not
// valid JSON, PUTs with and without a matching id, write guardrails, and
// GET many (pages, query fields).
//
// Three checks run it:
//   - CompareCodecs, in process and without a database: the generated
//     write code (engine.Codec.Write) against the oracle's decoding,
//     validation and flattening: verdicts, referential ids, rows,
//     references and descriptors to resolve.
//   - Differential: the generated server over HTTP on one database, the
//     oracle's writer on another, every case in order; answers, stored
//     rows, referential ids, GET by id and GET many compared.
//   - BenchmarkCodec: per document, decode + validate + flatten and
//     hydrate + encode, generated beside oracle.
//
// The bundled schema's checked-in server is tested in process
// (bundled_test.go); the DS 3.2a core's is generated into a go test
// overlay (ds32a_test.go, `make test-difftest`, `make bench-codec`).
package difftest
