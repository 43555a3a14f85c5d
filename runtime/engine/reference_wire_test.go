package engine_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/internal/refdata"
	"github.com/edfi-dmsc/dmsc/runtime/engine"
	"github.com/edfi-dmsc/dmsc/runtime/server"
)

// The TestRefWire tests hold the server to answers of the reference's E2E
// scenarios (src/dms/tests/EdFi.DataManagementService.Tests.E2E/Features),
// over HTTP against a provisioned database: the bundled schema served by
// its generated code, DS 3.2a by the interpreter of internal/oracle.

// wireAPI is p's resources served over HTTP as the server serves them.
type wireAPI struct {
	t   testing.TB
	url string
}

// serveHTTP serves p's resources with p's codecs.
func serveHTTP(t testing.TB, p provisioned) *wireAPI {
	t.Helper()
	s := server.New(server.Config{}, engine.App(p.schema), p.pool, nil, slog.New(slog.NewTextHandler(io.Discard, nil)))
	svc := engine.NewService(s, p.schema)
	for r, c := range p.codecs {
		s.Register(r.ProjectEndpoint, r.Endpoint, svc.Handler(r, *c))
	}
	hs := httptest.NewServer(s.Handler())
	t.Cleanup(hs.Close)
	return &wireAPI{t: t, url: hs.URL}
}

// wireAnswer is one HTTP answer.
type wireAnswer struct {
	status int
	header http.Header
	body   []byte
}

// send makes a request with a raw body (none when empty).
func (a *wireAPI) send(method, path, body string) wireAnswer {
	a.t.Helper()
	req, err := http.NewRequest(method, a.url+path, strings.NewReader(body))
	if err != nil {
		a.t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		a.t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		a.t.Fatal(err)
	}
	return wireAnswer{status: res.StatusCode, header: res.Header, body: b}
}

// sendJSON makes a request with v as its JSON body.
func (a *wireAPI) sendJSON(method, path string, v any) wireAnswer {
	a.t.Helper()
	return a.send(method, path, string(mustJSON(a.t, v)))
}

// created POSTs v and returns the new document's id.
func (a *wireAPI) created(path string, v any) string {
	a.t.Helper()
	r := a.sendJSON(http.MethodPost, path, v)
	if r.status != http.StatusCreated && r.status != http.StatusOK {
		a.t.Fatalf("POST %s = %d %s", path, r.status, r.body)
	}
	loc := r.header.Get("Location")
	return loc[strings.LastIndexByte(loc, '/')+1:]
}

// wantProblem checks an answer against the reference's problem details:
// status, type, title, detail and, when given, validationErrors exactly
// (key order included).
func wantProblem(t *testing.T, what string, r wireAnswer, status int, typ, title, detail string, errs ...[2]string) {
	t.Helper()
	var p struct {
		Status           int             `json:"status"`
		Type             string          `json:"type"`
		Title            string          `json:"title"`
		Detail           string          `json:"detail"`
		ValidationErrors json.RawMessage `json:"validationErrors"`
	}
	if err := json.Unmarshal(r.body, &p); err != nil {
		t.Fatalf("%s: %d %s: %v", what, r.status, r.body, err)
	}
	if r.status != status || p.Status != status || p.Type != typ || p.Title != title || p.Detail != detail {
		t.Errorf("%s: %d %s\nwant %d %s %q %q", what, r.status, r.body, status, typ, title, detail)
	}
	if errs == nil {
		return
	}
	var want bytes.Buffer
	want.WriteByte('{')
	for i, e := range errs {
		if i > 0 {
			want.WriteByte(',')
		}
		want.Write(mustJSON(t, e[0]))
		want.WriteString(":[")
		want.Write(mustJSON(t, e[1]))
		want.WriteByte(']')
	}
	want.WriteByte('}')
	if string(p.ValidationErrors) != want.String() {
		t.Errorf("%s: validationErrors\n got  %s\n want %s", what, p.ValidationErrors, want.String())
	}
}

const (
	typeDataValidation = "urn:ed-fi:api:bad-request:data-validation-failed"
	typeKeyChange      = "urn:ed-fi:api:bad-request:data-validation-failed:key-change-not-supported"
	detailValidation   = "Data validation failed. See 'validationErrors' for details."
)

