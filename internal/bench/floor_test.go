package bench

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"

	"github.com/edfi-dmsc/dmsc/runtime/identity"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// The raw-SQL floor writes the same rows the server writes for a document,
// with plain INSERTs through pgx in one pipelined batch (one round trip,
// one implicit transaction): dms.Document, then the resource's rows, with
// ids the client allocated from blocks reserved up front. What it skips is
// everything the server does besides storing: HTTP, JSON parsing,
// validation, reference resolution, flattening, the existence check and
// the response. Triggers (referential identity, stamps) run in both.
//
// The rows are copied from a template document the server stored, so the
// floor writes exactly the same columns; each copy gets a fresh identity
// in one identity column so unique keys hold.

// floorTable is one table's template rows, its INSERT, and the SELECT of
// one document's rows the read floor runs.
type floorTable struct {
	schema, name string
	owner        string // the column holding the document's DocumentId
	insert       string
	read         string
	columns      []floorColumn
	rows         [][]*string // values as text; nil is NULL
}

type floorColumn struct {
	name string
	kind spec.ColumnKind
}

// floorWriter inserts copies of a template document.
type floorWriter struct {
	pool           *pgxpool.Pool
	resourceKeyID  int16
	tables         []*floorTable
	identityColumn string             // root column varied per copy
	identityValue  func(int64) string // its value for copy n
	// descriptor: the referential identity row the engine writes itself.
	descriptor            bool
	projectName, resource string
	namespace             string
	nextDocID, lastDocID  atomic.Int64
	nextItemID            atomic.Int64
}

const reservedIDs = 5_000_000

