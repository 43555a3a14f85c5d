package fake

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/edfi-dmsc/dmsc/compiler/jsonx"
)

// words feed the free-text values. They are plain ASCII so that length
// limits mean the same in bytes, runes and UTF-16 units, and text never
// starts or ends with whitespace (the ApiSchema patterns forbid it).
var words = []string{
	"Alder", "Birch", "Cedar", "Delta", "Ember", "Fjord", "Grove", "Harbor", "Iris", "Juniper",
	"Kestrel", "Lumen", "Maple", "Nimbus", "Orchard", "Prairie", "Quartz", "Ridge", "Summit", "Tundra",
	"Umber", "Vale", "Willow", "Xenon", "Yarrow", "Zephyr",
}

// freeText returns words joined by spaces with a length in [minLen, maxLen].
func freeText(rng *rand.Rand, minLen, maxLen int) string {
	target := minLen + 4 + rng.IntN(24)
	if maxLen > 0 {
		target = min(target, maxLen)
	}
	target = max(target, minLen, 1)
	var b strings.Builder
	for b.Len() < target {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(words[rng.IntN(len(words))])
	}
	s := strings.TrimRight(b.String()[:target], " ")
	for len(s) < max(minLen, 1) {
		s += "x"
	}
	return s
}

// uniqueText returns a string that differs for every distinct n and fits
// [minLen, maxLen]: decimal when it fits, base 36 otherwise.
func uniqueText(prefix string, n int64, minLen, maxLen int) string {
	s := prefix + strconv.FormatInt(n, 10)
	if maxLen > 0 && len(s) > maxLen {
		s = strconv.FormatInt(n, 10)
	}
	if maxLen > 0 && len(s) > maxLen {
		s = strconv.FormatInt(n, 36)
	}
	for len(s) < max(minLen, 1) {
		s = "0" + s
	}
	return s
}

var epoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

func dateAfterEpoch(days int) string { return epoch.AddDate(0, 0, days).Format(time.DateOnly) }

func randomDate(rng *rand.Rand) string { return dateAfterEpoch(5000 + rng.IntN(4000)) }

func randomTime(rng *rand.Rand) string {
	return fmt.Sprintf("%02d:%02d:%02d", 6+rng.IntN(12), rng.IntN(60), rng.IntN(60))
}

func randomDateTime(rng *rand.Rand) string {
	return randomDate(rng) + "T" + randomTime(rng) + "Z"
}

// intBounds returns the inclusive range an integer schema allows,
// narrowed to non-negative values when the schema leaves it open.
func intBounds(schema *jsonx.Value) (lo, hi int64) {
	lo, hi = 0, math.MaxInt32
	if schema.Get("format").StringOr("") == "int64" {
		hi = math.MaxInt64
	}
	if v := schema.Get("minimum"); v != nil {
		if n, err := strconv.ParseInt(v.Text, 10, 64); err == nil {
			lo = n
		}
	}
	if v := schema.Get("maximum"); v != nil {
		if n, err := strconv.ParseInt(v.Text, 10, 64); err == nil {
			hi = n
		}
	}
	return lo, hi
}

// boundedUnique maps n into [lo, hi], starting at 2000 when the range
// covers it (school years read better as 2000, 2001, ... than 1900).
func boundedUnique(lo, hi, n int64) int64 {
	span := hi - lo + 1
	if span <= 0 { // the whole int64 range
		return n
	}
	start := int64(0)
	if lo <= 2000 && 2000 <= hi {
		start = 2000 - lo
	}
	return lo + (start+n)%span
}

// decimalText returns a number with at most d.totalDigits digits of which
// d.decimalPlaces are fractional. A non-zero last fractional digit keeps
// the text stable through a decimal column round trip.
func decimalText(rng *rand.Rand, d decimalInfo) string {
	intDigits := max(d.totalDigits-d.decimalPlaces, 0)
	whole := 0
	if intDigits > 0 {
		whole = rng.IntN(int(math.Pow10(min(intDigits, 4))))
	}
	if d.decimalPlaces == 0 {
		return strconv.Itoa(whole)
	}
	places := min(d.decimalPlaces, 4)
	frac := rng.IntN(int(math.Pow10(places)))
	if frac%10 == 0 {
		frac++
	}
	return fmt.Sprintf("%d.%0*d", whole, places, frac)
}
