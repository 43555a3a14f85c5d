package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"runtime"
	"time"

	"github.com/edfi-dmsc/dmsc/compiler/plan"
	"github.com/edfi-dmsc/dmsc/internal/apiload"
	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/engine"
	"github.com/edfi-dmsc/dmsc/runtime/etag"
	"github.com/edfi-dmsc/dmsc/runtime/server"
)

type loadCmd struct {
	URL              string   `placeholder:"URL" help:"HTTP mode: the server root, e.g. http://127.0.0.1:8080 (documents go to URL/data/{project}/{resource})."`
	ConnectionString string   `name:"connection-string" short:"c" placeholder:"DSN" help:"Direct mode: write into this provisioned PostgreSQL database through the server's write path, in COPY batches (needs --schema)."`
	Schema           []string `short:"s" type:"path" placeholder:"FILE" help:"ApiSchema.json file; repeat the flag: the first is the core project, the rest are extensions. Direct mode needs it; in HTTP mode it orders the documents by their references (without it: file order, 409s sent again)."`
	File             string   `arg:"" type:"existingfile" placeholder:"FILE.ndjson" help:"Documents, one {project, resource, body} object per line (as dmsc fake writes them), in any order when --schema is given."`
	Concurrency      int      `default:"4" help:"HTTP mode: requests in flight within a wave of independent documents."`
	BatchSize        int      `name:"batch-size" default:"1000" placeholder:"N" help:"Direct mode: most documents per transaction (default: ${default})."`
	Workers          int      `default:"0" placeholder:"N" help:"Direct mode: database sessions writing at once (default: 2 per CPU)."`
}

func (c *loadCmd) Run(e *env) error {
	switch {
	case (c.URL == "") == (c.ConnectionString == ""):
		return usageError{"give either --url (HTTP mode) or --connection-string (direct mode)"}
	case c.ConnectionString != "" && len(c.Schema) == 0:
		return usageError{"--connection-string needs --schema: the schema set the database was provisioned with"}
	case c.Concurrency < 1:
		return usageError{fmt.Sprintf("--concurrency must be at least 1, got %d", c.Concurrency)}
	case c.BatchSize < 1:
		return usageError{fmt.Sprintf("--batch-size must be at least 1, got %d", c.BatchSize)}
	case c.Workers < 0:
		return usageError{fmt.Sprintf("--workers must be at least 1, got %d", c.Workers)}
	}
	if c.Workers == 0 {
		c.Workers = 2 * runtime.NumCPU()
	}
	f, err := os.Open(c.File)
	if err != nil {
		return err
	}
	defer f.Close()
	lines, err := apiload.Read(f)
	if err != nil {
		return fmt.Errorf("%s: %w", c.File, err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	var rep *apiload.Report
	if c.ConnectionString != "" {
		rep, err = c.direct(ctx, e, lines)
	} else {
		rep, err = c.http(ctx, e, lines)
	}
	if rep == nil {
		return err // nothing was written
	}
	for _, fl := range rep.Failures {
		fmt.Fprintln(e.stdout, fl.String())
	}
	counts := fmt.Sprintf("%d created, %d updated, ", rep.Created, rep.Updated)
	if c.ConnectionString != "" {
		counts += fmt.Sprintf("%d unchanged, ", rep.Unchanged)
	}
	counts += fmt.Sprintf("%d failed", len(rep.Failures))
	if err != nil {
		fmt.Fprintf(e.stdout, "stopped after %d of %d documents (%s)\n", rep.Done(), rep.Documents, counts)
		return err
	}
	fmt.Fprintf(e.stdout, "%d documents: %s in %s (%.0f documents/s)\n", rep.Documents, counts, rep.Elapsed.Round(time.Millisecond), rep.PerSecond())
	if len(rep.Failures) > 0 {
		return fmt.Errorf("%d of %d documents failed", len(rep.Failures), rep.Documents)
	}
	return nil
}

// http POSTs the lines, in dependency waves when the schema is given.
func (c *loadCmd) http(ctx context.Context, e *env, lines []apiload.Line) (*apiload.Report, error) {
	opts := apiload.Options{BaseURL: c.URL, Concurrency: c.Concurrency, Progress: e.stderr}
	if len(c.Schema) > 0 {
		comp, err := compile(c.Schema, "pgsql", false)
		if err != nil {
			return nil, err
		}
		schema, err := plan.Build(plan.Input{Set: comp.set, Info: comp.info, Model: comp.model})
		if err != nil {
			return nil, err
		}
		start := time.Now()
		opts.Waves = apiload.Plan(ctx, schema, lines, runtime.NumCPU())
		rep, err := apiload.Load(ctx, lines, opts)
		if rep != nil {
			rep.Elapsed = time.Since(start) // the ordering is part of the load
		}
		return rep, err
	}
	return apiload.Load(ctx, lines, opts)
}

// direct writes the lines into the database after checking that it
// carries the schema set.
func (c *loadCmd) direct(ctx context.Context, e *env, lines []apiload.Line) (*apiload.Report, error) {
	comp, err := compile(c.Schema, "pgsql", false)
	if err != nil {
		return nil, err
	}
	if err := verifyDatabase(ctx, comp, c.ConnectionString); err != nil {
		return nil, fmt.Errorf("refusing to load: %w", err)
	}
	schema, err := plan.Build(plan.Input{Set: comp.set, Info: comp.info, Model: comp.model})
	if err != nil {
		return nil, err
	}
	// A load outlasts a database restart: it waits for the database longer
	// than a request does.
	retry := db.DefaultRetryPolicy
	retry.UnavailableBudget = loadUnavailableBudget
	writers, closeAll, err := apiload.OpenWriters(ctx, c.ConnectionString, c.Workers, engine.Writer{Retry: retry,
		SchemaEpoch: etag.SchemaEpoch(schema.EffectiveSchemaHash), Limits: server.WriteLimits{}.WithDefaults()})
	if err != nil {
		return nil, err
	}
	defer closeAll()
	return apiload.LoadDirect(ctx, lines, apiload.DirectOptions{Schema: schema, Writers: writers, BatchSize: c.BatchSize,
		Progress: e.stderr, Log: slog.New(slog.NewTextHandler(e.stderr, nil))})
}

// loadUnavailableBudget is how long a direct load retries while the
// database cannot be reached.
const loadUnavailableBudget = 30 * time.Second
