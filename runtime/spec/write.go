package spec

import "github.com/edfi-dmsc/dmsc/runtime/validate"

// WritePlan is the write-path part of a resource plan: how a request body is
// validated and coerced, which references and descriptors it carries, and
// the SQL that loads and writes each of the resource's tables.
type WritePlan struct {
	// Body is jsonSchemaForInsert (with the resource extensions of every
	// extension project merged in) as a pre-split validation tree.
	Body *BodyNode
	// IdentityForms gives, parallel to Resource.Identity, how each identity
	// value is rendered into the referential-id text.
	IdentityForms []ValueForm
	// Equality are the resource's equalityConstraints.
	Equality []EqualityConstraint
	// Uniqueness are the resource's arrayUniquenessConstraints.
	Uniqueness []UniquenessConstraint
	// References are the document references in relmodel.Resource.References
	// order (Column.Reference indexes them).
	References []ReferencePlan
	// Descriptors are the descriptor values the document may carry, one per
	// descriptor column that reads a JSON value.
	Descriptors []DescriptorPlan
	// Tables hold, parallel to Resource.Tables, the table-level SQL.
	Tables []TableWrite
	// Descriptor is set for descriptor resources, which are stored in
	// dms.Descriptor instead of Tables.
	Descriptor *DescriptorWrite
	// CascadeCount is set for resources that allow identity updates: run in
	// the transaction of an identity update after its DML, it counts the
	// other documents the change cascaded into (ON UPDATE CASCADE through
	// references, and on through referrers whose identity includes the
	// reference). It counts the root rows, in every resource the change can
	// reach, whose ContentVersion mirror moved past the StampFloorSetting
	// and that this transaction wrote: one index range scan per resource on
	// IX_{Root}_ContentVersion. $1 is the updated document's DocumentId.
	CascadeCount string
}

// StampFloorSetting is the transaction-local setting an identity update
// sets, before its DML, to a ChangeVersionSequence value below every stamp
// the transaction will write (see WritePlan.CascadeCount).
const StampFloorSetting = "dmsc.stamp_floor"

// BodyKind is the JSON type a schema node requires.
type BodyKind uint8

// BodyNode kinds.
const (
	BodyObject BodyKind = iota
	BodyArray
	BodyString
	BodyInteger
	BodyNumber
	BodyBoolean
	// bodyKinds counts the kinds: Check refuses any value from it on.
	bodyKinds
)

// Format is a string format the schema requires.
type Format uint8

// Formats.
const (
	NoFormat Format = iota
	DateFormat
	DateTimeFormat
	TimeFormat
	// formats counts the formats: Check refuses any value from it on.
	formats
)

// BodyNode is one schema node of a request body.
type BodyNode struct {
	Kind BodyKind
	// Properties of an object node, in schema "properties" order.
	Properties []BodyProperty
	// Required names an object's required properties in schema order.
	Required []string
	// Items is an array's item schema.
	Items *BodyNode
	// MinItems of an array; 0 when absent.
	MinItems int
	// MinLength and MaxLength of a string; -1 when absent.
	MinLength, MaxLength int
	Pattern              validate.Pattern
	Format               Format
	// Int32 marks an integer with format int32 (a 32-bit column).
	Int32 bool
	// Minimum and Maximum of a number as JSON number text; "" when absent.
	Minimum, Maximum string
	// Decimal is the precision rule from decimalPropertyValidationInfos.
	Decimal *DecimalRule
	// TrimText marks a descriptor's codeValue and shortDescription, whose
	// outer whitespace is trimmed rather than rejected.
	TrimText bool
}

// BodyProperty is one named member of an object node.
type BodyProperty struct {
	Name string
	Node *BodyNode
}

// DecimalRule bounds a decimal property.
type DecimalRule struct {
	TotalDigits, DecimalPlaces int
	// Path is the property's wildcard path as the schema writes it.
	Path string
}

// ValueForm says how a JSON value becomes its canonical text (the form
// written into identities and compared with stored rows).
type ValueForm uint8

// Value forms.
const (
	StringForm ValueForm = iota
	IntegerForm
	DecimalForm
	BooleanForm
	DateForm
	DateTimeForm
	TimeForm
	// DescriptorForm is a descriptor URI. It is hashed as written: the
	// referential-identity triggers hash the stored dms.Descriptor.Uri.
	DescriptorForm
	// valueForms counts the forms: Check refuses any value from it on.
	valueForms
)

