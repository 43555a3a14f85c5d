package server

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"

	"github.com/edfi-dmsc/dmsc/runtime/apidocs"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/labstack/echo/v4"
)

// rootURL is the absolute URL of the service root, with the path base the
// request used and a trailing slash.
func rootURL(c echo.Context) string {
	return c.Scheme() + "://" + c.Request().Host + pathBase(c) + "/"
}

// requestURL is the absolute URL of the request without its query string
// and trailing slash, as the reference's UrlWithPathSegment.
func requestURL(c echo.Context) string {
	return strings.TrimRight(c.Scheme()+"://"+c.Request().Host+requestPath(c), "/")
}

// serviceURLs are the URLs discovery advertises, relative to the service
// root, in the reference's order; a URL is set only when the server serves
// it, so a client never follows one into a 404.
type serviceURLs struct {
	Dependencies      string `json:"dependencies,omitempty"`
	OpenAPIMetadata   string `json:"openApiMetadata,omitempty"`
	OAuth             string `json:"oauth,omitempty"`
	TokenInfo         string `json:"tokenInfo,omitempty"`
	DataManagementAPI string `json:"dataManagementApi,omitempty"`
	ChangeQueries     string `json:"changeQueries,omitempty"`
	XSDMetadata       string `json:"xsdMetadata,omitempty"`
}

// under makes the set URLs absolute below root.
func (u serviceURLs) under(root string) serviceURLs {
	for _, f := range []*string{&u.Dependencies, &u.OpenAPIMetadata, &u.OAuth, &u.TokenInfo, &u.DataManagementAPI, &u.ChangeQueries, &u.XSDMetadata} {
		if *f != "" {
			*f = root + *f
		}
	}
	return u
}

// service registers a GET route outside /data with its metrics label.
func (s *Server) service(e *echo.Echo, path, label string, h echo.HandlerFunc) {
	e.GET(path, h)
	s.serviceRoutes[path] = label
}

// routeServices registers discovery, health and the metadata routes of
// what App.API supplies, and records what discovery advertises. Invalid
// metadata is a generator bug: it panics, as Register does.
func (s *Server) routeServices(e *echo.Echo) {
	api := s.App.API
	if !*s.Config.ChangeQueries {
		// Its routes answer the feature-disabled 404: no document for them.
		api.ChangeQueriesSpec = nil
	}
	m, err := prepareMetadata(api)
	if err != nil {
		panic("server: App.API: " + err.Error())
	}
	s.metadata = m
	s.advertised = serviceURLs{DataManagementAPI: pathData}
	s.service(e, "/", labelDiscovery, s.discovery)
	s.service(e, "/health", labelHealth, s.health)
	s.routeChangeQueries(e)
	s.service(e, "/"+pathMetadata, labelMetadata, s.metadataIndex)
	if len(m.specifications) > 0 {
		s.advertised.OpenAPIMetadata = pathSpecifications
		s.service(e, "/"+pathSpecifications, labelMetadata, s.specificationList)
		for _, spec := range m.specifications {
			s.service(e, "/"+spec.path, labelMetadata, s.serveSpecification(spec))
		}
		s.routeSwaggerUI(e)
	}
	if m.dependenciesJSON != nil {
		s.advertised.Dependencies = pathDependencies
		s.service(e, "/"+pathDependencies, labelMetadata, s.dependencies)
	}
	if len(m.xsd) > 0 {
		s.advertised.XSDMetadata = pathXSD
		s.service(e, "/"+pathXSD, labelMetadata, s.xsdList)
		s.service(e, "/"+pathXSD+"/:project/files", labelMetadata, s.xsdFiles)
		s.service(e, "/"+pathXSD+"/:project/:file", labelMetadata, s.xsdFile)
	}
}

type discoveryDataModel struct {
	Name                 string `json:"name"`
	Version              string `json:"version"`
	InformationalVersion string `json:"informationalVersion"`
}

type discoveryDocument struct {
	Version              string               `json:"version"`
	ApplicationName      string               `json:"applicationName"`
	InformationalVersion string               `json:"informationalVersion"`
	DataModels           []discoveryDataModel `json:"dataModels"`
	URLs                 serviceURLs          `json:"urls"`
}

// sortedByProjectName orders a copy of items by project name as the
// reference's OrderBy does (case-insensitively first).
func sortedByProjectName[T any](items []T, name func(T) string) []T {
	sorted := slices.Clone(items)
	slices.SortStableFunc(sorted, func(a, b T) int {
		if c := strings.Compare(strings.ToLower(name(a)), strings.ToLower(name(b))); c != 0 {
			return c
		}
		return strings.Compare(name(a), name(b))
	})
	return sorted
}

// discovery answers GET / with the data models (ordered by name, as the
// reference) and the URLs of the services this server serves.
func (s *Server) discovery(c echo.Context) error {
	models := make([]discoveryDataModel, 0, len(s.App.DataModels))
	for _, m := range sortedByProjectName(s.App.DataModels, func(m DataModel) string { return m.Name }) {
		models = append(models, discoveryDataModel(m))
	}
	name := s.App.ApplicationName
	if name == "" {
		name = "Ed-Fi API"
	}
	return writeIndentedJSON(c, discoveryDocument{
		Version:              s.App.Version,
		ApplicationName:      name,
		InformationalVersion: s.App.InformationalVersion,
		DataModels:           models,
		URLs:                 s.advertised.under(rootURL(c)),
	})
}

