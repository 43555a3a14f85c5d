package refaudit_test

import (
	"context"
	"strings"
	"testing"

	defaultschema "github.com/edfi-dmsc/dmsc/generated/default"
	"github.com/edfi-dmsc/dmsc/internal/refaudittest"
	"github.com/edfi-dmsc/dmsc/runtime/refaudit"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// specOf returns the spec of a resource of the bundled schema.
func specOf(t *testing.T, resource string) *spec.ReferentialIdentity {
	t.Helper()
	for i, s := range defaultschema.Schema.ReferentialIdentity {
		if s.Resource == resource {
			return &defaultschema.Schema.ReferentialIdentity[i]
		}
	}
	t.Fatalf("no spec for %s", resource)
	return nil
}

func findings(drift []refaudit.Drift, doc int64) []refaudit.Drift {
	var out []refaudit.Drift
	for _, d := range drift {
		if d.DocumentID == doc {
			out = append(out, d)
		}
	}
	return out
}

// Two descriptors whose URIs differ only in case have the same
// ReferentialId (the URI is lower-cased). The API never creates the second
// (it finds the first), but a row written around it can. The repair must
// not take the id from the first descriptor, whose row is right for it:
// the second's row stays missing, reported not repaired.
func TestRepairLeavesASharedIdentityToItsHolder(t *testing.T) {
	env := refaudittest.New(t, 2)
	ctx := context.Background()
	a := refaudit.New(env.Pool, defaultschema.Schema.ReferentialIdentity)
	first := env.DocumentIDs(t, `"dms"."Descriptor"`, `"ResourceKeyId" = 9`)[0]
	second := env.Int64s(t, `INSERT INTO "dms"."Document" ("DocumentUuid", "ResourceKeyId") VALUES (gen_random_uuid(), 9) RETURNING "DocumentId"`)[0]
	env.Exec(t, `INSERT INTO "dms"."Descriptor" ("DocumentId", "ResourceKeyId", "Namespace", "CodeValue", "ShortDescription", "Discriminator", "Uri")
		SELECT $1, "ResourceKeyId", upper("Namespace"), "CodeValue", "ShortDescription", "Discriminator", upper("Namespace") || '#' || "CodeValue"
		FROM "dms"."Descriptor" WHERE "DocumentId" = $2`, second, first)

	gradeLevels := specOf(t, "ed-fi/gradeLevelDescriptors")
	drift, err := a.Check(ctx, gradeLevels, []int64{first, second})
	if err != nil || len(drift) != 1 || drift[0].DocumentID != second || drift[0].Kind != refaudit.Missing {
		t.Fatalf("check = %+v, %v; want the second descriptor's row missing", drift, err)
	}
	drift, err = a.Repair(ctx, gradeLevels, []int64{second})
	if err != nil {
		t.Fatal(err)
	}
	if len(drift) != 1 || drift[0].DocumentID != second || drift[0].Repaired {
		t.Fatalf("repair = %+v, want the second descriptor's row missing and not repaired", drift)
	}
	if drift, err := a.Check(ctx, gradeLevels, []int64{first}); err != nil || len(drift) != 0 {
		t.Errorf("the descriptor holding the id: drift %+v, %v", drift, err)
	}
}

// A row holding a student's id on a document that has no row in any
// resource table (a damaged document) is deleted to make room.
func TestRepairDisplacesARowOfAnOrphanDocument(t *testing.T) {
	env := refaudittest.New(t, 2)
	ctx := context.Background()
	a := refaudit.New(env.Pool, defaultschema.Schema.ReferentialIdentity)
	student := env.DocumentIDs(t, `"edfi"."Student"`, "")[0]
	orphan := env.Int64s(t, `INSERT INTO "dms"."Document" ("DocumentUuid", "ResourceKeyId") VALUES (gen_random_uuid(), 21) RETURNING "DocumentId"`)[0]
	env.Exec(t, `UPDATE "dms"."ReferentialIdentity" SET "DocumentId" = $1 WHERE "DocumentId" = $2`, orphan, student)

	students := specOf(t, "ed-fi/students")
	drift, err := a.Check(ctx, students, []int64{student})
	if err != nil || len(drift) != 1 || drift[0].Kind != refaudit.Missing {
		t.Fatalf("check = %+v, %v; want the student's row missing", drift, err)
	}
	drift, err = a.Repair(ctx, students, []int64{student})
	if err != nil {
		t.Fatal(err)
	}
	if got := findings(drift, student); len(got) != 1 || !got[0].Repaired {
		t.Errorf("student findings %+v, want its missing row repaired", got)
	}
	if got := findings(drift, orphan); len(got) != 1 || got[0].Kind != refaudit.Extra || !got[0].Repaired {
		t.Errorf("orphan findings %+v, want its row deleted as extra", got)
	}
	if drift, err := a.Check(ctx, students, []int64{student}); err != nil || len(drift) != 0 {
		t.Errorf("after the repair: %+v, %v", drift, err)
	}
	if n := env.Int64s(t, `SELECT count(*) FROM "dms"."ReferentialIdentity" WHERE "DocumentId" = $1`, orphan)[0]; n != 0 {
		t.Errorf("the orphan document still holds %d rows", n)
	}
}

// Describe names the identity of the row in words.
func TestDescribe(t *testing.T) {
	a := refaudit.New(nil, defaultschema.Schema.ReferentialIdentity)
	got := a.Describe(refaudit.Drift{Kind: refaudit.Missing, Resource: "ed-fi/schools", DocumentID: 3, DocumentUUID: "u", ResourceKeyID: 7})
	if !strings.Contains(got, "ed-fi/schools: missing Ed-Fi:EducationOrganization row of document u (DocumentId 3)") {
		t.Errorf("Describe = %q", got)
	}
}

// A repair beside writers that change the same documents' identities the
// way the engine does (dms.Document locked first, then the table row)
// neither fails nor leaves drift: it recomputes under lock, so a row it
// writes is the one the identity gives at that moment, and a later change
// replaces it through the trigger.
func TestRepairBesideConcurrentIdentityUpdates(t *testing.T) {
	env := refaudittest.New(t, 10)
	ctx := context.Background()
	a := refaudit.New(env.Pool, defaultschema.Schema.ReferentialIdentity)
	staffs := env.DocumentIDs(t, `"edfi"."Staff"`, "")
	spec := specOf(t, "ed-fi/staffs")

	done := make(chan error, 1)
	go func() {
		for i := range 200 {
			doc := staffs[i%len(staffs)]
			tx, err := env.Pool.Begin(ctx)
			if err == nil {
				_, err = tx.Exec(ctx, `SELECT 1 FROM "dms"."Document" WHERE "DocumentId" = $1 FOR UPDATE`, doc)
			}
			if err == nil {
				_, err = tx.Exec(ctx, `UPDATE "edfi"."Staff" SET "StaffUniqueId" = split_part("StaffUniqueId", '~', 1) || '~' || $2::int WHERE "DocumentId" = $1`, doc, i)
			}
			if err == nil {
				// Lose the row the trigger just wrote, as a damaged database would.
				_, err = tx.Exec(ctx, `DELETE FROM "dms"."ReferentialIdentity" WHERE "DocumentId" = $1`, doc)
			}
			if err == nil {
				err = tx.Commit(ctx)
			} else {
				tx.Rollback(ctx)
			}
			if err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	repaired := 0
	for writing := true; writing; {
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("writer: %v", err)
			}
			writing = false
		default:
		}
		if _, err := a.Scan(ctx, spec, refaudit.ScanOptions{BatchSize: 3, Repair: true}, func(d refaudit.Drift) {
			if d.Repaired {
				repaired++
			}
		}); err != nil {
			t.Fatalf("repair beside the writer: %v", err)
		}
	}
	if drift, err := a.Check(ctx, spec, staffs); err != nil || len(drift) != 0 {
		t.Errorf("after the last repair: %+v, %v", drift, err)
	}
	t.Logf("%d rows repaired while 200 identity updates ran", repaired)
}

// A NULL identity value (possible only with the schema's constraints and
// triggers bypassed) gives no id: the audit reports it and leaves the
// document's rows alone, with or without repair.
func TestUnhashableDocumentIsReportedAndLeftAlone(t *testing.T) {
	env := refaudittest.New(t, 2)
	ctx := context.Background()
	a := refaudit.New(env.Pool, defaultschema.Schema.ReferentialIdentity)
	staff := env.DocumentIDs(t, `"edfi"."Staff"`, "")[0]
	env.Exec(t, `ALTER TABLE "edfi"."Staff" ALTER COLUMN "StaffUniqueId" DROP NOT NULL, DISABLE TRIGGER ALL`)
	env.Exec(t, `UPDATE "edfi"."Staff" SET "StaffUniqueId" = NULL WHERE "DocumentId" = $1`, staff)
	before := env.Int64s(t, `SELECT count(*) FROM "dms"."ReferentialIdentity" WHERE "DocumentId" = $1`, staff)[0]
	for _, repair := range []bool{false, true} {
		var got []refaudit.Drift
		if _, err := a.Scan(ctx, specOf(t, "ed-fi/staffs"), refaudit.ScanOptions{Repair: repair}, func(d refaudit.Drift) { got = append(got, d) }); err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0].Kind != refaudit.Unhashable || got[0].DocumentID != staff || got[0].Repaired {
			t.Errorf("repair %v: findings %+v, want the staff unhashable and not repaired", repair, got)
		}
	}
	if after := env.Int64s(t, `SELECT count(*) FROM "dms"."ReferentialIdentity" WHERE "DocumentId" = $1`, staff)[0]; after != before {
		t.Errorf("the staff had %d rows, now %d", before, after)
	}
}
