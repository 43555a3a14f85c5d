package modelddl

import (
	"fmt"
	"sort"
	"strings"

	"github.com/edfi-dmsc/dmsc/compiler/ddl"
	"github.com/edfi-dmsc/dmsc/compiler/relmodel"
)

// columnType maps a logical scalar type to a portable column type; id
// columns without a scalar type are bigint.
func columnType(t *relmodel.ScalarType) (ddl.ColumnType, error) {
	if t == nil {
		return ddl.ColumnType{Kind: ddl.TypeBigInt}, nil
	}
	switch t.Kind {
	case relmodel.KindString:
		if t.MaxLength == 0 {
			return ddl.ColumnType{Kind: ddl.TypeText}, nil
		}
		return ddl.ColumnType{Kind: ddl.TypeString, Length: t.MaxLength}, nil
	case relmodel.KindInt32:
		return ddl.ColumnType{Kind: ddl.TypeInt}, nil
	case relmodel.KindInt64:
		return ddl.ColumnType{Kind: ddl.TypeBigInt}, nil
	case relmodel.KindDecimal:
		return ddl.ColumnType{Kind: ddl.TypeDecimal, Precision: t.Precision, Scale: t.Scale}, nil
	case relmodel.KindBoolean:
		return ddl.ColumnType{Kind: ddl.TypeBool}, nil
	case relmodel.KindDate:
		return ddl.ColumnType{Kind: ddl.TypeDate}, nil
	case relmodel.KindDateTime:
		return ddl.ColumnType{Kind: ddl.TypeDateTime}, nil
	case relmodel.KindTime:
		return ddl.ColumnType{Kind: ddl.TypeTime}, nil
	}
	return ddl.ColumnType{}, fmt.Errorf("unsupported scalar kind %q", t.Kind)
}

func isCollectionTable(t *relmodel.Table) bool {
	k := t.Identity.TableKind
	return k == relmodel.TableCollection || k == relmodel.TableExtensionCollection
}

// tableDef converts a model table into a CREATE TABLE definition: columns
// in model order, then the primary key, UNIQUE and CHECK constraints.
func tableDef(t *relmodel.Table) (*ddl.Table, error) {
	tbl := &ddl.Table{Name: tableName(t.Name)}
	for _, c := range t.Columns {
		typ, err := columnType(c.Type)
		if err != nil {
			return nil, fmt.Errorf("table %s column %s: %w", t.Name, c.Name, err)
		}
		col := ddl.Column{Name: c.Name, Type: typ, Nullable: c.Nullable}
		switch {
		case c.Storage.UnifiedAlias:
			col.Alias = &ddl.Alias{Canonical: c.Storage.CanonicalColumn, Presence: c.Storage.PresenceColumn}
		case c.Kind == relmodel.ColMirroredContentVersion:
			col.Default = ddl.DefaultZero
		case c.Kind == relmodel.ColMirroredContentLastModifiedAt:
			col.Default = ddl.DefaultNow
		case c.Kind == relmodel.ColCollectionKey && isCollectionTable(t):
			col.Default = ddl.DefaultNextCollectionItemID
		}
		tbl.Columns = append(tbl.Columns, col)
	}
	if len(t.Key) > 0 {
		cols := make([]string, len(t.Key))
		for i, k := range t.Key {
			cols[i] = k.Name
		}
		tbl.Inline = append(tbl.Inline, ddl.Constraint{Kind: ddl.PrimaryKey, Name: t.PrimaryKeyName, Columns: cols})
	}
	for _, c := range t.Constraints {
		switch c.Kind {
		case relmodel.ConUnique:
			tbl.Inline = append(tbl.Inline, ddl.Constraint{Kind: ddl.Unique, Name: c.Name, Columns: c.Columns})
		case relmodel.ConAllOrNoneNullability:
			cols := append([]string{c.FkColumn}, c.DependentColumns...)
			tbl.Inline = append(tbl.Inline, ddl.Constraint{Kind: ddl.Check, Name: c.Name, CheckSQL: allOrNone(cols)})
		case relmodel.ConNullOrTrue:
			tbl.Inline = append(tbl.Inline, ddl.Constraint{Kind: ddl.Check, Name: c.Name, CheckSQL: nullOrTrue(c.Column)})
		}
	}
	return tbl, nil
}

// allOrNone: a reference's columns are all NULL (absent) or all set.
func allOrNone(cols []string) func(ddl.Dialect) string {
	return func(d ddl.Dialect) string {
		nulls := make([]string, len(cols))
		sets := make([]string, len(cols))
		for i, c := range cols {
			nulls[i] = d.Quote(c) + " IS NULL"
			sets[i] = d.Quote(c) + " IS NOT NULL"
		}
		return "(" + strings.Join(nulls, " AND ") + ") OR (" + strings.Join(sets, " AND ") + ")"
	}
}

// nullOrTrue: a presence flag is NULL (absent) or true, never false.
func nullOrTrue(col string) func(ddl.Dialect) string {
	return func(d ddl.Dialect) string {
		return fmt.Sprintf("%s IS NULL OR %s = %s", d.Quote(col), d.Quote(col), d.BoolLiteral(true))
	}
}

