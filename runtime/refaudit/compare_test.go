package refaudit

import (
	"context"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/runtime/db/dbtest"
	"github.com/edfi-dmsc/dmsc/runtime/identity"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

// school is the spec of a subclass with a superclass alias.
var school = &spec.ReferentialIdentity{
	Resource: "ed-fi/schools",
	Table:    spec.TableName{Schema: "edfi", Name: "School"},
	Primary: spec.HashedIdentity{ProjectName: "Ed-Fi", ResourceName: "School", ResourceKeyID: 14,
		Elements: []spec.HashedElement{{Path: "$.schoolId", Column: "SchoolId", Form: spec.HashInteger}}},
	Alias: &spec.HashedIdentity{ProjectName: "Ed-Fi", ResourceName: "EducationOrganization", ResourceKeyID: 7,
		Elements: []spec.HashedElement{{Path: "$.educationOrganizationId", Column: "SchoolId", Form: spec.HashInteger}}},
}

func ptr(s string) *string { return &s }

func TestCompareClassifiesRows(t *testing.T) {
	own := identity.ReferentialID("Ed-Fi", "School", identity.Element{Path: "$.schoolId", Value: "255901"})
	alias := identity.ReferentialID("Ed-Fi", "EducationOrganization", identity.Element{Path: "$.educationOrganizationId", Value: "255901"})
	other := uuid.MustParse("11111111-2222-5333-8444-555555555555")
	doc := func(keys []int16, ids []uuid.UUID, value *string) *document {
		d := &document{id: 42, uuid: "d0c", storedKeys: keys, values: []*string{value}}
		for _, id := range ids {
			d.storedIDs = append(d.storedIDs, id.String())
		}
		return d
	}
	tests := []struct {
		name string
		doc  *document
		want []Drift
	}{
		{"clean", doc([]int16{7, 14}, []uuid.UUID{alias, own}, ptr("255901")), nil},
		{"missing alias", doc([]int16{14}, []uuid.UUID{own}, ptr("255901")),
			[]Drift{{Kind: Missing, ResourceKeyID: 7, Expected: alias}}},
		{"wrong own, extra row", doc([]int16{7, 10, 14}, []uuid.UUID{alias, other, other}, ptr("255901")),
			[]Drift{{Kind: Wrong, ResourceKeyID: 14, Stored: other, Expected: own}, {Kind: Extra, ResourceKeyID: 10, Stored: other}}},
		{"no rows", doc(nil, nil, ptr("255901")),
			[]Drift{{Kind: Missing, ResourceKeyID: 14, Expected: own}, {Kind: Missing, ResourceKeyID: 7, Expected: alias}}},
		// A NULL value gives no id: the rows of both identities are left
		// alone rather than called wrong or extra.
		{"NULL identity value", doc([]int16{7, 14}, []uuid.UUID{other, other}, nil),
			[]Drift{{Kind: Unhashable, ResourceKeyID: 14}, {Kind: Unhashable, ResourceKeyID: 7}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b identity.Builder
			got, err := compare(school, tt.doc, &b)
			if err != nil {
				t.Fatal(err)
			}
			for i := range tt.want {
				tt.want[i].Resource, tt.want[i].DocumentID, tt.want[i].DocumentUUID = "ed-fi/schools", 42, "d0c"
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("finding %d = %+v, want %+v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestRepairableDocumentsSkipsWhatRepairCannotFix(t *testing.T) {
	drift := []Drift{{Kind: Missing, DocumentID: 1}, {Kind: Extra, DocumentID: 1}, {Kind: Journal, DocumentID: 2},
		{Kind: Unhashable, DocumentID: 3}, {Kind: Wrong, DocumentID: 4}}
	if got := RepairableDocuments(drift); len(got) != 2 || got[0] != 1 || got[1] != 4 {
		t.Errorf("RepairableDocuments = %v, want [1 4]", got)
	}
}

// TestValueTextMatchesTriggerText reads typed values the way the audit does
// and the way the referential-identity triggers render them
// (compiler/ddl/modelddl pgIdentityText): in the canonical forms they must
// agree, whatever the session's time zone. Under a DateStyle other than
// ISO the triggers' date text changes but the audit's does not, so rows a
// session with such a setting wrote are reported as wrong — the ids the API
// computes from JSON values are the ISO ones.
func TestValueTextMatchesTriggerText(t *testing.T) {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dbtest.New(t))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `CREATE TABLE v (i integer, n bigint, d numeric(9,3), b boolean, dt date, tm time, ts timestamp with time zone, s varchar(20));
		INSERT INTO v VALUES (-5, 9007199254740993, 1.500, true, '2024-08-01', '08:05:00.5', '2024-05-01 10:30:15.75+02', 'Spring 2025'),
			(0, -1, 100, false, '0999-12-31', '23:59:59', '1999-12-31 23:59:59-08', ''),
			(7, 7, -0.010, false, '2024-02-29', '00:00:00.000001', '2024-01-01 00:00:00+00', 'Ünïcödé')`); err != nil {
		t.Fatal(err)
	}
	cols := []column{{"i", spec.HashInteger}, {"n", spec.HashInteger}, {"d", spec.HashDecimal}, {"b", spec.HashBoolean}, {"dt", spec.HashDate}, {"tm", spec.HashTime}, {"ts", spec.HashDateTime}, {"s", spec.HashText}}
	trigger := map[string]string{
		"d":  `regexp_replace(regexp_replace(t."d"::text, '(\.[0-9]*?)0+$', '\1'), '\.$', '')`,
		"ts": `to_char(t."ts" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`,
	}
	var exprs []string
	for i, c := range cols {
		audit, _ := valueSQL(c, i)
		trig, ok := trigger[c.name]
		if !ok {
			trig = `t."` + c.name + `"::text`
		}
		exprs = append(exprs, audit, trig)
	}
	read := func() [][]string {
		rows, err := conn.Query(ctx, `SELECT `+strings.Join(exprs, ", ")+` FROM v t ORDER BY i`)
		if err != nil {
			t.Fatal(err)
		}
		out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) ([]string, error) {
			v := make([]string, len(exprs))
			dest := make([]any, len(exprs))
			for i := range v {
				dest[i] = &v[i]
			}
			return v, r.Scan(dest...)
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	if _, err := conn.Exec(ctx, `SET TIME ZONE 'America/Chicago'`); err != nil {
		t.Fatal(err)
	}
	iso := read()
	for _, row := range iso {
		for i, c := range cols {
			if got, want := canonical(c.form, row[2*i]), row[2*i+1]; got != want {
				t.Errorf("%s (%s): audit reads %q, trigger hashes %q", c.name, c.form, got, want)
			}
		}
	}
	if _, err := conn.Exec(ctx, `SET DateStyle = 'SQL, DMY'`); err != nil {
		t.Fatal(err)
	}
	changed := false
	for r, row := range read() {
		for i, c := range cols {
			if got, want := canonical(c.form, row[2*i]), canonical(c.form, iso[r][2*i]); got != want {
				t.Errorf("%s under DateStyle SQL: audit reads %q, under ISO %q", c.name, got, want)
			}
			changed = changed || row[2*i+1] != iso[r][2*i+1]
		}
	}
	if !changed {
		t.Error("DateStyle SQL changed no trigger text: the test no longer shows that the audit does not depend on it")
	}
}
