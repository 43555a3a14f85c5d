package problem

import (
	"encoding/json"
	"testing"
)

func TestMarshalJSONIsValidJSON(t *testing.T) {
	var v map[string]any
	b, err := json.Marshal(IdentityConflict(Create, "A<B", nil))
	if err != nil || json.Unmarshal(b, &v) != nil || v["status"] != float64(409) {
		t.Fatalf("json.Marshal round trip failed: %s %v", b, err)
	}
}

func TestMarshalOrderAndEmptyMembers(t *testing.T) {
	d := NotFound("").WithCorrelationID("abc")
	got := d.JSON()
	want := `{"detail":"The specified data could not be found.","type":"urn:ed-fi:api:not-found","title":"Not Found","status":404,"correlationId":"abc","validationErrors":{},"errors":[]}`
	if string(got) != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}

func TestValidationErrorsKeepOrderAndDeduplicate(t *testing.T) {
	var ve ValidationErrors
	ve.Add("$.b", "b1")
	ve.Add("$.a", "a1")
	ve.Add("$.b", "b2")
	ve.Add("$.b", "b1")
	got := DataValidation(ve).JSON()
	want := `{"detail":"Data validation failed. See 'validationErrors' for details.","type":"urn:ed-fi:api:bad-request:data-validation-failed","title":"Data Validation Failed","status":400,"correlationId":"","validationErrors":{"$.b":["b1","b2"],"$.a":["a1"]},"errors":[]}`
	if string(got) != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
	if m := ve.Messages("$.a"); len(m) != 1 || m[0] != "a1" {
		t.Fatalf("Messages($.a) = %v", m)
	}
}

func TestNoHTMLEscaping(t *testing.T) {
	got := BadRequest(`a <b> & "c"`, nil).JSON()
	want := `{"detail":"a <b> & \"c\"","type":"urn:ed-fi:api:bad-request","title":"Bad Request","status":400,"correlationId":"","validationErrors":{},"errors":[]}`
	if string(got) != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}

func TestReferenceTexts(t *testing.T) {
	tests := []struct {
		name string
		d    *Details
		want string
	}{
		{"identity conflict create", IdentityConflict(Create, "Student", []KeyValue{{"studentUniqueId", "1"}}),
			"A natural key conflict occurred when attempting to create a new resource Student with a duplicate key. The duplicate keys and values are (studentUniqueId = 1)"},
		{"identity conflict update", IdentityConflict(Update, "School", []KeyValue{{"schoolId", "1"}, {"x", "y"}}),
			"A natural key conflict occurred when attempting to update a resource School with a duplicate key. The duplicate keys and values are (schoolId = 1),(x = y)"},
		{"dependent named", DependentItemExists("Calendar", "School"),
			"The requested action cannot be performed because this item is referenced by existing Calendar, School item(s)."},
		{"dependent unnamed", DependentItemExists(),
			"The requested action cannot be performed because this item is referenced by existing item(s)."},
		{"unknown query field", UnknownQueryField("foo"), "The query field 'foo' is not valid for this resource."},
		{"identity immutable", IdentityImmutable("School"), "Identifying values for the School resource cannot be changed. Delete and recreate the resource item instead."},
		{"descriptor identity immutable", DescriptorIdentityImmutable("Ed-Fi", "DisabilityDescriptor"),
			"Identity of resource 'Ed-Fi.DisabilityDescriptor' cannot be changed. Descriptor identity fields (Namespace, CodeValue) are immutable on PUT."},
		{"id mismatch", IDMismatch(), "Request body id must match the id in the url."},
		{"update target missing", NotFound(DetailUpdateTargetNotFound), "Resource to update was not found"},
	}
	for _, tt := range tests {
		got := tt.d.Detail
		if len(tt.d.Errors) > 0 {
			got = tt.d.Errors[0]
		}
		if got != tt.want {
			t.Errorf("%s:\n got  %q\n want %q", tt.name, got, tt.want)
		}
	}
}

func TestStatusesAndTypes(t *testing.T) {
	tests := []struct {
		d      *Details
		status int
		typ    string
	}{
		{ParameterValidation("x"), 400, "urn:ed-fi:api:bad-request:parameter-validation-failed"},
		{KeyChangeNotSupported("x"), 400, "urn:ed-fi:api:bad-request:data-validation-failed:key-change-not-supported"},
		{MethodNotAllowed("GET, POST", "x"), 405, "urn:ed-fi:api:method-not-allowed"},
		{UnresolvedReference(nil), 409, "urn:ed-fi:api:data-conflict:unresolved-reference"},
		{ReferenceFailures(nil, false), 409, "urn:ed-fi:api:data-conflict:unresolved-reference"},
		{ReferenceFailures(nil, true), 400, "urn:ed-fi:api:bad-request"},
		{PreconditionFailed(), 412, "urn:ed-fi:api:optimistic-lock-failed"},
		{PreconditionTargetMissing(), 412, "urn:ed-fi:api:optimistic-lock-failed"},
		{IfNoneMatchFailed(), 412, "urn:ed-fi:api:precondition-failed:if-none-match"},
		{PayloadTooLarge(10), 413, "urn:ed-fi:api:payload-too-large"},
		{SystemError(), 500, "urn:ed-fi:api:system"},
		{DatabaseNotProvisioned("x"), 503, "urn:ed-fi:api:database-not-provisioned"},
		{ResourceKeySeedError("t", "x"), 503, "urn:ed-fi:api:resource-key-seed-validation-error"},
	}
	for _, tt := range tests {
		if tt.d.Status != tt.status || tt.d.Type != tt.typ {
			t.Errorf("%s: got %d %s, want %d %s", tt.d.Title, tt.d.Status, tt.d.Type, tt.status, tt.typ)
		}
	}
	if MethodNotAllowed("GET, POST").Headers["Allow"] != "GET, POST" {
		t.Error("MethodNotAllowed does not carry the Allow header")
	}
}
