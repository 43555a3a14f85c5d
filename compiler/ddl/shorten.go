package ddl

import (
	"crypto/sha256"
	"encoding/hex"
	"unicode/utf8"
)

// MaxIdentifierLength is the identifier limit of a dialect: 63 bytes on
// PostgreSQL, 128 UTF-16 code units on SQL Server.
func MaxIdentifierLength(d Dialect) int {
	if d.Name() == "mssql" {
		return 128
	}
	return 63
}

// ShortenIdentifier fits a generated identifier into the dialect limit the
// way the reference does: an over-long name keeps as much of its prefix as
// fits before "_" and the first 10 hex digits of SHA-256(identifier), so
// distinct long names stay distinct and stable.
func ShortenIdentifier(d Dialect, identifier string) string {
	limit := MaxIdentifierLength(d)
	mssql := d.Name() == "mssql"
	size := func(r rune) int {
		if !mssql {
			return utf8.RuneLen(r)
		}
		if r > 0xFFFF {
			return 2
		}
		return 1
	}
	total := 0
	for _, r := range identifier {
		total += size(r)
	}
	if total <= limit {
		return identifier
	}
	sum := sha256.Sum256([]byte(identifier))
	suffix := "_" + hex.EncodeToString(sum[:])[:10]
	used := 0
	for i, r := range identifier {
		if used+size(r) > limit-len(suffix) {
			return identifier[:i] + suffix
		}
		used += size(r)
	}
	return identifier + suffix
}
