package apiload_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/edfi-dmsc/dmsc/compiler/fake"
	"github.com/edfi-dmsc/dmsc/compiler/gogen"
	"github.com/edfi-dmsc/dmsc/internal/apiload"
	"github.com/edfi-dmsc/dmsc/internal/refdata"
	"github.com/edfi-dmsc/dmsc/internal/roundtrip"
	"github.com/edfi-dmsc/dmsc/runtime/db/dbtest"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/jackc/pgx/v5"
)

// BenchmarkLoadDS32a loads `dmsc fake --count 75` of the DS 3.2a core
// (19,875 documents) into fresh provisioned databases:
//
//	DMSC_BENCH=1 go test ./internal/apiload -run '^$' -bench '^BenchmarkLoadDS32a$' -benchtime 3x -timeout 60m
//
// Sub-benchmarks: direct (the generated server's load subcommand, default
// batch size and workers; its own figure, without the process start), rerun (the same file again into the loaded
// database: everything exists), rawcopy (the floor: the rows the direct
// load wrote, dumped with COPY TO and written with COPY FROM into a fresh
// database in foreign-key order, one connection, triggers on), http (dmsc
// load --url --schema --concurrency 8 through a generated server) and
// http-file-order (the same without --schema: file order, 409s sent
// again). Each reports docs/s, the CPU time of the database sessions per
// load where it can be read from /proc (db-cpu-s; direct, rerun and
// rawcopy) and the 1-minute load average (load1) at its end; the machine
// is shared, so compare figures taken back to back. make bench-load runs
// each load on its own three times, for medians.
func BenchmarkLoadDS32a(b *testing.B) {
	if os.Getenv("DMSC_BENCH") == "" {
		b.Skip("set DMSC_BENCH=1 to run the DS 3.2a load benchmarks")
	}
	ds := refdata.File(b, refdata.DS32aCoreSchema)
	ctx := context.Background()
	template := dbtest.New(b)
	set, _, err := roundtrip.ProvisionPgsql(ctx, template, ds)
	if err != nil {
		b.Fatal(err)
	}
	schema, err := gogen.Plans(ds)
	if err != nil {
		b.Fatal(err)
	}
	var ndjson bytes.Buffer
	if _, err := fake.Generate(set, fake.Options{Count: 75, Seed: 1}, &ndjson); err != nil {
		b.Fatal(err)
	}
	file := filepath.Join(b.TempDir(), "ds32a.ndjson")
	if err := os.WriteFile(file, ndjson.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	lines, err := apiload.Read(&ndjson)
	if err != nil {
		b.Fatal(err)
	}
	var built *roundtrip.Built
	serverBinary := func(b *testing.B) string {
		if built == nil {
			if built, err = roundtrip.BuildServer(ctx, refdata.RepoRoot(b), b.TempDir(), ds); err != nil {
				b.Fatal(err)
			}
		}
		return built.Binary
	}
	clone := func(b *testing.B) string {
		name := dbtest.ReserveName(b)
		admin, err := pgx.Connect(ctx, dbtest.AdminURL())
		if err != nil {
			b.Fatal(err)
		}
		defer admin.Close(ctx)
		if _, err := admin.Exec(ctx, fmt.Sprintf(`CREATE DATABASE %s TEMPLATE %s`,
			pgx.Identifier{name}.Sanitize(), pgx.Identifier{databaseOf(b, template)}.Sanitize())); err != nil {
			b.Fatal(err)
		}
		return dbtest.URL(b, name)
	}
	// direct loads the file into the database at url with the server's
	// load subcommand (default batch size and workers) and returns its
	// summary and the CPU time of the database's sessions.
	direct := func(b *testing.B, url string) (loadSummary, time.Duration) {
		cpu := databaseCPU(databaseOf(b, url))
		cmd := exec.Command(serverBinary(b), "load", "--connection-string", url, file)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			b.Fatalf("server load: %v\n%s%s", err, stdout.Bytes(), stderr.Bytes())
		}
		sum, err := parseSummary(stdout.String())
		if err != nil {
			b.Fatal(err)
		}
		return sum, cpu()
	}
	outer := b
	var loaded string // a database the direct load filled, kept for rerun and rawcopy
	b.Run("direct", func(b *testing.B) {
		var elapsed, cpu time.Duration
		for range b.N {
			b.StopTimer()
			loaded = clone(outer)
			b.StartTimer()
			sum, used := direct(b, loaded)
			elapsed, cpu = elapsed+sum.elapsed, cpu+used
		}
		reportRate(b, len(lines), elapsed, cpu)
	})
	b.Run("rerun", func(b *testing.B) {
		var elapsed, cpu time.Duration
		for range b.N {
			sum, used := direct(b, loaded)
			if sum.unchanged != len(lines) {
				b.Fatalf("re-run: %+v, want every document unchanged", sum)
			}
			elapsed, cpu = elapsed+sum.elapsed, cpu+used
		}
		reportRate(b, len(lines), elapsed, cpu)
	})
	b.Run("rawcopy", func(b *testing.B) {
		dump := dumpRows(b, loaded, schema)
		var elapsed, cpu time.Duration
		for range b.N {
			b.StopTimer()
			target := clone(b)
			b.StartTimer()
			took, used := dump.copyInto(b, target)
			elapsed, cpu = elapsed+took, cpu+used
		}
		reportRate(b, len(lines), elapsed, cpu)
	})
	overHTTP := func(b *testing.B, waves bool) {
		var elapsed time.Duration
		failed := 0
		for range b.N {
			b.StopTimer()
			srv, err := roundtrip.StartServer(ctx, serverBinary(outer), clone(b))
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			opts := apiload.Options{BaseURL: srv.BaseURL, Concurrency: 8, Client: &http.Client{Timeout: time.Minute, Transport: &http.Transport{MaxIdleConnsPerHost: 16}}}
			start := time.Now()
			if waves {
				opts.Waves = apiload.Plan(ctx, schema, lines, runtime.NumCPU())
			}
			rep, err := apiload.Load(ctx, lines, opts)
			elapsed += time.Since(start)
			srv.Stop()
			if err != nil {
				b.Fatal(err)
			}
			failed += len(rep.Failures)
		}
		reportRate(b, len(lines), elapsed, 0)
		b.ReportMetric(float64(failed)/float64(b.N), "failed/op")
	}
	b.Run("http", func(b *testing.B) { overHTTP(b, true) })
	b.Run("http-file-order", func(b *testing.B) { overHTTP(b, false) })
}

