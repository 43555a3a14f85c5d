package ddl

import (
	"fmt"
	"strings"
)

// Dialect renders the statement forms that differ between PostgreSQL and
// SQL Server. Everything it writes is idempotent (guarded by an existence
// check), because provisioning scripts must be safe to apply twice.
type Dialect interface {
	// Name is the dialect label used in file names and manifests: "pgsql" or "mssql".
	Name() string
	// Quote quotes one identifier.
	Quote(ident string) string
	// Qualified quotes a schema-qualified name.
	Qualified(t TableName) string
	// TypeName renders a portable column type.
	TypeName(t ColumnType) string
	// StringLiteral renders a text literal (Unicode on SQL Server).
	StringLiteral(s string) string
	// BoolLiteral renders a boolean literal.
	BoolLiteral(b bool) string
	// SHA256Literal renders a 32-byte value as a binary literal.
	SHA256Literal(sum [32]byte) string

	// CreateSchema writes an idempotent schema creation, without a
	// following blank line (callers group schema statements).
	CreateSchema(w *Writer, schema string)
	// CreateSequence writes an idempotent sequence creation starting at 1.
	CreateSequence(w *Writer, seq TableName)
	// CreateTable writes an idempotent CREATE TABLE with inline constraints.
	CreateTable(w *Writer, t *Table)
	// AddConstraint writes an idempotent ALTER TABLE ... ADD CONSTRAINT.
	AddConstraint(w *Writer, table TableName, c Constraint)
	// CreateIndex writes an idempotent CREATE INDEX.
	CreateIndex(w *Writer, ix Index)
}

// DialectByName returns the dialect for a label ("pgsql" or "mssql").
func DialectByName(name string) (Dialect, error) {
	switch strings.ToLower(name) {
	case "pgsql":
		return Pgsql, nil
	case "mssql":
		return Mssql, nil
	}
	return nil, fmt.Errorf("unknown SQL dialect %q (want pgsql or mssql)", name)
}

// Pgsql is the PostgreSQL dialect.
var Pgsql Dialect = pgsqlDialect{}

// Mssql is the SQL Server dialect.
var Mssql Dialect = mssqlDialect{}

// aliasExpr is the expression of a computed alias column.
func aliasExpr(d Dialect, a *Alias) string {
	if a.Presence == "" {
		return d.Quote(a.Canonical)
	}
	return fmt.Sprintf("CASE WHEN %s IS NULL THEN NULL ELSE %s END", d.Quote(a.Presence), d.Quote(a.Canonical))
}

func includeSQL(d Dialect, ix Index) string {
	if len(ix.Include) == 0 {
		return ""
	}
	return " INCLUDE (" + joinQuoted(d, ix.Include) + ")"
}

// indexKeyword is the object keyword of CREATE [UNIQUE] INDEX.
func indexKeyword(ix Index) string {
	if ix.Unique {
		return "UNIQUE INDEX"
	}
	return "INDEX"
}

// writeTableBody writes the parenthesized column and inline-constraint list
// of a CREATE TABLE, one definition a line, comma-separated.
func writeTableBody(w *Writer, d Dialect, t *Table, columnSQL func(Column) string, constraintBody func(Constraint) string) {
	var defs []string
	for _, c := range t.Columns {
		defs = append(defs, columnSQL(c))
	}
	for _, c := range t.Inline {
		defs = append(defs, "CONSTRAINT "+d.Quote(c.Name)+" "+constraintBody(c))
	}
	w.Line("(")
	w.Indent()
	for i, def := range defs {
		if i < len(defs)-1 {
			def += ","
		}
		w.Line(def)
	}
	w.Dedent()
	w.Line(");")
}

// writeForeignKey writes the ADD CONSTRAINT ... FOREIGN KEY clause of an
// ALTER TABLE, each line after indent.
func writeForeignKey(w *Writer, d Dialect, c Constraint, indent string) {
	w.Linef("%sADD CONSTRAINT %s", indent, d.Quote(c.Name))
	w.Linef("%sFOREIGN KEY (%s)", indent, joinQuoted(d, c.Columns))
	w.Linef("%sREFERENCES %s (%s)", indent, d.Qualified(c.RefTable), joinQuoted(d, c.RefColumns))
	w.Linef("%sON DELETE %s", indent, c.OnDelete)
	w.Linef("%sON UPDATE %s;", indent, c.OnUpdate)
}

