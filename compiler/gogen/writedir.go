package gogen

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/edfi-dmsc/dmsc/internal/outdir"
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
// generated Go files (in any subdirectory), and the go.mod and go.sum of
// ModuleFiles (a go.mod starting with the header, a go.sum beside it).
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
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
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
