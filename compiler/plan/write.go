package plan

import (
	"fmt"
	"strings"

	"github.com/edfi-dmsc/dmsc/compiler/jsonx"
	"github.com/edfi-dmsc/dmsc/compiler/load"
	"github.com/edfi-dmsc/dmsc/compiler/relmodel"
	"github.com/edfi-dmsc/dmsc/runtime/identity"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/edfi-dmsc/dmsc/runtime/validate"
)

// buildWrite computes a resource's write-path plan.
func buildWrite(in Input, rs resourceSchema, mr *relmodel.Resource, r *spec.Resource) (*spec.WritePlan, error) {
	at := fmt.Sprintf("%s: resource %s", rs.project.File, rs.endpoint)
	body, err := schemaNode(rs.schema.Get("jsonSchemaForInsert"), "$")
	if err != nil {
		return nil, fmt.Errorf("%s: jsonSchemaForInsert: %w", at, err)
	}
	if body.Kind != spec.BodyObject {
		return nil, fmt.Errorf("%s: jsonSchemaForInsert is not an object schema", at)
	}
	facts := []*jsonx.Value{rs.schema}
	for _, ext := range resourceExtensions(in.Set, rs.project, mr.Name.Resource) {
		if err := mergeExtension(body, ext.schema); err != nil {
			return nil, fmt.Errorf("%s: resource extension in %s: %w", at, ext.project.File, err)
		}
		facts = append(facts, ext.schema)
	}
	if r.IsDescriptor {
		for _, name := range []string{"codeValue", "shortDescription"} {
			if n := nodeAt(body, []string{name}); n != nil {
				n.TrimText = true
			}
		}
	}
	w := &spec.WritePlan{Body: body}
	for _, f := range facts {
		if err := addFacts(w, body, f); err != nil {
			return nil, fmt.Errorf("%s: %w", at, err)
		}
	}
	for _, part := range r.Identity {
		w.IdentityForms = append(w.IdentityForms, formAt(body, part.JSONPath))
	}
	if r.IsDescriptor {
		w.Descriptor = &spec.DescriptorWrite{Discriminator: r.ProjectName + ":" + r.Name}
		return w, nil
	}
	if r.AllowIdentityUpdates {
		w.CascadeCount = cascadeCount(in.Model, mr)
	}
	if err := addReferences(in, w, body, mr, r); err != nil {
		return nil, fmt.Errorf("%s: %w", at, err)
	}
	if err := addDescriptors(in, w, mr, r); err != nil {
		return nil, fmt.Errorf("%s: %w", at, err)
	}
	for _, t := range r.Tables {
		tw, err := tableWrite(t)
		if err != nil {
			return nil, fmt.Errorf("%s: table %s: %w", at, t.Name, err)
		}
		w.Tables = append(w.Tables, tw)
	}
	return w, nil
}

// extensionSchema is a resource extension and the project declaring it.
type extensionSchema struct {
	project *load.Project
	schema  *jsonx.Value
}

// resourceExtensions lists, in project order, the resource extensions that
// extension projects declare for core resource resourceName of project p.
func resourceExtensions(set *load.SchemaSet, p *load.Project, resourceName string) []extensionSchema {
	if p.IsExtension {
		return nil
	}
	var out []extensionSchema
	for _, ep := range set.Projects {
		if !ep.IsExtension {
			continue
		}
		for _, m := range ep.Schema.Get("resourceSchemas").ObjectMembers() {
			if m.Value.Get("isResourceExtension").BoolOr(false) && m.Value.Get("resourceName").StringOr("") == resourceName {
				out = append(out, extensionSchema{project: ep, schema: m.Value})
			}
		}
	}
	return out
}

