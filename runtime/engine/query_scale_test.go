package engine_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/edfi-dmsc/dmsc/internal/refdata"
	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/etag"
	"github.com/edfi-dmsc/dmsc/runtime/identity"
	"github.com/edfi-dmsc/dmsc/runtime/server"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// scaleEnv is the bundled schema populated with many students and
// student school associations (plain SQL, the DDL's triggers on).
type scaleEnv struct {
	*readEnv
	// gradeLevelURI is the entry grade level of some associations, with
	// its referential identity, for a descriptor query field.
	gradeLevelURI string
}

// populate inserts gradeLevels grade level descriptors, 20 schools and
// students students, each with one studentSchoolAssociation; with books,
// each student also gets a favorite book with one art medium (the sample
// extension's nested collection). It then VACUUM ANALYZEs, as autovacuum
// would after a load.
func populate(t testing.TB, e *readEnv, students, gradeLevels int, books bool) *scaleEnv {
	t.Helper()
	ctx := context.Background()
	key := func(name string) int16 {
		for _, r := range e.schema.Resources {
			if r.Name == name {
				return r.ResourceKeyID
			}
		}
		t.Fatalf("no resource %s", name)
		return 0
	}
	exec := func(sql string, args ...any) {
		t.Helper()
		if _, err := e.pool.Exec(ctx, sql, args...); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
	}
	// Documents of one resource, with DocumentIds from the identity
	// sequence, returned by the CTE d.
	newDocuments := func(resource string, n int) string {
		return `WITH d AS (INSERT INTO "dms"."Document" ("DocumentUuid", "ResourceKeyId") SELECT gen_random_uuid(), ` +
			strconv.Itoa(int(key(resource))) + ` FROM generate_series(1, ` + strconv.Itoa(n) + `) RETURNING "DocumentId")`
	}
	descriptors := func(resource, namespace string, n int) {
		exec(newDocuments(resource, n)+` INSERT INTO "dms"."Descriptor" ("DocumentId", "ResourceKeyId", "Namespace", "CodeValue", "ShortDescription", "Discriminator", "Uri")
			SELECT "DocumentId", $1, $2::text, 'C' || "DocumentId", 'C', 'Ed-Fi:' || $3::text, $2::text || '#C' || "DocumentId" FROM d`, key(resource), namespace, resource)
	}
	glNamespace := "uri://ed-fi.org/GradeLevelDescriptor"
	descriptors("GradeLevelDescriptor", glNamespace, gradeLevels)
	// dms.Descriptor holds every descriptor type: a type is a fraction of it.
	descriptors("AcademicSubjectDescriptor", "uri://ed-fi.org/AcademicSubjectDescriptor", 9*gradeLevels)
	se := &scaleEnv{readEnv: e}
	var firstGL int64
	if err := e.pool.QueryRow(ctx, `SELECT min("DocumentId") FROM "dms"."Descriptor" WHERE "ResourceKeyId" = $1`, key("GradeLevelDescriptor")).Scan(&firstGL); err != nil {
		t.Fatal(err)
	}
	se.gradeLevelURI = glNamespace + "#C" + strconv.FormatInt(firstGL, 10)
	exec(`INSERT INTO "dms"."ReferentialIdentity" ("ReferentialId", "DocumentId", "ResourceKeyId") VALUES ($1, $2, $3)`,
		identity.DescriptorReferentialID("Ed-Fi", "GradeLevelDescriptor", se.gradeLevelURI), firstGL, key("GradeLevelDescriptor"))
	exec(newDocuments("School", 20) + ` INSERT INTO "edfi"."School" ("DocumentId", "NameOfInstitution", "SchoolId") SELECT "DocumentId", 'School ' || "DocumentId", "DocumentId" FROM d`)
	exec(newDocuments("Student", students) + ` INSERT INTO "edfi"."Student" ("DocumentId", "BirthDate", "FirstName", "LastSurname", "StudentUniqueId")
		SELECT "DocumentId", '2010-01-01', 'First', 'Last', 'S' || "DocumentId" FROM d`)
	if books {
		descriptors("FavoriteBookCategoryDescriptor", "uri://sample.org/FavoriteBookCategoryDescriptor", 1)
		descriptors("ArtMediumDescriptor", "uri://sample.org/ArtMediumDescriptor", 1)
		exec(`INSERT INTO "sample"."StudentExtension" ("DocumentId", "PetPreferenceMinimumWeight") SELECT "DocumentId", 5 FROM "edfi"."Student"`)
		exec(`INSERT INTO "sample"."StudentExtensionFavoriteBook" ("Ordinal", "Student_DocumentId", "FavoriteBookCategoryDescriptor_DescriptorId", "BookTitle")
			SELECT 0, "DocumentId", (SELECT "DocumentId" FROM "dms"."Descriptor" WHERE "ResourceKeyId" = $1), 'Title ' || "DocumentId" FROM "edfi"."Student"`, key("FavoriteBookCategoryDescriptor"))
		exec(`INSERT INTO "sample"."StudentExtensionFavoriteBookArtMedia" ("Ordinal", "ParentCollectionItemId", "Student_DocumentId", "ArtMediumDescriptor_DescriptorId", "ArtPieces")
			SELECT 0, "CollectionItemId", "Student_DocumentId", (SELECT "DocumentId" FROM "dms"."Descriptor" WHERE "ResourceKeyId" = $1), 3 FROM "sample"."StudentExtensionFavoriteBook"`, key("ArtMediumDescriptor"))
	}
	// One association per student, at one of the schools, with one of
	// the grade levels; its document is created in the same statement
	// (read from d, so that it exists when the association's triggers
	// run).
	exec(`WITH st AS (SELECT "DocumentId", "StudentUniqueId", row_number() OVER (ORDER BY "DocumentId") AS n FROM "edfi"."Student"),
		sc AS (SELECT "DocumentId", "SchoolId", row_number() OVER (ORDER BY "DocumentId") - 1 AS n FROM "edfi"."School"),
		gl AS (SELECT "DocumentId", row_number() OVER (ORDER BY "DocumentId") - 1 AS n FROM "dms"."Descriptor" WHERE "ResourceKeyId" = $1),
		a AS (SELECT st.*, nextval(pg_get_serial_sequence('"dms"."Document"', 'DocumentId')) AS doc FROM st),
		d AS (INSERT INTO "dms"."Document" ("DocumentId", "DocumentUuid", "ResourceKeyId") OVERRIDING SYSTEM VALUE SELECT doc, gen_random_uuid(), $2 FROM a RETURNING "DocumentId")
		INSERT INTO "edfi"."StudentSchoolAssociation" ("DocumentId", "School_DocumentId", "School_SchoolId", "Student_DocumentId", "Student_StudentUniqueId",
			"EntryGradeLevelDescriptor_DescriptorId", "EntryDate", "PrimarySchool")
		SELECT a.doc, sc."DocumentId", sc."SchoolId", a."DocumentId", a."StudentUniqueId", gl."DocumentId", date '2020-08-01' + (a.n % 300)::int, a.n % 2 = 0
		FROM d JOIN a ON a.doc = d."DocumentId" JOIN sc ON sc.n = a.n % 20 JOIN gl ON gl.n = a.n % $3`, key("GradeLevelDescriptor"), key("StudentSchoolAssociation"), min(gradeLevels, 50))
	exec("VACUUM ANALYZE")
	return se
}

