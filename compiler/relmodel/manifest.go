package relmodel

import (
	"github.com/edfi-dmsc/dmsc/compiler/jsonx"
)

type (
	obj = []jsonx.Member
)

var (
	m    = jsonx.M
	str  = jsonx.Str
	strs = jsonx.Strs
	boo  = jsonx.Boolean
)

func nullOr(s string) *jsonx.Value {
	if s == "" {
		return jsonx.NullValue()
	}
	return str(s)
}

func tableRef(t TableName) *jsonx.Value {
	return jsonx.Obj(m("schema", str(t.Schema)), m("name", str(t.Name)))
}

func resourceRef(r ResourceName) *jsonx.Value {
	return jsonx.Obj(m("project_name", str(r.Project)), m("resource_name", str(r.Resource)))
}

func scalarTypeValue(t *ScalarType) *jsonx.Value {
	if t == nil {
		return jsonx.NullValue()
	}
	ms := obj{m("kind", str(string(t.Kind)))}
	if t.Kind == KindString && t.MaxLength > 0 {
		ms = append(ms, m("max_length", jsonx.Int(int64(t.MaxLength))))
	}
	if t.Kind == KindDecimal {
		ms = append(ms, m("precision", jsonx.Int(int64(t.Precision))), m("scale", jsonx.Int(int64(t.Scale))))
	}
	return jsonx.Obj(ms...)
}

func arr[T any](items []T, f func(T) *jsonx.Value) *jsonx.Value {
	out := make([]*jsonx.Value, len(items))
	for i, it := range items {
		out[i] = f(it)
	}
	return jsonx.Arr(out...)
}

// Manifest renders relational-model.<dialect>.manifest.json exactly as the
// reference writes it, with every concrete resource detailed.
func (ms *ModelSet) Manifest() []byte {
	root := jsonx.Obj(
		m("dialect", str(string(ms.Dialect))),
		m("effective_schema_hash", str(ms.EffectiveSchemaHash)),
		m("relational_mapping_version", str(ms.RelationalMappingVersion)),
		m("projects", arr(ms.Projects, func(p Project) *jsonx.Value {
			return jsonx.Obj(
				m("project_endpoint_name", str(p.EndpointName)),
				m("project_name", str(p.ProjectName)),
				m("project_version", str(p.ProjectVersion)),
				m("is_extension", boo(p.IsExtension)),
				m("physical_schema", str(p.PhysicalSchema)),
			)
		})),
		m("resources", arr(ms.Resources, func(r *Resource) *jsonx.Value {
			return jsonx.Obj(
				m("project_name", str(r.Name.Project)),
				m("resource_name", str(r.Name.Resource)),
				m("storage_kind", str(string(r.StorageKind))),
				m("physical_schema", str(r.PhysicalSchema)),
			)
		})),
		m("abstract_identity_tables", arr(ms.AbstractTables, func(a AbstractIdentityTable) *jsonx.Value {
			return jsonx.Obj(m("resource", resourceRef(a.Resource)), m("table", tableValue(a.Table, false)))
		})),
		m("abstract_union_views", arr(ms.AbstractViews, unionViewValue)),
		m("indexes", arr(ms.Indexes, func(x Index) *jsonx.Value {
			ms := obj{
				m("name", str(x.Name)), m("table", tableRef(x.Table)), m("kind", str(string(x.Kind))),
				m("is_unique", boo(x.IsUnique)), m("key_columns", strs(x.KeyColumns...)),
			}
			if len(x.IncludeColumns) > 0 {
				ms = append(ms, m("include_columns", strs(x.IncludeColumns...)))
			}
			return jsonx.Obj(ms...)
		})),
		m("triggers", arr(ms.Triggers, triggerValue)),
		m("tracked_change_tables", arr(ms.TrackedChangeTables, trackedTableValue)),
	)
	if len(ms.AuthEntities) > 0 {
		auth := obj{m("table", jsonx.Obj(
			m("table", tableRef(AuthEdOrgTable)),
			m("columns", jsonx.Arr(
				jsonx.Obj(m("name", str(AuthSourceEdOrgColumn)), m("type", str("bigint")), m("is_nullable", boo(false))),
				jsonx.Obj(m("name", str(AuthTargetEdOrgColumn)), m("type", str("bigint")), m("is_nullable", boo(false))),
			)),
			m("primary_key", jsonx.Obj(
				m("name", str("PK_"+AuthEdOrgTable.Name)),
				m("columns", strs(AuthSourceEdOrgColumn, AuthTargetEdOrgColumn)),
			)),
		))}
		if len(ms.PeopleAuthViews) > 0 {
			auth = append(auth, m("views", arr(ms.PeopleAuthViews, authViewValue)))
		}
		if len(ms.ReadChangesAuthViews) > 0 {
			auth = append(auth, m("read_changes_views", arr(ms.ReadChangesAuthViews, authViewValue)))
		}
		root.Members = append(root.Members, m("auth_objects", jsonx.Obj(auth...)))
	}
	root.Members = append(root.Members, m("resource_details", arr(ms.Resources, resourceDetailValue)))
	return jsonx.Indented(root, jsonx.EscapeDefault)
}

