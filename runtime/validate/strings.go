package validate

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Pattern identifies one of the regular expressions MetaEd writes into
// jsonSchemaForInsert for string properties. Go's regexp package has no
// look-around, so each known pattern is implemented as a small function with
// the exact semantics of the .NET regular expression the reference evaluates
// (".NET \s" is Unicode White_Space, "." excludes only '\n', and "$" also
// matches before a final '\n').
type Pattern uint8

const (
	// NoPattern means the property has no pattern keyword.
	NoPattern Pattern = iota
	// NoOuterWhitespace is `^(?!\s).*(?<!\s)$`: no leading or trailing
	// whitespace; the empty string matches.
	NoOuterWhitespace
	// NonEmptyNoOuterWhitespace is `^(?!\s)(.*\S)$`: like NoOuterWhitespace
	// but the empty string does not match (identity strings).
	NonEmptyNoOuterWhitespace
	// NotBlank is `^(?!\s*$).+`: at least one non-whitespace character;
	// leading and trailing whitespace are allowed.
	NotBlank
)

// patternTexts maps the exact pattern texts found in ApiSchema files to
// their Pattern. The generator uses PatternFor; an unknown pattern is a
// generation error, never a silently skipped check.
var patternTexts = map[string]Pattern{
	`^(?!\s).*(?<!\s)$`: NoOuterWhitespace,
	`^(?!\s)(.*\S)$`:    NonEmptyNoOuterWhitespace,
	`^(?!\s*$).+`:       NotBlank,
}

// PatternFor returns the Pattern for a jsonSchemaForInsert pattern text.
func PatternFor(text string) (Pattern, bool) {
	p, ok := patternTexts[text]
	return p, ok
}

// String returns the Go identifier of p, for code generation.
func (p Pattern) String() string {
	switch p {
	case NoOuterWhitespace:
		return "NoOuterWhitespace"
	case NonEmptyNoOuterWhitespace:
		return "NonEmptyNoOuterWhitespace"
	case NotBlank:
		return "NotBlank"
	default:
		return "NoPattern"
	}
}

// Matches reports whether s matches the pattern.
func (p Pattern) Matches(s string) bool {
	switch p {
	case NoOuterWhitespace:
		return noOuterWhitespace(s)
	case NonEmptyNoOuterWhitespace:
		return s != "" && noOuterWhitespace(s)
	case NotBlank:
		return notBlank(s)
	default:
		return true
	}
}

func noOuterWhitespace(s string) bool {
	if s == "" {
		return true
	}
	first, _ := utf8.DecodeRuneInString(s)
	if unicode.IsSpace(first) {
		return false
	}
	// ".*" cannot cross a '\n', and "$" may match before one final '\n'.
	body := strings.TrimSuffix(s, "\n")
	if strings.IndexByte(body, '\n') >= 0 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(body)
	return !unicode.IsSpace(last)
}

func notBlank(s string) bool {
	if s == "" || s[0] == '\n' {
		return false
	}
	for _, r := range s {
		if !unicode.IsSpace(r) {
			return true
		}
	}
	return false
}

// Length returns the length of s as minLength/maxLength count it: Unicode
// code points. (The reference's JSON-schema library counts text elements,
// which differs only for combining sequences; code points are what the
// database column lengths count.)
func Length(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return utf8.RuneCountInString(s)
		}
	}
	return len(s)
}

// TrimDescriptorText trims leading and trailing whitespace the way the
// reference silently repairs a descriptor's codeValue and shortDescription
// (and only those) before validating them again.
func TrimDescriptorText(s string) string { return strings.TrimFunc(s, unicode.IsSpace) }

// ContainsNUL reports whether s contains U+0000, which PostgreSQL text
// columns cannot store.
func ContainsNUL(s string) bool { return strings.IndexByte(s, 0) >= 0 }
