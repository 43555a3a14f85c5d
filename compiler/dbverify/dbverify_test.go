package dbverify_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/compiler/dbverify"
	"github.com/edfi-dmsc/dmsc/compiler/ddl"
	"github.com/edfi-dmsc/dmsc/compiler/ddl/ddlfixtures"
	"github.com/edfi-dmsc/dmsc/compiler/ddl/modelddl"
	"github.com/edfi-dmsc/dmsc/compiler/effschema"
	"github.com/edfi-dmsc/dmsc/compiler/provision/pgtest"
	"github.com/edfi-dmsc/dmsc/compiler/relmodel"
	"github.com/edfi-dmsc/dmsc/internal/testschema"
)

func fixtureInfo(t *testing.T, suffix string) *effschema.Info {
	t.Helper()
	_, info := testschema.Files(t, ddlfixtures.Find(t, suffix).Inputs...)
	return info
}

// provisioned returns a fresh database provisioned with the core script of info.
func provisioned(t *testing.T, info *effschema.Info) string {
	t.Helper()
	script, err := ddl.EmitCore(info, ddl.Pgsql, ddl.CoreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return pgtest.Provisioned(t, script, info)
}

func check(t *testing.T, name string, info *effschema.Info) *dbverify.Report {
	t.Helper()
	rep, err := dbverify.Check(context.Background(), pgtest.Open(t, name), ddl.Pgsql, info)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func differences(rep *dbverify.Report) []string {
	out := make([]string, len(rep.Differences))
	for i, d := range rep.Differences {
		out[i] = d.String()
	}
	return out
}

func TestVerifyPassesOnFreshDatabase(t *testing.T) {
	info := fixtureInfo(t, "small/ext")
	rep := check(t, provisioned(t, info), info)
	if !rep.Compatible() || rep.StoredHash != info.EffectiveSchemaHash {
		t.Fatalf("fresh database: %v (stored hash %s)", rep.Err(), rep.StoredHash)
	}
}

func TestVerifyNamesTamperedResourceKeyRows(t *testing.T) {
	info := fixtureInfo(t, "small/referential-identity")
	name := provisioned(t, info)
	db := pgtest.Open(t, name)
	for _, stmt := range []string{
		`UPDATE "dms"."ResourceKey" SET "ResourceName" = 'Renamed' WHERE "ResourceKeyId" = 3`,
		`DELETE FROM "dms"."ResourceKey" WHERE "ResourceKeyId" = 12`,
		`INSERT INTO "dms"."ResourceKey" VALUES (99, 'Ed-Fi', 'Intruder', '5.0.0')`,
	} {
		if _, err := db.Exec(stmt); err != nil {
			t.Fatal(err)
		}
	}
	rep := check(t, name, info)
	got := differences(rep)
	want := []string{
		"mismatched dms.ResourceKey[3]: stored (Ed-Fi, Renamed, 5.0.0), expected (Ed-Fi, DecimalRefResource, 5.0.0)",
		"missing dms.ResourceKey[12]: expected (Ed-Fi, StudentSchoolAssociation, 5.0.0)",
		"unexpected dms.ResourceKey[99]: stored (Ed-Fi, Intruder, 5.0.0) is not in the compiled schema",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("differences:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if err := rep.Err(); err == nil || !strings.Contains(err.Error(), "3 differences") {
		t.Errorf("Err() = %v", err)
	}
}

func TestVerifyReportsDifferentHash(t *testing.T) {
	provisionedFor := fixtureInfo(t, "small/minimal")
	compiledFor := fixtureInfo(t, "small/ext")
	rep := check(t, provisioned(t, provisionedFor), compiledFor)
	if len(rep.Differences) != 1 || rep.Differences[0].Kind != dbverify.HashMismatch {
		t.Fatalf("differences %v, want one hash mismatch", differences(rep))
	}
	msg := rep.Err().Error()
	for _, h := range []string{provisionedFor.EffectiveSchemaHash, compiledFor.EffectiveSchemaHash} {
		if !strings.Contains(msg, h) {
			t.Errorf("report %q does not show hash %s", msg, h)
		}
	}
}

func TestVerifyReportsFingerprintAndComponentChanges(t *testing.T) {
	info := fixtureInfo(t, "small/ext")
	name := provisioned(t, info)
	db := pgtest.Open(t, name)
	for _, stmt := range []string{
		`UPDATE "dms"."EffectiveSchema" SET "ResourceKeyCount" = 7`,
		`UPDATE "dms"."SchemaComponent" SET "ProjectVersion" = '0.0.1' WHERE "ProjectEndpointName" = 'sample'`,
	} {
		if _, err := db.Exec(stmt); err != nil {
			t.Fatal(err)
		}
	}
	got := strings.Join(differences(check(t, name, info)), "\n")
	want := "mismatched dms.EffectiveSchema.ResourceKeyCount: stored 7, expected 1\n" +
		"mismatched dms.SchemaComponent[sample]: stored (Sample, 0.0.1, extension=true), expected (Sample, 1.0.0, extension=true)"
	if got != want {
		t.Fatalf("differences:\n%s\nwant:\n%s", got, want)
	}
}

func TestVerifyEmptyDatabaseIsNotProvisioned(t *testing.T) {
	name := pgtest.DatabaseName(t)
	pgtest.Create(t, name)
	_, err := dbverify.Check(context.Background(), pgtest.Open(t, name), ddl.Pgsql, fixtureInfo(t, "small/minimal"))
	if !errors.Is(err, dbverify.ErrNotProvisioned) {
		t.Fatalf("got %v, want ErrNotProvisioned", err)
	}
}

// provisionedWithModel provisions the full script (core and per-resource)
// of a fixture and returns the database name, the info and the model.
func provisionedWithModel(t *testing.T, suffix string) (string, *effschema.Info, *relmodel.ModelSet) {
	t.Helper()
	set, info := testschema.Files(t, ddlfixtures.Find(t, suffix).Inputs...)
	script, m, err := modelddl.Script(set, info, ddl.Pgsql, false)
	if err != nil {
		t.Fatal(err)
	}
	return pgtest.Provisioned(t, script, info), info, m
}

func TestVerifyWithModelNamesDroppedAndAddedColumns(t *testing.T) {
	name, info, m := provisionedWithModel(t, "small/nested")
	db := pgtest.Open(t, name)
	rep, err := dbverify.CheckWithModel(context.Background(), db, ddl.Pgsql, info, m)
	if err != nil || !rep.Compatible() {
		t.Fatalf("fresh database: %v %v", err, rep.Err())
	}
	for _, stmt := range []string{
		`ALTER TABLE "edfi"."SchoolAddress" DROP COLUMN "Street"`,
		`ALTER TABLE "edfi"."School" ADD COLUMN "Extra" integer`,
		`DROP TABLE "edfi"."SchoolAddressPhoneNumber"`,
	} {
		if _, err := db.Exec(stmt); err != nil {
			t.Fatal(err)
		}
	}
	rep, err = dbverify.CheckWithModel(context.Background(), db, ddl.Pgsql, info, m)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(differences(rep), "\n")
	want := "unexpected edfi.School.Extra: column is not in the compiled model\n" +
		"missing edfi.SchoolAddress.Street: column does not exist\n" +
		"missing edfi.SchoolAddressPhoneNumber: table does not exist"
	if got != want {
		t.Fatalf("differences:\n%s\nwant:\n%s", got, want)
	}
}
