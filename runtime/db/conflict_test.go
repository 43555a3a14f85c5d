package db_test

import (
	"context"
	"errors"
	"testing"

	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
)

func TestConflictMapping(t *testing.T) {
	pool := setup(t)
	ctx := context.Background()
	_, uniqueErr := pool.Exec(ctx, "INSERT INTO parent VALUES (9, 'a')")
	_, insertFKErr := pool.Exec(ctx, "INSERT INTO child VALUES (1, 99)")
	if _, err := pool.Exec(ctx, "INSERT INTO child VALUES (2, 1)"); err != nil {
		t.Fatal(err)
	}
	_, deleteFKErr := pool.Exec(ctx, "DELETE FROM parent WHERE id = 1")

	p, ok := db.NaturalKeyConflict(uniqueErr, problem.Create, "Parent", []problem.KeyValue{{Name: "name", Value: "a"}})
	if !ok || p.Status != 409 || p.Type != problem.TypeIdentityConflict {
		t.Errorf("natural key: %v %v", p, ok)
	}
	if _, ok := db.NaturalKeyConflict(deleteFKErr, problem.Create, "Parent", nil); ok {
		t.Error("a foreign-key violation is not a natural-key conflict")
	}

	byTable := func(v db.Violation) string {
		if v.Table == "child" {
			return "Child"
		}
		return ""
	}
	p, ok = db.DeleteConflict(deleteFKErr, byTable)
	if !ok || p.Status != 409 || p.Detail != "The requested action cannot be performed because this item is referenced by existing Child item(s)." {
		t.Errorf("delete: %v %v", p, ok)
	}
	p, _ = db.DeleteConflict(deleteFKErr, func(db.Violation) string { return "" })
	if p.Detail != "The requested action cannot be performed because this item is referenced by existing item(s)." {
		t.Errorf("unnamed delete conflict: %v", p.Detail)
	}
	if _, ok := db.DeleteConflict(errors.New("other"), byTable); ok {
		t.Error("other errors are not delete conflicts")
	}

	p, ok = db.ReferenceConflict(insertFKErr, func(v db.Violation) (string, string, bool) {
		return "$.parentReference", "Parent", v.Constraint == "fk_child_parent"
	})
	if !ok || p.Type != problem.TypeUnresolvedReference || p.ValidationErrors.Messages("$.parentReference")[0] != "The referenced Parent item does not exist." {
		t.Errorf("reference: %+v %v", p, ok)
	}
}
