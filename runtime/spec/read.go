package spec

// ReadPlan is the read-path part of a resource plan: hydration of a
// document's rows, the shape its JSON is reconstituted in, query fields
// and the delete statements. Every SQL text is computed by the compiler.
//
// Hydration reads every table of the resource in one pipelined batch. Each
// table's select list starts with three bigint locator columns (see
// ReadTable) followed by ReadTable.Values; the root table's starts with the
// dms.Document columns instead.
//
// A GET page selects the page's DocumentIds once, with a statement walking
// the root table's DocumentId order (or a query field's index) that stores
// them in the transaction-local setting PageIDsSetting; every table's Page
// statement then reads its rows through PageIDs with an index lookup per
// id. An IN (subquery) per table instead lets PostgreSQL join whole tables
// before the LIMIT applies, which makes a page cost O(table).
type ReadPlan struct {
	// Tables hydrate a document: for a relational resource parallel to
	// Resource.Tables (root first); for a descriptor one table over
	// dms.Descriptor.
	Tables []*ReadTable
	// Document lists the members of the document object (other than id,
	// _etag and _lastModifiedDate) in output order.
	Document []*Node
	// QueryFields are the resource's queryFieldMapping entries in schema
	// order.
	QueryFields []*QueryField
	// PageFrom is the FROM clause a page of document ids is selected from
	// (and a total count counted over), the root table (or dms.Descriptor)
	// aliased r; PageWhere is its fixed condition ("" when none).
	// Query-field predicates are ANDed to it.
	PageFrom  string
	PageWhere string
	// DeleteRoot deletes the root row (or dms.Descriptor row) of the
	// document with DocumentUuid $1 and returns its ContentVersion (no row:
	// 404); DeleteDocument, pipelined after it in the same transaction,
	// removes the dms.Document row ($1 = DocumentUuid, restricted to the
	// resource's key so an id of another resource deletes nothing).
	DeleteRoot     string
	DeleteDocument string
	// LockDocument selects (FOR UPDATE) the ContentVersion of the document
	// with DocumentUuid $1 of this resource; a delete under If-Match reads
	// it before deleting.
	LockDocument string
	// Referrers name the resources whose tables may reference a document of
	// this resource, for the 409 of a delete that a foreign key refuses.
	Referrers []Referrer
}

// PageIDsSetting is the transaction-local setting (set_config(..., true))
// that holds the DocumentIds of the page being read, as an array literal.
const PageIDsSetting = "dmsc.page_ids"

// PageIDs is the SQL expression, of type bigint[], of the page's
// DocumentIds. PostgreSQL evaluates it once per statement and looks each
// id up in an index; it cannot turn it into a join.
const PageIDs = `current_setting('` + PageIDsSetting + `')::bigint[]`

// ReadTable hydrates one table.
//
// Select lists: the root table selects d.DocumentId, d.DocumentUuid,
// d.ContentVersion, d.ContentLastModifiedAt (from dms.Document d) then the
// values; any other table selects its root document id, its row key
// (CollectionItemId, or the key it shares with its base row) and its
// parent's key (the root document id, ParentCollectionItemId or
// BaseCollectionItemId) then the values.
type ReadTable struct {
	// Select is what ByID and Page share: the selected columns, the table
	// and its joins. ByIDFilter and PageFilter complete it into ByID and
	// Page (ByID = Select + ByIDFilter); a generated plan carries these
	// three, and the generated package completes ByID and Page when it
	// initializes (Schema.CompleteStatements).
	Select, ByIDFilter, PageFilter string
	// ByID selects the table's rows of the document whose DocumentUuid is
	// $1, ordered by parent key then Ordinal.
	ByID string
	// Page selects, in the same order, the table's rows of the documents
	// whose DocumentIds PageIDs holds (no parameters). A nested table's
	// rows are found through its ancestors' keys, which the DDL indexes
	// (it does not index their root document id).
	Page string
	// Parent is the index of the parent table in Tables (-1 for the root).
	Parent int
	// OneToOne marks extension scope tables: at most one row per parent
	// row, keyed like the parent (its key equals the parent's key).
	OneToOne bool
	// Values are the selected value columns after the locators.
	Values []ReadValue
}

// ReadValue is one selected value.
type ReadValue struct {
	// Column is the physical column (for descriptors the *_DescriptorId
	// column whose dms.Descriptor.Uri is selected).
	Column string
	// Type says how the selected value is written: decimals and times are
	// selected as text, descriptor URIs as StringType; NoType marks the
	// DocumentUuid and ResourceKeyId of a reference link.
	Type ScalarType
}

// NodeKind is the JSON shape of a Node.
type NodeKind uint8

// Node kinds.
const (
	// ScalarNode writes one value.
	ScalarNode NodeKind = iota
	// ObjectNode writes an object of Members, omitted when none of them
	// has a value.
	ObjectNode
	// ArrayNode writes one object of Members per row of Table, omitted
	// when there is no row.
	ArrayNode
	// LinkNode writes a reference's `link` {rel, href} when the served
	// variant has links: Value is the referenced DocumentUuid and Value+1
	// its ResourceKeyId (both from a join on dms.Document), and Targets
	// give rel and the href path per concrete ResourceKeyId.
	LinkNode
	// nodeKinds counts the kinds: Check refuses any value from it on.
	nodeKinds
)

// Node is one member of the reconstituted document.
type Node struct {
	Name string
	Kind NodeKind
	// Table is, for a ScalarNode, the table holding the value; for an
	// ArrayNode, the table whose rows are the items; for an ObjectNode, the
	// one-to-one extension table it opens, or -1.
	Table int
	// Value indexes ReadTable.Values of Table (ScalarNode). Alternates are
	// further values at the same JSON path (key-unification aliases of
	// several references): the first non-null one is written.
	Value      int
	Alternates []int
	// Type is the scalar's type (ScalarNode).
	Type ScalarType
	// Members of an object or of each array item, in output order.
	Members []*Node
	// Targets are the resources a LinkNode's reference may point at: the
	// target, or the concrete members of an abstract target.
	Targets []LinkTarget
}

// LinkTarget is one resource a reference link may name.
type LinkTarget struct {
	ResourceKeyID int16
	Rel           string // resource name, "School"
	Path          string // href without the id, "/ed-fi/schools/"
}

// QueryField is one queryFieldMapping entry.
type QueryField struct {
	// Name is the query parameter name (matched case-insensitively).
	Name string
	// Type is the mapping's type: string, number, boolean, date,
	// date-time or time; the parameter is validated against it.
	Type string
	// JSONPath is the first mapped path, the key of validation errors.
	JSONPath string
	// Param is how the parameter value is bound: the column's type, or
	// StringType for descriptor URIs and NoType for the document id.
	Param ScalarType
	// DescriptorProject and DescriptorResource are set for a descriptor
	// field: the parameter is then the ReferentialId of the URI (matched
	// case-insensitively, as references resolve).
	DescriptorProject  string
	DescriptorResource string
	// Predicate is the condition over the page's FROM with the parameter
	// placeholder omitted: the parts are joined with "$n".
	Predicate []string
}

// Referrer is a table that may hold a reference to a document of the
// resource, with the name of the resource owning it.
type Referrer struct {
	Schema   string
	Table    string
	Resource string
}
