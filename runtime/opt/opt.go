// Package opt holds Value, the optional member of a generated document
// type: a scalar the API document may omit. It is a value (no pointer), so
// decoding an optional member allocates nothing.
package opt

// Value is an optional member: Present says whether the document has it
// (a member the client sent as null, or omitted, is absent).
//
// It is not comparable (==): the compiler then writes no equality
// function for the many generated types holding one, which nothing
// compares (binary size).
type Value[T any] struct {
	Value   T
	Present bool
	_       [0]func()
}

// Some returns a present value.
func Some[T any](v T) Value[T] { return Value[T]{Value: v, Present: true} }

// Get returns the value and whether it is present.
func (o Value[T]) Get() (T, bool) { return o.Value, o.Present }
