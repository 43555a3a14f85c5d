package authz

// EdOrgStatement is token_info's education organization statement of a
// (for plan tests).
func EdOrgStatement(a *Authorizer) string { return a.edOrgs.query }

// ExpireOwnership forgets the clients' ownership tokens a has cached, as
// ownershipCacheTTL passing does.
func ExpireOwnership(a *Authorizer) { a.owners.Clear() }

// ExpireClaimsBreadths forgets the breadths of the claims a has cached,
// as claimsBreadthTTL passing does.
func ExpireClaimsBreadths(a *Authorizer) {
	a.relatedOrganizations.Clear()
	a.organizations.Clear()
}
