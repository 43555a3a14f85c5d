package authz

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/internal/golden"
	"github.com/edfi-dmsc/dmsc/internal/refdata"
	"github.com/edfi-dmsc/dmsc/internal/testplan"
	"github.com/edfi-dmsc/dmsc/runtime/auth"
	"github.com/edfi-dmsc/dmsc/runtime/authz/claimschema"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
)

var update = flag.Bool("update", false, "rewrite testdata/ds52-strategies-on-ds32a.txt")

// ds52StrategiesGolden lists, for the reference's Data Standard 5.2 claim
// sets (with the DS 3.x supplement) on the DS 3.2a core, which resources
// run under which strategy: a review artifact for claim and strategy
// changes.
const ds52StrategiesGolden = "testdata/ds52-strategies-on-ds32a.txt"

// TestDS52StrategiesOnDS32aAreImplemented resolves every claim set of the
// ds52 Claims.json and its additional claim-set fragments for every DS
// 3.2a core resource and action, lists the strategies each resource runs
// under (compared with ds52StrategiesGolden, -update rewrites it), and
// fails for any strategy the authorizer does not implement.
func TestDS52StrategiesOnDS32aAreImplemented(t *testing.T) {
	resources := ds32aResourceNames(t)
	claims := refdata.Dir(t, "claims")
	fragments, err := filepath.Glob(filepath.Join(claims, "additional-claimsets", "*-claimset.json"))
	if err != nil || len(fragments) == 0 {
		t.Fatalf("no claim-set fragments in %s: %v", claims, err)
	}
	files := append([]string{filepath.Join(claims, "standards", "ds52", "Claims.json"), filepath.Join("testdata", "ds3x-resources-claimset.json")}, fragments...)
	validator, err := claimschema.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := ReadFiles(validator, files)
	if err != nil {
		t.Fatal(err)
	}
	p := Resolve(doc)

	// strategy → resource → actions granted under it by some claim set.
	uses := map[string]map[string]map[string]bool{}
	grants := map[string]int{}
	for _, csName := range p.ClaimSetNames() {
		cs, _ := p.ClaimSet(csName)
		for _, res := range resources {
			c, ok := cs.Claim(ResourceClaimName("ed-fi", res))
			if !ok {
				continue
			}
			for action, strategies := range c.Actions {
				for _, s := range strategies {
					if uses[s] == nil {
						uses[s] = map[string]map[string]bool{}
					}
					if uses[s][res] == nil {
						uses[s][res] = map[string]bool{}
					}
					uses[s][res][action] = true
					grants[s]++
				}
			}
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# Strategies of the ds52 Claims.json claim sets (%d, with the additional-claimsets fragments and\n", len(p.ClaimSetNames()))
	fmt.Fprintf(&b, "# testdata/ds3x-resources-claimset.json) on the %d DS 3.2a core resources: per strategy, the number of\n", len(resources))
	b.WriteString("# (claim set, resource, action) grants naming it, then each resource with the actions granted under it.\n")
	strategies := slices.Sorted(mapKeys(uses))
	for _, s := range strategies {
		fmt.Fprintf(&b, "\n%s: %d grants, %d resources\n", s, grants[s], len(uses[s]))
		for _, res := range slices.Sorted(mapKeys(uses[s])) {
			fmt.Fprintf(&b, "  %s: %s\n", res, strings.Join(actionOrder(uses[s][res]), " "))
		}
	}
	golden.Compare(t, ds52StrategiesGolden, []byte(b.String()), *update)

	for _, s := range strategies {
		for res, actions := range uses[s] {
			for action := range actions {
				if kindOf(s, auth.Action(action)) == unknownStrategy {
					t.Errorf("strategy %s, granted for %s on %s, is not implemented for that action", s, action, res)
				}
			}
		}
	}
	decideEveryGrant(t, p)
}

// ds32aSecurableGaps are the DS 3.2a core resources whose securable
// elements cannot serve the strategies DS 5.2 claims give them, and why:
// their grants answer the reference's security configuration 500, failing
// closed, until a deployment's claims give them other strategies.
var ds32aSecurableGaps = map[string]string{
	// Its namespace is only inside a collection in DS 3.2a (DS 5 has
	// it at the root), so NamespaceBased has no root column to check.
	"GradebookEntry": "NamespaceBased",
	// DS 3.2a declares no securable element for Parent (DS 5's Contact
	// has $.contactUniqueId), so the people strategies relate nothing.
	"Parent": "RelationshipsWithEdOrgsAndPeople",
}

// decideEveryGrant decides every action each claim set of p grants on
// each DS 3.2a core resource, as the server compiled from it would, for a
// client with an education organization id and a namespace prefix: none
// may be a security configuration error (a strategy with no securable
// element on the resource, a people view the schema lacks, a strategy
// unknown for the action) but those of ds32aSecurableGaps, each of which
// must occur.
func decideEveryGrant(t *testing.T, p *Policy) {
	schema := testplan.Files(t, refdata.File(t, refdata.DS32aCoreSchema)).Schema
	a := NewWithPolicy(schema, p, nil)
	decided, gaps := 0, map[string]int{}
	for _, csName := range p.ClaimSetNames() {
		principal := &auth.Principal{ClaimSetName: csName, EducationOrganizationIDs: []int64{255901}, NamespacePrefixes: []string{"uri://ed-fi.org"}}
		cs, _ := p.ClaimSet(csName)
		for _, res := range schema.Resources {
			c, ok := cs.Claim(ResourceClaimName(res.ProjectEndpoint, res.Name))
			if !ok {
				continue
			}
			for _, action := range c.Order {
				decided++
				_, err := a.authorizeClaims(principal, auth.Target{Project: res.ProjectEndpoint, Endpoint: res.Endpoint}, auth.Action(action))
				var pd *problem.Details
				if !errors.As(err, &pd) || pd.Status != http.StatusInternalServerError {
					continue
				}
				if strategy, ok := ds32aSecurableGaps[res.Name]; ok && len(pd.Errors) == 1 && strings.Contains(pd.Errors[0], "'"+strategy) {
					gaps[res.Name]++
					continue
				}
				t.Errorf("%s %s on %s: %s %v", csName, action, res.Name, pd.Type, pd.Errors)
			}
		}
	}
	for res := range ds32aSecurableGaps {
		if gaps[res] == 0 {
			t.Errorf("%s no longer fails under %s: remove it from ds32aSecurableGaps", res, ds32aSecurableGaps[res])
		}
	}
	t.Logf("%d grants decided on the compiled DS 3.2a core; security configuration errors only for the schema's gaps: %v", decided, gaps)
}

// ds32aResourceNames are the resource names of the DS 3.2a core, sorted.
func ds32aResourceNames(t *testing.T) []string {
	body, err := os.ReadFile(refdata.File(t, refdata.DS32aCoreSchema))
	if err != nil {
		t.Fatal(err)
	}
	var schema struct {
		ProjectSchema struct {
			ResourceSchemas map[string]struct {
				ResourceName string `json:"resourceName"`
			} `json:"resourceSchemas"`
		} `json:"projectSchema"`
	}
	if err := json.Unmarshal(body, &schema); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range schema.ProjectSchema.ResourceSchemas {
		names = append(names, r.ResourceName)
	}
	sort.Strings(names)
	return names
}

// actionOrder lists the actions of set in the reference's order.
func actionOrder(set map[string]bool) []string {
	var out []string
	for _, a := range []string{ActionCreate, ActionRead, ActionUpdate, ActionDelete, ActionReadChanges} {
		if set[a] {
			out = append(out, a)
		}
	}
	return out
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}
