package fake

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/edfi-dmsc/dmsc/compiler/jsonx"
	"github.com/edfi-dmsc/dmsc/compiler/load"
	"github.com/edfi-dmsc/dmsc/internal/refdata"
)

const (
	ds32a     = "apischema/generated-ds-3.2a/ds-3.2a-api-schema-generated.json"
	homograph = "apischema/metaed-v7_3/homograph-api-schema-authoritative.json"
)

func loadSet(t testing.TB, files ...string) *load.SchemaSet {
	t.Helper()
	var paths []string
	for _, f := range files {
		paths = append(paths, refdata.File(t, f))
	}
	set, err := load.Files(paths...)
	if err != nil {
		t.Fatal(err)
	}
	return set
}

func generate(t *testing.T, set *load.SchemaSet, opts Options) ([]byte, Stats) {
	t.Helper()
	var buf bytes.Buffer
	start := time.Now()
	stats, err := Generate(set, opts, &buf)
	if err != nil {
		t.Fatal(err)
	}
	elapsed := time.Since(start)
	t.Logf("%d documents (%d descriptors) for %d resources in %v (%.0f documents/s)",
		stats.Documents, stats.Descriptors, stats.Resources, elapsed, float64(stats.Documents)/elapsed.Seconds())
	return buf.Bytes(), stats
}

// checkAll validates a generated file and requires count documents for
// every resource of the model.
func checkAll(t *testing.T, set *load.SchemaSet, data []byte, count int) {
	t.Helper()
	c := newChecker(t, set)
	lines := c.checkFile(data)
	for _, p := range c.problems {
		t.Error(p)
	}
	for _, r := range c.model.resources {
		if c.perResource[r] != count {
			t.Errorf("%s/%s: %d documents, want %d", r.project.EndpointName, r.endpoint, c.perResource[r], count)
		}
	}
	if want := count * len(c.model.resources); lines != want {
		t.Errorf("%d lines, want %d", lines, want)
	}
}

func TestDS32aCoreEveryResourceValid(t *testing.T) {
	set := loadSet(t, ds32a)
	data, stats := generate(t, set, Options{Count: 2, Seed: 7})
	if stats.Resources != 265 {
		t.Errorf("%d resources covered, want 265", stats.Resources)
	}
	for _, o := range stats.OmittedReferences {
		t.Logf("omitted to break a cycle: %s", o)
	}
	checkAll(t, set, data, 2)
}

func TestDS32aWithHomographValid(t *testing.T) {
	set := loadSet(t, ds32a, homograph)
	data, stats := generate(t, set, Options{Count: 3, Seed: 11})
	if stats.Resources != 272 {
		t.Errorf("%d resources covered, want 272", stats.Resources)
	}
	checkAll(t, set, data, 3)
}

func TestDeterministicPerSeed(t *testing.T) {
	set := loadSet(t, ds32a)
	a, _ := generate(t, set, Options{Count: 2, Seed: 3})
	b, _ := generate(t, set, Options{Count: 2, Seed: 3})
	if !bytes.Equal(a, b) {
		t.Error("two runs with the same seed differ")
	}
	c, _ := generate(t, set, Options{Count: 2, Seed: 4})
	if bytes.Equal(a, c) {
		t.Error("different seeds gave identical output")
	}
}

func TestResourceSelectionIncludesWhatItNeeds(t *testing.T) {
	set := loadSet(t, ds32a)
	data, stats := generate(t, set, Options{Resources: []string{"Section"}, Count: 2, Seed: 1})
	got := map[string]bool{}
	for _, rc := range stats.PerResource {
		got[rc.Resource] = true
	}
	for _, want := range []string{"sections", "courseOfferings", "courses", "sessions", "schools", "schoolYearTypes", "termDescriptors"} {
		if !got[want] {
			t.Errorf("selection of Section lacks %s", want)
		}
	}
	for _, unwanted := range []string{"studentAssessments", "grades", "students"} {
		if got[unwanted] {
			t.Errorf("selection of Section includes unrelated %s", unwanted)
		}
	}
	// The selected subset must still be loadable front to back.
	c := newChecker(t, set)
	c.checkFile(data)
	for _, p := range c.problems {
		t.Error(p)
	}
}

