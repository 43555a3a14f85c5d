package plan

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/edfi-dmsc/dmsc/compiler/jsonx"
	"github.com/edfi-dmsc/dmsc/compiler/relmodel"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// SQL names of the dms core tables the read path uses.
const (
	documentTable   = `"dms"."Document"`
	descriptorTable = `"dms"."Descriptor"`
)

// q quotes a PostgreSQL identifier.
func q(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }

// qualified is t's schema-qualified name as the plans' SQL writes it.
func qualified(t relmodel.TableName) string { return qualifiedName(t.Schema, t.Name) }

// qualifiedName is qualified for a table named by its parts (a plan's
// spec.Table).
func qualifiedName(schema, name string) string { return q(schema) + "." + q(name) }

// documentIDOf is the scalar subquery resolving DocumentUuid $1.
const documentIDOf = `(SELECT "DocumentId" FROM "dms"."Document" WHERE "DocumentUuid" = $1)`

// Conditions on a root document id column selecting the document being
// read by id and the documents of the page being read.
const (
	byIDCondition   = " = " + documentIDOf
	pageIDCondition = " = ANY(" + spec.PageIDs + ")"
)

// rootLocators are the dms.Document columns a root (or descriptor) select
// starts with.
var rootLocators = []string{`d."DocumentId"`, `d."DocumentUuid"`, `d."ContentVersion"`, `d."ContentLastModifiedAt"`}

// pageRootFilter restricts both sides of a root table's (or
// dms.Descriptor's) join with dms.Document to the page, so neither is read
// beyond it, and orders the rows by document id.
const pageRootFilter = "\nWHERE r.\"DocumentId\"" + pageIDCondition +
	"\n" + sqlIndent + "AND d.\"DocumentId\"" + pageIDCondition +
	"\nORDER BY r.\"DocumentId\""

// buildRead computes a resource's read-path plan.
func buildRead(in Input, rs resourceSchema, mr *relmodel.Resource, r *spec.Resource) (*spec.ReadPlan, error) {
	rp := &spec.ReadPlan{Referrers: referrers(in.Model, mr)}
	var err error
	if r.IsDescriptor {
		err = buildDescriptorRead(rp, rs, r)
	} else {
		err = buildRelationalRead(in, mr, rp, r, propertyOrder(in, rs))
	}
	if err != nil {
		return nil, err
	}
	if err := buildQueryFields(rp, rs, mr, r); err != nil {
		return nil, err
	}
	return rp, nil
}

// propertyOrder numbers every property path of the resource's
// jsonSchemaForInsert, and of its resource extensions, in schema order:
// the document is written in that order.
func propertyOrder(in Input, rs resourceSchema) map[string]int {
	order := map[string]int{}
	var walk func(schema *jsonx.Value, path string)
	walk = func(schema *jsonx.Value, path string) {
		if schema == nil {
			return
		}
		props := schema.Get("properties")
		if props == nil {
			if items := schema.Get("items"); items != nil {
				walk(items, path+"[*]")
			}
			return
		}
		for _, m := range props.Members {
			p := path + "." + m.Key
			if _, ok := order[p]; !ok {
				order[p] = len(order)
			}
			walk(m.Value, p)
		}
	}
	walk(rs.schema.Get("jsonSchemaForInsert"), "$")
	name := rs.schema.Get("resourceName").StringOr("")
	for _, p := range in.Set.Projects {
		if !p.IsExtension {
			continue
		}
		ext := p.Schema.Get("resourceSchemas").Get(rs.endpoint)
		if ext == nil || !ext.Get("isResourceExtension").BoolOr(false) || ext.Get("resourceName").StringOr("") != name {
			continue
		}
		walk(ext.Get("jsonSchemaForInsert"), "$")
	}
	return order
}

// tableLocators are the names of a non-root table's locator columns.
type tableLocators struct {
	document, key, parent, ordinal string
}

func locatorsOf(t *spec.Table) (tableLocators, error) {
	var l tableLocators
	var own, parentItem, base string
	for _, c := range t.Columns {
		switch c.Kind {
		case spec.DocumentIDColumn:
			l.document = c.Name
		case spec.CollectionItemIDColumn:
			own = c.Name
		case spec.ParentCollectionItemIDColumn:
			parentItem = c.Name
		case spec.BaseCollectionItemIDColumn:
			base = c.Name
		case spec.OrdinalColumn:
			l.ordinal = c.Name
		}
	}
	if l.document == "" {
		return l, fmt.Errorf("table %s.%s has no root document id column", t.Schema, t.Name)
	}
	l.key = cmp.Or(own, base, l.document)
	l.parent = cmp.Or(parentItem, base, l.document)
	return l, nil
}

