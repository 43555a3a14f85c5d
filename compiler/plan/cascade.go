package plan

import (
	"slices"

	"github.com/edfi-dmsc/dmsc/compiler/relmodel"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// cascadeCount builds spec.WritePlan.CascadeCount for mr: the resources
// an identity change of mr reaches are those referencing it (or its
// superclass, whose identity row follows it), then, for each of those
// whose identity includes such a reference (so its own identity changes),
// the resources referencing that one, and so on. Their stamps move; the
// statement counts the moved root rows written by the current transaction.
func cascadeCount(m *relmodel.ModelSet, mr *relmodel.Resource) string {
	reached := map[relmodel.ResourceName]bool{}
	expanded := map[relmodel.ResourceName]bool{mr.Name: true}
	var roots []relmodel.TableName
	for queue := []*relmodel.Resource{mr}; len(queue) > 0; queue = queue[1:] {
		changed := queue[0]
		targets := []relmodel.ResourceName{changed.Name}
		if changed.SuperclassResource != nil {
			targets = append(targets, *changed.SuperclassResource)
		}
		for _, other := range m.Resources {
			for _, ref := range other.References {
				if !slices.Contains(targets, ref.TargetResource) {
					continue
				}
				if !reached[other.Name] && other.Root() != nil {
					reached[other.Name] = true
					roots = append(roots, other.Root().Name)
				}
				if ref.IsIdentityComponent && !expanded[other.Name] {
					expanded[other.Name] = true
					queue = append(queue, other)
				}
			}
		}
	}
	if len(roots) == 0 {
		return "SELECT 0::bigint"
	}
	slices.SortFunc(roots, func(a, b relmodel.TableName) int { return cmpStrings(a.String(), b.String()) })
	counts := make([]string, len(roots))
	for i, t := range roots {
		counts[i] = `(SELECT count(*) FROM ` + q(t.Schema) + `.` + q(t.Name) +
			` WHERE "ContentVersion" > current_setting('` + spec.StampFloorSetting + `')::bigint` +
			` AND xmin = pg_current_xact_id()::xid AND "DocumentId" <> $1)`
	}
	return "SELECT" + sqlSeparated(counts, "+")
}
