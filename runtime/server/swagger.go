package server

import (
	"net/http"

	"github.com/edfi-dmsc/dmsc/runtime/swaggerui"
	"github.com/labstack/echo/v4"
)

// Path and metrics label of Swagger UI.
const (
	pathSwagger  = "/swagger"
	labelSwagger = "swagger"
)

// routeSwaggerUI serves Swagger UI at /swagger/ over the specifications
// this server lists; /swagger redirects there, so that the page's relative
// URLs resolve below it.
func (s *Server) routeSwaggerUI(e *echo.Echo) {
	files := http.StripPrefix(pathSwagger, http.FileServer(http.FS(swaggerui.Dist)))
	s.service(e, pathSwagger, labelSwagger, func(c echo.Context) error {
		return c.Redirect(http.StatusMovedPermanently, pathBase(c)+pathSwagger+"/")
	})
	s.service(e, pathSwagger+"/swagger-initializer.js", labelSwagger, func(c echo.Context) error {
		return c.Blob(http.StatusOK, echo.MIMEApplicationJavaScriptCharsetUTF8, swaggerui.Initializer)
	})
	s.service(e, pathSwagger+"/*", labelSwagger, echo.WrapHandler(files))
}