// mergeExtension adds a resource extension's schema to the core body the way
// the API merges them: the extension's "_ext" members join the core's
// "_ext" (with the extension's top-level required list applied to them),
// other properties merge into the core's (see mergeProperty), and
// common-type extension fragments are inserted at their insertion
// locations.
func mergeExtension(body *spec.BodyNode, ext *jsonx.Value) error {
	schema := ext.Get("jsonSchemaForInsert")
	extBody, err := schemaNode(schema, "$")
	if err != nil {
		return err
	}
	var topRequired []string
	for _, req := range schema.Get("required").ArrayItems() {
		topRequired = append(topRequired, req.Text)
	}
	for _, p := range extBody.Properties {
		if p.Name != "_ext" {
			mergeProperty(body, p)
			continue
		}
		target := extNode(body)
		for _, proj := range p.Node.Properties {
			for _, req := range topRequired {
				if property(proj.Node, req) != nil && !contains(proj.Node.Required, req) {
					proj.Node.Required = append(proj.Node.Required, req)
				}
			}
			setProperty(target, proj)
		}
	}
	for _, o := range ext.Get("commonExtensionOverrides").ArrayItems() {
		fragment, err := schemaNode(o.Get("schemaFragment"), "$")
		if err != nil {
			return fmt.Errorf("commonExtensionOverrides: %w", err)
		}
		for _, loc := range o.Get("insertionLocations").ArrayItems() {
			node := schemaLocation(body, loc.Text)
			if node == nil || node.Kind != spec.BodyObject {
				return fmt.Errorf("commonExtensionOverrides: insertion location %s is not an object in the core schema", loc.Text)
			}
			target := extNode(node)
			for _, p := range fragment.Properties {
				setProperty(target, p)
			}
		}
	}
	return nil
}

// mergeProperty merges an extension's property schema into object node n:
// a property n lacks is added; for one it has, objects merge their
// properties and arrays their item schemas, so extension members nested in
// core properties (a "_ext" inside collection items) are kept.
func mergeProperty(n *spec.BodyNode, p spec.BodyProperty) {
	cur := property(n, p.Name)
	if cur == nil {
		n.Properties = append(n.Properties, p)
		return
	}
	core, ext := cur.Node, p.Node
	if core.Kind == spec.BodyArray && ext.Kind == spec.BodyArray && core.Items != nil && ext.Items != nil {
		core, ext = core.Items, ext.Items
	}
	if core.Kind != spec.BodyObject || ext.Kind != spec.BodyObject {
		return
	}
	for _, ep := range ext.Properties {
		mergeProperty(core, ep)
	}
}

// schemaLocation follows a schema location such as
// "$.properties.addresses.items" through the node tree.
func schemaLocation(n *spec.BodyNode, loc string) *spec.BodyNode {
	segs := strings.Split(strings.TrimPrefix(loc, "$."), ".")
	for i := 0; n != nil && i < len(segs); i++ {
		switch segs[i] {
		case "properties":
			i++
			if i >= len(segs) {
				return nil
			}
			p := property(n, segs[i])
			if p == nil {
				return nil
			}
			n = p.Node
		case "items":
			n = n.Items
		default:
			return nil
		}
	}
	return n
}

// extNode returns the "_ext" object node of an object node, adding an open
// one when missing.
func extNode(n *spec.BodyNode) *spec.BodyNode {
	if p := property(n, "_ext"); p != nil {
		return p.Node
	}
	ext := &spec.BodyNode{Kind: spec.BodyObject, MinLength: -1, MaxLength: -1}
	n.Properties = append(n.Properties, spec.BodyProperty{Name: "_ext", Node: ext})
	return ext
}

func setProperty(n *spec.BodyNode, p spec.BodyProperty) {
	for i := range n.Properties {
		if n.Properties[i].Name == p.Name {
			n.Properties[i] = p
			return
		}
	}
	n.Properties = append(n.Properties, p)
}

