package modelddl

import (
	"fmt"
	"strings"

	"github.com/edfi-dmsc/dmsc/compiler/ddl"
	"github.com/edfi-dmsc/dmsc/compiler/relmodel"
)

var ms = ddl.Mssql

func msq(s string) string { return ms.Quote(s) }

// msChanged is a NULL-aware "value differs" test of one column between two
// row aliases; text is compared as bytes so case-only changes count under
// case-insensitive collations.
func msChanged(table *relmodel.Table, col, a, b string) string {
	l, r := a+"."+msq(col), b+"."+msq(col)
	cmp := l + " <> " + r
	if c := table.Column(col); c != nil && c.Type != nil && c.Type.Kind == relmodel.KindString {
		cmp = fmt.Sprintf("CAST(%s AS varbinary(max)) <> CAST(%s AS varbinary(max))", l, r)
	}
	return fmt.Sprintf("(%s OR (%s IS NULL AND %s IS NOT NULL) OR (%s IS NOT NULL AND %s IS NULL))", cmp, l, r, l, r)
}

func msAnyChanged(table *relmodel.Table, cols []string, a, b string) string {
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = msChanged(table, c, a, b)
	}
	return strings.Join(parts, " OR ")
}

// msUpdated is the UPDATE() test (statement-level: column was assigned).
func msUpdated(cols []string) string {
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = "UPDATE(" + msq(c) + ")"
	}
	return strings.Join(parts, " OR ")
}

func msTriggerHeader(w *ddl.Writer, t relmodel.Trigger, events string) {
	w.Linef("CREATE OR ALTER TRIGGER %s", ms.Qualified(ddl.TableName{Schema: t.Table.Schema, Name: t.Name}))
	w.Linef("ON %s", ms.Qualified(tableName(t.Table)))
	w.Line("AFTER " + events)
	w.Line("AS")
	w.Line("BEGIN")
	w.Line("    SET NOCOUNT ON;")
}

func msTriggerFooter(w *ddl.Writer) {
	w.Line("END;")
	w.Line("GO")
	w.Blank()
}

func (s *Section) writeMssqlTriggers(w *ddl.Writer, triggers []relmodel.Trigger) error {
	if len(triggers) == 0 {
		return nil
	}
	// Every CREATE OR ALTER TRIGGER must start its batch.
	w.Line("GO")
	return writeEachTrigger(w, triggers, triggerWriters{
		referentialIdentity: s.msReferentialIdentity,
		abstractIdentity:    s.msAbstractIdentity,
		rootStamp:           s.msRootStamp,
		childStamp:          s.msChildStamp,
		authHierarchy:       s.msAuthHierarchy,
	})
}

// msIdentityText renders one identity value of the inserted row as the
// text the referential id hashes (same canonical forms as PostgreSQL).
func msIdentityText(table *relmodel.Table, e relmodel.IdentityElement) string {
	ref := "i." + msq(e.Column)
	if e.IsDescriptorReference {
		return fmt.Sprintf("(SELECT d.[Uri] FROM [dms].[Descriptor] d WHERE d.[DocumentId] = %s)", ref)
	}
	var kind relmodel.ScalarKind
	if c := table.Column(e.Column); c != nil && c.Type != nil {
		kind = c.Type.Kind
	}
	text := fmt.Sprintf("CAST(%s AS nvarchar(max))", ref)
	switch kind {
	case relmodel.KindString:
		return ref
	case relmodel.KindDateTime:
		return fmt.Sprintf("CONVERT(nvarchar(19), %s, 126) + N'Z'", ref)
	case relmodel.KindDate:
		return fmt.Sprintf("CONVERT(nvarchar(10), %s, 23)", ref)
	case relmodel.KindBoolean:
		return fmt.Sprintf("CASE WHEN %s = 1 THEN N'true' ELSE N'false' END", ref)
	case relmodel.KindDecimal:
		// Drop trailing fractional zeros, and the point when nothing is left.
		trimmed := fmt.Sprintf("LEFT(%s, LEN(%s) - PATINDEX('%%[^0]%%', REVERSE(%s)) + 1)", text, text, text)
		noPoint := fmt.Sprintf("LEFT(%s, LEN(%s) - PATINDEX('%%[^0]%%', REVERSE(%s)))", text, text, text)
		return fmt.Sprintf("CASE WHEN CHARINDEX(N'.', %s) = 0 THEN %s ELSE CASE WHEN RIGHT(%s, 1) = N'.' THEN %s ELSE %s END END",
			text, text, trimmed, noPoint, trimmed)
	}
	return text
}

