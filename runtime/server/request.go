package server

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/edfi-dmsc/dmsc/runtime/etag"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/google/uuid"
	"github.com/labstack/echo/v4"
)

// Request is one data request as generated handlers see it: input accessors
// and the Ed-Fi response shapes.
type Request struct {
	// CorrelationID identifies the request in logs and problem details.
	CorrelationID string
	// Variant is the representation served (and composed into _etag).
	Variant etag.Variant
	// Log carries the correlation id.
	Log *slog.Logger

	c         echo.Context
	s         *Server
	route     *route
	params    QueryParams
	paramsErr *problem.Details // the query string's 400, if it is malformed
}

func (s *Server) newRequest(c echo.Context, rt *route) *Request {
	id := correlationID(c)
	params, paramsErr := parseQuery(c.Request().URL.RawQuery)
	return &Request{
		CorrelationID: id,
		Variant:       s.Variant,
		Log:           s.Log.With("correlationId", id),
		c:             c,
		s:             s,
		route:         rt,
		params:        params,
		paramsErr:     paramsErr,
	}
}

// maxCorrelationIDBytes bounds the client correlation ids that are echoed
// in problem details and logged with every line of the request.
const maxCorrelationIDBytes = 256

// usableCorrelationID reports whether a client's correlation id header can
// be echoed and logged as it is: not empty, at most maxCorrelationIDBytes,
// UTF-8 without control characters. Another is replaced by a generated id.
func usableCorrelationID(id string) bool {
	if id == "" || len(id) > maxCorrelationIDBytes || !utf8.ValidString(id) {
		return false
	}
	return !strings.ContainsFunc(id, unicode.IsControl)
}

// Context is the request's context (cancelled when the client goes away).
func (r *Request) Context() context.Context { return r.c.Request().Context() }

// HTTP is the underlying request, for anything not wrapped here.
func (r *Request) HTTP() *http.Request { return r.c.Request() }

// Header returns a request header.
func (r *Request) Header(name string) string { return r.c.Request().Header.Get(name) }

// Body reads the whole request body. A body over the size limit gives the
// 413 problem.
func (r *Request) Body() ([]byte, error) {
	b, err := io.ReadAll(r.c.Request().Body)
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return nil, problem.PayloadTooLarge(tooLarge.Limit)
		}
		return nil, err
	}
	return b, nil
}

// Params are all query parameters (names case-insensitive and unique). Only
// routes that read the query string validate it: for them a malformed
// query string has been answered with a 400 before the handler runs.
func (r *Request) Params() QueryParams { return r.params }

// Filters are the query parameters other than paging and the
// change-version window (both validated by then): the candidates for query
// fields. Generated code matches them case-insensitively against the
// resource's query fields and answers problem.UnknownQueryField otherwise.
func (r *Request) Filters() QueryParams {
	return r.params.Without(ParamLimit, ParamOffset, ParamTotalCount, ParamMinChangeVersion, ParamMaxChangeVersion)
}

// paging validates the query string, then the paging parameters, then
// (only when paging is valid, as the reference does) the change-version
// window.
func (r *Request) paging() (Paging, error) {
	if r.paramsErr != nil {
		return Paging{}, r.paramsErr
	}
	p, prob := ParsePaging(r.params, r.s.Config.MaxPageSize)
	if prob != nil {
		r.s.countOversizePage(r.Context(), r.params)
		return p, prob
	}
	var err error
	if p.Changes, err = r.changeWindow(); err != nil {
		return Paging{}, err
	}
	return p, nil
}

// Preconditions are the write's If-Match / If-None-Match headers.
func (r *Request) Preconditions() etag.Write {
	h := r.c.Request().Header
	return etag.Write{IfMatch: etag.Parse(h.Get("If-Match")), IfNoneMatch: etag.Parse(h.Get("If-None-Match"))}
}

// IfNoneMatch is a GET's If-None-Match header.
func (r *Request) IfNoneMatch() etag.Condition {
	return etag.Parse(r.c.Request().Header.Get("If-None-Match"))
}

// Project and Endpoint are the canonical names of the routed resource.
func (r *Request) Project() string  { return r.route.project }
func (r *Request) Endpoint() string { return r.route.endpoint }

// Location is the absolute URL of a document of the routed resource, as
// the reference builds it from the request:
// {scheme}://{host}{pathBase}/data/{project}/{endpoint}/{id}, with the path
// base the request used (none when it came without it).
func (r *Request) Location(id uuid.UUID) string {
	return rootURL(r.c) + "data/" + r.route.project + "/" + r.route.endpoint + "/" + id.String()
}

// Tag composes the served _etag for a ContentVersion.
func (r *Request) Tag(contentVersion int64) string { return r.Variant.Tag(contentVersion) }

// Created answers a POST that inserted: 201 with Location and ETag.
func (r *Request) Created(id uuid.UUID, contentVersion int64) error {
	return r.written(http.StatusCreated, id, contentVersion)
}

// Upserted answers a POST that updated an existing document: 200 with
// Location and ETag.
func (r *Request) Upserted(id uuid.UUID, contentVersion int64) error {
	return r.written(http.StatusOK, id, contentVersion)
}

// Updated answers a PUT: 204 with ETag (and Location, as the reference).
func (r *Request) Updated(id uuid.UUID, contentVersion int64) error {
	return r.written(http.StatusNoContent, id, contentVersion)
}

func (r *Request) written(status int, id uuid.UUID, contentVersion int64) error {
	h := r.c.Response().Header()
	h.Set("Location", r.Location(id))
	h.Set("ETag", etag.Header(r.Tag(contentVersion)))
	return r.c.NoContent(status)
}

// Deleted answers a DELETE: 204.
func (r *Request) Deleted() error { return r.c.NoContent(http.StatusNoContent) }

// NotFound answers the 404 of a GET or DELETE whose document does not exist
// (or is not of the routed resource). The reference sends it without a
// body; every 404 here carries the not-found problem details, so that no
// 404 of this server looks like a proxy's.
func (r *Request) NotFound() error { return problem.NotFound("") }

// NotModified answers a conditional GET whose If-None-Match matched.
func (r *Request) NotModified(tag string) error {
	r.c.Response().Header().Set("ETag", etag.Header(tag))
	return r.c.NoContent(http.StatusNotModified)
}

// Document answers a GET by id with its JSON body (which contains _etag =
// tag) and the ETag header.
func (r *Request) Document(tag string, body []byte) error {
	r.c.Response().Header().Set("ETag", etag.Header(tag))
	return r.c.Blob(http.StatusOK, contentTypeJSON, body)
}

// Page answers a GET-many with the JSON array body; totalCount >= 0 adds
// the Total-Count header (pass -1 when not requested).
func (r *Request) Page(body []byte, totalCount int64) error {
	if totalCount >= 0 {
		r.c.Response().Header().Set("Total-Count", strconv.FormatInt(totalCount, 10))
	}
	return r.c.Blob(http.StatusOK, contentTypeJSON, body)
}
