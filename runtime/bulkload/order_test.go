package bulkload

import (
	"reflect"
	"testing"

	"github.com/google/uuid"
)

func TestWaves(t *testing.T) {
	id := func(n byte) uuid.UUID { return uuid.UUID{n} }
	keys := []Keys{
		{Identities: []uuid.UUID{id(3)}, References: []uuid.UUID{id(2)}},        // 0: a child before its parent
		{Identities: []uuid.UUID{id(2)}, References: []uuid.UUID{id(1), id(9)}}, // 1: refers to 2 and to a stored document
		{Identities: []uuid.UUID{id(1)}},                                        // 2: the root
		{Identities: []uuid.UUID{id(1)}},                                        // 3: the root again: after the first
		{Identities: []uuid.UUID{id(4), id(5)}, References: []uuid.UUID{id(4)}}, // 4: refers to itself
		{Identities: []uuid.UUID{id(6), id(5)}},                                 // 5: shares identity 5 with 4
		{Identities: []uuid.UUID{id(7)}, References: []uuid.UUID{id(8)}},        // 6: a cycle
		{Identities: []uuid.UUID{id(8)}, References: []uuid.UUID{id(7)}},        // 7
		{}, // 8: unknown or invalid
	}
	want := [][]int{{2, 4, 8}, {1, 3, 5}, {0}, {6, 7}}
	if got := Waves(keys); !reflect.DeepEqual(got, want) {
		t.Errorf("Waves = %v, want %v", got, want)
	}
}

func TestWithParam(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://u@h:5432/db?sslmode=disable": "postgres://u@h:5432/db?plan_cache_mode=force_generic_plan&sslmode=disable",
		"postgresql://h/db":                      "postgresql://h/db?plan_cache_mode=force_generic_plan",
		"host=h dbname=db":                       "host=h dbname=db plan_cache_mode=force_generic_plan",
		"postgres://h/db?plan_cache_mode=auto":   "postgres://h/db?plan_cache_mode=auto",
		"host=h plan_cache_mode=auto":            "host=h plan_cache_mode=auto",
	} {
		if got := withParam(in, "plan_cache_mode", "force_generic_plan"); got != want {
			t.Errorf("withParam(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestScheduler(t *testing.T) {
	resource := func(i int) int {
		switch {
		case i < 10:
			return 5
		case i < 13 || i >= 20 && i < 24:
			return 1
		case i < 15:
			return 3
		}
		return 2
	}
	s := newScheduler(2, 3, 2)
	// Wave 1: 10 documents of resource 5, 3 of resource 1, 2 of resource 3,
	// 1 of resource 2. An equal share is 8: resource 5 is cut into 8 and 2,
	// the other resources go whole to the worker with fewer documents, and
	// each worker's batches follow schema order.
	wave := make([]int, 16)
	for i := range wave {
		wave[i] = i
	}
	want := [][][]int{{{0, 1, 2}, {3, 4, 5}, {6, 7}}, {{10, 11, 12}, {15, 13, 14}, {8, 9}}}
	if got := s.share(wave, resource); !reflect.DeepEqual(got, want) {
		t.Errorf("wave 1: %v, want %v", got, want)
	}
	// Wave 2: 4 documents of resource 1, 4 of resource 2. Both workers are
	// idle and both resources were written by worker 1: resource 1 goes
	// back to it, resource 2 would make its share more than half the wave
	// (2 CPUs) and goes to worker 0.
	want = [][][]int{{{24, 25, 26}, {27}}, {{20, 21, 22}, {23}}}
	if got := s.share([]int{20, 21, 22, 23, 24, 25, 26, 27}, resource); !reflect.DeepEqual(got, want) {
		t.Errorf("wave 2: %v, want %v", got, want)
	}
	if got := newScheduler(3, 3, 2).share([]int{0}, resource); !reflect.DeepEqual(got, [][][]int{{{0}}, nil, nil}) {
		t.Errorf("one document: %v", got)
	}
}
