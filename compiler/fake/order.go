package fake

import (
	"fmt"
	"slices"
	"strings"
)

// plan is the generation order: descriptors first, then the other resources
// so that every reference a document keeps points at a resource generated
// before it.
type plan struct {
	order []*resource
	// omitted lists the optional references dropped to break reference
	// cycles, as "project/resource: mappingKey -> project/target".
	omitted []string
}

// dependencies is the "generated before" graph: deps[r] holds the
// resources r's documents point at.
type dependencies struct {
	deps [][]int // by resource ordinal, sorted and unique
}

func (d *dependencies) add(from, to int) {
	if !slices.Contains(d.deps[from], to) {
		d.deps[from] = append(d.deps[from], to)
		slices.Sort(d.deps[from])
	}
}

// reaches reports whether from depends, directly or not, on to.
func (d *dependencies) reaches(from, to int) bool {
	seen := make([]bool, len(d.deps))
	stack := []int{from}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n == to {
			return true
		}
		if seen[n] {
			continue
		}
		seen[n] = true
		stack = append(stack, d.deps[n]...)
	}
	return false
}

// buildPlan orders the resources. Mandatory references (present in every
// document) must form an acyclic graph, or no file can be loaded front to
// back; a mandatory reference to an abstract resource needs at least one
// concrete subclass that can come first. Optional references are kept
// where they do not close a cycle and are otherwise omitted from the
// documents (reported in plan.omitted). A reference from a resource to
// itself is fine: it points at an earlier document of the same resource.
//
// only, when not empty, limits the plan to those resources plus what their
// mandatory references need and the descriptors they use.
func buildPlan(m *model, only []*resource) (*plan, error) {
	d := &dependencies{deps: make([][]int, len(m.resources))}
	label := func(r *resource) string { return r.project.EndpointName + "/" + r.endpoint }
	// needs holds the edges that make a resource's documents possible at
	// all; the --resource closure follows them.
	needs := &dependencies{deps: make([][]int, len(m.resources))}
	for _, r := range m.resources {
		for _, s := range r.siteOrder {
			if !s.mandatory || len(s.targets) != 1 {
				continue
			}
			t := s.targets[0]
			if t == r {
				return nil, fmt.Errorf("resource %s: mandatory reference %s (%s) points at its own resource, so no first document can exist",
					label(r), s.key, s.path)
			}
			d.add(r.ordinal, t.ordinal)
			needs.add(r.ordinal, t.ordinal)
		}
	}
	if cycle := findCycle(d); cycle != nil {
		names := make([]string, len(cycle))
		for i, o := range cycle {
			names[i] = label(m.resources[o])
		}
		return nil, fmt.Errorf("mandatory references form a cycle, so no resource in it can be loaded first: %s", strings.Join(names, " -> "))
	}
	for _, r := range m.resources {
		for _, s := range r.siteOrder {
			if !s.mandatory || len(s.targets) == 1 {
				continue
			}
			kept := 0
			for _, t := range s.targets {
				if t != r && !d.reaches(t.ordinal, r.ordinal) {
					d.add(r.ordinal, t.ordinal)
					needs.add(r.ordinal, t.ordinal)
					kept++
				}
			}
			if kept == 0 {
				return nil, fmt.Errorf("resource %s: mandatory reference %s (%s) to abstract %s: every concrete subclass depends on %s, so none can be loaded first",
					label(r), s.key, s.path, s.target, label(r))
			}
		}
	}
	p := &plan{}
	for _, r := range m.resources {
		for _, s := range r.siteOrder {
			if s.mandatory {
				continue
			}
			for _, t := range s.targets {
				switch {
				case t == r:
				case d.reaches(t.ordinal, r.ordinal):
					p.omitted = append(p.omitted, fmt.Sprintf("%s: %s -> %s", label(r), s.key, label(t)))
				default:
					d.add(r.ordinal, t.ordinal)
				}
			}
		}
	}

	include := make([]bool, len(m.resources))
	if len(only) == 0 {
		for i := range include {
			include[i] = true
		}
	} else {
		var stack []int
		for _, r := range only {
			stack = append(stack, r.ordinal)
		}
		for len(stack) > 0 {
			n := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if include[n] {
				continue
			}
			include[n] = true
			stack = append(stack, needs.deps[n]...)
		}
		for i, in := range slices.Clone(include) {
			if !in {
				continue
			}
			for _, ds := range m.resources[i].descriptors {
				include[ds.target.ordinal] = true
			}
		}
	}

	for _, r := range m.resources {
		if r.isDescriptor && include[r.ordinal] {
			p.order = append(p.order, r)
		}
	}
	// Kahn's algorithm, always taking the lowest-ordinal ready resource so
	// the order is stable and follows the schema's own order where free.
	done := make([]bool, len(m.resources))
	for {
		next := -1
		for _, r := range m.resources {
			if done[r.ordinal] || r.isDescriptor || !include[r.ordinal] {
				continue
			}
			ready := true
			for _, dep := range d.deps[r.ordinal] {
				if !done[dep] && include[dep] && !m.resources[dep].isDescriptor {
					ready = false
					break
				}
			}
			if ready {
				next = r.ordinal
				break
			}
		}
		if next < 0 {
			break
		}
		done[next] = true
		p.order = append(p.order, m.resources[next])
	}
	return p, nil
}

// findCycle returns one cycle of the graph as a list of ordinals (first
// repeated at the end), or nil.
func findCycle(d *dependencies) []int {
	const (
		white = iota
		grey
		black
	)
	color := make([]int, len(d.deps))
	var path []int
	var visit func(n int) []int
	visit = func(n int) []int {
		color[n] = grey
		path = append(path, n)
		for _, t := range d.deps[n] {
			switch color[t] {
			case grey:
				i := slices.Index(path, t)
				return append(slices.Clone(path[i:]), t)
			case white:
				if c := visit(t); c != nil {
					return c
				}
			}
		}
		path = path[:len(path)-1]
		color[n] = black
		return nil
	}
	for n := range d.deps {
		if color[n] == white {
			if c := visit(n); c != nil {
				return c
			}
		}
	}
	return nil
}