// recordedStatement is one statement a traced pool sent.
type recordedStatement struct {
	sql  string
	args []any
}

// statementRecorder is a pgx tracer keeping the statements of every
// batch and single query sent, in order.
type statementRecorder struct {
	mu         sync.Mutex
	statements []recordedStatement
}

func (r *statementRecorder) add(sql string, args []any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.statements = append(r.statements, recordedStatement{sql, args})
}

// take returns the statements recorded since the last take.
func (r *statementRecorder) take() []recordedStatement {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.statements
	r.statements = nil
	return out
}

func (r *statementRecorder) TraceQueryStart(ctx context.Context, _ *pgx.Conn, d pgx.TraceQueryStartData) context.Context {
	r.add(d.SQL, d.Args)
	return ctx
}

func (r *statementRecorder) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

func (r *statementRecorder) TraceBatchStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceBatchStartData) context.Context {
	return ctx
}

func (r *statementRecorder) TraceBatchQuery(_ context.Context, _ *pgx.Conn, d pgx.TraceBatchQueryData) {
	r.add(d.SQL, d.Args)
}

func (r *statementRecorder) TraceBatchEnd(context.Context, *pgx.Conn, pgx.TraceBatchEndData) {}

// recordingPool opens a second pool on e's database whose statements r
// records.
func recordingPool(t testing.TB, e *readEnv, r *statementRecorder) *pgxpool.Pool {
	t.Helper()
	cfg := e.pool.Config().Copy()
	cfg.ConnConfig.Tracer = r
	pool, err := pgxpool.NewWithConfig(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	return pool
}

// planNode is a node of an EXPLAIN (FORMAT JSON, VERBOSE) plan.
type planNode struct {
	NodeType string     `json:"Node Type"`
	Relation string     `json:"Relation Name"`
	Schema   string     `json:"Schema"`
	Plans    []planNode `json:"Plans"`
}

// seqScans lists the relations a plan reads with a sequential scan.
func seqScans(n planNode) []string {
	var out []string
	if n.NodeType == "Seq Scan" {
		out = append(out, n.Schema+"."+n.Relation)
	}
	for _, c := range n.Plans {
		out = append(out, seqScans(c)...)
	}
	return out
}

// sqlLiteral renders a statement argument as a literal for EXECUTE.
func sqlLiteral(t *testing.T, a any) string {
	t.Helper()
	switch v := a.(type) {
	case int64:
		return strconv.FormatInt(v, 10)
	case bool:
		return strconv.FormatBool(v)
	case string:
		return "'" + strings.ReplaceAll(v, "'", "''") + "'"
	}
	t.Fatalf("argument %v of type %T", a, a)
	return ""
}

// planSeqScans replays a recorded read transaction on conn and EXPLAINs
// each of its queries twice, as PostgreSQL plans it for the given
// arguments and as a generic plan (what a prepared statement may switch
// to): it returns per query the relations scanned sequentially. The
// transaction's SET statements and its page selection (set_config) are
// executed, so later statements are planned against the real page.
func planSeqScans(t *testing.T, conn *pgxpool.Conn, stmts []recordedStatement) map[string][]string {
	t.Helper()
	ctx := context.Background()
	exec := func(sql string, args ...any) {
		t.Helper()
		if _, err := conn.Exec(ctx, sql, args...); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
	}
	exec("BEGIN")
	defer exec("ROLLBACK")
	out := map[string][]string{}
	for i, s := range stmts {
		switch {
		case s.sql == "BEGIN" || s.sql == "COMMIT":
			continue
		case strings.HasPrefix(s.sql, "SET "):
			exec(s.sql)
			continue
		}
		var lits []string
		for _, a := range s.args {
			lits = append(lits, sqlLiteral(t, a))
		}
		name := "scale_" + strconv.Itoa(i)
		exec("PREPARE " + name + " AS " + s.sql)
		execute := "EXECUTE " + name
		if len(lits) > 0 {
			execute += "(" + strings.Join(lits, ", ") + ")"
		}
		for _, mode := range []string{"force_custom_plan", "force_generic_plan"} {
			exec("SET LOCAL plan_cache_mode = " + mode)
			var doc []struct{ Plan planNode }
			if err := conn.QueryRow(ctx, "EXPLAIN (FORMAT JSON, VERBOSE) "+execute).Scan(&doc); err != nil {
				t.Fatalf("EXPLAIN %s: %v", s.sql, err)
			}
			out[mode+": "+s.sql] = seqScans(doc[0].Plan)
		}
		if strings.Contains(s.sql, "set_config(") {
			exec(execute)
		}
		exec("DEALLOCATE " + name)
	}
	return out
}

// TestPageQueriesUseIndexes fills the bundled schema with enough rows that
// PostgreSQL would rather join whole tables than walk indexes, then
// replays every statement a GET page sends (page selection, hydration of
// the root and every child table, total count) under EXPLAIN, planned for
// the request's values and generically: none may read dms.Document, the
// resource's root table (dms.Descriptor for a descriptor) or any of its
// tables sequentially. Unfiltered, with indexed query fields and at a
// deep offset, for studentSchoolAssociations, students (nested extension
// collections) and a descriptor; each page costs one round trip. The GET
// by id of a page's first document is checked the same way.
func TestPageQueriesUseIndexes(t *testing.T) {
	if testing.Short() {
		t.Skip("populates 20,000 students")
	}
	const students = 20000
	e := populate(t, newReadEnv(t), students, 2000, true)
	rec := &statementRecorder{}
	traced := recordingPool(t, e.readEnv, rec)
	conn, err := e.pool.Acquire(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Release()

	var someStudent string
	if err := e.pool.QueryRow(context.Background(), `SELECT "StudentUniqueId" FROM "edfi"."Student" ORDER BY "DocumentId" OFFSET 777 LIMIT 1`).Scan(&someStudent); err != nil {
		t.Fatal(err)
	}
	var someSchool int32
	if err := e.pool.QueryRow(context.Background(), `SELECT max("SchoolId") FROM "edfi"."School"`).Scan(&someSchool); err != nil {
		t.Fatal(err)
	}
	page := func(offset int) server.Paging { return server.Paging{Limit: 100, Offset: offset, TotalCount: true} }
	deep := page(students - 150)
	cases := []struct {
		resource string
		filters  server.QueryParams
		paging   server.Paging
		docs     int
		total    int64
	}{
		{"StudentSchoolAssociation", nil, page(0), 100, students},
		{"StudentSchoolAssociation", nil, deep, 100, students},
		{"StudentSchoolAssociation", nil, server.Paging{Limit: server.DefaultMaxPageSize}, server.DefaultMaxPageSize, -1},
		{"StudentSchoolAssociation", server.QueryParams{{Name: "studentUniqueId", Value: someStudent}}, page(0), 1, 1},
		{"StudentSchoolAssociation", server.QueryParams{{Name: "schoolId", Value: strconv.Itoa(int(someSchool))}}, page(0), 100, students / 20},
		{"StudentSchoolAssociation", server.QueryParams{{Name: "schoolId", Value: strconv.Itoa(int(someSchool))}}, page(900), 100, students / 20},
		{"StudentSchoolAssociation", server.QueryParams{{Name: "entryGradeLevelDescriptor", Value: e.gradeLevelURI}}, page(0), 100, students / 50},
		{"StudentSchoolAssociation", server.QueryParams{{Name: "entryDate", Value: "2020-08-02"}}, page(0), 67, 67},
		{"Student", nil, page(0), 100, students},
		{"Student", nil, deep, 100, students},
		{"Student", nil, server.Paging{Limit: server.DefaultMaxPageSize}, server.DefaultMaxPageSize, -1},
		{"Student", server.QueryParams{{Name: "studentUniqueId", Value: someStudent}}, page(0), 1, 1},
		{"GradeLevelDescriptor", nil, page(0), 100, 2000},
		{"GradeLevelDescriptor", nil, page(1900), 100, 2000},
		{"GradeLevelDescriptor", server.QueryParams{{Name: "namespace", Value: "uri://ed-fi.org/GradeLevelDescriptor"}}, page(1000), 100, 2000},
		{"GradeLevelDescriptor", server.QueryParams{{Name: "codeValue", Value: "C3"}}, page(0), 1, 1},
	}
	for _, c := range cases {
		res := e.resource(t, c.resource)
		// Tables a page must not scan: dms.Document, the root table and
		// every other populated table of the resource (an empty one is
		// best scanned).
		forbidden := []string{"dms.Document", "dms.Descriptor"}
		for _, tb := range res.Tables {
			if populated(t, e.readEnv, tb) {
				forbidden = append(forbidden, tb.Schema+"."+tb.Name)
			}
		}
		name := fmt.Sprintf("%s %v offset %d", c.resource, c.filters, c.paging.Offset)

		ctx, trips := db.WithRoundTrips(context.Background())
		got, err := e.read(res).QueryPage(ctx, e.pool, res, c.filters, c.paging, e.variant)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if n := trips.Count(); n != 1 {
			t.Errorf("%s: %d round trips", name, n)
		}
		var docs []json.RawMessage
		if err := json.Unmarshal(got.Body, &docs); err != nil || len(docs) != c.docs || got.TotalCount != c.total {
			t.Errorf("%s: %d documents of %d (%v), want %d of %d", name, len(docs), got.TotalCount, err, c.docs, c.total)
		}

		rec.take()
		if _, err := e.read(res).QueryPage(context.Background(), traced, res, c.filters, c.paging, e.variant); err != nil {
			t.Fatal(err)
		}
		checkPlans(t, name, conn, rec.take(), 2*(len(res.Read.Tables)+1), forbidden)
		if len(docs) == 0 {
			continue
		}
		// GET by id of the page's first document.
		var first struct{ ID uuid.UUID }
		if err := json.Unmarshal(docs[0], &first); err != nil {
			t.Fatal(err)
		}
		if r, err := e.read(res).ReadByID(context.Background(), traced, res, first.ID, e.variant, etag.Condition{}); err != nil || r == nil {
			t.Fatalf("%s: GET by id %s: %v", name, first.ID, err)
		}
		checkPlans(t, name+" by id", conn, rec.take(), 2*len(res.Read.Tables), forbidden)
	}
}

// checkPlans reports the sequential scans of forbidden tables in the plans
// of a recorded read (at least want plans).
func checkPlans(t *testing.T, name string, conn *pgxpool.Conn, stmts []recordedStatement, want int, forbidden []string) {
	t.Helper()
	plans := planSeqScans(t, conn, stmts)
	if len(plans) < want {
		t.Fatalf("%s: only %d plans recorded", name, len(plans))
	}
	for stmt, scans := range plans {
		for _, s := range scans {
			if slices.Contains(forbidden, s) {
				t.Errorf("%s: sequential scan of %s in\n%s", name, s, stmt)
			}
		}
	}
}

// populated reports whether a table holds at least 1,000 rows.
func populated(t *testing.T, e *readEnv, tb *spec.Table) bool {
	t.Helper()
	var n int64
	if err := e.pool.QueryRow(context.Background(), `SELECT count(*) FROM (SELECT FROM `+pgx.Identifier{tb.Schema, tb.Name}.Sanitize()+` LIMIT 1000) s`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n == 1000
}

// scaleSizes are the table sizes DMSC_SCALE_ROWS lists (comma-separated;
// default 10000).
func scaleSizes(b *testing.B) []int {
	v := os.Getenv("DMSC_SCALE_ROWS")
	if v == "" {
		return []int{10000}
	}
	var sizes []int
	for _, s := range strings.Split(v, ",") {
		n, err := strconv.Atoi(s)
		if err != nil {
			b.Fatal(err)
		}
		sizes = append(sizes, n)
	}
	return sizes
}

// benchPages measures GET pages of 100 documents of res at offset 0,
// half-way through its n documents, and at offset 0 with the total count:
// median latency and round trips.
func benchPages(b *testing.B, e *readEnv, res *spec.Resource, n int) {
	for _, paging := range []server.Paging{{Limit: 100}, {Limit: 100, Offset: n / 2}, {Limit: 100, TotalCount: true}} {
		name := "offset=" + strconv.Itoa(paging.Offset)
		if paging.TotalCount {
			name += "+totalCount"
		}
		b.Run(name, func(b *testing.B) {
			ctx, trips := db.WithRoundTrips(context.Background())
			var took []time.Duration
			for b.Loop() {
				t0 := time.Now()
				page, err := e.read(res).QueryPage(ctx, e.pool, res, nil, paging, e.variant)
				if err != nil {
					b.Fatal(err)
				}
				took = append(took, time.Since(t0))
				if len(page.Body) < 100 {
					b.Fatalf("empty page: %s", page.Body)
				}
			}
			slices.Sort(took)
			b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(trips.Count())/float64(len(took)), "trips/op")
		})
	}
}

// BenchmarkQueryPageScale measures GET pages of 100 studentSchoolAssociations
// of the bundled schema (offset 0 and half-way through the table) with
// DMSC_SCALE_ROWS associations loaded with plain SQL, and reports the
// median latency and the round trips per page:
//
//	DMSC_SCALE_ROWS=10000,100000 go test ./runtime/engine -run '^$' -bench 'QueryPageScale$' -benchtime 200x
func BenchmarkQueryPageScale(b *testing.B) {
	for _, n := range scaleSizes(b) {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			start := time.Now()
			e := populate(b, newReadEnv(b), n, 50, false)
			b.Logf("%d associations loaded in %s", n, time.Since(start).Round(time.Second))
			benchPages(b, e.readEnv, e.resourceAt(b, "ed-fi", "studentSchoolAssociations"), n)
		})
	}
}

