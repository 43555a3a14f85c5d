package authz

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
)

// fragment is an additional claim-set file (the reference's
// `*-claimset.json`): resource claims granted to one claim set, or parent
// claims that add resource claims (and domains) to the hierarchy. Member
// names match case-insensitively, as the reference reads them.
type fragment struct {
	Name           string          `json:"name"`
	ResourceClaims []fragmentClaim `json:"resourceClaims"`
}

type fragmentClaim struct {
	Name     string          `json:"name"`
	IsParent bool            `json:"isParent"`
	Children []fragmentClaim `json:"children"`
	// ClaimSets are read from parent claims that add a new domain,
	// DefaultStrategies from those and from the resource claims a fragment
	// adds.
	ClaimSets         []ClaimSetGrant          `json:"claimSets"`
	DefaultStrategies []*fragmentActionDefault `json:"_defaultAuthorizationStrategiesForCRUD"`
	// Overrides are the actions a claim set is granted on an existing
	// resource claim: only the actions listed here are granted, as in the
	// reference (the "actions" member is not read).
	Overrides []*fragmentActionDefault `json:"authorizationStrategyOverridesForCRUD"`
}

type fragmentActionDefault struct {
	ActionName              string     `json:"actionName"`
	AuthorizationStrategies []Strategy `json:"authorizationStrategies"`
}

// applyFragment applies the fragment in body (read from file) to the
// hierarchy: a parent claim found in the hierarchy (by its last two path
// segments) gets the fragment's children appended, one not found is added
// as a new top-level claim; a resource claim found by its singular name
// ("ed-fi/surveys" → ".../ed-fi/survey") gets a grant for the fragment's
// claim set unless that claim set already has one there. Names not found
// are skipped, as the reference skips them.
func (d *Document) applyFragment(file string, body []byte) error {
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(body, &probe); err != nil {
		return fmt.Errorf("%s: not JSON: %w", file, err)
	}
	for k := range probe {
		if strings.EqualFold(k, "claimsHierarchy") {
			return fmt.Errorf("%s: a full claims document; only the first file may be one, the others are claim-set fragments", file)
		}
	}
	var f fragment
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(&f); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	claimSet := f.Name
	if claimSet == "" {
		claimSet = strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	}
	for i, rc := range f.ResourceClaims {
		if rc.Name == "" {
			return fmt.Errorf("%s: resourceClaims[%d] has no name", file, i)
		}
		if rc.IsParent {
			d.applyParent(rc)
		} else {
			d.applyGrant(rc, claimSet)
		}
	}
	return nil
}

func (d *Document) applyParent(rc fragmentClaim) {
	var children []*Claim
	for _, c := range rc.Children {
		if c.Name != "" {
			children = append(children, &Claim{Name: c.Name, DefaultAuthorization: defaultAuthorization(c.DefaultStrategies)})
		}
	}
	if existing := d.find(rc.Name); existing != nil {
		existing.Claims = append(existing.Claims, children...)
		return
	}
	c := &Claim{Name: rc.Name, Claims: children}
	for _, g := range rc.ClaimSets {
		if len(g.Actions) > 0 {
			c.ClaimSets = append(c.ClaimSets, g)
		}
	}
	c.DefaultAuthorization = defaultAuthorization(rc.DefaultStrategies)
	d.ClaimsHierarchy = append(d.ClaimsHierarchy, c)
}

// defaultAuthorization is the default strategies a fragment gives a claim
// (a new domain, or a resource claim it adds, as Claims.json gives
// studentContactAssociation its own); nil when it gives none.
func defaultAuthorization(actions []*fragmentActionDefault) *DefaultAuthorization {
	var defaults []DefaultAction
	for _, a := range actions {
		if a != nil {
			defaults = append(defaults, DefaultAction{Name: a.ActionName, AuthorizationStrategies: nonNil(a.AuthorizationStrategies)})
		}
	}
	if len(defaults) == 0 {
		return nil
	}
	return &DefaultAuthorization{Actions: defaults}
}

func (d *Document) applyGrant(rc fragmentClaim, claimSet string) {
	existing := d.find(singular(rc.Name))
	if existing == nil {
		return
	}
	var actions []GrantedAction
	for _, a := range rc.Overrides {
		if a != nil {
			actions = append(actions, GrantedAction{Name: a.ActionName, AuthorizationStrategyOverrides: a.AuthorizationStrategies})
		}
	}
	if len(actions) == 0 {
		return
	}
	for _, g := range existing.ClaimSets {
		if strings.EqualFold(g.Name, claimSet) {
			return
		}
	}
	existing.ClaimSets = append(existing.ClaimSets, ClaimSetGrant{Name: claimSet, Actions: actions})
}

// find returns the first claim, depth first, whose name's last two path
// segments ("ed-fi/survey", "domains/systemDescriptors") equal term,
// ignoring case; a name that is not an absolute URI is compared whole.
func (d *Document) find(term string) *Claim {
	var walk func(cs []*Claim) *Claim
	walk = func(cs []*Claim) *Claim {
		for _, c := range cs {
			if strings.EqualFold(lastTwoSegments(c.Name), term) {
				return c
			}
			if m := walk(c.Claims); m != nil {
				return m
			}
		}
		return nil
	}
	return walk(d.ClaimsHierarchy)
}

func lastTwoSegments(name string) string {
	u, err := url.Parse(name)
	if err != nil || !u.IsAbs() {
		return name
	}
	segs := strings.Split(u.Path, "/")
	if len(segs) < 2 {
		return u.Path
	}
	return strings.Join(segs[len(segs)-2:], "/")
}

// singular turns a fragment's plural resource name into the claim's
// singular one the way the reference does: "-ies" → "-y", else drop a
// final "s".
func singular(name string) string {
	lower := strings.ToLower(name)
	switch {
	case strings.HasSuffix(lower, "ies") && len(name) > 3:
		return name[:len(name)-3] + "y"
	case strings.HasSuffix(lower, "s") && len(name) > 1:
		return name[:len(name)-1]
	}
	return name
}

func nonNil(s []Strategy) []Strategy {
	if s == nil {
		return []Strategy{}
	}
	return s
}
