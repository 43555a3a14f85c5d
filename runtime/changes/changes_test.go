package changes_test

import (
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/runtime/server"
)

// on is a configuration with change queries on (the default), off one
// with them turned off.
func on() server.Config { return server.Config{} }

func off() server.Config {
	disabled := false
	return server.Config{ChangeQueries: &disabled}
}

// TestAvailableChangeVersions checks the contract of
// /changeQueries/v1/availableChangeVersions: oldest 0, newest the
// sequence's high-water mark (which every write raises), the query string
// ignored, under the path base too.
func TestAvailableChangeVersions(t *testing.T) {
	schema, pool := provisioned(t)
	a := newAPI(t, schema, pool, on())
	before := a.newest()
	a.post("/data/ed-fi/gradeLevelDescriptors", descriptor("uri://ed-fi.org/GradeLevelDescriptor", "Ninth Grade"))
	after := a.newest()
	if after <= before {
		t.Errorf("newestChangeVersion %d after a write, %d before", after, before)
	}
	r := a.must(http.StatusOK, http.MethodGet, "/changeQueries/v1/availableChangeVersions?minChangeVersion=abc&foo=bar", nil)
	if got, want := string(r.body), fmt.Sprintf(`{"oldestChangeVersion":0,"newestChangeVersion":%d}`, after); got != want {
		t.Errorf("body = %s, want %s", got, want)
	}
	based := newAPI(t, schema, pool, server.Config{PathBase: "api"})
	if r := based.get("/api/changeQueries/v1/availableChangeVersions"); r.status != 200 || !strings.Contains(string(r.body), fmt.Sprint(after)) {
		t.Errorf("under the path base: %d %s", r.status, r.body)
	}
	if r := based.get("/api/"); !strings.Contains(string(r.body), `/api/changeQueries/v1/"`) {
		t.Errorf("discovery under the path base: %s", r.body)
	}
}

// TestDeletesOfAResourceWithCollections deletes schools (a subclass with
// collections) and reads them back from /deletes: one tombstone per
// document at the delete's change version, keyed by schoolId; a school
// deleted and re-created inside the window is suppressed; limit, offset
// and totalCount page the window in change-version order.
func TestDeletesOfAResourceWithCollections(t *testing.T) {
	schema, pool := provisioned(t)
	a := newAPI(t, schema, pool, on())
	a.seedDescriptors()

	id := a.post("/data/ed-fi/schools", school(8118601))
	a.del("/data/ed-fi/schools", id)
	v := a.newest()
	r := a.must(http.StatusOK, http.MethodGet, "/data/ed-fi/schools/deletes?"+window(v, v)+"&totalCount=true", nil)
	items := r.items(t)
	if r.totalCount(t) != 1 || len(items) != 1 {
		t.Fatalf("deletes at %d = %s (Total-Count %s)", v, r.body, r.header.Get("Total-Count"))
	}
	if got, want := string(r.body), fmt.Sprintf(`[{"id":"%s","changeVersion":%d,"keyValues":{"schoolId":8118601}}]`, id, v); got != want {
		t.Errorf("deletes = %s, want %s", got, want)
	}

	// Deleted and re-created with the same schoolId: suppressed.
	recreated := a.post("/data/ed-fi/schools", school(8118602))
	min := a.newest()
	a.del("/data/ed-fi/schools", recreated)
	a.post("/data/ed-fi/schools", school(8118602))
	r = a.must(http.StatusOK, http.MethodGet, "/data/ed-fi/schools/deletes?"+window(min, a.newest())+"&totalCount=true", nil)
	if r.totalCount(t) != 0 || string(r.body) != "[]" {
		t.Errorf("deletes of a re-created school = %s (Total-Count %s)", r.body, r.header.Get("Total-Count"))
	}

	// Paging: the second of two tombstones.
	first, second := a.post("/data/ed-fi/schools", school(8118605)), a.post("/data/ed-fi/schools", school(8118606))
	min = a.newest()
	a.del("/data/ed-fi/schools", first)
	a.del("/data/ed-fi/schools", second)
	r = a.must(http.StatusOK, http.MethodGet, "/data/ed-fi/schools/deletes?"+window(min, a.newest())+"&limit=1&offset=1&totalCount=true", nil)
	items = r.items(t)
	if r.totalCount(t) != 2 || len(items) != 1 || items[0]["id"] != second || items[0]["keyValues"].(map[string]any)["schoolId"] != 8118606.0 {
		t.Errorf("second page = %s (Total-Count %s)", r.body, r.header.Get("Total-Count"))
	}
	// Without parameters: every tombstone of the resource, oldest first.
	r = a.must(http.StatusOK, http.MethodGet, "/data/ed-fi/schools/deletes", nil)
	var ids []any
	for _, it := range r.items(t) {
		ids = append(ids, it["id"])
	}
	if !slices.Equal(ids, []any{id, first, second}) || r.header.Get("Total-Count") != "" {
		t.Errorf("all deletes = %s", r.body)
	}
	// A subclass's key never changes: /keyChanges is empty.
	r = a.must(http.StatusOK, http.MethodGet, "/data/ed-fi/schools/keyChanges?totalCount=true&limit=1&offset=0", nil)
	if string(r.body) != "[]" || r.totalCount(t) != 0 {
		t.Errorf("school keyChanges = %s (Total-Count %s)", r.body, r.header.Get("Total-Count"))
	}
}

