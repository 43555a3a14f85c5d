// Package server is the HTTP side of a generated Ed-Fi API server: an echo
// server that routes /data/{project}/{resource}[/{id}] case-insensitively to
// the Resource implementations generated code registers, validates paging,
// assigns correlation ids, logs each request with slog, gates data requests
// on the schema check and turns handler errors into problem details.
package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/etag"
	"github.com/edfi-dmsc/dmsc/runtime/metrics"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/edfi-dmsc/dmsc/runtime/schemagate"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"
)

// Resource is what generated code implements for each resource. Handlers
// return nil after writing the response through the Request, or an error:
// a *problem.Details is written as is, anything else is logged and answered
// with a 500 system error.
type Resource interface {
	// Upsert handles POST /data/{project}/{resource}.
	Upsert(r *Request) error
	// Update handles PUT /data/{project}/{resource}/{id}.
	Update(r *Request, id uuid.UUID) error
	// GetByID handles GET /data/{project}/{resource}/{id}.
	GetByID(r *Request, id uuid.UUID) error
	// Query handles GET /data/{project}/{resource}; paging is validated and
	// r.Filters() holds the remaining query parameters.
	Query(r *Request, p Paging) error
	// Delete handles DELETE /data/{project}/{resource}/{id}.
	Delete(r *Request, id uuid.UUID) error
}

// DataModel is one project served, as discovery lists it.
type DataModel struct {
	Name                 string // project name, e.g. "Ed-Fi"
	Version              string // project version, e.g. "5.2.0"
	InformationalVersion string // description
}

// App describes the generated server: what discovery reports and the
// effective schema the code was generated for.
type App struct {
	ApplicationName      string // "Ed-Fi API"
	Version              string
	InformationalVersion string
	DataModels           []DataModel
	Fingerprint          schemagate.Fingerprint
	// Check, when set, validates the compiled schema before the server
	// opens its pool: a failure stops start-up (runtime/spec.Schema.Check).
	Check func() error
	// API is what the metadata routes serve (OpenAPI documents, the
	// dependency order, XSD files); what it leaves out is neither routed
	// nor advertised by discovery.
	API APIMetadata
	// Commands are what the binary runs instead of serving when its first
	// argument names one (see Main), e.g. the bulk load of
	// runtime/bulkload.
	Commands []Command
	// Authorization builds the authorizer of a server with --auth=on
	// (runtime/authz); without it the server runs with --auth=off only.
	Authorization AuthorizationFactory
}

// Command is a subcommand of a generated server's binary.
type Command struct {
	// Name is the first argument that selects it.
	Name string
	// Usage is its one-line synopsis, listed by the server's --help.
	Usage string
	// Run runs it with the arguments after its name until ctx ends and
	// returns the process exit code (0 success, 1 failure, 2 bad command
	// line).
	Run func(ctx context.Context, args []string, stdout, stderr io.Writer) int
}

