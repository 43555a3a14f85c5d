// Package apiload loads an NDJSON file of Ed-Fi documents (as written by
// `dmsc fake`) through a server's HTTP API: one POST per line to
// {base}/data/{project}/{resource}, in file order between resources and
// concurrently within a run of lines for the same resource.
package apiload

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
)

// Line is one document of the input file.
type Line struct {
	Number   int             // 1-based line number in the file
	Project  string          `json:"project"`
	Resource string          `json:"resource"`
	Body     json.RawMessage `json:"body"`
}

// Options configure a load.
type Options struct {
	// BaseURL is the server root, e.g. http://127.0.0.1:8080; documents go
	// to BaseURL/data/{project}/{resource}.
	BaseURL string
	// Concurrency is the number of requests in flight within one run of
	// lines for the same resource; 0 means 1.
	Concurrency int
	// Progress receives a progress bar; nil means none.
	Progress io.Writer
	// Client sends the requests; nil means a client with a 60 s timeout.
	Client *http.Client
	// OnResponse, when set, sees every response: the line, the status and
	// the headers (Location names the stored document). It is called from
	// several goroutines at once. A 409 that is retried later is seen twice.
	OnResponse func(l Line, status int, header http.Header)
}

// Failure is a document the server refused.
type Failure struct {
	Line     int
	Project  string
	Resource string
	Status   int
	// Problem is the server's response body (Ed-Fi problem details).
	Problem string
}

func (f Failure) String() string {
	return fmt.Sprintf("line %d (%s/%s): HTTP %d: %s", f.Line, f.Project, f.Resource, f.Status, f.Problem)
}

// Report summarizes a load.
type Report struct {
	Documents int
	Created   int // 201
	Updated   int // 200 (upsert of an existing identity)
	Failures  []Failure
	Elapsed   time.Duration
}

// PerSecond is the throughput of successful writes.
func (r *Report) PerSecond() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Created+r.Updated) / r.Elapsed.Seconds()
}

// Read parses NDJSON documents; blank lines are skipped. A malformed line
// fails the whole read with its line number, before anything is sent.
func Read(r io.Reader) ([]Line, error) {
	var lines []Line
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	for n := 1; sc.Scan(); n++ {
		text := bytes.TrimSpace(sc.Bytes())
		if len(text) == 0 {
			continue
		}
		var l Line
		if err := json.Unmarshal(text, &l); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		if l.Project == "" || l.Resource == "" || len(l.Body) == 0 || l.Body[0] != '{' {
			return nil, fmt.Errorf("line %d: want {\"project\": ..., \"resource\": ..., \"body\": {...}}", n)
		}
		l.Number = n
		lines = append(lines, l)
	}
	return lines, sc.Err()
}

// Load sends the lines. Lines of one resource that directly follow each
// other form a run; runs are sent one after the other, so every document a
// line refers to (always on an earlier line) was sent before it. Within a
// run requests are concurrent; a document refused with 409 (for instance a
// reference to an earlier document of the same run that was still in
// flight) is retried once after its run, sequentially.
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
	var bar *progressbar.ProgressBar
	if opts.Progress != nil {
		bar = progressbar.NewOptions(len(lines), progressbar.OptionSetWriter(opts.Progress),
			progressbar.OptionSetDescription("loading"), progressbar.OptionShowCount(), progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("docs"), progressbar.OptionThrottle(200*time.Millisecond),
			progressbar.OptionOnCompletion(func() { fmt.Fprintln(opts.Progress) }))
	}
	rep := &Report{Documents: len(lines)}
	start := time.Now()
	defer func() { rep.Elapsed = time.Since(start) }()
	for i := 0; i < len(lines); {
		j := i
		for j < len(lines) && lines[j].Project == lines[i].Project && lines[j].Resource == lines[i].Resource {
			j++
		}
		retry, err := sendRun(ctx, base, lines[i:j], opts, rep, bar)
		if err != nil {
			return rep, err
		}
		for _, l := range retry {
			if err := send(ctx, base, l, opts, rep, nil, bar); err != nil {
				return rep, err
			}
		}
		i = j
	}
	sort.Slice(rep.Failures, func(a, b int) bool { return rep.Failures[a].Line < rep.Failures[b].Line })
	return rep, nil
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

// outcome records one response into the report; mu guards it.
type outcome struct {
	mu    sync.Mutex
	retry []Line
}

func sendRun(ctx context.Context, base string, run []Line, opts Options, rep *Report, bar *progressbar.ProgressBar) ([]Line, error) {
	var (
		out      outcome
		wg       sync.WaitGroup
		errOnce  sync.Once
		firstErr error
	)
	work := make(chan Line)
	for w := 0; w < opts.Concurrency; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for l := range work {
				if err := send(ctx, base, l, opts, rep, &out, bar); err != nil {
					errOnce.Do(func() { firstErr = err })
				}
			}
		}()
	}
	for _, l := range run {
		if ctx.Err() != nil {
			break
		}
		work <- l
	}
	close(work)
	wg.Wait()
	if firstErr == nil {
		firstErr = ctx.Err()
	}
	return out.retry, firstErr
}

// send POSTs one document. With out set, a 409 is queued for a retry
// instead of being recorded as a failure. Transport errors abort the load.
func send(ctx context.Context, base string, l Line, opts Options, rep *Report, out *outcome, bar *progressbar.ProgressBar) error {
	target := base + "/data/" + l.Project + "/" + l.Resource
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(l.Body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := opts.Client.Do(req)
	if err != nil {
		return fmt.Errorf("line %d: POST %s: %w", l.Number, target, transportCause(err))
	}
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	if opts.OnResponse != nil {
		opts.OnResponse(l, resp.StatusCode, resp.Header)
	}
	var lock sync.Locker = &sync.Mutex{}
	if out != nil {
		lock = &out.mu
	}
	lock.Lock()
	defer lock.Unlock()
	switch {
	case resp.StatusCode == http.StatusCreated:
		rep.Created++
	case resp.StatusCode == http.StatusOK:
		rep.Updated++
	case resp.StatusCode == http.StatusConflict && out != nil:
		out.retry = append(out.retry, l)
		return nil // not finished yet: the bar moves on the retry
	default:
		rep.Failures = append(rep.Failures, Failure{Line: l.Number, Project: l.Project, Resource: l.Resource,
			Status: resp.StatusCode, Problem: strings.TrimSpace(string(body))})
	}
	if bar != nil {
		_ = bar.Add(1)
	}
	return nil
}
