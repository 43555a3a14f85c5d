// Package identity computes Ed-Fi ReferentialIds: the deterministic UUIDs
// that name a document identity (and each reference to one) in
// dms.ReferentialIdentity.
//
// A ReferentialId is a UUIDv5 (RFC 4122, SHA-1) in the namespace
// edf1edf1-3df1-3df1-3df1-3df1edf1edf1 over the UTF-8 text
//
//	ProjectName + ResourceName + join("#", identityJsonPath + "=" + value)
//
// e.g. "Ed-FiStudent$.studentUniqueId=604822" or
// "Ed-FiStudentSchoolAssociation$.entryDate=2024-08-01#$.schoolReference.schoolId=255901#$.studentReference.studentUniqueId=604822".
// The identity elements come in identityJsonPaths order, and the values in
// the canonical text forms of values.go, which are also what the database's
// dms.uuidv5 triggers produce from stored columns. A descriptor's identity
// is the single element "$.descriptor=" + its lower-cased URI.
//
// A reference names its target by the target's identity: project and
// resource of the referenced resource (for an abstract target such as
// EducationOrganization, the abstract resource, which concrete subclass
// documents answer through their superclass alias id, see superclass.go),
// and each identity element under the target's identity path (a
// schoolReference.schoolId value becomes "$.schoolId=…") in the order of the
// reference's referenceJsonPaths.
package identity

import (
	"crypto/sha1"

	"github.com/google/uuid"
)

// Namespace is the Ed-Fi UUIDv5 namespace for ReferentialIds.
var Namespace = uuid.MustParse("edf1edf1-3df1-3df1-3df1-3df1edf1edf1")

// DescriptorPath is the synthetic identity path of every descriptor.
const DescriptorPath = "$.descriptor"

// Element is one identity path and its canonical value text.
type Element struct {
	Path  string
	Value string
}

// ReferentialID returns the ReferentialId of an identity of resource
// resourceName in project projectName (e.g. "Ed-Fi", "Student").
func ReferentialID(projectName, resourceName string, elements ...Element) uuid.UUID {
	size := len(Namespace) + len(projectName) + len(resourceName)
	for _, e := range elements {
		size += len(e.Path) + len(e.Value) + 2
	}
	b := Builder{buf: make([]byte, 0, size)}
	b.Start(projectName, resourceName)
	for _, e := range elements {
		b.Add(e.Path, e.Value)
	}
	return b.Sum()
}

// DescriptorReferentialID returns the ReferentialId of a descriptor of
// resource descriptorResource (e.g. "GradeLevelDescriptor") with the given
// URI ("uri://ed-fi.org/GradeLevelDescriptor#First grade"), in any case.
func DescriptorReferentialID(projectName, descriptorResource, uri string) uuid.UUID {
	var b Builder
	b.Start(projectName, descriptorResource)
	b.Add(DescriptorPath, DescriptorValue(uri))
	return b.Sum()
}

// Builder computes ReferentialIds without allocating once its buffer has
// grown: Start, Add each identity element in order, Sum. A Builder may be
// reused for any number of ids; it is not safe for concurrent use.
type Builder struct {
	buf      []byte // namespace bytes followed by the UTF-8 name text
	elements int
}

// Start begins the id of an identity of projectName/resourceName.
//
// Not inlined: generated code calls it at many sites (binary size).
//
//go:noinline
func (b *Builder) Start(projectName, resourceName string) {
	b.buf = append(b.buf[:0], Namespace[:]...)
	b.buf = append(b.buf, projectName...)
	b.buf = append(b.buf, resourceName...)
	b.elements = 0
}

// Add appends the next identity element "path=value" (value already in
// canonical form; see values.go).
//
// Not inlined: generated code calls it at many sites (binary size).
//
//go:noinline
func (b *Builder) Add(path, value string) {
	if b.elements > 0 {
		b.buf = append(b.buf, '#')
	}
	b.buf = append(b.buf, path...)
	b.buf = append(b.buf, '=')
	b.buf = append(b.buf, value...)
	b.elements++
}

// Name returns the text that Sum hashes (after the namespace), for logs and
// tests; "" before Start.
func (b *Builder) Name() string {
	if len(b.buf) < len(Namespace) {
		return ""
	}
	return string(b.buf[len(Namespace):])
}

// Sum returns the UUIDv5 of the name built so far.
func (b *Builder) Sum() uuid.UUID {
	h := sha1.Sum(b.buf)
	var id uuid.UUID
	copy(id[:], h[:16])
	id[6] = (id[6] & 0x0f) | 0x50 // version 5
	id[8] = (id[8] & 0x3f) | 0x80 // RFC 4122 variant
	return id
}
