package engine

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/edfi-dmsc/dmsc/runtime/etag"
	"github.com/edfi-dmsc/dmsc/runtime/identity"
	"github.com/edfi-dmsc/dmsc/runtime/jsonw"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/edfi-dmsc/dmsc/runtime/server"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Page is the outcome of a GET many.
type Page struct {
	// Body is the JSON array of the page's documents.
	Body []byte
	// TotalCount is the number of matching documents when the request
	// asked for it (Paging.TotalCount), -1 otherwise.
	TotalCount int64
}

// QueryPage answers GET many: it matches filters against the resource's
// query fields (an unknown name is a 400 problem.UnknownQueryField, a
// value of the wrong type a 400 data-validation problem), selects the page
// of matching documents ordered by DocumentId and hydrates it, with the
// total count when asked, in one round trip.
func QueryPage(ctx context.Context, pool *pgxpool.Pool, res *Resource, filters server.QueryParams, p server.Paging, v etag.Variant) (*Page, error) {
	rp := res.Read
	conds, args, matchable, err := bindFilters(rp, filters)
	if err != nil {
		return nil, err
	}
	out := &Page{TotalCount: -1}
	if !matchable || (p.Limit == 0 && !p.TotalCount) {
		if p.TotalCount {
			out.TotalCount = 0
		}
		out.Body = []byte("[]")
		return out, nil
	}
	where := whereClause(rp, conds)
	ids := `SELECT r."DocumentId" FROM ` + rp.PageFrom + where + ` ORDER BY r."DocumentId" LIMIT $` +
		strconv.Itoa(len(args)+1) + " OFFSET $" + strconv.Itoa(len(args)+2)
	stmts := make([]string, len(rp.Tables))
	for i, t := range rp.Tables {
		stmts[i] = t.Select + " WHERE " + t.FilterPrefix + ids + t.FilterSuffix + t.OrderBy
	}
	countSQL := ""
	if p.TotalCount {
		countSQL = "SELECT count(*) FROM " + rp.PageFrom + where
	}
	pageArgs := append(append([]any{}, args...), int64(p.Limit), int64(p.Offset))
	h, err := hydrate(ctx, pool, rp, stmts, pageArgs, countSQL, args)
	if err != nil {
		return nil, fmt.Errorf("querying %s: %w", res.Name, err)
	}
	if p.TotalCount {
		out.TotalCount = h.total
	}
	var w jsonw.Writer
	w.BeginArray()
	for _, d := range h.docs {
		if err := h.writeDocument(&w, res, d, v); err != nil {
			return nil, fmt.Errorf("writing %s %s: %w", res.Name, d.uuid, err)
		}
	}
	w.EndArray()
	out.Body = w.Bytes()
	return out, nil
}

func whereClause(rp *ReadPlan, conds []string) string {
	all := conds
	if rp.PageWhere != "" {
		all = append([]string{rp.PageWhere}, conds...)
	}
	if len(all) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(all, " AND ")
}

// bindFilters turns the request's filters into predicates ($1..$n) and
// their arguments. matchable is false when a filter can match no document
// (an id that is not a UUID, a fractional value for an integer field), so
// the query need not run.
func bindFilters(rp *ReadPlan, filters server.QueryParams) (conds []string, args []any, matchable bool, err error) {
	matchable = true
	var ve problem.ValidationErrors
	for _, f := range filters {
		qf := findQueryField(rp, f.Name)
		if qf == nil {
			return nil, nil, false, problem.UnknownQueryField(f.Name)
		}
		text, ok := normalizeQueryValue(qf.Type, f.Value)
		if !ok {
			ve.Add(qf.JSONPath, fmt.Sprintf("The value '%s' is not valid for %s.", f.Value, f.Name))
			continue
		}
		var arg any
		if qf.DescriptorResource != "" {
			arg, ok = identity.DescriptorReferentialID(qf.DescriptorProject, qf.DescriptorResource, text).String(), true
		} else {
			arg, ok = bindQueryValue(qf.Param, text)
		}
		if !ok {
			matchable = false
			continue
		}
		args = append(args, arg)
		conds = append(conds, strings.Join(qf.Predicate, "$"+strconv.Itoa(len(args))))
	}
	if len(ve) > 0 {
		return nil, nil, false, problem.DataValidation(ve)
	}
	return conds, args, matchable, nil
}

func findQueryField(rp *ReadPlan, name string) *QueryField {
	for _, qf := range rp.QueryFields {
		if strings.EqualFold(qf.Name, name) {
			return qf
		}
	}
	return nil
}

// dotNetNumber is what .NET decimal.TryParse accepts by default
// (NumberStyles.Number): surrounding white space, a leading sign,
// thousands separators and a decimal point.
var dotNetNumber = regexp.MustCompile(`^\s*[+-]?(\d[\d,]*\.?\d*|\.\d+)\s*$`)

// dateLayouts are the date and date-time spellings accepted in query
// values (a subset of .NET DateTime.TryParse with the invariant culture).
var dateLayouts = []string{
	time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02",
	"1/2/2006 15:04:05", "1/2/2006",
}

func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// normalizeQueryValue validates a query value against the query field's
// type as the reference does and returns its normalized text.
func normalizeQueryValue(typ, v string) (string, bool) {
	switch typ {
	case "boolean":
		switch t := strings.TrimSpace(v); {
		case strings.EqualFold(t, "true"):
			return "true", true
		case strings.EqualFold(t, "false"):
			return "false", true
		}
		return "", false
	case "date":
		t, ok := parseDate(v)
		return t.Format("2006-01-02"), ok
	case "date-time":
		t, ok := parseDate(v)
		return t.UTC().Format("2006-01-02T15:04:05Z"), ok
	case "number":
		if !dotNetNumber.MatchString(v) {
			return "", false
		}
		return strings.ReplaceAll(strings.TrimSpace(v), ",", ""), true
	case "time":
		if _, err := time.Parse("15:04:05", v); err != nil {
			return "", false
		}
		return v, true
	}
	return v, true
}

// bindQueryValue converts a normalized query value into the argument of
// its predicate; ok is false when no stored value can equal it.
func bindQueryValue(param ScalarType, text string) (any, bool) {
	switch param {
	case NoType: // the document id
		id, err := uuid.Parse(text)
		return id.String(), err == nil
	case Int32Type, Int64Type:
		n, err := strconv.ParseInt(strings.TrimPrefix(text, "+"), 10, 64)
		if err == nil {
			if param == Int32Type && (n < math.MinInt32 || n > math.MaxInt32) {
				return nil, false
			}
			return n, true
		}
		// "12.0" is the integer 12; "12.5" matches nothing.
		f, ferr := strconv.ParseFloat(text, 64)
		if ferr != nil || f != math.Trunc(f) || math.Abs(f) > math.MaxInt64/2 {
			return nil, false
		}
		return int64(f), true
	case DecimalType:
		if _, err := strconv.ParseFloat(text, 64); err != nil {
			return nil, false
		}
		return text, true
	case BooleanType:
		b, err := strconv.ParseBool(text)
		return b, err == nil
	case DateType, DateTimeType:
		if _, ok := parseDate(text); !ok {
			return nil, false
		}
		return text, true
	case TimeType:
		if _, err := time.Parse("15:04:05", text); err != nil {
			return nil, false
		}
		return text, true
	}
	return text, true
}
