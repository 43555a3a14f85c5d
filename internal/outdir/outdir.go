// Package outdir replaces a generated output directory as a whole, so a
// failed or interrupted run never leaves a half-written directory behind.
package outdir

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// Replace replaces dir with exactly files, keyed by slash-separated paths
// relative to dir (subdirectories are created). The files are written into
// a sibling temporary directory first and swapped in with renames; the
// previous directory is restored when the swap fails. A dir that exists and
// is not a directory is an error.
func Replace(dir string, files map[string][]byte) error {
	dir = filepath.Clean(dir)
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("create output parent directory: %w", err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".tmp-")
	if err != nil {
		return fmt.Errorf("create temporary output directory: %w", err)
	}
	defer os.RemoveAll(tmp)
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		p := filepath.Join(tmp, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fmt.Errorf("create directory for %s: %w", name, err)
		}
		if err := os.WriteFile(p, files[name], 0o644); err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	var backup string
	if fi, err := os.Stat(dir); err == nil {
		if !fi.IsDir() {
			return fmt.Errorf("output path %s exists and is not a directory", dir)
		}
		backup = tmp + ".old"
		if err := os.Rename(dir, backup); err != nil {
			return fmt.Errorf("move previous output aside: %w", err)
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		if backup != "" {
			_ = os.Rename(backup, dir)
		}
		return fmt.Errorf("move output into place: %w", err)
	}
	if backup != "" {
		return os.RemoveAll(backup)
	}
	return nil
}
