package provision_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/edfi-dmsc/dmsc/compiler/dbverify"
	"github.com/edfi-dmsc/dmsc/compiler/ddl"
	"github.com/edfi-dmsc/dmsc/compiler/ddl/ddlfixtures"
	"github.com/edfi-dmsc/dmsc/compiler/ddl/modelddl"
	"github.com/edfi-dmsc/dmsc/compiler/effschema"
	"github.com/edfi-dmsc/dmsc/compiler/provision"
	"github.com/edfi-dmsc/dmsc/compiler/provision/pgtest"
	"github.com/edfi-dmsc/dmsc/internal/testschema"
)

type compiled struct {
	info   *effschema.Info
	script string
}

// compileFixture loads a reference fixture's inputs and emits its full
// PostgreSQL script.
func compileFixture(t *testing.T, suffix string) compiled {
	t.Helper()
	set, info := testschema.Files(t, ddlfixtures.Find(t, suffix).Inputs...)
	script, _, err := modelddl.Script(set, info, ddl.Pgsql, false)
	if err != nil {
		t.Fatal(err)
	}
	return compiled{info, script}
}

func provisionDB(t *testing.T, name string, c compiled, create bool) (*provision.Result, error) {
	t.Helper()
	return provision.Provision(context.Background(), ddl.Pgsql, pgtest.ConnString(t, name), c.script, c.info,
		provision.Options{CreateDatabase: create})
}

func TestProvisionCreatesThenRerunIsNoOp(t *testing.T) {
	c := compileFixture(t, "small/ext")
	name := pgtest.DatabaseName(t)
	var stages []provision.Stage
	res, err := provision.Provision(context.Background(), ddl.Pgsql, pgtest.ConnString(t, name), c.script, c.info,
		provision.Options{CreateDatabase: true, Progress: func(p provision.Progress) {
			if len(stages) == 0 || stages[len(stages)-1] != p.Stage {
				stages = append(stages, p.Stage)
			}
		}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Outcome != provision.Applied || !res.CreatedDatabase || res.Units == 0 {
		t.Fatalf("first run: %+v, want applied into a created database", res)
	}
	wantStages := []provision.Stage{provision.StageCreateDatabase, provision.StagePreflight, provision.StageApply, provision.StageCommit}
	if strings.Join(stageNames(stages), ",") != strings.Join(stageNames(wantStages), ",") {
		t.Errorf("progress stages %v, want %v", stages, wantStages)
	}

	db := pgtest.Open(t, name)
	rep, err := dbverify.Check(context.Background(), db, ddl.Pgsql, c.info)
	if err != nil {
		t.Fatal(err)
	}
	if err := rep.Err(); err != nil {
		t.Fatalf("freshly provisioned database does not verify: %v", err)
	}
	before := catalogSnapshot(t, name)

	res, err = provisionDB(t, name, c, true)
	if err != nil {
		t.Fatalf("rerun: %v", err)
	}
	if res.Outcome != provision.AlreadyProvisioned || res.CreatedDatabase || res.Units != 0 {
		t.Fatalf("rerun: %+v, want already-provisioned with nothing applied", res)
	}
	if after := catalogSnapshot(t, name); after != before {
		t.Errorf("rerun changed the catalog:\nbefore %s\nafter  %s", before, after)
	}
}

func TestProvisionRefusesDifferentHashAndChangesNothing(t *testing.T) {
	first := compileFixture(t, "small/minimal")
	other := compileFixture(t, "small/ext")
	name := pgtest.DatabaseName(t)
	if _, err := provisionDB(t, name, first, true); err != nil {
		t.Fatal(err)
	}
	before := catalogSnapshot(t, name)
	_, err := provisionDB(t, name, other, false)
	var mismatch *provision.HashMismatchError
	if !errors.As(err, &mismatch) {
		t.Fatalf("got %v, want a HashMismatchError", err)
	}
	for _, h := range []string{first.info.EffectiveSchemaHash, other.info.EffectiveSchemaHash} {
		if !strings.Contains(err.Error(), h) {
			t.Errorf("message %q does not show hash %s", err, h)
		}
	}
	if after := catalogSnapshot(t, name); after != before {
		t.Errorf("refused run changed the database:\nbefore %s\nafter  %s", before, after)
	}
}

func TestProvisionFailsWhenFingerprintRowIsMissing(t *testing.T) {
	c := compileFixture(t, "small/minimal")
	name := pgtest.DatabaseName(t)
	if _, err := provisionDB(t, name, c, true); err != nil {
		t.Fatal(err)
	}
	if _, err := pgtest.Open(t, name).Exec(`DELETE FROM "dms"."EffectiveSchema"`); err != nil {
		t.Fatal(err)
	}
	_, err := provisionDB(t, name, c, false)
	if !errors.Is(err, provision.ErrIncompleteFingerprint) {
		t.Fatalf("got %v, want ErrIncompleteFingerprint", err)
	}
	if !strings.Contains(err.Error(), "drop and recreate") {
		t.Errorf("message %q does not tell the operator to drop and recreate", err)
	}
}

func TestProvisionRerunFailsOnTamperedSeedRow(t *testing.T) {
	c := compileFixture(t, "small/ext")
	name := pgtest.DatabaseName(t)
	if _, err := provisionDB(t, name, c, true); err != nil {
		t.Fatal(err)
	}
	if _, err := pgtest.Open(t, name).Exec(`UPDATE "dms"."ResourceKey" SET "ResourceVersion" = '9.9.9' WHERE "ResourceKeyId" = 1`); err != nil {
		t.Fatal(err)
	}
	_, err := provisionDB(t, name, c, false)
	if err == nil || !strings.Contains(err.Error(), "dms.ResourceKey[1]") {
		t.Fatalf("got %v, want a verification failure naming dms.ResourceKey[1]", err)
	}
}

func TestConcurrentProvisionersOneWins(t *testing.T) {
	c := compileFixture(t, "small/ext")
	name := pgtest.DatabaseName(t)
	const n = 3
	results := make([]*provision.Result, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i], errs[i] = provisionDB(t, name, c, true)
		}()
	}
	wg.Wait()
	applied := 0
	for i := range n {
		if errs[i] != nil {
			t.Fatalf("provisioner %d: %v", i, errs[i])
		}
		if results[i].Outcome == provision.Applied {
			applied++
		}
	}
	if applied != 1 {
		t.Fatalf("%d provisioners applied the script, want exactly 1", applied)
	}
	rep, err := dbverify.Check(context.Background(), pgtest.Open(t, name), ddl.Pgsql, c.info)
	if err != nil || !rep.Compatible() {
		t.Fatalf("after concurrent provisioning: %v %v", err, rep.Err())
	}
}

