package emit

import (
	"github.com/edfi-dmsc/dmsc/compiler/deps"
	"github.com/edfi-dmsc/dmsc/compiler/load"
	"github.com/edfi-dmsc/dmsc/compiler/openapi"
	"github.com/edfi-dmsc/dmsc/runtime/apidocs"
)

// APIDocsDir is the artifact subdirectory of the documents that describe
// the API surface (OpenAPI documents and the resource load order), so a
// golden diff of an emit run shows API changes.
const APIDocsDir = "api/"

// The load-order artifacts: the /metadata/dependencies bodies.
const (
	DependenciesJSON    = APIDocsDir + apidocs.DependenciesJSONFile
	DependenciesGraphML = APIDocsDir + apidocs.DependenciesGraphMLFile
)

// APIDocsFor returns the API description artifacts of a schema set that
// publishes an API description (its core has openApiBaseDocuments, as
// every MetaEd-generated schema does); synthetic schemas without one get
// none.
func APIDocsFor(set *load.SchemaSet) (Artifacts, error) {
	return APIDocsWith(set, openapi.DiscoveryOptions{})
}

// APIDocsWith is APIDocsFor for a server that serves the optional
// endpoints opts names (its discovery document describes them).
func APIDocsWith(set *load.SchemaSet, opts openapi.DiscoveryOptions) (Artifacts, error) {
	if !openapi.HasBaseDocuments(set) {
		return nil, nil
	}
	docs, err := openapi.Build(set, opts)
	if err != nil {
		return nil, err
	}
	out := Artifacts{}
	for name, data := range docs.Files() {
		out[APIDocsDir+name] = data
	}
	steps, err := deps.LoadOrder(set)
	if err != nil {
		return nil, err
	}
	out[DependenciesJSON] = deps.JSON(steps)
	if out[DependenciesGraphML], err = deps.GraphML(set); err != nil {
		return nil, err
	}
	return out, nil
}
