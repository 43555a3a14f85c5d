package modelddl_test

import (
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/compiler/ddl"
	"github.com/edfi-dmsc/dmsc/compiler/ddl/modelddl"
	"github.com/edfi-dmsc/dmsc/compiler/effschema"
	"github.com/edfi-dmsc/dmsc/compiler/provision/pgtest"
	"github.com/edfi-dmsc/dmsc/internal/refdata"
	"github.com/edfi-dmsc/dmsc/internal/testschema"
)

// TestAuthHierarchyTriggersKeepTheClosure checks the education organization
// closure maintenance (our own design; the reference fixtures only contain
// leaf organizations) on DS 3.2a: SEA 1 > LEA 10 > School 100, then the
// school moves to LEA 11 (also under SEA 1), then it is deleted.
func TestAuthHierarchyTriggersKeepTheClosure(t *testing.T) {
	if testing.Short() {
		t.Skip("database test")
	}
	set, info := testschema.Files(t, refdata.File(t, refdata.DS32aCoreSchema))
	script, _, err := modelddl.Script(set, info, ddl.Pgsql, true)
	if err != nil {
		t.Fatal(err)
	}
	name := pgtest.Provisioned(t, script, info)
	db := pgtest.Open(t, name)
	orgs := []string{"StateEducationAgency", "LocalEducationAgency", "School"}
	for _, o := range orgs {
		// Only the hierarchy triggers are under test: drop the other
		// tables' foreign keys and checks so rows can carry dummy values.
		mustExec(t, db, fmt.Sprintf(`DO $$
DECLARE c record;
BEGIN
    FOR c IN SELECT conname FROM pg_constraint WHERE conrelid = '"edfi"."%s"'::regclass AND contype IN ('f', 'c') LOOP
        EXECUTE format('ALTER TABLE "edfi"."%s" DROP CONSTRAINT %%I', c.conname);
    END LOOP;
END $$;`, o, o))
	}
	insertOrg(t, db, info, "StateEducationAgency", map[string]any{"StateEducationAgencyId": 1})
	insertOrg(t, db, info, "LocalEducationAgency", map[string]any{"LocalEducationAgencyId": 10, "StateEducationAgency_StateEducationAgencyId": 1})
	insertOrg(t, db, info, "LocalEducationAgency", map[string]any{"LocalEducationAgencyId": 11, "StateEducationAgency_StateEducationAgencyId": 1})
	insertOrg(t, db, info, "School", map[string]any{"SchoolId": 100, "LocalEducationAgency_LocalEducationAgencyId": 10})
	expectPairs(t, db, "1>1 1>10 1>11 1>100 10>10 10>100 11>11 100>100")

	mustExec(t, db, `UPDATE "edfi"."School" SET "LocalEducationAgency_LocalEducationAgencyId" = 11 WHERE "SchoolId" = 100`)
	expectPairs(t, db, "1>1 1>10 1>11 1>100 10>10 11>11 11>100 100>100")

	mustExec(t, db, `DELETE FROM "edfi"."School" WHERE "SchoolId" = 100`)
	expectPairs(t, db, "1>1 1>10 1>11 10>10 11>11")
}

func mustExec(t *testing.T, db *sql.DB, query string, args ...any) {
	t.Helper()
	if _, err := db.Exec(query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

// insertOrg inserts a document and its root row, filling every other
// required column with a dummy value of its type.
func insertOrg(t *testing.T, db *sql.DB, info *effschema.Info, resource string, values map[string]any) {
	t.Helper()
	var docID int64
	if err := db.QueryRow(`INSERT INTO "dms"."Document" ("DocumentUuid", "ResourceKeyId") VALUES (gen_random_uuid(), $1) RETURNING "DocumentId"`,
		info.ResourceKeyID("Ed-Fi", resource)).Scan(&docID); err != nil {
		t.Fatal(err)
	}
	rows, err := db.Query(`SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a
		WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attnotnull AND a.atthasdef = false AND a.attgenerated = ''`,
		`"edfi"."`+resource+`"`)
	if err != nil {
		t.Fatal(err)
	}
	cols := []string{`"DocumentId"`}
	args := []any{docID}
	for rows.Next() {
		var col, typ string
		if err := rows.Scan(&col, &typ); err != nil {
			t.Fatal(err)
		}
		if col == "DocumentId" {
			continue
		}
		v, ok := values[col]
		if !ok {
			switch {
			case strings.HasPrefix(typ, "character varying"), typ == "text":
				v = "x"
			case typ == "date":
				v = "2020-01-01"
			case typ == "boolean":
				v = false
			case strings.HasPrefix(typ, "timestamp"), strings.HasPrefix(typ, "time"):
				v = "2020-01-01 00:00:00"
			default:
				v = 1
			}
		}
		cols = append(cols, `"`+col+`"`)
		args = append(args, v)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	rows.Close()
	for col, v := range values {
		quoted := `"` + col + `"`
		found := false
		for _, c := range cols {
			found = found || c == quoted
		}
		if !found {
			cols = append(cols, quoted)
			args = append(args, v)
		}
	}
	marks := make([]string, len(args))
	for i := range marks {
		marks[i] = fmt.Sprintf("$%d", i+1)
	}
	mustExec(t, db, fmt.Sprintf(`INSERT INTO "edfi"."%s" (%s) VALUES (%s)`, resource, strings.Join(cols, ", "), strings.Join(marks, ", ")), args...)
}

func expectPairs(t *testing.T, db *sql.DB, want string) {
	t.Helper()
	rows, err := db.Query(`SELECT "SourceEducationOrganizationId", "TargetEducationOrganizationId" FROM "auth"."EducationOrganizationIdToEducationOrganizationId" ORDER BY 1, 2`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var pairs []string
	for rows.Next() {
		var s, g int64
		if err := rows.Scan(&s, &g); err != nil {
			t.Fatal(err)
		}
		pairs = append(pairs, fmt.Sprintf("%d>%d", s, g))
	}
	if got := strings.Join(pairs, " "); got != want {
		t.Errorf("closure pairs\n got %s\nwant %s", got, want)
	}
}
