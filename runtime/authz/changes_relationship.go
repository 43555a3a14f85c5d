package authz

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/edfi-dmsc/dmsc/runtime/auth"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// ReadChanges variants of the relationship strategies: as their live
// namesakes, with the people related through the ReadChanges views, which
// add the persons of deleted and re-keyed associations.
const (
	RelationshipsWithEdOrgsAndPeopleIncludingDeletes                   = "RelationshipsWithEdOrgsAndPeopleIncludingDeletes"
	RelationshipsWithStudentsOnlyIncludingDeletes                      = "RelationshipsWithStudentsOnlyIncludingDeletes"
	RelationshipsWithStudentsOnlyThroughResponsibilityIncludingDeletes = "RelationshipsWithStudentsOnlyThroughResponsibilityIncludingDeletes"
)

// readChangesStrategies are the relationship strategies the change routes
// (/deletes, /keyChanges) support, as the reference's (change-queries.md,
// "Strategies"): the education organization ones relate through the
// hierarchy, the people ones through the ReadChanges views. Any other
// relationship strategy on ReadChanges is a security configuration error.
// All filter the tracked rows by the old values the rows recorded
// (spec.ChangePlan EdOrgColumns, PersonColumns).
var readChangesStrategies = []relationshipStrategy{
	{name: RelationshipsWithEdOrgsOnly, edOrgs: true},
	{name: RelationshipsWithEdOrgsOnlyInverted, edOrgs: true, inverted: true},
	{name: RelationshipsWithEdOrgsAndPeopleIncludingDeletes, edOrgs: true, people: allPeople},
	{name: RelationshipsWithStudentsOnlyIncludingDeletes, people: []string{spec.PersonStudent}},
	{name: RelationshipsWithStudentsOnlyThroughResponsibilityIncludingDeletes, people: []string{spec.PersonStudent}, throughResponsibility: true},
}

// readChangesStrategyIndex returns the index of the strategy named name
// in readChangesStrategies, or -1.
func readChangesStrategyIndex(name string) int {
	return slices.IndexFunc(readChangesStrategies, func(s relationshipStrategy) bool { return s.name == name })
}

// readChangesView is the ReadChanges view relating a person of kind under
// s (the responsibility one drops "Through" to stay within PostgreSQL's 63
// characters).
func (s relationshipStrategy) readChangesView(kind string) string {
	if s.throughResponsibility {
		return "EducationOrganizationIdToStudentDocumentIdDeletedResponsibility"
	}
	return "EducationOrganizationIdTo" + kind + "DocumentIdIncludingDeletes"
}

// trackedSubject is one old value a ReadChanges strategy relates to the
// claims: the securable element's path, the tracked-change column holding
// it and, for a person, the view relating it and the view's person column
// ("" for an education organization), and the compiled probe of the
// column's membership in the view (ChangePlan.PersonProbes; nil when the
// view has none). impliedBy is, for a person the tracked row itself
// relates through the view (trackedRowRelatesPerson), the column of the
// education organization it relates the person to.
type trackedSubject struct {
	element, column, view, viewColumn, impliedBy string
	probe                                        []string
}

// trackedSubjects lists the old values s relates on res, whose change plan
// has statements; a column is "" where the rows do not record the value.
func trackedSubjects(res *spec.Resource, s relationshipStrategy) []trackedSubject {
	ra, cp := res.Relationships, res.Changes
	if ra == nil {
		return nil
	}
	var out []trackedSubject
	if s.edOrgs {
		for i, el := range ra.EdOrgs {
			out = append(out, trackedSubject{element: el.JSONPath, column: cp.EdOrgColumns[i]})
		}
	}
	for i, el := range ra.People {
		if s.relates(el.Kind) {
			t := trackedSubject{element: el.JSONPath, column: cp.PersonColumns[i],
				view: s.readChangesView(el.Kind), viewColumn: el.Kind + "_DocumentId"}
			t.impliedBy = s.trackedRowRelatesPerson(cp, i, t.view)
			if p := slices.IndexFunc(cp.PersonProbes, func(p spec.TrackedPersonProbe) bool { return p.Person == i && p.View == t.view }); p >= 0 {
				t.probe = cp.PersonProbes[p].Probe
			}
			out = append(out, t)
		}
	}
	return out
}

// trackedRowRelatesPerson is the tracked-change column of the education
// organization through which a tracked row relates its person i itself
// in view (the compiler's ChangePlan.RowInViews), for a top-down
// strategy checking education organizations; "" when there is none. The
// row passing that organization's hierarchy test then passes the
// person's, which need not build the view's set of every person of the
// claims: a district's 100,000 (docs/benchmarks.md, "ReadChanges under
// relationship authorization"). Its direct claim match does not imply the
// person: an organization deleted since has left the hierarchy, and the
// view with it.
func (s relationshipStrategy) trackedRowRelatesPerson(cp *spec.ChangePlan, i int, view string) string {
	if !s.topDown() {
		return ""
	}
	for _, v := range cp.RowInViews {
		if v.Person == i && v.View == view {
			return cp.EdOrgColumns[v.EdOrg]
		}
	}
	return ""
}

