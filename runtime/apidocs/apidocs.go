// Package apidocs serves the OpenAPI documents dmsc compiles (see
// compiler/openapi): each document is stored with placeholder URIs where
// the reference puts request-dependent values, and a Template fills them
// per request without parsing the (multi-megabyte) document again.
package apidocs

import (
	"bytes"
	"encoding/json"
)

// The placeholders, each compiled in as the whole of a JSON string value.
const (
	// ServerURLPlaceholder stands for the document's only server URL: the
	// absolute base URL its paths are relative to, built from the request
	// (scheme, host, path base) plus the API's route base, e.g.
	// https://host/api/data for the resources document.
	ServerURLPlaceholder = "urn:dmsc:server-url"
	// TokenURLPlaceholder stands for the OAuth 2.0 token URL of the
	// client-credentials security scheme.
	TokenURLPlaceholder = "urn:dmsc:token-url"
)

// Values are the request-dependent parts of a served document.
type Values struct {
	ServerURL string
	TokenURL  string
}

// Template is a document split at its placeholders.
type Template struct {
	chunks [][]byte // len(holes)+1 literal pieces around the holes
	holes  []bool   // per hole: true for the token URL, false for the server URL
}

var (
	quotedServer = []byte(`"` + ServerURLPlaceholder + `"`)
	quotedToken  = []byte(`"` + TokenURLPlaceholder + `"`)
)

// New splits doc at every quoted placeholder. doc is retained, not copied.
func New(doc []byte) *Template {
	t := &Template{}
	rest := doc
	for {
		s, k := bytes.Index(rest, quotedServer), bytes.Index(rest, quotedToken)
		if s < 0 && k < 0 {
			break
		}
		at, size, isToken := s, len(quotedServer), false
		if s < 0 || (k >= 0 && k < s) {
			at, size, isToken = k, len(quotedToken), true
		}
		t.chunks = append(t.chunks, rest[:at])
		t.holes = append(t.holes, isToken)
		rest = rest[at+size:]
	}
	t.chunks = append(t.chunks, rest)
	return t
}

// Render returns the document with the placeholders replaced by v's values
// as JSON strings.
func (t *Template) Render(v Values) []byte {
	server, _ := json.Marshal(v.ServerURL)
	token, _ := json.Marshal(v.TokenURL)
	size := 0
	for _, c := range t.chunks {
		size += len(c)
	}
	out := make([]byte, 0, size+len(t.holes)*max(len(server), len(token)))
	for i, c := range t.chunks {
		out = append(out, c...)
		if i < len(t.holes) {
			if t.holes[i] {
				out = append(out, token...)
			} else {
				out = append(out, server...)
			}
		}
	}
	return out
}