func joinQuoted(d Dialect, cols []string) string {
	q := make([]string, len(cols))
	for i, c := range cols {
		q[i] = d.Quote(c)
	}
	return strings.Join(q, ", ")
}

// ---------------------------------------------------------------- PostgreSQL

type pgsqlDialect struct{}

func (pgsqlDialect) Name() string { return "pgsql" }

func (pgsqlDialect) Quote(ident string) string {
	return `"` + strings.ReplaceAll(ident, `"`, `""`) + `"`
}

func (d pgsqlDialect) Qualified(t TableName) string { return d.Quote(t.Schema) + "." + d.Quote(t.Name) }

func (pgsqlDialect) TypeName(t ColumnType) string {
	switch t.Kind {
	case TypeSmallInt:
		return "smallint"
	case TypeInt:
		return "integer"
	case TypeBigInt:
		return "bigint"
	case TypeString:
		return fmt.Sprintf("varchar(%d)", t.Length)
	case TypeBool:
		return "boolean"
	case TypeDate:
		return "date"
	case TypeDateTime:
		return "timestamp with time zone"
	case TypeTime:
		return "time"
	case TypeUUID:
		return "uuid"
	case TypeSHA256:
		return "bytea"
	case TypeDecimal:
		return fmt.Sprintf("numeric(%d,%d)", t.Precision, t.Scale)
	case TypeText:
		return "text"
	}
	panic(fmt.Sprintf("ddl: pgsql has no rendering for type kind %d", t.Kind))
}

