// Package ddl emits the provisioning SQL for PostgreSQL and SQL Server: the
// core dms.* objects, the per-resource relational objects supplied by a
// Relational section, and the seed rows that record the effective schema
// fingerprint. Output is deterministic and laid out like the reference
// implementation's scripts (see docs/ddl-differences.md for what is left out).
package ddl

import (
	"fmt"

	"github.com/edfi-dmsc/dmsc/compiler/effschema"
)

// Relational is the per-resource part of a script: project schemas, resource
// and collection tables, foreign keys, indexes, abstract identity tables and
// union views, and triggers. It is written after the core objects (phases
// 1-8) and before the seed data (phase 10), as the reference does.
type Relational interface {
	// WriteRelational writes the section. Every statement group must end
	// with a blank line.
	WriteRelational(w *Writer, d Dialect) error
	// DescriptorTrackedChanges names the shared descriptor tracked-change
	// table when the model has one (it has descriptors), or returns nil.
	DescriptorTrackedChanges() *TableName
}

// Emit writes the full provisioning script for one dialect. rel may be nil,
// which yields the core-only script (core objects plus seeds). The result is
// the emitter form: canonical lines ending in a blank line; use
// CanonicalFile for the on-disk .sql form.
func Emit(info *effschema.Info, d Dialect, rel Relational) (string, error) {
	if info == nil {
		return "", fmt.Errorf("ddl: no effective schema info")
	}
	if len(info.ResourceKeys) == 0 {
		return "", fmt.Errorf("ddl: effective schema %s has no resource keys", info.EffectiveSchemaHash)
	}
	var w Writer
	w.PhaseHeader(0, "Bounded Provisioning Guards")
	writePreflight(&w, d, info)

	var opts CoreOptions
	if rel != nil {
		opts.DescriptorTrackedChanges = rel.DescriptorTrackedChanges()
	}
	writeCore(&w, d, opts)

	if rel != nil {
		if err := rel.WriteRelational(&w, d); err != nil {
			return "", fmt.Errorf("ddl: %s relational section: %w", d.Name(), err)
		}
	}
	writeSeeds(&w, d, info)
	return w.String(), nil
}

// EmitCore writes the core-only script: preflight, core dms.* objects and
// seeds, with no per-resource objects.
func EmitCore(info *effschema.Info, d Dialect, opts CoreOptions) (string, error) {
	return Emit(info, d, coreOnly{opts})
}

// coreOnly is a Relational section with no objects that still carries the
// core options (the descriptor tracked-change table).
type coreOnly struct{ opts CoreOptions }

func (c coreOnly) WriteRelational(*Writer, Dialect) error { return nil }

func (c coreOnly) DescriptorTrackedChanges() *TableName { return c.opts.DescriptorTrackedChanges }
