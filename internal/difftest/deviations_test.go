package difftest

import (
	"net/http"
	"strings"
	"testing"
)

// TestColumnRange: the deviation covers the generated 400 at a column
// bound against the oracle's acceptance, its 500 and its 400 at the 64-bit
// bound, and nothing else.
func TestColumnRange(t *testing.T) {
	problem := func(path, message string) string {
		return `{"status":400,"validationErrors":{"` + path + `":["` + message + `"]}}`
	}
	column := problem("$.busYears[0].busYear", "busYear 9223372036854775808 should be at most 2147483647")
	wide := strings.Replace(column, "2147483647", "9223372036854775807", 1)
	for _, c := range []struct {
		name            string
		generatedStatus int
		generated       string
		oracleStatus    int
		oracle          string
		want            bool
	}{
		{"oracle accepted", http.StatusBadRequest, column, 0, "", true},
		{"oracle failed the write", http.StatusInternalServerError, column, http.StatusInternalServerError, "{}", false},
		{"oracle 500", http.StatusBadRequest, column, http.StatusInternalServerError, "{}", true},
		{"oracle at the 64-bit bound", http.StatusBadRequest, column, http.StatusBadRequest, wide, true},
		{"same answer", http.StatusBadRequest, column, http.StatusBadRequest, column, false},
		{"oracle at another member", http.StatusBadRequest, column, http.StatusBadRequest,
			problem("$.busRouteNumber", "busRouteNumber 9223372036854775808 should be at most 9223372036854775807"), false},
		{"no column bound", http.StatusBadRequest, problem("$.schoolYear", "schoolYear 2200 should be at most 2100"), 0, "", false},
	} {
		if got := ColumnRange(c.generatedStatus, c.generated, c.oracleStatus, c.oracle); got != c.want {
			t.Errorf("%s: ColumnRange = %t, want %t", c.name, got, c.want)
		}
	}
}
