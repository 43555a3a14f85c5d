package gogen

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"

	"github.com/dave/jennifer/jen"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// planFixture is a small resource plan with a collection table, a
// reference whose FK column is not the table's first, and a document
// whose nodes point at values of both tables (which the literal leaves
// out: see emittedAway).
func planFixture() *spec.Resource {
	return &spec.Resource{
		ProjectEndpoint: "ed-fi", ProjectName: "Ed-Fi", Endpoint: "classPeriods", Name: "ClassPeriod",
		Tables: []*spec.Table{
			{Schema: "edfi", Name: "ClassPeriod", Parent: -1, Columns: []*spec.Column{
				{Name: "DocumentId", Reference: -1},
				{Name: "ContentVersion", Kind: spec.MirrorContentVersionColumn, Reference: -1},
				{Name: "School_DocumentId", Kind: spec.DocumentFKColumn, Steps: []string{"schoolReference"}, Reference: 0},
				{Name: "School_SchoolId", Kind: spec.ScalarColumn, Steps: []string{"schoolReference", "schoolId"}, Reference: 0},
			}},
			{Schema: "edfi", Name: "ClassPeriodMeetingTime", Kind: spec.CollectionTable, Parent: 0, Columns: []*spec.Column{
				{Name: "CollectionItemId", Kind: spec.CollectionItemIDColumn, Reference: -1},
				{Name: "ClassPeriod_DocumentId", Reference: -1},
				{Name: "Ordinal", Kind: spec.OrdinalColumn, Reference: -1},
				{Name: "EndTime", Kind: spec.ScalarColumn, Steps: []string{"endTime"}, Reference: -1},
			}},
		},
		Write: &spec.WritePlan{
			References: []spec.ReferencePlan{{Table: 0, ObjectSteps: []string{"schoolReference"}, FKColumn: 2}},
			Tables: []spec.TableWrite{
				{Stored: []int{0, 2, 3}, Key: 0, ParentKey: -1, Ordinal: -1, Insert: "INSERT INTO \"edfi\".\"ClassPeriod\"\nSELECT 1",
					Load: "SELECT 2 WHERE 2 = ", LoadByUUID: "SELECT 2 WHERE 2 = $1"},
				{Stored: []int{0, 1, 2, 3}, Key: 0, ParentKey: 1, Ordinal: 2, Semantic: []int{3}},
			},
		},
		Read: &spec.ReadPlan{
			Tables: []*spec.ReadTable{
				{Parent: -1, Select: "SELECT 1", ByIDFilter: " WHERE 1 = $1", ByID: "SELECT 1 WHERE 1 = $1", Values: []spec.ReadValue{{Column: "School_DocumentId"}, {Column: "School_DocumentId"}, {Column: "School_SchoolId", Type: spec.Int32Type}}},
				{Parent: 0, Values: []spec.ReadValue{{Column: "EndTime", Type: spec.TimeType}}},
			},
			Document: []*spec.Node{
				{Name: "meetingTimes", Kind: spec.ArrayNode, Table: 1, Members: []*spec.Node{{Name: "endTime", Table: 1, Value: 0, Type: spec.TimeType}}},
				{Name: "schoolReference", Kind: spec.ObjectNode, Table: -1, Members: []*spec.Node{
					{Name: "schoolId", Table: 0, Value: 2, Alternates: []int{2}, Type: spec.Int32Type},
					{Name: "link", Kind: spec.LinkNode, Table: 0, Value: 0},
				}},
			},
		},
	}
}

// renderPlan renders r's plan and constants as one file and type-checks
// it, returning the source and the value of every constant.
func renderPlan(t *testing.T, r *spec.Resource) (string, map[string]constant.Value) {
	t.Helper()
	consts, err := resourceConstants(r, "edfiClassPeriod")
	if err != nil {
		t.Fatal(err)
	}
	f := jen.NewFile("p")
	f.ImportName(specPkg, "spec")
	if err := declarePlan(f, newLiterals(), r, "edfiClassPeriod", consts); err != nil {
		t.Fatal(err)
	}
	src := fmt.Sprintf("%#v", f)
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	info := &types.Info{Defs: map[*ast.Ident]types.Object{}}
	conf := types.Config{Importer: importer.ForCompiler(fset, "source", nil)}
	if _, err := conf.Check("p", fset, []*ast.File{file}, info); err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	values := map[string]constant.Value{}
	for id, obj := range info.Defs {
		if c, ok := obj.(*types.Const); ok && id.Name != "_" {
			values[id.Name] = c.Val()
		}
	}
	return src, values
}

