// Package relmodel derives the dialect-specific, SQL-free relational model of
// an Ed-Fi ApiSchema set: one table per JSON scope (resource root, collections
// at any depth, `_ext` extension scopes), typed columns, keys and constraints,
// abstract identity tables and union views, and the index, trigger and
// tracked-change inventories that DDL emission and code generation build on.
//
// Names, orders and manifest bytes follow the reference implementation's
// fixtures (relational-model.{dialect}.manifest.json).
//
// Known gaps against the reference: the manifest's auth_objects lists only
// the education organization hierarchy table (the people authorization views
// the reference adds when all five person association resources exist are
// not modelled); SQL Server cascade pruning keeps the first required
// incoming reference at each convergence without the reference's carrier
// column safe-cut test and shared-FK retry.
package relmodel

// Dialect selects the SQL engine the model is derived for. The model itself is
// SQL-free; the dialect decides identifier length limits and foreign-key
// cascade actions.
type Dialect string

// Supported dialects.
const (
	PGSQL Dialect = "pgsql"
	MSSQL Dialect = "mssql"
)

// maxIdentifierLength is the dialect identifier limit: bytes for PostgreSQL,
// characters for SQL Server.
func (d Dialect) maxIdentifierLength() int {
	if d == MSSQL {
		return 128
	}
	return 63
}

// TableName is a schema-qualified table or view name.
type TableName struct {
	Schema string
	Name   string
}

func (t TableName) String() string { return t.Schema + "." + t.Name }

// ResourceName identifies a resource by project and resource name.
type ResourceName struct {
	Project  string
	Resource string
}

func (r ResourceName) String() string { return r.Project + ":" + r.Resource }

// ScalarKind is the logical column type.
type ScalarKind string

// Scalar kinds.
const (
	KindString   ScalarKind = "String"
	KindInt32    ScalarKind = "Int32"
	KindInt64    ScalarKind = "Int64"
	KindDecimal  ScalarKind = "Decimal"
	KindBoolean  ScalarKind = "Boolean"
	KindDate     ScalarKind = "Date"
	KindDateTime ScalarKind = "DateTime"
	KindTime     ScalarKind = "Time"
)

// ScalarType is a logical column type with its length or precision.
type ScalarType struct {
	Kind ScalarKind
	// MaxLength is the string length; 0 means unbounded (max).
	MaxLength int
	// Precision and Scale are set for Decimal.
	Precision, Scale int
}

// ColumnKind says what a column holds.
type ColumnKind string

// Column kinds.
const (
	ColParentKeyPart                 ColumnKind = "ParentKeyPart"
	ColCollectionKey                 ColumnKind = "CollectionKey"
	ColOrdinal                       ColumnKind = "Ordinal"
	ColScalar                        ColumnKind = "Scalar"
	ColDocumentFk                    ColumnKind = "DocumentFk"
	ColDescriptorFk                  ColumnKind = "DescriptorFk"
	ColMirroredContentVersion        ColumnKind = "MirroredContentVersion"
	ColMirroredContentLastModifiedAt ColumnKind = "MirroredContentLastModifiedAt"
)

// Storage says whether a column is physically stored or is a read-only alias
// of a key-unification canonical column (optionally gated by a presence flag).
type Storage struct {
	// UnifiedAlias is false for stored columns.
	UnifiedAlias    bool
	CanonicalColumn string
	PresenceColumn  string // "" when the alias is not presence-gated
}

// Column is one table column.
type Column struct {
	Name     string
	Kind     ColumnKind
	Type     *ScalarType // nil only for columns without a scalar type
	Nullable bool
	// SourcePath is the canonical JSON path the column stores; "" for
	// system columns (keys, ordinals, mirrors, canonical/presence columns).
	SourcePath string
	// TargetResource is the referenced resource for DocumentFk columns and
	// the descriptor resource for DescriptorFk columns.
	TargetResource *ResourceName
	Storage        Storage
}