func TestResourceSelectionErrors(t *testing.T) {
	set := loadSet(t, ds32a, homograph)
	var buf bytes.Buffer
	_, err := Generate(set, Options{Resources: []string{"schools"}}, &buf)
	if err == nil || !strings.Contains(err.Error(), "ambiguous") || !strings.Contains(err.Error(), "homograph/schools") {
		t.Errorf("ambiguous name: got %v", err)
	}
	_, err = Generate(set, Options{Resources: []string{"noSuchThings"}}, &buf)
	if err == nil || !strings.Contains(err.Error(), "noSuchThings") {
		t.Errorf("unknown name: got %v", err)
	}
	if _, err = Generate(set, Options{Resources: []string{"homograph/schools"}, Count: 2}, &buf); err != nil {
		t.Errorf("qualified name: %v", err)
	}
}

// TestCheckerCatchesBrokenFiles proves the checker behind the validity
// tests can fail: each mutation of a valid file must be reported.
func TestCheckerCatchesBrokenFiles(t *testing.T) {
	set := loadSet(t, ds32a)
	data, _ := generate(t, set, Options{Count: 2, Seed: 7})
	valid := strings.SplitAfter(string(data), "\n")
	valid = valid[:len(valid)-1] // the empty string after the last newline
	first := func(t *testing.T, lines []string, resource string) int {
		for i, l := range lines {
			if strings.Contains(l, `"resource":"`+resource+`"`) {
				return i
			}
		}
		t.Fatalf("no %s line", resource)
		return -1
	}
	// edit applies a regular expression replacement to the first line of a
	// resource and fails the test when it does not apply.
	edit := func(resource, pattern, replacement string) func(*testing.T, []string) []string {
		return func(t *testing.T, lines []string) []string {
			i := first(t, lines, resource)
			re := regexp.MustCompile(pattern)
			if !re.MatchString(lines[i]) {
				t.Fatalf("%s line does not match %s", resource, pattern)
			}
			lines[i] = re.ReplaceAllString(lines[i], replacement)
			return lines
		}
	}
	cases := []struct {
		name   string
		mutate func(*testing.T, []string) []string
		want   string
	}{
		{"dangling reference", edit("sections", `("courseOfferingReference":\{"localCourseCode":")`, "${1}Z"), "resolves to no earlier"},
		{"reference before its target", func(t *testing.T, lines []string) []string {
			s, co := first(t, lines, "sections"), first(t, lines, "courseOfferings")
			section := lines[s]
			lines = append(lines[:s], lines[s+1:]...)
			return append(lines[:co], append([]string{section}, lines[co:]...)...)
		}, "resolves to no earlier"},
		{"unknown descriptor", edit("sections", `(CreditTypeDescriptor#)`, "${1}X"), "is not an earlier"},
		{"repeated identity", func(t *testing.T, lines []string) []string {
			return append(lines, lines[first(t, lines, "students")])
		}, "repeats an earlier"},
		{"missing required member", edit("sections", `"sectionIdentifier":"[^"]*",?`, ""), `required member "sectionIdentifier" missing`},
		{"too long", edit("students", `"firstName":"[^"]*"`, `"firstName":"`+strings.Repeat("x", 80)+`"`), "maxLength"},
		{"bad date", edit("students", `"birthDate":"[^"]*"`, `"birthDate":"31/12/2020"`), "is not a date"},
		{"equality", edit("courseOfferings", `("sessionReference":\{"schoolId":)\d+`, "${1}1"), "equality $.schoolReference.schoolId == $.sessionReference.schoolId violated"},
		{"array uniqueness", edit("schools", `"gradeLevels":\[(\{[^}]*\})`, `"gradeLevels":[$1,$1`), "items repeat"},
		{"integer type", edit("sections", `("schoolYear":)(\d+)`, `${1}"$2"`), "type string, want integer"},
		{"integer range", edit("courses", `("numberOfParts":)\d+`, "${1}9"), "above maximum 8"},
		{"decimal scale", edit("budgets", `("amount":\d+)(\.\d+)?`, "${1}.123456"), "exceeds decimal"},
		{"pattern", edit("students", `("studentUniqueId":"[^"]*)"`, `$1 "`), "does not match"},
		{"unknown member", edit("sections", `^(.*"body":\{)`, `${1}"surprise":1,`), `member "surprise" is not allowed`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			lines := tc.mutate(t, append([]string(nil), valid...))
			c := newChecker(t, set)
			c.checkFile([]byte(strings.Join(lines, "")))
			for _, p := range c.problems {
				if strings.Contains(p, tc.want) {
					return
				}
			}
			t.Errorf("no problem mentions %q; got %q", tc.want, c.problems)
		})
	}
}

