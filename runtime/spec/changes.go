package spec

import "strings"

// ChangePlan is a resource's Change Queries plan: the statements of its
// /deletes and /keyChanges routes over its tracked-change table
// (tracked_changes_{schema}.{Table}, or tracked_changes_edfi.Descriptor for
// descriptors, rows written by the DDL's stamping triggers), the members of
// the natural key they answer with, and the predicate that limits a live
// GET-many to a change-version window.
//
// Every statement takes the window as $1 (minChangeVersion, 0 when the
// request omits it) and $2 (maxChangeVersion, the largest bigint when
// omitted), both inclusive; the page statements then take $3 (limit) and
// $4 (offset). A page statement selects the document's uuid (Id), the
// change version of the row, then one column per member of Keys, as
// text — a descriptor member is its URI "{namespace}#{codeValue}";
// KeyChanges selects the old values of every member, then the new ones.
type ChangePlan struct {
	// Keys are the members of keyValues, oldKeyValues and newKeyValues in
	// output order: the resource's identity in API JSON names (a reference
	// contributes its key members, a descriptor its URI).
	Keys []ChangeKey
	// Deletes selects a page of the tombstones in the window, ordered by
	// change version, leaving out documents re-created since with the same
	// natural key; DeletesCount counts them. Both are empty when the
	// resource has no tracked-change table or a key member has no query
	// field: both routes then answer 404.
	Deletes      string
	DeletesCount string
	// KeyChanges selects a page of the documents whose natural key changed
	// in the window, one item per document with the first old and the last
	// new key, ordered by the change version of the last change;
	// KeyChangesCount counts them. Both are empty for resources whose key
	// never changes (descriptors, subclasses of an abstract resource): the
	// route answers an empty page.
	KeyChanges      string
	KeyChangesCount string
	// LiveWindow is the condition a GET-many adds over the page's FROM
	// (ReadPlan.PageFrom, aliased r) for minChangeVersion and
	// maxChangeVersion, its two placeholders omitted: the parts are joined
	// with the window's "$n" placeholders, minimum first.
	LiveWindow []string
	// NamespaceColumn is the tracked-change column holding the old value
	// of the resource's Namespace element (NamespaceAuthorization): the
	// namespace a tombstone or key-change row was written with, which the
	// NamespaceBased strategy filters the rows by ("" when the resource
	// has no Namespace element or no change statements). As on the live
	// routes, that is the root entity's namespace alone: Namespace paths
	// inside collections (NamespaceAuthorization.Unchecked) are not
	// checked, so they are not UntrackedSubjects either (auth.md; the
	// reference's tracked namespace resolution takes the first path the
	// tracked table records).
	NamespaceColumn string
	// EdOrgColumns are the tracked-change columns holding the old values
	// of the resource's EducationOrganization securable elements
	// (Relationships.EdOrgs, same order), and PersonColumns those holding
	// the old DocumentIds of its persons (Relationships.People, same
	// order; the stamping triggers follow a person's hops, so the column
	// holds the person's own DocumentId): what the relationship strategies
	// filter the rows by on ReadChanges, always by the old values, as the
	// reference. An element whose value the table does not record has "".
	// Both are nil without change statements or relationship elements.
	EdOrgColumns, PersonColumns []string
	// UntrackedSubjects are the resource's EducationOrganization and
	// person securable elements that are not Relationships elements (inside
	// a collection), whose values the tracked changes, one row per
	// document, cannot record. A ReadChanges strategy relating one of them
	// is a security configuration error, as one whose element has no
	// column: filtering by the strategy's other elements alone would drop
	// a conjunct of its AND (story 34; a valid element whose values
	// resolve to no ids at run time matches nothing instead). Nil without
	// change statements.
	UntrackedSubjects []UntrackedSubject
	// RowInViews are the ReadChanges views (…IncludingDeletes) one of
	// whose arms is a row of the tracked-change table itself: the arm joins
	// the hierarchy on an education organization's old value and outputs a
	// person's old DocumentId, whatever the change (a deleted or re-keyed
	// StudentSchoolAssociation relates its old student to its old school).
	// A tracked row whose old education organization the hierarchy relates
	// to a claim therefore relates that person through the view; one
	// related only by direct claim match (an organization deleted since,
	// which left the hierarchy) may not.
	RowInViews []TrackedRowInView
	// PersonProbes are, for each tracked person column and ReadChanges
	// view relating persons of its kind, the view's membership test of the
	// column's old DocumentId, which the people strategies filter the rows
	// by in place of an IN over the view: a fenced correlated EXISTS per
	// arm of the view, seeking the index on the arm's person column and
	// testing the arm's education organization against the hierarchy's
	// organizations of the claims (a set built once per statement), where
	// the IN builds the view's set of every person of the claims (a
	// district's 100,000 and its tombstones' on every request,
	// docs/benchmarks.md). The compiler builds each from the arms the
	// view's DDL is built from; a view whose arms it cannot probe has
	// none, and the runtime tests membership in the view.
	PersonProbes []TrackedPersonProbe
}