// Config is the server configuration, read from flags and environment by
// kong (see Main).
type Config struct {
	ConnectionString    string        `name:"connection-string" env:"DMSC_CONNECTION_STRING" required:"" help:"PostgreSQL URL (postgres://...) or keyword/value connection string."`
	Listen              string        `name:"listen" env:"DMSC_LISTEN" default:"127.0.0.1:8080" help:"Address to listen on; with --auth=off only a loopback address is accepted."`
	PathBase            string        `name:"path-base" env:"DMSC_PATH_BASE" default:"" help:"URL prefix routes are also served under, e.g. api: /api/data/... and /data/... both work, and URLs in answers keep the prefix the request used."`
	CORSAllowedOrigins  []string      `name:"cors-allowed-origins" env:"DMSC_CORS_ALLOWED_ORIGINS" sep:"," help:"Origins (scheme://host[:port], comma-separated, * for any) whose browser scripts may call the API; a CORS preflight from another origin gets no Access-Control-Allow-Origin."`
	CorrelationIDHeader string        `name:"correlation-id-header" env:"DMSC_CORRELATION_ID_HEADER" default:"correlationid" help:"Request header carrying the client's correlation id."`
	MaxPageSize         int           `name:"max-page-size" env:"DMSC_MAX_PAGE_SIZE" default:"500" help:"Maximum and default page size of GET-many."`
	MaxBodyBytes        int64         `name:"max-body-bytes" env:"DMSC_MAX_BODY_BYTES" default:"10485760" help:"Largest accepted request body; larger bodies get 413."`
	ResourceLinks       bool          `name:"resource-links" env:"DMSC_RESOURCE_LINKS" default:"true" negatable:"" help:"Serve link objects in references."`
	ChangeQueries       *bool         `name:"change-queries" env:"DMSC_CHANGE_QUERIES" default:"true" negatable:"" help:"Serve Change Queries: /changeQueries/v1/availableChangeVersions, /deletes and /keyChanges of every resource and the minChangeVersion/maxChangeVersion filters of GET-many; when false they answer the feature-disabled 404 and discovery leaves them out."`
	ShutdownTimeout     time.Duration `name:"shutdown-timeout" env:"DMSC_SHUTDOWN_TIMEOUT" default:"10s" help:"Grace period for in-flight requests on SIGTERM or SIGINT; requests still running after it are cut off."`
	LogLevel            string        `name:"log-level" env:"DMSC_LOG_LEVEL" default:"info" enum:"debug,info,warn,error" help:"Log level."`
	LogFormat           string        `name:"log-format" env:"DMSC_LOG_FORMAT" default:"text" enum:"text,json" help:"Log format."`
	AccessLog           string        `name:"access-log" env:"DMSC_ACCESS_LOG" default:"sampled" enum:"off,errors,sampled,all" help:"Which answered requests get a \"request completed\" line: all; sampled (every 4xx and 5xx, and successful requests up to --access-log-rate lines a second); errors (4xx and 5xx); off (5xx only: a 5xx is always logged)."`
	AccessLogRate       int           `name:"access-log-rate" env:"DMSC_ACCESS_LOG_RATE" default:"10" help:"Lines a second for successful requests in --access-log=sampled; each line counts the requests left out before it."`
	DBMaxConns          int32         `name:"db-max-conns" env:"DMSC_DB_MAX_CONNS" default:"0" help:"Most database connections the server opens (0: pool_max_conns of the connection string, else twice the CPUs and at least 8)."`
	DBMinConns          int32         `name:"db-min-conns" env:"DMSC_DB_MIN_CONNS" default:"0" help:"Database connections kept open while idle (0: pool_min_conns of the connection string, else none)."`

	Timeouts    `embed:""`
	Admin       `embed:""`
	Watchdog    `embed:""`
	WriteLimits `embed:""`
	AuthFlags   `embed:""`

	// Auth is authentication and authorization, built from AuthFlags by
	// Start; nil (as in tests that build a Config) serves without.
	Auth *Auth `kong:"-"`
}

// withDefaults fills zero values, so a Config built in code (tests) behaves
// like one parsed by kong.
func (c Config) withDefaults() Config {
	if c.Listen == "" {
		c.Listen = "127.0.0.1:8080"
	}
	if c.CorrelationIDHeader == "" {
		c.CorrelationIDHeader = "correlationid"
	}
	if c.MaxPageSize <= 0 {
		c.MaxPageSize = DefaultMaxPageSize
	}
	if c.MaxBodyBytes <= 0 {
		c.MaxBodyBytes = 10 << 20
	}
	if c.ShutdownTimeout <= 0 {
		c.ShutdownTimeout = 10 * time.Second
	}
	if c.AccessLog == "" {
		c.AccessLog = AccessLogSampled
	}
	if c.AccessLogRate <= 0 {
		c.AccessLogRate = 10
	}
	if c.ChangeQueries == nil {
		on := true
		c.ChangeQueries = &on
	}
	c.Timeouts = c.Timeouts.withDefaults()
	c.PathBase = "/" + strings.Trim(c.PathBase, "/")
	if c.PathBase == "/" {
		c.PathBase = ""
	}
	return c
}

