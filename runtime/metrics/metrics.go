// Package metrics holds the Prometheus instruments of a generated server:
// requests, database round trips, transactions, retries, identity-update
// cascades, pool statistics, guardrail rejections and the integrity
// watchdog. A server owns one *Metrics (its own registry, so two servers in
// one process do not share counters) and serves it on the admin listener.
//
// Code deep in a request (the transaction runner, the write path) reaches
// the instruments through the request context: the server stores the
// *Metrics and the request's labels there (With), and FromContext returns
// them. Every method is safe on a nil *Metrics and does nothing, so code
// running outside a server (tests, the CLI) needs no set-up.
package metrics

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Namespace prefixes every metric name.
const Namespace = "dmsc"

// Metric family names, for tests and dashboards.
const (
	FamilyRequests          = "dmsc_http_requests_total"
	FamilyRequestDuration   = "dmsc_http_request_duration_seconds"
	FamilyRoundTrips        = "dmsc_db_round_trips_per_request"
	FamilyTxDuration        = "dmsc_db_transaction_duration_seconds"
	FamilyRetries           = "dmsc_db_retries_total"
	FamilyRetriesExhausted  = "dmsc_db_retries_exhausted_total"
	FamilyCascadeDocuments  = "dmsc_identity_update_cascade_documents"
	FamilyPoolConns         = "dmsc_db_pool_connections"
	FamilyPoolAcquires      = "dmsc_db_pool_acquires_total"
	FamilyPoolAcquireWait   = "dmsc_db_pool_acquire_wait_seconds_total"
	FamilyGuardrails        = "dmsc_guardrail_rejections_total"
	FamilyWatchdogChecked   = "dmsc_watchdog_documents_checked_total"
	FamilyWatchdogDrift     = "dmsc_watchdog_drift_total"
	FamilyWatchdogRepaired  = "dmsc_watchdog_repaired_total"
	FamilyDatabaseAvailable = "dmsc_database_available"
)

// Label values known in advance. New creates their series at 0, so a rate
// over them is defined from the first scrape and dashboards see the series
// before the first event (Prometheus practice for bounded label sets).
const (
	// GuardrailRejected limits.
	LimitBodySize         = "body-size"
	LimitPageSize         = "page-size"
	LimitStatementTimeout = "statement-timeout"
	LimitReadTimeout      = "read-timeout"

	// Retry and RetriesExhausted conditions: the SQLSTATEs of the retry
	// policy (deadlock, serialization failure, unique-violation race) and
	// of an unreachable database (a failed connection attempt, a lost
	// connection; runtime/db counts other outage SQLSTATEs as they occur).
	RetryDeadlock             = "40P01"
	RetrySerializationFailure = "40001"
	RetryUniqueViolation      = "23505"
	RetryUnableToConnect      = "08001"
	RetryConnectionFailure    = "08006"
)

// Metrics is one server's set of instruments.
type Metrics struct {
	registry *prometheus.Registry

	requests         *prometheus.CounterVec
	requestDuration  *prometheus.HistogramVec
	roundTrips       *prometheus.HistogramVec
	txDuration       *prometheus.HistogramVec
	retries          *prometheus.CounterVec
	retriesExhausted *prometheus.CounterVec
	cascadeDocuments *prometheus.HistogramVec
	guardrails       *prometheus.CounterVec
	watchdogChecked  *prometheus.CounterVec
	watchdogDrift    *prometheus.CounterVec
	watchdogRepaired *prometheus.CounterVec
	dbAvailable      prometheus.Gauge
}

