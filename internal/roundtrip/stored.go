package roundtrip

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"

	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// storedPage is the page size Stored reads with.
const storedPage = 100

// Stored reads every document of the resources through the server at base
// (GET-many, page by page) and returns, per resource path
// (/data/{project}/{endpoint}), the documents without their server-assigned
// members (id, _etag, _lastModifiedDate, reference links) as canonical
// JSON, sorted: two databases loaded with the same documents give equal
// results.
func Stored(ctx context.Context, client *http.Client, base string, resources []*spec.Resource) (map[string][]string, error) {
	out := map[string][]string{}
	for _, r := range resources {
		path := "/data/" + r.ProjectEndpoint + "/" + r.Endpoint
		for offset := 0; ; offset += storedPage {
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, fmt.Sprintf("%s%s?limit=%d&offset=%d", base, path, storedPage, offset), nil)
			if err != nil {
				return nil, err
			}
			resp, err := client.Do(req)
			if err != nil {
				return nil, err
			}
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil {
				return nil, err
			}
			if resp.StatusCode != http.StatusOK {
				return nil, fmt.Errorf("GET %s: %d %s", path, resp.StatusCode, body)
			}
			var page []map[string]any
			if err := json.Unmarshal(body, &page); err != nil {
				return nil, fmt.Errorf("GET %s: %w", path, err)
			}
			for _, doc := range page {
				delete(doc, "id")
				delete(doc, "_etag")
				delete(doc, "_lastModifiedDate")
				dropLinks(doc)
				canonical, err := json.Marshal(doc)
				if err != nil {
					return nil, err
				}
				out[path] = append(out[path], string(canonical))
			}
			if len(page) < storedPage {
				break
			}
		}
		slices.Sort(out[path])
	}
	return out, nil
}
