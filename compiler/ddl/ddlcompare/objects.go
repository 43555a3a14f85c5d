package ddlcompare

import (
	"regexp"
	"sort"
	"strings"
)

// objectPatterns find the names of created objects, per dialect. Each
// pattern's last group is the object name (schema-qualified where the
// statement qualifies it).
var objectPatterns = map[string][]*regexp.Regexp{
	"pgsql": {
		regexp.MustCompile(`CREATE SCHEMA IF NOT EXISTS ("[^"]+")`),
		regexp.MustCompile(`CREATE SEQUENCE IF NOT EXISTS ("[^"]+"\."[^"]+")`),
		regexp.MustCompile(`CREATE TABLE IF NOT EXISTS ("[^"]+"\."[^"]+")`),
		regexp.MustCompile(`CONSTRAINT ("[^"]+")`),
		regexp.MustCompile(`CREATE (?:UNIQUE )?INDEX IF NOT EXISTS ("[^"]+")`),
		regexp.MustCompile(`CREATE OR REPLACE VIEW ("[^"]+"\."[^"]+")`),
		regexp.MustCompile(`CREATE OR REPLACE FUNCTION ("[^"]+"\."[^"]+")`),
		regexp.MustCompile(`CREATE TRIGGER ("[^"]+")`),
	},
	"mssql": {
		regexp.MustCompile(`EXEC\('CREATE SCHEMA (\[[^\]]+\])`),
		regexp.MustCompile(`CREATE SEQUENCE (\[[^\]]+\]\.\[[^\]]+\])`),
		regexp.MustCompile(`CREATE TYPE (\[[^\]]+\]\.\[[^\]]+\])`),
		regexp.MustCompile(`CREATE TABLE (\[[^\]]+\]\.\[[^\]]+\])`),
		regexp.MustCompile(`CONSTRAINT (\[[^\]]+\])`),
		regexp.MustCompile(`CREATE (?:UNIQUE )?INDEX (\[[^\]]+\])`),
		regexp.MustCompile(`CREATE OR ALTER VIEW (\[[^\]]+\]\.\[[^\]]+\])`),
		regexp.MustCompile(`CREATE OR ALTER FUNCTION (\[[^\]]+\]\.\[[^\]]+\])`),
		regexp.MustCompile(`CREATE OR ALTER TRIGGER (\[[^\]]+\]\.\[[^\]]+\])`),
	},
}

// CreatedObjects lists, sorted and de-duplicated, the names of the objects
// a script creates in in-scope paragraphs.
func CreatedObjects(dialect, sql string) []string {
	seen := map[string]bool{}
	for _, p := range Paragraphs(dialect, sql) {
		if !InScope(p) {
			continue
		}
		for _, line := range strings.Split(p, "\n") {
			for _, re := range objectPatterns[dialect] {
				for _, m := range re.FindAllStringSubmatch(line, -1) {
					seen[m[len(m)-1]] = true
				}
			}
		}
	}
	out := make([]string, 0, len(seen))
	for n := range seen {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
