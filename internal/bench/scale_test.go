package bench

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/edfi-dmsc/dmsc/compiler/ddl"
	"github.com/edfi-dmsc/dmsc/compiler/ddl/modelddl"
	"github.com/edfi-dmsc/dmsc/compiler/effschema"
	"github.com/edfi-dmsc/dmsc/compiler/gogen"
	"github.com/edfi-dmsc/dmsc/internal/refdata"
	"github.com/edfi-dmsc/dmsc/internal/roundtrip"
	"github.com/edfi-dmsc/dmsc/runtime/db/dbtest"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// The growth benchmarks (make bench-scale; docs/benchmarks.md): the DS 3.2a
// server on databases holding 10k, 100k and 1M student school associations
// (scaleData), loaded with the bulk path, the server's load subcommand.
// Each operation runs with one client and reports its p50 next to the p50
// of its raw-SQL floor.
const (
	// scaleSizesEnv lists the sizes to run (numbers of associations,
	// comma-separated); default 10000,100000,1000000.
	scaleSizesEnv = "DMSC_BENCH_SCALE_SIZES"
	// scaleReloadEnv set to 1 drops and reloads the cached databases.
	scaleReloadEnv = "DMSC_BENCH_SCALE_RELOAD"
)

var defaultScaleSizes = []int{10_000, 100_000, 1_000_000}

// benchDateCutoff separates the loaded associations (entry dates from 2023)
// from those the benchmark writes (entry dates counted from 1900-01-01),
// which every run deletes before and after it measures.
const benchDateCutoff = "2000-01-01"

// scaleEnv is one loaded size with the server running on it.
type scaleEnv struct {
	data    scaleData
	server  *roundtrip.Server
	web     *benchEnv // its HTTP client and request helpers
	pool    *pgxpool.Pool
	floor   *floorWriter
	samples []scaleSample // associations, in a fixed pseudo-random order
	puts    []*putDocument
	serial  int64 // identity values of POSTs, server and floor alike
}

// scaleSample is a loaded association.
type scaleSample struct {
	uuid, student string
	school        int
}

// putDocument is an association the PUT benchmark rewrites, flipping
// primarySchool each time so every PUT changes the document.
type putDocument struct {
	location string
	body     map[string]any
}

func scaleSizes() ([]int, error) {
	v := os.Getenv(scaleSizesEnv)
	if v == "" {
		return defaultScaleSizes, nil
	}
	var sizes []int
	for _, f := range strings.Split(v, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 100 {
			return nil, fmt.Errorf("%s=%q: want numbers of associations of at least 100, comma-separated", scaleSizesEnv, v)
		}
		sizes = append(sizes, n)
	}
	return sizes, nil
}

// progress tells the person running make bench-scale what is happening;
// benchmark logs only appear when a benchmark ends.
func progress(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench-scale %s: %s\n", time.Now().Format("15:04:05"), fmt.Sprintf(format, args...))
}

// BenchmarkScale runs the growth benchmarks for each size.
func BenchmarkScale(b *testing.B) {
	if os.Getenv(BenchEnv) == "" {
		b.Skipf("set %s=1 to run the growth benchmarks", BenchEnv)
	}
	sizes, err := scaleSizes()
	if err != nil {
		b.Fatal(err)
	}
	schemaFile := refdata.File(b, refdata.DS32aCoreSchema)
	repo := refdata.RepoRoot(b)
	ctx := context.Background()
	ddlHash, err := scriptHash(schemaFile)
	if err != nil {
		b.Fatal(err)
	}
	progress("building the DS 3.2a server")
	dir := b.TempDir()
	built, err := roundtrip.BuildServer(ctx, repo, filepath.Join(dir, "server"), schemaFile)
	if err != nil {
		b.Fatal(err)
	}
	plans, err := gogen.Plans(schemaFile)
	if err != nil {
		b.Fatal(err)
	}
	ssaPlan := planOf(plans, "studentSchoolAssociations")
	for _, n := range sizes {
		b.Run(fmt.Sprintf("ssa=%d", n), func(b *testing.B) {
			d := newScaleData(n)
			url := openScaleDB(b, d, ddlHash, schemaFile, built.Binary)
			e := startScale(b, d, url, built.Binary, ssaPlan)
			for _, o := range scaleOps(e) {
				b.Run(o.name, func(b *testing.B) { e.measure(b, o) })
			}
		})
	}
}

