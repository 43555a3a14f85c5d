package authz

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/edfi-dmsc/dmsc/runtime/auth"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// Relationship-based authorization strategies (design-docs/auth.md,
// "Relationship-based authorization strategies"): a document is
// accessible when every subject the strategy takes part in (its
// EducationOrganization ids, its Student, Staff and Contact) is related to
// one of the client's education organization ids. The strategies of one
// action are ORed; the group is ANDed with the other strategies.
const (
	RelationshipsWithEdOrgsOnly                        = "RelationshipsWithEdOrgsOnly"
	RelationshipsWithEdOrgsOnlyInverted                = "RelationshipsWithEdOrgsOnlyInverted"
	RelationshipsWithEdOrgsAndPeople                   = "RelationshipsWithEdOrgsAndPeople"
	RelationshipsWithEdOrgsAndPeopleInverted           = "RelationshipsWithEdOrgsAndPeopleInverted"
	RelationshipsWithPeopleOnly                        = "RelationshipsWithPeopleOnly"
	RelationshipsWithStudentsOnly                      = "RelationshipsWithStudentsOnly"
	RelationshipsWithStudentsOnlyThroughResponsibility = "RelationshipsWithStudentsOnlyThroughResponsibility"
)

// relationshipStrategy is which subjects a relationship strategy takes
// part in, and through which relations.
type relationshipStrategy struct {
	name string
	// edOrgs says EducationOrganization elements take part; inverted that
	// they are related bottom-up (a child's claim reaches its parents).
	edOrgs, inverted bool
	// people are the person kinds that take part.
	people []string
	// throughResponsibility relates students through
	// StudentEducationOrganizationResponsibilityAssociation.
	throughResponsibility bool
}

var allPeople = []string{spec.PersonStudent, spec.PersonStaff, spec.PersonContact}

// relationshipStrategies are the implemented relationship strategies; a
// strategy's index is its bit in a relationship plan's key.
var relationshipStrategies = []relationshipStrategy{
	{name: RelationshipsWithEdOrgsOnly, edOrgs: true},
	{name: RelationshipsWithEdOrgsOnlyInverted, edOrgs: true, inverted: true},
	{name: RelationshipsWithEdOrgsAndPeople, edOrgs: true, people: allPeople},
	{name: RelationshipsWithEdOrgsAndPeopleInverted, edOrgs: true, inverted: true, people: allPeople},
	{name: RelationshipsWithPeopleOnly, people: allPeople},
	{name: RelationshipsWithStudentsOnly, people: []string{spec.PersonStudent}},
	{name: RelationshipsWithStudentsOnlyThroughResponsibility, people: []string{spec.PersonStudent}, throughResponsibility: true},
}

// relationshipStrategyIndex returns the index of the strategy named name
// in relationshipStrategies, or -1.
func relationshipStrategyIndex(name string) int {
	return slices.IndexFunc(relationshipStrategies, func(s relationshipStrategy) bool { return s.name == name })
}

// The education organization hierarchy table (compiler/relmodel,
// AuthEdOrgTable) and its columns.
const (
	edOrgHierarchyTable = `"auth"."EducationOrganizationIdToEducationOrganizationId"`
	edOrgSourceColumn   = `"SourceEducationOrganizationId"`
	edOrgTargetColumn   = `"TargetEducationOrganizationId"`
)

// peopleViewHints are the people authorization views (spec.Schema.AuthViews
// names) and the hint a denial through each appends to its detail.
var peopleViewHints = map[string]string{
	"EducationOrganizationIdToStudentDocumentId":                      "You may need to create a corresponding 'StudentSchoolAssociation' item.",
	"EducationOrganizationIdToContactDocumentId":                      "You may need to create corresponding 'StudentSchoolAssociation' and 'StudentContactAssociation' items.",
	"EducationOrganizationIdToStaffDocumentId":                        "You may need to create corresponding 'StaffEducationOrganizationEmploymentAssociation' or 'StaffEducationOrganizationAssignmentAssociation' items.",
	"EducationOrganizationIdToStudentDocumentIdThroughResponsibility": "You may need to create a corresponding 'StudentEducationOrganizationResponsibilityAssociation' item.",
}

