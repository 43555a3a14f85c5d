package ddlcompare

import (
	"slices"
	"strings"

	"github.com/edfi-dmsc/dmsc/compiler/ddl"
	"github.com/edfi-dmsc/dmsc/compiler/ddl/modelddl"
)

// AsOurs returns a reference paragraph in the form this project
// deliberately emits instead (docs/ddl-differences.md, "Objects written
// differently"), built from the parts of the reference's paragraph, so that
// the comparison still checks every part exactly. Other paragraphs are
// returned unchanged.
func AsOurs(paragraph string) string {
	if ours, ok := swapDescriptorStamp(paragraph, referenceDescriptorStamp, ddl.PgsqlDescriptorStamp); ok {
		return ours
	}
	if ours, ok := pgChildStampAsOurs(paragraph); ok {
		return ours
	}
	return paragraph
}

// pgChildStampAsOurs recognises the reference's PostgreSQL function of one
// event of a child table's stamping trigger and renders ours
// (modelddl.PgChildStampFunction) from its name, its affected-documents
// query and its root table. A paragraph that does not have exactly the
// reference's form is left alone.
func pgChildStampAsOurs(paragraph string) (string, bool) {
	const head = "CREATE OR REPLACE FUNCTION "
	lines := strings.Split(paragraph, "\n")
	if len(lines) < 5 || !strings.HasPrefix(lines[0], head) || !strings.HasSuffix(lines[0], "()") || lines[3] != "    WITH affected AS (" {
		return "", false
	}
	end := slices.Index(lines, "    ),")
	if end < 0 {
		return "", false
	}
	function := strings.TrimSuffix(strings.TrimPrefix(lines[0], head), "()")
	affected := lines[4:end]
	root := ""
	for _, l := range lines[end:] {
		if r, ok := strings.CutPrefix(l, "    UPDATE "); ok && strings.HasSuffix(r, " r") {
			root = strings.TrimSuffix(r, " r")
		}
	}
	if root == "" || referenceChildStamp(function, affected, root) != paragraph {
		return "", false
	}
	return modelddl.PgChildStampFunction(function, affected, root), true
}

// AsReference is the inverse of AsOurs for tests that run the reference's
// form of an object next to ours: it returns our paragraph as the reference
// writes it, or the paragraph unchanged when it is none of ours.
func AsReference(paragraph string) string {
	if ref, ok := swapDescriptorStamp(paragraph, ddl.PgsqlDescriptorStamp, referenceDescriptorStamp); ok {
		return ref
	}
	const head, loop, order = "CREATE OR REPLACE FUNCTION ", "    FOR _documentId IN", "        ORDER BY 1"
	lines := strings.Split(paragraph, "\n")
	start, end := slices.Index(lines, loop), slices.Index(lines, order)
	if !strings.HasPrefix(lines[0], head) || !strings.HasSuffix(lines[0], "()") || start < 0 || end < start {
		return paragraph
	}
	function := strings.TrimSuffix(strings.TrimPrefix(lines[0], head), "()")
	affected := lines[start+1 : end]
	root := ""
	for _, l := range lines[end:] {
		if r, ok := strings.CutPrefix(l, "            UPDATE "); ok && r != `"dms"."Document"` {
			root = r
		}
	}
	if modelddl.PgChildStampFunction(function, affected, root) != paragraph {
		return paragraph
	}
	return referenceChildStamp(function, affected, root)
}

// referenceChildStamp is the reference's form of a child-stamp function:
// one statement stamps every affected document and its root row.
func referenceChildStamp(function string, affected []string, root string) string {
	body := append([]string{"    WITH affected AS ("}, affected...)
	body = append(body,
		"    ),",
		"    stamped AS (",
		`        UPDATE "dms"."Document" d`,
		`        SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()`,
		"        FROM affected a",
		`        WHERE d."DocumentId" = a."DocumentId"`,
		"        AND EXISTS (SELECT 1 FROM "+root+` r WHERE r."DocumentId" = a."DocumentId")`,
		`        RETURNING d."DocumentId", d."ContentVersion", d."ContentLastModifiedAt"`,
		"    )",
		"    UPDATE "+root+" r",
		`    SET "ContentVersion" = stamped."ContentVersion", "ContentLastModifiedAt" = stamped."ContentLastModifiedAt"`,
		"    FROM stamped",
		`    WHERE r."DocumentId" = stamped."DocumentId";`,
	)
	return modelddl.PgStatementTriggerFunction(function, nil, body)
}

