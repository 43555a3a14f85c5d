package identity

import (
	"context"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/edfi-dmsc/dmsc/internal/refdata"
	"github.com/edfi-dmsc/dmsc/runtime/db/dbtest"
)

// TestPostgresUUIDv5Parity creates the reference's dms.uuidv5 function, read
// at test time from the reference DDL fixture, in a throw-away database and
// checks that it names the same ReferentialIds as Builder, including the
// trigger-style expressions over typed columns.
func TestPostgresUUIDv5Parity(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn := uuidv5Database(ctx, t, minimalFixture)

	names := []string{
		"Ed-FiSchool$.schoolId=123",
		"Ed-FiSection$.localCourseCode=abc#$.schoolReference.schoolId=123#$.sessionReference.schoolYear=2030#$.sectionIdentifier=sectionId#$.sessionReference.sessionName=d",
		"Ed-FiGradeLevelDescriptor$.descriptor=uri://ed-fi.org/gradeleveldescriptor#first grade",
		"café üñîçödé 学校 🏫",
		"  \thello\nworld\r\n  !@#$%^&*()  ",
	}
	for _, name := range names {
		var got uuid.UUID
		if err := conn.QueryRow(ctx, `SELECT "dms"."uuidv5"($1::uuid, $2::text)`, Namespace, name).Scan(&got); err != nil {
			t.Fatalf("%q: %v", name, err)
		}
		var b Builder
		b.buf = append(append(b.buf, Namespace[:]...), name...)
		if want := b.Sum(); got != want {
			t.Errorf("%q: PostgreSQL %s, Go %s", name, got, want)
		}
	}

	// Typed columns rendered the way the reference's triggers render them
	// must give the ids Go computes from the canonical value forms.
	typed := []struct {
		expr string
		want uuid.UUID
	}{
		{`'Ed-FiThing' || '$.decimalKey=' || regexp_replace(regexp_replace((1.50::numeric(9,2))::text, '(\.[0-9]*?)0+$', '\1'), '\.$', '')`,
			ReferentialID("Ed-Fi", "Thing", Element{"$.decimalKey", Decimal("1.50")})},
		{`'Ed-FiThing' || '$.decimalKey=' || regexp_replace(regexp_replace((100::numeric(9,2))::text, '(\.[0-9]*?)0+$', '\1'), '\.$', '')`,
			ReferentialID("Ed-Fi", "Thing", Element{"$.decimalKey", Decimal("100")})},
		{`'Ed-FiThing' || '$.eventTimestamp=' || to_char(timestamptz '2024-05-01 10:30:15.75+02' AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`,
			ReferentialID("Ed-Fi", "Thing", Element{"$.eventTimestamp", DateTime("2024-05-01T10:30:15.75+02:00")})},
		{`'Ed-FiThing' || '$.beginDate=' || (date '2024-08-01')::text || '#' || '$.flag=' || true::text || '#' || '$.n=' || (-5)::int::text`,
			ReferentialID("Ed-Fi", "Thing", Element{"$.beginDate", "2024-08-01"}, Element{"$.flag", Bool(true)}, Element{"$.n", Int(-5)})},
		{`'Ed-FiThing' || '$.classStartTime=' || (time '08:05:00')::text`,
			ReferentialID("Ed-Fi", "Thing", Element{"$.classStartTime", Time("08:05:00")})},
		{`'Ed-FiThing' || '$.classStartTime=' || (time '08:05:00.500')::text`,
			ReferentialID("Ed-Fi", "Thing", Element{"$.classStartTime", Time("08:05:00.500")})},
	}
	// A session time zone away from UTC proves the date-time rendering
	// does not depend on it.
	if _, err := conn.Exec(ctx, `SET TIME ZONE 'America/Chicago'`); err != nil {
		t.Fatal(err)
	}
	for _, tc := range typed {
		var got uuid.UUID
		if err := conn.QueryRow(ctx, `SELECT "dms"."uuidv5"('edf1edf1-3df1-3df1-3df1-3df1edf1edf1'::uuid, `+tc.expr+`)`).Scan(&got); err != nil {
			t.Fatalf("%s: %v", tc.expr, err)
		}
		if got != tc.want {
			t.Errorf("%s: PostgreSQL %s, Go %s", tc.expr, got, tc.want)
		}
	}
}

