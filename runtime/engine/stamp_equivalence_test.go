package engine_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/edfi-dmsc/dmsc/compiler/ddl"
	"github.com/edfi-dmsc/dmsc/compiler/ddl/ddlcompare"
	"github.com/edfi-dmsc/dmsc/compiler/ddl/modelddl"
	"github.com/edfi-dmsc/dmsc/runtime/etag"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// TestStampsMatchReferenceTriggers: our PostgreSQL child-stamp functions
// and the dms.Descriptor stamping trigger deliberately differ from the
// reference's (a document already stamped by its transaction is not stamped
// again; documents are stamped by key; descriptor rows are stamped before
// they are written rather than updated after; docs/ddl-differences.md). The
// same writes, through the engine, on a database with our DDL and on one
// whose functions and triggers are the reference's must leave the same
// dms.ReferentialIdentity and tracked-change rows, and every committed
// write must move (or leave) the same stamps of the same documents; only
// the stamp values may differ (we take fewer sequence values). The writes:
// POST of every generated document (two per resource of the bundled
// schema, descriptors included), a no-op re-POST, PUTs that reorder,
// shorten and restore every top-level collection, descriptor PUTs that
// change, keep and restore their content, identity updates that cascade
// into other documents' rows, SQL updates of every descriptor row that
// change nothing and that change their content, and DELETE of everything;
// writes the triggers refuse are refused with the same error.
func TestStampsMatchReferenceTriggers(t *testing.T) {
	if testing.Short() {
		t.Skip("provisions two databases")
	}
	ours, ref := bundledEnv(t), bundledEnv(t)
	ctx := context.Background()
	script, _, err := modelddl.Script(ours.set, ours.info, ddl.Pgsql, true)
	if err != nil {
		t.Fatal(err)
	}
	replaced, descriptorReplaced := 0, 0
	for _, p := range ddlcompare.Paragraphs("pgsql", script) {
		if r := ddlcompare.AsReference(p); r != p {
			if _, err := ref.pool.Exec(ctx, r); err != nil {
				t.Fatalf("applying the reference's form: %v\n%s", err, r)
			}
			replaced++
			if strings.Contains(p, "TF_Descriptor_Stamp_Document") {
				descriptorReplaced++
			}
		}
	}
	if replaced == descriptorReplaced {
		t.Fatal("no child-stamp function to replace")
	}
	if descriptorReplaced != 2 {
		t.Fatalf("replaced %d paragraphs of the descriptor stamping trigger, want its function and its trigger", descriptorReplaced)
	}

	docs := fakeDocs(t, ours.set, 2)
	w := []*stampWorld{newStampWorld(ours), newStampWorld(ref)}
	step := func(name string, op func(t *testing.T, s *stampWorld)) {
		t.Helper()
		for _, s := range w {
			op(t, s)
		}
		a, b := w[0].observe(t), w[1].observe(t)
		if a != b {
			t.Fatalf("%s: the stamps moved differently\nours:        %s\nreference's: %s", name, a, b)
		}
	}
	for i, d := range docs {
		step(fmt.Sprintf("POST %s/%s", d.Project, d.Resource), func(t *testing.T, s *stampWorld) { s.post(t, i, d) })
	}
	w[0].compareRows(t, w[1], "after the POSTs")
	for i, d := range docs {
		step(fmt.Sprintf("re-POST %s/%s", d.Project, d.Resource), func(t *testing.T, s *stampWorld) { s.post(t, i, d) })
	}
	for i, d := range docs {
		for _, change := range []string{"reverse", "truncate", "restore"} {
			body := reshapeCollections(t, d.Body, change)
			step(fmt.Sprintf("PUT %s/%s (%s)", d.Project, d.Resource, change), func(t *testing.T, s *stampWorld) { s.put(t, i, d, body) })
		}
	}
	descriptors := 0
	for i, d := range docs {
		if !ours.resourceAt(t, d.Project, d.Resource).IsDescriptor {
			continue
		}
		descriptors++
		for _, change := range []string{"change", "change", "restore"} {
			body := d.Body
			if change == "change" {
				body = withShortDescription(t, d.Body, "changed")
			}
			step(fmt.Sprintf("PUT %s/%s (%s)", d.Project, d.Resource, change), func(t *testing.T, s *stampWorld) { s.put(t, i, d, body) })
		}
	}
	if descriptors == 0 {
		t.Fatal("no descriptor among the documents")
	}
	for _, sql := range []string{
		`UPDATE "dms"."Descriptor" SET "ShortDescription" = "ShortDescription", "ContentVersion" = "ContentVersion"`,
		`UPDATE "dms"."Descriptor" SET "Description" = coalesce("Description", '') || ' (by SQL)'`,
	} {
		step(sql, func(t *testing.T, s *stampWorld) { s.exec(t, sql) })
	}
	w[0].compareRefusals(t, w[1])
	// Dependents first: a document's body still names its references by
	// their original identities.
	changed := 0
	for i := len(docs) - 1; i >= 0; i-- {
		d := docs[i]
		res := ours.resourceAt(t, d.Project, d.Resource)
		body, ok := withNewIdentity(t, res, d.Body)
		if !ok {
			continue
		}
		changed++
		step(fmt.Sprintf("identity update %s/%s", d.Project, d.Resource), func(t *testing.T, s *stampWorld) { s.put(t, i, d, body) })
	}
	if changed == 0 {
		t.Fatal("no resource allows identity updates")
	}
	w[0].compareRows(t, w[1], "after the PUTs")
	for i := len(docs) - 1; i >= 0; i-- {
		d := docs[i]
		step(fmt.Sprintf("DELETE %s/%s", d.Project, d.Resource), func(t *testing.T, s *stampWorld) { s.delete(t, i, d) })
	}
	w[0].compareRows(t, w[1], "after the DELETEs")
}