// loadSummary is what the server's load subcommand reports of one file.
type loadSummary struct {
	unchanged int
	elapsed   time.Duration
}

// summaryLine is the load subcommand's summary of a file that loaded
// without a failure.
var summaryLine = regexp.MustCompile(`: \d+ documents: \d+ created, \d+ updated, (\d+) unchanged, 0 failed in (\S+) \(`)

// parseSummary reads the load subcommand's output.
func parseSummary(stdout string) (loadSummary, error) {
	m := summaryLine.FindStringSubmatch(stdout)
	if m == nil {
		return loadSummary{}, fmt.Errorf("server load: no summary of a load without failures in %q", stdout)
	}
	unchanged, err := strconv.Atoi(m[1])
	if err != nil {
		return loadSummary{}, err
	}
	elapsed, err := time.ParseDuration(m[2])
	return loadSummary{unchanged: unchanged, elapsed: elapsed}, err
}

// reportRate reports docs/s over elapsed (the sum over b.N loads of docs
// documents each), the CPU time of the database's sessions per load when
// measured (db-cpu-s) and the load average.
func reportRate(b *testing.B, docs int, elapsed, cpu time.Duration) {
	b.ReportMetric(float64(docs*b.N)/elapsed.Seconds(), "docs/s")
	if cpu > 0 {
		b.ReportMetric(cpu.Seconds()/float64(b.N), "db-cpu-s")
	}
	if raw, err := os.ReadFile("/proc/loadavg"); err == nil {
		if f := strings.Fields(string(raw)); len(f) > 0 {
			if load, err := strconv.ParseFloat(f[0], 64); err == nil {
				b.ReportMetric(load, "load1")
			}
		}
	}
}

// databaseOf is the database name of a connection URL.
func databaseOf(b *testing.B, url string) string {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		b.Fatal(err)
	}
	return cfg.Database
}

// rowDump is the rows a load wrote, per table in foreign-key order.
type rowDump struct {
	tables []dumpedTable
}

type dumpedTable struct {
	copySQL string
	rows    []byte
}