// rowRelatesPerson says that a row of the resource whose education
// organizations s relates also relates its person el through view (the
// compiler's PersonElement.RowInViews, for a top-down strategy checking
// education organizations), so the GET-many filter need not probe the
// view for el: a probe that reads the association's heap row of every
// enrollment the claims reach.
func (s relationshipStrategy) rowRelatesPerson(el *spec.PersonElement, view string) bool {
	return s.topDown() && slices.Contains(el.RowInViews, view)
}

// topDown reports whether s checks education organizations top-down (a
// claim reaches the organizations below it), the strategies whose rows can
// relate their persons themselves.
func (s relationshipStrategy) topDown() bool {
	return s.edOrgs && !s.inverted
}

// personView is the people authorization view relating kind through s.
func (s relationshipStrategy) personView(kind string) string {
	v := "EducationOrganizationIdTo" + kind + "DocumentId"
	if s.throughResponsibility {
		v += "ThroughResponsibility"
	}
	return v
}

// claimsMark stands for the claims parameter in a plan's filter parts,
// which a request joins with its own "$n".
const claimsMark = "\x00"

// relationshipSubject is one subject of a relationship plan: an element of
// the resource related through the hierarchy (normal or inverted) or
// through a people view.
type relationshipSubject struct {
	readable string // the element's name in problem details
	hint     string // the hint of its view, "" for education organizations
	// edOrg is set for an EducationOrganization element, person for a
	// person element.
	edOrg  *spec.EdOrgElement
	person *spec.PersonElement
	// relation is the hierarchy table or the people view relating the
	// subject: its column valueColumn holds the values related to the
	// claim in its column claimColumn.
	relation, valueColumn, claimColumn string
	// direct is set for education organizations: a value equal to a
	// claim is related without a hierarchy row (direct claim match).
	direct bool
}

// relationshipPlan is the SQL of the relationship strategies of a
// resource, built once per resource and set of strategies.
type relationshipPlan struct {
	res      *spec.Resource
	subjects []relationshipSubject
	// strategies are the subject indexes of each strategy of the set, by
	// index in relationshipStrategies (nil when not in the set).
	strategies [][]int
	// filtered are, parallel to strategies, the subjects the GET-many
	// filter checks: all but the persons the row itself relates
	// (rowRelatesPerson).
	filtered [][]int
	// filter is the GET-many predicate over r split at claimsMark.
	filter []string
	// storedByUUID, storedByUUIDLocked and storedByReferentialID select,
	// of the document with DocumentUuid (ReferentialId) $2, one bool[]:
	// each subject's relation to the claims $1, then whether its stored
	// value is NULL; no row when the resource has no such document.
	storedByUUID, storedByUUIDLocked, storedByReferentialID string
	// proposed selects one bool[], each subject's relation to the claims
	// $1 of the values $2…: an education organization id (text), or the
	// ReferentialId of the person reference (text); self subjects have no
	// parameter and answer false. It is "" when every subject is a self
	// one (nothing to select).
	proposed string
}

// relationshipPlans caches plans by resource and strategy set.
var relationshipPlans sync.Map // relationshipPlanKey → *relationshipPlan

type relationshipPlanKey struct {
	res *spec.Resource
	set uint32 // bits of relationshipStrategies
}

// planFor returns the plan of res under the strategies of set, building
// it on first use.
func planFor(res *spec.Resource, set uint32) *relationshipPlan {
	key := relationshipPlanKey{res: res, set: set}
	if p, ok := relationshipPlans.Load(key); ok {
		return p.(*relationshipPlan)
	}
	p, _ := relationshipPlans.LoadOrStore(key, buildRelationshipPlan(res, set))
	return p.(*relationshipPlan)
}

