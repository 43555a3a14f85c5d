package server

import (
	"strings"
	"testing"

	"github.com/google/uuid"
)

// TestQueryStringFaults: a repeated parameter (in any spelling, paging
// included) and a parameter that is not correctly percent-encoded are a
// 400 parameter-validation problem naming the parameter, and the handler
// does not run.
func TestQueryStringFaults(t *testing.T) {
	s, f, _ := newTestServer(t, Config{}, nil)
	s.Register("ed-fi", "schools", &trackedResource{f})
	tests := []struct {
		query string
		errs  []string
	}{
		{"schoolId=1&schoolId=2", []string{"The query parameter 'schoolId' is specified more than once."}},
		{"schoolId=1&SCHOOLID=1", []string{"The query parameter 'schoolId' is specified more than once."}},
		{"limit=1&offset=0&Limit=2&limit=3&offset=1", []string{
			"The query parameter 'limit' is specified more than once.", "The query parameter 'offset' is specified more than once."}},
		{"totalCount=true&totalcount=true", []string{"The query parameter 'totalCount' is specified more than once."}},
		{"x=%zz", []string{"The query parameter 'x' is not correctly percent-encoded."}},
		{"nameOfInstitution=a%", []string{"The query parameter 'nameOfInstitution' is not correctly percent-encoded."}},
		{"%zz=1&a=1&a=2", []string{"The query parameter '%zz' is not correctly percent-encoded.",
			"The query parameter 'a' is specified more than once."}},
	}
	for _, tt := range tests {
		for _, path := range []string{"/data/ed-fi/students?", "/data/ed-fi/schools/deletes?", "/data/ed-fi/schools/keyChanges?"} {
			r := do(t, s, "GET", path+tt.query, "", "correlationid", "q-1")
			if r.status != 400 || r.header.Get("Content-Type") != "application/json; charset=utf-8" {
				t.Errorf("%s%s: %d %s", path, tt.query, r.status, r.body)
				continue
			}
			p := decodeProblem(t, r)
			errs, _ := p["errors"].([]any)
			if p["type"] != "urn:ed-fi:api:bad-request:parameter-validation-failed" || p["correlationId"] != "q-1" || len(errs) != len(tt.errs) {
				t.Errorf("%s%s: %s", path, tt.query, r.body)
				continue
			}
			for i, e := range tt.errs {
				if errs[i] != e {
					t.Errorf("%s%s: error %d = %q, want %q", path, tt.query, i, errs[i], e)
				}
			}
		}
	}
	if len(f.calls) != 0 {
		t.Errorf("handler ran: %v", f.calls)
	}
	// Routes that do not read the query string ignore it, as the reference.
	if r := do(t, s, "GET", "/data/ed-fi/students/"+fixedID.String()+"?x=%zz&x=1", ""); r.status != 200 {
		t.Errorf("GET by id with a malformed query string: %d %s", r.status, r.body)
	}
	// Decoding: '+' is a space, percent-encoded bytes are kept as they are
	// (the query fields validate the text).
	f.calls = nil
	if r := do(t, s, "GET", "/data/ed-fi/students?a=x+y%2B&b=%ff%00&c", ""); r.status != 200 || f.calls[0] != "query a=x y+,b=\xff\x00,c=" {
		t.Errorf("decoding: %d %s %q", r.status, r.body, f.calls)
	}
}

// trackedResource also serves the Change Queries routes.
type trackedResource struct{ *fakeResource }

func (tr *trackedResource) Deletes(*Request, Paging) error    { return tr.record("deletes") }
func (tr *trackedResource) KeyChanges(*Request, Paging) error { return tr.record("keyChanges") }

// missingResource serves a collection whose documents never exist.
type missingResource struct{ fakeResource }

func (m *missingResource) GetByID(r *Request, _ uuid.UUID) error { return r.NotFound() }
func (m *missingResource) Delete(r *Request, _ uuid.UUID) error  { return r.NotFound() }

// TestEvery404IsProblemDetails: GET and DELETE of a missing document answer
// the not-found problem (the reference sends no body there), like every
// other 404.
func TestEvery404IsProblemDetails(t *testing.T) {
	s, _, _ := newTestServer(t, Config{}, nil)
	s.Register("ed-fi", "schools", &missingResource{})
	id := uuid.NewString()
	for _, tt := range []struct{ method, target string }{
		{"GET", "/data/ed-fi/schools/" + id},
		{"DELETE", "/data/ed-fi/schools/" + id},
		{"GET", "/data/ed-fi/nothing/" + id},
		{"GET", "/data/ed-fi/schools/deletes"},
		{"GET", "/data/ed-fi/schools/keyChanges"},
		{"GET", "/data/ed-fi"},
		{"GET", "/data"},
		{"GET", "/data/ed-fi/schools/" + id + "/x/y"},
		{"POST", "/nowhere"},
	} {
		r := do(t, s, tt.method, tt.target, "", "correlationid", "nf-1")
		p := decodeProblem(t, r)
		if r.status != 404 || r.header.Get("Content-Type") != "application/problem+json; charset=utf-8" || p["type"] != "urn:ed-fi:api:not-found" ||
			p["title"] != "Not Found" || p["detail"] != "The specified data could not be found." || p["correlationId"] != "nf-1" {
			t.Errorf("%s %s: %d %s %s", tt.method, tt.target, r.status, r.header.Get("Content-Type"), r.body)
		}
	}
}

// TestHostileCorrelationID: a correlation id header that is not UTF-8,
// absurdly long or empty is replaced by a generated id, so the problem
// body and the log carry only well-formed, bounded text; an ordinary one
// is echoed.
func TestHostileCorrelationID(t *testing.T) {
	s, _, logs := newTestServer(t, Config{}, nil)
	for _, tt := range []struct {
		header string
		echoed bool
	}{
		{"corr-1", true},
		{"Ünïcode id 😀", true},
		{strings.Repeat("a", maxCorrelationIDBytes), true},
		{strings.Repeat("a", maxCorrelationIDBytes+1), false},
		{strings.Repeat("x", 60000), false},
		{"a\xff\xfeb", false},
		{"a\tb", false},
	} {
		logs.Reset()
		r := do(t, s, "GET", "/data/ed-fi/nothing", "", "correlationid", tt.header)
		id, _ := decodeProblem(t, r)["correlationId"].(string)
		if tt.echoed != (id == tt.header) {
			t.Errorf("%.40q: correlationId %.60q", tt.header, id)
		}
		if !tt.echoed {
			if _, err := uuid.Parse(id); err != nil {
				t.Errorf("%.40q: replaced by %q, not a generated id", tt.header, id)
			}
		}
		if log := logs.String(); strings.Count(log, "\n") != 1 || !strings.Contains(log, id) || len(log) > 1024 {
			t.Errorf("%.40q: log %.200q", tt.header, log)
		}
	}
}
