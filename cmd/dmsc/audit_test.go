package main

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/internal/apiload"
	"github.com/edfi-dmsc/dmsc/internal/refaudittest"
	"github.com/edfi-dmsc/dmsc/runtime/db/dbtest"
)

// Resource keys of the bundled schema (generated/default/schema.go).
const (
	keyEducationOrganization = 7
	keyGradeLevelDescriptor  = 9
	keyLocalEducationAgency  = 10
	keyProgram               = 12
	keyProgramTypeDescriptor = 13
	keySchool                = 14
	keySession               = 17
	keySexDescriptor         = 18
	keyStaff                 = 19
	keyStudent               = 21
	keyCourse                = 4
)

// injectedDrift damages dms.ReferentialIdentity in every way the audit
// must find and returns the number of rows of each kind.
func injectedDrift(t *testing.T, env *refaudittest.Env, student int64) (missing, extra, wrong int) {
	t.Helper()
	ids := func(table, where string) []int64 { return env.DocumentIDs(t, table, where) }
	students, schools, leas := ids(`"edfi"."Student"`, ""), ids(`"edfi"."School"`, ""), ids(`"edfi"."LocalEducationAgency"`, "")
	sessions, staffs, courses := ids(`"edfi"."Session"`, ""), ids(`"edfi"."Staff"`, ""), ids(`"edfi"."Course"`, "")
	gradeLevels := ids(`"dms"."Descriptor"`, fmt.Sprintf(`"ResourceKeyId" = %d`, keyGradeLevelDescriptor))
	sexes := ids(`"dms"."Descriptor"`, fmt.Sprintf(`"ResourceKeyId" = %d`, keySexDescriptor))
	programs := ids(`"edfi"."Program"`, "")
	otherStudent := students[0]
	if otherStudent == student {
		otherStudent = students[1]
	}
	del := func(doc int64, key int16) {
		env.Exec(t, `DELETE FROM "dms"."ReferentialIdentity" WHERE "DocumentId" = $1 AND "ResourceKeyId" = $2`, doc, key)
		missing++
	}
	ins := func(doc int64, key int16) {
		env.Exec(t, `INSERT INTO "dms"."ReferentialIdentity" ("ReferentialId", "DocumentId", "ResourceKeyId") VALUES (gen_random_uuid(), $1, $2)`, doc, key)
		extra++
	}
	upd := func(doc int64, key int16) {
		env.Exec(t, `UPDATE "dms"."ReferentialIdentity" SET "ReferentialId" = gen_random_uuid() WHERE "DocumentId" = $1 AND "ResourceKeyId" = $2`, doc, key)
		wrong++
	}
	// Missing: a student's, a school's superclass alias, an LEA's own, a
	// descriptor's, a program's (whose identity holds a descriptor).
	del(student, keyStudent)
	del(schools[0], keyEducationOrganization)
	del(leas[0], keyLocalEducationAgency)
	del(gradeLevels[0], keyGradeLevelDescriptor)
	del(programs[0], keyProgram)
	// Extra: rows under resource keys the document has no identity for,
	// holding ids no document should own.
	ins(otherStudent, keyStaff)
	ins(courses[0], keySession)
	ins(schools[1], keyLocalEducationAgency)
	ins(gradeLevels[1], keyProgramTypeDescriptor)
	// Wrong: altered ids (a course's, a descriptor's, an LEA's alias) ...
	upd(courses[1], keyCourse)
	upd(sexes[0], keySexDescriptor)
	upd(leas[1], keyEducationOrganization)
	// ... and ids moved between documents: two sessions in different scan
	// batches, a school and a student, three staff in a rotation, and the
	// superclass aliases of a school and an LEA.
	env.Swap(t, sessions[0], keySession, sessions[len(sessions)-1], keySession)
	env.Swap(t, schools[2], keySchool, otherStudent, keyStudent)
	env.Rotate(t, []int64{staffs[0], staffs[3], staffs[5]}, []int16{keyStaff, keyStaff, keyStaff})
	env.Swap(t, schools[3], keyEducationOrganization, leas[2], keyEducationOrganization)
	wrong += 2 + 2 + 3 + 2
	return missing, extra, wrong
}

