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
// The executor is schema-independent: it works from plain Specs, which the
// compiler derives from the relational model (compiler/plan) — at run time
// for `dmsc audit referential-identity`, and as generated data for the
// server's watchdog.
package refaudit

import "strings"

// Spec says how to recompute the dms.ReferentialIdentity rows of the
// documents of one concrete resource or descriptor.
type Spec struct {
	// Resource names the resource as reports and metrics do: project and
	// resource endpoint, "ed-fi/schools".
	Resource string
	// Table holds one row per document: the resource's root table, or
	// dms.Descriptor for a descriptor (whose rows are then selected by
	// Primary.ResourceKeyID).
	Table      Table
	Descriptor bool
	// Primary is the document's own identity.
	Primary Identity
	// Alias is the superclass form of the identity that a subclass document
	// also answers to (School as EducationOrganization); nil otherwise.
	Alias *Identity
	// Journal is the tracked-change table that records the resource's
	// identity changes; nil when there is none (descriptors, whose identity
	// never changes, and subclasses, whose changes are not journaled per
	// concrete member).
	Journal *Table
}

// Table is a schema-qualified table name.
type Table struct {
	Schema string
	Name   string
}

// sql is the quoted, qualified name.
func (t Table) sql() string { return quote(t.Schema) + "." + quote(t.Name) }

func (t Table) String() string { return t.Schema + "." + t.Name }

// Identity is one referential identity of a document: the resource whose
// name the id hashes and the elements in identityJsonPaths order.
type Identity struct {
	ProjectName   string // "Ed-Fi"
	ResourceName  string // "School", or "EducationOrganization" for the alias
	ResourceKeyID int16
	Elements      []Element
}

// Element is one identity element: its JSON path (the name in the hashed
// text), the column of Spec.Table holding the value and the value's form.
type Element struct {
	Path   string
	Column string
	Form   Form
}

// Form is how a stored identity value becomes the text a ReferentialId
// hashes (runtime/identity's canonical forms).
type Form string

// Forms.
const (
	// Text is a string column, hashed as stored.
	Text Form = "text"
	// Integer is an integer column.
	Integer Form = "integer"
	// Decimal is a numeric column, without trailing fraction zeros.
	Decimal Form = "decimal"
	// Boolean is "true" or "false".
	Boolean Form = "boolean"
	// Date is yyyy-MM-dd.
	Date Form = "date"
	// Time is HH:mm:ss with the fraction PostgreSQL's time prints.
	Time Form = "time"
	// DateTime is UTC yyyy-MM-ddTHH:mm:ssZ.
	DateTime Form = "datetime"
	// DescriptorReference is a descriptor's DocumentId; the value is that
	// descriptor's dms.Descriptor.Uri as stored, as the triggers hash it.
	DescriptorReference Form = "descriptor-reference"
	// DescriptorURI is a descriptor's own dms.Descriptor.Uri, lower-cased
	// (identity.DescriptorValue), as the write path hashes it.
	DescriptorURI Form = "descriptor-uri"
)

// identities are the identities a document of s owns, primary first.
func (s *Spec) identities() []*Identity {
	if s.Alias == nil {
		return []*Identity{&s.Primary}
	}
	return []*Identity{&s.Primary, s.Alias}
}

// Name is "Project:Resource", for messages.
func (id *Identity) Name() string { return id.ProjectName + ":" + id.ResourceName }

func quote(ident string) string { return `"` + strings.ReplaceAll(ident, `"`, `""`) + `"` }
