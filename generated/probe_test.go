package generated_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/google/uuid"
)

// probe is one hostile request and the answer it must get.
type probe struct {
	name    string
	method  string
	target  string // sent as is: path and raw query, bytes included
	body    []byte
	headers []string // name, value pairs, values sent as is
	status  int      // the expected status
	typ     string   // the expected problem type
	at      string   // a validationErrors path the problem must name, if any
	text    string   // a text the problem must contain, if any
}

// sendRaw sends target without parsing or re-encoding it, so malformed
// percent-encoding and raw bytes reach the server as the probe spells them.
func (ls *liveServer) sendRaw(p probe) (response, error) {
	var rd io.Reader
	if p.body != nil {
		rd = bytes.NewReader(p.body)
	}
	req, err := http.NewRequest(p.method, ls.base+"/", rd)
	if err != nil {
		return response{}, err
	}
	path, query, _ := strings.Cut(p.target, "?")
	req.URL.Opaque, req.URL.RawQuery = path, query
	if p.body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(p.headers); i += 2 {
		req.Header[http.CanonicalHeaderKey(p.headers[i])] = []string{p.headers[i+1]}
	}
	resp, err := ls.client.Do(req)
	if err != nil {
		return response{}, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return response{resp.StatusCode, resp.Header, b}, err
}

// problemDetails is the whole problem-details body.
type problemDetails struct {
	Detail           *string
	Type             *string
	Title            *string
	Status           *int
	CorrelationID    *string
	ValidationErrors map[string][]string
	Errors           []string
}

// checkProblem reports what is wrong with r as the answer to p: a 4xx
// other than p's, a body that is not problem details in the reference's
// shape, or a missing path or text.
func checkProblem(p probe, r response) string {
	if r.status >= 500 {
		return fmt.Sprintf("5xx: %d %s", r.status, r.body)
	}
	if r.status != p.status {
		return fmt.Sprintf("status %d, want %d: %s", r.status, p.status, r.body)
	}
	// The reference sends either type, by problem (runtime/server tests
	// which one each problem gets).
	if ct := r.header.Get("Content-Type"); ct != "application/json; charset=utf-8" && ct != "application/problem+json; charset=utf-8" {
		return fmt.Sprintf("Content-Type %q: %s", ct, r.body)
	}
	var d problemDetails
	dec := json.NewDecoder(bytes.NewReader(r.body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil || !json.Valid(r.body) {
		return fmt.Sprintf("body is not problem details (%v): %q", err, r.body)
	}
	if d.Detail == nil || d.Type == nil || d.Title == nil || d.Status == nil || d.CorrelationID == nil ||
		*d.Status != r.status || *d.CorrelationID == "" || d.ValidationErrors == nil || d.Errors == nil {
		return fmt.Sprintf("incomplete problem details: %s", r.body)
	}
	if *d.Type != p.typ {
		return fmt.Sprintf("type %q, want %q: %s", *d.Type, p.typ, r.body)
	}
	if p.at != "" && len(d.ValidationErrors[p.at]) == 0 {
		return fmt.Sprintf("no validation error at %s: %s", p.at, r.body)
	}
	if p.text != "" && !strings.Contains(string(r.body), p.text) {
		return fmt.Sprintf("no %q in %s", p.text, r.body)
	}
	return ""
}

// Problem types the probes expect.
const (
	typeDataValidation  = "urn:ed-fi:api:bad-request:data-validation-failed"
	typeParameter       = "urn:ed-fi:api:bad-request:parameter-validation-failed"
	typeBadRequest      = "urn:ed-fi:api:bad-request"
	typeNotFound        = "urn:ed-fi:api:not-found"
	typeOptimisticLock  = "urn:ed-fi:api:optimistic-lock-failed"
	typeMethod          = "urn:ed-fi:api:method-not-allowed"
	typeUnsupportedType = "urn:ed-fi:api:unsupported-media-type"
)

// TestServerHostileInput sends hostile query strings, bodies, ids and
// headers to the generated server over HTTP: every probe must answer its
// 4xx with problem details in the reference's shape (none a 5xx, none an
// empty 404), and hostile but valid requests must still succeed.
func TestServerHostileInput(t *testing.T) {
	ls := startServer(t)
	docs := fakeDocuments(t, ls.set, 1)
	locs := ls.postAll(t, docs)
	school, descriptor := locs["ed-fi/schools"], locs["ed-fi/gradeLevelDescriptors"]
	schoolID, descriptorID := school[strings.LastIndexByte(school, '/')+1:], descriptor[strings.LastIndexByte(descriptor, '/')+1:]
	missing := uuid.NewString()

	// with returns a fake document of a resource with one value replaced by
	// raw JSON string content (which may hold any bytes and escapes).
	with := func(endpoint string, set func(m map[string]any), raw string) []byte {
		m := firstBody(t, docs, "ed-fi", endpoint)
		set(m)
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		return bytes.Replace(b, []byte(`"PROBE"`), []byte(`"`+raw+`"`), 1)
	}
	name := func(raw string) []byte {
		return with("schools", func(m map[string]any) { m["nameOfInstitution"] = "PROBE" }, raw)
	}
	shortDescription := func(raw string) []byte {
		return with("gradeLevelDescriptors", func(m map[string]any) { m["shortDescription"] = "PROBE" }, raw)
	}
	gradeLevel := func(raw string) []byte {
		return with("schools", func(m map[string]any) {
			m["gradeLevels"] = []any{map[string]any{"gradeLevelDescriptor": "PROBE"}}
		}, raw)
	}
	city := func(raw string) []byte {
		return with("schools", func(m map[string]any) {
			m["addresses"] = []any{map[string]any{"city": "Austin"}, map[string]any{"city": "PROBE"}}
		}, raw)
	}
	deep := []byte(`{"nameOfInstitution":"x","_ext":` + strings.Repeat(`{"a":`, 300) + "1" + strings.Repeat("}", 301))
	notValid := func(value, field string) string {
		return fmt.Sprintf("The value '%s' is not valid for %s.", value, field)
	}
	repeated := func(param string) string {
		return fmt.Sprintf("The query parameter '%s' is specified more than once.", param)
	}
	encoding := func(param string) string {
		return fmt.Sprintf("The query parameter '%s' is not correctly percent-encoded.", param)
	}

	get := func(name, target string, status int, typ, at, text string) probe {
		return probe{name: name, method: http.MethodGet, target: target, status: status, typ: typ, at: at, text: text}
	}
	probes := []probe{
		// Query values PostgreSQL would refuse.
		get("query %ff", "/data/ed-fi/schools?nameOfInstitution=%ff", 400, typeDataValidation, "$.nameOfInstitution", "is not valid for nameOfInstitution."),
		get("query NUL", "/data/ed-fi/schools?nameOfInstitution=a%00b", 400, typeDataValidation, "$.nameOfInstitution", ""),
		get("query truncated UTF-8", "/data/ed-fi/schools?nameOfInstitution=%c3%28", 400, typeDataValidation, "$.nameOfInstitution", ""),
		get("query encoded surrogate", "/data/ed-fi/schools?nameOfInstitution=%ed%a0%80", 400, typeDataValidation, "$.nameOfInstitution", ""),
		get("query beyond U+10FFFF", "/data/ed-fi/schools?nameOfInstitution=%f4%90%80%80", 400, typeDataValidation, "$.nameOfInstitution", ""),
		get("query overlong UTF-8", "/data/ed-fi/schools?nameOfInstitution=%c0%af", 400, typeDataValidation, "$.nameOfInstitution", ""),
		get("query raw byte", "/data/ed-fi/schools?nameOfInstitution=a\xffb", 400, typeDataValidation, "$.nameOfInstitution", ""),
		get("descriptor namespace %ff", "/data/ed-fi/gradeLevelDescriptors?namespace=%ff", 400, typeDataValidation, "$.namespace", ""),
		get("descriptor namespace NUL", "/data/ed-fi/gradeLevelDescriptors?namespace=uri%3A%2F%2Fed-fi.org%00", 400, typeDataValidation, "$.namespace", ""),
		get("descriptor codeValue surrogate", "/data/ed-fi/gradeLevelDescriptors?codeValue=%ed%a0%80", 400, typeDataValidation, "$.codeValue", ""),
		get("descriptor-valued field %ff", "/data/ed-fi/courses?academicSubjectDescriptor=%ff", 400, typeDataValidation, "$.academicSubjectDescriptor", ""),
		get("descriptor-valued field NUL", "/data/ed-fi/courses?academicSubjectDescriptor=uri%00", 400, typeDataValidation, "$.academicSubjectDescriptor", ""),
		get("id field NUL", "/data/ed-fi/schools?id=%00", 400, typeDataValidation, "$.id", ""),
		get("boolean field NUL", "/data/ed-fi/classPeriods?officialAttendancePeriod=true%00", 400, typeDataValidation, "$.officialAttendancePeriod", ""),
		// Typed query values beyond the column's range.
		get("int32 above range", "/data/ed-fi/schools?schoolId=2147483648", 400, typeDataValidation, "$.schoolId", notValid("2147483648", "schoolId")),
		get("int32 below range", "/data/ed-fi/schools?schoolId=-2147483649", 400, typeDataValidation, "$.schoolId", ""),
		get("int32 far above range", "/data/ed-fi/schools?schoolId=99999999999999999999", 400, typeDataValidation, "$.schoolId", ""),
		get("int32 as a large decimal", "/data/ed-fi/schools?schoolId=2147483648.0", 400, typeDataValidation, "$.schoolId", ""),
		get("number beyond decimal", "/data/ed-fi/schools?schoolId=79228162514264337593543950336", 400, typeDataValidation, "$.schoolId", ""),
		get("number with exponent", "/data/ed-fi/schools?schoolId=1e5", 400, typeDataValidation, "$.schoolId", ""),
		get("number not a number", "/data/ed-fi/schools?schoolId=%ff", 400, typeDataValidation, "$.schoolId", ""),
		get("decimal beyond decimal", "/data/ed-fi/courses?maximumAvailableCredits="+strings.Repeat("9", 40), 400, typeDataValidation, "$.maximumAvailableCredits", ""),
		get("date year 0", "/data/ed-fi/gradeLevelDescriptors?effectiveBeginDate=0000-01-01", 400, typeDataValidation, "$.effectiveBeginDate", ""),
		get("slash date year 0", "/data/ed-fi/gradeLevelDescriptors?effectiveBeginDate=1/1/0000", 400, typeDataValidation, "$.effectiveBeginDate", ""),
		get("date year 10000", "/data/ed-fi/gradeLevelDescriptors?effectiveBeginDate=10000-01-01", 400, typeDataValidation, "$.effectiveBeginDate", ""),
		get("date NUL", "/data/ed-fi/gradeLevelDescriptors?effectiveBeginDate=2020-01-01%00", 400, typeDataValidation, "$.effectiveBeginDate", ""),
		get("two bad values", "/data/ed-fi/schools?schoolId=x&nameOfInstitution=%00", 400, typeDataValidation, "$.nameOfInstitution", notValid("x", "schoolId")),
		// Repeated parameters.
		get("repeated filter", "/data/ed-fi/schools?schoolId=1&schoolId=2", 400, typeParameter, "", repeated("schoolId")),
		get("repeated filter, other case", "/data/ed-fi/schools?schoolId=1&SCHOOLID=2", 400, typeParameter, "", repeated("schoolId")),
		get("repeated identical filter", "/data/ed-fi/schools?nameOfInstitution=a&nameOfInstitution=a", 400, typeParameter, "", repeated("nameOfInstitution")),
		get("repeated limit", "/data/ed-fi/schools?limit=1&limit=2", 400, typeParameter, "", repeated("limit")),
		get("repeated offset", "/data/ed-fi/schools?offset=0&OFFSET=0", 400, typeParameter, "", repeated("offset")),
		get("repeated totalCount", "/data/ed-fi/schools?totalCount=true&totalcount=false", 400, typeParameter, "", repeated("totalCount")),
		get("repeated unknown", "/data/ed-fi/schools?x=1&x=2", 400, typeParameter, "", repeated("x")),
		// Malformed percent-encoding.
		get("malformed escape", "/data/ed-fi/schools?x=%zz", 400, typeParameter, "", encoding("x")),
		get("malformed escape in a field", "/data/ed-fi/schools?nameOfInstitution=%zz", 400, typeParameter, "", encoding("nameOfInstitution")),
		get("malformed escape in a name", "/data/ed-fi/schools?%zz=1", 400, typeParameter, "", encoding("%zz")),
		get("truncated escape", "/data/ed-fi/schools?nameOfInstitution=a%", 400, typeParameter, "", encoding("nameOfInstitution")),
		get("truncated escape 2", "/data/ed-fi/schools?nameOfInstitution=a%f", 400, typeParameter, "", ""),
		get("malformed escape on a descriptor", "/data/ed-fi/gradeLevelDescriptors?namespace=%gg", 400, typeParameter, "", ""),
		// Other query faults.
		get("unknown field", "/data/ed-fi/schools?nonsense=1", 400, typeBadRequest, "", "The query field 'nonsense' is not valid for this resource."),
		get("unknown field not UTF-8", "/data/ed-fi/schools?%ff=1", 400, typeBadRequest, "", ""),
		get("unknown field NUL", "/data/ed-fi/schools?%00=1", 400, typeBadRequest, "", ""),
		get("empty name", "/data/ed-fi/schools?=1", 400, typeBadRequest, "", ""),
		get("limit not UTF-8", "/data/ed-fi/schools?limit=%ff", 400, typeParameter, "", "Limit must be"),
		get("limit NUL", "/data/ed-fi/schools?limit=1%00", 400, typeParameter, "", ""),
		get("limit huge", "/data/ed-fi/schools?limit=99999999999999999999", 400, typeParameter, "", ""),
		get("offset negative", "/data/ed-fi/schools?offset=-1", 400, typeParameter, "", ""),
		get("offset beyond int32", "/data/ed-fi/schools?offset=2147483648", 400, typeParameter, "", ""),
		get("totalCount NUL", "/data/ed-fi/schools?totalCount=true%00", 400, typeParameter, "", ""),
		// Bodies the decoder would repair, and NUL.
		{name: "body bytes not UTF-8", method: http.MethodPost, target: "/data/ed-fi/schools", body: name("a\xff\xfeb"), status: 400, typ: typeDataValidation, at: "$.nameOfInstitution", text: "not valid UTF-8"},
		{name: "body lone high surrogate", method: http.MethodPost, target: "/data/ed-fi/schools", body: name(`\ud800`), status: 400, typ: typeDataValidation, at: "$.nameOfInstitution", text: "unpaired"},
		{name: "body lone low surrogate", method: http.MethodPost, target: "/data/ed-fi/schools", body: name(`\udc00x`), status: 400, typ: typeDataValidation, at: "$.nameOfInstitution"},
		{name: "body high then not low", method: http.MethodPost, target: "/data/ed-fi/schools", body: name(`\ud800\u0041`), status: 400, typ: typeDataValidation, at: "$.nameOfInstitution"},
		{name: "body two highs", method: http.MethodPost, target: "/data/ed-fi/schools", body: name(`\uD83D\uD83D\uDE00`), status: 400, typ: typeDataValidation, at: "$.nameOfInstitution"},
		{name: "body encoded surrogate", method: http.MethodPost, target: "/data/ed-fi/schools", body: name("\xed\xa0\x80"), status: 400, typ: typeDataValidation, at: "$.nameOfInstitution"},
		{name: "body in a collection", method: http.MethodPost, target: "/data/ed-fi/schools", body: city("\xc3\x28"), status: 400, typ: typeDataValidation, at: "$.addresses[1].city"},
		{name: "body in a descriptor reference", method: http.MethodPost, target: "/data/ed-fi/schools", body: gradeLevel(`uri://ed-fi.org/GradeLevelDescriptor#\udfff`), status: 400, typ: typeDataValidation, at: "$.gradeLevels[0].gradeLevelDescriptor"},
		{name: "body in a descriptor", method: http.MethodPost, target: "/data/ed-fi/gradeLevelDescriptors", body: shortDescription("\xff"), status: 400, typ: typeDataValidation, at: "$.shortDescription"},
		{name: "body property name not UTF-8", method: http.MethodPost, target: "/data/ed-fi/schools", body: []byte("{\"schoolId\":1,\"na\xffme\":1}"), status: 400, typ: typeDataValidation, at: "$.na\uFFFDme", text: "Property name"},
		{name: "body property name surrogate", method: http.MethodPost, target: "/data/ed-fi/schools", body: []byte(`{"schoolId":1,"a\ud800":1}`), status: 400, typ: typeDataValidation, at: "$.a\uFFFD"},
		{name: "body NUL", method: http.MethodPost, target: "/data/ed-fi/schools", body: name(`a\u0000b`), status: 400, typ: typeDataValidation, at: "$.nameOfInstitution", text: "NUL"},
		{name: "body NUL in a collection", method: http.MethodPost, target: "/data/ed-fi/schools", body: city(`\u0000`), status: 400, typ: typeDataValidation, at: "$.addresses[1].city"},
		{name: "body NUL in a descriptor reference", method: http.MethodPost, target: "/data/ed-fi/schools", body: gradeLevel(`uri://ed-fi.org/GradeLevelDescriptor#G\u0000`), status: 400, typ: typeDataValidation, at: "$.gradeLevels[0].gradeLevelDescriptor"},
		{name: "body NUL in a descriptor", method: http.MethodPost, target: "/data/ed-fi/gradeLevelDescriptors", body: shortDescription(`\u0000`), status: 400, typ: typeDataValidation, at: "$.shortDescription"},
		{name: "body NUL in a descriptor key", method: http.MethodPost, target: "/data/ed-fi/gradeLevelDescriptors", body: with("gradeLevelDescriptors", func(m map[string]any) { m["codeValue"] = "PROBE" }, `A\u0000`), status: 400, typ: typeDataValidation, at: "$.codeValue"},
		{name: "body NUL in an extension reference", method: http.MethodPost, target: "/data/ed-fi/schools", body: with("schools", func(m map[string]any) {
			m["_ext"] = map[string]any{"sample": map[string]any{"directlyOwnedBuses": []any{map[string]any{"directlyOwnedBusReference": map[string]any{"busId": "PROBE"}}}}}
		}, `B\u0000`), status: 400, typ: typeDataValidation, at: "$._ext.sample.directlyOwnedBuses[0].directlyOwnedBusReference.busId"},
		{name: "PUT body not UTF-8", method: http.MethodPut, target: school, body: name("\xff"), status: 400, typ: typeDataValidation, at: "$.nameOfInstitution"},
		{name: "PUT body surrogate", method: http.MethodPut, target: school, body: name(`\ud800`), status: 400, typ: typeDataValidation, at: "$.nameOfInstitution"},
		{name: "PUT body id NUL", method: http.MethodPut, target: school, body: with("schools", func(m map[string]any) { m["id"] = "PROBE" }, `\u0000`), status: 400, typ: typeBadRequest, text: "must match the id in the url"},
		{name: "body too deep", method: http.MethodPost, target: "/data/ed-fi/schools", body: deep, status: 400, typ: typeDataValidation, text: "The maximum configured depth of 64 has been exceeded. Cannot read next JSON object."},
		{name: "body duplicate property", method: http.MethodPost, target: "/data/ed-fi/schools", body: []byte(`{"schoolId":1,"schoolId":2}`), status: 400, typ: typeDataValidation, at: "$.schoolId"},
		{name: "body malformed", method: http.MethodPost, target: "/data/ed-fi/schools", body: []byte(`{"schoolId":`), status: 400, typ: typeDataValidation, at: "$."},
		{name: "body not JSON bytes", method: http.MethodPost, target: "/data/ed-fi/schools", body: []byte("\xff\xfe\x00{"), status: 400, typ: typeDataValidation, at: "$."},
		{name: "body empty", method: http.MethodPost, target: "/data/ed-fi/schools", body: []byte{}, status: 400, typ: typeBadRequest, text: "A non-empty request body is required."},
		{name: "body an array", method: http.MethodPost, target: "/data/ed-fi/schools", body: []byte(`[{"schoolId":1}]`), status: 400, typ: typeDataValidation},
		{name: "body huge number", method: http.MethodPost, target: "/data/ed-fi/schools", body: []byte(`{"schoolId":1e400,"nameOfInstitution":"x"}`), status: 400, typ: typeDataValidation, at: "$.schoolId"},
		{name: "body int32 overflow", method: http.MethodPost, target: "/data/ed-fi/schools", body: []byte(`{"schoolId":2147483648,"nameOfInstitution":"x"}`), status: 400, typ: typeDataValidation, at: "$.schoolId"},
		{name: "body date year 0", method: http.MethodPost, target: "/data/ed-fi/gradeLevelDescriptors", body: with("gradeLevelDescriptors", func(m map[string]any) { m["effectiveBeginDate"] = "PROBE" }, "0000-01-01"), status: 400, typ: typeDataValidation, at: "$.effectiveBeginDate"},
		{name: "body 1 MB string", method: http.MethodPost, target: "/data/ed-fi/schools", body: name(strings.Repeat("é", 1<<19)), status: 400, typ: typeDataValidation, at: "$.nameOfInstitution"},
		{name: "body id on POST", method: http.MethodPost, target: "/data/ed-fi/schools", body: []byte(`{"id":"\ud83d\ude00"}`), status: 400, typ: typeDataValidation},
		// Ids: every 404 has a body.
		get("GET missing id", "/data/ed-fi/schools/"+missing, 404, typeNotFound, "", "The specified data could not be found."),
		{name: "DELETE missing id", method: http.MethodDelete, target: "/data/ed-fi/schools/" + missing, status: 404, typ: typeNotFound},
		{name: "PUT missing id", method: http.MethodPut, target: "/data/ed-fi/schools/" + missing, body: withPutID(name("x"), uuid.MustParse(missing)), status: 404, typ: typeNotFound, text: "Resource to update was not found"},
		get("GET id of another resource", "/data/ed-fi/schools/"+descriptorID, 404, typeNotFound, "", ""),
		get("GET descriptor with a school id", "/data/ed-fi/gradeLevelDescriptors/"+schoolID, 404, typeNotFound, "", ""),
		{name: "DELETE id of another resource", method: http.MethodDelete, target: "/data/ed-fi/schools/" + descriptorID, status: 404, typ: typeNotFound},
		{name: "PUT id of another resource", method: http.MethodPut, target: "/data/ed-fi/gradeLevelDescriptors/" + schoolID, body: withPutID(shortDescription("x"), uuid.MustParse(schoolID)), status: 404, typ: typeNotFound},
		get("GET missing descriptor", "/data/ed-fi/gradeLevelDescriptors/"+missing, 404, typeNotFound, "", ""),
		{name: "DELETE missing descriptor", method: http.MethodDelete, target: "/data/ed-fi/gradeLevelDescriptors/" + missing, status: 404, typ: typeNotFound},
		get("GET missing id, uppercase", "/data/ed-fi/schools/"+strings.ToUpper(missing), 404, typeNotFound, "", ""),
		get("unknown resource", "/data/ed-fi/nothing", 404, typeNotFound, "", ""),
		get("unknown resource with id", "/data/ed-fi/nothing/"+missing, 404, typeNotFound, "", ""),
		get("unknown project", "/data/nothing/schools", 404, typeNotFound, "", ""),
		get("unknown root path", "/nowhere", 404, typeNotFound, "", ""),
		get("data root", "/data", 404, typeNotFound, "", ""),
		get("project only", "/data/ed-fi", 404, typeNotFound, "", ""),
		get("too many segments", "/data/ed-fi/schools/"+missing+"/x", 404, typeNotFound, "", ""),
		get("change version not a number", "/data/ed-fi/schools/deletes?minChangeVersion=x", 400, typeParameter, "", "MinChangeVersion must be a numeric value greater than or equal to 0."),
		get("change version beyond bigint", "/data/ed-fi/schools/keyChanges?maxChangeVersion=9223372036854775808", 400, typeParameter, "", "MaxChangeVersion must be a numeric value greater than or equal to 0."),
		get("change window inverted", "/data/ed-fi/schools?minChangeVersion=5&maxChangeVersion=4", 400, typeParameter, "", "MinChangeVersion must be less than or equal to MaxChangeVersion."),
		get("NUL in the resource name", "/data/ed-fi/sch%00ools", 404, typeNotFound, "", ""),
		get("bytes in the resource name", "/data/ed-fi/sch%ffools", 404, typeNotFound, "", ""),
		get("malformed id", "/data/ed-fi/schools/not-a-uuid", 400, typeDataValidation, "$.id", ""),
		get("id not UTF-8", "/data/ed-fi/schools/%ff%fe", 400, typeDataValidation, "$.id", ""),
		get("id NUL", "/data/ed-fi/schools/%00", 400, typeDataValidation, "$.id", ""),
		get("id in braces", "/data/ed-fi/schools/%7B"+missing+"%7D", 400, typeDataValidation, "$.id", ""),
		get("id without hyphens", "/data/ed-fi/schools/"+strings.ReplaceAll(missing, "-", ""), 400, typeDataValidation, "$.id", ""),
		get("id 10 KB", "/data/ed-fi/schools/"+strings.Repeat("f", 10000), 400, typeDataValidation, "$.id", ""),
		// Headers.
		{name: "If-Match not UTF-8", method: http.MethodPut, target: school, body: withPutID(name("x"), locationID(school)), headers: []string{"If-Match", "\"\xff\xfe\""}, status: 412, typ: typeOptimisticLock},
		{name: "If-Match 40 KB", method: http.MethodPut, target: school, body: withPutID(name("x"), locationID(school)), headers: []string{"If-Match", strings.Repeat(`"1-x",`, 7000)}, status: 412, typ: typeOptimisticLock},
		{name: "If-Match unbalanced quote", method: http.MethodDelete, target: school, headers: []string{"If-Match", `"`}, status: 412, typ: typeOptimisticLock},
		{name: "If-Match on a missing document", method: http.MethodDelete, target: "/data/ed-fi/schools/" + missing, headers: []string{"If-Match", "\x80"}, status: 404, typ: typeNotFound},
		{name: "If-None-Match * on an existing identity", method: http.MethodPost, target: "/data/ed-fi/schools", body: docBody(docs, "schools"), headers: []string{"If-None-Match", "*"}, status: 412, typ: "urn:ed-fi:api:precondition-failed:if-none-match"},
		{name: "correlation id not UTF-8", method: http.MethodGet, target: "/data/ed-fi/schools/" + missing, headers: []string{"correlationid", "\xff\xfe\x80"}, status: 404, typ: typeNotFound},
		{name: "correlation id 40 KB", method: http.MethodGet, target: "/data/ed-fi/schools/" + missing, headers: []string{"correlationid", strings.Repeat("c", 40000)}, status: 404, typ: typeNotFound},
		{name: "correlation id with quotes", method: http.MethodGet, target: "/data/ed-fi/schools/" + missing, headers: []string{"correlationid", `"},"x":{"`}, status: 404, typ: typeNotFound, text: `"correlationId":"\"},\"x\":{\""`},
		{name: "Content-Type xml", method: http.MethodPost, target: "/data/ed-fi/schools", body: name("x"), headers: []string{"Content-Type", "application/xml"}, status: 415, typ: typeUnsupportedType},
		{name: "Content-Type not UTF-8", method: http.MethodPost, target: "/data/ed-fi/schools", body: name("x"), headers: []string{"Content-Type", "\xff/\xfe"}, status: 415, typ: typeUnsupportedType},
		{name: "Content-Type empty", method: http.MethodPut, target: school, body: name("x"), headers: []string{"Content-Type", ""}, status: 415, typ: typeUnsupportedType},
		{name: "PATCH", method: http.MethodPatch, target: school, body: name("x"), status: 405, typ: typeMethod},
		{name: "POST to an item", method: http.MethodPost, target: school, body: name("x"), status: 405, typ: typeMethod},
		{name: "DELETE a collection", method: http.MethodDelete, target: "/data/ed-fi/schools", status: 405, typ: typeMethod},
		{name: "unknown method", method: "BREW", target: "/data/ed-fi/schools", status: 405, typ: typeMethod},
	}
	fails, serverErrors := 0, 0
	for _, p := range probes {
		r, err := ls.sendRaw(p)
		if err != nil {
			t.Fatalf("%s: %v", p.name, err)
		}
		if r.status >= 500 {
			serverErrors++
		}
		if msg := checkProblem(p, r); msg != "" {
			fails++
			t.Errorf("%s (%s %.80q): %s", p.name, p.method, p.target, msg)
		}
	}

	// Hostile-looking but valid requests still succeed.
	tolerated := []struct {
		name, method, target string
		body                 []byte
		status               int
	}{
		{"paired surrogate escapes", http.MethodPost, "/data/ed-fi/gradeLevelDescriptors", with("gradeLevelDescriptors", func(m map[string]any) {
			m["codeValue"], m["shortDescription"] = "Emoji", "PROBE"
		}, `\ud83d\ude00 \uD83C\uDF89 é`), http.StatusCreated},
		// The reference drops a leading byte order mark.
		{"body with BOM", http.MethodPost, "/data/ed-fi/schools", append([]byte("\xef\xbb\xbf"), name("x")...), http.StatusOK},
		{"a value that is 60 KB long", http.MethodGet, "/data/ed-fi/schools?nameOfInstitution=" + strings.Repeat("n", 60000), nil, http.StatusOK},
		{"an empty value", http.MethodGet, "/data/ed-fi/schools?nameOfInstitution=", nil, http.StatusOK},
		{"a fraction for an integer", http.MethodGet, "/data/ed-fi/schools?schoolId=12.5", nil, http.StatusOK},
		{"a decimal with 40 fraction digits", http.MethodGet, "/data/ed-fi/courses?maximumAvailableCredits=0." + strings.Repeat("1", 40), nil, http.StatusOK},
		{"a decimal with 20000 trailing zeros", http.MethodGet, "/data/ed-fi/courses?maximumAvailableCredits=1." + strings.Repeat("0", 20000), nil, http.StatusOK},
		{"an id that is not a UUID", http.MethodGet, "/data/ed-fi/schools?id=x", nil, http.StatusOK},
		{"an unknown descriptor", http.MethodGet, "/data/ed-fi/courses?academicSubjectDescriptor=uri%3A%2F%2Fx%23%F0%9F%98%80", nil, http.StatusOK},
		{"an int32 bound", http.MethodGet, "/data/ed-fi/schools?schoolId=-2147483648", nil, http.StatusOK},
		{"a malformed query string on GET by id", http.MethodGet, school + "?x=%zz&x=1", nil, http.StatusOK},
		{"a garbage If-None-Match on GET", http.MethodGet, school, nil, http.StatusOK},
	}
	for _, tc := range tolerated {
		r, err := ls.sendRaw(probe{method: tc.method, target: tc.target, body: tc.body, headers: []string{"If-None-Match", "\xff\""}})
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if r.status >= 500 {
			serverErrors++
		}
		if r.status != tc.status {
			fails++
			t.Errorf("%s (%s %.80q): %d %s, want %d", tc.name, tc.method, tc.target, r.status, r.body, tc.status)
		}
	}
	t.Logf("%d hostile probes (4xx problem details expected) and %d hostile but valid requests (success expected): %d answered otherwise, %d answered 5xx",
		len(probes), len(tolerated), fails, serverErrors)
}

// docBody is the posted fake document of an ed-fi resource.
func docBody(docs []fakeDocument, endpoint string) []byte {
	for _, d := range docs {
		if d.Project == "ed-fi" && d.Resource == endpoint {
			return d.Body
		}
	}
	return nil
}
