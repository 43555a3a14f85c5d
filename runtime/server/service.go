package server

import (
	"context"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
)

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