const (
	minimalFixture             = "dms-fixtures/EdFi.DataManagementService.Backend.Ddl.Tests.Unit/Fixtures/small/minimal/expected/pgsql.sql"
	referentialIdentityFixture = "dms-fixtures/EdFi.DataManagementService.Backend.Ddl.Tests.Unit/Fixtures/small/referential-identity/expected/pgsql.sql"
)

// readFixture returns the text of a reference DDL fixture.
func readFixture(t *testing.T, sub string) string {
	t.Helper()
	ddl, err := os.ReadFile(refdata.File(t, sub))
	if err != nil {
		t.Fatal(err)
	}
	return string(ddl)
}

// uuidv5Database opens a throw-away database holding the dms.uuidv5
// function exactly as the fixture defines it.
func uuidv5Database(ctx context.Context, t *testing.T, fixture string) *pgx.Conn {
	t.Helper()
	fn := extractFunction(t, readFixture(t, fixture), `CREATE OR REPLACE FUNCTION "dms"."uuidv5"`, "$uuidv5$;")
	conn, err := pgx.Connect(ctx, dbtest.New(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	for _, stmt := range []string{`CREATE EXTENSION IF NOT EXISTS pgcrypto`, `CREATE SCHEMA dms`, fn} {
		if _, err := conn.Exec(ctx, stmt); err != nil {
			t.Fatalf("%.60s…: %v", stmt, err)
		}
	}
	return conn
}

// TestFixtureTriggerExpressionsMatchGo evaluates the ReferentialId
// expressions of the reference's TR_<R>_ReferentialIdentity triggers (read
// from the referential-identity DDL fixture) over typed column values and
// checks that Go computes the same ids from the document's JSON values. It
// pins the canonical value forms (integers, strings, decimals with column
// scale, UTC date-times) and the superclass alias row of a subclass.
func TestFixtureTriggerExpressionsMatchGo(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	ddl := readFixture(t, referentialIdentityFixture)
	conn := uuidv5Database(ctx, t, referentialIdentityFixture)
	if _, err := conn.Exec(ctx, `SET TIME ZONE 'America/Chicago'`); err != nil {
		t.Fatal(err)
	}
	exprs := triggerNameExpressions(ddl)

	cases := []struct {
		prefix  string            // start of the trigger's name expression
		columns map[string]string // NEW."Column" -> typed SQL literal
		want    uuid.UUID
	}{
		{`'Ed-FiSchool' || `, map[string]string{"SchoolId": "255901::integer"},
			ReferentialID("Ed-Fi", "School", Element{"$.schoolId", Int(255901)})},
		{`'Ed-FiEducationOrganization' || `, map[string]string{"SchoolId": "255901::integer"},
			SuperclassReferentialID("Ed-Fi", "EducationOrganization", "domainEntity", "$.educationOrganizationId",
				[]Element{{"$.schoolId", Int(255901)}})},
		{`'Ed-FiStudent' || `, map[string]string{"StudentUniqueId": "'S 0001'::varchar(32)"},
			ReferentialID("Ed-Fi", "Student", Element{"$.studentUniqueId", "S 0001"})},
		{`'Ed-FiStudentSchoolAssociation' || `, map[string]string{"StudentUniqueId": "'604822'::varchar(32)", "SchoolReference_SchoolId": "255901::integer"},
			ReferentialID("Ed-Fi", "StudentSchoolAssociation", Element{"$.studentUniqueId", "604822"}, Element{"$.schoolReference.schoolId", Int(255901)})},
		{`'Ed-FiDecimalKeyResource' || `, map[string]string{"DecimalKey": "1.5::numeric(9,2)"},
			ReferentialID("Ed-Fi", "DecimalKeyResource", Element{"$.decimalKey", Decimal("1.50")})},
		{`'Ed-FiDecimalKeyResource' || `, map[string]string{"DecimalKey": "-100::numeric(9,2)"},
			ReferentialID("Ed-Fi", "DecimalKeyResource", Element{"$.decimalKey", Decimal("-1e2")})},
		{`'Ed-FiDecimalRefResource' || `, map[string]string{"RefResourceId": "'R-1'::varchar(64)", "DecimalKeyReference_DecimalKey": "0.05::numeric(9,2)"},
			ReferentialID("Ed-Fi", "DecimalRefResource", Element{"$.refResourceId", "R-1"}, Element{"$.decimalKeyReference.decimalKey", Decimal("0.050")})},
		{`'Ed-FiDateTimeKeyResource' || `, map[string]string{"EventTimestamp": "'2024-05-01 10:30:15.75+02'::timestamptz"},
			ReferentialID("Ed-Fi", "DateTimeKeyResource", Element{"$.eventTimestamp", DateTime("2024-05-01T10:30:15.75+02:00")})},
		{`'Ed-FiEdOrgDependentResource' || `, map[string]string{"EdOrgDependentResourceId": "'D1'::varchar(64)", "EducationOrganization_EducationOrganizationId": "255901::integer"},
			ReferentialID("Ed-Fi", "EdOrgDependentResource", Element{"$.edOrgDependentResourceId", "D1"}, Element{"$.educationOrganizationReference.educationOrganizationId", Int(255901)})},
	}
	for _, tc := range cases {
		expr := ""
		for _, e := range exprs {
			if strings.HasPrefix(e, tc.prefix) {
				if expr != "" {
					t.Fatalf("fixture has several name expressions starting %s", tc.prefix)
				}
				expr = e
			}
		}
		if expr == "" {
			t.Fatalf("fixture has no name expression starting %s", tc.prefix)
		}
		names := make([]string, 0, len(tc.columns))
		for col := range tc.columns {
			names = append(names, col)
		}
		sort.Strings(names)
		var cols []string
		for _, col := range names {
			cols = append(cols, tc.columns[col]+` AS "`+col+`"`)
		}
		q := `SELECT "dms"."uuidv5"('edf1edf1-3df1-3df1-3df1-3df1edf1edf1'::uuid, ` + expr + `) FROM (SELECT ` + strings.Join(cols, ", ") + `) AS new`
		var got uuid.UUID
		if err := conn.QueryRow(ctx, q).Scan(&got); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if got != tc.want {
			t.Errorf("%s with %v: trigger expression gives %s, Go %s", tc.prefix, tc.columns, got, tc.want)
		}
	}
}

// triggerNameExpressions returns the second argument of every dms.uuidv5
// call in the fixture's trigger functions.
func triggerNameExpressions(ddl string) []string {
	const call = `"dms"."uuidv5"('edf1edf1-3df1-3df1-3df1-3df1edf1edf1'::uuid, `
	var out []string
	for rest := ddl; ; {
		i := strings.Index(rest, call)
		if i < 0 {
			return out
		}
		rest = rest[i+len(call):]
		end := closingParen(rest)
		out = append(out, rest[:end])
		rest = rest[end:]
	}
}

// closingParen returns the index of the ')' that closes an argument list
// whose '(' precedes s, skipping parentheses inside SQL string literals.
func closingParen(s string) int {
	depth, inString := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\'':
			inString = !inString
		case inString:
		case c == '(':
			depth++
		case c == ')':
			if depth == 0 {
				return i
			}
			depth--
		}
	}
	return len(s)
}

// extractFunction returns the text from start through end (inclusive).
func extractFunction(t *testing.T, ddl, start, end string) string {
	t.Helper()
	i := strings.Index(ddl, start)
	if i < 0 {
		t.Fatalf("fixture has no %s", start)
	}
	j := strings.Index(ddl[i:], end)
	if j < 0 {
		t.Fatalf("fixture function %s has no terminator %s", start, end)
	}
	return ddl[i : i+j+len(end)]
}
