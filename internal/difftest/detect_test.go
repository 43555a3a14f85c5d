package difftest

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// recorder keeps the errors a run reports instead of failing the test.
type recorder struct {
	testing.TB
	errors []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

// TestDifferentialDetects runs the bundled server's code against an
// oracle whose student plan was changed in three ways, and requires the
// runs to report each: Differential a different verdict, different stored
// rows, a different GET by id and page; CompareCodecs a different verdict
// and a different flattened document.
func TestDifferentialDetects(t *testing.T) {
	subject := bundled(t)
	const students = "ed-fi/students"
	opts := options{only: students, reported: 1e6, tamper: func(plans map[string]*spec.Resource) {
		res := plans[students]
		// Verdicts: middleName one character shorter.
		for _, p := range res.Write.Body.Properties {
			if p.Name == "middleName" {
				p.Node.MaxLength--
			}
		}
		// Rows: firstName stored in LastSurname and the other way round.
		root := res.Tables[0]
		first := slices.IndexFunc(root.Columns, func(c *spec.Column) bool { return c.Name == "FirstName" })
		last := slices.IndexFunc(root.Columns, func(c *spec.Column) bool { return c.Name == "LastSurname" })
		root.Columns[first].Steps, root.Columns[last].Steps = root.Columns[last].Steps, root.Columns[first].Steps
		// JSON out: firstName written as givenName.
		for _, n := range res.Read.Document {
			if n.Name == "firstName" {
				n.Name = "givenName"
			}
		}
	}}
	rec := &recorder{TB: t}
	differential(rec, subject, opts)
	n := len(rec.errors)
	compareCodecs(rec, subject, opts)
	expect(t, students, rec.errors[:n], "answer differ", "stored rows differ", "GET differ", "page differ")
	expect(t, students, rec.errors[n:], "verdict differ", "flattened document differ")
}

// expect requires a report of each difference what about resource among
// errors, and no report about another resource.
func expect(t *testing.T, resource string, errors []string, what ...string) {
	for _, what := range what {
		found := slices.ContainsFunc(errors, func(e string) bool {
			return strings.HasPrefix(e, resource+" ") && strings.Contains(e, what)
		})
		if !found {
			t.Errorf("no %q reported for %s among %d reports", what, resource, len(errors))
		}
	}
	for _, e := range errors {
		if !strings.HasPrefix(e, resource+" ") {
			t.Errorf("difference reported outside the tampered resource: %s", e)
		}
	}
}
