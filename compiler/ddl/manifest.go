package ddl

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strings"

	"github.com/edfi-dmsc/dmsc/compiler/effschema"
	"github.com/edfi-dmsc/dmsc/compiler/jsonx"
)

// ManifestEntry is one dialect's line in ddl.manifest.json.
type ManifestEntry struct {
	Dialect             string
	NormalizedSQLSHA256 string
	StatementCount      int
}

// ManifestEntryFor hashes and counts one emitted script. Pass the Emit
// output itself (which ends in a blank line), not its CanonicalFile form:
// the reference hashes its emitter output, so a .sql file read back from
// disk needs one "\n" appended. The hash is over the normalized text
// (NormalizeSQL), so line endings do not matter.
func ManifestEntryFor(d Dialect, sql string) ManifestEntry {
	normalized := NormalizeSQL(sql)
	sum := sha256.Sum256([]byte(normalized))
	return ManifestEntry{Dialect: d.Name(), NormalizedSQLSHA256: hex.EncodeToString(sum[:]), StatementCount: CountStatements(d.Name(), normalized)}
}

// Manifest renders ddl.manifest.json for the given per-dialect entries
// (sorted by dialect label, as the reference does).
func Manifest(info *effschema.Info, entries []ManifestEntry) []byte {
	sorted := append([]ManifestEntry(nil), entries...)
	sort.Slice(sorted, func(a, b int) bool { return sorted[a].Dialect < sorted[b].Dialect })
	items := make([]*jsonx.Value, len(sorted))
	for i, e := range sorted {
		items[i] = jsonx.Obj(
			jsonx.M("dialect", jsonx.Str(e.Dialect)),
			jsonx.M("normalized_sql_sha256", jsonx.Str(e.NormalizedSQLSHA256)),
			jsonx.M("statement_count", jsonx.Int(int64(e.StatementCount))),
		)
	}
	return jsonx.Indented(jsonx.Obj(
		jsonx.M("effective_schema_hash", jsonx.Str(info.EffectiveSchemaHash)),
		jsonx.M("relational_mapping_version", jsonx.Str(info.RelationalMappingVersion)),
		jsonx.M("ddl", jsonx.Arr(items...)),
	), jsonx.EscapeDefault)
}

// CountStatements counts statements the way the reference's DDL manifest
// does. It is a line-based heuristic, not a parser, and must stay exactly
// that so the counts agree:
//   - pgsql: lines ending in ";" outside dollar-quoted bodies;
//   - mssql: GO-separated batches; a batch that creates or alters a
//     function, trigger or procedure counts once, any other batch counts
//     its lines ending in ";".
func CountStatements(dialect, sql string) int {
	if dialect == "mssql" {
		return countMssql(sql)
	}
	return countPgsql(sql)
}

// DollarQuotes follows a PostgreSQL script line by line and tells whether
// a line ends inside a dollar-quoted body. The convention of emitted
// scripts: a line ending in a tag ($$ or $tag$) opens a body, which a line
// starting with the same tag (or "END " and the tag) closes. The zero value
// is outside any body.
type DollarQuotes struct {
	open string // delimiter of the body we are inside, "" outside
}

// Outside reads the next line (trimmed) and reports whether the script is
// outside any dollar-quoted body after it.
func (q *DollarQuotes) Outside(line string) bool {
	if q.open != "" {
		if strings.HasPrefix(line, q.open) || strings.HasPrefix(line, "END "+q.open) {
			q.open = ""
		}
	} else {
		q.open = trailingDollarTag(line)
	}
	return q.open == ""
}

// trailingDollarTag returns the dollar-quote delimiter that ends a trimmed
// line, or "" when the line does not end in one.
func trailingDollarTag(line string) string {
	if len(line) < 2 || line[len(line)-1] != '$' {
		return ""
	}
	for i := len(line) - 2; i >= 0; i-- {
		c := line[i]
		switch {
		case c == '$':
			return line[i:]
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '_':
			continue
		}
		return ""
	}
	return ""
}

func countPgsql(sql string) int {
	n := 0
	var quotes DollarQuotes
	for _, raw := range strings.Split(sql, "\n") {
		line := strings.TrimSpace(raw)
		if outside := quotes.Outside(line); outside && strings.HasSuffix(line, ";") {
			n++
		}
	}
	return n
}

// mssqlModulePrefixes start batches that hold exactly one module definition.
var mssqlModulePrefixes = []string{
	"CREATE OR ALTER FUNCTION", "CREATE FUNCTION", "ALTER FUNCTION",
	"CREATE OR ALTER TRIGGER", "CREATE TRIGGER", "ALTER TRIGGER",
	"CREATE OR ALTER PROCEDURE", "CREATE PROCEDURE", "ALTER PROCEDURE",
}

func countMssql(sql string) int {
	n := 0
	for _, batch := range SplitBatches(sql) {
		if isModuleBatch(batch) {
			n++
			continue
		}
		for _, l := range strings.Split(batch, "\n") {
			if strings.HasSuffix(strings.TrimSpace(l), ";") {
				n++
			}
		}
	}
	return n
}

func isModuleBatch(batch string) bool {
	for _, l := range strings.Split(batch, "\n") {
		t := strings.TrimSpace(l)
		if t == "" || strings.HasPrefix(t, "--") {
			continue
		}
		for _, p := range mssqlModulePrefixes {
			if len(t) >= len(p) && strings.EqualFold(t[:len(p)], p) {
				return true
			}
		}
		return false
	}
	return false
}

// SplitBatches splits a SQL Server script on lines consisting only of GO
// (case-insensitive), which is a client-side batch separator, not T-SQL.
// Empty batches are dropped.
func SplitBatches(sql string) []string {
	var batches []string
	var cur []string
	flush := func() {
		b := strings.Join(cur, "\n")
		if strings.TrimSpace(b) != "" {
			batches = append(batches, b)
		}
		cur = cur[:0]
	}
	for _, l := range strings.Split(strings.ReplaceAll(sql, "\r\n", "\n"), "\n") {
		if strings.EqualFold(strings.TrimSpace(l), "GO") {
			flush()
			continue
		}
		cur = append(cur, l)
	}
	flush()
	return batches
}
