package bench

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"testing"
	"time"
)

// scaleData is the DS 3.2a data set of one bench-scale size: ssas student
// school associations, two per student (two school years, the second at
// the next school), over schools schools of about a thousand associations
// each, and the descriptors and school years they reference. Every fourth
// association has an education plan, so the child table is not empty.
// Identities are dense and deterministic, so a size always produces the
// same documents.
type scaleData struct {
	ssas, students, schools int
}

// scaleDataVersion names the generator's output in the cache marker of a
// loaded database; change it when the documents change.
const scaleDataVersion = 1

func newScaleData(ssas int) scaleData {
	return scaleData{ssas: ssas, students: (ssas + 1) / 2, schools: max(10, ssas/1000)}
}

// Descriptors and school years the documents reference.
var (
	scaleGradeLevels = []string{"Ninth grade", "Tenth grade", "Eleventh grade", "Twelfth grade"}
	scaleSchoolYears = []int{2024, 2025}
)

const (
	gradeLevelNamespace  = "uri://ed-fi.org/GradeLevelDescriptor"
	edOrgCategoryURI     = "uri://ed-fi.org/EducationOrganizationCategoryDescriptor#School"
	educationPlanURI     = "uri://ed-fi.org/EducationPlanDescriptor#College Prep"
	scaleFirstSchoolID   = 100001
	scaleFirstEntryMonth = time.August
)

// documents is the number of lines write produces.
func (d scaleData) documents() int {
	return len(scaleGradeLevels) + 2 + len(scaleSchoolYears) + d.schools + d.students + d.ssas
}

func studentUniqueID(s int) string { return fmt.Sprintf("S%08d", s+1) }

func schoolID(k int) int { return scaleFirstSchoolID + k }