// documentFilter returns the condition selecting the rows of table ti
// (aliased a) that belong to the documents whose root document id
// satisfies cond. A table located by the root document id filters on it;
// a nested table (located by its parent item's key) filters on the keys
// of its nearest ancestor rows of the documents, skipping extension
// scopes, which are keyed like their base item: the DDL indexes the parent
// key of nested tables but not their root document id. The ancestor keys
// are collected into an array so that PostgreSQL looks them up in the
// index instead of joining the tables.
func documentFilter(tables []*spec.Table, ti int, a string, depth int, cond string) (string, error) {
	l, err := locatorsOf(tables[ti])
	if err != nil {
		return "", err
	}
	if l.parent == l.document {
		return a + "." + q(l.document) + cond, nil
	}
	anc := tables[ti].Parent
	for anc > 0 && tables[anc].Kind == spec.CollectionExtensionScopeTable {
		anc = tables[anc].Parent
	}
	if anc <= 0 {
		return "", fmt.Errorf("table %s is nested under no collection", tables[ti].Name)
	}
	al, err := locatorsOf(tables[anc])
	if err != nil {
		return "", err
	}
	p := "p" + strconv.Itoa(depth)
	inner, err := documentFilter(tables, anc, p, depth+1, cond)
	if err != nil {
		return "", err
	}
	return a + "." + q(l.parent) + " = ANY(ARRAY(SELECT " + p + "." + q(al.key) + " FROM " + qualifiedName(tables[anc].Schema, tables[anc].Name) + " " + p + " WHERE " + inner + "))", nil
}

// lookupJoin renders the join (as alias) of the columns of the row of
// table (dms.Document or dms.Descriptor) whose DocumentId is the value of
// fk, NULLs when there is none. The lookup is a lateral subquery that
// PostgreSQL cannot flatten (OFFSET 0): it is one primary-key probe per
// hydrated row, never a hash or merge join reading the whole table, which
// the planner would pick for a page when the table is small enough.
func lookupJoin(alias, columns, table, fk string) string {
	return "\nLEFT JOIN LATERAL (SELECT " + columns + " FROM " + table + ` WHERE "DocumentId" = ` + fk + " OFFSET 0) " + alias + " ON true"
}

// valueExpr renders the select expression of a value column of alias a and
// the join it needs ("" when none); n numbers descriptor joins.
func valueExpr(a string, c *spec.Column, n int) (expr, join string, typ spec.ScalarType) {
	col := a + "." + q(c.Name)
	if c.Kind == spec.DescriptorFKColumn {
		d := "d" + strconv.Itoa(n)
		return d + `."Uri"`, lookupJoin(d, `"Uri"`, descriptorTable, col), spec.StringType
	}
	switch c.Type {
	case spec.DecimalType, spec.TimeType:
		return col + "::text", "", c.Type
	}
	return col, "", c.Type
}

// isValueColumn reports whether a column is written into the document:
// scalars and descriptors located by steps. Reference FK columns are not
// (a reference object is written from its binding columns).
func isValueColumn(c *spec.Column) bool {
	return len(c.Steps) > 0 && (c.Kind == spec.ScalarColumn || c.Kind == spec.DescriptorFKColumn)
}

// isLinkColumn reports whether a column is a reference's FK, which the
// read selects the referenced DocumentUuid and ResourceKeyId through to
// write the reference's link.
func isLinkColumn(c *spec.Column) bool {
	return len(c.Steps) > 0 && c.Kind == spec.DocumentFKColumn
}

