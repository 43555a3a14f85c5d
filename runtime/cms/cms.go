// Package cms provisions the "cms" schema: API clients, signing keys
// (runtime/auth) and claim sets (runtime/authz). It lives outside the
// effective-schema fingerprint, so it is applied after the dms script, by
// every path that provisions a database, and is idempotent. PostgreSQL
// only.
package cms

import (
	"context"
	"fmt"

	"github.com/edfi-dmsc/dmsc/runtime/auth"
	"github.com/edfi-dmsc/dmsc/runtime/authz"
	"github.com/jackc/pgx/v5"
)

// scripts are applied in order; each is idempotent.
var scripts = []struct{ name, sql string }{
	{"runtime/auth/schema.sql", auth.SchemaSQL},
	{"runtime/authz/schema.sql", authz.SchemaSQL},
}

// lockKey serializes concurrent provisioners of the cms schema
// (pg_advisory_xact_lock); "cms" in ASCII.
const lockKey = 0x636d73

// Provision applies the cms scripts to the database connString names, in
// one transaction.
func Provision(ctx context.Context, connString string) error {
	conn, err := pgx.Connect(ctx, connString)
	if err != nil {
		return fmt.Errorf("cms schema: connecting: %w", err)
	}
	defer conn.Close(ctx)
	return pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, lockKey); err != nil {
			return fmt.Errorf("cms schema: locking: %w", err)
		}
		for _, s := range scripts {
			if _, err := tx.Exec(ctx, s.sql); err != nil {
				return fmt.Errorf("cms schema: applying %s: %w", s.name, err)
			}
		}
		return nil
	})
}
