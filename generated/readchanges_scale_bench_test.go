package generated_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	defaultschema "github.com/edfi-dmsc/dmsc/generated/default"
	"github.com/edfi-dmsc/dmsc/runtime/auth"
	"github.com/edfi-dmsc/dmsc/runtime/authz"
	"github.com/edfi-dmsc/dmsc/runtime/server"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/jackc/pgx/v5"
)

// readChangesScaleEnv names the number of synthetic StudentSchoolAssociation
// tombstones BenchmarkReadChangesScale adds; the benchmark is skipped
// unless it is set.
const readChangesScaleEnv = "DMSC_BENCH_TOMBSTONES"

// readChangesKeyChangeShare: one synthetic key change per this many
// synthetic tombstones.
const readChangesKeyChangeShare = 10

// BenchmarkReadChangesScale measures ReadChanges under
// RelationshipsWithEdOrgsAndPeopleIncludingDeletes at story 34's scale: the
// relationship benchmark's database (100,000 students in 100 schools under
// one local education agency) with N synthetic StudentSchoolAssociation
// tombstones and N/10 key changes written straight into the tracked-change
// table (addSyntheticChanges), then deleteEnrollments' 20,000 association
// and 20,000 student tombstones written by the triggers. A client of one
// school and a client of the local education agency (every school: 100,000
// persons) are each measured against a FullAccess client, alternating:
//
//	DMSC_BENCH_TOMBSTONES=1000000 go test ./generated -run '^$' -bench '^BenchmarkReadChangesScale$' -benchtime 20x -count=1 -v
//
// Before the requests it logs EXPLAIN (ANALYZE, BUFFERS) of the page and
// count statements of each claim as the server runs them: the pages' cached
// generic plans, the count's custom plan.
func BenchmarkReadChangesScale(b *testing.B) {
	n, err := strconv.Atoi(os.Getenv(readChangesScaleEnv))
	if err != nil || n < relAuthStudents {
		b.Skipf("set %s to the number of tombstones to add (at least %d) to run the ReadChanges scale benchmark", readChangesScaleEnv, relAuthStudents)
	}
	school := newRelAuthFixture(b)
	school.addSyntheticChanges(b, n)
	school.deleteEnrollments(b)
	school.checkSyntheticShape(b)

	var lea int64
	if err := school.pool.QueryRow(context.Background(), `SELECT "LocalEducationAgencyId" FROM "edfi"."LocalEducationAgency"`).Scan(&lea); err != nil {
		b.Fatalf("reading the local education agency of the schools: %v", err)
	}
	district := *school
	district.clients = [2]relAuthClient{{"district", "district", &timed{}, nil}, {"nofurther", "nofurther", &timed{}, nil}}
	district.base = startAuthorizedServer(b, school.pool, benchTokens{
		"district":  {ClientID: "district", ClaimSetName: relAuthClaimSet, EducationOrganizationIDs: []int64{lea}},
		"nofurther": {ClientID: "nofurther", ClaimSetName: "FullAccess"},
	}, district.clients[:])

	// deep is an offset near the end of the school's tombstones (n/100
	// synthetic and 200 of deleteEnrollments'): its page reads the whole
	// window for the school client.
	deep := strconv.Itoa(n / relAuthSchools)
	// syncCount counts the tombstones of the last 100 change versions up
	// to the newest association tombstone (deleteEnrollments', about one
	// of them the school's): a client syncing often.
	var newest int64
	if err := school.pool.QueryRow(context.Background(), `SELECT max("ChangeVersion") FROM "tracked_changes_edfi"."StudentSchoolAssociation" WHERE "NewEntryDate" IS NULL`).Scan(&newest); err != nil {
		b.Fatalf("reading the newest association tombstone's change version: %v", err)
	}
	syncCount := fmt.Sprintf("/data/ed-fi/studentSchoolAssociations/deletes?limit=100&offset=0&totalCount=true&minChangeVersion=%d&maxChangeVersion=%d", newest-100, newest)
	paths := []struct{ name, path string }{
		{"ssaDeletes", "/data/ed-fi/studentSchoolAssociations/deletes?limit=100&offset=0"},
		{"ssaDeletesDeep", "/data/ed-fi/studentSchoolAssociations/deletes?limit=100&offset=" + deep},
		{"ssaDeletesTotalCount", "/data/ed-fi/studentSchoolAssociations/deletes?limit=100&offset=0&totalCount=true"},
		{"ssaKeyChanges", "/data/ed-fi/studentSchoolAssociations/keyChanges?limit=100&offset=0"},
		{"studentDeletes", "/data/ed-fi/students/deletes?limit=100&offset=0"},
	}
	for _, claim := range []struct {
		name   string
		f      *relAuthFixture
		claims []int64
	}{{"school", school, []int64{school.schoolIDs[0]}}, {"district", &district, []int64{lea}}} {
		explainReadChanges(b, claim.f, claim.name, claim.claims, deep)
		for _, p := range paths {
			b.Run(claim.name+"/"+p.name, func(b *testing.B) {
				benchAlternating(b, claim.f, http.MethodGet, func(c relAuthClient, i int) {
					claim.f.timedPage(b, c, p.path, i)
				})
			})
		}
		b.Run(claim.name+"/ssaDeletesSyncTotalCount", func(b *testing.B) {
			benchAlternating(b, claim.f, http.MethodGet, func(c relAuthClient, _ int) {
				claim.f.timedDo(b, c, http.MethodGet, syncCount, nil, http.StatusOK)
			})
		})
	}
}

