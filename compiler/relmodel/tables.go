package relmodel

import (
	"strings"
	"unicode"

	"github.com/edfi-dmsc/dmsc/compiler/jsonx"
)

// unsupportedKeywords are JSON-schema constructs the flattening cannot map:
// jsonSchemaForInsert must be fully expanded and closed.
var unsupportedKeywords = []string{"$ref", "oneOf", "anyOf", "allOf", "enum", "patternProperties"}

func validateKeywords(in *resourceInput, schema *jsonx.Value, at string) error {
	for _, k := range unsupportedKeywords {
		if schema.Has(k) {
			return in.errorf("unsupported JSON-schema keyword '%s' at %s.%s", k, at, k)
		}
	}
	if t := schema.Get("type"); t != nil && t.Kind == jsonx.Array {
		return in.errorf("unsupported JSON-schema keyword 'type' (array of types) at %s.type", at)
	}
	return nil
}

type schemaKind int

const (
	kindScalar schemaKind = iota
	kindObject
	kindArray
)

func kindOf(schema *jsonx.Value) schemaKind {
	if t, ok := schema.Get("type").Str(); ok {
		switch t {
		case "object":
			return kindObject
		case "array":
			return kindArray
		}
		return kindScalar
	}
	if schema.Has("items") {
		return kindArray
	}
	if schema.Has("properties") {
		return kindObject
	}
	return kindScalar
}

// tableState is a table under construction plus the naming context its
// child collections inherit.
type tableState struct {
	table *Table
	// collectionNames are the collection segments of the table name below
	// the root base name.
	collectionNames []string
}

// resourceBuild holds the per-resource derivation state shared by passes.
type resourceBuild struct {
	in       *resourceInput
	res      *Resource
	rootBase string
	tables   map[string]*tableState // by canonical scope
}

func (rb *resourceBuild) addTable(ts *tableState) {
	rb.tables[ts.table.Scope] = ts
	rb.res.Tables = append(rb.res.Tables, ts.table)
}

// newKeyColumn builds a system key column with the type its kind implies.
func newKeyColumn(name string, kind ColumnKind) *Column {
	t := KindInt64
	if kind == ColOrdinal {
		t = KindInt32
	}
	return &Column{Name: name, Kind: kind, Type: &ScalarType{Kind: t}}
}

// identityColumns materialises the key/locator columns a table kind implies:
// physical row identity, root locator, immediate parent locator, ordinal.
func identityColumns(md IdentityMetadata) []*Column {
	var cols []*Column
	seen := map[string]bool{}
	add := func(name string, kind ColumnKind) {
		if !seen[name] {
			seen[name] = true
			cols = append(cols, newKeyColumn(name, kind))
		}
	}
	physKind := ColParentKeyPart
	if md.TableKind == TableCollection || md.TableKind == TableExtensionCollection {
		physKind = ColCollectionKey
	}
	for _, c := range md.PhysicalRowIdentity {
		add(c, physKind)
	}
	for _, c := range md.RootScopeLocator {
		add(c, ColParentKeyPart)
	}
	for _, c := range md.ImmediateParentScopeLocator {
		add(c, ColParentKeyPart)
	}
	if md.TableKind == TableCollection || md.TableKind == TableExtensionCollection {
		add(colOrdinal, ColOrdinal)
	}
	return cols
}

// singleColumnParentKey reports whether children reference this table by its
// physical row identity alone (roots) rather than row identity + root locator.
func singleColumnParentKey(k TableKind) bool { return k == TableRoot || k == TableRootExtension }

// parentForeignKey links a child table to its parent scope, cascading deletes.
func parentForeignKey(child *Table, parent *Table) *Constraint {
	cols := append([]string(nil), child.Identity.ImmediateParentScopeLocator...)
	targets := append([]string(nil), parent.Identity.PhysicalRowIdentity...)
	if !singleColumnParentKey(parent.Identity.TableKind) {
		cols = append(cols, child.Identity.RootScopeLocator...)
		targets = append(targets, parent.Identity.RootScopeLocator...)
	}
	return &Constraint{
		Kind: ConForeignKey, Name: constraintName("FK", child.Name, parent.Name.Name),
		Columns: cols, TargetTable: parent.Name, TargetColumns: targets,
		OnDelete: Cascade, OnUpdate: NoAction,
	}
}

func newTable(name TableName, scope string, md IdentityMetadata, keyKind ColumnKind) *Table {
	t := &Table{Name: name, Scope: scope, Identity: md, PrimaryKeyName: constraintName("PK", name)}
	for _, c := range md.PhysicalRowIdentity {
		t.Key = append(t.Key, KeyColumn{Name: c, Kind: keyKind})
	}
	t.Columns = identityColumns(md)
	return t
}

