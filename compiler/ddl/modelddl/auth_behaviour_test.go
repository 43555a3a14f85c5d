package modelddl_test

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/compiler/ddl"
	"github.com/edfi-dmsc/dmsc/compiler/ddl/ddlcompare"
	"github.com/edfi-dmsc/dmsc/compiler/ddl/modelddl"
	"github.com/edfi-dmsc/dmsc/compiler/effschema"
	"github.com/edfi-dmsc/dmsc/compiler/provision/pgtest"
	"github.com/edfi-dmsc/dmsc/compiler/relmodel"
	"github.com/edfi-dmsc/dmsc/internal/refdata"
	"github.com/edfi-dmsc/dmsc/internal/testschema"
)

// TestAuthHierarchyTriggersKeepTheClosure checks the education organization
// closure maintenance on DS 3.2a, whose LocalEducationAgency has three
// parent columns (education service center, parent LEA, SEA): SEA 1 and 2,
// LEA 10 and 11 under SEA 1, LEA 12 under LEA 10, School 100 under LEA 10
// and School 101 under LEA 12. Then the school moves to LEA 11, a non-parent
// column changes, LEA 10 (with its subtree) moves to SEA 2, and rows are
// deleted leaf first.
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
	const (
		leaSEA    = "StateEducationAgency_StateEducationAgencyId"
		leaParent = "ParentLocalEducationAgency_LocalEducationAgencyId"
		schoolLEA = "LocalEducationAgency_LocalEducationAgencyId"
	)
	insertOrg(t, db, info, "StateEducationAgency", map[string]any{"StateEducationAgencyId": 1})
	insertOrg(t, db, info, "StateEducationAgency", map[string]any{"StateEducationAgencyId": 2})
	insertOrg(t, db, info, "LocalEducationAgency", map[string]any{"LocalEducationAgencyId": 10, leaSEA: 1})
	insertOrg(t, db, info, "LocalEducationAgency", map[string]any{"LocalEducationAgencyId": 11, leaSEA: 1})
	insertOrg(t, db, info, "LocalEducationAgency", map[string]any{"LocalEducationAgencyId": 12, leaParent: 10})
	insertOrg(t, db, info, "School", map[string]any{"SchoolId": 100, schoolLEA: 10})
	insertOrg(t, db, info, "School", map[string]any{"SchoolId": 101, schoolLEA: 12})
	expectPairs(t, db, "1>1 1>10 1>11 1>12 1>100 1>101 2>2 10>10 10>12 10>100 10>101 11>11 12>12 12>101 100>100 101>101")

	mustExec(t, db, `UPDATE "edfi"."School" SET "`+schoolLEA+`" = 11 WHERE "SchoolId" = 100`)
	expectPairs(t, db, "1>1 1>10 1>11 1>12 1>100 1>101 2>2 10>10 10>12 10>101 11>11 11>100 12>12 12>101 100>100 101>101")

	mustExec(t, db, `UPDATE "edfi"."LocalEducationAgency" SET "NameOfInstitution" = 'renamed' WHERE "LocalEducationAgencyId" = 10`)
	expectPairs(t, db, "1>1 1>10 1>11 1>12 1>100 1>101 2>2 10>10 10>12 10>101 11>11 11>100 12>12 12>101 100>100 101>101")

	mustExec(t, db, `UPDATE "edfi"."LocalEducationAgency" SET "`+leaSEA+`" = 2 WHERE "LocalEducationAgencyId" = 10`)
	expectPairs(t, db, "1>1 1>11 1>100 2>2 2>10 2>12 2>101 10>10 10>12 10>101 11>11 11>100 12>12 12>101 100>100 101>101")

	mustExec(t, db, `DELETE FROM "edfi"."School" WHERE "SchoolId" = 100`)
	expectPairs(t, db, "1>1 1>11 2>2 2>10 2>12 2>101 10>10 10>12 10>101 11>11 12>12 12>101 101>101")

	mustExec(t, db, `DELETE FROM "edfi"."School" WHERE "SchoolId" = 101`)
	mustExec(t, db, `DELETE FROM "edfi"."LocalEducationAgency" WHERE "LocalEducationAgencyId" = 12`)
	expectPairs(t, db, "1>1 1>11 2>2 2>10 10>10 11>11")

	mustExec(t, db, `DELETE FROM "edfi"."LocalEducationAgency" WHERE "LocalEducationAgencyId" IN (10, 11)`)
	mustExec(t, db, `DELETE FROM "edfi"."StateEducationAgency"`)
	expectPairs(t, db, "")
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
	got := pairs(t, db, `SELECT "SourceEducationOrganizationId", "TargetEducationOrganizationId" FROM "auth"."EducationOrganizationIdToEducationOrganizationId" ORDER BY 1, 2`)
	if got != want {
		t.Errorf("closure pairs\n got %s\nwant %s", got, want)
	}
}