// addSyntheticChanges writes n tombstones and n/readChangesKeyChangeShare
// key changes of StudentSchoolAssociation into its tracked-change table in
// one set-based statement, as the table's stamping trigger
// (TF_TR_StudentSchoolAssociation_Stamp) would write them for associations
// deleted or re-keyed before the live ones: its column list, old values
// taken together from a live association (school, student unique id and
// the student's DocumentId), the New columns NULL for a tombstone and all
// set for a key change, a new document uuid as Id, and ChangeVersion from
// dms.ChangeVersionSequence in generation order (a key change's trigger
// also draws the document's IdentityVersion, a gap no reader sees). Row g
// is of the live association g mod 100,000 in DocumentId order (schools
// interleaved, so a school's rows are 1 % of any stretch of the window),
// its old entry date 2000-01-01 plus g div 100,000 days: never a live
// key, so the /deletes statement's NOT EXISTS probe keeps every tombstone.
// Every readChangesKeyChangeShare+1-th row is a key change to the next day.
func (f *relAuthFixture) addSyntheticChanges(b *testing.B, n int) {
	b.Helper()
	ctx := context.Background()
	start := time.Now()
	tag, err := f.pool.Exec(ctx, `
WITH live AS (
    SELECT row_number() OVER (ORDER BY "DocumentId") - 1 AS i,
        "School_SchoolId", "Student_StudentUniqueId", "Student_DocumentId"
    FROM "edfi"."StudentSchoolAssociation"
), generated AS (
    SELECT g, g % ($2::bigint + 1) = $2::bigint AS "KeyChange", DATE '2000-01-01' + (g / (SELECT count(*) FROM live))::int AS "EntryDate", live.*
    FROM generate_series(0, $1::bigint + $1::bigint / $2::bigint - 1) g
    JOIN live ON live.i = g % (SELECT count(*) FROM live)
    ORDER BY g
    OFFSET 0
)
INSERT INTO "tracked_changes_edfi"."StudentSchoolAssociation" (
    "OldEntryDate",
    "OldSchool_SchoolId",
    "OldStudent_StudentUniqueId",
    "OldStudent_DocumentId",
    "NewEntryDate",
    "NewSchool_SchoolId",
    "NewStudent_StudentUniqueId",
    "NewStudent_DocumentId",
    "Id",
    "ChangeVersion"
)
SELECT
    "EntryDate",
    "School_SchoolId",
    "Student_StudentUniqueId",
    "Student_DocumentId",
    CASE WHEN "KeyChange" THEN "EntryDate" + 1 END,
    CASE WHEN "KeyChange" THEN "School_SchoolId" END,
    CASE WHEN "KeyChange" THEN "Student_StudentUniqueId" END,
    CASE WHEN "KeyChange" THEN "Student_DocumentId" END,
    gen_random_uuid(),
    nextval('"dms"."ChangeVersionSequence"')
FROM generated`, n, readChangesKeyChangeShare)
	if err != nil {
		b.Fatalf("generating %d StudentSchoolAssociation tombstones: %v", n, err)
	}
	b.Logf("wrote %d synthetic tracked StudentSchoolAssociation rows (%d tombstones) in %s", tag.RowsAffected(), n, time.Since(start).Round(time.Second))
}

