package spec

// ReferentialIdentity says how to recompute the dms.ReferentialIdentity rows
// of the documents of one concrete resource or descriptor (runtime/refaudit
// audits and repairs them from it).
type ReferentialIdentity struct {
	// Resource names the resource as reports and metrics do: project and
	// resource endpoint, "ed-fi/schools".
	Resource string
	// Table holds one row per document: the resource's root table, or
	// dms.Descriptor for a descriptor (whose rows are then selected by
	// Primary.ResourceKeyID).
	Table      TableName
	Descriptor bool
	// Primary is the document's own identity.
	Primary HashedIdentity
	// Alias is the superclass form of the identity that a subclass document
	// also answers to (School as EducationOrganization); nil otherwise.
	Alias *HashedIdentity
	// Journal is the tracked-change table that records the resource's
	// identity changes; nil when there is none (descriptors, whose identity
	// never changes, and subclasses, whose changes are not journaled per
	// concrete member).
	Journal *TableName
}

// TableName is a schema-qualified table name.
type TableName struct {
	Schema string
	Name   string
}

func (t TableName) String() string { return t.Schema + "." + t.Name }

// HashedIdentity is one referential identity of a document: the resource
// whose name the id hashes and the elements in identityJsonPaths order.
type HashedIdentity struct {
	ProjectName   string // "Ed-Fi"
	ResourceName  string // "School", or "EducationOrganization" for the alias
	ResourceKeyID int16
	Elements      []HashedElement
}

// HashedElement is one identity element: its JSON path (the name in the
// hashed text), the column of ReferentialIdentity.Table holding the value
// and the value's form.
type HashedElement struct {
	Path   string
	Column string
	Form   HashForm
}

// HashForm is how a stored identity value becomes the text a ReferentialId
// hashes (runtime/identity's canonical forms).
type HashForm string

// Hash forms.
const (
	// HashText is a string column, hashed as stored.
	HashText HashForm = "text"
	// HashInteger is an integer column.
	HashInteger HashForm = "integer"
	// HashDecimal is a numeric column, without trailing fraction zeros.
	HashDecimal HashForm = "decimal"
	// HashBoolean is "true" or "false".
	HashBoolean HashForm = "boolean"
	// HashDate is yyyy-MM-dd.
	HashDate HashForm = "date"
	// HashTime is HH:mm:ss with the fraction PostgreSQL's time prints.
	HashTime HashForm = "time"
	// HashDateTime is UTC yyyy-MM-ddTHH:mm:ssZ.
	HashDateTime HashForm = "datetime"
	// HashDescriptorReference is a descriptor's DocumentId; the value is
	// that descriptor's dms.Descriptor.Uri as stored, as the triggers hash
	// it.
	HashDescriptorReference HashForm = "descriptor-reference"
	// HashDescriptorURI is a descriptor's own dms.Descriptor.Uri,
	// lower-cased (identity.DescriptorValue), as the write path hashes it.
	HashDescriptorURI HashForm = "descriptor-uri"
)

// Identities are the identities a document of r owns, primary first.
func (r *ReferentialIdentity) Identities() []*HashedIdentity {
	if r.Alias == nil {
		return []*HashedIdentity{&r.Primary}
	}
	return []*HashedIdentity{&r.Primary, r.Alias}
}

// Name is "Project:Resource", for messages.
func (id *HashedIdentity) Name() string { return id.ProjectName + ":" + id.ResourceName }
