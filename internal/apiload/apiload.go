// Package apiload loads an NDJSON file of Ed-Fi documents (as written by
// `dmsc fake`) through a server's HTTP API (Load: one POST per line to
// {base}/data/{project}/{resource}), ordered by their dependencies (Plan)
// when it knows the schema, references between documents of one resource
// included. A load straight into a database is the generated server's
// load subcommand (runtime/bulkload), which runs the generated code.
package apiload

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/edfi-dmsc/dmsc/runtime/bulkload"
	"github.com/schollz/progressbar/v3"
)

// The documents of a file and the report of a load, shared with the
// server's load subcommand.
type (
	Line    = bulkload.Line
	Failure = bulkload.Failure
	Report  = bulkload.Report
)

// Read parses NDJSON documents (see bulkload.Read).
func Read(r io.Reader) ([]Line, error) { return bulkload.Read(r) }

// Options configure a load.
type Options struct {
	// BaseURL is the server root, e.g. http://127.0.0.1:8080; documents go
	// to BaseURL/data/{project}/{resource}.
	BaseURL string
	// Concurrency is the number of requests in flight within one wave (or
	// run, without Waves); 0 means 1.
	Concurrency int
	// Waves orders the load (see Plan): indices into the lines, each wave
	// sent once the previous one is answered, its lines concurrently.
	// Without Waves, lines are sent in runs of lines of the same resource,
	// one run after the other in file order, and a document refused with
	// 409 (which may refer to a document of its run still in flight) is
	// sent again after its run, for as long as such retries succeed.
	Waves [][]int
	// Progress receives a progress bar; nil means none.
	Progress io.Writer
	// Client sends the requests; nil means a client with a 60 s timeout.
	Client *http.Client
	// OnResponse, when set, sees every response: the line, the status and
	// the headers (Location names the stored document). It is called from
	// several goroutines at once. A 409 that is retried later is seen again.
	OnResponse func(l Line, status int, header http.Header)
}

// Load sends the lines in the order opts.Waves gives, or in runs of one
// resource (see Options.Waves).
//
// A server that cannot be reached at all is one error and no report; a
// transport error later stops the load and returns the report so far.
func Load(ctx context.Context, lines []Line, opts Options) (*Report, error) {
	if opts.Concurrency < 1 {
		opts.Concurrency = 1
	}
	if opts.Client == nil {
		opts.Client = &http.Client{Timeout: 60 * time.Second}
	}
	base := strings.TrimSuffix(opts.BaseURL, "/")
	if err := probe(ctx, base, opts.Client); err != nil {
		return nil, err
	}
	bar := bulkload.NewBar(opts.Progress, len(lines))
	rep := &Report{Documents: len(lines)}
	start := time.Now()
	defer func() { rep.Elapsed = time.Since(start) }()
	groups, ordered := opts.Waves, opts.Waves != nil
	if !ordered {
		groups = runs(lines)
	}
	for _, g := range groups {
		pending := make([]Line, len(g))
		for k, i := range g {
			pending[k] = lines[i]
		}
		for len(pending) > 0 {
			answers, err := sendAll(ctx, base, pending, opts)
			var conflicts []answer
			for _, a := range answers {
				if a.status == http.StatusConflict && !ordered && err == nil {
					conflicts = append(conflicts, a)
					continue
				}
				record(rep, a, bar)
			}
			if err != nil {
				return rep, err
			}
			if len(conflicts) == len(pending) {
				// No retry succeeded: the conflicts are final.
				for _, a := range conflicts {
					record(rep, a, bar)
				}
				break
			}
			pending = pending[:0]
			for _, a := range conflicts {
				pending = append(pending, a.line)
			}
		}
	}
	sort.Slice(rep.Failures, func(a, b int) bool { return rep.Failures[a].Line < rep.Failures[b].Line })
	return rep, nil
}

// runs splits the lines into runs of lines of the same resource that
// directly follow each other.
func runs(lines []Line) [][]int {
	var out [][]int
	for i := range lines {
		if i == 0 || lines[i].Project != lines[i-1].Project || lines[i].Resource != lines[i-1].Resource {
			out = append(out, nil)
		}
		out[len(out)-1] = append(out[len(out)-1], i)
	}
	return out
}

// probe asks for the service root; any HTTP answer means the server is
// there.
func probe(ctx context.Context, base string, client *http.Client) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/", nil)
	if err != nil {
		return fmt.Errorf("server URL %q: %w", base, err)
	}
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("cannot reach the server at %s: %w", base, transportCause(err))
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
	return nil
}

// transportCause drops the "Get \"URL\":" prefix of a client error when
// the message already names the URL.
func transportCause(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// answer is the server's answer to the POST of one line.
type answer struct {
	line   Line
	status int
	body   string
}

// record counts an answer into the report and moves the bar.
func record(r *Report, a answer, bar *progressbar.ProgressBar) {
	switch a.status {
	case http.StatusCreated:
		r.Created++
	case http.StatusOK:
		r.Updated++
	default:
		r.Fail(a.line, a.status, a.body)
	}
	if bar != nil {
		_ = bar.Add(1)
	}
}

// sendAll POSTs the lines, opts.Concurrency at a time, and returns the
// answers received. A transport error stops it; the answers received by
// then are returned with the error.
func sendAll(ctx context.Context, base string, lines []Line, opts Options) ([]answer, error) {
	var (
		mu      sync.Mutex
		answers []answer
	)
	err := bulkload.ForEach(len(lines), opts.Concurrency, func(i int) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		a, err := send(ctx, base, lines[i], opts)
		if err != nil {
			return err
		}
		mu.Lock()
		answers = append(answers, a)
		mu.Unlock()
		return nil
	})
	return answers, err
}

// send POSTs one document.
func send(ctx context.Context, base string, l Line, opts Options) (answer, error) {
	target := base + "/data/" + l.Project + "/" + l.Resource
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(l.Body))
	if err != nil {
		return answer{}, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := opts.Client.Do(req)
	if err != nil {
		return answer{}, fmt.Errorf("line %d: POST %s: %w", l.Number, target, transportCause(err))
	}
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	if opts.OnResponse != nil {
		opts.OnResponse(l, resp.StatusCode, resp.Header)
	}
	return answer{line: l, status: resp.StatusCode, body: strings.TrimSpace(string(body))}, nil
}
