package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/edfi-dmsc/dmsc/compiler/effschema"
	"github.com/edfi-dmsc/dmsc/compiler/emit"
	"github.com/edfi-dmsc/dmsc/compiler/load"
)

// schemaFlags is the input every command shares: the core file first,
// then extension files.
type schemaFlags struct {
	Schema []string `short:"s" required:"" type:"path" placeholder:"FILE" help:"ApiSchema.json file; repeat the flag: the first is the core project, the rest are extensions."`
}

type schemaCmd struct {
	Inspect schemaInspectCmd `cmd:"" help:"Print projects, versions, resource counts and the effective schema hash."`
}

type schemaInspectCmd struct {
	schemaFlags
}

func (c *schemaInspectCmd) Run(e *env) error {
	set, info, err := effschema.LoadFiles(c.Schema...)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "PROJECT\tENDPOINT\tVERSION\tKIND\tRESOURCES\tDESCRIPTORS\tABSTRACT\tEXTENSIONS\tFILE")
	for _, p := range set.Projects {
		kind := "core"
		if p.IsExtension {
			kind = "extension"
		}
		n := countResources(p)
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%d\t%d\t%d\t%d\t%s\n", p.ProjectName, p.EndpointName, p.ProjectVersion, kind,
			n.resources, n.descriptors, n.abstract, n.extensions, p.File)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "\napiSchemaVersion:      %s\n", info.APISchemaFormatVersion)
	fmt.Fprintf(e.stdout, "effectiveSchemaHash:   %s\n", info.EffectiveSchemaHash)
	fmt.Fprintf(e.stdout, "resourceKeyCount:      %d\n", len(info.ResourceKeys))
	fmt.Fprintf(e.stdout, "resourceKeySeedHash:   %s\n", info.SeedHashHex())
	return nil
}

type resourceCounts struct{ resources, descriptors, abstract, extensions int }

// countResources counts a project's resources: concrete resources
// (descriptors included), descriptors alone, abstract resources and
// resource extensions (which extend another project's resource).
func countResources(p *load.Project) resourceCounts {
	var n resourceCounts
	if rs := p.Schema.Get("resourceSchemas"); rs != nil {
		for _, m := range rs.Members {
			switch {
			case m.Value.Get("isResourceExtension").BoolOr(false):
				n.extensions++
			case m.Value.Get("isDescriptor").BoolOr(false):
				n.descriptors++
				n.resources++
			default:
				n.resources++
			}
		}
	}
	if ar := p.Schema.Get("abstractResources"); ar != nil {
		n.abstract = len(ar.Members)
	}
	return n
}

type ddlCmd struct {
	Emit      ddlEmitCmd      `cmd:"" help:"Write DDL scripts and manifests for a schema set into a directory."`
	Provision ddlProvisionCmd `cmd:"" help:"Create-only provisioning: apply the DDL to a database in one transaction (a rerun for the same schema is a no-op)."`
}

type ddlEmitCmd struct {
	schemaFlags
	Output      string `short:"o" required:"" type:"path" placeholder:"DIR" help:"Output directory; replaced as a whole, never left half-written."`
	Dialect     string `short:"d" default:"both" enum:"pgsql,mssql,both" help:"SQL dialect(s): pgsql, mssql or both."`
	DDLManifest bool   `name:"ddl-manifest" help:"Also write ddl.manifest.json (normalized SQL hashes and statement counts)."`
	Permissive  bool   `help:"Use the permissive model passes meant for synthetic test schemas (real schemas use the strict passes)."`
	NoAPIDocs   bool   `name:"no-api-docs" help:"Do not write the API description (api/: OpenAPI documents and resource load order) that schemas with openApiBaseDocuments get."`
}

func (c *ddlEmitCmd) Run(e *env) error {
	dialects, err := emit.ParseDialects(c.Dialect)
	if err != nil {
		return usageError{err.Error()}
	}
	set, err := load.Files(c.Schema...)
	if err != nil {
		return err
	}
	arts, info, err := emit.Build(set, emit.Options{Dialects: dialects, DDLManifest: c.DDLManifest, Strict: !c.Permissive, APIDocs: !c.NoAPIDocs})
	if err != nil {
		return err
	}
	if err := emit.WriteDir(c.Output, arts); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %d files to %s (effective schema hash %s)\n", len(arts), c.Output, info.EffectiveSchemaHash)
	return nil
}
