package engine

import (
	"bytes"
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

// allocateBulkSQL allocates $1 DocumentIds and $2 CollectionItemIds.
const allocateBulkSQL = `SELECT ARRAY(SELECT nextval(pg_get_serial_sequence('"dms"."Document"', 'DocumentId')) FROM generate_series(1, $1::int)), ` +
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
func tableCopy(t *Table, tw *TableWrite) *copyTarget {
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

// copyBatch is a planned batch: the documents it creates, the rows that
// create them, and the documents that exist already.
type copyBatch struct {
	// created and existing are indices into the batch's documents.
	created, existing []int
	// targets in the order they are sent: dms.Document first, then the
	// descriptors' tables, then the resource tables, parents before
	// children.
	targets []*copyTarget
}

// planBatch reads what the batch needs from the database in one round trip
// (the referential ids of its identities and references, new ids) and
// plans it: documents whose identity exists are left to the ordinary path,
// documents refused before any write get their answer in out, and the rows
// of the others are rendered for COPY.
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
	var descriptors, identities *copyTarget
	tables := map[*Table]*copyTarget{}
	var tableOrder []*copyTarget
	documents := &copyTarget{sql: copyDocumentSQL}
	for i, d := range docs {
		own := d.Identities()
		if _, exists := resolved[own[0].String()]; exists {
			c.existing = append(c.existing, i)
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
			descriptors.add(&docID, &keyID, &nf.namespace, &nf.codeValue, &nf.shortDescription, nf.description, nf.beginDate, nf.endDate, &disc, &pd.uri)
			identities.add(&refID, &docID, &keyID)
		} else {
			f := d.flat
			if p := applyResolution(f, resolved); p != nil {
				out[i] = BulkResult{Problem: p}
				continue
			}
			if _, taken := resolved[f.aliasID.String()]; taken {
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