// participating lists what of res takes part in strategy s: its
// EducationOrganization elements (if s has them) and its person elements
// of s's kinds, each with the people view relating it.
func participating(res *spec.Resource, s relationshipStrategy) (edOrgs []*spec.EdOrgElement, people []*spec.PersonElement, views []string) {
	ra := res.Relationships
	if ra == nil {
		return nil, nil, nil
	}
	if s.edOrgs {
		for i := range ra.EdOrgs {
			edOrgs = append(edOrgs, &ra.EdOrgs[i])
		}
	}
	for i := range ra.People {
		if s.relates(ra.People[i].Kind) {
			people = append(people, &ra.People[i])
			views = append(views, s.personView(ra.People[i].Kind))
		}
	}
	return edOrgs, people, views
}

func buildRelationshipPlan(res *spec.Resource, set uint32) *relationshipPlan {
	p := &relationshipPlan{res: res, strategies: make([][]int, len(relationshipStrategies)), filtered: make([][]int, len(relationshipStrategies))}
	index := map[string]int{}
	add := func(key string, s relationshipSubject) int {
		if i, ok := index[key]; ok {
			return i
		}
		index[key] = len(p.subjects)
		p.subjects = append(p.subjects, s)
		return len(p.subjects) - 1
	}
	for si, s := range relationshipStrategies {
		if set&(1<<si) == 0 {
			continue
		}
		edOrgs, people, views := participating(res, s)
		subjects := []int{}
		for _, el := range edOrgs {
			sub := hierarchySubject(s.inverted)
			sub.readable, sub.edOrg = el.MetaEdName, el
			subjects = append(subjects, add("edorg "+strconv.FormatBool(s.inverted)+" "+el.Column, sub))
		}
		filtered := slices.Clone(subjects)
		for i, el := range people {
			vs := viewSubject(views[i], el.Kind+"_DocumentId")
			vs.readable, vs.hint, vs.person = readableName(el.JSONPath), peopleViewHints[views[i]], el
			sub := add("person "+views[i]+" "+el.JSONPath, vs)
			subjects = append(subjects, sub)
			if !s.rowRelatesPerson(el, views[i]) {
				filtered = append(filtered, sub)
			}
		}
		p.strategies[si], p.filtered[si] = subjects, filtered
	}
	p.build()
	return p
}

// hierarchySubject relates an education organization value to the claims
// through the hierarchy: to the claims and the organizations below them,
// or, inverted, to the claims and those above them.
func hierarchySubject(inverted bool) relationshipSubject {
	s := relationshipSubject{relation: edOrgHierarchyTable, valueColumn: edOrgTargetColumn, claimColumn: edOrgSourceColumn, direct: true}
	if inverted {
		s.valueColumn, s.claimColumn = s.claimColumn, s.valueColumn
	}
	return s
}

// viewSubject relates a person's DocumentId (the view's column) to the
// claims through the people view.
func viewSubject(view, column string) relationshipSubject {
	return relationshipSubject{relation: quoteIdent("auth") + "." + quoteIdent(view), valueColumn: quoteIdent(column), claimColumn: edOrgSourceColumn}
}

// readableName is how problem details name a securable element path: its
// last segment with the first letter upper-cased.
func readableName(path string) string {
	last := path[strings.LastIndex(path, ".")+1:]
	if last == "" {
		return path
	}
	return strings.ToUpper(last[:1]) + last[1:]
}

