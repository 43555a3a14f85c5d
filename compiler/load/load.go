// Package load reads an ApiSchema set (one core project, then extension
// projects), validates its envelope and strips the OpenAPI payloads that are
// outside the hashed and derived surface. It is the first stage of the
// compiler; every later stage consumes its SchemaSet.
package load

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"

	"github.com/edfi-dmsc/dmsc/compiler/jsonx"
)

// Error is a loading failure that names the file and the JSON location.
type Error struct {
	File     string // path of the ApiSchema file as given
	Location string // JSON path inside the file, "" for whole-file problems
	Reason   string
}

func (e *Error) Error() string {
	if e.Location == "" {
		return fmt.Sprintf("%s: %s", e.File, e.Reason)
	}
	return fmt.Sprintf("%s: %s: %s", e.File, e.Location, e.Reason)
}

// Project is one loaded ApiSchema project.
type Project struct {
	File             string
	APISchemaVersion string
	EndpointName     string // projectEndpointName, e.g. "ed-fi"
	ProjectName      string // e.g. "Ed-Fi"
	ProjectVersion   string
	IsExtension      bool
	// PhysicalSchema is the database schema the project's tables live in:
	// the endpoint name lowercased with non-alphanumerics removed.
	PhysicalSchema string
	// Schema is the projectSchema object with the OpenAPI payloads removed.
	Schema *jsonx.Value
	// Published is the projectSchema object as read, OpenAPI payloads
	// included; only the OpenAPI assembly (compiler/openapi) reads it.
	Published *jsonx.Value
}

// SchemaSet is a validated set of projects: the core first, then the
// extensions ordered by projectEndpointName (ordinal), which is the order
// the reference uses everywhere after loading.
type SchemaSet struct {
	APISchemaVersion string
	Projects         []*Project
}

// Core returns the core (non-extension) project.
func (s *SchemaSet) Core() *Project { return s.Projects[0] }

// Files loads the ApiSchema files in the given order: the first is the core
// project, the rest are its extensions.
func Files(paths ...string) (*SchemaSet, error) {
	if len(paths) == 0 {
		return nil, errors.New("no ApiSchema file given: pass the core schema first, then any extensions")
	}
	docs := make([]Document, 0, len(paths))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			return nil, &Error{File: p, Reason: "cannot read file: " + err.Error()}
		}
		docs = append(docs, Document{Name: p, Data: data})
	}
	return Documents(docs...)
}

// Document is one ApiSchema file's name and contents.
type Document struct {
	Name string
	Data []byte
}

// Documents loads in-memory ApiSchema documents; see Files.
func Documents(docs ...Document) (*SchemaSet, error) {
	if len(docs) == 0 {
		return nil, errors.New("no ApiSchema file given: pass the core schema first, then any extensions")
	}
	set := &SchemaSet{}
	for i, d := range docs {
		p, err := parseProject(d)
		if err != nil {
			return nil, err
		}
		switch {
		case i == 0 && p.IsExtension:
			return nil, &Error{File: d.Name, Location: "$.projectSchema.isExtensionProject",
				Reason: "the first schema must be the core project, but this is an extension project (no core schema given)"}
		case i > 0 && !p.IsExtension:
			return nil, &Error{File: d.Name, Location: "$.projectSchema.isExtensionProject",
				Reason: fmt.Sprintf("a second core project was given (core is already %s from %s); only extension projects may follow the core",
					set.Projects[0].ProjectName, set.Projects[0].File)}
		}
		if i > 0 && p.APISchemaVersion != set.APISchemaVersion {
			return nil, &Error{File: d.Name, Location: "$.apiSchemaVersion",
				Reason: fmt.Sprintf("apiSchemaVersion %q does not match the core's %q (%s)", p.APISchemaVersion, set.APISchemaVersion, set.Projects[0].File)}
		}
		for _, other := range set.Projects {
			if other.EndpointName == p.EndpointName {
				return nil, &Error{File: d.Name, Location: "$.projectSchema.projectEndpointName",
					Reason: fmt.Sprintf("projectEndpointName %q is already used by %s", p.EndpointName, other.File)}
			}
			if other.PhysicalSchema == p.PhysicalSchema {
				return nil, &Error{File: d.Name, Location: "$.projectSchema.projectEndpointName",
					Reason: fmt.Sprintf("projectEndpointName %q maps to database schema %q, which %s (%q) already uses",
						p.EndpointName, p.PhysicalSchema, other.File, other.EndpointName)}
			}
		}
		if i == 0 {
			set.APISchemaVersion = p.APISchemaVersion
		}
		set.Projects = append(set.Projects, p)
	}
	exts := set.Projects[1:]
	sort.SliceStable(exts, func(i, j int) bool { return jsonx.LessOrdinal(exts[i].EndpointName, exts[j].EndpointName) })
	return set, nil
}