func authViewValue(v AuthView) *jsonx.Value {
	return jsonx.Obj(
		m("view", tableRef(v.View)),
		m("arms_set_operator", str(v.SetOperator)),
		m("arms", arr(v.Arms, func(a AuthViewArm) *jsonx.Value {
			return jsonx.Obj(
				m("select_distinct", boo(false)),
				m("source", jsonx.Obj(m("alias", str(a.SourceAlias)), m("table", tableRef(a.SourceTable)))),
				m("output_columns", arr(a.OutputColumns, func(c AuthViewColumn) *jsonx.Value {
					ms := obj{m("alias", str(c.Alias)), m("column", str(c.Column))}
					if c.OutputName != "" {
						ms = append(ms, m("output_name", str(c.OutputName)))
					}
					return jsonx.Obj(ms...)
				})),
				m("joins", arr(a.Joins, func(j AuthViewJoin) *jsonx.Value {
					return jsonx.Obj(
						m("alias", str(j.Alias)),
						m("table", tableRef(j.Table)),
						m("on", arr(j.On, func(p AuthViewJoinPredicate) *jsonx.Value {
							return jsonx.Obj(
								m("left_alias", str(p.LeftAlias)), m("left_column", str(p.LeftColumn)),
								m("right_alias", str(p.RightAlias)), m("right_column", str(p.RightColumn)),
							)
						})),
					)
				})),
			)
		})),
	)
}

func unionViewValue(v AbstractUnionView) *jsonx.Value {
	return jsonx.Obj(
		m("resource", resourceRef(v.Resource)),
		m("view_name", tableRef(v.View)),
		m("output_columns", arr(v.Columns, func(c UnionViewColumn) *jsonx.Value {
			ms := obj{m("column_name", str(c.Name)), m("type", scalarTypeValue(c.Type)), m("source_path", nullOr(c.SourcePath))}
			if c.TargetResource != nil {
				ms = append(ms, m("target_resource", resourceRef(*c.TargetResource)))
			} else {
				ms = append(ms, m("target_resource", jsonx.NullValue()))
			}
			if c.IsDescriptorReference {
				ms = append(ms, m("is_descriptor_reference", boo(true)))
			}
			return jsonx.Obj(ms...)
		})),
		m("union_arms", arr(v.Arms, func(a UnionViewArm) *jsonx.Value {
			return jsonx.Obj(
				m("concrete_member", resourceRef(a.ConcreteMember)),
				m("from_table", tableRef(a.FromTable)),
				m("projection_expressions", arr(a.Projections, func(p UnionViewProjection) *jsonx.Value {
					if p.Literal {
						return jsonx.Obj(m("kind", str("StringLiteral")), m("value", str(p.Value)))
					}
					return jsonx.Obj(m("kind", str("SourceColumn")), m("column_name", str(p.Value)))
				})),
			)
		})),
	)
}

func identityElementsValue(es []IdentityElement) *jsonx.Value {
	return arr(es, func(e IdentityElement) *jsonx.Value {
		ms := obj{m("column", str(e.Column)), m("identity_json_path", str(e.IdentityJSONPath))}
		if e.IsDescriptorReference {
			ms = append(ms, m("is_descriptor_reference", boo(true)))
		}
		return jsonx.Obj(ms...)
	})
}

