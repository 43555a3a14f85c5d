package spec

// Schema is the compiled schema set a server serves.
type Schema struct {
	EffectiveSchemaHash    string
	APISchemaFormatVersion string
	// ResourceKeySeedHash is the lowercase hex SHA-256 of the seed list.
	ResourceKeySeedHash string
	ResourceKeys        []ResourceKey
	Projects            []Project
	// Resources in (project name, resource name) order: concrete resources
	// and descriptors; abstract resources have no endpoints.
	Resources []*Resource
	// ReferentialIdentity says, for the same resources, how their
	// dms.ReferentialIdentity rows are recomputed (the integrity watchdog).
	ReferentialIdentity []ReferentialIdentity
	// AuthViews names the people authorization views the schema's DDL
	// creates, unqualified and sorted ("EducationOrganizationIdToStudentDocumentId"):
	// a relationship strategy that needs a view the schema lacks is a
	// security configuration error, not a silent empty answer.
	AuthViews []string
}

// ResourceKey is one dms.ResourceKey seed row.
type ResourceKey struct {
	ID           int16
	ProjectName  string
	ResourceName string
	Version      string
	IsAbstract   bool
}

// Project is one ApiSchema project (a data model).
type Project struct {
	EndpointName string // URL segment, "ed-fi"
	ProjectName  string // "Ed-Fi"
	Version      string
	IsExtension  bool
	Description  string
	// SchemaFile is the base name of the ApiSchema file the project was
	// compiled from ("ApiSchema.json"); generated file headers name it.
	SchemaFile string
}

// Resource is the plan of one concrete resource or descriptor.
type Resource struct {
	ProjectEndpoint string // "ed-fi"
	ProjectName     string // "Ed-Fi"
	Endpoint        string // "schools"
	Name            string // "School"
	ResourceKeyID   int16
	IsDescriptor    bool
	// AllowIdentityUpdates permits PUT to change the natural key.
	AllowIdentityUpdates bool
	// Identity lists identityJsonPaths in schema order; the referential id
	// of a document is computed over them.
	Identity []IdentityPart
	// Superclass is set for subclasses of an abstract resource (School of
	// EducationOrganization): the document also answers to the superclass's
	// referential id.
	Superclass *Superclass
	// Tables are the resource's tables in model order: the root first, a
	// parent scope always before its children. Empty for descriptors.
	Tables []*Table
	// Write and Read hold the write-path and read-path plans.
	Write *WritePlan
	Read  *ReadPlan
	// Changes is the Change Queries plan (the live window always, the
	// /deletes and /keyChanges statements when the resource is tracked).
	Changes *ChangePlan
	// Namespace is set when the resource has Namespace securable elements
	// (authorization by the NamespaceBased strategy).
	Namespace *NamespaceAuthorization
	// Relationships is set when the resource has EducationOrganization,
	// Student, Staff or Contact securable elements on its root table
	// (authorization by the relationship-based strategies).
	Relationships *RelationshipAuthorization
	// EducationOrganization is set for the concrete subclasses of the
	// abstract EducationOrganization (School, LocalEducationAgency): the
	// root-table columns /oauth/token_info describes the client's
	// education organizations from.
	EducationOrganization *EducationOrganizationColumns
}

// EducationOrganizationColumns are the root-table columns of a concrete
// EducationOrganization holding its education organization id (the
// identity the superclass renames to $.educationOrganizationId) and its
// $.nameOfInstitution.
type EducationOrganizationColumns struct {
	ID   string
	Name string
}

// Label names the resource in metrics and logs ("ed-fi/schools"), as the
// server's request labels do.
func (r *Resource) Label() string { return r.ProjectEndpoint + "/" + r.Endpoint }

// IdentityPart is one element of a document identity.
type IdentityPart struct {
	// JSONPath is the identityJsonPath as the schema writes it
	// ("$.schoolReference.schoolId"); it is also the name of the element in
	// the referential-id text.
	JSONPath string
	// Steps are JSONPath's property names ("schoolReference", "schoolId").
	Steps []string
	// Column is the root-table column that stores the value (a binding
	// column for reference-sourced parts).
	Column string
}

// Superclass describes the abstract resource a subclass belongs to.
type Superclass struct {
	ProjectName   string
	ResourceName  string
	ResourceKeyID int16
	// IdentityRename maps the subclass's identity path to the superclass's
	// ("$.schoolId" → "$.educationOrganizationId"); empty for associations,
	// whose identity is kept as is.
	IdentityRenameFrom string
	IdentityRenameTo   string
}

