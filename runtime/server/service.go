package server

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
)

// rootURL is the absolute URL of the service root including the path base
// and a trailing slash, built from the request.
func (s *Server) rootURL(c echo.Context) string {
	return c.Scheme() + "://" + c.Request().Host + s.Config.PathBase + "/"
}

type discoveryDataModel struct {
	Name                 string `json:"name"`
	Version              string `json:"version"`
	InformationalVersion string `json:"informationalVersion"`
}

type discoveryURLs struct {
	Dependencies      string `json:"dependencies"`
	OpenAPIMetadata   string `json:"openApiMetadata"`
	OAuth             string `json:"oauth"`
	TokenInfo         string `json:"tokenInfo"`
	DataManagementAPI string `json:"dataManagementApi"`
	ChangeQueries     string `json:"changeQueries"`
	XSDMetadata       string `json:"xsdMetadata"`
}

type discoveryDocument struct {
	Version              string               `json:"version"`
	ApplicationName      string               `json:"applicationName"`
	InformationalVersion string               `json:"informationalVersion"`
	DataModels           []discoveryDataModel `json:"dataModels"`
	URLs                 discoveryURLs        `json:"urls"`
}

// discovery answers GET / with the data models (ordered by name, as the
// reference) and the service URLs.
func (s *Server) discovery(c echo.Context) error {
	root := s.rootURL(c)
	models := make([]discoveryDataModel, 0, len(s.App.DataModels))
	for _, m := range s.App.DataModels {
		models = append(models, discoveryDataModel(m))
	}
	slices.SortStableFunc(models, func(a, b discoveryDataModel) int { return strings.Compare(a.Name, b.Name) })
	name := s.App.ApplicationName
	if name == "" {
		name = "Ed-Fi API"
	}
	return c.JSON(http.StatusOK, discoveryDocument{
		Version:              s.App.Version,
		ApplicationName:      name,
		InformationalVersion: s.App.InformationalVersion,
		DataModels:           models,
		URLs: discoveryURLs{
			Dependencies:      root + "metadata/dependencies",
			OpenAPIMetadata:   root + "metadata/specifications",
			OAuth:             root + "oauth/token",
			TokenInfo:         root + "oauth/token_info",
			DataManagementAPI: root + "data",
			ChangeQueries:     root + "changeQueries/v1/",
			XSDMetadata:       root + "metadata/xsd",
		},
	})
}

// metadata answers GET /metadata with the metadata URLs.
func (s *Server) metadata(c echo.Context) error {
	root := s.rootURL(c)
	return c.JSON(http.StatusOK, struct {
		Dependencies   string `json:"dependencies"`
		Specifications string `json:"specifications"`
		XSDMetadata    string `json:"xsdMetadata"`
	}{root + "metadata/dependencies", root + "metadata/specifications", root + "metadata/xsd"})
}

type healthEntry struct {
	Name        string
	Status      string
	Description string
}

// health answers GET /health in the reference's shape (indented, so clients
// matching `"Description": "..."` find it): 200 when the database answers,
// 503 otherwise.
func (s *Server) health(c echo.Context) error {
	dbEntry := healthEntry{Name: "DbHealthCheck", Status: "Healthy", Description: "Database connection is healthy."}
	if s.Pool == nil {
		dbEntry.Status, dbEntry.Description = "Unhealthy", "No database is configured."
	} else {
		ctx, cancel := context.WithTimeout(c.Request().Context(), 5*time.Second)
		defer cancel()
		if err := s.Pool.Ping(ctx); err != nil {
			s.Log.WarnContext(ctx, "health check: database unreachable", "error", err)
			dbEntry.Status, dbEntry.Description = "Unhealthy", "Database connection failed."
		}
	}
	status, code := "Healthy", http.StatusOK
	if dbEntry.Status != "Healthy" {
		status, code = "Unhealthy", http.StatusServiceUnavailable
	}
	return c.JSONPretty(code, struct {
		Status  string
		Results []healthEntry
	}{status, []healthEntry{
		{Name: "ApplicationHealthCheck", Status: "Healthy", Description: "Application is up and running"},
		dbEntry,
	}}, "  ")
}
