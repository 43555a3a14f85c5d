package server_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	defaultschema "github.com/edfi-dmsc/dmsc/generated/default"
	"github.com/edfi-dmsc/dmsc/internal/refaudittest"
	"github.com/edfi-dmsc/dmsc/runtime/metrics"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/edfi-dmsc/dmsc/runtime/refaudit"
	"github.com/edfi-dmsc/dmsc/runtime/server"
)

// watchdogServer is a server over env whose watchdog samples far more
// documents than there are, so a pass sees all of them.
func watchdogServer(env *refaudittest.Env, mode string, logs io.Writer) *server.Server {
	cfg := server.Config{Watchdog: server.Watchdog{WatchdogSampleSize: 5000, WatchdogMode: mode}}
	return server.New(cfg, defaultschema.App, env.Pool, nil, slog.New(slog.NewTextHandler(logs, nil)))
}

// counter sums a watchdog family's samples with the given labels.
func counter(t *testing.T, m *metrics.Metrics, family string, labels map[string]string) float64 {
	t.Helper()
	families, err := m.Registry().Gather()
	if err != nil {
		t.Fatal(err)
	}
	sum := 0.0
	for _, f := range families {
		if f.GetName() != family {
			continue
		}
	next:
		for _, s := range f.GetMetric() {
			for _, l := range s.GetLabel() {
				if want, ok := labels[l.GetName()]; ok && want != l.GetValue() {
					continue next
				}
			}
			sum += s.GetCounter().GetValue()
		}
	}
	return sum
}

type finding struct {
	kind refaudit.Kind
	doc  int64
}

func kinds(drift []refaudit.Drift) map[finding]bool {
	out := map[finding]bool{}
	for _, d := range drift {
		out[finding{d.Kind, d.DocumentID}] = true
	}
	return out
}

