package plan_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/internal/refdata"
)

// TestEducationOrganizationColumns checks that every concrete subclass of
// EducationOrganization of the DS 3.2a core, and nothing else, names the
// root-table columns of its id and name, which token_info reads.
func TestEducationOrganizationColumns(t *testing.T) {
	s := buildPlans(t, refdata.File(t, refdata.DS32aCoreSchema))
	var got []string
	for _, r := range s.Resources {
		eo := r.EducationOrganization
		isMember := r.Superclass != nil && r.Superclass.ResourceName == "EducationOrganization"
		if (eo != nil) != isMember {
			t.Errorf("%s: EducationOrganization %v for a resource whose superclass is %v", r.Name, eo, r.Superclass)
		}
		if eo != nil {
			got = append(got, fmt.Sprintf("%s(%s,%s)", r.Name, eo.ID, eo.Name))
		}
	}
	slices.Sort(got)
	want := "CommunityOrganization(CommunityOrganizationId,NameOfInstitution) CommunityProvider(CommunityProviderId,NameOfInstitution) " +
		"EducationOrganizationNetwork(EducationOrganizationNetworkId,NameOfInstitution) EducationServiceCenter(EducationServiceCenterId,NameOfInstitution) " +
		"LocalEducationAgency(LocalEducationAgencyId,NameOfInstitution) " +
		"PostSecondaryInstitution(PostSecondaryInstitutionId,NameOfInstitution) School(SchoolId,NameOfInstitution) " +
		"StateEducationAgency(StateEducationAgencyId,NameOfInstitution)"
	if strings.Join(got, " ") != want {
		t.Errorf("education organizations\n got %s\nwant %s", strings.Join(got, " "), want)
	}
}
