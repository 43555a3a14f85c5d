package authz

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/edfi-dmsc/dmsc/runtime/auth"
	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Authorization strategy names.
const (
	NoFurtherAuthorizationRequired = "NoFurtherAuthorizationRequired"
	NamespaceBased                 = "NamespaceBased"
)

// strategyKind is how the authorizer enforces a strategy named in a claim.
type strategyKind int

const (
	// unknownStrategy is a name the authorizer does not implement for the
	// action: a security configuration error (500), as in the reference.
	unknownStrategy strategyKind = iota
	noFurtherStrategy
	namespaceStrategy
	ownershipStrategy
	// relationshipKind is one of the relationship strategies, combined
	// with the others of the action by OR.
	relationshipKind
)

// kindOf classifies strategy for action: the IncludingDeletes variants
// exist for ReadChanges only, and OwnershipBased not for ReadChanges
// (tracked changes do not record the ownership token), as in the
// reference, which answers both with its unknown-strategy 500.
func kindOf(strategy string, action auth.Action) strategyKind {
	switch {
	case strategy == NoFurtherAuthorizationRequired:
		return noFurtherStrategy
	case strategy == NamespaceBased:
		return namespaceStrategy
	case strategy == OwnershipBased:
		if action == auth.ActionReadChanges {
			return unknownStrategy
		}
		return ownershipStrategy
	case relationshipStrategyIndex(strategy) >= 0, action == auth.ActionReadChanges && readChangesStrategyIndex(strategy) >= 0:
		return relationshipKind
	}
	return unknownStrategy
}

// DefaultRefreshInterval is how often a server checks for newly loaded
// claims: a `dmsc claims load` reaches every server within it.
const DefaultRefreshInterval = 30 * time.Second

// serviceClaimBase prefixes service claims, which token_info lists under
// "services".
const serviceClaimBase = ResourceClaimBase + "/services"

// served is a resource of the compiled schema as authorization sees it.
type served struct {
	res   *spec.Resource
	claim string // resource claim name
}

// DB is where the claims are read: a pool.
type DB interface {
	Querier
	TxBeginner
}

// loaded is a policy and the cms load version it was read at.
type loaded struct {
	policy  *Policy
	version int64
	// grants are the policy's decisions that allow a request, computed
	// when it is loaded: by claim-set name as the policy spells it, then
	// grantIndex. A request whose claim set, resource and action have one
	// needs nothing else of its principal than, under NamespaceBased, its
	// prefixes, so it builds no key and allocates nothing; any other
	// request (a denial, a claim set spelt another way) is decided in
	// full.
	grants map[string][]grant
}

// grant is an allowed decision, shared by the requests it applies to
// (which must not modify it); a nil decision means none.
type grant struct {
	decision *auth.Decision
	// namespace says the decision names NamespaceBased, whose principal
	// checks (namespacePrefixesPreflight) still apply.
	namespace bool
}

// actions are the actions in grantIndex order.
var actions = [...]auth.Action{auth.ActionCreate, auth.ActionRead, auth.ActionUpdate, auth.ActionDelete, auth.ActionReadChanges}

// grantIndex is where the grant of the resource at index resource (in
// Authorizer.ordered) and action is in a claim set's grants; ok is false
// for an action not in actions.
func grantIndex(resource int, action auth.Action) (int, bool) {
	i := slices.Index(actions[:], action)
	return resource*len(actions) + i, i >= 0
}

// Authorizer implements auth.Authorizer and auth.ClaimSetDescriber over
// the claims stored in the cms schema, which it holds in memory and
// refreshes (Refresh, Run).
type Authorizer struct {
	db      DB
	log     *slog.Logger
	ordered []served // resources in schema order, for token_info
	// targets are the indexes in ordered by the canonical endpoint names
	// the server asks with (those it registered the resources under).
	targets map[auth.Target]int
	// authViews are the people authorization views the schema's
	// database has (spec.Schema.AuthViews).
	authViews []string
	current   atomic.Pointer[loaded]
	// owners caches the clients' ownership tokens (Authorize).
	owners auth.ExpiringCache[string, *auth.Ownership]
	// relatedOrganizations caches how many education organizations the
	// claims of ReadChanges requests relate, by their sorted claims, and
	// organizations how many the hierarchy holds (withClaimsBreadth).
	relatedOrganizations auth.ExpiringCache[string, int64]
	organizations        auth.ExpiringCache[struct{}, int64]
	// edOrgs is token_info's education organization statement.
	edOrgs edOrgDescription
}