// TestRefWireMissingDescriptorURIIsLowerCased: "value … does not exist"
// names the URI lower-cased (DescriptorReferenceValidation.feature
// scenario 01).
func TestRefWireMissingDescriptorURIIsLowerCased(t *testing.T) {
	l := loadBundled(t)
	api := serveHTTP(t, l.provisioned)
	school := l.doc(t, "ed-fi/schools")
	school["schoolId"] = 255901999
	school["educationOrganizationCategories"] = []any{map[string]any{
		"educationOrganizationCategoryDescriptor": "uri://ed-fi.org/EducationOrganizationCategoryDescriptor#Fake"}}
	r := api.sendJSON(http.MethodPost, "/data/ed-fi/schools", school)
	wantProblem(t, "POST with a missing descriptor", r, 400, "urn:ed-fi:api:bad-request", "Bad Request", detailValidation,
		[2]string{"$.educationOrganizationCategories[0].educationOrganizationCategoryDescriptor",
			"EducationOrganizationCategoryDescriptor value 'uri://ed-fi.org/educationorganizationcategorydescriptor#fake' does not exist."})
}

// TestRefWireDescriptorIdentityImmutableOnPut: a PUT that changes a
// descriptor's codeValue or namespace, in value or only in case, is the
// reference's 400 (UpdateDescriptorsValidation.feature scenarios 10, 18,
// 19).
func TestRefWireDescriptorIdentityImmutableOnPut(t *testing.T) {
	l := loadBundled(t)
	api := serveHTTP(t, l.provisioned)
	body := map[string]any{"codeValue": "Visual Impairment", "namespace": "uri://ed-fi.org/GradeLevelDescriptor", "shortDescription": "Visual Impairment"}
	id := api.created("/data/ed-fi/gradeLevelDescriptors", body)
	const detail = "Identity of resource 'Ed-Fi.GradeLevelDescriptor' cannot be changed. Descriptor identity fields (Namespace, CodeValue) are immutable on PUT."
	for _, change := range []struct{ member, value string }{
		{"codeValue", "Visual Impairment Ed-Fi Test"},
		{"namespace", "uri://ed-fi.org/GradeLevelDescriptor__"},
		{"codeValue", "visual impairment"},
	} {
		put := map[string]any{"id": id}
		for k, v := range body {
			put[k] = v
		}
		put[change.member] = change.value
		r := api.sendJSON(http.MethodPut, "/data/ed-fi/gradeLevelDescriptors/"+id, put)
		wantProblem(t, "PUT changing "+change.member+" to "+change.value, r, 400, typeKeyChange, "Key Change Not Supported", detail)
	}
	body["id"], body["shortDescription"] = id, "changed"
	if r := api.sendJSON(http.MethodPut, "/data/ed-fi/gradeLevelDescriptors/"+id, body); r.status != http.StatusNoContent {
		t.Errorf("PUT changing shortDescription = %d %s", r.status, r.body)
	}
}

// TestRefWireDuplicateReferencesInAnyArray: a reference repeated within an
// array of references is a 400 naming the repeat, whether or not the
// schema's arrayUniquenessConstraints list the array (sections' do not list
// classPeriods), answered before the references are resolved and before a
// PUT looks for its document (ArrayUniquenessValidation.feature scenario
// 05, UpdateResourcesValidation.feature).
func TestRefWireDuplicateReferencesInAnyArray(t *testing.T) {
	l := loadBundled(t)
	api := serveHTTP(t, l.provisioned)
	section := l.doc(t, "ed-fi/sections")
	schoolID := l.doc(t, "ed-fi/classPeriods")["schoolReference"].(map[string]any)["schoolId"]
	period := func(name string) any {
		return map[string]any{"classPeriodReference": map[string]any{"classPeriodName": name, "schoolId": schoolID}}
	}
	// The other class periods do not exist: resolution would answer 409.
	section["classPeriods"] = []any{period("01 - Traditional"), period("02 - Traditional"), period("03 - Traditional"), period("01 - Traditional")}
	want := [2]string{"$.classPeriods", "The 4th item of the classPeriods has the same identifying values as another item earlier in the list."}
	wantProblem(t, "POST", api.sendJSON(http.MethodPost, "/data/ed-fi/sections", section), 400, typeDataValidation, "Data Validation Failed", detailValidation, want)
	absent := "3f8a3b52-7d1c-4d9e-9a61-0c2f4e5b6a70"
	section["id"] = absent
	wantProblem(t, "PUT of an absent document", api.sendJSON(http.MethodPut, "/data/ed-fi/sections/"+absent, section), 400, typeDataValidation, "Data Validation Failed", detailValidation, want)
}

