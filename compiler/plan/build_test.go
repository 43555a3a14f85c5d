package plan_test

import (
	"path/filepath"
	"testing"

	"github.com/edfi-dmsc/dmsc/compiler/effschema"
	"github.com/edfi-dmsc/dmsc/compiler/load"
	"github.com/edfi-dmsc/dmsc/compiler/plan"
	"github.com/edfi-dmsc/dmsc/compiler/relmodel"
	"github.com/edfi-dmsc/dmsc/internal/refdata"
	"github.com/edfi-dmsc/dmsc/internal/testplan"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// bundled builds the plans of the bundled default schema.
func bundled(t *testing.T) *spec.Schema {
	t.Helper()
	repo := refdata.RepoRoot(t)
	return buildPlans(t, filepath.Join(repo, "schemas/default/core.ApiSchema.json"), filepath.Join(repo, "schemas/default/sample.ApiSchema.json"))
}

// buildPlans builds the plans of the schema files over their PostgreSQL
// relational model.
func buildPlans(t *testing.T, files ...string) *spec.Schema {
	t.Helper()
	set, err := load.Files(files...)
	if err != nil {
		t.Fatal(err)
	}
	info, err := effschema.Compute(set)
	if err != nil {
		t.Fatal(err)
	}
	model, err := relmodel.Derive(set, info, relmodel.PGSQL, true)
	if err != nil {
		t.Fatal(err)
	}
	s, err := plan.Build(plan.Input{Set: set, Info: info, Model: model})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// find is the resource of s named name; the test fails when there is
// none.
func find(t *testing.T, s *spec.Schema, name string) *spec.Resource {
	t.Helper()
	return testplan.Resource(t, s, name)
}

func TestBuildTablesAndIdentity(t *testing.T) {
	s := bundled(t)
	school := find(t, s, "School")
	if school.Endpoint != "schools" || school.ProjectEndpoint != "ed-fi" || school.IsDescriptor {
		t.Errorf("school resource = %+v", school)
	}
	if len(school.Identity) != 1 || school.Identity[0].Column != "SchoolId" {
		t.Errorf("school identity = %+v", school.Identity)
	}
	if sc := school.Superclass; sc == nil || sc.ResourceName != "EducationOrganization" || sc.IdentityRenameTo != "$.educationOrganizationId" || sc.ResourceKeyID == 0 {
		t.Errorf("school superclass = %+v", sc)
	}
	byName := map[string]*spec.Table{}
	for _, tb := range school.Tables {
		byName[tb.Name] = tb
	}
	period := byName["SchoolAddressPeriod"]
	if period == nil || school.Tables[period.Parent].Name != "SchoolAddress" {
		t.Fatalf("SchoolAddressPeriod parent wrong: %+v", period)
	}
	if got := period.ScopeSteps; len(got) != 2 || got[0] != "periods" || got[1] != "[*]" {
		t.Errorf("period scope steps = %v", got)
	}
	ext := byName["SchoolExtension"]
	if ext == nil || ext.Kind != spec.RootExtensionTable || ext.Parent != 0 {
		t.Errorf("SchoolExtension = %+v", ext)
	}
	if d := find(t, s, "GradeLevelDescriptor"); !d.IsDescriptor || len(d.Tables) != 0 {
		t.Errorf("descriptor plan = %+v", d)
	}
	offering := find(t, s, "CourseOffering")
	for _, c := range offering.Tables[0].Columns {
		if c.Name == "School_SchoolId" && (!c.Alias || c.Canonical != "SchoolId_Unified" || c.Presence != "School_DocumentId" || c.Reference < 0) {
			t.Errorf("School_SchoolId = %+v", c)
		}
		if c.Name == "SchoolId_Unified" && len(c.Members) != 2 {
			t.Errorf("SchoolId_Unified members = %v", c.Members)
		}
	}
}
