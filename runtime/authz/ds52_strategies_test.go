package authz

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/internal/refdata"
	"github.com/edfi-dmsc/dmsc/runtime/auth"
	"github.com/edfi-dmsc/dmsc/runtime/authz/claimschema"
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
	compareGolden(t, ds52StrategiesGolden, b.String())

	for _, s := range strategies {
		for res, actions := range uses[s] {
			for action := range actions {
				if kindOf(s, auth.Action(action)) == unknownStrategy {
					t.Errorf("strategy %s, granted for %s on %s, is not implemented for that action", s, action, res)
				}
			}
		}
	}
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

// compareGolden compares got with the file at path, or rewrites it with -update.
func compareGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the resolved claims (run with -update and review the diff)", path)
	}
}