func msReferentialBlock(w *ddl.Writer, table *relmodel.Table, keyID int16, resource relmodel.ResourceName, elems []relmodel.IdentityElement, docsFrom, from string) {
	parts := []string{fmt.Sprintf("CAST(%s AS nvarchar(max))", ms.StringLiteral(resource.Project+resource.Resource))}
	for i, e := range elems {
		if i > 0 {
			parts = append(parts, "N'#'")
		}
		parts = append(parts, ms.StringLiteral(e.IdentityJSONPath+"="), msIdentityText(table, e))
	}
	w.Line("        DELETE FROM [dms].[ReferentialIdentity]")
	w.Linef("        WHERE [DocumentId] IN (SELECT [DocumentId] FROM %s) AND [ResourceKeyId] = %d;", docsFrom, keyID)
	w.Line("        INSERT INTO [dms].[ReferentialIdentity] ([ReferentialId], [DocumentId], [ResourceKeyId])")
	w.Linef("        SELECT [dms].[uuidv5]('%s', %s), i.[DocumentId], %d", referentialNamespace, strings.Join(parts, " + "), keyID)
	w.Linef("        FROM %s;", from)
}

// msChangedDocs collects the documents whose identity columns changed.
func msChangedDocs(w *ddl.Writer, table *relmodel.Table, cols []string) {
	w.Line("        DECLARE @changedDocs TABLE ([DocumentId] bigint NOT NULL);")
	w.Line("        INSERT INTO @changedDocs ([DocumentId])")
	w.Line("        SELECT i.[DocumentId]")
	w.Line("        FROM inserted i INNER JOIN deleted d ON d.[DocumentId] = i.[DocumentId]")
	w.Linef("        WHERE %s;", msAnyChanged(table, cols, "i", "d"))
}

func (s *Section) msReferentialIdentity(w *ddl.Writer, t relmodel.Trigger) {
	table := s.tables[t.Table]
	msTriggerHeader(w, t, "INSERT, UPDATE")
	blocks := func(docsFrom, from string) {
		msReferentialBlock(w, table, t.ResourceKeyID, t.Resource, t.IdentityElements, docsFrom, from)
		if a := t.SuperclassAlias; a != nil {
			msReferentialBlock(w, table, a.ResourceKeyID, a.Resource, a.IdentityElements, docsFrom, from)
		}
	}
	w.Line("    IF NOT EXISTS (SELECT 1 FROM deleted)")
	w.Line("    BEGIN")
	blocks("inserted", "inserted i")
	w.Line("    END")
	w.Linef("    ELSE IF (%s)", msUpdated(t.IdentityProjectionColumns))
	w.Line("    BEGIN")
	msChangedDocs(w, table, t.IdentityProjectionColumns)
	blocks("@changedDocs", "inserted i INNER JOIN @changedDocs cd ON cd.[DocumentId] = i.[DocumentId]")
	w.Line("    END")
	msTriggerFooter(w)
}

func (s *Section) msAbstractIdentity(w *ddl.Writer, t relmodel.Trigger) {
	table := s.tables[t.Table]
	target := ms.Qualified(tableName(t.TargetTable))
	cols, vals := abstractIdentityRow(ms, t, "s")
	var sets []string
	for _, m := range t.TargetColumns {
		sets = append(sets, fmt.Sprintf("t.%s = s.%s", msq(m.Target), msq(m.Source)))
	}
	upsert := func(source string) {
		w.Line("        UPDATE t")
		w.Linef("        SET %s", strings.Join(sets, ", "))
		w.Linef("        FROM %s t", target)
		w.Linef("        INNER JOIN %s ON t.[DocumentId] = s.[DocumentId];", source)
		w.Linef("        INSERT INTO %s (%s)", target, strings.Join(cols, ", "))
		w.Linef("        SELECT %s", strings.Join(vals, ", "))
		w.Linef("        FROM %s", source)
		w.Linef("        LEFT JOIN %s existing ON existing.[DocumentId] = s.[DocumentId]", target)
		w.Line("        WHERE existing.[DocumentId] IS NULL;")
	}
	msTriggerHeader(w, t, "INSERT, UPDATE")
	w.Line("    IF NOT EXISTS (SELECT 1 FROM deleted)")
	w.Line("    BEGIN")
	upsert("inserted s")
	w.Line("    END")
	w.Linef("    ELSE IF (%s)", msUpdated(t.IdentityProjectionColumns))
	w.Line("    BEGIN")
	msChangedDocs(w, table, t.IdentityProjectionColumns)
	upsert("(SELECT i.* FROM inserted i INNER JOIN @changedDocs cd ON cd.[DocumentId] = i.[DocumentId]) AS s")
	w.Line("    END")
	msTriggerFooter(w)
}

