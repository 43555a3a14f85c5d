package plan_test

import (
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/internal/refdata"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// shape renders a node tree compactly: name, kind marker and members.
func shape(nodes []*spec.Node) string {
	var parts []string
	for _, n := range nodes {
		switch n.Kind {
		case spec.ScalarNode:
			parts = append(parts, n.Name)
		case spec.ObjectNode:
			parts = append(parts, n.Name+"{"+shape(n.Members)+"}")
		case spec.ArrayNode:
			parts = append(parts, n.Name+"["+shape(n.Members)+"]")
		case spec.LinkNode:
			parts = append(parts, "@")
		}
	}
	return strings.Join(parts, " ")
}

func TestReadPlanShape(t *testing.T) {
	s := bundled(t)
	school := find(t, s, "School")
	want := "addresses[addressTypeDescriptor apartmentRoomSuiteNumber buildingSiteNumber city congressionalDistrict countyFIPSCode doNotPublishIndicator latitude longitude nameOfCounty periods[beginDate endDate] postalCode stateAbbreviationDescriptor streetNumberName] " +
		"charterApprovalSchoolYearTypeReference{schoolYear @} educationOrganizationCategories[educationOrganizationCategoryDescriptor] gradeLevels[gradeLevelDescriptor] " +
		"localEducationAgencyReference{localEducationAgencyId @} nameOfInstitution schoolId _ext{sample{directlyOwnedBuses[directlyOwnedBusReference{busId @}] isExemplary}}"
	if got := shape(school.Read.Document); got != want {
		t.Errorf("School shape\n got %s\nwant %s", got, want)
	}
	if n := len(school.Read.Tables); n != len(school.Tables) {
		t.Fatalf("%d read tables for %d tables", n, len(school.Tables))
	}
	var period *spec.ReadTable
	for i, tb := range school.Tables {
		if tb.Name == "SchoolAddressPeriod" {
			period = school.Read.Tables[i]
		}
	}
	const periodSelect = `SELECT
      t."School_DocumentId"
    , t."CollectionItemId"
    , t."ParentCollectionItemId"
    , t."BeginDate"
    , t."EndDate"
FROM "edfi"."SchoolAddressPeriod" t
`
	if period == nil || period.ByID != periodSelect+`WHERE t."ParentCollectionItemId" = ANY(ARRAY(SELECT p1."CollectionItemId" FROM "edfi"."SchoolAddress" p1 WHERE p1."School_DocumentId" = (SELECT "DocumentId" FROM "dms"."Document" WHERE "DocumentUuid" = $1)))
ORDER BY t."School_DocumentId", t."ParentCollectionItemId", t."Ordinal"` {
		t.Errorf("period select = %s", period.ByID)
	}
	// A page reads the ids the page selection stored, never a subquery
	// PostgreSQL could turn into a join of whole tables.
	if period.Page != periodSelect+`WHERE t."ParentCollectionItemId" = ANY(ARRAY(SELECT p1."CollectionItemId" FROM "edfi"."SchoolAddress" p1 WHERE p1."School_DocumentId" = ANY(current_setting('dmsc.page_ids')::bigint[])))
ORDER BY t."School_DocumentId", t."ParentCollectionItemId", t."Ordinal"` {
		t.Errorf("period page select = %s", period.Page)
	}
	// References are looked up one primary-key probe per row, and both
	// sides of the root's dms.Document join are restricted to the page.
	if root := school.Read.Tables[0].Page; !strings.HasSuffix(root, `
WHERE r."DocumentId" = ANY(current_setting('dmsc.page_ids')::bigint[])
    AND d."DocumentId" = ANY(current_setting('dmsc.page_ids')::bigint[])
ORDER BY r."DocumentId"`) ||
		!strings.Contains(root, `
LEFT JOIN LATERAL (SELECT "DocumentUuid", "ResourceKeyId" FROM "dms"."Document" WHERE "DocumentId" = r."CharterApprovalSchoolYear_DocumentId" OFFSET 0) l0 ON true
`) {
		t.Errorf("root page select = %s", root)
	}
	if ext := school.Read.Tables[1]; !ext.OneToOne || ext.Parent != 0 {
		t.Errorf("extension table = %+v", ext)
	}

	// Key unification: the two alias binding columns of
	// courseOfferingReference.schoolId are one member with an alternate.
	section := find(t, s, "Section")
	for _, n := range section.Read.Document {
		if n.Name != "courseOfferingReference" {
			continue
		}
		for _, m := range n.Members {
			if m.Name == "schoolId" && len(m.Alternates) != 1 {
				t.Errorf("courseOfferingReference.schoolId alternates = %v", m.Alternates)
			}
		}
	}

	fields := map[string]*spec.QueryField{}
	for _, qf := range section.Read.QueryFields {
		fields[qf.Name] = qf
	}
	if qf := fields["schoolId"]; qf == nil || qf.JSONPath != "$.courseOfferingReference.schoolId" || strings.Join(qf.Predicate, "$1") != `(r."SchoolId_Unified" = ($1) AND r."CourseOffering_DocumentId" IS NOT NULL)` {
		t.Errorf("section schoolId query field = %+v", qf)
	}
	if qf := fields["id"]; qf == nil || qf.Param != spec.NoType {
		t.Errorf("section id query field = %+v", qf)
	}

	gl := find(t, s, "GradeLevelDescriptor")
	if got := shape(gl.Read.Document); got != "namespace codeValue shortDescription description effectiveBeginDate effectiveEndDate" {
		t.Errorf("descriptor shape = %s", got)
	}
	if !strings.HasSuffix(gl.Read.PageWhere, `= `+itoa(gl.ResourceKeyID)) {
		t.Errorf("descriptor page filter = %s", gl.Read.PageWhere)
	}

	// A descriptor is referenced from every table holding its column.
	var refs []string
	for _, r := range gl.Read.Referrers {
		refs = append(refs, r.Resource+":"+r.Table)
	}
	for _, w := range []string{"School:SchoolGradeLevel", "Section:SectionOfferedGradeLevel"} {
		if !strings.Contains(strings.Join(refs, ","), w) {
			t.Errorf("GradeLevelDescriptor referrers %v lack %s", refs, w)
		}
	}
	// School is referenced directly and through EducationOrganization.
	refs = refs[:0]
	for _, r := range find(t, s, "School").Read.Referrers {
		refs = append(refs, r.Resource+":"+r.Table)
	}
	if !strings.Contains(strings.Join(refs, ","), "StudentSchoolAssociation:StudentSchoolAssociation") {
		t.Errorf("School referrers = %v", refs)
	}
}

func itoa(n int16) string {
	var b []byte
	if n == 0 {
		return "0"
	}
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// TestReadPlanDS32a builds the read plans of the full DS 3.2a core: every
// resource gets a plan, every queryFieldMapping path a predicate, and
// every stored value a node.
func TestReadPlanDS32a(t *testing.T) {
	s := buildPlans(t, refdata.File(t, refdata.DS32aCoreSchema))
	var resources, fields, values int
	for _, r := range s.Resources {
		if r.Read == nil || len(r.Read.Tables) == 0 || r.Read.DeleteRoot == "" {
			t.Errorf("%s: no read plan", r.Name)
			continue
		}
		resources++
		fields += len(r.Read.QueryFields)
		var count func([]*spec.Node) int
		count = func(ns []*spec.Node) int {
			n := 0
			for _, x := range ns {
				switch x.Kind {
				case spec.ScalarNode:
					n += 1 + len(x.Alternates)
				case spec.LinkNode:
					n += 2 // DocumentUuid and ResourceKeyId
					if len(x.Targets) == 0 {
						t.Errorf("%s: link %s without targets", r.Name, x.Name)
					}
				}
				n += count(x.Members)
			}
			return n
		}
		stored := 0
		for _, t := range r.Read.Tables {
			stored += len(t.Values)
		}
		if got := count(r.Read.Document); got != stored {
			t.Errorf("%s: %d scalar nodes for %d selected values", r.Name, got, stored)
		}
		values += stored
	}
	sqlBytes := 0
	for _, r := range s.Resources {
		for _, t := range r.Read.Tables {
			sqlBytes += len(t.ByID) + len(t.Page)
		}
		for _, qf := range r.Read.QueryFields {
			sqlBytes += len(strings.Join(qf.Predicate, ""))
		}
	}
	t.Logf("DS 3.2a: %d resources, %d query fields, %d values, %d bytes of read SQL", resources, fields, values, sqlBytes)
}