// Gate decides whether data requests may run; *schemagate.Gate implements
// it. Check returns nil to proceed or the problem to answer.
type Gate interface {
	Check(ctx context.Context) *problem.Details
}

// Server is one generated API server.
type Server struct {
	Config Config
	App    App
	Pool   *pgxpool.Pool
	// Log adds the correlation id to lines logged with a request's context.
	Log *slog.Logger
	// Metrics are the server's instruments, served on the admin listener;
	// requests carry them in their context (metrics.FromContext).
	Metrics *metrics.Metrics
	// Variant is the representation variant of responses without profiles
	// or compression: writes always, reads in this runtime version.
	Variant etag.Variant

	gate          Gate
	accessLog     *accessLog
	handler       http.Handler      // the echo router behind preRoute
	resources     map[string]*route // key: lower(project) + "/" + lower(endpoint)
	serviceRoutes map[string]string // route path → resource label
	metadata      servedMetadata    // App.API prepared for serving
	advertised    serviceURLs       // what discovery lists, relative to the root
	background    []func(ctx context.Context)
}

type route struct {
	project  string // canonical project endpoint name, e.g. "ed-fi"
	endpoint string // canonical resource endpoint name, e.g. "students"
	res      Resource
}

// New builds a server. gate may be nil (no schema check, for tests); pool
// may be nil when no registered handler needs it (the health check then
// reports the database as unavailable).
func New(cfg Config, app App, pool *pgxpool.Pool, gate Gate, log *slog.Logger) *Server {
	if log == nil {
		log = slog.Default()
	}
	s := &Server{
		Config:    cfg.withDefaults(),
		App:       app,
		Pool:      pool,
		Log:       withRequestContext(log),
		Metrics:   metrics.New(),
		Variant:   etag.DefaultVariant(app.Fingerprint.EffectiveSchemaHash, cfg.ResourceLinks),
		gate:      gate,
		resources: map[string]*route{},
	}
	s.accessLog = newAccessLog(s.Config.AccessLog, s.Config.AccessLogRate)
	s.Metrics.RegisterPool(pool)
	s.Metrics.DeclareGuardrails(LimitIdentityUpdateFanOut, LimitIdentityUpdates, LimitCollectionItems, LimitDocumentItems)
	e := echo.New()
	e.HideBanner = true
	e.HidePort = true
	e.HTTPErrorHandler = s.handleError
	e.Use(s.correlate, s.observe, s.limitBody)
	s.serviceRoutes = map[string]string{}
	s.routeServices(e)
	if s.Config.Auth != nil {
		s.routeAuth(e)
	}
	e.Any("/data/*", s.dispatch)
	s.handler = s.preRoute(e)
	return s
}

// Register adds a resource under /data/{project}/{endpoint}; names are the
// canonical endpoint names (e.g. "ed-fi", "students") and match
// case-insensitively. Registering a name twice panics: it is a generator bug.
func (s *Server) Register(project, endpoint string, res Resource) {
	key := strings.ToLower(project) + "/" + strings.ToLower(endpoint)
	if _, dup := s.resources[key]; dup {
		panic(fmt.Sprintf("server: resource /data/%s/%s registered twice", project, endpoint))
	}
	s.resources[key] = &route{project: project, endpoint: endpoint, res: res}
}

// Background adds a task that Serve starts in its own goroutine once the
// listener is bound; its context is cancelled once the server has stopped
// accepting and drained its requests, and Serve waits for it to return.
func (s *Server) Background(task func(ctx context.Context)) {
	s.background = append(s.background, task)
}

// Handler is the server's http.Handler (for tests and embedding).
func (s *Server) Handler() http.Handler { return s.handler }

// Run listens on Config.Listen (and Config.AdminListen, when set) and
// serves until ctx is cancelled, then shuts down gracefully.
func (s *Server) Run(ctx context.Context) error {
	if err := s.Config.Admin.validate(s.Config.Listen); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", s.Config.Listen)
	if err != nil {
		return fmt.Errorf("listening on %s: %w", s.Config.Listen, err)
	}
	var admin net.Listener
	if s.Config.AdminListen != "" {
		if admin, err = net.Listen("tcp", s.Config.AdminListen); err != nil {
			ln.Close()
			return fmt.Errorf("admin listener on %s: %w", s.Config.AdminListen, err)
		}
	}
	return s.Serve(ctx, ln, admin)
}

