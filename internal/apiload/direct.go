package apiload

import (
	"cmp"
	"context"
	"io"
	"log/slog"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/edfi-dmsc/dmsc/runtime/engine"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/edfi-dmsc/dmsc/runtime/server"
	"github.com/schollz/progressbar/v3"
)

// DirectOptions configure a load straight into a database.
type DirectOptions struct {
	// Schema holds the plans of the database's schema set (the caller
	// checks that the database carries it).
	Schema *engine.Schema
	// Writer writes the documents: its Pool, Retry policy and Limits.
	Writer *engine.Writer
	// BatchSize is the most documents written per transaction; 0 means
	// DefaultBatchSize.
	BatchSize int
	// Workers is the number of batches written at once, and of goroutines
	// preparing documents; 0 means 1.
	Workers int
	// Progress receives a progress bar; nil means none.
	Progress io.Writer
	// Log receives the causes of documents answered 500 (which the answer
	// never shows); nil means slog.Default().
	Log *slog.Logger
}

// DefaultBatchSize is the batch size of a direct load.
const DefaultBatchSize = 1000

// keepPrepared is the most lines whose prepared documents a direct load
// keeps from the check of the whole file to the write of their batch.
// Larger files keep only what orders them, and prepare each document again
// when its batch is written: twice the preparation, but memory then holds
// the file's lines, not their flattened rows (about five times as much).
var keepPrepared = 100_000

// LoadDirect writes the lines into the database as POSTs of them would, in
// the engine's bulk path (engine.Writer.WriteBatch): every document is
// prepared (validated and flattened) first, then the documents are written
// in dependency waves (Waves), each wave in batches of BatchSize documents
// of one transaction each, Workers batches at a time. A refused document
// is a Failure carrying the problem details a server would answer; the
// others are committed. The error is set when the load cannot go on (the
// database became unreachable, a COMMIT's outcome is unknown, ctx ended);
// the report then holds what was done.
func LoadDirect(ctx context.Context, lines []Line, opts DirectOptions) (*Report, error) {
	if opts.BatchSize < 1 {
		opts.BatchSize = DefaultBatchSize
	}
	opts.Workers = max(opts.Workers, 1)
	if opts.Log == nil {
		opts.Log = slog.Default()
	}
	rep := &Report{Documents: len(lines)}
	start := time.Now()
	defer func() { rep.Elapsed = time.Since(start) }()
	bar := newBar(opts.Progress, len(lines))
	rec := &recorder{rep: rep, bar: bar, log: opts.Log}
	c := check(ctx, opts.Writer, opts.Schema, lines, opts.Workers, len(lines) <= keepPrepared,
		func(l Line, p *problem.Details) { rec.failed(l, p, nil) })
	order := map[*engine.Resource]int{}
	for i, r := range opts.Schema.Resources {
		order[r] = i
	}
	for _, wave := range Waves(c.keys) {
		var docs []int
		for _, i := range wave {
			if c.resources[i] != nil {
				docs = append(docs, i)
			}
		}
		// A batch holding few resources sends few COPY statements.
		sort.SliceStable(docs, func(a, b int) bool { return order[c.resources[docs[a]]] < order[c.resources[docs[b]]] })
		// A wave smaller than Workers full batches is split among all the
		// workers: waves end in a barrier, so one batch holding a whole wave
		// would leave the other workers (and database cores) idle.
		size := min(opts.BatchSize, (len(docs)+opts.Workers-1)/opts.Workers)
		batches := slices.Collect(slices.Chunk(docs, max(size, 1)))
		err := forEach(len(batches), opts.Workers, func(b int) error {
			batch := make([]*engine.Prepared, len(batches[b]))
			for k, i := range batches[b] {
				if c.prepared != nil {
					batch[k] = c.prepared[i]
				} else {
					batch[k] = opts.Writer.Prepare(ctx, c.resources[i], lines[i].Body)
				}
			}
			results, err := opts.Writer.WriteBatch(ctx, batch)
			for k, i := range batches[b] {
				rec.result(lines[i], results[k])
			}
			return err
		})
		if err != nil {
			return rep, err
		}
	}
	sort.Slice(rep.Failures, func(a, b int) bool { return rep.Failures[a].Line < rep.Failures[b].Line })
	return rep, nil
}

// defaultLimits are a server's write guardrails with default flags.
func defaultLimits() server.WriteLimits { return server.WriteLimits{}.WithDefaults() }

// recorder counts outcomes into a report from several goroutines.
type recorder struct {
	mu  sync.Mutex
	rep *Report
	bar *progressbar.ProgressBar
	log *slog.Logger
}

// result records the outcome of a written document; a document left
// without one (the load stopped first) is not counted.
func (r *recorder) result(l Line, res engine.BulkResult) {
	if res.Outcome == engine.BulkFailed && res.Problem == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	switch res.Outcome {
	case engine.BulkCreated:
		r.rep.Created++
	case engine.BulkUpdated:
		r.rep.Updated++
	case engine.BulkUnchanged:
		r.rep.Unchanged++
	default:
		r.failedLocked(l, res.Problem, res.Cause)
		return
	}
	if r.bar != nil {
		_ = r.bar.Add(1)
	}
}

// failed records a refused document: its problem details, and the cause
// behind a 500 in the log.
func (r *recorder) failed(l Line, p *problem.Details, cause error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.failedLocked(l, p, cause)
}

func (r *recorder) failedLocked(l Line, p *problem.Details, cause error) {
	if cause != nil {
		r.log.Error("document failed", "line", l.Number, "resource", l.Project+"/"+l.Resource, "error", cause)
	}
	r.rep.fail(l, p.Status, string(p.JSON()))
	if r.bar != nil {
		_ = r.bar.Add(1)
	}
}

// forEach calls fn(0..n-1) on workers goroutines and stops handing out
// work at the first error, which it returns.
func forEach(n, workers int, fn func(i int) error) error {
	var (
		mu       sync.Mutex
		firstErr error
	)
	parallel(n, workers, func(i int) {
		mu.Lock()
		stop := firstErr != nil
		mu.Unlock()
		if stop {
			return
		}
		if err := fn(i); err != nil {
			mu.Lock()
			firstErr = cmp.Or(firstErr, err)
			mu.Unlock()
		}
	})
	return firstErr
}

// WithPoolSize sets the pool's connection count (pool_max_conns, read by
// pgxpool) in a connection string that does not set it.
func WithPoolSize(connString string, n int) string {
	if strings.Contains(connString, "pool_max_conns") {
		return connString
	}
	if u, err := url.Parse(connString); err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql") {
		q := u.Query()
		q.Set("pool_max_conns", strconv.Itoa(n))
		u.RawQuery = q.Encode()
		return u.String()
	}
	return connString + " pool_max_conns=" + strconv.Itoa(n)
}