// TestRefWirePutWithoutID: a PUT body without "id" is a 400 listing
// "id is required." after the schema's other errors
// (UpdateResourcesValidation.feature scenario 07,
// UpdateDescriptorsValidation.feature scenario 12).
func TestRefWirePutWithoutID(t *testing.T) {
	l := loadBundled(t)
	api := serveHTTP(t, l.provisioned)
	school := l.doc(t, "ed-fi/schools")
	id := l.out["ed-fi/schools"].ID.String()
	wantProblem(t, "PUT without id", api.sendJSON(http.MethodPut, "/data/ed-fi/schools/"+id, school), 400, typeDataValidation, "Data Validation Failed", detailValidation,
		[2]string{"$.id", "id is required."})
	wantProblem(t, "PUT {}", api.send(http.MethodPut, "/data/ed-fi/schools/"+id, "{}"), 400, typeDataValidation, "Data Validation Failed", detailValidation,
		[2]string{"$.schoolId", "schoolId is required."}, [2]string{"$.gradeLevels", "gradeLevels is required."},
		[2]string{"$.nameOfInstitution", "nameOfInstitution is required."}, [2]string{"$.educationOrganizationCategories", "educationOrganizationCategories is required."},
		[2]string{"$.id", "id is required."})
	descriptor := l.out["ed-fi/gradeLevelDescriptors"].ID.String()
	wantProblem(t, "descriptor PUT {}", api.send(http.MethodPut, "/data/ed-fi/gradeLevelDescriptors/"+descriptor, "{}"), 400, typeDataValidation, "Data Validation Failed", detailValidation,
		[2]string{"$.namespace", "namespace is required."}, [2]string{"$.codeValue", "codeValue is required."},
		[2]string{"$.shortDescription", "shortDescription is required."}, [2]string{"$.id", "id is required."})
	school["id"] = id
	if r := api.sendJSON(http.MethodPut, "/data/ed-fi/schools/"+id, school); r.status != http.StatusNoContent {
		t.Errorf("PUT with its id = %d %s", r.status, r.body)
	}
}

// TestRefWireJSONSyntaxErrors: malformed bodies are reported in
// System.Text.Json's words with line and byte position
// (CreateDescriptorsValidation.feature scenario 10,
// CreateResourcesValidation.feature scenario 27; the doc strings' margin
// removed as Gherkin removes it), nesting beyond the parser's depth
// included; a leading byte order mark is dropped.
func TestRefWireJSONSyntaxErrors(t *testing.T) {
	l := loadBundled(t)
	api := serveHTTP(t, l.provisioned)
	for _, tt := range []struct{ path, body, want string }{
		{"/data/ed-fi/gradeLevelDescriptors", "{\n    \"codeValue\": \"Sick Leave\",\n    \"namespace\": \"uri://ed-fi.org/GradeLevelDescriptor\",\n" +
			"    \"shortDescription\": \"Sick Leave\",\n    \"effectiveBeginDate\": \"2024-07-22\",\n    \"effectiveEndDate\": \"2024-07-22\",\n  }",
			"The JSON object contains a trailing comma at the end which is not supported in this mode. Change the reader options. LineNumber: 6 | BytePositionInLine: 2."},
		{"/data/ed-fi/classPeriods", "{\n  \"classPeriodName\": \"abcdef\",\n  \"schoolReference\": {\n  \"schoolId\": 255901001\n}\n  \"officialAttendancePeriod\": true\n}",
			`'"' is invalid after a value. Expected either ',', '}', or ']'. LineNumber: 5 | BytePositionInLine: 2.`},
		// The reference's parser reads at most 64 nested levels.
		{"/data/ed-fi/classPeriods", `{"classPeriodName":"x","_ext":` + strings.Repeat(`{"a":`, 64) + "1" + strings.Repeat("}", 65),
			"The maximum configured depth of 64 has been exceeded. Cannot read next JSON object. LineNumber: 0 | BytePositionInLine: 345."},
	} {
		wantProblem(t, "POST "+tt.path, api.send(http.MethodPost, tt.path, tt.body), 400, typeDataValidation, "Data Validation Failed", detailValidation,
			[2]string{"$.", tt.want})
	}
	// It drops a leading byte order mark.
	bom := "\xEF\xBB\xBF" + `{"codeValue":"BOM","namespace":"uri://ed-fi.org/GradeLevelDescriptor","shortDescription":"BOM"}`
	if r := api.send(http.MethodPost, "/data/ed-fi/gradeLevelDescriptors", bom); r.status != http.StatusCreated {
		t.Errorf("POST with a byte order mark = %d %s", r.status, r.body)
	}
}

