package gogen

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/edfi-dmsc/dmsc/compiler/emit"
	"github.com/edfi-dmsc/dmsc/compiler/load"
	"github.com/edfi-dmsc/dmsc/compiler/openapi"
	"github.com/edfi-dmsc/dmsc/runtime/apidocs"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// API is the API description a generated server embeds and serves at its
// metadata routes (runtime/server.APIMetadata).
type API struct {
	// Documents are the OpenAPI documents and the load order by file name
	// (runtime/apidocs names), as `dmsc ddl emit` writes them under api/.
	Documents map[string][]byte
	// XSD lists every project of the schema for /metadata/xsd, with the
	// XSD files given for it; nil when none were given: the server then
	// has no XSD routes.
	XSD []XSDProject
}

// XSDProject is one project's XSD files.
type XSDProject struct {
	Name, Version string // project name and version, as the schema gives them
	Core          bool
	Files         map[string][]byte // by file name
}

// APIFile is the generated file that embeds the API description.
const APIFile = "apidescription.go"

// Compile runs Plans and compiles the API description of the schema files;
// xsdDirs maps a project (its name or endpoint name, case-insensitively)
// to a directory whose *.xsd files the server serves. The API is nil for a
// schema without OpenAPI base documents (synthetic test schemas).
func Compile(schemaFiles []string, xsdDirs map[string]string) (*spec.Schema, *API, error) {
	schema, set, err := compile(schemaFiles)
	if err != nil {
		return nil, nil, err
	}
	docs, err := emit.APIDocsWith(set, openapi.DiscoveryOptions{XSD: len(xsdDirs) > 0})
	if err != nil {
		return nil, nil, fmt.Errorf("API description: %w", err)
	}
	if docs == nil {
		if len(xsdDirs) > 0 {
			return nil, nil, fmt.Errorf("XSD files given, but the schema has no OpenAPI base documents to describe an API")
		}
		return schema, nil, nil
	}
	api := &API{Documents: map[string][]byte{}}
	for name, data := range docs {
		api.Documents[strings.TrimPrefix(name, emit.APIDocsDir)] = data
	}
	if len(xsdDirs) > 0 {
		if api.XSD, err = readXSD(set, xsdDirs); err != nil {
			return nil, nil, err
		}
	}
	return schema, api, nil
}

// readXSD lists every project of set with the *.xsd files of its
// directory in xsdDirs.
func readXSD(set *load.SchemaSet, xsdDirs map[string]string) ([]XSDProject, error) {
	var out []XSDProject
	used := map[string]bool{}
	for _, p := range set.Projects {
		xp := XSDProject{Name: p.ProjectName, Version: p.ProjectVersion, Core: !p.IsExtension, Files: map[string][]byte{}}
		for key, dir := range xsdDirs {
			if !strings.EqualFold(key, p.ProjectName) && !strings.EqualFold(key, p.EndpointName) {
				continue
			}
			used[key] = true
			entries, err := os.ReadDir(dir)
			if err != nil {
				return nil, fmt.Errorf("XSD files of %s: %w", p.ProjectName, err)
			}
			for _, e := range entries {
				if e.Type().IsRegular() && strings.EqualFold(filepath.Ext(e.Name()), ".xsd") {
					if xp.Files[e.Name()], err = os.ReadFile(filepath.Join(dir, e.Name())); err != nil {
						return nil, err
					}
				}
			}
			if len(xp.Files) == 0 {
				return nil, fmt.Errorf("XSD directory %s of %s holds no .xsd file", dir, p.ProjectName)
			}
		}
		out = append(out, xp)
	}
	for key := range xsdDirs {
		if !used[key] {
			return nil, fmt.Errorf("XSD files given for %s, which is not a project of the schema", key)
		}
	}
	return out, nil
}

// apiFiles returns the embedded files of api: the documents gzipped under
// api/, the XSD files under xsd/{lower-cased project name}/.
func apiFiles(api *API) (Files, error) {
	files := Files{}
	for name, data := range api.Documents {
		var b bytes.Buffer
		// No name or time in the header: the output depends on data only.
		z, err := gzip.NewWriterLevel(&b, gzip.DefaultCompression)
		if err != nil {
			return nil, err
		}
		if _, err := z.Write(data); err != nil {
			return nil, err
		}
		if err := z.Close(); err != nil {
			return nil, err
		}
		files[apidocs.Dir+"/"+name+apidocs.CompressedSuffix] = b.Bytes()
	}
	for _, p := range api.XSD {
		for name, data := range p.Files {
			files[apidocs.XSDDir+"/"+strings.ToLower(p.Name)+"/"+name] = data
		}
	}
	return files, nil
}

// apiFile writes the file embedding the API description and withAPI,
// which adds it to the App.
func apiFile(s *spec.Schema, opts Options, api *API) ([]byte, error) {
	f := newFile(opts.Package, fileHeader(s.Projects))
	dirs := apidocs.Dir
	hasXSD := slices.ContainsFunc(api.XSD, func(p XSDProject) bool { return len(p.Files) > 0 })
	if hasXSD {
		dirs += " " + apidocs.XSDDir
	}
	f.Comment("apiFiles hold what the metadata routes serve (see runtime/server.LoadAPI):")
	if hasXSD {
		f.Comment(fmt.Sprintf("in %s/ the OpenAPI documents and the resource load order dmsc compiled,", apidocs.Dir))
		f.Comment(fmt.Sprintf("gzipped, and in %s/ the projects' XSD files given to `dmsc generate --xsd-dir`.", apidocs.XSDDir))
	} else {
		f.Comment(fmt.Sprintf("in %s/ the OpenAPI documents and the resource load order dmsc compiled,", apidocs.Dir))
		f.Comment("gzipped.")
	}
	f.Comment("")
	f.Comment("//go:embed " + dirs)
	f.Var().Id("apiFiles").Qual("embed", "FS")
	f.Line()

	xsd := jen.Nil()
	if api.XSD != nil {
		items := make([]jen.Code, 0, len(api.XSD))
		for _, p := range api.XSD {
			fields := jen.Dict{jen.Id("Name"): jen.Lit(p.Name), jen.Id("Version"): jen.Lit(p.Version)}
			if p.Core {
				fields[jen.Id("Core")] = jen.True()
			}
			items = append(items, jen.Values(fields))
		}
		xsd = jen.Index().Qual(serverPkg, "XSDProject").Values(items...)
	}
	f.Comment("withAPI returns app serving the embedded API description: discovery")
	f.Comment("advertises, and the server routes, only the parts it holds.")
	f.Func().Id("withAPI").Params(jen.Id("app").Qual(serverPkg, "App")).Qual(serverPkg, "App").Block(
		jen.Id("app").Dot("API").Op("=").Qual(serverPkg, "MustLoadAPI").Call(jen.Id("apiFiles"), xsd),
		jen.Return(jen.Id("app")),
	)
	return render(f)
}
