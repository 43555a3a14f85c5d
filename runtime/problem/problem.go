// Package problem builds Ed-Fi problem-details bodies: the JSON object
// {detail, type, title, status, correlationId, validationErrors, errors}
// that every failing Ed-Fi API response carries.
//
// Types, titles and fixed texts follow the reference implementation so that
// clients written against it see the same failures. A *Details is also an
// error: generated handlers return it and the server writes it, filling in
// the request's correlation id.
package problem

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// Type URNs used by the reference implementation.
const (
	typePrefix                    = "urn:ed-fi:api"
	TypeBadRequest                = typePrefix + ":bad-request"
	TypeDataValidationFailed      = TypeBadRequest + ":data-validation-failed"
	TypeKeyChangeNotSupported     = TypeDataValidationFailed + ":key-change-not-supported"
	TypeParameterValidationFailed = TypeBadRequest + ":parameter-validation-failed"
	TypeNotFound                  = typePrefix + ":not-found"
	TypeMethodNotAllowed          = typePrefix + ":method-not-allowed"
	TypeIdentityConflict          = typePrefix + ":identity-conflict"
	TypeDependentItemExists       = typePrefix + ":data-conflict:dependent-item-exists"
	TypeUnresolvedReference       = typePrefix + ":data-conflict:unresolved-reference"
	TypeOptimisticLockFailed      = typePrefix + ":optimistic-lock-failed"
	TypeIfNoneMatchFailed         = typePrefix + ":precondition-failed:if-none-match"
	TypeUnsupportedMediaType      = typePrefix + ":unsupported-media-type"
	TypeSystem                    = typePrefix + ":system"
	TypeServiceUnavailable        = typePrefix + ":service-unavailable"
	TypeServiceConfigurationError = typePrefix + ":service-configuration-error"
	TypeDatabaseNotProvisioned    = typePrefix + ":database-not-provisioned"
	TypeDatabaseFingerprintError  = typePrefix + ":database-fingerprint-validation-error"
	TypeResourceKeySeedError      = typePrefix + ":resource-key-seed-validation-error"
	TypePayloadTooLarge           = typePrefix + ":payload-too-large"
)

// Fixed detail texts of the reference.
const (
	DetailDataValidationFailed       = "Data validation failed. See 'validationErrors' for details."
	DetailNotFound                   = "The specified data could not be found."
	DetailParameterValidationFailed  = "Parameters supplied to the request were invalid."
	DetailRequestCouldNotBeProcessed = "The request could not be processed. See 'errors' for details."
	DetailUpdateTargetNotFound       = "Resource to update was not found"
)

// Details is one problem-details body. CorrelationID is normally left empty
// by the code that builds the problem; the server sets it when writing.
type Details struct {
	Detail           string
	Type             string
	Title            string
	Status           int
	CorrelationID    string
	ValidationErrors ValidationErrors
	Errors           []string
	// Headers are extra response headers (e.g. Allow on a 405).
	Headers map[string]string
	// OmitValidationErrors leaves the validationErrors member out, as the
	// reference's authentication failure does.
	OmitValidationErrors bool
}

// Error makes a *Details usable as a handler error.
func (d *Details) Error() string {
	return fmt.Sprintf("%d %s: %s", d.Status, d.Title, d.Detail)
}

// WithCorrelationID returns a copy carrying the given correlation id.
func (d *Details) WithCorrelationID(id string) *Details {
	c := *d
	c.CorrelationID = id
	return &c
}

// MarshalJSON implements json.Marshaler with JSON's bytes. Note that
// encoding/json re-escapes <, > and & in its output; write JSON() directly to
// keep the reference's unescaped text.
func (d *Details) MarshalJSON() ([]byte, error) { return d.JSON(), nil }

// JSON is the response body: the members in the reference's order,
// validationErrors and errors always present ({} and [] when empty), and
// HTML-significant characters left unescaped as in the reference.
func (d *Details) JSON() []byte {
	var b bytes.Buffer
	b.WriteString(`{"detail":`)
	writeString(&b, d.Detail)
	b.WriteString(`,"type":`)
	writeString(&b, d.Type)
	b.WriteString(`,"title":`)
	writeString(&b, d.Title)
	fmt.Fprintf(&b, `,"status":%d,"correlationId":`, d.Status)
	writeString(&b, d.CorrelationID)
	if !d.OmitValidationErrors {
		b.WriteString(`,"validationErrors":`)
		d.ValidationErrors.write(&b)
	}
	b.WriteString(`,"errors":`)
	writeStrings(&b, d.Errors)
	b.WriteByte('}')
	return b.Bytes()
}

