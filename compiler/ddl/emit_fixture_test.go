package ddl_test

import (
	"testing"

	"github.com/edfi-dmsc/dmsc/compiler/ddl"
	"github.com/edfi-dmsc/dmsc/compiler/ddl/ddlcompare"
	"github.com/edfi-dmsc/dmsc/compiler/ddl/ddlfixtures"
	"github.com/edfi-dmsc/dmsc/compiler/load"
	"github.com/edfi-dmsc/dmsc/internal/testschema"
)

// hasDescriptors reports whether any project defines a descriptor resource;
// the reference then creates the shared descriptor tracked-change table.
func hasDescriptors(set *load.SchemaSet) bool {
	for _, p := range set.Projects {
		rs := p.Schema.Get("resourceSchemas")
		if rs == nil {
			continue
		}
		for _, m := range rs.Members {
			if m.Value.Get("isDescriptor").BoolOr(false) {
				return true
			}
		}
	}
	return false
}

// TestCoreMatchesReferenceFixtures compares the core-only script with every
// reference fixture's expected script, restricted to what we emit: the
// per-resource section and the out-of-scope objects are removed from the
// expected text, everything else must match paragraph by paragraph.
func TestCoreMatchesReferenceFixtures(t *testing.T) {
	fixtures := ddlfixtures.DDLFixtures(t)
	if len(fixtures) != 14 {
		t.Errorf("found %d reference DDL fixtures with local inputs, want 14", len(fixtures))
	}
	for _, f := range fixtures {
		set, info := testschema.Files(t, f.Inputs...)
		var opts ddl.CoreOptions
		if hasDescriptors(set) {
			opts.DescriptorTrackedChanges = &ddl.TableName{Schema: "tracked_changes_" + set.Core().PhysicalSchema, Name: "Descriptor"}
		}
		for _, dialect := range f.Dialects {
			t.Run(f.Name+"/"+dialect, func(t *testing.T) {
				d, err := ddl.DialectByName(dialect)
				if err != nil {
					t.Fatal(err)
				}
				sql, err := ddl.EmitCore(info, d, opts)
				if err != nil {
					t.Fatal(err)
				}
				// The emitter output is the canonical file plus the final
				// blank line the DDL manifest hash covers.
				if ddl.NormalizeSQL(sql) != ddl.CanonicalFile(sql)+"\n" {
					t.Errorf("emitter output does not end in exactly one blank line")
				}
				want := ddlcompare.Split(dialect, f.Expected(t, dialect+".sql"))
				got := ddlcompare.Split(dialect, ddl.CanonicalFile(sql))
				if len(want.Core) == 0 || len(want.Relational) == 0 || len(want.Seed) == 0 {
					t.Fatalf("expected script did not split into core/relational/seed sections (%d/%d/%d paragraphs)", len(want.Core), len(want.Relational), len(want.Seed))
				}
				if len(got.Relational) != 0 {
					t.Errorf("core-only script has a relational section: %q", got.Relational[0])
				}
				if diff := ddlcompare.FirstDifference(ddlcompare.InScopeOnly(want.Core), got.Core); diff != "" {
					t.Errorf("core section: %s", diff)
				}
				if diff := ddlcompare.FirstDifference(ddlcompare.InScopeOnly(want.Seed), got.Seed); diff != "" {
					t.Errorf("seed section: %s", diff)
				}
			})
		}
	}
}
