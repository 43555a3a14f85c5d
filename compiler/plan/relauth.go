package plan

import (
	"fmt"
	"slices"
	"strings"

	"github.com/edfi-dmsc/dmsc/compiler/relmodel"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// personKinds are the securableElements keys of person elements, in the
// order their elements are listed.
var personKinds = []string{spec.PersonStudent, spec.PersonStaff, spec.PersonContact}

// authViewNames lists the people authorization views of the model, live
// and ReadChanges, by unqualified name, sorted.
func authViewNames(m *relmodel.ModelSet) []string {
	var names []string
	for _, v := range m.AuthViews() {
		names = append(names, v.View.Name)
	}
	slices.Sort(names)
	return names
}

// buildRelationships resolves the resource's EducationOrganization,
// Student, Staff and Contact securable elements to root-table columns
// (epic 14, stories 04 and 15); ra is nil when none is on the root table
// (descriptors have none). An EducationOrganization id is stored on the
// table owning its reference; a person is reached along the reference
// chain the relational model resolved for the authorization indexes.
// views are the model's live people views, whose arms tell which person
// elements a row of the resource relates itself (PersonElement.RowInViews).
// unchecked are the elements not on the root table (inside a collection),
// in schema order, also when ra is nil: ra.Unchecked holds their paths,
// and no tracked-change column can record them
// (spec.ChangePlan.UntrackedSubjects).
func buildRelationships(rs resourceSchema, mr *relmodel.Resource, views []relmodel.AuthView, r *spec.Resource) (ra *spec.RelationshipAuthorization, unchecked []spec.UntrackedSubject, err error) {
	if r.IsDescriptor {
		return nil, nil, nil
	}
	se := rs.schema.Get("securableElements")
	at := fmt.Sprintf("%s: resource %s: securableElements", rs.project.File, rs.endpoint)
	ra = &spec.RelationshipAuthorization{}
	leaveUnchecked := func(kind, path string) {
		unchecked = append(unchecked, spec.UntrackedSubject{Kind: kind, JSONPath: path})
		ra.Unchecked = append(ra.Unchecked, path)
	}
	if edOrgs := se.Get(spec.SecurableEducationOrganization); edOrgs != nil {
		for _, e := range edOrgs.Items {
			path, pok := e.Get("jsonPath").Str()
			name, nok := e.Get("metaEdName").Str()
			if !pok || !nok {
				return nil, nil, fmt.Errorf("%s.EducationOrganization: an element lacks jsonPath or metaEdName", at)
			}
			col := columnBySource(r.Tables[0], path)
			if col == nil || strings.Contains(path, "[*]") {
				leaveUnchecked(spec.SecurableEducationOrganization, path)
				continue
			}
			column := col.Name
			if col.Alias {
				column = col.Canonical
			}
			el := spec.EdOrgElement{JSONPath: path, MetaEdName: name, Column: column, Stored: storedIndex(r, column)}
			if el.Stored < 0 {
				return nil, nil, fmt.Errorf("%s.EducationOrganization: column %s of path %s is not written", at, column, path)
			}
			ra.EdOrgs = append(ra.EdOrgs, el)
		}
	}
	for _, kind := range personKinds {
		paths := se.Get(kind)
		if paths == nil {
			continue
		}
		for _, p := range paths.Items {
			path, ok := p.Str()
			if !ok {
				return nil, nil, fmt.Errorf("%s.%s: not a string", at, kind)
			}
			if strings.Contains(path, "[*]") {
				leaveUnchecked(kind, path)
				continue
			}
			el, err := personElement(mr, r, kind, path)
			if err != nil {
				return nil, nil, fmt.Errorf("%s.%s: %w", at, kind, err)
			}
			ra.People = append(ra.People, el)
		}
	}
	if len(ra.EdOrgs) == 0 && len(ra.People) == 0 {
		return nil, unchecked, nil
	}
	for i := range ra.People {
		ra.People[i].RowInViews = rowInViews(views, mr.Root().Name, ra.EdOrgs, ra.People[i])
	}
	return ra, unchecked, nil
}

// rowInViews names the views with an arm that is a row of the root table
// itself (rowArms over the elements' root columns): a
// StudentSchoolAssociation row relates its student to its school.
func rowInViews(views []relmodel.AuthView, root relmodel.TableName, edOrgs []spec.EdOrgElement, el spec.PersonElement) []string {
	var columns []string
	for _, e := range edOrgs {
		columns = append(columns, e.Column)
	}
	var names []string
	for _, a := range rowArms(views, root, columns, el.Column) {
		if !slices.Contains(names, a.View) {
			names = append(names, a.View)
		}
	}
	return names
}

// rowArms lists the views with an arm that is a row of table itself: the
// arm joins the hierarchy's target on one of edOrgColumns of table and
// outputs the hierarchy's source with personColumn of the same row, so
// the row relates its person to every organization the hierarchy relates
// to its own. Each names the index in edOrgColumns of the column joined
// (Person is left 0).
func rowArms(views []relmodel.AuthView, table relmodel.TableName, edOrgColumns []string, personColumn string) []spec.TrackedRowInView {
	var arms []spec.TrackedRowInView
	for _, v := range views {
		for _, arm := range v.Arms {
			join, on, ok := arm.HierarchyJoin()
			if !ok || len(arm.Joins) != 1 || len(arm.OutputColumns) != 2 {
				continue
			}
			out := arm.OutputColumns[1]
			edOrg := slices.Index(edOrgColumns, on.RightColumn)
			a := spec.TrackedRowInView{View: v.View.Name, EdOrg: edOrg}
			if join.Table == table && edOrg >= 0 &&
				out.Alias == join.Alias && out.Column == personColumn && !slices.Contains(arms, a) {
				arms = append(arms, a)
			}
		}
	}
	return arms
}

// trackedRowInViews is ChangePlan.RowInViews: for each tracked person
// column, the ReadChanges views with an arm that is a row of the
// tracked-change table (rowArms over the old-value columns).
func trackedRowInViews(views []relmodel.AuthView, tracked relmodel.TableName, edOrgColumns, personColumns []string) []spec.TrackedRowInView {
	var out []spec.TrackedRowInView
	for i, column := range personColumns {
		if column == "" {
			continue
		}
		for _, a := range rowArms(views, tracked, edOrgColumns, column) {
			a.Person = i
			out = append(out, a)
		}
	}
	return out
}

// trackedPersonProbes is ChangePlan.PersonProbes: for each tracked person
// column, the membership probe of every ReadChanges view relating persons
// of its kind (personProbe); none for a view whose arms cannot be probed
// (relmodel.AuthView.ProbeArms, personProbe).
func trackedPersonProbes(model *relmodel.ModelSet, people []spec.PersonElement, personColumns []string) []spec.TrackedPersonProbe {
	var out []spec.TrackedPersonProbe
	for i, column := range personColumns {
		if column == "" {
			continue
		}
		for _, v := range model.ReadChangesAuthViews {
			if v.Columns()[1] != people[i].Kind+"_DocumentId" {
				continue
			}
			arms, ok := v.ProbeArms(model.PeopleAuthViews)
			if !ok {
				continue
			}
			if probe, ok := personProbe(arms, `c.`+q(column)); ok {
				out = append(out, spec.TrackedPersonProbe{View: v.View.Name, Person: i, Probe: probe})
			}
		}
	}
	return out
}

// personProbe is the condition that person (a value expression over the
// tracked rows aliased c) is in the view of arms for a claim, split at
// the claims parameter: one EXISTS per arm, ORed, each selecting the
// arm's association rows whose person (second output column) is person
// and whose education organization the hierarchy relates to a claim (the
// arm's join of the hierarchy's target, which outputs the hierarchy's
// source as the claim). OFFSET 0 keeps each a correlated subquery, tested
// per tracked row by index seeks from the person: PostgreSQL does not
// pull a subquery with an OFFSET up into a join with the tracked rows.
// The hierarchy's organizations of the claims are a hashed SubPlan
// (coalesce keeps the IN from being pulled up into a join, as in
// runtime/authz): built once per statement, not rescanned per tracked row
// and association row. The arms' aliases are not c (ProbeArms' views read
// association tables under their resources' aliases). ok is false when an
// arm does not start with that join.
func personProbe(arms []relmodel.AuthViewArm, person string) (parts []string, ok bool) {
	parts = []string{"("}
	for i, arm := range arms {
		related := arm.OutputColumns[1]
		first, target, fromHierarchy := arm.HierarchyJoin()
		if !fromHierarchy || related.Alias == arm.SourceAlias {
			return nil, false
		}
		from := []string{"FROM " + qualified(first.Table) + " " + first.Alias}
		for _, j := range arm.Joins[1:] {
			for _, p := range j.On {
				if p.LeftAlias == arm.SourceAlias || p.RightAlias == arm.SourceAlias {
					return nil, false
				}
			}
			from = append(from, j.SQL(q, qualified))
		}
		if i > 0 {
			parts[len(parts)-1] += " OR "
		}
		parts[len(parts)-1] += "EXISTS (SELECT 1 " + strings.Join(from, " ") +
			" WHERE " + related.Alias + "." + q(related.Column) + " = " + person +
			" AND coalesce(" + target.RightAlias + "." + q(target.RightColumn) + " IN (SELECT " + q(relmodel.AuthTargetEdOrgColumn) +
			" FROM " + qualified(arm.SourceTable) + " WHERE " + q(relmodel.AuthSourceEdOrgColumn) + " = ANY("
		parts = append(parts, "::bigint[])), false) OFFSET 0)")
	}
	parts[len(parts)-1] += ")"
	return parts, true
}

// personElement turns the model's chain for a person path into the
// element: the chain's first column on the root table, its further steps
// as hops; the document's own DocumentId when the chain is empty.
func personElement(mr *relmodel.Resource, r *spec.Resource, kind, path string) (spec.PersonElement, error) {
	el := spec.PersonElement{Kind: kind, JSONPath: path, Column: "DocumentId", Stored: -1}
	i := slices.IndexFunc(mr.PersonPaths, func(pp relmodel.PersonPath) bool { return pp.Kind == kind && pp.JSONPath == path })
	if i < 0 {
		return el, fmt.Errorf("path %s was not resolved to a %s by the relational model", path, kind)
	}
	chain := mr.PersonPaths[i].Chain
	if len(chain) == 0 {
		return el, nil
	}
	el.Column = chain[0].SourceColumn
	if el.Stored = storedIndex(r, el.Column); el.Stored < 0 {
		return el, fmt.Errorf("column %s of path %s is not written", el.Column, path)
	}
	for _, st := range chain[1:] {
		el.Hops = append(el.Hops, spec.PersonHop{Table: qualified(st.SourceTable), Column: st.SourceColumn})
	}
	return el, nil
}

// storedIndex is the index in the root table write's Stored of the named
// column, -1 when the write does not store it.
func storedIndex(r *spec.Resource, column string) int {
	for si, ci := range r.Write.Tables[0].Stored {
		if r.Tables[0].Columns[ci].Name == column {
			return si
		}
	}
	return -1
}
