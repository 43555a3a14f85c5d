package roundtrip

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"sort"
	"strconv"
)

// serverMembers are the top-level members the server adds to every
// document it returns; a round trip ignores them.
var serverMembers = []string{"id", "_etag", "_lastModifiedDate"}

// decode parses a JSON document keeping numbers as written.
func decode(b []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

// Diff compares a document as sent with the document the server returned
// and describes the first difference ("" when they are equal). It ignores
// the members the server adds (id, _etag, _lastModifiedDate) and the link
// objects of references, and compares numbers by value (1.50 equals 1.5),
// everything else exactly, array order included.
func Diff(sent, returned []byte) (string, error) {
	s, err := decode(sent)
	if err != nil {
		return "", fmt.Errorf("sent document: %w", err)
	}
	r, err := decode(returned)
	if err != nil {
		return "", fmt.Errorf("returned document: %w", err)
	}
	if m, ok := r.(map[string]any); ok {
		for _, k := range serverMembers {
			delete(m, k)
		}
	}
	if m, ok := s.(map[string]any); ok {
		delete(m, "id") // a PUT body may carry it
	}
	dropLinks(r)
	return diff("$", s, r), nil
}

// dropLinks removes the {"rel", "href"} objects the server adds to
// references when resource links are on.
func dropLinks(v any) {
	switch x := v.(type) {
	case map[string]any:
		if l, ok := x["link"].(map[string]any); ok && l["rel"] != nil && l["href"] != nil {
			delete(x, "link")
		}
		for _, m := range x {
			dropLinks(m)
		}
	case []any:
		for _, m := range x {
			dropLinks(m)
		}
	}
}

func diff(path string, sent, got any) string {
	switch s := sent.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return fmt.Sprintf("%s: sent an object, got %s", path, show(got))
		}
		for _, k := range sortedKeys(s) {
			gv, ok := g[k]
			if !ok {
				return fmt.Sprintf("%s.%s: sent %s, missing in the response", path, k, show(s[k]))
			}
			if d := diff(path+"."+k, s[k], gv); d != "" {
				return d
			}
		}
		for _, k := range sortedKeys(g) {
			if _, ok := s[k]; !ok {
				return fmt.Sprintf("%s.%s: not sent, the response has %s", path, k, show(g[k]))
			}
		}
		return ""
	case []any:
		g, ok := got.([]any)
		if !ok {
			return fmt.Sprintf("%s: sent an array, got %s", path, show(got))
		}
		for i := range min(len(s), len(g)) {
			if d := diff(path+"["+strconv.Itoa(i)+"]", s[i], g[i]); d != "" {
				return d
			}
		}
		if len(s) != len(g) {
			return fmt.Sprintf("%s: sent %d items, got %d", path, len(s), len(g))
		}
		return ""
	case json.Number:
		if g, ok := got.(json.Number); ok && sameNumber(s, g) {
			return ""
		}
	default:
		if sent == got {
			return ""
		}
	}
	return fmt.Sprintf("%s: sent %s, got %s", path, show(sent), show(got))
}

func sameNumber(a, b json.Number) bool {
	x, okx := new(big.Rat).SetString(string(a))
	y, oky := new(big.Rat).SetString(string(b))
	return okx && oky && x.Cmp(y) == 0
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// show renders a value for a message, shortened when long.
func show(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	if len(b) > 120 {
		return string(b[:117]) + "..."
	}
	return string(b)
}