var (
	_ auth.Authorizer        = (*Authorizer)(nil)
	_ auth.ClaimSetDescriber = (*Authorizer)(nil)
)

// New returns an authorizer of the resources of schema reading claims from
// db; it denies every request until Refresh has loaded them.
func New(schema *spec.Schema, db DB, log *slog.Logger) *Authorizer {
	if log == nil {
		log = slog.Default()
	}
	a := &Authorizer{db: db, log: log, targets: map[auth.Target]int{}, authViews: schema.AuthViews, edOrgs: newEdOrgDescription(schema),
		owners:               auth.ExpiringCache[string, *auth.Ownership]{TTL: ownershipCacheTTL, Max: ownershipCacheMax},
		relatedOrganizations: auth.ExpiringCache[string, int64]{TTL: claimsBreadthTTL, Max: claimsBreadthCacheMax},
		organizations:        auth.ExpiringCache[struct{}, int64]{TTL: claimsBreadthTTL, Max: 1}}
	for _, r := range schema.Resources {
		a.targets[auth.Target{Project: r.ProjectEndpoint, Endpoint: r.Endpoint}] = len(a.ordered)
		a.ordered = append(a.ordered, served{res: r, claim: ResourceClaimName(r.ProjectEndpoint, r.Name)})
	}
	return a
}

// load makes p the policy served.
func (a *Authorizer) load(p *Policy, version int64) {
	a.current.Store(&loaded{policy: p, version: version, grants: a.grants(p)})
}

// grants computes the allowed decisions of p (loaded.grants), deciding
// each claim set, resource and action in full for a principal whose
// namespace prefixes pass namespacePrefixesPreflight.
func (a *Authorizer) grants(p *Policy) map[string][]grant {
	out := make(map[string][]grant, len(p.claimSets))
	for _, cs := range p.claimSets {
		probe := &auth.Principal{ClaimSetName: cs.Name, NamespacePrefixes: []string{"uri://probe"}}
		g := make([]grant, len(a.ordered)*len(actions))
		for ri, s := range a.ordered {
			for _, action := range actions {
				d, err := a.decide(probe, s, cs, action)
				if err != nil {
					continue
				}
				i, _ := grantIndex(ri, action)
				g[i] = grant{decision: d, namespace: slices.Contains(d.Strategies, NamespaceBased)}
			}
		}
		out[cs.Name] = g
	}
	return out
}

// NewWithPolicy returns an authorizer that serves p and never reads a
// database (tests of the decisions alone).
func NewWithPolicy(schema *spec.Schema, p *Policy, log *slog.Logger) *Authorizer {
	a := New(schema, nil, log)
	a.load(p, 0)
	return a
}

// Refresh reloads the claims when their load version has changed, and logs
// the schema's resources no claim covers (denied to every claim set).
func (a *Authorizer) Refresh(ctx context.Context) error {
	if a.db == nil {
		return nil
	}
	cur := a.current.Load()
	if cur != nil {
		version, err := LoadVersion(ctx, a.db)
		if err != nil {
			return err
		}
		if version == cur.version {
			return nil
		}
	}
	p, version, err := LoadPolicy(ctx, a.db)
	if err != nil {
		return err
	}
	a.load(p, version)
	var uncovered []string
	for _, s := range a.ordered {
		if !p.HasClaim(s.claim) {
			uncovered = append(uncovered, s.res.Label())
		}
	}
	a.log.Info("claims loaded", "loadVersion", version, "claimSets", len(p.claimSets), "uncoveredResources", len(uncovered))
	if len(uncovered) > 0 {
		a.log.Warn("resources without a resource claim are denied to every client", "resources", strings.Join(uncovered, ", "))
	}
	return nil
}

// Run refreshes the claims every interval until ctx ends (a server
// background task); failures are logged and the last claims kept.
func (a *Authorizer) Run(ctx context.Context, interval time.Duration) {
	auth.Every(ctx, interval, func(ctx context.Context) {
		if err := a.Refresh(ctx); err != nil && ctx.Err() == nil && !errors.Is(err, ErrNotLoaded) {
			a.log.Warn("refreshing claims failed; keeping the claims loaded before", "error", err)
		}
	})
}