// KeyColumn is a primary-key column.
type KeyColumn struct {
	Name string
	Kind ColumnKind
}

// ConstraintKind distinguishes table constraints.
type ConstraintKind string

// Constraint kinds.
const (
	ConUnique               ConstraintKind = "Unique"
	ConForeignKey           ConstraintKind = "ForeignKey"
	ConAllOrNoneNullability ConstraintKind = "AllOrNoneNullability"
	ConNullOrTrue           ConstraintKind = "NullOrTrue"
)

// ReferentialAction is a foreign-key ON DELETE / ON UPDATE action.
type ReferentialAction string

// Referential actions.
const (
	NoAction ReferentialAction = "NoAction"
	Cascade  ReferentialAction = "Cascade"
)

// Constraint is a UNIQUE, FOREIGN KEY or CHECK constraint. Fields not used by
// the kind are zero.
type Constraint struct {
	Kind ConstraintKind
	Name string
	// Columns are the unique or FK columns.
	Columns []string
	// Foreign key target and actions.
	TargetTable   TableName
	TargetColumns []string
	OnDelete      ReferentialAction
	OnUpdate      ReferentialAction
	// AllOrNoneNullability: the reference FK column and its identity parts.
	FkColumn         string
	DependentColumns []string
	// NullOrTrue: the presence column.
	Column string
}

// TableKind is the structural role of a table.
type TableKind string

// Table kinds.
const (
	TableRoot                     TableKind = "Root"
	TableCollection               TableKind = "Collection"
	TableRootExtension            TableKind = "RootExtension"
	TableCollectionExtensionScope TableKind = "CollectionExtensionScope"
	TableExtensionCollection      TableKind = "ExtensionCollection"
)

// SemanticIdentityBinding maps a scope-relative JSON path to the column that
// carries it in a collection's semantic identity.
type SemanticIdentityBinding struct {
	RelativePath string
	Column       string
}

// IdentityMetadata describes how a table's rows are located: their physical
// row identity, the root document locator and the immediate parent locator.
type IdentityMetadata struct {
	TableKind                   TableKind
	PhysicalRowIdentity         []string
	RootScopeLocator            []string
	ImmediateParentScopeLocator []string
	SemanticIdentity            []SemanticIdentityBinding
}

// KeyUnificationClass groups binding columns that must hold equal values and
// names the canonical stored column they alias.
type KeyUnificationClass struct {
	CanonicalColumn   string
	MemberPathColumns []string
}

// Table is one derived table for a JSON scope.
type Table struct {
	Name                  TableName
	Scope                 string // canonical JSON scope, "$" for the root
	PrimaryKeyName        string
	Key                   []KeyColumn
	Columns               []*Column
	KeyUnificationClasses []KeyUnificationClass
	Identity              IdentityMetadata
	Constraints           []*Constraint
	// DescriptorFKDeduplications lists descriptor storage columns shared by
	// several unified descriptor binding columns (one FK serves them all).
	DescriptorFKDeduplications []DescriptorFKDeduplication
}

// DescriptorFKDeduplication records that one stored descriptor column (and
// its single FK to dms.Descriptor) serves several binding columns.
type DescriptorFKDeduplication struct {
	StorageColumn  string
	BindingColumns []string
}

