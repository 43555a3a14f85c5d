package authz

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
)

// LoadReport is the outcome of a claims load.
type LoadReport struct {
	ClaimSets      int
	ResourceClaims int // leaves of the hierarchy
	Version        int64
	Coverage       Coverage
}

// ErrUnknownClaims is returned by LoadFiles in strict mode when resource
// claims name no resource of the schema; nothing is stored then.
var ErrUnknownClaims = errors.New("resource claims name no resource of the compiled schema")

// LoadFiles reads the claims files (ReadFiles), matches their resource
// claims with the resources the database was provisioned for and stores
// them, replacing the claims stored before, in one transaction: servers
// see the old claims or the new, never a mix. With strict, resource claims
// that name no resource of the schema are an error (ErrUnknownClaims)
// instead of being reported.
func LoadFiles(ctx context.Context, db TxBeginner, s Validator, files []string, strict bool) (*LoadReport, error) {
	doc, err := ReadFiles(s, files)
	if err != nil {
		return nil, err
	}
	p := Resolve(doc)
	rep := &LoadReport{ClaimSets: len(doc.ClaimSets), ResourceClaims: len(p.claims)}
	err = pgx.BeginTxFunc(ctx, db, pgx.TxOptions{}, func(tx pgx.Tx) error {
		var cms bool
		if err := tx.QueryRow(ctx, `SELECT to_regclass('"cms"."ClaimsLoad"') IS NOT NULL`).Scan(&cms); err != nil {
			return err
		}
		if !cms {
			return errors.New("the database has no cms claims tables: provision it (dmsc ddl provision adds them to a provisioned database too)")
		}
		resources, err := SchemaResourcesFromDB(ctx, tx)
		if err != nil {
			return fmt.Errorf("reading the schema's resources (is the database provisioned? dmsc ddl provision): %w", err)
		}
		if len(resources) == 0 {
			return errors.New("the database has no resources: provision it first (dmsc ddl provision)")
		}
		rep.Coverage = CheckCoverage(p, resources)
		if strict && len(rep.Coverage.UnknownClaims) > 0 {
			return fmt.Errorf("%w (--strict): %s", ErrUnknownClaims, strings.Join(rep.Coverage.UnknownClaims, ", "))
		}
		if err := Save(ctx, tx, doc, files); err != nil {
			return err
		}
		rep.Version, err = LoadVersion(ctx, tx)
		return err
	})
	if err != nil {
		return nil, err
	}
	return rep, nil
}
