// Package provision applies an emitted DDL script to a database, create-only:
// an empty database is provisioned in one transaction, a database already
// provisioned for the same effective schema is left alone (after its seed
// rows are verified), and a database provisioned for a different schema is
// refused without any change.
package provision

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/edfi-dmsc/dmsc/compiler/dbverify"
	"github.com/edfi-dmsc/dmsc/compiler/ddl"
	"github.com/edfi-dmsc/dmsc/compiler/effschema"
)

// Options tune a provisioning run.
type Options struct {
	// CreateDatabase creates the target database first when it is missing
	// (outside the provisioning transaction; databases cannot be created
	// inside one).
	CreateDatabase bool
	// Timeout bounds the whole run; zero means no limit beyond ctx.
	Timeout time.Duration
	// Progress, when set, receives one event per step and per applied unit.
	Progress func(Progress)
	// Logger receives stage-level messages; nil means no logging.
	Logger *slog.Logger
}

// Progress reports how far a run is.
type Progress struct {
	Stage Stage
	Done  int // units applied so far (StageApply)
	Total int // units to apply (StageApply)
}

// Stage names a step of a run.
type Stage string

// Stages, in order.
const (
	StageCreateDatabase Stage = "create-database"
	StagePreflight      Stage = "preflight"
	StageApply          Stage = "apply"
	StageCommit         Stage = "commit"
)

// Outcome says what a successful run did.
type Outcome string

// Outcomes.
const (
	// Applied: the script ran and was committed.
	Applied Outcome = "applied"
	// AlreadyProvisioned: the database already carries this effective
	// schema and its seed rows match; nothing was changed.
	AlreadyProvisioned Outcome = "already-provisioned"
)

// Result describes a successful run.
type Result struct {
	Outcome         Outcome
	Database        string
	CreatedDatabase bool
	Units           int // statement groups executed (0 when nothing was applied)
	Elapsed         time.Duration
	// Guidance lists advice the operator should act on (SQL Server
	// READ_COMMITTED_SNAPSHOT, for example); empty when there is none.
	Guidance []string
}

// HashMismatchError is returned when the database belongs to a different
// effective schema. Nothing was changed.
type HashMismatchError struct {
	Database     string
	StoredHash   string
	ExpectedHash string
}

func (e *HashMismatchError) Error() string {
	return fmt.Sprintf("database %q is provisioned for EffectiveSchemaHash %s but this script is for %s; nothing was changed (create-only provisioning never migrates: use a new database)",
		e.Database, e.StoredHash, e.ExpectedHash)
}

// ErrIncompleteFingerprint is returned when dms.EffectiveSchema exists but
// has no singleton row: the database was tampered with or provisioned by
// something else, and cannot be trusted.
var ErrIncompleteFingerprint = errors.New("dms.EffectiveSchema exists but its singleton row is missing; drop and recreate the database before provisioning")

// engine is the dialect-specific part of provisioning.
type engine interface {
	// open connects to the target database.
	open(connString string) (*sql.DB, string, error)
	// ensureDatabase creates the target database when missing; it reports
	// whether it created it.
	ensureDatabase(ctx context.Context, connString string) (bool, error)
	// lock takes a transaction-scoped exclusive lock that serializes
	// concurrent provisioners of the same database.
	lock(ctx context.Context, tx *sql.Tx) error
	// units splits the script into independently executable parts, in order.
	units(script string) []string
	// detail extracts server-side detail (e.g. which columns clash) from a
	// failed statement's error, or "".
	detail(err error) string
	// guidance inspects the database after a run.
	guidance(ctx context.Context, db *sql.DB) ([]string, error)
}

func engineFor(d ddl.Dialect) (engine, error) {
	switch d.Name() {
	case "pgsql":
		return pgsqlEngine{}, nil
	case "mssql":
		return mssqlEngine{}, nil
	}
	return nil, fmt.Errorf("provision: unsupported dialect %q", d.Name())
}

// OpenDB connects to the database named by connString with the driver of
// dialect d (pgx for pgsql, go-mssqldb for mssql) and returns it with the
// database name; callers use it for dbverify.
func OpenDB(d ddl.Dialect, connString string) (*sql.DB, string, error) {
	eng, err := engineFor(d)
	if err != nil {
		return nil, "", err
	}
	return eng.open(connString)
}

// ProgressPrinter returns a Progress callback that prints each stage once
// and the apply stage at every tenth of the way, for command-line output.
func ProgressPrinter(w io.Writer) func(Progress) {
	lastStage := Stage("")
	lastTenth := -1
	return func(p Progress) {
		if p.Stage != lastStage {
			lastStage, lastTenth = p.Stage, -1
			if p.Stage != StageApply {
				fmt.Fprintf(w, "%s\n", p.Stage)
				return
			}
		}
		if p.Stage == StageApply && p.Total > 0 {
			if tenth := p.Done * 10 / p.Total; tenth != lastTenth {
				lastTenth = tenth
				fmt.Fprintf(w, "apply %d/%d (%d%%)\n", p.Done, p.Total, p.Done*100/p.Total)
			}
		}
	}
}

