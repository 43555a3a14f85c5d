package engine_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/engine"
	"github.com/edfi-dmsc/dmsc/runtime/etag"
	"github.com/edfi-dmsc/dmsc/runtime/metrics"
	"github.com/edfi-dmsc/dmsc/runtime/metrics/metricstest"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/edfi-dmsc/dmsc/runtime/server"
)

// withLimits is a writer on the same database with other limits.
func (l *loaded) withLimits(limits server.WriteLimits) *engine.Writer {
	w := *l.writer
	w.Limits = limits.WithDefaults()
	w.Retry = w.Limits.RetryPolicy()
	return &w
}

// sectionState is what an identity update of the section changes: the
// section's identifier, the identifiers its associations carry, and every
// involved document's ContentVersion.
func (l *loaded) sectionState(t *testing.T) string {
	t.Helper()
	var s string
	err := l.pool.QueryRow(context.Background(), `SELECT string_agg(x, ',' ORDER BY x) FROM (
		SELECT s."SectionIdentifier" || ':' || d."ContentVersion" AS x FROM "edfi"."Section" s JOIN "dms"."Document" d USING ("DocumentId")
		UNION ALL
		SELECT a."Section_SectionIdentifier" || ':' || d."ContentVersion" FROM "edfi"."StudentSectionAssociation" a JOIN "dms"."Document" d USING ("DocumentId")) v`).Scan(&s)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestIdentityUpdateFanOutLimit: an identity update cascading into more
// documents than the limit is refused with a 409 naming the limit and the
// count and leaves the database as it was; within the limit it commits,
// in the same two round trips, and the fan-out is recorded.
func TestIdentityUpdateFanOutLimit(t *testing.T) {
	l := loadBundled(t)
	ssa := l.res(t, "ed-fi/studentSectionAssociations")
	for i := 1; i <= 4; i++ {
		d := l.doc(t, "ed-fi/studentSectionAssociations")
		d["beginDate"] = fmt.Sprintf("2003-01-0%d", i)
		if _, _, err := l.post(t, ssa, mustJSON(t, d)); err != nil {
			t.Fatal(err, problemJSON(err))
		}
	}
	const dependents = 5 // the section's five associations
	section := l.out["ed-fi/sections"]
	renamed := l.doc(t, "ed-fi/sections")
	renamed["sectionIdentifier"] = "RENAMED"
	m := metrics.New()
	ctx := metrics.With(context.Background(), m, metrics.Labels{Resource: "ed-fi/sections", Operation: "update"})
	before := l.sectionState(t)

	_, err := l.withLimits(server.WriteLimits{MaxIdentityUpdateFanOut: dependents - 1}).
		UpdateDocument(ctx, l.res(t, "ed-fi/sections"), section.ID, withID(t, section.ID, mustJSON(t, renamed)), etag.Write{})
	var p *problem.Details
	if !errors.As(err, &p) || p.Status != 409 || p.Type != problem.TypeIdentityUpdateTooLarge ||
		!strings.Contains(p.Detail, "update 5 other items") || !strings.Contains(p.Detail, "the 4 this server allows") ||
		!strings.Contains(p.Detail, server.LimitIdentityUpdateFanOut) {
		t.Fatalf("over the limit: %v %s", err, problemJSON(err))
	}
	if after := l.sectionState(t); after != before {
		t.Fatalf("a refused identity update changed the database:\nbefore %s\nafter  %s", before, after)
	}
	if got := metricstest.Read(t, m, metrics.FamilyGuardrails, "limit", server.LimitIdentityUpdateFanOut).Value; got != 1 {
		t.Errorf("guardrail rejections = %v, want 1", got)
	}

	ctx, rt := db.WithRoundTrips(ctx)
	if _, err := l.withLimits(server.WriteLimits{MaxIdentityUpdateFanOut: dependents}).
		UpdateDocument(ctx, l.res(t, "ed-fi/sections"), section.ID, withID(t, section.ID, mustJSON(t, renamed)), etag.Write{}); err != nil {
		t.Fatalf("within the limit: %v %s", err, problemJSON(err))
	}
	if rt.Count() != 2 {
		t.Errorf("identity update round trips = %d, want 2 (the fan-out is counted in the write pipeline)", rt.Count())
	}
	if ids := l.int64s(t, `SELECT count(*) FROM "edfi"."StudentSectionAssociation" WHERE "Section_SectionIdentifier" = 'RENAMED'`); ids[0] != dependents {
		t.Errorf("associations following the rename = %d, want %d", ids[0], dependents)
	}
	fanOut := metricstest.Read(t, m, metrics.FamilyCascadeDocuments, "resource", "ed-fi/sections")
	if fanOut.Count != 2 || fanOut.Sum != 2*dependents {
		t.Errorf("fan-out observations: %d summing %v, want 2 of %d", fanOut.Count, fanOut.Sum, dependents)
	}
}

// TestIdentityUpdatesCanBeDisabled: per deployment, and per resource.
func TestIdentityUpdatesCanBeDisabled(t *testing.T) {
	l := loadBundled(t)
	section := l.out["ed-fi/sections"]
	renamed := l.doc(t, "ed-fi/sections")
	renamed["sectionIdentifier"] = "RENAMED"
	for _, limits := range []server.WriteLimits{
		{DisableIdentityUpdates: true},
		{DenyIdentityUpdates: []string{"ed-fi/sessions", "ed-fi/sections"}},
		{DenyIdentityUpdates: []string{"section"}},
	} {
		_, err := l.withLimits(limits).UpdateDocument(context.Background(), l.res(t, "ed-fi/sections"), section.ID, withID(t, section.ID, mustJSON(t, renamed)), etag.Write{})
		var p *problem.Details
		if !errors.As(err, &p) || p.Status != 400 || p.Type != problem.TypeKeyChangeNotSupported || !strings.Contains(p.Detail, "disabled") {
			t.Errorf("%+v: %v %s", limits, err, problemJSON(err))
		}
	}
	// A change that keeps the identity is not an identity update.
	same := l.doc(t, "ed-fi/sections")
	same["sectionName"] = "Renamed only"
	if _, err := l.withLimits(server.WriteLimits{DisableIdentityUpdates: true}).
		UpdateDocument(context.Background(), l.res(t, "ed-fi/sections"), section.ID, withID(t, section.ID, mustJSON(t, same)), etag.Write{}); err != nil {
		t.Errorf("non-identity change: %v", err)
	}
	if _, err := l.withLimits(server.WriteLimits{DenyIdentityUpdates: []string{"ed-fi/sessions"}}).
		UpdateDocument(context.Background(), l.res(t, "ed-fi/sections"), section.ID, withID(t, section.ID, mustJSON(t, renamed)), etag.Write{}); err != nil {
		t.Errorf("identity change of a resource not denied: %v %s", err, problemJSON(err))
	}
}

// TestCollectionItemLimits: too many items in one array, or in all, are a
// 400 naming the array path (or $) and the limit, answered before any
// database round trip.
func TestCollectionItemLimits(t *testing.T) {
	l := loadBundled(t)
	school := l.doc(t, "ed-fi/schools")
	gl := school["gradeLevels"].([]any)[0]
	school["gradeLevels"] = []any{gl, gl, gl}
	m := metrics.New()
	ctx := metrics.With(context.Background(), m, metrics.Labels{})
	for _, c := range []struct {
		limits server.WriteLimits
		path   string
		text   string
	}{
		{server.WriteLimits{MaxCollectionItems: 2}, "$.gradeLevels", "The array has 3 items, more than the 2 this server accepts in one array (collection-items)."},
		{server.WriteLimits{MaxDocumentItems: 3}, "$", "(document-items)"},
	} {
		ctx, rt := db.WithRoundTrips(ctx)
		_, err := l.withLimits(c.limits).UpsertDocument(ctx, l.res(t, "ed-fi/schools"), mustJSON(t, school), etag.Write{})
		var p *problem.Details
		if !errors.As(err, &p) || p.Status != 400 || len(p.ValidationErrors.Messages(c.path)) != 1 ||
			!strings.Contains(p.ValidationErrors.Messages(c.path)[0], c.text) {
			t.Errorf("%+v: %v %s", c.limits, err, problemJSON(err))
		}
		if rt.Count() != 0 {
			t.Errorf("%+v: %d round trips before the refusal, want 0", c.limits, rt.Count())
		}
	}
	for _, limit := range []string{server.LimitCollectionItems, server.LimitDocumentItems} {
		if got := metricstest.Read(t, m, metrics.FamilyGuardrails, "limit", limit).Value; got != 1 {
			t.Errorf("rejections{%s} = %v, want 1", limit, got)
		}
	}
	// Negative limits disable the checks (gradeLevels repeat one item: the
	// uniqueness check answers).
	_, err := l.withLimits(server.WriteLimits{MaxCollectionItems: -1, MaxDocumentItems: -1}).
		UpsertDocument(context.Background(), l.res(t, "ed-fi/schools"), mustJSON(t, school), etag.Write{})
	if p := problemJSON(err); strings.Contains(p, "collection-items") || strings.Contains(p, "document-items") {
		t.Errorf("disabled limits still refused: %s", p)
	}
}

// TestConcurrentIdentityUpdates: fifty identical PUTs changing a section's
// identity at once all succeed, and the change is made once.
func TestConcurrentIdentityUpdates(t *testing.T) {
	l := loadBundled(t)
	section := l.out["ed-fi/sections"]
	renamed := mustJSON(t, func() map[string]any {
		d := l.doc(t, "ed-fi/sections")
		d["sectionIdentifier"] = "RENAMED"
		return d
	}())
	var wg sync.WaitGroup
	errs := make([]error, 50)
	for i := range errs {
		wg.Go(func() {
			_, errs[i] = l.writer.UpdateDocument(context.Background(), l.res(t, "ed-fi/sections"), section.ID, withID(t, section.ID, renamed), etag.Write{})
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("PUT %d: %v %s", i, err, problemJSON(err))
		}
	}
	if n := l.int64s(t, `SELECT count(*) FROM "edfi"."Section" WHERE "SectionIdentifier" = 'RENAMED'`); n[0] != 1 {
		t.Errorf("renamed sections = %d, want 1", n[0])
	}
}

// BenchmarkIdentityUpdateFanOut renames a section with one association
// while 50,000 associations of another section, inserted in bulk and not
// analyzed, share the table: the fan-out count must range-scan the rows
// stamped by the update (IX_StudentSectionAssociation_ContentVersion), not
// the table.
func BenchmarkIdentityUpdateFanOut(b *testing.B) {
	l := loadBundled(b)
	ctx := context.Background()
	other := l.doc(b, "ed-fi/sections")
	other["sectionIdentifier"] = "OTHER"
	if _, _, err := l.post(b, l.res(b, "ed-fi/sections"), mustJSON(b, other)); err != nil {
		b.Fatal(err)
	}
	a := l.doc(b, "ed-fi/studentSectionAssociations")
	a["sectionReference"].(map[string]any)["sectionIdentifier"] = "OTHER"
	if _, _, err := l.post(b, l.res(b, "ed-fi/studentSectionAssociations"), mustJSON(b, a)); err != nil {
		b.Fatal(err)
	}
	if _, err := l.pool.Exec(ctx, `
		WITH src AS (SELECT a.*, d."ResourceKeyId" FROM "edfi"."StudentSectionAssociation" a JOIN "dms"."Document" d USING ("DocumentId")
			WHERE a."Section_SectionIdentifier" = 'OTHER'),
		docs AS (INSERT INTO "dms"."Document" ("DocumentUuid", "ResourceKeyId")
			SELECT gen_random_uuid(), src."ResourceKeyId" FROM src, generate_series(1, 50000) RETURNING "DocumentId")
		INSERT INTO "edfi"."StudentSectionAssociation" ("DocumentId", "Section_DocumentId", "Section_LocalCourseCode", "Section_SchoolId",
			"Section_SchoolYear", "Section_SectionIdentifier", "Section_SessionName", "Student_DocumentId", "Student_StudentUniqueId", "BeginDate")
		SELECT docs."DocumentId", src."Section_DocumentId", src."Section_LocalCourseCode", src."Section_SchoolId", src."Section_SchoolYear",
			src."Section_SectionIdentifier", src."Section_SessionName", src."Student_DocumentId", src."Student_StudentUniqueId",
			DATE '1700-01-01' + (row_number() OVER ())::int
		FROM docs, src`); err != nil {
		b.Fatal(err)
	}
	section := l.out["ed-fi/sections"]
	m := metrics.New()
	ctx, rt := db.WithRoundTrips(metrics.With(ctx, m, metrics.Labels{}))
	d := l.doc(b, "ed-fi/sections")
	for i := 0; b.Loop(); i++ {
		d["sectionIdentifier"] = fmt.Sprintf("R%d", i)
		if _, err := l.writer.UpdateDocument(ctx, l.res(b, "ed-fi/sections"), section.ID, withID(b, section.ID, mustJSON(b, d)), etag.Write{}); err != nil {
			b.Fatal(err)
		}
	}
	if fanOut := metricstest.Read(b, m, metrics.FamilyCascadeDocuments); fanOut.Sum != float64(fanOut.Count) {
		b.Fatalf("fan-out %v over %d updates, want 1 each", fanOut.Sum, fanOut.Count)
	}
	b.ReportMetric(float64(rt.Count())/float64(b.N), "roundtrips/op")
}
