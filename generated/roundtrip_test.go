package generated_test

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/edfi-dmsc/dmsc/compiler/gogen"
	defaultschema "github.com/edfi-dmsc/dmsc/generated/default"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// runtimeFields are the fields of each runtime/spec type that the plan
// literal carries: what runtime/engine, runtime/server, runtime/changes,
// runtime/refaudit and spec.Check read. The generator leaves the rest out
// (compiler/gogen's emittedAway); this list is kept apart from it so that a
// field the generator drops by mistake, or a new field nobody decided
// about, fails TestPlansRoundTrip.
var runtimeFields = map[string][]string{
	"Schema": {"EffectiveSchemaHash", "APISchemaFormatVersion", "ResourceKeySeedHash", "ResourceKeys", "Projects",
		"Resources", "ReferentialIdentity", "AuthViews"},
	"ResourceKey": {"ID", "ProjectName", "ResourceName", "Version", "IsAbstract"},
	"Project":     {"EndpointName", "ProjectName", "Version", "Description"},
	"Resource": {"ProjectEndpoint", "ProjectName", "Endpoint", "Name", "ResourceKeyID", "IsDescriptor",
		"AllowIdentityUpdates", "Tables", "Write", "Read", "Changes", "Namespace", "Relationships", "EducationOrganization"},
	"Table":     {"Schema", "Name", "Kind", "Parent", "Columns"},
	"Column":    {"Name", "Kind"},
	"WritePlan": {"Tables", "Descriptor", "CascadeCount"},
	"TableWrite": {"Stored", "Key", "ParentKey", "Ordinal", "Semantic", "Load", "LoadOrder", "LoadByUUID", "LoadByReferentialID",
		"LoadByDocumentIDs", "Insert", "Update", "Delete", "ShiftOrdinals"},
	"DescriptorWrite": {"Discriminator"},
	"ReadPlan": {"Tables", "QueryFields", "PageFrom", "PageWhere", "DeleteRoot", "DeleteDocument", "LockDocument",
		"Referrers"},
	"ReadTable":  {"Select", "ByIDFilter", "PageFilter", "ByID", "Page"},
	"QueryField": {"Name", "Type", "JSONPath", "Param", "DescriptorProject", "DescriptorResource", "Predicate"},
	"Referrer":   {"Schema", "Table", "Resource"},
	"ChangePlan": {"Keys", "Deletes", "DeletesCount", "KeyChanges", "KeyChangesCount", "LiveWindow", "NamespaceColumn",
		"EdOrgColumns", "PersonColumns", "UntrackedSubjects", "RowInViews", "PersonProbes"},
	"ChangeKey":           {"Name", "Type"},
	"UntrackedSubject":    {"Kind", "JSONPath"},
	"TrackedRowInView":    {"View", "EdOrg", "Person"},
	"TrackedPersonProbe":  {"View", "Person", "Probe"},
	"ReferentialIdentity": {"Resource", "Table", "Descriptor", "Primary", "Alias", "Journal"},
	"TableName":           {"Schema", "Name"},
	"HashedIdentity":      {"ProjectName", "ResourceName", "ResourceKeyID", "Elements"},
	"HashedElement":       {"Path", "Column", "Form"},
	// NamespaceBased authorization (runtime/authz, runtime/engine).
	"NamespaceAuthorization": {"Element", "ByUUID"},
	"NamespaceElement":       {"JSONPath", "Steps", "Column", "Canonical", "Presence", "Stored"},
	// Relationship-based authorization (runtime/authz, runtime/engine).
	"RelationshipAuthorization": {"EdOrgs", "People"},
	"EdOrgElement":              {"JSONPath", "MetaEdName", "Column", "Stored"},
	"PersonElement":             {"Kind", "JSONPath", "Column", "Stored", "Hops", "RowInViews"},
	"PersonHop":                 {"Table", "Column"},
	// /oauth/token_info's education organizations (runtime/authz).
	"EducationOrganizationColumns": {"ID", "Name"},
}

// TestPlansRoundTrip checks that the compiled-in plans equal the plans the
// compiler builds reduced to runtimeFields: the literal emitter loses and
// invents nothing the runtime reads, and carries nothing else.
func TestPlansRoundTrip(t *testing.T) {
	want, err := gogen.Plans(schemaFiles(t)...)
	if err != nil {
		t.Fatal(err)
	}
	keep := map[string]bool{}
	for typ, fields := range runtimeFields {
		for _, f := range fields {
			keep[typ+"."+f] = true
		}
	}
	reduce(reflect.ValueOf(want), keep)
	if reflect.DeepEqual(defaultschema.Schema, want) {
		return
	}
	t.Fatalf("the compiled-in plans differ from the compiler's at %s (run `make generate`, or update runtimeFields)",
		firstDiff(reflect.ValueOf(defaultschema.Schema), reflect.ValueOf(want), "Schema"))
}

// reduce zeroes, in place, every field of a runtime/spec struct reachable
// from v that keep does not name ("Column.Name").
func reduce(v reflect.Value, keep map[string]bool) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			reduce(v.Elem(), keep)
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			reduce(v.Index(i), keep)
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f := v.Field(i)
			if !t.Field(i).IsExported() {
				continue
			}
			if t.PkgPath() == specPath && !keep[t.Name()+"."+t.Field(i).Name] {
				f.SetZero()
				continue
			}
			reduce(f, keep)
		}
	}
}

// specPath is the import path of the plan types.
var specPath = reflect.TypeFor[spec.Schema]().PkgPath()

// firstDiff names the first path at which a and b differ.
func firstDiff(a, b reflect.Value, path string) string {
	if a.Kind() != b.Kind() {
		return path
	}
	switch a.Kind() {
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			return fmt.Sprintf("%s (nil: %t vs %t)", path, a.IsNil(), b.IsNil())
		}
		return firstDiff(a.Elem(), b.Elem(), path)
	case reflect.Struct:
		for i := 0; i < a.NumField(); i++ {
			if !a.Type().Field(i).IsExported() {
				continue // the literal emitter refuses set unexported fields
			}
			if !reflect.DeepEqual(a.Field(i).Interface(), b.Field(i).Interface()) {
				return firstDiff(a.Field(i), b.Field(i), path+"."+a.Type().Field(i).Name)
			}
		}
	case reflect.Slice, reflect.Array:
		if a.Len() != b.Len() {
			return fmt.Sprintf("%s (length %d vs %d)", path, a.Len(), b.Len())
		}
		for i := 0; i < a.Len(); i++ {
			if !reflect.DeepEqual(a.Index(i).Interface(), b.Index(i).Interface()) {
				return firstDiff(a.Index(i), b.Index(i), fmt.Sprintf("%s[%d]", path, i))
			}
		}
	}
	return fmt.Sprintf("%s (%v vs %v)", path, a, b)
}