// authorizeClaims is what Authorize decides from the claims alone:
// whether p may do action on target, in the reference's order: the claim
// set must exist (else a 500 security configuration problem), have
// resource claims and one for the resource (else the bare
// 403), grant the action (else the access-denied:action 403) with at least
// one strategy (else a 500); unknown strategies are a 500, strategies not
// implemented here a 403 naming them, and NamespaceBased needs namespace
// prefixes on the client (else the no-namespaces 403). The decision lists
// the strategies whose data checks the engine still runs.
func (a *Authorizer) authorizeClaims(p *auth.Principal, target auth.Target, action auth.Action) (*auth.Decision, error) {
	if p == nil {
		return nil, NoClientAuthorizations()
	}
	cur := a.current.Load()
	if g, ok := cur.grant(p.ClaimSetName, a.targets, target, action); ok {
		if g.namespace {
			if err := namespacePrefixesPreflight(p); err != nil {
				return nil, err
			}
		}
		return g.decision, nil
	}
	ri, ok := a.targets[target]
	if !ok {
		return nil, fmt.Errorf("authorizing %s/%s: not a resource of the compiled schema", target.Project, target.Endpoint)
	}
	s := a.ordered[ri]
	if cur == nil {
		return nil, MissingSecurityMetadata()
	}
	cs, ok := cur.policy.ClaimSet(p.ClaimSetName)
	if !ok {
		return nil, MissingSecurityMetadata()
	}
	return a.decide(p, s, cs, action)
}

// grant returns the precomputed allowed decision of the claim set named
// claimSet on target (by its index in targets) and action, if there is
// one.
func (l *loaded) grant(claimSet string, targets map[auth.Target]int, target auth.Target, action auth.Action) (grant, bool) {
	if l == nil {
		return grant{}, false
	}
	g, ok := l.grants[claimSet]
	if !ok {
		return grant{}, false
	}
	ri, ok := targets[target]
	if !ok {
		return grant{}, false
	}
	i, ok := grantIndex(ri, action)
	if !ok || g[i].decision == nil {
		return grant{}, false
	}
	return g[i], true
}

// decide is Authorize for the claim set cs and the resource s.
func (a *Authorizer) decide(p *auth.Principal, s served, cs *ClaimSetPolicy, action auth.Action) (*auth.Decision, error) {
	if len(cs.Claims) == 0 {
		return nil, Forbidden()
	}
	claim, ok := cs.Claim(s.claim)
	if !ok {
		return nil, Forbidden()
	}
	strategies, ok := claim.Actions[string(action)]
	if !ok {
		return nil, ActionDenied(cs.Name, string(action), s.res.Name)
	}
	if len(strategies) == 0 {
		return nil, NoAuthorizationStrategies(string(action), claim.Name)
	}
	var unknown, relationships []string
	namespace, ownership := false, false
	for _, st := range strategies {
		switch kindOf(st, action) {
		case noFurtherStrategy:
		case namespaceStrategy:
			namespace = true
		case ownershipStrategy:
			ownership = true
		case relationshipKind:
			relationships = append(relationships, st)
		default:
			unknown = append(unknown, st)
		}
	}
	if len(unknown) > 0 {
		return nil, UnknownStrategies(unknown)
	}
	d := &auth.Decision{ClaimSetName: cs.Name}
	if namespace {
		if p := a.namespacePreflight(p, s.res, action); p != nil {
			return nil, p
		}
		d.Strategies = append(d.Strategies, NamespaceBased)
	}
	if ownership {
		// Last of the strategies combined with AND, as in the reference.
		d.Strategies = append(d.Strategies, OwnershipBased)
	}
	if p := a.relationshipPreflight(s.res, action, relationships); p != nil {
		return nil, p
	}
	d.Strategies = append(d.Strategies, relationships...)
	return d, nil
}