// pairs runs a query of two integer columns and returns its rows as
// "a>b" separated by spaces.
func pairs(t *testing.T, db *sql.DB, query string) string {
	t.Helper()
	rows, err := db.Query(query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var a, b int64
		if err := rows.Scan(&a, &b); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%d>%d", a, b))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return strings.Join(out, " ")
}

// TestPeopleAuthViewsRelatePersonsThroughTheHierarchy applies our people
// authorization views and their ReadChanges views on PostgreSQL over the
// association and tracked-change tables of the reference's
// auth-people-views case (no derivable local schema has all five DS 5.x
// associations) and checks what each view relates: LEA 10 is above School
// 100; claims on the LEA or the school reach the school's student and,
// through the student, the contact; staff are reached through either
// assignment or employment (a staff member with both appears twice, since
// the live views do not deduplicate); responsibility reaches its student.
// The ReadChanges views add the persons of deleted associations, by the
// old values their tracked changes recorded.
func TestPeopleAuthViewsRelatePersonsThroughTheHierarchy(t *testing.T) {
	if testing.Short() {
		t.Skip("database test")
	}
	name := pgtest.DatabaseName(t)
	pgtest.Create(t, name)
	db := pgtest.Open(t, name)
	for _, p := range ddlcompare.Paragraphs("pgsql", ddlEmissionExpected(t, "pgsql", "auth-people-views.sql")) {
		if strings.HasPrefix(p, "CREATE SCHEMA") || strings.HasPrefix(p, `CREATE TABLE IF NOT EXISTS "`) {
			mustExec(t, db, p)
		}
	}
	live, readChanges := relmodel.PeopleAuthViews(referencePeopleAssociations())
	views, err := modelddl.PeopleAuthViewsSQL(ddl.Pgsql, append(live, readChanges...))
	if err != nil {
		t.Fatal(err)
	}
	mustExec(t, db, views)
	mustExec(t, db, `INSERT INTO "auth"."EducationOrganizationIdToEducationOrganizationId" VALUES (10, 10), (10, 100), (100, 100), (11, 11), (12, 12)`)
	// Student 1 at School 100 with Contact 7; Staff 3 assigned to and
	// employed by LEA 10, Staff 4 employed by School 100; Student 2 the
	// responsibility of LEA 11.
	mustExec(t, db, `INSERT INTO "edfi"."StudentSchoolAssociation" VALUES (1001, 1, 100)`)
	mustExec(t, db, `INSERT INTO "edfi"."StudentContactAssociation" VALUES (1002, 1, 7)`)
	mustExec(t, db, `INSERT INTO "edfi"."StaffEducationOrganizationAssignmentAssociation" VALUES (1003, 3, 10)`)
	mustExec(t, db, `INSERT INTO "edfi"."StaffEducationOrganizationEmploymentAssociation" VALUES (1004, 3, 10), (1005, 4, 100)`)
	mustExec(t, db, `INSERT INTO "edfi"."StudentEducationOrganizationResponsibilityAssociation" VALUES (1006, 2, 11)`)
	// Deleted: Student 5's enrolment at LEA 12 (Student 5 still has
	// Contact 8), Contact 9's association with Student 1, Staff 6's
	// assignment to LEA 12, Student 13's responsibility of LEA 12.
	tracked := func(table, values string) {
		mustExec(t, db, `INSERT INTO "tracked_changes_edfi"."`+table+`" SELECT `+values+`, gen_random_uuid(), nextval('seq')`)
	}
	mustExec(t, db, `CREATE SEQUENCE seq`)
	mustExec(t, db, `INSERT INTO "edfi"."StudentContactAssociation" VALUES (1007, 5, 8)`)
	tracked("StudentSchoolAssociation", "12, NULL::int, 5, NULL::bigint")
	tracked("StudentContactAssociation", "1, NULL::bigint, 9, NULL::bigint")
	tracked("StaffEducationOrganizationAssignmentAssociation", "12, NULL::int, 6, NULL::bigint")
	tracked("StudentEducationOrganizationResponsibilityAssociation", "12, NULL::int, 13, NULL::bigint")
	for _, c := range []struct{ view, column, want string }{
		{"EducationOrganizationIdToStudentDocumentId", "Student_DocumentId", "10>1 100>1"},
		{"EducationOrganizationIdToContactDocumentId", "Contact_DocumentId", "10>7 100>7"},
		{"EducationOrganizationIdToStaffDocumentId", "Staff_DocumentId", "10>3 10>3 10>4 100>4"},
		{"EducationOrganizationIdToStudentDocumentIdThroughResponsibility", "Student_DocumentId", "11>2"},
		{"EducationOrganizationIdToStudentDocumentIdIncludingDeletes", "Student_DocumentId", "10>1 12>5 100>1"},
		{"EducationOrganizationIdToContactDocumentIdIncludingDeletes", "Contact_DocumentId", "10>7 10>9 12>8 100>7 100>9"},
		{"EducationOrganizationIdToStaffDocumentIdIncludingDeletes", "Staff_DocumentId", "10>3 10>4 12>6 100>4"},
		{"EducationOrganizationIdToStudentDocumentIdDeletedResponsibility", "Student_DocumentId", "11>2 12>13"},
	} {
		got := pairs(t, db, fmt.Sprintf(`SELECT "SourceEducationOrganizationId", "%s" FROM "auth"."%s" ORDER BY 1, 2`, c.column, c.view))
		if got != c.want {
			t.Errorf("%s: got %q, want %q", c.view, got, c.want)
		}
	}
}

// ds32aWithContacts writes the DS 3.2a core with the replacements applied
// and returns its path. No local core in the current ApiSchema format has
// the DS 5.x StudentContactAssociation; renaming DS 3.2a's parents to
// contacts gives a schema with all five people associations.
func ds32aWithContacts(t *testing.T, replacements ...string) string {
	t.Helper()
	raw, err := os.ReadFile(refdata.File(t, refdata.DS32aCoreSchema))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "core.ApiSchema.json")
	if err := os.WriteFile(path, []byte(strings.NewReplacer(replacements...).Replace(string(raw))), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// viewNames lists the names of a model's live and ReadChanges people
// authorization views, in DDL order.
func viewNames(model *relmodel.ModelSet) []string {
	var names []string
	for _, v := range model.AuthViews() {
		names = append(names, v.View.Name)
	}
	return names
}

// TestPeopleAuthViewsDerivedPerAssociation derives DS 3.2a, which has
// every people association but StudentContactAssociation, and DS 3.2a with
// Parent renamed to Contact: each gets the views whose associations it
// has, in the model, the manifest and the PostgreSQL script, which
// provisions and whose views answer. The renamed schema's
// StudentContactAssociation names no Contact among its securableElements,
// so its tracked changes record no contact and it has no
// …ContactDocumentIdIncludingDeletes.
func TestPeopleAuthViewsDerivedPerAssociation(t *testing.T) {
	if testing.Short() {
		t.Skip("database test")
	}
	withoutContacts := "EducationOrganizationIdToStaffDocumentId EducationOrganizationIdToStudentDocumentId " +
		"EducationOrganizationIdToStudentDocumentIdThroughResponsibility " +
		"EducationOrganizationIdToStaffDocumentIdIncludingDeletes EducationOrganizationIdToStudentDocumentIdDeletedResponsibility " +
		"EducationOrganizationIdToStudentDocumentIdIncludingDeletes"
	plain, plainInfo := testschema.Files(t, refdata.File(t, refdata.DS32aCoreSchema))
	_, plainModel, err := modelddl.Script(plain, plainInfo, ddl.Pgsql, true)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(viewNames(plainModel), " "); got != withoutContacts {
		t.Errorf("DS 3.2a views %q, want %q", got, withoutContacts)
	}
	set, info := testschema.Files(t, ds32aWithContacts(t,
		"StudentParentAssociation", "StudentContactAssociation", "studentParentAssociation", "studentContactAssociation",
		"ParentUniqueId", "ContactUniqueId", "parentUniqueId", "contactUniqueId", "parentReference", "contactReference",
		`"Parent"`, `"Contact"`, `"parents"`, `"contacts"`, "Ed-FiParent", "Ed-FiContact"))
	script, model, err := modelddl.Script(set, info, ddl.Pgsql, true)
	if err != nil {
		t.Fatal(err)
	}
	names := viewNames(model)
	want := "EducationOrganizationIdToContactDocumentId " + withoutContacts
	if got := strings.Join(names, " "); got != want {
		t.Fatalf("people views %q, want %q", got, want)
	}
	for _, v := range names {
		if !strings.Contains(script, `CREATE OR REPLACE VIEW "auth"."`+v+`" AS`) {
			t.Errorf("script lacks view %s", v)
		}
	}
	msScript, _, err := modelddl.Script(set, info, ddl.Mssql, true)
	if err != nil {
		t.Fatal(err)
	}
	// Not run on SQL Server here: only that each view starts its batch.
	if n := strings.Count(msScript, "GO\nCREATE OR ALTER VIEW [auth].["); n != len(names) {
		t.Errorf("SQL Server script: %d people views start a batch, want %d", n, len(names))
	}
	manifest := string(model.Manifest())
	if !strings.Contains(manifest, `"views": [`) || !strings.Contains(manifest, `"arms_set_operator": "UNION_ALL"`) ||
		!strings.Contains(manifest, `"read_changes_views": [`) || !strings.Contains(manifest, `"output_name": "Student_DocumentId"`) {
		t.Error("relational model manifest lacks auth_objects.views or read_changes_views")
	}
	db := pgtest.Open(t, pgtest.Provisioned(t, script, info))
	for _, v := range names {
		var n int
		if err := db.QueryRow(`SELECT count(*) FROM "auth"."` + v + `"`).Scan(&n); err != nil {
			t.Errorf("%s: %v", v, err)
		}
	}
}

// TestPeopleAuthViewsLeaveOutViewsOverMissingColumns: a
// StudentContactAssociation without Contact_DocumentId (DS 3.2a's parent
// association renamed, its parent reference not) gives no contact views;
// the others stay.
func TestPeopleAuthViewsLeaveOutViewsOverMissingColumns(t *testing.T) {
	set, info := testschema.Files(t, ds32aWithContacts(t,
		"StudentParentAssociation", "StudentContactAssociation", "studentParentAssociation", "studentContactAssociation"))
	_, model, err := modelddl.Script(set, info, ddl.Pgsql, true)
	if err != nil {
		t.Fatal(err)
	}
	names := strings.Join(viewNames(model), " ")
	if strings.Contains(names, "Contact") || !strings.Contains(names, "EducationOrganizationIdToStudentDocumentId") {
		t.Errorf("views %q: want the student and staff views, no contact view", names)
	}
}
