package oracle

import (
	"context"
	"strconv"

	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/edfi-dmsc/dmsc/runtime/server"
)

// checkCollections applies the collection guardrails of l
// (server.WriteLimits.CheckItems) to a decoded request body.
func checkCollections(ctx context.Context, l server.WriteLimits, doc map[string]any) *problem.Details {
	total, longest := countItems(doc)
	return l.CheckItems(ctx, total, longest, func(limit int) []server.LongArray {
		var over []server.LongArray
		longArrays(doc, "$", limit, &over)
		return over
	})
}

// countItems returns the number of array items in a decoded JSON value and
// the length of its longest array.
func countItems(v any) (total, longest int) {
	switch v := v.(type) {
	case map[string]any:
		for _, m := range v {
			t, l := countItems(m)
			total, longest = total+t, max(longest, l)
		}
	case []any:
		total, longest = len(v), len(v)
		for _, item := range v {
			t, l := countItems(item)
			total, longest = total+t, max(longest, l)
		}
	}
	return total, longest
}

// longArrays appends every array in v (found at path) longer than limit.
func longArrays(v any, path string, limit int, out *[]server.LongArray) {
	switch v := v.(type) {
	case map[string]any:
		for k, m := range v {
			longArrays(m, path+"."+k, limit, out)
		}
	case []any:
		if len(v) > limit {
			*out = append(*out, server.LongArray{Path: path, Items: len(v)})
		}
		for i, item := range v {
			longArrays(item, path+"["+strconv.Itoa(i)+"]", limit, out)
		}
	}
}
