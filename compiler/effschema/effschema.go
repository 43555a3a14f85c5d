// Package effschema computes the effective-schema fingerprint of a loaded
// ApiSchema set: per-project hashes, the EffectiveSchemaHash, the
// dms.ResourceKey seed list and its hash. These values are an
// interoperability contract with the reference implementation, so every
// byte of the hashed text follows its definition exactly.
package effschema

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/edfi-dmsc/dmsc/compiler/jsonx"
	"github.com/edfi-dmsc/dmsc/compiler/load"
)

// RelationalMappingVersion is the version of the relational mapping rules;
// it is part of the EffectiveSchemaHash so a rule change re-fingerprints
// every database.
const RelationalMappingVersion = "v2"

// MaxResourceKeys is the ceiling imposed by dms.ResourceKey.ResourceKeyId
// being a smallint.
const MaxResourceKeys = 32767

// Component is one project's entry in dms.SchemaComponent.
type Component struct {
	EndpointName   string
	ProjectName    string
	ProjectVersion string
	IsExtension    bool
	ProjectHash    string // lowercase hex SHA-256 of the canonical projectSchema
}

// ResourceKey is one seeded dms.ResourceKey row.
type ResourceKey struct {
	ID           int16
	ProjectName  string
	ResourceName string
	Version      string
	IsAbstract   bool
}

// Info is the fingerprint of a schema set.
type Info struct {
	APISchemaFormatVersion   string
	RelationalMappingVersion string
	EffectiveSchemaHash      string
	Components               []Component // ordered by endpoint name (ordinal)
	ResourceKeys             []ResourceKey
	ResourceKeySeedHash      [32]byte
}

// SeedHashHex is the seed hash as lowercase hex, the form manifests use.
func (i *Info) SeedHashHex() string { return hex.EncodeToString(i.ResourceKeySeedHash[:]) }

// ResourceKeyID returns the seeded id of a resource, or 0 when unknown.
func (i *Info) ResourceKeyID(projectName, resourceName string) int16 {
	n := sort.Search(len(i.ResourceKeys), func(k int) bool {
		rk := i.ResourceKeys[k]
		if rk.ProjectName != projectName {
			return !jsonx.LessOrdinal(rk.ProjectName, projectName)
		}
		return !jsonx.LessOrdinal(rk.ResourceName, resourceName)
	})
	if n < len(i.ResourceKeys) && i.ResourceKeys[n].ProjectName == projectName && i.ResourceKeys[n].ResourceName == resourceName {
		return i.ResourceKeys[n].ID
	}
	return 0
}

// Compute fingerprints a loaded schema set.
func Compute(set *load.SchemaSet) (*Info, error) {
	info := &Info{APISchemaFormatVersion: set.APISchemaVersion, RelationalMappingVersion: RelationalMappingVersion}
	for _, p := range set.Projects {
		sum := sha256.Sum256(jsonx.Canonical(p.Schema))
		info.Components = append(info.Components, Component{
			EndpointName: p.EndpointName, ProjectName: p.ProjectName, ProjectVersion: p.ProjectVersion,
			IsExtension: p.IsExtension, ProjectHash: hex.EncodeToString(sum[:]),
		})
	}
	sort.SliceStable(info.Components, func(a, b int) bool {
		return jsonx.LessOrdinal(info.Components[a].EndpointName, info.Components[b].EndpointName)
	})
	info.EffectiveSchemaHash = effectiveSchemaHash(info)

	keys, err := resourceKeys(set)
	if err != nil {
		return nil, err
	}
	info.ResourceKeys = keys
	info.ResourceKeySeedHash = seedHash(keys)
	return info, nil
}

func effectiveSchemaHash(info *Info) string {
	var b strings.Builder
	b.WriteString("dms-effective-schema-hash:v1\n")
	b.WriteString("relationalMappingVersion=" + info.RelationalMappingVersion + "\n")
	b.WriteString("apiSchemaFormatVersion=" + info.APISchemaFormatVersion)
	for _, c := range info.Components {
		fmt.Fprintf(&b, "\n%s|%s|%s|%t|%s", c.EndpointName, c.ProjectName, c.ProjectVersion, c.IsExtension, c.ProjectHash)
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:])
}