// TrackedPersonProbe is the membership test of a tracked person column in
// a ReadChanges view (ChangePlan.PersonProbes).
type TrackedPersonProbe struct {
	// View is the view's unqualified name.
	View string
	// Person is the index in ChangePlan.PersonColumns of the column tested.
	Person int
	// Probe is the condition over the tracked rows aliased c, true when
	// the view relates the column's old DocumentId to a claim and false
	// otherwise (a NULL DocumentId included): its parts are joined with
	// the claims parameter ("$n", a bigint[]).
	Probe []string
}

// TrackedRowInView is a ReadChanges view one of whose arms is a row of a
// resource's tracked-change table (ChangePlan.RowInViews).
type TrackedRowInView struct {
	// View is the view's unqualified name.
	View string
	// EdOrg is the index in ChangePlan.EdOrgColumns of the old value the
	// arm joins the hierarchy on, Person the index in PersonColumns of
	// the old DocumentId it outputs.
	EdOrg, Person int
}

// ChangeWindowCondition is the condition of every change statement that
// limits the tracked rows, aliased c, to the window: it occurs exactly
// once in each, and a row filter (NamespaceBased authorization) is added
// right after it, so it applies before paging and the count.
const ChangeWindowCondition = `c."ChangeVersion" BETWEEN $1 AND $2`

// ChangeKey is one member of a change item's key values.
type ChangeKey struct {
	// Name is the member's name: the resource's query field of the
	// identity element ("schoolId", "programTypeDescriptor").
	Name string
	// Type says how the text value is written: numbers and booleans bare,
	// anything else as a JSON string.
	Type ScalarType
}

// UntrackedSubject is a securable element whose values a resource's
// tracked changes cannot record (ChangePlan.UntrackedSubjects).
type UntrackedSubject struct {
	// Kind is SecurableEducationOrganization or a person kind
	// (PersonStudent, PersonStaff, PersonContact).
	Kind string
	// JSONPath is the path as the schema writes it
	// ("$.schools[*].schoolReference.schoolId").
	JSONPath string
}

// checkChanges checks that a change plan's tracked relationship columns
// are one per element, and that a plan with a namespace column can take a
// row filter: every statement has the window condition once.
func (r *Resource) checkChanges(c *checker, at string) {
	cp := r.Changes
	if cp == nil {
		return
	}
	at += ": changes"
	if cp.EdOrgColumns != nil || cp.PersonColumns != nil {
		if ra := r.Relationships; ra == nil || len(cp.EdOrgColumns) != len(ra.EdOrgs) || len(cp.PersonColumns) != len(ra.People) {
			c.add(at, "EdOrgColumns and PersonColumns do not match the Relationships elements one for one")
		}
	}
	cp.checkRowInViews(c, at)
	cp.checkPersonProbes(c, at)
	if cp.NamespaceColumn == "" {
		return
	}
	if r.Namespace == nil {
		c.add(at, "NamespaceColumn %q without a Namespace element", cp.NamespaceColumn)
	}
	for _, s := range []struct{ name, stmt string }{
		{"Deletes", cp.Deletes}, {"DeletesCount", cp.DeletesCount}, {"KeyChanges", cp.KeyChanges}, {"KeyChangesCount", cp.KeyChangesCount},
	} {
		if n := strings.Count(s.stmt, ChangeWindowCondition); s.stmt != "" && n != 1 {
			c.add(at, "%s has the window condition %s %d times, not once", s.name, ChangeWindowCondition, n)
		}
	}
}

// checkPersonProbes checks that each of PersonProbes names a view and a
// person the tracked rows record, at most once, and tests that person's
// column against the claims parameter.
func (cp *ChangePlan) checkPersonProbes(c *checker, at string) {
	type probed struct {
		view   string
		person int
	}
	seen := map[probed]bool{}
	for _, p := range cp.PersonProbes {
		pat := at + ": PersonProbes: view " + p.View
		c.text(pat, "View", p.View)
		if key := (probed{p.View, p.Person}); seen[key] {
			c.add(pat, "Person %d is probed twice", p.Person)
		} else {
			seen[key] = true
		}
		column := trackedColumn(c, pat, "Person", p.Person, cp.PersonColumns, "a person")
		if column == "" {
			continue
		}
		test := `= c."` + column + `"`
		if joined := strings.Join(p.Probe, "$n"); len(p.Probe) < 2 || !strings.Contains(joined, test) {
			c.add(pat, "Probe does not test %s against the claims: %q", test, joined)
		}
	}
}

// checkRowInViews checks that each of RowInViews names a view, and an
// education organization and a person the tracked rows record.
func (cp *ChangePlan) checkRowInViews(c *checker, at string) {
	for _, v := range cp.RowInViews {
		vat := at + ": RowInViews: view " + v.View
		c.text(vat, "View", v.View)
		trackedColumn(c, vat, "EdOrg", v.EdOrg, cp.EdOrgColumns, "an education organization")
		trackedColumn(c, vat, "Person", v.Person, cp.PersonColumns, "a person")
	}
}

// trackedColumn returns columns[i], the tracked-change column field i
// names, after checking that i indexes columns and that the tracked rows
// record that element (""; a problem naming what, "a person", otherwise).
func trackedColumn(c *checker, at, field string, i int, columns []string, what string) string {
	if !c.index(at, field, i, len(columns), false) {
		return ""
	}
	if columns[i] == "" {
		c.add(at, "%s %d is %s the tracked rows do not record", field, i, what)
	}
	return columns[i]
}
