package engine

import (
	"context"

	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/edfi-dmsc/dmsc/runtime/server"
	"github.com/google/uuid"
)

// Codec is the generated code of one resource that the engine runs: the
// schema-specific work of its requests, written against the resource's Go
// document type. The engine keeps what is generic (HTTP, problem details,
// ETags, paging, the pgx pipeline, reference and descriptor resolution,
// merge, DML, retries). Generated code registers one Codec per resource,
// descriptors included.
type Codec struct {
	// Write turns the body of a POST or PUT into what the write path
	// stores: it decodes the body into the document type, applies the
	// write guardrails, validates and coerces it with the API's rules and
	// messages, and flattens it. It answers problem details for a body the
	// API refuses.
	Write WriteFunc
	// Read hydrates the rows of a GET (by id or a page) into the document
	// type and encodes the documents as JSON.
	Read ReadCodec
}

// WriteFunc is Codec.Write.
type WriteFunc func(ctx context.Context, in WriteInput, body []byte) (WriteDoc, error)

// WriteInput is what a Codec.Write needs besides the body.
type WriteInput struct {
	// ID is the document a PUT replaces (an "id" member of the body must
	// name it, and is dropped); uuid.Nil for a POST, whose body must not
	// carry "id".
	ID uuid.UUID
	// Limits are the deployment's write guardrails (collection sizes).
	Limits server.WriteLimits
	// Uniqueness, when set, receives the errors of the array-uniqueness
	// stage, which then do not fail the decode: CheckWrite sets it, to
	// answer the reference-array uniqueness stage before them, as the API
	// does.
	Uniqueness *problem.ValidationErrors
}

// WriteDoc is a checked write body: the flattened rows of a relational
// resource's document.
type WriteDoc struct {
	Flat *FlatDoc
}
