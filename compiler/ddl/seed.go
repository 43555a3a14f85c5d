package ddl

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/edfi-dmsc/dmsc/compiler/effschema"
)

// fill replaces {{name}} markers. A marker alone on its line (after
// indentation) that names a block expands to the block's lines, each at
// that indentation.
func fill(template string, values map[string]string, blocks map[string][]string) string {
	lines := strings.Split(template, "\n")
	var out []string
	for _, l := range lines {
		trimmed := strings.TrimSpace(l)
		if strings.HasPrefix(trimmed, "{{") && strings.HasSuffix(trimmed, "}}") {
			if block, ok := blocks[strings.Trim(trimmed, "{}")]; ok {
				indent := l[:len(l)-len(strings.TrimLeft(l, " "))]
				for _, b := range block {
					out = append(out, indent+b)
				}
				continue
			}
		}
		out = append(out, l)
	}
	s := strings.Join(out, "\n")
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		s = strings.ReplaceAll(s, "{{"+k+"}}", values[k])
	}
	if i := strings.Index(s, "{{"); i >= 0 {
		panic(fmt.Sprintf("ddl: unfilled template marker near %q", s[i:min(len(s), i+40)]))
	}
	return s
}

// Column lists of the seeded tables, in VALUES order.
var (
	resourceKeyColumns     = []string{"ResourceKeyId", "ProjectName", "ResourceName", "ResourceVersion"}
	schemaComponentColumns = []string{"ProjectEndpointName", "ProjectName", "ProjectVersion", "IsExtensionProject"}
)

// expectedRowMatch renders the body of the NOT EXISTS subquery the seed
// validations use (twice each: to count and to list the stray rows): it
// looks the stored row alias up in the compiled rows, matching every
// column.
func expectedRowMatch(d Dialect, alias string, columns, rows []string) []string {
	lines := []string{"SELECT 1 FROM (VALUES"}
	for i, r := range rows {
		if i < len(rows)-1 {
			r += ","
		}
		lines = append(lines, "    "+r)
	}
	lines = append(lines, ") AS expected("+joinQuoted(d, columns)+")")
	for i, c := range columns {
		keyword := "AND"
		if i == 0 {
			keyword = "WHERE"
		}
		lines = append(lines, fmt.Sprintf("%s expected.%s = %s.%s", keyword, d.Quote(c), alias, d.Quote(c)))
	}
	return lines
}

// escapeQuotes doubles single quotes for embedding in a literal the
// template already quotes.
func escapeQuotes(s string) string { return strings.ReplaceAll(s, "'", "''") }

func writePreflight(w *Writer, d Dialect, info *effschema.Info) {
	tmpl := pgsqlPreflightTemplate
	if d.Name() == "mssql" {
		tmpl = mssqlPreflightTemplate
	}
	w.Block(fill(tmpl, map[string]string{"hash": escapeQuotes(info.EffectiveSchemaHash)}, nil))
	w.Blank()
}

// writeSeeds writes phase 10: insert-if-missing of the dms.ResourceKey,
// dms.EffectiveSchema and dms.SchemaComponent rows, each followed by a
// validation block that fails the script when the stored rows differ.
func writeSeeds(w *Writer, d Dialect, info *effschema.Info) {
	pg := d.Name() == "pgsql"
	w.PhaseHeader(10, "Seed Data (insert-if-missing + validation)")

	w.Line("-- ResourceKey seed inserts (insert-if-missing)")
	rkRows := make([]string, len(info.ResourceKeys))
	for i, rk := range info.ResourceKeys {
		id := strconv.Itoa(int(rk.ID))
		values := fmt.Sprintf("%s, %s, %s", d.StringLiteral(rk.ProjectName), d.StringLiteral(rk.ResourceName), d.StringLiteral(rk.Version))
		if pg {
			w.Line(`INSERT INTO "dms"."ResourceKey" ("ResourceKeyId", "ProjectName", "ResourceName", "ResourceVersion")`)
			w.Linef("VALUES (%s, %s)", id, values)
			w.Line(`ON CONFLICT ("ResourceKeyId") DO NOTHING;`)
			rkRows[i] = fmt.Sprintf("(%s::smallint, %s)", id, values)
		} else {
			w.Linef("IF NOT EXISTS (SELECT 1 FROM [dms].[ResourceKey] WHERE [ResourceKeyId] = %s)", id)
			w.Line("    INSERT INTO [dms].[ResourceKey] ([ResourceKeyId], [ProjectName], [ResourceName], [ResourceVersion])")
			w.Linef("    VALUES (%s, %s);", id, values)
			rkRows[i] = fmt.Sprintf("(%s, %s)", id, values)
		}
	}
	w.Blank()

	values := map[string]string{
		"hash":           escapeQuotes(info.EffectiveSchemaHash),
		"rk_count":       strconv.Itoa(len(info.ResourceKeys)),
		"sc_count":       strconv.Itoa(len(info.Components)),
		"seed_hex":       fmt.Sprintf("%X", info.ResourceKeySeedHash[:]),
		"format_version": escapeQuotes(info.APISchemaFormatVersion),
	}
	rkTmpl, esTmpl, scTmpl := pgsqlResourceKeyValidationTemplate, pgsqlEffectiveSchemaSeedTemplate, pgsqlSchemaComponentValidationTemplate
	if !pg {
		rkTmpl, esTmpl, scTmpl = mssqlResourceKeyValidationTemplate, mssqlEffectiveSchemaSeedTemplate, mssqlSchemaComponentValidationTemplate
	}
	w.Block(fill(rkTmpl, values, map[string][]string{"rk_match": expectedRowMatch(d, "rk", resourceKeyColumns, rkRows)}))
	w.Blank()
	w.Block(fill(esTmpl, values, nil))
	w.Blank()

	w.Line("-- SchemaComponent seed inserts (insert-if-missing)")
	scRows := make([]string, len(info.Components))
	hash := d.StringLiteral(info.EffectiveSchemaHash)
	for i, c := range info.Components {
		row := fmt.Sprintf("%s, %s, %s, %s", d.StringLiteral(c.EndpointName), d.StringLiteral(c.ProjectName), d.StringLiteral(c.ProjectVersion), d.BoolLiteral(c.IsExtension))
		scRows[i] = "(" + row + ")"
		if pg {
			w.Line(`INSERT INTO "dms"."SchemaComponent" ("EffectiveSchemaHash", "ProjectEndpointName", "ProjectName", "ProjectVersion", "IsExtensionProject")`)
			w.Linef("VALUES (%s, %s)", hash, row)
			w.Line(`ON CONFLICT ("EffectiveSchemaHash", "ProjectEndpointName") DO NOTHING;`)
		} else {
			w.Linef("IF NOT EXISTS (SELECT 1 FROM [dms].[SchemaComponent] WHERE [EffectiveSchemaHash] = %s AND [ProjectEndpointName] = %s)", hash, d.StringLiteral(c.EndpointName))
			w.Line("    INSERT INTO [dms].[SchemaComponent] ([EffectiveSchemaHash], [ProjectEndpointName], [ProjectName], [ProjectVersion], [IsExtensionProject])")
			w.Linef("    VALUES (%s, %s);", hash, row)
		}
	}
	w.Blank()
	w.Block(fill(scTmpl, values, map[string][]string{"sc_match": expectedRowMatch(d, "sc", schemaComponentColumns, scRows)}))
	w.Blank()
}