// FieldErrors is one validationErrors member: a JSON path and its messages.
type FieldErrors struct {
	Path     string
	Messages []string
}

// ValidationErrors maps JSON paths to messages, keeping the order in which
// paths were first added (the reference emits them in discovery order).
type ValidationErrors []FieldErrors

// Add appends msg under path, skipping a message already recorded for that
// path (the reference de-duplicates per path).
func (v *ValidationErrors) Add(path, msg string) {
	for i := range *v {
		if (*v)[i].Path == path {
			for _, m := range (*v)[i].Messages {
				if m == msg {
					return
				}
			}
			(*v)[i].Messages = append((*v)[i].Messages, msg)
			return
		}
	}
	*v = append(*v, FieldErrors{Path: path, Messages: []string{msg}})
}

// Messages returns the messages recorded for path (nil if none).
func (v ValidationErrors) Messages(path string) []string {
	for _, f := range v {
		if f.Path == path {
			return f.Messages
		}
	}
	return nil
}

func (v ValidationErrors) write(b *bytes.Buffer) {
	b.WriteByte('{')
	for i, f := range v {
		if i > 0 {
			b.WriteByte(',')
		}
		writeString(b, f.Path)
		b.WriteByte(':')
		writeStrings(b, f.Messages)
	}
	b.WriteByte('}')
}

func writeStrings(b *bytes.Buffer, ss []string) {
	b.WriteByte('[')
	for i, s := range ss {
		if i > 0 {
			b.WriteByte(',')
		}
		writeString(b, s)
	}
	b.WriteByte(']')
}

func writeString(b *bytes.Buffer, s string) {
	var enc bytes.Buffer
	e := json.NewEncoder(&enc)
	e.SetEscapeHTML(false)
	_ = e.Encode(s) // encoding a string cannot fail
	b.Write(bytes.TrimSuffix(enc.Bytes(), []byte("\n")))
}

func newDetails(status int, typ, title, detail string, ve ValidationErrors, errs []string) *Details {
	return &Details{Detail: detail, Type: typ, Title: title, Status: status, ValidationErrors: ve, Errors: errs}
}

// DataValidation is the 400 for a body that fails validation, with
// path-attributed messages.
func DataValidation(ve ValidationErrors) *Details {
	return newDetails(400, TypeDataValidationFailed, "Data Validation Failed", DetailDataValidationFailed, ve, nil)
}

// BadRequest is the generic 400 (malformed body, unknown query field,
// descriptor reference failures, mismatched ids).
func BadRequest(detail string, ve ValidationErrors, errs ...string) *Details {
	return newDetails(400, TypeBadRequest, "Bad Request", detail, ve, errs)
}

// UnknownQueryField is the 400 for a query parameter that is neither a paging
// parameter nor a query field of the resource.
func UnknownQueryField(name string) *Details {
	return BadRequest(DetailRequestCouldNotBeProcessed, nil,
		fmt.Sprintf("The query field '%s' is not valid for this resource.", name))
}

// ParameterValidation is the 400 for invalid paging or change-version
// parameters.
func ParameterValidation(errs ...string) *Details {
	return newDetails(400, TypeParameterValidationFailed, "Parameter Validation Failed", DetailParameterValidationFailed, nil, errs)
}

// InvalidID is the 400 for a malformed document id in the route.
func InvalidID(segment string) *Details {
	var ve ValidationErrors
	ve.Add("$.id", fmt.Sprintf("The value '%s' is not valid.", segment))
	return DataValidation(ve)
}

// KeyChangeNotSupported is the 400 for an identity change on a resource that
// does not allow identity updates.
func KeyChangeNotSupported(detail string) *Details {
	return newDetails(400, TypeKeyChangeNotSupported, "Key Change Not Supported", detail, nil, nil)
}

// IdentityImmutable is KeyChangeNotSupported with the reference's text for a
// resource whose identity may not change.
func IdentityImmutable(resourceName string) *Details {
	return KeyChangeNotSupported(fmt.Sprintf(
		"Identifying values for the %s resource cannot be changed. Delete and recreate the resource item instead.", resourceName))
}

// DescriptorIdentityImmutable is KeyChangeNotSupported with the reference's
// text for a PUT that changes a descriptor's namespace or codeValue
// (project and resource name it: "Ed-Fi", "AbsenceEventCategoryDescriptor").
func DescriptorIdentityImmutable(projectName, resourceName string) *Details {
	return KeyChangeNotSupported(fmt.Sprintf(
		"Identity of resource '%s.%s' cannot be changed. Descriptor identity fields (Namespace, CodeValue) are immutable on PUT.",
		projectName, resourceName))
}

