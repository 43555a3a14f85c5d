// Package engine executes the per-resource data plans (runtime/spec) a
// generated server carries: it validates and flattens documents into rows,
// persists them, hydrates rows back into documents, and answers queries and
// deletes.
package engine
