// Package bulkload loads an NDJSON file of Ed-Fi documents (as `dmsc fake`
// writes them) straight into a provisioned database through the write path
// of the generated server that links it (LoadDirect, and the server's load
// subcommand, Command): documents are checked and flattened by the
// resources' generated codecs, ordered by their dependencies (Waves) and
// written in COPY batches by the engine's bulk path. internal/apiload
// loads the same files over HTTP and shares Line, Read, Report and Waves.
package bulkload

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
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

// Failure is a document refused: by the server (over HTTP) or by the
// write path a server runs (a direct load).
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
	// Updated counts upserts of an existing identity (200). Over HTTP it
	// includes the unchanged ones, which the API answers alike.
	Updated int
	// Unchanged counts documents that were stored already as they are
	// (direct loads only).
	Unchanged int
	Failures  []Failure
	Elapsed   time.Duration
}

// Done is the number of documents with an outcome.
func (r *Report) Done() int { return r.Created + r.Updated + r.Unchanged + len(r.Failures) }

// PerSecond is the throughput of successful writes.
func (r *Report) PerSecond() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Created+r.Updated+r.Unchanged) / r.Elapsed.Seconds()
}

// Read parses NDJSON documents; blank lines are skipped. A malformed line
// fails the whole read with its line number, before anything is written.
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

// NewBar is the progress bar of a load of n documents; nil without w.
func NewBar(w io.Writer, n int) *progressbar.ProgressBar {
	if w == nil {
		return nil
	}
	return progressbar.NewOptions(n, progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("loading"), progressbar.OptionShowCount(), progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("docs"), progressbar.OptionThrottle(200*time.Millisecond),
		progressbar.OptionOnCompletion(func() { fmt.Fprintln(w) }))
}

// Fail records a refused document: its answer's status and problem
// details.
func (r *Report) Fail(l Line, status int, problem string) {
	r.Failures = append(r.Failures, Failure{Line: l.Number, Project: l.Project, Resource: l.Resource, Status: status, Problem: problem})
}