// build writes the plan's statements.
func (p *relationshipPlan) build() {
	var ors []string
	for _, subjects := range p.filtered {
		if subjects == nil {
			continue
		}
		ands := make([]string, len(subjects))
		for i, si := range subjects {
			ands[i] = p.subjects[si].filterPredicate()
		}
		if len(ands) == 0 {
			// A strategy without subjects relates nothing (the
			// authorizer refuses it before any data is read).
			ands = []string{"false"}
		}
		ors = append(ors, "("+strings.Join(ands, " AND ")+")")
	}
	p.filter = strings.Split("("+strings.Join(ors, " OR ")+")", claimsMark)

	stored := make([]string, 0, 2*len(p.subjects))
	var nulls, proposed []string
	param := 2
	for _, s := range p.subjects {
		stored = append(stored, s.check(s.storedValue()))
		nulls = append(nulls, s.storedColumn()+" IS NULL")
		switch {
		case s.person != nil && s.person.Stored < 0:
			proposed = append(proposed, "false")
		case s.person != nil:
			ref := `(SELECT "DocumentId" FROM "dms"."ReferentialIdentity" WHERE "ReferentialId" = $` + strconv.Itoa(param) + `::text::uuid)`
			proposed = append(proposed, s.check(s.hopsFrom(ref)))
			param++
		default:
			proposed = append(proposed, s.check("$"+strconv.Itoa(param)+"::text::bigint"))
			param++
		}
	}
	claims := func(sql string) string { return strings.ReplaceAll(sql, claimsMark, "$1") }
	sel := "SELECT ARRAY[" + claims(strings.Join(append(stored, nulls...), ", ")) + "] FROM " + p.res.Read.PageFrom
	where := ""
	if p.res.Read.PageWhere != "" {
		where = " AND " + p.res.Read.PageWhere
	}
	p.storedByUUID = sel + ` WHERE r."DocumentId" = (SELECT "DocumentId" FROM "dms"."Document" WHERE "DocumentUuid" = $2::text::uuid)` + where
	p.storedByUUIDLocked = p.storedByUUID + " FOR UPDATE OF r"
	p.storedByReferentialID = sel + ` WHERE r."DocumentId" = (SELECT "DocumentId" FROM "dms"."ReferentialIdentity" WHERE "ReferentialId" = $2::text::uuid)` + where
	if param > 2 {
		p.proposed = "SELECT ARRAY[" + claims(strings.Join(proposed, ", ")) + "]"
	}
}

// storedColumn is the subject's root-table column over r.
func (s relationshipSubject) storedColumn() string {
	if s.edOrg != nil {
		return "r." + quoteIdent(s.edOrg.Column)
	}
	return "r." + quoteIdent(s.person.Column)
}

// storedValue is the subject's stored value for a single document: the
// root column, followed through the person's hops.
func (s relationshipSubject) storedValue() string {
	if s.edOrg != nil {
		return s.storedColumn()
	}
	return s.hopsFrom(s.storedColumn())
}

// hopsFrom follows the person's hops from the DocumentId v: each hop's
// column of the row v identifies.
func (s relationshipSubject) hopsFrom(v string) string {
	for i, h := range s.person.Hops {
		alias := "h" + strconv.Itoa(i+1)
		v = "(SELECT " + alias + "." + quoteIdent(h.Column) + " FROM " + h.Table + " " + alias + " WHERE " + alias + `."DocumentId" = ` + v + ")"
	}
	return v
}

// claimed is the relation's condition selecting the rows of the claims.
func (s relationshipSubject) claimed() string {
	return s.claimColumn + " = ANY(" + claimsMark + "::bigint[])"
}

// related selects the values the relation relates to the claims.
func (s relationshipSubject) related() string {
	return "SELECT " + s.valueColumn + " FROM " + s.relation + " WHERE " + s.claimed()
}

// relatedOrClaimed selects the values related to the claims and, for an
// education organization, the claims themselves (the direct claim match,
// which holds without a hierarchy row).
func (s relationshipSubject) relatedOrClaimed() string {
	if s.direct {
		return "SELECT unnest(" + claimsMark + "::bigint[]) UNION ALL " + s.related()
	}
	return s.related()
}

// check is the subject's relation for one value v (NULL is not related):
// an EXISTS probing the relation for v, which seeks its index on both
// columns, where "v IN (…)" would select every value related to the
// claims.
func (s relationshipSubject) check(v string) string {
	probe := "EXISTS (SELECT 1 FROM " + s.relation + " WHERE " + s.claimed() + " AND " + s.valueColumn + " = " + v + ")"
	if s.direct {
		return "(coalesce(" + v + " = ANY(" + claimsMark + "::bigint[]), false) OR " + probe + ")"
	}
	return probe
}