func buildRelationalRead(in Input, mr *relmodel.Resource, rp *spec.ReadPlan, r *spec.Resource, order map[string]int) error {
	if len(r.Tables) == 0 {
		return fmt.Errorf("relational resource without tables")
	}
	b := newShapeBuilder(order, func(c *spec.Column) ([]spec.LinkTarget, error) {
		if c.Reference < 0 || c.Reference >= len(mr.References) {
			return nil, fmt.Errorf("reference column without a reference binding")
		}
		return linkTargets(in, mr.References[c.Reference].TargetResource)
	})
	for ti, t := range r.Tables {
		alias := "t"
		if ti == 0 {
			alias = "r"
		}
		rt := &spec.ReadTable{Parent: t.Parent, OneToOne: t.Kind == spec.RootExtensionTable || t.Kind == spec.CollectionExtensionScopeTable}
		var exprs, joins []string
		for _, c := range t.Columns {
			switch {
			case isLinkColumn(c):
				l := "l" + strconv.Itoa(len(joins))
				exprs = append(exprs, l+`."DocumentUuid"`, l+`."ResourceKeyId"`)
				joins = append(joins, lookupJoin(l, `"DocumentUuid", "ResourceKeyId"`, documentTable, alias+"."+q(c.Name)))
				rt.Values = append(rt.Values, spec.ReadValue{Column: c.Name}, spec.ReadValue{Column: c.Name})
			case isValueColumn(c):
				e, j, typ := valueExpr(alias, c, len(joins))
				exprs = append(exprs, e)
				if j != "" {
					joins = append(joins, j)
				}
				rt.Values = append(rt.Values, spec.ReadValue{Column: c.Name, Type: typ})
			}
		}
		from := qualifiedName(t.Schema, t.Name) + " " + alias
		if ti == 0 {
			sel := "SELECT" + sqlList(append(slices.Clone(rootLocators), exprs...)) +
				"\nFROM " + from + "\nJOIN " + documentTable + ` d ON d."DocumentId" = r."DocumentId"` + strings.Join(joins, "")
			setStatements(rt, sel, "\nWHERE d.\"DocumentUuid\" = $1", pageRootFilter)
		} else {
			l, err := locatorsOf(t)
			if err != nil {
				return err
			}
			locs := []string{alias + "." + q(l.document), alias + "." + q(l.key), alias + "." + q(l.parent)}
			sel := "SELECT" + sqlList(append(locs, exprs...)) + "\nFROM " + from + strings.Join(joins, "")
			orderBy := "\nORDER BY " + locs[0]
			if l.parent != l.document {
				orderBy += ", " + locs[2]
			}
			if l.ordinal != "" {
				orderBy += ", " + alias + "." + q(l.ordinal)
			}
			byID, err := documentFilter(r.Tables, ti, alias, 1, byIDCondition)
			if err != nil {
				return err
			}
			page, err := documentFilter(r.Tables, ti, alias, 1, pageIDCondition)
			if err != nil {
				return err
			}
			setStatements(rt, sel, "\nWHERE "+byID+orderBy, "\nWHERE "+page+orderBy)
		}
		rp.Tables = append(rp.Tables, rt)
		if err := b.addTable(r.Tables, ti, rt); err != nil {
			return err
		}
	}
	rp.Document = b.finish()
	root := qualifiedName(r.Tables[0].Schema, r.Tables[0].Name)
	rp.PageFrom = root + " r"
	rp.DeleteRoot = "DELETE FROM " + root + "\nWHERE \"DocumentId\" = " + documentIDOf + "\nRETURNING \"ContentVersion\""
	rp.DeleteDocument = deleteDocument(r)
	rp.LockDocument = "SELECT d.\"ContentVersion\"\nFROM " + documentTable + " d\nJOIN " + root +
		" r ON r.\"DocumentId\" = d.\"DocumentId\"\nWHERE d.\"DocumentUuid\" = $1\nFOR UPDATE OF d"
	return nil
}

// deleteDocument removes the dms.Document row of the document with
// DocumentUuid $1, restricted to r's resource key so an id of another
// resource deletes nothing.
func deleteDocument(r *spec.Resource) string {
	return "DELETE FROM " + documentTable + "\nWHERE \"DocumentUuid\" = $1\n" + sqlIndent + "AND \"ResourceKeyId\" = " + strconv.Itoa(int(r.ResourceKeyID))
}

// descriptorMember is a descriptor document member and the
// dms.Descriptor column storing it.
type descriptorMember struct {
	name  string
	value spec.ReadValue
}

// descriptorMembers are the descriptor document's members in the order
// the reference writes them.
var descriptorMembers = []descriptorMember{
	{"namespace", spec.ReadValue{Column: "Namespace", Type: spec.StringType}},
	{"codeValue", spec.ReadValue{Column: "CodeValue", Type: spec.StringType}},
	{"shortDescription", spec.ReadValue{Column: "ShortDescription", Type: spec.StringType}},
	{"description", spec.ReadValue{Column: "Description", Type: spec.StringType}},
	{"effectiveBeginDate", spec.ReadValue{Column: "EffectiveBeginDate", Type: spec.DateType}},
	{"effectiveEndDate", spec.ReadValue{Column: "EffectiveEndDate", Type: spec.DateType}},
}

