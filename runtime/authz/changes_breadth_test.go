package authz_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/edfi-dmsc/dmsc/runtime/auth"
	"github.com/edfi-dmsc/dmsc/runtime/authz"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// countingDB is a pool that counts the statements read through it and,
// while failing is set, fails them.
type countingDB struct {
	*pgxpool.Pool
	reads   atomic.Int64
	failing atomic.Bool
}

var errFailing = errors.New("the test fails the database")

func (c *countingDB) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	c.reads.Add(1)
	if c.failing.Load() {
		return nil, errFailing
	}
	return c.Pool.Query(ctx, sql, args...)
}

func (c *countingDB) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	c.reads.Add(1)
	if c.failing.Load() {
		return failedRow{}
	}
	return c.Pool.QueryRow(ctx, sql, args...)
}

type failedRow struct{}

func (failedRow) Scan(...any) error { return errFailing }

// TestChangesClaimsBreadth checks the per-request choice between the two
// shapes of ReadChanges' person test: in a hierarchy of 12 organizations,
// a district (10 of them) and a school with another district (3) get the
// compiled probes, a school alone (1, under probeMinSharePercent) the
// views' sets; the organizations a set of claims relates are read once
// per set (in any order) until they expire, and the organizations the
// hierarchy holds once for every set; neither for a request without a
// probed person (an education organization strategy, a Read); and a
// failed read picks the sets without caching them.
func TestChangesClaimsBreadth(t *testing.T) {
	schemas, claims := bundledSchema(t)
	p := provisionSchema(t, schemas...)
	const claimSet = "RC-Breadth"
	p.loadClaims(t, claimsWithClaimSets(t, claims, claimSet), relationshipClaimSet(t, claimSet, map[string][]string{
		"students": {authz.RelationshipsWithStudentsOnlyIncludingDeletes},
		"schools":  {authz.RelationshipsWithEdOrgsOnly},
	}))
	api := startAPI(t, p)
	full := api.client("FullAccess")
	seedHierarchy(t, api, full)
	for i := int64(2); i <= 9; i++ {
		api.create(t, full, "ed-fi/schools", school(lea1*1000+i, lea1))
	}

	db := &countingDB{Pool: p.pool}
	a := authz.New(p.schema, db, slog.New(slog.NewTextHandler(io.Discard, nil)))
	ctx := context.Background()
	if err := a.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	studentsRes := p.resource(t, "Student")
	students, schools := auth.Target{Project: "ed-fi", Endpoint: "students"}, auth.Target{Project: "ed-fi", Endpoint: "schools"}
	// probes authorizes ReadChanges of target for claims and reports
	// whether its filter tests the persons by the compiled probes.
	probes := func(t *testing.T, target auth.Target, action auth.Action, claims ...int64) bool {
		t.Helper()
		principal := &auth.Principal{ClientID: "breadth", ClaimSetName: claimSet, EducationOrganizationIDs: claims}
		rc := auth.WithPrincipal(ctx, principal)
		d, err := a.Authorize(rc, principal, target, action)
		if err != nil {
			t.Fatal(err)
		}
		auth.SetDecision(rc, d)
		filter, _ := authz.ChangesRelationshipRuleFrom(rc, studentsRes).Filter(1)
		probed := strings.Contains(filter, "OFFSET 0")
		if probed == strings.Contains(filter, "IncludingDeletes") || probed == d.NarrowClaims {
			t.Fatalf("claims %v: NarrowClaims %v, filter %s", claims, d.NarrowClaims, filter)
		}
		return probed
	}
	reads := func(t *testing.T, want int64) {
		t.Helper()
		if got := db.reads.Swap(0); got != want {
			t.Errorf("%d reads, want %d", got, want)
		}
	}
	db.reads.Store(0)

	t.Run("ByBreadth", func(t *testing.T) {
		for _, c := range []struct {
			claims []int64
			probes bool
		}{{[]int64{lea1}, true}, {[]int64{school1}, false}, {[]int64{school1, lea2}, true}, {[]int64{999999}, false}, {nil, false}} {
			if got := probes(t, students, auth.ActionReadChanges, c.claims...); got != c.probes {
				t.Errorf("claims %v: probes %v, want %v", c.claims, got, c.probes)
			}
		}
		reads(t, 5+1) // five sets of claims, the hierarchy's size once
	})
	t.Run("Cached", func(t *testing.T) {
		probes(t, students, auth.ActionReadChanges, lea1)
		probes(t, students, auth.ActionReadChanges, lea2, school1, lea2)
		reads(t, 0)
		authz.ExpireClaimsBreadths(a)
		probes(t, students, auth.ActionReadChanges, lea1)
		probes(t, students, auth.ActionReadChanges, lea1)
		reads(t, 2)
	})
	t.Run("OnlyWhenProbed", func(t *testing.T) {
		authz.ExpireClaimsBreadths(a)
		for _, c := range []struct {
			target auth.Target
			action auth.Action
		}{{schools, auth.ActionReadChanges}, {schools, auth.ActionRead}} {
			principal := &auth.Principal{ClientID: "breadth", ClaimSetName: claimSet, EducationOrganizationIDs: []int64{school1}}
			if d, err := a.Authorize(auth.WithPrincipal(ctx, principal), principal, c.target, c.action); err != nil || d.NarrowClaims {
				t.Errorf("%s %s: %+v, %v", c.action, c.target.Endpoint, d, err)
			}
		}
		reads(t, 0)
	})
	t.Run("FailedRead", func(t *testing.T) {
		authz.ExpireClaimsBreadths(a)
		db.failing.Store(true)
		if probes(t, students, auth.ActionReadChanges, lea1) {
			t.Error("a failed read of the breadth probes")
		}
		db.failing.Store(false)
		if !probes(t, students, auth.ActionReadChanges, lea1) {
			t.Error("a failed read of the breadth was cached")
		}
		reads(t, 1+2) // the failed size, then the size and the set
	})
}