// filterPredicate is the subject's GET-many predicate over r: the root
// column in the relation, a person reached through hops by semi-joins
// from the view back to the root column, so each step can use the index
// on its hop column. An education organization's direct claim match is
// a branch of the same IN list rather than an OR beside it: one
// semi-join, which can seek the column's index, where an OR with a
// subquery is a filter over every row.
func (s relationshipSubject) filterPredicate() string {
	inner := s.relatedOrClaimed()
	if s.person != nil {
		for i := len(s.person.Hops) - 1; i >= 0; i-- {
			h := s.person.Hops[i]
			alias := "h" + strconv.Itoa(i+1)
			inner = "SELECT " + alias + `."DocumentId" FROM ` + h.Table + " " + alias + " WHERE " + alias + "." + quoteIdent(h.Column) + " IN (" + inner + ")"
		}
	}
	return s.storedColumn() + " IN (" + inner + ")"
}

// RelationshipRule is the relationship-based check of one request: the
// plan of the resource under the decision's relationship strategies and
// the client's education organization ids.
type RelationshipRule struct {
	plan *relationshipPlan
	// strategies are the decision's relationship strategies in configured
	// order (the order of a denial's messages).
	strategies []int
	// Claims are the client's education organization ids, distinct and
	// sorted: the statements' claims parameter.
	Claims []int64
}

// RelationshipRuleFrom returns the request's relationship rule on res:
// nil when the authorization decision in ctx names no relationship
// strategy. The statements are built once per resource and strategy set;
// a request only binds its claims.
//
// Change Queries (ReadChanges) reuse it: Filter is the predicate over the
// alias r of any row source whose subject columns have the names of the
// resource's root table (spec.RelationshipAuthorization Column), with the
// claims bound at $first.
func RelationshipRuleFrom(ctx context.Context, res *spec.Resource) *RelationshipRule {
	d, ok := auth.DecisionFrom(ctx)
	if !ok {
		return nil
	}
	var set uint32
	var strategies []int
	for _, name := range d.Strategies {
		if i := relationshipStrategyIndex(name); i >= 0 && set&(1<<i) == 0 {
			set |= 1 << i
			strategies = append(strategies, i)
		}
	}
	if set == 0 {
		return nil
	}
	var claims []int64
	if p, ok := auth.PrincipalFrom(ctx); ok {
		claims = p.EducationOrganizationIDs
	}
	return &RelationshipRule{plan: planFor(res, set), strategies: strategies, Claims: sortedDistinct(claims)}
}

// NoClaims says the client has no education organization ids: nothing is
// related to it (a GET-many answers an empty page, a single document a
// 403) and no statement need run.
func (r *RelationshipRule) NoClaims() bool { return len(r.Claims) == 0 }

// Filter is the GET-many predicate of the rule over the root table
// aliased r, its claims parameter numbered $first: the strategies ORed,
// each the AND of its subjects' relations.
func (r *RelationshipRule) Filter(first int) (string, []any) {
	return strings.Join(r.plan.filter, "$"+strconv.Itoa(first)), []any{r.Claims}
}

// StoredByUUID is the statement and arguments selecting the stored check
// (Stored) of the document with DocumentUuid id; locked locks its root row.
func (r *RelationshipRule) StoredByUUID(id string, locked bool) (string, []any) {
	if locked {
		return r.plan.storedByUUIDLocked, []any{r.Claims, id}
	}
	return r.plan.storedByUUID, []any{r.Claims, id}
}

// StoredByReferentialID is StoredByUUID for the document with the
// ReferentialId id (a POST's target).
func (r *RelationshipRule) StoredByReferentialID(id string) (string, []any) {
	return r.plan.storedByReferentialID, []any{r.Claims, id}
}

// Proposed is the statement and arguments selecting the check of a
// write's values ("" when there is nothing to select): root holds the
// root row's stored values (the flattened request, spec.TableWrite.Stored
// order) and personRef returns the ReferentialId of the reference whose
// DocumentId goes to a root stored index ("" when the request has none).
// missing reports the subjects whose value the request lacks.
func (r *RelationshipRule) Proposed(root []*string, personRef func(stored int) string) (sql string, args []any, missing []bool) {
	args = []any{r.Claims}
	missing = make([]bool, len(r.plan.subjects))
	for i, s := range r.plan.subjects {
		var v *string
		switch {
		case s.person != nil && s.person.Stored < 0:
			continue
		case s.person != nil:
			if ref := personRef(s.person.Stored); ref != "" {
				v = &ref
			}
		default:
			v = root[s.edOrg.Stored]
		}
		missing[i] = v == nil
		if v == nil {
			args = append(args, nil)
		} else {
			args = append(args, *v)
		}
	}
	return r.plan.proposed, args, missing
}

