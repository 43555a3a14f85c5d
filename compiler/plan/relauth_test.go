package plan_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/compiler/effschema"
	"github.com/edfi-dmsc/dmsc/compiler/load"
	"github.com/edfi-dmsc/dmsc/compiler/relmodel"
	"github.com/edfi-dmsc/dmsc/internal/refdata"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// TestRelationshipElementsOfBundledSchema: the bundled schema's
// EducationOrganization and person securable elements resolve to the
// root-table columns the relationship strategies filter by.
func TestRelationshipElementsOfBundledSchema(t *testing.T) {
	s := bundled(t)
	for _, tc := range []struct {
		resource string
		want     spec.RelationshipAuthorization
	}{
		{"StudentSchoolAssociation", spec.RelationshipAuthorization{
			EdOrgs: []spec.EdOrgElement{{JSONPath: "$.schoolReference.schoolId", MetaEdName: "SchoolId", Column: "School_SchoolId"}},
			People: []spec.PersonElement{{Kind: spec.PersonStudent, JSONPath: "$.studentReference.studentUniqueId", Column: "Student_DocumentId",
				RowInViews: []string{"EducationOrganizationIdToStudentDocumentId"}}},
		}},
		{"Student", spec.RelationshipAuthorization{
			People: []spec.PersonElement{{Kind: spec.PersonStudent, JSONPath: "$.studentUniqueId", Column: "DocumentId", Stored: -1}},
		}},
		{"Staff", spec.RelationshipAuthorization{
			People: []spec.PersonElement{{Kind: spec.PersonStaff, JSONPath: "$.staffUniqueId", Column: "DocumentId", Stored: -1}},
		}},
		// Both paths carry the school key unification stores once: both
		// filter by the canonical column.
		{"CourseOffering", spec.RelationshipAuthorization{
			EdOrgs: []spec.EdOrgElement{
				{JSONPath: "$.schoolReference.schoolId", MetaEdName: "SchoolId", Column: "SchoolId_Unified"},
				{JSONPath: "$.sessionReference.schoolId", MetaEdName: "SchoolId", Column: "SchoolId_Unified"},
			},
		}},
	} {
		r := find(t, s, tc.resource)
		checkRelationships(t, r, tc.want)
	}
	if ra := find(t, s, "AcademicSubjectDescriptor").Relationships; ra != nil {
		t.Errorf("a descriptor has relationship elements: %+v", ra)
	}
	if ra := find(t, s, "Session").Relationships; ra == nil {
		t.Error("Session's $.schoolReference.schoolId element is not resolved")
	}
}

// checkRelationships compares r's relationship elements with want, whose
// Stored indexes are filled from r's plan (-1 kept) after checking they
// name the element's column.
func checkRelationships(t *testing.T, r *spec.Resource, want spec.RelationshipAuthorization) {
	t.Helper()
	got := r.Relationships
	if got == nil {
		t.Errorf("%s: no relationship elements, want %+v", r.Name, want)
		return
	}
	storedName := func(i int) string {
		if i < 0 || i >= len(r.Write.Tables[0].Stored) {
			return ""
		}
		return r.Tables[0].Columns[r.Write.Tables[0].Stored[i]].Name
	}
	for i := range want.EdOrgs {
		if i < len(got.EdOrgs) && storedName(got.EdOrgs[i].Stored) == want.EdOrgs[i].Column {
			want.EdOrgs[i].Stored = got.EdOrgs[i].Stored
		}
	}
	for i := range want.People {
		if i < len(got.People) && want.People[i].Stored != -1 && storedName(got.People[i].Stored) == want.People[i].Column {
			want.People[i].Stored = got.People[i].Stored
		}
	}
	if !reflect.DeepEqual(*got, want) {
		t.Errorf("%s: relationship elements\n got %+v\nwant %+v", r.Name, *got, want)
	}
}

