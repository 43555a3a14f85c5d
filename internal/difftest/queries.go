package difftest

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/edfi-dmsc/dmsc/compiler/jsonx"
	"github.com/edfi-dmsc/dmsc/internal/oracle"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/edfi-dmsc/dmsc/runtime/server"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// Query is one GET many of the corpus.
type Query struct {
	Resource string // project/endpoint
	// Name says what the query asks: "page 25", "field schoolId".
	Name    string
	Filters server.QueryParams
	Paging  server.Paging
}

// URL is the query's path and query string below the server's base URL.
func (q Query) URL() string {
	v := []string{"limit=" + strconv.Itoa(q.Paging.Limit), "offset=" + strconv.Itoa(q.Paging.Offset)}
	if q.Paging.TotalCount {
		v = append(v, "totalCount=true")
	}
	for _, f := range q.Filters {
		v = append(v, url.QueryEscape(f.Name)+"="+url.QueryEscape(f.Value))
	}
	return "/data/" + q.Resource + "?" + strings.Join(v, "&")
}

// queries are the GET many of one resource: two pages, and per query
// field the value of the base document (when it has one) and, for a field
// that is not a string, a value of the wrong type.
func queries(rs *resourceSchema, base *jsonx.Value) []Query {
	out := []Query{
		{Resource: rs.key, Name: "page 25 with total count", Paging: server.Paging{Limit: 25, TotalCount: true}},
		{Resource: rs.key, Name: "page 2 from 1", Paging: server.Paging{Limit: 2, Offset: 1}},
	}
	for _, qf := range rs.queryFields {
		page := server.Paging{Limit: 25, TotalCount: true}
		if v := valueAtPath(base, qf.path); v != nil {
			out = append(out, Query{Resource: rs.key, Name: "field " + qf.name, Paging: page,
				Filters: server.QueryParams{{Name: qf.name, Value: v.Text}}})
		}
		if qf.typ != "string" {
			out = append(out, Query{Resource: rs.key, Name: "field " + qf.name + " of the wrong type", Paging: page,
				Filters: server.QueryParams{{Name: qf.name, Value: "not-a-" + qf.typ}}})
		}
	}
	return out
}

// valueAtPath follows a query field's path ("$.schoolReference.schoolId",
// "$.addresses[*].city": an array's first item) to a scalar; nil when there
// is none.
func valueAtPath(v *jsonx.Value, path string) *jsonx.Value {
	for _, step := range strings.Split(strings.TrimPrefix(path, "$."), ".") {
		name, array := strings.CutSuffix(step, "[*]")
		v = v.Get(name)
		if array {
			if items := v.ArrayItems(); len(items) > 0 {
				v = items[0]
			} else {
				return nil
			}
		}
		if v == nil {
			return nil
		}
	}
	if v.Kind == jsonx.Object || v.Kind == jsonx.Array || v.Kind == jsonx.Null {
		return nil
	}
	return v
}

// page runs a GET many on the generated server and through the oracle
// (on the generated side's database) and compares their answers: status,
// body (problem details without correlation id) and Total-Count.
func (r *runner) page(ctx context.Context, q Query, res *spec.Resource) {
	status, header, body := r.do(ctx, http.MethodGet, r.baseURL(server.WriteLimits{})+q.URL(), nil)
	got := strconv.Itoa(status) + " total " + header.Get("Total-Count") + " " + string(correlationID.ReplaceAll(body, []byte(`"correlationId":""`)))
	want := ""
	page, err := oracle.QueryPage(ctx, r.generated.pool, res, q.Filters, q.Paging, r.variant)
	var p *problem.Details
	switch {
	case errors.As(err, &p):
		want = strconv.Itoa(p.Status) + " total  " + string(p.JSON())
	case err != nil:
		r.t.Fatalf("%s %s: oracle: %v", q.Resource, q.Name, err)
	default:
		total := ""
		if page.TotalCount >= 0 {
			total = strconv.FormatInt(page.TotalCount, 10)
		}
		want = "200 total " + total + " " + string(page.Body)
	}
	if got != want {
		r.differ(&Case{Request: Request{Resource: q.Resource, Method: http.MethodGet}, Name: q.Name + " " + q.URL()}, "page", got, want)
	}
}