// IDMismatch is the 400 for a PUT whose body id differs from the route's.
func IDMismatch() *Details {
	return BadRequest(DetailRequestCouldNotBeProcessed, nil, "Request body id must match the id in the url.")
}

// NotFound is the 404 problem; detail defaults to DetailNotFound.
func NotFound(detail string) *Details {
	if detail == "" {
		detail = DetailNotFound
	}
	return newDetails(404, TypeNotFound, "Not Found", detail, nil, nil)
}

// MethodNotAllowed is the 405, with the Allow header listing what the route
// accepts.
func MethodNotAllowed(allow string, errs ...string) *Details {
	d := newDetails(405, TypeMethodNotAllowed, "Method Not Allowed", "The request construction was invalid.", nil, errs)
	d.Headers = map[string]string{"Allow": allow}
	return d
}

// Operation names the write that hit a natural-key conflict, as the
// reference words it.
type Operation int

// The writes that can hit a natural-key conflict.
const (
	Create Operation = iota
	Update
)

// KeyValue is one identity member of a conflicting natural key.
type KeyValue struct{ Name, Value string }

// IdentityConflict is the 409 for a natural-key unique violation.
func IdentityConflict(op Operation, resourceName string, keys []KeyValue) *Details {
	verb := "create a new resource"
	if op == Update {
		verb = "update a resource"
	}
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("(%s = %s)", k.Name, k.Value)
	}
	msg := fmt.Sprintf("A natural key conflict occurred when attempting to %s %s with a duplicate key. The duplicate keys and values are %s",
		verb, resourceName, strings.Join(parts, ","))
	return newDetails(409, TypeIdentityConflict, "Identifying Values Are Not Unique",
		"The identifying value(s) of the item are the same as another item that already exists.", nil, []string{msg})
}

// DependentItemExists is the 409 for deleting (or re-keying) a document other
// documents reference. referencingResources may be empty when the
// referencing resource cannot be named.
func DependentItemExists(referencingResources ...string) *Details {
	detail := "The requested action cannot be performed because this item is referenced by existing item(s)."
	if len(referencingResources) > 0 {
		detail = fmt.Sprintf("The requested action cannot be performed because this item is referenced by existing %s item(s).",
			strings.Join(referencingResources, ", "))
	}
	return newDetails(409, TypeDependentItemExists, "Dependent Item Exists", detail, nil, nil)
}

// UnresolvedReference is the 409 for document references that do not
// resolve; ve maps each reference's concrete JSON path to its message (see
// MissingReferenceMessage).
func UnresolvedReference(ve ValidationErrors) *Details {
	return newDetails(409, TypeUnresolvedReference, "Unresolved Reference",
		"One or more references could not be resolved. See 'validationErrors' for details.", ve, nil)
}

// MissingReferenceMessage is the validationErrors message for a document
// reference whose target does not exist.
func MissingReferenceMessage(targetResourceName string) string {
	return fmt.Sprintf("The referenced %s item does not exist.", targetResourceName)
}

// IncompatibleReferenceMessage is the message for a reference resolving to a
// document of the wrong concrete type.
func IncompatibleReferenceMessage(targetResourceName string) string {
	return fmt.Sprintf("The referenced %s item is not compatible with this reference.", targetResourceName)
}

// MissingDescriptorMessage is the validationErrors message for a descriptor
// URI that does not exist, naming the URI lower-cased as the reference
// writes it. When any descriptor reference fails, the reference answers 400 BadRequest(DetailDataValidationFailed, ve) instead of 409.
func MissingDescriptorMessage(descriptorResourceName, uri string) string {
	return fmt.Sprintf("%s value '%s' does not exist.", descriptorResourceName, strings.ToLower(uri))
}

// ReferenceFailures builds the response for failed reference resolution the
// way the reference chooses it: 409 when only document references failed,
// 400 as soon as a descriptor reference failed.
func ReferenceFailures(ve ValidationErrors, anyDescriptorFailed bool) *Details {
	if anyDescriptorFailed {
		return BadRequest(DetailDataValidationFailed, ve)
	}
	return UnresolvedReference(ve)
}

// PreconditionFailed is the 412 for an If-Match that does not match the
// current representation.
func PreconditionFailed() *Details {
	return newDetails(412, TypeOptimisticLockFailed, "Optimistic Lock Failed", "The item has been modified by another user.", nil,
		[]string{"The resource item's etag value does not match what was specified in the 'If-Match' request header indicating that it has been modified by another client since it was last retrieved."})
}

// PreconditionTargetMissing is the 412 for If-Match on a target that does
// not exist.
func PreconditionTargetMissing() *Details {
	return newDetails(412, TypeOptimisticLockFailed, "Optimistic Lock Failed", "The If-Match precondition failed because the resource does not exist.", nil,
		[]string{"The 'If-Match' request header requires a current representation of the resource, but none exists. Do not retry with If-Match; create the resource first, or omit If-Match."})
}