// Stored checks a document's stored values from its stored statement's
// row (related then null flags, per subject). The caller knows the
// document exists: a nil row (none selected) is denied.
func (r *RelationshipRule) Stored(row []bool) *problem.Details {
	if row == nil || r.NoClaims() {
		return r.denied()
	}
	n := len(r.plan.subjects)
	out := make([]subjectOutcome, n)
	for i := range out {
		switch {
		case row[n+i]:
			out[i] = storedNull
		case !row[i]:
			out[i] = notRelated
		}
	}
	return r.decide(out)
}

// CheckProposed checks a write's values from the proposed statement's row
// and the missing values Proposed reported; stored is the stored
// statement's row of the document written (nil when it is created), whose
// relations self subjects (the person document itself) keep.
func (r *RelationshipRule) CheckProposed(row []bool, missing []bool, stored []bool) *problem.Details {
	if r.NoClaims() {
		return r.denied()
	}
	out := make([]subjectOutcome, len(r.plan.subjects))
	for i, s := range r.plan.subjects {
		related := false
		switch {
		case s.person != nil && s.person.Stored < 0:
			// A document being created is related to nothing yet.
			related = stored != nil && stored[i]
		case missing[i]:
			out[i] = proposedMissing
			continue
		default:
			related = row[i]
		}
		if !related {
			out[i] = notRelated
		}
	}
	return r.decide(out)
}

// denied is the answer when nothing can be related: the client has no
// education organization ids, or no stored row was selected. Every
// subject is unrelated.
func (r *RelationshipRule) denied() *problem.Details {
	out := make([]subjectOutcome, len(r.plan.subjects))
	for i := range out {
		out[i] = notRelated
	}
	return r.decide(out)
}

// subjectOutcome is how one subject fared.
type subjectOutcome uint8

const (
	related subjectOutcome = iota
	notRelated
	storedNull
	proposedMissing
)

// decide ORs the strategies over the subjects' outcomes: nil when one
// strategy has all its subjects related, else the reference's problem
// for the failures of every strategy, in configured order.
func (r *RelationshipRule) decide(out []subjectOutcome) *problem.Details {
	var failures []relationshipFailure
	for _, si := range r.strategies {
		f := relationshipFailure{strategy: relationshipStrategies[si].name}
		for _, sub := range r.plan.strategies[si] {
			if out[sub] != related {
				f.subjects = append(f.subjects, failedSubject{subject: &r.plan.subjects[sub], outcome: out[sub]})
			}
		}
		if len(f.subjects) == 0 && len(r.plan.strategies[si]) > 0 {
			return nil
		}
		failures = append(failures, f)
	}
	return relationshipDenied(failures, r.Claims)
}

// relationshipPreflight is what the relationship strategies of an action
// check before any data is read: each must have subjects on the resource
// (a 500 otherwise: a strategy relating nothing would deny everything, as
// the reference's no-executable-subjects error), and the people views it
// relates them through must exist in the schema's database (a 500
// otherwise). ReadChanges has its own strategies and checks
// (readChangesRelationshipPreflight).
func (a *Authorizer) relationshipPreflight(res *spec.Resource, action auth.Action, strategies []string) *problem.Details {
	if action == auth.ActionReadChanges {
		return a.readChangesRelationshipPreflight(res, strategies)
	}
	for _, name := range strategies {
		edOrgs, people, views := participating(res, relationshipStrategies[relationshipStrategyIndex(name)])
		if len(edOrgs)+len(people) == 0 {
			return RelationshipSubjectsMissing(string(action), res.Name, name)
		}
		for _, v := range views {
			if !slices.Contains(a.authViews, v) {
				return RelationshipViewMissing(string(action), res.Name, name, v)
			}
		}
	}
	return nil
}