// stampWorld is one database the writes run on, with what they returned.
type stampWorld struct {
	*env
	ids  []uuid.UUID          // document i's id on this database
	last map[uuid.UUID]stamps // the stamps observe saw last
}

type stamps struct{ content, identity int64 }

func newStampWorld(e *env) *stampWorld {
	return &stampWorld{env: e, last: map[uuid.UUID]stamps{}}
}

func (s *stampWorld) post(t *testing.T, i int, d fakeDoc) {
	t.Helper()
	out, _, err := s.env.post(t, s.resourceAt(t, d.Project, d.Resource), d.Body)
	if err != nil {
		t.Fatalf("POST %s/%s: %v %s", d.Project, d.Resource, err, problemJSON(err))
	}
	if i == len(s.ids) {
		s.ids = append(s.ids, out.ID)
	}
}

func (s *stampWorld) put(t *testing.T, i int, d fakeDoc, body []byte) {
	t.Helper()
	if _, err := s.writer.UpdateDocument(context.Background(), s.resourceAt(t, d.Project, d.Resource), s.ids[i], withID(t, s.ids[i], body), etag.Write{}); err != nil {
		t.Fatalf("PUT %s/%s: %v %s\n%s", d.Project, d.Resource, err, problemJSON(err), body)
	}
}

func (s *stampWorld) delete(t *testing.T, i int, d fakeDoc) {
	t.Helper()
	if found, err := s.writer.Delete(context.Background(), s.resourceAt(t, d.Project, d.Resource), s.ids[i], etag.Write{}); err != nil || !found {
		t.Fatalf("DELETE %s/%s: found %v, %v %s", d.Project, d.Resource, found, err, problemJSON(err))
	}
}

