package problem

// Security problem types of the reference.
const (
	TypeAuthentication = typePrefix + ":security:authentication"
	TypeAuthorization  = typePrefix + ":security:authorization"
	TypeUnauthorized   = typePrefix + ":unauthorized"
)

// wwwAuthenticateInvalidToken is the reference's WWW-Authenticate value
// on every authentication failure.
const wwwAuthenticateInvalidToken = `Bearer error="invalid_token"`

// AuthenticationFailed is the 401 for a request without a usable bearer
// token; reason is one of the reference's texts ("Authorization header is
// missing.", "Invalid token", ...). Like the reference it has no
// validationErrors member and carries WWW-Authenticate.
func AuthenticationFailed(reason string) *Details {
	d := newDetails(401, TypeAuthentication, "Authentication Failed", "The caller could not be authenticated.", nil, []string{reason})
	d.OmitValidationErrors = true
	d.Headers = map[string]string{"WWW-Authenticate": wwwAuthenticateInvalidToken}
	return d
}

// Unauthorized is the reference's 401 of the token endpoints: title is an
// OAuth error code ("invalid_client"), detail its description.
func Unauthorized(title, detail string) *Details {
	return newDetails(401, TypeUnauthorized, title, detail, nil, nil)
}
