// Package claimschema validates claims documents (the reference's
// Claims.json format) against a JSON schema. It is kept out of package
// authz so that the generated server, which only reads claims the CLI has
// already validated and stored, does not link a JSON schema implementation.
package claimschema

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// claimsSchemaJSON is this project's JSON schema of a claims document: the
// structure of the reference's JsonSchemaForClaims.json, written from the
// format's documentation.
//
//go:embed claims.schema.json
var claimsSchemaJSON []byte

// Schema is a compiled JSON schema claims documents are validated against.
type Schema struct{ s *jsonschema.Schema }

// Embedded returns the project's claims JSON schema.
func Embedded() (*Schema, error) { return compileSchema("claims.schema.json", claimsSchemaJSON) }

// File compiles the JSON schema in file (e.g. the reference's
// JsonSchemaForClaims.json).
func File(file string) (*Schema, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	return compileSchema(file, b)
}

func compileSchema(name string, b []byte) (*Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("claims JSON schema %s: %w", name, err)
	}
	c := jsonschema.NewCompiler()
	url := "file:///" + filepath.Base(name)
	if err := c.AddResource(url, doc); err != nil {
		return nil, fmt.Errorf("claims JSON schema %s: %w", name, err)
	}
	s, err := c.Compile(url)
	if err != nil {
		return nil, fmt.Errorf("claims JSON schema %s: %w", name, err)
	}
	return &Schema{s}, nil
}

// Validate checks a claims document's JSON text against the schema.
func (s *Schema) Validate(what string, body []byte) error {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("%s: not JSON: %w", what, err)
	}
	if err := s.s.Validate(inst); err != nil {
		var ve *jsonschema.ValidationError
		if errors.As(err, &ve) {
			return fmt.Errorf("%s does not match the claims JSON schema:\n%s", what, indent(ve.Error()))
		}
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

func indent(s string) string { return "  " + strings.ReplaceAll(strings.TrimSpace(s), "\n", "\n  ") }
