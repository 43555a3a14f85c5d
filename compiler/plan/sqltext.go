package plan

import "strings"

// The statements of a plan are laid out over several lines, as sqlc writes
// the queries it embeds: one clause per line and one column per line, so
// a generated file shows them readably and a schema change that adds a
// column adds a line to each statement instead of rewriting one long line.

// sqlIndent indents the items of a list and continued conditions.
const sqlIndent = "    "

// sqlList renders the items of a select list, column list or SET list, one
// per line after the clause keyword that precedes it.
func sqlList(items []string) string {
	return "\n" + sqlIndent + strings.Join(items, ",\n"+sqlIndent)
}
