package ddl

import (
	"fmt"
	"strings"
)

// DmsSchema is the schema of the core tables.
const DmsSchema = "dms"

// Core object names.
var (
	DescriptorTable          = TableName{DmsSchema, "Descriptor"}
	DocumentTable            = TableName{DmsSchema, "Document"}
	EffectiveSchemaTable     = TableName{DmsSchema, "EffectiveSchema"}
	ReferentialIdentityTable = TableName{DmsSchema, "ReferentialIdentity"}
	ResourceKeyTable         = TableName{DmsSchema, "ResourceKey"}
	SchemaComponentTable     = TableName{DmsSchema, "SchemaComponent"}
	ChangeVersionSequence    = TableName{DmsSchema, "ChangeVersionSequence"}
	CollectionItemIDSequence = TableName{DmsSchema, "CollectionItemIdSequence"}
)

func str(n int) ColumnType { return ColumnType{Kind: TypeString, Length: n} }

var (
	smallint = ColumnType{Kind: TypeSmallInt}
	bigint   = ColumnType{Kind: TypeBigInt}
)

func pk(table string, clustering Clustering, cols ...string) Constraint {
	return Constraint{Kind: PrimaryKey, Name: "PK_" + table, Columns: cols, Clustering: clustering}
}

func unique(name string, cols ...string) Constraint {
	return Constraint{Kind: Unique, Name: name, Columns: cols}
}

func check(name string, render func(Dialect) string) Constraint {
	return Constraint{Kind: Check, Name: name, CheckSQL: render}
}

func fk(name string, cols []string, ref TableName, refCols []string, onDelete ReferentialAction) Constraint {
	return Constraint{Kind: ForeignKey, Name: name, Columns: cols, RefTable: ref, RefColumns: refCols, OnDelete: onDelete, OnUpdate: NoAction}
}

// descriptorDataColumns are the dms.Descriptor columns whose change is a
// content change of the descriptor document (stamped by its trigger).
var descriptorDataColumns = []Column{
	{Name: "Namespace", Type: str(255)},
	{Name: "CodeValue", Type: str(50)},
	{Name: "ShortDescription", Type: str(75)},
	{Name: "Description", Type: str(1024), Nullable: true},
	{Name: "EffectiveBeginDate", Type: ColumnType{Kind: TypeDate}, Nullable: true},
	{Name: "EffectiveEndDate", Type: ColumnType{Kind: TypeDate}, Nullable: true},
	{Name: "Discriminator", Type: str(128)},
	{Name: "Uri", Type: str(306)},
}

