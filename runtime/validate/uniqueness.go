package validate

import "strings"

// EqualityValues collects the values found at the source and target paths
// of one equalityConstraints entry, distinct and in first-seen order, as the
// reference compares them: by JSON text (a string's content, a number's
// text). A constraint is violated when more than one distinct value is
// present; absent values take no part.
type EqualityValues struct {
	values []string
}

// Reset empties e for the next constraint, keeping its buffer.
func (e *EqualityValues) Reset() { e.values = e.values[:0] }

// Add records one value found at the source or target path.
func (e *EqualityValues) Add(value string) {
	for _, have := range e.values {
		if have == value {
			return
		}
	}
	e.values = append(e.values, value)
}

// Conflict reports whether the values disagree.
func (e *EqualityValues) Conflict() bool { return len(e.values) > 1 }

// Values returns the distinct values in first-seen order.
func (e *EqualityValues) Values() []string { return e.values }

// ItemKeys detects array items that repeat the identifying values of an
// earlier item (arrayUniquenessConstraints). Generated code calls Seen with
// each item's key in array order; the first true answer names the duplicate.
type ItemKeys struct {
	seen map[string]struct{}
}

// Reset empties k for the next array, keeping its map.
func (k *ItemKeys) Reset() { clear(k.seen) }

// Seen records key and reports whether an earlier item had the same key.
// It is not inlined: generated code calls it at hundreds of sites, each of
// which would carry the map lookup and insertion (binary size).
//
//go:noinline
func (k *ItemKeys) Seen(key string) bool {
	if k.seen == nil {
		k.seen = make(map[string]struct{})
	}
	if _, dup := k.seen[key]; dup {
		return true
	}
	k.seen[key] = struct{}{}
	return false
}

// ItemKey builds the comparison key of one array item from the value at
// each of the constraint's paths, in constraint order, joining them with
// "||" as the reference does. An absent value is "". A path that crosses a
// nested array yields several values, which the caller joins with "|" into
// one argument. Values are compared as JSON text, exactly (descriptor URIs
// are not case-folded).
func ItemKey(values ...string) string { return strings.Join(values, "||") }