// auditTotals parses the "total" row of the audit table.
func auditTotals(t *testing.T, stdout string) (documents, missing, extra, wrong, repaired int) {
	t.Helper()
	for _, line := range strings.Split(stdout, "\n") {
		f := strings.Fields(line)
		if len(f) == 7 && f[0] == "total" {
			n := make([]int, 6)
			for i := range n {
				var err error
				if n[i], err = strconv.Atoi(f[i+1]); err != nil {
					t.Fatalf("total row %q: %v", line, err)
				}
			}
			return n[0], n[1], n[2], n[3], n[5]
		}
	}
	t.Fatalf("no total row in:\n%s", stdout)
	return
}

// lineOf returns the first loaded document of a resource.
func lineOf(t *testing.T, env *refaudittest.Env, resource string) apiload.Line {
	t.Helper()
	for _, l := range env.Lines {
		if l.Resource == resource {
			return l
		}
	}
	t.Fatalf("no %s document", resource)
	return apiload.Line{}
}

func TestAuditReferentialIdentityFindsAndRepairsDrift(t *testing.T) {
	env := refaudittest.New(t, 6)
	audit := func(extra ...string) (int, string, string) {
		args := []string{"audit", "referential-identity", "-c", env.URL, "-s", env.Schemas[0], "-s", env.Schemas[1], "--batch-size", "4"}
		return runCLI(append(args, extra...)...)
	}
	code, out, errOut := audit()
	if code != 0 || !strings.Contains(out, "no drift") {
		t.Fatalf("audit of the freshly loaded database: exit %d\n%s%s", code, out, errOut)
	}
	docs, _, _, _, _ := auditTotals(t, out)
	if docs != len(env.Lines) {
		t.Errorf("audited %d documents, loaded %d", docs, len(env.Lines))
	}

	// The student of the first association: with its row gone, the API no
	// longer finds it by identity (a re-POST collides) or by reference.
	assoc := lineOf(t, env, "studentSchoolAssociations")
	var body map[string]any
	if err := json.Unmarshal(assoc.Body, &body); err != nil {
		t.Fatal(err)
	}
	uniqueID := body["studentReference"].(map[string]any)["studentUniqueId"].(string)
	student := env.Int64s(t, `SELECT "DocumentId" FROM "edfi"."Student" WHERE "StudentUniqueId" = $1`, uniqueID)[0]
	var studentBody string
	for _, l := range env.Lines {
		if l.Resource == "students" && strings.Contains(string(l.Body), strconv.Quote(uniqueID)) {
			studentBody = string(l.Body)
		}
	}
	body["entryDate"] = "2031-07-01"
	newAssoc, _ := json.Marshal(body)

	missing, extra, wrong := injectedDrift(t, env, student)
	injected := missing + extra + wrong
	t.Logf("injected %d drifted rows: %d missing, %d extra, %d wrong", injected, missing, extra, wrong)

	if status, resp := env.Post(t, "/data/ed-fi/students", studentBody); status < 400 {
		t.Errorf("re-POST of the student without its row: %d %s", status, resp)
	}
	if status, resp := env.Post(t, "/data/ed-fi/studentSchoolAssociations", string(newAssoc)); status < 400 || !strings.Contains(resp, "referenced Student item does not exist") {
		t.Errorf("POST referencing the student without its row: %d %s", status, resp)
	}

	code, out, errOut = audit()
	if code != 1 {
		t.Fatalf("audit of the damaged database: exit %d, want 1\n%s%s", code, out, errOut)
	}
	_, gotMissing, gotExtra, gotWrong, _ := auditTotals(t, out)
	if gotMissing != missing || gotExtra != extra || gotWrong != wrong {
		t.Errorf("audit found %d missing, %d extra, %d wrong; injected %d, %d, %d\n%s", gotMissing, gotExtra, gotWrong, missing, extra, wrong, out)
	}
	if !strings.Contains(errOut, "rerun with --repair") {
		t.Errorf("stderr does not say how to fix it: %s", errOut)
	}
	if !strings.Contains(out, env.UUID(t, student)) {
		t.Errorf("the report does not name the damaged student:\n%s", out)
	}

	// One resource only.
	code, out, _ = audit("--resource", "ed-fi/staffs")
	if _, m, x, w, _ := auditTotals(t, out); code != 1 || m != 0 || x != 0 || w != 3 {
		t.Errorf("--resource ed-fi/staffs: exit %d, %d missing, %d extra, %d wrong; want 1, 0, 0, 3\n%s", code, m, x, w, out)
	}

	code, out, errOut = audit("--repair")
	if code != 0 || !strings.Contains(out, "repaired") {
		t.Fatalf("audit --repair: exit %d\n%s%s", code, out, errOut)
	}
	if _, _, _, _, repaired := auditTotals(t, out); repaired != injected {
		t.Errorf("repaired %d rows, injected %d\n%s", repaired, injected, out)
	}
	code, out, errOut = audit()
	if code != 0 || !strings.Contains(out, "no drift") {
		t.Fatalf("audit after the repair: exit %d\n%s%s", code, out, errOut)
	}
	// Idempotent: repairing a clean database changes nothing.
	if code, out, _ = audit("--repair"); code != 0 || !strings.Contains(out, "no drift") {
		t.Errorf("second --repair: exit %d\n%s", code, out)
	}

	if status, resp := env.Post(t, "/data/ed-fi/students", studentBody); status != 200 {
		t.Errorf("re-POST of the repaired student: %d %s", status, resp)
	}
	if status, resp := env.Post(t, "/data/ed-fi/studentSchoolAssociations", string(newAssoc)); status != 201 {
		t.Errorf("POST referencing the repaired student: %d %s", status, resp)
	}
}

