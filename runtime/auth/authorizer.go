package auth

import "context"

// Action is what a request does to a resource, in the reference's claim-set
// vocabulary.
type Action string

// The actions a claim set grants per resource claim.
const (
	ActionCreate      Action = "Create"
	ActionRead        Action = "Read"
	ActionUpdate      Action = "Update"
	ActionDelete      Action = "Delete"
	ActionReadChanges Action = "ReadChanges"
)

// Target names the resource a data, descriptor or change-query request
// addresses, by its canonical endpoint names (e.g. Project "ed-fi",
// Endpoint "students"; descriptors are resources too, e.g.
// "gradeLevelDescriptors").
type Target struct {
	Project  string
	Endpoint string
}

// Decision is an allowed request's authorization: the strategies whose
// data checks (NamespaceBased filters on reads, stored and incoming values
// on writes) the engine still applies. The server records it in the
// request context (SetDecision) for the engine to read (DecisionFrom). An
// authorizer may return one decision to many requests: it must not be
// modified.
type Decision struct {
	// ClaimSetName is the claim set that granted the action.
	ClaimSetName string
	// Strategies are the authorization strategy names that need a data
	// check, e.g. "NamespaceBased"; empty when only
	// NoFurtherAuthorizationRequired applies.
	Strategies []string
	// NarrowClaims says the principal's claims relate few of the
	// education organizations. runtime/authz sets it on the ReadChanges
	// decisions whose people strategies can test a tracked person two
	// ways, and their filter then builds the set of the persons related
	// to the claims once per statement instead of probing each row's
	// person: a choice of plan, never of the rows answered.
	NarrowClaims bool
}

// Authorizer is implemented by runtime/authz. The server calls it after
// authentication for every data, descriptor and change-query request,
// once the route has resolved to a registered resource and before the
// handler runs.
type Authorizer interface {
	// Authorize decides whether p may do action on target. It returns the
	// decision for an allowed request, or an error for a denied one: a
	// *problem.Details (the 403 security problem naming resource, action
	// and strategy) is answered as is; any other error is a 500.
	Authorize(ctx context.Context, p *Principal, target Target, action Action) (*Decision, error)
}

// SetDecision records d as the decision of the request whose principal
// ctx carries (WithPrincipal), for every context derived from it since;
// false when ctx carries no principal, and nothing is recorded. The
// server calls it once per request, before the handler runs.
func SetDecision(ctx context.Context, d *Decision) bool {
	a, ok := ctx.Value(accessKey{}).(*access)
	if !ok {
		return false
	}
	a.decision.Store(d)
	return true
}

// DecisionFrom returns the decision recorded by SetDecision, if any; a
// request served with auth off has none.
func DecisionFrom(ctx context.Context) (*Decision, bool) {
	a, ok := ctx.Value(accessKey{}).(*access)
	if !ok {
		return nil, false
	}
	d := a.decision.Load()
	return d, d != nil
}
