package authz

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/runtime/auth"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// courseTranscript is a hand-built resource with an education
// organization element and a student reached through one hop, as the
// compiler resolves CourseTranscript (design-docs/auth.md, "Resolving the
// DB columns used for authorization").
func courseTranscript() *spec.Resource {
	return &spec.Resource{
		Name: "CourseTranscript",
		Read: &spec.ReadPlan{PageFrom: `"edfi"."CourseTranscript" r`},
		Relationships: &spec.RelationshipAuthorization{
			EdOrgs: []spec.EdOrgElement{{JSONPath: "$.studentAcademicRecordReference.educationOrganizationId", MetaEdName: "EducationOrganizationId",
				Column: "StudentAcademicRecord_EducationOrganizationId", Stored: 1}},
			People: []spec.PersonElement{{Kind: spec.PersonStudent, JSONPath: "$.studentAcademicRecordReference.studentUniqueId",
				Column: "StudentAcademicRecord_DocumentId", Stored: 2,
				Hops: []spec.PersonHop{{Table: `"edfi"."StudentAcademicRecord"`, Column: "Student_DocumentId"}}}},
		},
	}
}

// ruleOf is the rule of res under strategies for a client with claims.
func ruleOf(res *spec.Resource, claims []int64, strategies ...string) *RelationshipRule {
	ctx := auth.WithPrincipal(context.Background(), &auth.Principal{EducationOrganizationIDs: claims})
	auth.SetDecision(ctx, &auth.Decision{Strategies: strategies})
	return RelationshipRuleFrom(ctx, res)
}

func TestRelationshipPlanSQL(t *testing.T) {
	res := courseTranscript()
	r := ruleOf(res, []int64{255901, 3}, NamespaceBased, RelationshipsWithEdOrgsAndPeople, RelationshipsWithEdOrgsOnlyInverted)
	if !slices.Equal(r.Claims, []int64{3, 255901}) {
		t.Errorf("claims %v, want sorted", r.Claims)
	}
	filter, args := r.Filter(4)
	const edOrg = `r."StudentAcademicRecord_EducationOrganizationId" IN (SELECT unnest($4::bigint[]) UNION ALL SELECT "TargetEducationOrganizationId" FROM "auth"."EducationOrganizationIdToEducationOrganizationId" WHERE "SourceEducationOrganizationId" = ANY($4::bigint[]))`
	const student = `r."StudentAcademicRecord_DocumentId" IN (SELECT h1."DocumentId" FROM "edfi"."StudentAcademicRecord" h1 WHERE h1."Student_DocumentId" IN (SELECT "Student_DocumentId" FROM "auth"."EducationOrganizationIdToStudentDocumentId" WHERE "SourceEducationOrganizationId" = ANY($4::bigint[])))`
	const inverted = `r."StudentAcademicRecord_EducationOrganizationId" IN (SELECT unnest($4::bigint[]) UNION ALL SELECT "SourceEducationOrganizationId" FROM "auth"."EducationOrganizationIdToEducationOrganizationId" WHERE "TargetEducationOrganizationId" = ANY($4::bigint[]))`
	// Strategies in relationshipStrategies order (the set, not the claim's order).
	if want := "((" + inverted + ") OR (" + edOrg + " AND " + student + "))"; filter != want {
		t.Errorf("filter\n got %s\nwant %s", filter, want)
	}
	if len(args) != 1 {
		t.Errorf("filter args %v, want the claims only", args)
	}
	sql, _ := r.StoredByUUID("x", false)
	if !strings.Contains(sql, `"Student_DocumentId" = (SELECT h1."Student_DocumentId" FROM "edfi"."StudentAcademicRecord" h1 WHERE h1."DocumentId" = r."StudentAcademicRecord_DocumentId"))`) {
		t.Errorf("stored check does not follow the hop forward: %s", sql)
	}
	// Built once per resource and strategy set.
	if again := ruleOf(res, nil, RelationshipsWithEdOrgsOnlyInverted, RelationshipsWithEdOrgsAndPeople); again.plan != r.plan {
		t.Error("the same strategy set built a second plan")
	}
	if ruleOf(res, nil, NamespaceBased) != nil {
		t.Error("a rule without relationship strategies")
	}
	_, pargs, missing := r.Proposed([]*string{nil, ptr("255901001"), nil}, func(stored int) string {
		if stored == 2 {
			return "ref"
		}
		return ""
	})
	if !slices.Equal(missing, []bool{false, false, false}) || len(pargs) != 4 || pargs[1] != "255901001" || pargs[2] != "255901001" || pargs[3] != "ref" {
		t.Errorf("proposed args %v, missing %v", pargs, missing)
	}
}

func ptr(s string) *string { return &s }

