package authz

import (
	"context"
	_ "embed"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// SchemaSQL creates the cms tables of claim sets and the resource-claim
// hierarchy; it is idempotent (runtime/cms applies it at provisioning).
//
//go:embed schema.sql
var SchemaSQL string

// Querier is what reading the claims needs: a pool, a connection or a
// transaction.
type Querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// ErrNotLoaded is returned by Load when no claims have been loaded into
// the database.
var ErrNotLoaded = errors.New("no claims loaded: run `dmsc claims load` against this database")

// saveLockKey serializes concurrent loads (pg_advisory_xact_lock): each
// replaces every row, so the second waits for the first and replaces its
// claims in turn. "claims" in ASCII.
const saveLockKey = 0x636c61696d73

// Save replaces the stored claims with doc in tx (the caller commits: a
// load is one transaction, so servers never see half of it) and bumps the
// load version servers poll. sources names the files doc was read from.
func Save(ctx context.Context, tx pgx.Tx, doc *Document, sources []string) error {
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, saveLockKey); err != nil {
		return fmt.Errorf("locking the claims: %w", err)
	}
	for _, t := range []string{"ClaimSetResourceClaimAction", "ResourceClaimDefaultAction", "ResourceClaim", "ClaimSet"} {
		if _, err := tx.Exec(ctx, `DELETE FROM "cms"."`+t+`"`); err != nil {
			return fmt.Errorf("clearing cms.%s: %w", t, err)
		}
	}
	var claimSets, claims, defaults, grants [][]any
	for _, cs := range doc.ClaimSets {
		claimSets = append(claimSets, []any{cs.Name, cs.IsSystemReserved})
	}
	id := int32(0)
	var walk func(c *Claim, parent *int32)
	walk = func(c *Claim, parent *int32) {
		id++
		self := id
		claims = append(claims, []any{self, c.Name, parent})
		if c.DefaultAuthorization != nil {
			seen := map[string]bool{}
			for _, a := range c.DefaultAuthorization.Actions {
				// The nearest, first default of an action wins (Resolve).
				if !seen[a.Name] {
					seen[a.Name] = true
					defaults = append(defaults, []any{self, a.Name, strategyNames(a.AuthorizationStrategies)})
				}
			}
		}
		seen := map[[2]string]bool{}
		for _, g := range c.ClaimSets {
			for _, a := range g.Actions {
				k := [2]string{g.Name, a.Name}
				if !seen[k] {
					seen[k] = true
					grants = append(grants, []any{g.Name, self, a.Name, strategyNames(a.AuthorizationStrategyOverrides)})
				}
			}
		}
		for _, child := range c.Claims {
			walk(child, &self)
		}
	}
	for _, c := range doc.ClaimsHierarchy {
		walk(c, nil)
	}
	copies := []struct {
		table   string
		columns []string
		rows    [][]any
	}{
		{"ClaimSet", []string{"ClaimSetName", "IsSystemReserved"}, claimSets},
		{"ResourceClaim", []string{"ResourceClaimId", "ClaimName", "ParentResourceClaimId"}, claims},
		{"ResourceClaimDefaultAction", []string{"ResourceClaimId", "ActionName", "AuthorizationStrategies"}, defaults},
		{"ClaimSetResourceClaimAction", []string{"ClaimSetName", "ResourceClaimId", "ActionName", "AuthorizationStrategyOverrides"}, grants},
	}
	for _, c := range copies {
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"cms", c.table}, c.columns, pgx.CopyFromRows(c.rows)); err != nil {
			return fmt.Errorf("writing cms.%s: %w", c.table, err)
		}
	}
	_, err := tx.Exec(ctx, `INSERT INTO "cms"."ClaimsLoad" ("ClaimsLoadSingletonId", "LoadVersion", "SourceFiles")
VALUES (1, 1, $1)
ON CONFLICT ("ClaimsLoadSingletonId") DO UPDATE
SET "LoadVersion" = "cms"."ClaimsLoad"."LoadVersion" + 1, "LoadedAt" = now(), "SourceFiles" = EXCLUDED."SourceFiles"`, sources)
	if err != nil {
		return fmt.Errorf("writing cms.ClaimsLoad: %w", err)
	}
	return nil
}

// LoadVersion returns the version of the stored claims (0 when none were
// loaded).
func LoadVersion(ctx context.Context, q Querier) (int64, error) {
	var v int64
	err := q.QueryRow(ctx, `SELECT "LoadVersion" FROM "cms"."ClaimsLoad" WHERE "ClaimsLoadSingletonId" = 1`).Scan(&v)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, nil
	}
	return v, err
}