// newRootTable builds the `$` table of a resource.
func newRootTable(schema, base string) *Table {
	md := IdentityMetadata{
		TableKind: TableRoot, PhysicalRowIdentity: []string{colDocumentID},
		RootScopeLocator: []string{colDocumentID},
	}
	t := newTable(TableName{Schema: schema, Name: base}, "$", md, ColParentKeyPart)
	t.Constraints = append(t.Constraints, &Constraint{
		Kind: ConForeignKey, Name: constraintName("FK", t.Name, "Document"),
		Columns: []string{colDocumentID}, TargetTable: documentTable, TargetColumns: []string{colDocumentID},
		OnDelete: Cascade, OnUpdate: NoAction,
	})
	return t
}

// newCollectionTable builds a core collection table under parent.
func newCollectionTable(name TableName, scope, rootBase string, parent *Table) *Table {
	rootLoc := rootDocumentIDColumn(rootBase)
	md := IdentityMetadata{
		TableKind: TableCollection, PhysicalRowIdentity: []string{colCollectionItemID},
		RootScopeLocator: []string{rootLoc}, ImmediateParentScopeLocator: []string{rootLoc},
	}
	if parent.Identity.TableKind != TableRoot {
		md.ImmediateParentScopeLocator = []string{colParentCollectionItemID}
	}
	t := newTable(name, scope, md, ColCollectionKey)
	t.Constraints = append(t.Constraints, parentForeignKey(t, parent))
	return t
}

// addColumn appends a column, failing on a name already used in the table.
func (rb *resourceBuild) addColumn(t *Table, c *Column) error {
	if existing := t.Column(c.Name); existing != nil {
		return rb.in.errorf("identifier collision: column %s.%s is derived from both %s and %s; add a relational.nameOverrides entry to rename one",
			t.Name, c.Name, describeSource(existing, t), describeSource(c, t))
	}
	t.Columns = append(t.Columns, c)
	return nil
}

func describeSource(c *Column, t *Table) string {
	if c.SourcePath != "" {
		return c.SourcePath
	}
	return "system column of scope " + t.Scope
}

// walker derives tables and columns from a jsonSchemaForInsert subtree.
type walker struct {
	rb *resourceBuild
	in *resourceInput // schema owner (the extension resource for `_ext` walks)
	// ext is set while deriving the tables of a resource extension.
	ext *extensionWalk
	// refIdentityPaths and refObjectPaths come from the schema owner's
	// reference mappings: identity parts are stored by reference binding.
	refIdentityPaths map[string]bool
	refObjectPaths   map[string]bool
}

func newWalker(rb *resourceBuild, in *resourceInput) *walker {
	w := &walker{rb: rb, in: in, refIdentityPaths: map[string]bool{}, refObjectPaths: map[string]bool{}}
	for _, r := range in.references {
		w.refObjectPaths[r.objectCanonical] = true
		for _, bd := range r.bindings {
			w.refIdentityPaths[bd.referencePath.String()] = true
		}
	}
	return w
}

// walkObject visits the properties of an object schema in ordinal order.
func (w *walker) walkObject(schema *jsonx.Value, ts *tableState, path jsonPath, colSegs []string, schemaAt string, optionalAncestor bool) error {
	props := schema.Get("properties")
	if props == nil {
		return nil
	}
	if props.Kind != jsonx.Object {
		return w.in.errorf("expected properties to be an object at %s", path)
	}
	required := requiredSet(schema)
	isRefScope := w.refObjectPaths[path.String()]
	members := append([]jsonx.Member(nil), props.Members...)
	sortMembers(members)
	for _, m := range members {
		prop, ps := m.Key, m.Value
		if ps == nil || ps.Kind != jsonx.Object {
			return w.in.errorf("expected property schema to be an object at %s", path.child(prop))
		}
		if prop == "_ext" {
			if w.ext != nil {
				if err := w.ext.handleExtension(w, ps, path, schemaAt, required, optionalAncestor); err != nil {
					return err
				}
			} else if err := w.recordExtensionSite(ps, path); err != nil {
				return err
			}
			continue
		}
		if isRefScope && prop == "link" {
			continue
		}
		propPath := path.child(prop)
		propAt := schemaAt + ".properties." + prop
		nullable := optionalAncestor || !required[prop] || ps.Get("x-nullable").BoolOr(false)
		if err := validateKeywords(w.in, ps, propAt); err != nil {
			return err
		}
		propCols := append(append([]string(nil), colSegs...), prop)
		switch kindOf(ps) {
		case kindObject:
			if err := w.walkObject(ps, ts, propPath, propCols, propAt, nullable); err != nil {
				return err
			}
		case kindArray:
			if err := w.walkArray(ps, ts, propPath, propAt); err != nil {
				return err
			}
		default:
			if ts == nil {
				continue // outside any extension table: values belong to the base resource
			}
			if err := w.addScalar(ts.table, ps, propCols, propPath, nullable); err != nil {
				return err
			}
		}
	}
	return nil
}

