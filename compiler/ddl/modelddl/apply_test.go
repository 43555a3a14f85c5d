package modelddl_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/edfi-dmsc/dmsc/compiler/dbverify"
	"github.com/edfi-dmsc/dmsc/compiler/ddl"
	"github.com/edfi-dmsc/dmsc/compiler/ddl/ddlcompare"
	"github.com/edfi-dmsc/dmsc/compiler/ddl/ddlfixtures"
	"github.com/edfi-dmsc/dmsc/compiler/ddl/modelddl"
	"github.com/edfi-dmsc/dmsc/compiler/provision"
	"github.com/edfi-dmsc/dmsc/compiler/provision/pgtest"
	"github.com/edfi-dmsc/dmsc/compiler/relmodel"
	"github.com/edfi-dmsc/dmsc/internal/refdata"
	"github.com/edfi-dmsc/dmsc/internal/testschema"
)

type schemaInput struct {
	name   string
	files  []string
	strict bool
}

// smokeInputs: every reference DDL fixture, the bundled default schema and
// the full DS 3.2a core.
func smokeInputs(t *testing.T) []schemaInput {
	var out []schemaInput
	for _, f := range ddlfixtures.DDLFixtures(t) {
		out = append(out, schemaInput{name: f.Name, files: f.Inputs, strict: strictFixture(f)})
	}
	bundled := filepath.Join(refdata.RepoRoot(t), "schemas", "default")
	out = append(out, schemaInput{name: "bundled", strict: true, files: []string{
		filepath.Join(bundled, "core.ApiSchema.json"), filepath.Join(bundled, "sample.ApiSchema.json")}})
	out = append(out, schemaInput{name: "ds-3.2a", strict: true, files: []string{
		refdata.File(t, refdata.DS32aCoreSchema)}})
	return out
}

// TestApplySmoke provisions every input's full PostgreSQL script into a
// fresh database, provisions it again (must be a no-op), and checks the
// catalog against the model and the seed rows with dbverify.
func TestApplySmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("database smoke test")
	}
	for _, in := range smokeInputs(t) {
		t.Run(in.name, func(t *testing.T) {
			if err := applyAndCheck(t, in); err != nil {
				t.Error(err)
			}
		})
	}
}

func applyAndCheck(t *testing.T, in schemaInput) error {
	t.Helper()
	set, info := testschema.Files(t, in.files...)
	script, m, err := modelddl.Script(set, info, ddl.Pgsql, in.strict)
	if err != nil {
		return err
	}
	name := pgtest.DatabaseName(t)
	start := time.Now()
	res, err := provision.Provision(context.Background(), ddl.Pgsql, pgtest.ConnString(t, name), script, info, provision.Options{CreateDatabase: true})
	if err != nil {
		return err
	}
	t.Logf("%s: %d resource keys, %d statement groups provisioned in %s", in.name, len(info.ResourceKeys), res.Units, time.Since(start).Round(time.Millisecond))
	again, err := provision.Provision(context.Background(), ddl.Pgsql, pgtest.ConnString(t, name), script, info, provision.Options{})
	if err != nil {
		return fmt.Errorf("rerun: %w", err)
	}
	if again.Outcome != provision.AlreadyProvisioned {
		return fmt.Errorf("rerun outcome %s, want %s", again.Outcome, provision.AlreadyProvisioned)
	}
	db := pgtest.Open(t, name)
	if problems := catalogProblems(t, db, m, script); len(problems) > 0 {
		return fmt.Errorf("catalog differs from the model:\n%s", strings.Join(problems, "\n"))
	}
	rep, err := dbverify.Check(context.Background(), db, ddl.Pgsql, info)
	if err != nil {
		return err
	}
	return rep.Err()
}