// Provision applies script (emitted for info in dialect d) to the database
// named by connString.
func Provision(ctx context.Context, d ddl.Dialect, connString, script string, info *effschema.Info, opts Options) (*Result, error) {
	start := time.Now()
	if opts.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, opts.Timeout)
		defer cancel()
	}
	eng, err := engineFor(d)
	if err != nil {
		return nil, err
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	report := func(p Progress) {
		if opts.Progress != nil {
			opts.Progress(p)
		}
	}

	res := &Result{}
	if opts.CreateDatabase {
		report(Progress{Stage: StageCreateDatabase})
		created, err := eng.ensureDatabase(ctx, connString)
		if err != nil {
			return nil, err
		}
		res.CreatedDatabase = created
		log.Info("database ensured", "created", created)
	}

	db, name, err := eng.open(connString)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	res.Database = name

	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("provision %s: begin transaction: %w", name, err)
	}
	committed := false
	defer func() {
		if !committed {
			_ = tx.Rollback()
		}
	}()

	report(Progress{Stage: StagePreflight})
	if err := eng.lock(ctx, tx); err != nil {
		return nil, fmt.Errorf("provision %s: acquiring the provisioning lock: %w", name, err)
	}
	provisioned, err := preflight(ctx, tx, d, name, info)
	if err != nil {
		return nil, err
	}
	if provisioned {
		log.Info("database already provisioned for this effective schema", "database", name, "hash", info.EffectiveSchemaHash)
		res.Outcome = AlreadyProvisioned
	} else {
		units := eng.units(script)
		log.Info("applying DDL", "database", name, "units", len(units))
		for i, u := range units {
			if _, err := tx.ExecContext(ctx, u); err != nil {
				return nil, fmt.Errorf("provision %s: unit %d of %d failed (nothing was committed): %w%s\n%s", name, i+1, len(units), err, eng.detail(err), firstLines(u, 5))
			}
			report(Progress{Stage: StageApply, Done: i + 1, Total: len(units)})
		}
		report(Progress{Stage: StageCommit})
		if err := tx.Commit(); err != nil {
			return nil, fmt.Errorf("provision %s: commit: %w", name, err)
		}
		committed = true
		res.Outcome = Applied
		res.Units = len(units)
	}
	if !committed {
		// Nothing to keep: the preflight only read.
		if err := tx.Rollback(); err != nil {
			return nil, fmt.Errorf("provision %s: ending read-only transaction: %w", name, err)
		}
		committed = true
	}
	if res.Guidance, err = eng.guidance(ctx, db); err != nil {
		return nil, err
	}
	for _, g := range res.Guidance {
		log.Warn(g, "database", name)
	}
	res.Elapsed = time.Since(start)
	return res, nil
}

// preflight decides, under the provisioning lock, whether the database is
// empty (false), already provisioned for info (true), or must be refused
// (error).
func preflight(ctx context.Context, tx *sql.Tx, d ddl.Dialect, name string, info *effschema.Info) (bool, error) {
	exists, err := dbverify.TableExists(ctx, tx, d, ddl.EffectiveSchemaTable)
	if err != nil {
		return false, fmt.Errorf("provision %s: preflight: %w", name, err)
	}
	if !exists {
		return false, nil
	}
	fp, err := dbverify.ReadFingerprint(ctx, tx, d)
	if err != nil {
		return false, fmt.Errorf("provision %s: preflight: %w", name, err)
	}
	if fp == nil {
		return false, fmt.Errorf("provision %s: %w", name, ErrIncompleteFingerprint)
	}
	if fp.EffectiveSchemaHash != info.EffectiveSchemaHash {
		return false, &HashMismatchError{Database: name, StoredHash: fp.EffectiveSchemaHash, ExpectedHash: info.EffectiveSchemaHash}
	}
	rep, err := dbverify.Check(ctx, tx, d, info)
	if err != nil {
		return false, fmt.Errorf("provision %s: verifying existing seed rows: %w", name, err)
	}
	if err := rep.Err(); err != nil {
		return false, fmt.Errorf("provision %s: %w", name, err)
	}
	return true, nil
}

func firstLines(s string, n int) string {
	lines := 0
	for i, c := range s {
		if c == '\n' {
			lines++
			if lines == n {
				return s[:i] + "\n..."
			}
		}
	}
	return s
}
