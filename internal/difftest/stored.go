package difftest

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

// descriptorRowSQL selects a descriptor document's dms.Descriptor row as
// text (descriptors have no tables of their own).
const descriptorRowSQL = `SELECT x."Namespace", x."CodeValue", x."ShortDescription", x."Description", ` +
	`x."EffectiveBeginDate"::text, x."EffectiveEndDate"::text, x."Discriminator", x."Uri", x."ResourceKeyId"::text ` +
	`FROM "dms"."Descriptor" x JOIN "dms"."Document" d ON d."DocumentId" = x."DocumentId" WHERE d."DocumentUuid" = $1::uuid`

// referentialIDsSQL selects the referential ids of a document.
const referentialIDsSQL = `SELECT ri."ReferentialId"::text, ri."ResourceKeyId"::text FROM "dms"."ReferentialIdentity" ri ` +
	`JOIN "dms"."Document" d ON d."DocumentId" = ri."DocumentId" WHERE d."DocumentUuid" = $1::uuid ORDER BY 1`

// documentUUIDsSQL names documents by DocumentId.
const documentUUIDsSQL = `SELECT "DocumentId"::text, "DocumentUuid" FROM "dms"."Document" WHERE "DocumentId" = ANY($1::bigint[])`

// keyRole says which rows a stored column's value names.
type keyRole uint8

const (
	noKey       keyRole = iota
	documentKey         // a DocumentId: the document's own, a reference's, a descriptor's
	itemKey             // a CollectionItemId
)

func roleOf(c *spec.Column) keyRole {
	switch c.Kind {
	case spec.DocumentIDColumn, spec.DocumentFKColumn, spec.DescriptorFKColumn:
		return documentKey
	case spec.CollectionItemIDColumn, spec.ParentCollectionItemIDColumn, spec.BaseCollectionItemIDColumn:
		return itemKey
	}
	return noKey
}

// stored writes the rows of document id on side s, every table of res in
// order, and its referential ids, as text that compares across databases:
// a DocumentId is replaced by the label of its document (the case that
// created it), a CollectionItemId by the label of its item (the case c
// that created it and its rank among the items that case created), and
// the rows of a table are sorted. An item that a write keeps keeps its
// label; one that it replaces gets a new one.
func (r *runner) stored(ctx context.Context, s *side, c *Case, res *spec.Resource, id uuid.UUID) string {
	type table struct {
		name  string
		roles []keyRole
		rows  [][]*string
	}
	var tables []table
	if res.IsDescriptor {
		tables = append(tables, table{name: "dms.Descriptor", roles: make([]keyRole, 9), rows: r.textRows(ctx, s, descriptorRowSQL, id)})
	}
	for ti, tw := range res.Write.Tables {
		t := table{name: res.Tables[ti].Name, rows: r.textRows(ctx, s, tw.LoadByUUID, id.String())}
		for _, ci := range tw.Stored {
			t.roles = append(t.roles, roleOf(res.Tables[ti].Columns[ci]))
		}
		tables = append(tables, t)
	}
	tables = append(tables, table{name: "dms.ReferentialIdentity", roles: make([]keyRole, 2), rows: r.textRows(ctx, s, referentialIDsSQL, id)})

	var docIDs []string
	var itemIDs []int64
	for _, t := range tables {
		for _, row := range t.rows {
			for i, v := range row {
				switch {
				case v == nil:
				case t.roles[i] == documentKey:
					docIDs = append(docIDs, *v)
				case t.roles[i] == itemKey:
					n, err := strconv.ParseInt(*v, 10, 64)
					if err != nil {
						r.t.Fatalf("%s: item key %q: %v", t.name, *v, err)
					}
					itemIDs = append(itemIDs, n)
				}
			}
		}
	}
	slices.Sort(itemIDs)
	k := 0
	for _, n := range slices.Compact(itemIDs) {
		if _, seen := s.items[n]; !seen {
			s.items[n] = fmt.Sprintf("item %d of %s", k, c.Name)
			k++
		}
	}
	docLabels := r.documentLabels(ctx, s, docIDs)

	var b strings.Builder
	for _, t := range tables {
		lines := make([]string, len(t.rows))
		for ri, row := range t.rows {
			var l strings.Builder
			for i, v := range row {
				if i > 0 {
					l.WriteString(", ")
				}
				switch {
				case v == nil:
					l.WriteString("NULL")
				case t.roles[i] == documentKey:
					l.WriteString("<" + docLabels[*v] + ">")
				case t.roles[i] == itemKey:
					n, _ := strconv.ParseInt(*v, 10, 64)
					l.WriteString("<" + s.items[n] + ">")
				default:
					l.WriteString(strconv.Quote(*v))
				}
			}
			lines[ri] = "(" + l.String() + ")"
		}
		slices.Sort(lines)
		fmt.Fprintf(&b, "\n  %s: %s", t.name, strings.Join(lines, " "))
	}
	return b.String()
}

// documentLabels labels DocumentIds by the case that created their
// document on side s.
func (r *runner) documentLabels(ctx context.Context, s *side, ids []string) map[string]string {
	out := map[string]string{}
	rows, err := s.pool.Query(ctx, documentUUIDsSQL, ids)
	if err != nil {
		r.t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var u uuid.UUID
		if err := rows.Scan(&id, &u); err != nil {
			r.t.Fatal(err)
		}
		out[id] = s.labels[u]
		if out[id] == "" {
			out[id] = "document " + u.String() + " not created by a case"
		}
	}
	if err := rows.Err(); err != nil {
		r.t.Fatal(err)
	}
	return out
}

// textRows reads rows of text values.
func (r *runner) textRows(ctx context.Context, s *side, sql string, args ...any) [][]*string {
	rows, err := s.pool.Query(ctx, sql, args...)
	if err != nil {
		r.t.Fatalf("%s: %v\n%s", s.name, err, sql)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) ([]*string, error) {
		vals := make([]*string, len(row.FieldDescriptions()))
		dest := make([]any, len(vals))
		for i := range vals {
			dest[i] = &vals[i]
		}
		return vals, row.Scan(dest...)
	})
	if err != nil {
		r.t.Fatalf("%s: %v\n%s", s.name, err, sql)
	}
	return out
}

// rebase points a PUT of the corpus at the document of a side: the
// placeholder id in the body (as the corpus wrote it, lower or upper case)
// becomes target.
func rebase(body []byte, placeholder, target uuid.UUID) []byte {
	body = bytes.ReplaceAll(body, []byte(placeholder.String()), []byte(target.String()))
	return bytes.ReplaceAll(body, []byte(strings.ToUpper(placeholder.String())), []byte(strings.ToUpper(target.String())))
}
