package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"time"

	"github.com/edfi-dmsc/dmsc/internal/apiload"
)

type loadCmd struct {
	URL         string `required:"" placeholder:"URL" help:"Server root, e.g. http://127.0.0.1:8080 (documents go to URL/data/{project}/{resource})."`
	File        string `arg:"" type:"existingfile" placeholder:"FILE.ndjson" help:"Documents, one {project, resource, body} object per line, in load order (as dmsc fake writes them)."`
	Concurrency int    `default:"4" help:"Requests in flight within a run of documents of the same resource."`
}

func (c *loadCmd) Run(e *env) error {
	if c.Concurrency < 1 {
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
	rep, err := apiload.Load(ctx, lines, apiload.Options{BaseURL: c.URL, Concurrency: c.Concurrency, Progress: e.stderr})
	if rep == nil {
		return err // the server was not reachable: nothing was sent
	}
	for _, fl := range rep.Failures {
		fmt.Fprintln(e.stdout, fl.String())
	}
	counts := fmt.Sprintf("%d created, %d updated, %d failed", rep.Created, rep.Updated, len(rep.Failures))
	if err != nil {
		fmt.Fprintf(e.stdout, "stopped after %d of %d documents (%s)\n", rep.Created+rep.Updated+len(rep.Failures), rep.Documents, counts)
		return err
	}
	fmt.Fprintf(e.stdout, "%d documents: %s in %s (%.0f documents/s)\n", rep.Documents, counts, rep.Elapsed.Round(time.Millisecond), rep.PerSecond())
	if len(rep.Failures) > 0 {
		return fmt.Errorf("%d of %d documents failed", len(rep.Failures), rep.Documents)
	}
	return nil
}
