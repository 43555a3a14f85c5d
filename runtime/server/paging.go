package server

import (
	"fmt"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/edfi-dmsc/dmsc/runtime/problem"
)

// DefaultMaxPageSize is the reference's default maximum (and default) page
// size.
const DefaultMaxPageSize = 500

// Names of the paging parameters (matched case-insensitively).
const (
	ParamLimit      = "limit"
	ParamOffset     = "offset"
	ParamTotalCount = "totalCount"
)

// Paging is a validated GET-many page request.
type Paging struct {
	Limit      int  // rows to return; the maximum page size when omitted
	Offset     int  // rows to skip
	TotalCount bool // add a Total-Count header
	// Changes is the change-version window (AllChanges when not given).
	Changes ChangeWindow
}

// QueryParam is one query-string parameter. Names are matched
// case-insensitively and appear at most once (in any spelling).
type QueryParam struct {
	Name  string
	Value string
}

// QueryParams are a request's query parameters in first-appearance order.
type QueryParams []QueryParam

// parseQuery splits a raw query string keeping parameter order (url.Values
// loses it), folding names case-insensitively. A parameter that is not
// correctly percent-encoded or that is given more than once (in any
// spelling: a repeated value cannot be honoured, and silently choosing one
// would answer another question than the client asked) is reported in the
// returned 400, each name once.
func parseQuery(raw string) (QueryParams, *problem.Details) {
	var (
		ps       QueryParams
		errs     []string
		repeated []string
	)
	for raw != "" {
		var part string
		part, raw, _ = strings.Cut(raw, "&")
		if part == "" {
			continue
		}
		rawName, rawValue, _ := strings.Cut(part, "=")
		name, nerr := url.QueryUnescape(rawName)
		value, verr := url.QueryUnescape(rawValue)
		if nerr != nil || verr != nil {
			errs = append(errs, fmt.Sprintf("The query parameter '%s' is not correctly percent-encoded.", rawName))
			continue
		}
		if i := ps.index(name); i >= 0 {
			if !slices.ContainsFunc(repeated, func(n string) bool { return strings.EqualFold(n, name) }) {
				repeated = append(repeated, ps[i].Name)
				errs = append(errs, fmt.Sprintf("The query parameter '%s' is specified more than once.", ps[i].Name))
			}
			continue
		}
		ps = append(ps, QueryParam{Name: name, Value: value})
	}
	if len(errs) > 0 {
		return nil, problem.ParameterValidation(errs...)
	}
	return ps, nil
}

func (ps QueryParams) index(name string) int {
	for i, p := range ps {
		if strings.EqualFold(p.Name, name) {
			return i
		}
	}
	return -1
}

// Get returns the value of the named parameter (case-insensitive).
func (ps QueryParams) Get(name string) (string, bool) {
	if i := ps.index(name); i >= 0 {
		return ps[i].Value, true
	}
	return "", false
}

// Without returns the parameters whose names are not among names.
func (ps QueryParams) Without(names ...string) QueryParams {
	var out QueryParams
next:
	for _, p := range ps {
		for _, n := range names {
			if strings.EqualFold(p.Name, n) {
				continue next
			}
		}
		out = append(out, p)
	}
	return out
}

// ParsePaging validates limit, offset and totalCount with the reference's
// messages; every faulty parameter is reported in one 400.
func ParsePaging(ps QueryParams, maxPageSize int) (Paging, *problem.Details) {
	p := Paging{Limit: maxPageSize}
	var errs []string
	if v, ok := ps.Get(ParamOffset); ok {
		n, ok := parseDotNetInt(v)
		if !ok || n < 0 {
			errs = append(errs, "Offset must be a numeric value greater than or equal to 0.")
		} else {
			p.Offset = n
		}
	}
	if v, ok := ps.Get(ParamLimit); ok {
		n, ok := parseDotNetInt(v)
		if !ok || n < 0 || n > maxPageSize {
			errs = append(errs, fmt.Sprintf("Limit must be omitted or set to a numeric value between 0 and %d.", maxPageSize))
		} else {
			p.Limit = n
		}
	}
	if v, ok := ps.Get(ParamTotalCount); ok {
		switch t := strings.TrimSpace(v); {
		case strings.EqualFold(t, "true"):
			p.TotalCount = true
		case strings.EqualFold(t, "false"):
		default:
			errs = append(errs, "TotalCount must be a boolean value.")
		}
	}
	if len(errs) > 0 {
		return Paging{}, problem.ParameterValidation(errs...)
	}
	return p, nil
}

// parseDotNetInt accepts what .NET int.TryParse accepts by default:
// surrounding whitespace, an optional sign, decimal digits, 32-bit range.
func parseDotNetInt(s string) (int, bool) {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n < math.MinInt32 || n > math.MaxInt32 {
		return 0, false
	}
	return int(n), true
}
