package changes_test

import (
	"fmt"
	"net/http"
	"testing"
)

// TestLiveWindowPageOrder checks the page-selection order of live
// GET-many on a resource with collections and on a descriptor: a window
// with maxChangeVersion pages in ContentVersion order, so the document
// updated after the others comes last, while no window or minChangeVersion
// alone pages in DocumentId order; Total-Count is the same either way.
func TestLiveWindowPageOrder(t *testing.T) {
	schema, pool := provisioned(t)
	a := newAPI(t, schema, pool, on())
	a.seedDescriptors()
	for _, c := range []struct {
		path string
		doc  func(i int) map[string]any
		// change is the member the update rewrites.
		change string
	}{
		{"/data/ed-fi/schools", func(i int) map[string]any { return school(8118700 + i) }, "nameOfInstitution"},
		{"/data/ed-fi/gradeLevelDescriptors", func(i int) map[string]any {
			return descriptor("uri://ed-fi.org/GradeLevelDescriptor", fmt.Sprint("Order ", i))
		}, "shortDescription"},
	} {
		from := a.newest() + 1
		var ids []string // in creation, hence DocumentId, order
		for i := range 3 {
			ids = append(ids, a.post(c.path, c.doc(i)))
		}
		// The first document changes last: its ContentVersion moves past
		// the others'.
		changed := c.doc(0)
		changed[c.change] = "Changed"
		a.put(c.path, ids[0], changed)
		to := a.newest()

		// pages reads the query in pages of two from offset 0 and 2.
		pages := func(query string) [][]string {
			var out [][]string
			for offset := 0; offset <= 2; offset += 2 {
				r := a.must(http.StatusOK, http.MethodGet, fmt.Sprintf("%s?%s&limit=2&offset=%d&totalCount=true", c.path, query, offset), nil)
				if n := r.totalCount(t); n != 3 {
					t.Errorf("%s?%s: Total-Count %d, want 3", c.path, query, n)
				}
				var page []string
				for _, it := range r.items(t) {
					page = append(page, fmt.Sprint(it["id"]))
				}
				out = append(out, page)
			}
			return out
		}
		for _, q := range []struct {
			query string
			want  [][]string
		}{
			{fmt.Sprintf("minChangeVersion=%d", from), [][]string{{ids[0], ids[1]}, {ids[2]}}},
			{window(from, to), [][]string{{ids[1], ids[2]}, {ids[0]}}},
		} {
			if got := pages(q.query); fmt.Sprint(got) != fmt.Sprint(q.want) {
				t.Errorf("%s?%s: pages %v, want %v", c.path, q.query, got, q.want)
			}
		}
		// Over the whole collection (the seeded descriptors included), the
		// last item is the newest document with a maximum alone and the
		// newest DocumentId without a window.
		for _, q := range []struct{ query, want string }{
			{fmt.Sprintf("maxChangeVersion=%d", to), ids[0]},
			{"", ids[2]},
		} {
			n := a.must(http.StatusOK, http.MethodGet, c.path+"?limit=0&totalCount=true&"+q.query, nil).totalCount(t)
			r := a.must(http.StatusOK, http.MethodGet, fmt.Sprintf("%s?limit=1&offset=%d&%s", c.path, n-1, q.query), nil)
			if items := r.items(t); len(items) != 1 || items[0]["id"] != q.want {
				t.Errorf("%s?%s: last item %s, want id %s", c.path, q.query, r.body, q.want)
			}
		}
	}
}
