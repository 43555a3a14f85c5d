// Package refaudit audits and repairs dms.ReferentialIdentity, the table
// every reference resolves through (design: strengths-risks.md; epic E12,
// stories 00 and 01). For each document it recomputes, from the identity
// values stored in the resource's tables, the rows the database triggers
// (and, for descriptors, the write path) should have written — the
// document's own ReferentialId and, for a subclass, its superclass alias —
// and compares them with the stored rows.
//
// The recomputation is independent of the triggers: values are read as
// text and brought into the canonical forms of runtime/identity in Go, and
// the UUIDv5 is computed in Go, so a damaged row, a missing or disabled
// trigger, or a trigger that hashes the wrong text all show up as drift.
//
// The executor is schema-independent: it works from plain
// spec.ReferentialIdentity values, which the compiler derives from the
// relational model (compiler/plan) — at run time for `dmsc audit
// referential-identity`, and as generated data for the server's watchdog.
package refaudit

import (
	"strings"

	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// qualified is the quoted, qualified name of t.
func qualified(t spec.TableName) string { return quote(t.Schema) + "." + quote(t.Name) }

func quote(ident string) string { return `"` + strings.ReplaceAll(ident, `"`, `""`) + `"` }
