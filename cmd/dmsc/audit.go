package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/edfi-dmsc/dmsc/compiler/plan"
	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/refaudit"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/schollz/progressbar/v3"
)

type auditCmd struct {
	ReferentialIdentity auditReferentialIdentityCmd `cmd:"" name:"referential-identity" help:"Recompute the dms.ReferentialIdentity rows of every document (own identity, superclass alias, descriptors) from the resource tables, report missing, extra and wrong rows, and with --repair fix them. Exit 1 when drift remains."`
}

type auditReferentialIdentityCmd struct {
	schemaFlags
	ConnectionString string   `short:"c" required:"" env:"DMSC_CONNECTION_STRING" placeholder:"DSN" help:"PostgreSQL connection string (URL or keyword/value)."`
	Resource         []string `placeholder:"NAME" help:"Only this resource (endpoint or resource name, or project/name); repeatable. Default: all."`
	Document         []string `placeholder:"UUID" help:"Only this document (its API id); repeatable. Not with --resource."`
	Repair           bool     `help:"Fix the drift: each batch's rows are replaced in one transaction, with the documents locked."`
	BatchSize        int      `name:"batch-size" default:"1000" placeholder:"N" help:"Documents read per query, and repaired per transaction (default: ${default})."`
}

// maxDetailsPerResource caps the drifted rows listed for one resource;
// the counts include all of them.
const maxDetailsPerResource = 20

