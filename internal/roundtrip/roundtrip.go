// Package roundtrip proves a generated server on a schema set end to end:
// it generates and builds the server, runs it against a provisioned
// database, and sends every fake document through POST, GET, PUT and
// DELETE, reporting per resource whether all of it held.
package roundtrip

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"sort"

	"github.com/edfi-dmsc/dmsc/compiler/fake"
	"github.com/edfi-dmsc/dmsc/compiler/jsonx"
	"github.com/edfi-dmsc/dmsc/compiler/load"
	"github.com/edfi-dmsc/dmsc/internal/apiload"
)

// Result is the outcome for one resource.
type Result struct {
	Project   string // project endpoint name
	Resource  string // resource endpoint name
	Documents int    // documents sent
	// Mutated is the change the PUT made ("" when the resource has no
	// member a PUT may change and the PUT resent the same body).
	Mutated string
	// Problem is the first thing that went wrong; "" means the resource
	// passed every step.
	Problem string
}

// Name is project/resource.
func (r Result) Name() string { return r.Project + "/" + r.Resource }

// Passed reports whether every step held.
func (r Result) Passed() bool { return r.Problem == "" }

// document is one fake document on its way through the steps.
type document struct {
	line     apiload.Line
	result   *Result
	location string // path of the created document, "" when POST failed
	body     []byte // what the server should hold now
	etag     string // _etag of the last GET
}

// Runner sends documents to a running server.
type Runner struct {
	BaseURL string
	Client  *http.Client
	Set     *load.SchemaSet
}

// Run sends lines (a fake.Generate output in load order) through the
// server: POST each (201 with a Location), GET each back and compare, PUT
// a changed copy (204, and a GET shows the change) or, for resources
// without a mutable member, the same body (204 with an unchanged _etag),
// then DELETE all in reverse load order (204, then 404 on GET). perResource
// lists every resource fake considered, so resources it produced no
// document for are reported as failures too. Results are sorted by name.
func (rn *Runner) Run(ctx context.Context, lines []apiload.Line, perResource []fake.ResourceCount) []Result {
	results := map[string]*Result{}
	result := func(project, resource string) *Result {
		k := project + "/" + resource
		if results[k] == nil {
			results[k] = &Result{Project: project, Resource: resource}
		}
		return results[k]
	}
	for _, rc := range perResource {
		r := result(rc.Project, rc.Resource)
		if rc.Documents == 0 {
			r.Problem = "fake generated no document for it"
		}
	}
	docs := make([]*document, len(lines))
	for i, l := range lines {
		docs[i] = &document{line: l, result: result(l.Project, l.Resource), body: l.Body}
		docs[i].result.Documents++
	}

	for _, d := range docs {
		rn.post(ctx, d)
	}
	for _, d := range docs {
		if d.location != "" {
			rn.get(ctx, d, "GET after POST")
		}
	}
	for _, d := range docs {
		if d.location != "" && d.result.Passed() {
			rn.put(ctx, d)
		}
	}
	for i := len(docs) - 1; i >= 0; i-- {
		if docs[i].location != "" {
			rn.delete(ctx, docs[i])
		}
	}

	out := make([]Result, 0, len(results))
	for _, r := range results {
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out
}

// fail records the first problem of a document's resource.
func (d *document) fail(format string, args ...any) {
	if d.result.Problem == "" {
		d.result.Problem = fmt.Sprintf("line %d: ", d.line.Number) + fmt.Sprintf(format, args...)
	}
}

type response struct {
	status int
	header http.Header
	body   []byte
}

func (rn *Runner) send(ctx context.Context, method, path string, body []byte) (response, error) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, rn.BaseURL+path, rd)
	if err != nil {
		return response{}, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := rn.Client.Do(req)
	if err != nil {
		return response{}, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return response{}, err
	}
	return response{resp.StatusCode, resp.Header, b}, nil
}