func triggerValue(t Trigger) *jsonx.Value {
	ms := obj{
		m("name", str(t.Name)), m("table", tableRef(t.Table)), m("kind", str(string(t.Kind))),
		m("key_columns", strs(t.KeyColumns...)), m("identity_projection_columns", strs(t.IdentityProjectionColumns...)),
	}
	switch t.Kind {
	case TriggerAbstractIdentityMaintenance:
		ms = append(ms,
			m("target_table", tableRef(t.TargetTable)),
			m("target_column_mappings", arr(t.TargetColumns, func(c ColumnMapping) *jsonx.Value {
				return jsonx.Obj(m("source_column", str(c.Source)), m("target_column", str(c.Target)))
			})),
			m("discriminator_value", str(t.DiscriminatorValue)),
		)
	case TriggerReferentialIdentityMaintenance:
		ms = append(ms,
			m("resource_key_id", jsonx.Int(int64(t.ResourceKeyID))),
			m("project_name", str(t.Resource.Project)),
			m("resource_name", str(t.Resource.Resource)),
			m("identity_elements", identityElementsValue(t.IdentityElements)),
		)
		if a := t.SuperclassAlias; a != nil {
			ms = append(ms, m("superclass_alias", jsonx.Obj(
				m("resource_key_id", jsonx.Int(int64(a.ResourceKeyID))),
				m("project_name", str(a.Resource.Project)),
				m("resource_name", str(a.Resource.Resource)),
				m("identity_elements", identityElementsValue(a.IdentityElements)),
			)))
		}
	case TriggerAuthHierarchyMaintenance:
		ms = append(ms,
			m("entity_name", str(t.AuthEntity.Name)),
			m("trigger_event", str(t.AuthEvent)),
			m("identity_column", str(t.AuthEntity.IdentityColumn)),
			m("parent_fks", arr(t.AuthEntity.ParentColumns, func(c string) *jsonx.Value {
				return jsonx.Obj(m("denormalized_parent_id_column", str(c)))
			})),
		)
	case TriggerDocumentStamping:
		ms = append(ms, m("mirror_stamp_target_table", tableRef(t.MirrorStampTarget)))
		if t.TrackedChangeTarget != nil {
			ms = append(ms, m("change_tracking", jsonx.Obj(m("tracked_change_table", tableRef(*t.TrackedChangeTarget)))))
		}
	}
	return jsonx.Obj(ms...)
}

func trackedTableValue(t TrackedChangeTable) *jsonx.Value {
	return jsonx.Obj(
		m("table", tableRef(t.Table)),
		m("kind", str(t.Kind)),
		m("source_table", tableRef(t.SourceTable)),
		m("primary_key_columns", strs(t.PrimaryKeyColumns...)),
		m("value_columns", arr(t.ValueColumns, func(c TrackedChangeValueColumn) *jsonx.Value {
			ms := obj{m("old_column", str(c.OldColumn)), m("new_column", str(c.NewColumn)), m("source_json_path", str(c.SourceJSONPath))}
			if c.CanonicalStorageColumn != "" {
				ms = append(ms, m("canonical_storage_column", str(c.CanonicalStorageColumn)))
			}
			t := c.Type
			ms = append(ms,
				m("is_old_column_nullable", boo(c.IsOldNullable)),
				m("is_new_column_nullable", boo(c.IsNewNullable)),
				m("scalar_type", scalarTypeValue(&t)),
				m("role", str(c.Role)),
				m("origin", str(c.Origin)),
			)
			if c.DescriptorJoinName != "" {
				ms = append(ms, m("descriptor_join_name", str(c.DescriptorJoinName)))
			}
			if c.PersonJoinName != "" {
				ms = append(ms, m("person_join_name", str(c.PersonJoinName)))
			}
			return jsonx.Obj(ms...)
		})),
		m("system_columns", arr(t.SystemColumns, func(c TrackedChangeSystemColumn) *jsonx.Value {
			return jsonx.Obj(
				m("role", str(c.Role)), m("column", str(c.Column)), m("scalar_type", scalarTypeValue(c.Type)),
				m("is_nullable", boo(c.Nullable)), m("is_primary_key", boo(c.PrimaryKey)),
			)
		})),
		m("descriptor_joins", arr(t.DescriptorJoins, func(j TrackedChangeDescriptorJoin) *jsonx.Value {
			return jsonx.Obj(
				m("descriptor_join_name", str(j.Name)), m("source_column", str(j.SourceColumn)),
				m("descriptor_project", str(j.Descriptor.Project)), m("descriptor_resource", str(j.Descriptor.Resource)),
			)
		})),
		m("person_joins", arr(t.PersonJoins, func(j TrackedChangePersonJoin) *jsonx.Value {
			return jsonx.Obj(
				m("person_join_name", str(j.Name)), m("person_kind", str(j.PersonKind)),
				m("join_path", arr(j.Path, func(s JoinStep) *jsonx.Value {
					return jsonx.Obj(m("source_table", tableRef(s.SourceTable)), m("source_column", str(s.SourceColumn)),
						m("target_table", tableRef(s.TargetTable)), m("target_column", str(s.TargetColumn)))
				})),
			)
		})),
	)
}