// New builds the instruments in a registry of their own, with the Go
// runtime and process collectors beside them.
func New() *Metrics {
	reg := prometheus.NewRegistry()
	m := &Metrics{
		registry: reg,
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: FamilyRequests,
			Help: "HTTP requests answered, by resource (project/endpoint, or the service route), method and status.",
		}, []string{"resource", "method", "status"}),
		requestDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    FamilyRequestDuration,
			Help:    "Time from receiving a request to writing its answer.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"resource", "method"}),
		roundTrips: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    FamilyRoundTrips,
			Help:    "Database round trips (statements or pipelines sent) per request.",
			Buckets: []float64{0, 1, 2, 3, 4, 5, 6, 8, 10, 15, 20},
		}, []string{"resource", "method"}),
		txDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    FamilyTxDuration,
			Help:    "Duration of database transactions (one attempt each), by resource, operation and outcome (commit, rollback).",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"resource", "operation", "outcome"}),
		retries: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: FamilyRetries,
			Help: "Transactions or write attempts started over, by the SQLSTATE (or condition) that caused it.",
		}, []string{"sqlstate"}),
		retriesExhausted: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: FamilyRetriesExhausted,
			Help: "Requests that failed because the retry policy's attempts or time budget ran out, by the last SQLSTATE.",
		}, []string{"sqlstate"}),
		cascadeDocuments: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    FamilyCascadeDocuments,
			Help:    "Documents an identity update cascades into (the updated document excluded), by resource.",
			Buckets: []float64{0, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 5000, 10000},
		}, []string{"resource"}),
		guardrails: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: FamilyGuardrails,
			Help: "Requests refused because they exceeded a configured limit, by limit.",
		}, []string{"limit"}),
		watchdogChecked: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: FamilyWatchdogChecked,
			Help: "Documents whose referential identity the watchdog recomputed, by resource.",
		}, []string{"resource"}),
		watchdogDrift: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: FamilyWatchdogDrift,
			Help: "Drift the watchdog found, by resource and kind (missing, extra, wrong, journal).",
		}, []string{"resource", "kind"}),
		watchdogRepaired: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: FamilyWatchdogRepaired,
			Help: "Referential identity rows the watchdog repaired in self-heal mode, by resource.",
		}, []string{"resource"}),
		dbAvailable: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: FamilyDatabaseAvailable,
			Help: "1 while the last database contact succeeded, 0 after a connection failure.",
		}),
	}
	reg.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		m.requests, m.requestDuration, m.roundTrips, m.txDuration, m.retries, m.retriesExhausted,
		m.cascadeDocuments, m.guardrails, m.watchdogChecked, m.watchdogDrift, m.watchdogRepaired, m.dbAvailable,
	)
	m.dbAvailable.Set(1)
	m.DeclareGuardrails(LimitBodySize, LimitPageSize, LimitStatementTimeout, LimitReadTimeout)
	for _, code := range []string{RetryDeadlock, RetrySerializationFailure, RetryUniqueViolation, RetryUnableToConnect, RetryConnectionFailure} {
		m.retries.WithLabelValues(code)
		m.retriesExhausted.WithLabelValues(code)
	}
	return m
}

// Registry is the registry the instruments live in.
func (m *Metrics) Registry() *prometheus.Registry { return m.registry }

// Handler serves the registry in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{Registry: m.registry})
}

// RegisterPool adds the connection pool's statistics, read at each scrape.
func (m *Metrics) RegisterPool(pool *pgxpool.Pool) {
	if m == nil || pool == nil {
		return
	}
	m.registry.MustRegister(poolCollector{pool: pool})
}

// Request records one answered request.
func (m *Metrics) Request(resource, method string, status int, elapsed time.Duration, roundTrips int64) {
	if m == nil {
		return
	}
	m.requests.WithLabelValues(resource, method, strconv.Itoa(status)).Inc()
	m.requestDuration.WithLabelValues(resource, method).Observe(elapsed.Seconds())
	m.roundTrips.WithLabelValues(resource, method).Observe(float64(roundTrips))
}

// Retry records one restart caused by sqlstate (or a named condition such
// as "stale" for a document that changed between two round trips).
func (m *Metrics) Retry(sqlstate string) {
	if m == nil {
		return
	}
	m.retries.WithLabelValues(sqlstate).Inc()
}

// RetriesExhausted records a request that gave up retrying.
func (m *Metrics) RetriesExhausted(sqlstate string) {
	if m == nil {
		return
	}
	m.retriesExhausted.WithLabelValues(sqlstate).Inc()
}

// Transaction records one transaction attempt.
func (m *Metrics) Transaction(resource, operation string, elapsed time.Duration, committed bool) {
	if m == nil {
		return
	}
	outcome := "rollback"
	if committed {
		outcome = "commit"
	}
	m.txDuration.WithLabelValues(resource, operation, outcome).Observe(elapsed.Seconds())
}

// CascadeFanOut records how many documents an identity update of resource
// cascaded into.
func (m *Metrics) CascadeFanOut(resource string, documents int) {
	if m == nil {
		return
	}
	m.cascadeDocuments.WithLabelValues(resource).Observe(float64(documents))
}