func buildDescriptorRead(rp *spec.ReadPlan, rs resourceSchema, r *spec.Resource) error {
	props := rs.schema.Get("jsonSchemaForInsert").Get("properties")
	if props == nil {
		return fmt.Errorf("descriptor without jsonSchemaForInsert properties")
	}
	for _, m := range props.Members {
		if descriptorMemberOf("$."+m.Key) == nil {
			return fmt.Errorf("descriptor member %s has no dms.Descriptor column", m.Key)
		}
	}
	rt := &spec.ReadTable{Parent: -1}
	exprs := slices.Clone(rootLocators)
	for _, m := range descriptorMembers {
		if props.Get(m.name) == nil {
			continue
		}
		rp.Document = append(rp.Document, &spec.Node{Name: m.name, Kind: spec.ScalarNode, Table: 0, Value: len(rt.Values), Type: m.value.Type})
		rt.Values = append(rt.Values, m.value)
		exprs = append(exprs, "r."+q(m.value.Column))
	}
	keyFilter := `r."ResourceKeyId" = ` + strconv.Itoa(int(r.ResourceKeyID))
	sel := "SELECT" + sqlList(exprs) + "\nFROM " + descriptorTable + " r\nJOIN " + documentTable + ` d ON d."DocumentId" = r."DocumentId"`
	// Drive the lookup from the document's unique uuid: filtering the join
	// on d."DocumentUuid" lets a generic plan walk every descriptor of the
	// type before statistics exist.
	setStatements(rt, sel, "\nWHERE r.\"DocumentId\""+byIDCondition+"\n"+sqlIndent+"AND "+keyFilter, pageRootFilter)
	rp.Tables = []*spec.ReadTable{rt}
	rp.PageFrom = descriptorTable + " r"
	rp.PageWhere = keyFilter
	rp.DeleteRoot = "DELETE FROM " + descriptorTable + " r\nWHERE r.\"DocumentId\" = " + documentIDOf + "\n" + sqlIndent + "AND " + keyFilter + "\nRETURNING r.\"ContentVersion\""
	rp.DeleteDocument = deleteDocument(r)
	rp.LockDocument = "SELECT d.\"ContentVersion\"\nFROM " + documentTable + " d\nWHERE d.\"DocumentUuid\" = $1\n" + sqlIndent + "AND d.\"ResourceKeyId\" = " +
		strconv.Itoa(int(r.ResourceKeyID)) + "\nFOR UPDATE"
	return nil
}

// shapeBuilder assembles the document's node tree from the tables' value
// columns and orders every level by the schema's property order.
type shapeBuilder struct {
	order map[string]int
	// targets lists the link targets of a reference FK column.
	targets func(c *spec.Column) ([]spec.LinkTarget, error)
	root    *spec.Node
	paths   map[*spec.Node]string
	scopes  []*spec.Node // per table: the node whose members are the table's scope
}

func newShapeBuilder(order map[string]int, targets func(c *spec.Column) ([]spec.LinkTarget, error)) *shapeBuilder {
	root := &spec.Node{Kind: spec.ObjectNode, Table: -1}
	return &shapeBuilder{order: order, targets: targets, root: root, paths: map[*spec.Node]string{root: "$"}}
}

// member finds or creates the member called name of parent.
func (b *shapeBuilder) member(parent *spec.Node, name string, kind spec.NodeKind) (*spec.Node, error) {
	for _, m := range parent.Members {
		if m.Name == name {
			if m.Kind != kind {
				return nil, fmt.Errorf("%s.%s is used both as %d and %d", b.paths[parent], name, m.Kind, kind)
			}
			return m, nil
		}
	}
	n := &spec.Node{Name: name, Kind: kind, Table: -1}
	parent.Members = append(parent.Members, n)
	b.paths[n] = b.itemPath(parent) + "." + name
	return n, nil
}

// itemPath is the canonical path members of n extend: an array's items
// add [*].
func (b *shapeBuilder) itemPath(n *spec.Node) string {
	if n.Kind == spec.ArrayNode {
		return b.paths[n] + "[*]"
	}
	return b.paths[n]
}