// BenchmarkQueryPageScaleDS32a does the same for the DS 3.2a core, whose
// studentSchoolAssociations have key-unified references and two
// collections: one fake document of every resource is stored through the
// engine, then its association (with its collection rows) is copied with
// plain SQL under successive entry dates.
//
//	DMSC_SCALE_ROWS=10000,100000 go test ./runtime/engine -run '^$' -bench 'QueryPageScaleDS32a$' -benchtime 200x
func BenchmarkQueryPageScaleDS32a(b *testing.B) {
	for _, n := range scaleSizes(b) {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			start := time.Now()
			e := newReadEnvFor(b, refdata.File(b, refdata.DS32aCoreSchema))
			w := e.newWriter()
			for _, d := range generate(b, e.set, 1) {
				if _, err := w.UpsertDocument(context.Background(), e.resourceAt(b, d.Project, d.Resource), d.Body, etag.Write{}); err != nil {
					b.Fatalf("POST %s: %v", d.Resource, err)
				}
			}
			res := e.resourceAt(b, "ed-fi", "studentSchoolAssociations")
			copyDocument(b, e, res, "EntryDate", n-1)
			b.Logf("%d associations loaded in %s", n, time.Since(start).Round(time.Second))
			benchPages(b, e, res, n)
		})
	}
}