// EqualityConstraint requires every value at Source and Target to be
// equal.
type EqualityConstraint struct {
	SourcePath, TargetPath   string
	SourceSteps, TargetSteps []string
}

// UniquenessConstraint requires the items of one array to differ in the
// values at ItemSteps. A nested constraint (an array inside the items of
// another) is flattened: its ArraySteps pass through the outer array's
// "[*]", and it is checked per outer item.
type UniquenessConstraint struct {
	// ArraySteps locate the array from the document root; "[*]" steps
	// expand outer arrays.
	ArraySteps []string
	// ItemSteps locate each compared value inside an item.
	ItemSteps [][]string
	// EachPathAlone compares the items by each ItemSteps value on its own
	// rather than by all of them together: the reference checks the paths
	// of a nested constraint one by one, so an item repeating any one of
	// them repeats an earlier item. Per outer item, the first path (in
	// order) with a repeat is reported.
	EachPathAlone bool
}

// ReferencePlan is one document reference site.
type ReferencePlan struct {
	// Table is the index in Resource.Tables of the table storing it.
	Table int
	// ObjectSteps locate the reference object relative to the table scope.
	ObjectSteps []string
	// FKColumn is the index in the table's Columns of its DocumentId column.
	FKColumn int
	// Target names the referenced resource (abstract or concrete) and its
	// resource key: a resolved id must carry that key.
	TargetProject, TargetResource string
	TargetResourceKeyID           int16
	// Elements are the reference's identity values in referenceJsonPaths
	// order.
	Elements []ReferenceElement
}

// ReferenceElement is one identity value of a reference.
type ReferenceElement struct {
	// IdentityPath is the target's identity path ("$.schoolId").
	IdentityPath string
	// Steps locate the value inside the reference object.
	Steps []string
	Form  ValueForm
}

// DescriptorPlan is one descriptor value site.
type DescriptorPlan struct {
	Table  int
	Column int // index in the table's Columns of the descriptor id column
	// Steps locate the URI relative to the table scope.
	Steps                   []string
	Project, Resource       string
	DescriptorResourceKeyID int16
}

// TableWrite is the SQL of one table. Every statement takes text (or text
// array) parameters and casts them, and every loaded value is canonical
// text, so rows compare as strings.
type TableWrite struct {
	// Stored are the indices in Table.Columns of the columns the engine
	// writes (no alias and no trigger-maintained columns), in parameter
	// order of Insert and Update.
	Stored []int
	// Key is the index in Stored of the row key (DocumentId of root and
	// root-extension rows, CollectionItemId of collection rows,
	// BaseCollectionItemId of collection-extension scope rows).
	Key int
	// ParentKey is the index in Stored of the column holding the parent
	// row's key (-1 for the root table, and for scope tables whose key is
	// the parent key).
	ParentKey int
	// Ordinal is the index in Stored of the Ordinal column, -1 if none.
	Ordinal int
	// Semantic are the indices in Stored of the semantic identity columns.
	Semantic []int
	// Load is the head of the three loads below (see LoadStatements): the
	// select of the stored columns as canonical text, up to the documents
	// it selects; LoadOrder orders the rows by Ordinal when present ("" or
	// "\nORDER BY t.<the Ordinal column>").
	Load, LoadOrder string
	// LoadByUUID and LoadByReferentialID select the stored columns of a
	// document's rows as canonical text, ordered by Ordinal when present;
	// $1 is the DocumentUuid or the document's ReferentialId.
	LoadByUUID, LoadByReferentialID string
	// LoadByDocumentIDs is the same for the documents whose DocumentIds
	// are $1 (a bigint[]): a bulk load reads the documents of a batch that
	// exist already at once. A row's document is its first DocumentId
	// column.
	LoadByDocumentIDs string
	// Insert inserts rows: one text[] parameter per stored column.
	Insert string
	// Update updates rows by key: one text[] parameter per stored column.
	Update string
	// Delete deletes rows by key: $1 is a text[] of keys.
	Delete string
	// ShiftOrdinals moves the ordinals of the rows with keys $1 (text[]) out
	// of the way (negative) before renumbering.
	ShiftOrdinals string
}

// DescriptorWrite is the write plan of a descriptor resource.
type DescriptorWrite struct {
	// Discriminator is stored in dms.Descriptor ("Ed-Fi:GradeLevelDescriptor").
	Discriminator string
}
