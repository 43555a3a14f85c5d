package deps

import (
	"slices"

	"github.com/edfi-dmsc/dmsc/compiler/jsonx"
	"github.com/edfi-dmsc/dmsc/compiler/load"
)

// Step is one entry of the load order: load Resource (an endpoint path
// such as /ed-fi/schools) with Operations once every resource of a lower
// Order is loaded.
type Step struct {
	Resource   string
	Order      int
	Operations []string
}

// LoadOrder computes the load order of a schema set.
func LoadOrder(set *load.SchemaSet) ([]Step, error) {
	g, err := resourceGraph(set)
	if err != nil {
		return nil, err
	}
	var steps []Step
	sources := func() []*vertex {
		var out []*vertex
		for _, v := range g.live() {
			if len(v.in) == 0 {
				out = append(out, v)
			}
		}
		slices.SortStableFunc(out, func(a, b *vertex) int { return compareCulture(a.id, b.id) })
		return out
	}
	for order, next := 1, sources(); len(next) > 0; order, next = order+1, sources() {
		for _, v := range next {
			g.removeVertex(v)
			steps = append(steps, Step{Resource: v.id, Order: order, Operations: []string{"Create", "Update"}})
		}
	}
	return splitPersonUpdates(steps, "/"+set.Core().EndpointName), nil
}

// splitPersonUpdates moves the Update of each person resource after its
// primary associations: a client can create a Student early but can only
// update (or read) it once the StudentSchoolAssociation exists. The
// reference inserts the Update entry before the first entry of its group,
// or before the last entry of the list when that group is new. A person
// whose associations the schema lacks is left as is (see
// routePeopleThroughAssociations).
func splitPersonUpdates(steps []Step, prefix string) []Step {
	index := func(resources ...string) int {
		return slices.IndexFunc(steps, func(s Step) bool { return slices.Contains(resources, s.Resource) })
	}
	split := func(person []string, after ...[]string) {
		p := index(person...)
		if p < 0 {
			return
		}
		group := 0
		for _, names := range after {
			i := index(names...)
			if i < 0 {
				return
			}
			group = max(group, steps[i].Order)
		}
		steps[p].Operations = slices.DeleteFunc(steps[p].Operations, func(op string) bool { return op == "Update" })
		update := Step{Resource: steps[p].Resource, Order: group + 1, Operations: []string{"Update"}}
		at := slices.IndexFunc(steps, func(s Step) bool { return s.Order == update.Order })
		if at < 0 {
			at = len(steps) - 1
		}
		steps = slices.Insert(steps, at, update)
	}
	ssa := []string{prefix + "/studentSchoolAssociations"}
	split([]string{prefix + "/students"}, ssa)
	split([]string{prefix + "/staffs"},
		[]string{prefix + "/staffEducationOrganizationEmploymentAssociations"},
		[]string{prefix + "/staffEducationOrganizationAssignmentAssociations"})
	split([]string{prefix + "/parents", prefix + "/contacts"},
		[]string{prefix + "/studentParentAssociations", prefix + "/studentContactAssociations"}, ssa)
	return steps
}

// JSON serializes the load order as the reference's /metadata/dependencies
// body: an indented array of {resource, order, operations}.
func JSON(steps []Step) []byte {
	items := make([]*jsonx.Value, len(steps))
	for i, s := range steps {
		items[i] = jsonx.Obj(
			jsonx.M("resource", jsonx.Str(s.Resource)),
			jsonx.M("order", jsonx.Int(int64(s.Order))),
			jsonx.M("operations", jsonx.Strs(s.Operations...)),
		)
	}
	return jsonx.Indented(jsonx.Arr(items...), jsonx.EscapeDefault)
}
