package relmodel

// ProjectStats counts the derived objects of one project's physical schema.
type ProjectStats struct {
	ProjectName    string
	PhysicalSchema string
	Resources      int
	Tables         int
	Columns        int
	ForeignKeys    int
	Indexes        int
	Triggers       int
}

// Stats summarises the model per project (in endpoint order). Tables,
// columns and foreign keys are counted in the schema that holds them, so a
// project's `_ext` tables count for the extension project; abstract identity
// tables count for the abstract resource's project.
func (ms *ModelSet) Stats() []ProjectStats {
	out := make([]ProjectStats, len(ms.Projects))
	bySchema := map[string]*ProjectStats{}
	byName := map[string]*ProjectStats{}
	for i, p := range ms.Projects {
		out[i] = ProjectStats{ProjectName: p.ProjectName, PhysicalSchema: p.PhysicalSchema}
		bySchema[p.PhysicalSchema] = &out[i]
		byName[p.ProjectName] = &out[i]
	}
	countTable := func(t *Table) {
		s := bySchema[t.Name.Schema]
		if s == nil {
			return
		}
		s.Tables++
		s.Columns += len(t.Columns)
		for _, c := range t.Constraints {
			if c.Kind == ConForeignKey {
				s.ForeignKeys++
			}
		}
	}
	for _, r := range ms.Resources {
		if s := byName[r.Name.Project]; s != nil {
			s.Resources++
		}
		if r.StorageKind == SharedDescriptorTable {
			continue
		}
		for _, t := range r.Tables {
			countTable(t)
		}
	}
	for _, a := range ms.AbstractTables {
		countTable(a.Table)
	}
	for _, x := range ms.Indexes {
		if s := bySchema[x.Table.Schema]; s != nil {
			s.Indexes++
		}
	}
	for _, t := range ms.Triggers {
		if s := bySchema[t.Table.Schema]; s != nil {
			s.Triggers++
		}
	}
	return out
}