func (b *shapeBuilder) addTable(tables []*spec.Table, ti int, rt *spec.ReadTable) error {
	t := tables[ti]
	node := b.root
	if t.Parent >= 0 {
		node = b.scopes[t.Parent]
		steps := t.ScopeSteps
		for i := 0; i < len(steps); i++ {
			kind := spec.ObjectNode
			if i+1 < len(steps) && steps[i+1] == "[*]" {
				kind = spec.ArrayNode
			}
			n, err := b.member(node, steps[i], kind)
			if err != nil {
				return fmt.Errorf("table %s: %w", t.Name, err)
			}
			if kind == spec.ArrayNode {
				i++
				if i == len(steps)-1 {
					n.Table = ti
				}
			}
			node = n
		}
		if rt.OneToOne {
			node.Table = ti
		}
	}
	for len(b.scopes) <= ti {
		b.scopes = append(b.scopes, nil)
	}
	b.scopes[ti] = node
	vi := 0
	for _, c := range t.Columns {
		switch {
		case isLinkColumn(c):
			if err := b.addLink(node, t, ti, vi, c); err != nil {
				return err
			}
			vi += 2
		case isValueColumn(c):
			if err := b.addValue(node, t, ti, vi, c); err != nil {
				return err
			}
			vi++
		}
	}
	return nil
}

// addLink adds the link member of the reference object c (a reference's
// FK column) locates.
func (b *shapeBuilder) addLink(scope *spec.Node, t *spec.Table, ti, vi int, c *spec.Column) error {
	node := scope
	for _, s := range c.Steps {
		n, err := b.member(node, s, spec.ObjectNode)
		if err != nil {
			return fmt.Errorf("table %s column %s: %w", t.Name, c.Name, err)
		}
		node = n
	}
	targets, err := b.targets(c)
	if err != nil {
		return fmt.Errorf("table %s column %s: %w", t.Name, c.Name, err)
	}
	n, err := b.member(node, "link", spec.LinkNode)
	if err != nil {
		return err
	}
	n.Table, n.Value, n.Targets = ti, vi, targets
	return nil
}

func (b *shapeBuilder) addValue(scope *spec.Node, t *spec.Table, ti, vi int, c *spec.Column) error {
	node := scope
	for _, s := range c.Steps[:len(c.Steps)-1] {
		n, err := b.member(node, s, spec.ObjectNode)
		if err != nil {
			return fmt.Errorf("table %s column %s: %w", t.Name, c.Name, err)
		}
		node = n
	}
	typ := c.Type
	if c.Kind == spec.DescriptorFKColumn {
		typ = spec.StringType
	}
	name := c.Steps[len(c.Steps)-1]
	for _, m := range node.Members {
		if m.Name == name {
			if m.Kind != spec.ScalarNode || m.Table != ti {
				return fmt.Errorf("table %s column %s: %s is stored twice", t.Name, c.Name, c.JSONPath)
			}
			m.Alternates = append(m.Alternates, vi)
			return nil
		}
	}
	n, err := b.member(node, name, spec.ScalarNode)
	if err != nil {
		return err
	}
	n.Table, n.Value, n.Type = ti, vi, typ
	return nil
}

// finish orders every level by schema order (unknown paths last, in
// model order) and returns the root's members.
func (b *shapeBuilder) finish() []*spec.Node {
	rank := func(m *spec.Node) int {
		if r, ok := b.order[b.paths[m]]; ok {
			return r
		}
		return math.MaxInt
	}
	var sortNode func(n *spec.Node)
	sortNode = func(n *spec.Node) {
		slices.SortStableFunc(n.Members, func(x, y *spec.Node) int { return cmp.Compare(rank(x), rank(y)) })
		for _, m := range n.Members {
			sortNode(m)
		}
	}
	sortNode(b.root)
	return b.root.Members
}

