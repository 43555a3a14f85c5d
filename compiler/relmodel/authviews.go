package relmodel

import "strings"

// AuthView is one people authorization view in the auth schema: which
// person documents each education organization (and every organization
// above it, through the hierarchy table) is related to. The definitions are
// fixed by the design (auth.md, "People auth views"), not derived; the
// model only supplies the association tables they read.
type AuthView struct {
	View TableName
	// SetOperator joins the arms: "NONE" for one arm, "UNION_ALL". The
	// views do not deduplicate: every consumer probes them with IN/EXISTS,
	// and a deduplicating arm would stop PostgreSQL from flattening them.
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

// AuthViewColumn is a projected column, by table alias.
type AuthViewColumn struct{ Alias, Column string }

// AuthViewJoin is one INNER JOIN; its ON clause is the conjunction of On.
type AuthViewJoin struct {
	Alias string
	Table TableName
	On    []AuthViewJoinPredicate
}

// AuthViewJoinPredicate is one column equality of a join condition.
type AuthViewJoinPredicate struct{ LeftAlias, LeftColumn, RightAlias, RightColumn string }

// peopleAuthAssociations are the core association resources the people
// authorization views read; the views exist only when all are present
// (partial or pre-5.0 models, which have StudentParentAssociation instead
// of StudentContactAssociation, get none).
var peopleAuthAssociations = []string{
	"StudentSchoolAssociation",
	"StudentContactAssociation",
	"StaffEducationOrganizationAssignmentAssociation",
	"StaffEducationOrganizationEmploymentAssociation",
	"StudentEducationOrganizationResponsibilityAssociation",
}

// peopleAuthViews adds the four people authorization views when the model
// has the education organization hierarchy and all five association
// resources, after checking that every column they read exists.
func (b *builder) peopleAuthViews() error {
	if len(b.out.AuthEntities) == 0 {
		return nil
	}
	roots := map[string]*Table{}
	for _, name := range peopleAuthAssociations {
		rb := b.byName[ResourceName{Project: b.set.Core().ProjectName, Resource: name}]
		if rb == nil {
			return nil
		}
		roots[name] = rb.res.Root()
	}
	tables := map[string]TableName{}
	for name, root := range roots {
		tables[name] = root.Name
	}
	views := PeopleAuthViews(tables)
	for _, v := range views {
		for _, arm := range v.Arms {
			if missing := arm.missingColumns(roots); len(missing) > 0 {
				return setErrorf("people authorization view %s reads column(s) the model does not have: %s", v.View.Name, strings.Join(missing, ", "))
			}
		}
	}
	b.out.PeopleAuthViews = views
	return nil
}

// missingColumns lists the association columns arm reads that their root
// tables (by table) lack, as table.column.
func (arm AuthViewArm) missingColumns(roots map[string]*Table) []string {
	byTable := map[TableName]*Table{}
	for _, t := range roots {
		byTable[t.Name] = t
	}
	aliases := map[string]TableName{arm.SourceAlias: arm.SourceTable}
	for _, j := range arm.Joins {
		aliases[j.Alias] = j.Table
	}
	var missing []string
	check := func(alias, column string) {
		t := byTable[aliases[alias]]
		if t != nil && t.Column(column) == nil {
			missing = append(missing, t.Name.Name+"."+column)
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

// PeopleAuthViews returns the people authorization views, ordered by name,
// over the root tables of the five association resources (keyed by
// resource name). Each maps a claim education organization
// (SourceEducationOrganizationId of the hierarchy table) to the
// DocumentIds of the persons associated with it or with an organization
// below it.
func PeopleAuthViews(tables map[string]TableName) []AuthView {
	const edOrg = "edOrg"
	onTarget := func(alias, column string) []AuthViewJoinPredicate {
		return []AuthViewJoinPredicate{{edOrg, AuthTargetEdOrgColumn, alias, column}}
	}
	arm := func(out AuthViewColumn, joins ...AuthViewJoin) AuthViewArm {
		return AuthViewArm{
			SourceAlias: edOrg, SourceTable: AuthEdOrgTable,
			OutputColumns: []AuthViewColumn{{edOrg, AuthSourceEdOrgColumn}, out},
			Joins:         joins,
		}
	}
	const edOrgColumn = "EducationOrganization_EducationOrganizationId"
	schoolJoin := AuthViewJoin{"ssa", tables["StudentSchoolAssociation"], onTarget("ssa", "SchoolId_Unified")}
	view := func(name, op string, arms ...AuthViewArm) AuthView {
		return AuthView{View: TableName{Schema: AuthEdOrgTable.Schema, Name: name}, SetOperator: op, Arms: arms}
	}
	return []AuthView{
		view("EducationOrganizationIdToContactDocumentId", "NONE",
			arm(AuthViewColumn{"sca", "Contact_DocumentId"}, schoolJoin,
				AuthViewJoin{"sca", tables["StudentContactAssociation"], []AuthViewJoinPredicate{{"ssa", "Student_DocumentId", "sca", "Student_DocumentId"}}})),
		view("EducationOrganizationIdToStaffDocumentId", "UNION_ALL",
			arm(AuthViewColumn{"seoaa", "Staff_DocumentId"},
				AuthViewJoin{"seoaa", tables["StaffEducationOrganizationAssignmentAssociation"], onTarget("seoaa", edOrgColumn)}),
			arm(AuthViewColumn{"seoea", "Staff_DocumentId"},
				AuthViewJoin{"seoea", tables["StaffEducationOrganizationEmploymentAssociation"], onTarget("seoea", edOrgColumn)})),
		view("EducationOrganizationIdToStudentDocumentId", "NONE",
			arm(AuthViewColumn{"ssa", "Student_DocumentId"}, schoolJoin)),
		view("EducationOrganizationIdToStudentDocumentIdThroughResponsibility", "NONE",
			arm(AuthViewColumn{"seora", "Student_DocumentId"},
				AuthViewJoin{"seora", tables["StudentEducationOrganizationResponsibilityAssociation"], onTarget("seora", edOrgColumn)})),
	}
}