// recordExtensionSite notes an `_ext` placeholder in a resource's own
// schema; extension projects fill it (their tables are derived separately).
func (w *walker) recordExtensionSite(ext *jsonx.Value, owning jsonPath) error {
	extPath := owning.child("_ext")
	props := ext.Get("properties")
	if props == nil || props.Kind != jsonx.Object {
		return w.in.errorf("expected extension site properties at %s.properties", extPath)
	}
	var keys []string
	for _, m := range props.Members {
		keys = append(keys, m.Key)
	}
	sortStrings(keys)
	w.rb.res.ExtensionSites = append(w.rb.res.ExtensionSites, ExtensionSite{OwningScope: owning.String(), ExtensionPath: extPath.String(), ProjectKeys: keys})
	return nil
}

func sortMembers(ms []jsonx.Member) {
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ordinalLess(ms[j].Key, ms[j-1].Key); j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}

// walkArray derives the child table of a collection property.
func (w *walker) walkArray(schema *jsonx.Value, parent *tableState, propPath jsonPath, schemaAt string) error {
	items := schema.Get("items")
	if items == nil || items.Kind != jsonx.Object {
		return w.in.errorf("array schema items must be an object at %s", propPath)
	}
	itemsAt := schemaAt + ".items"
	if err := validateKeywords(w.in, items, itemsAt); err != nil {
		return err
	}
	prop := propPath[len(propPath)-1]
	scopePath := propPath.child(anyElement)
	itemsKind := kindOf(items)
	if w.ext != nil {
		return w.ext.walkArray(w, items, itemsKind, parent, propPath, scopePath, itemsAt)
	}
	defaultName := collectionBaseName(prop)
	name := defaultName
	parentSuffix := strings.Join(parent.collectionNames, "")
	if o, ok := w.in.override(scopePath.String()); ok {
		var err error
		name, err = resolveCollectionOverride(w.in, o, scopePath.String(),
			collectionOverridePrefixes(w.rb.rootBase, parentSuffix, w.superclassBase(o, defaultName)))
		if err != nil {
			return err
		}
	}
	child := &tableState{collectionNames: append(append([]string(nil), parent.collectionNames...), name)}
	tn := TableName{Schema: w.rb.res.PhysicalSchema, Name: w.rb.rootBase + strings.Join(child.collectionNames, "")}
	child.table = newCollectionTable(tn, scopePath.String(), w.rb.rootBase, parent.table)
	w.rb.addTable(child)
	switch itemsKind {
	case kindObject:
		return w.walkObject(items, child, scopePath, nil, itemsAt, false)
	case kindScalar:
		return w.addDescriptorArrayColumn(child.table, items, propPath, scopePath)
	}
	return w.in.errorf("array schema items must be an object at %s", propPath)
}

// superclassBase is the superclass table base that collection overrides may
// repeat as an implied prefix (only when the override renames the segment).
func (w *walker) superclassBase(override, defaultName string) string {
	if w.rb.in.superclass == nil || override == defaultName {
		return ""
	}
	return pascalCase(w.rb.in.superclass.Resource)
}

func (w *walker) addDescriptorArrayColumn(t *Table, items *jsonx.Value, propPath, elemPath jsonPath) error {
	if _, ok := w.in.descriptorPaths[elemPath.String()]; !ok {
		return w.in.errorf("array schema items must be an object at %s", propPath)
	}
	segs := []string{singularize(propPath[len(propPath)-1])}
	return w.addScalar(t, items, segs, elemPath, items.Get("x-nullable").BoolOr(false))
}