// buildQueryFields compiles queryFieldMapping into predicates over the
// page's FROM (alias r).
func buildQueryFields(rp *spec.ReadPlan, rs resourceSchema, mr *relmodel.Resource, r *spec.Resource) error {
	qfm := rs.schema.Get("queryFieldMapping")
	if qfm == nil {
		return nil
	}
	for _, m := range qfm.Members {
		qf := &spec.QueryField{Name: m.Key}
		var preds [][]string
		for i, p := range m.Value.Items {
			path, typ := p.Get("path").StringOr(""), p.Get("type").StringOr("")
			if i == 0 {
				qf.JSONPath, qf.Type = path, typ
			}
			pred, param, desc, err := predicate(mr, r, path)
			if err != nil {
				return fmt.Errorf("queryFieldMapping %s: %w", m.Key, err)
			}
			if i == 0 {
				qf.Param = param
				if desc != nil {
					qf.DescriptorProject, qf.DescriptorResource = desc.Project, desc.Resource
				}
			} else if param != qf.Param || (desc != nil && desc.Resource != qf.DescriptorResource) {
				return fmt.Errorf("queryFieldMapping %s: paths bind different types", m.Key)
			}
			preds = append(preds, pred)
		}
		if len(preds) == 0 {
			return fmt.Errorf("queryFieldMapping %s has no path", m.Key)
		}
		qf.Predicate = joinPredicates(preds)
		rp.QueryFields = append(rp.QueryFields, qf)
	}
	return nil
}

// joinPredicates ORs several single-placeholder predicates sharing one
// parameter.
func joinPredicates(preds [][]string) []string {
	if len(preds) == 1 {
		return preds[0]
	}
	out := []string{"(" + preds[0][0]}
	for i, p := range preds {
		last := out[len(out)-1]
		if i > 0 {
			out[len(out)-1] = last + " OR " + p[0]
		}
		out = append(out, p[1])
	}
	out[len(out)-1] += ")"
	return out
}

// paramCast makes a parameter of text bind as the column's type, so values
// validated as text compare with the column's own type (and its index).
func paramCast(t spec.ScalarType) string {
	switch t {
	case spec.DecimalType:
		return "::text)::numeric"
	case spec.DateType:
		return "::text)::date"
	case spec.DateTimeType:
		return "::text)::timestamp with time zone"
	case spec.TimeType:
		return "::text)::time"
	}
	return ")"
}

// predicate compiles the condition for one mapped path: a two-part
// predicate around the parameter placeholder, the parameter's type and,
// for a descriptor value, the descriptor resource.
func predicate(mr *relmodel.Resource, r *spec.Resource, path string) ([]string, spec.ScalarType, *relmodel.ResourceName, error) {
	if path == "$.id" {
		return []string{`r."DocumentId" = (SELECT "DocumentId" FROM "dms"."Document" WHERE "DocumentUuid" = (`, "::text)::uuid)"}, spec.NoType, nil, nil
	}
	if r.IsDescriptor {
		m := descriptorMemberOf(path)
		if m == nil {
			return nil, 0, nil, fmt.Errorf("path %s is not a descriptor member", path)
		}
		return []string{"r." + q(m.value.Column) + " = (", paramCast(m.value.Type)}, m.value.Type, nil, nil
	}
	for ti, t := range r.Tables {
		for _, c := range t.Columns {
			if c.JSONPath != path || !isValueColumn(c) {
				continue
			}
			alias := "r"
			if ti > 0 {
				alias = "c"
			}
			col, gate := alias+"."+q(c.Name), ""
			if c.Alias {
				// A key-unification alias is generated as CASE WHEN presence
				// IS NULL THEN NULL ELSE canonical END: comparing the
				// canonical column, gated by the presence, is the same
				// condition, and the DDL's indexes are on the canonical one.
				col = alias + "." + q(c.Canonical)
				if c.Presence != "" {
					gate = " AND " + alias + "." + q(c.Presence) + " IS NOT NULL"
				}
			}
			var cond []string
			param := c.Type
			var desc *relmodel.ResourceName
			if c.Kind == spec.DescriptorFKColumn {
				param = spec.StringType
				if desc = descriptorOf(mr, t, c); desc == nil {
					return nil, 0, nil, fmt.Errorf("descriptor column %s.%s has no descriptor edge", t.Name, c.Name)
				}
				cond = []string{col + ` = (SELECT "DocumentId" FROM "dms"."ReferentialIdentity" WHERE "ReferentialId" = (`, "::text)::uuid)"}
			} else {
				cond = []string{col + " = (", paramCast(c.Type)}
			}
			if gate != "" {
				cond = []string{"(" + cond[0], cond[1] + gate + ")"}
			}
			if ti == 0 {
				return cond, param, desc, nil
			}
			l, err := locatorsOf(t)
			if err != nil {
				return nil, 0, nil, err
			}
			return []string{"EXISTS (SELECT 1 FROM " + qualifiedName(t.Schema, t.Name) + " c WHERE c." + q(l.document) + ` = r."DocumentId" AND ` + cond[0], cond[1] + ")"}, param, desc, nil
		}
	}
	return nil, 0, nil, fmt.Errorf("path %s has no column", path)
}

