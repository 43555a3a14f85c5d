package server

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/pprof"
	"strconv"
	"strings"

	"github.com/edfi-dmsc/dmsc/runtime/metrics"
	"github.com/labstack/echo/v4"
)

// Admin is the admin listener's flag (embedded in Config).
type Admin struct {
	AdminListen string `name:"admin-listen" env:"DMSC_ADMIN_LISTEN" default:"" help:"Address of the admin listener serving Prometheus /metrics and /debug/pprof/ (off when empty). Never the public address; keep it private."`
}

// validate refuses an admin listener on the public address: metrics and
// profiles must never be reachable where the API is.
func (a Admin) validate(listen string) error {
	if a.AdminListen != "" && sameAddress(a.AdminListen, listen) {
		return fmt.Errorf("--admin-listen %s is the public --listen address %s: metrics and profiles are never served on the public port", a.AdminListen, listen)
	}
	return nil
}

// sameAddress reports whether two listen addresses would bind the same
// port on a common interface (a wildcard host overlaps every host).
func sameAddress(a, b string) bool {
	if a == b {
		return true
	}
	ta, errA := net.ResolveTCPAddr("tcp", a)
	tb, errB := net.ResolveTCPAddr("tcp", b)
	if errA != nil || errB != nil || ta.Port != tb.Port || ta.Port == 0 {
		return false
	}
	wildcard := func(t *net.TCPAddr) bool { return t.IP == nil || t.IP.IsUnspecified() }
	return wildcard(ta) || wildcard(tb) || ta.IP.Equal(tb.IP)
}

// adminHandler serves the metrics and the Go profiler.
func (s *Server) adminHandler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", s.Metrics.Handler())
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	return mux
}

// Resource label values of requests that do not reach a data resource.
const (
	labelDiscovery = "discovery"
	labelMetadata  = "metadata"
	labelHealth    = "health"
	// labelChangeQueries labels the availableChangeVersions route.
	labelChangeQueries = "change-queries"
	labelUnrouted      = "unrouted"
)

// Operation label values of data requests.
const (
	opCreateOrUpdate = "create-or-update"
	opUpdate         = "update"
	opRead           = "read"
	opQuery          = "query"
	opDelete         = "delete"
	opDeletes        = "deletes"
	opKeyChanges     = "key-changes"
	opUnsupported    = "unsupported"
)

// requestLabels names what a request works on for the metrics: the
// canonical project/endpoint of a data route, a fixed name for a service
// route and "unrouted" otherwise — never the raw path, so the number of
// series stays bounded whatever clients send.
func (s *Server) requestLabels(c echo.Context) metrics.Labels {
	if name, ok := s.serviceRoutes[c.Path()]; ok {
		return metrics.Labels{Resource: name, Operation: name}
	}
	unrouted := metrics.Labels{Resource: labelUnrouted, Operation: opUnsupported}
	if c.Path() != "/data/*" {
		return unrouted
	}
	segs := strings.Split(strings.TrimSuffix(strings.TrimPrefix(c.Request().URL.Path, "/data/"), "/"), "/")
	if len(segs) < 2 || len(segs) > 3 {
		return unrouted
	}
	rt := s.resources[strings.ToLower(segs[0])+"/"+strings.ToLower(segs[1])]
	if rt == nil {
		return unrouted
	}
	return metrics.Labels{Resource: rt.project + "/" + rt.endpoint, Operation: operation(c.Request().Method, segs[2:])}
}

// operation names a data request by its method and the path after the
// resource (an id, deletes, keyChanges or nothing).
func operation(method string, item []string) string {
	switch {
	case len(item) == 0 && method == http.MethodGet:
		return opQuery
	case len(item) == 0 && method == http.MethodPost:
		return opCreateOrUpdate
	case len(item) == 0:
		return opUnsupported
	case strings.EqualFold(item[0], "deletes"):
		return opDeletes
	case strings.EqualFold(item[0], "keyChanges"):
		return opKeyChanges
	}
	switch method {
	case http.MethodGet:
		return opRead
	case http.MethodPut:
		return opUpdate
	case http.MethodDelete:
		return opDelete
	}
	return opUnsupported
}

// methodLabel bounds the method label to the methods HTTP defines.
func methodLabel(method string) string {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodConnect, http.MethodOptions, http.MethodTrace:
		return method
	}
	return "OTHER"
}

// countOversizePage counts a refused GET-many whose limit asks for more
// than the maximum page size (the page-size guardrail); other paging errors
// are plain bad requests.
func (s *Server) countOversizePage(ctx context.Context, ps QueryParams) {
	v, ok := ps.Get(ParamLimit)
	if n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64); ok && err == nil && n > int64(s.Config.MaxPageSize) {
		m, _ := metrics.FromContext(ctx)
		m.GuardrailRejected(metrics.LimitPageSize)
	}
}
