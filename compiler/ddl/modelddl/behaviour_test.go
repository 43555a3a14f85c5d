package modelddl_test

import (
	"testing"

	"github.com/google/uuid"

	"github.com/edfi-dmsc/dmsc/compiler/ddl"
	"github.com/edfi-dmsc/dmsc/compiler/ddl/ddlfixtures"
	"github.com/edfi-dmsc/dmsc/compiler/ddl/modelddl"
	"github.com/edfi-dmsc/dmsc/compiler/provision/pgtest"
	"github.com/edfi-dmsc/dmsc/internal/testschema"
)

// TestTriggersBehave exercises the generated PostgreSQL triggers on the
// nested fixture (School with addresses and phone numbers): referential ids
// match an independent UUIDv5, child writes stamp the root document, and a
// delete leaves a tracked-change tombstone.
func TestTriggersBehave(t *testing.T) {
	set, info := testschema.Files(t, ddlfixtures.Find(t, "small/nested").Inputs...)
	script, _, err := modelddl.Script(set, info, ddl.Pgsql, false)
	if err != nil {
		t.Fatal(err)
	}
	name := pgtest.Provisioned(t, script, info)
	db := pgtest.Open(t, name)
	exec := func(query string, args ...any) {
		t.Helper()
		if _, err := db.Exec(query, args...); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
	}
	var docID int64
	var docUUID string
	schoolKey := info.ResourceKeyID("Ed-Fi", "School")
	if err := db.QueryRow(`INSERT INTO "dms"."Document" ("DocumentUuid", "ResourceKeyId") VALUES (gen_random_uuid(), $1) RETURNING "DocumentId", "DocumentUuid"::text`, schoolKey).Scan(&docID, &docUUID); err != nil {
		t.Fatal(err)
	}
	exec(`INSERT INTO "edfi"."School" ("DocumentId", "SchoolId") VALUES ($1, 255901)`, docID)

	namespace := uuid.MustParse("edf1edf1-3df1-3df1-3df1-3df1edf1edf1")
	want := uuid.NewSHA1(namespace, []byte("Ed-FiSchool$.schoolId=255901")).String()
	var got string
	if err := db.QueryRow(`SELECT "ReferentialId"::text FROM "dms"."ReferentialIdentity" WHERE "DocumentId" = $1 AND "ResourceKeyId" = $2`, docID, schoolKey).Scan(&got); err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("referential id %s, want UUIDv5 %s", got, want)
	}

	version := func() (root, doc int64) {
		t.Helper()
		if err := db.QueryRow(`SELECT s."ContentVersion", d."ContentVersion" FROM "edfi"."School" s JOIN "dms"."Document" d USING ("DocumentId") WHERE s."DocumentId" = $1`, docID).Scan(&root, &doc); err != nil {
			t.Fatal(err)
		}
		return root, doc
	}
	before, doc := version()
	if before != doc {
		t.Errorf("root mirror %d differs from document version %d after insert", before, doc)
	}
	exec(`INSERT INTO "edfi"."SchoolAddress" ("Ordinal", "School_DocumentId", "Street") VALUES (0, $1, 'Main St')`, docID)
	after, doc := version()
	if after <= before || after != doc {
		t.Errorf("adding an address: mirror %d -> %d, document %d; want a new, mirrored version", before, after, doc)
	}

	// The tombstone reads the document row, so a delete removes the
	// resource row before its dms.Document row (a cascade from the
	// document would find it already gone).
	exec(`DELETE FROM "edfi"."School" WHERE "DocumentId" = $1`, docID)
	exec(`DELETE FROM "dms"."Document" WHERE "DocumentId" = $1`, docID)
	var tombstones int
	if err := db.QueryRow(`SELECT count(*) FROM "tracked_changes_edfi"."School" WHERE "OldSchoolId" = 255901 AND "Id"::text = $1 AND "NewSchoolId" IS NULL`, docUUID).Scan(&tombstones); err != nil {
		t.Fatal(err)
	}
	if tombstones != 1 {
		t.Errorf("%d tombstones for the deleted school, want 1", tombstones)
	}
}
