package plan

import "strings"

// The statements of a plan are laid out over several lines, as sqlc writes
// the queries it embeds: one clause per line and one column per line, so
// a generated file shows them readably. Lists put their separator at the
// start of a line (leading commas, leading "+"), so a schema change that
// adds a column at the end of a list adds one line and leaves the line of
// the previous last item as it was; the first item is indented by the
// width of the separator so the items stay aligned:
//
//	SELECT
//	      t."DocumentId"::text
//	    , t."ClassPeriodName"

// sqlIndent indents the items of a list and continued conditions.
const sqlIndent = "    "

// sqlList renders the items of a select list, column list, SET list or
// parameter list, one per line after the clause keyword that precedes it,
// with leading commas.
func sqlList(items []string) string {
	return sqlSeparated(items, ",")
}

// sqlSeparated renders items one per line, each after the first preceded by
// sep, the first indented to line up with the others.
func sqlSeparated(items []string, sep string) string {
	lead := "\n" + sqlIndent + sep + " "
	return "\n" + sqlIndent + strings.Repeat(" ", len(sep)+1) + strings.Join(items, lead)
}