func property(n *spec.BodyNode, name string) *spec.BodyProperty {
	for i := range n.Properties {
		if n.Properties[i].Name == name {
			return &n.Properties[i]
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// schemaNode converts a JSON-schema node into a validation node; at names it
// in errors.
func schemaNode(s *jsonx.Value, at string) (*spec.BodyNode, error) {
	if s == nil || s.Kind != jsonx.Object {
		return nil, fmt.Errorf("%s: schema is not an object", at)
	}
	n := &spec.BodyNode{MinLength: -1, MaxLength: -1}
	switch typ := s.Get("type").StringOr(""); typ {
	case "object":
		n.Kind = spec.BodyObject
	case "array":
		n.Kind = spec.BodyArray
	case "string":
		n.Kind = spec.BodyString
	case "integer":
		n.Kind = spec.BodyInteger
	case "number":
		n.Kind = spec.BodyNumber
	case "boolean":
		n.Kind = spec.BodyBoolean
	default:
		return nil, fmt.Errorf("%s: unsupported schema type %q", at, typ)
	}
	switch f := s.Get("format").StringOr(""); f {
	case "date":
		n.Format = spec.DateFormat
	case "date-time":
		n.Format = spec.DateTimeFormat
	case "time":
		n.Format = spec.TimeFormat
	case "int32":
		n.Int32 = true
	}
	if v := s.Get("maxLength"); v != nil {
		if _, err := fmt.Sscan(v.Text, &n.MaxLength); err != nil {
			return nil, fmt.Errorf("%s: maxLength %q: %w", at, v.Text, err)
		}
	}
	if v := s.Get("minLength"); v != nil {
		if _, err := fmt.Sscan(v.Text, &n.MinLength); err != nil {
			return nil, fmt.Errorf("%s: minLength %q: %w", at, v.Text, err)
		}
	}
	if v := s.Get("minItems"); v != nil {
		if _, err := fmt.Sscan(v.Text, &n.MinItems); err != nil {
			return nil, fmt.Errorf("%s: minItems %q: %w", at, v.Text, err)
		}
	}
	if v := s.Get("minimum"); v != nil {
		n.Minimum = v.Text
	}
	if v := s.Get("maximum"); v != nil {
		n.Maximum = v.Text
	}
	if p, ok := s.Get("pattern").Str(); ok {
		pat, known := validate.PatternFor(p)
		if !known {
			return nil, fmt.Errorf("%s: unsupported pattern %q", at, p)
		}
		n.Pattern = pat
	}
	for _, req := range s.Get("required").ArrayItems() {
		n.Required = append(n.Required, req.Text)
	}
	for _, m := range s.Get("properties").ObjectMembers() {
		child, err := schemaNode(m.Value, at+"."+m.Key)
		if err != nil {
			return nil, err
		}
		n.Properties = append(n.Properties, spec.BodyProperty{Name: m.Key, Node: child})
	}
	if items := s.Get("items"); items != nil {
		child, err := schemaNode(items, at+"[*]")
		if err != nil {
			return nil, err
		}
		n.Items = child
	}
	return n, nil
}

// nodeAt follows steps ("a", "[*]", "b") through the node tree.
func nodeAt(n *spec.BodyNode, steps []string) *spec.BodyNode {
	for _, s := range steps {
		if n == nil {
			return nil
		}
		if s == "[*]" {
			n = n.Items
			continue
		}
		p := property(n, s)
		if p == nil {
			return nil
		}
		n = p.Node
	}
	return n
}

// formAt is the value form of the scalar at a document JSON path.
func formAt(body *spec.BodyNode, path string) spec.ValueForm {
	if identity.IsDescriptorPath(path) {
		return spec.DescriptorForm
	}
	n := nodeAt(body, Steps(strings.TrimPrefix(path, "$")))
	if n == nil {
		return spec.StringForm
	}
	switch n.Kind {
	case spec.BodyInteger:
		return spec.IntegerForm
	case spec.BodyNumber:
		return spec.DecimalForm
	case spec.BodyBoolean:
		return spec.BooleanForm
	}
	switch n.Format {
	case spec.DateFormat:
		return spec.DateForm
	case spec.DateTimeFormat:
		return spec.DateTimeForm
	case spec.TimeFormat:
		return spec.TimeForm
	}
	return spec.StringForm
}

// addFacts adds a schema entry's decimal rules, equality constraints and
// array uniqueness constraints.
func addFacts(w *spec.WritePlan, body *spec.BodyNode, rs *jsonx.Value) error {
	for _, d := range rs.Get("decimalPropertyValidationInfos").ArrayItems() {
		path := d.Get("path").StringOr("")
		n := nodeAt(body, Steps(strings.TrimPrefix(path, "$")))
		if n == nil {
			return fmt.Errorf("decimalPropertyValidationInfos: path %s is not in the schema", path)
		}
		rule := &spec.DecimalRule{Path: path}
		if v := d.Get("totalDigits"); v != nil {
			fmt.Sscan(v.Text, &rule.TotalDigits)
		}
		if v := d.Get("decimalPlaces"); v != nil {
			fmt.Sscan(v.Text, &rule.DecimalPlaces)
		}
		n.Decimal = rule
	}
	for _, e := range rs.Get("equalityConstraints").ArrayItems() {
		src, tgt := e.Get("sourceJsonPath").StringOr(""), e.Get("targetJsonPath").StringOr("")
		w.Equality = append(w.Equality, spec.EqualityConstraint{
			SourcePath: src, TargetPath: tgt,
			SourceSteps: Steps(strings.TrimPrefix(src, "$")), TargetSteps: Steps(strings.TrimPrefix(tgt, "$")),
		})
	}
	for _, c := range rs.Get("arrayUniquenessConstraints").ArrayItems() {
		if err := addUniqueness(w, c, nil); err != nil {
			return fmt.Errorf("arrayUniquenessConstraints: %w", err)
		}
	}
	return nil
}

// addUniqueness flattens one arrayUniquenessConstraints entry (and its
// nestedConstraints) below base, the steps of an enclosing item.
func addUniqueness(w *spec.WritePlan, c *jsonx.Value, base []string) error {
	// Paths in different arrays (MetaEd emits such groups) constrain each
	// array separately.
	var groups []spec.UniquenessConstraint
	for _, p := range c.Get("paths").ArrayItems() {
		steps := Steps(strings.TrimPrefix(p.Text, "$"))
		last := -1
		for i, s := range steps {
			if s == "[*]" {
				last = i
			}
		}
		if last < 0 {
			return fmt.Errorf("path %s has no array", p.Text)
		}
		array := append(append([]string{}, base...), steps[:last]...)
		gi := -1
		for i, g := range groups {
			if strings.Join(g.ArraySteps, ".") == strings.Join(array, ".") {
				gi = i
			}
		}
		if gi < 0 {
			groups = append(groups, spec.UniquenessConstraint{ArraySteps: array, EachPathAlone: base != nil})
			gi = len(groups) - 1
		}
		groups[gi].ItemSteps = append(groups[gi].ItemSteps, steps[last+1:])
	}
	w.Uniqueness = append(w.Uniqueness, groups...)
	for _, n := range c.Get("nestedConstraints").ArrayItems() {
		nb := append(append([]string{}, base...), Steps(strings.TrimPrefix(n.Get("basePath").StringOr(""), "$"))...)
		if err := addUniqueness(w, n, nb); err != nil {
			return err
		}
	}
	return nil
}

func tableIndex(r *spec.Resource, name relmodel.TableName) int {
	for i, t := range r.Tables {
		if t.Schema == name.Schema && t.Name == name.Name {
			return i
		}
	}
	return -1
}

func columnIndex(t *spec.Table, name string) int {
	for i, c := range t.Columns {
		if c.Name == name {
			return i
		}
	}
	return -1
}

// addReferences plans every document reference, in model order.
func addReferences(in Input, w *spec.WritePlan, body *spec.BodyNode, mr *relmodel.Resource, r *spec.Resource) error {
	for _, ref := range mr.References {
		ti := tableIndex(r, ref.Table)
		if ti < 0 {
			return fmt.Errorf("reference %s: table %s is not in the plan", ref.ReferenceObjectPath, ref.Table)
		}
		t := r.Tables[ti]
		fk := columnIndex(t, ref.FkColumn)
		if fk < 0 {
			return fmt.Errorf("reference %s: column %s.%s missing", ref.ReferenceObjectPath, t.Name, ref.FkColumn)
		}
		rp := spec.ReferencePlan{
			Table:               ti,
			ObjectSteps:         Steps(strings.TrimPrefix(ref.ReferenceObjectPath, t.Scope)),
			FKColumn:            fk,
			TargetProject:       ref.TargetResource.Project,
			TargetResource:      ref.TargetResource.Resource,
			TargetResourceKeyID: in.Info.ResourceKeyID(ref.TargetResource.Project, ref.TargetResource.Resource),
		}
		if rp.TargetResourceKeyID == 0 {
			return fmt.Errorf("reference %s: target %s has no resource key", ref.ReferenceObjectPath, ref.TargetResource)
		}
		for _, b := range ref.IdentityBindings {
			if !strings.HasPrefix(b.ReferenceJSONPath, ref.ReferenceObjectPath+".") {
				return fmt.Errorf("reference %s: binding %s is outside the reference object", ref.ReferenceObjectPath, b.ReferenceJSONPath)
			}
			form := formAt(body, b.ReferenceJSONPath)
			if identity.IsDescriptorPath(b.IdentityJSONPath) {
				form = spec.DescriptorForm
			}
			rp.Elements = append(rp.Elements, spec.ReferenceElement{
				IdentityPath: b.IdentityJSONPath,
				Steps:        Steps(strings.TrimPrefix(b.ReferenceJSONPath, ref.ReferenceObjectPath)),
				Form:         form,
			})
		}
		w.References = append(w.References, rp)
	}
	return nil
}

// addDescriptors plans every descriptor column that reads a JSON value
// (including the descriptor parts of reference identities).
func addDescriptors(in Input, w *spec.WritePlan, mr *relmodel.Resource, r *spec.Resource) error {
	for ti, mt := range mr.Tables {
		t := r.Tables[ti]
		for _, c := range mt.Columns {
			if c.Kind != relmodel.ColDescriptorFk || c.SourcePath == "" {
				continue
			}
			if c.TargetResource == nil {
				return fmt.Errorf("descriptor column %s.%s has no descriptor resource", t.Name, c.Name)
			}
			ci := columnIndex(t, c.Name)
			key := in.Info.ResourceKeyID(c.TargetResource.Project, c.TargetResource.Resource)
			if key == 0 {
				return fmt.Errorf("descriptor column %s.%s: %s has no resource key", t.Name, c.Name, c.TargetResource)
			}
			w.Descriptors = append(w.Descriptors, spec.DescriptorPlan{
				Table: ti, Column: ci, Steps: t.Columns[ci].Steps,
				Project: c.TargetResource.Project, Resource: c.TargetResource.Resource, DescriptorResourceKeyID: key,
			})
		}
	}
	return nil
}

func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// sqlType is the PostgreSQL type a text parameter is cast to.
func sqlType(c *spec.Column) string {
	switch c.Kind {
	case spec.DocumentIDColumn, spec.CollectionItemIDColumn, spec.ParentCollectionItemIDColumn,
		spec.BaseCollectionItemIDColumn, spec.DocumentFKColumn, spec.DescriptorFKColumn:
		return "bigint"
	case spec.OrdinalColumn:
		return "integer"
	case spec.PresenceColumn:
		return "boolean"
	}
	switch c.Type {
	case spec.Int32Type:
		return "integer"
	case spec.Int64Type:
		return "bigint"
	case spec.DecimalType:
		return "numeric"
	case spec.BooleanType:
		return "boolean"
	case spec.DateType:
		return "date"
	case spec.DateTimeType:
		return "timestamp with time zone"
	case spec.TimeType:
		return "time"
	}
	return "text"
}

// textExpr renders a stored column as the canonical text the engine
// computes for a value (see engine.ValueForm).
func textExpr(c *spec.Column) string {
	col := "t." + quote(c.Name)
	switch sqlType(c) {
	case "text":
		return col
	case "numeric":
		return "trim_scale(" + col + ")::text"
	case "date":
		return "to_char(" + col + ", 'YYYY-MM-DD')"
	case "timestamp with time zone":
		return "to_char(" + col + ` AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`
	}
	return col + "::text"
}

// tableWrite computes a table's SQL.
func tableWrite(t *spec.Table) (spec.TableWrite, error) {
	tw := spec.TableWrite{Key: -1, ParentKey: -1, Ordinal: -1}
	docCol := ""
	keyKind := spec.DocumentIDColumn
	switch t.Kind {
	case spec.CollectionTable, spec.ExtensionCollectionTable:
		keyKind = spec.CollectionItemIDColumn
	case spec.CollectionExtensionScopeTable:
		keyKind = spec.BaseCollectionItemIDColumn
	}
	for i, c := range t.Columns {
		if c.Alias || c.Kind == spec.MirrorContentVersionColumn || c.Kind == spec.MirrorLastModifiedColumn {
			continue
		}
		si := len(tw.Stored)
		tw.Stored = append(tw.Stored, i)
		switch {
		case c.Kind == keyKind:
			tw.Key = si
		case c.Kind == spec.OrdinalColumn:
			tw.Ordinal = si
		case c.Kind == spec.ParentCollectionItemIDColumn || c.Kind == spec.BaseCollectionItemIDColumn:
			tw.ParentKey = si
		}
		if c.Kind == spec.DocumentIDColumn && docCol == "" {
			docCol = c.Name
		}
	}
	if tw.Key < 0 || docCol == "" {
		return tw, fmt.Errorf("no key or document id column")
	}
	if tw.ParentKey < 0 && t.Kind != spec.RootTable && t.Kind != spec.CollectionExtensionScopeTable {
		// A collection directly under the root (or under the root extension)
		// hangs off the document.
		for si, ci := range tw.Stored {
			if si != tw.Key && t.Columns[ci].Kind == spec.DocumentIDColumn {
				tw.ParentKey = si
			}
		}
	}
	for _, name := range t.SemanticIdentity {
		found := false
		for si, ci := range tw.Stored {
			if t.Columns[ci].Name == name {
				tw.Semantic, found = append(tw.Semantic, si), true
			}
		}
		if !found {
			// A semantic identity column may be a key-unification alias: its
			// canonical column carries the value.
			for si, ci := range tw.Stored {
				for _, c := range t.Columns {
					if c.Name == name && c.Alias && c.Canonical == t.Columns[ci].Name {
						tw.Semantic, found = append(tw.Semantic, si), true
					}
				}
			}
		}
		if !found {
			return tw, fmt.Errorf("semantic identity column %s is not stored", name)
		}
	}
	table := quote(t.Schema) + "." + quote(t.Name)
	var exprs, names, params, aliases, casts, sets []string
	for si, ci := range tw.Stored {
		c := t.Columns[ci]
		// The unnest columns are named after the table's: a column added
		// to the table leaves the other columns' lines as they were.
		alias := quote(c.Name)
		exprs = append(exprs, textExpr(c))
		names = append(names, alias)
		params = append(params, fmt.Sprintf("$%d::text[]", si+1))
		aliases = append(aliases, alias)
		cast := "u." + alias
		if ty := sqlType(c); ty != "text" {
			cast += "::" + ty
		}
		casts = append(casts, cast)
		if si != tw.Key {
			sets = append(sets, alias+" = "+cast)
		}
	}
	order := ""
	if tw.Ordinal >= 0 {
		order = "\nORDER BY t." + quote(t.Columns[tw.Stored[tw.Ordinal]].Name)
	}
	load := "SELECT" + sqlList(exprs) + "\nFROM " + table + " t\nWHERE t." + quote(docCol) + " = "
	tw.Load, tw.LoadOrder = load, order
	tw.CompleteLoads()
	unnest := "\nFROM unnest(" + sqlList(params) + "\n) AS u(" + sqlList(aliases) + "\n)"
	tw.Insert = "INSERT INTO " + table + " (" + sqlList(names) + "\n)\nSELECT" + sqlList(casts) + unnest
	keyName := quote(t.Columns[tw.Stored[tw.Key]].Name)
	if len(sets) > 0 {
		tw.Update = "UPDATE " + table + " AS t\nSET" + sqlList(sets) + unnest + "\nWHERE t." + keyName + " = u." + keyName + "::bigint"
	}
	tw.Delete = "DELETE FROM " + table + "\nWHERE " + keyName + " = ANY($1::bigint[])"
	if tw.Ordinal >= 0 {
		ord := quote(t.Columns[tw.Stored[tw.Ordinal]].Name)
		tw.ShiftOrdinals = "UPDATE " + table + "\nSET " + ord + " = -1 - " + ord + "\nWHERE " + keyName + " = ANY($1::bigint[])"
	}
	return tw, nil
}