// checkSyntheticShape fails unless the synthetic rows set the same columns
// as rows the trigger wrote: deleteEnrollments' tombstones, and a key
// change made here by changing a live association's entry date.
func (f *relAuthFixture) checkSyntheticShape(b *testing.B) {
	b.Helper()
	ctx := context.Background()
	if _, err := f.pool.Exec(ctx, `UPDATE "edfi"."StudentSchoolAssociation" SET "EntryDate" = "EntryDate" + 1
		WHERE "DocumentId" = (SELECT max("DocumentId") FROM "edfi"."StudentSchoolAssociation")`); err != nil {
		b.Fatalf("changing an association's key: %v", err)
	}
	rows, err := f.pool.Query(ctx, `
SELECT "OldEntryDate" < DATE '2020-01-01' AS synthetic, "NewEntryDate" IS NOT NULL AS "keyChange",
    array_agg(DISTINCT (SELECT string_agg(k, ',' ORDER BY k) FROM jsonb_object_keys(jsonb_strip_nulls(to_jsonb(c))) k))
FROM "tracked_changes_edfi"."StudentSchoolAssociation" c
GROUP BY 1, 2`)
	if err != nil {
		b.Fatalf("reading the tracked rows' shapes: %v", err)
	}
	shapes := map[bool]map[bool][]string{true: {}, false: {}}
	for rows.Next() {
		var synthetic, keyChange bool
		var set []string
		if err := rows.Scan(&synthetic, &keyChange, &set); err != nil {
			b.Fatal(err)
		}
		shapes[synthetic][keyChange] = set
	}
	if err := rows.Err(); err != nil {
		b.Fatal(err)
	}
	for _, keyChange := range []bool{false, true} {
		s, t := shapes[true][keyChange], shapes[false][keyChange]
		if len(s) != 1 || len(t) != 1 || s[0] != t[0] {
			b.Fatalf("synthetic rows (key change %t) set columns %v, the trigger's %v", keyChange, s, t)
		}
	}
	var beyond bool
	if err := f.pool.QueryRow(ctx, `SELECT max("ChangeVersion") > (SELECT last_value FROM "dms"."ChangeVersionSequence")
		FROM "tracked_changes_edfi"."StudentSchoolAssociation"`).Scan(&beyond); err != nil || beyond {
		b.Fatalf("a tracked row's ChangeVersion is beyond the sequence (%v)", err)
	}
}

