package engine

import (
	"bytes"
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/identity"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

// allocateBulkSQL allocates $1 DocumentIds and $2 CollectionItemIds. The
// DocumentId sequence is looked up once (a CTE), not once per id.
const allocateBulkSQL = `WITH s AS MATERIALIZED (SELECT pg_get_serial_sequence('"dms"."Document"', 'DocumentId')::regclass AS documents) ` +
	`SELECT ARRAY(SELECT nextval(s.documents) FROM s, generate_series(1, $1::int)), ` +
	`ARRAY(SELECT nextval('"dms"."CollectionItemIdSequence"')::text FROM generate_series(1, $2::int))`

// The COPY statements of the dms tables a create writes (as
// insertDocumentSQL, insertDescriptorSQL and insertDescriptorIdentitySQL
// do). A COPY into dms.Document writes the given DocumentId, as INSERT ...
// OVERRIDING SYSTEM VALUE does.
var (
	copyDocumentSQL           = copySQL(`"dms"."Document"`, "DocumentId", "DocumentUuid", "ResourceKeyId")
	copyDescriptorSQL         = copySQL(`"dms"."Descriptor"`, "DocumentId", "ResourceKeyId", "Namespace", "CodeValue", "ShortDescription", "Description", "EffectiveBeginDate", "EffectiveEndDate", "Discriminator", "Uri")
	copyDescriptorIdentitySQL = copySQL(`"dms"."ReferentialIdentity"`, "ReferentialId", "DocumentId", "ResourceKeyId")
)

// copySQL is the COPY ... FROM STDIN statement of columns of table (a
// quoted name).
func copySQL(table string, columns ...string) string {
	quoted := make([]string, len(columns))
	for i, c := range columns {
		quoted[i] = pgx.Identifier{c}.Sanitize()
	}
	return "COPY " + table + " (" + strings.Join(quoted, ", ") + ") FROM STDIN"
}

// copyTarget is a COPY statement and the rows it sends, in PostgreSQL's
// text format: the rows are canonical text, which COPY parses with the same
// input functions as the casts of the ordinary insert statements.
type copyTarget struct {
	sql  string
	rows bytes.Buffer
}

// tableCopy is the COPY target of a resource table, for its stored
// columns (TableWrite.Stored order).
func tableCopy(t *spec.Table, tw *spec.TableWrite) *copyTarget {
	names := make([]string, len(tw.Stored))
	for i, ci := range tw.Stored {
		names[i] = t.Columns[ci].Name
	}
	return &copyTarget{sql: copySQL(pgx.Identifier{t.Schema, t.Name}.Sanitize(), names...)}
}

// add appends one row; nil is NULL.
func (c *copyTarget) add(values ...*string) {
	for i, v := range values {
		if i > 0 {
			c.rows.WriteByte('\t')
		}
		if v == nil {
			c.rows.WriteString(`\N`)
			continue
		}
		for j := 0; j < len(*v); j++ {
			switch ch := (*v)[j]; ch {
			case '\\':
				c.rows.WriteString(`\\`)
			case '\n':
				c.rows.WriteString(`\n`)
			case '\r':
				c.rows.WriteString(`\r`)
			case '\t':
				c.rows.WriteString(`\t`)
			default:
				c.rows.WriteByte(ch)
			}
		}
	}
	c.rows.WriteByte('\n')
}

// copyBatch is a planned batch: the documents it creates and the rows that
// create them, and the documents that exist already: those the batch
// leaves unchanged and the others.
type copyBatch struct {
	// created, unchanged and existing are indices into the batch's
	// documents; existing ones take the ordinary write path.
	created, unchanged, existing []int
	// targets in the order they are sent: dms.Document first, then the
	// descriptors' tables, then the resource tables, parents before
	// children.
	targets []*copyTarget
}

// planBatch reads what the batch needs from the database in one round trip
// (the referential ids of its identities and references, new ids), and in
// a second the stored state of the documents whose identity exists, and
// plans it: existing documents the batch would not change are unchanged,
// the other existing ones are left to the ordinary path, documents refused
// before any write get their answer in out, and the rows of the others are
// rendered for COPY.
func (w *Writer) planBatch(ctx context.Context, docs []*Prepared, out []BulkResult) (*copyBatch, error) {
	var ids []string
	items := 0
	for _, d := range docs {
		for _, id := range d.Identities() {
			ids = append(ids, id.String())
		}
		for _, id := range d.References() {
			ids = append(ids, id.String())
		}
		if d.flat != nil {
			items += collectionItems(d.res, d.flat)
		}
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	b := &pgx.Batch{}
	b.Queue(resolveSQL, ids)
	b.Queue(allocateBulkSQL, len(docs), items)
	br := w.Pool.SendBatch(ctx, b)
	resolved, err := readResolved(br)
	var docIDs []int64
	var itemIDs []string
	if err == nil {
		err = br.QueryRow().Scan(&docIDs, &itemIDs)
	}
	if cerr := br.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}

	c := &copyBatch{}
	stored := map[int]int64{} // document index → DocumentId of those that exist
	for i, d := range docs {
		if r, exists := resolved[d.Identities()[0].String()]; exists {
			stored[i] = r.documentID
		}
	}
	if len(stored) > 0 {
		if itemIDs, err = w.compareStored(ctx, docs, stored, resolved, itemIDs, c); err != nil {
			return nil, err
		}
	}
	var descriptors, identities *copyTarget
	tables := map[*spec.Table]*copyTarget{}
	var tableOrder []*copyTarget
	documents := &copyTarget{sql: copyDocumentSQL}
	for i, d := range docs {
		if _, exists := stored[i]; exists {
			continue
		}
		docID := strconv.FormatInt(docIDs[i], 10)
		keyID := strconv.Itoa(int(d.res.ResourceKeyID))
		docUUID := uuid.NewString()
		if pd := d.desc; pd != nil {
			if descriptors == nil {
				descriptors, identities = &copyTarget{sql: copyDescriptorSQL}, &copyTarget{sql: copyDescriptorIdentitySQL}
			}
			nf, refID, disc := pd.fields, pd.refID.String(), d.res.Write.Descriptor.Discriminator
			descriptors.add(&docID, &keyID, &nf.Namespace, &nf.CodeValue, &nf.ShortDescription, nf.Description, nf.EffectiveBeginDate, nf.EffectiveEndDate, &disc, &pd.uri)
			identities.add(&refID, &docID, &keyID)
		} else {
			f := d.flat
			if p := applyResolution(f, resolved); p != nil {
				out[i] = BulkResult{Problem: p}
				continue
			}
			if _, taken := resolved[f.SuperclassID.String()]; taken {
				// The superclass identity belongs to another document.
				out[i] = failed(mapWriteError(errAliasTaken, d.res, f, true))
				continue
			}
			n := collectionItems(d.res, f)
			changes, p := diffRows(d.res, f, target{documentID: docIDs[i], stored: make([][][]*string, len(d.res.Tables))}, itemIDs[:n])
			itemIDs = itemIDs[n:]
			if p != nil {
				out[i] = BulkResult{Problem: p}
				continue
			}
			for ti, ch := range changes {
				if len(ch.insert) == 0 {
					continue
				}
				t := d.res.Tables[ti]
				tc := tables[t]
				if tc == nil {
					tc = tableCopy(t, &d.res.Write.Tables[ti])
					tables[t] = tc
					tableOrder = append(tableOrder, tc)
				}
				for _, row := range ch.insert {
					tc.add(row...)
				}
			}
		}
		documents.add(&docID, &docUUID, &keyID)
		c.created = append(c.created, i)
	}
	if len(c.created) == 0 {
		return c, nil
	}
	c.targets = append(c.targets, documents)
	if descriptors != nil {
		c.targets = append(c.targets, descriptors, identities)
	}
	c.targets = append(c.targets, tableOrder...)
	return c, nil
}

// loadDescriptorsSQL reads the stored fields of the descriptors whose
// DocumentIds are $1.
const loadDescriptorsSQL = `SELECT x."DocumentId", x."Namespace", x."CodeValue", x."ShortDescription", x."Description", ` +
	`to_char(x."EffectiveBeginDate", 'YYYY-MM-DD'), to_char(x."EffectiveEndDate", 'YYYY-MM-DD') ` +
	`FROM "dms"."Descriptor" x WHERE x."DocumentId" = ANY($1::bigint[])`

// compareStored reads, in one round trip, the stored state of the
// documents of the batch that exist (stored: document index → DocumentId)
// and compares each with its document as the ordinary write path does: a
// document whose write would change nothing is unchanged, any other (a
// change, or an answer other than success) is left to the ordinary path.
// Existing documents with collections take new-item ids from itemIDs (a
// changed document's write allocates its own); the rest is returned.
func (w *Writer) compareStored(ctx context.Context, docs []*Prepared, stored map[int]int64, resolved map[string]resolvedID,
	itemIDs []string, c *copyBatch) ([]string, error) {
	// The DocumentIds to read, per resource table and for descriptors.
	var descriptorIDs []int64
	perResource := map[*spec.Resource][]int64{}
	var resources []*spec.Resource
	for i, d := range docs {
		id, ok := stored[i]
		switch {
		case !ok:
		case d.desc != nil:
			descriptorIDs = append(descriptorIDs, id)
		default:
			if _, seen := perResource[d.res]; !seen {
				resources = append(resources, d.res)
			}
			perResource[d.res] = append(perResource[d.res], id)
		}
	}
	b := &pgx.Batch{}
	if len(descriptorIDs) > 0 {
		b.Queue(loadDescriptorsSQL, descriptorIDs)
	}
	for _, r := range resources {
		for _, tw := range r.Write.Tables {
			b.Queue(tw.LoadByDocumentIDs, perResource[r])
		}
	}
	br := w.Pool.SendBatch(ctx, b)
	descriptorsByID, rowsByID, err := readStoredBatch(br, descriptorIDs, resources)
	if cerr := br.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	for i, d := range docs {
		id, ok := stored[i]
		if !ok {
			continue
		}
		var same bool
		if pd := d.desc; pd != nil {
			old, found := descriptorsByID[id]
			same = found && identity.DescriptorValue(identity.DescriptorURI(old.Namespace, old.CodeValue)) == identity.DescriptorValue(pd.uri) &&
				old.sameRepresentation(pd.fields)
		} else {
			rows := rowsByID[d.res][id]
			if rows == nil {
				rows = make([][][]*string, len(d.res.Tables))
			}
			n := collectionItems(d.res, d.flat)
			same = d.flat.unchangedBy(d.res, target{exists: true, documentID: id, stored: rows}, resolved, itemIDs[:n])
			itemIDs = itemIDs[n:]
		}
		if same {
			c.unchanged = append(c.unchanged, i)
		} else {
			c.existing = append(c.existing, i)
		}
	}
	return itemIDs, nil
}

// unchangedBy reports whether a POST of f would leave the stored document
// tg as it is, deciding as Writer.writeOnce does: its references resolve,
// its superclass identity is its own, and its rows need no statement.
func (f *FlatDoc) unchangedBy(res *spec.Resource, tg target, resolved map[string]resolvedID, itemIDs []string) bool {
	if applyResolution(f, resolved) != nil {
		return false
	}
	if a, ok := resolved[f.SuperclassID.String()]; ok && a.documentID != tg.documentID {
		return false
	}
	var changes pgx.Batch
	return mergeRows(res, f, tg, itemIDs, &changes) == nil && changes.Len() == 0
}

// readStoredBatch reads compareStored's results: the descriptors by
// DocumentId, and each resource's stored rows by DocumentId, per table.
func readStoredBatch(br pgx.BatchResults, descriptorIDs []int64, resources []*spec.Resource) (map[int64]DescriptorFields, map[*spec.Resource]map[int64][][][]*string, error) {
	descriptors := map[int64]DescriptorFields{}
	if len(descriptorIDs) > 0 {
		rows, err := br.Query()
		if err != nil {
			return nil, nil, err
		}
		for rows.Next() {
			var id int64
			var f DescriptorFields
			if err := rows.Scan(&id, &f.Namespace, &f.CodeValue, &f.ShortDescription, &f.Description, &f.EffectiveBeginDate, &f.EffectiveEndDate); err != nil {
				rows.Close()
				return nil, nil, err
			}
			descriptors[id] = f
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, nil, err
		}
	}
	byResource := map[*spec.Resource]map[int64][][][]*string{}
	for _, r := range resources {
		byID := map[int64][][][]*string{}
		for ti, t := range r.Tables {
			tw := &r.Write.Tables[ti]
			rows, err := readStored(br, len(tw.Stored))
			if err != nil {
				return nil, nil, err
			}
			doc := documentColumn(t, tw)
			for _, row := range rows {
				id, err := strconv.ParseInt(deref(row[doc]), 10, 64)
				if err != nil {
					return nil, nil, err
				}
				if byID[id] == nil {
					byID[id] = make([][][]*string, len(r.Tables))
				}
				byID[id][ti] = append(byID[id][ti], row)
			}
		}
		byResource[r] = byID
	}
	return descriptors, byResource, nil
}

// documentColumn is the index in tw.Stored of a table's (first) DocumentId
// column: the document a row of LoadByDocumentIDs belongs to.
func documentColumn(t *spec.Table, tw *spec.TableWrite) int {
	for si, ci := range tw.Stored {
		if t.Columns[ci].Kind == spec.DocumentIDColumn {
			return si
		}
	}
	return -1
}

// write sends the batch's COPYs in one transaction (nothing when it
// creates no document).
func (c *copyBatch) write(ctx context.Context, w *Writer) error {
	if len(c.targets) == 0 {
		return nil
	}
	return db.Transact(ctx, w.Pool, func(ctx context.Context, tx *db.Tx) error {
		if err := tx.Begin(ctx); err != nil {
			return err
		}
		for _, t := range c.targets {
			if _, err := tx.Conn().PgConn().CopyFrom(ctx, bytes.NewReader(t.rows.Bytes()), t.sql); err != nil {
				return err
			}
		}
		return nil
	})
}
