package relmodel

import (
	"slices"
	"sort"
	"strings"
)

// AuthView is one people authorization view in the auth schema: which
// person documents each education organization (and every organization
// above it, through the hierarchy table) is related to. The definitions are
// fixed by the design (auth.md, "People auth views"; change-queries.md,
// "Authorization"), not derived; the model only supplies the association
// tables and columns they read.
type AuthView struct {
	View TableName
	// SetOperator joins the arms: "NONE" for one arm, "UNION_ALL" or
	// "UNION". The live views do not deduplicate: every consumer probes
	// them with IN/EXISTS, and a deduplicating arm would stop PostgreSQL
	// from flattening them. The ReadChanges views union as the reference
	// does.
	SetOperator string
	Arms        []AuthViewArm
}

// AuthViewArm is one SELECT of a view: its first table and alias, the
// projected columns and the inner joins.
type AuthViewArm struct {
	SourceAlias   string
	SourceTable   TableName
	OutputColumns []AuthViewColumn
	Joins         []AuthViewJoin
}

// AuthViewColumn is a projected column, by table alias; OutputName renames
// it (a tracked old value projected under the live column's name), "" when
// it keeps its name.
type AuthViewColumn struct{ Alias, Column, OutputName string }

// AuthViewJoin is one INNER JOIN; its ON clause is the conjunction of On.
type AuthViewJoin struct {
	Alias string
	Table TableName
	On    []AuthViewJoinPredicate
}

// SQL is the join's clause, "INNER JOIN <table> <alias> ON a.x = b.y AND
// …": the view definitions and the plans' probes of them render arms the
// same way, each naming tables with its qualify and columns with its
// quote.
func (j AuthViewJoin) SQL(quote func(string) string, qualify func(TableName) string) string {
	on := make([]string, len(j.On))
	for k, p := range j.On {
		on[k] = p.LeftAlias + "." + quote(p.LeftColumn) + " = " + p.RightAlias + "." + quote(p.RightColumn)
	}
	return "INNER JOIN " + qualify(j.Table) + " " + j.Alias + " ON " + strings.Join(on, " AND ")
}

// AuthViewJoinPredicate is one column equality of a join condition.
type AuthViewJoinPredicate struct{ LeftAlias, LeftColumn, RightAlias, RightColumn string }

// HierarchyJoin is the arm's first join and its one condition when the arm
// starts at the hierarchy: it reads the hierarchy table, outputs its source
// as the claim (first column) and joins its target to the first join's
// table; ok is false otherwise. Consumers reading an arm as "organizations
// the hierarchy relates to a claim" (the plans' row and probe tests) rely
// on that shape.
func (arm AuthViewArm) HierarchyJoin() (join AuthViewJoin, target AuthViewJoinPredicate, ok bool) {
	if arm.SourceTable != AuthEdOrgTable || len(arm.OutputColumns) == 0 ||
		arm.OutputColumns[0] != (AuthViewColumn{Alias: arm.SourceAlias, Column: AuthSourceEdOrgColumn}) ||
		len(arm.Joins) == 0 || len(arm.Joins[0].On) != 1 {
		return AuthViewJoin{}, AuthViewJoinPredicate{}, false
	}
	join, target = arm.Joins[0], arm.Joins[0].On[0]
	if target.LeftAlias != arm.SourceAlias || target.LeftColumn != AuthTargetEdOrgColumn || target.RightAlias != join.Alias {
		return AuthViewJoin{}, AuthViewJoinPredicate{}, false
	}
	return join, target, true
}

// AuthAssociation is an association resource the people authorization
// views read.
type AuthAssociation struct {
	// Table is its root table.
	Table TableName
	// EdOrgColumn is the root column holding the education organization
	// the association names: the school of a StudentSchoolAssociation
	// ("SchoolId_Unified" under key unification, else "School_SchoolId"),
	// the education organization of the others; "" for
	// StudentContactAssociation.
	EdOrgColumn string
	// Tracked is its tracked-change table, whose old values of a column C
	// are in "Old"+C; nil when it has none (no ReadChanges view reads it).
	Tracked *TableName
}

// Association resources the people authorization views read.
const (
	authSSA   = "StudentSchoolAssociation"
	authSCA   = "StudentContactAssociation"
	authSEOAA = "StaffEducationOrganizationAssignmentAssociation"
	authSEOEA = "StaffEducationOrganizationEmploymentAssociation"
	authSEORA = "StudentEducationOrganizationResponsibilityAssociation"
)

