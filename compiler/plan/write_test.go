package plan_test

import (
	"testing"

	"github.com/edfi-dmsc/dmsc/internal/refdata"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

func TestWritePlanBundled(t *testing.T) {
	s := bundled(t)
	offering := find(t, s, "CourseOffering")
	w := offering.Write
	if len(w.References) != 3 || len(w.Equality) != 1 || len(w.Uniqueness) != 1 {
		t.Fatalf("CourseOffering write plan: %d references, %d equality, %d uniqueness", len(w.References), len(w.Equality), len(w.Uniqueness))
	}
	for _, ref := range w.References {
		if ref.TargetResource == "Session" && (len(ref.Elements) != 3 || ref.Elements[0].IdentityPath == "") {
			t.Errorf("session reference = %+v", ref)
		}
	}
	student := find(t, s, "Student")
	var ext *spec.BodyProperty
	for i, p := range student.Write.Body.Properties {
		if p.Name == "_ext" {
			ext = &student.Write.Body.Properties[i]
		}
	}
	if ext == nil || len(ext.Node.Properties) != 1 || ext.Node.Properties[0].Name != "sample" {
		t.Fatalf("Student body lacks the merged _ext.sample schema")
	}
	if len(student.Write.Uniqueness) != 4 {
		t.Errorf("Student uniqueness constraints = %+v", student.Write.Uniqueness)
	}
	d := find(t, s, "GradeLevelDescriptor")
	if d.Write.Descriptor == nil || d.Write.Descriptor.Discriminator != "Ed-Fi:GradeLevelDescriptor" {
		t.Errorf("descriptor write = %+v", d.Write.Descriptor)
	}
	school := find(t, s, "School")
	for i, tw := range school.Write.Tables {
		if tw.Key < 0 || tw.Insert == "" || tw.LoadByUUID == "" {
			t.Errorf("School table %s write = %+v", school.Tables[i].Name, tw)
		}
	}
}

// TestWritePlanDS32a builds the plans of the full DS 3.2a core.
func TestWritePlanDS32a(t *testing.T) {
	s := buildPlans(t, refdata.File(t, refdata.DS32aCoreSchema))
	refs := 0
	for _, r := range s.Resources {
		refs += len(r.Write.References)
	}
	if len(s.Resources) < 265 || refs == 0 {
		t.Errorf("DS 3.2a: %d resources, %d references", len(s.Resources), refs)
	}
}
