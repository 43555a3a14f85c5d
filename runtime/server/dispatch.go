package server

import (
	"fmt"
	"mime"
	"net/http"
	"regexp"
	"strings"

	"github.com/edfi-dmsc/dmsc/runtime/auth"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/google/uuid"
	"github.com/labstack/echo/v4"
)

// Allow sets and 405 texts of the reference.
const (
	collectionMethods = "GET, POST"
	itemMethods       = "GET, PUT, DELETE"
	changeMethods     = "GET"

	msgCollectionDelete     = "Resource collections cannot be deleted. To delete a specific item, use DELETE and include the 'id' in the route."
	msgCollectionPut        = "Resource collections cannot be replaced. To 'upsert' an item in the collection, use POST. To update a specific item, use PUT and include the 'id' in the route."
	msgUnsupportedMediaType = "The value specified in the 'Content-Type' header is not supported by this host."
	msgItemPost             = "Resource items can only be updated using PUT. To 'upsert' an item in the resource collection using POST, remove the 'id' from the route."
)

// documentID is the only id form routes accept: 36-character hyphenated
// hex (any case).
var documentID = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// TrackedChanges is implemented by resources that serve the Change Queries
// routes /data/{project}/{resource}/deletes and /keyChanges. Resources
// without it answer those routes with 404.
type TrackedChanges interface {
	Deletes(r *Request, p Paging) error
	KeyChanges(r *Request, p Paging) error
}

// dispatch routes /data/... requests: the path's shape (404), the id's form
// (400), the resource (404), the method (405), then the claim-set
// authorization (403, with auth on; authentication ran before routing),
// the schema gate (503), the write Content-Type (415) and the handler. The
// reference consults the gate before resolving the resource; here
// malformed and unknown routes are answered without touching the database.
func (s *Server) dispatch(c echo.Context) error {
	rest := strings.TrimPrefix(c.Request().URL.Path, "/data/")
	segs := strings.Split(strings.TrimSuffix(rest, "/"), "/")
	if len(segs) < 2 || len(segs) > 3 || segs[0] == "" || segs[1] == "" {
		return problem.NotFound("")
	}
	var (
		id       uuid.UUID
		hasID    bool
		tracked  string
		idSuffix string
	)
	if len(segs) == 3 {
		idSuffix = segs[2]
		switch {
		case strings.EqualFold(idSuffix, "deletes"), strings.EqualFold(idSuffix, "keyChanges"):
			tracked = strings.ToLower(idSuffix)
		case documentID.MatchString(idSuffix):
			id, hasID = uuid.MustParse(idSuffix), true
		default:
			return problem.InvalidID(idSuffix)
		}
	}
	rt := s.resources[strings.ToLower(segs[0])+"/"+strings.ToLower(segs[1])]
	if rt == nil {
		return problem.NotFound("")
	}
	method := c.Request().Method
	r := s.newRequest(c, rt)

	switch {
	case tracked != "":
		if !*s.Config.ChangeQueries {
			return problem.FeatureDisabled(changeQueriesFeature)
		}
		if method != http.MethodGet {
			return unsupported(changeMethods, method)
		}
		tc, ok := rt.res.(TrackedChanges)
		if !ok {
			return problem.NotFound("")
		}
		p, err := r.paging()
		if err != nil {
			return err
		}
		if err := s.admit(r, auth.ActionReadChanges); err != nil {
			return err
		}
		if tracked == "deletes" {
			return tc.Deletes(r, p)
		}
		return tc.KeyChanges(r, p)

	case hasID:
		switch method {
		case http.MethodGet, http.MethodPut, http.MethodDelete:
		case http.MethodPost:
			return problem.MethodNotAllowed(itemMethods, msgItemPost)
		default:
			return unsupported(itemMethods, method)
		}
		if err := s.admit(r, itemActions[method]); err != nil {
			return err
		}
		switch method {
		case http.MethodGet:
			return rt.res.GetByID(r, id)
		case http.MethodPut:
			if err := checkContentType(r); err != nil {
				return err
			}
			return rt.res.Update(r, id)
		default:
			return rt.res.Delete(r, id)
		}

	default:
		switch method {
		case http.MethodGet:
			p, err := r.paging()
			if err != nil {
				return err
			}
			if err := s.admit(r, auth.ActionRead); err != nil {
				return err
			}
			return rt.res.Query(r, p)
		case http.MethodPost:
			if err := s.admit(r, auth.ActionCreate); err != nil {
				return err
			}
			if err := checkContentType(r); err != nil {
				return err
			}
			return rt.res.Upsert(r)
		case http.MethodPut:
			return problem.MethodNotAllowed(collectionMethods, msgCollectionPut)
		case http.MethodDelete:
			return problem.MethodNotAllowed(collectionMethods, msgCollectionDelete)
		default:
			return unsupported(collectionMethods, method)
		}
	}
}

// itemActions are the claim-set actions of the methods of /{id} routes.
var itemActions = map[string]auth.Action{
	http.MethodGet:    auth.ActionRead,
	http.MethodPut:    auth.ActionUpdate,
	http.MethodDelete: auth.ActionDelete,
}

func unsupported(allow, method string) *problem.Details {
	return problem.MethodNotAllowed(allow, fmt.Sprintf("The endpoint of the request does not support the '%s' method.", method))
}

// checkContentType accepts a write body declared as JSON (application/json,
// text/json or an Ed-Fi profile type application/vnd.ed-fi.*) or not
// declared at all, as the reference does; anything else is 415.
func checkContentType(r *Request) error {
	values, declared := r.HTTP().Header["Content-Type"]
	if !declared {
		return nil
	}
	var ct string
	if len(values) > 0 {
		ct = values[0]
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err == nil && (mt == "application/json" || mt == "text/json" || strings.HasPrefix(mt, "application/vnd.ed-fi.")) {
		return nil
	}
	return problem.UnsupportedMediaType(msgUnsupportedMediaType, msgUnsupportedMediaType)
}

// checkGate answers the schema gate's 503, if any.
func (s *Server) checkGate(r *Request) error {
	if s.gate == nil {
		return nil
	}
	if p := s.gate.Check(r.Context()); p != nil {
		return p
	}
	return nil
}