// copyDocument copies the one document of res (root row and the rows of
// its top-level collections) n times with plain SQL, adding 1..n days to
// the date column dateColumn of its identity, then VACUUM ANALYZEs.
func copyDocument(b *testing.B, e *readEnv, res *spec.Resource, dateColumn string, n int) {
	ctx := context.Background()
	exec := func(sql string, args ...any) {
		if _, err := e.pool.Exec(ctx, sql, args...); err != nil {
			b.Fatalf("%s: %v", sql, err)
		}
	}
	// copies maps each copy's day offset to its new DocumentId.
	exec(`CREATE TABLE copies AS SELECT g AS day, nextval(pg_get_serial_sequence('"dms"."Document"', 'DocumentId')) AS doc FROM generate_series(1, $1::int) g`, n)
	exec(`INSERT INTO "dms"."Document" ("DocumentId", "DocumentUuid", "ResourceKeyId") OVERRIDING SYSTEM VALUE SELECT doc, gen_random_uuid(), $1 FROM copies`, res.ResourceKeyID)
	for ti, t := range res.Tables {
		var cols, vals []string
		for _, c := range t.Columns {
			switch {
			case c.Alias || c.Kind == spec.MirrorContentVersionColumn || c.Kind == spec.MirrorLastModifiedColumn || c.Kind == spec.CollectionItemIDColumn:
				continue
			case c.Kind == spec.DocumentIDColumn:
				vals = append(vals, "c.doc")
			case ti == 0 && c.Name == dateColumn:
				vals = append(vals, "s."+pgx.Identifier{c.Name}.Sanitize()+" + c.day")
			case c.Kind == spec.ParentCollectionItemIDColumn || c.Kind == spec.BaseCollectionItemIDColumn:
				b.Fatalf("%s: nested table %s is not copied", res.Name, t.Name)
			default:
				vals = append(vals, "s."+pgx.Identifier{c.Name}.Sanitize())
			}
			cols = append(cols, pgx.Identifier{c.Name}.Sanitize())
		}
		table := pgx.Identifier{t.Schema, t.Name}.Sanitize()
		exec("INSERT INTO "+table+" ("+strings.Join(cols, ", ")+") SELECT "+strings.Join(vals, ", ")+" FROM copies c CROSS JOIN "+table+
			" s WHERE s."+pgx.Identifier{documentIDColumn(b, t)}.Sanitize()+` = (SELECT min("DocumentId") FROM "dms"."Document" WHERE "ResourceKeyId" = $1) ORDER BY c.doc`, res.ResourceKeyID)
	}
	exec(`DROP TABLE copies`)
	exec("VACUUM ANALYZE")
}

// documentIDColumn names a table's owning-document column.
func documentIDColumn(b *testing.B, t *spec.Table) string {
	for _, c := range t.Columns {
		if c.Kind == spec.DocumentIDColumn {
			return c.Name
		}
	}
	b.Fatalf("table %s has no document id column", t.Name)
	return ""
}
