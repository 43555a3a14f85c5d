package engine_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/compiler/jsonx"
	"github.com/edfi-dmsc/dmsc/internal/refdata"
	"github.com/edfi-dmsc/dmsc/internal/testplan"
	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/engine"
	"github.com/edfi-dmsc/dmsc/runtime/etag"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/edfi-dmsc/dmsc/runtime/server"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/google/uuid"
)

// readEnv is the bundled schema's plans over a freshly provisioned
// database.
type readEnv struct {
	provisioned
	variant etag.Variant
}

// newReadEnv is the bundled schema, read with generated/default's code.
func newReadEnv(t testing.TB) *readEnv {
	t.Helper()
	repo := refdata.RepoRoot(t)
	e := newReadEnvFor(t, filepath.Join(repo, "schemas/default/core.ApiSchema.json"), filepath.Join(repo, "schemas/default/sample.ApiSchema.json"))
	e.useBundledCodecs(t)
	return e
}

// newReadEnvFor provisions a database for the schema files.
func newReadEnvFor(t testing.TB, files ...string) *readEnv {
	t.Helper()
	p := provisionSchema(t, files...)
	return &readEnv{provisioned: p, variant: etag.DefaultVariant(p.info.EffectiveSchemaHash, false)}
}

// resource is the resource of e's schema named name; the test fails when
// there is none.
func (e *readEnv) resource(t *testing.T, name string) *spec.Resource {
	t.Helper()
	return testplan.Resource(t, e.schema, name)
}

