package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"

	"github.com/edfi-dmsc/dmsc/compiler/fake"
	"github.com/edfi-dmsc/dmsc/compiler/load"
)

type fakeCmd struct {
	schemaFlags
	Resource []string `placeholder:"NAME" help:"Only this resource (endpoint or resource name, or project/name) plus what it needs; repeatable."`
	Count    int      `default:"1" help:"Documents per resource."`
	Seed     uint64   `default:"1" help:"Random seed; the same seed gives the same file."`
	Out      string   `required:"" type:"path" placeholder:"FILE.ndjson" help:"Output file (NDJSON: one {project, resource, body} object per line)."`
}

func (c *fakeCmd) Run(e *env) error {
	if c.Count < 1 {
		return usageError{fmt.Sprintf("--count must be at least 1, got %d", c.Count)}
	}
	set, err := load.Files(c.Schema...)
	if err != nil {
		return err
	}
	// Write beside the target and rename, so a failure leaves no partial file.
	tmp, err := os.CreateTemp(filepath.Dir(c.Out), "."+filepath.Base(c.Out)+".tmp-")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	w := bufio.NewWriterSize(tmp, 1<<20)
	stats, err := fake.Generate(set, fake.Options{Resources: c.Resource, Count: c.Count, Seed: c.Seed}, w)
	if err == nil {
		err = w.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), c.Out); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %d documents (%d descriptors) for %d resources to %s\n", stats.Documents, stats.Descriptors, stats.Resources, c.Out)
	for _, s := range stats.Shortfalls {
		fmt.Fprintf(e.stdout, "  shortfall: %s\n", s)
	}
	for _, o := range stats.OmittedReferences {
		fmt.Fprintf(e.stdout, "  omitted optional reference (cycle): %s\n", o)
	}
	return nil
}