// TestDescriptorDeletes covers descriptors: tombstones in the shared
// tracked-change table routed to the right descriptor, keyed by namespace
// and codeValue; a re-created descriptor suppressed; a resource whose
// identity holds a descriptor suppressed when both were re-created; no key
// changes.
func TestDescriptorDeletes(t *testing.T) {
	schema, pool := provisioned(t)
	a := newAPI(t, schema, pool, on())
	a.seedDescriptors()
	a.post("/data/ed-fi/schools", school(8118604))

	id := a.post("/data/ed-fi/gradeLevelDescriptors", descriptor("uri://ed-fi.org/GradeLevelDescriptor", "Tracked Delete Descriptor"))
	a.del("/data/ed-fi/gradeLevelDescriptors", id)
	v := a.newest()
	r := a.must(http.StatusOK, http.MethodGet, "/data/ed-fi/gradeLevelDescriptors/deletes?"+window(v, v)+"&totalCount=true", nil)
	want := fmt.Sprintf(`[{"id":"%s","changeVersion":%d,"keyValues":{"namespace":"uri://ed-fi.org/GradeLevelDescriptor","codeValue":"Tracked Delete Descriptor"}}]`, id, v)
	if string(r.body) != want || r.totalCount(t) != 1 {
		t.Errorf("descriptor deletes = %s, want %s", r.body, want)
	}
	// Another descriptor's route does not see it.
	r = a.must(http.StatusOK, http.MethodGet, "/data/ed-fi/termDescriptors/deletes?"+window(v, v), nil)
	if string(r.body) != "[]" {
		t.Errorf("termDescriptors deletes = %s", r.body)
	}

	id = a.post("/data/ed-fi/gradeLevelDescriptors", descriptor("uri://ed-fi.org/GradeLevelDescriptor", "Recreated"))
	min := a.newest()
	a.del("/data/ed-fi/gradeLevelDescriptors", id)
	a.post("/data/ed-fi/gradeLevelDescriptors", descriptor("uri://ed-fi.org/GradeLevelDescriptor", "Recreated"))
	r = a.must(http.StatusOK, http.MethodGet, "/data/ed-fi/gradeLevelDescriptors/deletes?"+window(min, a.newest())+"&totalCount=true", nil)
	if string(r.body) != "[]" || r.totalCount(t) != 0 {
		t.Errorf("deletes of a re-created descriptor = %s", r.body)
	}

	// A program and its program type deleted, both re-created.
	typ := descriptor("uri://ed-fi.org/ProgramTypeDescriptor", "Tracked Program Type")
	program := map[string]any{"programName": "Tracked Program", "programTypeDescriptor": "uri://ed-fi.org/ProgramTypeDescriptor#Tracked Program Type",
		"educationOrganizationReference": map[string]any{"educationOrganizationId": 8118604}}
	typeID := a.post("/data/ed-fi/programTypeDescriptors", typ)
	programID := a.post("/data/ed-fi/programs", program)
	min = a.newest()
	a.del("/data/ed-fi/programs", programID)
	a.del("/data/ed-fi/programTypeDescriptors", typeID)
	v = a.newest()
	r = a.must(http.StatusOK, http.MethodGet, "/data/ed-fi/programs/deletes?"+window(min, v), nil)
	want = fmt.Sprintf(`[{"id":"%s","changeVersion":%d,"keyValues":{"educationOrganizationId":8118604,"programName":"Tracked Program","programTypeDescriptor":"uri://ed-fi.org/ProgramTypeDescriptor#Tracked Program Type"}}]`, programID, v-1)
	if string(r.body) != want {
		t.Errorf("program deletes = %s, want %s", r.body, want)
	}
	a.post("/data/ed-fi/programTypeDescriptors", typ)
	a.post("/data/ed-fi/programs", program)
	r = a.must(http.StatusOK, http.MethodGet, "/data/ed-fi/programs/deletes?"+window(min, a.newest())+"&totalCount=true", nil)
	if string(r.body) != "[]" || r.totalCount(t) != 0 {
		t.Errorf("deletes of a re-created program with a re-created descriptor = %s", r.body)
	}

	r = a.must(http.StatusOK, http.MethodGet, "/data/ed-fi/gradeLevelDescriptors/keyChanges?totalCount=true&limit=1&offset=0", nil)
	if string(r.body) != "[]" || r.totalCount(t) != 0 {
		t.Errorf("descriptor keyChanges = %s", r.body)
	}
}

