package identity

import (
	"testing"

	"github.com/google/uuid"
)

// Vectors whose expected ids come from the reference's own unit tests
// (DocumentIdentityTests) or, for the others, from an independent UUIDv5
// implementation (Python's uuid.uuid5) over the name text shown.
func TestReferentialIDVectors(t *testing.T) {
	tests := []struct {
		name     string
		project  string
		resource string
		elements []Element
		wantName string
		want     string
	}{
		{
			name: "reference test: School", project: "Ed-Fi", resource: "School",
			elements: []Element{{"$.schoolId", "123"}},
			wantName: "Ed-FiSchool$.schoolId=123",
			want:     "3af6ad85-1212-5833-be6f-f8df6f4d6402",
		},
		{
			name: "reference test: Section, five elements in identity order", project: "Ed-Fi", resource: "Section",
			elements: []Element{
				{"$.localCourseCode", "abc"},
				{"$.schoolReference.schoolId", "123"},
				{"$.sessionReference.schoolYear", "2030"},
				{"$.sectionIdentifier", "sectionId"},
				{"$.sessionReference.sessionName", "d"},
			},
			wantName: "Ed-FiSection$.localCourseCode=abc#$.schoolReference.schoolId=123#$.sessionReference.schoolYear=2030#$.sectionIdentifier=sectionId#$.sessionReference.sessionName=d",
			want:     "7400934a-8a00-551b-a1ba-4db0b3a4d556",
		},
		{
			name: "superclass alias of School 123", project: "Ed-Fi", resource: "EducationOrganization",
			elements: []Element{{"$.educationOrganizationId", "123"}},
			wantName: "Ed-FiEducationOrganization$.educationOrganizationId=123",
			want:     "7589fd2c-6eac-5a70-a328-2d5e1ca6afa6",
		},
		{
			name: "session name with a space", project: "Ed-Fi", resource: "Session",
			elements: []Element{{"$.sessionName", "Spring 2025"}},
			wantName: "Ed-FiSession$.sessionName=Spring 2025",
			want:     "1c228540-cbd6-5cfe-be2b-81a7955fc645",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b Builder
			b.Start(tt.project, tt.resource)
			for _, e := range tt.elements {
				b.Add(e.Path, e.Value)
			}
			if got := b.Name(); got != tt.wantName {
				t.Errorf("name = %q, want %q", got, tt.wantName)
			}
			if got := b.Sum().String(); got != tt.want {
				t.Errorf("Builder id = %s, want %s", got, tt.want)
			}
			if got := ReferentialID(tt.project, tt.resource, tt.elements...).String(); got != tt.want {
				t.Errorf("ReferentialID = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestBuilderMatchesLibraryUUIDv5(t *testing.T) {
	names := []string{"hello world", "Ed-FiStudent$.studentUniqueId=604822", "café üñîçödé 学校 🏫", "  \thello\nworld\r\n  !@#$%^&*()  "}
	var b Builder
	for _, n := range names {
		b.buf = append(append(b.buf[:0], Namespace[:]...), n...)
		if got, want := b.Sum(), uuid.NewSHA1(Namespace, []byte(n)); got != want {
			t.Errorf("%q: got %s, want %s", n, got, want)
		}
	}
	if got := uuid.NewSHA1(Namespace, []byte("café üñîçödé 学校 🏫")).String(); got != "173e996e-324a-505e-928d-27bc3cbaffea" {
		t.Errorf("unicode vector = %s", got)
	}
}

func TestBuilderReuseDoesNotLeakState(t *testing.T) {
	var b Builder
	b.Start("Ed-Fi", "Section")
	b.Add("$.localCourseCode", "a-much-longer-value-than-the-next-one")
	_ = b.Sum()
	b.Start("Ed-Fi", "School")
	b.Add("$.schoolId", "123")
	if got := b.Sum().String(); got != "3af6ad85-1212-5833-be6f-f8df6f4d6402" {
		t.Fatalf("reused builder gave %s", got)
	}
}

func TestBuilderDoesNotAllocateWhenWarm(t *testing.T) {
	var b Builder
	b.Start("Ed-Fi", "StudentSchoolAssociation")
	b.Add("$.entryDate", "2024-08-01")
	_ = b.Sum()
	allocs := testing.AllocsPerRun(100, func() {
		b.Start("Ed-Fi", "StudentSchoolAssociation")
		b.Add("$.entryDate", "2024-08-01")
		b.Add("$.schoolReference.schoolId", "255901")
		b.Add("$.studentReference.studentUniqueId", "604822")
		_ = b.Sum()
	})
	if allocs > 0 {
		t.Fatalf("warm Builder allocates %.1f times per id", allocs)
	}
}

func TestDescriptorReferentialID(t *testing.T) {
	want := "166cac21-bbaf-51cd-98d7-7323288abe9f" // uuid5(ns, "Ed-FiGradeLevelDescriptor$.descriptor=uri://ed-fi.org/gradeleveldescriptor#first grade")
	for _, uri := range []string{
		"uri://ed-fi.org/GradeLevelDescriptor#First grade",
		"URI://ED-FI.ORG/GRADELEVELDESCRIPTOR#FIRST GRADE",
		"uri://ed-fi.org/gradeleveldescriptor#first grade",
	} {
		if got := DescriptorReferentialID("Ed-Fi", "GradeLevelDescriptor", uri).String(); got != want {
			t.Errorf("%q: got %s, want %s", uri, got, want)
		}
	}
	// The descriptor document (namespace + codeValue) names the same id.
	doc := ReferentialID("Ed-Fi", "GradeLevelDescriptor",
		Element{DescriptorPath, DescriptorDocumentValue("uri://ed-fi.org/GradeLevelDescriptor", "First grade")})
	if doc.String() != want {
		t.Errorf("descriptor document id = %s, want %s", doc, want)
	}
}

func TestSuperclassElements(t *testing.T) {
	school := []Element{{"$.schoolId", "123"}}
	got := SuperclassElements("domainEntity", "$.educationOrganizationId", school)
	if len(got) != 1 || got[0] != (Element{"$.educationOrganizationId", "123"}) {
		t.Fatalf("domain entity rename = %v", got)
	}
	if school[0].Path != "$.schoolId" {
		t.Fatal("SuperclassElements modified its input")
	}
	if id := SuperclassReferentialID("Ed-Fi", "EducationOrganization", "domainEntity", "$.educationOrganizationId", school); id.String() != "7589fd2c-6eac-5a70-a328-2d5e1ca6afa6" {
		t.Errorf("School 123 superclass alias = %s", id)
	}

	assoc := []Element{{"$.beginDate", "2024-08-01"}, {"$.programReference.programName", "P"}}
	got = SuperclassElements("association", "", assoc)
	if len(got) != 2 || got[0] != assoc[0] || got[1] != assoc[1] {
		t.Fatalf("association identity must be unchanged, got %v", got)
	}
}

func BenchmarkBuilderThreeElements(b *testing.B) {
	var bld Builder
	for b.Loop() {
		bld.Start("Ed-Fi", "StudentSchoolAssociation")
		bld.Add("$.entryDate", "2024-08-01")
		bld.Add("$.schoolReference.schoolId", "255901")
		bld.Add("$.studentReference.studentUniqueId", "604822")
		_ = bld.Sum()
	}
}

func TestBuilderNameBeforeStart(t *testing.T) {
	var zero Builder
	if zero.Name() != "" {
		t.Fatal("Name before Start must be empty")
	}
}

func BenchmarkReferentialIDOneElement(b *testing.B) {
	elems := []Element{{"$.schoolId", "255901"}}
	for b.Loop() {
		_ = ReferentialID("Ed-Fi", "School", elems...)
	}
}