// Column returns the named column or nil.
func (t *Table) Column(name string) *Column {
	for _, c := range t.Columns {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// StorageKind says where a resource's rows live.
type StorageKind string

// Storage kinds.
const (
	RelationalTables      StorageKind = "RelationalTables"
	SharedDescriptorTable StorageKind = "SharedDescriptorTable"
)

// ReferenceIdentityBinding maps one identity field of a referenced resource
// to the local column that stores it.
type ReferenceIdentityBinding struct {
	IdentityJSONPath  string // path in the target resource
	ReferenceJSONPath string // path in this resource
	Column            string
}

// DocumentReferenceBinding is one document reference stored as a
// `{Ref}_DocumentId` column plus its identity-part columns.
type DocumentReferenceBinding struct {
	IsIdentityComponent bool
	IsRequired          bool
	IsRoleNamed         bool
	ReferenceObjectPath string
	Table               TableName
	FkColumn            string
	TargetResource      ResourceName
	IdentityBindings    []ReferenceIdentityBinding
}

// DescriptorEdge is one descriptor value stored as a `_DescriptorId` column.
type DescriptorEdge struct {
	IsIdentityComponent bool
	IsRequired          bool
	IsRoleNamed         bool
	DescriptorValuePath string
	Table               TableName
	FkColumn            string
	DescriptorResource  ResourceName
}

// ExtensionSite is a place in a resource document where `_ext` appears.
type ExtensionSite struct {
	OwningScope   string
	ExtensionPath string
	ProjectKeys   []string
}

// Resource is the relational model of one concrete resource.
type Resource struct {
	Name           ResourceName
	ResourceKeyID  int16
	PhysicalSchema string
	StorageKind    StorageKind
	// Tables in canonical order: array depth, then scope, then name. The
	// first table is the root. Empty for descriptors (dms.Descriptor).
	Tables             []*Table
	References         []DocumentReferenceBinding
	DescriptorEdges    []DescriptorEdge
	ExtensionSites     []ExtensionSite
	SuperclassResource *ResourceName
	// KeyUnification classifies the resource's equalityConstraints.
	KeyUnification KeyUnificationDiagnostics
	// PersonPaths are the root-scope Student, Contact and Staff securable
	// elements resolved to the join chains the authorization indexes
	// cover, by kind then schema order (epic 14, stories 04 and 15).
	PersonPaths []PersonPath
}

// PersonPath is a person securable element and the chain of root-table
// references from the resource to the person's DocumentId: one step for a
// direct reference, several through other resources (CourseTranscript →
// StudentAcademicRecord → Student), none when the resource is the person.
type PersonPath struct {
	Kind     string
	JSONPath string
	Chain    []JoinStep
}

// Root returns the root table, or nil for descriptors.
func (r *Resource) Root() *Table {
	if len(r.Tables) == 0 {
		return nil
	}
	return r.Tables[0]
}

// EndpointBinding is the column an equality-constraint endpoint binds to.
type EndpointBinding struct {
	Table  TableName
	Column string
}

// AppliedEquality is an equality constraint enforced by key unification.
type AppliedEquality struct {
	EndpointAPath, EndpointBPath     string
	Table                            TableName
	EndpointAColumn, EndpointBColumn string
	CanonicalColumn                  string
}

// RedundantEquality is an equality constraint whose endpoints bind to the
// same column.
type RedundantEquality struct {
	EndpointAPath, EndpointBPath string
	Binding                      EndpointBinding
}

// IgnoredEquality is an equality constraint key unification cannot enforce
// (its endpoints live in different tables).
type IgnoredEquality struct {
	EndpointAPath, EndpointBPath string
	Reason                       string // "cross_table"
	EndpointA, EndpointB         EndpointBinding
}

// SkippedEquality is an equality constraint with an endpoint not bound to
// any column.
type SkippedEquality struct {
	SourcePath, TargetPath string
	UnresolvedEndpoint     string // source, target or both
}

// KeyUnificationDiagnostics classifies every equality constraint of a resource.
type KeyUnificationDiagnostics struct {
	Applied   []AppliedEquality
	Redundant []RedundantEquality
	Ignored   []IgnoredEquality
	Skipped   []SkippedEquality
}

// Project is one ApiSchema project of the set.
type Project struct {
	EndpointName   string
	ProjectName    string
	ProjectVersion string
	IsExtension    bool
	PhysicalSchema string
}

// AbstractIdentityTable is the `{Abstract}Identity` table of an abstract
// resource, kept in sync by triggers on every concrete member.
type AbstractIdentityTable struct {
	Resource ResourceName
	Table    *Table
}

// UnionViewColumn is one output column of an abstract union view.
type UnionViewColumn struct {
	Name                  string
	Type                  *ScalarType
	SourcePath            string
	TargetResource        *ResourceName
	IsDescriptorReference bool
}

// UnionViewProjection is one select-list expression of a union arm: a source
// column, or a string literal when Literal is true.
type UnionViewProjection struct {
	Literal bool
	Value   string // column name, or the literal text
}

// UnionViewArm selects one concrete member into the union view.
type UnionViewArm struct {
	ConcreteMember ResourceName
	FromTable      TableName
	Projections    []UnionViewProjection
}

// AbstractUnionView is the `{Abstract}_View` union over concrete members.
type AbstractUnionView struct {
	Resource ResourceName
	View     TableName
	Columns  []UnionViewColumn
	Arms     []UnionViewArm
}

// IndexKind says why an index exists.
type IndexKind string

// Index kinds.
const (
	IndexPrimaryKey        IndexKind = "PrimaryKey"
	IndexUniqueConstraint  IndexKind = "UniqueConstraint"
	IndexForeignKeySupport IndexKind = "ForeignKeySupport"
	IndexExplicit          IndexKind = "Explicit"
	IndexAuthorization     IndexKind = "Authorization"
)

// Index is one entry of the index inventory.
type Index struct {
	Name       string
	Table      TableName
	Kind       IndexKind
	IsUnique   bool
	KeyColumns []string
	// IncludeColumns are non-key covering columns (SQL INCLUDE).
	IncludeColumns []string
	// PrefixRange marks the index of a Namespace securable element: the
	// NamespaceBased strategy selects prefix ranges on it with the
	// byte-wise pattern operators, so PostgreSQL declares its key with
	// varchar_pattern_ops (story 22); SQL Server ignores it.
	PrefixRange bool
}

// TriggerKind is the trigger purpose.
type TriggerKind string

// Trigger kinds.
const (
	TriggerDocumentStamping               TriggerKind = "DocumentStamping"
	TriggerReferentialIdentityMaintenance TriggerKind = "ReferentialIdentityMaintenance"
	TriggerAbstractIdentityMaintenance    TriggerKind = "AbstractIdentityMaintenance"
	TriggerAuthHierarchyMaintenance       TriggerKind = "AuthHierarchyMaintenance"
)

// IdentityElement maps one identity JSON path to the column holding it.
type IdentityElement struct {
	Column                string
	IdentityJSONPath      string
	IsDescriptorReference bool
}

// SuperclassAlias is the alias referential identity a subclass also maintains
// for its superclass.
type SuperclassAlias struct {
	ResourceKeyID    int16
	Resource         ResourceName
	IdentityElements []IdentityElement
}

// ColumnMapping maps a source column to a target column.
type ColumnMapping struct {
	Source, Target string
}

// Trigger is one entry of the trigger inventory. Fields not used by the kind
// are zero.
type Trigger struct {
	Name                      string
	Table                     TableName
	Kind                      TriggerKind
	KeyColumns                []string
	IdentityProjectionColumns []string
	// DocumentStamping: the root table whose mirror columns are stamped and
	// the tracked-change table receiving change rows (nil when none).
	MirrorStampTarget   TableName
	TrackedChangeTarget *TableName
	// ReferentialIdentityMaintenance.
	ResourceKeyID    int16
	Resource         ResourceName
	IdentityElements []IdentityElement
	SuperclassAlias  *SuperclassAlias
	// AbstractIdentityMaintenance.
	TargetTable        TableName
	TargetColumns      []ColumnMapping
	DiscriminatorValue string
	// AuthHierarchyMaintenance: the education organization entity and the
	// event (Insert, Update, Delete) whose rows the trigger maintains.
	AuthEntity *AuthEntity
	AuthEvent  string
}

// AuthEntity is one concrete education organization in the authorization
// hierarchy: its root table, identity column and the denormalized parent
// education organization id columns of its references to other members.
type AuthEntity struct {
	Name           string
	Table          TableName
	IdentityColumn string
	ParentColumns  []string
}

// TrackedChangeValueColumn is an Old/New column pair of a tracked-change table.
type TrackedChangeValueColumn struct {
	OldColumn              string
	NewColumn              string
	SourceJSONPath         string
	CanonicalStorageColumn string // "" when the source column is stored
	IsOldNullable          bool
	IsNewNullable          bool
	Type                   ScalarType
	Role                   string // Scalar, DescriptorNamespace, DescriptorCodeValue, PersonDocumentId
	Origin                 string // Identity, SecurableElement, or "Identity, SecurableElement"
	DescriptorJoinName     string
	PersonJoinName         string
}

// JoinStep is one hop of a person join: source column to target column.
type JoinStep struct {
	SourceTable  TableName
	SourceColumn string
	TargetTable  TableName
	TargetColumn string
}

// TrackedChangePersonJoin is the reference chain from a tracked resource to
// a person (Student, Contact or Staff) whose DocumentId is tracked.
type TrackedChangePersonJoin struct {
	Name       string
	PersonKind string
	Path       []JoinStep
}

// TrackedChangeSystemColumn is a fixed column of a tracked-change table.
type TrackedChangeSystemColumn struct {
	Role       string
	Column     string
	Type       *ScalarType
	Nullable   bool
	PrimaryKey bool
}

// TrackedChangeDescriptorJoin names the descriptor a tracked value joins to.
type TrackedChangeDescriptorJoin struct {
	Name         string
	SourceColumn string
	Descriptor   ResourceName
}

// TrackedChangeTable is a `tracked_changes_{schema}.{Table}` change log.
type TrackedChangeTable struct {
	Table             TableName
	Kind              string // Resource, ConcreteAbstract, SharedDescriptor
	SourceTable       TableName
	PrimaryKeyColumns []string
	ValueColumns      []TrackedChangeValueColumn
	SystemColumns     []TrackedChangeSystemColumn
	DescriptorJoins   []TrackedChangeDescriptorJoin
	PersonJoins       []TrackedChangePersonJoin
}

// ModelSet is the derived relational model of a whole schema set for one
// dialect.
type ModelSet struct {
	Dialect                  Dialect
	EffectiveSchemaHash      string
	RelationalMappingVersion string
	// Projects ordered by endpoint name.
	Projects []Project
	// Resources ordered by project name then resource name (ordinal).
	Resources           []*Resource
	AbstractTables      []AbstractIdentityTable
	AbstractViews       []AbstractUnionView
	Indexes             []Index
	Triggers            []Trigger
	TrackedChangeTables []TrackedChangeTable
	// AuthEntities is the education organization hierarchy (by name); empty
	// when the schema has no EducationOrganization abstract resource.
	AuthEntities []*AuthEntity
	// PeopleAuthViews are the people authorization views (by name): each
	// when the hierarchy and the associations it reads are present.
	PeopleAuthViews []AuthView
	// ReadChangesAuthViews are their ReadChanges counterparts
	// (…IncludingDeletes, …DeletedResponsibility, by name): each when its
	// live view exists and the associations it reads have tracked-change
	// tables.
	ReadChangesAuthViews []AuthView
}

// AuthViews are the people authorization views, live then ReadChanges
// (which read the live ones).
func (ms *ModelSet) AuthViews() []AuthView {
	return append(append([]AuthView(nil), ms.PeopleAuthViews...), ms.ReadChangesAuthViews...)
}

// Authorization hierarchy table kept by the AuthHierarchyMaintenance triggers.
var (
	AuthEdOrgTable        = TableName{Schema: "auth", Name: "EducationOrganizationIdToEducationOrganizationId"}
	AuthSourceEdOrgColumn = "SourceEducationOrganizationId"
	AuthTargetEdOrgColumn = "TargetEducationOrganizationId"
)