// authAssociationEdOrgPaths are the paths of the education organization
// each association names (none for StudentContactAssociation).
var authAssociationEdOrgPaths = map[string]string{
	authSSA:   "$.schoolReference.schoolId",
	authSCA:   "",
	authSEOAA: "$.educationOrganizationReference.educationOrganizationId",
	authSEOEA: "$.educationOrganizationReference.educationOrganizationId",
	authSEORA: "$.educationOrganizationReference.educationOrganizationId",
}

// peopleAuthViews adds the people authorization views whose association
// resources the model has with the columns they read (when it has the
// education organization hierarchy), and the ReadChanges views of those
// whose associations all have tracked-change tables recording the old
// values they read. Each view stands alone: DS 3.2a
// (StudentParentAssociation, no StudentContactAssociation) and the bundled
// schema (only StudentSchoolAssociation) get the views they can answer,
// not none (docs/ddl-differences.md). The maps only gather inputs; the
// views' order is PeopleAuthViews'.
func (b *builder) peopleAuthViews() error {
	if len(b.out.AuthEntities) == 0 {
		return nil
	}
	associations := map[string]AuthAssociation{}
	columns := map[TableName]map[string]bool{}
	for name, path := range authAssociationEdOrgPaths {
		rb := b.byName[ResourceName{Project: b.set.Core().ProjectName, Resource: name}]
		if rb == nil {
			continue
		}
		root := rb.res.Root()
		a := AuthAssociation{Table: root.Name}
		if path != "" {
			if a.EdOrgColumn = storedColumnAt(root, path); a.EdOrgColumn == "" {
				continue // a partial model's association, as if absent
			}
		}
		columns[root.Name] = map[string]bool{}
		for _, c := range root.Columns {
			columns[root.Name][c.Name] = true
		}
		for i := range b.out.TrackedChangeTables {
			tc := b.out.TrackedChangeTables[i]
			if tc.SourceTable != root.Name {
				continue
			}
			a.Tracked = &tc.Table
			columns[tc.Table] = map[string]bool{}
			for _, vc := range tc.ValueColumns {
				columns[tc.Table][vc.OldColumn] = true
			}
		}
		associations[name] = a
	}
	// A view over an association without a column it reads is left out,
	// with the ReadChanges view over it: partial test models (an
	// association whose student is a plain scalar), and tracked-change
	// tables that record a person's DocumentId only when the resource names
	// the person among its securableElements (DS 3.2a's associations name
	// no Contact). A strategy needing a missing view is refused at run time.
	live, readChanges := PeopleAuthViews(associations)
	kept := map[TableName]bool{}
	for _, v := range live {
		if len(v.missingColumns(columns)) == 0 {
			kept[v.View] = true
			b.out.PeopleAuthViews = append(b.out.PeopleAuthViews, v)
		}
	}
	for _, v := range readChanges {
		if kept[v.Arms[0].SourceTable] && len(v.missingColumns(columns)) == 0 {
			b.out.ReadChangesAuthViews = append(b.out.ReadChangesAuthViews, v)
		}
	}
	b.readChangesIndexes()
	return nil
}

// readChangesIndexes adds the indexes the ReadChanges views are read by,
// both ways:
//
//   - from the person (the membership probes, ProbeArms): each table an
//     arm reads, keyed by the column the probe reaches it by from the
//     person (the person's DocumentId, or the column joining it to the
//     table nearer the person), covering the column it joins onward by
//     (toward the hierarchy), so a tracked person is tested by a few index
//     seeks instead of the view's set of every person of the claims
//     (story 34);
//   - from the claims (the view's set, which a narrow client's filter
//     builds): each tracked-change table an arm reads, keyed by the column
//     it is joined by from the hierarchy side, covering the column read
//     onward (the person, or the next join's), so the set reads the
//     claims' old rows instead of the whole tracked history — story 33's
//     tracked PrimaryAssociation covering indexes (22-spike-findings.md,
//     "Indexes on the tracked_changes* tables"), which the reference holds
//     back for a plan flip of its anti-join shape that ours does not have
//     (the /deletes probe is fenced per row, the subjects are hashed
//     SubPlans; docs/ddl-differences.md).
//
// A table with an index leading with the key already (the live
// associations' person, edorg and person-join authorization indexes) gets
// none; in practice they are the tracked-change tables' old columns, which
// the reference does not index.
func (b *builder) readChangesIndexes() {
	leading := map[authIndexKey]int{} // position in b.out.Indexes
	for i, x := range b.out.Indexes {
		if len(x.KeyColumns) > 0 {
			if _, seen := leading[authIndexKey{x.Table, x.KeyColumns[0]}]; !seen {
				leading[authIndexKey{x.Table, x.KeyColumns[0]}] = i
			}
		}
	}
	tracked := map[TableName]bool{}
	for _, tc := range b.out.TrackedChangeTables {
		tracked[tc.Table] = true
	}
	added := map[int]bool{}
	add := func(s probeSeek) {
		if s.key == s.include {
			return // an arm joining onward by its own key: the key covers it
		}
		k := authIndexKey{s.table, s.key}
		if at, exists := leading[k]; exists {
			if added[at] {
				b.out.Indexes[at].cover(s.include)
			}
			return
		}
		at := b.addAuthIndex(s.table, s.key, []string{s.include})
		leading[k], added[at] = at, true
	}
	for _, v := range b.out.ReadChangesAuthViews {
		if arms, ok := v.ProbeArms(b.out.PeopleAuthViews); ok {
			for _, arm := range arms {
				for _, s := range arm.probeSeeks() {
					add(s)
				}
			}
		}
		for _, arm := range v.Arms {
			for _, s := range arm.setSeeks() {
				if tracked[s.table] {
					add(s)
				}
			}
		}
	}
}

