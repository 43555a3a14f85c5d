package openapi

import "github.com/edfi-dmsc/dmsc/compiler/jsonx"

// DiscoveryOptions selects the optional endpoints the discovery document
// describes, so it lists only what the server serves.
type DiscoveryOptions struct {
	// XSD is set when the server serves /metadata/xsd (XSD files were
	// supplied at generation time).
	XSD bool
}

// Discovery returns the OpenAPI document of the server-root endpoints
// (discovery, metadata, specifications list, dependencies and, when
// served, XSD metadata). The reference ships this document as a static
// file of its ApiSchema packages; dmsc writes its own description of the
// same endpoints, in the shapes ../shared/spec/HTTP-CONTRACT.md fixes.
func Discovery(opts DiscoveryOptions) *jsonx.Value {
	str := func(description string) *jsonx.Value {
		return jsonx.Obj(jsonx.M("description", jsonx.Str(description)), jsonx.M("type", jsonx.Str("string")))
	}
	obj := func(required []string, props ...jsonx.Member) *jsonx.Value {
		o := jsonx.Obj(jsonx.M("properties", jsonx.Obj(props...)))
		if len(required) > 0 {
			o.Members = append(o.Members, jsonx.M("required", jsonx.Strs(required...)))
		}
		o.Members = append(o.Members, jsonx.M("type", jsonx.Str("object")))
		return o
	}
	arrayOf := func(items *jsonx.Value) *jsonx.Value {
		return jsonx.Obj(jsonx.M("items", items), jsonx.M("type", jsonx.Str("array")))
	}
	ref := schemaRef
	jsonGet := func(operationID, summary string, schema *jsonx.Value) *jsonx.Value {
		return jsonx.Obj(jsonx.M("get", jsonx.Obj(
			jsonx.M("operationId", jsonx.Str(operationID)),
			jsonx.M("responses", jsonx.Obj(jsonx.M("200", jsonx.Obj(
				jsonx.M("content", jsonx.Obj(jsonx.M("application/json", jsonx.Obj(jsonx.M("schema", schema))))),
				jsonx.M("description", jsonx.Str("Success.")),
			)))),
			jsonx.M("summary", jsonx.Str(summary)),
			jsonx.M("tags", jsonx.Strs("Discovery")),
		)))
	}

	urlKeys := []string{"dependencies", "openApiMetadata", "oauth", "tokenInfo", "dataManagementApi", "changeQueries"}
	metadataKeys := []string{"dependencies", "specifications"}
	if opts.XSD {
		urlKeys = append(urlKeys, "xsdMetadata")
		metadataKeys = append(metadataKeys, "xsdMetadata")
	}
	var urlProps, metadataProps []jsonx.Member
	for _, k := range urlKeys {
		urlProps = append(urlProps, jsonx.M(k, str("Absolute URL of the "+k+" endpoint.")))
	}
	for _, k := range metadataKeys {
		metadataProps = append(metadataProps, jsonx.M(k, str("Absolute URL of the "+k+" metadata.")))
	}

	schemas := jsonx.Obj(
		jsonx.M("DataModel", obj([]string{"name", "version"},
			jsonx.M("informationalVersion", str("Free-form description of the data model version.")),
			jsonx.M("name", str("Project name, e.g. Ed-Fi.")),
			jsonx.M("version", str("Project version.")),
		)),
		jsonx.M("Discovery", obj([]string{"applicationName", "dataModels", "urls"},
			jsonx.M("applicationName", str("Name of the API application.")),
			jsonx.M("dataModels", arrayOf(ref("DataModel"))),
			jsonx.M("informationalVersion", str("Free-form application version text.")),
			jsonx.M("urls", obj(nil, urlProps...)),
			jsonx.M("version", str("Application version.")),
		)),
		jsonx.M("Metadata", obj(nil, metadataProps...)),
		jsonx.M("ResourceLoadOrder", obj([]string{"resource", "order", "operations"},
			jsonx.M("operations", arrayOf(jsonx.Obj(jsonx.M("type", jsonx.Str("string"))))),
			jsonx.M("order", jsonx.Obj(jsonx.M("description", jsonx.Str("Load group; a resource may be loaded once every resource of a lower group is.")),
				jsonx.M("format", jsonx.Str("int32")), jsonx.M("type", jsonx.Str("integer")))),
			jsonx.M("resource", str("Resource path below the data API, e.g. /ed-fi/schools.")),
		)),
		jsonx.M("Specification", obj([]string{"name", "endpointUri", "prefix"},
			jsonx.M("endpointUri", str("Absolute URL of the OpenAPI document.")),
			jsonx.M("name", str("Specification name, e.g. Resources.")),
			jsonx.M("prefix", str("Grouping prefix: empty, Other or Profiles.")),
		)),
	)
	paths := jsonx.Obj(
		jsonx.M("/", jsonGet("getDiscovery", "Describes the API: version, data models and the URLs of its endpoints.", ref("Discovery"))),
		jsonx.M("/metadata", jsonGet("getMetadata", "Lists the metadata endpoints.", ref("Metadata"))),
		jsonx.M("/metadata/dependencies", jsonGet("getDependencies", "Lists the resources in the order they can be loaded (also as GraphML with Accept: application/graphml).", arrayOf(ref("ResourceLoadOrder")))),
		jsonx.M("/metadata/specifications", jsonGet("getSpecifications", "Lists the OpenAPI documents this API publishes.", arrayOf(ref("Specification")))),
	)
	graphML := paths.Get("/metadata/dependencies").Get("get").Get("responses").Get("200").Get("content")
	graphML.Members = append(graphML.Members, jsonx.M("application/graphml", jsonx.Obj(jsonx.M("schema", jsonx.Obj(jsonx.M("type", jsonx.Str("string")))))))
	if opts.XSD {
		schemas.Members = append(schemas.Members, jsonx.M("XsdProject", obj([]string{"name", "files"},
			jsonx.M("description", str("Data model description.")),
			jsonx.M("files", str("Absolute URL of the list of the project's XSD files.")),
			jsonx.M("name", str("Project endpoint name, e.g. ed-fi.")),
			jsonx.M("version", str("Project version.")),
		)))
		paths.Members = append(paths.Members,
			jsonx.M("/metadata/xsd", jsonGet("getXsdProjects", "Lists the data models with XSD files.", arrayOf(ref("XsdProject")))),
			jsonx.M("/metadata/xsd/{project}/files", jsonGet("getXsdFiles", "Lists the absolute URLs of a data model's XSD files.", arrayOf(jsonx.Obj(jsonx.M("type", jsonx.Str("string")))))),
		)
		files := paths.Get("/metadata/xsd/{project}/files").Get("get")
		files.Members = append(files.Members, jsonx.M("parameters", jsonx.Arr(jsonx.Obj(
			jsonx.M("in", jsonx.Str("path")),
			jsonx.M("name", jsonx.Str("project")),
			jsonx.M("required", jsonx.Boolean(true)),
			jsonx.M("schema", jsonx.Obj(jsonx.M("type", jsonx.Str("string")))),
		))))
	}
	return jsonx.Obj(
		jsonx.M("openapi", jsonx.Str("3.0.0")),
		jsonx.M("info", jsonx.Obj(
			jsonx.M("description", jsonx.Str("The endpoints at the root of the Ed-Fi API that describe it: discovery, metadata and the resource load order.")),
			jsonx.M("title", jsonx.Str("Ed-Fi Discovery API")),
			jsonx.M("version", jsonx.Str(InfoVersion)),
		)),
		jsonx.M("servers", jsonx.Arr()),
		jsonx.M("paths", paths),
		jsonx.M("components", jsonx.Obj(jsonx.M("schemas", schemas))),
		jsonx.M("tags", jsonx.Arr(jsonx.Obj(jsonx.M("description", jsonx.Str("API description and metadata.")), jsonx.M("name", jsonx.Str("Discovery"))))),
	)
}