const msStampedTable = `    DECLARE @stamped TABLE (
        [DocumentId] bigint NOT NULL PRIMARY KEY,
        [ContentVersion] bigint NOT NULL,
        [ContentLastModifiedAt] datetime2(7) NOT NULL
    );`

const msStampDocuments = `        UPDATE d
        SET d.[ContentVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[ContentLastModifiedAt] = sysutcdatetime()
        OUTPUT inserted.[DocumentId], inserted.[ContentVersion], inserted.[ContentLastModifiedAt] INTO @stamped
        FROM [dms].[Document] d`

// msMirrorStamp copies the stamped versions onto the root rows' mirror
// columns.
func msMirrorStamp(w *ddl.Writer, root string) {
	w.Line("    IF EXISTS (SELECT 1 FROM @stamped)")
	w.Line("    BEGIN")
	w.Line("        UPDATE r")
	w.Line("        SET r.[ContentVersion] = s.[ContentVersion],")
	w.Line("            r.[ContentLastModifiedAt] = s.[ContentLastModifiedAt]")
	w.Linef("        FROM %s r WITH (FORCESEEK)", root)
	w.Line("        INNER JOIN @stamped s ON s.[DocumentId] = r.[DocumentId];")
	w.Line("    END")
}

func (s *Section) msRootStamp(w *ddl.Writer, t relmodel.Trigger) {
	table := s.tables[t.Table]
	var tc *relmodel.TrackedChangeTable
	if t.TrackedChangeTarget != nil {
		tc = s.tracked[*t.TrackedChangeTarget]
	}
	stored := storedColumns(table)
	msTriggerHeader(w, t, "INSERT, UPDATE, DELETE")
	w.Block(msStampedTable)
	w.Line("    INSERT INTO @stamped ([DocumentId], [ContentVersion], [ContentLastModifiedAt])")
	w.Line("    SELECT d.[DocumentId], d.[ContentVersion], d.[ContentLastModifiedAt]")
	w.Line("    FROM [dms].[Document] d")
	w.Line("    INNER JOIN inserted i ON d.[DocumentId] = i.[DocumentId]")
	w.Line("    LEFT JOIN deleted del ON del.[DocumentId] = i.[DocumentId]")
	w.Line("    WHERE del.[DocumentId] IS NULL;")
	w.Linef("    IF EXISTS (SELECT 1 FROM deleted) AND (NOT EXISTS (SELECT 1 FROM inserted) OR %s)", msUpdated(stored))
	w.Line("    BEGIN")
	w.Line("        ;WITH affectedDocs AS (")
	w.Line("            SELECT i.[DocumentId]")
	w.Line("            FROM inserted i")
	w.Line("            LEFT JOIN deleted del ON del.[DocumentId] = i.[DocumentId]")
	w.Linef("            WHERE del.[DocumentId] IS NOT NULL AND (%s)", msAnyChanged(table, stored, "i", "del"))
	w.Line("            UNION ALL")
	w.Line("            SELECT del.[DocumentId]")
	w.Line("            FROM deleted del")
	w.Line("            LEFT JOIN inserted i ON i.[DocumentId] = del.[DocumentId]")
	w.Line("            WHERE i.[DocumentId] IS NULL")
	w.Line("        )")
	w.Block(msStampDocuments)
	w.Line("        INNER JOIN affectedDocs a ON d.[DocumentId] = a.[DocumentId];")
	w.Line("    END")
	msMirrorStamp(w, ms.Qualified(tableName(t.MirrorStampTarget)))
	if tc != nil {
		w.Line("    IF EXISTS (SELECT 1 FROM deleted) AND NOT EXISTS (SELECT 1 FROM inserted)")
		w.Line("    BEGIN")
		s.writeTrackedInsert(w, ms, tc, table, false, "del", "i", "doc.[ContentVersion]")
		w.Line("        FROM deleted del")
		w.Line("        INNER JOIN [dms].[Document] doc ON doc.[DocumentId] = del.[DocumentId];")
		w.Line("    END")
	}
	if ids := t.IdentityProjectionColumns; len(ids) > 0 {
		if tc != nil && tc.Kind == "Resource" {
			w.Line("    IF EXISTS (SELECT 1 FROM deleted) AND EXISTS (SELECT 1 FROM inserted)")
			w.Line("    BEGIN")
			w.Line("        DECLARE @identityChangedDocs TABLE ([DocumentId] bigint NOT NULL PRIMARY KEY, [ContentVersion] bigint NOT NULL);")
			w.Line("        UPDATE d")
			w.Line("        SET d.[IdentityVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[IdentityLastModifiedAt] = sysutcdatetime()")
			w.Line("        OUTPUT inserted.[DocumentId], inserted.[ContentVersion] INTO @identityChangedDocs")
			w.Line("        FROM [dms].[Document] d")
			w.Line("        INNER JOIN inserted i ON d.[DocumentId] = i.[DocumentId]")
			w.Line("        INNER JOIN deleted del ON del.[DocumentId] = i.[DocumentId]")
			w.Linef("        WHERE %s;", msAnyChanged(table, ids, "i", "del"))
			s.writeTrackedInsert(w, ms, tc, table, true, "del", "i", "idc.[ContentVersion]")
			w.Line("        FROM @identityChangedDocs idc")
			w.Line("        INNER JOIN inserted i ON i.[DocumentId] = idc.[DocumentId]")
			w.Line("        INNER JOIN deleted del ON del.[DocumentId] = i.[DocumentId]")
			w.Line("        INNER JOIN [dms].[Document] doc ON doc.[DocumentId] = i.[DocumentId];")
			w.Line("    END")
		} else {
			w.Linef("    IF EXISTS (SELECT 1 FROM deleted) AND (%s)", msUpdated(ids))
			w.Line("    BEGIN")
			w.Line("        UPDATE d")
			w.Line("        SET d.[IdentityVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[IdentityLastModifiedAt] = sysutcdatetime()")
			w.Line("        FROM [dms].[Document] d")
			w.Line("        INNER JOIN inserted i ON d.[DocumentId] = i.[DocumentId]")
			w.Line("        INNER JOIN deleted del ON del.[DocumentId] = i.[DocumentId]")
			w.Linef("        WHERE %s;", msAnyChanged(table, ids, "i", "del"))
			w.Line("    END")
		}
	}
	msTriggerFooter(w)
}

