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
				if strings.Contains(p, descriptorStampFunction) {
					continue // TestDescriptorStampRewrite
				}
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

const descriptorStampFunction = `"dms"."TF_Descriptor_Stamp_Document"()`

// TestDescriptorStampRewrite: the reference's PostgreSQL stamping function
// and trigger of dms.Descriptor (AFTER the row is written) are rewritten
// into ours (BEFORE it is written) in every fixture, from their parts, and
// back into the reference's text unchanged; a paragraph deviating from the
// reference's form by one line is left alone, and SQL Server's is never
// touched.
func TestDescriptorStampRewrite(t *testing.T) {
	fixtures := 0
	for _, f := range ddlfixtures.DDLFixtures(t) {
		for _, dialect := range f.Dialects {
			var function, trigger int
			for _, p := range ddlcompare.Paragraphs(dialect, f.Expected(t, dialect+".sql")) {
				if !strings.Contains(p, descriptorStampFunction) && !strings.Contains(p, "[dms].[TR_Descriptor_Stamp_Document]") {
					continue
				}
				ours := ddlcompare.AsOurs(p)
				if dialect != "pgsql" {
					if ours != p {
						t.Errorf("%s/%s: rewrote a paragraph of another dialect:\n%s", f.Name, dialect, p)
					}
					continue
				}
				switch {
				case strings.HasPrefix(p, "CREATE OR REPLACE FUNCTION"):
					function++
					if !strings.Contains(ours, `NEW."ContentVersion" := _stampedContentVersion;`) {
						t.Errorf("%s: function not rewritten into ours:\n%s", f.Name, ours)
					}
					if strings.Contains(p, "tracked_changes_") != strings.Contains(ours, "tracked_changes_") {
						t.Errorf("%s: the tombstone was lost:\n%s", f.Name, ours)
					}
				case strings.HasPrefix(p, "DROP TRIGGER"):
					trigger++
					if !strings.Contains(ours, "    BEFORE INSERT OR UPDATE OR DELETE ON") {
						t.Errorf("%s: trigger not rewritten into ours:\n%s", f.Name, ours)
					}
				}
				if back := ddlcompare.AsReference(ours); back != p {
					t.Errorf("%s: AsReference(AsOurs(p)) differs from p:\n%s\n---\n%s", f.Name, back, p)
				}
				for _, change := range [][2]string{{"    RETURN NEW;\nEND;", "    RETURN NULL;\nEND;"}, {"    FOR EACH ROW", "    FOR EACH STATEMENT"}} {
					if altered := strings.Replace(p, change[0], change[1], 1); altered != p && ddlcompare.AsOurs(altered) != altered {
						t.Errorf("%s: a deviating paragraph was rewritten:\n%s", f.Name, altered)
					}
				}
			}
			if dialect == "pgsql" {
				if function != 1 || trigger != 1 {
					t.Errorf("%s: %d descriptor stamp functions and %d triggers, want one of each", f.Name, function, trigger)
				}
				fixtures++
			}
		}
	}
	if fixtures == 0 {
		t.Fatal("no PostgreSQL fixture")
	}
}
