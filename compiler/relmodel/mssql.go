package relmodel

import (
	"fmt"
	"sort"
	"strings"
)

// cascadeEdge is a document-reference FK with ON UPDATE CASCADE: identity
// changes flow from the referenced table (from) to the receiver (to).
type cascadeEdge struct {
	from, to string
	receiver *Table
	fk       *Constraint
	key      string // stable PruningEdgeKey order
}

// mssqlForeignKeyActions assigns SQL Server ON UPDATE actions. SQL Server
// rejects multiple cascade paths between two tables, so cascade cycles fail
// and, per mutable origin, every convergence of two cascade paths keeps one
// survivor (the first in stable key order whose reference DocumentId is
// required) and turns the other incoming edges into ON UPDATE NO ACTION.
// This implements the structural core of design-docs/sql-server-pruning.md;
// its carrier-column safe-cut test and shared-FK retry are not modelled.
func (b *builder) mssqlForeignKeyActions() error {
	if b.dialect != MSSQL {
		return nil
	}
	var edges []*cascadeEdge
	for _, rb := range b.builds {
		for _, t := range rb.res.Tables {
			for _, c := range t.Constraints {
				if c.Kind != ConForeignKey || c.OnUpdate != Cascade {
					continue
				}
				edges = append(edges, &cascadeEdge{
					from: c.TargetTable.String(), to: t.Name.String(), receiver: t, fk: c,
					key: strings.Join([]string{t.Name.String(), strings.Join(c.Columns, ","), c.TargetTable.String(), strings.Join(c.TargetColumns, ","), string(c.OnDelete)}, "|"),
				})
			}
		}
	}
	sort.SliceStable(edges, func(i, j int) bool { return ordinalLess(edges[i].key, edges[j].key) })
	if err := rejectCascadeCycles(edges); err != nil {
		return err
	}
	topo := topologicalOrder(edges)
	for _, origin := range b.mutableOrigins() {
		for {
			conv := findConvergence(origin, edges, topo)
			if conv == nil {
				break
			}
			var survivor *cascadeEdge
			for _, e := range conv {
				if fk := e.fk.Columns[len(e.fk.Columns)-1]; e.receiver.Column(fk) != nil && !e.receiver.Column(fk).Nullable {
					survivor = e
					break
				}
			}
			if survivor == nil {
				if !b.immutableAbstractOrigin(origin) {
					return fmt.Errorf("relational model: NoSafeSqlServerForeignKeyPruning: cascade paths from %s converge at %s and no incoming reference is a required carrier",
						origin, conv[0].to)
				}
				survivor = conv[0]
			}
			for _, e := range conv {
				if e != survivor {
					e.fk.OnUpdate = NoAction
				}
			}
		}
	}
	return nil
}

// mutableOrigins lists tables whose identity can change: directly mutable
// resource roots and abstract identity tables, in table-name order.
func (b *builder) mutableOrigins() []string {
	var out []string
	for _, rb := range b.builds {
		if rb.res.StorageKind == RelationalTables && rb.in.allowIdentityUpdates {
			out = append(out, rb.res.Root().Name.String())
		}
	}
	for _, a := range b.out.AbstractTables {
		out = append(out, a.Table.Name.String())
	}
	sortStrings(out)
	return out
}

// immutableAbstractOrigin reports an abstract identity table none of whose
// concrete members is transitively mutable: its key never changes.
func (b *builder) immutableAbstractOrigin(origin string) bool {
	for _, a := range b.out.AbstractTables {
		if a.Table.Name.String() != origin {
			continue
		}
		for _, rb := range b.builds {
			if rb.in.superclass != nil && *rb.in.superclass == a.Resource && b.transitiveUpdates[rb.res.Name] {
				return false
			}
		}
		return true
	}
	return false
}

// findConvergence returns the retained incoming cascade edges of the most
// upstream receiver (in topological order of the cascade DAG) that two
// distinct retained edges reach from origin, or nil when there is none.
func findConvergence(origin string, edges []*cascadeEdge, topo []string) []*cascadeEdge {
	for _, receiver := range topo {
		var incoming []*cascadeEdge
		for _, in := range edges {
			if in.to == receiver && in.fk.OnUpdate == Cascade && reachable(origin, in.from, edges) {
				incoming = append(incoming, in)
			}
		}
		if len(incoming) > 1 {
			return incoming
		}
	}
	return nil
}

// topologicalOrder orders the tables of the (acyclic) cascade graph so that
// every table precedes the tables its identity changes cascade into; ties go
// by table name.
func topologicalOrder(edges []*cascadeEdge) []string {
	indegree := map[string]int{}
	for _, e := range edges {
		if _, ok := indegree[e.from]; !ok {
			indegree[e.from] = 0
		}
		indegree[e.to]++
	}
	var ready, order []string
	for n, d := range indegree {
		if d == 0 {
			ready = append(ready, n)
		}
	}
	for len(ready) > 0 {
		sortStrings(ready)
		n := ready[0]
		ready = ready[1:]
		order = append(order, n)
		for _, e := range edges {
			if e.from == n {
				indegree[e.to]--
				if indegree[e.to] == 0 {
					ready = append(ready, e.to)
				}
			}
		}
	}
	return order
}

func reachable(from, to string, edges []*cascadeEdge) bool {
	seen := map[string]bool{from: true}
	stack := []string{from}
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if v == to {
			return true
		}
		for _, e := range edges {
			if e.from == v && e.fk.OnUpdate == Cascade && !seen[e.to] {
				seen[e.to] = true
				stack = append(stack, e.to)
			}
		}
	}
	return false
}

// rejectCascadeCycles fails when cascade edges form a cycle (or self-loop).
func rejectCascadeCycles(edges []*cascadeEdge) error {
	state := map[string]int{}
	var path []string
	var visit func(n string) error
	visit = func(n string) error {
		state[n] = 1
		path = append(path, n)
		for _, e := range edges {
			if e.from != n {
				continue
			}
			switch state[e.to] {
			case 1:
				start := 0
				for i, p := range path {
					if p == e.to {
						start = i
					}
				}
				return fmt.Errorf("relational model: SqlServerCascadeCycleNotSupported: SQL Server document-reference cascade candidates form a cycle (%s); DMS does not choose an arbitrary cycle cut",
					strings.Join(append(append([]string(nil), path[start:]...), e.to), " -> "))
			case 0:
				if err := visit(e.to); err != nil {
					return err
				}
			}
		}
		path = path[:len(path)-1]
		state[n] = 2
		return nil
	}
	for _, e := range edges {
		if state[e.from] == 0 {
			if err := visit(e.from); err != nil {
				return err
			}
		}
	}
	return nil
}