// catalogProblems compares the live catalog with the model: every model
// table and column with its type and nullability, every constraint with its
// kind (and FK actions), every index and trigger the script creates.
func catalogProblems(t *testing.T, db *sql.DB, m *relmodel.ModelSet, script string) []string {
	t.Helper()
	var problems []string
	columns := queryMap(t, db, `SELECT n.nspname || '.' || c.relname || '.' || a.attname,
		format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END || CASE WHEN a.attgenerated = 's' THEN ' generated' ELSE '' END
		FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped`)
	var tables []*relmodel.Table
	for _, r := range m.Resources {
		tables = append(tables, r.Tables...)
	}
	for _, at := range m.AbstractTables {
		tables = append(tables, at.Table)
	}
	for _, tbl := range tables {
		for _, c := range tbl.Columns {
			key := tbl.Name.Schema + "." + tbl.Name.Name + "." + c.Name
			want := expectedColumn(c)
			if got, ok := columns[key]; !ok {
				problems = append(problems, "missing column "+key)
			} else if got != want {
				problems = append(problems, fmt.Sprintf("column %s is %q, model says %q", key, got, want))
			}
		}
		constraints := queryMap(t, db, fmt.Sprintf(`SELECT conname, CASE WHEN contype = 'f' THEN 'f ' || confupdtype::text || confdeltype::text ELSE contype::text END FROM pg_constraint WHERE conrelid = to_regclass('%s')`,
			strings.ReplaceAll(ddl.Pgsql.Qualified(ddl.TableName{Schema: tbl.Name.Schema, Name: tbl.Name.Name}), "'", "''")))
		if _, ok := constraints[tbl.PrimaryKeyName]; !ok && len(tbl.Key) > 0 {
			problems = append(problems, "missing primary key "+tbl.PrimaryKeyName)
		}
		for _, c := range tbl.Constraints {
			got, ok := constraints[c.Name]
			want := map[relmodel.ConstraintKind]string{relmodel.ConUnique: "u", relmodel.ConForeignKey: "f", relmodel.ConAllOrNoneNullability: "c", relmodel.ConNullOrTrue: "c"}[c.Kind]
			if c.Kind == relmodel.ConForeignKey {
				want += " " + fkAction(c.OnUpdate) + fkAction(c.OnDelete)
			}
			if !ok {
				problems = append(problems, fmt.Sprintf("missing constraint %s on %s", c.Name, tbl.Name))
			} else if got != want {
				problems = append(problems, fmt.Sprintf("constraint %s is %q, model says %q", c.Name, got, want))
			}
		}
	}
	indexes := queryMap(t, db, `SELECT indexrelid::regclass::text, '' FROM pg_index`)
	idx := map[string]bool{}
	for k := range indexes {
		parts := strings.Split(k, ".")
		idx[strings.Trim(parts[len(parts)-1], `"`)] = true
	}
	for _, ix := range m.Indexes {
		if !idx[ix.Name] {
			problems = append(problems, "missing index "+ix.Name)
		}
	}
	triggers := queryMap(t, db, `SELECT tgname, '' FROM pg_trigger WHERE NOT tgisinternal`)
	for _, o := range ddlcompare.CreatedObjects("pgsql", script) {
		if strings.HasPrefix(o, `"TR_`) {
			if _, ok := triggers[strings.Trim(o, `"`)]; !ok {
				problems = append(problems, "missing trigger "+o)
			}
		}
	}
	sort.Strings(problems)
	return problems
}

func fkAction(a relmodel.ReferentialAction) string {
	if a == relmodel.Cascade {
		return "c"
	}
	return "a"
}

func expectedColumn(c *relmodel.Column) string {
	var typ string
	if c.Type == nil {
		typ = "bigint"
	} else {
		switch c.Type.Kind {
		case relmodel.KindString:
			typ = fmt.Sprintf("character varying(%d)", c.Type.MaxLength)
			if c.Type.MaxLength == 0 {
				typ = "text"
			}
		case relmodel.KindInt32:
			typ = "integer"
		case relmodel.KindInt64:
			typ = "bigint"
		case relmodel.KindDecimal:
			typ = fmt.Sprintf("numeric(%d,%d)", c.Type.Precision, c.Type.Scale)
		case relmodel.KindBoolean:
			typ = "boolean"
		case relmodel.KindDate:
			typ = "date"
		case relmodel.KindDateTime:
			typ = "timestamp with time zone"
		case relmodel.KindTime:
			typ = "time without time zone"
		}
	}
	if c.Storage.UnifiedAlias {
		return typ + " generated"
	}
	if !c.Nullable {
		typ += " not null"
	}
	return typ
}

func queryMap(t *testing.T, db *sql.DB, query string) map[string]string {
	t.Helper()
	rows, err := db.Query(query)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			t.Fatal(err)
		}
		out[k] = v
	}
	return out
}

// TestEmitIsDeterministic emits both dialects twice for the bundled schema
// and DS 3.2a and requires identical bytes.
func TestEmitIsDeterministic(t *testing.T) {
	for _, in := range smokeInputs(t) {
		if in.name != "bundled" && in.name != "ds-3.2a" {
			continue
		}
		for _, dialect := range []relmodel.Dialect{relmodel.PGSQL, relmodel.MSSQL} {
			first, err := emitScript(t, in.files, in.strict, string(dialect))
			if err != nil {
				t.Errorf("%s %s: %v", in.name, dialect, err)
				continue
			}
			second, err := emitScript(t, in.files, in.strict, string(dialect))
			if err != nil || first != second {
				t.Errorf("%s %s: second emission differs (%v)", in.name, dialect, err)
			}
			d, _ := ddl.DialectByName(string(dialect))
			e := ddl.ManifestEntryFor(d, first)
			t.Logf("%s %s: %d bytes, %d statements, sha256 %s", in.name, dialect, len(first), e.StatementCount, e.NormalizedSQLSHA256)
		}
	}
}
