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
	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/edfi-dmsc/dmsc/runtime/server"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/edfi-dmsc/dmsc/runtime/validate"
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

// QueryPage answers GET many of res: it matches filters against the resource's
// query fields (an unknown name is a 400 problem.UnknownQueryField, a
// value of the wrong type a 400 data-validation problem), selects the page
// of matching documents ordered by DocumentId (by ContentVersion for a
// window with a maximum, see pageOrder) and hydrates it, with the
// total count when asked, in one round trip. The page's DocumentIds are
// selected once and every table is read through them (see ReadPlan), so a
// page costs O(limit + offset) index entries whatever the table's size.
// res is the resource whose read codec c is.
func (c *ReadCodec) QueryPage(ctx context.Context, pool *pgxpool.Pool, res *spec.Resource, filters server.QueryParams, p server.Paging, v etag.Variant) (*Page, error) {
	rp := res.Read
	conds, args, matchable, err := bindFilters(rp, filters)
	if err != nil {
		return nil, err
	}
	conds, args = withLiveWindow(res, p.Changes, conds, args)
	conds, args = withNamespaceFilter(ctx, res, conds, args)
	conds, args, related := withRelationshipFilter(ctx, res, conds, args)
	matchable = matchable && related
	conds, args = withOwnershipFilter(ctx, conds, args)
	out := &Page{TotalCount: -1}
	if !matchable || (p.Limit == 0 && !p.TotalCount) {
		if p.TotalCount {
			out.TotalCount = 0
		}
		out.Body = []byte("[]")
		return out, nil
	}
	where := whereClause(rp, conds)
	ids := `SELECT r."DocumentId" FROM ` + rp.PageFrom + where + ` ORDER BY ` + pageOrder(res, p.Changes) + ` LIMIT $` +
		strconv.Itoa(len(args)+1) + " OFFSET $" + strconv.Itoa(len(args)+2)
	batch := hydration{
		page: query{
			sql:  `SELECT set_config('` + spec.PageIDsSetting + `', ARRAY(` + ids + `)::text, true)`,
			args: append(append([]any{}, args...), int64(p.Limit), int64(p.Offset)),
		},
		selects: make([]query, len(rp.Tables)),
		tables:  rp.Tables,
	}
	for i, t := range rp.Tables {
		batch.selects[i] = query{sql: t.Page}
	}
	if p.TotalCount {
		batch.count = query{sql: "SELECT count(*) FROM " + rp.PageFrom + where, args: args}
	}
	docs, total, err := hydrate(ctx, pool, c, batch)
	if err != nil {
		return nil, fmt.Errorf("querying %s: %w", res.Name, err)
	}
	if p.TotalCount {
		out.TotalCount = total
	}
	out.Body = c.encodePage(docs, v)
	return out, nil
}

func whereClause(rp *spec.ReadPlan, conds []string) string {
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
// their arguments. A value that is not valid for its field — not of the
// field's type, text PostgreSQL cannot hold (not UTF-8, NUL) or beyond the
// range of the column's type — is a 400 naming the field, so no query
// input can make the database fail. matchable is false when a filter is
// well-formed but can match no document (an id that is not a UUID, a
// fractional value for an integer field), so the query need not run.
func bindFilters(rp *spec.ReadPlan, filters server.QueryParams) (conds []string, args []any, matchable bool, err error) {
	matchable = true
	var ve problem.ValidationErrors
	for _, f := range filters {
		qf := findQueryField(rp, f.Name)
		if qf == nil {
			return nil, nil, false, problem.UnknownQueryField(f.Name)
		}
		var arg any
		b := notValid
		if text, ok := normalizeQueryValue(qf.Type, f.Value); ok {
			if qf.DescriptorResource != "" {
				arg, b = identity.DescriptorReferentialID(qf.DescriptorProject, qf.DescriptorResource, text).String(), bound
			} else {
				arg, b = bindQueryValue(qf.Param, text)
			}
		}
		switch b {
		case notValid:
			ve.Add(qf.JSONPath, fmt.Sprintf("The value '%s' is not valid for %s.", f.Value, f.Name))
		case matchesNothing:
			matchable = false
		default:
			args = append(args, arg)
			conds = append(conds, strings.Join(qf.Predicate, "$"+strconv.Itoa(len(args))))
		}
	}
	if len(ve) > 0 {
		return nil, nil, false, problem.DataValidation(ve)
	}
	return conds, args, matchable, nil
}

func findQueryField(rp *spec.ReadPlan, name string) *spec.QueryField {
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

// parseDate parses a date or date-time query value within the range the
// reference's DateTime holds (years 1 to 9999), which PostgreSQL's date
// and timestamp types also hold.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, inDateRange(t)
		}
	}
	return time.Time{}, false
}

func inDateRange(t time.Time) bool { return t.Year() >= 1 && t.Year() <= 9999 }

// normalizeQueryValue validates a query value against the query field's
// type as the reference does and returns its normalized text. Text that
// PostgreSQL cannot hold is not valid for any field.
func normalizeQueryValue(typ, v string) (string, bool) {
	if !validate.StorableText(v) {
		return "", false
	}
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
		t = t.UTC()
		return t.Format("2006-01-02T15:04:05Z"), ok && inDateRange(t)
	case "number":
		if !dotNetNumber.MatchString(v) {
			return "", false
		}
		// Within the range of the reference's decimal, in canonical form.
		d, ok := validate.ParseDecimal(strings.ReplaceAll(v, ",", ""))
		return d.String(), ok
	case "time":
		if _, err := time.Parse("15:04:05", v); err != nil {
			return "", false
		}
		return v, true
	}
	return v, true
}

// binding is how a normalized query value binds to its column.
type binding uint8

const (
	bound          binding = iota // the value is the predicate's argument
	matchesNothing                // well-formed, but no stored value can equal it
	notValid                      // outside the column type's range: a 400
)

// maxDecimalPlaces is the most fraction digits the reference's decimal
// holds; no Ed-Fi decimal column has more.
const maxDecimalPlaces = 28

// bindQueryValue converts a normalized query value into the argument of
// its predicate.
func bindQueryValue(param spec.ScalarType, text string) (any, binding) {
	switch param {
	case spec.NoType: // the document id
		id, err := uuid.Parse(text)
		if err != nil {
			return nil, matchesNothing
		}
		return id.String(), bound
	case spec.Int32Type, spec.Int64Type:
		// "12.0" is the integer 12; "12.5" matches nothing.
		d, ok := validate.ParseDecimal(text)
		if !ok || d.Frac != "" {
			return nil, matchesNothing
		}
		n, err := strconv.ParseInt(d.String(), 10, 64)
		if err != nil || (param == spec.Int32Type && (n < math.MinInt32 || n > math.MaxInt32)) {
			return nil, notValid
		}
		return n, bound
	case spec.DecimalType:
		d, ok := validate.ParseDecimal(text)
		if !ok || len(d.Frac) > maxDecimalPlaces {
			return nil, matchesNothing
		}
		return d.String(), bound
	case spec.BooleanType:
		b, err := strconv.ParseBool(text)
		if err != nil {
			return nil, matchesNothing
		}
		return b, bound
	case spec.DateType, spec.DateTimeType:
		if _, ok := parseDate(text); !ok {
			return nil, matchesNothing
		}
		return text, bound
	case spec.TimeType:
		if _, err := time.Parse("15:04:05", text); err != nil {
			return nil, matchesNothing
		}
		return text, bound
	}
	return text, bound
}