// probeSeek is one table a membership probe reads: by its key column,
// reading include to join onward.
type probeSeek struct {
	table        TableName
	key, include string
}

// probeSeeks lists the tables of the arm a probe reaches from the person
// (the second output column), nearest first: each by the column equal to
// the previous one's include column (the person for the first), covering
// its column in its own join's condition. The hierarchy table, the
// arm's source, is left out (its target index serves it); an arm of
// another shape yields none.
func (arm AuthViewArm) probeSeeks() []probeSeek {
	var seeks []probeSeek
	alias, key := arm.OutputColumns[1].Alias, arm.OutputColumns[1].Column
	for i := len(arm.Joins) - 1; i >= 0; i-- {
		j := arm.Joins[i]
		if j.Alias != alias || len(j.On) != 1 {
			return nil
		}
		on := j.On[0]
		if on.RightAlias != alias {
			return nil
		}
		seeks = append(seeks, probeSeek{j.Table, key, on.RightColumn})
		alias, key = on.LeftAlias, on.LeftColumn
	}
	return seeks
}

// setSeeks lists the tables of the arm its view's set reads from the
// hierarchy toward the person, nearest the hierarchy first: each by the
// column of its join condition, covering the column the next join reads
// from it (the person output for the last). An arm of another shape
// yields none.
func (arm AuthViewArm) setSeeks() []probeSeek {
	if len(arm.OutputColumns) != 2 {
		return nil
	}
	var seeks []probeSeek
	for i, j := range arm.Joins {
		if len(j.On) != 1 {
			return nil
		}
		key, ok := j.On[0].columnOf(j.Alias)
		if !ok {
			return nil
		}
		include := arm.OutputColumns[1].Column
		if i+1 < len(arm.Joins) {
			next := arm.Joins[i+1]
			if len(next.On) != 1 {
				return nil
			}
			if include, ok = next.On[0].columnOf(j.Alias); !ok {
				return nil
			}
		} else if arm.OutputColumns[1].Alias != j.Alias {
			return nil
		}
		seeks = append(seeks, probeSeek{j.Table, key, include})
	}
	return seeks
}

// columnOf is the predicate's column of the table aliased alias; ok is
// false when neither side is.
func (p AuthViewJoinPredicate) columnOf(alias string) (column string, ok bool) {
	switch alias {
	case p.RightAlias:
		return p.RightColumn, true
	case p.LeftAlias:
		return p.LeftColumn, true
	}
	return "", false
}

// ProbeArms are the arms of v as its membership probe reads them (the
// runtime's test of one person against the claims, one correlated EXISTS
// per arm): v's own arms, an arm selecting the columns of one of live
// (the live view a ReadChanges view unions) replaced by that view's arms.
// A person is in v for a claim exactly when one of the arms has a row
// with both. ok is false when an arm reads a view otherwise or does not
// project exactly the two columns: v then has no probe, and the runtime
// tests membership in the view itself.
func (v AuthView) ProbeArms(live []AuthView) (arms []AuthViewArm, ok bool) {
	for _, arm := range v.Arms {
		if len(arm.OutputColumns) != 2 {
			return nil, false
		}
		i := slices.IndexFunc(live, func(l AuthView) bool { return l.View == arm.SourceTable })
		if i < 0 {
			arms = append(arms, arm)
			continue
		}
		inner, ok := live[i].ProbeArms(nil)
		if !ok || len(arm.Joins) > 0 || !slices.Equal(arm.outputNames(), inner[0].outputNames()) {
			return nil, false
		}
		arms = append(arms, inner...)
	}
	return arms, true
}