// Load reads the stored claims back into a document (the hierarchy in its
// file order), with the version it was read at. q should be a transaction
// with a repeatable-read snapshot (LoadPolicy uses one), so that its
// statements all see the same load.
func Load(ctx context.Context, q Querier) (*Document, int64, error) {
	version, err := LoadVersion(ctx, q)
	if err != nil {
		return nil, 0, err
	}
	if version == 0 {
		return nil, 0, ErrNotLoaded
	}
	doc := &Document{}
	rows, err := q.Query(ctx, `SELECT "ClaimSetName", "IsSystemReserved" FROM "cms"."ClaimSet" ORDER BY "ClaimSetName"`)
	if err != nil {
		return nil, 0, err
	}
	var cs ClaimSet
	if _, err := pgx.ForEachRow(rows, []any{&cs.Name, &cs.IsSystemReserved}, func() error {
		doc.ClaimSets = append(doc.ClaimSets, cs)
		return nil
	}); err != nil {
		return nil, 0, err
	}
	byID := map[int32]*Claim{}
	rows, err = q.Query(ctx, `SELECT "ResourceClaimId", "ClaimName", "ParentResourceClaimId" FROM "cms"."ResourceClaim" ORDER BY "ResourceClaimId"`)
	if err != nil {
		return nil, 0, err
	}
	var id int32
	var name string
	var parent *int32
	if _, err := pgx.ForEachRow(rows, []any{&id, &name, &parent}, func() error {
		c := &Claim{Name: name}
		byID[id] = c
		if parent == nil {
			doc.ClaimsHierarchy = append(doc.ClaimsHierarchy, c)
			return nil
		}
		p := byID[*parent]
		if p == nil {
			return fmt.Errorf("cms.ResourceClaim %d names parent %d, which does not precede it", id, *parent)
		}
		p.Claims = append(p.Claims, c)
		return nil
	}); err != nil {
		return nil, 0, err
	}
	var action string
	var strategies []string
	rows, err = q.Query(ctx, `SELECT "ResourceClaimId", "ActionName", "AuthorizationStrategies" FROM "cms"."ResourceClaimDefaultAction" ORDER BY "ResourceClaimId", "ActionName"`)
	if err != nil {
		return nil, 0, err
	}
	if _, err := pgx.ForEachRow(rows, []any{&id, &action, &strategies}, func() error {
		c := byID[id]
		if c.DefaultAuthorization == nil {
			c.DefaultAuthorization = &DefaultAuthorization{}
		}
		c.DefaultAuthorization.Actions = append(c.DefaultAuthorization.Actions, DefaultAction{Name: action, AuthorizationStrategies: strategiesOf(strategies)})
		return nil
	}); err != nil {
		return nil, 0, err
	}
	var claimSet string
	rows, err = q.Query(ctx, `SELECT "ClaimSetName", "ResourceClaimId", "ActionName", "AuthorizationStrategyOverrides" FROM "cms"."ClaimSetResourceClaimAction" ORDER BY "ResourceClaimId", "ClaimSetName", "ActionName"`)
	if err != nil {
		return nil, 0, err
	}
	if _, err := pgx.ForEachRow(rows, []any{&claimSet, &id, &action, &strategies}, func() error {
		c := byID[id]
		if n := len(c.ClaimSets); n == 0 || c.ClaimSets[n-1].Name != claimSet {
			c.ClaimSets = append(c.ClaimSets, ClaimSetGrant{Name: claimSet})
		}
		g := &c.ClaimSets[len(c.ClaimSets)-1]
		g.Actions = append(g.Actions, GrantedAction{Name: action, AuthorizationStrategyOverrides: strategiesOf(strategies)})
		return nil
	}); err != nil {
		return nil, 0, err
	}
	return doc, version, nil
}

// TxBeginner starts transactions: a pool or a connection.
type TxBeginner interface {
	BeginTx(ctx context.Context, opts pgx.TxOptions) (pgx.Tx, error)
}

// LoadPolicy reads and resolves the stored claims in one read-only
// repeatable-read transaction.
func LoadPolicy(ctx context.Context, db TxBeginner) (*Policy, int64, error) {
	var p *Policy
	var version int64
	err := pgx.BeginTxFunc(ctx, db, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		doc, v, err := Load(ctx, tx)
		if err != nil {
			return err
		}
		p, version = Resolve(doc), v
		return nil
	})
	return p, version, err
}

func strategiesOf(names []string) []Strategy {
	out := make([]Strategy, 0, len(names))
	for _, n := range names {
		out = append(out, Strategy{Name: n})
	}
	return out
}
