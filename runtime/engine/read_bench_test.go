package engine_test

import (
	"context"
	"testing"

	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/etag"
	"github.com/edfi-dmsc/dmsc/runtime/server"
)

// BenchmarkRead measures GET by id and a GET page of 25 Students (with
// their extension collections) on the bundled schema, and reports the
// round trips per operation.
func BenchmarkRead(b *testing.B) {
	e := newReadEnv(b)
	w := e.newWriter()
	var students []*generated
	for _, d := range generate(b, e.set, 25) {
		d.res = e.resourceAt(b, d.Project, d.Resource)
		out, err := w.UpsertDocument(context.Background(), d.res, d.Body, etag.Write{})
		if err != nil {
			b.Fatalf("POST %s: %v", d.Resource, err)
		}
		d.id = out.ID
		if d.res.Name == "Student" {
			students = append(students, d)
		}
	}
	linked := etag.DefaultVariant(e.info.EffectiveSchemaHash, true)
	b.Run("GetByID", func(b *testing.B) {
		ctx, rts := db.WithRoundTrips(context.Background())
		for i := 0; b.Loop(); i++ {
			d := students[i%len(students)]
			if r, err := e.read(d.res).ReadByID(ctx, e.pool, d.res, d.id, linked, etag.Condition{}); err != nil || r == nil {
				b.Fatal(r, err)
			}
		}
		b.ReportMetric(float64(rts.Count())/float64(b.N), "roundtrips/op")
	})
	b.Run("Page25", func(b *testing.B) {
		ctx, rts := db.WithRoundTrips(context.Background())
		for b.Loop() {
			if _, err := e.read(students[0].res).QueryPage(ctx, e.pool, students[0].res, nil, server.Paging{Limit: 25, TotalCount: true}, linked); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(rts.Count())/float64(b.N), "roundtrips/op")
	})
}
