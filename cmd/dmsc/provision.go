package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/edfi-dmsc/dmsc/compiler/dbverify"
	"github.com/edfi-dmsc/dmsc/compiler/ddl"
	"github.com/edfi-dmsc/dmsc/compiler/ddl/modelddl"
	"github.com/edfi-dmsc/dmsc/compiler/effschema"
	"github.com/edfi-dmsc/dmsc/compiler/load"
	"github.com/edfi-dmsc/dmsc/compiler/provision"
	"github.com/edfi-dmsc/dmsc/compiler/relmodel"
	"github.com/edfi-dmsc/dmsc/runtime/cms"
)

// databaseFlags select a database and its dialect.
type databaseFlags struct {
	ConnectionString string `short:"c" required:"" env:"DMSC_CONNECTION_STRING" placeholder:"DSN" help:"Database connection string (PostgreSQL URL or keyword string; SQL Server sqlserver:// URL or ADO string)."`
	Dialect          string `short:"d" default:"pgsql" enum:"pgsql,mssql" help:"Database engine: pgsql or mssql."`
}

// compiled is a schema set compiled for one dialect: its fingerprint and
// relational model, plus the DDL script when provisioning needs it.
type compiled struct {
	set     *load.SchemaSet
	info    *effschema.Info
	dialect ddl.Dialect
	script  string
	model   *relmodel.ModelSet
}

// compile derives the strict model of a schema set for one dialect, and
// emits its script when withScript is set (db verify needs only the model).
func compile(schemas []string, dialectName string, withScript bool) (*compiled, error) {
	set, info, err := effschema.LoadFiles(schemas...)
	if err != nil {
		return nil, err
	}
	d, err := ddl.DialectByName(dialectName)
	if err != nil {
		return nil, usageError{err.Error()}
	}
	model, err := relmodel.Derive(set, info, relmodel.Dialect(d.Name()), true)
	if err != nil {
		return nil, fmt.Errorf("%s relational model: %w", d.Name(), err)
	}
	comp := &compiled{set: set, info: info, dialect: d, model: model}
	if withScript {
		if comp.script, err = ddl.Emit(info, d, modelddl.New(model)); err != nil {
			return nil, err
		}
	}
	return comp, nil
}

type ddlProvisionCmd struct {
	schemaFlags
	databaseFlags
	CreateDatabase bool          `name:"create-database" help:"Create the database first when it does not exist."`
	Timeout        time.Duration `short:"t" default:"300s" help:"Give up after this long."`
}

func (c *ddlProvisionCmd) Run(e *env) error {
	comp, err := compile(c.Schema, c.Dialect, true)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(e.stderr, nil))
	res, err := provision.Provision(context.Background(), comp.dialect, c.ConnectionString, comp.script, comp.info, provision.Options{
		CreateDatabase: c.CreateDatabase,
		Timeout:        c.Timeout,
		Progress:       provision.ProgressPrinter(e.stderr),
		Logger:         log,
	})
	if err != nil {
		return err
	}
	if err := provisionCMS(e, comp.dialect, c.ConnectionString); err != nil {
		return err
	}
	switch res.Outcome {
	case provision.AlreadyProvisioned:
		fmt.Fprintf(e.stdout, "database %s already carries effective schema %s; nothing changed\n", res.Database, comp.info.EffectiveSchemaHash)
	default:
		fmt.Fprintf(e.stdout, "provisioned database %s with effective schema %s (%d statement groups in %s)\n",
			res.Database, comp.info.EffectiveSchemaHash, res.Units, res.Elapsed.Round(time.Millisecond))
	}
	for _, g := range res.Guidance {
		fmt.Fprintf(e.stdout, "note: %s\n", g)
	}
	return nil
}

// provisionCMS applies the cms schema (API clients, signing keys, claim
// sets) after the dms script: it is outside the effective-schema
// fingerprint and idempotent, so an already provisioned database gets it
// too. Only PostgreSQL has it; SQL Server servers run with --auth=off.
func provisionCMS(e *env, dialect ddl.Dialect, connString string) error {
	if dialect.Name() != "pgsql" {
		fmt.Fprintf(e.stdout, "note: the cms schema (API clients, signing keys, claim sets) is PostgreSQL-only; a %s database serves with --auth=off only\n", dialect.Name())
		return nil
	}
	return cms.Provision(context.Background(), connString)
}

type dbCmd struct {
	Verify dbVerifyCmd `cmd:"" help:"Check that a database carries exactly the compiled schema set (fingerprint, resource keys, tables and columns)."`
}

type dbVerifyCmd struct {
	schemaFlags
	databaseFlags
}

func (c *dbVerifyCmd) Run(e *env) error {
	comp, err := compile(c.Schema, c.Dialect, false)
	if err != nil {
		return err
	}
	if err := verifyDatabase(context.Background(), comp, c.ConnectionString); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "database matches effective schema %s\n", comp.info.EffectiveSchemaHash)
	return nil
}

// verifyDatabase is the compatibility gate: nil when the database carries
// exactly the compiled schema, else an error naming every difference.
func verifyDatabase(ctx context.Context, comp *compiled, connString string) error {
	db, _, err := provision.OpenDB(comp.dialect, connString)
	if err != nil {
		return err
	}
	defer db.Close()
	rep, err := dbverify.CheckWithModel(ctx, db, comp.dialect, comp.info, comp.model)
	if err != nil {
		return err
	}
	return rep.Err()
}