// predicate is the subject's relation to the claims (claimsMark) over the
// tracked rows aliased c: the old value in the set of values related to
// the claims — an education organization equal to a claim or below
// (above, inverted) one in the current hierarchy, a person in the view's
// persons of the claims. A NULL old value relates to nothing.
//
// The IN is wrapped in coalesce (NULL, unrelated, to false) so that it
// is not a top-level conjunct: PostgreSQL then plans it as a hashed
// SubPlan, the set built once per statement and probed per tracked row as
// one more qual of the scan, before the page statements' own per-row
// condition (the /deletes NOT EXISTS probe of a live document with the old
// key), where a top-level IN is pulled up into a semi-join above the scan
// and that probe runs for every tombstone of the window before the join
// discards all but the client's (docs/benchmarks.md, "Relationship
// authorization": 60,000 buffers for 20,000 tombstones, one school's page
// 50× a FullAccess one). The plan no longer depends on the views' row
// estimates (story 34's hazard), and, unlike a bound array, membership
// stays a hash probe for a district's 100,000 persons.
//
// With probe, a person whose view has a compiled probe (t.probe) is
// tested by it instead: one fenced correlated EXISTS per arm of the view,
// seeking the arm's index on the person for each tracked row that
// reaches the test, where the hashed SubPlan builds the view's whole set
// per statement — a district's 100,000 persons and the persons of every
// tracked row of the associations (docs/benchmarks.md, "At district
// scale"). It answers the same rows: true exactly when an arm has a row
// with the person and a claim, false for a NULL person. Its cost is per
// row the page walks instead: cheaper for broad claims and long
// association histories, dearer for a narrow client over a short one (the
// same section), hence chosen per request by the breadth of the claims
// (withClaimsBreadth).
//
// A person the row relates itself (impliedBy) is tested only for rows
// whose education organization the hierarchy does not relate to the
// claims: the OR evaluates its arms in order and builds a hashed
// SubPlan's set on first use, so the view's set is built only if such a
// row passes the education organization's test (by direct claim match).
func (t trackedSubject) predicate(inverted, probe bool) string {
	s := hierarchySubject(inverted)
	if t.view != "" {
		s = viewSubject(t.view, t.viewColumn)
	}
	p := "coalesce(c." + quoteIdent(t.column) + " IN (" + s.relatedOrClaimed() + "), false)"
	if probe && t.probe != nil {
		p = strings.Join(t.probe, claimsMark)
	}
	if t.impliedBy != "" {
		p = "(coalesce(c." + quoteIdent(t.impliedBy) + " IN (" + hierarchySubject(false).related() + "), false) OR " + p + ")"
	}
	return p
}

// relates reports whether s relates the securable elements of kind
// (spec.SecurableEducationOrganization or a person kind).
func (s relationshipStrategy) relates(kind string) bool {
	if kind == spec.SecurableEducationOrganization {
		return s.edOrgs
	}
	return slices.Contains(s.people, kind)
}

// readChangesRelationshipPreflight is relationshipPreflight for
// ReadChanges: every relationship strategy must be one the change routes
// support (500 naming the others, as the reference), and, when the
// resource has change statements, have subjects whose old values its
// tracked changes record, and none they cannot (inside a collection),
// related through views the schema has (500 otherwise).
func (a *Authorizer) readChangesRelationshipPreflight(res *spec.Resource, strategies []string) *problem.Details {
	var unsupported []string
	for _, name := range strategies {
		if readChangesStrategyIndex(name) < 0 {
			unsupported = append(unsupported, name)
		}
	}
	if len(unsupported) > 0 {
		return UnknownStrategies(unsupported)
	}
	if res.Changes == nil || res.Changes.Deletes == "" {
		return nil // the routes answer 404 without reading a row
	}
	action := string(auth.ActionReadChanges)
	for _, name := range strategies {
		s := readChangesStrategies[readChangesStrategyIndex(name)]
		subjects := trackedSubjects(res, s)
		if len(subjects) == 0 {
			return RelationshipSubjectsMissing(action, res.Name, name)
		}
		for _, u := range res.Changes.UntrackedSubjects {
			if s.relates(u.Kind) {
				return TrackedSubjectMissing(res.Name, name, u.JSONPath)
			}
		}
		for _, t := range subjects {
			if t.column == "" {
				return TrackedSubjectMissing(res.Name, name, t.element)
			}
			if t.view != "" && !slices.Contains(a.authViews, t.view) {
				return RelationshipViewMissing(action, res.Name, name, t.view)
			}
		}
	}
	return nil
}

