package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"time"

	"github.com/edfi-dmsc/dmsc/compiler/plan"
	"github.com/edfi-dmsc/dmsc/internal/apiload"
	"golang.org/x/oauth2/clientcredentials"
)

type loadCmd struct {
	URL              string   `placeholder:"URL" help:"The server root, e.g. http://127.0.0.1:8080 (documents go to URL/data/{project}/{resource})."`
	ConnectionString string   `name:"connection-string" short:"c" hidden:"" help:"Removed: a load straight into a database is the generated server's load subcommand."`
	Schema           []string `short:"s" type:"path" placeholder:"FILE" help:"ApiSchema.json file; repeat the flag: the first is the core project, the rest are extensions. It orders the documents by their references (without it: file order, 409s sent again)."`
	File             string   `arg:"" type:"existingfile" placeholder:"FILE.ndjson" help:"Documents, one {project, resource, body} object per line (as dmsc fake writes them), in any order when --schema is given."`
	Concurrency      int      `default:"4" help:"Requests in flight within a wave of independent documents."`
	ClientID         string   `name:"client-id" env:"DMSC_CLIENT_ID" help:"API client to send the documents as: its tokens come from URL/oauth/token (OAuth2 client credentials) and are renewed before they expire. A server with --auth=off needs none."`
	ClientSecret     string   `name:"client-secret" env:"DMSC_CLIENT_SECRET" help:"Secret of --client-id."`
}

// directModeMoved answers the direct mode that dmsc load had: writing
// through the server's write path needs the server's generated code, so
// the generated server binary does it.
const directModeMoved = "dmsc load sends documents over HTTP; to load straight into a database run the generated server's load subcommand: " +
	"<server> load --connection-string DSN [--workers N] [--batch-size N] FILE.ndjson... (e.g. bin/dmsc-default-server load)"

func (c *loadCmd) Run(e *env) error {
	switch {
	case c.ConnectionString != "":
		return usageError{directModeMoved}
	case c.URL == "":
		return usageError{"give --url: the server to send the documents to"}
	case c.Concurrency < 1:
		return usageError{fmt.Sprintf("--concurrency must be at least 1, got %d", c.Concurrency)}
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
	rep, err := c.http(ctx, e, lines)
	if rep == nil {
		return err // nothing was written
	}
	for _, fl := range rep.Failures {
		fmt.Fprintln(e.stdout, fl.String())
	}
	counts := fmt.Sprintf("%d created, %d updated, %d failed", rep.Created, rep.Updated, len(rep.Failures))
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
	if c.ClientID != "" {
		cc := clientcredentials.Config{ClientID: c.ClientID, ClientSecret: c.ClientSecret, TokenURL: strings.TrimRight(c.URL, "/") + "/oauth/token"}
		opts.Client = cc.Client(ctx)
		opts.Client.Timeout = 60 * time.Second
	}
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
