package main

import (
	"fmt"
	"maps"
	"path/filepath"
	"time"

	"github.com/edfi-dmsc/dmsc/compiler/gogen"
)

// generateCmd writes the Go source of a schema-specific API server.
type generateCmd struct {
	schemaFlags
	Out        string            `short:"o" required:"" type:"path" placeholder:"DIR" help:"Output directory of the generated package (the server command goes to DIR/cmd/<command>); replaced as a whole, never left half-written."`
	Package    string            `short:"p" placeholder:"NAME" help:"Go package name; default: the output directory's name."`
	ImportPath string            `name:"import-path" placeholder:"PATH" help:"Import path of the generated package; default: derived from the go.mod above the output directory."`
	Command    string            `placeholder:"NAME" help:"Name of the server command; default: <package>-server."`
	Module     string            `placeholder:"PATH" help:"Make DIR a Go module of its own with this path (the package's import path): writes DIR/go.mod and DIR/go.sum, complete, so the module builds with the default checksum settings and without the network (given a module cache holding the dmsc checkout's dependencies). Needs --dmsc-source."`
	XSDDir     map[string]string `name:"xsd-dir" placeholder:"PROJECT=DIR" help:"Serve the *.xsd files of DIR as the XSD metadata of PROJECT (project name or endpoint name, e.g. Ed-Fi=xsd/ed-fi); repeatable. The files are copied into the generated package (its xsd/ folder). Without it the server has no /metadata/xsd routes and discovery does not advertise them."`
	DMSCSource string            `name:"dmsc-source" type:"existingdir" placeholder:"DIR" help:"With --module: the dmsc checkout the server links with (a replace directive); its go.mod and go.sum give the module's requirements and checksums."`
}

func (c *generateCmd) Run(e *env) error {
	start := time.Now()
	pkg := c.Package
	if pkg == "" {
		pkg = filepath.Base(filepath.Clean(c.Out))
	}
	importPath := c.ImportPath
	switch {
	case c.Module == "" && c.DMSCSource != "":
		return usageError{"--dmsc-source needs --module"}
	case c.Module != "" && c.DMSCSource == "":
		return usageError{"--module needs --dmsc-source DIR, the dmsc checkout the server links with"}
	case c.Module != "" && importPath != "" && importPath != c.Module:
		return usageError{fmt.Sprintf("--import-path %s differs from --module %s, the package's import path", importPath, c.Module)}
	case c.Module != "":
		importPath = c.Module
	}
	if importPath == "" {
		var err error
		if importPath, err = gogen.ImportPathFor(c.Out); err != nil {
			return usageError{err.Error()}
		}
	}
	schema, api, err := gogen.Compile(c.Schema, c.XSDDir)
	if err != nil {
		return err
	}
	files, err := gogen.Generate(schema, gogen.Options{Package: pkg, ImportPath: importPath, Command: c.Command, API: api})
	if err != nil {
		return err
	}
	if c.Module != "" {
		module, err := gogen.ModuleFiles(c.Module, c.DMSCSource)
		if err != nil {
			return err
		}
		maps.Copy(files, module)
	}
	if err := gogen.WriteDir(c.Out, files); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "generated package %s (%s): %d resources, %d files in %s\n",
		pkg, importPath, len(schema.Resources), len(files), time.Since(start).Round(time.Millisecond))
	return nil
}
