package apidocs

import (
	"errors"
	"fmt"
	"io/fs"
)

// The file names of the API description that `dmsc ddl emit` writes under
// api/ (and a generated package is meant to embed).
const (
	ResourcesFile           = "resources-spec.json"
	DescriptorsFile         = "descriptors-spec.json"
	DiscoveryFile           = "discovery-spec.json"
	ChangeQueriesFile       = "changequeries-spec.json"
	DependenciesJSONFile    = "dependencies.json"
	DependenciesGraphMLFile = "dependencies.graphml"
)

// Documents is what a server needs to answer /metadata/specifications/*,
// /metadata/changequeries/v1/swagger.json and /metadata/dependencies.
// Render each template with Values.ServerURL set to the request's root URL
// (scheme://host + path base) followed by "/data" for Resources and
// Descriptors, "/changeQueries/v1" for ChangeQueries and nothing for
// Discovery, and Values.TokenURL to the OAuth token endpoint.
type Documents struct {
	Resources, Descriptors, Discovery *Template
	// ChangeQueries is nil when the schema has no change-queries document;
	// the reference then answers 404 and leaves it out of the list.
	ChangeQueries *Template
	// DependenciesJSON and DependenciesGraphML are served as they are
	// (application/json; application/graphml).
	DependenciesJSON, DependenciesGraphML []byte
}

// Load reads the documents from fsys (for example an embed.FS holding the
// api/ directory, passed as fs.Sub(files, "api")).
func Load(fsys fs.FS) (*Documents, error) {
	read := func(name string, optional bool) ([]byte, error) {
		b, err := fs.ReadFile(fsys, name)
		if optional && errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		if err != nil {
			return nil, fmt.Errorf("API description: %w", err)
		}
		return b, nil
	}
	var d Documents
	for _, f := range []struct {
		name string
		dst  **Template
	}{{ResourcesFile, &d.Resources}, {DescriptorsFile, &d.Descriptors}, {DiscoveryFile, &d.Discovery}, {ChangeQueriesFile, &d.ChangeQueries}} {
		b, err := read(f.name, f.name == ChangeQueriesFile)
		if err != nil {
			return nil, err
		}
		if b != nil {
			*f.dst = New(b)
		}
	}
	var err error
	if d.DependenciesJSON, err = read(DependenciesJSONFile, false); err != nil {
		return nil, err
	}
	if d.DependenciesGraphML, err = read(DependenciesGraphMLFile, false); err != nil {
		return nil, err
	}
	return &d, nil
}
