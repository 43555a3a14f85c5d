package plan

import (
	"slices"
	"strings"

	"github.com/edfi-dmsc/dmsc/compiler/jsonx"
	"github.com/edfi-dmsc/dmsc/compiler/relmodel"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// Tracked-change table kinds of the relational model.
const (
	trackedResource         = "Resource"
	trackedConcreteAbstract = "ConcreteAbstract"
	trackedSharedDescriptor = "SharedDescriptor"
)

// changeKey is one member of a change item's key: its name and the
// tracked-change columns it is read from.
type changeKey struct {
	name string
	typ  spec.ScalarType
	// old and new are the tracked columns of a scalar, or of a
	// descriptor's namespace; codeOld and codeNew are a descriptor's code
	// value columns ("" for scalars).
	old, new, codeOld, codeNew string
	// live is the root-table column a re-created document stores the value
	// in: the scalar's column, or the descriptor's DocumentId column;
	// descriptor names the descriptor's discriminator ("Ed-Fi:…Descriptor").
	live, descriptor string
	kind             relmodel.ScalarKind
}

// buildChanges is the Change Queries plan of a resource. Every resource has
// the live window (its root table, or dms.Descriptor, mirrors
// ContentVersion); the /deletes and /keyChanges statements are left out
// when the model has no tracked-change table for it, or when an element of
// its identity has no query field to be named by (the reference does not
// serve those routes then either). na is the resource's Namespace element
// (nil when none), whose old value the plan names for NamespaceBased
// authorization of the tracked rows; ra its relationship elements (nil
// when none), whose old-value columns it names for the relationship
// strategies; untracked its EducationOrganization and person elements no
// tracked-change column can record (buildRelationships' unchecked).
func buildChanges(model *relmodel.ModelSet, rs resourceSchema, mr *relmodel.Resource, na *spec.NamespaceAuthorization, ra *spec.RelationshipAuthorization, untracked []spec.UntrackedSubject) *spec.ChangePlan {
	p := &spec.ChangePlan{
		LiveWindow: []string{`r."ContentVersion" BETWEEN `, " AND ", ""},
	}
	tc := trackedTableOf(model, mr)
	if tc == nil {
		return p
	}
	keys, ok := changeKeys(rs.schema.Get("queryFieldMapping"), tc, mr)
	if !ok || len(keys) == 0 {
		return p
	}
	for _, k := range keys {
		p.Keys = append(p.Keys, spec.ChangeKey{Name: k.name, Type: k.typ})
	}
	table := qualified(tc.Table)
	first := keys[0]
	where := []string{"c." + q(first.new) + " IS NULL", spec.ChangeWindowCondition}
	var live string
	var on []string
	if tc.Kind == trackedSharedDescriptor {
		where = append([]string{`c."Discriminator" = ` + sqlString(mr.Name.Project+":"+mr.Name.Resource)}, where...)
		live = descriptorTable
		on = []string{`live."Uri" = c."OldNamespace" || '#' || c."OldCodeValue"`, `live."Discriminator" = c."Discriminator"`}
	} else {
		live, on = recreatedProbe(mr, keys)
	}
	filtered := func(notLive string) string {
		return "FROM " + table + " c\nWHERE " + strings.Join(slices.Concat(where, []string{notLive}), "\n"+sqlIndent+"AND ")
	}

	selected := []string{`c."Id"`, `c."ChangeVersion"`}
	for _, k := range keys {
		selected = append(selected, k.value("c", k.old, k.codeOld))
	}
	p.Deletes = "SELECT" + sqlList(selected) + "\n" + filtered(notRecreated(live, on)) + "\nORDER BY c.\"ChangeVersion\"\nLIMIT $3 OFFSET $4"
	p.DeletesCount = "SELECT count(*)\n" + filtered(notRecreatedInWindow(live, on))

	if tc.Kind == trackedResource {
		window := "WITH changed AS (" +
			"\n" + sqlIndent + "SELECT c.\"Id\", min(c.\"ChangeVersion\") AS \"FirstChangeVersion\", max(c.\"ChangeVersion\") AS \"LastChangeVersion\"" +
			"\n" + sqlIndent + "FROM " + table + " c" +
			"\n" + sqlIndent + "WHERE c." + q(first.new) + " IS NOT NULL" +
			"\n" + sqlIndent + sqlIndent + "AND " + spec.ChangeWindowCondition +
			"\n" + sqlIndent + "GROUP BY c.\"Id\"" +
			"\n)"
		selected = []string{`w."Id"`, `w."LastChangeVersion"`}
		for _, k := range keys {
			selected = append(selected, k.value("f", k.old, k.codeOld))
		}
		for _, k := range keys {
			selected = append(selected, k.value("l", k.new, k.codeNew))
		}
		// The first and last rows are looked up within the window too, so
		// that every read of the table is a range of its primary key.
		p.KeyChanges = window + "\nSELECT" + sqlList(selected) +
			"\nFROM changed w" +
			"\nJOIN " + table + " f ON f.\"ChangeVersion\" = w.\"FirstChangeVersion\" AND f.\"ChangeVersion\" BETWEEN $1 AND $2" +
			"\nJOIN " + table + " l ON l.\"ChangeVersion\" = w.\"LastChangeVersion\" AND l.\"ChangeVersion\" BETWEEN $1 AND $2" +
			"\nORDER BY w.\"LastChangeVersion\"\nLIMIT $3 OFFSET $4"
		p.KeyChangesCount = window + "\nSELECT count(*)\nFROM changed"
	}
	if na != nil {
		p.NamespaceColumn = trackedNamespaceColumn(tc, na.Element)
	}
	if ra != nil {
		p.EdOrgColumns, p.PersonColumns = trackedRelationshipColumns(tc, ra)
		p.RowInViews = trackedRowInViews(model.ReadChangesAuthViews, tc.Table, p.EdOrgColumns, p.PersonColumns)
		p.PersonProbes = trackedPersonProbes(model, ra.People, p.PersonColumns)
	}
	p.UntrackedSubjects = untracked
	return p
}

// trackedRelationshipColumns are the old-value columns of the tracked-change
// table holding the resource's EducationOrganization elements and person
// DocumentIds, one per element of ra ("" when the table records none): the
// column tracked from the element's path, else, for an education
// organization stored in a key-unified column, the one tracked from its
// canonical column.
func trackedRelationshipColumns(tc *relmodel.TrackedChangeTable, ra *spec.RelationshipAuthorization) (edOrgs, people []string) {
	edOrgs, people = []string{}, []string{}
	for _, el := range ra.EdOrgs {
		edOrgs = append(edOrgs, trackedOldColumn(tc, "Scalar", el.JSONPath, el.Column))
	}
	for _, el := range ra.People {
		people = append(people, trackedOldColumn(tc, "PersonDocumentId", el.JSONPath, ""))
	}
	return edOrgs, people
}

// trackedOldColumn is the first old-value column of the tracked-change
// table with the role that is tracked from path or, when stored is not "",
// from the root column stored ("Old"+stored); "" when none is. A path ""
// matches no column.
func trackedOldColumn(tc *relmodel.TrackedChangeTable, role, path, stored string) string {
	for _, vc := range tc.ValueColumns {
		if vc.Role == role && ((path != "" && vc.SourceJSONPath == path) || (stored != "" && vc.OldColumn == "Old"+stored)) {
			return vc.OldColumn
		}
	}
	return ""
}

// trackedNamespaceColumn is the old-value column of the tracked-change
// table that holds the Namespace element's value: the tracked column of
// the element's stored column (its canonical column under key
// unification), which the model derives for every securable Namespace
// path of the root; "" when the table has none.
func trackedNamespaceColumn(tc *relmodel.TrackedChangeTable, el spec.NamespaceElement) string {
	stored := el.Column
	if el.Canonical != "" {
		stored = el.Canonical
	}
	return trackedOldColumn(tc, "Scalar", "", stored)
}

// trackedTableOf finds the tracked-change table of a resource: the shared
// descriptor table for descriptors, else the one whose source is the root.
func trackedTableOf(model *relmodel.ModelSet, mr *relmodel.Resource) *relmodel.TrackedChangeTable {
	for i := range model.TrackedChangeTables {
		tc := &model.TrackedChangeTables[i]
		if mr.StorageKind == relmodel.SharedDescriptorTable {
			if tc.Kind == trackedSharedDescriptor {
				return tc
			}
			continue
		}
		if root := mr.Root(); root != nil && tc.Kind != trackedSharedDescriptor && tc.SourceTable == root.Name {
			return tc
		}
	}
	return nil
}

// changeKeys maps the tracked identity columns (person DocumentIds and
// securable elements that are not identity left out) to the members of
// the key values, in table order: a descriptor's namespace and code value
// make one member. ok is false when a member has no query field.
func changeKeys(mapping *jsonx.Value, tc *relmodel.TrackedChangeTable, mr *relmodel.Resource) (keys []changeKey, ok bool) {
	joins := map[string]relmodel.TrackedChangeDescriptorJoin{}
	for _, j := range tc.DescriptorJoins {
		joins[j.Name] = j
	}
	descriptorAt := map[string]int{} // descriptor join name → index in keys
	for _, vc := range tc.ValueColumns {
		if !strings.Contains(vc.Origin, "Identity") || vc.Role == "PersonDocumentId" {
			continue
		}
		if vc.Role == "DescriptorNamespace" || vc.Role == "DescriptorCodeValue" {
			i, seen := descriptorAt[vc.DescriptorJoinName]
			if !seen {
				name, found := queryFieldFor(mapping, mr, vc)
				j, joined := joins[vc.DescriptorJoinName]
				if !found || !joined {
					return nil, false
				}
				i = len(keys)
				descriptorAt[vc.DescriptorJoinName] = i
				keys = append(keys, changeKey{name: name, typ: spec.StringType, live: j.SourceColumn,
					descriptor: j.Descriptor.Project + ":" + j.Descriptor.Resource})
			}
			if vc.Role == "DescriptorNamespace" {
				keys[i].old, keys[i].new = vc.OldColumn, vc.NewColumn
			} else {
				keys[i].codeOld, keys[i].codeNew = vc.OldColumn, vc.NewColumn
			}
			continue
		}
		name, found := queryFieldFor(mapping, mr, vc)
		if !found {
			return nil, false
		}
		k := changeKey{name: name, old: vc.OldColumn, new: vc.NewColumn, kind: vc.Type.Kind, typ: scalarType(vc.Type.Kind)}
		if root := mr.Root(); root != nil {
			if k.live = liveColumn(root, vc); k.live == "" {
				return nil, false
			}
		}
		keys = append(keys, k)
	}
	for _, k := range keys {
		if k.descriptor != "" && (k.old == "" || k.codeOld == "") {
			return nil, false
		}
	}
	return keys, true
}

// queryFieldFor names a tracked value by the query field mapped to its
// source path, else (key unification) by the query field whose path is
// stored in the same canonical column. A path mapped by several fields
// names none.
func queryFieldFor(mapping *jsonx.Value, mr *relmodel.Resource, vc relmodel.TrackedChangeValueColumn) (string, bool) {
	if mapping == nil {
		return "", false
	}
	match := func(pathMatches func(path string) bool) (string, bool) {
		var names []string
		for _, m := range mapping.Members {
			for _, p := range m.Value.Items {
				if pathMatches(p.Get("path").StringOr("")) {
					names = append(names, m.Key)
					break
				}
			}
		}
		if len(names) == 1 {
			return names[0], true
		}
		return "", false
	}
	if name, ok := match(func(path string) bool { return path == vc.SourceJSONPath }); ok {
		return name, true
	}
	root := mr.Root()
	if vc.CanonicalStorageColumn == "" || root == nil {
		return "", false
	}
	return match(func(path string) bool {
		for _, c := range root.Columns {
			if c.SourcePath == path && (c.Name == vc.CanonicalStorageColumn || c.Storage.CanonicalColumn == vc.CanonicalStorageColumn) {
				return true
			}
		}
		return false
	})
}

// liveColumn is the root column holding a tracked scalar: its canonical
// storage column under key unification, else the stored column of its
// source path.
func liveColumn(root *relmodel.Table, vc relmodel.TrackedChangeValueColumn) string {
	if vc.CanonicalStorageColumn != "" {
		if root.Column(vc.CanonicalStorageColumn) == nil {
			return ""
		}
		return vc.CanonicalStorageColumn
	}
	for _, c := range root.Columns {
		if c.SourcePath == vc.SourceJSONPath && c.Kind == relmodel.ColScalar && !c.Storage.UnifiedAlias {
			return c.Name
		}
	}
	return ""
}

// recreatedProbe is the live table and the conditions on its row aliased
// live under which it holds a tombstone's natural key again: a descriptor
// member matches the live document's descriptor id through the descriptor
// with the tombstone's URI.
func recreatedProbe(mr *relmodel.Resource, keys []changeKey) (live string, on []string) {
	root := mr.Root()
	for _, k := range keys {
		if k.descriptor == "" {
			on = append(on, "live."+q(k.live)+" = c."+q(k.old))
			continue
		}
		on = append(on, "live."+q(k.live)+" = ("+
			"SELECT d.\"DocumentId\" FROM "+descriptorTable+" d"+
			" WHERE d.\"Uri\" = c."+q(k.old)+" || '#' || c."+q(k.codeOld)+
			" AND d.\"Discriminator\" = "+sqlString(k.descriptor)+")")
	}
	return qualified(root.Name), on
}

// notRecreated is NOT EXISTS over the live table aliased live, kept a
// correlated subquery by OFFSET 0: PostgreSQL then probes the live table's
// natural-key index once per tombstone read, in change-version order, and
// a page stops after its limit. As a join, the anti join's estimate (it
// assumes every tombstone's key is live again, so the result is empty)
// makes it hash the whole live table for every page instead.
func notRecreated(live string, on []string) string {
	return "NOT EXISTS (\n" + liveProbe(live, on) + sqlIndent + sqlIndent + "OFFSET 0\n" + sqlIndent + ")"
}

// notRecreatedInWindow is the count's test of notRecreated, which reads
// the whole window: EXISTS … IS NOT TRUE is not pulled up into an anti
// join, so PostgreSQL plans it as a subplan with two implementations and
// picks one by the number of tombstones it expects to test (with the
// request's window, runtime/changes plans the count anew each time): the
// per-row index probe for a narrow window, one hashed set of the live
// keys for a wide one (when it fits in hash_mem, and no key member is a
// descriptor, whose subquery the set cannot hold; else the probe). As an
// anti join the choice would be the join search's, where an authorization
// filter's estimated cost per row can dwarf the difference between the two
// (within its 1 % fuzz, the nested loop then wins on startup cost).
func notRecreatedInWindow(live string, on []string) string {
	return "EXISTS (\n" + liveProbe(live, on) + sqlIndent + ") IS NOT TRUE"
}

// liveProbe is the body of the live-table subquery of notRecreated and
// notRecreatedInWindow.
func liveProbe(live string, on []string) string {
	ind := sqlIndent + sqlIndent
	return ind + "SELECT 1\n" + ind + "FROM " + live + " live\n" + ind + "WHERE " +
		strings.Join(on, "\n"+ind+sqlIndent+"AND ") + "\n"
}

// value is the select-list expression of a member read from the tracked
// row aliased t: text in the form the API writes it.
func (k changeKey) value(t, column, codeColumn string) string {
	c := t + "." + q(column)
	if k.descriptor != "" {
		return c + " || '#' || " + t + "." + q(codeColumn)
	}
	switch k.kind {
	case relmodel.KindDate:
		return "to_char(" + c + ", 'YYYY-MM-DD')"
	case relmodel.KindDateTime:
		return "to_char(" + c + ` AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`
	case relmodel.KindTime:
		return "to_char(" + c + ", 'HH24:MI:SS')"
	case relmodel.KindString:
		return c
	}
	return c + "::text"
}

// sqlString quotes s as an SQL string literal.
func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
