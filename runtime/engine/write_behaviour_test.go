package engine_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/engine"
	"github.com/edfi-dmsc/dmsc/runtime/etag"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/google/uuid"
)

// loaded is a database holding one generated document per resource.
type loaded struct {
	*env
	body map[string]map[string]any // by endpoint ("ed-fi/schools")
	out  map[string]engine.WriteResult
}

func loadBundled(t testing.TB) *loaded {
	e := bundledEnv(t)
	l := &loaded{env: e, body: map[string]map[string]any{}, out: map[string]engine.WriteResult{}}
	for _, d := range fakeDocs(t, e.set, 1) {
		res := e.resourceAt(t, d.Project, d.Resource)
		out, _, err := e.post(t, res, d.Body)
		if err != nil {
			t.Fatalf("POST %s/%s: %v %s", d.Project, d.Resource, err, problemJSON(err))
		}
		var m map[string]any
		if err := json.Unmarshal(d.Body, &m); err != nil {
			t.Fatal(err)
		}
		l.body[d.Project+"/"+d.Resource] = m
		l.out[d.Project+"/"+d.Resource] = out
	}
	return l
}

// doc returns a deep copy of the generated body of endpoint.
func (l *loaded) doc(t testing.TB, endpoint string) map[string]any {
	t.Helper()
	b, err := json.Marshal(l.body[endpoint])
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func (l *loaded) res(t testing.TB, endpoint string) *spec.Resource {
	p, e, _ := strings.Cut(endpoint, "/")
	return l.resourceAt(t, p, e)
}

func mustJSON(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// put replaces the document of endpoint with doc, counting round trips.
func (l *loaded) put(t *testing.T, endpoint string, id uuid.UUID, doc any, pre etag.Write) (engine.WriteResult, int64, error) {
	t.Helper()
	ctx, rt := db.WithRoundTrips(context.Background())
	out, err := l.writer.UpdateDocument(ctx, l.res(t, endpoint), id, withID(t, id, mustJSON(t, doc)), pre)
	return out, rt.Count(), err
}

func (l *loaded) contentVersion(t *testing.T, id uuid.UUID) int64 {
	t.Helper()
	var cv int64
	if err := l.pool.QueryRow(context.Background(), `SELECT "ContentVersion" FROM "dms"."Document" WHERE "DocumentUuid" = $1`, id).Scan(&cv); err != nil {
		t.Fatal(err)
	}
	return cv
}

// itemIDs lists the CollectionItemIds of a document's rows in a collection
// table, by Ordinal.
func (l *loaded) itemIDs(t *testing.T, table, docColumn string, id uuid.UUID) []int64 {
	t.Helper()
	return l.int64s(t, `SELECT c."CollectionItemId" FROM `+table+` c JOIN "dms"."Document" d ON d."DocumentId" = c."`+docColumn+
		`" WHERE d."DocumentUuid" = $1 ORDER BY c."Ordinal"`, id)
}

func status(err error) int {
	var p *problem.Details
	if errors.As(err, &p) {
		return p.Status
	}
	return 0
}

func TestWriteBehaviour(t *testing.T) {
	l := loadBundled(t)
	school := l.out["ed-fi/schools"]

	t.Run("upsert updates in place", func(t *testing.T) {
		d := l.doc(t, "ed-fi/schools")
		d["nameOfInstitution"] = "Renamed School"
		out, rt, err := l.post(t, l.res(t, "ed-fi/schools"), mustJSON(t, d))
		if err != nil {
			t.Fatal(err, problemJSON(err))
		}
		if out.Created || out.ID != school.ID || out.ContentVersion <= school.ContentVersion {
			t.Errorf("upsert = %+v, first write %+v", out, school)
		}
		t.Logf("round trips per updating POST: %d", rt)
		l.body["ed-fi/schools"] = d
	})

	t.Run("put, no-op put and collection merge", func(t *testing.T) {
		d := l.doc(t, "ed-fi/schools")
		addresses := d["addresses"].([]any)
		first := addresses[0].(map[string]any)
		second := map[string]any{}
		for k, v := range first {
			second[k] = v
		}
		second["streetNumberName"] = "2 Second Street"
		first["nameOfCounty"] = "Changed County"
		d["addresses"] = []any{first, second}
		before := l.itemIDs(t, `"edfi"."SchoolAddress"`, "School_DocumentId", school.ID)
		out, rt, err := l.put(t, "ed-fi/schools", school.ID, d, etag.Write{})
		if err != nil {
			t.Fatal(err, problemJSON(err))
		}
		t.Logf("round trips per PUT: %d", rt)
		after := l.itemIDs(t, `"edfi"."SchoolAddress"`, "School_DocumentId", school.ID)
		if len(before) != 1 || len(after) != 2 || after[0] != before[0] {
			t.Fatalf("addresses %v → %v: the kept item must keep its CollectionItemId", before, after)
		}
		// Swap the two addresses: both ids stay, ordinals change.
		d["addresses"] = []any{second, first}
		if _, _, err := l.put(t, "ed-fi/schools", school.ID, d, etag.Write{}); err != nil {
			t.Fatal(err, problemJSON(err))
		}
		swapped := l.itemIDs(t, `"edfi"."SchoolAddress"`, "School_DocumentId", school.ID)
		if len(swapped) != 2 || swapped[0] != after[1] || swapped[1] != after[0] {
			t.Errorf("after swap ids = %v, want %v reversed", swapped, after)
		}
		// Drop the first: one item left, with its id.
		d["addresses"] = []any{first}
		if _, _, err := l.put(t, "ed-fi/schools", school.ID, d, etag.Write{}); err != nil {
			t.Fatal(err, problemJSON(err))
		}
		if got := l.itemIDs(t, `"edfi"."SchoolAddress"`, "School_DocumentId", school.ID); len(got) != 1 || got[0] != after[0] {
			t.Errorf("after removal ids = %v, want [%d]", got, after[0])
		}
		cv := l.contentVersion(t, school.ID)
		out, rt, err = l.put(t, "ed-fi/schools", school.ID, d, etag.Write{})
		if err != nil {
			t.Fatal(err)
		}
		if out.ContentVersion != cv || l.contentVersion(t, school.ID) != cv {
			t.Errorf("no-op PUT moved ContentVersion %d → %d", cv, out.ContentVersion)
		}
		t.Logf("round trips per no-op PUT: %d", rt)
		l.body["ed-fi/schools"] = d
	})

	t.Run("preconditions and ids", func(t *testing.T) {
		d := l.doc(t, "ed-fi/schools")
		cv := l.contentVersion(t, school.ID)
		stale := etag.Write{IfMatch: etag.Parse(`"` + etag.DefaultVariant(l.schema.EffectiveSchemaHash, false).Tag(cv-1) + `"`)}
		if _, _, err := l.put(t, "ed-fi/schools", school.ID, d, stale); status(err) != 412 {
			t.Errorf("stale If-Match: %v", err)
		}
		fresh := etag.Write{IfMatch: etag.Parse(`"` + etag.DefaultVariant(l.schema.EffectiveSchemaHash, false).Tag(cv) + `"`)}
		if _, _, err := l.put(t, "ed-fi/schools", school.ID, d, fresh); err != nil {
			t.Errorf("matching If-Match: %v", err)
		}
		guarded := etag.Write{IfNoneMatch: etag.Parse("*")}
		if _, err := l.writer.UpsertDocument(context.Background(), l.res(t, "ed-fi/schools"), mustJSON(t, d), guarded); status(err) != 412 {
			t.Errorf("If-None-Match * on an existing identity: %v", err)
		}
		if _, _, err := l.put(t, "ed-fi/schools", uuid.New(), d, etag.Write{}); status(err) != 404 {
			t.Errorf("PUT of an unknown id: %v", err)
		}
		d["id"] = uuid.NewString()
		if _, _, err := l.put(t, "ed-fi/schools", school.ID, d, etag.Write{}); status(err) != 400 {
			t.Errorf("PUT with another id in the body: %v", err)
		}
		d["id"] = school.ID.String()
		if _, _, err := l.put(t, "ed-fi/schools", school.ID, d, etag.Write{}); err != nil {
			t.Errorf("PUT with the same id in the body: %v", err)
		}
		if _, _, err := l.post(t, l.res(t, "ed-fi/schools"), mustJSON(t, d)); status(err) != 400 {
			t.Errorf("POST with an id: %v", err)
		}
	})

	t.Run("identity changes", func(t *testing.T) {
		d := l.doc(t, "ed-fi/schools")
		d["schoolId"] = 99999
		if _, _, err := l.put(t, "ed-fi/schools", school.ID, d, etag.Write{}); status(err) != 400 {
			t.Errorf("School identity change: %v", err)
		}
		// Sessions allow identity updates; the course offering referencing
		// the session follows through the cascade and its stamp moves.
		session := l.out["ed-fi/sessions"]
		offering := l.out["ed-fi/courseOfferings"]
		offeringCV := l.contentVersion(t, offering.ID)
		s := l.doc(t, "ed-fi/sessions")
		s["sessionName"] = "Renamed Session"
		if _, _, err := l.put(t, "ed-fi/sessions", session.ID, s, etag.Write{}); err != nil {
			t.Fatal(err, problemJSON(err))
		}
		if got := l.contentVersion(t, offering.ID); got == offeringCV {
			t.Errorf("referencing course offering kept ContentVersion %d after the session's identity changed", got)
		}
		var name string
		if err := l.pool.QueryRow(context.Background(), `SELECT o."Session_SessionName" FROM "edfi"."CourseOffering" o JOIN "dms"."Document" d ON d."DocumentId" = o."DocumentId" WHERE d."DocumentUuid" = $1`, offering.ID).Scan(&name); err != nil {
			t.Fatal(err)
		}
		if name != "Renamed Session" {
			t.Errorf("course offering's session name = %q", name)
		}
		// The old identity no longer resolves, the new one does.
		c := l.doc(t, "ed-fi/courseOfferings")
		c["localCourseCode"] = "NEW-OFFERING"
		if _, _, err := l.post(t, l.res(t, "ed-fi/courseOfferings"), mustJSON(t, c)); status(err) != 409 {
			t.Errorf("reference to the old session identity: %v", err)
		}
		c["sessionReference"].(map[string]any)["sessionName"] = "Renamed Session"
		if _, _, err := l.post(t, l.res(t, "ed-fi/courseOfferings"), mustJSON(t, c)); err != nil {
			t.Errorf("reference to the new session identity: %v %s", err, problemJSON(err))
		}
	})

	t.Run("superclass identity taken by another subclass", func(t *testing.T) {
		d := l.doc(t, "ed-fi/schools")
		d["schoolId"] = l.body["ed-fi/localEducationAgencies"]["localEducationAgencyId"]
		// The first attempt cannot tell this from a concurrent create of
		// the same school (whose alias row it would see first): the second
		// reads again and decides.
		_, rt, err := l.post(t, l.res(t, "ed-fi/schools"), mustJSON(t, d))
		if status(err) != 409 || rt != 2 {
			t.Errorf("school with an LEA's educationOrganizationId: %v after %d round trips, want 409 after 2", err, rt)
		}
	})

	t.Run("unresolved references", func(t *testing.T) {
		c := l.doc(t, "ed-fi/courseOfferings")
		c["localCourseCode"] = "DANGLING"
		c["courseReference"].(map[string]any)["courseCode"] = "NO-SUCH-COURSE"
		_, _, err := l.post(t, l.res(t, "ed-fi/courseOfferings"), mustJSON(t, c))
		var p *problem.Details
		if !errors.As(err, &p) || p.Status != 409 || p.Type != problem.TypeUnresolvedReference ||
			len(p.ValidationErrors.Messages("$.courseReference")) != 1 {
			t.Errorf("dangling course reference: %v %s", err, problemJSON(err))
		}
		c = l.doc(t, "ed-fi/courseOfferings")
		c["localCourseCode"] = "BAD-DESCRIPTOR"
		c["offeredGradeLevels"] = []any{map[string]any{"gradeLevelDescriptor": "uri://ed-fi.org/GradeLevelDescriptor#Nope"}}
		_, _, err = l.post(t, l.res(t, "ed-fi/courseOfferings"), mustJSON(t, c))
		if !errors.As(err, &p) || p.Status != 400 || len(p.ValidationErrors.Messages("$.offeredGradeLevels[0].gradeLevelDescriptor")) != 1 {
			t.Errorf("missing descriptor: %v %s", err, problemJSON(err))
		}
	})

	t.Run("concurrent creates of one identity", func(t *testing.T) {
		d := l.doc(t, "ed-fi/schools")
		d["schoolId"] = 4242
		body := mustJSON(t, d)
		results := make(chan error, 8)
		created := make(chan bool, 8)
		for range 8 {
			go func() {
				out, err := l.writer.UpsertDocument(context.Background(), l.res(t, "ed-fi/schools"), body, etag.Write{})
				results <- err
				created <- out.Created
			}()
		}
		n := 0
		for range 8 {
			if err := <-results; err != nil {
				t.Errorf("concurrent POST: %v %s", err, problemJSON(err))
			}
			if <-created {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%d of 8 concurrent POSTs created the document, want 1", n)
		}
	})

	t.Run("concurrent updates of one document", func(t *testing.T) {
		errs := make(chan error, 8)
		for i := range 8 {
			d := l.doc(t, "ed-fi/schools")
			d["nameOfInstitution"] = "Concurrent " + string(rune('A'+i))
			body := withID(t, school.ID, mustJSON(t, d))
			go func() {
				_, err := l.writer.UpdateDocument(context.Background(), l.res(t, "ed-fi/schools"), school.ID, body, etag.Write{})
				errs <- err
			}()
		}
		for range 8 {
			if err := <-errs; err != nil {
				t.Errorf("concurrent PUT: %v %s", err, problemJSON(err))
			}
		}
	})

	t.Run("descriptors", func(t *testing.T) {
		var key string
		for k := range l.out {
			if strings.HasSuffix(k, "/gradeLevelDescriptors") {
				key = k
			}
		}
		g := l.out[key]
		d := l.doc(t, key)
		d["shortDescription"] = "Changed"
		out, rt, err := l.put(t, key, g.ID, d, etag.Write{})
		if err != nil || out.ContentVersion <= g.ContentVersion {
			t.Fatalf("descriptor PUT: %v %+v", err, out)
		}
		t.Logf("round trips per descriptor PUT: %d", rt)
		again, _, err := l.put(t, key, g.ID, d, etag.Write{})
		if err != nil || again.ContentVersion != out.ContentVersion {
			t.Errorf("unchanged descriptor PUT: %v %d → %d", err, out.ContentVersion, again.ContentVersion)
		}
		d["codeValue"] = "Other"
		if _, _, err := l.put(t, key, g.ID, d, etag.Write{}); status(err) != 400 {
			t.Errorf("descriptor identity change: %v", err)
		}
	})
}

// TestValidationErrors checks one invalid field of each kind: each answers
// 400 with the message under the field's path.
func TestValidationErrors(t *testing.T) {
	l := loadBundled(t)
	cases := []struct {
		name, endpoint, path string
		edit                 func(d map[string]any)
	}{
		{"required", "ed-fi/schools", "$.nameOfInstitution", func(d map[string]any) { delete(d, "nameOfInstitution") }},
		{"type", "ed-fi/schools", "$.schoolId", func(d map[string]any) { d["schoolId"] = "abc" }},
		{"max length", "ed-fi/schools", "$.nameOfInstitution", func(d map[string]any) { d["nameOfInstitution"] = strings.Repeat("x", 300) }},
		{"pattern", "ed-fi/sessions", "$.sessionName", func(d map[string]any) { d["sessionName"] = " padded" }},
		{"date format", "ed-fi/sessions", "$.beginDate", func(d map[string]any) { d["beginDate"] = "2024-13-45" }},
		{"int32 range", "ed-fi/schools", "$.schoolId", func(d map[string]any) { d["schoolId"] = 3000000000 }},
		{"minimum", "ed-fi/courseOfferings", "$.instructionalTimePlanned", func(d map[string]any) { d["instructionalTimePlanned"] = 0 }},
		{"nested required", "ed-fi/schools", "$.addresses[0].city", func(d map[string]any) {
			delete(d["addresses"].([]any)[0].(map[string]any), "city")
		}},
		{"decimal precision", "ed-fi/courses", "$.maximumAvailableCredits", func(d map[string]any) { d["maximumAvailableCredits"] = 123456789.5 }},
		{"equality", "ed-fi/courseOfferings", "$.sessionReference.schoolId", func(d map[string]any) {
			d["sessionReference"].(map[string]any)["schoolId"] = 1
		}},
		{"array uniqueness", "ed-fi/schools", "$.gradeLevels", func(d map[string]any) {
			g := d["gradeLevels"].([]any)
			d["gradeLevels"] = append(g, g[0])
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := l.doc(t, c.endpoint)
			c.edit(d)
			_, _, err := l.post(t, l.res(t, c.endpoint), mustJSON(t, d))
			var p *problem.Details
			if !errors.As(err, &p) || p.Status != 400 || len(p.ValidationErrors.Messages(c.path)) == 0 {
				t.Errorf("want 400 with an error at %s, got %v %s", c.path, err, problemJSON(err))
			}
		})
	}
	t.Run("duplicate references in a collection", func(t *testing.T) {
		d := l.doc(t, "ed-fi/sections")
		cp := d["classPeriods"].([]any)
		d["classPeriods"] = append(cp, cp[0])
		_, _, err := l.post(t, l.res(t, "ed-fi/sections"), mustJSON(t, d))
		var p *problem.Details
		if !errors.As(err, &p) || p.Status != 400 || len(p.ValidationErrors.Messages("$.classPeriods")) != 1 {
			t.Errorf("want 400 at $.classPeriods, got %v %s", err, problemJSON(err))
		}
	})
	t.Run("overposted members are ignored", func(t *testing.T) {
		d := l.doc(t, "ed-fi/schools")
		d["notAProperty"] = 1
		d["addresses"].([]any)[0].(map[string]any)["extra"] = "x"
		if _, _, err := l.post(t, l.res(t, "ed-fi/schools"), mustJSON(t, d)); err != nil {
			t.Errorf("overposted: %v %s", err, problemJSON(err))
		}
	})
}
