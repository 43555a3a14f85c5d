package ddl

import (
	"fmt"
	"strings"
	"unicode"
)

// Writer accumulates a SQL script in canonical form: LF line endings, no
// trailing whitespace on any line, and a fixed four-space indentation step.
// Every emitter writes through a Writer so the layout rules live in one place.
type Writer struct {
	b      strings.Builder
	indent int
}

// Line writes one line at the current indentation. Embedded newlines start
// new lines at the same indentation; trailing whitespace is dropped.
func (w *Writer) Line(s string) {
	for _, part := range strings.Split(s, "\n") {
		part = strings.TrimRight(part, " \t\r")
		if part != "" {
			w.b.WriteString(strings.Repeat("    ", w.indent))
			w.b.WriteString(part)
		}
		w.b.WriteByte('\n')
	}
}

// Linef is Line with fmt formatting.
func (w *Writer) Linef(format string, args ...any) { w.Line(fmt.Sprintf(format, args...)) }

// Blank writes an empty line.
func (w *Writer) Blank() { w.b.WriteByte('\n') }

// Block writes a multi-line text verbatim (after canonicalising each line);
// it is used for fixed bodies whose layout is part of the reference contract.
func (w *Writer) Block(text string) {
	text = strings.TrimPrefix(text, "\n")
	text = strings.TrimSuffix(text, "\n")
	saved := w.indent
	w.indent = 0
	w.Line(text)
	w.indent = saved
}

// Indent increases the indentation of following lines by one step.
func (w *Writer) Indent() { w.indent++ }

// Dedent decreases the indentation of following lines by one step.
func (w *Writer) Dedent() {
	if w.indent > 0 {
		w.indent--
	}
}

// PhaseHeader writes the banner the reference places before each phase,
// followed by a blank line.
func (w *Writer) PhaseHeader(n int, title string) {
	w.Line(phaseRule)
	w.Linef("-- Phase %d: %s", n, title)
	w.Line(phaseRule)
	w.Blank()
}

const phaseRule = "-- =========================================================="

// String returns the script written so far.
func (w *Writer) String() string { return w.b.String() }

// CanonicalFile turns emitter output into the on-disk form of a .sql file:
// CRLF/CR become LF, trailing whitespace is trimmed from every line,
// trailing newlines are collapsed and exactly one "\n" ends the file.
func CanonicalFile(sql string) string {
	s := NormalizeSQL(sql)
	return strings.TrimRight(s, "\n") + "\n"
}

// NormalizeSQL applies the normalization the DDL manifest hashes: CRLF/CR
// become LF and trailing whitespace is removed from every line. Blank lines
// and the final newline(s) are kept.
func NormalizeSQL(sql string) string {
	sql = strings.ReplaceAll(sql, "\r\n", "\n")
	sql = strings.ReplaceAll(sql, "\r", "\n")
	lines := strings.Split(sql, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRightFunc(l, unicode.IsSpace)
	}
	return strings.Join(lines, "\n")
}
