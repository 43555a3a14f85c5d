package ddl

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
)

func TestShortenIdentifier(t *testing.T) {
	short := "TR_School_Stamp"
	if got := ShortenIdentifier(Pgsql, short); got != short {
		t.Errorf("short name changed: %q", got)
	}
	long := "TF_TR_" + strings.Repeat("VeryLongTableName", 6) + "_Stamp"
	sum := sha256.Sum256([]byte(long))
	suffix := "_" + hex.EncodeToString(sum[:])[:10]
	pg := ShortenIdentifier(Pgsql, long)
	if len(pg) != 63 || !strings.HasSuffix(pg, suffix) || !strings.HasPrefix(long, strings.TrimSuffix(pg, suffix)) {
		t.Errorf("pgsql: %q (len %d), want a 63-byte prefix+%s", pg, len(pg), suffix)
	}
	if ms := ShortenIdentifier(Mssql, long); ms != long {
		t.Errorf("mssql shortened a %d-character name: %q", len(long), ms)
	}
	// PostgreSQL counts bytes: a multi-byte rune is never split.
	accented := strings.Repeat("é", 40)
	if got := ShortenIdentifier(Pgsql, accented); len(got) > 63 || !strings.HasPrefix(got, strings.Repeat("é", 26)+"_") {
		t.Errorf("pgsql multi-byte: %q (len %d)", got, len(got))
	}
}

func TestWriterIsCanonical(t *testing.T) {
	var w Writer
	w.Line("a  ")
	w.Indent()
	w.Line("b\t\nc")
	w.Dedent()
	w.Blank()
	w.Block("\nd \n  e\n")
	if got, want := w.String(), "a\n    b\n    c\n\nd\n  e\n"; got != want {
		t.Errorf("writer output %q, want %q", got, want)
	}
	if got := CanonicalFile("x \r\ny\r\n\n\n"); got != "x\ny\n" {
		t.Errorf("CanonicalFile = %q", got)
	}
}

func TestCountStatements(t *testing.T) {
	pg := "CREATE TABLE a (x int);\nDO $$\nBEGIN\n    PERFORM 1;\nEND $$;\nCREATE FUNCTION f() RETURNS int AS $body$\nSELECT 1;\n$body$ LANGUAGE sql;\n"
	if n := CountStatements("pgsql", pg); n != 3 {
		t.Errorf("pgsql count %d, want 3", n)
	}
	ms := "CREATE TABLE a (x int);\nCREATE TABLE b (x int);\nGO\n-- comment\nCREATE OR ALTER TRIGGER t ON a AFTER INSERT AS\nBEGIN\n    SELECT 1;\n    SELECT 2;\nEND;\nGO\n"
	if n := CountStatements("mssql", ms); n != 3 {
		t.Errorf("mssql count %d, want 3", n)
	}
}
