package relmodel

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/edfi-dmsc/dmsc/compiler/jsonx"
)

// Fixed identifiers of the relational layout.
const (
	colDocumentID             = "DocumentId"
	colCollectionItemID       = "CollectionItemId"
	colParentCollectionItemID = "ParentCollectionItemId"
	colBaseCollectionItemID   = "BaseCollectionItemId"
	colOrdinal                = "Ordinal"
	colContentVersion         = "ContentVersion"
	colContentLastModifiedAt  = "ContentLastModifiedAt"
	dmsSchema                 = "dms"
)

var (
	documentTable   = TableName{Schema: dmsSchema, Name: "Document"}
	descriptorTable = TableName{Schema: dmsSchema, Name: "Descriptor"}
)

// pascalCase upper-cases the first letter of every run of letters/digits and
// drops everything else: "ed-fi" -> "EdFi", "schoolId" -> "SchoolId".
func pascalCase(s string) string {
	var b strings.Builder
	nextUpper := true
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if nextUpper {
				r = unicode.ToUpper(r)
			}
			b.WriteRune(r)
			nextUpper = false
			continue
		}
		nextUpper = true
	}
	return b.String()
}

// singularize turns a collection property name into its item name with the
// small English rule set the reference uses (no dictionary).
func singularize(s string) string {
	lower := strings.ToLower(s)
	switch {
	case strings.HasSuffix(lower, "ies"):
		return s[:len(s)-3] + "y"
	case strings.HasSuffix(lower, "ches"), strings.HasSuffix(lower, "shes"), strings.HasSuffix(lower, "xes"),
		strings.HasSuffix(lower, "zes"), strings.HasSuffix(lower, "ses"):
		return s[:len(s)-2]
	case strings.HasSuffix(lower, "s") && !strings.HasSuffix(lower, "ss"):
		return s[:len(s)-1]
	}
	return s
}

// collectionBaseName is the table-name segment of a collection property.
func collectionBaseName(property string) string { return pascalCase(singularize(property)) }

// CollectionItemName is the name of an item of a collection property, the
// segment its table's name gets ("addresses" -> "Address"); generated Go
// types of collection items are named with it too.
func CollectionItemName(property string) string { return collectionBaseName(property) }

// rootDocumentIDColumn is the `{Root}_DocumentId` locator of child tables.
func rootDocumentIDColumn(rootBaseName string) string { return rootBaseName + "_DocumentId" }

// descriptorIDColumn is the `{Base}_DescriptorId` column of a descriptor value.
func descriptorIDColumn(base string) string { return base + "_DescriptorId" }

// constraintName builds `{prefix}_{Table}[_{token}...]`.
func constraintName(prefix string, table TableName, tokens ...string) string {
	if len(tokens) == 0 {
		return prefix + "_" + table.Name
	}
	return prefix + "_" + table.Name + "_" + strings.Join(tokens, "_")
}

// columnTokens orders unique-constraint columns for naming: columns are split
// at their last '_' into prefix and suffix, grouped by prefix (ordinal), and
// each group lists its suffixes in ordinal order; prefix-less columns come
// first. E.g. [School_DocumentId, Ordinal] -> Ordinal, School, DocumentId.
func columnTokens(columns []string) []string {
	groups := map[string][]string{}
	var prefixes []string
	for _, c := range columns {
		prefix, suffix := "", c
		if i := strings.LastIndexByte(c, '_'); i > 0 && i < len(c)-1 {
			prefix, suffix = c[:i], c[i+1:]
		}
		if _, ok := groups[prefix]; !ok {
			prefixes = append(prefixes, prefix)
		}
		groups[prefix] = append(groups[prefix], suffix)
	}
	sort.Slice(prefixes, func(a, b int) bool { return ordinalLess(prefixes[a], prefixes[b]) })
	var tokens []string
	for _, p := range prefixes {
		suffixes := groups[p]
		sort.Slice(suffixes, func(a, b int) bool { return ordinalLess(suffixes[a], suffixes[b]) })
		if p != "" {
			tokens = append(tokens, p)
		}
		tokens = append(tokens, suffixes...)
	}
	return tokens
}

// shortenIdentifier applies the dialect length limit: an over-long identifier
// becomes a prefix plus `_` plus the first 10 hex digits of SHA-256(hashInput).
// PostgreSQL counts UTF-8 bytes, SQL Server characters (UTF-16 code units).
func shortenIdentifier(d Dialect, identifier, hashInput string) string {
	limit := d.maxIdentifierLength()
	if identifierLength(d, identifier) <= limit {
		return identifier
	}
	sum := sha256.Sum256([]byte(hashInput))
	suffix := "_" + hex.EncodeToString(sum[:])[:10]
	prefixLen := limit - len(suffix)
	if d == MSSQL {
		units := 0
		for i, r := range identifier {
			n := 1
			if r > 0xFFFF {
				n = 2
			}
			if units+n > prefixLen {
				return identifier[:i] + suffix
			}
			units += n
		}
		return identifier + suffix
	}
	bytes := 0
	for i, r := range identifier {
		n := utf8.RuneLen(r)
		if bytes+n > prefixLen {
			return identifier[:i] + suffix
		}
		bytes += n
	}
	return identifier + suffix
}

func identifierLength(d Dialect, s string) int {
	if d == PGSQL {
		return len(s)
	}
	n := 0
	for _, r := range s {
		if r > 0xFFFF {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// shorten applies the limit hashing the identifier itself.
func shorten(d Dialect, identifier string) string {
	return shortenIdentifier(d, identifier, identifier)
}

// ordinalLess is .NET ordinal (UTF-16 code unit) string ordering.
func ordinalLess(a, b string) bool { return jsonx.LessOrdinal(a, b) }

func sortStrings(s []string) { sort.Slice(s, func(a, b int) bool { return ordinalLess(s[a], s[b]) }) }