// TestResourceExtensionsMerged runs the Sample extension (which extends
// School, Student, StudentSchoolAssociation, ... with _ext.sample members
// and common-type extensions such as addresses[*]._ext.sample) against the
// DS 3.2a core. Sample targets DS 5.2, so the three resources built on
// DS 5 Contact (absent from DS 3.2a, which has Parent) are removed first;
// everything else resolves.
func TestResourceExtensionsMerged(t *testing.T) {
	core, err := os.ReadFile(refdata.File(t, ds32a))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(refdata.File(t, "apischema/metaed-v7_3/sample-api-schema-authoritative.json"))
	if err != nil {
		t.Fatal(err)
	}
	sample, err := jsonx.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	rs := sample.Get("projectSchema").Get("resourceSchemas")
	*rs = *rs.Without("contacts", "studentContactAssociations", "studentGraduationPlanAssociations")
	set, err := load.Documents(load.Document{Name: "ds-3.2a", Data: core}, load.Document{Name: "sample", Data: jsonx.Canonical(sample)})
	if err != nil {
		t.Fatal(err)
	}
	data, stats := generate(t, set, Options{Count: 2, Seed: 5})
	checkAll(t, set, data, 2)
	for _, o := range stats.OmittedReferences {
		t.Logf("omitted to break a cycle: %s", o)
	}
	// The extension members must actually appear, including the ones
	// inserted into a common type.
	for _, want := range []string{`"_ext":\{"sample":\{`, `"_ext":\{"sample":\{("complex":"[^"]*",)?"onBusRoute"`, `"directlyOwnedBuses":\[\{"directlyOwnedBusReference":\{"busId":`} {
		if !regexp.MustCompile(want).Match(data) {
			t.Errorf("no document contains %s", want)
		}
	}
}

// cyclicSchema is a two-resource project: alphas reference betas (optional
// unless alphaNeedsBeta) and themselves (a parent alpha, optional); betas
// always reference an alpha.
func cyclicSchema(alphaNeedsBeta bool) []byte {
	alphaRequired := `["alphaId"]`
	if alphaNeedsBeta {
		alphaRequired = `["alphaId","betaReference"]`
	}
	ref := func(prop, idProp, resource string, required bool) string {
		return fmt.Sprintf(`"%s":{"isDescriptor":false,"isPartOfIdentity":false,"isReference":true,"isRequired":%t,"projectName":"Test","resourceName":"%s",
			"referenceJsonPaths":[{"identityJsonPath":"$.%s","referenceJsonPath":"$.%s.%s","type":"number"}]}`, prop, required, resource, idProp, prop, idProp)
	}
	idSchema := `{"type":"integer","format":"int32"}`
	refSchema := func(idProp string) string {
		return fmt.Sprintf(`{"type":"object","additionalProperties":false,"properties":{"%s":%s},"required":["%s"]}`, idProp, idSchema, idProp)
	}
	resource := func(name, idProp string, mapping []string, props map[string]string, required string) string {
		var ps []string
		for _, k := range []string{idProp, "betaReference", "parentAlphaReference", "alphaReference"} {
			if v, ok := props[k]; ok {
				ps = append(ps, fmt.Sprintf("%q:%s", k, v))
			}
		}
		return fmt.Sprintf(`{"resourceName":"%s","isDescriptor":false,"isResourceExtension":false,"isSchoolYearEnumeration":false,"isSubclass":false,
			"identityJsonPaths":["$.%s"],"equalityConstraints":[],"arrayUniquenessConstraints":[],"decimalPropertyValidationInfos":[],
			"documentPathsMapping":{%s},
			"jsonSchemaForInsert":{"type":"object","additionalProperties":false,"properties":{%s},"required":%s}}`,
			name, idProp, strings.Join(mapping, ","), strings.Join(ps, ","), required)
	}
	alpha := resource("Alpha", "alphaId",
		[]string{ref("betaReference", "betaId", "Beta", alphaNeedsBeta), ref("parentAlphaReference", "alphaId", "Alpha", false)},
		map[string]string{"alphaId": idSchema, "betaReference": refSchema("betaId"), "parentAlphaReference": refSchema("alphaId")}, alphaRequired)
	beta := resource("Beta", "betaId", []string{ref("alphaReference", "alphaId", "Alpha", true)},
		map[string]string{"betaId": idSchema, "alphaReference": refSchema("alphaId")}, `["betaId","alphaReference"]`)
	return []byte(fmt.Sprintf(`{"apiSchemaVersion":"1.0.0","projectSchema":{"projectEndpointName":"test","projectName":"Test","projectVersion":"1.0.0",
		"isExtensionProject":false,"abstractResources":{},"resourceSchemas":{"alphas":%s,"betas":%s}}}`, alpha, beta))
}