// namespacePreflight is what NamespaceBased checks before any data is
// read: the resource must have a Namespace securable element stored in its
// root table (500 otherwise, as the reference's NoUsableRootColumn), its
// tracked changes, for ReadChanges, must record that element's old value,
// which the engine filters them by (spec.ChangePlan.NamespaceColumn; the
// security configuration 500 otherwise, as the reference's tracked
// namespace resolution), and the client must have non-empty prefixes (403
// no-namespaces; an empty prefix would match everything: 500). Namespace
// paths inside collections are not checked on any action: the strategy
// authorizes the root entity's namespace (auth.md; spec.NamespaceAuthorization).
func (a *Authorizer) namespacePreflight(p *auth.Principal, res *spec.Resource, action auth.Action) error {
	if res.Namespace == nil {
		return NamespaceElementMissing(res.Name)
	}
	if action == auth.ActionReadChanges && res.Changes != nil && res.Changes.Deletes != "" && res.Changes.NamespaceColumn == "" {
		return TrackedSubjectMissing(res.Name, NamespaceBased, res.Namespace.Element.JSONPath)
	}
	return namespacePrefixesPreflight(p)
}

// namespacePrefixesPreflight is what NamespaceBased checks of the client
// before any data is read: non-empty prefixes (403 no-namespaces; an empty
// prefix would match everything: 500).
func namespacePrefixesPreflight(p *auth.Principal) error {
	if len(p.NamespacePrefixes) == 0 {
		return NoNamespacePrefixes()
	}
	for _, prefix := range p.NamespacePrefixes {
		if strings.TrimSpace(prefix) == "" {
			return EmptyNamespacePrefix()
		}
	}
	return nil
}

// DescribeClaimSet answers token_info's "resources" (every resource of the
// schema the claim set grants an action on, as /{project}/{endpoint},
// sorted) and "services" (service claims, named by what follows
// .../identity/claims/services).
func (a *Authorizer) DescribeClaimSet(name string) ([]auth.TokenInfoResource, []auth.TokenInfoService, bool) {
	cur := a.current.Load()
	if cur == nil {
		return nil, nil, false
	}
	cs, ok := cur.policy.ClaimSet(name)
	if !ok {
		return nil, nil, false
	}
	resources := []auth.TokenInfoResource{}
	for _, s := range a.ordered {
		if c, ok := cs.Claim(s.claim); ok && len(c.Order) > 0 {
			resources = append(resources, auth.TokenInfoResource{Resource: "/" + s.res.ProjectEndpoint + "/" + s.res.Endpoint, Operations: c.Order})
		}
	}
	sort.Slice(resources, func(i, j int) bool { return resources[i].Resource < resources[j].Resource })
	services := []auth.TokenInfoService{}
	for _, c := range cs.Claims {
		if len(c.Order) > 0 && len(c.Name) > len(serviceClaimBase) && strings.EqualFold(c.Name[:len(serviceClaimBase)], serviceClaimBase) {
			services = append(services, auth.TokenInfoService{Service: c.Name[len(serviceClaimBase):], Operations: c.Order})
		}
	}
	sort.Slice(services, func(i, j int) bool { return services[i].Service < services[j].Service })
	return resources, services, true
}

// undefinedTable is PostgreSQL's SQLSTATE for a missing table.
const undefinedTable = "42P01"

// Factory returns what a generated server's App.Authorization holds: it
// builds the authorizer of schema over the server's pool once the pool is
// open, loads the claims (a server whose database has none yet starts and
// denies every data request until `dmsc claims load` runs) and refreshes
// them every DefaultRefreshInterval until ctx ends.
func Factory(schema *spec.Schema) func(ctx context.Context, pool *pgxpool.Pool, log *slog.Logger) (auth.Authorizer, auth.ClaimSetDescriber, error) {
	return func(ctx context.Context, pool *pgxpool.Pool, log *slog.Logger) (auth.Authorizer, auth.ClaimSetDescriber, error) {
		a := New(schema, pool, log)
		if err := a.Refresh(ctx); err != nil {
			if pe, ok := db.PgError(err); ok && pe.Code == undefinedTable {
				return nil, nil, fmt.Errorf("the database has no cms claims tables; run dmsc ddl provision on it: %w", err)
			}
			if !errors.Is(err, ErrNotLoaded) {
				return nil, nil, err
			}
			log.Warn("no claims loaded: every data request is denied until `dmsc claims load` runs", "refreshInterval", DefaultRefreshInterval.String())
		}
		go a.Run(ctx, DefaultRefreshInterval)
		return a, a, nil
	}
}
