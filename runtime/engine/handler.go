package engine

import (
	"encoding/hex"
	"log/slog"

	"github.com/edfi-dmsc/dmsc/runtime/authz"
	"github.com/edfi-dmsc/dmsc/runtime/etag"
	"github.com/edfi-dmsc/dmsc/runtime/schemagate"
	"github.com/edfi-dmsc/dmsc/runtime/server"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/jackc/pgx/v5/pgxpool"
)

// ApplicationName is the discovery document's applicationName.
const ApplicationName = "Ed-Fi API"

// App describes a generated server for discovery, the start-up check of
// the compiled schema (spec.Schema.Check) and the start-up schema gate.
// Generated code calls it once: `var App = engine.App(Schema)`.
func App(s *spec.Schema) server.App {
	app := server.App{
		ApplicationName: ApplicationName,
		Version:         "1.0.0",
		Fingerprint:     Fingerprint(s),
		Check:           s.Check,
		Authorization:   authz.Factory(s),
	}
	for _, p := range s.Projects {
		app.DataModels = append(app.DataModels, server.DataModel{Name: p.ProjectName, Version: p.Version, InformationalVersion: p.Description})
	}
	return app
}

// Fingerprint is the schema gate's view of the compiled schema. A seed hash
// that is not hex is a generator bug; it is kept empty, so the gate reports
// a seed mismatch rather than the server serving a foreign database.
func Fingerprint(s *spec.Schema) schemagate.Fingerprint {
	seed, err := hex.DecodeString(s.ResourceKeySeedHash)
	if err != nil {
		seed = nil
	}
	fp := schemagate.Fingerprint{
		APISchemaFormatVersion: s.APISchemaFormatVersion,
		EffectiveSchemaHash:    s.EffectiveSchemaHash,
		ResourceKeyCount:       int16(len(s.ResourceKeys)),
		ResourceKeySeedHash:    seed,
	}
	for _, k := range s.ResourceKeys {
		fp.ResourceKeys = append(fp.ResourceKeys, schemagate.ResourceKey{ID: k.ID, ProjectName: k.ProjectName, ResourceName: k.ResourceName, ResourceVersion: k.Version})
	}
	return fp
}

// Service is what the handlers of one server share: the pool, the logger,
// the compiled schema and the writer.
type Service struct {
	Pool   *pgxpool.Pool
	Log    *slog.Logger
	Schema *spec.Schema
	// SchemaEpoch is the effective schema's part of every _etag, which
	// If-Match tags must carry.
	SchemaEpoch string
	Writer      *Writer
}

// NewService binds a schema to a server's pool, logger and write limits.
func NewService(s *server.Server, schema *spec.Schema) *Service {
	epoch := etag.SchemaEpoch(schema.EffectiveSchemaHash)
	limits := s.Config.WriteLimits.WithDefaults()
	s.Metrics.DeclareGuardrails(server.LimitIdentityUpdateFanOut, server.LimitIdentityUpdates, server.LimitCollectionItems, server.LimitDocumentItems)
	return &Service{
		Pool: s.Pool, Log: s.Log, Schema: schema, SchemaEpoch: epoch,
		Writer: &Writer{Pool: s.Pool, Retry: limits.RetryPolicy(), SchemaEpoch: epoch, Limits: limits},
	}
}

// Handler returns the server.Resource serving plan r with c, the
// resource's generated code.
//
// Not inlined: generated code calls it at many sites (binary size).
//
//go:noinline
func (svc *Service) Handler(r *spec.Resource, c Codec) *Handler {
	svc.Writer.UseCodec(r, c.Write)
	h := &Handler{svc: svc, res: r, codec: c, namespaceColumn: noCapture}
	if i, ok := r.NamespaceReadValue(); ok {
		h.namespaceColumn = RootLocators + i
	}
	return h
}

// Handler serves one resource: it implements server.Resource by running the
// resource's generated code and plan through the write and read paths.
type Handler struct {
	svc   *Service
	res   *spec.Resource
	codec Codec
	// namespaceColumn is where the root row of a GET by id holds the
	// value NamespaceBased authorization checks (noCapture when the
	// resource has none; spec.Check refuses a plan whose read does not
	// select it).
	namespaceColumn int
}

var _ server.Resource = (*Handler)(nil)

// Resource is the plan the handler serves.
func (h *Handler) Resource() *spec.Resource { return h.res }
