package ddlcompare_test

import (
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/compiler/ddl/ddlcompare"
	"github.com/edfi-dmsc/dmsc/compiler/ddl/ddlfixtures"
)

// TestChildStampRewrite: every child-stamp function of the reference's
// PostgreSQL fixtures is rewritten into our form and back into the
// reference's text unchanged; anything that deviates from the reference's
// form, even by one line, is left alone (so the comparison reports it).
func TestChildStampRewrite(t *testing.T) {
	rewritten := 0
	for _, f := range ddlfixtures.DDLFixtures(t) {
		for _, dialect := range f.Dialects {
			for _, p := range ddlcompare.Paragraphs(dialect, f.Expected(t, dialect+".sql")) {
				ours := ddlcompare.AsOurs(p)
				if ours == p {
					if strings.Contains(p, "WITH affected AS (") && dialect == "pgsql" {
						t.Errorf("%s: child-stamp function not rewritten:\n%s", f.Name, p)
					}
					continue
				}
				rewritten++
				if dialect != "pgsql" {
					t.Errorf("%s/%s: rewrote a paragraph of another dialect:\n%s", f.Name, dialect, p)
				}
				if !strings.Contains(ours, "FOR _documentId IN") {
					t.Errorf("%s: rewrite is not our form:\n%s", f.Name, ours)
				}
				if back := ddlcompare.AsReference(ours); back != p {
					t.Errorf("%s: AsReference(AsOurs(p)) differs from p:\n%s\n---\n%s", f.Name, back, p)
				}
				altered := strings.Replace(p, "    RETURN NULL;", "    RETURN NEW;", 1)
				if ddlcompare.AsOurs(altered) != altered {
					t.Errorf("%s: a deviating paragraph was rewritten:\n%s", f.Name, altered)
				}
			}
		}
	}
	if rewritten == 0 {
		t.Fatal("no reference child-stamp function found in the fixtures")
	}
	t.Logf("%d reference child-stamp functions rewritten", rewritten)
}
