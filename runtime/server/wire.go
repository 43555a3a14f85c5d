package server

import (
	"cmp"
	"context"
	"net/http"
	"slices"
	"strings"

	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/labstack/echo/v4"
)

// Content types of JSON answers, as the reference sends them: its ASP.NET
// frontend writes every body with a UTF-8 encoding, which adds the charset
// (in lower case; clients compare the header as text).
const (
	contentTypeJSON    = "application/json; charset=utf-8"
	contentTypeProblem = "application/problem+json; charset=utf-8"
)

// problemContentType is the Content-Type the reference sends with a
// problem: application/problem+json for an unknown route or resource,
// an unsupported media type, a system error, an unavailable service and the
// authentication and authorization failures (401, 403), which its core
// builds with that type; application/json for the rest (validation 400s,
// 405, 409, 412, 413 and the schema-gate 503s), which keep its default.
func problemContentType(p *problem.Details) string {
	if p.Status == http.StatusUnauthorized || p.Status == http.StatusForbidden {
		return contentTypeProblem
	}
	switch p.Type {
	case problem.TypeNotFound, problem.TypeUnsupportedMediaType, problem.TypeSystem, problem.TypeServiceUnavailable:
		return contentTypeProblem
	}
	return contentTypeJSON
}

// securityHeaders are set on every response, as the reference's
// SecurityHeadersMiddleware sets them. The value slices are shared by all
// responses: a header is only ever replaced, never appended to in place (an
// Add on a full slice copies it).
var securityHeaders = [...]struct {
	name  string
	value []string
}{
	{"X-Content-Type-Options", []string{"nosniff"}},
	{"Referrer-Policy", []string{"no-referrer"}},
}

type pathBaseKey struct{}

// preRoute is what happens to a request before echo routes it: it gets the
// security headers (so 404s, 405s and errors carry them too) and the CORS
// policy (a preflight is answered here), and it is served both under
// --path-base and without it, as ASP.NET's UsePathBase does: a path that
// starts with the base (as a whole segment, any case) is routed without it,
// and the base as the client spelled it is kept for the URLs the answer
// builds (Location, discovery, metadata).
func (s *Server) preRoute(next http.Handler) http.Handler {
	base := s.Config.PathBase
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		for _, sh := range securityHeaders {
			h[sh.name] = sh.value
		}
		if s.cors(w, r) {
			return
		}
		if used, ok := cutPathBase(r.URL.Path, base); ok {
			r = r.WithContext(context.WithValue(r.Context(), pathBaseKey{}, used))
			r.URL.Path = cmp.Or(r.URL.Path[len(used):], "/")
			if raw, rawOK := cutPathBase(r.URL.RawPath, base); rawOK {
				r.URL.RawPath = cmp.Or(r.URL.RawPath[len(raw):], "/")
			} else {
				r.URL.RawPath = ""
			}
		}
		next.ServeHTTP(w, r)
	})
}

// cutPathBase reports whether path starts with the segment(s) of base
// (case-insensitively) and returns that prefix of path.
func cutPathBase(path, base string) (string, bool) {
	if base == "" || len(path) < len(base) || !strings.EqualFold(path[:len(base)], base) {
		return "", false
	}
	if len(path) > len(base) && path[len(base)] != '/' {
		return "", false
	}
	return path[:len(base)], true
}

// pathBase is the path base the request came in under: the configured
// --path-base as the client spelled it, or "" for a request without it.
func pathBase(c echo.Context) string {
	b, _ := c.Request().Context().Value(pathBaseKey{}).(string)
	return b
}

// requestPath is the path the client sent, path base included.
func requestPath(c echo.Context) string {
	return pathBase(c) + c.Request().URL.Path
}

// Cross-origin request headers.
const (
	headerOrigin         = "Origin"
	headerRequestMethod  = "Access-Control-Request-Method"
	headerRequestHeaders = "Access-Control-Request-Headers"
	headerAllowOrigin    = "Access-Control-Allow-Origin"
	headerAllowMethods   = "Access-Control-Allow-Methods"
	headerAllowHeaders   = "Access-Control-Allow-Headers"
	corsAnyOrigin        = "*"
)

// corsOrigin returns the Access-Control-Allow-Origin value for origin, or
// "" when --cors-allowed-origins does not list it ("*" lists every origin).
func (s *Server) corsOrigin(origin string) string {
	if slices.Contains(s.Config.CORSAllowedOrigins, corsAnyOrigin) {
		return corsAnyOrigin
	}
	for _, o := range s.Config.CORSAllowedOrigins {
		if strings.EqualFold(strings.TrimRight(o, "/"), origin) {
			return origin
		}
	}
	return ""
}

// cors applies the reference's CORS policy (allowed origins from
// --cors-allowed-origins, any header, any method) and reports whether it
// answered the request. A preflight — OPTIONS with Origin and
// Access-Control-Request-Method — is answered 204 here, with the CORS
// headers when the origin is allowed and without them when it is not; a
// plain OPTIONS goes on to its route (405 on data routes). A request from an
// allowed origin gets Access-Control-Allow-Origin.
func (s *Server) cors(w http.ResponseWriter, r *http.Request) (answered bool) {
	origin := r.Header.Get(headerOrigin)
	if origin == "" {
		return false
	}
	h := w.Header()
	h.Add("Vary", headerOrigin)
	allowed := s.corsOrigin(origin)
	method := r.Header.Get(headerRequestMethod)
	if r.Method != http.MethodOptions || method == "" {
		if allowed != "" {
			h.Set(headerAllowOrigin, allowed)
		}
		return false
	}
	if allowed != "" {
		h.Set(headerAllowOrigin, allowed)
		h.Set(headerAllowMethods, method)
		if requested := r.Header.Get(headerRequestHeaders); requested != "" {
			h.Set(headerAllowHeaders, requested)
		}
	}
	w.WriteHeader(http.StatusNoContent)
	return true
}