// Serve serves the API on ln, and the metrics and profiler on admin when
// it is not nil, until ctx is cancelled. Shutdown then stops accepting,
// lets in-flight requests finish within Config.ShutdownTimeout (and cuts
// off those still running after it), stops the background tasks and closes
// the admin listener; the caller closes the pool after Serve returns.
func (s *Server) Serve(ctx context.Context, ln, admin net.Listener) error {
	if s.Config.Auth == nil {
		s.Log.Warn("server is UNAUTHENTICATED (--auth=off): every client can read and write all data; keep it on a loopback address",
			"listen", ln.Addr().String())
	}
	s.Log.Info("listening", "address", ln.Addr().String(), "pathBase", s.Config.PathBase,
		"resources", len(s.resources), "effectiveSchemaHash", s.App.Fingerprint.EffectiveSchemaHash)
	if s.gate != nil {
		// Check the database now so the first request does not pay for it and
		// a mismatch is logged at start-up; requests still consult the gate.
		go s.gate.Check(ctx)
	}
	errorLog := slog.NewLogLogger(s.Log.Handler(), slog.LevelWarn)
	srv := &http.Server{Handler: s.handler, ErrorLog: errorLog}
	s.Config.Timeouts.apply(srv)
	if admin != nil {
		// No write timeout: a CPU profile streams for as long as it was asked.
		adminSrv := &http.Server{Handler: s.adminHandler(), ErrorLog: errorLog,
			ReadHeaderTimeout: s.Config.ReadHeaderTimeout, IdleTimeout: s.Config.IdleTimeout}
		s.Log.Info("admin listener serving /metrics and /debug/pprof/", "address", admin.Addr().String())
		go func() {
			if err := adminSrv.Serve(admin); !errors.Is(err, http.ErrServerClosed) {
				s.Log.Error("admin listener failed", "error", err)
			}
		}()
		defer adminSrv.Close()
	}
	// Background tasks outlive the signal until the requests have drained.
	bgCtx, stopBackground := context.WithCancel(context.WithoutCancel(ctx))
	var tasks sync.WaitGroup
	for _, task := range s.background {
		tasks.Go(func() { task(bgCtx) })
	}
	defer tasks.Wait()
	defer stopBackground()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.Log.Info("shutting down: no new connections; draining in-flight requests", "timeout", s.Config.ShutdownTimeout.String())
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.Config.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		// Closing the connections cancels the requests' contexts, and with
		// them their statements, so the pool can close.
		srv.Close()
		return fmt.Errorf("shutting down: requests still running after %v were cut off: %w", s.Config.ShutdownTimeout, err)
	}
	stopBackground()
	tasks.Wait()
	s.Log.Info("server stopped")
	return nil
}

const correlationKey = "dmsc.correlationId"

// correlate takes the client's correlation id from the configured header or
// makes one, and puts it in the request context for the log.
func (s *Server) correlate(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		id := r.Header.Get(s.Config.CorrelationIDHeader)
		if !usableCorrelationID(id) {
			id = uuid.NewString()
		}
		c.Set(correlationKey, id)
		c.SetRequest(r.WithContext(withCorrelationID(r.Context(), id)))
		return next(c)
	}
}

func correlationID(c echo.Context) string {
	id, _ := c.Get(correlationKey).(string)
	return id
}

