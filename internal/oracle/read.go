package oracle

import (
	"context"
	"fmt"
	"time"

	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/etag"
	"github.com/edfi-dmsc/dmsc/runtime/jsonw"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Read is the outcome of a GET by id of an existing document.
type Read struct {
	// Tag is the served _etag (and ETag header).
	Tag string
	// NotModified is set when If-None-Match matched Tag: answer 304 and
	// ignore Body (it is not built).
	NotModified bool
	// Body is the document's JSON.
	Body []byte
}

// snapshotRead makes every select of a hydration batch see one snapshot,
// so a document's rows are consistent with its ContentVersion. It travels
// in the same pipeline as the selects (no extra round trip).
const snapshotRead = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"

// ReadByID answers GET by id: one round trip hydrates the document of res
// with DocumentUuid id (root and every child table) and reconstitutes it.
// It returns nil when the resource has no such document (404).
func ReadByID(ctx context.Context, pool *pgxpool.Pool, res *spec.Resource, id uuid.UUID, v etag.Variant, ifNoneMatch etag.Condition) (*Read, error) {
	rp := res.Read
	batch := hydration{selects: make([]query, len(rp.Tables))}
	for i, t := range rp.Tables {
		batch.selects[i] = query{sql: t.ByID, args: []any{id.String()}}
	}
	h, err := hydrate(ctx, pool, rp, batch)
	if err != nil {
		return nil, fmt.Errorf("reading %s %s: %w", res.Name, id, err)
	}
	if len(h.docs) == 0 {
		return nil, nil
	}
	doc := h.docs[0]
	out := &Read{Tag: v.Tag(doc.contentVersion)}
	if ifNoneMatch.Present && etag.NotModified(ifNoneMatch, out.Tag) {
		out.NotModified = true
		return out, nil
	}
	var w jsonw.Writer
	if err := h.writeDocument(&w, res, doc, out.Tag, v.Links); err != nil {
		return nil, fmt.Errorf("writing %s %s: %w", res.Name, id, err)
	}
	out.Body = w.Bytes()
	return out, nil
}

// row is one hydrated row: its key (what child rows name as their parent)
// and its values.
type row struct {
	key  int64
	vals []any
}

// document is one hydrated root row with its dms.Document columns.
type document struct {
	id             int64
	uuid           uuid.UUID
	contentVersion int64
	lastModified   time.Time
	root           *row
}

// hydrated holds the rows of one or more documents.
type hydrated struct {
	docs []*document
	// children[t][parentKey] are table t's rows under the parent row
	// (or parent scope) whose key is parentKey, in Ordinal order.
	children []map[int64][]*row
	total    int64
}

// query is one statement with its arguments.
type query struct {
	sql  string
	args []any
}

// hydration is the batch one read sends.
type hydration struct {
	// count, when set, selects the total count of a page's documents.
	count query
	// page, when set, stores the page's DocumentIds in PageIDsSetting.
	page query
	// selects read the tables' rows, parallel to ReadPlan.Tables.
	selects []query
}

// hydrate runs a hydration in one pipelined read-only snapshot
// transaction and collects its rows (and total).
func hydrate(ctx context.Context, pool *pgxpool.Pool, rp *spec.ReadPlan, batch hydration) (*hydrated, error) {
	var h *hydrated
	err := db.InTx(ctx, pool, db.DefaultRetryPolicy, func(ctx context.Context, tx *db.Tx) error {
		h = &hydrated{children: make([]map[int64][]*row, len(rp.Tables))}
		b := &pgx.Batch{}
		b.Queue(snapshotRead)
		for _, q := range []query{batch.count, batch.page} {
			if q.sql != "" {
				b.Queue(q.sql, q.args...)
			}
		}
		for _, q := range batch.selects {
			b.Queue(q.sql, q.args...)
		}
		br := tx.SendFinalBatch(ctx, b)
		if err := h.read(br, rp, batch); err != nil {
			br.Close()
			return err
		}
		return br.Close()
	})
	return h, err
}

func (h *hydrated) read(br pgx.BatchResults, rp *spec.ReadPlan, batch hydration) error {
	if _, err := br.Exec(); err != nil {
		return err
	}
	if batch.count.sql != "" {
		if err := br.QueryRow().Scan(&h.total); err != nil {
			return err
		}
	}
	if batch.page.sql != "" {
		if _, err := br.Exec(); err != nil {
			return err
		}
	}
	for ti := range rp.Tables {
		rows, err := br.Query()
		if err != nil {
			return err
		}
		for rows.Next() {
			vals, err := rows.Values()
			if err != nil {
				rows.Close()
				return err
			}
			if ti == 0 {
				err = h.addDocument(vals)
			} else {
				err = h.addChild(ti, vals)
			}
			if err != nil {
				rows.Close()
				return err
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

func (h *hydrated) addDocument(vals []any) error {
	if len(vals) < 4 {
		return fmt.Errorf("root select returned %d columns", len(vals))
	}
	var d document
	var err error
	if d.id, err = asInt64(vals[0]); err != nil {
		return err
	}
	if d.uuid, err = asUUID(vals[1]); err != nil {
		return err
	}
	if d.contentVersion, err = asInt64(vals[2]); err != nil {
		return err
	}
	if d.lastModified, err = asTime(vals[3]); err != nil {
		return err
	}
	d.root = &row{key: d.id, vals: vals[4:]}
	h.docs = append(h.docs, &d)
	return nil
}

func (h *hydrated) addChild(ti int, vals []any) error {
	if len(vals) < 3 {
		return fmt.Errorf("child select returned %d columns", len(vals))
	}
	key, err := asInt64(vals[1])
	if err != nil {
		return err
	}
	parent, err := asInt64(vals[2])
	if err != nil {
		return err
	}
	if h.children[ti] == nil {
		h.children[ti] = map[int64][]*row{}
	}
	h.children[ti][parent] = append(h.children[ti][parent], &row{key: key, vals: vals[3:]})
	return nil
}

// cursor is the position of a reconstitution: per table the current row
// (nil when a one-to-one extension row is absent) and its key.
type cursor struct {
	h     *hydrated
	rp    *spec.ReadPlan
	links bool // write reference links
	rows  []*row
	keys  []int64
}

// writeDocument writes one document with its metadata placed as the
// reference places it: id and _lastModifiedDate before the members (after
// them for a descriptor), _etag last.
func (h *hydrated) writeDocument(w *jsonw.Writer, res *spec.Resource, d *document, tag string, links bool) error {
	rp := res.Read
	c := &cursor{h: h, rp: rp, links: links, rows: make([]*row, len(rp.Tables)), keys: make([]int64, len(rp.Tables))}
	c.rows[0], c.keys[0] = d.root, d.id
	w.BeginObject()
	if !res.IsDescriptor {
		writeIdentityMetadata(w, d)
	}
	if err := c.writeMembers(w, rp.Document); err != nil {
		return err
	}
	if res.IsDescriptor {
		writeIdentityMetadata(w, d)
	}
	w.Key("_etag")
	w.String(tag)
	w.EndObject()
	return nil
}

func writeIdentityMetadata(w *jsonw.Writer, d *document) {
	w.Key("id")
	w.UUID(d.uuid)
	w.Key("_lastModifiedDate")
	w.String(etag.LastModified(d.lastModified))
}

// value is a scalar node's value at the cursor; nil when absent.
func (c *cursor) value(n *spec.Node) any {
	r := c.rows[n.Table]
	if r == nil {
		return nil
	}
	if v := r.vals[n.Value]; v != nil {
		return v
	}
	for _, a := range n.Alternates {
		if v := r.vals[a]; v != nil {
			return v
		}
	}
	return nil
}

// link resolves a link node at the cursor: its rel and href, ok false
// when links are off, the reference is absent or its target unknown.
func (c *cursor) link(n *spec.Node) (rel, href string, ok bool) {
	r := c.rows[n.Table]
	if !c.links || r == nil || r.vals[n.Value] == nil {
		return "", "", false
	}
	id, err := asUUID(r.vals[n.Value])
	if err != nil {
		return "", "", false
	}
	key, err := asInt64(r.vals[n.Value+1])
	if err != nil {
		return "", "", false
	}
	for _, t := range n.Targets {
		if int64(t.ResourceKeyID) == key {
			return t.Rel, t.Path + id.String(), true
		}
	}
	return "", "", false
}

// items are the rows of an array node's table under the cursor.
func (c *cursor) items(n *spec.Node) []*row {
	return c.h.children[n.Table][c.keys[c.rp.Tables[n.Table].Parent]]
}

// enter positions the cursor on the one-to-one extension row an object
// node opens.
func (c *cursor) enter(n *spec.Node) {
	if n.Table < 0 {
		return
	}
	key := c.keys[c.rp.Tables[n.Table].Parent]
	c.keys[n.Table] = key
	c.rows[n.Table] = nil
	if rows := c.h.children[n.Table][key]; len(rows) > 0 {
		c.rows[n.Table] = rows[0]
	}
}

// hasContent reports whether a node writes anything at the cursor.
func (c *cursor) hasContent(n *spec.Node) bool {
	switch n.Kind {
	case spec.ScalarNode:
		return c.value(n) != nil
	case spec.ArrayNode:
		return len(c.items(n)) > 0
	case spec.LinkNode:
		_, _, ok := c.link(n)
		return ok
	}
	c.enter(n)
	for _, m := range n.Members {
		if c.hasContent(m) {
			return true
		}
	}
	return false
}

func (c *cursor) writeMembers(w *jsonw.Writer, nodes []*spec.Node) error {
	for _, n := range nodes {
		switch n.Kind {
		case spec.ScalarNode:
			v := c.value(n)
			if v == nil {
				continue
			}
			w.Key(n.Name)
			if err := writeValue(w, n.Type, v); err != nil {
				return fmt.Errorf("%s: %w", n.Name, err)
			}
		case spec.ObjectNode:
			if !c.hasContent(n) {
				continue
			}
			c.enter(n)
			w.Key(n.Name)
			w.BeginObject()
			if err := c.writeMembers(w, n.Members); err != nil {
				return err
			}
			w.EndObject()
		case spec.LinkNode:
			rel, href, ok := c.link(n)
			if !ok {
				continue
			}
			w.Key(n.Name)
			w.BeginObject()
			w.Key("rel")
			w.String(rel)
			w.Key("href")
			w.String(href)
			w.EndObject()
		case spec.ArrayNode:
			items := c.items(n)
			if len(items) == 0 {
				continue
			}
			w.Key(n.Name)
			w.BeginArray()
			for _, it := range items {
				c.rows[n.Table], c.keys[n.Table] = it, it.key
				w.BeginObject()
				if err := c.writeMembers(w, n.Members); err != nil {
					return err
				}
				w.EndObject()
			}
			w.EndArray()
		}
	}
	return nil
}