// TestKeyChangesCascade changes the key of a session (identity updates
// allowed): /keyChanges of sessions has one item per session collapsing
// successive changes (first old key, last new key); the change cascades
// into the course offering and the section whose keys embed it, each with
// its own key change, and all three appear in the live window with new
// change versions.
func TestKeyChangesCascade(t *testing.T) {
	schema, pool := provisioned(t)
	a := newAPI(t, schema, pool, on())
	a.seedDescriptors()
	a.post("/data/ed-fi/courseIdentificationSystemDescriptors", descriptor("uri://ed-fi.org/CourseIdentificationSystemDescriptor", "State course code"))
	a.post("/data/ed-fi/schools", school(255901))
	a.post("/data/ed-fi/schoolYearTypes", map[string]any{"schoolYear": 2024, "currentSchoolYear": true, "schoolYearDescription": "2023-2024"})
	session := map[string]any{"sessionName": "Fall", "schoolYearTypeReference": map[string]any{"schoolYear": 2024},
		"beginDate": "2023-08-01", "endDate": "2023-12-20", "termDescriptor": "uri://ed-fi.org/TermDescriptor#Fall Semester",
		"totalInstructionalDays": 80, "schoolReference": map[string]any{"schoolId": 255901}}
	sessionID := a.post("/data/ed-fi/sessions", session)
	a.post("/data/ed-fi/courses", map[string]any{"courseCode": "ALG-1", "courseTitle": "Algebra", "numberOfParts": 1,
		"identificationCodes": []any{map[string]any{"identificationCode": "ALG-1",
			"courseIdentificationSystemDescriptor": "uri://ed-fi.org/CourseIdentificationSystemDescriptor#State course code"}},
		"educationOrganizationReference": map[string]any{"educationOrganizationId": 255901}})
	offeringID := a.post("/data/ed-fi/courseOfferings", map[string]any{"localCourseCode": "ALG-1-A",
		"schoolReference":  map[string]any{"schoolId": 255901},
		"sessionReference": map[string]any{"schoolId": 255901, "schoolYear": 2024, "sessionName": "Fall"},
		"courseReference":  map[string]any{"courseCode": "ALG-1", "educationOrganizationId": 255901}})
	sectionID := a.post("/data/ed-fi/sections", map[string]any{"sectionIdentifier": "S-1",
		"courseOfferingReference": map[string]any{"localCourseCode": "ALG-1-A", "schoolId": 255901, "schoolYear": 2024, "sessionName": "Fall"}})
	unrelated := a.post("/data/ed-fi/classPeriods", map[string]any{"classPeriodName": "First", "schoolReference": map[string]any{"schoolId": 255901}})

	min := a.newest() + 1
	session["sessionName"] = "Fall 2"
	a.put("/data/ed-fi/sessions", sessionID, session)
	session["sessionName"] = "Autumn"
	a.put("/data/ed-fi/sessions", sessionID, session)
	max := a.newest()

	r := a.must(http.StatusOK, http.MethodGet, "/data/ed-fi/sessions/keyChanges?"+window(min, max)+"&totalCount=true", nil)
	items := r.items(t)
	if r.totalCount(t) != 1 || len(items) != 1 || items[0]["id"] != sessionID {
		t.Fatalf("session keyChanges = %s", r.body)
	}
	old, neu := items[0]["oldKeyValues"].(map[string]any), items[0]["newKeyValues"].(map[string]any)
	if old["sessionName"] != "Fall" || neu["sessionName"] != "Autumn" || old["schoolId"] != 255901.0 || neu["schoolYear"] != 2024.0 {
		t.Errorf("session key change = %s", r.body)
	}
	if !strings.HasPrefix(string(r.body), `[{"id":"`+sessionID+`","changeVersion":`) {
		t.Errorf("item members out of order: %s", r.body)
	}
	for _, c := range []struct{ path, id string }{{"courseOfferings", offeringID}, {"sections", sectionID}} {
		r := a.must(http.StatusOK, http.MethodGet, "/data/ed-fi/"+c.path+"/keyChanges?"+window(min, max), nil)
		items := r.items(t)
		if len(items) != 1 || items[0]["id"] != c.id ||
			items[0]["oldKeyValues"].(map[string]any)["sessionName"] != "Fall" || items[0]["newKeyValues"].(map[string]any)["sessionName"] != "Autumn" {
			t.Errorf("%s keyChanges = %s", c.path, r.body)
		}
		cv := items[0]["changeVersion"].(float64)
		if cv < float64(min) || cv > float64(max) {
			t.Errorf("%s key change at %v, outside [%d, %d]", c.path, cv, min, max)
		}
	}
	// Live window: the session and the documents the change cascaded into,
	// not the class period written before the window.
	for _, c := range []struct{ path, id string }{{"sessions", sessionID}, {"courseOfferings", offeringID}, {"sections", sectionID}, {"classPeriods", ""}} {
		r := a.must(http.StatusOK, http.MethodGet, "/data/ed-fi/"+c.path+"?"+window(min, max)+"&totalCount=true", nil)
		items := r.items(t)
		if c.id == "" {
			if len(items) != 0 || r.totalCount(t) != 0 {
				t.Errorf("live %s in the window = %s", c.path, r.body)
			}
			continue
		}
		if len(items) != 1 || items[0]["id"] != c.id || r.totalCount(t) != 1 {
			t.Errorf("live %s in the window = %s", c.path, r.body)
		}
	}
	r = a.must(http.StatusOK, http.MethodGet, "/data/ed-fi/classPeriods?maxChangeVersion="+fmt.Sprint(min-1)+"&classPeriodName=First", nil)
	if items := r.items(t); len(items) != 1 || items[0]["id"] != unrelated {
		t.Errorf("class periods up to the window = %s", r.body)
	}
	// Deleting after a key change: the tombstone holds the last key.
	a.del("/data/ed-fi/sections", sectionID)
	r = a.must(http.StatusOK, http.MethodGet, "/data/ed-fi/sections/deletes?minChangeVersion="+fmt.Sprint(max+1), nil)
	if items := r.items(t); len(items) != 1 || items[0]["keyValues"].(map[string]any)["sessionName"] != "Autumn" {
		t.Errorf("section deletes = %s", r.body)
	}
}

