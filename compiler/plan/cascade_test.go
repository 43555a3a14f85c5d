package plan_test

import (
	"regexp"
	"slices"
	"testing"
)

// TestCascadeCount: an identity update's count covers the resources it
// reaches: direct referrers, and on through referrers whose identity
// includes the reference; resources without identity updates have none.
func TestCascadeCount(t *testing.T) {
	s := bundled(t)
	table := regexp.MustCompile(`FROM ("\w+"\."\w+") WHERE`)
	for name, want := range map[string][]string{
		// A session's offerings carry it in their identity, sections carry
		// the offering, associations the section.
		"Session": {`"edfi"."CourseOffering"`, `"edfi"."Section"`, `"edfi"."StudentSectionAssociation"`},
		"Section": {`"edfi"."StudentSectionAssociation"`},
		// A class period is in a section's collection, not its identity.
		"ClassPeriod": {`"edfi"."Section"`},
		"School":      nil,
	} {
		count := find(t, s, name).Write.CascadeCount
		var got []string
		for _, m := range table.FindAllStringSubmatch(count, -1) {
			got = append(got, m[1])
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: counts %v, want %v\n%s", name, got, want, count)
		}
	}
}