func (s *stampWorld) exec(t *testing.T, sql string) {
	t.Helper()
	if _, err := s.pool.Exec(context.Background(), sql); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

// descriptorRefusals are writes the descriptor stamping trigger or the
// constraints refuse: a descriptor row whose ResourceKeyId is not its
// document's (inserted, and updated into), and one without a document.
var descriptorRefusals = []string{
	`INSERT INTO "dms"."Descriptor" ("DocumentId", "ResourceKeyId", "Namespace", "CodeValue", "ShortDescription", "Discriminator", "Uri")
		SELECT "DocumentId", "ResourceKeyId" + 1, 'uri://x', 'x', 'x', 'x', 'uri://x#x' FROM "dms"."Document"
		WHERE "DocumentId" NOT IN (SELECT "DocumentId" FROM "dms"."Descriptor") ORDER BY "DocumentId" LIMIT 1`,
	`INSERT INTO "dms"."Descriptor" ("DocumentId", "ResourceKeyId", "Namespace", "CodeValue", "ShortDescription", "Discriminator", "Uri")
		SELECT max("DocumentId") + 1000, 1, 'uri://x', 'x', 'x', 'x', 'uri://x#x' FROM "dms"."Document"`,
	// One row, chosen by id: over every row the trigger would refuse
	// whichever row the heap order of that database reaches first, and the
	// message names it.
	`UPDATE "dms"."Descriptor" SET "ResourceKeyId" = "ResourceKeyId" + 1, "ShortDescription" = 'x'
		WHERE "DocumentId" = (SELECT min("DocumentId") FROM "dms"."Descriptor")`,
}

// compareRefusals runs descriptorRefusals on both worlds and requires the
// same SQLSTATE and message from each.
func (s *stampWorld) compareRefusals(t *testing.T, other *stampWorld) {
	t.Helper()
	refusal := func(w *stampWorld, sql string) string {
		_, err := w.pool.Exec(context.Background(), sql)
		var pg *pgconn.PgError
		if !errors.As(err, &pg) {
			t.Fatalf("%s: %v, want a refusal", sql, err)
		}
		return pg.Code + " " + pg.Message
	}
	for _, sql := range descriptorRefusals {
		if a, b := refusal(s, sql), refusal(other, sql); a != b {
			t.Errorf("%s\nrefused by ours with        %s\nrefused by the reference's with %s", sql, a, b)
		}
	}
}

// observe describes, by document number, which stamps moved since the last
// observation, and checks that every root row mirrors its document's
// stamps.
func (s *stampWorld) observe(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	rows, err := s.pool.Query(ctx, `SELECT "DocumentUuid", "ContentVersion", "IdentityVersion" FROM "dms"."Document"`)
	if err != nil {
		t.Fatal(err)
	}
	now := map[uuid.UUID]stamps{}
	for rows.Next() {
		var id uuid.UUID
		var st stamps
		if err := rows.Scan(&id, &st.content, &st.identity); err != nil {
			t.Fatal(err)
		}
		now[id] = st
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	var moved []string
	for i, id := range s.ids {
		before, was := s.last[id]
		after, is := now[id]
		switch {
		case was && !is:
			moved = append(moved, fmt.Sprintf("%d deleted", i))
		case !was && is:
			moved = append(moved, fmt.Sprintf("%d created", i))
		case was && is:
			if after.content < before.content || after.identity < before.identity {
				t.Errorf("document %d: stamps went back from %v to %v", i, before, after)
			}
			if after.content != before.content {
				moved = append(moved, fmt.Sprintf("%d content", i))
			}
			if after.identity != before.identity {
				moved = append(moved, fmt.Sprintf("%d identity", i))
			}
		}
	}
	s.last = now
	roots := []string{`"dms"."Descriptor"`}
	for _, r := range s.schema.Resources {
		if !r.IsDescriptor {
			roots = append(roots, `"`+r.Tables[0].Schema+`"."`+r.Tables[0].Name+`"`)
		}
	}
	for _, root := range roots {
		var drift int
		if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM `+root+` t JOIN "dms"."Document" d USING ("DocumentId")
			WHERE t."ContentVersion" <> d."ContentVersion" OR t."ContentLastModifiedAt" <> d."ContentLastModifiedAt"`).Scan(&drift); err != nil {
			t.Fatal(err)
		}
		if drift > 0 {
			t.Errorf("%s: %d root rows do not mirror their document's stamps", root, drift)
		}
	}
	return strings.Join(moved, ", ")
}

// compareRows compares the dms.ReferentialIdentity rows and every
// tracked-change table of two worlds (see tableRows).
func (s *stampWorld) compareRows(t *testing.T, other *stampWorld, when string) {
	t.Helper()
	tables := []string{`"dms"."ReferentialIdentity"`}
	rows, err := s.pool.Query(context.Background(), `SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables
		WHERE table_schema LIKE 'tracked_changes_%' ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	tracked, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	if len(tracked) == 0 {
		t.Fatal("no tracked-change tables")
	}
	for _, table := range append(tables, tracked...) {
		a, b := s.tableRows(t, table), other.tableRows(t, table)
		if !slices.Equal(a, b) {
			t.Errorf("%s: %s differs\nours:        %v\nreference's: %v", when, table, a, b)
		}
	}
}

// tableRows renders a table's rows as sorted text, with document uuids
// replaced by document numbers, and ChangeVersion and CreatedAt (when the
// row was written) left out.
func (s *stampWorld) tableRows(t *testing.T, table string) []string {
	t.Helper()
	number := map[string]string{}
	for i, id := range s.ids {
		number[id.String()] = fmt.Sprintf("doc%d", i)
	}
	rows, err := s.pool.Query(context.Background(), `SELECT * FROM `+table)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		values, err := rows.Values()
		if err != nil {
			t.Fatal(err)
		}
		var cols []string
		for i, f := range rows.FieldDescriptions() {
			if f.Name == "ChangeVersion" || f.Name == "CreatedAt" {
				continue
			}
			v := fmt.Sprint(values[i])
			if u, ok := values[i].([16]byte); ok {
				v = uuid.UUID(u).String()
			}
			if n, ok := number[v]; ok {
				v = n
			}
			if tm, ok := values[i].(time.Time); ok {
				v = tm.UTC().Format(time.RFC3339)
			}
			cols = append(cols, f.Name+"="+v)
		}
		out = append(out, strings.Join(cols, " "))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// reshapeCollections changes every top-level array of objects in body:
// "reverse" reverses it (ordinal moves), "truncate" keeps its first item
// (deletes), "restore" leaves the body as generated (inserts back).
func reshapeCollections(t *testing.T, body []byte, change string) []byte {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatal(err)
	}
	for k, v := range doc {
		items, ok := v.([]any)
		if !ok || len(items) < 2 {
			continue
		}
		switch change {
		case "reverse":
			slices.Reverse(items)
		case "truncate":
			doc[k] = items[:1]
		}
	}
	return mustJSON(t, doc)
}

// withShortDescription sets a descriptor body's shortDescription.
func withShortDescription(t *testing.T, body []byte, value string) []byte {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatal(err)
	}
	doc["shortDescription"] = value
	return mustJSON(t, doc)
}

// withNewIdentity changes the first top-level string identity member of a
// resource that allows identity updates (a date moves one day on).
func withNewIdentity(t *testing.T, res *spec.Resource, body []byte) ([]byte, bool) {
	t.Helper()
	if !res.AllowIdentityUpdates {
		return nil, false
	}
	var doc map[string]any
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatal(err)
	}
	for _, part := range res.Identity {
		if len(part.Steps) != 1 {
			continue
		}
		if s, ok := doc[part.Steps[0]].(string); ok {
			if day, err := time.Parse(time.DateOnly, s); err == nil {
				doc[part.Steps[0]] = day.AddDate(0, 0, 1).Format(time.DateOnly)
			} else {
				doc[part.Steps[0]] = s + "X"
			}
			return mustJSON(t, doc), true
		}
	}
	return nil, false
}
