package spec

// NamespaceElement is the securable element the NamespaceBased
// authorization strategy checks, resolved at compile time to where its
// value is stored.
type NamespaceElement struct {
	// JSONPath is the path as the schema writes it ("$.namespace",
	// "$.assessmentReference.namespace"); Steps are its property names.
	JSONPath string
	Steps    []string
	// Column is the column holding the value in the table ReadPlan.PageFrom
	// reads as r: the root table, or dms.Descriptor for a descriptor.
	Column string
	// Canonical and Presence are set when Column is a key-unification
	// alias: the stored column it mirrors (which the authorization index
	// is on) and the column whose NULL makes the alias NULL (the reference
	// object's DocumentId), so GET-many filters the indexed column.
	Canonical, Presence string
	// Stored is the index of Column (or of the canonical column it
	// mirrors) in the root table's TableWrite.Stored, the values a write
	// flattens and loads; -1 for a descriptor, whose value is
	// DescriptorFields.Namespace.
	Stored int
	// Read is the index of Column among the values the root table's read
	// selects after the document locators (ReadTable.Values; for a
	// descriptor, DescriptorReadColumns): a GET by id under NamespaceBased
	// checks the value in the row it reads anyway. It is resolved at
	// compile time because generated plans leave ReadTable.Values out.
	Read int
}

// NamespaceAuthorization is what the NamespaceBased strategy needs of a
// resource: like the reference, it checks the namespace of the root
// entity, the first securableElements.Namespace path stored in the root
// table (dms.Descriptor."Namespace" for a descriptor).
type NamespaceAuthorization struct {
	Element NamespaceElement
	// Unchecked are the resource's other Namespace paths (further root
	// paths, such as LearningObjective's optional parent reference, and
	// paths inside arrays), which the reference does not check either.
	Unchecked []string
	// ByUUID selects the Element's stored value of the document with
	// DocumentUuid $1, locking it (a DELETE checks it before deleting).
	ByUUID string
}

// checkNamespace checks that the Namespace element points into the plan:
// a descriptor's at dms.Descriptor (Stored -1), a resource's at a written
// root-table column, and that the root table's read selects it.
func (r *Resource) checkNamespace(c *checker, at string) {
	na := r.Namespace
	if na == nil {
		return
	}
	el := na.Element
	at += ": namespace authorization " + el.JSONPath
	c.text(at, "JSONPath", el.JSONPath, "Column", el.Column, "ByUUID", na.ByUUID)
	if r.IsDescriptor {
		if el.Stored != -1 {
			c.add(at, "a descriptor's element has Stored %d, not -1", el.Stored)
		}
	} else {
		c.index(at, "Stored", el.Stored, len(r.Write.Tables[0].Stored), false)
	}
	if _, ok := r.NamespaceReadValue(); !ok {
		c.add(at, "the root table's read does not select %s as a string", el.Column)
	}
}

// NamespaceReadValue is Namespace.Element.Read when the plan has a
// namespace element and its root table's read selects that column as a
// string: it checks the Values the plan carries, or, for a plan that
// leaves them out (a generated server's), DescriptorReadColumns for a
// descriptor and the index alone otherwise (the generated hydration checks
// the width of every row it reads).
func (r *Resource) NamespaceReadValue() (int, bool) {
	if r.Namespace == nil || r.Read == nil || len(r.Read.Tables) == 0 {
		return -1, false
	}
	el, values := r.Namespace.Element, r.Read.Tables[0].Values
	switch {
	case len(values) > 0:
		ok := el.Read >= 0 && el.Read < len(values) && values[el.Read].Column == el.Column && values[el.Read].Type == StringType
		return el.Read, ok
	case r.IsDescriptor:
		ok := el.Read >= 0 && el.Read < len(DescriptorReadColumns) && DescriptorReadColumns[el.Read] == el.Column
		return el.Read, ok
	default:
		return el.Read, el.Read >= 0
	}
}
