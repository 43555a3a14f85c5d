package apiload

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

func TestWithPoolSize(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://u@h:5432/db?sslmode=disable": "postgres://u@h:5432/db?pool_max_conns=5&sslmode=disable",
		"postgresql://h/db":                      "postgresql://h/db?pool_max_conns=5",
		"host=h dbname=db":                       "host=h dbname=db pool_max_conns=5",
		"host=h pool_max_conns=2":                "host=h pool_max_conns=2",
	} {
		if got := WithPoolSize(in, 5); got != want {
			t.Errorf("WithPoolSize(%q) = %q, want %q", in, got, want)
		}
	}
}