func TestSplitPgsqlUnitsKeepsWholeStatements(t *testing.T) {
	c := compileFixture(t, "small/minimal")
	units := provision.SplitPgsqlUnits(c.script)
	if len(units) < 20 {
		t.Fatalf("only %d units", len(units))
	}
	total := 0
	for i, u := range units {
		if !strings.HasSuffix(u, ";") {
			t.Errorf("unit %d does not end a statement:\n%s", i, u)
		}
		total += ddl.CountStatements("pgsql", u)
	}
	if want := ddl.CountStatements("pgsql", c.script); total != want {
		t.Errorf("units hold %d statements, script has %d", total, want)
	}
}

func stageNames(s []provision.Stage) []string {
	out := make([]string, len(s))
	for i, x := range s {
		out[i] = string(x)
	}
	return out
}

// catalogSnapshot summarizes what a run could change: the objects in the
// dms schema and the seed rows.
func catalogSnapshot(t *testing.T, name string) string {
	t.Helper()
	db := pgtest.Open(t, name)
	var s string
	err := db.QueryRow(`SELECT concat_ws(' | ',
		(SELECT string_agg(relname || ':' || relkind::text, ',' ORDER BY relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')),
		(SELECT string_agg(nspname, ',' ORDER BY nspname) FROM pg_namespace),
		(SELECT string_agg(concat_ws(',', "ResourceKeyId", "ProjectName", "ResourceName", "ResourceVersion"), ';' ORDER BY "ResourceKeyId") FROM "dms"."ResourceKey"),
		(SELECT string_agg(concat_ws(',', "EffectiveSchemaHash", "AppliedAt"), ';') FROM "dms"."EffectiveSchema"),
		(SELECT string_agg(concat_ws(',', "EffectiveSchemaHash", "ProjectEndpointName"), ';' ORDER BY "ProjectEndpointName") FROM "dms"."SchemaComponent"))`).Scan(&s)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