// TestRefWireIdentityChangeRefusedBeforeResolution: a PUT changing the
// identity of a resource without allowIdentityUpdates is the 400 even
// when its new references do not resolve (which would be a 409).
func TestRefWireIdentityChangeRefusedBeforeResolution(t *testing.T) {
	l := loadBundled(t)
	api := serveHTTP(t, l.provisioned)
	offering := l.doc(t, "ed-fi/courseOfferings")
	id := l.out["ed-fi/courseOfferings"].ID.String()
	offering["id"] = id
	offering["sessionReference"].(map[string]any)["sessionName"] = "no such session"
	wantProblem(t, "PUT", api.sendJSON(http.MethodPut, "/data/ed-fi/courseOfferings/"+id, offering), 400, typeKeyChange, "Key Change Not Supported",
		"Identifying values for the CourseOffering resource cannot be changed. Delete and recreate the resource item instead.")
}

// TestRefWireDataRoot: the advertised dataManagementApi base URL answers as
// the reference's "/data/{**dmsPath}" route does for an empty path: the
// 404 of a path that names no resource.
func TestRefWireDataRoot(t *testing.T) {
	l := loadBundled(t)
	api := serveHTTP(t, l.provisioned)
	for _, path := range []string{"/data", "/data/"} {
		r := api.send(http.MethodGet, path, "")
		wantProblem(t, "GET "+path, r, 404, "urn:ed-fi:api:not-found", "Not Found", "The specified data could not be found.")
		if ct := r.header.Get("Content-Type"); ct != "application/problem+json; charset=utf-8" {
			t.Errorf("GET %s Content-Type %q", path, ct)
		}
	}
}

// TestRefWireLenientDateTime: date-time values the reference's parser
// reads are stored and returned normalised (DataStrictnessValidation.feature
// scenarios 19 and 20, DS 3.2a studentAssessments.administrationDate).
func TestRefWireLenientDateTime(t *testing.T) {
	if testing.Short() {
		t.Skip("provisions the full DS 3.2a core")
	}
	api := serveHTTP(t, provisionSchema(t, refdata.File(t, refdata.DS32aCoreSchema)))
	api.created("/data/ed-fi/academicSubjectDescriptors", map[string]any{
		"codeValue": "English Language Arts", "namespace": "uri://ed-fi.org/AcademicSubjectDescriptor", "shortDescription": "English Language Arts"})
	api.created("/data/ed-fi/assessments", map[string]any{
		"assessmentIdentifier": "01774fa3-06f1-47fe-8801-c8b1e65057f2", "namespace": "uri://ed-fi.org/Assessment/Assessment.xml",
		"academicSubjects": []any{map[string]any{"academicSubjectDescriptor": "uri://ed-fi.org/AcademicSubjectDescriptor#English Language Arts"}},
		"assessmentTitle":  "title"})
	api.created("/data/ed-fi/schoolYearTypes", map[string]any{"schoolYear": 2022, "schoolYearDescription": "2022", "currentSchoolYear": true})
	api.created("/data/ed-fi/students", map[string]any{"studentUniqueId": "604906", "firstName": "first", "lastSurname": "last", "birthDate": "2001-01-01"})
	for i, tt := range []struct{ sent, stored string }{
		{"2021/09/28", "2021-09-28T00:00:00Z"},
		{"2021-09-28 2:15:30 PM", "2021-09-28T14:15:30Z"},
	} {
		doc := map[string]any{
			"assessmentReference":         map[string]any{"assessmentIdentifier": "01774fa3-06f1-47fe-8801-c8b1e65057f2", "namespace": "uri://ed-fi.org/Assessment/Assessment.xml"},
			"schoolYearTypeReference":     map[string]any{"schoolYear": 2022},
			"studentReference":            map[string]any{"studentUniqueId": "604906"},
			"studentAssessmentIdentifier": "/Qhqqe/gI4p3RguP68ZEDArGHM64FKnCg/RLHG8" + string(rune('c'+i)),
			"administrationDate":          tt.sent,
		}
		id := api.created("/data/ed-fi/studentAssessments", doc)
		r := api.send(http.MethodGet, "/data/ed-fi/studentAssessments/"+id, "")
		var got map[string]any
		if err := json.Unmarshal(r.body, &got); err != nil {
			t.Fatalf("GET %s: %d %s", id, r.status, r.body)
		}
		if got["administrationDate"] != tt.stored {
			t.Errorf("administrationDate %q returned as %v, want %q", tt.sent, got["administrationDate"], tt.stored)
		}
		doc["administrationDate"] = tt.stored
		for k := range doc {
			if !reflect.DeepEqual(got[k], normalise(t, doc[k])) {
				t.Errorf("%s returned as %v, want %v", k, got[k], doc[k])
			}
		}
	}
}

