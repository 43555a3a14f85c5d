package relmodel

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/compiler/load"
	"github.com/edfi-dmsc/dmsc/internal/testschema"
)

func TestUnsafeCascadeCycle(t *testing.T) {
	dir := fixtureDir(t, "EdFi.DataManagementService.Backend.IntegrationFixtures/unsafe-cascade-cycle")
	set, info := loadFixture(t, dir)
	if _, err := Derive(set, info, PGSQL, true); err != nil {
		t.Fatalf("PostgreSQL derivation must succeed: %v", err)
	}
	_, err := Derive(set, info, MSSQL, true)
	if err == nil {
		t.Fatal("SQL Server derivation must fail on a cascade cycle")
	}
	if !strings.Contains(err.Error(), "SqlServerCascadeCycleNotSupported") {
		t.Errorf("unexpected error: %v", err)
	}
}

func TestMissingSemanticIdentityStrict(t *testing.T) {
	dir := fixtureDir(t,
		"EdFi.DataManagementService.Backend.RelationalModel.Tests.Unit/Fixtures/focused-stable-key/negative/missing-semantic-identity/inputs")
	raw, err := os.ReadFile(filepath.Join(dir, "core.ApiSchema.json"))
	if err != nil {
		t.Fatal(err)
	}
	// The fixture's own manifest supplies isExtensionProject (false) beside
	// the file instead of inside it; the loader requires it in the file.
	data := strings.Replace(string(raw), `"projectSchema": {`, `"projectSchema": {"isExtensionProject": false,`, 1)
	set, info := testschema.Documents(t, load.Document{Name: "core.ApiSchema.json", Data: []byte(data)})
	if _, err := Derive(set, info, PGSQL, false); err != nil {
		t.Fatalf("default pass set must accept the schema: %v", err)
	}
	_, err = Derive(set, info, PGSQL, true)
	if err == nil {
		t.Fatal("strict derivation must fail")
	}
	for _, want := range []string{"Ed-Fi:School", "$.addresses[*]", "arrayUniquenessConstraints"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}

// schemaWith builds a one-project schema set around resourceSchemas JSON
// (plus extra documents) and returns the error of deriving its model.
func schemaWith(t *testing.T, resources string, extra ...load.Document) error {
	t.Helper()
	core := `{"apiSchemaVersion":"1.0.0","projectSchema":{"projectName":"Ed-Fi","projectEndpointName":"ed-fi",
	"projectVersion":"1.0.0","isExtensionProject":false,"abstractResources":{},"resourceNameMapping":{},
	"caseInsensitiveEndpointNameMapping":{},"educationOrganizationHierarchy":{},"educationOrganizationTypes":[],
	"resourceSchemas":` + resources + `}}`
	docs := append([]load.Document{{Name: "core.json", Data: []byte(core)}}, extra...)
	set, info := testschema.Documents(t, docs...)
	_, err := Derive(set, info, PGSQL, false)
	return err
}

// widget renders a resource with the given insert-schema properties, extra
// resource members and extra documentPathsMapping entries.
func widget(props string, extra string, mappings ...string) string {
	return `{"widgets":{"resourceName":"Widget","isDescriptor":false,"isResourceExtension":false,"isSubclass":false,
	"allowIdentityUpdates":false,"identityJsonPaths":["$.widgetId"],"arrayUniquenessConstraints":[],
	"decimalPropertyValidationInfos":[],"equalityConstraints":[],
	"documentPathsMapping":{"WidgetId":{"isReference":false,"isPartOfIdentity":true,"isRequired":true,"path":"$.widgetId"}` +
		strings.Join(mappings, "") + `}` + extra + `,
	"jsonSchemaForInsert":{"type":"object","required":["widgetId"],"properties":{"widgetId":{"type":"integer"}` + props + `}}}}`
}

func TestNegativeInputs(t *testing.T) {
	cases := []struct {
		name, resources, want string
	}{
		{"ref", widget(`,"x":{"$ref":"#/a"}`, ""), "unsupported JSON-schema keyword '$ref' at $.properties.x.$ref"},
		{"oneOf", widget(`,"x":{"oneOf":[]}`, ""), "'oneOf'"},
		{"anyOf", widget(`,"x":{"anyOf":[]}`, ""), "'anyOf'"},
		{"allOf", widget(`,"x":{"allOf":[]}`, ""), "'allOf'"},
		{"enum", widget(`,"x":{"type":"string","maxLength":3,"enum":["a"]}`, ""), "'enum'"},
		{"string without maxLength", widget(`,"name":{"type":"string"}`, ""), "maxLength is required at $.name"},
		{"number without precision", widget(`,"amount":{"type":"number"}`, ""), "number at $.amount has no decimalPropertyValidationInfos"},
		{"unknown override", widget("", `,"relational":{"nameOverrides":{"$.nothing":"Other"}}`), "$.nothing"},
		{"override collision", widget(`,"a":{"type":"integer"},"b":{"type":"integer"}`, `,"relational":{"nameOverrides":{"$.b":"A"}}`), "identifier collision"},
		{"unknown reference target", widget(`,"gadgetReference":{"type":"object","properties":{"gadgetId":{"type":"integer"}}}`,
			"", `,"Gadget":{"isReference":true,"isDescriptor":false,"isRequired":false,"projectName":"Ed-Fi","resourceName":"Gadget",
			"referenceJsonPaths":[{"identityJsonPath":"$.gadgetId","referenceJsonPath":"$.gadgetReference.gadgetId"}]}`),
			"references resource Ed-Fi:Gadget"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := schemaWith(t, c.resources)
			if err == nil {
				t.Fatalf("expected an error mentioning %q", c.want)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q does not mention %q", err, c.want)
			}
		})
	}
}

