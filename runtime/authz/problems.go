package authz

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/edfi-dmsc/dmsc/runtime/problem"
)

// Problem types, titles and details of the reference's authorization
// answers (design-docs/auth.md §ProblemDetails).
const (
	typeAuthentication = "urn:ed-fi:api:security:authentication"
	typeForbidden      = "urn:ed-fi:api:security:authorization"
	typeSecurityConfig = "urn:ed-fi:api:system:configuration:security"

	titleAuthenticationFailed = "Authentication Failed"
	titleAuthorizationDenied  = "Authorization Denied"
	titleSecurityConfig       = "Security Configuration Error"

	detailResourceNotAuthorized = "Access to the resource could not be authorized."
	detailDataNotAuthorized     = "Access to the requested data could not be authorized."
	detailSecurityConfig        = "A security configuration problem was detected. The request cannot be authorized."
)

func forbidden(typeSuffix, detail string, errors ...string) *problem.Details {
	return &problem.Details{Type: typeForbidden + typeSuffix, Title: titleAuthorizationDenied, Status: http.StatusForbidden, Detail: detail, Errors: errors}
}

func securityConfiguration(errors ...string) *problem.Details {
	return &problem.Details{Type: typeSecurityConfig, Title: titleSecurityConfig, Status: http.StatusInternalServerError, Detail: detailSecurityConfig, Errors: errors}
}

// NoClientAuthorizations is the 401 for a request that reaches
// authorization without an authenticated client.
func NoClientAuthorizations() *problem.Details {
	return &problem.Details{
		Type: typeAuthentication, Title: titleAuthenticationFailed, Status: http.StatusUnauthorized,
		Detail:  "The caller could not be authenticated.",
		Errors:  []string{"No authorization information found. Ensure valid JWT token is provided."},
		Headers: map[string]string{"WWW-Authenticate": `Bearer error="invalid_token"`}, OmitValidationErrors: true,
	}
}

// Forbidden is the reference's bare 403: the claim set has no resource
// claims, or none for the resource (its type ends in ':').
func Forbidden() *problem.Details { return forbidden(":", detailResourceNotAuthorized) }

// ActionDenied is the 403 for an action the claim set does not grant on
// the resource (resourceName as the schema names it, "AcademicWeek").
func ActionDenied(claimSet, action, resourceName string) *problem.Details {
	return forbidden(":access-denied:action", detailResourceNotAuthorized, fmt.Sprintf(
		"The API client's assigned claim set (currently '%s') must grant permission of the '%s' action on one of the following resource claims: %s",
		claimSet, action, resourceName))
}

// MissingSecurityMetadata is the 500 when the client's claim set is not
// among the loaded claims (or none are loaded).
func MissingSecurityMetadata() *problem.Details {
	return securityConfiguration("No security metadata has been configured for this resource.")
}

// NoAuthorizationStrategies is the 500 for a granted action for which
// neither the grant nor any default names a strategy.
func NoAuthorizationStrategies(action, claimName string) *problem.Details {
	return securityConfiguration(fmt.Sprintf(
		"No authorization strategies were defined for the requested action '%s' against resource URIs ['%s'] matched by the caller's claim '%s'.",
		action, claimName, claimName))
}

// UnknownStrategies is the 500 for strategy names no implementation has.
func UnknownStrategies(names []string) *problem.Details {
	var distinct []string
	seen := map[string]bool{}
	for _, n := range names {
		if !seen[n] {
			seen[n] = true
			distinct = append(distinct, n)
		}
	}
	return securityConfiguration("Could not find authorization strategy implementations for the following strategy names: " + quotedList(distinct) + ".")
}

// NamespaceElementMissing is the 500 for NamespaceBased on a resource
// without a Namespace securable element stored in its root table.
func NamespaceElementMissing(resourceName string) *problem.Details {
	return securityConfiguration(fmt.Sprintf(
		"The '%s' authorization strategy is configured for resource '%s', which has no Namespace securable element outside collections.",
		NamespaceBased, resourceName))
}

// NoNamespacePrefixes is the 403 for a client without namespace prefixes
// on a NamespaceBased resource.
func NoNamespacePrefixes() *problem.Details {
	return forbidden(":namespace:invalid-client:no-namespaces",
		"There was a problem authorizing the request. The caller has not been configured correctly for accessing resources authorized by Namespace.",
		fmt.Sprintf("The API client has been given permissions on a resource that uses the '%s' authorization strategy but the client doesn't have any namespace prefixes assigned.", NamespaceBased))
}

// EmptyNamespacePrefix is the 500 for a client with an empty namespace
// prefix, which would match every namespace.
func EmptyNamespacePrefix() *problem.Details {
	return securityConfiguration("The API client's NamespaceBased authorization is configured with a null or empty namespace prefix, which cannot be used to authorize access. Configure non-empty namespace prefixes.")
}

// NamespaceMismatch is the 403 for a namespace value that starts with none
// of the client's prefixes; existing says the value is the stored one.
func NamespaceMismatch(existing bool, prefixes []string) *problem.Details {
	which := ""
	if existing {
		which = "existing "
	}
	return forbidden(":namespace:access-denied:namespace-mismatch", fmt.Sprintf(
		"%s The %s'Namespace' value of the data does not start with any of the caller's associated namespace prefixes (%s).",
		detailDataNotAuthorized, which, quotedList(prefixes)))
}

// NamespaceUninitialized is the 403 for a stored document whose namespace
// value is missing or empty.
func NamespaceUninitialized() *problem.Details {
	return forbidden(":namespace:invalid-data:namespace-uninitialized",
		detailDataNotAuthorized+" The existing 'Namespace' value has not been assigned but is required for authorization purposes.",
		fmt.Sprintf("The existing resource item is inaccessible to clients using the '%s' authorization strategy because the 'Namespace' value has not been assigned.", NamespaceBased))
}

// NamespaceRequired is the 403 for a request body whose namespace value is
// missing or empty.
func NamespaceRequired() *problem.Details {
	return forbidden(":namespace:access-denied:namespace-required",
		detailDataNotAuthorized+" The 'Namespace' value has not been assigned but is required for authorization purposes.")
}

func quotedList(s []string) string { return "'" + strings.Join(s, "', '") + "'" }
