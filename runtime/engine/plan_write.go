package engine

// WritePlan is the write-path part of a resource plan (validation,
// reference resolution, flattening, persistence).
type WritePlan struct{}
