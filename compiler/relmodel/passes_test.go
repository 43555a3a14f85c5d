package relmodel

import (
	"slices"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/compiler/load"
	"github.com/edfi-dmsc/dmsc/internal/testschema"
)

// derive builds a one-project schema from resourceSchemas JSON.
func derive(t *testing.T, d Dialect, strict bool, resources string) (*ModelSet, error) {
	t.Helper()
	core := `{"apiSchemaVersion":"1.0.0","projectSchema":{"projectName":"Ed-Fi","projectEndpointName":"ed-fi",
	"projectVersion":"1.0.0","isExtensionProject":false,"abstractResources":{},"resourceSchemas":` + resources + `}}`
	set, info := testschema.Documents(t, load.Document{Name: "core.json", Data: []byte(core)})
	return Derive(set, info, d, strict)
}

func mustDerive(t *testing.T, d Dialect, strict bool, resources string) *ModelSet {
	t.Helper()
	ms, err := derive(t, d, strict, resources)
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

func (ms *ModelSet) table(name string) *Table {
	for _, r := range ms.Resources {
		for _, t := range r.Tables {
			if t.Name.Name == name {
				return t
			}
		}
	}
	return nil
}

func (t *Table) constraint(name string) *Constraint {
	for _, c := range t.Constraints {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// resource renders a resourceSchemas entry.
func resource(endpoint, name string, allowUpdates bool, identity, mappings, props, required, extra string) string {
	upd := "false"
	if allowUpdates {
		upd = "true"
	}
	return `"` + endpoint + `":{"resourceName":"` + name + `","isDescriptor":false,"isResourceExtension":false,"isSubclass":false,
	"allowIdentityUpdates":` + upd + `,"identityJsonPaths":[` + identity + `],"documentPathsMapping":{` + mappings + `}` + extra + `,
	"jsonSchemaForInsert":{"type":"object","required":[` + required + `],"properties":{` + props + `}}}`
}

const refTo = `"isReference":true,"isDescriptor":false,"projectName":"Ed-Fi",`

// diamond: A is mutable, B's identity includes A, R references A and B.
var diamond = `{` +
	resource("as", "A", true, `"$.aId"`, ``, `"aId":{"type":"integer"}`, `"aId"`, ``) + `,` +
	resource("bs", "B", false, `"$.bId","$.aReference.aId"`,
		`"AReference":{`+refTo+`"resourceName":"A","referenceJsonPaths":[{"identityJsonPath":"$.aId","referenceJsonPath":"$.aReference.aId"}]}`,
		`"bId":{"type":"integer"},"aReference":{"type":"object","required":["aId"],"properties":{"aId":{"type":"integer"}}}`,
		`"bId","aReference"`, ``) + `,` +
	resource("rs", "R", false, `"$.rId"`,
		`"AReference":{`+refTo+`"resourceName":"A","referenceJsonPaths":[{"identityJsonPath":"$.aId","referenceJsonPath":"$.aReference.aId"}]},
		 "BReference":{`+refTo+`"resourceName":"B","referenceJsonPaths":[{"identityJsonPath":"$.bId","referenceJsonPath":"$.bReference.bId"},{"identityJsonPath":"$.aReference.aId","referenceJsonPath":"$.bReference.aId"}]}`,
		`"rId":{"type":"integer"},"aReference":{"type":"object","required":["aId"],"properties":{"aId":{"type":"integer"}}},
		 "bReference":{"type":"object","required":["bId","aId"],"properties":{"bId":{"type":"integer"},"aId":{"type":"integer"}}}`,
		`"rId","aReference","bReference"`, ``) + `}`

func TestReferenceConstraintsAndCascades(t *testing.T) {
	ms := mustDerive(t, PGSQL, false, diamond)
	r := ms.table("R")
	fkA, fkB := r.constraint("FK_R_AReference_RefKey"), r.constraint("FK_R_BReference_RefKey")
	if fkA == nil || fkB == nil {
		t.Fatalf("missing reference FKs: %+v", r.Constraints)
	}
	if !slices.Equal(fkB.Columns, []string{"BReference_BId", "BReference_AId", "BReference_DocumentId"}) ||
		!slices.Equal(fkB.TargetColumns, []string{"BId", "AReference_AId", "DocumentId"}) {
		t.Errorf("FK columns follow the target identity order: %v -> %v", fkB.Columns, fkB.TargetColumns)
	}
	if fkA.OnUpdate != Cascade || fkB.OnUpdate != Cascade {
		t.Errorf("pgsql cascades identity updates from mutable targets: %s, %s", fkA.OnUpdate, fkB.OnUpdate)
	}
	if b := ms.table("B"); b.constraint("UX_B_RefKey") == nil {
		t.Error("a referenced target gets UX_{Target}_RefKey")
	}
	if r.constraint("CK_R_AReference_AllNone") == nil {
		t.Error("each reference gets an all-or-none check")
	}
}

func TestMssqlPrunesDiamondConvergence(t *testing.T) {
	ms := mustDerive(t, MSSQL, false, diamond)
	r := ms.table("R")
	if got := r.constraint("FK_R_AReference_RefKey").OnUpdate; got != Cascade {
		t.Errorf("survivor (first in stable order) keeps CASCADE, got %s", got)
	}
	if got := r.constraint("FK_R_BReference_RefKey").OnUpdate; got != NoAction {
		t.Errorf("competing edge is cut to NO ACTION, got %s", got)
	}
	if got := ms.table("B").constraint("FK_B_AReference_RefKey").OnUpdate; got != Cascade {
		t.Errorf("edges off the convergence keep CASCADE, got %s", got)
	}
}

func TestKeyUnificationWithPresence(t *testing.T) {
	res := `{` + resource("items", "Item", false, `"$.itemId"`, ``,
		`"itemId":{"type":"integer"},"codeA":{"type":"string","maxLength":10},"codeB":{"type":"string","maxLength":10}`,
		`"itemId"`, `,"equalityConstraints":[{"sourceJsonPath":"$.codeB","targetJsonPath":"$.codeA"}]`) + `}`
	ms := mustDerive(t, PGSQL, false, res)
	item := ms.table("Item")
	canonical := item.Column("CodeA_Unified")
	if canonical == nil || canonical.Storage.UnifiedAlias || canonical.SourcePath != "" || !canonical.Nullable {
		t.Fatalf("canonical column: %+v", canonical)
	}
	for _, m := range []string{"CodeA", "CodeB"} {
		c := item.Column(m)
		if !c.Storage.UnifiedAlias || c.Storage.CanonicalColumn != "CodeA_Unified" || c.Storage.PresenceColumn != m+"_Present" {
			t.Errorf("%s storage: %+v", m, c.Storage)
		}
		if item.constraint("CK_Item_"+m+"_Present_NullOrTrue") == nil {
			t.Errorf("presence column %s_Present needs a NULL-or-TRUE check", m)
		}
	}
	applied := ms.Resources[0].KeyUnification.Applied
	if len(applied) != 1 || applied[0].EndpointAPath != "$.codeA" || applied[0].CanonicalColumn != "CodeA_Unified" {
		t.Errorf("applied diagnostics: %+v", applied)
	}
	if !slices.Equal(item.KeyUnificationClasses[0].MemberPathColumns, []string{"CodeA", "CodeB"}) {
		t.Errorf("class: %+v", item.KeyUnificationClasses)
	}
}

func TestKeyUnificationSkipsAndIgnores(t *testing.T) {
	res := `{` + resource("items", "Item", false, `"$.itemId"`, ``,
		`"itemId":{"type":"integer"},"code":{"type":"string","maxLength":10},
		 "lines":{"type":"array","items":{"type":"object","properties":{"code":{"type":"string","maxLength":10}}}}`,
		`"itemId"`, `,"equalityConstraints":[{"sourceJsonPath":"$.code","targetJsonPath":"$.lines[*].code"},
		 {"sourceJsonPath":"$.code","targetJsonPath":"$.missing"}],
		 "arrayUniquenessConstraints":[{"paths":["$.lines[*].code"]}]`) + `}`
	ms := mustDerive(t, PGSQL, true, res)
	ku := ms.Resources[0].KeyUnification
	if len(ku.Ignored) != 1 || ku.Ignored[0].Reason != "cross_table" {
		t.Errorf("cross-table constraint must be ignored: %+v", ku.Ignored)
	}
	if len(ku.Skipped) != 1 || ku.Skipped[0].UnresolvedEndpoint != "target" {
		t.Errorf("unbound endpoint must be skipped: %+v", ku.Skipped)
	}
	lines := ms.table("ItemLine")
	if len(lines.Identity.SemanticIdentity) != 1 || lines.Identity.SemanticIdentity[0] != (SemanticIdentityBinding{"$.code", "Code"}) {
		t.Errorf("semantic identity from arrayUniquenessConstraints: %+v", lines.Identity.SemanticIdentity)
	}
	if lines.constraint("UX_ItemLine_Code_Item_DocumentId") == nil {
		t.Errorf("semantic identity unique constraint missing: %v", lines.Constraints)
	}
}

func TestDescriptorColumnsAndTrackedChanges(t *testing.T) {
	res := `{"schoolTypeDescriptors":{"resourceName":"SchoolTypeDescriptor","isDescriptor":true,"isResourceExtension":false,
	"isSubclass":false,"allowIdentityUpdates":false,"identityJsonPaths":["$.namespace","$.codeValue"],"documentPathsMapping":{},
	"jsonSchemaForInsert":{"type":"object","required":["namespace","codeValue"],"properties":{"namespace":{"type":"string","maxLength":255},
	"codeValue":{"type":"string","maxLength":50}}}},` +
		resource("schools", "School", false, `"$.schoolId","$.schoolTypeDescriptor"`,
			`"SchoolTypeDescriptor":{"isReference":true,"isDescriptor":true,"projectName":"Ed-Fi","resourceName":"SchoolTypeDescriptor","path":"$.schoolTypeDescriptor"}`,
			`"schoolId":{"type":"integer"},"schoolTypeDescriptor":{"type":"string","maxLength":306}`, `"schoolId","schoolTypeDescriptor"`, ``) + `}`
	ms := mustDerive(t, PGSQL, false, res)
	school := ms.table("School")
	c := school.Column("SchoolTypeDescriptor_DescriptorId")
	if c == nil || c.Kind != ColDescriptorFk || c.TargetResource.Resource != "SchoolTypeDescriptor" {
		t.Fatalf("descriptor column: %+v", c)
	}
	fk := school.constraint("FK_School_SchoolTypeDescriptor")
	if fk == nil || fk.TargetTable != descriptorTable {
		t.Errorf("descriptor FK to dms.Descriptor missing: %+v", school.Constraints)
	}
	var tracked *TrackedChangeTable
	for i := range ms.TrackedChangeTables {
		if ms.TrackedChangeTables[i].Table.Name == "School" {
			tracked = &ms.TrackedChangeTables[i]
		}
	}
	var roles []string
	for _, v := range tracked.ValueColumns {
		roles = append(roles, v.OldColumn+":"+v.Role)
	}
	want := "OldSchoolId:Scalar OldSchoolTypeDescriptor_Namespace:DescriptorNamespace OldSchoolTypeDescriptor_CodeValue:DescriptorCodeValue"
	if strings.Join(roles, " ") != want {
		t.Errorf("tracked value columns: %v", roles)
	}
	if ms.Resources[1].StorageKind != SharedDescriptorTable || len(ms.Resources[1].Tables) != 0 {
		t.Errorf("descriptors map to dms.Descriptor without own tables: %+v", ms.Resources[1])
	}
}