// dumpRows reads, from the database at url, the rows a load writes itself
// (dms.Document, dms.Descriptor with its dms.ReferentialIdentity rows, the
// resource tables' stored columns; not the rows triggers write) in an
// order in which COPY FROM meets every foreign key: a table after the
// tables it refers to, and after the concrete tables whose triggers fill
// an abstract identity table it refers to.
func dumpRows(b *testing.B, url string, schema *spec.Schema) *rowDump {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close(ctx)
	type table struct {
		columns []string
		where   string
	}
	tables := map[string]table{
		`"dms"."Document"`:            {columns: []string{"DocumentId", "DocumentUuid", "ResourceKeyId"}},
		`"dms"."Descriptor"`:          {columns: []string{"DocumentId", "ResourceKeyId", "Namespace", "CodeValue", "ShortDescription", "Description", "EffectiveBeginDate", "EffectiveEndDate", "Discriminator", "Uri"}},
		`"dms"."ReferentialIdentity"`: {columns: []string{"ReferentialId", "DocumentId", "ResourceKeyId"}, where: `"DocumentId" IN (SELECT "DocumentId" FROM "dms"."Descriptor")`},
	}
	names := []string{`"dms"."Document"`, `"dms"."Descriptor"`, `"dms"."ReferentialIdentity"`}
	deps := map[string][]string{`"dms"."Descriptor"`: {`"dms"."Document"`}, `"dms"."ReferentialIdentity"`: {`"dms"."Descriptor"`}}
	fills := map[string][]string{} // abstract identity table → the root tables whose triggers fill it
	for _, r := range schema.Resources {
		for ti, t := range r.Tables {
			var cols []string
			for _, ci := range r.Write.Tables[ti].Stored {
				cols = append(cols, t.Columns[ci].Name)
			}
			name := pgx.Identifier{t.Schema, t.Name}.Sanitize()
			tables[name] = table{columns: cols}
			names = append(names, name)
		}
		if sc := r.Superclass; sc != nil && len(r.Tables) > 0 {
			identity := pgx.Identifier{r.Tables[0].Schema, sc.ResourceName + "Identity"}.Sanitize()
			fills[identity] = append(fills[identity], names[len(names)-len(r.Tables)])
		}
	}
	rows, err := conn.Query(ctx, `SELECT n.nspname, c.relname, fn.nspname, fc.relname FROM pg_constraint k `+
		`JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace `+
		`JOIN pg_class fc ON fc.oid = k.confrelid JOIN pg_namespace fn ON fn.oid = fc.relnamespace `+
		`WHERE k.contype = 'f' AND k.conrelid <> k.confrelid`)
	if err != nil {
		b.Fatal(err)
	}
	for rows.Next() {
		var s, t, fs, ft string
		if err := rows.Scan(&s, &t, &fs, &ft); err != nil {
			b.Fatal(err)
		}
		from, to := pgx.Identifier{s, t}.Sanitize(), pgx.Identifier{fs, ft}.Sanitize()
		if roots, ok := fills[to]; ok {
			deps[from] = append(deps[from], roots...)
		} else {
			deps[from] = append(deps[from], to)
		}
	}
	if err := rows.Err(); err != nil {
		b.Fatal(err)
	}
	done := map[string]bool{}
	var order []string
	var visit func(n string, path []string)
	visit = func(n string, path []string) {
		if _, ok := tables[n]; !ok || done[n] {
			return
		}
		for _, p := range path {
			if p == n {
				b.Fatalf("foreign keys form a cycle: %s", strings.Join(append(path, n), " → "))
			}
		}
		for _, d := range deps[n] {
			visit(d, append(path, n))
		}
		done[n] = true
		order = append(order, n)
	}
	for _, n := range names {
		visit(n, nil)
	}
	d := &rowDump{}
	for _, n := range order {
		t := tables[n]
		quoted := make([]string, len(t.columns))
		for i, c := range t.columns {
			quoted[i] = pgx.Identifier{c}.Sanitize()
		}
		sel := "SELECT " + strings.Join(quoted, ", ") + " FROM " + n
		if t.where != "" {
			sel += " WHERE " + t.where
		}
		var buf bytes.Buffer
		if _, err := conn.PgConn().CopyTo(ctx, &buf, "COPY ("+sel+") TO STDOUT"); err != nil {
			b.Fatal(err)
		}
		if buf.Len() > 0 {
			d.tables = append(d.tables, dumpedTable{copySQL: "COPY " + n + " (" + strings.Join(quoted, ", ") + ") FROM STDIN", rows: buf.Bytes()})
		}
	}
	return d
}

// copyInto writes the dump into the database at url in one transaction
// and returns how long that took and the CPU time of its session.
func (d *rowDump) copyInto(b *testing.B, url string) (time.Duration, time.Duration) {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close(ctx)
	cpu := databaseCPU(databaseOf(b, url))
	start := time.Now()
	tx, err := conn.Begin(ctx)
	if err != nil {
		b.Fatal(err)
	}
	for _, t := range d.tables {
		if _, err := tx.Conn().PgConn().CopyFrom(ctx, bytes.NewReader(t.rows), t.copySQL); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		b.Fatal(err)
	}
	return time.Since(start), cpu()
}

// databaseCPU starts measuring the CPU time of the PostgreSQL sessions
// connected to the database name, on this machine: the returned function
// gives the time used since by the sessions still connected (sessions of
// an earlier load that are still exiting do not count; 0 where /proc is
// unavailable).
func databaseCPU(name string) func() time.Duration {
	sessions := func() map[string]int64 {
		ticks := map[string]int64{}
		dirs, _ := filepath.Glob("/proc/[0-9]*")
		for _, dir := range dirs {
			title, err := os.ReadFile(filepath.Join(dir, "cmdline"))
			if err != nil || !strings.HasPrefix(string(title), "postgres: ") || !strings.Contains(string(title), " "+name+" ") {
				continue
			}
			stat, err := os.ReadFile(filepath.Join(dir, "stat"))
			if err != nil {
				continue
			}
			// Fields after the command name: state is the first, utime and
			// stime the 12th and 13th.
			f := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
			if len(f) > 12 {
				u, _ := strconv.ParseInt(f[11], 10, 64)
				s, _ := strconv.ParseInt(f[12], 10, 64)
				ticks[dir] = u + s
			}
		}
		return ticks
	}
	before := sessions()
	return func() time.Duration {
		var used int64
		for dir, ticks := range sessions() {
			used += ticks - before[dir]
		}
		return time.Duration(used) * (time.Second / 100) // USER_HZ
	}
}