// TrackedSubjectMissing is the 500 for a ReadChanges strategy (a
// relationship one, or NamespaceBased) checking a securable element whose
// old value the resource's tracked changes do not record: the rows could
// not be filtered by it.
func TrackedSubjectMissing(resourceName, strategy, element string) *problem.Details {
	return securityConfiguration(fmt.Sprintf(
		"The '%s' authorization strategy is configured for the 'ReadChanges' action on resource '%s', whose tracked changes do not record the securable element '%s'.",
		strategy, resourceName, element))
}

// ChangesRelationshipRule is the relationship filter of one change-route
// request: the tracked rows whose old values the decision's strategies
// relate to the client's education organization ids.
type ChangesRelationshipRule struct {
	// filter is the predicate over c split at claimsMark: the strategies
	// ORed, each the AND of its subjects' relations.
	filter []string
	claims []int64
}

// ChangesRelationshipRuleFrom returns the relationship filter of a change
// route on res: nil when the decision in ctx names no relationship
// strategy (the authorizer has checked the ones it names) or res has no
// change statements. Its persons are tested by their compiled probes
// unless the decision says the claims are narrow (auth.Decision
// NarrowClaims; withClaimsBreadth).
func ChangesRelationshipRuleFrom(ctx context.Context, res *spec.Resource) *ChangesRelationshipRule {
	d, ok := auth.DecisionFrom(ctx)
	if !ok {
		return nil
	}
	f := changesFilterOf(res, d.Strategies)
	if f == nil {
		return nil
	}
	r := &ChangesRelationshipRule{filter: f.probes}
	if f.probes == nil || d.NarrowClaims {
		r.filter = f.viewSets
	}
	if p, ok := auth.PrincipalFrom(ctx); ok {
		r.claims = p.EducationOrganizationIDs
	}
	return r
}

// changesFilter is the relationship filter of a resource's change routes
// under a set of readChangesStrategies, in its two shapes, each split at
// claimsMark: the strategies ORed, each the AND of its subjects'
// relations (trackedSubject.predicate).
type changesFilter struct {
	// viewSets tests every person by an IN over its view's set of the
	// persons related to the claims.
	viewSets []string
	// probes tests the persons whose views have compiled probes by them;
	// nil when none has, and viewSets is the only shape.
	probes []string
}

// changesFilters caches the change routes' relationship filters by
// resource and set of readChangesStrategies (relationshipPlanKey).
var changesFilters sync.Map // relationshipPlanKey → *changesFilter

// changesFilterOf returns the filter of res under the ReadChanges
// strategies among strategies, built on first use: nil when there are
// none or res has no change statements (routes that answer 404).
func changesFilterOf(res *spec.Resource, strategies []string) *changesFilter {
	if res.Changes == nil || res.Changes.Deletes == "" {
		return nil
	}
	var set uint32
	for _, name := range strategies {
		if i := readChangesStrategyIndex(name); i >= 0 {
			set |= 1 << i
		}
	}
	if set == 0 {
		return nil
	}
	key := relationshipPlanKey{res: res, set: set}
	if f, ok := changesFilters.Load(key); ok {
		return f.(*changesFilter)
	}
	f := &changesFilter{viewSets: buildChangesFilter(res, set, false), probes: buildChangesFilter(res, set, true)}
	if slices.Equal(f.probes, f.viewSets) {
		f.probes = nil
	}
	cached, _ := changesFilters.LoadOrStore(key, f)
	return cached.(*changesFilter)
}

// buildChangesFilter builds the filter of res under the strategies of
// set, testing persons by their probes when probe is set.
func buildChangesFilter(res *spec.Resource, set uint32, probe bool) []string {
	var ors []string
	for i, s := range readChangesStrategies {
		if set&(1<<i) == 0 {
			continue
		}
		var ands []string
		for _, t := range trackedSubjects(res, s) {
			ands = append(ands, t.predicate(s.inverted, probe))
		}
		ors = append(ors, "("+strings.Join(ands, " AND ")+")")
	}
	return strings.Split("("+strings.Join(ors, " OR ")+")", claimsMark)
}

// Filter is the rule's predicate over the tracked rows aliased c, its
// claims parameter numbered $first. Without claims it relates nothing.
func (r *ChangesRelationshipRule) Filter(first int) (string, []any) {
	claims := r.claims
	if claims == nil {
		claims = []int64{}
	}
	return strings.Join(r.filter, "$"+strconv.Itoa(first)), []any{claims}
}
