package engine_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/etag"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// BenchmarkPost POSTs new documents (a generated document with a fresh
// identity) on the bundled schema: a student school association (root row
// only) and a student (with its extension collections, nested two deep).
// It reports time, allocations and round trips of the engine's write path,
// database included, and the CPU time PostgreSQL's backends spent per POST
// (pg-cpu-ms/op, when PostgreSQL runs on this host).
//
//	go test ./runtime/engine -run '^$' -bench '^BenchmarkPost$' -benchmem -benchtime 3000x
func BenchmarkPost(b *testing.B) {
	e := bundledEnv(b)
	templates := map[string]map[string]any{}
	for _, d := range fakeDocs(b, e.set, 1) {
		if _, _, err := e.post(b, e.resourceAt(b, d.Project, d.Resource), d.Body); err != nil {
			b.Fatalf("POST %s/%s: %v %s", d.Project, d.Resource, err, problemJSON(err))
		}
		var m map[string]any
		if err := json.Unmarshal(d.Body, &m); err != nil {
			b.Fatal(err)
		}
		templates[d.Resource] = m
	}
	day := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name, endpoint, member string
		value                  func(i int) string
	}{
		{"studentSchoolAssociation", "studentSchoolAssociations", "entryDate", func(i int) string { return day.AddDate(0, 0, i).Format(time.DateOnly) }},
		{"student", "students", "studentUniqueId", func(i int) string { return "B" + strconv.Itoa(i) }},
	} {
		b.Run(c.name, func(b *testing.B) {
			res := e.resourceAt(b, "ed-fi", c.endpoint)
			template := templates[c.endpoint]
			const batch = 4096
			var bodies [][]byte
			ctx, rts := db.WithRoundTrips(context.Background())
			cpu := backendCPU(b, e)
			i := 0
			for b.Loop() {
				if len(bodies) == 0 {
					b.StopTimer()
					for range batch {
						template[c.member] = c.value(i)
						bodies = append(bodies, mustJSON(b, template))
						i++
					}
					b.StartTimer()
				}
				out, err := e.writer.UpsertDocument(ctx, res, bodies[0], etag.Write{})
				if err != nil || !out.Created {
					b.Fatal(err, problemJSON(err))
				}
				bodies = bodies[1:]
			}
			b.ReportMetric(float64(rts.Count())/float64(b.N), "trips/op")
			if spent, ok := cpu(); ok {
				b.ReportMetric(float64(spent.Microseconds())/1000/float64(b.N), "pg-cpu-ms/op")
			}
		})
	}
}

// backendCPU starts measuring the CPU time of the database's backends; the
// function it returns tells the time spent since, or false when the
// backends' /proc entries cannot be read (PostgreSQL on another host).
func backendCPU(b *testing.B, e *env) func() (time.Duration, bool) {
	b.Helper()
	// Open the pool's connections first, so that (nearly) every backend the
	// benchmark uses exists at the start.
	conns := make([]*pgxpool.Conn, e.pool.Config().MaxConns)
	for i := range conns {
		c, err := e.pool.Acquire(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		conns[i] = c
	}
	for _, c := range conns {
		c.Release()
	}
	sample := func() (map[int]time.Duration, bool) {
		rows, err := e.pool.Query(context.Background(), `SELECT pid FROM pg_stat_activity WHERE datname = current_database()`)
		if err != nil {
			b.Fatal(err)
		}
		pids, err := pgx.CollectRows(rows, pgx.RowTo[int32])
		if err != nil {
			b.Fatal(err)
		}
		out := map[int]time.Duration{}
		for _, pid := range pids {
			stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
			if err != nil {
				return nil, false
			}
			// utime and stime, in clock ticks (100 a second on Linux), are the
			// 12th and 13th fields after the parenthesised command name.
			f := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
			u, _ := strconv.ParseInt(f[11], 10, 64)
			k, _ := strconv.ParseInt(f[12], 10, 64)
			out[int(pid)] = time.Duration(u+k) * 10 * time.Millisecond
		}
		return out, true
	}
	before, ok := sample()
	return func() (time.Duration, bool) {
		after, ok2 := sample()
		if !ok || !ok2 {
			return 0, false
		}
		var spent time.Duration
		for pid, t := range after {
			spent += t - before[pid]
		}
		return spent, true
	}
}
