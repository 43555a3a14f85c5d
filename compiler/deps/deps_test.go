package deps

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/compiler/load"
	"github.com/edfi-dmsc/dmsc/internal/refdata"
)

// res describes a test resource: its name, its endpoint, and references
// ("Name" is optional, "Name!" required).
type res struct {
	name, endpoint string
	refs           []string
	superclass     string
	descriptor     bool
}

// schema builds a one-project ApiSchema (Ed-Fi) from resources; abstract
// names abstract resources.
func schema(t *testing.T, abstract []string, resources ...res) *load.SchemaSet {
	t.Helper()
	mapping := map[string]string{}
	schemas := map[string]any{}
	for _, r := range resources {
		mapping[r.name] = r.endpoint
		paths := map[string]any{}
		for _, ref := range r.refs {
			name, required := strings.CutSuffix(ref, "!")
			paths[name] = map[string]any{"isReference": true, "isRequired": required, "projectName": "Ed-Fi", "resourceName": name}
		}
		schemas[r.endpoint] = map[string]any{
			"resourceName": r.name, "isDescriptor": r.descriptor, "isResourceExtension": false,
			"isSubclass": r.superclass != "", "superclassResourceName": r.superclass,
			"isSchoolYearEnumeration": false, "documentPathsMapping": paths,
		}
	}
	abstracts := map[string]any{}
	for _, a := range abstract {
		abstracts[a] = map[string]any{}
	}
	doc, err := json.Marshal(map[string]any{
		"apiSchemaVersion": "1.0.0",
		"projectSchema": map[string]any{
			"projectName": "Ed-Fi", "projectEndpointName": "ed-fi", "projectVersion": "5.2.0", "isExtensionProject": false,
			"resourceNameMapping": mapping, "resourceSchemas": schemas, "abstractResources": abstracts,
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	set, err := load.Documents(load.Document{Name: "test", Data: doc})
	if err != nil {
		t.Fatal(err)
	}
	return set
}

func render(steps []Step) []string {
	out := make([]string, len(steps))
	for i, s := range steps {
		out[i] = fmt.Sprintf("%d %s %s", s.Order, s.Resource, strings.Join(s.Operations, ","))
	}
	return out
}

func expectOrder(t *testing.T, set *load.SchemaSet, want ...string) {
	t.Helper()
	steps, err := LoadOrder(set)
	if err != nil {
		t.Fatal(err)
	}
	if got := render(steps); !reflect.DeepEqual(got, want) {
		t.Errorf("load order:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestReferenceToAbstractResourceDependsOnEverySubclass(t *testing.T) {
	set := schema(t, []string{"EducationOrganization"},
		res{name: "EducationOrganizationCategoryDescriptor", endpoint: "educationOrganizationCategoryDescriptors", descriptor: true},
		res{name: "LocalEducationAgency", endpoint: "localEducationAgencies", superclass: "EducationOrganization", refs: []string{"EducationOrganizationCategoryDescriptor"}},
		res{name: "School", endpoint: "schools", superclass: "EducationOrganization", refs: []string{"EducationOrganizationCategoryDescriptor", "LocalEducationAgency"}},
		res{name: "OpenStaffPosition", endpoint: "openStaffPositions", refs: []string{"EducationOrganization"}},
	)
	expectOrder(t, set,
		"1 /ed-fi/educationOrganizationCategoryDescriptors Create,Update",
		"2 /ed-fi/localEducationAgencies Create,Update",
		"3 /ed-fi/schools Create,Update",
		"4 /ed-fi/openStaffPositions Create,Update")
}

// people is the reference's authorization scenario: resources that refer
// to a person wait for the person's primary association, and the person's
// Update comes after it.
func people(t *testing.T) *load.SchemaSet {
	return schema(t, nil,
		res{name: "Student", endpoint: "students"},
		res{name: "DisciplineAction", endpoint: "disciplineActions", refs: []string{"Student"}},
		res{name: "StudentSchoolAssociation", endpoint: "studentSchoolAssociations", refs: []string{"Student"}},
		res{name: "Staff", endpoint: "staffs"},
		res{name: "LocalContractedStaff", endpoint: "localContractedStaffs", refs: []string{"Staff"}},
		res{name: "StaffEducationOrganizationEmploymentAssociation", endpoint: "staffEducationOrganizationEmploymentAssociations", refs: []string{"Staff"}},
		res{name: "StaffEducationOrganizationAssignmentAssociation", endpoint: "staffEducationOrganizationAssignmentAssociations", refs: []string{"Staff"}},
		res{name: "Contact", endpoint: "contacts"},
		res{name: "SurveyResponse", endpoint: "surveyResponses", refs: []string{"Contact"}},
		res{name: "StudentContactAssociation", endpoint: "studentContactAssociations", refs: []string{"Contact"}},
	)
}

func TestPeopleLoadThroughTheirPrimaryAssociations(t *testing.T) {
	expectOrder(t, people(t),
		"1 /ed-fi/contacts Create",
		"1 /ed-fi/staffs Create",
		"1 /ed-fi/students Create",
		"2 /ed-fi/staffEducationOrganizationAssignmentAssociations Create,Update",
		"2 /ed-fi/staffEducationOrganizationEmploymentAssociations Create,Update",
		"2 /ed-fi/studentContactAssociations Create,Update",
		"2 /ed-fi/studentSchoolAssociations Create,Update",
		"3 /ed-fi/contacts Update",
		"3 /ed-fi/staffs Update",
		"3 /ed-fi/students Update",
		"3 /ed-fi/disciplineActions Create,Update",
		"3 /ed-fi/localContractedStaffs Create,Update",
		"3 /ed-fi/surveyResponses Create,Update")
}

func TestOptionalReferenceBreaksACycle(t *testing.T) {
	set := schema(t, nil,
		res{name: "Course", endpoint: "courses", refs: []string{"Program"}},
		res{name: "Program", endpoint: "programs", refs: []string{"Course!"}},
	)
	expectOrder(t, set, "1 /ed-fi/courses Create,Update", "2 /ed-fi/programs Create,Update")

	required := schema(t, nil,
		res{name: "Course", endpoint: "courses", refs: []string{"Program!"}},
		res{name: "Program", endpoint: "programs", refs: []string{"Course!"}},
	)
	if _, err := LoadOrder(required); err == nil || !strings.Contains(err.Error(), "circular dependency") {
		t.Errorf("err = %v, want a circular dependency error", err)
	}
}

func TestEndpointsSortAsTheReferenceCultureDoes(t *testing.T) {
	sorted := []string{
		"/ed-fi/staffs", "/ed-fi/studentCharacteristicDescriptors", "/ed-fi/studentCTEProgramAssociations",
		"/ed-fi/students", "/ed-fi/students#Retry", "/ed-fi/studentSchoolAssociations", "/homograph/schools",
	}
	// Ordinal order would put studentCTE… before studentCharacteristic… and
	// studentSchool… before students.
	shuffled := slices.Clone(sorted)
	slices.Reverse(shuffled)
	slices.SortStableFunc(shuffled, compareCulture)
	if !reflect.DeepEqual(shuffled, sorted) {
		t.Errorf("sorted:\n%s\nwant:\n%s", strings.Join(shuffled, "\n"), strings.Join(sorted, "\n"))
	}
	if !lessCulture("/ed-fi/abc", "/ed-fi/aBc") || lessCulture("/ed-fi/aBc", "/ed-fi/abc") {
		t.Error("at equal letters, lower case must sort first")
	}
}

func TestGraphMLRetryNodes(t *testing.T) {
	out, err := GraphML(people(t))
	if err != nil {
		t.Fatal(err)
	}
	text := string(out)
	for _, want := range []string{
		`<graph id="EdFi Dependencies" edgedefault="directed">`,
		`<node id="/ed-fi/students#Retry"/>`,
		`<edge source="/ed-fi/studentSchoolAssociations" target="/ed-fi/students#Retry"/>`,
		`<edge source="/ed-fi/students" target="/ed-fi/studentSchoolAssociations"/>`,
		`<edge source="/ed-fi/students#Retry" target="/ed-fi/disciplineActions"/>`,
		`<edge source="/ed-fi/staffs#Retry" target="/ed-fi/localContractedStaffs"/>`,
		`<edge source="/ed-fi/contacts#Retry" target="/ed-fi/surveyResponses"/>`,
	} {
		if !strings.Contains(text, want+"\n") {
			t.Errorf("GraphML lacks %s", want)
		}
	}
	// What depended on a primary association now hangs off the retry node.
	if strings.Contains(text, `source="/ed-fi/studentSchoolAssociations" target="/ed-fi/disciplineActions"`) {
		t.Error("GraphML keeps the association's downstream edge")
	}
	nodes := strings.Count(text, "<node ")
	if nodes != 13 {
		t.Errorf("%d nodes, want 13 (10 resources, 3 retry nodes)", nodes)
	}
}

// TestDS32aLoadOrder checks the real DS 3.2a core: every resource but
// SchoolYearType appears (people twice), and every required reference is
// loaded in an earlier group than the resource that holds it.
func TestDS32aLoadOrder(t *testing.T) {
	set, err := load.Files(refdata.File(t, refdata.DS32aCoreSchema))
	if err != nil {
		t.Fatal(err)
	}
	steps, err := LoadOrder(set)
	if err != nil {
		t.Fatal(err)
	}
	created := map[string]int{}
	for _, s := range steps {
		if slices.Contains(s.Operations, "Create") {
			if _, dup := created[s.Resource]; dup {
				t.Errorf("%s is created twice", s.Resource)
			}
			created[s.Resource] = s.Order
		}
	}
	core := set.Core()
	endpoint := func(resource string) string {
		e, _ := core.Schema.Get("resourceNameMapping").Get(resource).Str()
		return "/ed-fi/" + e
	}
	resources := core.Schema.Get("resourceSchemas").ObjectMembers()
	if len(created) != len(resources)-1 {
		t.Errorf("%d resources created, want %d (all but SchoolYearType)", len(created), len(resources)-1)
	}
	for _, m := range resources {
		holder := endpoint(m.Value.Get("resourceName").StringOr(""))
		for _, p := range m.Value.Get("documentPathsMapping").ObjectMembers() {
			ref, _ := p.Value.Get("resourceName").Str()
			if !p.Value.Get("isReference").BoolOr(false) || !p.Value.Get("isRequired").BoolOr(false) || ref == "SchoolYearType" {
				continue
			}
			if order, ok := created[endpoint(ref)]; ok && order >= created[holder] {
				t.Errorf("%s (order %d) requires %s (order %d)", holder, created[holder], endpoint(ref), order)
			}
		}
	}
	graphML, err := GraphML(set)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("DS 3.2a: %d load steps in %d groups; JSON %d bytes, GraphML %d bytes", len(steps), steps[len(steps)-1].Order, len(JSON(steps)), len(graphML))
}

// TestPersonWithoutAssociationsStaysOrdinary covers subset schemas (the
// bundled one has Staff but no staff associations), on which the reference
// fails: the person's dependents and its Update are not moved.
func TestPersonWithoutAssociationsStaysOrdinary(t *testing.T) {
	set := schema(t, nil,
		res{name: "Staff", endpoint: "staffs"},
		res{name: "LocalContractedStaff", endpoint: "localContractedStaffs", refs: []string{"Staff!"}},
	)
	expectOrder(t, set, "1 /ed-fi/staffs Create,Update", "2 /ed-fi/localContractedStaffs Create,Update")
	if _, err := GraphML(set); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkLoadOrderDS32a measures the load order and GraphML of the DS
// 3.2a core (schema already loaded).
func BenchmarkLoadOrderDS32a(b *testing.B) {
	set, err := load.Files(refdata.File(b, refdata.DS32aCoreSchema))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := LoadOrder(set); err != nil {
			b.Fatal(err)
		}
		if _, err := GraphML(set); err != nil {
			b.Fatal(err)
		}
	}
}