func tableValue(t *Table, withDedup bool) *jsonx.Value {
	ms := obj{
		m("schema", str(t.Name.Schema)),
		m("name", str(t.Name.Name)),
		m("scope", str(t.Scope)),
		m("key_columns", arr(t.Key, func(k KeyColumn) *jsonx.Value {
			return jsonx.Obj(m("name", str(k.Name)), m("kind", str(string(k.Kind))))
		})),
		m("columns", arr(t.Columns, columnValue)),
		m("key_unification_classes", arr(t.KeyUnificationClasses, func(k KeyUnificationClass) *jsonx.Value {
			return jsonx.Obj(m("canonical_column", str(k.CanonicalColumn)), m("member_path_columns", strs(k.MemberPathColumns...)))
		})),
		m("identity_metadata", jsonx.Obj(
			m("table_kind", str(string(t.Identity.TableKind))),
			m("physical_row_identity_columns", strs(t.Identity.PhysicalRowIdentity...)),
			m("root_scope_locator_columns", strs(t.Identity.RootScopeLocator...)),
			m("immediate_parent_scope_locator_columns", strs(t.Identity.ImmediateParentScopeLocator...)),
			m("semantic_identity_bindings", arr(t.Identity.SemanticIdentity, func(s SemanticIdentityBinding) *jsonx.Value {
				return jsonx.Obj(m("relative_path", str(s.RelativePath)), m("column", str(s.Column)))
			})),
		)),
	}
	if withDedup {
		ms = append(ms, m("descriptor_fk_deduplications", arr(t.DescriptorFKDeduplications, func(d DescriptorFKDeduplication) *jsonx.Value {
			return jsonx.Obj(m("storage_column", str(d.StorageColumn)), m("binding_columns", strs(d.BindingColumns...)),
				m("constraint_name", str(descriptorFKName(t, d.StorageColumn))))
		})))
	}
	ms = append(ms, m("constraints", arr(t.Constraints, constraintValue)))
	return jsonx.Obj(ms...)
}

func columnValue(c *Column) *jsonx.Value {
	var storage *jsonx.Value
	if c.Storage.UnifiedAlias {
		storage = jsonx.Obj(m("kind", str("UnifiedAlias")), m("canonical_column", str(c.Storage.CanonicalColumn)),
			m("presence_column", nullOr(c.Storage.PresenceColumn)))
	} else {
		storage = jsonx.Obj(m("kind", str("Stored")))
	}
	return jsonx.Obj(
		m("name", str(c.Name)), m("kind", str(string(c.Kind))), m("type", scalarTypeValue(c.Type)),
		m("is_nullable", boo(c.Nullable)), m("source_path", nullOr(c.SourcePath)), m("storage", storage),
	)
}

func constraintValue(c *Constraint) *jsonx.Value {
	switch c.Kind {
	case ConForeignKey:
		return jsonx.Obj(
			m("kind", str("ForeignKey")), m("name", str(c.Name)), m("columns", strs(c.Columns...)),
			m("target_table", tableRef(c.TargetTable)), m("target_columns", strs(c.TargetColumns...)),
			m("on_delete", str(string(c.OnDelete))), m("on_update", str(string(c.OnUpdate))),
		)
	case ConAllOrNoneNullability:
		return jsonx.Obj(m("kind", str("AllOrNoneNullability")), m("name", str(c.Name)),
			m("fk_column", str(c.FkColumn)), m("dependent_columns", strs(c.DependentColumns...)))
	case ConNullOrTrue:
		return jsonx.Obj(m("kind", str("NullOrTrue")), m("name", str(c.Name)), m("column", str(c.Column)))
	}
	return jsonx.Obj(m("kind", str("Unique")), m("name", str(c.Name)), m("columns", strs(c.Columns...)))
}

