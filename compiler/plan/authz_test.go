package plan_test

import (
	"slices"
	"testing"

	"github.com/edfi-dmsc/dmsc/internal/refdata"
)

// TestNamespaceElementsOfDS32a: the namespace of each DS 3.2a resource's
// root entity resolves at compile time to the stored column the
// NamespaceBased strategy checks, as the reference resolves it (the first
// securableElements.Namespace path in the root table).
func TestNamespaceElementsOfDS32a(t *testing.T) {
	s := buildPlans(t, refdata.File(t, refdata.DS32aCoreSchema))
	var resources, descriptors, unchecked int
	for _, r := range s.Resources {
		na := r.Namespace
		if na == nil {
			continue
		}
		resources++
		unchecked += len(na.Unchecked)
		if r.IsDescriptor {
			descriptors++
			continue
		}
		col := r.Tables[0].Columns[r.Write.Tables[0].Stored[na.Element.Stored]]
		if col.Name != na.Element.Column && col.Name != na.Element.Canonical {
			t.Errorf("%s %s: Stored names column %s, not %s", r.Name, na.Element.JSONPath, col.Name, na.Element.Column)
		}
	}
	for name, want := range map[string]string{"Assessment": "Namespace", "AssessmentItem": "Assessment_Namespace", "StudentAssessment": "Assessment_Namespace", "LearningObjective": "Namespace"} {
		if na := find(t, s, name).Namespace; na == nil || na.Element.Column != want {
			t.Errorf("%s's namespace: %+v, want column %s", name, na, want)
		}
	}
	if na := find(t, s, "ObjectiveAssessment").Namespace; na.Element.Canonical != "Namespace_Unified" || na.Element.Presence != "Assessment_DocumentId" {
		t.Errorf("ObjectiveAssessment's namespace: %+v, want the alias of Namespace_Unified present with Assessment_DocumentId", na.Element)
	}
	if got := find(t, s, "LearningObjective").Namespace.Unchecked; !slices.Equal(got, []string{"$.parentLearningObjectiveReference.namespace"}) {
		t.Errorf("LearningObjective's unchecked paths: %v", got)
	}
	// 184 resources have Namespace paths; in 5 (courses, gradebookEntries,
	// graduationPlans, programs, reportCards) they are all inside arrays.
	t.Logf("DS 3.2a: %d resources with a root namespace (%d descriptors); %d further paths unchecked", resources, descriptors, unchecked)
	if resources != 179 {
		t.Errorf("%d resources with a root namespace, want 179", resources)
	}
}