func (e *readEnv) exec(t *testing.T, sql string, args ...any) {
	t.Helper()
	if _, err := e.pool.Exec(context.Background(), sql, args...); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

// document inserts the dms.Document row of a new document of resource
// name and returns its DocumentId and DocumentUuid.
func (e *readEnv) document(t *testing.T, name string) (int64, uuid.UUID) {
	t.Helper()
	r := e.resource(t, name)
	id := uuid.New()
	var docID int64
	err := e.pool.QueryRow(context.Background(),
		`INSERT INTO "dms"."Document" ("DocumentUuid", "ResourceKeyId") VALUES ($1, $2) RETURNING "DocumentId"`, id, r.ResourceKeyID).Scan(&docID)
	if err != nil {
		t.Fatal(err)
	}
	return docID, id
}

// descriptor inserts a descriptor document and returns its DocumentId.
func (e *readEnv) descriptor(t *testing.T, name, namespace, code string) (int64, uuid.UUID) {
	t.Helper()
	docID, id := e.document(t, name)
	e.exec(t, `INSERT INTO "dms"."Descriptor" ("DocumentId", "ResourceKeyId", "Namespace", "CodeValue", "ShortDescription", "Description", "EffectiveBeginDate", "Discriminator", "Uri")
		VALUES ($1, $2, $3, $4, $5, $6, '2020-01-31', $7, $8)`,
		docID, e.resource(t, name).ResourceKeyID, namespace, code, code+" short", code+" long", "Ed-Fi:"+name, namespace+"#"+code)
	return docID, id
}

// schoolFixture stores two schools (one with addresses, periods, grade
// levels, categories, its extension and an extension collection
// referencing a bus) and returns the first school's id and bus ids.
type schoolFixture struct {
	school, school2 uuid.UUID
	schoolDoc       int64
	bus             uuid.UUID
	gradeLevel      uuid.UUID
}

func (e *readEnv) schools(t *testing.T) schoolFixture {
	t.Helper()
	var f schoolFixture
	ns := "uri://ed-fi.org/"
	addrType, _ := e.descriptor(t, "AddressTypeDescriptor", ns+"AddressTypeDescriptor", "Physical")
	state, _ := e.descriptor(t, "StateAbbreviationDescriptor", ns+"StateAbbreviationDescriptor", "TX")
	ninth, gl := e.descriptor(t, "GradeLevelDescriptor", ns+"GradeLevelDescriptor", "Ninth grade")
	tenth, _ := e.descriptor(t, "GradeLevelDescriptor", ns+"GradeLevelDescriptor", "Tenth grade")
	category, _ := e.descriptor(t, "EducationOrganizationCategoryDescriptor", ns+"EducationOrganizationCategoryDescriptor", "School")
	f.gradeLevel = gl

	busDoc, bus := e.document(t, "Bus")
	e.exec(t, `INSERT INTO "sample"."Bus" ("DocumentId", "BusId") VALUES ($1, 'B-1')`, busDoc)
	f.bus = bus

	doc, school := e.document(t, "School")
	f.school, f.schoolDoc = school, doc
	e.exec(t, `INSERT INTO "edfi"."School" ("DocumentId", "NameOfInstitution", "SchoolId") VALUES ($1, 'Lincoln High', 255901)`, doc)
	var addr1, addr2 int64
	if err := e.pool.QueryRow(context.Background(), `INSERT INTO "edfi"."SchoolAddress" ("Ordinal", "School_DocumentId", "AddressTypeDescriptor_DescriptorId", "StateAbbreviationDescriptor_DescriptorId", "City", "PostalCode", "StreetNumberName", "DoNotPublishIndicator")
		VALUES (0, $1, $2, $3, 'Austin', '78701', '1 Main St', false) RETURNING "CollectionItemId"`, doc, addrType, state).Scan(&addr1); err != nil {
		t.Fatal(err)
	}
	if err := e.pool.QueryRow(context.Background(), `INSERT INTO "edfi"."SchoolAddress" ("Ordinal", "School_DocumentId", "AddressTypeDescriptor_DescriptorId", "StateAbbreviationDescriptor_DescriptorId", "City", "PostalCode", "StreetNumberName")
		VALUES (1, $1, $2, $3, 'Dallas', '75001', '2 Elm St') RETURNING "CollectionItemId"`, doc, addrType, state).Scan(&addr2); err != nil {
		t.Fatal(err)
	}
	// Periods are inserted out of order: Ordinal decides.
	e.exec(t, `INSERT INTO "edfi"."SchoolAddressPeriod" ("Ordinal", "ParentCollectionItemId", "School_DocumentId", "BeginDate", "EndDate") VALUES (1, $1, $2, '2024-08-15', NULL)`, addr2, doc)
	e.exec(t, `INSERT INTO "edfi"."SchoolAddressPeriod" ("Ordinal", "ParentCollectionItemId", "School_DocumentId", "BeginDate", "EndDate") VALUES (0, $1, $2, '2020-01-01', '2024-06-30')`, addr2, doc)
	e.exec(t, `INSERT INTO "edfi"."SchoolGradeLevel" ("Ordinal", "School_DocumentId", "GradeLevelDescriptor_DescriptorId") VALUES (0, $1, $2), (1, $1, $3)`, doc, tenth, ninth)
	e.exec(t, `INSERT INTO "edfi"."SchoolEducationOrganizationCategory" ("Ordinal", "School_DocumentId", "EducationOrganizationCategoryDescriptor_DescriptorId") VALUES (0, $1, $2)`, doc, category)
	e.exec(t, `INSERT INTO "sample"."SchoolExtension" ("DocumentId", "IsExemplary") VALUES ($1, true)`, doc)
	e.exec(t, `INSERT INTO "sample"."SchoolExtensionDirectlyOwnedBus" ("Ordinal", "School_DocumentId", "DirectlyOwnedBus_DocumentId", "DirectlyOwnedBus_BusId") VALUES (0, $1, $2, 'B-1')`, doc, busDoc)

	doc2, school2 := e.document(t, "School")
	f.school2 = school2
	e.exec(t, `INSERT INTO "edfi"."School" ("DocumentId", "NameOfInstitution", "SchoolId") VALUES ($1, 'Roosevelt Middle', 255902)`, doc2)
	e.exec(t, `INSERT INTO "edfi"."SchoolGradeLevel" ("Ordinal", "School_DocumentId", "GradeLevelDescriptor_DescriptorId") VALUES (0, $1, $2)`, doc2, ninth)
	return f
}

// withoutMetadata drops id, _etag and _lastModifiedDate.
func withoutMetadata(t *testing.T, body []byte) string {
	t.Helper()
	v, err := jsonx.Parse(body)
	if err != nil {
		t.Fatalf("invalid JSON %s: %v", body, err)
	}
	var kept []jsonx.Member
	for _, m := range v.Members {
		switch m.Key {
		case "id", "_etag", "_lastModifiedDate":
			continue
		}
		kept = append(kept, m)
	}
	v.Members = kept
	return string(jsonx.Canonical(v))
}

func TestReadSchoolByID(t *testing.T) {
	e := newReadEnv(t)
	f := e.schools(t)
	ctx, rts := db.WithRoundTrips(context.Background())
	school := e.resource(t, "School")
	got, err := e.read(school).ReadByID(ctx, e.pool, school, f.school, e.variant, etag.Condition{})
	if err != nil {
		t.Fatal(err)
	}
	if got == nil {
		t.Fatal("school not found")
	}
	if n := rts.Count(); n != 1 {
		t.Errorf("GET by id took %d round trips, want 1", n)
	}
	// Descriptor URIs; arrays in Ordinal order; nested collections; _ext
	// only with values (compared canonically: keys sorted).
	want := `{"_ext":{"sample":{"directlyOwnedBuses":[{"directlyOwnedBusReference":{"busId":"B-1"}}],"isExemplary":true}},"addresses":[{"addressTypeDescriptor":"uri://ed-fi.org/AddressTypeDescriptor#Physical","city":"Austin","doNotPublishIndicator":false,"postalCode":"78701","stateAbbreviationDescriptor":"uri://ed-fi.org/StateAbbreviationDescriptor#TX","streetNumberName":"1 Main St"},` +
		`{"addressTypeDescriptor":"uri://ed-fi.org/AddressTypeDescriptor#Physical","city":"Dallas","periods":[{"beginDate":"2020-01-01","endDate":"2024-06-30"},{"beginDate":"2024-08-15"}],"postalCode":"75001","stateAbbreviationDescriptor":"uri://ed-fi.org/StateAbbreviationDescriptor#TX","streetNumberName":"2 Elm St"}],` +
		`"educationOrganizationCategories":[{"educationOrganizationCategoryDescriptor":"uri://ed-fi.org/EducationOrganizationCategoryDescriptor#School"}],` +
		`"gradeLevels":[{"gradeLevelDescriptor":"uri://ed-fi.org/GradeLevelDescriptor#Tenth grade"},{"gradeLevelDescriptor":"uri://ed-fi.org/GradeLevelDescriptor#Ninth grade"}],` +
		`"nameOfInstitution":"Lincoln High","schoolId":255901}`
	if g := withoutMetadata(t, got.Body); g != want {
		t.Errorf("school body\n got %s\nwant %s", g, want)
	}
	// Member order as written (not canonicalised): id and
	// _lastModifiedDate first, then schema order, _etag last.
	body := string(got.Body)
	for _, pair := range [][2]string{{`"id"`, `"_lastModifiedDate"`}, {`"_lastModifiedDate"`, `"addresses"`}, {`"addresses"`, `"schoolId"`}, {`"schoolId"`, `"_ext"`}, {`"_ext"`, `"_etag"`}} {
		if strings.Index(body, pair[0]) > strings.Index(body, pair[1]) {
			t.Errorf("%s written after %s: %s", pair[0], pair[1], body)
		}
	}
	if !strings.Contains(body, `"id":"`+f.school.String()+`"`) || !strings.Contains(body, `"_etag":"`+got.Tag+`"`) {
		t.Errorf("metadata missing: %s", body)
	}

	// With links: each reference carries {rel, href}.
	linked, err := e.read(school).ReadByID(context.Background(), e.pool, school, f.school, etag.DefaultVariant(e.info.EffectiveSchemaHash, true), etag.Condition{})
	if err != nil || linked == nil {
		t.Fatal(linked, err)
	}
	if want := `"directlyOwnedBusReference":{"busId":"B-1","link":{"rel":"Bus","href":"/sample/buses/` + f.bus.String() + `"}}`; !strings.Contains(string(linked.Body), want) {
		t.Errorf("linked body lacks %s: %s", want, linked.Body)
	}
	if linked.Tag == got.Tag {
		t.Errorf("the linked variant has the tag of the unlinked one: %s", linked.Tag)
	}

	// The second school has no extension row: no _ext.
	got2, err := e.read(school).ReadByID(context.Background(), e.pool, school, f.school2, e.variant, etag.Condition{})
	if err != nil || got2 == nil {
		t.Fatal(got2, err)
	}
	if g := withoutMetadata(t, got2.Body); g != `{"gradeLevels":[{"gradeLevelDescriptor":"uri://ed-fi.org/GradeLevelDescriptor#Ninth grade"}],"nameOfInstitution":"Roosevelt Middle","schoolId":255902}` {
		t.Errorf("second school = %s", g)
	}

	// If-None-Match with the served tag: not modified, no body.
	nm, err := e.read(school).ReadByID(context.Background(), e.pool, school, f.school, e.variant, etag.Parse(`"`+got.Tag+`"`))
	if err != nil || nm == nil || !nm.NotModified || nm.Body != nil {
		t.Errorf("If-None-Match: %+v %v", nm, err)
	}
	// Unknown id, and an id of another resource: not found.
	for _, id := range []uuid.UUID{uuid.New(), f.bus} {
		if r, err := e.read(school).ReadByID(context.Background(), e.pool, school, id, e.variant, etag.Condition{}); r != nil || err != nil {
			t.Errorf("GET %s = %+v, %v; want not found", id, r, err)
		}
	}
}

func TestReadDescriptorByID(t *testing.T) {
	e := newReadEnv(t)
	_, id := e.descriptor(t, "GradeLevelDescriptor", "uri://ed-fi.org/GradeLevelDescriptor", "Ninth grade")
	got, err := e.read(e.resource(t, "GradeLevelDescriptor")).ReadByID(context.Background(), e.pool, e.resource(t, "GradeLevelDescriptor"), id, e.variant, etag.Condition{})
	if err != nil || got == nil {
		t.Fatal(got, err)
	}
	want := `{"codeValue":"Ninth grade","description":"Ninth grade long","effectiveBeginDate":"2020-01-31","namespace":"uri://ed-fi.org/GradeLevelDescriptor","shortDescription":"Ninth grade short"}`
	if g := withoutMetadata(t, got.Body); g != want {
		t.Errorf("descriptor\n got %s\nwant %s", g, want)
	}
	// A descriptor's metadata follows its members, as the reference writes it.
	if b := string(got.Body); !strings.HasPrefix(b, `{"namespace"`) || !strings.Contains(b, `"effectiveBeginDate":"2020-01-31","id":`) {
		t.Errorf("descriptor member order: %s", b)
	}
	// A descriptor of another type is not found under this one.
	if r, err := e.read(e.resource(t, "AddressTypeDescriptor")).ReadByID(context.Background(), e.pool, e.resource(t, "AddressTypeDescriptor"), id, e.variant, etag.Condition{}); r != nil || err != nil {
		t.Errorf("cross-type GET = %+v, %v", r, err)
	}
}

// names returns the nameOfInstitution (or codeValue) of each document of a page.
func pageNames(t *testing.T, body []byte, member string) []string {
	t.Helper()
	v, err := jsonx.Parse(body)
	if err != nil || v.Kind != jsonx.Array {
		t.Fatalf("page is not an array: %s", body)
	}
	var out []string
	for _, it := range v.Items {
		out = append(out, it.Get(member).StringOr(""))
	}
	return out
}

func TestQuerySchools(t *testing.T) {
	e := newReadEnv(t)
	e.schools(t)
	school := e.resource(t, "School")
	all := server.Paging{Limit: 500}
	cases := []struct {
		filters server.QueryParams
		paging  server.Paging
		want    string
		total   int64
	}{
		{nil, all, "Lincoln High,Roosevelt Middle", -1},
		{nil, server.Paging{Limit: 1, TotalCount: true}, "Lincoln High", 2},
		{nil, server.Paging{Limit: 1, Offset: 1}, "Roosevelt Middle", -1},
		{nil, server.Paging{Limit: 5, Offset: 5, TotalCount: true}, "", 2},
		{nil, server.Paging{Limit: 0, TotalCount: true}, "", 2},
		{server.QueryParams{{Name: "schoolId", Value: "255902"}}, all, "Roosevelt Middle", -1},
		{server.QueryParams{{Name: "SCHOOLID", Value: "255901"}}, all, "Lincoln High", -1},
		{server.QueryParams{{Name: "schoolId", Value: "255901.5"}}, server.Paging{Limit: 5, TotalCount: true}, "", 0},
		{server.QueryParams{{Name: "nameOfInstitution", Value: "Lincoln High"}, {Name: "schoolId", Value: "255901"}}, all, "Lincoln High", -1},
		{server.QueryParams{{Name: "nameOfInstitution", Value: "Lincoln High"}, {Name: "schoolId", Value: "255902"}}, all, "", -1},
		{server.QueryParams{{Name: "id", Value: "not-a-uuid"}}, all, "", -1},
	}
	for _, c := range cases {
		ctx, rts := db.WithRoundTrips(context.Background())
		page, err := e.read(school).QueryPage(ctx, e.pool, school, c.filters, c.paging, e.variant)
		if err != nil {
			t.Errorf("%v %+v: %v", c.filters, c.paging, err)
			continue
		}
		if got := strings.Join(pageNames(t, page.Body, "nameOfInstitution"), ","); got != c.want || page.TotalCount != c.total {
			t.Errorf("%v %+v = %q total %d, want %q total %d", c.filters, c.paging, got, page.TotalCount, c.want, c.total)
		}
		if n := rts.Count(); n > 1 {
			t.Errorf("%v %+v took %d round trips", c.filters, c.paging, n)
		}
	}

	// Each page document equals its GET by id.
	page, err := e.read(school).QueryPage(context.Background(), e.pool, school, nil, all, e.variant)
	if err != nil {
		t.Fatal(err)
	}
	arr, _ := jsonx.Parse(page.Body)
	for _, it := range arr.Items {
		id := uuid.MustParse(it.Get("id").StringOr(""))
		one, err := e.read(school).ReadByID(context.Background(), e.pool, school, id, e.variant, etag.Condition{})
		if err != nil || one == nil {
			t.Fatal(one, err)
		}
		if string(jsonx.Canonical(it)) != withoutMetadataKeep(t, one.Body) {
			t.Errorf("page item differs from GET by id:\n%s\n%s", jsonx.Canonical(it), one.Body)
		}
	}

	// Query by id.
	first := arr.Items[0].Get("id").StringOr("")
	p, err := e.read(school).QueryPage(context.Background(), e.pool, school, server.QueryParams{{Name: "id", Value: first}}, all, e.variant)
	if err != nil || len(pageNames(t, p.Body, "nameOfInstitution")) != 1 {
		t.Errorf("query by id: %s %v", p.Body, err)
	}

	// Unknown field and bad value: 400 problems.
	_, err = e.read(school).QueryPage(context.Background(), e.pool, school, server.QueryParams{{Name: "color", Value: "red"}}, all, e.variant)
	var pd *problem.Details
	if !errors.As(err, &pd) || pd.Status != 400 || !strings.Contains(string(pd.JSON()), "The query field 'color' is not valid for this resource.") {
		t.Errorf("unknown field: %v", err)
	}
	_, err = e.read(school).QueryPage(context.Background(), e.pool, school, server.QueryParams{{Name: "schoolId", Value: "abc"}}, all, e.variant)
	if !errors.As(err, &pd) || pd.Status != 400 || !strings.Contains(string(pd.JSON()), `"$.schoolId":["The value 'abc' is not valid for schoolId."]`) {
		t.Errorf("bad value: %v", err)
	}
}

// withoutMetadataKeep canonicalises a document keeping its metadata.
func withoutMetadataKeep(t *testing.T, body []byte) string {
	t.Helper()
	v, err := jsonx.Parse(body)
	if err != nil {
		t.Fatal(err)
	}
	return string(jsonx.Canonical(v))
}

func TestQueryDescriptors(t *testing.T) {
	e := newReadEnv(t)
	e.descriptor(t, "GradeLevelDescriptor", "uri://ed-fi.org/GradeLevelDescriptor", "Ninth grade")
	e.descriptor(t, "GradeLevelDescriptor", "uri://ed-fi.org/GradeLevelDescriptor", "Tenth grade")
	e.descriptor(t, "GradeLevelDescriptor", "uri://other.org/GradeLevelDescriptor", "Ninth grade")
	e.descriptor(t, "AddressTypeDescriptor", "uri://ed-fi.org/AddressTypeDescriptor", "Home")
	gl := e.resource(t, "GradeLevelDescriptor")
	all := server.Paging{Limit: 500, TotalCount: true}
	cases := []struct {
		filters server.QueryParams
		want    string
	}{
		{nil, "Ninth grade,Tenth grade,Ninth grade"},
		{server.QueryParams{{Name: "codeValue", Value: "Ninth grade"}}, "Ninth grade,Ninth grade"},
		{server.QueryParams{{Name: "namespace", Value: "uri://other.org/GradeLevelDescriptor"}}, "Ninth grade"},
		{server.QueryParams{{Name: "shortDescription", Value: "Tenth grade short"}}, "Tenth grade"},
		{server.QueryParams{{Name: "description", Value: "Tenth grade long"}}, "Tenth grade"},
		{server.QueryParams{{Name: "effectiveBeginDate", Value: "2020-01-31"}}, "Ninth grade,Tenth grade,Ninth grade"},
		{server.QueryParams{{Name: "effectiveEndDate", Value: "2020-01-31"}}, ""},
	}
	for _, c := range cases {
		page, err := e.read(gl).QueryPage(context.Background(), e.pool, gl, c.filters, all, e.variant)
		if err != nil {
			t.Errorf("%v: %v", c.filters, err)
			continue
		}
		got := pageNames(t, page.Body, "codeValue")
		if strings.Join(got, ",") != c.want || page.TotalCount != int64(len(got)) {
			t.Errorf("%v = %v total %d, want %s", c.filters, got, page.TotalCount, c.want)
		}
	}
	_, err := e.read(gl).QueryPage(context.Background(), e.pool, gl, server.QueryParams{{Name: "effectiveEndDate", Value: "someday"}}, all, e.variant)
	var pd *problem.Details
	if !errors.As(err, &pd) || pd.Status != 400 {
		t.Errorf("bad date: %v", err)
	}
}

func TestDelete(t *testing.T) {
	e := newReadEnv(t)
	f := e.schools(t)
	epoch := etag.SchemaEpoch(e.info.EffectiveSchemaHash)
	school, bus, gl := e.resource(t, "School"), e.resource(t, "Bus"), e.resource(t, "GradeLevelDescriptor")

	// Referenced documents: 409 naming the referencing resource.
	for _, c := range []struct {
		res *spec.Resource
		id  uuid.UUID
	}{{bus, f.bus}, {gl, f.gradeLevel}} {
		found, err := engine.Delete(context.Background(), e.pool, c.res, c.id, etag.Write{}, epoch)
		var pd *problem.Details
		if !found || !errors.As(err, &pd) || pd.Status != 409 || !strings.Contains(pd.Detail, "existing School item(s)") {
			t.Errorf("delete referenced %s: found %v, %v", c.res.Name, found, err)
		}
	}

	// If-Match with a stale tag: 412, nothing deleted.
	found, err := engine.Delete(context.Background(), e.pool, school, f.school, etag.Write{IfMatch: etag.Parse(`"1-` + epoch + `.j._.n.i"`)}, epoch)
	var pd *problem.Details
	if !found || !errors.As(err, &pd) || pd.Status != 412 {
		t.Errorf("stale If-Match: %v %v", found, err)
	}

	// The school: deleted with its child rows in one round trip.
	ctx, rts := db.WithRoundTrips(context.Background())
	found, err = engine.Delete(ctx, e.pool, school, f.school, etag.Write{}, epoch)
	if err != nil || !found {
		t.Fatalf("delete school: %v %v", found, err)
	}
	if n := rts.Count(); n != 1 {
		t.Errorf("DELETE took %d round trips, want 1", n)
	}
	if r, err := e.read(school).ReadByID(context.Background(), e.pool, school, f.school, e.variant, etag.Condition{}); r != nil || err != nil {
		t.Errorf("deleted school still readable: %+v %v", r, err)
	}
	var docs int
	if err := e.pool.QueryRow(context.Background(), `SELECT count(*) FROM "dms"."Document" WHERE "DocumentUuid" = $1`, f.school).Scan(&docs); err != nil || docs != 0 {
		t.Errorf("dms.Document row left: %d %v", docs, err)
	}
	// Deleting again, or a bus id through the school resource: not found,
	// and the bus survives.
	for _, id := range []uuid.UUID{f.school, f.bus} {
		if found, err := engine.Delete(context.Background(), e.pool, school, id, etag.Write{}, epoch); found || err != nil {
			t.Errorf("delete %s: %v %v", id, found, err)
		}
	}
	// Now unreferenced, the bus deletes; the descriptor stays referenced by the second school.
	if found, err := engine.Delete(context.Background(), e.pool, bus, f.bus, etag.Write{IfMatch: etag.Parse("*")}, epoch); !found || err != nil {
		t.Errorf("delete bus: %v %v", found, err)
	}
	if found, err := engine.Delete(context.Background(), e.pool, gl, f.gradeLevel, etag.Write{}, epoch); !found || err == nil {
		t.Errorf("delete descriptor still referenced: %v %v", found, err)
	}
	// The school's addresses are gone, so its address type deletes.
	addrType := e.resource(t, "AddressTypeDescriptor")
	var addrTypeID uuid.UUID
	if err := e.pool.QueryRow(context.Background(), `SELECT "DocumentUuid" FROM "dms"."Document" WHERE "ResourceKeyId" = $1`, addrType.ResourceKeyID).Scan(&addrTypeID); err != nil {
		t.Fatal(err)
	}
	if found, err := engine.Delete(context.Background(), e.pool, addrType, addrTypeID, etag.Write{}, epoch); !found || err != nil {
		t.Errorf("delete unreferenced descriptor: %v %v", found, err)
	}
	// Deleting the root row before dms.Document lets the triggers record
	// tombstones with the document's id.
	for _, c := range []struct {
		table string
		id    uuid.UUID
	}{{`"tracked_changes_edfi"."School"`, f.school}, {`"tracked_changes_sample"."Bus"`, f.bus}, {`"tracked_changes_edfi"."Descriptor"`, addrTypeID}} {
		var n int
		if err := e.pool.QueryRow(context.Background(), `SELECT count(*) FROM `+c.table+` WHERE "Id" = $1`, c.id).Scan(&n); err != nil || n != 1 {
			t.Errorf("%s tombstones for %s: %d %v", c.table, c.id, n, err)
		}
	}
}

// TestHydrationUsesIndexes EXPLAINs every hydration select of every bundled
// resource (by id and by page) with sequential scans disabled: a table
// scanned sequentially, or through an index whose leading column its
// condition does not use, has no index serving the filter, and a GET
// would read the whole table.
func TestHydrationUsesIndexes(t *testing.T) {
	e := newReadEnv(t)
	ctx := context.Background()
	conn, err := e.pool.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, "SET enable_seqscan = off"); err != nil {
		t.Fatal(err)
	}
	leading := map[string]string{} // index name → its first column
	rows, err := conn.Query(ctx, `SELECT i.relname, a.attname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
		JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = x.indkey[0]`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var index, column string
		if err := rows.Scan(&index, &column); err != nil {
			t.Fatal(err)
		}
		leading[index] = column
	}
	rows.Close()
	explain := func(sql string, args ...any) []string {
		rows, err := conn.Query(ctx, "EXPLAIN "+sql, args...)
		if err != nil {
			t.Fatalf("EXPLAIN %s: %v", sql, err)
		}
		defer rows.Close()
		var lines []string
		for rows.Next() {
			var line string
			if err := rows.Scan(&line); err != nil {
				t.Fatal(err)
			}
			lines = append(lines, line)
		}
		return lines
	}
	// unindexed reports the first scan not served by an index: a
	// sequential scan (other than of dms.Descriptor by a descriptor
	// page), or an index scan whose condition skips the index's leading
	// column.
	unindexed := func(plan []string) string {
		lead := ""
		for _, line := range plan {
			if strings.Contains(line, "Seq Scan on ") && !strings.Contains(line, `Seq Scan on "Descriptor"`) {
				return line
			}
			name := ""
			if _, after, ok := strings.Cut(line, "Index Scan using "); ok {
				name, _, _ = strings.Cut(after, " on ")
			} else if _, after, ok := strings.Cut(line, "Index Only Scan using "); ok {
				name, _, _ = strings.Cut(after, " on ")
			} else if _, after, ok := strings.Cut(line, "Bitmap Index Scan on "); ok {
				name, _, _ = strings.Cut(after, "  ")
			}
			if name != "" {
				lead = leading[strings.Trim(name, `"`)]
				continue
			}
			if strings.Contains(line, "->") {
				lead = ""
			}
			if lead != "" && strings.Contains(line, "Index Cond:") && !strings.Contains(line, `"`+lead+`"`) {
				return line
			}
		}
		return ""
	}
	// The check sees an unindexed filter: nested tables do not index their
	// root document id.
	if bad := unindexed(explain(`SELECT 1 FROM "edfi"."SchoolAddressPeriod" WHERE "School_DocumentId" = 1`)); bad == "" {
		t.Fatal("an unindexed filter is not detected")
	}
	// The page statements read the page's ids from the setting.
	if _, err := conn.Exec(ctx, "SELECT set_config($1, '{1,2,3}', false)", spec.PageIDsSetting); err != nil {
		t.Fatal(err)
	}
	for _, r := range e.schema.Resources {
		for i, rt := range r.Read.Tables {
			for _, plan := range [][]string{explain(rt.ByID, uuid.New().String()), explain(rt.Page)} {
				if bad := unindexed(plan); bad != "" {
					t.Errorf("%s table %d: %s\n%s", r.Name, i, bad, strings.Join(plan, "\n"))
				}
			}
		}
	}
}
