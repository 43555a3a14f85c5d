package server

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"strings"

	"github.com/edfi-dmsc/dmsc/runtime/apidocs"
)

// APIMetadata is what the metadata routes serve: plain data the compiler
// produces and generated code embeds. A part left empty is neither routed
// nor advertised (by discovery, /metadata or the specification list).
type APIMetadata struct {
	// OpenAPI documents as compiler/openapi publishes them: JSON with the
	// runtime/apidocs placeholders, which each answer fills with the
	// request's URLs (server URL: the root URL plus the route base noted).
	ResourcesSpec     []byte // /metadata/specifications/resources-spec.json ({root}/data)
	DescriptorsSpec   []byte // /metadata/specifications/descriptors-spec.json ({root}/data)
	DiscoverySpec     []byte // /metadata/specifications/discovery-spec.json ({root})
	ChangeQueriesSpec []byte // /metadata/changequeries/v1/swagger.json ({root}/changeQueries/v1)

	// Dependencies is the resource load order of /metadata/dependencies;
	// nil leaves the route out.
	Dependencies *Dependencies

	// XSD are the projects' XSD files of /metadata/xsd; empty leaves the
	// routes out.
	XSD []XSDProject
}

// Dependencies is the resource load order as the reference computes it:
// the JSON list, and the graph it was derived from for GraphML clients.
type Dependencies struct {
	Order []Dependency
	Graph DependencyGraph
}

// Dependency is one item of GET /metadata/dependencies.
type Dependency struct {
	Resource   string   `json:"resource"`   // e.g. "/ed-fi/schools"
	Order      int      `json:"order"`      // load group, 1 first
	Operations []string `json:"operations"` // e.g. ["Create", "Update"]
}

// DependencyGraph is the dependency graph as GraphML serves it
// (Accept: application/graphml).
type DependencyGraph struct {
	ID    string // the graph's id, "EdFi Dependencies" in the reference
	Nodes []string
	Edges []DependencyEdge
}

// DependencyEdge says Target depends on Source (Source loads first).
type DependencyEdge struct {
	Source, Target string
}

// XSDProject is one data model's XSD files.
type XSDProject struct {
	Name    string // project name, e.g. "Ed-Fi"; URLs use it lower-cased
	Version string // project version, e.g. "5.2.0"
	// Core is the core data model; the others are extensions, whose file
	// lists hold the core files too ("blended").
	Core  bool
	Files []XSDFile // in the order /metadata/xsd/{project}/files lists them
}

// XSDFile is one XSD document.
type XSDFile struct {
	Name    string // file name, e.g. "Ed-Fi-Core.xsd"
	Content []byte
}

// specification is one entry of GET /metadata/specifications.
type specification struct {
	Name        string `json:"name"`
	EndpointURI string `json:"endpointUri"`
	Prefix      string `json:"prefix"`
}

// servedSpecification is a specification the server serves: its list entry
// (URI relative to the service root) and its document.
type servedSpecification struct {
	name, prefix, path string
	// routeBase is the path below the service root of the routes the
	// document describes: its server URL is the root URL plus it.
	routeBase string
	doc       *apidocs.Template
}

// servedMetadata is APIMetadata prepared for serving.
type servedMetadata struct {
	specifications   []servedSpecification // in the reference's list order
	dependenciesJSON []byte
	dependenciesXML  []byte
	xsd              []XSDProject // sorted by project name
}

// Paths of the metadata routes below the service root.
const (
	pathMetadata       = "metadata"
	pathDependencies   = "metadata/dependencies"
	pathSpecifications = "metadata/specifications"
	pathXSD            = "metadata/xsd"
	pathData           = "data"
	pathChangeQueries  = "changeQueries/v1"
)

// prepareMetadata checks and prepares the metadata the App supplies.
func prepareMetadata(api APIMetadata) (servedMetadata, error) {
	var m servedMetadata
	for _, spec := range []struct {
		name, prefix, path, routeBase string
		doc                           []byte
	}{
		{"Resources", "", pathSpecifications + "/resources-spec.json", pathData, api.ResourcesSpec},
		{"Descriptors", "", pathSpecifications + "/descriptors-spec.json", pathData, api.DescriptorsSpec},
		{"Discovery", "Other", pathSpecifications + "/discovery-spec.json", "", api.DiscoverySpec},
		{"Change-Queries", "Other", "metadata/changequeries/v1/swagger.json", pathChangeQueries, api.ChangeQueriesSpec},
	} {
		if len(spec.doc) == 0 {
			continue
		}
		if !json.Valid(spec.doc) {
			return m, fmt.Errorf("%s OpenAPI document is not JSON", spec.name)
		}
		m.specifications = append(m.specifications,
			servedSpecification{spec.name, spec.prefix, spec.path, spec.routeBase, apidocs.New(spec.doc)})
	}
	if d := api.Dependencies; d != nil {
		order := d.Order
		if order == nil {
			order = []Dependency{}
		}
		var err error
		if m.dependenciesJSON, err = indentedJSON(order); err != nil {
			return m, err
		}
		m.dependenciesXML = graphML(d.Graph)
	}
	for _, p := range api.XSD {
		if p.Name == "" {
			return m, errors.New("XSD project without a name")
		}
	}
	m.xsd = sortedByProjectName(api.XSD, func(p XSDProject) string { return p.Name })
	return m, nil
}

// graphML writes the dependency graph as the reference does.
func graphML(g DependencyGraph) []byte {
	var b strings.Builder
	attr := func(s string) string {
		var e bytes.Buffer
		_ = xml.EscapeText(&e, []byte(s)) // a bytes.Buffer does not fail
		return e.String()
	}
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	b.WriteString(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">` + "\n")
	fmt.Fprintf(&b, "<graph id=\"%s\" edgedefault=\"directed\">\n", attr(g.ID))
	for _, n := range g.Nodes {
		fmt.Fprintf(&b, "<node id=\"%s\"/>\n", attr(n))
	}
	for _, e := range g.Edges {
		fmt.Fprintf(&b, "<edge source=\"%s\" target=\"%s\"/>\n", attr(e.Source), attr(e.Target))
	}
	b.WriteString("</graph>\n</graphml>\n")
	return []byte(b.String())
}

// indentedJSON encodes v as the reference's metadata answers are written:
// indented by two spaces, HTML characters unescaped.
func indentedJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}