// TableKind is the structural role of a table.
type TableKind uint8

// Table kinds.
const (
	// RootTable holds one row per document, keyed by DocumentId.
	RootTable TableKind = iota
	// CollectionTable holds one row per array item, keyed by CollectionItemId.
	CollectionTable
	// RootExtensionTable holds a document's `_ext.{project}` scalars, keyed
	// by DocumentId.
	RootExtensionTable
	// CollectionExtensionScopeTable holds `_ext.{project}` of a collection
	// item, keyed by the base item's CollectionItemId (BaseCollectionItemId).
	CollectionExtensionScopeTable
	// ExtensionCollectionTable holds an array inside an extension scope.
	ExtensionCollectionTable
	// tableKinds counts the kinds: Check refuses any value from it on.
	tableKinds
)

// Table is one table of a resource.
type Table struct {
	Schema string // physical schema, "edfi"
	Name   string // "SchoolAddress"
	// Scope is the table's canonical JSON scope ("$", "$.addresses[*]",
	// "$._ext.sample", "$.addresses[*]._ext.sample").
	Scope string
	// ScopeSteps is Scope split into steps relative to the parent table's
	// scope: property names, with "[*]" marking an array step.
	ScopeSteps []string
	Kind       TableKind
	// Parent is the index of the parent table in Resource.Tables; -1 for
	// the root.
	Parent int
	// Columns are the physical columns in DDL order.
	Columns []*Column
	// SemanticIdentity lists the columns that identify an item among its
	// siblings (collection tables); writes merge by it.
	SemanticIdentity []string
}

// ColumnKind says where a column's value comes from.
type ColumnKind uint8

// Column kinds.
const (
	// DocumentIDColumn is the owning document's id (root DocumentId, or a
	// collection's {Root}_DocumentId).
	DocumentIDColumn ColumnKind = iota
	// CollectionItemIDColumn is a collection row's own key.
	CollectionItemIDColumn
	// ParentCollectionItemIDColumn is a nested item's parent key.
	ParentCollectionItemIDColumn
	// BaseCollectionItemIDColumn is a collection-aligned extension row's key.
	BaseCollectionItemIDColumn
	// OrdinalColumn is an item's position among its siblings.
	OrdinalColumn
	// ScalarColumn stores a JSON scalar (possibly inside a reference object).
	ScalarColumn
	// DocumentFKColumn stores the DocumentId a reference resolves to.
	DocumentFKColumn
	// DescriptorFKColumn stores the DocumentId of a descriptor value.
	DescriptorFKColumn
	// MirrorContentVersionColumn and MirrorLastModifiedColumn are stamped
	// by triggers; the application never writes them.
	MirrorContentVersionColumn
	MirrorLastModifiedColumn
	// PresenceColumn is a synthetic key-unification presence flag.
	PresenceColumn
	// columnKinds counts the kinds: Check refuses any value from it on.
	columnKinds
)

// ScalarType is a column's logical type.
type ScalarType uint8

// Scalar types.
const (
	NoType ScalarType = iota
	StringType
	Int32Type
	Int64Type
	DecimalType
	BooleanType
	DateType
	DateTimeType
	TimeType
	// scalarTypes counts the types: Check refuses any value from it on.
	scalarTypes
)

// Column is one physical column.
type Column struct {
	Name      string
	Kind      ColumnKind
	Type      ScalarType
	MaxLength int // strings; 0 = unbounded
	Precision int // decimals
	Scale     int
	Nullable  bool
	// Steps locate the value relative to the table's scope: property names
	// ("schoolReference", "schoolId"); nil for system columns. For a
	// DocumentFKColumn they locate the reference object.
	Steps []string
	// JSONPath is the canonical source path, for messages.
	JSONPath string
	// Alias marks a key-unification alias: a generated column the
	// application reads but never writes. Canonical names the stored
	// column it mirrors and Presence the column gating it ("" when none).
	Alias     bool
	Canonical string
	Presence  string
	// Members lists, for a canonical (unified) column, the binding columns
	// whose values it carries; the first present one supplies the value.
	Members []string
	// Reference is the index in WritePlan.References of the reference a
	// DocumentFKColumn or binding column belongs to; -1 otherwise.
	Reference int
}