// addScalar adds a scalar or descriptor column for a leaf property.
func (w *walker) addScalar(t *Table, schema *jsonx.Value, colSegs []string, path jsonPath, nullable bool) error {
	canonical := path.String()
	if w.refIdentityPaths[canonical] {
		return nil // stored by the reference binding
	}
	if w.in.identitySet[canonical] && nullable {
		return w.in.errorf("identity path '%s' maps to a nullable column; identity components must be non-null", canonical)
	}
	base := columnBaseName(colSegs)
	if w.ext != nil {
		o, ok, err := w.ext.override(canonical)
		if err != nil {
			return err
		}
		if ok {
			base = o
		}
	} else if o, ok := w.in.override(canonical); ok {
		base = o
	}
	if desc, ok := w.in.descriptorPaths[canonical]; ok {
		col := &Column{
			Name: descriptorIDColumn(base), Kind: ColDescriptorFk, Type: &ScalarType{Kind: KindInt64},
			Nullable: nullable, SourcePath: canonical, TargetResource: &desc,
		}
		// Its FK to dms.Descriptor is derived per stored column after key
		// unification (see descriptorForeignKeys).
		if err := w.rb.addColumn(t, col); err != nil {
			return err
		}
		w.rb.res.DescriptorEdges = append(w.rb.res.DescriptorEdges, DescriptorEdge{
			IsIdentityComponent: w.in.identitySet[canonical], IsRequired: !nullable,
			IsRoleNamed:         descriptorRoleNamed(path, desc),
			DescriptorValuePath: canonical, Table: t.Name, FkColumn: col.Name, DescriptorResource: desc,
		})
		return nil
	}
	st, err := w.in.scalarType(schema, canonical)
	if err != nil {
		return err
	}
	return w.rb.addColumn(t, &Column{Name: base, Kind: ColScalar, Type: st, Nullable: nullable, SourcePath: canonical})
}

func columnBaseName(segs []string) string {
	var b strings.Builder
	for _, s := range segs {
		b.WriteString(pascalCase(s))
	}
	return b.String()
}

func lastProperty(p jsonPath) string {
	for i := len(p) - 1; i >= 0; i-- {
		if p[i] != anyElement {
			return p[i]
		}
	}
	return ""
}

func descriptorRoleNamed(path jsonPath, desc ResourceName) bool {
	leaf := lastProperty(path)
	if len(path) > 0 && path[len(path)-1] == anyElement {
		leaf = singularize(leaf)
	}
	return pascalCase(leaf) != desc.Resource
}

func referenceRoleNamed(obj jsonPath, target ResourceName) bool {
	leaf := strings.TrimSuffix(lastProperty(obj), "Reference")
	return pascalCase(leaf) != target.Resource
}

// scalarType maps a leaf JSON schema to its logical column type.
func (in *resourceInput) scalarType(schema *jsonx.Value, path string) (*ScalarType, error) {
	t, ok := schema.Get("type").Str()
	if !ok {
		return nil, in.errorf("schema type must be specified at %s", path)
	}
	format, _ := schema.Get("format").Str()
	switch t {
	case "string":
		switch format {
		case "date":
			return &ScalarType{Kind: KindDate}, nil
		case "date-time":
			return &ScalarType{Kind: KindDateTime}, nil
		case "time":
			return &ScalarType{Kind: KindTime}, nil
		}
		ml := schema.Get("maxLength")
		if ml == nil {
			return nil, in.errorf("string schema maxLength is required at %s; set maxLength in MetaEd for string/sharedString", path)
		}
		n, ok := intOf(ml)
		if !ok || n <= 0 {
			return nil, in.errorf("string schema maxLength must be a positive integer at %s", path)
		}
		return &ScalarType{Kind: KindString, MaxLength: n}, nil
	case "integer":
		if format == "int64" {
			return &ScalarType{Kind: KindInt64}, nil
		}
		return &ScalarType{Kind: KindInt32}, nil
	case "number":
		d, ok := in.decimals[path]
		if !ok || !d.complete {
			return nil, in.errorf("number at %s has no decimalPropertyValidationInfos entry with totalDigits and decimalPlaces", path)
		}
		if d.totalDigits <= 0 || d.decimalPlaces < 0 || d.decimalPlaces > d.totalDigits {
			return nil, in.errorf("invalid decimal precision (%d,%d) for %s", d.totalDigits, d.decimalPlaces, path)
		}
		return &ScalarType{Kind: KindDecimal, Precision: d.totalDigits, Scale: d.decimalPlaces}, nil
	case "boolean":
		return &ScalarType{Kind: KindBoolean}, nil
	}
	return nil, in.errorf("unsupported scalar type '%s' at %s", t, path)
}