// scriptHash fingerprints the PostgreSQL DDL of the schema: a cached
// database is reused only when it was provisioned with the same script.
func scriptHash(schemaFile string) (string, error) {
	set, info, err := effschema.LoadFiles(schemaFile)
	if err != nil {
		return "", err
	}
	script, _, err := modelddl.Script(set, info, ddl.Pgsql, true)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(script))
	return hex.EncodeToString(sum[:8]), nil
}

// openScaleDB returns the URL of the database holding the size's data set.
// A database from an earlier run is reused when its marker (a comment on
// the database) names the same DDL and data and its row counts match;
// otherwise it is dropped, provisioned and loaded again, and VACUUM
// ANALYZEd so plans and index-only scans behave as on a settled database.
// The databases stay after the run (drop dmsc_bench_scale_* to free the
// space).
func openScaleDB(b *testing.B, d scaleData, ddlHash, schemaFile, server string) string {
	ctx := context.Background()
	name := fmt.Sprintf("dmsc_bench_scale_%d", d.ssas)
	url := dbtest.URL(b, name)
	key := fmt.Sprintf("dmsc bench-scale data=v%d ddl=%s ssa=%d students=%d schools=%d", scaleDataVersion, ddlHash, d.ssas, d.students, d.schools)
	admin, err := pgx.Connect(ctx, dbtest.AdminURL())
	if err != nil {
		b.Fatal(err)
	}
	defer admin.Close(ctx)
	var marker string
	err = admin.QueryRow(ctx, `SELECT coalesce(shobj_description(oid, 'pg_database'), '') FROM pg_database WHERE datname = $1`, name).Scan(&marker)
	switch {
	case err == pgx.ErrNoRows:
	case err != nil:
		b.Fatal(err)
	case os.Getenv(scaleReloadEnv) == "1":
		progress("%s: reloading (%s=1)", name, scaleReloadEnv)
	case strings.HasPrefix(marker, key+" "):
		if problem := checkScaleDB(ctx, url, d); problem != "" {
			progress("%s: not reused: %s", name, problem)
			break
		}
		progress("%s: reusing the loaded database (%s)", name, strings.TrimPrefix(marker, key+" "))
		reportDatabase(b, ctx, admin, name, marker)
		return url
	default:
		progress("%s: not reused: it was loaded for %q, this run needs %q", name, marker, key)
	}

	if _, err := admin.Exec(ctx, `DROP DATABASE IF EXISTS "`+name+`" WITH (FORCE)`); err != nil {
		b.Fatal(err)
	}
	if _, err := admin.Exec(ctx, `CREATE DATABASE "`+name+`"`); err != nil {
		b.Fatal(err)
	}
	progress("%s: provisioning", name)
	if _, _, err := roundtrip.ProvisionPgsql(ctx, url, schemaFile); err != nil {
		b.Fatal(err)
	}
	file := filepath.Join(b.TempDir(), "scale.ndjson")
	progress("%s: writing %d documents to %s", name, d.documents(), file)
	if err := writeScaleFile(file, d); err != nil {
		b.Fatal(err)
	}
	progress("%s: loading %d documents with the server's load subcommand", name, d.documents())
	start := time.Now()
	load := exec.Command(server, "load", "--connection-string", url, file)
	load.Stdout, load.Stderr = os.Stderr, os.Stderr
	if err := load.Run(); err != nil {
		b.Fatalf("server load: %v", err)
	}
	loaded := time.Since(start)
	os.Remove(file)
	progress("%s: loaded in %s (%.0f documents/s); VACUUM ANALYZE", name, loaded.Round(time.Second), float64(d.documents())/loaded.Seconds())
	start = time.Now()
	if err := execIn(ctx, url, `VACUUM ANALYZE`); err != nil {
		b.Fatal(err)
	}
	vacuumed := time.Since(start)
	if problem := checkScaleDB(ctx, url, d); problem != "" {
		b.Fatalf("%s after loading: %s", name, problem)
	}
	marker = fmt.Sprintf("%s documents=%d load-s=%.1f vacuum-analyze-s=%.1f loaded-at=%s", key, d.documents(),
		loaded.Seconds(), vacuumed.Seconds(), time.Now().UTC().Format(time.RFC3339))
	if _, err := admin.Exec(ctx, `COMMENT ON DATABASE "`+name+`" IS `+quoteLiteral(marker)); err != nil {
		b.Fatal(err)
	}
	reportDatabase(b, ctx, admin, name, marker)
	return url
}