// TestRelationshipElementsOfDS32a resolves every EducationOrganization and
// person securable element of the DS 3.2a core, the multi-hop person paths
// (epic 14, story 15) among them.
func TestRelationshipElementsOfDS32a(t *testing.T) {
	s := buildPlans(t, refdata.File(t, refdata.DS32aCoreSchema))
	var edOrgResources, self, direct, multiHop, unchecked int
	var multi []string
	for _, r := range s.Resources {
		ra := r.Relationships
		if ra == nil {
			continue
		}
		if len(ra.EdOrgs) > 0 {
			edOrgResources++
		}
		unchecked += len(ra.Unchecked)
		for _, p := range ra.People {
			switch {
			case p.Column == "DocumentId":
				self++
			case len(p.Hops) == 0:
				direct++
			default:
				multiHop++
				multi = append(multi, r.Name)
			}
		}
	}
	t.Logf("DS 3.2a: %d resources with EdOrg elements; person elements: %d self, %d direct, %d multi-hop (%s); %d unchecked",
		edOrgResources, self, direct, multiHop, strings.Join(multi, ", "), unchecked)
	// The schema lists 75 resources with EducationOrganization paths, 33
	// with Student and 13 with Staff paths, none inside an array.
	if edOrgResources != 75 || self != 2 || direct != 41 || multiHop != 3 || unchecked != 0 {
		t.Errorf("got %d EdOrg resources, %d self, %d direct, %d multi-hop, %d unchecked; want 75, 2, 41, 3, 0",
			edOrgResources, self, direct, multiHop, unchecked)
	}
	checkRelationships(t, find(t, s, "CourseTranscript"), spec.RelationshipAuthorization{
		EdOrgs: []spec.EdOrgElement{{JSONPath: "$.studentAcademicRecordReference.educationOrganizationId", MetaEdName: "EducationOrganizationId", Column: "StudentAcademicRecord_EducationOrganizationId"}},
		People: []spec.PersonElement{{Kind: spec.PersonStudent, JSONPath: "$.studentAcademicRecordReference.studentUniqueId", Column: "StudentAcademicRecord_DocumentId",
			Hops: []spec.PersonHop{{Table: `"edfi"."StudentAcademicRecord"`, Column: "Student_DocumentId"}}}},
	})
	// StudentSchoolAssociation's school id is unified with its calendar's
	// and graduation plan's: the element filters by the canonical column.
	checkRelationships(t, find(t, s, "StudentSchoolAssociation"), spec.RelationshipAuthorization{
		EdOrgs: []spec.EdOrgElement{{JSONPath: "$.schoolReference.schoolId", MetaEdName: "SchoolId", Column: "SchoolId_Unified"}},
		People: []spec.PersonElement{{Kind: spec.PersonStudent, JSONPath: "$.studentReference.studentUniqueId", Column: "Student_DocumentId",
			RowInViews: []string{"EducationOrganizationIdToStudentDocumentId"}}},
	})
	checkRelationships(t, find(t, s, "Grade"), spec.RelationshipAuthorization{
		EdOrgs: []spec.EdOrgElement{{JSONPath: "$.studentSectionAssociationReference.schoolId", MetaEdName: "SchoolId", Column: "SchoolId_Unified"}},
		People: []spec.PersonElement{{Kind: spec.PersonStudent, JSONPath: "$.studentSectionAssociationReference.studentUniqueId", Column: "StudentSectionAssociation_DocumentId",
			Hops: []spec.PersonHop{{Table: `"edfi"."StudentSectionAssociation"`, Column: "Student_DocumentId"}}}},
	})
}

// TestRelationshipElementsInArraysAreUnchecked: paths inside arrays are
// recorded, not resolved, whatever their kind; the change plan lists them
// with their kinds as subjects the tracked changes cannot record.
func TestRelationshipElementsInArraysAreUnchecked(t *testing.T) {
	s := buildPlans(t, editedCore(t, func(schemas map[string]any) {
		se := securableElements(schemas, "sections")
		se["EducationOrganization"] = append(se["EducationOrganization"].([]any),
			map[string]any{"jsonPath": "$.classPeriods[*].classPeriodReference.schoolId", "metaEdName": "SchoolId"})
		se["Student"] = []any{"$.classPeriods[*].classPeriodReference.classPeriodName"}
	}))
	checkRelationships(t, find(t, s, "Section"), spec.RelationshipAuthorization{
		EdOrgs:    []spec.EdOrgElement{{JSONPath: "$.courseOfferingReference.schoolId", MetaEdName: "SchoolId", Column: "SchoolId_Unified"}},
		Unchecked: []string{"$.classPeriods[*].classPeriodReference.schoolId", "$.classPeriods[*].classPeriodReference.classPeriodName"},
	})
	want := []spec.UntrackedSubject{{Kind: spec.SecurableEducationOrganization, JSONPath: "$.classPeriods[*].classPeriodReference.schoolId"},
		{Kind: spec.PersonStudent, JSONPath: "$.classPeriods[*].classPeriodReference.classPeriodName"}}
	if got := find(t, s, "Section").Changes.UntrackedSubjects; !reflect.DeepEqual(got, want) {
		t.Errorf("Section's untracked subjects %v, want %v", got, want)
	}
}

