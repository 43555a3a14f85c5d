package authz

// EdOrgStatement is token_info's education organization statement of a
// (for plan tests).
func EdOrgStatement(a *Authorizer) string { return a.edOrgs.query }
