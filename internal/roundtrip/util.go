package roundtrip

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path"
	"strings"
)

// locationPath turns a Location header (absolute or relative) into a path
// on the server.
func locationPath(base, location string) string {
	if p, ok := strings.CutPrefix(location, base); ok {
		return p
	}
	return location
}

// idOf is the last path segment of a document's location.
func idOf(location string) string { return path.Base(location) }

// withID returns the JSON object body with "id" set, as a client sends it
// back on PUT after a GET.
func withID(body []byte, id string) ([]byte, error) {
	v, err := decode(body)
	if err != nil {
		return nil, err
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("document is not a JSON object")
	}
	m["id"] = id
	return json.Marshal(m)
}

// oneLine shortens a response body for a message.
func oneLine(b []byte) string {
	s := string(bytes.Join(bytes.Fields(b), []byte(" ")))
	if len(s) > 400 {
		s = s[:397] + "..."
	}
	return s
}