// ssa returns association j's student, school, school year, entry date and
// grade level (index into scaleGradeLevels).
func (d scaleData) ssa(j int) (student, school, schoolYear int, entryDate string, grade int) {
	student, year := j/2, j%2
	school = (student + year) % d.schools
	schoolYear = scaleSchoolYears[year]
	entryDate = time.Date(schoolYear-1, scaleFirstEntryMonth, 14+student%14, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
	return student, school, schoolYear, entryDate, (student+year)%3 + year
}

// ssaBody is the document of the association of a student with a school
// (its schoolId); withPlan adds an education plan.
func ssaBody(studentID string, school, schoolYear int, entryDate string, grade int, withPlan bool) string {
	plans := ""
	if withPlan {
		plans = `,"educationPlans":[{"educationPlanDescriptor":"` + educationPlanURI + `"}]`
	}
	return fmt.Sprintf(`{"studentReference":{"studentUniqueId":"%s"},"schoolReference":{"schoolId":%d},"entryDate":"%s",`+
		`"entryGradeLevelDescriptor":"%s#%s","schoolYearTypeReference":{"schoolYear":%d}%s}`,
		studentID, school, entryDate, gradeLevelNamespace, scaleGradeLevels[grade], schoolYear, plans)
}

// write writes the data set as NDJSON ({"project","resource","body"} lines,
// what `dmsc fake` writes), referenced documents first.
func (d scaleData) write(out io.Writer) error {
	w := bufio.NewWriterSize(out, 1<<20)
	line := func(resource, body string) {
		w.WriteString(`{"project":"ed-fi","resource":"`)
		w.WriteString(resource)
		w.WriteString(`","body":`)
		w.WriteString(body)
		w.WriteString("}\n")
	}
	descriptor := func(resource, namespace, code string) {
		line(resource, fmt.Sprintf(`{"namespace":"%s","codeValue":"%s","shortDescription":"%s"}`, namespace, code, code))
	}
	for _, g := range scaleGradeLevels {
		descriptor("gradeLevelDescriptors", gradeLevelNamespace, g)
	}
	descriptor("educationOrganizationCategoryDescriptors", "uri://ed-fi.org/EducationOrganizationCategoryDescriptor", "School")
	descriptor("educationPlanDescriptors", "uri://ed-fi.org/EducationPlanDescriptor", "College Prep")
	for i, y := range scaleSchoolYears {
		line("schoolYearTypes", fmt.Sprintf(`{"schoolYear":%d,"currentSchoolYear":%t,"schoolYearDescription":"%d-%d"}`, y, i == len(scaleSchoolYears)-1, y-1, y))
	}
	for k := range d.schools {
		line("schools", fmt.Sprintf(`{"schoolId":%d,"nameOfInstitution":"School %d","educationOrganizationCategories":[{"educationOrganizationCategoryDescriptor":"%s"}],`+
			`"gradeLevels":[{"gradeLevelDescriptor":"%s#%s"},{"gradeLevelDescriptor":"%s#%s"}]}`,
			schoolID(k), schoolID(k), edOrgCategoryURI, gradeLevelNamespace, scaleGradeLevels[0], gradeLevelNamespace, scaleGradeLevels[3]))
	}
	for s := range d.students {
		birth := time.Date(2008, time.January, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, s%1460).Format(time.DateOnly)
		line("students", `{"studentUniqueId":"`+studentUniqueID(s)+`","firstName":"First`+strconv.Itoa(s)+
			`","lastSurname":"Last`+strconv.Itoa(s%5000)+`","birthDate":"`+birth+`"}`)
	}
	for j := range d.ssas {
		student, school, year, entry, grade := d.ssa(j)
		line("studentSchoolAssociations", ssaBody(studentUniqueID(student), schoolID(school), year, entry, grade, j%4 == 0))
	}
	return w.Flush()
}

// TestScaleData checks the data set's shape: the line count documents()
// promises, valid JSON, referenced documents earlier in the file, and
// distinct identities.
func TestScaleData(t *testing.T) {
	d := newScaleData(25)
	var buf bytes.Buffer
	if err := d.write(&buf); err != nil {
		t.Fatal(err)
	}
	lines := bytes.Split(bytes.TrimSuffix(buf.Bytes(), []byte("\n")), []byte("\n"))
	if len(lines) != d.documents() {
		t.Fatalf("%d lines, documents() = %d", len(lines), d.documents())
	}
	type ref struct {
		StudentUniqueID string `json:"studentUniqueId"`
		SchoolID        int    `json:"schoolId"`
		SchoolYear      int    `json:"schoolYear"`
	}
	type line struct {
		Project, Resource string
		Body              struct {
			ref
			EntryDate         string `json:"entryDate"`
			CodeValue         string `json:"codeValue"`
			Namespace         string `json:"namespace"`
			StudentReference  ref    `json:"studentReference"`
			SchoolReference   ref    `json:"schoolReference"`
			SchoolYearTypeRef ref    `json:"schoolYearTypeReference"`
			GradeLevel        string `json:"entryGradeLevelDescriptor"`
		}
	}
	seen := map[string]bool{}
	counts := map[string]int{}
	for i, l := range lines {
		var doc line
		if err := json.Unmarshal(l, &doc); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		b := doc.Body
		var id string
		switch doc.Resource {
		case "studentSchoolAssociations":
			for _, r := range []string{"students " + b.StudentReference.StudentUniqueID, "schools " + strconv.Itoa(b.SchoolReference.SchoolID),
				"schoolYearTypes " + strconv.Itoa(b.SchoolYearTypeRef.SchoolYear), "gradeLevelDescriptors " + b.GradeLevel} {
				if !seen[r] {
					t.Errorf("line %d references %s before it is written", i+1, r)
				}
			}
			id = fmt.Sprint(b.StudentReference.StudentUniqueID, b.SchoolReference.SchoolID, b.EntryDate)
			if b.EntryDate < benchDateCutoff {
				t.Errorf("line %d: entry date %s is before %s, where the benchmark's own writes go", i+1, b.EntryDate, benchDateCutoff)
			}
		case "students":
			id = b.StudentUniqueID
		case "schools":
			id = strconv.Itoa(b.SchoolID)
		case "schoolYearTypes":
			id = strconv.Itoa(b.SchoolYear)
		default:
			id = b.Namespace + "#" + b.CodeValue
		}
		key := doc.Resource + " " + id
		if seen[key] {
			t.Errorf("line %d: %s twice", i+1, key)
		}
		seen[key] = true
		counts[doc.Resource]++
	}
	if counts["studentSchoolAssociations"] != 25 || counts["students"] != 13 || counts["schools"] != 10 {
		t.Errorf("counts %v", counts)
	}
}
