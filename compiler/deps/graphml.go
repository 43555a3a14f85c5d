package deps

import (
	"fmt"
	"slices"
	"strings"

	"github.com/edfi-dmsc/dmsc/compiler/load"
)

// retrySuffix names the GraphML node of a person resource's second load
// (its update after the primary association exists).
const retrySuffix = "#Retry"

// GraphML renders the dependency graph as the reference's
// /metadata/dependencies answer to Accept: application/graphml: the
// resource graph plus a "#Retry" node per person resource, which depends
// on the person's primary association and carries what depends on that
// association.
func GraphML(set *load.SchemaSet) ([]byte, error) {
	g, err := resourceGraph(set)
	if err != nil {
		return nil, err
	}
	core := set.Core().ProjectName
	isPerson := func(v *vertex) bool {
		return v.is(core, "Student") || v.is(core, "Staff") || v.is(core, "Parent") || v.is(core, "Contact")
	}
	isUpstream := func(e *edge) bool {
		s, t := e.source, e.target
		return s.is(core, "Student") && t.is(core, "StudentSchoolAssociation") ||
			s.is(core, "Staff") && (t.is(core, "StaffEducationOrganizationAssignmentAssociation") || t.is(core, "StaffEducationOrganizationEmploymentAssociation")) ||
			s.is(core, "Parent") && t.is(core, "StudentParentAssociation") ||
			s.is(core, "Contact") && t.is(core, "StudentContactAssociation")
	}
	isDownstream := func(e *edge) bool {
		for _, name := range []string{"StudentSchoolAssociation", "StaffEducationOrganizationAssignmentAssociation",
			"StaffEducationOrganizationEmploymentAssociation", "StudentContactAssociation", "StudentParentAssociation"} {
			if e.source.is(core, name) {
				return true
			}
		}
		return false
	}

	out := &graph{}
	nodes := map[string]*vertex{}
	for _, v := range g.live() {
		ids := []string{v.id}
		if isPerson(v) {
			ids = append(ids, v.id+retrySuffix)
		}
		for _, id := range ids {
			n := &vertex{id: id}
			out.vertices = append(out.vertices, n)
			nodes[id] = n
		}
	}
	slices.SortStableFunc(out.vertices, func(a, b *vertex) int { return compareCulture(a.id, b.id) })

	type link struct {
		source, target string
		required       bool
	}
	var links []link
	retryOf := map[string]string{} // primary association -> its person's retry node
	edges := g.edges()
	for _, e := range edges {
		if isUpstream(e) {
			retry := e.source.id + retrySuffix
			retryOf[e.target.id] = retry
			links = append(links, link{e.target.id, retry, true}, link{e.source.id, e.target.id, e.required})
		}
	}
	for _, e := range edges {
		if isDownstream(e) {
			retry, ok := retryOf[e.source.id]
			if !ok {
				return nil, fmt.Errorf("dependency GraphML: %s has no person resource that depends on it", e.source.id)
			}
			links = append(links, link{retry, e.target.id, e.required})
		}
	}
	for _, e := range edges {
		if !isUpstream(e) && !isDownstream(e) {
			links = append(links, link{e.source.id, e.target.id, e.required})
		}
	}
	// Distinct (first wins), grouped by source in order of appearance, then
	// groups sorted by source and each group by target.
	seen := map[[2]string]bool{}
	var groups [][]link
	groupOf := map[string]int{}
	for _, l := range links {
		if seen[[2]string{l.source, l.target}] {
			continue
		}
		seen[[2]string{l.source, l.target}] = true
		i, ok := groupOf[l.source]
		if !ok {
			i = len(groups)
			groupOf[l.source] = i
			groups = append(groups, nil)
		}
		groups[i] = append(groups[i], l)
	}
	slices.SortStableFunc(groups, func(a, b []link) int { return compareCulture(a[0].source, b[0].source) })
	for _, group := range groups {
		slices.SortStableFunc(group, func(a, b link) int { return compareCulture(a.target, b.target) })
		for _, l := range group {
			source, target := nodes[l.source], nodes[l.target]
			if source == nil || target == nil {
				return nil, fmt.Errorf("dependency GraphML: edge %s -> %s names an unknown node", l.source, l.target)
			}
			out.addEdge(&edge{source: source, target: target, required: l.required})
		}
	}
	if err := out.breakCycles(); err != nil {
		return nil, err
	}

	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	b.WriteString("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n")
	b.WriteString("<graph id=\"EdFi Dependencies\" edgedefault=\"directed\">\n")
	for _, v := range out.live() {
		fmt.Fprintf(&b, "<node id=\"%s\"/>\n", v.id)
	}
	for _, e := range out.edges() {
		fmt.Fprintf(&b, "<edge source=\"%s\" target=\"%s\"/>\n", e.source.id, e.target.id)
	}
	b.WriteString("</graph>\n</graphml>\n")
	return []byte(b.String()), nil
}