// explainReadChanges logs EXPLAIN (ANALYZE, BUFFERS) of the /deletes page
// (offsets 0 and deep), count and /keyChanges page statements of
// StudentSchoolAssociation and the /deletes page of Student, filtered as
// for a client of claims under
// RelationshipsWithEdOrgsAndPeopleIncludingDeletes in the shape the
// authorizer picks for them (auth.Decision NarrowClaims), run as the
// server runs them once pgx's cached prepared statement has gone generic
// (the count is planned with its values at every execution).
func explainReadChanges(b *testing.B, f *relAuthFixture, claim string, claims []int64, deep string) {
	b.Helper()
	principal := &auth.Principal{ClaimSetName: relAuthClaimSet, EducationOrganizationIDs: claims}
	ctx := auth.WithPrincipal(context.Background(), principal)
	a := authz.New(defaultschema.Schema, f.pool, nil)
	if err := a.Refresh(ctx); err != nil {
		b.Fatal(err)
	}
	d, err := a.Authorize(ctx, principal, auth.Target{Project: "ed-fi", Endpoint: "studentSchoolAssociations"}, auth.ActionReadChanges)
	if err != nil {
		b.Fatalf("authorizing the %s claim's ReadChanges: %v", claim, err)
	}
	auth.SetDecision(ctx, d)
	// A connection of its own: the server's must keep their plan cache
	// mode.
	conn, err := pgx.ConnectConfig(ctx, f.pool.Config().ConnConfig.Copy())
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close(ctx)
	var ids []string
	for _, id := range claims {
		ids = append(ids, strconv.FormatInt(id, 10))
	}
	window := fmt.Sprintf("%d, %d", server.AllChanges.Min, server.AllChanges.Max)
	for i, s := range []struct {
		name, resource, sql, paging string
	}{
		{"ssa /deletes page", "StudentSchoolAssociation", "Deletes", ", 100, 0"},
		{"ssa /deletes page deep", "StudentSchoolAssociation", "Deletes", ", 100, " + deep},
		{"ssa /deletes count", "StudentSchoolAssociation", "DeletesCount", ""},
		{"ssa /keyChanges page", "StudentSchoolAssociation", "KeyChanges", ", 100, 0"},
		{"student /deletes page", "Student", "Deletes", ", 100, 0"},
	} {
		res := resourceByName(b, s.resource)
		sql := map[string]string{"Deletes": res.Changes.Deletes, "DeletesCount": res.Changes.DeletesCount, "KeyChanges": res.Changes.KeyChanges}[s.sql]
		// The claims follow the window's two parameters and the paging's.
		params := 2 + strings.Count(s.paging, ",")
		cond, _ := authz.ChangesRelationshipRuleFrom(ctx, res).Filter(params + 1)
		sql = strings.Replace(sql, spec.ChangeWindowCondition, spec.ChangeWindowCondition+" AND "+cond, 1)
		// The server plans the count with each request's values
		// (runtime/changes Read), the rest generic; its sessions, as
		// this one copied from its pool's configuration, run without
		// JIT compilation (db.OpenSized).
		mode := "force_generic_plan"
		if s.sql == "DeletesCount" {
			mode = "force_custom_plan"
		}
		if _, err := conn.Exec(ctx, "SET plan_cache_mode = "+mode); err != nil {
			b.Fatal(err)
		}
		name := "readchanges" + strconv.Itoa(i)
		if _, err := conn.Exec(ctx, "PREPARE "+name+" AS "+sql); err != nil {
			b.Fatalf("preparing %s: %v", s.name, err)
		}
		rows, err := conn.Query(ctx, fmt.Sprintf("EXPLAIN (ANALYZE, BUFFERS) EXECUTE %s(%s%s, '{%s}')", name, window, s.paging, strings.Join(ids, ",")))
		if err != nil {
			b.Fatalf("explaining %s: %v", s.name, err)
		}
		var plan strings.Builder
		for rows.Next() {
			var line string
			if err := rows.Scan(&line); err != nil {
				b.Fatal(err)
			}
			plan.WriteString(line + "\n")
		}
		if err := rows.Err(); err != nil {
			b.Fatalf("explaining %s: %v", s.name, err)
		}
		b.Logf("%s, %s claim (%s):\n%s", s.name, claim, mode, plan.String())
	}
}

// resourceByName is the bundled schema's resource name.
func resourceByName(b *testing.B, name string) *spec.Resource {
	for _, r := range defaultschema.Schema.Resources {
		if r.Name == name {
			return r
		}
	}
	b.Fatalf("the bundled schema has no resource %s", name)
	return nil
}
