// Package ddlcompare compares DDL scripts with the reference's: it cuts a
// script into paragraphs and sections, drops the objects this project
// deliberately leaves out (docs/ddl-differences.md) and lists created objects.
package ddlcompare

import (
	"fmt"
	"strings"

	"github.com/edfi-dmsc/dmsc/compiler/ddl"
)

// OutOfScopeMarkers name the reference objects this project deliberately
// does not emit (see docs/ddl-differences.md). A script paragraph that
// mentions one of them belongs to those objects.
var OutOfScopeMarkers = []string{
	"DocumentCache",          // DocumentCache, DocumentCacheState and their triggers
	"DocumentProjectionWork", // projection work queue
	"DataStoreIdentity",      // data-store identity singleton
	"edfi_dms_enqueue_owner", // enqueue-owner role set-up (CDC/projection)
	"EnqueueProjection",      // projection enqueue functions and triggers
}

// InScope reports whether a paragraph mentions none of OutOfScopeMarkers.
func InScope(paragraph string) bool {
	for _, m := range OutOfScopeMarkers {
		if strings.Contains(paragraph, m) {
			return false
		}
	}
	return true
}

// Sections is a script cut the way the reference composes it.
type Sections struct {
	Core       []string // phase 0 (preflight) to phase 9
	Relational []string // per-resource objects (no phase headers)
	Seed       []string // phase 10
}

var mssqlModulePrefixes = []string{"CREATE OR ALTER FUNCTION", "CREATE OR ALTER TRIGGER", "CREATE OR ALTER PROCEDURE", "CREATE OR ALTER VIEW", "CREATE FUNCTION", "CREATE TRIGGER", "CREATE PROCEDURE"}

// Paragraphs splits a script on blank lines, except blank lines inside a
// PostgreSQL dollar-quoted body or a SQL Server module batch (GO ... GO).
func Paragraphs(dialect, sql string) []string {
	lines := strings.Split(strings.TrimRight(strings.ReplaceAll(sql, "\r\n", "\n"), "\n"), "\n")
	var out []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.Join(cur, "\n"))
			cur = nil
		}
	}
	var quotes ddl.DollarQuotes
	inModule := false
	for i, l := range lines {
		t := strings.TrimSpace(l)
		outsideQuotes := true
		if dialect == "mssql" {
			if t == "GO" {
				inModule = false
				if i+1 < len(lines) {
					next := strings.TrimSpace(lines[i+1])
					for _, p := range mssqlModulePrefixes {
						if strings.HasPrefix(next, p) {
							inModule = true
						}
					}
				}
			}
		} else {
			outsideQuotes = quotes.Outside(t)
		}
		if t == "" && outsideQuotes && !inModule {
			flush()
			continue
		}
		cur = append(cur, l)
	}
	flush()
	return out
}

func isPhaseHeader(p string) bool {
	return strings.HasPrefix(p, "-- ====") && strings.Contains(p, "-- Phase ")
}

// Split cuts a script into its sections. Within phases 0 and 10 a paragraph
// that does not start with a "-- " comment continues the previous one, so
// each preflight or seed step is one unit.
func Split(dialect, sql string) Sections {
	var s Sections
	region := &s.Core
	phase := -1
	schemaStart := `CREATE SCHEMA IF NOT EXISTS`
	if dialect == "mssql" {
		schemaStart = `IF NOT EXISTS (SELECT 1 FROM sys.schemas`
	}
	for _, p := range Paragraphs(dialect, sql) {
		if isPhaseHeader(p) {
			fmt.Sscanf(p[strings.Index(p, "-- Phase ")+len("-- Phase "):], "%d", &phase)
			if phase == 10 {
				region = &s.Seed
			}
		} else if phase >= 8 && region == &s.Core && strings.HasPrefix(p, schemaStart) {
			region = &s.Relational
		}
		if (phase == 0 || phase == 10) && !isPhaseHeader(p) && !strings.HasPrefix(p, "-- ") && len(*region) > 0 {
			(*region)[len(*region)-1] += "\n\n" + p
			continue
		}
		*region = append(*region, p)
	}
	return s
}

// InScopeOnly drops out-of-scope paragraphs and then phase headers whose
// phase became empty, and writes the rest as this project deliberately
// does (AsOurs).
func InScopeOnly(paragraphs []string) []string {
	var kept []string
	for _, p := range paragraphs {
		if InScope(p) {
			kept = append(kept, AsOurs(p))
		}
	}
	var out []string
	for i, p := range kept {
		if isPhaseHeader(p) && (i+1 == len(kept) || isPhaseHeader(kept[i+1])) {
			continue
		}
		out = append(out, p)
	}
	return out
}

// FirstDifference compares two paragraph lists and describes the first
// difference, or returns "" when they are equal.
func FirstDifference(want, got []string) string {
	for i := 0; i < len(want) || i < len(got); i++ {
		switch {
		case i >= len(got):
			return fmt.Sprintf("paragraph %d missing from ours:\n%s", i, want[i])
		case i >= len(want):
			return fmt.Sprintf("paragraph %d extra in ours:\n%s", i, got[i])
		case want[i] != got[i]:
			return fmt.Sprintf("paragraph %d differs at %s\n--- expected\n%s\n--- ours\n%s", i, firstLineDifference(want[i], got[i]), want[i], got[i])
		}
	}
	return ""
}

func firstLineDifference(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl || i >= len(w) || i >= len(g) {
			return fmt.Sprintf("line %d:\n  expected %q\n  ours     %q", i+1, wl, gl)
		}
	}
	return "no line difference"
}
