package engine_test

import (
	"context"
	"testing"
	"time"

	"github.com/edfi-dmsc/dmsc/compiler/ddl"
	"github.com/edfi-dmsc/dmsc/compiler/effschema"
	"github.com/edfi-dmsc/dmsc/compiler/load"
	"github.com/edfi-dmsc/dmsc/compiler/provision"
	defaultschema "github.com/edfi-dmsc/dmsc/generated/default"
	"github.com/edfi-dmsc/dmsc/internal/oracle"
	"github.com/edfi-dmsc/dmsc/internal/testplan"
	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/db/dbtest"
	"github.com/edfi-dmsc/dmsc/runtime/engine"
	"github.com/edfi-dmsc/dmsc/runtime/etag"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// provisioned is a schema set compiled to plans, with a throw-away
// database provisioned from the same compilation's DDL; the read and write
// test environments both start from it.
type provisioned struct {
	set    *load.SchemaSet
	info   *effschema.Info
	schema *spec.Schema
	pool   *pgxpool.Pool
	// codecs serve each resource: the interpreter of internal/oracle for
	// plans compiled here, generated/default's code for the bundled
	// schema (see useBundledCodecs).
	codecs map[*spec.Resource]*engine.Codec
}

// provisionSchema compiles the schema files, provisions a throw-away database
// with the real PostgreSQL DDL and opens a pool on it (closed when the test
// ends).
func provisionSchema(t testing.TB, files ...string) provisioned {
	t.Helper()
	c := testplan.Files(t, files...)
	set, info, schema := c.Set, c.Info, c.Schema
	url := dbtest.New(t)
	ctx := context.Background()
	// The bound only stops a wedged server from hanging the suite; the
	// large real schemas take well under it.
	if _, err := provision.Provision(ctx, ddl.Pgsql, url, c.Script, info, provision.Options{Timeout: 5 * time.Minute}); err != nil {
		t.Fatal(err)
	}
	pool, err := db.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	codecs := map[*spec.Resource]*engine.Codec{}
	for _, r := range schema.Resources {
		c := oracle.Codec(r)
		codecs[r] = &c
	}
	return provisioned{set: set, info: info, schema: schema, pool: pool, codecs: codecs}
}

// useBundledCodecs serves the bundled schema's resources with the
// generated code of generated/default, as the generated server does.
func (p provisioned) useBundledCodecs(t testing.TB) {
	t.Helper()
	for i, r := range p.schema.Resources {
		if i >= len(defaultschema.Schema.Resources) || defaultschema.Schema.Resources[i].Label() != r.Label() {
			t.Fatalf("generated/default does not serve %s in position %d: regenerate it", r.Label(), i)
		}
		p.codecs[r] = &defaultschema.Codecs[i]
	}
}

// newWriter is a writer on p's database that writes p's resources with
// p's codecs.
func (p provisioned) newWriter() *engine.Writer {
	w := &engine.Writer{Pool: p.pool, Retry: db.DefaultRetryPolicy, SchemaEpoch: etag.SchemaEpoch(p.schema.EffectiveSchemaHash)}
	for r, c := range p.codecs {
		w.UseCodec(r, c.Write)
	}
	return w
}

// read is the read codec of res.
func (p provisioned) read(res *spec.Resource) *engine.ReadCodec { return &p.codecs[res].Read }

// resourceAt finds the resource served at project/endpoint.
func (p provisioned) resourceAt(t testing.TB, project, endpoint string) *spec.Resource {
	t.Helper()
	for _, r := range p.schema.Resources {
		if r.ProjectEndpoint == project && r.Endpoint == endpoint {
			return r
		}
	}
	t.Fatalf("no resource %s/%s", project, endpoint)
	return nil
}

// int64s runs a query selecting one bigint column and returns its values.
func (p provisioned) int64s(t testing.TB, sql string, args ...any) []int64 {
	t.Helper()
	rows, err := p.pool.Query(context.Background(), sql, args...)
	if err != nil {
		t.Fatal(err)
	}
	values, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		t.Fatal(err)
	}
	return values
}
