package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"time"

	"github.com/edfi-dmsc/dmsc/internal/pgcluster"
)

type devdbCmd struct {
	Start devdbStartCmd `cmd:"" help:"Start a private PostgreSQL cluster in a directory (initdb when it is new) and print its connection URL."`
	Stop  devdbStopCmd  `cmd:"" help:"Stop the private PostgreSQL cluster of a directory."`
}

// devdbTimeout bounds initdb plus start, or a shutdown.
const devdbTimeout = 2 * time.Minute

type devdbStartCmd struct {
	Dir      string `required:"" type:"path" placeholder:"DIR" help:"Data directory; initdb makes it when it is missing or empty."`
	Port     int    `placeholder:"N" help:"Port on 127.0.0.1 (default: the one it used before, else a free one)."`
	Database string `default:"postgres" placeholder:"NAME" help:"Database the printed URL names (it is not created: dmsc ddl provision --create-database does that)."`
}

func (c *devdbStartCmd) Run(e *env) error {
	if c.Port < 0 || c.Port > 65535 {
		return usageError{fmt.Sprintf("--port must be between 1 and 65535, got %d", c.Port)}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, devdbTimeout)
	defer cancel()
	_, statErr := os.Stat(filepath.Join(c.Dir, "PG_VERSION"))
	cl, err := pgcluster.Init(c.Dir, pgcluster.Options{Port: c.Port, Detached: true})
	if err != nil {
		return err
	}
	if statErr != nil {
		fmt.Fprintf(e.stderr, "initialized a private PostgreSQL cluster in %s\n", c.Dir)
	}
	if err := cl.Start(ctx); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "PostgreSQL %d is running on 127.0.0.1:%d (data and postgres.log in %s); stop it with: dmsc devdb stop --dir %s\n",
		cl.Version(), cl.Port, c.Dir, c.Dir)
	fmt.Fprintln(e.stdout, cl.URL(c.Database))
	return nil
}

type devdbStopCmd struct {
	Dir string `required:"" type:"path" placeholder:"DIR" help:"Data directory of a cluster started by dmsc devdb start."`
}

func (c *devdbStopCmd) Run(e *env) error {
	cl, err := pgcluster.Open(c.Dir, pgcluster.Options{})
	if err != nil {
		return err
	}
	if !cl.Running() {
		fmt.Fprintf(e.stderr, "PostgreSQL in %s is not running\n", c.Dir)
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), devdbTimeout)
	defer cancel()
	if err := cl.Stop(ctx); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "stopped PostgreSQL in %s\n", c.Dir)
	return nil
}
