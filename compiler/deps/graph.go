// Package deps computes the resource load order that an Ed-Fi API publishes
// at /metadata/dependencies (JSON, and GraphML for Accept:
// application/graphml), the way the reference implementation computes it:
// a graph of every resource with an edge from each referenced resource to
// the resource that references it, person resources routed through their
// primary associations (a Student can only be updated once a
// StudentSchoolAssociation exists), optional references dropped where they
// close a cycle, then groups of resources whose dependencies are all in
// earlier groups.
//
// Orders that the reference takes from its graph library (vertices in
// insertion order, edges in insertion order per vertex) are reproduced with
// slices, so the output is deterministic and matches what a client sees.
package deps

import (
	"fmt"
	"slices"
	"strings"

	"github.com/edfi-dmsc/dmsc/compiler/load"
)

// vertex is one resource (or, in the GraphML graph, a "#Retry" node).
type vertex struct {
	id string // endpoint path, e.g. /ed-fi/schools

	project, resource string // ProjectName and resourceName, e.g. Ed-Fi, School

	isExtension, isSubclass, isSchoolYear bool
	superclass                            string

	out, in []*edge
	removed bool
}

func (v *vertex) is(project, resource string) bool {
	return v.project == project && v.resource == resource
}

// edge says target depends on source (target references source).
type edge struct {
	source, target *vertex
	required       bool
}

// graph keeps vertices and per-vertex edge lists in insertion order; edges
// are equal when source and target are (parallel edges are allowed).
type graph struct {
	vertices []*vertex
}

func (g *graph) live() []*vertex {
	out := make([]*vertex, 0, len(g.vertices))
	for _, v := range g.vertices {
		if !v.removed {
			out = append(out, v)
		}
	}
	return out
}

func (g *graph) addEdge(e *edge) {
	e.source.out = append(e.source.out, e)
	e.target.in = append(e.target.in, e)
}

// removeEdge removes the first edge equal to e from its source's out list
// and from its target's in list.
func (g *graph) removeEdge(e *edge) {
	e.source.out = removeFirst(e.source.out, e)
	e.target.in = removeFirst(e.target.in, e)
}

func removeFirst(list []*edge, e *edge) []*edge {
	for i, x := range list {
		if x.source == e.source && x.target == e.target {
			return append(list[:i:i], list[i+1:]...)
		}
	}
	return list
}

func (g *graph) removeVertex(v *vertex) {
	for _, e := range v.out {
		e.target.in = removeFirst(e.target.in, e)
	}
	for _, e := range v.in {
		e.source.out = removeFirst(e.source.out, e)
	}
	v.out, v.in, v.removed = nil, nil, true
}

// edges lists every edge by source vertex, in vertex then insertion order.
func (g *graph) edges() []*edge {
	var out []*edge
	for _, v := range g.live() {
		out = append(out, v.out...)
	}
	return out
}

// resourceGraph builds the dependency graph of a schema set: every
// endpoint-owning resource of every project (core first) is a vertex; each
// reference is an edge from the referenced resource, or from every subclass
// of a referenced abstract resource; a resource extension's references
// count for the core resource it extends; SchoolYearType (an enumeration
// every API preloads) is left out. Person references are then re-routed
// and cycles broken.
func resourceGraph(set *load.SchemaSet) (*graph, error) {
	core := set.Core().ProjectName
	type node struct {
		v       *vertex
		mapping []referenceTarget
	}
	var nodes []node
	byName := map[[2]string]*vertex{}
	abstract := map[[2]string]bool{}
	for _, p := range set.Projects {
		for _, a := range p.Schema.Get("abstractResources").ObjectMembers() {
			abstract[[2]string{p.ProjectName, a.Key}] = true
		}
		for _, m := range p.Schema.Get("resourceSchemas").ObjectMembers() {
			rs := m.Value
			v := &vertex{
				project:      p.ProjectName,
				resource:     rs.Get("resourceName").StringOr(""),
				isExtension:  rs.Get("isResourceExtension").BoolOr(false),
				isSubclass:   rs.Get("isSubclass").BoolOr(false),
				isSchoolYear: rs.Get("isSchoolYearEnumeration").BoolOr(false),
			}
			if v.isSubclass {
				v.superclass = rs.Get("superclassResourceName").StringOr("")
			}
			if !v.isExtension {
				endpoint, ok := p.Schema.Get("resourceNameMapping").Get(v.resource).Str()
				if !ok {
					return nil, fmt.Errorf("%s: resourceNameMapping has no endpoint for %s", p.File, v.resource)
				}
				v.id = "/" + p.EndpointName + "/" + endpoint
			}
			refs, err := referencesOf(p, m.Key)
			if err != nil {
				return nil, err
			}
			nodes = append(nodes, node{v, refs})
			byName[[2]string{v.project, v.resource}] = v
		}
	}
	g := &graph{}
	subclasses := map[string][]*vertex{}
	for _, n := range nodes {
		if !n.v.isExtension {
			g.vertices = append(g.vertices, n.v)
			if n.v.isSubclass {
				subclasses[n.v.superclass] = append(subclasses[n.v.superclass], n.v)
			}
		}
	}
	seen := map[[2]*vertex]bool{}
	add := func(source, target *vertex, required bool) {
		if key := [2]*vertex{source, target}; !seen[key] {
			seen[key] = true
			g.addEdge(&edge{source: source, target: target, required: required})
		}
	}
	for _, n := range nodes {
		target := n.v
		if target.isExtension {
			if target = byName[[2]string{core, n.v.resource}]; target == nil {
				return nil, fmt.Errorf("resource extension %s.%s extends %s.%s, which does not exist", n.v.project, n.v.resource, core, n.v.resource)
			}
		}
		for _, ref := range n.mapping {
			if abstract[[2]string{ref.project, ref.resource}] {
				for _, sub := range subclasses[ref.resource] {
					add(sub, target, ref.required)
				}
				continue
			}
			source := byName[[2]string{ref.project, ref.resource}]
			if source == nil {
				return nil, fmt.Errorf("%s.%s references %s.%s, which does not exist", n.v.project, n.v.resource, ref.project, ref.resource)
			}
			add(source, target, ref.required)
		}
	}
	for _, v := range g.live() {
		if v.isSchoolYear {
			g.removeVertex(v)
		}
	}
	routePeopleThroughAssociations(g, core)
	if err := g.breakCycles(); err != nil {
		return nil, err
	}
	return g, nil
}

