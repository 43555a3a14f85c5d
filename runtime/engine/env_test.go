package engine_test

import (
	"context"
	"testing"
	"time"

	"github.com/edfi-dmsc/dmsc/compiler/ddl"
	"github.com/edfi-dmsc/dmsc/compiler/ddl/modelddl"
	"github.com/edfi-dmsc/dmsc/compiler/effschema"
	"github.com/edfi-dmsc/dmsc/compiler/load"
	"github.com/edfi-dmsc/dmsc/compiler/plan"
	"github.com/edfi-dmsc/dmsc/compiler/provision"
	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/db/dbtest"
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
}

// provisionSchema compiles the schema files, provisions a throw-away database
// with the real PostgreSQL DDL and opens a pool on it (closed when the test
// ends).
func provisionSchema(t testing.TB, files ...string) provisioned {
	t.Helper()
	set, err := load.Files(files...)
	if err != nil {
		t.Fatal(err)
	}
	info, err := effschema.Compute(set)
	if err != nil {
		t.Fatal(err)
	}
	script, model, err := modelddl.Script(set, info, ddl.Pgsql, true)
	if err != nil {
		t.Fatal(err)
	}
	schema, err := plan.Build(plan.Input{Set: set, Info: info, Model: model})
	if err != nil {
		t.Fatal(err)
	}
	url := dbtest.New(t)
	ctx := context.Background()
	// The bound only stops a wedged server from hanging the suite; the
	// large real schemas take well under it.
	if _, err := provision.Provision(ctx, ddl.Pgsql, url, script, info, provision.Options{Timeout: 5 * time.Minute}); err != nil {
		t.Fatal(err)
	}
	pool, err := db.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	return provisioned{set: set, info: info, schema: schema, pool: pool}
}

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