func TestPlanIndexesAreNamed(t *testing.T) {
	src, values := renderPlan(t, planFixture())
	// Every index field is written by name, index 0 included (the zero
	// value a literal would otherwise leave out), and each name's value is
	// the index it replaces.
	normalized := strings.Join(strings.Fields(src), " ")
	for field, want := range map[string]int64{
		"Parent: edfiClassPeriodTable":                                     0,
		"Key: edfiClassPeriodStoredDocumentId":                             0,
		"ParentKey: edfiClassPeriodMeetingTimeStoredClassPeriodDocumentId": 1,
		"Ordinal: edfiClassPeriodMeetingTimeStoredOrdinal":                 2,
		"Semantic: []int{edfiClassPeriodMeetingTimeStoredEndTime":          3,
		"edfiClassPeriodMeetingTimeColumnEndTime":                          3,
		"edfiClassPeriodRefSchoolReference":                                0,
	} {
		if !strings.Contains(normalized, field) {
			t.Errorf("the plan lacks %q:\n%s", field, src)
			continue
		}
		words := strings.Fields(field)
		name := strings.TrimPrefix(words[len(words)-1], "[]int{")
		if v, ok := values[name]; !ok || constant.Compare(v, token.NEQ, constant.MakeInt64(want)) {
			t.Errorf("%s = %v, want %d", name, v, want)
		}
	}
	// The stored columns are listed one per line.
	if !strings.Contains(src, "Stored: []int{\n\t\t\t\t\tedfiClassPeriodColumnDocumentId,\n\t\t\t\t\tedfiClassPeriodColumnSchoolDocumentId,\n") {
		t.Errorf("the stored columns are not listed one per line:\n%s", src)
	}
	// None stays -1.
	if !strings.Contains(src, "ParentKey: -1,") {
		t.Errorf("ParentKey -1 is not written as -1:\n%s", src)
	}
	// What the runtime does not read is left out, with its indexes.
	for _, away := range []string{"Reference:", "FKColumn:", "References:", "Steps:", "Document:", "Values:", "Value:"} {
		if strings.Contains(src, away) {
			t.Errorf("the plan carries %q, which the runtime does not read:\n%s", away, src)
		}
	}
}

func TestPlanSQLIsNamed(t *testing.T) {
	src, values := renderPlan(t, planFixture())
	for _, want := range []string{
		"Insert:    edfiClassPeriodInsertSQL,",
		"{Select: edfiClassPeriodSelectSQL, ByIDFilter: \" WHERE 1 = $1\"}",
		"Load:      edfiClassPeriodLoadSQL,",
		"// edfiClassPeriodInsertSQL inserts edfi.ClassPeriod rows: one text[] parameter\n// per stored column.\nconst edfiClassPeriodInsertSQL = `INSERT INTO \"edfi\".\"ClassPeriod\"\nSELECT 1`",
	} {
		if !strings.Contains(src, want) {
			t.Errorf("the file lacks %q:\n%s", want, src)
		}
	}
	if got := constant.StringVal(values["edfiClassPeriodSelectSQL"]); got != "SELECT 1" {
		t.Errorf("edfiClassPeriodSelectSQL = %q", got)
	}
	// The statements the runtime completes from their parts are left out
	// (spec.Schema.CompleteStatements).
	for _, away := range []string{"ByID:", "LoadByUUID:"} {
		if strings.Contains(src, away) {
			t.Errorf("the plan carries %q, which the runtime completes:\n%s", away, src)
		}
	}
}

func TestPlanIndexesRefuseBrokenPlans(t *testing.T) {
	r := planFixture()
	r.Write.Tables[1].Key = 9
	if _, err := resourceConstants(r, "edfiClassPeriod"); err == nil || !strings.Contains(err.Error(), "Key: index 9 is out of range") {
		t.Errorf("out-of-range row key: %v", err)
	}
	r = planFixture()
	r.Tables[0].Columns[3].Name = "School.DocumentId" // identifier() drops the dot
	if _, err := resourceConstants(r, "edfiClassPeriod"); err == nil || !strings.Contains(err.Error(), "edfiClassPeriodColumnSchoolDocumentId") {
		t.Errorf("two columns with one constant name: %v", err)
	}
	// Across resources: a constant may not take a plan variable's name.
	names := []resourceName{{variable: "edfiClassPeriodTable", file: "a.go"}, {variable: "edfiClassPeriod", file: "b.go"}}
	consts, err := resourceConstants(planFixture(), "edfiClassPeriod")
	if err != nil {
		t.Fatal(err)
	}
	if err := checkNames(names, [][]string{nil, consts.names()}); err == nil || !strings.Contains(err.Error(), "edfiClassPeriodTable") {
		t.Errorf("a constant named like a plan variable: %v", err)
	}
}
