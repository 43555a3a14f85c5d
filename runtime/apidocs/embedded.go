package apidocs

// Layout of the API description a generated package embeds (written by
// `dmsc generate`, read by runtime/server.LoadAPI).
const (
	// Dir holds the documents of documents.go, each gzipped and named
	// with CompressedSuffix: DS 3.2a's OpenAPI documents are megabytes of
	// JSON that compress twentyfold, and the server binary carries them.
	Dir              = "api"
	CompressedSuffix = ".gz"
	// XSDDir holds one directory per project, named after the lower-cased
	// project name, with the XSD files given to `dmsc generate --xsd-dir`.
	XSDDir = "xsd"
)