func writeScaleFile(file string, d scaleData) error {
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	err = d.write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// reportDatabase logs the database's size and load figures.
func reportDatabase(b *testing.B, ctx context.Context, admin *pgx.Conn, name, marker string) {
	var size int64
	if err := admin.QueryRow(ctx, `SELECT pg_database_size($1)`, name).Scan(&size); err != nil {
		b.Fatal(err)
	}
	progress("%s: pg_database_size %.2f GiB; %s", name, float64(size)/(1<<30), marker)
	b.Logf("%s: pg_database_size %d bytes (%.2f GiB); %s", name, size, float64(size)/(1<<30), marker)
}

// checkScaleDB deletes what earlier benchmark runs wrote and compares the
// row counts with the data set; it returns what differs.
func checkScaleDB(ctx context.Context, url string, d scaleData) string {
	if err := deleteBenchWrites(ctx, url); err != nil {
		return err.Error()
	}
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return err.Error()
	}
	defer conn.Close(ctx)
	var ssas, students, schools int
	if err := conn.QueryRow(ctx, `SELECT (SELECT count(*) FROM "edfi"."StudentSchoolAssociation"),
		(SELECT count(*) FROM "edfi"."Student"), (SELECT count(*) FROM "edfi"."School")`).Scan(&ssas, &students, &schools); err != nil {
		return err.Error()
	}
	if ssas != d.ssas || students != d.students || schools != d.schools {
		return fmt.Sprintf("it holds %d associations, %d students, %d schools; the data set has %d, %d, %d",
			ssas, students, schools, d.ssas, d.students, d.schools)
	}
	return ""
}

// deleteBenchWrites deletes the associations benchmark POSTs and floor
// inserts created (deleting the document cascades to its rows).
func deleteBenchWrites(ctx context.Context, url string) error {
	return execIn(ctx, url, `DELETE FROM "dms"."Document" WHERE "DocumentId" IN
		(SELECT "DocumentId" FROM "edfi"."StudentSchoolAssociation" WHERE "EntryDate" < '`+benchDateCutoff+`')`)
}

func execIn(ctx context.Context, url, sql string) error {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, sql)
	return err
}

func quoteLiteral(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// startScale starts the server on the loaded database and picks the
// documents the operations use.
func startScale(b *testing.B, d scaleData, url, binary string, plan *spec.Resource) *scaleEnv {
	ctx := context.Background()
	e := &scaleEnv{data: d, web: &benchEnv{client: &http.Client{Timeout: time.Minute}}}
	var err error
	if e.server, err = roundtrip.StartServer(ctx, binary, url); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(e.server.Stop)
	if e.pool, err = pgxpool.New(ctx, url); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(e.pool.Close)
	b.Cleanup(func() {
		if err := deleteBenchWrites(ctx, url); err != nil {
			b.Error(err)
		}
	})

	// A fixed pseudo-random sample of the loaded associations.
	rows, err := e.pool.Query(ctx, `SELECT d."DocumentUuid"::text, r."Student_StudentUniqueId", r."SchoolId_Unified"
		FROM "edfi"."StudentSchoolAssociation" r JOIN "dms"."Document" d ON d."DocumentId" = r."DocumentId"
		ORDER BY hashint8(r."DocumentId") LIMIT 600`)
	if err != nil {
		b.Fatal(err)
	}
	for rows.Next() {
		var s scaleSample
		if err := rows.Scan(&s.uuid, &s.student, &s.school); err != nil {
			b.Fatal(err)
		}
		e.samples = append(e.samples, s)
	}
	if err := rows.Err(); err != nil {
		b.Fatal(err)
	}
	// The PUT benchmark rewrites the first hundred (the floor's UPDATE the
	// next hundred, so neither undoes the other's change).
	for _, s := range e.samples[:100] {
		loc := "/data/ed-fi/studentSchoolAssociations/" + s.uuid
		resp, err := e.web.client.Get(e.server.BaseURL + loc)
		if err != nil {
			b.Fatal(err)
		}
		var body map[string]any
		err = json.NewDecoder(resp.Body).Decode(&body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			b.Fatalf("GET %s: %d %v", loc, resp.StatusCode, err)
		}
		for k := range body {
			if strings.HasPrefix(k, "_") {
				delete(body, k)
			}
		}
		e.puts = append(e.puts, &putDocument{location: loc, body: body})
	}
	// The POST floor copies an association without an education plan,
	// the shape the POST benchmark sends.
	var template int64
	if err := e.pool.QueryRow(ctx, `SELECT r."DocumentId" FROM "edfi"."StudentSchoolAssociation" r
		WHERE NOT EXISTS (SELECT 1 FROM "edfi"."StudentSchoolAssociationEducationPlan" p WHERE p."StudentSchoolAssociation_DocumentId" = r."DocumentId")
		LIMIT 1`).Scan(&template); err != nil {
		b.Fatal(err)
	}
	if e.floor, err = newFloorWriter(ctx, e.pool, plan, template, "EntryDate", benchEntryDate); err != nil {
		b.Fatal(err)
	}
	return e
}

// benchEntryDate is the entry date of the n-th association a benchmark
// writes: before benchDateCutoff, distinct for 36,500 writes.
func benchEntryDate(n int64) string {
	return time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(n)).Format(time.DateOnly)
}

