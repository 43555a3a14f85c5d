package gogen

import "reflect"

// The compiler computes the whole plan of a resource, and the generator
// turns most of it into code: the validation tree (WritePlan.Body, Equality,
// Uniqueness) into the decode functions, the column and reference sites
// into the flatten methods, the document shape (ReadPlan.Document) into
// hydration and encoding. Generated code and the runtime it links read
// none of that data at run time, so the plan literal leaves it out: what a
// generated file declares as its plan is what runtime/engine,
// runtime/server, runtime/changes, runtime/refaudit and spec.Check read.
// Fields not listed are emitted, so a field the plan types gain reaches
// the runtime until it is listed here (generated/roundtrip_test.go lists
// the emitted fields independently, and fails until both agree).
var emittedAway = fieldSet(map[string][]string{
	// Identity and Superclass are compiled into the flatten code, which
	// computes referential ids.
	"Resource": {"Identity", "Superclass"},
	// The scopes locate values in the document (flatten code); writes
	// merge items by TableWrite.Semantic.
	"Table": {"Scope", "ScopeSteps", "SemanticIdentity"},
	// The executor writes a column by its place in TableWrite.Stored and
	// the bulk path reads its name and kind; types, sources and
	// key-unification wiring are in the flatten code.
	"Column": {"Type", "MaxLength", "Precision", "Scale", "Nullable", "Steps", "JSONPath",
		"Alias", "Canonical", "Presence", "Members", "Reference"},
	// Validation is the decode code; reference and descriptor sites are
	// resolved by the flatten code into FlatDoc entries.
	"WritePlan": {"Body", "IdentityForms", "Equality", "Uniqueness", "References", "Descriptors"},
	// A table's three loads differ only in which documents they select:
	// the generated package completes them from Load and LoadOrder
	// (spec.Schema.CompleteStatements).
	"TableWrite": {"LoadByUUID", "LoadByReferentialID", "LoadByDocumentIDs"},
	// The document shape and the selected values are the hydrate and
	// encode code; the executor only runs each table's statements.
	"ReadPlan": {"Document"},
	// ByID and Page are completed from Select and the filters.
	"ReadTable": {"Parent", "OneToOne", "Values", "ByID", "Page"},
	// File headers name the schema file at generation time; nothing at run
	// time asks whether a project is an extension.
	"Project": {"SchemaFile", "IsExtension"},
	// The securable element paths no strategy checks are documentation.
	"NamespaceAuthorization":    {"Unchecked"},
	"RelationshipAuthorization": {"Unchecked"},
})

// fieldSet turns type → fields into a set of "Type.Field".
func fieldSet(fields map[string][]string) map[string]bool {
	set := map[string]bool{}
	for typ, names := range fields {
		for _, name := range names {
			set[typ+"."+name] = true
		}
	}
	return set
}

// omitted reports whether the literal leaves field of struct type t out.
func omitted(t reflect.Type, field string) bool {
	return t.PkgPath() == specPkg && emittedAway[t.Name()+"."+field]
}
