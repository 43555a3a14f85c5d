package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/edfi-dmsc/dmsc/runtime/authz"
	"github.com/edfi-dmsc/dmsc/runtime/authz/claimschema"
)

type claimsCmd struct {
	Load claimsLoadCmd `cmd:"" help:"Load claim sets and the resource-claim hierarchy (the Ed-Fi Claims.json format) into a database, replacing those loaded before."`
}

type claimsLoadCmd struct {
	cmsDatabaseFlags
	Files      []string `arg:"" name:"file" type:"existingfile" help:"A Claims.json document, then any additional claim-set fragments (*-claimset.json) to apply to it, in order."`
	Strict     bool     `name:"strict" help:"Fail, loading nothing, when resource claims name no resource of the database's schema (by default they are listed in a warning and authorize nothing)."`
	JSONSchema string   `name:"json-schema" type:"existingfile" placeholder:"FILE" help:"Validate against this JSON schema (e.g. the reference's JsonSchemaForClaims.json) instead of the built-in one."`
}

func (c *claimsLoadCmd) Run(e *env) error {
	ctx := context.Background()
	schema, err := claimschema.Embedded()
	if c.JSONSchema != "" {
		schema, err = claimschema.File(c.JSONSchema)
	}
	if err != nil {
		return err
	}
	conn, err := c.connect(ctx)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	rep, err := authz.LoadFiles(ctx, conn, schema, c.Files, c.Strict)
	if err != nil {
		return err
	}
	cov := rep.Coverage
	fmt.Fprintf(e.stdout, "loaded %d claim sets and %d resource claims from %s (claims load version %d)\n",
		rep.ClaimSets, rep.ResourceClaims, strings.Join(c.Files, ", "), rep.Version)
	fmt.Fprintf(e.stdout, "%d of the schema's %d resources have a resource claim\n", len(cov.Covered), len(cov.Covered)+len(cov.Uncovered))
	if n := len(cov.UnknownClaims); n > 0 {
		fmt.Fprintf(e.stderr, "warning: %d resource claims name no resource of the database's schema and authorize nothing: %s\n",
			n, strings.Join(cov.UnknownClaims, ", "))
	}
	if n := len(cov.Uncovered); n > 0 {
		names := make([]string, n)
		for i, r := range cov.Uncovered {
			names[i] = r.ProjectEndpoint + "/" + r.ResourceName
		}
		fmt.Fprintf(e.stderr, "warning: %d resources have no resource claim in the hierarchy and are denied to every client (deny by default): %s\n",
			n, strings.Join(names, ", "))
	}
	return nil
}
