package authz

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/edfi-dmsc/dmsc/runtime/auth"
)

// probeMinSharePercent is the share of the education organizations, in
// percent, that a client's claims must relate (the hierarchy's expansion
// of them) for ReadChanges to test tracked persons by their compiled
// probes (spec.ChangePlan.PersonProbes) rather than by the IN over the
// view's set of the persons related to the claims. Measured
// (docs/benchmarks.md, ReadChanges): the set costs its build, a scan of
// the whole tracked association history, then ~0.1 µs a row walked; a
// probe ~3.5 µs a row walked and no build. A client related to a share s
// of the tombstones walks ~1/s of them to fill a page, so the probe wins
// for broad claims (the district, 100 % of the organizations: 204–272 ms
// with the set, 0.51 ms probing, over 1,000,000 tombstones) and loses
// for narrow ones (one school, 1 %: 3.85 ms with the set, 34.7 ms
// probing, over 20,000 tombstones; and a deep page of a narrow client
// probes the whole window, ~3.5 s a million rows). 10 % keeps a first
// page's walk near a thousand probes (~3.5 ms).
const probeMinSharePercent = 10

// claimsBreadthTTL bounds how long the breadth of a set of claims is
// reused. A hierarchy change reaches the choice within it; a stale
// breadth only picks the slower of two plans that answer the same rows.
const claimsBreadthTTL = time.Minute

// claimsBreadthCacheMax bounds the cache of the organizations each set of
// claims relates; when full it is cleared.
const claimsBreadthCacheMax = 4096

// claimsBreadth is how many education organizations a set of claims
// relates through the hierarchy, and how many the hierarchy holds.
type claimsBreadth struct {
	related, total int64
}

// broad reports whether the claims relate at least probeMinSharePercent
// of the organizations.
func (b claimsBreadth) broad() bool {
	return b.total > 0 && b.related*100 >= b.total*probeMinSharePercent
}

// relatedOrganizationsStatement counts the distinct organizations the
// hierarchy relates to the claims $1 (a seek of its source column per
// claim).
var relatedOrganizationsStatement = "SELECT count(DISTINCT " + edOrgTargetColumn + ") FROM " + edOrgHierarchyTable +
	" WHERE " + edOrgSourceColumn + " = ANY($1)"

// organizationsStatement counts the organizations the hierarchy holds
// (its self rows): a scan of the hierarchy, read once per
// claimsBreadthTTL for every set of claims.
var organizationsStatement = "SELECT count(*) FROM " + edOrgHierarchyTable +
	" WHERE " + edOrgSourceColumn + " = " + edOrgTargetColumn

// withClaimsBreadth returns d, for a ReadChanges request of p on target,
// marked NarrowClaims (a copy: d may be shared) when the filter of its
// strategies can test a tracked person two ways and p's claims relate
// less than probeMinSharePercent of the organizations. It reads nothing
// for any other request, and reads the breadth of a set of claims at
// most once per claimsBreadthTTL. When that read fails the claims count
// as narrow, logged: both shapes answer the same rows, and the set's
// worst case (its build) is bounded where the probes' (a narrow client's
// deep page) is not; a database that fails the small read fails the
// request's page statement anyway.
func (a *Authorizer) withClaimsBreadth(ctx context.Context, p *auth.Principal, target auth.Target, d *auth.Decision) *auth.Decision {
	ri, ok := a.targets[target]
	if !ok || a.db == nil {
		return d
	}
	if f := changesFilterOf(a.ordered[ri].res, d.Strategies); f == nil || f.probes == nil {
		return d
	}
	b, err := a.claimsBreadth(ctx, p.EducationOrganizationIDs)
	if err != nil {
		a.log.Warn("reading the breadth of the claims failed; testing ReadChanges persons by the views' sets", "error", err)
	} else if b.broad() {
		return d
	}
	narrow := *d
	narrow.NarrowClaims = true
	return &narrow
}

// claimsBreadth returns the breadth of claims: the organizations they
// relate (relatedOrganizationsStatement), cached by the claims sorted and
// distinct, out of those the hierarchy holds (organizationsStatement),
// cached once for all claims.
func (a *Authorizer) claimsBreadth(ctx context.Context, claims []int64) (claimsBreadth, error) {
	total, err := a.organizations.Get(ctx, struct{}{}, func(ctx context.Context) (int64, error) {
		var n int64
		if err := a.db.QueryRow(ctx, organizationsStatement).Scan(&n); err != nil {
			return 0, fmt.Errorf("counting the education organizations of the hierarchy: %w", err)
		}
		return n, nil
	})
	if err != nil {
		return claimsBreadth{}, err
	}
	sorted := sortedDistinct(claims)
	ids := make([]string, len(sorted))
	for i, id := range sorted {
		ids[i] = strconv.FormatInt(id, 10)
	}
	related, err := a.relatedOrganizations.Get(ctx, strings.Join(ids, ","), func(ctx context.Context) (int64, error) {
		var n int64
		if err := a.db.QueryRow(ctx, relatedOrganizationsStatement, sorted).Scan(&n); err != nil {
			return 0, fmt.Errorf("counting the education organizations the claims %v relate: %w", sorted, err)
		}
		return n, nil
	})
	return claimsBreadth{related: related, total: total}, err
}
