package plan

import (
	"fmt"
	"slices"
	"strings"

	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// buildNamespace resolves the namespace of the resource's root entity for
// the NamespaceBased authorization strategy: the first
// securableElements.Namespace path stored in the root table (a
// descriptor's is dms.Descriptor."Namespace"), as the reference resolves
// it; nil when no path is. The other paths are recorded as unchecked.
func buildNamespace(rs resourceSchema, r *spec.Resource) (*spec.NamespaceAuthorization, error) {
	paths := rs.schema.Get("securableElements").Get("Namespace")
	if paths == nil || len(paths.Items) == 0 {
		return nil, nil
	}
	at := fmt.Sprintf("%s: resource %s: securableElements.Namespace", rs.project.File, rs.endpoint)
	var na *spec.NamespaceAuthorization
	var unchecked []string
	for _, p := range paths.Items {
		path, ok := p.Str()
		if !ok {
			return nil, fmt.Errorf("%s: not a string", at)
		}
		if na != nil || strings.Contains(path, "[*]") {
			unchecked = append(unchecked, path)
			continue
		}
		el, err := namespaceElement(r, path)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", at, err)
		}
		na = &spec.NamespaceAuthorization{Element: el}
	}
	if na == nil {
		return nil, nil
	}
	na.Unchecked = unchecked
	na.Element.Read = slices.IndexFunc(r.Read.Tables[0].Values, func(v spec.ReadValue) bool {
		return v.Column == na.Element.Column && v.Type == spec.StringType
	})
	if na.Element.Read < 0 {
		return nil, fmt.Errorf("%s: the root table's read does not select %s as a string", at, na.Element.Column)
	}
	where := `r."DocumentId" = (SELECT "DocumentId" FROM "dms"."Document" WHERE "DocumentUuid" = $1)`
	if r.Read.PageWhere != "" {
		where += "\n    AND " + r.Read.PageWhere
	}
	na.ByUUID = "SELECT r." + q(na.Element.Column) + "\nFROM " + r.Read.PageFrom + "\nWHERE " + where + "\nFOR UPDATE"
	return na, nil
}

// namespaceElement locates the stored value of a root-scope Namespace path.
func namespaceElement(r *spec.Resource, path string) (spec.NamespaceElement, error) {
	el := spec.NamespaceElement{JSONPath: path, Steps: Steps(strings.TrimPrefix(path, "$")), Stored: -1}
	if r.IsDescriptor {
		if path != "$.namespace" {
			return el, fmt.Errorf("descriptor path %s is not $.namespace", path)
		}
		el.Column = "Namespace"
		return el, nil
	}
	root := r.Tables[0]
	col := columnBySource(root, path)
	if col == nil {
		return el, fmt.Errorf("path %s has no root-table column", path)
	}
	el.Column = col.Name
	stored := col.Name
	if col.Alias {
		stored = col.Canonical
		el.Canonical, el.Presence = col.Canonical, col.Presence
	}
	if el.Stored = storedIndex(r, stored); el.Stored < 0 {
		return el, fmt.Errorf("column %s of path %s is not written", stored, path)
	}
	return el, nil
}