func TestOptionalCycleBrokenAndSelfReferencesKept(t *testing.T) {
	set, err := load.Documents(load.Document{Name: "cyclic.json", Data: cyclicSchema(false)})
	if err != nil {
		t.Fatal(err)
	}
	data, stats := generate(t, set, Options{Count: 3, Seed: 1, OptionalShare: 1})
	if want := []string{"test/alphas: betaReference -> test/betas"}; !slices.Equal(stats.OmittedReferences, want) {
		t.Errorf("omitted %q, want %q", stats.OmittedReferences, want)
	}
	var order []string
	for _, rc := range stats.PerResource {
		order = append(order, rc.Resource)
	}
	if !slices.Equal(order, []string{"alphas", "betas"}) {
		t.Errorf("order %v, want alphas before betas", order)
	}
	if bytes.Contains(data, []byte("betaReference")) {
		t.Error("an alpha references a beta although betas come later")
	}
	if got := bytes.Count(data, []byte("parentAlphaReference")); got != 2 {
		t.Errorf("%d alphas reference a parent alpha, want 2 (all but the first)", got)
	}
	checkAll(t, set, data, 3)
}

func TestMandatoryCycleRejected(t *testing.T) {
	set, err := load.Documents(load.Document{Name: "cyclic.json", Data: cyclicSchema(true)})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Generate(set, Options{}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "mandatory references form a cycle") ||
		!strings.Contains(err.Error(), "test/alphas -> test/betas -> test/alphas") {
		t.Errorf("got %v, want a mandatory cycle error naming alphas and betas", err)
	}
}

// TestDS32aLargerCountValid exercises pools larger than the preferred
// "document i points at document i" choice: equality filtering, distinct
// array items and identity uniqueness across 25 documents per resource.
func TestDS32aLargerCountValid(t *testing.T) {
	if testing.Short() {
		t.Skip("larger generation skipped in -short mode")
	}
	set := loadSet(t, ds32a)
	data, stats := generate(t, set, Options{Count: 25, Seed: 99, OptionalShare: 0.5})
	if len(stats.Shortfalls) > 0 {
		t.Errorf("shortfalls: %q", stats.Shortfalls)
	}
	checkAll(t, set, data, 25)
}

// TestNoEmptyOptionalObjects: an optional object whose members were all
// left out (for the bundled schema an "_ext" without "sample") is omitted,
// because a server does not store it and the document would not read back
// as sent. 72 documents per resource gave 19 empty "_ext" before the fix.
func TestNoEmptyOptionalObjects(t *testing.T) {
	set, err := load.Files("../../schemas/default/core.ApiSchema.json", "../../schemas/default/sample.ApiSchema.json")
	if err != nil {
		t.Fatal(err)
	}
	data, _ := generate(t, set, Options{Count: 72, Seed: 1})
	if n := bytes.Count(data, []byte(":{}")); n != 0 {
		t.Errorf("%d empty objects in the generated documents", n)
	}
	if !bytes.Contains(data, []byte(`"_ext":{"sample":{`)) {
		t.Error("no document carries a sample extension any more")
	}
	checkAll(t, set, data, 72)
}
