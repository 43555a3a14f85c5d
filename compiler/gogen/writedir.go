package gogen

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/edfi-dmsc/dmsc/internal/outdir"
	"github.com/edfi-dmsc/dmsc/runtime/apidocs"
)

// WriteDir replaces dir with exactly files. The files are written into a
// sibling temporary directory and swapped in with renames, so a failure
// never leaves a half-written package behind. Because the whole directory
// is replaced, WriteDir refuses a directory holding anything but files it
// generated earlier (Go files starting with the generated-code header):
// pointing --out at a source directory must not delete it.
func WriteDir(dir string, files Files) error {
	dir = filepath.Clean(dir)
	if err := checkReplaceable(dir); err != nil {
		return err
	}
	return outdir.Replace(dir, files)
}

// checkReplaceable accepts a missing directory or one holding only
// generated Go files (in any subdirectory), the go.mod and go.sum of
// ModuleFiles (a go.mod starting with the header, a go.sum beside it) and
// anything in the embedded API description's directories (api/ and xsd/ at
// the top, see apiFiles), which hold no Go header to recognise them by:
// dmsc owns them in a directory it generated, that is one whose schema.go
// it wrote.
func checkReplaceable(dir string) error {
	fi, err := os.Stat(dir)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return fmt.Errorf("output path %s exists and is not a directory", dir)
	}
	header := []byte("// " + Header)
	generated := func(p string) (bool, error) {
		b, err := os.ReadFile(p)
		return bytes.HasPrefix(b, header), err
	}
	ownsAPIDirs, err := generated(filepath.Join(dir, SchemaFile))
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if ownsAPIDirs && (p == filepath.Join(dir, apidocs.Dir) || p == filepath.Join(dir, apidocs.XSDDir)) {
				return filepath.SkipDir
			}
			return nil
		}
		var ok bool
		switch d.Name() {
		case "go.mod":
			ok, err = generated(p)
		case "go.sum":
			ok, err = generated(filepath.Join(filepath.Dir(p), "go.mod"))
		default:
			if filepath.Ext(p) == ".go" {
				ok, err = generated(p)
			}
		}
		if err != nil && !os.IsNotExist(err) {
			return err
		}
		if ok {
			return nil
		}
		return fmt.Errorf("output directory %s holds %s, which dmsc did not generate; refusing to replace the directory", dir, p)
	})
}
