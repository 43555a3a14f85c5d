package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/edfi-dmsc/dmsc/compiler/effschema"
	"github.com/edfi-dmsc/dmsc/compiler/emit"
	"github.com/edfi-dmsc/dmsc/compiler/relmodel"
)

type modelCmd struct {
	Stats modelStatsCmd `cmd:"" help:"Print tables, columns, foreign keys, indexes and triggers per project and dialect."`
}

type modelStatsCmd struct {
	schemaFlags
	Dialect    string `short:"d" default:"both" enum:"pgsql,mssql,both" help:"SQL dialect(s): pgsql, mssql or both."`
	Permissive bool   `help:"Use the permissive model passes meant for synthetic test schemas."`
}

func (c *modelStatsCmd) Run(e *env) error {
	dialects, err := emit.ParseDialects(c.Dialect)
	if err != nil {
		return usageError{err.Error()}
	}
	set, info, err := effschema.LoadFiles(c.Schema...)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "DIALECT\tPROJECT\tSCHEMA\tRESOURCES\tTABLES\tCOLUMNS\tFKS\tINDEXES\tTRIGGERS")
	for _, d := range dialects {
		model, err := relmodel.Derive(set, info, relmodel.Dialect(d), !c.Permissive)
		if err != nil {
			return fmt.Errorf("%s relational model: %w", d, err)
		}
		var total relmodel.ProjectStats
		for _, s := range model.Stats() {
			fmt.Fprintf(w, "%s\t%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\n", d, s.ProjectName, s.PhysicalSchema, s.Resources, s.Tables, s.Columns, s.ForeignKeys, s.Indexes, s.Triggers)
			total.Resources += s.Resources
			total.Tables += s.Tables
			total.Columns += s.Columns
			total.ForeignKeys += s.ForeignKeys
			total.Indexes += s.Indexes
			total.Triggers += s.Triggers
		}
		fmt.Fprintf(w, "%s\t(total)\t\t%d\t%d\t%d\t%d\t%d\t%d\n", d, total.Resources, total.Tables, total.Columns, total.ForeignKeys, total.Indexes, total.Triggers)
	}
	return w.Flush()
}