func parseProject(d Document) (*Project, error) {
	root, err := jsonx.Parse(d.Data)
	if err != nil {
		return nil, &Error{File: d.Name, Reason: err.Error()}
	}
	if root.Kind != jsonx.Object {
		return nil, &Error{File: d.Name, Location: "$", Reason: "an ApiSchema document must be a JSON object, found " + root.Kind.String()}
	}
	if root.Has("projectSchemas") && !root.Has("projectSchema") {
		return nil, &Error{File: d.Name, Location: "$.projectSchemas",
			Reason: "legacy ApiSchema format (top-level \"projectSchemas\" wrapper) is not supported; regenerate the file with a current MetaEd so that it has a single top-level \"projectSchema\""}
	}
	version, err := requiredString(d.Name, root, "$", "apiSchemaVersion")
	if err != nil {
		return nil, err
	}
	ps := root.Get("projectSchema")
	if ps == nil {
		return nil, &Error{File: d.Name, Location: "$.projectSchema", Reason: "missing required member \"projectSchema\""}
	}
	if ps.Kind != jsonx.Object {
		return nil, &Error{File: d.Name, Location: "$.projectSchema", Reason: "must be an object, found " + ps.Kind.String()}
	}
	p := &Project{File: d.Name, APISchemaVersion: version, Published: ps}
	const at = "$.projectSchema"
	if p.EndpointName, err = requiredString(d.Name, ps, at, "projectEndpointName"); err != nil {
		return nil, err
	}
	if p.ProjectName, err = requiredString(d.Name, ps, at, "projectName"); err != nil {
		return nil, err
	}
	if p.ProjectVersion, err = requiredString(d.Name, ps, at, "projectVersion"); err != nil {
		return nil, err
	}
	ext := ps.Get("isExtensionProject")
	if ext == nil || ext.Kind != jsonx.Bool {
		return nil, &Error{File: d.Name, Location: at + ".isExtensionProject", Reason: "missing or not a boolean"}
	}
	p.IsExtension = ext.Bool
	p.PhysicalSchema = PhysicalSchemaName(p.EndpointName)
	if p.PhysicalSchema == "" {
		return nil, &Error{File: d.Name, Location: at + ".projectEndpointName",
			Reason: fmt.Sprintf("projectEndpointName %q has no letters or digits to form a database schema name", p.EndpointName)}
	}
	if p.Schema, err = stripOpenAPI(d.Name, ps); err != nil {
		return nil, err
	}
	return p, nil
}

func requiredString(file string, obj *jsonx.Value, at, key string) (string, error) {
	v := obj.Get(key)
	loc := at + jsonx.PathKey(key)
	if v == nil {
		return "", &Error{File: file, Location: loc, Reason: fmt.Sprintf("missing required member %q", key)}
	}
	s, ok := v.Str()
	if !ok {
		return "", &Error{File: file, Location: loc, Reason: "must be a string, found " + v.Kind.String()}
	}
	if strings.TrimSpace(s) == "" {
		return "", &Error{File: file, Location: loc, Reason: "must not be empty"}
	}
	return s, nil
}

// stripOpenAPI removes the OpenAPI payloads, which are documentation and
// must not influence the fingerprint or the model: openApiBaseDocuments,
// every resourceSchemas[*].openApiFragments and every
// abstractResources[*].openApiFragment.
func stripOpenAPI(file string, ps *jsonx.Value) (*jsonx.Value, error) {
	out := ps.Without("openApiBaseDocuments")
	for _, section := range []struct{ key, fragment string }{
		{"resourceSchemas", "openApiFragments"},
		{"abstractResources", "openApiFragment"},
	} {
		obj := out.Get(section.key)
		if obj == nil {
			continue
		}
		if obj.Kind != jsonx.Object {
			return nil, &Error{File: file, Location: "$.projectSchema." + section.key, Reason: "must be an object, found " + obj.Kind.String()}
		}
		stripped := *obj
		stripped.Members = make([]jsonx.Member, len(obj.Members))
		for i, m := range obj.Members {
			if m.Value.Kind != jsonx.Object {
				return nil, &Error{File: file, Location: "$.projectSchema." + section.key + jsonx.PathKey(m.Key),
					Reason: "must be an object, found " + m.Value.Kind.String()}
			}
			stripped.Members[i] = jsonx.Member{Key: m.Key, Value: m.Value.Without(section.fragment)}
		}
		out = out.With(section.key, &stripped)
	}
	return out, nil
}

// PhysicalSchemaName turns a projectEndpointName into its database schema
// name: lowercase, letters and digits only, prefixed with "p" when it would
// not start with a letter ("ed-fi" → "edfi").
func PhysicalSchemaName(endpoint string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(endpoint) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	s := b.String()
	if s != "" && !(s[0] >= 'a' && s[0] <= 'z') {
		s = "p" + s
	}
	return s
}