func (pgsqlDialect) StringLiteral(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

func (pgsqlDialect) BoolLiteral(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func (pgsqlDialect) SHA256Literal(sum [32]byte) string {
	return fmt.Sprintf(`'\x%X'::bytea`, sum[:])
}

func (d pgsqlDialect) CreateSchema(w *Writer, schema string) {
	w.Linef("CREATE SCHEMA IF NOT EXISTS %s;", d.Quote(schema))
}

func (d pgsqlDialect) CreateSequence(w *Writer, seq TableName) {
	w.Linef("CREATE SEQUENCE IF NOT EXISTS %s START WITH 1;", d.Qualified(seq))
}

func (d pgsqlDialect) columnSQL(c Column) string {
	var b strings.Builder
	b.WriteString(d.Quote(c.Name) + " " + d.TypeName(c.Type))
	if c.Alias != nil {
		return b.String() + " GENERATED ALWAYS AS (" + aliasExpr(d, c.Alias) + ") STORED"
	}
	if c.Identity {
		b.WriteString(" GENERATED ALWAYS AS IDENTITY")
	}
	if c.Nullable {
		b.WriteString(" NULL")
	} else {
		b.WriteString(" NOT NULL")
	}
	switch c.Default {
	case DefaultZero:
		b.WriteString(" DEFAULT 0")
	case DefaultNow:
		b.WriteString(" DEFAULT now()")
	case DefaultNextChangeVersion:
		b.WriteString(` DEFAULT nextval('"dms"."ChangeVersionSequence"')`)
	case DefaultNextCollectionItemID:
		b.WriteString(` DEFAULT nextval('"dms"."CollectionItemIdSequence"')`)
	}
	return b.String()
}

// constraintBody renders the part after CONSTRAINT "name".
func (d pgsqlDialect) constraintBody(c Constraint) string {
	switch c.Kind {
	case PrimaryKey:
		return "PRIMARY KEY (" + joinQuoted(d, c.Columns) + ")"
	case Unique:
		return "UNIQUE (" + joinQuoted(d, c.Columns) + ")"
	case Check:
		return "CHECK (" + c.CheckSQL(d) + ")"
	}
	panic("ddl: foreign keys are not written inline")
}

func (d pgsqlDialect) CreateTable(w *Writer, t *Table) {
	w.Linef("CREATE TABLE IF NOT EXISTS %s", d.Qualified(t.Name))
	writeTableBody(w, d, t, d.columnSQL, d.constraintBody)
}

func (d pgsqlDialect) AddConstraint(w *Writer, table TableName, c Constraint) {
	w.Line("DO $$")
	w.Line("BEGIN")
	w.Line("    IF NOT EXISTS (")
	w.Line("        SELECT 1 FROM pg_constraint")
	w.Linef("        WHERE conname = %s", d.StringLiteral(c.Name))
	w.Linef("        AND conrelid = to_regclass(%s)", d.StringLiteral(d.Qualified(table)))
	w.Line("    )")
	w.Line("    THEN")
	w.Linef("        ALTER TABLE %s", d.Qualified(table))
	if c.Kind == ForeignKey {
		writeForeignKey(w, d, c, "        ")
	} else {
		w.Linef("        ADD CONSTRAINT %s %s;", d.Quote(c.Name), d.constraintBody(c))
	}
	w.Line("    END IF;")
	w.Line("END $$;")
}

func (d pgsqlDialect) CreateIndex(w *Writer, ix Index) {
	keys := joinQuoted(d, ix.Columns)
	if ix.PrefixRange {
		keys = strings.ReplaceAll(keys, ", ", " "+PgsqlPrefixRangeOpClass+", ") + " " + PgsqlPrefixRangeOpClass
	}
	w.Linef("CREATE %s IF NOT EXISTS %s ON %s (%s)%s;", indexKeyword(ix), d.Quote(ix.Name), d.Qualified(ix.Table), keys, includeSQL(d, ix))
}

// PgsqlPrefixRangeOpClass is the operator class of PrefixRange index keys:
// it orders byte-wise whatever the database's collation, as the pattern
// operators compare.
const PgsqlPrefixRangeOpClass = "varchar_pattern_ops"

// ---------------------------------------------------------------- SQL Server

type mssqlDialect struct{}

func (mssqlDialect) Name() string { return "mssql" }

func (mssqlDialect) Quote(ident string) string {
	return "[" + strings.ReplaceAll(ident, "]", "]]") + "]"
}

func (d mssqlDialect) Qualified(t TableName) string { return d.Quote(t.Schema) + "." + d.Quote(t.Name) }

func (mssqlDialect) TypeName(t ColumnType) string {
	switch t.Kind {
	case TypeSmallInt:
		return "smallint"
	case TypeInt:
		return "int"
	case TypeBigInt:
		return "bigint"
	case TypeString:
		return fmt.Sprintf("nvarchar(%d)", t.Length)
	case TypeBool:
		return "bit"
	case TypeDate:
		return "date"
	case TypeDateTime:
		return "datetime2(7)"
	case TypeTime:
		return "time(7)"
	case TypeUUID:
		return "uniqueidentifier"
	case TypeSHA256:
		return "binary(32)"
	case TypeDecimal:
		return fmt.Sprintf("decimal(%d,%d)", t.Precision, t.Scale)
	case TypeText:
		return "nvarchar(max)"
	}
	panic(fmt.Sprintf("ddl: mssql has no rendering for type kind %d", t.Kind))
}

func (mssqlDialect) StringLiteral(s string) string {
	return "N'" + strings.ReplaceAll(s, "'", "''") + "'"
}

func (mssqlDialect) BoolLiteral(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

func (mssqlDialect) SHA256Literal(sum [32]byte) string { return fmt.Sprintf("0x%X", sum[:]) }

// objectIDName is the unquoted two-part name OBJECT_ID expects.
func objectIDName(t TableName) string {
	return "N'" + strings.ReplaceAll(t.Schema+"."+t.Name, "'", "''") + "'"
}

func (d mssqlDialect) CreateSchema(w *Writer, schema string) {
	w.Linef("IF NOT EXISTS (SELECT 1 FROM sys.schemas WHERE name = %s)", d.StringLiteral(schema))
	w.Linef("    EXEC('CREATE SCHEMA %s');", strings.ReplaceAll(d.Quote(schema), "'", "''"))
}

func (d mssqlDialect) CreateSequence(w *Writer, seq TableName) {
	w.Line("IF NOT EXISTS (")
	w.Line("    SELECT 1 FROM sys.sequences s")
	w.Line("    JOIN sys.schemas sch ON s.schema_id = sch.schema_id")
	w.Linef("    WHERE sch.name = %s AND s.name = %s", d.StringLiteral(seq.Schema), d.StringLiteral(seq.Name))
	w.Line(")")
	w.Linef("CREATE SEQUENCE %s START WITH 1;", d.Qualified(seq))
}

func (d mssqlDialect) columnSQL(t *Table, c Column) string {
	if c.Alias != nil {
		return d.Quote(c.Name) + " AS (" + aliasExpr(d, c.Alias) + ") PERSISTED"
	}
	var b strings.Builder
	b.WriteString(d.Quote(c.Name) + " " + d.TypeName(c.Type))
	if c.Identity {
		b.WriteString(" IDENTITY(1,1)")
	}
	if c.Nullable {
		b.WriteString(" NULL")
	} else {
		b.WriteString(" NOT NULL")
	}
	switch c.Default {
	case NoDefault:
	case DefaultNextCollectionItemID:
		b.WriteString(" DEFAULT (NEXT VALUE FOR [dms].[CollectionItemIdSequence])")
	default:
		b.WriteString(" CONSTRAINT " + d.Quote("DF_"+t.defaultStem()+"_"+c.Name) + " DEFAULT ")
		switch c.Default {
		case DefaultZero:
			b.WriteString("0")
		case DefaultNow:
			b.WriteString("(sysutcdatetime())")
		case DefaultNextChangeVersion:
			b.WriteString("(NEXT VALUE FOR [dms].[ChangeVersionSequence])")
		}
	}
	return b.String()
}

func clusteringSQL(c Clustering) string {
	switch c {
	case Clustered:
		return " CLUSTERED"
	case NonClustered:
		return " NONCLUSTERED"
	}
	return ""
}

func (d mssqlDialect) constraintBody(c Constraint) string {
	switch c.Kind {
	case PrimaryKey:
		return "PRIMARY KEY" + clusteringSQL(c.Clustering) + " (" + joinQuoted(d, c.Columns) + ")"
	case Unique:
		return "UNIQUE" + clusteringSQL(c.Clustering) + " (" + joinQuoted(d, c.Columns) + ")"
	case Check:
		return "CHECK (" + c.CheckSQL(d) + ")"
	}
	panic("ddl: foreign keys are not written inline")
}

func (d mssqlDialect) CreateTable(w *Writer, t *Table) {
	w.Linef("IF OBJECT_ID(%s, N'U') IS NULL", objectIDName(t.Name))
	w.Linef("CREATE TABLE %s", d.Qualified(t.Name))
	writeTableBody(w, d, t, func(c Column) string { return d.columnSQL(t, c) }, d.constraintBody)
}

func (d mssqlDialect) AddConstraint(w *Writer, table TableName, c Constraint) {
	// The catalog view that lists the constraint kind, and the type filter
	// that view needs (key_constraints holds both PK and UQ).
	var view, typeFilter string
	switch c.Kind {
	case ForeignKey:
		view = "sys.foreign_keys"
	case Check:
		view = "sys.check_constraints"
	case Unique:
		view, typeFilter = "sys.key_constraints", " AND type = 'UQ'"
	case PrimaryKey:
		view, typeFilter = "sys.key_constraints", " AND type = 'PK'"
	}
	w.Line("IF NOT EXISTS (")
	w.Linef("    SELECT 1 FROM %s", view)
	w.Linef("    WHERE name = %s%s AND parent_object_id = OBJECT_ID(%s)", d.StringLiteral(c.Name), typeFilter, objectIDName(table))
	w.Line(")")
	w.Linef("ALTER TABLE %s", d.Qualified(table))
	if c.Kind == ForeignKey {
		writeForeignKey(w, d, c, "")
		return
	}
	w.Linef("ADD CONSTRAINT %s %s;", d.Quote(c.Name), d.constraintBody(c))
}

func (d mssqlDialect) CreateIndex(w *Writer, ix Index) {
	w.Line("IF NOT EXISTS (")
	w.Line("    SELECT 1 FROM sys.indexes i")
	w.Line("    JOIN sys.tables t ON i.object_id = t.object_id")
	w.Line("    JOIN sys.schemas s ON t.schema_id = s.schema_id")
	w.Linef("    WHERE s.name = %s AND t.name = %s AND i.name = %s",
		d.StringLiteral(ix.Table.Schema), d.StringLiteral(ix.Table.Name), d.StringLiteral(ix.Name))
	w.Line(")")
	w.Linef("CREATE %s %s ON %s (%s)%s;", indexKeyword(ix), d.Quote(ix.Name), d.Qualified(ix.Table), joinQuoted(d, ix.Columns), includeSQL(d, ix))
}