// Columns are the view's columns: the claim education organization, then
// the person DocumentId.
func (v AuthView) Columns() []string { return v.Arms[0].outputNames() }

// outputNames are the names of the arm's output columns: the view's
// columns, by position.
func (arm AuthViewArm) outputNames() []string {
	names := make([]string, len(arm.OutputColumns))
	for i, c := range arm.OutputColumns {
		names[i] = c.Column
		if c.OutputName != "" {
			names[i] = c.OutputName
		}
	}
	return names
}

// storedColumnAt is the root column storing the scalar at path: the
// canonical column when the path's column is a key-unification alias;
// "" when the root has none.
func storedColumnAt(root *Table, path string) string {
	for _, c := range root.Columns {
		if c.SourcePath != path || c.Kind != ColScalar {
			continue
		}
		if c.Storage.UnifiedAlias {
			return c.Storage.CanonicalColumn
		}
		return c.Name
	}
	return ""
}

// missingColumns lists the columns v reads that the tables in columns
// (association roots and their tracked-change tables, by name) lack, as
// table.column; tables not in columns (the hierarchy table, the live views)
// are not checked.
func (v AuthView) missingColumns(columns map[TableName]map[string]bool) []string {
	var missing []string
	for _, arm := range v.Arms {
		missing = append(missing, arm.missingColumns(columns)...)
	}
	return missing
}

// missingColumns is AuthView.missingColumns for one arm.
func (arm AuthViewArm) missingColumns(columns map[TableName]map[string]bool) []string {
	aliases := map[string]TableName{arm.SourceAlias: arm.SourceTable}
	for _, j := range arm.Joins {
		aliases[j.Alias] = j.Table
	}
	var missing []string
	check := func(alias, column string) {
		t := aliases[alias]
		if has, known := columns[t]; known && !has[column] {
			missing = append(missing, t.Name+"."+column)
		}
	}
	for _, c := range arm.OutputColumns {
		check(c.Alias, c.Column)
	}
	for _, j := range arm.Joins {
		for _, p := range j.On {
			check(p.LeftAlias, p.LeftColumn)
			check(p.RightAlias, p.RightColumn)
		}
	}
	return missing
}