// metadataIndex answers GET /metadata with the URLs of the metadata routes
// served (the reference lists all three, compactly).
func (s *Server) metadataIndex(c echo.Context) error {
	urls := s.advertised.under(rootURL(c))
	body, err := json.Marshal(struct {
		Dependencies   string `json:"dependencies,omitempty"`
		Specifications string `json:"specifications,omitempty"`
		XSDMetadata    string `json:"xsdMetadata,omitempty"`
	}{urls.Dependencies, urls.OpenAPIMetadata, urls.XSDMetadata})
	if err != nil {
		return err
	}
	return c.Blob(http.StatusOK, contentTypeJSON, body)
}

// specificationList answers GET /metadata/specifications.
func (s *Server) specificationList(c echo.Context) error {
	root := rootURL(c)
	list := make([]specification, 0, len(s.metadata.specifications))
	for _, spec := range s.metadata.specifications {
		list = append(list, specification{Name: spec.name, EndpointURI: root + spec.path, Prefix: spec.prefix})
	}
	return writeIndentedJSON(c, list)
}

// serveSpecification answers an OpenAPI document with the request's URLs:
// the server URL of its routes and, when the server issues tokens, the
// token URL.
func (s *Server) serveSpecification(spec servedSpecification) echo.HandlerFunc {
	return func(c echo.Context) error {
		root := rootURL(c)
		v := apidocs.Values{ServerURL: strings.TrimSuffix(root+spec.routeBase, "/")}
		if s.advertised.OAuth != "" {
			v.TokenURL = root + s.advertised.OAuth
		}
		return c.Blob(http.StatusOK, contentTypeJSON, spec.doc.Render(v))
	}
}

// Media type of the GraphML dependency graph, asked for and answered.
const mediaTypeGraphML = "application/graphml"

// dependencies answers GET /metadata/dependencies: the JSON load order, or
// the GraphML graph when Accept names it.
func (s *Server) dependencies(c echo.Context) error {
	accept := strings.Join(c.Request().Header.Values(echo.HeaderAccept), ",")
	if strings.Contains(strings.ToLower(accept), mediaTypeGraphML) {
		return c.Blob(http.StatusOK, mediaTypeGraphML, s.metadata.dependenciesXML)
	}
	return c.Blob(http.StatusOK, contentTypeJSON, s.metadata.dependenciesJSON)
}

type xsdSection struct {
	Description string `json:"description"`
	Name        string `json:"name"`
	Version     string `json:"version"`
	Files       string `json:"files"`
}

// xsdList answers GET /metadata/xsd: one entry per project.
func (s *Server) xsdList(c echo.Context) error {
	base := requestURL(c)
	sections := make([]xsdSection, 0, len(s.metadata.xsd))
	for _, p := range s.metadata.xsd {
		description := "Extension (" + p.Name + ") blended with Core schema files for the data model"
		if p.Core {
			description = "Core schema (" + p.Name + ") files for the data model"
		}
		name := strings.ToLower(p.Name)
		sections = append(sections, xsdSection{description, name, p.Version, base + "/" + name + "/files"})
	}
	return writeIndentedJSON(c, sections)
}

// xsdProject is the project a route's {project} names, or nil.
func (s *Server) xsdProject(c echo.Context) *XSDProject {
	for i, p := range s.metadata.xsd {
		if strings.EqualFold(p.Name, c.Param("project")) {
			return &s.metadata.xsd[i]
		}
	}
	return nil
}

// Listing of a project without XSD files, as the reference words it.
const msgNoXSDFiles = "No XSD files found for extension."

// xsdFiles answers GET /metadata/xsd/{project}/files with the files' URLs.
func (s *Server) xsdFiles(c echo.Context) error {
	p := s.xsdProject(c)
	if p == nil {
		return problem.NotFound("")
	}
	base := strings.TrimSuffix(requestURL(c), "/files") + "/"
	urls := make([]string, 0, len(p.Files))
	for _, f := range p.Files {
		urls = append(urls, base+f.Name)
	}
	if len(urls) == 0 {
		urls = append(urls, msgNoXSDFiles)
	}
	return writeIndentedJSON(c, urls)
}

// xsdFile answers GET /metadata/xsd/{project}/{file}.xsd with the document.
func (s *Server) xsdFile(c echo.Context) error {
	p := s.xsdProject(c)
	name := c.Param("file")
	if p == nil || !strings.HasSuffix(strings.ToLower(name), ".xsd") {
		return problem.NotFound("")
	}
	for _, f := range p.Files {
		if strings.EqualFold(f.Name, name) {
			return c.Blob(http.StatusOK, echo.MIMEApplicationXML, f.Content)
		}
	}
	return problem.NotFound("")
}

// writeIndentedJSON answers 200 with v written as the reference writes its
// metadata (indented).
func writeIndentedJSON(c echo.Context, v any) error {
	body, err := indentedJSON(v)
	if err != nil {
		return err
	}
	return c.Blob(http.StatusOK, contentTypeJSON, body)
}