// TestChangeVersionParameters checks story 18's validation on /deletes,
// /keyChanges and live GET-many: the reference's parameter-validation
// problem, every fault of the family reported, paging faults first and
// alone, blank values taken as omitted, other parameters refused.
func TestChangeVersionParameters(t *testing.T) {
	schema, pool := provisioned(t)
	a := newAPI(t, schema, pool, on())
	const (
		minErr = "MinChangeVersion must be a numeric value greater than or equal to 0."
		maxErr = "MaxChangeVersion must be a numeric value greater than or equal to 0."
		order  = "MinChangeVersion must be less than or equal to MaxChangeVersion."
	)
	for _, route := range []string{"/data/ed-fi/schools/deletes", "/data/ed-fi/sessions/keyChanges", "/data/ed-fi/gradeLevelDescriptors", "/data/ed-fi/sessions"} {
		for query, want := range map[string][]string{
			"minChangeVersion=abc":                           {minErr},
			"maxChangeVersion=-1":                            {maxErr},
			"MINCHANGEVERSION=1.5&maxChangeVersion=x":        {minErr, maxErr},
			"minChangeVersion=9&maxChangeVersion=3":          {order},
			"minChangeVersion=99999999999999999999":          {minErr},
			"limit=-1&minChangeVersion=abc":                  {"Limit must be omitted or set to a numeric value between 0 and 500."},
			"offset=x&minChangeVersion=5&maxChangeVersion=1": {"Offset must be a numeric value greater than or equal to 0."},
		} {
			r := a.do(http.MethodGet, route+"?"+query, nil)
			body, _ := r.json(t).(map[string]any)
			var errs []string
			for _, e := range body["errors"].([]any) {
				errs = append(errs, e.(string))
			}
			if r.status != 400 || body["type"] != "urn:ed-fi:api:bad-request:parameter-validation-failed" ||
				body["title"] != "Parameter Validation Failed" || body["detail"] != "Parameters supplied to the request were invalid." ||
				!slices.Equal(errs, want) {
				t.Errorf("%s?%s = %d %s, want errors %q", route, query, r.status, r.body, want)
			}
		}
		for _, query := range []string{"minChangeVersion=&maxChangeVersion=%20", "minChangeVersion=3&maxChangeVersion=3", "minChangeVersion=+7"} {
			if r := a.do(http.MethodGet, route+"?"+query, nil); r.status != 200 {
				t.Errorf("%s?%s = %d %s", route, query, r.status, r.body)
			}
		}
	}
	r := a.do(http.MethodGet, "/data/ed-fi/schools/deletes?foo=1", nil)
	if r.status != 400 || !strings.Contains(string(r.body), "The query field 'foo' is not valid for this resource.") {
		t.Errorf("unknown parameter = %d %s", r.status, r.body)
	}
	r = a.do(http.MethodGet, "/data/ed-fi/schools/deletes?schoolId=1", nil)
	if r.status != 400 || !strings.Contains(string(r.body), "The query field 'schoolId' is not valid for this Change Query endpoint.") {
		t.Errorf("query field on /deletes = %d %s", r.status, r.body)
	}
	// Values are validated as a collection GET validates them, before the
	// query field is refused on a Change Query endpoint (the reference's
	// ValidateQueryMiddleware runs before its change-query step).
	for _, c := range []struct {
		path string
		want map[string]any
	}{
		{"/data/ed-fi/schools/deletes?schoolId=abc", map[string]any{"$.schoolId": []any{"The value 'abc' is not valid for schoolId."}}},
		{"/data/ed-fi/sessions/keyChanges?schoolId=abc", map[string]any{"$.schoolReference.schoolId": []any{"The value 'abc' is not valid for schoolId."}}},
		{"/data/ed-fi/sessions/deletes?beginDate=word&minChangeVersion=1", map[string]any{"$.beginDate": []any{"The value 'word' is not valid for beginDate."}}},
	} {
		r := a.do(http.MethodGet, c.path, nil)
		body, _ := r.json(t).(map[string]any)
		if r.status != 400 || body["type"] != "urn:ed-fi:api:bad-request:data-validation-failed" ||
			!reflect.DeepEqual(body["validationErrors"], c.want) {
			t.Errorf("%s = %d %s, want validationErrors %v", c.path, r.status, r.body, c.want)
		}
	}
	for method, want := range map[string]int{http.MethodPost: 405, http.MethodDelete: 405} {
		if r := a.do(method, "/data/ed-fi/schools/deletes", nil); r.status != want {
			t.Errorf("%s /deletes = %d", method, r.status)
		}
	}
	if r := a.do(http.MethodGet, "/data/ed-fi/nothings/deletes", nil); r.status != 404 {
		t.Errorf("/deletes of an unknown resource = %d", r.status)
	}
}

