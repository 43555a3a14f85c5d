package difftest

import (
	"net/http"
	"strings"
)

// Known deviations: differences between the generated code and the
// oracle that are intended, each described here. The tests count them
// apart from the differences they fail on.

// columnRangeBounds are the messages of an integer beyond the range of its
// column (32-bit or 64-bit), by the message the oracle gives for the same
// side of the 64-bit range.
var columnRangeBounds = []struct{ column, oracle string }{
	{"should be at most 2147483647", "should be at most 9223372036854775807"},
	{"should be at least -2147483648", "should be at least -9223372036854775808"},
	{"should be at most 9223372036854775807", "should be at most 9223372036854775807"},
	{"should be at least -9223372036854775808", "should be at least -9223372036854775808"},
}

// ColumnRange reports the one known deviation: the generated decode
// refuses an integer its column cannot hold with the 400 of a bound at the
// column's range, where the oracle checked only the schema's bounds and,
// when the schema gave none, the range of the member's Go type (64-bit
// for an integer without a format, whose column is 32-bit). So the oracle
// let the value through and the database failed the write (a 500), or it
// refused a value beyond 64 bits with the 64-bit bound. It holds when the
// generated side answered 400 for a column bound and the oracle accepted
// the body (its check alone, oracleStatus 0), answered 500 (the whole
// write), or answered the same problem with the 64-bit bound. Statuses and
// problems are the answers' (problem details JSON).
func ColumnRange(generatedStatus int, generatedProblem string, oracleStatus int, oracleProblem string) bool {
	if generatedStatus != http.StatusBadRequest || oracleStatus == generatedStatus && oracleProblem == generatedProblem {
		return false
	}
	for _, bound := range columnRangeBounds {
		if !strings.Contains(generatedProblem, bound.column) {
			continue
		}
		switch oracleStatus {
		case 0, http.StatusInternalServerError:
			return true
		case http.StatusBadRequest:
			return bound.column != bound.oracle && strings.ReplaceAll(oracleProblem, bound.oracle, bound.column) == generatedProblem
		}
	}
	return false
}
