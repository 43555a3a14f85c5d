package server

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/edfi-dmsc/dmsc/runtime/apidocs"
)

// LoadAPI reads the API description a generated package embeds (layout in
// runtime/apidocs/embedded.go): the gzipped OpenAPI documents and load
// order under api/, and the XSD files of each project of xsd under
// xsd/{lower-cased project name}/ (a project without that directory has
// none). xsd names the projects /metadata/xsd lists; nil leaves the XSD
// routes out. As the reference does, an extension lists the core's files
// and then its own ("blended"), each list ordered case-insensitively.
func LoadAPI(fsys fs.FS, xsd []XSDProject) (APIMetadata, error) {
	var api APIMetadata
	for _, doc := range []struct {
		name string
		dst  *[]byte
	}{
		{apidocs.ResourcesFile, &api.ResourcesSpec},
		{apidocs.DescriptorsFile, &api.DescriptorsSpec},
		{apidocs.DiscoveryFile, &api.DiscoverySpec},
		{apidocs.ChangeQueriesFile, &api.ChangeQueriesSpec},
	} {
		b, err := readCompressed(fsys, doc.name)
		if err != nil && !(doc.name == apidocs.ChangeQueriesFile && errors.Is(err, fs.ErrNotExist)) {
			return api, err
		}
		*doc.dst = b
	}
	deps, err := loadDependencies(fsys)
	if err != nil {
		return api, err
	}
	api.Dependencies = deps
	var core []XSDFile
	own := make([][]XSDFile, len(xsd))
	for i, p := range xsd {
		if own[i], err = readXSDFiles(fsys, p.Name); err != nil {
			return api, err
		}
		if p.Core {
			core = own[i]
		}
	}
	for i, p := range xsd {
		p.Files = own[i]
		if !p.Core {
			p.Files = blended(core, own[i])
		}
		api.XSD = append(api.XSD, p)
	}
	return api, nil
}

// MustLoadAPI is LoadAPI for generated code, whose embedded files dmsc
// wrote: a failure is a generator bug and panics.
func MustLoadAPI(fsys fs.FS, xsd []XSDProject) APIMetadata {
	api, err := LoadAPI(fsys, xsd)
	if err != nil {
		panic("server: embedded API description: " + err.Error())
	}
	return api
}

// readXSDFiles reads the XSD files of a project, ordered by name
// case-insensitively (Ed-Fi's Interchange-EducationOrganization.xsd before
// Interchange-EducationOrgCalendar.xsd, as the reference lists them).
func readXSDFiles(fsys fs.FS, project string) ([]XSDFile, error) {
	dir := path.Join(apidocs.XSDDir, strings.ToLower(project))
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	var files []XSDFile
	for _, e := range entries {
		content, err := fs.ReadFile(fsys, path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		files = append(files, XSDFile{Name: e.Name(), Content: content})
	}
	slices.SortStableFunc(files, func(a, b XSDFile) int {
		if c := strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
	return files, nil
}

// blended is an extension's file list: the core's files, but for those
// the extension has a file of the same name for, then the extension's.
func blended(core, own []XSDFile) []XSDFile {
	out := make([]XSDFile, 0, len(core)+len(own))
	for _, f := range core {
		if !slices.ContainsFunc(own, func(o XSDFile) bool { return strings.EqualFold(o.Name, f.Name) }) {
			out = append(out, f)
		}
	}
	return append(out, own...)
}

// readCompressed returns the content of the gzipped document name.
func readCompressed(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(path.Join(apidocs.Dir, name+apidocs.CompressedSuffix))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	b, err := io.ReadAll(z)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return b, nil
}

// graphMLDocument is the part of the GraphML dependency graph
// (compiler/deps.GraphML) the server renders again.
type graphMLDocument struct {
	Graph struct {
		ID    string `xml:"id,attr"`
		Nodes []struct {
			ID string `xml:"id,attr"`
		} `xml:"node"`
		Edges []struct {
			Source string `xml:"source,attr"`
			Target string `xml:"target,attr"`
		} `xml:"edge"`
	} `xml:"graph"`
}

// loadDependencies reads the load order and its graph.
func loadDependencies(fsys fs.FS) (*Dependencies, error) {
	order, err := readCompressed(fsys, apidocs.DependenciesJSONFile)
	if err != nil {
		return nil, err
	}
	graph, err := readCompressed(fsys, apidocs.DependenciesGraphMLFile)
	if err != nil {
		return nil, err
	}
	var d Dependencies
	if err := json.Unmarshal(order, &d.Order); err != nil {
		return nil, fmt.Errorf("%s: %w", apidocs.DependenciesJSONFile, err)
	}
	var g graphMLDocument
	if err := xml.NewDecoder(bytes.NewReader(graph)).Decode(&g); err != nil {
		return nil, fmt.Errorf("%s: %w", apidocs.DependenciesGraphMLFile, err)
	}
	d.Graph.ID = g.Graph.ID
	for _, n := range g.Graph.Nodes {
		d.Graph.Nodes = append(d.Graph.Nodes, n.ID)
	}
	for _, e := range g.Graph.Edges {
		d.Graph.Edges = append(d.Graph.Edges, DependencyEdge{Source: e.Source, Target: e.Target})
	}
	return &d, nil
}