// TestChangeQueriesTurnedOff checks --change-queries=false: every route
// and the live window parameters answer the feature-disabled 404, and
// discovery does not advertise the change-queries root.
func TestChangeQueriesTurnedOff(t *testing.T) {
	schema, pool := provisioned(t)
	disabled := newAPI(t, schema, pool, off())
	for _, path := range []string{"/changeQueries/v1/availableChangeVersions", "/data/ed-fi/schools/deletes", "/data/ed-fi/sessions/keyChanges",
		"/data/ed-fi/schools?minChangeVersion=0", "/data/ed-fi/gradeLevelDescriptors?maxChangeVersion=5"} {
		r := disabled.get(path)
		body, _ := r.json(t).(map[string]any)
		if r.status != 404 || body["type"] != "urn:ed-fi:api:system:configuration:feature-disabled" || body["detail"] != "The 'ChangeQueries' feature is disabled." {
			t.Errorf("%s with change queries off = %d %s", path, r.status, r.body)
		}
	}
	if r := disabled.get("/data/ed-fi/schools"); r.status != 200 {
		t.Errorf("GET-many with change queries off = %d %s", r.status, r.body)
	}
	if r := disabled.get("/"); strings.Contains(string(r.body), "changeQueries") {
		t.Errorf("discovery with change queries off = %s", r.body)
	}
	if r := newAPI(t, schema, pool, on()).get("/"); !strings.Contains(string(r.body), `/changeQueries/v1/"`) {
		t.Errorf("discovery with change queries on = %s", r.body)
	}
}
