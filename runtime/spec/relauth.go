package spec

import "fmt"

// RelationshipAuthorization is what the relationship-based authorization
// strategies (RelationshipsWithEdOrgsOnly, …AndPeople, …StudentsOnly, their
// Inverted, ThroughResponsibility and IncludingDeletes variants) need of a
// resource: its securableElements resolved at compile time (epic 14, story
// 04) to the columns that hold their values, so nothing is discovered at
// run time. Like the reference, only elements stored on the root table
// take part; paths inside arrays are recorded as Unchecked.
type RelationshipAuthorization struct {
	// EdOrgs are the EducationOrganization elements in schema order.
	EdOrgs []EdOrgElement
	// People are the Student, Staff and Contact elements in schema order.
	People []PersonElement
	// Unchecked are securable element paths no strategy checks (inside an
	// array, or on a table other than the root): documentation only.
	Unchecked []string
}

// EdOrgElement is an EducationOrganization securable element: an
// education organization id stored on the root table.
type EdOrgElement struct {
	// JSONPath is the path as the schema writes it ("$.schoolReference.schoolId").
	JSONPath string
	// MetaEdName names the element in problem details ("SchoolId").
	MetaEdName string
	// Column is the root-table column (of the table ReadPlan.PageFrom
	// reads as r) holding the value: the canonical stored column when the
	// path's column is a key-unification alias, so filters use the index.
	Column string
	// Stored is the index of Column in the root table's TableWrite.Stored:
	// where a write's proposed value is.
	Stored int
}

// SecurableEducationOrganization is the securableElements key of
// EducationOrganization elements.
const SecurableEducationOrganization = "EducationOrganization"

// Person kinds of a PersonElement (securableElements keys).
const (
	PersonStudent = "Student"
	PersonStaff   = "Staff"
	PersonContact = "Contact"
)

// PersonElement is a Student, Staff or Contact securable element, resolved
// to the person's DocumentId: the people authorization views
// (auth.EducationOrganizationIdTo{Kind}DocumentId…) map education
// organizations to person DocumentIds.
type PersonElement struct {
	// Kind is PersonStudent, PersonStaff or PersonContact.
	Kind string
	// JSONPath is the path as the schema writes it ("$.studentReference.studentUniqueId").
	JSONPath string
	// Column is the root-table column where the path to the person starts:
	// the DocumentId of the referenced document ("Student_DocumentId",
	// "StudentAcademicRecord_DocumentId"), or "DocumentId" when the
	// resource is the person itself (Student's $.studentUniqueId).
	Column string
	// Stored is the index of Column in the root table's TableWrite.Stored
	// (the resolved reference's DocumentId a write carries); -1 when Column
	// is the document's own DocumentId.
	Stored int
	// Hops lead from Column to the person when the reference reaches it
	// through other documents (CourseTranscript → StudentAcademicRecord →
	// Student): each hop is a table whose DocumentId is the previous value
	// and the column of it holding the next one. Empty when Column is the
	// person's DocumentId.
	Hops []PersonHop
	// RowInViews names the people views one of whose arms is a row of
	// this resource's root table relating the person through one of its
	// EducationOrganization elements: under a top-down strategy checking
	// those elements, a GET-many need not probe such a view for the
	// person, the row itself being the view's row (the hierarchy relates
	// every organization to itself).
	RowInViews []string
}

// PersonHop is one step of a multi-hop person path (epic 14, story 15).
type PersonHop struct {
	// Table is the qualified, quoted root table of the document the
	// previous value identifies (`"edfi"."StudentAcademicRecord"`).
	Table string
	// Column is its column holding the next value ("Student_DocumentId").
	Column string
}

// checkEducationOrganization checks that the columns token_info reads of
// a concrete EducationOrganization are on its root table.
func (r *Resource) checkEducationOrganization(c *checker, at string) {
	eo := r.EducationOrganization
	if eo == nil {
		return
	}
	if r.IsDescriptor {
		c.add(at, "a descriptor is an education organization")
		return
	}
	eat := at + ": education organization"
	c.text(eat, "ID", eo.ID, "Name", eo.Name)
	root := r.Tables[0]
	for _, column := range []string{eo.ID, eo.Name} {
		if root.column(column) < 0 {
			c.add(eat, "column %s is not on the root table %s", column, root.Name)
		}
	}
}

// checkRelationships checks that the relationship elements point into the
// plan: every Column is a root-table column, every Stored the index of that
// column in the root table's write (-1 only for a person's own DocumentId),
// every person Kind one of the person kinds and every hop named.
func (r *Resource) checkRelationships(c *checker, at string) {
	ra := r.Relationships
	if ra == nil {
		return
	}
	if r.IsDescriptor {
		c.add(at, "a descriptor has relationship authorization")
		return
	}
	root, stored := r.Tables[0], r.Write.Tables[0].Stored
	storedAt := func(at, column string, si int) {
		if root.column(column) < 0 {
			c.add(at, "column %s is not on the root table %s", column, root.Name)
		} else if c.index(at, "Stored", si, len(stored), false) && root.Columns[stored[si]].Name != column {
			c.add(at, "Stored %d is column %s, not %s", si, root.Columns[stored[si]].Name, column)
		}
	}
	for _, el := range ra.EdOrgs {
		eat := at + ": education organization element " + el.JSONPath
		c.text(eat, "JSONPath", el.JSONPath, "MetaEdName", el.MetaEdName, "Column", el.Column)
		storedAt(eat, el.Column, el.Stored)
	}
	for _, el := range ra.People {
		pat := at + ": person element " + el.JSONPath
		c.text(pat, "JSONPath", el.JSONPath, "Column", el.Column)
		switch el.Kind {
		case PersonStudent, PersonStaff, PersonContact:
		default:
			c.add(pat, "Kind %q is not a person kind", el.Kind)
		}
		if el.Column == "DocumentId" {
			// The document is the person itself: nothing to store or follow.
			if el.Stored != -1 || len(el.Hops) > 0 {
				c.add(pat, "the document's own DocumentId has Stored %d and %d hops, not -1 and none", el.Stored, len(el.Hops))
			}
		} else {
			storedAt(pat, el.Column, el.Stored)
		}
		for i, h := range el.Hops {
			c.text(fmt.Sprintf("%s: hop %d", pat, i), "Table", h.Table, "Column", h.Column)
		}
	}
}
