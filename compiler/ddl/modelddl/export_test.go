package modelddl

import (
	"github.com/edfi-dmsc/dmsc/compiler/ddl"
	"github.com/edfi-dmsc/dmsc/compiler/relmodel"
)

// AuthHierarchyTriggerSQL renders one auth hierarchy maintenance trigger,
// for tests that compare it with the reference's ddl-emission fixtures
// (whose inputs are models built in code, not ApiSchema files).
func AuthHierarchyTriggerSQL(d ddl.Dialect, t relmodel.Trigger) (string, error) {
	var w ddl.Writer
	var s Section
	var err error
	if d.Name() == "mssql" {
		err = s.msAuthHierarchy(&w, t)
	} else {
		err = s.writePgAuthHierarchy(&w, t)
	}
	return w.String(), err
}

// PeopleAuthViewsSQL renders people authorization views, for the same
// comparison.
func PeopleAuthViewsSQL(d ddl.Dialect, views []relmodel.AuthView) (string, error) {
	var w ddl.Writer
	for _, v := range views {
		if err := writeAuthView(&w, d, v); err != nil {
			return "", err
		}
	}
	return w.String(), nil
}