func TestUnknownExtensionProject(t *testing.T) {
	ext := `{"apiSchemaVersion":"1.0.0","projectSchema":{"projectName":"Sample","projectEndpointName":"sample",
	"projectVersion":"1.0.0","isExtensionProject":true,"abstractResources":{},"resourceNameMapping":{},
	"caseInsensitiveEndpointNameMapping":{},"educationOrganizationHierarchy":{},"educationOrganizationTypes":[],
	"resourceSchemas":{"widgets":{"resourceName":"Widget","isDescriptor":false,"isResourceExtension":true,"isSubclass":false,
	"allowIdentityUpdates":false,"identityJsonPaths":[],"documentPathsMapping":{},"arrayUniquenessConstraints":[],
	"jsonSchemaForInsert":{"type":"object","properties":{"_ext":{"type":"object","properties":{"other":{"type":"object",
	"properties":{"x":{"type":"integer"}}}}}}}}}}}`
	err := schemaWith(t, widget("", ""), load.Document{Name: "ext.json", Data: []byte(ext)})
	if err == nil || !strings.Contains(err.Error(), "no _ext project key") || !strings.Contains(err.Error(), "'other'") {
		t.Fatalf("expected unknown _ext project error, got %v", err)
	}
}

func TestShorteningCollision(t *testing.T) {
	long := strings.Repeat("a", 70)
	// Two columns whose names share the first 63 bytes and hash differently
	// never collide; a collision needs identical shortened names, which the
	// hash makes practically impossible, so exercise the checker directly.
	b := &builder{dialect: PGSQL, out: &ModelSet{}}
	t1 := &Table{Name: TableName{Schema: "edfi", Name: "T"}, Columns: []*Column{{Name: long + "X"}, {Name: long + "Y"}}}
	b.builds = []*resourceBuild{{res: &Resource{Tables: []*Table{t1}}}}
	if err := b.checkShorteningCollisions(); err != nil {
		t.Fatalf("distinct hashed names must not collide: %v", err)
	}
	short := shorten(PGSQL, long+"X")
	t1.Columns = append(t1.Columns, &Column{Name: short})
	if err := b.checkShorteningCollisions(); err == nil || !strings.Contains(err.Error(), "identifier shortening collisions detected") {
		t.Fatalf("expected collision error, got %v", err)
	}
}
