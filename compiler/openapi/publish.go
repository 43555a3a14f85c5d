package openapi

import (
	"fmt"

	"github.com/edfi-dmsc/dmsc/compiler/jsonx"
	"github.com/edfi-dmsc/dmsc/compiler/load"
	"github.com/edfi-dmsc/dmsc/runtime/apidocs"
)

// The parts of a served document that depend on the request are compiled
// in as placeholder URIs, each the whole of a JSON string value, so the
// server can fill them with a byte replacement of the quoted placeholder
// (runtime/apidocs does this):
//
//   - ServerURLPlaceholder is the only entry of `servers`: the base URL the
//     document's paths are relative to. The reference derives it from the
//     request: <scheme>://<host><pathBase>/data for the resources and
//     descriptors documents, …/changeQueries/v1 for the change-queries
//     document. For the discovery document dmsc serves <scheme>://<host><pathBase>
//     (the reference also points it at …/data, where its paths do not live).
//   - TokenURLPlaceholder is the OAuth 2.0 client-credentials token URL in
//     components.securitySchemes (the reference's configured
//     AuthenticationService URL).
const (
	ServerURLPlaceholder = apidocs.ServerURLPlaceholder
	TokenURLPlaceholder  = apidocs.TokenURLPlaceholder
)

// securitySchemeName is the scheme the reference declares and requires on
// every operation of the schema-derived documents.
const securitySchemeName = "oauth2_client_credentials"

// prepareForServing sets the per-request parts as placeholders: servers,
// and for documents behind authentication the OAuth 2.0 security section.
// Existing members keep their position (servers is in every base
// document); new ones are appended, as the reference's serving code does.
func prepareForServing(doc *jsonx.Value, secured bool) {
	doc.Set("servers", jsonx.Arr(jsonx.Obj(jsonx.M("url", jsonx.Str(ServerURLPlaceholder)))))
	if !secured {
		return
	}
	components := object(doc.Get("components"))
	if components == nil {
		components = jsonx.Obj()
		doc.Set("components", components)
	}
	schemes := object(components.Get("securitySchemes"))
	if schemes == nil {
		schemes = jsonx.Obj()
		components.Set("securitySchemes", schemes)
	}
	schemes.Set(securitySchemeName, jsonx.Obj(
		jsonx.M("type", jsonx.Str("oauth2")),
		jsonx.M("description", jsonx.Str("Ed-Fi API OAuth 2.0 Client Credentials Grant Type authorization")),
		jsonx.M("flows", jsonx.Obj(jsonx.M("clientCredentials", jsonx.Obj(
			jsonx.M("tokenUrl", jsonx.Str(TokenURLPlaceholder)),
			jsonx.M("scopes", jsonx.Obj()),
		)))),
	))
	doc.Set("security", jsonx.Arr(jsonx.Obj(jsonx.M(securitySchemeName, jsonx.Arr()))))
}

// Document file names, as the reference serves them under
// /metadata/specifications (change queries: /metadata/changequeries/v1/swagger.json).
const (
	ResourcesFile     = apidocs.ResourcesFile
	DescriptorsFile   = apidocs.DescriptorsFile
	DiscoveryFile     = apidocs.DiscoveryFile
	ChangeQueriesFile = apidocs.ChangeQueriesFile
)

// Documents is the published OpenAPI set of a schema set, each document
// serialized as the reference sends it (System.Text.Json, indented, default
// escaping) with the placeholders above.
type Documents struct {
	Resources   []byte
	Descriptors []byte
	Discovery   []byte
	// ChangeQueries is nil when the core schema has no change-queries base
	// document (the reference then answers 404 and does not list it).
	ChangeQueries []byte
}

// Files returns the documents by file name.
func (d *Documents) Files() map[string][]byte {
	files := map[string][]byte{
		ResourcesFile:   d.Resources,
		DescriptorsFile: d.Descriptors,
		DiscoveryFile:   d.Discovery,
	}
	if d.ChangeQueries != nil {
		files[ChangeQueriesFile] = d.ChangeQueries
	}
	return files
}

// HasBaseDocuments reports whether the core schema carries the OpenAPI base
// documents the assembly starts from (synthetic test schemas often do not).
func HasBaseDocuments(set *load.SchemaSet) bool {
	return object(set.Core().Published.Get("openApiBaseDocuments")) != nil
}

// Build assembles and serializes every published document.
func Build(set *load.SchemaSet, opts DiscoveryOptions) (*Documents, error) {
	var out Documents
	for _, k := range []struct {
		kind Kind
		dst  *[]byte
	}{{Resources, &out.Resources}, {Descriptors, &out.Descriptors}} {
		doc, err := Assemble(set, k.kind)
		if err != nil {
			return nil, fmt.Errorf("%s OpenAPI document: %w", k.kind, err)
		}
		prepareForServing(doc, true)
		*k.dst = jsonx.Indented(doc, jsonx.EscapeDefault)
	}
	if cq := ChangeQueries(set); cq != nil {
		prepareForServing(cq, true)
		out.ChangeQueries = jsonx.Indented(cq, jsonx.EscapeDefault)
	}
	discovery := Discovery(opts)
	prepareForServing(discovery, false)
	out.Discovery = jsonx.Indented(discovery, jsonx.EscapeDefault)
	return &out, nil
}
