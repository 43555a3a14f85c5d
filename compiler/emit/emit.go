// Package emit runs the compiler's build stages for `dmsc ddl emit` and the
// fixture harness: it turns a loaded schema set into the named artifacts
// (manifests and scripts) and writes them to a directory atomically.
package emit

import (
	"fmt"
	"maps"
	"sort"

	"github.com/edfi-dmsc/dmsc/compiler/ddl"
	"github.com/edfi-dmsc/dmsc/compiler/ddl/modelddl"
	"github.com/edfi-dmsc/dmsc/compiler/effschema"
	"github.com/edfi-dmsc/dmsc/compiler/load"
	"github.com/edfi-dmsc/dmsc/compiler/relmodel"
	"github.com/edfi-dmsc/dmsc/internal/outdir"
)

// Dialect names a SQL dialect as it appears in file names and flags.
type Dialect string

// The supported dialects, in the order the reference emits them.
const (
	PGSQL Dialect = "pgsql"
	MSSQL Dialect = "mssql"
)

// ParseDialects turns a --dialect flag value (pgsql, mssql or both) into a
// dialect list.
func ParseDialects(flag string) ([]Dialect, error) {
	switch flag {
	case "pgsql":
		return []Dialect{PGSQL}, nil
	case "mssql":
		return []Dialect{MSSQL}, nil
	case "both", "":
		return []Dialect{PGSQL, MSSQL}, nil
	}
	return nil, fmt.Errorf("unknown dialect %q: use pgsql, mssql or both", flag)
}

// Options selects what Artifacts produces.
type Options struct {
	Dialects    []Dialect
	DDLManifest bool // also write ddl.manifest.json
	// Strict selects the strict model pass set (real schemas); the
	// permissive set exists for synthetic test fixtures.
	Strict bool
	// APIDocs also writes the API description under api/ (see APIDocsFor).
	APIDocs bool
}

// Artifact file names, shared with the fixture harness.
const (
	EffectiveSchemaManifest = "effective-schema.manifest.json"
	DDLManifest             = "ddl.manifest.json"
)

// Script names a dialect's provisioning script.
func Script(d Dialect) string { return string(d) + ".sql" }

// RelationalModelManifest names a dialect's relational-model manifest.
func RelationalModelManifest(d Dialect) string {
	return "relational-model." + string(d) + ".manifest.json"
}

// Artifacts is the set of files one emit run produces, by file name.
type Artifacts map[string][]byte

// Names returns the artifact file names in sorted order.
func (a Artifacts) Names() []string {
	names := make([]string, 0, len(a))
	for n := range a {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Build computes every artifact in memory; nothing touches the disk, so a
// failure leaves no partial output behind.
func Build(set *load.SchemaSet, opts Options) (Artifacts, *effschema.Info, error) {
	info, err := effschema.Compute(set)
	if err != nil {
		return nil, nil, err
	}
	out := Artifacts{EffectiveSchemaManifest: info.Manifest()}
	var entries []ddl.ManifestEntry
	for _, d := range opts.Dialects {
		model, err := relmodel.Derive(set, info, relmodel.Dialect(d), opts.Strict)
		if err != nil {
			return nil, nil, fmt.Errorf("%s relational model: %w", d, err)
		}
		out[RelationalModelManifest(d)] = model.Manifest()
		dialect, err := ddl.DialectByName(string(d))
		if err != nil {
			return nil, nil, err
		}
		script, err := ddl.Emit(info, dialect, modelddl.New(model))
		if err != nil {
			return nil, nil, err
		}
		out[Script(d)] = []byte(ddl.CanonicalFile(script))
		entries = append(entries, ddl.ManifestEntryFor(dialect, script))
	}
	if opts.DDLManifest {
		out[DDLManifest] = ddl.Manifest(info, entries)
	}
	if opts.APIDocs {
		docs, err := APIDocsFor(set)
		if err != nil {
			return nil, nil, err
		}
		maps.Copy(out, docs)
	}
	return out, info, nil
}

// WriteDir replaces dir with exactly the given artifacts. Files are written
// into a sibling temporary directory first and swapped in with renames, so a
// failure (or a crash) never leaves a half-written output directory.
func WriteDir(dir string, arts Artifacts) error {
	return outdir.Replace(dir, arts)
}

// Produces reports whether this version of the compiler produces the named
// artifact kind at all. The fixture harness reports expected files of other
// kinds as pending instead of failing on them, so stages can land one at a
// time while the reference fixtures stay fully listed.
func Produces(name string) bool {
	switch name {
	case EffectiveSchemaManifest, DDLManifest,
		RelationalModelManifest(PGSQL), RelationalModelManifest(MSSQL), Script(PGSQL), Script(MSSQL):
		return true
	}
	return false
}
