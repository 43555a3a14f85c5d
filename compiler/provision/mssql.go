package provision

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	mssql "github.com/microsoft/go-mssqldb"
	"github.com/microsoft/go-mssqldb/msdsn"

	"github.com/edfi-dmsc/dmsc/compiler/ddl"
)

// The SQL Server path is compiled and its script handling is unit-tested,
// but it has not been run against a server in this project's test setup.

type mssqlEngine struct{}

func msConfig(connString string) (msdsn.Config, error) {
	cfg, err := msdsn.Parse(connString)
	if err != nil {
		return cfg, fmt.Errorf("provision: invalid SQL Server connection string: %w", err)
	}
	if cfg.Database == "" {
		return cfg, errors.New("provision: the SQL Server connection string names no database")
	}
	return cfg, nil
}

func (mssqlEngine) open(connString string) (*sql.DB, string, error) {
	cfg, err := msConfig(connString)
	if err != nil {
		return nil, "", err
	}
	return sql.OpenDB(mssql.NewConnectorConfig(cfg)), cfg.Database, nil
}

func (mssqlEngine) ensureDatabase(ctx context.Context, connString string) (bool, error) {
	cfg, err := msConfig(connString)
	if err != nil {
		return false, err
	}
	name := cfg.Database
	admin := cfg
	admin.Database = "master"
	db := sql.OpenDB(mssql.NewConnectorConfig(admin))
	defer db.Close()
	var exists int
	if err := db.QueryRowContext(ctx, "SELECT CASE WHEN DB_ID(@p1) IS NULL THEN 0 ELSE 1 END", name).Scan(&exists); err != nil {
		return false, fmt.Errorf("provision: checking for database %q: %w", name, err)
	}
	if exists == 1 {
		return false, nil
	}
	if _, err := db.ExecContext(ctx, "CREATE DATABASE "+ddl.Mssql.Quote(name)); err != nil {
		// 1801: database already exists (a concurrent provisioner won).
		var msErr mssql.Error
		if errors.As(err, &msErr) && msErr.Number == 1801 {
			return false, nil
		}
		return false, fmt.Errorf("provision: creating database %q: %w", name, err)
	}
	// Readers must not block writers: the runtime relies on row versioning.
	// No one else can be connected to a database we just created, which is
	// when this setting is cheap to change.
	if _, err := db.ExecContext(ctx, "ALTER DATABASE "+ddl.Mssql.Quote(name)+" SET READ_COMMITTED_SNAPSHOT ON"); err != nil {
		return true, fmt.Errorf("provision: enabling READ_COMMITTED_SNAPSHOT on %q: %w", name, err)
	}
	return true, nil
}

func (mssqlEngine) lock(ctx context.Context, tx *sql.Tx) error {
	var status int
	err := tx.QueryRowContext(ctx, `DECLARE @status int;
EXEC @status = sp_getapplock @Resource = N'dmsc-provision', @LockMode = N'Exclusive', @LockOwner = N'Transaction', @LockTimeout = -1;
SELECT @status;`).Scan(&status)
	if err != nil {
		return err
	}
	if status < 0 {
		return fmt.Errorf("sp_getapplock returned %d", status)
	}
	return nil
}

// units splits on GO lines: GO is a client-side batch separator, and
// CREATE OR ALTER TRIGGER/FUNCTION must start its own batch.
func (mssqlEngine) units(script string) []string { return ddl.SplitBatches(script) }

// detail is empty: go-mssqldb errors already carry the server message.
func (mssqlEngine) detail(error) string { return "" }

func (mssqlEngine) guidance(ctx context.Context, db *sql.DB) ([]string, error) {
	var on bool
	if err := db.QueryRowContext(ctx, "SELECT is_read_committed_snapshot_on FROM sys.databases WHERE name = DB_NAME()").Scan(&on); err != nil {
		return nil, fmt.Errorf("provision: reading READ_COMMITTED_SNAPSHOT: %w", err)
	}
	if on {
		return nil, nil
	}
	return []string{"READ_COMMITTED_SNAPSHOT is OFF: readers will block writers under load. Enable it while no other sessions are connected: ALTER DATABASE CURRENT SET READ_COMMITTED_SNAPSHOT ON WITH ROLLBACK IMMEDIATE"}, nil
}
