package generated_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/edfi-dmsc/dmsc/compiler/fake"
)

// TestConcurrentCreatesOfOneIdentity sends, in each of 20 rounds, 50
// simultaneous POSTs of one new descriptor and then of one new school (a
// subclass: its EducationOrganization alias identity races too). Every
// answer must be 201 or 200 and each round must leave one document.
func TestConcurrentCreatesOfOneIdentity(t *testing.T) {
	const rounds, clients = 20, 50
	ls := startServer(t)
	out := &jsonLines{}
	if _, err := fake.Generate(ls.set, fake.Options{Resources: []string{"ed-fi/schools"}, Count: 1, Seed: 3}, out); err != nil {
		t.Fatal(err)
	}
	var school map[string]any
	for _, d := range out.docs {
		if d.Project == "ed-fi" && d.Resource == "schools" {
			if err := json.Unmarshal(d.Body, &school); err != nil {
				t.Fatal(err)
			}
			continue
		}
		ls.postAll(t, []fakeDocument{d})
	}
	kinds := []struct {
		name, path string
		body       func(round int) []byte
		query      func(round int) string
	}{
		{"descriptor", "/data/ed-fi/gradeLevelDescriptors",
			func(round int) []byte {
				return fmt.Appendf(nil, `{"namespace":"uri://ed-fi.org/GradeLevelDescriptor","codeValue":"Race %d","shortDescription":"Race %d"}`, round, round)
			},
			func(round int) string {
				return fmt.Sprintf("/data/ed-fi/gradeLevelDescriptors?namespace=uri://ed-fi.org/GradeLevelDescriptor&codeValue=Race%%20%d", round)
			}},
		{"school", "/data/ed-fi/schools",
			func(round int) []byte {
				school["schoolId"] = 880000 + round
				b, err := json.Marshal(school)
				if err != nil {
					t.Fatal(err)
				}
				return b
			},
			func(round int) string { return fmt.Sprintf("/data/ed-fi/schools?schoolId=%d", 880000+round) }},
	}
	for _, k := range kinds {
		statuses := map[int]int{}
		for round := range rounds {
			body := k.body(round)
			start := make(chan struct{})
			answers := make([]response, clients)
			errs := make([]error, clients)
			var wg sync.WaitGroup
			for i := range clients {
				wg.Go(func() {
					<-start
					answers[i], errs[i] = ls.send(http.MethodPost, k.path, body)
				})
			}
			close(start)
			wg.Wait()
			for i, r := range answers {
				if errs[i] != nil {
					t.Fatalf("%s round %d: %v", k.name, round, errs[i])
				}
				statuses[r.status]++
				if r.status != http.StatusCreated && r.status != http.StatusOK {
					t.Errorf("%s round %d: POST = %d %s", k.name, round, r.status, r.body)
				}
			}
			var found []json.RawMessage
			if r := ls.do(t, http.MethodGet, k.query(round), nil); json.Unmarshal(r.body, &found) != nil || len(found) != 1 {
				t.Errorf("%s round %d: %d documents (%s), want 1", k.name, round, len(found), r.body)
			}
		}
		t.Logf("%s: %d rounds of %d concurrent POSTs: %d × 201, %d × 200, %d other",
			k.name, rounds, clients, statuses[http.StatusCreated], statuses[http.StatusOK],
			rounds*clients-statuses[http.StatusCreated]-statuses[http.StatusOK])
		if statuses[http.StatusCreated] != rounds {
			t.Errorf("%s: %d creations, want one per round", k.name, statuses[http.StatusCreated])
		}
	}
}
