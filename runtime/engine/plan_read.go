package engine

// ReadPlan is the read-path part of a resource plan (hydration, queries,
// deletes).
type ReadPlan struct{}
