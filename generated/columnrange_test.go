package generated_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"testing"
)

// TestServerColumnRange posts integers that fit a 64-bit member but not
// its 32-bit column — schoolYear (minimum 0, no maximum) and the Sample
// extension's busYear (no bound) — and expects the 400 of a bound at the
// column's range, where the database would otherwise fail the write with
// a 500; the range's ends themselves are stored.
func TestServerColumnRange(t *testing.T) {
	ls := startServer(t)
	docs := fakeDocuments(t, ls.set, 1)
	ls.postAll(t, docs)
	schoolYear := func(year string) func(m map[string]any) {
		return func(m map[string]any) { m["schoolYear"] = json.Number(year) }
	}
	busYear := func(year string) func(m map[string]any) {
		return func(m map[string]any) { m["busYears"] = []any{map[string]any{"busYear": json.Number(year)}} }
	}
	cases := []struct {
		project, endpoint string
		mutate            func(m map[string]any)
		path, message     string // "" for a value the column holds
	}{
		{"ed-fi", "schoolYearTypes", schoolYear("9223372036854775807"),
			"$.schoolYear", "schoolYear 9223372036854775807 should be at most 2147483647"},
		{"ed-fi", "schoolYearTypes", schoolYear("2147483648"),
			"$.schoolYear", "schoolYear 2147483648 should be at most 2147483647"},
		{"ed-fi", "schoolYearTypes", schoolYear("2147483647"), "", ""},
		{"sample", "busRoutes", busYear("9223372036854775807"),
			"$.busYears[0].busYear", "busYear 9223372036854775807 should be at most 2147483647"},
		{"sample", "busRoutes", busYear("-9223372036854775807"),
			"$.busYears[0].busYear", "busYear -9223372036854775807 should be at least -2147483648"},
		{"sample", "busRoutes", busYear("-2147483649"),
			"$.busYears[0].busYear", "busYear -2147483649 should be at least -2147483648"},
		{"sample", "busRoutes", busYear("-2147483648"), "", ""},
		{"sample", "busRoutes", busYear("2147483647"), "", ""},
	}
	for _, tc := range cases {
		body := firstBody(t, docs, tc.project, tc.endpoint)
		tc.mutate(body)
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		r := ls.do(t, http.MethodPost, "/data/"+tc.project+"/"+tc.endpoint, b)
		if tc.message == "" {
			if r.status != http.StatusCreated && r.status != http.StatusOK {
				t.Errorf("POST %s %s = %d %s, want it stored", tc.endpoint, b, r.status, r.body)
			}
			continue
		}
		var p problemBody
		if err := json.Unmarshal(r.body, &p); err != nil || r.status != http.StatusBadRequest ||
			p.Type != "urn:ed-fi:api:bad-request:data-validation-failed" || !slices.Contains(p.ValidationErrors[tc.path], tc.message) {
			t.Errorf("POST %s %s = %d %s, want 400 with %q at %s", tc.endpoint, b, r.status, r.body, tc.message, tc.path)
		}
	}
}
