package modelddl

import (
	"fmt"

	"github.com/edfi-dmsc/dmsc/compiler/ddl"
	"github.com/edfi-dmsc/dmsc/compiler/effschema"
	"github.com/edfi-dmsc/dmsc/compiler/load"
	"github.com/edfi-dmsc/dmsc/compiler/relmodel"
)

// Script derives the relational model of set for dialect d and emits the
// full provisioning script (core objects, per-resource objects, seeds). It
// returns the script in emitter form (see ddl.Emit) and the model, which
// dbverify.CheckWithModel needs. strict selects the reference's strict
// derivation passes; use it for real schemas.
func Script(set *load.SchemaSet, info *effschema.Info, d ddl.Dialect, strict bool) (string, *relmodel.ModelSet, error) {
	m, err := relmodel.Derive(set, info, relmodel.Dialect(d.Name()), strict)
	if err != nil {
		return "", nil, fmt.Errorf("deriving the %s relational model: %w", d.Name(), err)
	}
	sql, err := ddl.Emit(info, d, New(m))
	if err != nil {
		return "", nil, err
	}
	return sql, m, nil
}