// swapDescriptorStamp recognises a paragraph of the PostgreSQL stamping
// function or trigger of dms.Descriptor in the form from renders, and
// returns the same paragraph in the form to renders, both built from the
// paragraph's parts: the "a data column changed" predicate and the
// tombstone lines. A paragraph that deviates from the form from renders is
// not recognised.
func swapDescriptorStamp(paragraph string, from, to func(changed, tombstone string) string) (string, bool) {
	if !strings.Contains(paragraph, `"dms"."TF_Descriptor_Stamp_Document"()`) {
		return "", false
	}
	changed, tombstone := descriptorStampParts(paragraph)
	fromParagraphs, toParagraphs := Paragraphs("pgsql", from(changed, tombstone)), Paragraphs("pgsql", to(changed, tombstone))
	for i, p := range fromParagraphs {
		if p == paragraph && i < len(toParagraphs) {
			return toParagraphs[i], true
		}
	}
	return "", false
}

// descriptorStampParts finds, in either form of the descriptor stamping
// function, the changed predicate (the condition of the line
// "IF NOT (...) THEN") and the tombstone: the lines between the DELETE
// branch's stamp of dms.Document and its RETURN OLD.
func descriptorStampParts(paragraph string) (changed, tombstone string) {
	lines := strings.Split(paragraph, "\n")
	for _, l := range lines {
		if c, ok := strings.CutPrefix(l, "        IF NOT ("); ok && strings.HasSuffix(c, ") THEN") {
			changed = strings.TrimSuffix(c, ") THEN")
			break
		}
	}
	start := slices.Index(lines, `        WHERE "DocumentId" = OLD."DocumentId";`)
	end := slices.Index(lines, "        RETURN OLD;")
	if start >= 0 && end > start+1 {
		tombstone = strings.Join(lines[start+1:end], "\n") + "\n"
	}
	return changed, tombstone
}

// referenceDescriptorStamp is the reference's form of the descriptor
// stamping function and trigger (AFTER the row is written, stamped by a
// second UPDATE of it), with the parts filled in as
// ddl.PgsqlDescriptorStamp fills them.
func referenceDescriptorStamp(changed, tombstone string) string {
	body := strings.Replace(referencePgsqlDescriptorStamp, "{{changed}}", changed, 1)
	return strings.Replace(body, "{{tombstone}}\n", tombstone, 1)
}

// referencePgsqlDescriptorStamp is the reference's text of the descriptor
// stamping function and trigger, as its fixtures show it.
const referencePgsqlDescriptorStamp = `
CREATE OR REPLACE FUNCTION "dms"."TF_Descriptor_Stamp_Document"()
RETURNS TRIGGER AS $func$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        IF NOT EXISTS (
            SELECT 1
            FROM "dms"."Document"
            WHERE "DocumentId" = NEW."DocumentId"
                AND "ResourceKeyId" = NEW."ResourceKeyId"
        ) THEN
            RAISE EXCEPTION 'dms.Descriptor.ResourceKeyId % diverges from the owning dms.Document row for DocumentId %', NEW."ResourceKeyId", NEW."DocumentId";
        END IF;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        IF NOT ({{changed}}) THEN
            RETURN NEW;
        END IF;
    END IF;
    IF TG_OP = 'INSERT' THEN
        WITH stamped AS (
            SELECT "DocumentId", "ContentVersion", "ContentLastModifiedAt"
            FROM "dms"."Document"
            WHERE "DocumentId" = NEW."DocumentId"
        )
        UPDATE "dms"."Descriptor" r
        SET "ContentVersion" = stamped."ContentVersion", "ContentLastModifiedAt" = stamped."ContentLastModifiedAt"
        FROM stamped
        WHERE r."DocumentId" = stamped."DocumentId";
    ELSIF TG_OP = 'UPDATE' THEN
        WITH stamped AS (
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = NEW."DocumentId"
            RETURNING "DocumentId", "ContentVersion", "ContentLastModifiedAt"
        )
        UPDATE "dms"."Descriptor" r
        SET "ContentVersion" = stamped."ContentVersion", "ContentLastModifiedAt" = stamped."ContentLastModifiedAt"
        FROM stamped
        WHERE r."DocumentId" = stamped."DocumentId";
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE "dms"."Document"
        SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
        WHERE "DocumentId" = OLD."DocumentId";
{{tombstone}}
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_Descriptor_Stamp_Document" ON "dms"."Descriptor";
CREATE TRIGGER "TR_Descriptor_Stamp_Document"
    AFTER INSERT OR UPDATE OR DELETE ON "dms"."Descriptor"
    FOR EACH ROW
    EXECUTE FUNCTION "dms"."TF_Descriptor_Stamp_Document"();
`
