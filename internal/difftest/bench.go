package difftest

import (
	"bytes"
	"context"
	"fmt"
	"syscall"
	"testing"

	"github.com/edfi-dmsc/dmsc/compiler/fake"
	"github.com/edfi-dmsc/dmsc/internal/oracle"
	"github.com/edfi-dmsc/dmsc/internal/roundtrip"
	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/db/dbtest"
	"github.com/edfi-dmsc/dmsc/runtime/engine"
	"github.com/edfi-dmsc/dmsc/runtime/etag"
	"github.com/edfi-dmsc/dmsc/runtime/server"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgtype"
)

// benchDocument is one fake document of the benchmarks with what its
// GET reads.
type benchDocument struct {
	res   *spec.Resource // the oracle's plan
	codec *engine.Codec  // the generated code of the resource
	body  []byte
	// read are the result sets the GET by id of the stored document
	// reads, undecoded.
	read []rawTable
}

// BenchmarkCodec measures, per document, over one fake document of every
// resource of subject's schema with every optional member present (each
// iteration takes the next document, so ns/op is the mean over the
// resources):
//   - Write: decode, guardrails, validation and flattening of a POST body;
//   - Read: hydration of the result sets a GET by id reads (recorded once
//     from a database, decoded by each iteration as its server path
//     decodes them) and JSON encoding of the document. The oracle decodes
//     them as pgx's Rows.Values, as the interpreter did per request; the
//     generated code reads them through engine.Row, as the server does.
//
// Each runs the oracle (the interpreter) and, as sub-benchmarks beside it,
// the generated code. Besides ns/op and allocations, cpu-ns/op is the
// process's CPU time per operation, which a busy machine does not inflate.
func BenchmarkCodec(b *testing.B, subject Subject) {
	docs := benchDocuments(b, subject)
	ctx := context.Background()
	limits := server.WriteLimits{}.WithDefaults()
	in := engine.WriteInput{Limits: limits}
	variant := etag.DefaultVariant(subject.Schema.EffectiveSchemaHash, true)
	types := pgtype.NewMap()
	for _, side := range []struct {
		name string
		run  func(d *benchDocument) error
	}{
		{"Write/oracle", func(d *benchDocument) error { return oracle.Prepare(ctx, d.res, uuid.Nil, d.body, limits) }},
		{"Write/generated", func(d *benchDocument) error { _, err := d.codec.Write(ctx, in, d.body); return err }},
		{"Read/oracle", func(d *benchDocument) error { _, err := encodeOracle(types, d, variant); return err }},
		{"Read/generated", func(d *benchDocument) error { _, err := encodeGenerated(types, d, variant); return err }},
	} {
		b.Run(side.name, func(b *testing.B) {
			b.ReportAllocs()
			cpu := processCPU()
			for i := 0; b.Loop(); i++ {
				d := &docs[i%len(docs)]
				if err := side.run(d); err != nil {
					b.Fatalf("%s: %v", d.res.Label(), err)
				}
			}
			b.ReportMetric(float64(processCPU()-cpu)/float64(b.N), "cpu-ns/op")
		})
	}
}

// processCPU is the CPU time the process has spent, user and system, in
// nanoseconds. Per operation it measures the work of a benchmark (its
// garbage collection included) apart from the time other processes take
// the CPUs away, which ns/op counts on a busy machine.
func processCPU() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// encodeOracle decodes the result sets of d's GET as pgx's Rows.Values
// and hydrates and encodes them with the oracle.
func encodeOracle(types *pgtype.Map, d *benchDocument, v etag.Variant) ([]byte, error) {
	vals, err := values(types, d.read)
	if err != nil {
		return nil, err
	}
	return oracle.Encode(d.res, vals, v)
}

// encodeGenerated hands the result sets of d's GET to the generated
// hydration as the engine does (engine.Row) and encodes the document.
func encodeGenerated(types *pgtype.Map, d *benchDocument, v etag.Variant) ([]byte, error) {
	docs, err := d.codec.Read.Hydrate(newReplay(types, d.read))
	if err != nil {
		return nil, err
	}
	if len(docs) != 1 {
		return nil, fmt.Errorf("%d documents hydrated from the rows of one", len(docs))
	}
	return d.codec.Read.Encode(docs[0], v.Tag(docs[0].Meta().ContentVersion), v.Links), nil
}

// benchDocuments generates one document of every resource, stores them
// (through the oracle) in a database of their own and records the rows
// each one's GET by id reads.
func benchDocuments(b *testing.B, subject Subject) []benchDocument {
	b.Helper()
	ctx := context.Background()
	comp := compile(b, subject)
	ds, err := generate(comp.set, fake.Options{Seed: 1, Count: 1, OptionalShare: 1})
	if err != nil {
		b.Fatal(err)
	}
	url := dbtest.New(b)
	if _, _, err := roundtrip.ProvisionPgsql(ctx, url, subject.SchemaFiles...); err != nil {
		b.Fatal(err)
	}
	pool, err := db.Open(ctx, url)
	if err != nil {
		b.Fatal(err)
	}
	defer pool.Close()
	w := &oracle.Writer{Pool: pool, Retry: db.DefaultRetryPolicy, SchemaEpoch: etag.SchemaEpoch(comp.effectiveSchemaHash),
		Limits: server.WriteLimits{}.WithDefaults()}
	var docs []benchDocument
	for _, d := range ds.Documents {
		res := comp.plans[d.Resource]
		out, err := w.UpsertDocument(ctx, res, d.Body, etag.Write{})
		if err != nil {
			b.Fatalf("POST %s: %v", d.Resource, err)
		}
		read, err := recordRaw(ctx, pool, res, out.ID)
		if err != nil {
			b.Fatalf("GET %s: %v", d.Resource, err)
		}
		docs = append(docs, benchDocument{res: res, codec: comp.codecs[d.Resource], body: d.Body, read: read})
	}
	// The two sides must do the same work: the same JSON out.
	types, variant := pgtype.NewMap(), etag.DefaultVariant(comp.effectiveSchemaHash, true)
	for i := range docs {
		d := &docs[i]
		want, err := encodeOracle(types, d, variant)
		if err != nil {
			b.Fatalf("%s: oracle: %v", d.res.Label(), err)
		}
		got, err := encodeGenerated(types, d, variant)
		if err != nil {
			b.Fatalf("%s: generated: %v", d.res.Label(), err)
		}
		if !bytes.Equal(got, want) {
			b.Fatalf("%s: the generated code encodes\n%s\nthe oracle\n%s", d.res.Label(), got, want)
		}
	}
	return docs
}