// TestUnresolvablePersonElementFails: a root person path that leads to no
// person is a compile error naming the file, resource and path, not an
// element silently left unchecked. The relational model resolves the
// chains (for the authorization indexes and tracked changes) and refuses
// it before the plans are built.
func TestUnresolvablePersonElementFails(t *testing.T) {
	set, err := load.Files(editedCore(t, func(schemas map[string]any) {
		securableElements(schemas, "sessions")["Student"] = []any{"$.schoolReference.schoolId"}
	}))
	if err != nil {
		t.Fatal(err)
	}
	info, err := effschema.Compute(set)
	if err != nil {
		t.Fatal(err)
	}
	_, err = relmodel.Derive(set, info, relmodel.PGSQL, true)
	if err == nil {
		t.Fatal("Derive accepted a Student element that leads to a school")
	}
	for _, want := range []string{"core.ApiSchema.json", "Session", "Student", "$.schoolReference.schoolId"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %q", err, want)
		}
	}
}

// securableElements is the securableElements object of a resource of a
// decoded project schema's resourceSchemas.
func securableElements(schemas map[string]any, endpoint string) map[string]any {
	return schemas[endpoint].(map[string]any)["securableElements"].(map[string]any)
}

// editedCore writes the bundled core schema, after edit has changed its
// resourceSchemas, to a temporary core.ApiSchema.json.
func editedCore(t *testing.T, edit func(schemas map[string]any)) string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(refdata.RepoRoot(t), "schemas/default/core.ApiSchema.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	edit(doc["projectSchema"].(map[string]any)["resourceSchemas"].(map[string]any))
	if raw, err = json.Marshal(doc); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "core.ApiSchema.json")
	if err := os.WriteFile(file, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// TestCheckRefusesBrokenRelationships breaks one relationship element of a
// built plan at a time and expects Check to name it.
func TestCheckRefusesBrokenRelationships(t *testing.T) {
	for _, tc := range []struct {
		name    string
		corrupt func(ra *spec.RelationshipAuthorization)
		want    string
	}{
		{"EdOrg stored out of range", func(ra *spec.RelationshipAuthorization) { ra.EdOrgs[0].Stored = 1000 }, "Stored"},
		{"EdOrg stored of another column", func(ra *spec.RelationshipAuthorization) { ra.EdOrgs[0].Stored = 0 }, "not School_SchoolId"},
		{"EdOrg column not on the root", func(ra *spec.RelationshipAuthorization) { ra.EdOrgs[0].Column = "NoSuchColumn" }, "NoSuchColumn is not on the root table"},
		{"person kind", func(ra *spec.RelationshipAuthorization) { ra.People[0].Kind = "Parent" }, `Kind "Parent"`},
		{"person stored -1 for a reference", func(ra *spec.RelationshipAuthorization) { ra.People[0].Stored = -1 }, "Stored"},
		{"empty hop", func(ra *spec.RelationshipAuthorization) {
			ra.People[0].Hops = []spec.PersonHop{{Table: `"edfi"."Student"`}}
		}, "hop 0: Column is empty"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			corrupt := func(r *spec.Resource) { tc.corrupt(r.Relationships) }
			expectCheckRefuses(t, "StudentSchoolAssociation", corrupt, "StudentSchoolAssociation", tc.want)
		})
	}
	s := bundled(t)
	find(t, s, "Student").Relationships.People[0].Stored = 0
	if err := s.Check(); err == nil || !strings.Contains(err.Error(), "own DocumentId") {
		t.Errorf("Check() = %v; want the person's own DocumentId element with a Stored index refused", err)
	}
}
