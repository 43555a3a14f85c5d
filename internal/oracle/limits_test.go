package oracle

import (
	"context"
	"testing"

	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/edfi-dmsc/dmsc/runtime/server"
)

// TestCheckCollections: each array over the limit is named by its
// concrete path, in path order; the total is checked across arrays.
func TestCheckCollections(t *testing.T) {
	ctx := context.Background()
	three := []any{map[string]any{}, map[string]any{}, map[string]any{}}
	doc := map[string]any{
		"addresses": []any{
			map[string]any{"periods": []any{1}},
			map[string]any{"periods": []any{1, 2, 3}},
		},
		"gradeLevels": three,
		"nested":      map[string]any{"items": []any{"a", "b"}},
	}
	p := checkCollections(ctx, server.WriteLimits{MaxCollectionItems: 2}, doc)
	if p == nil || p.Status != 400 || p.Type != problem.TypeDataValidationFailed || len(p.ValidationErrors) != 2 ||
		p.ValidationErrors[0].Path != "$.addresses[1].periods" || p.ValidationErrors[1].Path != "$.gradeLevels" ||
		p.ValidationErrors[0].Messages[0] != "The array has 3 items, more than the 2 this server accepts in one array (collection-items)." {
		t.Fatalf("per array: %s", p.JSON())
	}
	// 2 + 1 + 3 + 3 + 2 = 11 items.
	p = checkCollections(ctx, server.WriteLimits{MaxDocumentItems: 10}, doc)
	if p == nil || len(p.ValidationErrors.Messages("$")) != 1 ||
		p.ValidationErrors.Messages("$")[0] != "The document's arrays hold 11 items together, more than the 10 this server accepts in one document (document-items)." {
		t.Fatalf("per document: %v", p)
	}
	if p := checkCollections(ctx, server.WriteLimits{MaxDocumentItems: 11, MaxCollectionItems: 3}, doc); p != nil {
		t.Errorf("at the limits: %s", p.JSON())
	}
	if p := checkCollections(ctx, server.WriteLimits{MaxDocumentItems: -1, MaxCollectionItems: -1}, doc); p != nil {
		t.Errorf("disabled: %s", p.JSON())
	}
}