func (rn *Runner) post(ctx context.Context, d *document) {
	path := "/data/" + d.line.Project + "/" + d.line.Resource
	r, err := rn.send(ctx, http.MethodPost, path, d.body)
	switch {
	case err != nil:
		d.fail("POST %s: %v", path, err)
	case r.status != http.StatusCreated:
		d.fail("POST %s = %d, want 201: %s", path, r.status, oneLine(r.body))
	case r.header.Get("Location") == "":
		d.fail("POST %s = 201 without a Location", path)
	default:
		d.location = locationPath(rn.BaseURL, r.header.Get("Location"))
	}
}

// get reads the document back, compares it with what it should hold and
// remembers its _etag; it reports whether the document matched.
func (rn *Runner) get(ctx context.Context, d *document, step string) bool {
	r, err := rn.send(ctx, http.MethodGet, d.location, nil)
	if err != nil {
		d.fail("%s: GET %s: %v", step, d.location, err)
		return false
	}
	if r.status != http.StatusOK {
		d.fail("%s: GET %s = %d, want 200: %s", step, d.location, r.status, oneLine(r.body))
		return false
	}
	diff, err := Diff(d.body, r.body)
	if err != nil {
		d.fail("%s: GET %s: %v", step, d.location, err)
		return false
	}
	if diff != "" {
		d.fail("%s: GET %s differs: %s", step, d.location, diff)
		return false
	}
	v, err := decode(r.body)
	if err != nil {
		d.fail("%s: GET %s: %v", step, d.location, err)
		return false
	}
	d.etag, _ = v.(map[string]any)["_etag"].(string)
	return true
}

func (rn *Runner) put(ctx context.Context, d *document) {
	schema := rn.resourceSchema(d.line.Project, d.line.Resource)
	if schema == nil {
		d.fail("no resource schema for %s/%s", d.line.Project, d.line.Resource)
		return
	}
	changed, change, mutable, err := Mutate(schema, d.body)
	if err != nil {
		d.fail("PUT: %v", err)
		return
	}
	if !mutable {
		changed = d.body
	} else {
		d.result.Mutated = change.String()
	}
	before := d.etag
	body, err := withID(changed, idOf(d.location))
	if err != nil {
		d.fail("PUT: %v", err)
		return
	}
	r, err := rn.send(ctx, http.MethodPut, d.location, body)
	if err != nil {
		d.fail("PUT %s: %v", d.location, err)
		return
	}
	if r.status != http.StatusNoContent {
		d.fail("PUT %s (%s) = %d, want 204: %s", d.location, putWhat(mutable, change), r.status, oneLine(r.body))
		return
	}
	d.body = changed
	if !rn.get(ctx, d, "GET after PUT ("+putWhat(mutable, change)+")") {
		return
	}
	switch {
	case mutable && d.etag == before:
		d.fail("PUT %s (%s): _etag unchanged (%s) after a change", d.location, change, before)
	case !mutable && d.etag != before:
		d.fail("PUT %s of the same body: _etag changed from %s to %s", d.location, before, d.etag)
	}
}

func putWhat(mutable bool, c Change) string {
	if mutable {
		return c.String()
	}
	return "same body"
}

func (rn *Runner) delete(ctx context.Context, d *document) {
	r, err := rn.send(ctx, http.MethodDelete, d.location, nil)
	if err != nil {
		d.fail("DELETE %s: %v", d.location, err)
		return
	}
	if r.status != http.StatusNoContent {
		d.fail("DELETE %s = %d, want 204: %s", d.location, r.status, oneLine(r.body))
		return
	}
	r, err = rn.send(ctx, http.MethodGet, d.location, nil)
	if err != nil {
		d.fail("GET after DELETE %s: %v", d.location, err)
		return
	}
	if r.status != http.StatusNotFound {
		d.fail("GET after DELETE %s = %d, want 404", d.location, r.status)
	}
}

// resourceSchema finds the resourceSchemas entry of a resource endpoint.
func (rn *Runner) resourceSchema(project, resource string) *jsonx.Value {
	for _, p := range rn.Set.Projects {
		if p.EndpointName == project {
			return p.Schema.Get("resourceSchemas").Get(resource)
		}
	}
	return nil
}
