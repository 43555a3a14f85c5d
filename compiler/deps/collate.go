package deps

// The reference sorts endpoint paths with .NET's default string comparer,
// which is culture-sensitive (ICU root collation in its container), not
// ordinal: letters compare case-insensitively first ("/ed-fi/students"
// sorts before "/ed-fi/studentSchoolAssociations"), punctuation sorts
// before digits and digits before letters, and only then does lower case
// sort before upper case. lessCulture reproduces that order for the ASCII
// text of endpoint paths; other runes fall back to their code point after
// all ASCII.

// asciiPunctuationOrder is the ICU root order of ASCII punctuation and
// symbols, all of which sort before digits and letters.
const asciiPunctuationOrder = "_-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$"

// primary returns a rune's primary collation weight.
func primary(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return 100 + int(r-'0')
	case r >= 'a' && r <= 'z':
		return 200 + int(r-'a')
	case r >= 'A' && r <= 'Z':
		return 200 + int(r-'A')
	case r < 0x80:
		for i, p := range asciiPunctuationOrder {
			if p == r {
				return 10 + i
			}
		}
		return int(r) // control characters and space: before punctuation
	}
	return 1000 + int(r)
}

// lessCulture reports whether a sorts before b.
func lessCulture(a, b string) bool {
	return compareCulture(a, b) < 0
}

func compareCulture(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	for i := 0; i < len(ra) && i < len(rb); i++ {
		if pa, pb := primary(ra[i]), primary(rb[i]); pa != pb {
			return pa - pb
		}
	}
	if len(ra) != len(rb) {
		return len(ra) - len(rb)
	}
	// Equal but for case: at the first difference, lower case first.
	for i := range ra {
		if ra[i] != rb[i] {
			if ra[i] >= 'a' && ra[i] <= 'z' {
				return -1
			}
			return 1
		}
	}
	return 0
}
