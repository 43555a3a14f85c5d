package server

import (
	"math"
	"net/http"
	"strconv"
	"strings"

	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/labstack/echo/v4"
)

// Names of the change-version parameters (matched case-insensitively).
const (
	ParamMinChangeVersion = "minChangeVersion"
	ParamMaxChangeVersion = "maxChangeVersion"
)

// changeQueriesFeature names the feature in its feature-disabled problem.
const changeQueriesFeature = "ChangeQueries"

// ChangeWindow is a validated change-version window, both bounds
// inclusive. A bound the request omits is 0 (minimum) or the largest
// bigint (maximum), so a statement always binds both.
type ChangeWindow struct {
	Min, Max int64
	// Set is true when the request gave either bound: a live GET-many is
	// then limited to documents whose ContentVersion lies in the window.
	Set bool
	// MaxGiven is true when the request gave maxChangeVersion: a live
	// GET-many then selects its page in ContentVersion order (see
	// engine.QueryPage).
	MaxGiven bool
}

// AllChanges is the window of a request that gives no bound.
var AllChanges = ChangeWindow{Min: 0, Max: math.MaxInt64}

// ParseChangeWindow validates minChangeVersion and maxChangeVersion with
// the reference's messages, every fault in one 400: each must be an
// integer of at least 0 (an empty or blank value counts as omitted, as
// the reference's model binding reads it), and the minimum at most the
// maximum. Live GET-many, /deletes and /keyChanges share it.
func ParseChangeWindow(ps QueryParams) (ChangeWindow, *problem.Details) {
	w := AllChanges
	var errs []string
	bound := func(name, msg string, into *int64) bool {
		v, ok := ps.Get(name)
		if !ok || strings.TrimSpace(v) == "" {
			return false
		}
		n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		if err != nil || n < 0 {
			errs = append(errs, msg)
			return false
		}
		*into, w.Set = n, true
		return true
	}
	minOK := bound(ParamMinChangeVersion, "MinChangeVersion must be a numeric value greater than or equal to 0.", &w.Min)
	maxOK := bound(ParamMaxChangeVersion, "MaxChangeVersion must be a numeric value greater than or equal to 0.", &w.Max)
	w.MaxGiven = maxOK
	if minOK && maxOK && w.Min > w.Max {
		errs = append(errs, "MinChangeVersion must be less than or equal to MaxChangeVersion.")
	}
	if len(errs) > 0 {
		return ChangeWindow{}, problem.ParameterValidation(errs...)
	}
	return w, nil
}

// changeWindow validates the change-version parameters of a GET-many or
// change route; with change queries turned off, giving one is the
// feature-disabled 404.
func (r *Request) changeWindow() (ChangeWindow, error) {
	if !*r.s.Config.ChangeQueries {
		if _, ok := r.params.Get(ParamMinChangeVersion); ok {
			return ChangeWindow{}, problem.FeatureDisabled(changeQueriesFeature)
		}
		if _, ok := r.params.Get(ParamMaxChangeVersion); ok {
			return ChangeWindow{}, problem.FeatureDisabled(changeQueriesFeature)
		}
		return AllChanges, nil
	}
	w, prob := ParseChangeWindow(r.params)
	if prob != nil {
		return w, prob
	}
	return w, nil
}

// pathAvailableChangeVersions is the newest-change-version route, below
// the change-queries root discovery advertises.
const pathAvailableChangeVersions = pathChangeQueries + "/availableChangeVersions"

// routeChangeQueries registers GET /changeQueries/v1/availableChangeVersions
// and advertises the change-queries root in discovery; with change queries
// turned off the route answers the feature-disabled 404 and discovery
// leaves the root out.
func (s *Server) routeChangeQueries(e *echo.Echo) {
	if !*s.Config.ChangeQueries {
		s.service(e, "/"+pathAvailableChangeVersions, labelChangeQueries, func(echo.Context) error {
			return problem.FeatureDisabled(changeQueriesFeature)
		})
		return
	}
	s.advertised.ChangeQueries = pathChangeQueries + "/"
	s.service(e, "/"+pathAvailableChangeVersions, labelChangeQueries, s.availableChangeVersions)
}

// availableChangeVersions answers {"oldestChangeVersion": 0,
// "newestChangeVersion": N}, N from dms.GetMaxChangeVersion(); the query
// string is ignored, as the reference does. The schema gate answers first.
func (s *Server) availableChangeVersions(c echo.Context) error {
	ctx := c.Request().Context()
	if s.gate != nil {
		if p := s.gate.Check(ctx); p != nil {
			return p
		}
	}
	if s.Pool == nil {
		return problem.DatabaseUnavailable()
	}
	var newest int64
	if err := s.Pool.QueryRow(ctx, `SELECT "dms"."GetMaxChangeVersion"()`).Scan(&newest); err != nil {
		return err
	}
	body := `{"oldestChangeVersion":0,"newestChangeVersion":` + strconv.FormatInt(newest, 10) + `}`
	return c.Blob(http.StatusOK, contentTypeJSON, []byte(body))
}