// newFloorWriter captures the stored rows of the template document docID.
func newFloorWriter(ctx context.Context, pool *pgxpool.Pool, res *spec.Resource, docID int64, identityColumn string, identityValue func(int64) string) (*floorWriter, error) {
	w := &floorWriter{pool: pool, resourceKeyID: res.ResourceKeyID, identityColumn: identityColumn, identityValue: identityValue,
		descriptor: res.IsDescriptor, projectName: res.ProjectName, resource: res.Name}
	type source struct {
		schema, name, owner string
		columns             []floorColumn
	}
	var sources []source
	if res.IsDescriptor {
		sources = append(sources, source{"dms", "Descriptor", "DocumentId", []floorColumn{
			{"DocumentId", spec.DocumentIDColumn}, {"ResourceKeyId", spec.ScalarColumn}, {"Namespace", spec.ScalarColumn},
			{"CodeValue", spec.ScalarColumn}, {"ShortDescription", spec.ScalarColumn}, {"Description", spec.ScalarColumn},
			{"EffectiveBeginDate", spec.ScalarColumn}, {"EffectiveEndDate", spec.ScalarColumn},
			{"Discriminator", spec.ScalarColumn}, {"Uri", spec.ScalarColumn}}})
	}
	for _, t := range res.Tables {
		s := source{schema: t.Schema, name: t.Name}
		for _, c := range t.Columns {
			switch {
			case c.Alias, c.Kind == spec.MirrorContentVersionColumn, c.Kind == spec.MirrorLastModifiedColumn:
				continue // generated or trigger-stamped: the database fills them
			case c.Kind == spec.DocumentIDColumn:
				s.owner = c.Name
			}
			s.columns = append(s.columns, floorColumn{c.Name, c.Kind})
		}
		sources = append(sources, s)
	}
	for _, s := range sources {
		types, err := columnTypes(ctx, pool, s.schema, s.name)
		if err != nil {
			return nil, err
		}
		names := make([]string, len(s.columns))
		params := make([]string, len(s.columns))
		selects := make([]string, len(s.columns))
		for i, c := range s.columns {
			typ, ok := types[c.name]
			if !ok {
				return nil, fmt.Errorf("%s.%s has no column %s", s.schema, s.name, c.name)
			}
			names[i] = `"` + c.name + `"`
			params[i] = fmt.Sprintf("$%d::text::%s", i+1, typ)
			selects[i] = `"` + c.name + `"::text`
		}
		ft := &floorTable{schema: s.schema, name: s.name, owner: s.owner, columns: s.columns,
			read: fmt.Sprintf(`SELECT %s FROM "%s"."%s" WHERE "%s" = (SELECT "DocumentId" FROM "dms"."Document" WHERE "DocumentUuid" = $1::text::uuid)`,
				strings.Join(selects, ", "), s.schema, s.name, s.owner),
			insert: fmt.Sprintf(`INSERT INTO "%s"."%s" (%s) VALUES (%s)`, s.schema, s.name, strings.Join(names, ", "), strings.Join(params, ", "))}
		rows, err := pool.Query(ctx, fmt.Sprintf(`SELECT %s FROM "%s"."%s" WHERE "%s" = $1`, strings.Join(selects, ", "), s.schema, s.name, s.owner), docID)
		if err != nil {
			return nil, fmt.Errorf("reading the template rows of %s.%s: %w", s.schema, s.name, err)
		}
		for rows.Next() {
			vals := make([]*string, len(s.columns))
			dest := make([]any, len(vals))
			for i := range vals {
				dest[i] = &vals[i]
			}
			if err := rows.Scan(dest...); err != nil {
				rows.Close()
				return nil, err
			}
			ft.rows = append(ft.rows, vals)
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
		w.tables = append(w.tables, ft)
	}
	if len(w.tables) == 0 || len(w.tables[0].rows) != 1 {
		return nil, fmt.Errorf("template document %d of %s has no root row", docID, res.Name)
	}
	if w.descriptor {
		w.namespace = *w.tables[0].rows[0][2]
	}
	// Reserve id blocks no server write will touch.
	for _, r := range []struct {
		seq  string
		next *atomic.Int64
	}{
		{`pg_get_serial_sequence('"dms"."Document"', 'DocumentId')`, &w.nextDocID},
		{`'"dms"."CollectionItemIdSequence"'`, &w.nextItemID},
	} {
		var first int64
		q := fmt.Sprintf(`SELECT nextval(%[1]s) FROM (SELECT setval(%[1]s, nextval(%[1]s) + %d)) s`, r.seq, reservedIDs)
		if err := pool.QueryRow(ctx, q).Scan(&first); err != nil {
			return nil, fmt.Errorf("reserving ids: %w", err)
		}
		// setval moved the sequence past the block [first-reservedIDs, first).
		r.next.Store(first - reservedIDs)
	}
	w.lastDocID.Store(w.nextDocID.Load() + reservedIDs - 1)
	return w, nil
}

func columnTypes(ctx context.Context, pool *pgxpool.Pool, schema, table string) (map[string]string, error) {
	rows, err := pool.Query(ctx, `SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute
		WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped`, fmt.Sprintf(`"%s"."%s"`, schema, table))
	if err != nil {
		return nil, err
	}
	types := map[string]string{}
	for rows.Next() {
		var n, t string
		if err := rows.Scan(&n, &t); err != nil {
			return nil, err
		}
		types[n] = t
	}
	return types, rows.Err()
}

// insert writes copy n of the template in one round trip.
func (w *floorWriter) insert(ctx context.Context, n int64) error {
	docID := w.nextDocID.Add(1) - 1
	if docID > w.lastDocID.Load() {
		return fmt.Errorf("the floor used up its %d reserved document ids", reservedIDs)
	}
	b := &pgx.Batch{}
	b.Queue(`INSERT INTO "dms"."Document" ("DocumentId", "DocumentUuid", "ResourceKeyId") OVERRIDING SYSTEM VALUE VALUES ($1, $2::text::uuid, $3)`,
		docID, uuid.NewString(), w.resourceKeyID)
	docText := fmt.Sprint(docID)
	identityValue := w.identityValue(n)
	items := map[string]string{} // template CollectionItemId -> the copy's
	for ti, t := range w.tables {
		for _, row := range t.rows {
			args := make([]any, len(row))
			for i, c := range t.columns {
				v := row[i]
				switch {
				case c.kind == spec.DocumentIDColumn:
					v = &docText
				case c.kind == spec.CollectionItemIDColumn:
					id := fmt.Sprint(w.nextItemID.Add(1) - 1)
					items[*v] = id
					v = &id
				case c.kind == spec.ParentCollectionItemIDColumn || c.kind == spec.BaseCollectionItemIDColumn:
					id := items[*v]
					v = &id
				case ti == 0 && c.name == w.identityColumn:
					v = &identityValue
				case ti == 0 && w.descriptor && c.name == "Uri":
					uri := identity.DescriptorURI(w.namespace, identityValue)
					v = &uri
				}
				if v == nil {
					args[i] = nil
				} else {
					args[i] = *v
				}
			}
			b.Queue(t.insert, args...)
		}
	}
	if w.descriptor {
		uri := identity.DescriptorURI(w.namespace, identityValue)
		b.Queue(`INSERT INTO "dms"."ReferentialIdentity" ("ReferentialId", "DocumentId", "ResourceKeyId") VALUES ($1::text::uuid, $2, $3)`,
			identity.DescriptorReferentialID(w.projectName, w.resource, uri).String(), docID, w.resourceKeyID)
	}
	return w.pool.SendBatch(ctx, b).Close()
}

// read is the floor of GET by id: the document row and every row of the
// document's tables, in one pipelined batch, scanned as text. What it
// skips is the JSON reconstitution, reference and descriptor rendering,
// and HTTP.
func (w *floorWriter) read(ctx context.Context, documentUUID string) error {
	b := &pgx.Batch{}
	b.Queue(`SELECT "DocumentId", "ContentVersion", "ContentLastModifiedAt"::text FROM "dms"."Document" WHERE "DocumentUuid" = $1::text::uuid`, documentUUID)
	for _, t := range w.tables {
		b.Queue(t.read, documentUUID)
	}
	br := w.pool.SendBatch(ctx, b)
	found := false
	for i := 0; i <= len(w.tables); i++ {
		rows, err := br.Query()
		if err != nil {
			br.Close()
			return err
		}
		for rows.Next() {
			vals, err := rows.Values()
			if err != nil {
				rows.Close()
				br.Close()
				return err
			}
			found = found || (i == 0 && len(vals) > 0)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			br.Close()
			return err
		}
	}
	if err := br.Close(); err != nil {
		return err
	}
	if !found {
		return fmt.Errorf("raw read: no document %s", documentUUID)
	}
	return nil
}

// rowCount is the number of rows one copy inserts besides dms.Document.
func (w *floorWriter) rowCount() int {
	n := 0
	for _, t := range w.tables {
		n += len(t.rows)
	}
	return n
}

// shape lists the template's rows per table, "Table×n".
func (w *floorWriter) shape() string {
	parts := make([]string, len(w.tables))
	for i, t := range w.tables {
		parts[i] = fmt.Sprintf("%s×%d", t.name, len(t.rows))
	}
	return strings.Join(parts, ", ")
}