func TestAuditReferentialIdentityTargetsDocuments(t *testing.T) {
	env := refaudittest.New(t, 2)
	schools := env.DocumentIDs(t, `"edfi"."School"`, "")
	env.Exec(t, `DELETE FROM "dms"."ReferentialIdentity" WHERE "DocumentId" = ANY($1)`, schools)
	args := []string{"audit", "referential-identity", "-c", env.URL, "-s", env.Schemas[0], "-s", env.Schemas[1], "--document", env.UUID(t, schools[0])}
	code, out, errOut := runCLI(args...)
	if _, m, _, _, _ := auditTotals(t, out); code != 1 || m != 2 {
		t.Fatalf("--document: exit %d, %d missing rows, want 1 and 2 (own and alias)\n%s%s", code, m, out, errOut)
	}
	if code, out, errOut = runCLI(append(args, "--repair")...); code != 0 {
		t.Fatalf("--document --repair: exit %d\n%s%s", code, out, errOut)
	}
	// Only the named school was repaired.
	code, out, _ = runCLI("audit", "referential-identity", "-c", env.URL, "-s", env.Schemas[0], "-s", env.Schemas[1], "--resource", "School")
	if _, m, _, _, _ := auditTotals(t, out); code != 1 || m != 2*(len(schools)-1) {
		t.Errorf("after a targeted repair: exit %d, %d missing, want %d\n%s", code, m, 2*(len(schools)-1), out)
	}
	if code, _, errOut = runCLI(append(args[:len(args)-1], "00000000-0000-0000-0000-000000000001")...); code != 1 || !strings.Contains(errOut, "no document with id 00000000-0000-0000-0000-000000000001") {
		t.Errorf("unknown --document: exit %d: %s", code, errOut)
	}
}

func TestAuditReferentialIdentityRefusesOtherDatabases(t *testing.T) {
	empty := dbtest.New(t)
	core, sample := "../../schemas/default/core.ApiSchema.json", "../../schemas/default/sample.ApiSchema.json"
	code, _, errOut := runCLI("audit", "referential-identity", "-c", empty, "-s", core, "-s", sample)
	if code != 1 || !strings.Contains(errOut, "refusing to audit") || !strings.Contains(errOut, "not provisioned") {
		t.Errorf("unprovisioned database: exit %d: %s", code, errOut)
	}
	for _, bad := range [][]string{
		{"--batch-size", "0"},
		{"--resource", "noSuchThings"},
		{"--resource", "schools", "--document", "00000000-0000-0000-0000-000000000001"},
	} {
		args := append([]string{"audit", "referential-identity", "-c", empty, "-s", core, "-s", sample}, bad...)
		if code, _, errOut := runCLI(args...); code != 2 {
			t.Errorf("%v: exit %d, want 2: %s", bad, code, errOut)
		}
	}
}