// descriptorOf finds the descriptor resource a descriptor column of t
// holds (a key-unified binding column shares its edge's canonical path).
func descriptorOf(mr *relmodel.Resource, t *spec.Table, c *spec.Column) *relmodel.ResourceName {
	for _, e := range mr.DescriptorEdges {
		if e.Table.Schema == t.Schema && e.Table.Name == t.Name && (e.FkColumn == c.Name || e.DescriptorValuePath == c.JSONPath) {
			return &e.DescriptorResource
		}
	}
	return nil
}

// referrers lists the tables whose references can point at a document of
// mr: document references to mr or its abstract superclass, and
// descriptor columns of mr's type.
func referrers(m *relmodel.ModelSet, mr *relmodel.Resource) []spec.Referrer {
	targets := []relmodel.ResourceName{mr.Name}
	if mr.SuperclassResource != nil {
		targets = append(targets, *mr.SuperclassResource)
	}
	var out []spec.Referrer
	add := func(owner relmodel.ResourceName, t relmodel.TableName) {
		ref := spec.Referrer{Schema: t.Schema, Table: t.Name, Resource: owner.Resource}
		if !slices.Contains(out, ref) {
			out = append(out, ref)
		}
	}
	for _, other := range m.Resources {
		for _, ref := range other.References {
			if slices.Contains(targets, ref.TargetResource) {
				add(other.Name, ref.Table)
			}
		}
		for _, e := range other.DescriptorEdges {
			if e.DescriptorResource == mr.Name {
				add(other.Name, e.Table)
			}
		}
	}
	slices.SortFunc(out, func(a, b spec.Referrer) int {
		return cmpStrings(a.Schema+"."+a.Table, b.Schema+"."+b.Table)
	})
	return out
}

func cmpStrings(a, b string) int {
	switch {
	case jsonx.LessOrdinal(a, b):
		return -1
	case jsonx.LessOrdinal(b, a):
		return 1
	}
	return 0
}

// linkTargets lists the resources a reference to target may point at:
// target itself, or every concrete resource whose superclass it is.
func linkTargets(in Input, target relmodel.ResourceName) ([]spec.LinkTarget, error) {
	var out []spec.LinkTarget
	for _, r := range in.Model.Resources {
		if r.Name != target && (r.SuperclassResource == nil || *r.SuperclassResource != target) {
			continue
		}
		endpoint, project := endpointOf(in, r.Name)
		if endpoint == "" {
			return nil, fmt.Errorf("no endpoint for %s", r.Name)
		}
		out = append(out, spec.LinkTarget{ResourceKeyID: r.ResourceKeyID, Rel: r.Name.Resource, Path: "/" + project + "/" + endpoint + "/"})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("reference target %s has no concrete resource", target)
	}
	return out, nil
}

// endpointOf finds a resource's endpoint and its project's endpoint name.
func endpointOf(in Input, name relmodel.ResourceName) (endpoint, project string) {
	for _, p := range in.Set.Projects {
		if p.ProjectName != name.Project {
			continue
		}
		if rs := p.Schema.Get("resourceSchemas"); rs != nil {
			for _, m := range rs.Members {
				if m.Value.Get("resourceName").StringOr("") == name.Resource && !m.Value.Get("isResourceExtension").BoolOr(false) {
					return m.Key, p.EndpointName
				}
			}
		}
	}
	return "", ""
}

// descriptorMemberOf finds the descriptor member at a JSON path.
func descriptorMemberOf(path string) *descriptorMember {
	for i := range descriptorMembers {
		if "$."+descriptorMembers[i].name == path {
			return &descriptorMembers[i]
		}
	}
	return nil
}

// setStatements sets the ByID and Page of rt from the select they share
// and the filters that complete it (spec.ReadTable.Select).
func setStatements(rt *spec.ReadTable, sel, byIDFilter, pageFilter string) {
	rt.Select, rt.ByIDFilter, rt.PageFilter = sel, byIDFilter, pageFilter
	rt.CompleteStatements()
}
