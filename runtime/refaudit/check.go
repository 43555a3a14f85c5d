package refaudit

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/edfi-dmsc/dmsc/runtime/identity"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

// Kind classifies one drifted dms.ReferentialIdentity row or document.
type Kind string

// Kinds of drift.
const (
	// Missing: the document has no row for one of its identities.
	Missing Kind = "missing"
	// Extra: a row of the document under a resource key none of its
	// identities has.
	Extra Kind = "extra"
	// Wrong: the row of one of the document's identities holds another
	// ReferentialId than the identity values give.
	Wrong Kind = "wrong"
	// Unhashable: an identity value is NULL, so no id can be computed; the
	// document's rows for that identity are left alone.
	Unhashable Kind = "unhashable"
	// Journal: the document's change stamps or journal disagree with each
	// other (Inspect only; never repaired).
	Journal Kind = "journal"
)

// Drift is one finding.
type Drift struct {
	Kind Kind
	// Resource is Spec.Resource of the document's resource ("" for a
	// document no spec covers).
	Resource     string
	DocumentID   int64
	DocumentUUID string
	// ResourceKeyID is the row's resource key: the identity's for missing
	// and wrong rows, the stored row's for extra ones.
	ResourceKeyID int16
	// Stored is the stored ReferentialId (zero for missing rows); Expected
	// the recomputed one (zero for extra rows).
	Stored, Expected uuid.UUID
	// Detail says what a journal finding is.
	Detail string
	// Repaired is set by Repair when the row now holds the expected value.
	Repaired bool
}

// column is one distinct identity column of a spec and its form.
type column struct {
	name string
	form spec.HashForm
}

// columns lists the distinct columns the identities read, in first-use
// order; index maps a column name to its position.
func columns(s *spec.ReferentialIdentity) (cols []column, index map[string]int) {
	index = map[string]int{}
	for _, id := range s.Identities() {
		for _, e := range id.Elements {
			if _, ok := index[e.Column]; !ok {
				index[e.Column] = len(cols)
				cols = append(cols, column{e.Column, e.Form})
			}
		}
	}
	return cols, index
}

// valueSQL is the select-list expression reading a column as text that
// does not depend on session settings (DateStyle, TimeZone); canonical
// finishes it in Go. join is a join the expression needs, or "".
func valueSQL(c column, i int) (expr, join string) {
	col := "t." + quote(c.name)
	switch c.form {
	case spec.HashInteger, spec.HashDecimal, spec.HashBoolean:
		return col + "::text", ""
	case spec.HashDate:
		return "to_char(" + col + ", 'YYYY-MM-DD')", ""
	case spec.HashTime:
		return "to_char(" + col + ", 'HH24:MI:SS.US')", ""
	case spec.HashDateTime:
		return "to_char(" + col + ` AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`, ""
	case spec.HashDescriptorReference:
		alias := "v" + strconv.Itoa(i)
		return alias + `."Uri"`, ` LEFT JOIN "dms"."Descriptor" ` + alias + ` ON ` + alias + `."DocumentId" = ` + col
	}
	return col, ""
}

// canonical turns the text valueSQL read into the identity value text.
func canonical(form spec.HashForm, text string) string {
	switch form {
	case spec.HashDecimal:
		return identity.Decimal(text)
	case spec.HashTime:
		return identity.Time(text)
	case spec.HashDescriptorURI:
		return identity.DescriptorValue(text)
	}
	return text
}

// storedRowsSQL aggregates a document's dms.ReferentialIdentity rows.
const storedRowsSQL = ` LEFT JOIN LATERAL (SELECT array_agg(ri."ResourceKeyId" ORDER BY ri."ResourceKeyId") AS keys, ` +
	`array_agg(ri."ReferentialId"::text ORDER BY ri."ResourceKeyId") AS ids ` +
	`FROM "dms"."ReferentialIdentity" ri WHERE ri."DocumentId" = t."DocumentId") ri ON true`

// selectSQL reads, per document of s matching where (a condition on t, the
// table), its DocumentUuid, identity values and stored rows, in DocumentId
// order; with stamps also whether its change stamps are consistent (see
// Inspect). tail follows ORDER BY (a LIMIT).
func selectSQL(s *spec.ReferentialIdentity, where, tail string, stamps bool) string {
	cols, _ := columns(s)
	var sel, joins strings.Builder
	sel.WriteString(`SELECT t."DocumentId", d."DocumentUuid"::text, ri.keys, ri.ids`)
	for i, c := range cols {
		expr, join := valueSQL(c, i)
		sel.WriteString(", " + expr)
		joins.WriteString(join)
	}
	if stamps {
		sel.WriteString(`, t."ContentVersion" = d."ContentVersion" AND t."ContentLastModifiedAt" = d."ContentLastModifiedAt"`)
		sel.WriteString(", " + journalSQL(s))
	}
	if s.Descriptor {
		where = fmt.Sprintf(`t."ResourceKeyId" = %d AND %s`, s.Primary.ResourceKeyID, where)
	}
	// The documents are chosen first, so that every join is a nested loop
	// over them: with the keyset condition on the table alone, a generic
	// plan merge-joins dms.Document from its first row for each batch.
	return sel.String() + ` FROM (SELECT * FROM ` + qualified(s.Table) + ` t WHERE ` + where + ` ORDER BY t."DocumentId"` + tail + `) t` +
		` JOIN "dms"."Document" d ON d."DocumentId" = t."DocumentId"` + joins.String() + storedRowsSQL + ` ORDER BY t."DocumentId"`
}

