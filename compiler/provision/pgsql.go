package provision

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/edfi-dmsc/dmsc/compiler/ddl"
)

type pgsqlEngine struct{}

// provisionLockKey is the pg_advisory_xact_lock key every provisioner takes;
// it is per database because advisory locks are.
const provisionLockKey int64 = 0x646d73635f707276 // "dmsc_prv"

func pgConfig(connString string) (*pgx.ConnConfig, error) {
	cfg, err := pgx.ParseConfig(connString)
	if err != nil {
		return nil, fmt.Errorf("provision: invalid PostgreSQL connection string: %w", err)
	}
	if cfg.Database == "" {
		return nil, errors.New("provision: the PostgreSQL connection string names no database")
	}
	return cfg, nil
}

func (pgsqlEngine) open(connString string) (*sql.DB, string, error) {
	cfg, err := pgConfig(connString)
	if err != nil {
		return nil, "", err
	}
	return stdlib.OpenDB(*cfg), cfg.Database, nil
}

func (pgsqlEngine) ensureDatabase(ctx context.Context, connString string) (bool, error) {
	cfg, err := pgConfig(connString)
	if err != nil {
		return false, err
	}
	name := cfg.Database
	admin := cfg.Copy()
	admin.Database = "postgres"
	db := stdlib.OpenDB(*admin)
	defer db.Close()
	var n int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM pg_database WHERE datname = $1", name).Scan(&n); err != nil {
		return false, fmt.Errorf("provision: checking for database %q: %w", name, err)
	}
	if n > 0 {
		return false, nil
	}
	if _, err := db.ExecContext(ctx, "CREATE DATABASE "+ddl.Pgsql.Quote(name)); err != nil {
		// A concurrent provisioner may have created it in between.
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) && (pgErr.Code == "42P04" || pgErr.Code == "23505") {
			return false, nil
		}
		return false, fmt.Errorf("provision: creating database %q: %w", name, err)
	}
	return true, nil
}

func (pgsqlEngine) lock(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1)", provisionLockKey)
	return err
}

// units splits a PostgreSQL script into statement groups at blank lines
// that lie outside dollar-quoted bodies; a group that does not end in ";"
// is joined with the next, so a group is always whole statements.
func (pgsqlEngine) units(script string) []string {
	return SplitPgsqlUnits(script)
}

// SplitPgsqlUnits is the splitting used to apply PostgreSQL scripts in
// progress-reporting steps.
func SplitPgsqlUnits(script string) []string {
	var units []string
	var cur []string
	var quotes ddl.DollarQuotes
	flush := func(force bool) {
		if len(cur) == 0 {
			return
		}
		text := strings.TrimSpace(strings.Join(cur, "\n"))
		if text == "" {
			cur = nil
			return
		}
		if !force && !strings.HasSuffix(text, ";") {
			return
		}
		units = append(units, text)
		cur = nil
	}
	for _, line := range strings.Split(script, "\n") {
		t := strings.TrimSpace(line)
		if outside := quotes.Outside(t); outside && t == "" {
			flush(false)
			continue
		}
		cur = append(cur, line)
	}
	flush(true)
	return units
}

func (pgsqlEngine) detail(err error) string {
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) {
		return ""
	}
	var parts []string
	for _, p := range []string{pgErr.Detail, pgErr.Hint, pgErr.Where} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, "; ") + ")"
}

func (pgsqlEngine) guidance(context.Context, *sql.DB) ([]string, error) { return nil, nil }
