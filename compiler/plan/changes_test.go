package plan_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/internal/refdata"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

func keyNames(p *spec.ChangePlan) []string {
	var names []string
	for _, k := range p.Keys {
		names = append(names, k.Name)
	}
	return names
}

// TestChangePlansNameKeysByQueryField checks the key members of the
// bundled schema's change plans: query-field names in tracked-table order,
// references as their key members, descriptors as one member, and
// key-unified columns named once.
func TestChangePlansNameKeysByQueryField(t *testing.T) {
	s := bundled(t)
	for name, want := range map[string][]string{
		"School":                   {"schoolId"},
		"Session":                  {"schoolId", "schoolYear", "sessionName"},
		"CourseOffering":           {"localCourseCode", "schoolId", "schoolYear", "sessionName"},
		"Program":                  {"educationOrganizationId", "programName", "programTypeDescriptor"},
		"StudentSchoolAssociation": {"entryDate", "schoolId", "studentUniqueId"},
		"GradeLevelDescriptor":     {"namespace", "codeValue"},
	} {
		p := find(t, s, name).Changes
		if p == nil || p.Deletes == "" {
			t.Errorf("%s: no change plan", name)
			continue
		}
		if got := keyNames(p); !slices.Equal(got, want) {
			t.Errorf("%s keys = %v, want %v", name, got, want)
		}
	}
	for _, r := range s.Resources {
		if r.Changes == nil || r.Changes.Deletes == "" || len(r.Changes.LiveWindow) != 3 {
			t.Errorf("%s has no change plan", r.Name)
		}
	}
}

// TestChangePlanStatements checks the shape of the statements: a key change
// query only where keys can change, the descriptor routing by
// discriminator, the re-creation probe through descriptor URIs, and one
// window predicate on the tracked table's primary key.
func TestChangePlanStatements(t *testing.T) {
	s := bundled(t)
	school := find(t, s, "School").Changes
	if school.KeyChanges != "" || school.KeyChangesCount != "" {
		t.Errorf("School (a subclass) has key-change statements:\n%s", school.KeyChanges)
	}
	descriptor := find(t, s, "GradeLevelDescriptor").Changes
	if descriptor.KeyChanges != "" || !strings.Contains(descriptor.Deletes, `c."Discriminator" = 'Ed-Fi:GradeLevelDescriptor'`) {
		t.Errorf("descriptor plan:\n%s", descriptor.Deletes)
	}
	program := find(t, s, "Program").Changes
	for _, want := range []string{
		`live."ProgramTypeDescriptor_DescriptorId" = (SELECT d."DocumentId" FROM "dms"."Descriptor" d WHERE d."Uri" = c."OldProgramTypeDescriptor_Namespace" || '#' || c."OldProgramTypeDescriptor_CodeValue" AND d."Discriminator" = 'Ed-Fi:ProgramTypeDescriptor')`,
		`c."ChangeVersion" BETWEEN $1 AND $2`,
	} {
		if !strings.Contains(program.Deletes, want) || !strings.Contains(program.DeletesCount, want) {
			t.Errorf("Program deletes lack %q:\n%s", want, program.Deletes)
		}
	}
	if descriptor.NamespaceColumn != "OldNamespace" || program.NamespaceColumn != "" {
		t.Errorf("namespace columns: descriptor %q, Program %q; want OldNamespace and none", descriptor.NamespaceColumn, program.NamespaceColumn)
	}
	session := find(t, s, "Session").Changes
	if !strings.Contains(session.KeyChanges, `GROUP BY c."Id"`) || !strings.Contains(session.KeyChangesCount, "count(*)") {
		t.Errorf("Session key changes:\n%s", session.KeyChanges)
	}
	if dir := os.Getenv("DMSC_DUMP_CHANGE_PLANS"); dir != "" {
		for _, r := range s.Resources {
			p := r.Changes
			text := strings.Join([]string{p.Deletes, p.DeletesCount, p.KeyChanges, p.KeyChangesCount}, ";\n\n")
			if err := os.WriteFile(filepath.Join(dir, r.Name+".sql"), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestChangePlansOfDS32a builds the change plans of the full DS 3.2a
// schema: every resource's key members have query-field names, so every
// resource serves its change routes.
func TestChangePlansOfDS32a(t *testing.T) {
	s := buildPlans(t, refdata.File(t, refdata.DS32aCoreSchema))
	var unsupported []string
	for _, r := range s.Resources {
		if r.Changes == nil || len(r.Changes.LiveWindow) != 3 {
			t.Errorf("%s has no live window", r.Name)
		}
		if r.Changes.Deletes == "" {
			unsupported = append(unsupported, r.Name)
		}
	}
	if len(unsupported) > 0 {
		t.Errorf("%d of %d resources without change routes: %v", len(unsupported), len(s.Resources), unsupported)
	}
	// Every resource with a Namespace element names the tracked column of
	// its old value, so NamespaceBased ReadChanges can filter its rows.
	var namespaced []string
	for _, r := range s.Resources {
		switch {
		case r.Namespace == nil && r.Changes.NamespaceColumn != "":
			t.Errorf("%s has no Namespace element but the namespace column %q", r.Name, r.Changes.NamespaceColumn)
		case r.Namespace != nil && r.Changes.NamespaceColumn == "":
			t.Errorf("%s (Namespace %s) has no tracked namespace column", r.Name, r.Namespace.Element.JSONPath)
		case r.Namespace != nil && !r.IsDescriptor:
			namespaced = append(namespaced, r.Name+":"+r.Changes.NamespaceColumn)
		}
	}
	for _, want := range []string{"Assessment:OldNamespace", "AssessmentItem:OldAssessment_Namespace"} {
		if !slices.Contains(namespaced, want) {
			t.Errorf("tracked namespace columns %v lack %s", namespaced, want)
		}
	}
}
