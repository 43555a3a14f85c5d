package difftest

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/edfi-dmsc/dmsc/internal/oracle"
	"github.com/edfi-dmsc/dmsc/runtime/engine"
	"github.com/edfi-dmsc/dmsc/runtime/identity"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/google/uuid"
)

// CompareCodecs runs every case of the corpus of subject's schema through
// the generated write code (Codec.Write, run by engine.CheckWrite) and
// through the oracle's flattening, in process and without a database, and
// requires the same verdicts (problem details) and, for the bodies both
// accept, the same flattened document: referential ids, identity, the rows of every table
// with their JSON paths and values (the key columns aside: the merge fills
// them), and the references and descriptors to resolve. Where Differential
// checks what a write finally stores, this checks the generated code
// alone, on every case in seconds.
func CompareCodecs(t *testing.T, subject Subject) {
	compareCodecs(t, subject, options{})
}

func compareCodecs(t testing.TB, subject Subject, opts options) {
	ctx := context.Background()
	comp := compile(t, subject)
	corpus := comp.corpus(t)
	if opts.tamper != nil {
		opts.tamper(comp.plans)
	}
	start := time.Now()
	accepted, deviations, differences := 0, 0, 0
	ran := 0
	for _, c := range corpus.Cases {
		if opts.only != "" && c.Resource != opts.only {
			continue
		}
		ran++
		res := comp.plans[c.Resource]
		limits := c.Limits.WithDefaults()
		want, werr := oracle.Flatten(ctx, res, c.ID, c.Body, limits)
		flat, gerr := engine.CheckWrite(ctx, comp.codecs[c.Resource].Write, engine.WriteInput{ID: c.ID, Limits: limits}, c.Body)
		var got string
		switch {
		case gerr != nil && (werr == nil || problemStatus(werr) != 0) && ColumnRange(problemStatus(gerr), verdict(gerr), problemStatus(werr), verdict(werr)):
			deviations++
			continue
		case werr != nil || gerr != nil:
			got, wantText := verdict(gerr), verdict(werr)
			if got != wantText {
				differences++
				report(t, differences, opts, &c, "verdict", got, wantText)
			}
			continue
		case res.IsDescriptor:
			got = describeDescriptor(flat.ReferentialID, (*oracle.DescriptorFields)(flat.Descriptor))
		default:
			got = describeGenerated(res, flat)
		}
		accepted++
		if wantText := describeOracle(res, want); got != wantText {
			differences++
			report(t, differences, opts, &c, "flattened document", got, wantText)
		}
	}
	t.Logf("%d cases over %d resources in %s: %d bodies accepted; %d known deviations (ColumnRange); %d differences",
		ran, len(corpus.Resources), time.Since(start).Round(time.Millisecond), accepted, deviations, differences)
}

// report reports the nth difference; the first opts.reported (by default
// defaultReported) in full.
func report(t testing.TB, n int, opts options, c *Case, what, got, want string) {
	if n <= cmp.Or(opts.reported, defaultReported) {
		t.Errorf("%s %s %s: %s differ\ngenerated: %s\noracle:    %s", c.Resource, c.Method, c.Name, what, got, want)
	}
}

// verdict is the problem details of a refusal ("accepted" for none).
func verdict(err error) string {
	var p *problem.Details
	switch {
	case err == nil:
		return "accepted"
	case errors.As(err, &p):
		return string(p.JSON())
	}
	return "error: " + err.Error()
}

// problemStatus is the status of a problem-details error (0 for another).
func problemStatus(err error) int {
	var p *problem.Details
	if errors.As(err, &p) {
		return p.Status
	}
	return 0
}

// describeOracle writes the oracle's flattened document as text.
func describeOracle(res *spec.Resource, f *oracle.Flat) string {
	if res.IsDescriptor {
		return describeDescriptor(f.ReferentialID, f.Descriptor)
	}
	d := flatText{res: res, referentialID: f.ReferentialID, superclassID: f.SuperclassID, identity: f.Identity}
	for ti, rows := range f.Rows {
		for _, r := range rows {
			d.row(ti, r.Path, r.Values)
		}
	}
	for _, p := range f.Pending {
		d.pending(p.Table, p.Row, p.Column, p.ID, p.Path, p.Target, p.KeyID, p.Descriptor, p.URI)
	}
	return d.String()
}

// describeGenerated writes the generated code's flattened document as text.
func describeGenerated(res *spec.Resource, f *engine.FlatDoc) string {
	d := flatText{res: res, referentialID: f.ReferentialID, superclassID: f.SuperclassID, identity: f.Identity}
	type place struct{ table, row int }
	at := map[*engine.FlatRow]place{}
	for ti, rows := range f.Rows {
		for i, r := range rows {
			at[r] = place{ti, i}
			d.row(ti, r.Path(), r.Values)
		}
	}
	for _, p := range f.Pending {
		pl := at[p.Row]
		d.pending(pl.table, pl.row, p.Column, p.ID, p.Path(), p.Target, p.KeyID, p.Descriptor, p.URI)
	}
	return d.String()
}

func describeDescriptor(referentialID uuid.UUID, f *oracle.DescriptorFields) string {
	return fmt.Sprintf("%s namespace=%q codeValue=%q shortDescription=%q description=%s effectiveBeginDate=%s effectiveEndDate=%s",
		referentialID, f.Namespace, f.CodeValue, f.ShortDescription, text(f.Description), text(f.EffectiveBeginDate), text(f.EffectiveEndDate))
}

// flatText writes a flattened document in one form for both sides: its
// ids and identity, its rows per table (the columns the merge fills left
// out) and its pending values, sorted (resolution orders them itself).
type flatText struct {
	res                         *spec.Resource
	referentialID, superclassID uuid.UUID
	identity                    []identity.Element
	rows                        []string
	pendings                    []string
}

func (d *flatText) row(table int, path string, vals []*string) {
	var b strings.Builder
	t, tw := d.res.Tables[table], &d.res.Write.Tables[table]
	fmt.Fprintf(&b, "%s %s:", t.Name, path)
	for i, ci := range tw.Stored {
		if roleOf(t.Columns[ci]) != noKey {
			continue
		}
		b.WriteString(" " + t.Columns[ci].Name + "=" + text(vals[i]))
	}
	d.rows = append(d.rows, b.String())
}

func (d *flatText) pending(table, row, column int, id uuid.UUID, path, target string, keyID int16, descriptor bool, uri string) {
	d.pendings = append(d.pendings, fmt.Sprintf("%s[%d] column %d: %s at %s, %s (key %d) descriptor=%t %q",
		d.res.Tables[table].Name, row, column, id, path, target, keyID, descriptor, uri))
}

func (d *flatText) String() string {
	slices.Sort(d.pendings)
	return fmt.Sprintf("referential id %s, superclass %s, identity %v\n  rows:\n    %s\n  pending:\n    %s",
		d.referentialID, d.superclassID, d.identity, strings.Join(d.rows, "\n    "), strings.Join(d.pendings, "\n    "))
}

func text(s *string) string {
	if s == nil {
		return "NULL"
	}
	return strconv.Quote(*s)
}
