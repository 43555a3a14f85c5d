package authz_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/edfi-dmsc/dmsc/runtime/auth"
	"github.com/edfi-dmsc/dmsc/runtime/authz"
)

// TestReplacedOwnershipReachesRunningServer: a replaced ownership
// configuration (auth.ReplaceClientOwnership, dmsc client set-ownership)
// reaches a running server when its cache of the client's tokens expires,
// for the access token the client already holds; a token taken away stops
// authorizing, documents keep their stamp and new creates take the new
// creator token.
func TestReplacedOwnershipReachesRunningServer(t *testing.T) {
	a, t1, t2, one, two := ownershipAPI(t)
	own := a.do(t, one, "POST", "ed-fi/staffs", staff("C1")).expect(t, "POST by one", http.StatusCreated).id()
	others := a.do(t, two, "POST", "ed-fi/staffs", staff("C2")).expect(t, "POST by two", http.StatusCreated).id()
	a.do(t, one, "GET", "ed-fi/staffs/"+others, nil).expectProblem(t, "GET two's before the replacement", http.StatusForbidden, ownershipMismatch)

	_, changed, err := auth.ReplaceClientOwnership(context.Background(), a.pool, one, auth.Ownership{Creator: &t2, Tokens: []int16{t2}})
	if err != nil || !changed {
		t.Fatalf("replacing one's ownership: changed %v, %v", changed, err)
	}
	a.do(t, one, "GET", "ed-fi/staffs/"+others, nil).expectProblem(t, "GET two's while the old tokens are cached", http.StatusForbidden, ownershipMismatch)

	authz.ExpireOwnership(a.authorizer)
	a.do(t, one, "GET", "ed-fi/staffs/"+others, nil).expect(t, "GET two's after the replacement", http.StatusOK)
	a.do(t, one, "GET", "ed-fi/staffs/"+own, nil).expectProblem(t, "GET its own under a token taken away", http.StatusForbidden, ownershipMismatch)
	created := a.do(t, one, "POST", "ed-fi/staffs", staff("C3")).expect(t, "POST after the replacement", http.StatusCreated).id()
	for id, want := range map[string]int16{own: t1, others: t2, created: t2} {
		if got := a.storedToken(t, id); got == nil || *got != want {
			t.Errorf("document %s stamped %v, want %d", id, got, want)
		}
	}
}