// coreTables lists the in-scope core tables in the reference's emission
// order (ordinal by table name).
func coreTables(d Dialect) []*Table {
	descriptorCols := []Column{{Name: "DocumentId", Type: bigint}, {Name: "ResourceKeyId", Type: smallint}}
	descriptorCols = append(descriptorCols, descriptorDataColumns...)
	descriptorCols = append(descriptorCols,
		Column{Name: "ContentVersion", Type: bigint, Default: DefaultZero},
		Column{Name: "ContentLastModifiedAt", Type: ColumnType{Kind: TypeDateTime}, Default: DefaultNow},
	)
	now := ColumnType{Kind: TypeDateTime}

	effectiveSchemaChecks := []Constraint{
		check("CK_EffectiveSchema_Singleton", func(d Dialect) string {
			return d.Quote("EffectiveSchemaSingletonId") + " = 1"
		}),
		check("CK_EffectiveSchema_ApiSchemaFormatVersion_NotBlank", func(d Dialect) string {
			if d.Name() == "mssql" {
				return "LEN(LTRIM(RTRIM([ApiSchemaFormatVersion]))) > 0"
			}
			return `btrim("ApiSchemaFormatVersion") <> ''`
		}),
	}
	// SQL Server's binary(32) fixes the length already; PostgreSQL's bytea needs a check.
	if d.Name() == "pgsql" {
		effectiveSchemaChecks = append(effectiveSchemaChecks, check("CK_EffectiveSchema_ResourceKeySeedHash_Length",
			func(d Dialect) string { return `octet_length("ResourceKeySeedHash") = 32` }))
	}
	effectiveSchemaChecks = append(effectiveSchemaChecks, unique("UX_EffectiveSchema_EffectiveSchemaHash", "EffectiveSchemaHash"))

	return []*Table{
		{
			Name:    DescriptorTable,
			Columns: descriptorCols,
			Inline:  []Constraint{pk("Descriptor", Clustered, "DocumentId")},
			After:   []Constraint{unique("UX_Descriptor_Uri_Discriminator", "Uri", "Discriminator")},
		},
		{
			Name: DocumentTable,
			Columns: []Column{
				{Name: "DocumentId", Type: bigint, Identity: true},
				{Name: "DocumentUuid", Type: ColumnType{Kind: TypeUUID}},
				{Name: "ResourceKeyId", Type: smallint},
				{Name: "CreatedByOwnershipTokenId", Type: smallint, Nullable: true},
				{Name: "ContentVersion", Type: bigint, Default: DefaultNextChangeVersion},
				{Name: "IdentityVersion", Type: bigint, Default: DefaultNextChangeVersion},
				{Name: "ContentLastModifiedAt", Type: now, Default: DefaultNow},
				{Name: "IdentityLastModifiedAt", Type: now, Default: DefaultNow},
				{Name: "CreatedAt", Type: now, Default: DefaultNow},
			},
			Inline: []Constraint{pk("Document", Clustered, "DocumentId")},
			After:  []Constraint{unique("UX_Document_DocumentUuid", "DocumentUuid")},
		},
		{
			Name: EffectiveSchemaTable,
			Columns: []Column{
				{Name: "EffectiveSchemaSingletonId", Type: smallint},
				{Name: "ApiSchemaFormatVersion", Type: str(64)},
				{Name: "EffectiveSchemaHash", Type: str(64)},
				{Name: "ResourceKeyCount", Type: smallint},
				{Name: "ResourceKeySeedHash", Type: ColumnType{Kind: TypeSHA256}},
				{Name: "AppliedAt", Type: now, Default: DefaultNow},
			},
			Inline: []Constraint{pk("EffectiveSchema", Clustered, "EffectiveSchemaSingletonId")},
			After:  effectiveSchemaChecks,
		},
		{
			Name: ReferentialIdentityTable,
			Columns: []Column{
				{Name: "ReferentialId", Type: ColumnType{Kind: TypeUUID}},
				{Name: "DocumentId", Type: bigint},
				{Name: "ResourceKeyId", Type: smallint},
			},
			// Lookups go by ReferentialId, but rows are written and deleted per
			// document, so SQL Server clusters on (DocumentId, ResourceKeyId).
			Inline: []Constraint{
				pk("ReferentialIdentity", NonClustered, "ReferentialId"),
				{Kind: Unique, Name: "UX_ReferentialIdentity_DocumentId_ResourceKeyId", Columns: []string{"DocumentId", "ResourceKeyId"}, Clustering: Clustered},
			},
		},
		{
			Name: ResourceKeyTable,
			Columns: []Column{
				{Name: "ResourceKeyId", Type: smallint},
				{Name: "ProjectName", Type: str(256)},
				{Name: "ResourceName", Type: str(256)},
				{Name: "ResourceVersion", Type: str(32)},
			},
			Inline: []Constraint{pk("ResourceKey", Clustered, "ResourceKeyId")},
			After:  []Constraint{unique("UX_ResourceKey_ProjectName_ResourceName", "ProjectName", "ResourceName")},
		},
		{
			Name: SchemaComponentTable,
			Columns: []Column{
				{Name: "EffectiveSchemaHash", Type: str(64)},
				{Name: "ProjectEndpointName", Type: str(128)},
				{Name: "ProjectName", Type: str(256)},
				{Name: "ProjectVersion", Type: str(32)},
				{Name: "IsExtensionProject", Type: ColumnType{Kind: TypeBool}},
			},
			Inline: []Constraint{pk("SchemaComponent", Clustered, "EffectiveSchemaHash", "ProjectEndpointName")},
		},
	}
}

type tableFK struct {
	table TableName
	fk    Constraint
}

func coreForeignKeys() []tableFK {
	docID := []string{"DocumentId"}
	rkID := []string{"ResourceKeyId"}
	return []tableFK{
		{DescriptorTable, fk("FK_Descriptor_Document", docID, DocumentTable, docID, Cascade)},
		{DescriptorTable, fk("FK_Descriptor_ResourceKey", rkID, ResourceKeyTable, rkID, NoAction)},
		{DocumentTable, fk("FK_Document_ResourceKey", rkID, ResourceKeyTable, rkID, NoAction)},
		{ReferentialIdentityTable, fk("FK_ReferentialIdentity_Document", docID, DocumentTable, docID, Cascade)},
		{ReferentialIdentityTable, fk("FK_ReferentialIdentity_ResourceKey", rkID, ResourceKeyTable, rkID, NoAction)},
		{SchemaComponentTable, fk("FK_SchemaComponent_EffectiveSchemaHash", []string{"EffectiveSchemaHash"}, EffectiveSchemaTable, []string{"EffectiveSchemaHash"}, Cascade)},
	}
}

func coreIndexes() []Index {
	return []Index{
		{Name: "IX_Descriptor_ResourceKeyId_DocumentId", Table: DescriptorTable, Columns: []string{"ResourceKeyId", "DocumentId"}},
		{Name: "IX_Document_CreatedByOwnershipTokenId", Table: DocumentTable, Columns: []string{"CreatedByOwnershipTokenId"}},
	}
}

// CoreOptions are the model-dependent inputs of the core DDL.
type CoreOptions struct {
	// DescriptorTrackedChanges, when set, is the shared descriptor
	// tracked-change table; deleting a descriptor then records a tombstone
	// there from the descriptor stamping trigger.
	DescriptorTrackedChanges *TableName
}