// resourceKeys lists every concrete resource (resource extensions excluded:
// they add to another project's resource) and every abstract resource,
// sorted by (project name, resource name) with ids 1..N.
func resourceKeys(set *load.SchemaSet) ([]ResourceKey, error) {
	type origin struct{ file, location string }
	var keys []ResourceKey
	seen := map[[2]string]origin{}
	add := func(p *load.Project, location, name string, abstract bool) error {
		k := [2]string{p.ProjectName, name}
		if prev, dup := seen[k]; dup {
			return &load.Error{File: p.File, Location: location,
				Reason: fmt.Sprintf("duplicate resource key %s/%s (also defined at %s in %s)", p.ProjectName, name, prev.location, prev.file)}
		}
		seen[k] = origin{p.File, location}
		keys = append(keys, ResourceKey{ProjectName: p.ProjectName, ResourceName: name, Version: p.ProjectVersion, IsAbstract: abstract})
		return nil
	}
	for _, p := range set.Projects {
		if rs := p.Schema.Get("resourceSchemas"); rs != nil {
			for _, m := range rs.Members {
				at := "$.projectSchema.resourceSchemas" + jsonx.PathKey(m.Key)
				if m.Value.Get("isResourceExtension").BoolOr(false) {
					continue
				}
				name, ok := m.Value.Get("resourceName").Str()
				if !ok || name == "" {
					return nil, &load.Error{File: p.File, Location: at + ".resourceName", Reason: "missing or not a non-empty string"}
				}
				if err := add(p, at, name, false); err != nil {
					return nil, err
				}
			}
		}
		if ar := p.Schema.Get("abstractResources"); ar != nil {
			for _, m := range ar.Members {
				if err := add(p, "$.projectSchema.abstractResources"+jsonx.PathKey(m.Key), m.Key, true); err != nil {
					return nil, err
				}
			}
		}
	}
	if len(keys) > MaxResourceKeys {
		return nil, fmt.Errorf("the schema set defines %d resources (concrete and abstract), more than the %d that dms.ResourceKey (smallint) can hold",
			len(keys), MaxResourceKeys)
	}
	sort.SliceStable(keys, func(a, b int) bool {
		if keys[a].ProjectName != keys[b].ProjectName {
			return jsonx.LessOrdinal(keys[a].ProjectName, keys[b].ProjectName)
		}
		return jsonx.LessOrdinal(keys[a].ResourceName, keys[b].ResourceName)
	})
	for i := range keys {
		keys[i].ID = int16(i + 1)
	}
	return keys, nil
}

func seedHash(keys []ResourceKey) [32]byte {
	var b strings.Builder
	b.WriteString("resource-key-seed-hash:v1\n")
	for _, k := range keys {
		b.WriteString(strconv.Itoa(int(k.ID)) + "|" + k.ProjectName + "|" + k.ResourceName + "|" + k.Version + "\n")
	}
	return sha256.Sum256([]byte(b.String()))
}

// Manifest renders effective-schema.manifest.json exactly as the reference
// writes it.
func (i *Info) Manifest() []byte {
	components := make([]*jsonx.Value, len(i.Components))
	for n, c := range i.Components {
		components[n] = jsonx.Obj(
			jsonx.M("project_endpoint_name", jsonx.Str(c.EndpointName)),
			jsonx.M("project_name", jsonx.Str(c.ProjectName)),
			jsonx.M("project_version", jsonx.Str(c.ProjectVersion)),
			jsonx.M("is_extension_project", jsonx.Boolean(c.IsExtension)),
			jsonx.M("project_hash", jsonx.Str(c.ProjectHash)),
		)
	}
	keys := make([]*jsonx.Value, len(i.ResourceKeys))
	for n, k := range i.ResourceKeys {
		keys[n] = jsonx.Obj(
			jsonx.M("resource_key_id", jsonx.Int(int64(k.ID))),
			jsonx.M("project_name", jsonx.Str(k.ProjectName)),
			jsonx.M("resource_name", jsonx.Str(k.ResourceName)),
			jsonx.M("resource_version", jsonx.Str(k.Version)),
		)
	}
	return jsonx.Indented(jsonx.Obj(
		jsonx.M("api_schema_format_version", jsonx.Str(i.APISchemaFormatVersion)),
		jsonx.M("relational_mapping_version", jsonx.Str(i.RelationalMappingVersion)),
		jsonx.M("effective_schema_hash", jsonx.Str(i.EffectiveSchemaHash)),
		jsonx.M("resource_key_count", jsonx.Int(int64(len(i.ResourceKeys)))),
		jsonx.M("resource_key_seed_hash", jsonx.Str(i.SeedHashHex())),
		jsonx.M("schema_components", jsonx.Arr(components...)),
		jsonx.M("resource_keys", jsonx.Arr(keys...)),
	), jsonx.EscapeDefault)
}

// LoadFiles loads an ApiSchema set (core first, then extensions) and
// fingerprints it: the first two compiler stages, which every command and
// pipeline starts with.
func LoadFiles(paths ...string) (*load.SchemaSet, *Info, error) {
	set, err := load.Files(paths...)
	if err != nil {
		return nil, nil, err
	}
	info, err := Compute(set)
	if err != nil {
		return nil, nil, err
	}
	return set, info, nil
}
