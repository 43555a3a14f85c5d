package authz

import (
	"sort"
	"strings"
)

// The actions a claim set grants.
const (
	ActionCreate      = "Create"
	ActionRead        = "Read"
	ActionUpdate      = "Update"
	ActionDelete      = "Delete"
	ActionReadChanges = "ReadChanges"
)

// ResourceClaimBase is the prefix of every resource claim name:
// {base}/{projectEndpointName}/{ResourceName}, matched ignoring case.
const ResourceClaimBase = "http://ed-fi.org/identity/claims"

// ResourceClaimName is the resource claim that authorizes a resource
// ("http://ed-fi.org/identity/claims/ed-fi/AcademicWeek"; the hierarchy
// writes "academicWeek", names compare ignoring case).
func ResourceClaimName(projectEndpoint, resourceName string) string {
	return ResourceClaimBase + "/" + projectEndpoint + "/" + resourceName
}

// Policy is a claims document resolved per claim set: for every leaf claim
// of the hierarchy a claim set is granted anything on, the granted actions
// and their strategies.
type Policy struct {
	// claimSets is keyed by lower-case claim set name.
	claimSets map[string]*ClaimSetPolicy
	// claims are the names of the hierarchy's leaf claims, lower case.
	claims map[string]string
}

// ClaimSetPolicy is one claim set's resolved permissions.
type ClaimSetPolicy struct {
	Name string
	// Claims is keyed by lower-case resource claim name.
	Claims map[string]*ClaimPolicy
}

// ClaimPolicy is what a claim set may do on one resource claim: per
// granted action, its authorization strategies (empty when neither the
// grant nor any default names one, which is a security configuration
// error at request time).
type ClaimPolicy struct {
	Name    string
	Actions map[string][]string
	// Order lists the granted actions in the order the reference reports
	// them: nearest grant first, in file order.
	Order []string
}

// Resolve resolves doc the way the reference's Configuration Service
// builds a claim set's authorization metadata: for each leaf claim, the
// lineage is climbed from the leaf to its root; the nearest grant of each
// action to the claim set wins (with its strategy overrides), the nearest
// default of each action wins, and a granted action without overrides
// takes the default's strategies. A leaf is in a claim set when the claim
// set has a grant anywhere on its lineage. Only claim sets doc lists are
// resolved.
func Resolve(doc *Document) *Policy {
	p := &Policy{claimSets: map[string]*ClaimSetPolicy{}, claims: map[string]string{}}
	for _, cs := range doc.ClaimSets {
		p.claimSets[strings.ToLower(cs.Name)] = &ClaimSetPolicy{Name: cs.Name, Claims: map[string]*ClaimPolicy{}}
	}
	var lineage []*Claim
	var walk func(c *Claim)
	walk = func(c *Claim) {
		lineage = append(lineage, c)
		defer func() { lineage = lineage[:len(lineage)-1] }()
		if len(c.Claims) > 0 {
			for _, child := range c.Claims {
				walk(child)
			}
			return
		}
		p.claims[strings.ToLower(c.Name)] = c.Name
		for _, cs := range p.claimSets {
			if cp := resolveLeaf(lineage, cs.Name); cp != nil {
				cs.Claims[strings.ToLower(c.Name)] = cp
			}
		}
	}
	for _, c := range doc.ClaimsHierarchy {
		walk(c)
	}
	return p
}

// resolveLeaf resolves the leaf at the end of lineage for claimSet; nil
// when the claim set has no grant on the lineage.
func resolveLeaf(lineage []*Claim, claimSet string) *ClaimPolicy {
	leaf := lineage[len(lineage)-1]
	granted := map[string][]string{}
	defaults := map[string][]string{}
	var order []string
	included := false
	for i := len(lineage) - 1; i >= 0; i-- {
		c := lineage[i]
		if c.DefaultAuthorization != nil {
			for _, a := range c.DefaultAuthorization.Actions {
				if _, seen := defaults[a.Name]; !seen {
					defaults[a.Name] = strategyNames(a.AuthorizationStrategies)
				}
			}
		}
		for _, g := range c.ClaimSets {
			if !strings.EqualFold(g.Name, claimSet) {
				continue
			}
			included = true
			for _, a := range g.Actions {
				if _, seen := granted[a.Name]; !seen {
					granted[a.Name] = strategyNames(a.AuthorizationStrategyOverrides)
					order = append(order, a.Name)
				}
			}
		}
	}
	if !included {
		return nil
	}
	for action, strategies := range granted {
		if len(strategies) == 0 && len(defaults[action]) > 0 {
			granted[action] = defaults[action]
		}
	}
	return &ClaimPolicy{Name: leaf.Name, Actions: granted, Order: order}
}

func strategyNames(s []Strategy) []string {
	out := make([]string, 0, len(s))
	for _, x := range s {
		out = append(out, x.Name)
	}
	return out
}

// ClaimSet returns the resolved claim set named name (ignoring case).
func (p *Policy) ClaimSet(name string) (*ClaimSetPolicy, bool) {
	cs, ok := p.claimSets[strings.ToLower(name)]
	return cs, ok
}

// ClaimSetNames lists the resolved claim sets, sorted.
func (p *Policy) ClaimSetNames() []string {
	out := make([]string, 0, len(p.claimSets))
	for _, cs := range p.claimSets {
		out = append(out, cs.Name)
	}
	sort.Strings(out)
	return out
}

// HasClaim reports whether the hierarchy has a leaf claim named name
// (ignoring case).
func (p *Policy) HasClaim(name string) bool {
	_, ok := p.claims[strings.ToLower(name)]
	return ok
}

// Claim returns what the claim set may do on the resource claim name.
func (cs *ClaimSetPolicy) Claim(name string) (*ClaimPolicy, bool) {
	c, ok := cs.Claims[strings.ToLower(name)]
	return c, ok
}