// observe gives the request context the metrics (with the request's
// labels) and a round-trip counter, then records the answered request and
// logs a line for it as --access-log says: Info, or Error for a 5xx.
func (s *Server) observe(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		labels := s.requestLabels(c)
		r := c.Request()
		ctx, trips := db.WithRoundTrips(metrics.With(r.Context(), s.Metrics, labels))
		c.SetRequest(r.WithContext(ctx))
		if err := next(c); err != nil {
			c.Error(err) // writes the response so the status below is final
		}
		status := c.Response().Status
		elapsed := time.Since(start)
		s.Metrics.Request(labels.Resource, methodLabel(r.Method), status, elapsed, trips.Count())
		keep, skipped := s.accessLog.keep(status, start)
		if !keep {
			return nil
		}
		level := slog.LevelInfo
		if status >= 500 {
			level = slog.LevelError
		}
		attrs := []any{"method", r.Method, "path", requestPath(c), "status", status,
			"durationMs", float64(elapsed.Microseconds()) / 1000, "roundTrips", trips.Count()}
		if skipped > 0 {
			attrs = append(attrs, "unloggedBefore", skipped)
		}
		s.Log.Log(ctx, level, "request completed", attrs...)
		return nil
	}
}

// limitBody answers 413 for a declared oversize body before reading it (so
// an `Expect: 100-continue` client is not asked to send it), caps reads of
// undeclared lengths and marks reads cut off by the read timeout.
func (s *Server) limitBody(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		if r.ContentLength > s.Config.MaxBodyBytes {
			return problem.PayloadTooLarge(s.Config.MaxBodyBytes)
		}
		if r.Body != nil {
			r.Body = http.MaxBytesReader(c.Response(), timedBody{r.Body}, s.Config.MaxBodyBytes)
		}
		return next(c)
	}
}

// handleError writes err as problem details.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	ctx := c.Request().Context()
	var p *problem.Details
	var he *echo.HTTPError
	var tooLarge *http.MaxBytesError
	var bodyTimeout *errBodyTimeout
	switch {
	case errors.As(err, &p):
	case errors.As(err, &tooLarge):
		p = problem.PayloadTooLarge(tooLarge.Limit)
	case errors.As(err, &bodyTimeout):
		s.Log.InfoContext(ctx, "request body not received within the read timeout", "readTimeout", s.Config.ReadTimeout.String())
		s.Metrics.GuardrailRejected(metrics.LimitReadTimeout)
		p = s.bodyTimedOut()
	case errors.As(err, &he):
		switch he.Code {
		case http.StatusNotFound:
			p = problem.NotFound("")
		case http.StatusMethodNotAllowed:
			p = problem.MethodNotAllowed("GET", fmt.Sprintf("The endpoint of the request does not support the '%s' method.", c.Request().Method))
		case http.StatusRequestEntityTooLarge:
			p = problem.PayloadTooLarge(s.Config.MaxBodyBytes)
		default:
			s.Log.ErrorContext(ctx, "unhandled HTTP error", "error", err)
			p = problem.SystemError()
		}
	case ctx.Err() != nil && (errors.Is(err, context.Canceled) || isQueryCanceled(err)):
		// The client went away (and its statement was cancelled); nobody
		// reads an answer.
		s.Log.InfoContext(ctx, "request cancelled by the client")
		c.Response().Status = 499 // logged status only, never sent
		return
	case isQueryCanceled(err):
		s.Log.WarnContext(ctx, "statement cancelled at the statement timeout; transaction rolled back",
			"statementTimeout", s.Config.StatementTimeout.String(), "error", err)
		s.Metrics.GuardrailRejected(metrics.LimitStatementTimeout)
		p = s.statementTimedOut()
	default:
		p = s.internalError(c, err)
	}
	if p.Status == http.StatusRequestEntityTooLarge {
		s.Metrics.GuardrailRejected(metrics.LimitBodySize)
	}
	s.writeProblem(c, p)
}

func (s *Server) writeProblem(c echo.Context, p *problem.Details) {
	h := c.Response().Header()
	for k, v := range p.Headers {
		h.Set(k, v)
	}
	contentType := problemContentType(p)
	h.Set(echo.HeaderContentType, contentType)
	if err := c.Blob(p.Status, contentType, p.WithCorrelationID(correlationID(c)).JSON()); err != nil {
		s.Log.WarnContext(c.Request().Context(), "writing problem response failed", "error", err)
	}
}
