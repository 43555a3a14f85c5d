package bulkload

import (
	"cmp"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/url"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/engine"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/schollz/progressbar/v3"
)

// DirectOptions configure a load straight into a database.
type DirectOptions struct {
	// Schema holds the plans of the database's schema set (the caller
	// checks that the database carries it).
	Schema *spec.Schema
	// Writers write the documents, one per worker (batches written at
	// once), with their pools, Retry policies and Limits. A wave gives each
	// resource's documents to one worker, so that a database session runs
	// the triggers and foreign-key checks of few tables: give each writer
	// a pool of its own (OpenWriters).
	Writers []*engine.Writer
	// BatchSize is the most documents written per transaction; 0 means
	// DefaultBatchSize.
	BatchSize int
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
// in dependency waves (Waves). Each wave is shared among the workers
// (scheduler), which write their share in batches of BatchSize documents,
// one transaction each. A refused document is a Failure carrying the
// problem details a server would answer; the others are committed. The
// error is set when the load cannot go on (the database became
// unreachable, a COMMIT's outcome is unknown, ctx ended); the report then
// holds what was done.
func LoadDirect(ctx context.Context, lines []Line, opts DirectOptions) (*Report, error) {
	if len(opts.Writers) == 0 {
		return nil, errors.New("a direct load needs at least one writer")
	}
	if opts.BatchSize < 1 {
		opts.BatchSize = DefaultBatchSize
	}
	if opts.Log == nil {
		opts.Log = slog.Default()
	}
	workers := len(opts.Writers)
	rep := &Report{Documents: len(lines)}
	start := time.Now()
	defer func() { rep.Elapsed = time.Since(start) }()
	bar := NewBar(opts.Progress, len(lines))
	rec := &recorder{rep: rep, bar: bar, log: opts.Log}
	c := check(ctx, opts.Writers[0], opts.Schema, lines, workers, len(lines) <= keepPrepared,
		func(l Line, p *problem.Details) { rec.failed(l, p, nil) })
	order := map[*spec.Resource]int{}
	for i, r := range opts.Schema.Resources {
		order[r] = i
	}
	sched := newScheduler(workers, opts.BatchSize, runtime.NumCPU())
	for _, wave := range Waves(c.keys) {
		var docs []int
		for _, i := range wave {
			if c.resources[i] != nil {
				docs = append(docs, i)
			}
		}
		shares := sched.share(docs, func(i int) int { return order[c.resources[i]] })
		err := ForEach(workers, workers, func(k int) error {
			w := opts.Writers[k]
			for _, ids := range shares[k] {
				batch := make([]*engine.Prepared, len(ids))
				for n, i := range ids {
					if c.prepared != nil {
						batch[n] = c.prepared[i]
					} else {
						batch[n] = w.Prepare(ctx, c.resources[i], lines[i].Body)
					}
				}
				results, err := w.WriteBatch(ctx, batch)
				for n, i := range ids {
					rec.result(lines[i], results[n])
				}
				if err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return rep, err
		}
	}
	sort.Slice(rep.Failures, func(a, b int) bool { return rep.Failures[a].Line < rep.Failures[b].Line })
	return rep, nil
}

// scheduler shares the documents of each wave among the workers, as
// batches of at most batchSize documents per worker. A database session
// plans the statements of a table's triggers and foreign-key checks, and
// loads the table's catalog entries, the first time it writes the table:
// loading DS 3.2a with 4 workers, the database worked 20 % more when every
// session met every table. So a resource's documents in a wave go to one worker,
// preferably one that wrote the resource in an earlier wave (each resource
// spans several waves), as long as its share stays within what the wave's
// CPUs need anyway. Resources go largest first, to the warm worker with
// the fewest documents if it stays within that bound, else to the worker
// with the fewest; a resource with more than an equal share of the wave is
// cut into such shares.
type scheduler struct {
	workers, batchSize int
	// cpus run the workers: a wave takes at least its documents' work
	// divided among them, so one worker may hold that much of a wave
	// without making it longer.
	cpus int
	// warm[k] holds the resources worker k has written.
	warm []map[int]bool
}

func newScheduler(workers, batchSize, cpus int) *scheduler {
	s := &scheduler{workers: workers, batchSize: batchSize, cpus: max(cpus, 1), warm: make([]map[int]bool, workers)}
	for k := range s.warm {
		s.warm[k] = map[int]bool{}
	}
	return s
}

// share returns each worker's batches of the documents of a wave;
// resource gives a document's resource (its rank in schema order). A
// worker's batches hold its resources in schema order, so a batch sends
// few COPY statements.
func (s *scheduler) share(docs []int, resource func(i int) int) [][][]int {
	groups := map[int][]int{}
	var ranks []int
	for _, i := range docs {
		r := resource(i)
		if _, ok := groups[r]; !ok {
			ranks = append(ranks, r)
		}
		groups[r] = append(groups[r], i)
	}
	slices.Sort(ranks)
	sort.SliceStable(ranks, func(a, b int) bool { return len(groups[ranks[a]]) > len(groups[ranks[b]]) })
	equal := max((len(docs)+s.workers-1)/s.workers, 1)
	bound := (len(docs) + min(s.workers, s.cpus) - 1) / min(s.workers, s.cpus)
	assigned := make([][]int, s.workers)
	fewest := func(eligible func(k int) bool) int {
		best := -1
		for k := range assigned {
			if eligible(k) && (best < 0 || len(assigned[k]) < len(assigned[best])) {
				best = k
			}
		}
		return best
	}
	for _, r := range ranks {
		for part := range slices.Chunk(groups[r], equal) {
			k := fewest(func(k int) bool { return s.warm[k][r] && len(assigned[k])+len(part) <= bound })
			if k < 0 {
				k = fewest(func(int) bool { return true })
			}
			assigned[k] = append(assigned[k], part...)
			s.warm[k][r] = true
		}
	}
	out := make([][][]int, s.workers)
	for k, ids := range assigned {
		sort.SliceStable(ids, func(a, b int) bool { return resource(ids[a]) < resource(ids[b]) })
		out[k] = slices.Collect(slices.Chunk(ids, s.batchSize))
	}
	return out
}

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
	r.rep.Fail(l, p.Status, string(p.JSON()))
	if r.bar != nil {
		_ = r.bar.Add(1)
	}
}

// ForEach calls fn(0..n-1) on workers goroutines and stops handing out
// work at the first error, which it returns.
func ForEach(n, workers int, fn func(i int) error) error {
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

// OpenWriters opens the writers of a direct load with n workers: copies
// of w, each over a pool of its own holding one connection, whose sessions
// plan statements once (plan_cache_mode force_generic_plan, unless the
// connection string sets it). Every statement a load runs — its own, the
// triggers' and the foreign-key checks' — looks rows up by key, so the
// plan PostgreSQL makes for any parameter values is the plan it would pick
// for each; by default a session instead plans each statement afresh for
// its first five executions, and a load's sessions run thousands of
// distinct trigger and foreign-key statements (on DS 3.2a, 12 % of the
// database's work during a load went to planning). closeAll closes the
// pools.
func OpenWriters(ctx context.Context, connString string, n int, w engine.Writer) (writers []*engine.Writer, closeAll func(), err error) {
	connString = withParam(connString, "plan_cache_mode", "force_generic_plan")
	closeAll = func() {
		for _, w := range writers {
			w.Pool.Close()
		}
	}
	for range n {
		pool, err := db.OpenSized(ctx, connString, db.PoolSize{Max: 1})
		if err != nil {
			closeAll()
			return nil, nil, err
		}
		each := w
		each.Pool = pool
		writers = append(writers, &each)
	}
	return writers, closeAll, nil
}

// withParam sets key to value in a connection string (a URL or keyword
// string) that does not set key.
func withParam(connString, key, value string) string {
	if strings.Contains(connString, key) {
		return connString
	}
	if u, err := url.Parse(connString); err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql") {
		q := u.Query()
		q.Set(key, value)
		u.RawQuery = q.Encode()
		return u.String()
	}
	return connString + " " + key + "=" + value
}