func (e *scaleEnv) nextEntryDate() (int64, error) {
	e.serial++
	if e.serial >= 36_500 {
		return 0, fmt.Errorf("more than 36,500 writes: entry dates would pass %s", benchDateCutoff)
	}
	return e.serial, nil
}

// scaleOp is one benchmarked operation and its floor; i numbers the
// calls.
type scaleOp struct {
	name          string
	server, floor func(ctx context.Context, i int) error
}

func (e *scaleEnv) get(ctx context.Context, p string) error {
	_, err := e.web.do(ctx, e.server, http.MethodGet, p, nil, http.StatusOK)
	return err
}

func (e *scaleEnv) sample(i int) scaleSample { return e.samples[i%len(e.samples)] }

func scaleOps(e *scaleEnv) []scaleOp {
	const ssas = "/data/ed-fi/studentSchoolAssociations"
	deep := e.data.ssas / 2 / 100 * 100
	page := func(offset int) scaleOp {
		return scaleOp{fmt.Sprintf("GET-page-offset=%d", offset),
			func(ctx context.Context, _ int) error {
				return e.get(ctx, fmt.Sprintf("%s?limit=100&offset=%d", ssas, offset))
			},
			func(ctx context.Context, _ int) error { return e.floor.page(ctx, "", nil, 100, offset) }}
	}
	return []scaleOp{
		page(0),
		page(deep),
		{"GET-by-id",
			func(ctx context.Context, i int) error {
				return e.get(ctx, ssas+"/"+e.sample(i).uuid)
			},
			func(ctx context.Context, i int) error { return e.floor.read(ctx, e.sample(i).uuid) }},
		{"query-studentUniqueId",
			func(ctx context.Context, i int) error {
				return e.get(ctx, ssas+"?limit=100&studentUniqueId="+e.sample(i).student)
			},
			func(ctx context.Context, i int) error {
				return e.floor.page(ctx, `r."Student_StudentUniqueId" = $1`, e.sample(i).student, 100, 0)
			}},
		{"query-schoolId",
			func(ctx context.Context, i int) error {
				return e.get(ctx, fmt.Sprintf("%s?limit=100&schoolId=%d", ssas, e.sample(i).school))
			},
			func(ctx context.Context, i int) error {
				return e.floor.page(ctx, `r."SchoolId_Unified" = $1`, e.sample(i).school, 100, 0)
			}},
		{"POST",
			func(ctx context.Context, i int) error {
				n, err := e.nextEntryDate()
				if err != nil {
					return err
				}
				s := e.sample(i)
				body := ssaBody(s.student, s.school, scaleSchoolYears[1], benchEntryDate(n), 1, false)
				_, err = e.web.post(ctx, e.server, ssas, []byte(body))
				return err
			},
			func(ctx context.Context, _ int) error {
				n, err := e.nextEntryDate()
				if err != nil {
					return err
				}
				return e.floor.insert(ctx, n)
			}},
		{"PUT",
			func(ctx context.Context, i int) error {
				d := e.puts[i%len(e.puts)]
				primary, _ := d.body["primarySchool"].(bool)
				d.body["primarySchool"] = !primary
				body, _ := json.Marshal(d.body)
				_, err := e.web.do(ctx, e.server, http.MethodPut, d.location, body, http.StatusNoContent)
				return err
			},
			func(ctx context.Context, i int) error {
				_, err := e.pool.Exec(ctx, `UPDATE "edfi"."StudentSchoolAssociation" SET "PrimarySchool" = NOT coalesce("PrimarySchool", false)
					WHERE "DocumentId" = (SELECT "DocumentId" FROM "dms"."Document" WHERE "DocumentUuid" = $1::text::uuid)`,
					e.samples[100+i%100].uuid)
				return err
			}},
	}
}