func TestRelationshipProblems(t *testing.T) {
	res := courseTranscript()
	both := ruleOf(res, []int64{255901}, RelationshipsWithEdOrgsAndPeople)
	// Subjects: education organization, student.
	cases := []struct {
		name string
		p    *problem.Details
		want problem.Details
	}{
		{"student unrelated", both.Stored([]bool{true, false, false, false}), problem.Details{Type: typeForbidden,
			Detail: detailDataNotAuthorized + " Hint: You may need to create a corresponding 'StudentSchoolAssociation' item.",
			Errors: []string{"No relationships have been established between the caller's education organization id claim ('255901') and the resource item's 'StudentUniqueId' value."}}},
		{"both unrelated", both.Stored([]bool{false, false, false, false}), problem.Details{Type: typeForbidden,
			Detail: detailDataNotAuthorized + " Hint: You may need to create a corresponding 'StudentSchoolAssociation' item.",
			Errors: []string{"No relationships have been established between the caller's education organization id claim ('255901') and one or more of the following properties of the resource item: 'EducationOrganizationId', 'StudentUniqueId'."}}},
		{"stored NULL outranks unrelated", both.Stored([]bool{false, false, true, false}), problem.Details{Type: typeForbidden + typeElementUninitialized,
			Detail: detailDataNotAuthorized + " The existing 'EducationOrganizationId' value is required for authorization purposes.",
			Errors: []string{"The existing resource item is inaccessible to clients using the 'RelationshipsWithEdOrgsAndPeople' authorization strategy."}}},
		{"proposed missing", both.CheckProposed([]bool{false, false}, []bool{true, false}, nil), problem.Details{Type: typeForbidden + typeElementRequired,
			Detail: detailDataNotAuthorized + " The 'EducationOrganizationId' value is required for authorization purposes."}},
		{"related", both.Stored([]bool{true, true, false, false}), problem.Details{}},
		{"no claims", ruleOf(res, nil, RelationshipsWithEdOrgsAndPeople).Stored([]bool{true, true, false, false}), problem.Details{Type: typeForbidden,
			Detail: detailDataNotAuthorized + " Hint: You may need to create a corresponding 'StudentSchoolAssociation' item.",
			Errors: []string{"No relationships have been established between the caller's education organization id claims (none) and one or more of the following properties of the resource item: 'EducationOrganizationId', 'StudentUniqueId'."}}},
	}
	for _, c := range cases {
		if c.want.Type == "" {
			if c.p != nil {
				t.Errorf("%s: %+v, want allowed", c.name, c.p)
			}
			continue
		}
		if c.p == nil || c.p.Type != c.want.Type || c.p.Detail != c.want.Detail || !slices.Equal(c.p.Errors, c.want.Errors) || c.p.Status != 403 {
			t.Errorf("%s:\n got %+v\nwant %+v", c.name, c.p, c.want)
		}
	}
	// ORed strategies: one passing suffices; all failing report each.
	or := ruleOf(res, []int64{255901}, RelationshipsWithEdOrgsOnlyInverted, RelationshipsWithEdOrgsOnly)
	if p := or.Stored([]bool{true, false, false, false}); p != nil {
		t.Errorf("normal passes, inverted fails: %+v", p)
	}
	if p := or.Stored([]bool{false, false, true, true}); p == nil || len(p.Errors) != 2 {
		t.Errorf("both strategies on a NULL: %+v, want an error per strategy", p)
	}
}

// TestRelationshipFilterSkipsThePersonTheRowRelates: the GET-many filter
// of a StudentSchoolAssociation under a top-down strategy with education
// organizations does not probe the student view, whose row for the
// student is the association itself; every other combination does, and
// the single-document checks keep the student's relation.
func TestRelationshipFilterSkipsThePersonTheRowRelates(t *testing.T) {
	ssa := func(rowInViews []string) *spec.Resource {
		return &spec.Resource{
			Name: "StudentSchoolAssociation",
			Read: &spec.ReadPlan{PageFrom: `"edfi"."StudentSchoolAssociation" r`},
			Relationships: &spec.RelationshipAuthorization{
				EdOrgs: []spec.EdOrgElement{{JSONPath: "$.schoolReference.schoolId", MetaEdName: "SchoolId", Column: "School_SchoolId", Stored: 1}},
				People: []spec.PersonElement{{Kind: spec.PersonStudent, JSONPath: "$.studentReference.studentUniqueId", Column: "Student_DocumentId", Stored: 2,
					RowInViews: rowInViews}},
			},
		}
	}
	const view = `"auth"."EducationOrganizationIdToStudentDocumentId"`
	inView := []string{"EducationOrganizationIdToStudentDocumentId"}
	for _, c := range []struct {
		name, strategy string
		rowInViews     []string
		probes         bool
	}{
		{"row in view", RelationshipsWithEdOrgsAndPeople, inView, false},
		{"row in view", RelationshipsWithEdOrgsAndPeopleInverted, inView, true},
		{"row in view", RelationshipsWithStudentsOnly, inView, true},
		{"row in no view", RelationshipsWithEdOrgsAndPeople, nil, true},
	} {
		r := ruleOf(ssa(c.rowInViews), []int64{7}, c.strategy)
		filter, _ := r.Filter(1)
		if got := strings.Contains(filter, view); got != c.probes {
			t.Errorf("%s %s: filter probes the student view %v, want %v: %s", c.name, c.strategy, got, c.probes, filter)
		}
		if stored, _ := r.StoredByUUID("x", false); !strings.Contains(stored, view) {
			t.Errorf("%s %s: the stored check does not relate the student: %s", c.name, c.strategy, stored)
		}
	}
}

// TestStoredWithoutRowIsDenied: a stored check that selected no row
// relates nothing, whatever the client's claims.
func TestStoredWithoutRowIsDenied(t *testing.T) {
	r := ruleOf(courseTranscript(), []int64{255901}, RelationshipsWithEdOrgsOnly)
	if r.Stored(nil) == nil {
		t.Error("Stored(nil) with claims allowed the request")
	}
}
