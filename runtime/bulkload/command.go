package bulkload

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/alecthomas/kong"
	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/engine"
	"github.com/edfi-dmsc/dmsc/runtime/etag"
	"github.com/edfi-dmsc/dmsc/runtime/schemagate"
	"github.com/edfi-dmsc/dmsc/runtime/server"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// flags are the command line of the load subcommand.
type flags struct {
	ConnectionString string   `name:"connection-string" env:"DMSC_CONNECTION_STRING" required:"" placeholder:"DSN" help:"The provisioned PostgreSQL database to write into (URL or keyword/value string)."`
	Workers          int      `default:"0" placeholder:"N" help:"Database sessions writing at once (default: 2 per CPU)."`
	BatchSize        int      `name:"batch-size" default:"1000" placeholder:"N" help:"Most documents per transaction (default: ${default})."`
	Files            []string `arg:"" type:"existingfile" placeholder:"FILE.ndjson" help:"Documents, one {project, resource, body} object per line (as dmsc fake writes them), in any order."`
}

// unavailableBudget is how long a load retries while the database cannot
// be reached: a load outlasts a database restart.
const unavailableBudget = 30 * time.Second

// Command is the server binary's load subcommand:
//
//	<server> load --connection-string DSN [--workers N] [--batch-size N] FILE...
//
// It writes the documents of each file into the database, after checking
// that the database carries schema (the schema gate a server runs), as
// POSTs of them would: codecs (parallel to schema.Resources, the
// generated code of each resource) check and flatten them, LoadDirect
// orders and writes them. It prints each refused document and a summary
// per file; the exit code is 1 when a document failed.
func Command(schema *spec.Schema, codecs []engine.Codec) server.Command {
	return server.Command{
		Name:  "load",
		Usage: "load --connection-string DSN [--workers N] [--batch-size N] FILE.ndjson...: bulk-load documents into the database (load --help)",
		Run: func(ctx context.Context, args []string, stdout, stderr io.Writer) int {
			return run(ctx, schema, codecs, args, stdout, stderr)
		},
	}
}

// run is the load subcommand.
func run(ctx context.Context, schema *spec.Schema, codecs []engine.Codec, args []string, stdout, stderr io.Writer) (code int) {
	var f flags
	exited := false
	parser, err := kong.New(&f, kong.Name(filepath.Base(os.Args[0])+" load"),
		kong.Description("Bulk-loads Ed-Fi documents into the database, through this server's write path, in COPY batches."),
		kong.Writers(stdout, stderr), kong.Exit(func(c int) { exited, code = true, c }))
	if err == nil {
		_, err = parser.Parse(args)
	}
	if exited {
		return code // --help
	}
	switch {
	case err != nil:
	case f.BatchSize < 1:
		err = fmt.Errorf("--batch-size must be at least 1, got %d", f.BatchSize)
	case f.Workers < 0:
		err = fmt.Errorf("--workers must be at least 1, got %d", f.Workers)
	}
	if err != nil {
		fmt.Fprintf(stderr, "error: %v\n", err)
		return 2
	}
	if f.Workers == 0 {
		f.Workers = 2 * runtime.NumCPU()
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	if err := load(ctx, schema, codecs, f, stdout, stderr, log); err != nil {
		fmt.Fprintf(stderr, "error: %v\n", err)
		return 1
	}
	return 0
}

// load checks the database and loads the files one after the other.
func load(ctx context.Context, schema *spec.Schema, codecs []engine.Codec, f flags, stdout, stderr io.Writer, log *slog.Logger) error {
	if err := schema.Check(); err != nil {
		return fmt.Errorf("the compiled schema is inconsistent; regenerate the server: %w", err)
	}
	if err := checkDatabase(ctx, schema, f.ConnectionString, log); err != nil {
		return err
	}
	retry := db.DefaultRetryPolicy
	retry.UnavailableBudget = unavailableBudget
	each := engine.Writer{Retry: retry, SchemaEpoch: etag.SchemaEpoch(schema.EffectiveSchemaHash), Limits: server.WriteLimits{}.WithDefaults()}
	for i, r := range schema.Resources {
		each.UseCodec(r, codecs[i].Write)
	}
	writers, closeAll, err := OpenWriters(ctx, f.ConnectionString, f.Workers, each)
	if err != nil {
		return err
	}
	defer closeAll()
	var failed error
	for _, name := range f.Files {
		rep, err := loadFile(ctx, name, DirectOptions{Schema: schema, Writers: writers, BatchSize: f.BatchSize, Progress: stderr, Log: log})
		if rep != nil {
			printReport(stdout, name, rep, err)
		}
		if err != nil {
			return err
		}
		if len(rep.Failures) > 0 {
			failed = errors.Join(failed, fmt.Errorf("%s: %d of %d documents failed", name, len(rep.Failures), rep.Documents))
		}
	}
	return failed
}

// checkDatabase refuses a database that does not carry schema, as the
// server's schema gate refuses to serve it (the gate logs why).
func checkDatabase(ctx context.Context, schema *spec.Schema, connString string, log *slog.Logger) error {
	pool, err := db.OpenSized(ctx, connString, db.PoolSize{Max: 1})
	if err != nil {
		return err
	}
	defer pool.Close()
	if p := schemagate.New(pool, engine.Fingerprint(schema), log).Check(ctx); p != nil {
		return fmt.Errorf("refusing to load: %s", p.Detail)
	}
	return nil
}

// loadFile reads and loads one file.
func loadFile(ctx context.Context, name string, opts DirectOptions) (*Report, error) {
	file, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	lines, err := Read(file)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return LoadDirect(ctx, lines, opts)
}

// printReport prints the refused documents of a file and its summary.
func printReport(w io.Writer, name string, rep *Report, err error) {
	for _, fl := range rep.Failures {
		fmt.Fprintln(w, fl.String())
	}
	counts := fmt.Sprintf("%d created, %d updated, %d unchanged, %d failed", rep.Created, rep.Updated, rep.Unchanged, len(rep.Failures))
	if err != nil {
		fmt.Fprintf(w, "%s: stopped after %d of %d documents (%s)\n", name, rep.Done(), rep.Documents, counts)
		return
	}
	fmt.Fprintf(w, "%s: %d documents: %s in %s (%.0f documents/s)\n", name, rep.Documents, counts, rep.Elapsed.Round(time.Millisecond), rep.PerSecond())
}