// trackedTableDef is the CREATE TABLE of a tracked-change table: Old/New
// value column pairs, then the system columns, keyed by ChangeVersion.
func trackedTableDef(tc *relmodel.TrackedChangeTable) (*ddl.Table, error) {
	tbl := &ddl.Table{Name: tableName(tc.Table), DefaultStem: tc.Table.Schema + "_" + tc.Table.Name}
	for _, v := range tc.ValueColumns {
		typ, err := columnType(&v.Type)
		if err != nil {
			return nil, fmt.Errorf("tracked-change table %s column %s: %w", tc.Table, v.OldColumn, err)
		}
		tbl.Columns = append(tbl.Columns,
			ddl.Column{Name: v.OldColumn, Type: typ, Nullable: v.IsOldNullable},
			ddl.Column{Name: v.NewColumn, Type: typ, Nullable: v.IsNewNullable})
	}
	for _, sc := range tc.SystemColumns {
		typ := ddl.ColumnType{Kind: ddl.TypeUUID}
		if sc.Type != nil {
			var err error
			if typ, err = columnType(sc.Type); err != nil {
				return nil, fmt.Errorf("tracked-change table %s column %s: %w", tc.Table, sc.Column, err)
			}
		}
		col := ddl.Column{Name: sc.Column, Type: typ, Nullable: sc.Nullable}
		if sc.Role == "CreatedAt" {
			col.Default = ddl.DefaultNow
		}
		tbl.Columns = append(tbl.Columns, col)
	}
	if len(tc.PrimaryKeyColumns) > 0 {
		tbl.Inline = append(tbl.Inline, ddl.Constraint{Kind: ddl.PrimaryKey, Name: "PK_" + tc.Table.Schema + "_" + tc.Table.Name,
			Columns: tc.PrimaryKeyColumns, Clustering: ddl.Clustered})
	}
	return tbl, nil
}

func action(a relmodel.ReferentialAction) ddl.ReferentialAction {
	if a == relmodel.Cascade {
		return ddl.Cascade
	}
	return ddl.NoAction
}

// writeForeignKeys adds a table's foreign keys, by constraint name.
func writeForeignKeys(w *ddl.Writer, d ddl.Dialect, t *relmodel.Table) {
	var fks []*relmodel.Constraint
	for _, c := range t.Constraints {
		if c.Kind == relmodel.ConForeignKey {
			fks = append(fks, c)
		}
	}
	sort.SliceStable(fks, func(a, b int) bool { return less(fks[a].Name, fks[b].Name) })
	for _, c := range fks {
		d.AddConstraint(w, tableName(t.Name), ddl.Constraint{Kind: ddl.ForeignKey, Name: c.Name, Columns: c.Columns,
			RefTable: tableName(c.TargetTable), RefColumns: c.TargetColumns, OnDelete: action(c.OnDelete), OnUpdate: action(c.OnUpdate)})
		w.Blank()
	}
}

// writeView writes an abstract resource's union view over its concrete
// members. On SQL Server the view starts its own batch; the trigger phase
// that always follows views opens the next one.
func writeView(w *ddl.Writer, d ddl.Dialect, v relmodel.AbstractUnionView) error {
	mssql := d.Name() == "mssql"
	if mssql {
		w.Line("GO")
		w.Linef("CREATE OR ALTER VIEW %s AS", d.Qualified(tableName(v.View)))
	} else {
		w.Linef("CREATE OR REPLACE VIEW %s AS", d.Qualified(tableName(v.View)))
	}
	for i, arm := range v.Arms {
		if i > 0 {
			w.Line("UNION ALL")
		}
		if len(arm.Projections) != len(v.Columns) {
			return fmt.Errorf("view %s: arm %s projects %d columns, the view has %d", v.View, arm.ConcreteMember, len(arm.Projections), len(v.Columns))
		}
		items := make([]string, len(arm.Projections))
		for j, p := range arm.Projections {
			col := v.Columns[j]
			expr := d.Quote(p.Value)
			if p.Literal {
				typ, err := columnType(col.Type)
				if err != nil {
					return fmt.Errorf("view %s column %s: %w", v.View, col.Name, err)
				}
				if mssql {
					expr = fmt.Sprintf("CAST(%s AS %s)", d.StringLiteral(p.Value), d.TypeName(typ))
				} else {
					expr = d.StringLiteral(p.Value) + "::" + d.TypeName(typ)
				}
			}
			items[j] = expr + " AS " + d.Quote(col.Name)
		}
		w.Line("SELECT " + strings.Join(items, ", "))
		w.Linef("FROM %s", d.Qualified(tableName(arm.FromTable)))
	}
	w.Line(";")
	w.Blank()
	return nil
}

// authTableDef is the education organization hierarchy closure table:
// one (ancestor, descendant) row per pair, including each organization
// paired with itself.
func authTableDef() *ddl.Table {
	id := ddl.ColumnType{Kind: ddl.TypeBigInt}
	cols := []string{relmodel.AuthSourceEdOrgColumn, relmodel.AuthTargetEdOrgColumn}
	return &ddl.Table{
		Name:    tableName(relmodel.AuthEdOrgTable),
		Columns: []ddl.Column{{Name: cols[0], Type: id}, {Name: cols[1], Type: id}},
		Inline:  []ddl.Constraint{{Kind: ddl.PrimaryKey, Name: "PK_" + relmodel.AuthEdOrgTable.Name, Columns: cols, Clustering: ddl.Clustered}},
	}
}
