package relmodel

import (
	"slices"
	"strings"
	"testing"
)

func TestPascalCase(t *testing.T) {
	for in, want := range map[string]string{
		"schoolId": "SchoolId", "ed-fi": "EdFi", "a_b c": "ABC", "": "", "x1y": "X1y",
	} {
		if got := pascalCase(in); got != want {
			t.Errorf("pascalCase(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSingularize(t *testing.T) {
	for in, want := range map[string]string{
		"addresses": "address", "categories": "category", "matches": "match", "wishes": "wish",
		"boxes": "box", "quizzes": "quizz", "phoneNumbers": "phoneNumber", "class": "class", "children": "children",
	} {
		if got := singularize(in); got != want {
			t.Errorf("singularize(%q) = %q, want %q", in, got, want)
		}
	}
	if got := collectionBaseName("gradeLevels"); got != "GradeLevel" {
		t.Errorf("collectionBaseName = %q", got)
	}
}

func TestColumnTokens(t *testing.T) {
	cases := []struct {
		cols []string
		want string
	}{
		{[]string{"School_DocumentId", "Ordinal"}, "Ordinal_School_DocumentId"},
		{[]string{"CollectionItemId", "School_DocumentId"}, "CollectionItemId_School_DocumentId"},
		{[]string{"ParentCollectionItemId", "Ordinal"}, "Ordinal_ParentCollectionItemId"},
		{[]string{"School_DocumentId", "ProgramReference_DocumentId"}, "ProgramReference_DocumentId_School_DocumentId"},
	}
	for _, c := range cases {
		if got := strings.Join(columnTokens(c.cols), "_"); got != c.want {
			t.Errorf("columnTokens(%v) = %q, want %q", c.cols, got, c.want)
		}
	}
}

func TestShortenIdentifier(t *testing.T) {
	// The reference's documented example: a 64-byte PostgreSQL index name.
	full := "IX_SchoolAddressPhoneNumber_ParentCollectionItemId_School_DocumentId"
	if got, want := shorten(PGSQL, full), "IX_SchoolAddressPhoneNumber_ParentCollectionItemId_S_9002c7691c"; got != want {
		t.Errorf("pgsql: got %q, want %q", got, want)
	}
	if got := shorten(MSSQL, full); got != full {
		t.Errorf("mssql must keep names up to 128 characters, got %q", got)
	}
	if got := shorten(PGSQL, "PK_School"); got != "PK_School" {
		t.Errorf("short names are kept, got %q", got)
	}
	// PostgreSQL counts bytes and never splits a multi-byte rune.
	name := strings.Repeat("é", 40) // 80 bytes
	got := shorten(PGSQL, name)
	if len(got) > 63 || !strings.HasPrefix(got, strings.Repeat("é", 26)+"_") {
		t.Errorf("multi-byte shortening: got %q (%d bytes)", got, len(got))
	}
}

func TestParsePath(t *testing.T) {
	p, err := parsePath("$.addresses[*].phoneNumbers[*].number")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(p, jsonPath{"addresses", "[*]", "phoneNumbers", "[*]", "number"}) || p.arrayDepth() != 2 {
		t.Errorf("segments %v", p)
	}
	if p.String() != "$.addresses[*].phoneNumbers[*].number" {
		t.Errorf("canonical %q", p.String())
	}
	for _, bad := range []string{"", "addresses", "$.a[0]", "$..a", "$['a']"} {
		if _, err := parsePath(bad); err == nil {
			t.Errorf("parsePath(%q) must fail", bad)
		}
	}
}

func TestOwningScopeLength(t *testing.T) {
	for path, want := range map[string]int{
		"$.studentReference":                       0,
		"$.programs[*].programReference":           2,
		"$._ext.sample.thingReference":             2,
		"$.addresses[*]._ext.sample.someReference": 4,
		"$._ext.sample.items[*].someReference":     4,
	} {
		if got := owningScopeLength(mustPath(path)); got != want {
			t.Errorf("owningScopeLength(%s) = %d, want %d", path, got, want)
		}
	}
}

func TestIdentityPartBaseNames(t *testing.T) {
	ref := referenceMapping{
		objectPath: mustPath("$.gradeReference"),
		bindings: []referenceBinding{
			{identityPath: mustPath("$.gradeTypeDescriptor"), referencePath: mustPath("$.gradeReference.gradeTypeDescriptor")},
			{identityPath: mustPath("$.studentSectionAssociationReference.schoolId"), referencePath: mustPath("$.gradeReference.schoolId")},
			{identityPath: mustPath("$.gradingPeriodReference.schoolId"), referencePath: mustPath("$.gradeReference.schoolId")},
		},
	}
	want := []string{"GradeTypeDescriptor", "StudentSectionAssociationReferenceSchoolId", "GradingPeriodReferenceSchoolId"}
	if got := identityPartBaseNames(ref); !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestResolveCollectionOverride(t *testing.T) {
	in := &resourceInput{name: ResourceName{Project: "Ed-Fi", Resource: "School"}, project: nil}
	prefixes := collectionOverridePrefixes("School", "Address")
	got, err := resolveCollectionOverride(in, "SchoolAddressPhone", "$.addresses[*].phones[*]", prefixes)
	if err != nil || got != "Phone" {
		t.Errorf("got %q, %v; want Phone", got, err)
	}
	if got, _ := resolveCollectionOverride(in, "Telephone", "$.x[*]", prefixes); got != "Telephone" {
		t.Errorf("non-prefixed override must be kept, got %q", got)
	}
}

func TestCanonicalizeTableOrdersColumns(t *testing.T) {
	tbl := newCollectionTable(TableName{Schema: "edfi", Name: "SchoolAddress"}, "$.addresses[*]", "School",
		newRootTable("edfi", "School"))
	tbl.Columns = append(tbl.Columns,
		&Column{Name: "Street", Kind: ColScalar, SourcePath: "$.addresses[*].street"},
		&Column{Name: "AddressTypeDescriptor_DescriptorId", Kind: ColDescriptorFk, SourcePath: "$.addresses[*].addressTypeDescriptor"},
		&Column{Name: "X_Unified", Kind: ColScalar},
		&Column{Name: "A_X", Kind: ColScalar, SourcePath: "$.addresses[*].a", Storage: Storage{UnifiedAlias: true, CanonicalColumn: "X_Unified"}},
	)
	if err := canonicalizeTable(tbl, nil); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range tbl.Columns {
		names = append(names, c.Name)
	}
	want := []string{"CollectionItemId", "Ordinal", "School_DocumentId", "X_Unified", "AddressTypeDescriptor_DescriptorId", "A_X", "Street"}
	if !slices.Equal(names, want) {
		t.Errorf("got %v\nwant %v", names, want)
	}
}
