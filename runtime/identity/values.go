package identity

import (
	"errors"
	"strconv"
	"strings"

	"github.com/edfi-dmsc/dmsc/runtime/validate"
)

// The canonical text of an identity value, per schema type. These match
// both the reference's Core (which hashes the JSON value's text after
// request coercion) and the reference's dms.uuidv5 trigger expressions
// (PostgreSQL ::text, to_char for date-times, trailing-zero trimming for
// decimals), so a ReferentialId computed here equals the one the database
// computes from stored columns.
//
//	string      the string as sent (case preserved, no trimming)
//	integer     decimal digits with '-' for negatives: Int
//	decimal     fixed point, no trailing fraction zeros: Decimal
//	boolean     "true" / "false": Bool
//	date        "yyyy-MM-dd", as validated
//	time        "HH:mm:ss[.ffffff]" as PostgreSQL prints a time: Time
//	date-time   "yyyy-MM-ddTHH:mm:ssZ" in UTC: DateTime
//	descriptor  the URI lower-cased: DescriptorValue

// Int returns the canonical text of an integer identity value.
func Int(n int64) string { return strconv.FormatInt(n, 10) }

// Bool returns the canonical text of a boolean identity value.
func Bool(b bool) string { return strconv.FormatBool(b) }

// Time returns the canonical text of a validated time identity value the
// way PostgreSQL's time::text prints the stored column: "08:00:00" stays,
// "08:00:00.500" becomes "08:00:00.5" and an offset is dropped (a time
// column has none). The reference's Core hashes the text as sent, which
// differs only for those two inputs; matching the database keeps the ids
// that triggers recompute equal to the ones computed here.
func Time(s string) string {
	end := len(s)
	if i := strings.IndexAny(s, "Zz+-"); i >= 0 {
		end = i
	}
	t := s[:end]
	if strings.IndexByte(t, '.') >= 0 {
		t = strings.TrimRight(strings.TrimRight(t, "0"), ".")
	}
	return t
}

// DateTime returns the canonical text of a date-time identity value: UTC
// "yyyy-MM-ddTHH:mm:ssZ", as the reference's request coercion writes it and
// its triggers print the stored column. A value that does not parse is
// returned unchanged (validation rejects it first).
func DateTime(s string) string {
	out, _ := validate.NormalizeDateTime(s)
	return out
}

// Decimal returns the canonical text of a decimal identity value given as
// JSON number text ("1.50" → "1.5", "2.00" → "2", "1e2" → "100",
// "-0.0" → "0"). Text that is not a number is returned unchanged, as the
// reference does.
func Decimal(jsonNumber string) string { return validate.CanonicalDecimal(jsonNumber) }

// DescriptorValue returns the identity value of a descriptor reference: the
// whole URI lower-cased (Unicode simple case mapping), so references match
// descriptors case-insensitively.
func DescriptorValue(uri string) string {
	for i := 0; i < len(uri); i++ {
		if c := uri[i]; c >= 0x80 || ('A' <= c && c <= 'Z') {
			return strings.ToLower(uri)
		}
	}
	return uri
}

// IsDescriptorPath reports whether identity values at identityJsonPath are
// descriptor URIs, which the reference lower-cases (DescriptorValue) before
// hashing: the synthetic "$.descriptor" and every path ending in
// "Descriptor" (e.g. "$.programReference.programTypeDescriptor" in an
// association's identity). The generator uses it to pick the value form.
func IsDescriptorPath(identityJsonPath string) bool {
	return identityJsonPath == DescriptorPath ||
		strings.HasSuffix(identityJsonPath, "Descriptor") ||
		strings.HasSuffix(identityJsonPath, "Descriptor]")
}

// DescriptorDocumentValue returns the identity value of a descriptor
// document from its namespace and codeValue: lower(namespace) + "#" +
// lower(codeValue), the same text DescriptorValue gives for its URI.
func DescriptorDocumentValue(namespace, codeValue string) string {
	return DescriptorValue(namespace) + "#" + DescriptorValue(codeValue)
}

// DescriptorURI returns the URI of a descriptor: namespace + "#" + codeValue.
func DescriptorURI(namespace, codeValue string) string { return namespace + "#" + codeValue }

// Descriptor URI errors.
var (
	ErrDescriptorURINoSeparator = errors.New("descriptor URI has no '#' between namespace and codeValue")
	ErrDescriptorURIEmptyPart   = errors.New("descriptor URI has an empty namespace or codeValue")
	ErrDescriptorURINUL         = errors.New("descriptor URI contains a NUL character")
)

// SplitDescriptorURI splits "namespace#codeValue" at the first '#'
// (namespaces are URIs without a fragment; a codeValue may itself contain
// '#'). It rejects a URI without '#', with an empty part, or containing
// U+0000 (which the database cannot store).
func SplitDescriptorURI(uri string) (namespace, codeValue string, err error) {
	if strings.IndexByte(uri, 0) >= 0 {
		return "", "", ErrDescriptorURINUL
	}
	namespace, codeValue, ok := strings.Cut(uri, "#")
	if !ok {
		return "", "", ErrDescriptorURINoSeparator
	}
	if namespace == "" || codeValue == "" {
		return "", "", ErrDescriptorURIEmptyPart
	}
	return namespace, codeValue, nil
}
