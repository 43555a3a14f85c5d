package engine_test

import (
	"context"
	"github.com/edfi-dmsc/dmsc/runtime/etag"
	"github.com/jackc/pgx/v5/pgtype"
	"strings"
	"testing"
	"time"

	"github.com/edfi-dmsc/dmsc/internal/oracle"
	"github.com/edfi-dmsc/dmsc/runtime/engine"
	"github.com/edfi-dmsc/dmsc/runtime/jsonw"
	"github.com/google/uuid"
)

type item struct {
	name     string
	children []string
}

// Rows keep their place while their slice grows: Parents hands out the
// address of a row after its table is read, by key, whether a key repeats
// (the next row's parent) or not.
func TestParents(t *testing.T) {
	var parents engine.Parents[item]
	var rows []item
	if parents.Find(1) != nil {
		t.Fatal("found a row before any")
	}
	for i, key := range []int64{10, 20, 30} {
		row := parents.Append(key, &rows)
		row.name = string(rune('a' + i))
	}
	for _, c := range []struct {
		parent int64
		child  string
	}{{10, "x"}, {10, "y"}, {30, "z"}, {20, "w"}, {10, "v"}} {
		p := parents.Find(c.parent)
		if p == nil {
			t.Fatalf("no row %d", c.parent)
		}
		p.children = append(p.children, c.child)
	}
	if parents.Find(40) != nil {
		t.Error("found a row never appended")
	}
	want := []item{{"a", []string{"x", "y", "v"}}, {"b", []string{"w"}}, {"c", []string{"z"}}}
	for i := range want {
		if rows[i].name != want[i].name || len(rows[i].children) != len(want[i].children) {
			t.Fatalf("rows %v, want %v", rows, want)
		}
		for k := range want[i].children {
			if rows[i].children[k] != want[i].children[k] {
				t.Fatalf("rows %v, want %v", rows, want)
			}
		}
	}

	// One row (a GET by id) is found without a map.
	var one engine.Parents[item]
	var single []item
	one.Append(7, &single).name = "only"
	if p := one.Find(7); p == nil || p.name != "only" || one.Find(8) != nil {
		t.Errorf("single row: %v", p)
	}
}

type stored struct {
	engine.DocumentMeta
	name string
}

func (s *stored) WriteJSON(w *jsonw.Writer, tag string, links bool) {
	w.BeginObject()
	s.WriteIdentity(w)
	w.PlainKey("name")
	w.String(s.name)
	if links {
		l := engine.Link{Rel: "School", Path: "/ed-fi/schools/", ID: s.DocumentUUID}
		l.Write(w)
	}
	w.PlainKey("_etag")
	w.String(tag)
	w.EndObject()
}

func TestDocumentsAndMetadata(t *testing.T) {
	id := uuid.MustParse("3f1e0b7a-5c2d-4e8f-9a6b-1c2d3e4f5a6b")
	at := time.Date(2024, 8, 1, 23, 30, 15, 999_000_000, time.FixedZone("x", -3600))
	docs := engine.Documents([]stored{{DocumentMeta: engine.DocumentMeta{DocumentID: 5, DocumentUUID: id, ContentVersion: 9, LastModified: at}, name: "n"}})
	if len(docs) != 1 || docs[0].Meta().ContentVersion != 9 {
		t.Fatalf("documents %v", docs)
	}
	var w jsonw.Writer
	docs[0].WriteJSON(&w, "9-e", true)
	want := `{"id":"3f1e0b7a-5c2d-4e8f-9a6b-1c2d3e4f5a6b","_lastModifiedDate":"2024-08-02T00:30:15Z","name":"n",` +
		`"link":{"rel":"School","href":"/ed-fi/schools/3f1e0b7a-5c2d-4e8f-9a6b-1c2d3e4f5a6b"},"_etag":"9-e"}`
	if got := string(w.Bytes()); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if (&engine.Link{}).Present() || !(&engine.Link{Rel: "School"}).Present() {
		t.Error("Link.Present")
	}
	for _, at := range []time.Time{at, time.Date(1, 1, 2, 3, 4, 5, 0, time.UTC), time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC),
		time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC)} {
		if got, want := engine.DateText(at), at.Format(time.DateOnly); got != want {
			t.Errorf("DateText %s, want %s", got, want)
		}
		if got, want := string(jsonw.AppendDateTime(nil, at)), at.UTC().Format("2006-01-02T15:04:05Z"); got != want {
			t.Errorf("AppendDateTime %s, want %s", got, want)
		}
	}
}

// codeValues is a hand-written read codec of a descriptor: it scans the
// dms.Descriptor row into typed destinations and writes its codeValue.
type codeValues struct {
	docs []codeValue
}

type codeValue struct {
	engine.DocumentMeta
	namespace, code, short, description pgtype.Text
	begin, end                          pgtype.Date
}

func (c *codeValue) WriteJSON(w *jsonw.Writer, tag string, _ bool) {
	w.BeginObject()
	w.PlainKey("codeValue")
	w.String(c.code.String)
	w.PlainKey("_etag")
	w.String(tag)
	w.EndObject()
}

func (c *codeValues) ScanRow(_ int, row *engine.Row) error {
	d := engine.AppendRow(&c.docs)
	return row.Scan(&d.DocumentID, &d.DocumentUUID, &d.ContentVersion, &d.LastModified,
		&d.namespace, &d.code, &d.short, &d.description, &d.begin, &d.end)
}

// Row.Scan decodes a row as pgx's Rows.Scan does, into whatever
// destinations a hand-written hydration names: typed ones here, the
// interpreter's (internal/oracle's codec) interface values, alternately on
// the same select list.
func TestRowScanFollowsTheDestinations(t *testing.T) {
	e := newReadEnv(t)
	ctx := context.Background()
	res := e.resource(t, "GradeLevelDescriptor")
	_, id := e.descriptor(t, "GradeLevelDescriptor", "uri://ed-fi.org/GradeLevelDescriptor", "Ninth grade")
	typed := &engine.ReadCodec{Hydrate: func(sets engine.ResultSets) ([]engine.Document, error) {
		c := &codeValues{}
		if err := sets.Scan(0, c); err != nil {
			return nil, err
		}
		return engine.Documents(c.docs), nil
	}}
	interpreter := oracle.Codec(res).Read
	for range 2 {
		interpreted, err := interpreter.ReadByID(ctx, e.pool, res, id, e.variant, etag.Condition{})
		if err != nil || interpreted == nil || !strings.Contains(string(interpreted.Body), `"codeValue":"Ninth grade"`) {
			t.Fatalf("interpreted: %v %v", interpreted, err)
		}
		got, err := typed.ReadByID(ctx, e.pool, res, id, e.variant, etag.Condition{})
		if err != nil || got == nil {
			t.Fatalf("typed: %v %v", got, err)
		}
		if want := `{"codeValue":"Ninth grade","_etag":"` + got.Tag + `"}`; string(got.Body) != want {
			t.Errorf("typed read %s, want %s", got.Body, want)
		}
	}
}