// journalSQL is true when the document's latest identity change, if any,
// is in the resource's journal. By construction (the root table's stamp
// trigger), an identity change sets IdentityLastModifiedAt to the
// transaction's now() and, in the same trigger, inserts a journal row with
// a ChangeVersion below the new IdentityVersion and CreatedAt = now(); a
// document whose identity never changed has IdentityLastModifiedAt =
// CreatedAt (both defaults of its insert). The journal's primary key is
// ChangeVersion, so the newest row below IdentityVersion is found by a
// backward index scan that stops within a few rows when the row exists.
func journalSQL(s *spec.ReferentialIdentity) string {
	if s.Journal == nil {
		return "true"
	}
	return `(d."IdentityLastModifiedAt" = d."CreatedAt" OR EXISTS (SELECT 1 FROM (SELECT j."CreatedAt" FROM ` + qualified(*s.Journal) +
		` j WHERE j."Id" = d."DocumentUuid" AND j."ChangeVersion" < d."IdentityVersion" ORDER BY j."ChangeVersion" DESC LIMIT 1) last` +
		` WHERE last."CreatedAt" = d."IdentityLastModifiedAt"))`
}

// document is one row of selectSQL.
type document struct {
	id         int64
	uuid       string
	storedKeys []int16
	storedIDs  []string
	values     []*string // per column; nil is NULL
	mirrored   bool      // stamps only
	journaled  bool      // stamps only
}

// scanDocuments reads the rows of selectSQL.
func scanDocuments(s *spec.ReferentialIdentity, rows pgx.Rows, stamps bool) ([]*document, error) {
	defer rows.Close()
	cols, _ := columns(s)
	var docs []*document
	for rows.Next() {
		d := &document{values: make([]*string, len(cols))}
		dest := []any{&d.id, &d.uuid, &d.storedKeys, &d.storedIDs}
		for i := range d.values {
			dest = append(dest, &d.values[i])
		}
		if stamps {
			dest = append(dest, &d.mirrored, &d.journaled)
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("reading %s: %w", s.Table, err)
		}
		docs = append(docs, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading %s: %w", s.Table, err)
	}
	return docs, nil
}

// expectedRow is a row a document should own.
type expectedRow struct {
	key int16
	id  uuid.UUID
	ok  bool // false when an identity value is NULL
}

// expected computes the rows d should own, in identities order.
func expected(s *spec.ReferentialIdentity, d *document, b *identity.Builder) []expectedRow {
	_, index := columns(s)
	ids := s.Identities()
	out := make([]expectedRow, len(ids))
	for i, id := range ids {
		out[i] = expectedRow{key: id.ResourceKeyID, ok: true}
		b.Start(id.ProjectName, id.ResourceName)
		for _, e := range id.Elements {
			v := d.values[index[e.Column]]
			if v == nil {
				out[i].ok = false
				break
			}
			b.Add(e.Path, canonical(e.Form, *v))
		}
		if out[i].ok {
			out[i].id = b.Sum()
		}
	}
	return out
}

// compare returns the drift of one document: every expected row that is
// missing or differs, and every stored row under another resource key.
func compare(s *spec.ReferentialIdentity, d *document, b *identity.Builder) ([]Drift, error) {
	stored := make(map[int16]uuid.UUID, len(d.storedKeys))
	for i, k := range d.storedKeys {
		id, err := uuid.Parse(d.storedIDs[i])
		if err != nil {
			return nil, fmt.Errorf("dms.ReferentialIdentity of DocumentId %d: %w", d.id, err)
		}
		stored[k] = id
	}
	var out []Drift
	finding := func(kind Kind, key int16) Drift {
		return Drift{Kind: kind, Resource: s.Resource, DocumentID: d.id, DocumentUUID: d.uuid, ResourceKeyID: key}
	}
	for _, e := range expected(s, d, b) {
		got, has := stored[e.key]
		delete(stored, e.key)
		switch {
		case !e.ok:
			out = append(out, finding(Unhashable, e.key))
		case !has:
			f := finding(Missing, e.key)
			f.Expected = e.id
			out = append(out, f)
		case got != e.id:
			f := finding(Wrong, e.key)
			f.Stored, f.Expected = got, e.id
			out = append(out, f)
		}
	}
	for _, k := range d.storedKeys {
		if id, left := stored[k]; left {
			f := finding(Extra, k)
			f.Stored = id
			out = append(out, f)
		}
	}
	return out, nil
}

// stampDrift returns the journal findings of a document read with stamps.
func stampDrift(s *spec.ReferentialIdentity, d *document) []Drift {
	var out []Drift
	finding := func(detail string) Drift {
		return Drift{Kind: Journal, Resource: s.Resource, DocumentID: d.id, DocumentUUID: d.uuid, ResourceKeyID: s.Primary.ResourceKeyID, Detail: detail}
	}
	if !d.mirrored {
		out = append(out, finding(fmt.Sprintf("%s.ContentVersion/ContentLastModifiedAt differ from dms.Document's (a stamp trigger did not run)", s.Table)))
	}
	if !d.journaled {
		out = append(out, finding(fmt.Sprintf("the latest identity change is not in %s (the identity journal trigger did not run)", s.Journal)))
	}
	return out
}