// normalise is v as a JSON round trip gives it back (numbers as float64).
func normalise(t testing.TB, v any) any {
	var out any
	if err := json.Unmarshal(mustJSON(t, v), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestRefWireLocationIsAbsolute: Location is the absolute URL the
// reference builds from the request (scheme, host, path base, /data and the
// resource path), on POST and PUT.
func TestRefWireLocationIsAbsolute(t *testing.T) {
	l := loadBundled(t)
	api := serveHTTP(t, l.provisioned)
	body := map[string]any{"codeValue": "Located", "namespace": "uri://ed-fi.org/GradeLevelDescriptor", "shortDescription": "Located"}
	r := api.sendJSON(http.MethodPost, "/data/ed-fi/gradeLevelDescriptors", body)
	loc := r.header.Get("Location")
	if r.status != http.StatusCreated || !strings.HasPrefix(loc, api.url+"/data/ed-fi/gradeLevelDescriptors/") {
		t.Fatalf("POST = %d, Location %q, want %s/data/ed-fi/gradeLevelDescriptors/{id}", r.status, loc, api.url)
	}
	body["id"], body["shortDescription"] = loc[strings.LastIndexByte(loc, '/')+1:], "moved"
	if r := api.sendJSON(http.MethodPut, "/data/ed-fi/gradeLevelDescriptors/"+body["id"].(string), body); r.status != http.StatusNoContent || r.header.Get("Location") != loc {
		t.Errorf("PUT = %d, Location %q, want %q", r.status, r.header.Get("Location"), loc)
	}
}

// TestRefWireDescriptorPostRespells: a POST naming a stored descriptor in
// another case updates that descriptor and stores the new spelling, as the
// reference's upsert does (its no-op check compares namespace and codeValue
// ordinally and its update writes them).
func TestRefWireDescriptorPostRespells(t *testing.T) {
	l := loadBundled(t)
	api := serveHTTP(t, l.provisioned)
	body := map[string]any{"codeValue": "Visual Impairment", "namespace": "uri://ed-fi.org/GradeLevelDescriptor", "shortDescription": "Visual Impairment"}
	id := api.created("/data/ed-fi/gradeLevelDescriptors", body)
	body["codeValue"] = "visual impairment"
	r := api.sendJSON(http.MethodPost, "/data/ed-fi/gradeLevelDescriptors", body)
	if r.status != http.StatusOK || !strings.HasSuffix(r.header.Get("Location"), "/"+id) {
		t.Fatalf("POST in another case = %d, Location %q, want 200 at %s", r.status, r.header.Get("Location"), id)
	}
	var got map[string]any
	if err := json.Unmarshal(api.send(http.MethodGet, "/data/ed-fi/gradeLevelDescriptors/"+id, "").body, &got); err != nil {
		t.Fatal(err)
	}
	if got["codeValue"] != "visual impairment" {
		t.Errorf("codeValue after the POST = %v, want the new spelling", got["codeValue"])
	}
}

// TestRefWireRepeatedReferenceBeforeArrayUniqueness: the reference-array
// uniqueness stage precedes the array-uniqueness stage and ends the
// validation, so a body repeating both a reference (sections'
// classPeriods) and an item of an arrayUniquenessConstraints array
// (offeredGradeLevels) is answered with the repeated reference alone
// (ReferenceArrayUniquenessValidationMiddleware before
// ArrayUniquenessValidationMiddleware in the reference's pipeline); without
// the repeated reference, the array-uniqueness error is the answer.
func TestRefWireRepeatedReferenceBeforeArrayUniqueness(t *testing.T) {
	l := loadBundled(t)
	api := serveHTTP(t, l.provisioned)
	section := l.doc(t, "ed-fi/sections")
	schoolID := l.doc(t, "ed-fi/classPeriods")["schoolReference"].(map[string]any)["schoolId"]
	period := func(name string) any {
		return map[string]any{"classPeriodReference": map[string]any{"classPeriodName": name, "schoolId": schoolID}}
	}
	grade := map[string]any{"gradeLevelDescriptor": "uri://ed-fi.org/GradeLevelDescriptor#Ninth grade"}
	section["offeredGradeLevels"] = []any{grade, grade}
	section["classPeriods"] = []any{period("01 - Traditional"), period("02 - Traditional"), period("01 - Traditional")}
	wantProblem(t, "POST repeating a class period and a grade level", api.sendJSON(http.MethodPost, "/data/ed-fi/sections", section),
		400, typeDataValidation, "Data Validation Failed", detailValidation,
		[2]string{"$.classPeriods", "The 3rd item of the classPeriods has the same identifying values as another item earlier in the list."})
	section["classPeriods"] = []any{period("01 - Traditional")}
	wantProblem(t, "POST repeating a grade level", api.sendJSON(http.MethodPost, "/data/ed-fi/sections", section),
		400, typeDataValidation, "Data Validation Failed", detailValidation,
		[2]string{"$.offeredGradeLevels", "The 2nd item of the offeredGradeLevels has the same identifying values as another item earlier in the list."})
}

// TestRefWireNestedRepeatedReference: a reference repeated within a nested
// array under a nested arrayUniquenessConstraints entry (DS 3.2a
// studentSpecialEducationProgramAssociations: providers unique by staff
// within each of the specialEducationProgramServices) is answered by the
// reference-array uniqueness stage, which runs first: keyed by the
// outermost array and counting the references at that path over the whole
// document, across parent items too.
func TestRefWireNestedRepeatedReference(t *testing.T) {
	if testing.Short() {
		t.Skip("provisions the full DS 3.2a core")
	}
	api := serveHTTP(t, provisionSchema(t, refdata.File(t, refdata.DS32aCoreSchema)))
	provider := func(staff string) any {
		return map[string]any{"staffReference": map[string]any{"staffUniqueId": staff}}
	}
	service := func(code string, providers ...any) any {
		return map[string]any{"specialEducationProgramServiceDescriptor": "uri://ed-fi.org/SpecialEducationProgramServiceDescriptor#" + code, "providers": providers}
	}
	post := func(services ...any) wireAnswer {
		return api.sendJSON(http.MethodPost, "/data/ed-fi/studentSpecialEducationProgramAssociations", map[string]any{
			"studentReference": map[string]any{"studentUniqueId": "604906"},
			"programReference": map[string]any{"educationOrganizationId": 255901, "programName": "Special Education",
				"programTypeDescriptor": "uri://ed-fi.org/ProgramTypeDescriptor#Special Education"},
			"educationOrganizationReference":  map[string]any{"educationOrganizationId": 255901},
			"beginDate":                       "2021-08-23",
			"specialEducationProgramServices": services,
		})
	}
	const repeat = "has the same identifying values as another item earlier in the list."
	for _, tt := range []struct {
		what     string
		services []any
		want     [2]string
	}{
		{"within one service", []any{service("A", provider("S1"), provider("S2"), provider("S1"))},
			[2]string{"$.specialEducationProgramServices", "The 3rd item of the specialEducationProgramServices " + repeat}},
		{"across services", []any{service("A", provider("S1")), service("B", provider("S2"), provider("S1"))},
			[2]string{"$.specialEducationProgramServices", "The 3rd item of the specialEducationProgramServices " + repeat}},
		{"with a repeated service", []any{service("A", provider("S1")), service("A", provider("S1"))},
			[2]string{"$.specialEducationProgramServices", "The 2nd item of the specialEducationProgramServices " + repeat}},
		{"a repeated service alone", []any{service("A", provider("S1")), service("A", provider("S2"))},
			[2]string{"$.specialEducationProgramServices", "The 2nd item of the specialEducationProgramServices " + repeat}},
	} {
		wantProblem(t, "POST repeating a provider "+tt.what, post(tt.services...), 400, typeDataValidation, "Data Validation Failed", detailValidation, tt.want)
	}
}

// TestRefWireIDMemberCase: a POST may not carry "id" in any case
// (RejectResourceIdentifierMiddleware compares case-insensitively), but a
// PUT's "id" is the update schema's property, named case-sensitively as
// every property: "ID" is an overposted member, dropped, so a PUT carrying
// only "ID" lacks "id", and one carrying both is judged by "id". A PUT's
// "id" of another type is a schema error; one naming another document is
// answered after the schema stage (ValidateDocumentMiddleware) and before
// the equality constraints (ValidateMatchingDocumentUuidsMiddleware sits
// between them).
func TestRefWireIDMemberCase(t *testing.T) {
	l := loadBundled(t)
	api := serveHTTP(t, l.provisioned)
	const badRequest, couldNotProcess = "urn:ed-fi:api:bad-request", "The request could not be processed. See 'errors' for details."
	school := l.doc(t, "ed-fi/schools")
	id := l.out["ed-fi/schools"].ID.String()
	other := "3f8a3b52-7d1c-4d9e-9a61-0c2f4e5b6a70"
	for _, name := range []string{"id", "ID", "Id"} {
		school[name] = id
		wantProblem(t, "POST with "+name, api.sendJSON(http.MethodPost, "/data/ed-fi/schools", school), 400, typeDataValidation, "Data Validation Failed",
			"The request data was constructed incorrectly.")
		delete(school, name)
	}
	put := func(members map[string]any) wireAnswer {
		body := map[string]any{}
		for k, v := range school {
			body[k] = v
		}
		for k, v := range members {
			if v == nil {
				delete(body, k)
				continue
			}
			body[k] = v
		}
		return api.sendJSON(http.MethodPut, "/data/ed-fi/schools/"+id, body)
	}
	wantProblem(t, "PUT with ID only", put(map[string]any{"ID": id}), 400, typeDataValidation, "Data Validation Failed", detailValidation,
		[2]string{"$.id", "id is required."})
	if r := put(map[string]any{"id": id, "ID": other}); r.status != http.StatusNoContent {
		t.Errorf("PUT with its id and another ID = %d %s", r.status, r.body)
	}
	wantProblem(t, "PUT with a number id", put(map[string]any{"id": 5, "nameOfInstitution": nil}), 400, typeDataValidation, "Data Validation Failed", detailValidation,
		[2]string{"$.nameOfInstitution", "nameOfInstitution is required."}, [2]string{"$.id", `id Value is "integer" but should be "string"`})
	wantProblem(t, "PUT naming another document, with a schema error", put(map[string]any{"id": other, "nameOfInstitution": nil}),
		400, typeDataValidation, "Data Validation Failed", detailValidation, [2]string{"$.nameOfInstitution", "nameOfInstitution is required."})
	wantProblem(t, "PUT naming another document", put(map[string]any{"id": other}), 400, badRequest, "Bad Request", couldNotProcess)

	// The id mismatch precedes the equality constraints.
	section := l.doc(t, "ed-fi/sections")
	section["id"] = other
	section["classPeriods"] = []any{map[string]any{"classPeriodReference": map[string]any{"classPeriodName": "01 - Traditional", "schoolId": 1}}}
	wantProblem(t, "section PUT naming another document, with an equality conflict",
		api.sendJSON(http.MethodPut, "/data/ed-fi/sections/"+l.out["ed-fi/sections"].ID.String(), section), 400, badRequest, "Bad Request", couldNotProcess)
}

// TestRefWireNestedUniquenessFirstParentOnly: a nested
// arrayUniquenessConstraints entry (schools' addresses[*].periods by
// beginDate) is reported for the first parent item holding a repeat only,
// as ArrayUniquenessValidationMiddleware stops at the first item of the
// base path with a duplicate; another constraint failing too is reported
// alongside.
func TestRefWireNestedUniquenessFirstParentOnly(t *testing.T) {
	l := loadBundled(t)
	api := serveHTTP(t, l.provisioned)
	period := map[string]any{"beginDate": "2020-01-01"}
	address := func(city string) map[string]any {
		return map[string]any{"addressTypeDescriptor": "uri://ed-fi.org/AddressTypeDescriptor#Physical", "city": city, "postalCode": "78701",
			"stateAbbreviationDescriptor": "uri://ed-fi.org/StateAbbreviationDescriptor#TX", "streetNumberName": "1 Main St",
			"periods": []any{period, period}}
	}
	school := l.doc(t, "ed-fi/schools")
	school["addresses"] = []any{address("Austin"), address("Dallas")}
	const repeat = " has the same identifying values as another item earlier in the list."
	wantProblem(t, "POST repeating periods in two addresses", api.sendJSON(http.MethodPost, "/data/ed-fi/schools", school),
		400, typeDataValidation, "Data Validation Failed", detailValidation,
		[2]string{"$.addresses[0].periods", "The 2nd item of the periods" + repeat})
	school["addresses"] = []any{address("Austin"), address("Dallas"), address("Austin")}
	wantProblem(t, "POST repeating an address and periods", api.sendJSON(http.MethodPost, "/data/ed-fi/schools", school),
		400, typeDataValidation, "Data Validation Failed", detailValidation,
		[2]string{"$.addresses", "The 3rd item of the addresses" + repeat}, [2]string{"$.addresses[0].periods", "The 2nd item of the periods" + repeat})
}

// TestRefWireNestedUniquenessEachPathAlone: the paths of a nested
// arrayUniquenessConstraints entry are checked one by one
// (ArrayUniquenessValidationMiddleware.ValidateNestedConstraintWithinItems
// compares the items by each path on its own), so DS 3.2a's
// studentObjectiveAssessments[*].performanceLevels, constrained by
// assessmentReportingMethodDescriptor and performanceLevelDescriptor, may
// repeat neither: two levels under one reporting method are refused. Per
// objective assessment the paths are tried in order and the first repeat
// is reported, for the first objective assessment holding one only.
func TestRefWireNestedUniquenessEachPathAlone(t *testing.T) {
	if testing.Short() {
		t.Skip("provisions the full DS 3.2a core")
	}
	api := serveHTTP(t, provisionSchema(t, refdata.File(t, refdata.DS32aCoreSchema)))
	level := func(method, level string) any {
		return map[string]any{"assessmentReportingMethodDescriptor": "uri://ed-fi.org/AssessmentReportingMethodDescriptor#" + method,
			"performanceLevelDescriptor": "uri://ed-fi.org/PerformanceLevelDescriptor#" + level, "performanceLevelMet": true}
	}
	objective := func(code string, levels ...any) any {
		return map[string]any{"objectiveAssessmentReference": map[string]any{"assessmentIdentifier": "A1", "identificationCode": code,
			"namespace": "uri://ed-fi.org/Assessment"}, "scoreResults": []any{}, "performanceLevels": levels}
	}
	const repeat = " has the same identifying values as another item earlier in the list."
	for _, tt := range []struct {
		what       string
		objectives []any
		want       [2]string
	}{
		{"a reporting method with two levels", []any{objective("O1", level("Raw score", "Basic"), level("Raw score", "Advanced"))},
			[2]string{"$.studentObjectiveAssessments[0].performanceLevels", "The 2nd item of the performanceLevels" + repeat}},
		{"a level under two reporting methods", []any{objective("O1", level("Raw score", "Basic"), level("Scale score", "Basic"))},
			[2]string{"$.studentObjectiveAssessments[0].performanceLevels", "The 2nd item of the performanceLevels" + repeat}},
		{"the reporting method first", []any{objective("O1", level("Raw score", "Basic"), level("Scale score", "Basic"), level("Raw score", "Advanced"))},
			[2]string{"$.studentObjectiveAssessments[0].performanceLevels", "The 3rd item of the performanceLevels" + repeat}},
		{"the first objective assessment only", []any{
			objective("O1", level("Raw score", "Basic"), level("Scale score", "Advanced")),
			objective("O2", level("Raw score", "Basic"), level("Scale score", "Basic")),
			objective("O3", level("Raw score", "Basic"), level("Raw score", "Advanced"))},
			[2]string{"$.studentObjectiveAssessments[1].performanceLevels", "The 2nd item of the performanceLevels" + repeat}},
	} {
		r := api.sendJSON(http.MethodPost, "/data/ed-fi/studentAssessments", map[string]any{
			"studentAssessmentIdentifier": "SA1", "administrationDate": "2021-09-28T00:00:00Z",
			"studentReference":            map[string]any{"studentUniqueId": "604906"},
			"assessmentReference":         map[string]any{"assessmentIdentifier": "A1", "namespace": "uri://ed-fi.org/Assessment"},
			"studentObjectiveAssessments": tt.objectives,
		})
		wantProblem(t, "POST repeating "+tt.what, r, 400, typeDataValidation, "Data Validation Failed", detailValidation, tt.want)
	}
}
