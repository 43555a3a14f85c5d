package db

import "github.com/edfi-dmsc/dmsc/runtime/problem"

// NaturalKeyConflict maps a unique violation of a write to the reference's
// 409 identity conflict, naming the resource and its identity values
// (which the generated caller knows). ok is false for any other error.
func NaturalKeyConflict(err error, op problem.Operation, resourceName string, keys []problem.KeyValue) (*problem.Details, bool) {
	if _, ok := UniqueViolation(err); !ok {
		return nil, false
	}
	return problem.IdentityConflict(op, resourceName, keys), true
}

// DeleteConflict maps the foreign-key violation of a delete (the document
// is still referenced) to the 409 dependent-item problem. resourceOf names
// the referencing resource from the violation (generated code knows which
// table or constraint belongs to which resource); an empty name gives the
// reference's generic text. ok is false for any other error.
func DeleteConflict(err error, resourceOf func(Violation) string) (*problem.Details, bool) {
	v, ok := ForeignKeyViolation(err)
	if !ok {
		return nil, false
	}
	if name := resourceOf(v); name != "" {
		return problem.DependentItemExists(name), true
	}
	return problem.DependentItemExists(), true
}

// ReferenceConflict maps the foreign-key violation of an insert or update
// (a referenced document vanished after it was resolved) to the 409
// unresolved-reference problem. attribute returns the JSON path of the
// failing reference and its target resource name; when it cannot, the
// violation is reported on "$" with the constraint's target unnamed.
// ok is false for any other error.
func ReferenceConflict(err error, attribute func(Violation) (path, targetResource string, found bool)) (*problem.Details, bool) {
	v, ok := ForeignKeyViolation(err)
	if !ok {
		return nil, false
	}
	var ve problem.ValidationErrors
	if path, target, found := attribute(v); found {
		ve.Add(path, problem.MissingReferenceMessage(target))
	} else {
		ve.Add("$", "A referenced item does not exist.")
	}
	return problem.UnresolvedReference(ve), true
}