// PeopleAuthViews returns the people authorization views over the given
// association resources (keyed by resource name), and their ReadChanges
// views, each ordered by name. A live view maps a claim education
// organization (SourceEducationOrganizationId of the hierarchy table) to
// the DocumentIds of the persons associated with it or with an
// organization below it; it exists when every association it reads is
// given. Its ReadChanges view (…IncludingDeletes, …DeletedResponsibility)
// adds the persons the old values of the associations' tracked changes
// related (a deleted or re-keyed association still authorizes reading the
// changes it made); it exists when every association it reads has a
// tracked-change table.
func PeopleAuthViews(associations map[string]AuthAssociation) (live, readChanges []AuthView) {
	const edOrg = "edOrg"
	has := func(names ...string) bool {
		for _, n := range names {
			if _, ok := associations[n]; !ok {
				return false
			}
		}
		return true
	}
	tracked := func(names ...string) bool {
		for _, n := range names {
			if associations[n].Tracked == nil {
				return false
			}
		}
		return true
	}
	// Each association is read under an alias, its tracked-change table
	// under alias+"_tc" with "Old" column names.
	type read struct {
		alias, name string
		old         bool
	}
	table := func(r read) TableName {
		if r.old {
			return *associations[r.name].Tracked
		}
		return associations[r.name].Table
	}
	column := func(r read, c string) string {
		if r.old {
			return "Old" + c
		}
		return c
	}
	alias := func(r read) string {
		if r.old {
			return r.alias + "_tc"
		}
		return r.alias
	}
	onTarget := func(r read) AuthViewJoin {
		return AuthViewJoin{alias(r), table(r), []AuthViewJoinPredicate{
			{edOrg, AuthTargetEdOrgColumn, alias(r), column(r, associations[r.name].EdOrgColumn)}}}
	}
	// arm selects person column personColumn of the last read, joining
	// the first read to the hierarchy and each further read to the one
	// before it on the student.
	arm := func(personColumn string, reads ...read) AuthViewArm {
		joins := []AuthViewJoin{onTarget(reads[0])}
		for i := 1; i < len(reads); i++ {
			prev, r := reads[i-1], reads[i]
			joins = append(joins, AuthViewJoin{alias(r), table(r), []AuthViewJoinPredicate{
				{alias(prev), column(prev, "Student_DocumentId"), alias(r), column(r, "Student_DocumentId")}}})
		}
		last := reads[len(reads)-1]
		out := AuthViewColumn{Alias: alias(last), Column: column(last, personColumn)}
		if last.old {
			out.OutputName = personColumn
		}
		return AuthViewArm{
			SourceAlias: edOrg, SourceTable: AuthEdOrgTable,
			OutputColumns: []AuthViewColumn{{Alias: edOrg, Column: AuthSourceEdOrgColumn}, out},
			Joins:         joins,
		}
	}
	view := func(name, op string, arms ...AuthViewArm) AuthView {
		return AuthView{View: TableName{Schema: AuthEdOrgTable.Schema, Name: name}, SetOperator: op, Arms: arms}
	}
	// withDeletes is the ReadChanges view of a live one: the live view,
	// then the arms over old values.
	withDeletes := func(of AuthView, name, liveAlias, personColumn string, arms ...AuthViewArm) AuthView {
		first := AuthViewArm{SourceAlias: liveAlias, SourceTable: of.View, OutputColumns: []AuthViewColumn{
			{Alias: liveAlias, Column: AuthSourceEdOrgColumn}, {Alias: liveAlias, Column: personColumn}}}
		return view(name, "UNION", append([]AuthViewArm{first}, arms...)...)
	}
	ssa, ssaOld := read{"ssa", authSSA, false}, read{"ssa", authSSA, true}
	sca, scaOld := read{"sca", authSCA, false}, read{"sca", authSCA, true}
	seoaaOld, seoeaOld := read{"seoaa", authSEOAA, true}, read{"seoea", authSEOEA, true}
	seoraOld := read{"seora", authSEORA, true}
	if has(authSSA, authSCA) {
		v := view("EducationOrganizationIdToContactDocumentId", "NONE", arm("Contact_DocumentId", ssa, sca))
		live = append(live, v)
		if tracked(authSSA, authSCA) {
			readChanges = append(readChanges, withDeletes(v, v.View.Name+"IncludingDeletes", "edOrgToContact", "Contact_DocumentId",
				arm("Contact_DocumentId", ssa, scaOld), arm("Contact_DocumentId", ssaOld, sca), arm("Contact_DocumentId", ssaOld, scaOld)))
		}
	}
	if has(authSEOAA, authSEOEA) {
		v := view("EducationOrganizationIdToStaffDocumentId", "UNION_ALL",
			arm("Staff_DocumentId", read{"seoaa", authSEOAA, false}), arm("Staff_DocumentId", read{"seoea", authSEOEA, false}))
		live = append(live, v)
		if tracked(authSEOAA, authSEOEA) {
			readChanges = append(readChanges, withDeletes(v, v.View.Name+"IncludingDeletes", "edOrgToStaff", "Staff_DocumentId",
				arm("Staff_DocumentId", seoaaOld), arm("Staff_DocumentId", seoeaOld)))
		}
	}
	if has(authSSA) {
		v := view("EducationOrganizationIdToStudentDocumentId", "NONE", arm("Student_DocumentId", ssa))
		live = append(live, v)
		if tracked(authSSA) {
			readChanges = append(readChanges, withDeletes(v, v.View.Name+"IncludingDeletes", "edOrgToStudent", "Student_DocumentId",
				arm("Student_DocumentId", ssaOld)))
		}
	}
	if has(authSEORA) {
		v := view("EducationOrganizationIdToStudentDocumentIdThroughResponsibility", "NONE",
			arm("Student_DocumentId", read{"seora", authSEORA, false}))
		live = append(live, v)
		if tracked(authSEORA) {
			readChanges = append(readChanges, withDeletes(v, "EducationOrganizationIdToStudentDocumentIdDeletedResponsibility",
				"edOrgToStudentResp", "Student_DocumentId", arm("Student_DocumentId", seoraOld)))
		}
	}
	sort.Slice(readChanges, func(i, j int) bool { return readChanges[i].View.Name < readChanges[j].View.Name })
	return live, readChanges
}