// collectionOverridePrefixes lists the table-name prefixes an override value
// may repeat; they are stripped so overrides can be written as full names.
func collectionOverridePrefixes(rootBase, parentSuffix string, extra ...string) []string {
	var out []string
	seen := map[string]bool{}
	add := func(s string) {
		if strings.TrimSpace(s) != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	add(rootBase + parentSuffix)
	add(rootBase)
	add(parentSuffix)
	for _, e := range extra {
		if strings.TrimSpace(e) == "" {
			continue
		}
		add(e + parentSuffix)
		add(e)
	}
	return out
}

// resolveCollectionOverride strips the longest implied PascalCase suffix of
// any prefix from the override, leaving the collection's own segment.
func resolveCollectionOverride(in *resourceInput, override, at string, prefixes []string) (string, error) {
	var suffixes []string
	seen := map[string]bool{}
	for _, p := range prefixes {
		for _, s := range pascalSuffixes(p) {
			if !seen[s] {
				seen[s] = true
				suffixes = append(suffixes, s)
			}
		}
	}
	sortByLengthDescThenOrdinal(suffixes)
	for _, s := range suffixes {
		if !strings.HasPrefix(override, s) {
			continue
		}
		rest := override[len(s):]
		if strings.TrimSpace(rest) == "" {
			return "", in.errorf("relational.nameOverrides entry for '%s' must extend the implied prefix '%s'", at, s)
		}
		return rest, nil
	}
	return override, nil
}

func sortByLengthDescThenOrdinal(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0; j-- {
			a, b := s[j], s[j-1]
			if len(a) > len(b) || (len(a) == len(b) && ordinalLess(a, b)) {
				s[j], s[j-1] = s[j-1], s[j]
				continue
			}
			break
		}
	}
}

// pascalSuffixes lists the suffixes of a PascalCase name starting at word
// boundaries: "SchoolAddress" -> SchoolAddress, Address.
func pascalSuffixes(v string) []string {
	r := []rune(v)
	bounds := []int{0}
	for i := 1; i < len(r); i++ {
		if !unicode.IsUpper(r[i]) {
			continue
		}
		nextLower := i+1 < len(r) && unicode.IsLower(r[i+1])
		if unicode.IsLower(r[i-1]) || nextLower {
			bounds = append(bounds, i)
		}
	}
	var out []string
	for _, b := range bounds {
		if s := string(r[b:]); strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

// buildResource derives the tables and columns of one non-extension resource.
func (b *builder) buildResource(in *resourceInput) (*resourceBuild, error) {
	res := &Resource{
		Name: in.name, PhysicalSchema: in.project.PhysicalSchema, StorageKind: RelationalTables,
		ResourceKeyID:      b.info.ResourceKeyID(in.name.Project, in.name.Resource),
		SuperclassResource: in.superclass,
	}
	rb := &resourceBuild{in: in, res: res, tables: map[string]*tableState{}}
	if err := validateKeywords(in, in.insertSchema, "$"); err != nil {
		return nil, err
	}
	if in.isDescriptor {
		res.StorageKind = SharedDescriptorTable
		return rb, b.checkDescriptorShape(in)
	}
	rb.rootBase = pascalCase(in.name.Resource)
	if in.rootTableName != "" {
		rb.rootBase = in.rootTableName
	}
	root := &tableState{table: newRootTable(res.PhysicalSchema, rb.rootBase)}
	rb.addTable(root)
	w := newWalker(rb, in)
	if err := w.walkObject(in.insertSchema, root, nil, nil, "$", false); err != nil {
		return nil, err
	}
	return rb, nil
}

// checkDescriptorShape fails fast when a descriptor does not fit dms.Descriptor.
func (b *builder) checkDescriptorShape(in *resourceInput) error {
	if !strings.HasSuffix(in.name.Resource, "Descriptor") {
		return in.errorf("isDescriptor is true but the resource name does not end with 'Descriptor'")
	}
	props := in.insertSchema.Get("properties")
	for _, p := range []string{"namespace", "codeValue"} {
		ps := props.Get(p)
		if ps == nil {
			return in.errorf("descriptor is incompatible with dms.Descriptor: jsonSchemaForInsert lacks required property %q", p)
		}
		if t, _ := ps.Get("type").Str(); t != "string" {
			return in.errorf("descriptor is incompatible with dms.Descriptor: property %q must be a string", p)
		}
	}
	return nil
}

func (b *builder) descriptorColumnType(in *resourceInput, prop string, def int) ScalarType {
	if n, ok := intOf(in.insertSchema.Get("properties").Get(prop).Get("maxLength")); ok {
		return ScalarType{Kind: KindString, MaxLength: n}
	}
	return ScalarType{Kind: KindString, MaxLength: def}
}
