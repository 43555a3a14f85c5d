package ddl

// TableName is a schema-qualified table (or other object) name.
type TableName struct {
	Schema string
	Name   string
}

// TypeKind is a portable column type; each Dialect renders it.
type TypeKind int

// Portable column types used by the core tables. Per-resource tables map
// their scalar types onto the same kinds.
const (
	TypeSmallInt TypeKind = iota + 1
	TypeInt
	TypeBigInt
	TypeString // variable-length Unicode text, Length required
	TypeBool
	TypeDate
	TypeDateTime // timestamp with time zone / datetime2(7)
	TypeTime
	TypeUUID
	TypeSHA256 // exactly 32 bytes: bytea / binary(32)
	TypeDecimal
	TypeText // unbounded Unicode text
)

// ColumnType is a portable type with its size parameters.
type ColumnType struct {
	Kind      TypeKind
	Length    int // TypeString
	Precision int // TypeDecimal
	Scale     int // TypeDecimal
}

// DefaultKind is a column default the dialects know how to spell.
type DefaultKind int

// Column defaults used by the reference's tables.
const (
	NoDefault DefaultKind = iota
	DefaultZero
	DefaultNow
	DefaultNextChangeVersion // next value of dms.ChangeVersionSequence
	// DefaultNextCollectionItemID is the next value of
	// dms.CollectionItemIdSequence; SQL Server leaves this default unnamed.
	DefaultNextCollectionItemID
)

// Alias makes a column a stored computed copy of another column, NULL while
// an optional presence column is NULL (key unification: several JSON paths
// share one canonical stored value).
type Alias struct {
	Canonical string
	Presence  string // "" when the alias is not presence-gated
}

// Column is one column of a table definition.
type Column struct {
	Name     string
	Type     ColumnType
	Nullable bool
	Identity bool // database-generated (GENERATED ALWAYS AS IDENTITY / IDENTITY(1,1))
	Default  DefaultKind
	Alias    *Alias // computed column; Nullable and Default are ignored
}

// ConstraintKind distinguishes table constraints.
type ConstraintKind int

// Constraint kinds.
const (
	PrimaryKey ConstraintKind = iota + 1
	Unique
	Check
	ForeignKey
)

// Clustering is SQL Server's physical-ordering choice for a key; PostgreSQL
// ignores it.
type Clustering int

// Clustering choices. ClusterUnspecified writes no keyword.
const (
	ClusterUnspecified Clustering = iota
	Clustered
	NonClustered
)

// ReferentialAction is an FK ON DELETE / ON UPDATE action.
type ReferentialAction string

// Referential actions.
const (
	NoAction ReferentialAction = "NO ACTION"
	Cascade  ReferentialAction = "CASCADE"
	SetNull  ReferentialAction = "SET NULL"
)

// Constraint is a PK, UNIQUE, CHECK or FK constraint.
type Constraint struct {
	Kind       ConstraintKind
	Name       string
	Columns    []string
	Clustering Clustering
	// CheckSQL renders the CHECK expression for a dialect (Kind == Check).
	CheckSQL func(Dialect) string
	// Foreign key target (Kind == ForeignKey).
	RefTable   TableName
	RefColumns []string
	OnDelete   ReferentialAction
	OnUpdate   ReferentialAction
}

// Table is a table definition: CREATE TABLE with inline constraints, then
// constraints added idempotently after creation (in the given order).
type Table struct {
	Name    TableName
	Columns []Column
	// Inline constraints are written inside CREATE TABLE.
	Inline []Constraint
	// After constraints are added by idempotent ALTER TABLE statements right
	// after the CREATE TABLE (the reference does this for some core UNIQUE
	// and CHECK constraints so reruns against older databases add them).
	After []Constraint
	// DefaultStem names SQL Server default constraints DF_<stem>_<column>;
	// empty means the table name.
	DefaultStem string
}

func (t *Table) defaultStem() string {
	if t.DefaultStem != "" {
		return t.DefaultStem
	}
	return t.Name.Name
}

// Index is a non-constraint index.
type Index struct {
	Name    string
	Table   TableName
	Columns []string
	Include []string // non-key columns carried in the index leaf rows
	Unique  bool
	// PrefixRange declares the key columns with varchar_pattern_ops on
	// PostgreSQL, so that the byte-wise range operators (~>=~, ~<~) of
	// NamespaceBased authorization seek it; SQL Server ignores it.
	PrefixRange bool
}