func resourceDetailValue(r *Resource) *jsonx.Value {
	tables := []*Table{}
	if r.StorageKind != SharedDescriptorTable {
		tables = r.Tables
	}
	return jsonx.Obj(
		m("resource", resourceRef(r.Name)),
		m("physical_schema", str(r.PhysicalSchema)),
		m("storage_kind", str(string(r.StorageKind))),
		m("tables", arr(tables, func(t *Table) *jsonx.Value { return tableValue(t, true) })),
		m("key_unification_equality_constraints", keyUnificationValue(r.KeyUnification)),
		m("document_reference_bindings", arr(r.References, func(b DocumentReferenceBinding) *jsonx.Value {
			return jsonx.Obj(
				m("is_identity_component", boo(b.IsIdentityComponent)), m("is_required", boo(b.IsRequired)),
				m("is_role_named", boo(b.IsRoleNamed)), m("reference_object_path", str(b.ReferenceObjectPath)),
				m("table", tableRef(b.Table)), m("fk_column", str(b.FkColumn)), m("target_resource", resourceRef(b.TargetResource)),
				m("identity_bindings", arr(b.IdentityBindings, func(ib ReferenceIdentityBinding) *jsonx.Value {
					return jsonx.Obj(m("identity_json_path", str(ib.IdentityJSONPath)),
						m("reference_json_path", str(ib.ReferenceJSONPath)), m("column", str(ib.Column)))
				})),
			)
		})),
		m("descriptor_edge_sources", arr(r.DescriptorEdges, func(e DescriptorEdge) *jsonx.Value {
			return jsonx.Obj(
				m("is_identity_component", boo(e.IsIdentityComponent)), m("is_required", boo(e.IsRequired)),
				m("is_role_named", boo(e.IsRoleNamed)), m("descriptor_value_path", str(e.DescriptorValuePath)),
				m("table", tableRef(e.Table)), m("fk_column", str(e.FkColumn)), m("descriptor_resource", resourceRef(e.DescriptorResource)),
			)
		})),
		m("extension_sites", arr(r.ExtensionSites, func(s ExtensionSite) *jsonx.Value {
			return jsonx.Obj(m("owning_scope", str(s.OwningScope)), m("extension_path", str(s.ExtensionPath)), m("project_keys", strs(s.ProjectKeys...)))
		})),
	)
}

// descriptorFKName finds the FK to dms.Descriptor on a storage column.
func descriptorFKName(t *Table, storage string) string {
	for _, c := range t.Constraints {
		if c.Kind == ConForeignKey && c.TargetTable == descriptorTable && len(c.Columns) == 1 && c.Columns[0] == storage {
			return c.Name
		}
	}
	return ""
}

func endpointValue(e EndpointBinding) *jsonx.Value {
	return jsonx.Obj(m("table", tableRef(e.Table)), m("column", str(e.Column)))
}

func keyUnificationValue(k KeyUnificationDiagnostics) *jsonx.Value {
	byReason := jsonx.Obj()
	if n := len(k.Ignored); n > 0 {
		byReason = jsonx.Obj(m("cross_table", jsonx.Int(int64(n))))
	}
	return jsonx.Obj(
		m("applied", arr(k.Applied, func(a AppliedEquality) *jsonx.Value {
			return jsonx.Obj(
				m("endpoint_a_path", str(a.EndpointAPath)), m("endpoint_b_path", str(a.EndpointBPath)),
				m("table", tableRef(a.Table)), m("endpoint_a_column", str(a.EndpointAColumn)),
				m("endpoint_b_column", str(a.EndpointBColumn)), m("canonical_column", str(a.CanonicalColumn)),
			)
		})),
		m("redundant", arr(k.Redundant, func(r RedundantEquality) *jsonx.Value {
			return jsonx.Obj(m("endpoint_a_path", str(r.EndpointAPath)), m("endpoint_b_path", str(r.EndpointBPath)),
				m("binding", endpointValue(r.Binding)))
		})),
		m("ignored", arr(k.Ignored, func(i IgnoredEquality) *jsonx.Value {
			return jsonx.Obj(m("endpoint_a_path", str(i.EndpointAPath)), m("endpoint_b_path", str(i.EndpointBPath)),
				m("reason", str(i.Reason)), m("endpoint_a_binding", endpointValue(i.EndpointA)),
				m("endpoint_b_binding", endpointValue(i.EndpointB)))
		})),
		m("ignored_by_reason", byReason),
		m("skipped", arr(k.Skipped, func(s SkippedEquality) *jsonx.Value {
			return jsonx.Obj(m("source_path", str(s.SourcePath)), m("target_path", str(s.TargetPath)),
				m("unresolved_endpoint", str(s.UnresolvedEndpoint)))
		})),
	)
}