func TestWatchdogReportsAndRepairsDrift(t *testing.T) {
	env := refaudittest.New(t, 3)
	ctx := context.Background()
	var logs bytes.Buffer
	s := watchdogServer(env, server.WatchdogAudit, &logs)
	w := s.NewWatchdog(defaultschema.Schema.ReferentialIdentity)

	pass, err := w.Pass(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if pass.Checked != len(env.Lines) || len(pass.Drift) != 0 {
		t.Fatalf("pass over the loaded database: %d of %d documents checked, drift %+v", pass.Checked, len(env.Lines), pass.Drift)
	}

	first := func(table string) int64 { return env.DocumentIDs(t, table, "")[0] }
	student, school, course := first(`"edfi"."Student"`), first(`"edfi"."School"`), first(`"edfi"."Course"`)
	staffs := env.DocumentIDs(t, `"edfi"."Staff"`, "")
	// Referential identity: a student's row lost, a school's alias altered.
	env.Exec(t, `DELETE FROM "dms"."ReferentialIdentity" WHERE "DocumentId" = $1`, student)
	env.Exec(t, `UPDATE "dms"."ReferentialIdentity" SET "ReferentialId" = gen_random_uuid() WHERE "DocumentId" = $1 AND "ResourceKeyId" = 7`, school)
	// Stamps: a course's mirrored ContentVersion that no stamp trigger
	// wrote; a staff identity change whose journal row is gone; and, not
	// drift, another staff's identity change with its journal row.
	env.Exec(t, `UPDATE "edfi"."Course" SET "ContentVersion" = 0 WHERE "DocumentId" = $1`, course)
	env.Exec(t, `UPDATE "edfi"."Staff" SET "StaffUniqueId" = "StaffUniqueId" || 'x' WHERE "DocumentId" = ANY($1)`, staffs[:2])
	env.Exec(t, `DELETE FROM "tracked_changes_edfi"."Staff" WHERE "Id" = $1::uuid`, env.UUID(t, staffs[0]))

	pass, err = w.Pass(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := map[finding]bool{{refaudit.Missing, student}: true, {refaudit.Wrong, school}: true,
		{refaudit.Journal, course}: true, {refaudit.Journal, staffs[0]}: true}
	if got := kinds(pass.Drift); len(got) != len(want) || len(pass.Drift) != len(want) {
		t.Fatalf("findings %+v, want one of each of %v", pass.Drift, want)
	} else {
		for f := range want {
			if !got[f] {
				t.Errorf("no %s finding for DocumentId %d in %+v", f.kind, f.doc, pass.Drift)
			}
		}
	}
	for _, c := range []struct{ resource, kind string }{
		{"ed-fi/students", "missing"}, {"ed-fi/schools", "wrong"}, {"ed-fi/courses", "journal"}, {"ed-fi/staffs", "journal"},
	} {
		if n := counter(t, s.Metrics, metrics.FamilyWatchdogDrift, map[string]string{"resource": c.resource, "kind": c.kind}); n != 1 {
			t.Errorf("%s{resource=%s,kind=%s} = %v, want 1", metrics.FamilyWatchdogDrift, c.resource, c.kind, n)
		}
	}
	if n := counter(t, s.Metrics, metrics.FamilyWatchdogChecked, nil); n != float64(2*len(env.Lines)) {
		t.Errorf("%s = %v after two passes over %d documents", metrics.FamilyWatchdogChecked, n, len(env.Lines))
	}
	line := `msg="integrity watchdog found drift" resource=ed-fi/students documentUuid=` + env.UUID(t, student)
	if !strings.Contains(logs.String(), line) || !strings.Contains(logs.String(), "kind=missing") {
		t.Errorf("no warning %q in the log:\n%s", line, logs.String())
	}

	// Repair mode fixes the referential identity rows, never the journal.
	repairing := watchdogServer(env, server.WatchdogRepair, &logs)
	pass, err = repairing.NewWatchdog(defaultschema.Schema.ReferentialIdentity).Pass(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if pass.Repaired != 2 {
		t.Errorf("repaired %d rows, want 2: %+v", pass.Repaired, pass.Repairs)
	}
	for _, resource := range []string{"ed-fi/students", "ed-fi/schools"} {
		if n := counter(t, repairing.Metrics, metrics.FamilyWatchdogRepaired, map[string]string{"resource": resource}); n != 1 {
			t.Errorf("%s{resource=%s} = %v, want 1", metrics.FamilyWatchdogRepaired, resource, n)
		}
	}
	pass, err = w.Pass(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := kinds(pass.Drift); len(pass.Drift) != 2 || !got[finding{refaudit.Journal, course}] || !got[finding{refaudit.Journal, staffs[0]}] {
		t.Errorf("after the repair: %+v, want only the two journal findings", pass.Drift)
	}
}

// refusingGate stands for a database provisioned for another schema.
type refusingGate struct{}

func (refusingGate) Check(context.Context) *problem.Details {
	return problem.DatabaseNotProvisioned("not provisioned")
}

func TestWatchdogRunsInTheBackgroundAndRespectsTheGate(t *testing.T) {
	env := refaudittest.New(t, 1)
	log := slog.New(slog.DiscardHandler)
	gated := server.New(server.Config{Watchdog: server.Watchdog{WatchdogSampleSize: 10}}, defaultschema.App, env.Pool, refusingGate{}, log)
	if _, err := gated.NewWatchdog(defaultschema.Schema.ReferentialIdentity).Pass(context.Background()); !errors.Is(err, server.ErrWatchdogGated) {
		t.Errorf("pass behind a refusing gate: %v", err)
	}

	cfg := server.Config{Listen: "127.0.0.1:0", Watchdog: server.Watchdog{WatchdogInterval: 10 * time.Millisecond, WatchdogSampleSize: 10}}
	s := server.New(cfg, defaultschema.App, env.Pool, nil, log)
	defaultschema.Register(s) // starts the watchdog: the interval is set
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	deadline := time.Now().Add(10 * time.Second)
	for counter(t, s.Metrics, metrics.FamilyWatchdogChecked, nil) == 0 {
		if time.Now().After(deadline) {
			t.Fatal("the background watchdog checked nothing in 10 s")
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func TestWatchdogFlags(t *testing.T) {
	var out, errOut bytes.Buffer
	code := server.Start(context.Background(), defaultschema.App, []string{"--help"}, &out, &errOut, defaultschema.Register)
	for _, flag := range []string{"--watchdog-interval=1m", "--watchdog-sample-size=100", `--watchdog-mode="audit"`, "DMSC_WATCHDOG_INTERVAL"} {
		if code != 0 || !strings.Contains(out.String(), flag) {
			t.Errorf("--help (exit %d) lacks %s:\n%s", code, flag, out.String())
		}
	}
	for _, bad := range [][]string{{"--watchdog-sample-size", "0"}, {"--watchdog-mode", "heal"}, {"--watchdog-interval", "-1s"}} {
		out.Reset()
		errOut.Reset()
		args := append([]string{"--connection-string", "postgres://127.0.0.1:1/none"}, bad...)
		if code := server.Start(context.Background(), defaultschema.App, args, &out, &errOut, defaultschema.Register); code != 2 {
			t.Errorf("%v: exit %d, want 2: %s", bad, code, errOut.String())
		}
	}
}