// referenceTarget is one reference of a resource's documentPathsMapping.
type referenceTarget struct {
	project, resource string
	required          bool
}

func referencesOf(p *load.Project, key string) ([]referenceTarget, error) {
	var out []referenceTarget
	for _, m := range p.Schema.Get("resourceSchemas").Get(key).Get("documentPathsMapping").ObjectMembers() {
		if !m.Value.Get("isReference").BoolOr(false) {
			continue
		}
		project, ok1 := m.Value.Get("projectName").Str()
		resource, ok2 := m.Value.Get("resourceName").Str()
		required := m.Value.Get("isRequired")
		if !ok1 || !ok2 || required == nil {
			return nil, fmt.Errorf("%s: resourceSchemas.%s.documentPathsMapping.%s: a reference needs projectName, resourceName and isRequired", p.File, key, m.Key)
		}
		out = append(out, referenceTarget{project, resource, required.BoolOr(false)})
	}
	return out, nil
}

// routePeopleThroughAssociations re-points what depends on a person to the
// person's primary association(s): a Student is only visible to a client
// once enrolled, so resources referencing students wait for
// StudentSchoolAssociation; likewise Staff (both staff-education
// organization associations) and Contact or Parent (its student
// association). A schema that has the person but not its associations (a
// subset such as the bundled schema) keeps the person's references as they
// are; the reference fails on such a schema instead.
func routePeopleThroughAssociations(g *graph, core string) {
	find := func(name string) *vertex {
		for _, v := range g.live() {
			if v.is(core, name) {
				return v
			}
		}
		return nil
	}
	reroute := func(person *vertex, associations ...*vertex) {
		if person == nil || slices.Contains(associations, nil) {
			return
		}
		var moved []*edge
		for _, e := range person.out {
			if !slices.Contains(associations, e.target) {
				moved = append(moved, e)
			}
		}
		for _, e := range moved {
			g.removeEdge(e)
			for _, a := range associations {
				g.addEdge(&edge{source: a, target: e.target, required: e.required})
			}
		}
	}
	reroute(find("Student"), find("StudentSchoolAssociation"))
	reroute(find("Staff"), find("StaffEducationOrganizationAssignmentAssociation"), find("StaffEducationOrganizationEmploymentAssociation"))
	for _, v := range g.live() {
		if v.is(core, "Contact") || v.is(core, "Parent") {
			reroute(v, find("Student"+v.resource+"Association"))
			break
		}
	}
}

// breakCycles removes optional edges that close cycles. Cycles are found
// by a depth-first search from every vertex in order; for each cycle the
// last position (walking the cycle backwards) whose incoming cycle edges
// are all optional loses those edges. A cycle of required references is
// an error.
func (g *graph) breakCycles() error {
	for _, cycle := range g.cycles() {
		path := cycle[:len(cycle)-1]
		inPath := map[*vertex]bool{}
		for _, v := range path {
			inPath[v] = true
		}
		cycleEdges := func(dependent *vertex) []*edge {
			var out []*edge
			for _, e := range dependent.in {
				if inPath[e.source] {
					out = append(out, e)
				}
			}
			return out
		}
		var chosen []*edge
		found := false
		for i := len(path) - 1; i >= 0 && !found; i-- {
			candidate := cycleEdges(path[(i+1)%len(path)])
			found = true
			for _, e := range candidate {
				found = found && !e.required
			}
			if found {
				chosen = candidate
			}
		}
		if !found {
			names := make([]string, len(cycle))
			for i, v := range cycle {
				names[i] = v.String()
			}
			return fmt.Errorf("circular dependency of required references: %s", strings.Join(names, " is used by "))
		}
		for _, e := range chosen {
			g.removeEdge(e)
		}
	}
	return nil
}

func (v *vertex) String() string {
	if v.resource == "" {
		return v.id
	}
	return v.project + "." + v.resource
}

// cycles returns every cycle the depth-first search meets, each as its
// vertex path with the first vertex repeated at the end.
func (g *graph) cycles() [][]*vertex {
	visited := map[*vertex]bool{}
	var stack []*vertex
	var cycles [][]*vertex
	var visit func(v *vertex)
	visit = func(v *vertex) {
		for i, s := range stack {
			if s == v {
				cycle := append(append([]*vertex{}, stack[i:]...), v)
				cycles = append(cycles, cycle)
				visited[v] = true
				return
			}
		}
		if visited[v] {
			return
		}
		visited[v] = true
		stack = append(stack, v)
		children := make([]*vertex, len(v.out))
		for i, e := range v.out {
			children[i] = e.target
		}
		for _, c := range children {
			visit(c)
		}
		stack = stack[:len(stack)-1]
	}
	for _, v := range g.live() {
		visit(v)
	}
	return cycles
}
