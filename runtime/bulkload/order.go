package bulkload

import (
	"context"
	"strings"
	"sync"

	"github.com/edfi-dmsc/dmsc/runtime/engine"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/google/uuid"
)

// Keys are what orders a document among the others: the referential ids
// it answers to once written (Identities) and those of the documents it
// refers to (References).
type Keys struct {
	Identities, References []uuid.UUID
}

// Waves orders documents by their dependencies: it returns the indices of
// keys in waves, each wave in index order, such that a document comes in a
// later wave than every document of the input that it refers to, so that
// the documents of one wave can be written in any order or at once. A
// document providing an identity that an earlier document provides too (a
// later version of the same document, or a subclass sharing its superclass
// identity with another) comes after that document, so the outcome is that
// of the input order. References to documents that are not in the input
// order nothing (they must exist already). Documents on a reference cycle,
// which no order can load, come last.
func Waves(keys []Keys) [][]int {
	n := len(keys)
	deps := make([][]int, n)
	first := map[uuid.UUID]int{}
	last := map[uuid.UUID]int{}
	for i, k := range keys {
		for _, id := range k.Identities {
			if j, ok := last[id]; ok && j != i {
				deps[i] = append(deps[i], j)
			} else if !ok {
				first[id] = i
			}
			last[id] = i
		}
	}
	for i, k := range keys {
		for _, id := range k.References {
			if j, ok := first[id]; ok && j != i {
				deps[i] = append(deps[i], j)
			}
		}
	}
	// Kahn's algorithm: a document's wave is one past its latest
	// dependency's.
	waiting := make([]int, n)
	dependents := make([][]int, n)
	for i, ds := range deps {
		for _, j := range ds {
			dependents[j] = append(dependents[j], i)
			waiting[i]++
		}
	}
	wave := make([]int, n)
	var ready []int
	for i := range n {
		if waiting[i] == 0 {
			ready = append(ready, i)
		}
	}
	placed, deepest := 0, 0
	for len(ready) > 0 {
		i := ready[len(ready)-1]
		ready = ready[:len(ready)-1]
		placed++
		deepest = max(deepest, wave[i])
		for _, d := range dependents[i] {
			wave[d] = max(wave[d], wave[i]+1)
			if waiting[d]--; waiting[d] == 0 {
				ready = append(ready, d)
			}
		}
	}
	if placed < n {
		deepest++
		for i := range n {
			if waiting[i] > 0 {
				wave[i] = deepest
			}
		}
	}
	waves := make([][]int, deepest+1)
	for i := range n {
		waves[wave[i]] = append(waves[wave[i]], i)
	}
	return waves
}

// resourceIndex finds the resource plan a line names, as the server's
// router does (case-insensitively).
type resourceIndex map[string]*spec.Resource

func newResourceIndex(s *spec.Schema) resourceIndex {
	idx := resourceIndex{}
	for _, r := range s.Resources {
		idx[strings.ToLower(r.ProjectEndpoint)+"/"+strings.ToLower(r.Endpoint)] = r
	}
	return idx
}

func (idx resourceIndex) of(l Line) *spec.Resource {
	return idx[strings.ToLower(l.Project)+"/"+strings.ToLower(l.Resource)]
}

// checked is the outcome of preparing every line of a file.
type checked struct {
	// keys order the lines; resources are the plans they name (nil for
	// lines that name none or fail before the database is read).
	keys      []Keys
	resources []*spec.Resource
	// prepared holds the prepared documents when they were kept.
	prepared []*engine.Prepared
}

// check runs engine.Writer.Prepare over every line, on workers goroutines,
// and keeps the prepared documents when keep is set. refused, when set, is
// called (from several goroutines) with each line the server would refuse
// before reading the database, and its answer.
func check(ctx context.Context, w *engine.Writer, schema *spec.Schema, lines []Line, workers int, keep bool,
	refused func(l Line, p *problem.Details)) checked {
	idx := newResourceIndex(schema)
	c := checked{keys: make([]Keys, len(lines)), resources: make([]*spec.Resource, len(lines))}
	if keep {
		c.prepared = make([]*engine.Prepared, len(lines))
	}
	parallel(len(lines), workers, func(i int) {
		res := idx.of(lines[i])
		if res == nil {
			if refused != nil {
				refused(lines[i], problem.NotFound(""))
			}
			return
		}
		p := w.Prepare(ctx, res, lines[i].Body)
		if p.Problem() != nil {
			if refused != nil {
				refused(lines[i], p.Problem())
			}
			return
		}
		c.keys[i] = Keys{Identities: p.Identities(), References: p.References()}
		c.resources[i] = res
		if keep {
			c.prepared[i] = p
		}
	})
	return c
}

// Plan orders lines in waves (see Waves) by the identities and references
// that w's codecs compute for them — the same code the server runs. Lines
// the schema does not know, or that fail validation, depend on nothing.
func Plan(ctx context.Context, w *engine.Writer, schema *spec.Schema, lines []Line, workers int) [][]int {
	return Waves(check(ctx, w, schema, lines, workers, false, nil).keys)
}

// parallel calls fn(0..n-1) on workers goroutines.
func parallel(n, workers int, fn func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range max(workers, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
