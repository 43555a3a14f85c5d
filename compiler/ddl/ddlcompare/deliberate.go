package ddlcompare

import (
	"slices"
	"strings"

	"github.com/edfi-dmsc/dmsc/compiler/ddl/modelddl"
)

// AsOurs returns a reference paragraph in the form this project
// deliberately emits instead (docs/ddl-differences.md, "Objects written
// differently"), built from the parts of the reference's paragraph, so that
// the comparison still checks every part exactly. Other paragraphs are
// returned unchanged.
func AsOurs(paragraph string) string {
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