// writeCore writes phases 1 to 8 of the core dms.* objects.
func writeCore(w *Writer, d Dialect, opts CoreOptions) {
	w.PhaseHeader(1, "Schemas")
	d.CreateSchema(w, DmsSchema)
	w.Blank()

	if d.Name() == "pgsql" {
		// uuidv5 needs digest() from pgcrypto; SQL Server has HASHBYTES built in.
		w.PhaseHeader(2, "Extensions")
		w.Line(`CREATE EXTENSION IF NOT EXISTS "pgcrypto";`)
		w.Blank()
	}

	w.PhaseHeader(3, "Sequences")
	for _, s := range []TableName{ChangeVersionSequence, CollectionItemIDSequence} {
		d.CreateSequence(w, s)
		w.Blank()
	}

	w.PhaseHeader(4, "Functions and Types")
	if d.Name() == "pgsql" {
		w.Block(pgsqlCoreFunctions)
	} else {
		w.Block(mssqlCoreFunctions)
	}
	w.Blank()

	w.PhaseHeader(5, "Tables (PK/UNIQUE/CHECK only, no cross-table FKs)")
	for _, t := range coreTables(d) {
		d.CreateTable(w, t)
		w.Blank()
		for _, c := range t.After {
			d.AddConstraint(w, t.Name, c)
			w.Blank()
		}
	}

	w.PhaseHeader(6, "Foreign Keys")
	for _, f := range coreForeignKeys() {
		d.AddConstraint(w, f.table, f.fk)
		w.Blank()
	}

	w.PhaseHeader(7, "Indexes")
	for _, ix := range coreIndexes() {
		d.CreateIndex(w, ix)
		w.Blank()
	}

	w.PhaseHeader(8, "Triggers")
	if d.Name() == "pgsql" {
		writePgsqlDescriptorTrigger(w, opts.DescriptorTrackedChanges)
	} else {
		writeMssqlDescriptorTrigger(w, opts.DescriptorTrackedChanges)
	}
	w.Blank()
}

func writePgsqlDescriptorTrigger(w *Writer, tracked *TableName) {
	d := Pgsql
	changed := make([]string, len(descriptorDataColumns))
	for i, c := range descriptorDataColumns {
		changed[i] = fmt.Sprintf("OLD.%[1]s IS DISTINCT FROM NEW.%[1]s", d.Quote(c.Name))
	}
	tombstone := ""
	if tracked != nil {
		tombstone = strings.Replace(pgsqlDescriptorTombstone, "{{table}}", d.Qualified(*tracked), 1)
	}
	w.Block(PgsqlDescriptorStamp(strings.Join(changed, " OR "), tombstone))
}

// PgsqlDescriptorStamp is the PostgreSQL stamping function and trigger of
// dms.Descriptor: changed is the predicate "a data column changed" (OLD
// against NEW), tombstone the lines that record a deletion in the
// descriptor tracked-change table ("" for none). ddlcompare builds it from
// the parts of the reference's form.
func PgsqlDescriptorStamp(changed, tombstone string) string {
	body := strings.Replace(pgsqlDescriptorTriggerTemplate, "{{changed}}", changed, 1)
	return strings.Replace(body, "{{tombstone}}\n", tombstone, 1)
}

// mssqlChangedPredicate is a NULL-aware "value differs" test between the
// inserted (i) and deleted (del) pseudo-tables. Text is compared as bytes so
// a case-only change under a case-insensitive collation still counts.
func mssqlChangedPredicate(c Column) string {
	q := Mssql.Quote(c.Name)
	left, right := "i."+q, "del."+q
	cmp := left + " <> " + right
	if c.Type.Kind == TypeString {
		cmp = fmt.Sprintf("CAST(%s AS varbinary(max)) <> CAST(%s AS varbinary(max))", left, right)
	}
	return fmt.Sprintf("(%s OR (%s IS NULL AND %s IS NOT NULL) OR (%s IS NOT NULL AND %s IS NULL))", cmp, left, right, left, right)
}

func writeMssqlDescriptorTrigger(w *Writer, tracked *TableName) {
	updated := make([]string, len(descriptorDataColumns))
	changed := make([]string, len(descriptorDataColumns))
	for i, c := range descriptorDataColumns {
		updated[i] = "UPDATE(" + Mssql.Quote(c.Name) + ")"
		changed[i] = mssqlChangedPredicate(c)
	}
	body := strings.Replace(mssqlDescriptorTriggerTemplate, "{{updated}}", strings.Join(updated, " OR "), 1)
	body = strings.Replace(body, "{{changed}}", strings.Join(changed, " OR "), 1)
	tombstone := ""
	if tracked != nil {
		tombstone = strings.Replace(mssqlDescriptorTombstone, "{{table}}", Mssql.Qualified(*tracked), 1)
	}
	body = strings.Replace(body, "{{tombstone}}\n", tombstone, 1)
	w.Block(body)
}
