// Package generated holds the committed output of `dmsc generate` for the
// bundled default schema (schemas/default: Ed-Fi core + Sample extension):
// the package in default/ and its server command in
// default/cmd/dmsc-default-server. Regenerate with `make generate` (or
// `go generate ./generated`); cmd/dmsc's TestGeneratedUpToDate replays the
// directive below and fails when the committed files differ from what the
// compiler produces now. The tests here run the committed server.
package generated

//go:generate go run ../cmd/dmsc generate --schema ../schemas/default/core.ApiSchema.json --schema ../schemas/default/sample.ApiSchema.json --out default --package defaultschema --command dmsc-default-server