// measure runs the operation and then its floor b.N times each, one
// client, after a warm-up, and reports both p50s and their ratio.
func (e *scaleEnv) measure(b *testing.B, o scaleOp) {
	ctx := context.Background()
	const warm = 5
	for i := range warm {
		if err := o.server(ctx, i); err != nil {
			b.Fatal(err)
		}
		if err := o.floor(ctx, i); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	run := func(f func(context.Context, int) error) []time.Duration {
		lat, err := measureN(1, b.N, func(i int) error { return f(ctx, warm+i) })
		if err != nil {
			b.Fatal(err)
		}
		slices.Sort(lat)
		return lat
	}
	server := run(o.server)
	floor := run(o.floor)
	b.StopTimer()
	p50, floorP50 := ms(server[len(server)/2]), ms(floor[len(floor)/2])
	b.ReportMetric(p50, "p50-ms")
	b.ReportMetric(ms(server[min(len(server)-1, len(server)*99/100)]), "p99-ms")
	b.ReportMetric(floorP50, "floor-p50-ms")
	b.ReportMetric(p50/floorP50, "x-floor")
}

// page is the floor of a page query: the documents whose root row matches
// pred (a predicate on the root table r with $1 = arg; "" for all), ordered
// by DocumentId, limit and offset applied, and their dms.Document row and
// every row of their tables as text, in one statement (one round trip):
// the page's ids are selected once and each table is read with
// = ANY(those ids). What it skips is JSON reconstitution and HTTP.
func (w *floorWriter) page(ctx context.Context, pred string, arg any, limit, offset int) error {
	var args []any
	where := ""
	if pred != "" {
		where, args = " WHERE "+pred, []any{arg}
	}
	args = append(args, limit, offset)
	root := w.tables[0]
	ids := `ARRAY(SELECT "DocumentId" FROM page)`
	parts := []string{fmt.Sprintf(`SELECT 0 AS t, d."DocumentId", ARRAY[d."DocumentUuid"::text, d."ContentVersion"::text, d."ContentLastModifiedAt"::text]
		FROM "dms"."Document" d WHERE d."DocumentId" = ANY(%s)`, ids)}
	for i, t := range w.tables {
		cols := make([]string, len(t.columns))
		for j, c := range t.columns {
			cols[j] = `x."` + c.name + `"::text`
		}
		parts = append(parts, fmt.Sprintf(`SELECT %d, x."%s", ARRAY[%s] FROM "%s"."%s" x WHERE x."%s" = ANY(%s)`,
			i+1, t.owner, strings.Join(cols, ", "), t.schema, t.name, t.owner, ids))
	}
	sql := fmt.Sprintf(`WITH page AS MATERIALIZED (SELECT r."DocumentId" FROM "%s"."%s" r%s ORDER BY r."DocumentId" LIMIT $%d OFFSET $%d) %s`,
		root.schema, root.name, where, len(args)-1, len(args), strings.Join(parts, " UNION ALL "))
	rows, err := w.pool.Query(ctx, sql, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	docs := 0
	for rows.Next() {
		var table int
		var doc int64
		var vals []*string
		if err := rows.Scan(&table, &doc, &vals); err != nil {
			return err
		}
		if table == 0 {
			docs++
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if docs == 0 {
		return fmt.Errorf("raw page: no documents")
	}
	return nil
}