func (c *auditReferentialIdentityCmd) Run(e *env) error {
	if c.BatchSize < 1 {
		return usageError{fmt.Sprintf("--batch-size must be at least 1, got %d", c.BatchSize)}
	}
	if len(c.Resource) > 0 && len(c.Document) > 0 {
		return usageError{"--resource and --document cannot be combined"}
	}
	comp, err := compile(c.Schema, "pgsql", false)
	if err != nil {
		return err
	}
	specs, err := plan.ReferentialIdentitySpecs(comp.set, comp.model)
	if err != nil {
		return err
	}
	all := make([]*spec.ReferentialIdentity, len(specs))
	for i := range specs {
		all[i] = &specs[i]
	}
	selected, err := selectSpecs(all, c.Resource)
	if err != nil {
		return usageError{err.Error()}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := verifyDatabase(ctx, comp, c.ConnectionString); err != nil {
		return fmt.Errorf("refusing to audit: %w", err)
	}
	pool, err := db.Open(ctx, c.ConnectionString)
	if err != nil {
		return err
	}
	defer pool.Close()
	a := refaudit.New(pool, specs)

	rep := newAuditReport(a, c.Repair)
	start := time.Now()
	if len(c.Document) > 0 {
		err = c.auditDocuments(ctx, a, rep)
	} else {
		err = c.scan(ctx, a, selected, e.stderr, rep)
	}
	if err != nil {
		return err
	}
	rep.print(e.stdout)
	return rep.outcome(time.Since(start), e.stdout)
}

// scan audits every document of the selected resources.
func (c *auditReferentialIdentityCmd) scan(ctx context.Context, a *refaudit.Auditor, selected []*spec.ReferentialIdentity, progress io.Writer, rep *auditReport) error {
	bar := progressbar.NewOptions(-1, progressbar.OptionSetWriter(progress),
		progressbar.OptionShowCount(), progressbar.OptionShowIts(), progressbar.OptionSetItsString("docs"),
		progressbar.OptionThrottle(200*time.Millisecond), progressbar.OptionOnCompletion(func() { fmt.Fprintln(progress) }))
	defer bar.Finish()
	for _, s := range selected {
		bar.Describe("auditing " + s.Resource)
		n, err := a.Scan(ctx, s, refaudit.ScanOptions{BatchSize: c.BatchSize, Repair: c.Repair,
			Progress: func(docs int) { _ = bar.Add(docs) }}, rep.add)
		rep.documents(s.Resource, n)
		if err != nil {
			return err
		}
	}
	return nil
}

// auditDocuments audits (or repairs) the documents named by --document.
func (c *auditReferentialIdentityCmd) auditDocuments(ctx context.Context, a *refaudit.Auditor, rep *auditReport) error {
	groups, missing, err := a.Locate(ctx, c.Document)
	if err != nil {
		return err
	}
	if len(missing) > 0 {
		return fmt.Errorf("no document with id %s", strings.Join(missing, ", "))
	}
	for _, g := range groups {
		var drift []refaudit.Drift
		if c.Repair {
			drift, err = a.Repair(ctx, g.Spec, g.DocumentIDs)
		} else {
			drift, err = a.Check(ctx, g.Spec, g.DocumentIDs)
		}
		if err != nil {
			return err
		}
		rep.documents(g.Spec.Resource, len(g.DocumentIDs))
		for _, d := range drift {
			rep.add(d)
		}
	}
	return nil
}

// selectSpecs picks the specs named by --resource ("schools", "School",
// "ed-fi/schools", "ed-fi/School"), in spec order; none means all.
func selectSpecs(specs []*spec.ReferentialIdentity, names []string) ([]*spec.ReferentialIdentity, error) {
	if len(names) == 0 {
		return specs, nil
	}
	chosen := map[*spec.ReferentialIdentity]bool{}
	for _, name := range names {
		project, local, qualified := strings.Cut(name, "/")
		if !qualified {
			project, local = "", name
		}
		var found []*spec.ReferentialIdentity
		for _, s := range specs {
			p, endpoint, _ := strings.Cut(s.Resource, "/")
			if (project == "" || project == p) && (local == endpoint || local == s.Primary.ResourceName) {
				found = append(found, s)
			}
		}
		switch len(found) {
		case 0:
			return nil, fmt.Errorf("--resource %q: no resource of the schema set has that endpoint or name", name)
		case 1:
			chosen[found[0]] = true
		default:
			var options []string
			for _, s := range found {
				options = append(options, s.Resource)
			}
			return nil, fmt.Errorf("--resource %q is ambiguous: qualify it as one of %s", name, strings.Join(options, ", "))
		}
	}
	var out []*spec.ReferentialIdentity
	for _, s := range specs {
		if chosen[s] {
			out = append(out, s)
		}
	}
	return out, nil
}

// auditReport tallies the findings per resource.
type auditReport struct {
	a       *refaudit.Auditor
	order   []string
	tallies map[string]*auditTally
	repair  bool
	// remaining holds, when repairing, the rows found and not (yet)
	// repaired; unrepaired counts the rows an audit found.
	remaining  map[rowID]bool
	unrepaired int
}

type auditTally struct {
	documents                                   int
	missing, extra, wrong, unhashable, repaired int
	details                                     []string
	more                                        int
}

// rowID names a drifted row: a repair run may report the same row twice
// (left missing while freeing an id for another document, then repaired
// when its own batch is scanned).
type rowID struct {
	document int64
	key      int16
}

func newAuditReport(a *refaudit.Auditor, repair bool) *auditReport {
	return &auditReport{a: a, repair: repair, tallies: map[string]*auditTally{}, remaining: map[rowID]bool{}}
}

func (r *auditReport) tally(resource string) *auditTally {
	t, ok := r.tallies[resource]
	if !ok {
		t = &auditTally{}
		r.tallies[resource] = t
		r.order = append(r.order, resource)
	}
	return t
}

func (r *auditReport) documents(resource string, n int) { r.tally(resource).documents += n }

func (r *auditReport) add(d refaudit.Drift) {
	t := r.tally(d.Resource)
	switch d.Kind {
	case refaudit.Missing:
		t.missing++
	case refaudit.Extra:
		t.extra++
	case refaudit.Wrong:
		t.wrong++
	case refaudit.Unhashable:
		t.unhashable++
	}
	id := rowID{d.DocumentID, d.ResourceKeyID}
	switch {
	case d.Repaired:
		t.repaired++
		delete(r.remaining, id)
	case r.repair:
		r.remaining[id] = true
	default:
		r.unrepaired++ // an audit reports each row once: no need to remember it
	}
	if len(t.details) < maxDetailsPerResource {
		line := r.a.Describe(d)
		if d.Repaired {
			line += " (repaired)"
		}
		t.details = append(t.details, line)
	} else {
		t.more++
	}
}

// print writes the per-resource table, then the drifted rows.
func (r *auditReport) print(w io.Writer) {
	var total auditTally
	width := len("RESOURCE")
	for _, name := range r.order {
		t := r.tallies[name]
		width = max(width, len(name))
		total.documents += t.documents
		total.missing += t.missing
		total.extra += t.extra
		total.wrong += t.wrong
		total.unhashable += t.unhashable
		total.repaired += t.repaired
	}
	fmt.Fprintf(w, "%-*s  %9s  %7s  %5s  %5s  %10s  %8s\n", width, "RESOURCE", "DOCUMENTS", "MISSING", "EXTRA", "WRONG", "UNHASHABLE", "REPAIRED")
	row := func(name string, t *auditTally) {
		fmt.Fprintf(w, "%-*s  %9d  %7d  %5d  %5d  %10d  %8d\n", width, name, t.documents, t.missing, t.extra, t.wrong, t.unhashable, t.repaired)
	}
	for _, name := range r.order {
		row(name, r.tallies[name])
	}
	row("total", &total)
	for _, name := range r.order {
		t := r.tallies[name]
		for _, line := range t.details {
			fmt.Fprintln(w, line)
		}
		if t.more > 0 {
			fmt.Fprintf(w, "%s: %d more drifted rows not listed\n", name, t.more)
		}
	}
}

// errDrift is the outcome of an audit that leaves drift behind.
var errDrift = errors.New("dms.ReferentialIdentity drift")

// outcome prints the summary line and returns errDrift (exit 1) when drift
// was found and is not repaired.
func (r *auditReport) outcome(elapsed time.Duration, w io.Writer) error {
	var documents, found int
	for _, t := range r.tallies {
		documents += t.documents
		found += t.missing + t.extra + t.wrong + t.unhashable
	}
	elapsed = elapsed.Round(time.Millisecond)
	switch {
	case found == 0:
		fmt.Fprintf(w, "no drift: the dms.ReferentialIdentity rows of %d documents match their identities (%s)\n", documents, elapsed)
		return nil
	case !r.repair:
		return fmt.Errorf("%w: %d drifted rows in %d documents checked; rerun with --repair to fix them", errDrift, r.unrepaired, documents)
	case len(r.remaining) == 0:
		fmt.Fprintf(w, "repaired: every drifted row of %d documents now matches (%s)\n", documents, elapsed)
		return nil
	}
	return fmt.Errorf("%w: %d rows could not be repaired (listed above)", errDrift, len(r.remaining))
}