// DeclareGuardrails creates the rejection series of limits at 0 (New
// declares the HTTP layer's own).
func (m *Metrics) DeclareGuardrails(limits ...string) {
	if m == nil {
		return
	}
	for _, limit := range limits {
		m.guardrails.WithLabelValues(limit)
	}
}

// GuardrailRejected records a request refused by the named limit.
func (m *Metrics) GuardrailRejected(limit string) {
	if m == nil {
		return
	}
	m.guardrails.WithLabelValues(limit).Inc()
}

// WatchdogChecked records documents of resource the watchdog verified.
func (m *Metrics) WatchdogChecked(resource string, documents int) {
	if m == nil {
		return
	}
	m.watchdogChecked.WithLabelValues(resource).Add(float64(documents))
}

// WatchdogDrift records drift of a kind (missing, extra, wrong, journal)
// found in resource.
func (m *Metrics) WatchdogDrift(resource, kind string, rows int) {
	if m == nil {
		return
	}
	m.watchdogDrift.WithLabelValues(resource, kind).Add(float64(rows))
}

// WatchdogRepaired records rows the watchdog repaired in resource.
func (m *Metrics) WatchdogRepaired(resource string, rows int) {
	if m == nil {
		return
	}
	m.watchdogRepaired.WithLabelValues(resource).Add(float64(rows))
}

// DatabaseAvailable records whether the database answered the last contact.
func (m *Metrics) DatabaseAvailable(up bool) {
	if m == nil {
		return
	}
	if up {
		m.dbAvailable.Set(1)
	} else {
		m.dbAvailable.Set(0)
	}
}

// Labels name what a request works on, for instruments recorded below the
// HTTP layer.
type Labels struct {
	Resource  string // project/endpoint, e.g. "ed-fi/students"
	Operation string // create-or-update, update, read, query, delete, ...
}

type contextKey struct{}

type scope struct {
	m      *Metrics
	labels Labels
}

// With returns a context whose database and write-path code records into m
// under labels.
func With(ctx context.Context, m *Metrics, labels Labels) context.Context {
	return context.WithValue(ctx, contextKey{}, scope{m, labels})
}

// FromContext returns the instruments and labels With stored, or a nil
// *Metrics (whose methods do nothing).
func FromContext(ctx context.Context) (*Metrics, Labels) {
	s, _ := ctx.Value(contextKey{}).(scope)
	return s.m, s.labels
}

// poolCollector reads pgxpool statistics at scrape time.
type poolCollector struct{ pool *pgxpool.Pool }

var (
	poolConnsDesc = prometheus.NewDesc(FamilyPoolConns,
		"Connections of the database pool, by state (acquired, idle, constructing, total, max).", []string{"state"}, nil)
	poolAcquiresDesc = prometheus.NewDesc(FamilyPoolAcquires,
		"Connection acquisitions from the pool, by kind (all, waited, canceled).", []string{"kind"}, nil)
	poolAcquireWaitDesc = prometheus.NewDesc(FamilyPoolAcquireWait,
		"Total time spent waiting for a pool connection.", nil, nil)
)

func (poolCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- poolConnsDesc
	ch <- poolAcquiresDesc
	ch <- poolAcquireWaitDesc
}

func (c poolCollector) Collect(ch chan<- prometheus.Metric) {
	st := c.pool.Stat()
	for state, v := range map[string]int32{
		"acquired": st.AcquiredConns(), "idle": st.IdleConns(), "constructing": st.ConstructingConns(),
		"total": st.TotalConns(), "max": st.MaxConns(),
	} {
		ch <- prometheus.MustNewConstMetric(poolConnsDesc, prometheus.GaugeValue, float64(v), state)
	}
	for kind, v := range map[string]int64{
		"all": st.AcquireCount(), "waited": st.EmptyAcquireCount(), "canceled": st.CanceledAcquireCount(),
	} {
		ch <- prometheus.MustNewConstMetric(poolAcquiresDesc, prometheus.CounterValue, float64(v), kind)
	}
	ch <- prometheus.MustNewConstMetric(poolAcquireWaitDesc, prometheus.CounterValue, st.AcquireDuration().Seconds())
}
