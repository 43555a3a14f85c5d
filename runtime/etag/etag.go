// Package etag composes Ed-Fi `_etag` values and evaluates If-Match /
// If-None-Match preconditions (design: update-tracking.md, "Serving API
// metadata" and "ETag preconditions").
//
// A tag is `{ContentVersion}-{variantKey}` where variantKey is
// `{schemaEpoch}.{format}.{profileCode}.{linkFlag}.{contentCoding}`. The tag
// is composed from the stored ContentVersion and the request's
// representation selectors; documents are never hashed.
package etag

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"

	"github.com/edfi-dmsc/dmsc/runtime/problem"
)

// Format codes of the response media type.
const FormatJSON = 'j'

// Content-coding codes of the response.
const (
	CodingIdentity = 'i'
	CodingBrotli   = 'b'
	CodingGzip     = 'g'
)

// NoProfile is the profileCode when no readable profile applies.
const NoProfile = "_"

// Variant holds the representation selectors of one served representation.
type Variant struct {
	SchemaEpoch   string // first 8 lowercase hex characters of EffectiveSchemaHash
	Format        byte   // FormatJSON
	ProfileCode   string // NoProfile or ProfileCode(name)
	Links         bool   // whether reference `link` objects are served
	ContentCoding byte   // CodingIdentity, CodingBrotli or CodingGzip
}

// SchemaEpoch is the schemaEpoch component for an EffectiveSchemaHash.
func SchemaEpoch(effectiveSchemaHash string) string {
	h := strings.ToLower(effectiveSchemaHash)
	if len(h) > 8 {
		h = h[:8]
	}
	return h
}

// DefaultVariant is the JSON, profile-less, identity-coded variant with links
// on or off: the variant of every write response and of reads without
// profiles or compression.
func DefaultVariant(effectiveSchemaHash string, links bool) Variant {
	return Variant{SchemaEpoch: SchemaEpoch(effectiveSchemaHash), Format: FormatJSON, ProfileCode: NoProfile, Links: links, ContentCoding: CodingIdentity}
}

// ProfileCode is the profileCode of a readable profile: the first 8 hex
// characters of SHA-256 over the profile name's UTF-8 bytes.
func ProfileCode(profileName string) string {
	sum := sha256.Sum256([]byte(profileName))
	return hex.EncodeToString(sum[:4])
}

// Key is the variantKey text.
func (v Variant) Key() string {
	link := byte('n')
	if v.Links {
		link = 'l'
	}
	return v.SchemaEpoch + "." + string(v.Format) + "." + v.ProfileCode + "." + string(link) + "." + string(v.ContentCoding)
}

// Tag is the `_etag` body value for a document at contentVersion.
func (v Variant) Tag(contentVersion int64) string {
	return strconv.FormatInt(contentVersion, 10) + "-" + v.Key()
}

// Header quotes a tag for the ETag response header (never weak).
func Header(tag string) string { return `"` + tag + `"` }

// LastModified formats ContentLastModifiedAt as `_lastModifiedDate`: UTC,
// whole seconds (fractions truncated, not rounded), `yyyy-MM-ddTHH:mm:ssZ`.
func LastModified(t time.Time) string {
	return t.UTC().Truncate(time.Second).Format("2006-01-02T15:04:05Z")
}

// EntityTag is one member of an If-Match / If-None-Match list.
type EntityTag struct {
	Weak   bool
	Opaque string // the tag without quotes or W/
}

// Condition is a parsed If-Match or If-None-Match header.
type Condition struct {
	Present  bool        // the header was sent
	Wildcard bool        // the header is the bare, unquoted `*`
	Tags     []EntityTag // the listed tags otherwise
}

// Parse parses an If-Match / If-None-Match value. A bare `*` is the
// wildcard; a quoted "*" is an ordinary tag. Unquoted members are accepted as
// if quoted (legacy ODS/API clients send them).
func Parse(header string) Condition {
	h := strings.TrimSpace(header)
	if h == "" {
		return Condition{}
	}
	if h == "*" {
		return Condition{Present: true, Wildcard: true}
	}
	c := Condition{Present: true}
	for _, m := range splitList(h) {
		m = strings.TrimSpace(m)
		if m == "" {
			continue
		}
		weak := false
		if strings.HasPrefix(m, "W/") {
			weak, m = true, m[2:]
		}
		if len(m) >= 2 && m[0] == '"' && m[len(m)-1] == '"' {
			m = m[1 : len(m)-1]
		}
		c.Tags = append(c.Tags, EntityTag{Weak: weak, Opaque: m})
	}
	return c
}

