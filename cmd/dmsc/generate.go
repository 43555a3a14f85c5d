package main

import (
	"fmt"
	"path/filepath"
	"time"

	"github.com/edfi-dmsc/dmsc/compiler/gogen"
)

// generateCmd writes the Go source of a schema-specific API server.
type generateCmd struct {
	schemaFlags
	Out        string `short:"o" required:"" type:"path" placeholder:"DIR" help:"Output directory of the generated package (the server command goes to DIR/cmd/<command>); replaced as a whole, never left half-written."`
	Package    string `short:"p" placeholder:"NAME" help:"Go package name; default: the output directory's name."`
	ImportPath string `name:"import-path" placeholder:"PATH" help:"Import path of the generated package; default: derived from the go.mod above the output directory."`
	Command    string `placeholder:"NAME" help:"Name of the server command; default: <package>-server."`
}

func (c *generateCmd) Run(e *env) error {
	start := time.Now()
	pkg := c.Package
	if pkg == "" {
		pkg = filepath.Base(filepath.Clean(c.Out))
	}
	importPath := c.ImportPath
	if importPath == "" {
		var err error
		if importPath, err = gogen.ImportPathFor(c.Out); err != nil {
			return usageError{err.Error()}
		}
	}
	schema, err := gogen.Plans(c.Schema...)
	if err != nil {
		return err
	}
	files, err := gogen.Generate(schema, gogen.Options{Package: pkg, ImportPath: importPath, Command: c.Command})
	if err != nil {
		return err
	}
	if err := gogen.WriteDir(c.Out, files); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "generated package %s (%s): %d resources, %d files in %s\n",
		pkg, importPath, len(schema.Resources), len(files), time.Since(start).Round(time.Millisecond))
	return nil
}