// IfNoneMatchFailed is the 412 for a write whose If-None-Match matched the
// current representation.
func IfNoneMatchFailed() *Details {
	return newDetails(412, TypeIfNoneMatchFailed, "If-None-Match Precondition Failed",
		"The If-None-Match precondition failed because a current representation of the resource matched the request header.", nil,
		[]string{"The 'If-None-Match' request header requires that no current representation match the supplied value, but a matching representation exists."})
}

// PayloadTooLarge is the 413 for a body over the configured limit. The
// reference (Kestrel) answers 413 without a body; this runtime adds a problem
// body so the limit is visible to the client.
func PayloadTooLarge(limitBytes int64) *Details {
	return newDetails(413, TypePayloadTooLarge, "Payload Too Large",
		fmt.Sprintf("The request body exceeds the maximum allowed size of %d bytes.", limitBytes), nil, nil)
}

// UnsupportedMediaType is the 415 problem.
func UnsupportedMediaType(detail string, errs ...string) *Details {
	return newDetails(415, TypeUnsupportedMediaType, "Unsupported Media Type", detail, nil, errs)
}

// SystemError is the 500 problem; its text never discloses the cause (that
// goes to the log).
func SystemError() *Details {
	return newDetails(500, TypeSystem, "System Error", "An unexpected problem has occurred.", nil, nil)
}

// ServiceUnavailable is the generic retriable 503.
func ServiceUnavailable() *Details {
	return newDetails(503, TypeServiceUnavailable, "Service Unavailable",
		"The service is temporarily unable to handle the request. Retry the request later.", nil, nil)
}

// ServiceConfigurationError is a 503 for a server-side configuration or
// transient infrastructure failure.
func ServiceConfigurationError(detail string) *Details {
	return newDetails(503, TypeServiceConfigurationError, "Service Configuration Error", detail, nil, []string{detail})
}

// DatabaseNotProvisioned is the 503 for a database without dms.EffectiveSchema.
func DatabaseNotProvisioned(detail string) *Details {
	return newDetails(503, TypeDatabaseNotProvisioned, "Database Not Provisioned", detail, nil, []string{detail})
}

// DatabaseFingerprintError is the 503 for a dms.EffectiveSchema row that is
// malformed or records another effective schema.
func DatabaseFingerprintError(title, detail string, errs ...string) *Details {
	return newDetails(503, TypeDatabaseFingerprintError, title, detail, nil, errs)
}

// ResourceKeySeedError is the 503 for a dms.ResourceKey seed that does not
// match the compiled-in seed.
func ResourceKeySeedError(title, detail string, errs ...string) *Details {
	return newDetails(503, TypeResourceKeySeedError, title, detail, nil, errs)
}

// TypeIdentityUpdateTooLarge is the type of an identity update refused
// for its cascade's size.
const TypeIdentityUpdateTooLarge = typePrefix + ":data-conflict:identity-update-too-large"

// RetryAfterSeconds is the Retry-After of the 503s for an unreachable
// database: the pool reconnects on the next request, so clients and load
// balancers may come back soon.
const RetryAfterSeconds = 2

// DatabaseUnavailable is the 503 for a request the database could not be
// reached for (nothing was changed), with Retry-After.
func DatabaseUnavailable() *Details {
	return unavailable("The database is unavailable. Nothing was changed; retry the request later.")
}

// CommitOutcomeUnknown is the 503 for a write whose connection to the
// database was lost while it was committing: it may have been applied.
func CommitOutcomeUnknown() *Details {
	return unavailable("The connection to the database was lost while the change was being committed: it may or may not have been applied. " +
		"Read the item before retrying.")
}

func unavailable(detail string) *Details {
	d := newDetails(503, TypeServiceUnavailable, "Service Unavailable", detail, nil, nil)
	d.Headers = map[string]string{"Retry-After": fmt.Sprint(RetryAfterSeconds)}
	return d
}

// IdentityUpdateTooLarge is the 409 for an identity update that would
// cascade into more documents than the deployment's limit (named by
// limitName) allows; nothing was changed.
func IdentityUpdateTooLarge(resourceName string, documents, limit int, limitName string) *Details {
	msg := fmt.Sprintf("Changing the identifying values of this %s item would update %d other items that reference it, "+
		"more than the %d this server allows in one identity update (%s). Nothing was changed.", resourceName, documents, limit, limitName)
	return newDetails(409, TypeIdentityUpdateTooLarge, "Identity Update Too Large", msg, nil, []string{msg})
}