// splitList splits on commas outside quoted strings.
func splitList(h string) []string {
	var parts []string
	start, quoted := 0, false
	for i := 0; i < len(h); i++ {
		switch h[i] {
		case '"':
			quoted = !quoted
		case ',':
			if !quoted {
				parts = append(parts, h[start:i])
				start = i + 1
			}
		}
	}
	return append(parts, h[start:])
}

// stateOf splits a tag into its state-significant projection:
// (ContentVersion, schemaEpoch). ok is false for text not shaped like a tag.
func stateOf(tag string) (contentVersion, epoch string, ok bool) {
	dash := strings.IndexByte(tag, '-')
	if dash <= 0 {
		return "", "", false
	}
	rest := tag[dash+1:]
	if dot := strings.IndexByte(rest, '.'); dot >= 0 {
		rest = rest[:dot]
	}
	return tag[:dash], rest, true
}

// NotModified reports whether a GET's If-None-Match matches the served tag
// (weak comparison over the full tag, or `*` for an existing document): the
// answer is then 304 with the current ETag.
func NotModified(ifNoneMatch Condition, servedTag string) bool {
	if ifNoneMatch.Wildcard {
		return true
	}
	for _, t := range ifNoneMatch.Tags {
		if t.Opaque == servedTag {
			return true
		}
	}
	return false
}

// Outcome is the result of evaluating write preconditions.
type Outcome int

// Outcomes of Write.Evaluate.
const (
	Proceed         Outcome = iota // no precondition fails
	Mismatch                       // If-Match names another state: 412
	TargetMissing                  // If-Match on a target with no current representation: 412
	NoneMatchFailed                // If-None-Match matches the current state (or `*` and it exists): 412
)

// Problem is the 412 body for a failed outcome, nil for Proceed.
func (o Outcome) Problem() *problem.Details {
	switch o {
	case Mismatch:
		return problem.PreconditionFailed()
	case TargetMissing:
		return problem.PreconditionTargetMissing()
	case NoneMatchFailed:
		return problem.IfNoneMatchFailed()
	}
	return nil
}

// Write holds a write request's preconditions.
type Write struct {
	IfMatch     Condition
	IfNoneMatch Condition
}

// Present reports whether any precondition was sent.
func (w Write) Present() bool { return w.IfMatch.Present || w.IfNoneMatch.Present }

// Evaluate checks the preconditions against the target's current state.
// exists reports whether the target has a current representation and
// contentVersion is its stored ContentVersion; schemaEpoch is the server's.
//
// Only ContentVersion and schemaEpoch are compared for writes; format,
// profile, link and coding components are ignored. If-Match uses strong
// comparison (a W/ tag never matches) and wins over If-None-Match.
//
// PUT and DELETE answer 404 for a missing document before calling Evaluate,
// except under `If-Match: *`, where the answer is 412 (TargetMissing).
func (w Write) Evaluate(exists bool, contentVersion int64, schemaEpoch string) Outcome {
	cv := strconv.FormatInt(contentVersion, 10)
	if w.IfMatch.Present {
		if !exists {
			return TargetMissing
		}
		if w.IfMatch.Wildcard {
			return Proceed
		}
		for _, t := range w.IfMatch.Tags {
			if t.Weak {
				continue
			}
			if tcv, tep, ok := stateOf(t.Opaque); ok && tcv == cv && tep == schemaEpoch {
				return Proceed
			}
		}
		return Mismatch
	}
	if w.IfNoneMatch.Present && exists {
		if w.IfNoneMatch.Wildcard {
			return NoneMatchFailed
		}
		for _, t := range w.IfNoneMatch.Tags {
			if tcv, tep, ok := stateOf(t.Opaque); ok && tcv == cv && tep == schemaEpoch {
				return NoneMatchFailed
			}
		}
	}
	return Proceed
}