func (s *Section) msChildStamp(w *ddl.Writer, t relmodel.Trigger) {
	table := s.tables[t.Table]
	doc := msq(t.KeyColumns[0])
	key := msq(table.Key[0].Name)
	changed := msAnyChanged(table, storedColumns(table), "i", "del")
	root := ms.Qualified(tableName(t.MirrorStampTarget))
	msTriggerHeader(w, t, "INSERT, UPDATE, DELETE")
	w.Block(msStampedTable)
	w.Line("    ;WITH affectedDocs AS (")
	w.Linef("        SELECT i.%s", doc)
	w.Line("        FROM inserted i")
	w.Linef("        LEFT JOIN deleted del ON del.%s = i.%s", key, key)
	w.Linef("        WHERE del.%s IS NULL OR %s", key, changed)
	w.Line("        UNION")
	w.Linef("        SELECT del.%s", doc)
	w.Line("        FROM deleted del")
	w.Linef("        LEFT JOIN inserted i ON i.%s = del.%s", key, key)
	w.Linef("        WHERE i.%s IS NULL OR %s", key, changed)
	w.Line("    )")
	w.Line("    UPDATE d")
	w.Line("    SET d.[ContentVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[ContentLastModifiedAt] = sysutcdatetime()")
	w.Line("    OUTPUT inserted.[DocumentId], inserted.[ContentVersion], inserted.[ContentLastModifiedAt] INTO @stamped")
	w.Line("    FROM [dms].[Document] d")
	w.Linef("    INNER JOIN affectedDocs a ON d.[DocumentId] = a.%s", doc)
	w.Linef("    INNER JOIN %s stampTarget ON stampTarget.[DocumentId] = a.%s;", root, doc)
	msMirrorStamp(w, root)
	msTriggerFooter(w)
}
