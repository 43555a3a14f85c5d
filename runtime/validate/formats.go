package validate

import (
	"strings"
	"time"
)

// Format names as they appear in jsonSchemaForInsert "format" keywords. The
// generator checks "date", "time" and "date-time"; "int32" is informational
// (the reference's JSON-schema library does not validate unknown formats).
const (
	FormatDate     = "date"
	FormatTime     = "time"
	FormatDateTime = "date-time"
)

// IsDate reports whether s is a calendar date "yyyy-MM-dd" (format "date").
func IsDate(s string) bool {
	_, ok := parseDate(s)
	return ok
}

// IsTime reports whether s is "HH:mm:ss" with an optional fraction of one to
// seven digits and an optional offset ("Z" or "±HH:mm") (format "time").
func IsTime(s string) bool {
	rest, ok := parseClock(s, true)
	if !ok {
		return false
	}
	_, ok = parseOffset(rest)
	return ok
}

// IsDateTime reports whether s is "yyyy-MM-ddTHH:mm:ss" with an optional
// fraction and an optional offset (format "date-time"). Values the reference
// could parse were already normalized to "yyyy-MM-ddTHH:mm:ssZ" by
// NormalizeDateTime before this check runs.
func IsDateTime(s string) bool {
	if len(s) < 11 || (s[10] != 'T' && s[10] != 't') {
		return false
	}
	if _, ok := parseDate(s[:10]); !ok {
		return false
	}
	return IsTime(s[11:])
}

// parseDate parses exactly "yyyy-MM-dd" with a valid day of month.
func parseDate(s string) (time.Time, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return time.Time{}, false
	}
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 || y < 1 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return time.Time{}, false
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), true
}

func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// digits parses a run of ASCII digits; the empty string is not a number.
func digits(s string) (int, bool) {
	if s == "" || len(s) > 9 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// clock is a parsed time of day.
type clock struct{ hour, minute, second, nanos int }

// parseClock parses "HH:mm:ss[.fffffff]" (or "HH:mm[...]" when seconds are
// optional) from the start of s and returns the rest.
func parseClockParts(s string, requireSeconds bool) (clock, string, bool) {
	var c clock
	var ok bool
	if len(s) < 5 || s[2] != ':' {
		return c, "", false
	}
	if c.hour, ok = digits(s[0:2]); !ok || c.hour > 23 {
		return c, "", false
	}
	if c.minute, ok = digits(s[3:5]); !ok || c.minute > 59 {
		return c, "", false
	}
	rest := s[5:]
	if len(rest) >= 3 && rest[0] == ':' {
		if c.second, ok = digits(rest[1:3]); !ok || c.second > 59 {
			return c, "", false
		}
		rest = rest[3:]
	} else if requireSeconds {
		return c, "", false
	}
	if len(rest) > 0 && rest[0] == '.' {
		n := 1
		for n < len(rest) && rest[n] >= '0' && rest[n] <= '9' {
			n++
		}
		frac := rest[1:n]
		if frac == "" || len(frac) > 7 {
			return c, "", false
		}
		f, _ := digits(frac)
		for i := len(frac); i < 9; i++ {
			f *= 10
		}
		c.nanos = f
		rest = rest[n:]
	}
	return c, rest, true
}

func parseClock(s string, requireSeconds bool) (string, bool) {
	_, rest, ok := parseClockParts(s, requireSeconds)
	return rest, ok
}

// parseOffset parses "", "Z" or "±HH:mm" and returns the offset in seconds.
func parseOffset(s string) (int, bool) {
	switch {
	case s == "":
		return 0, true
	case s == "Z" || s == "z":
		return 0, true
	case len(s) == 6 && (s[0] == '+' || s[0] == '-') && s[3] == ':':
		h, ok1 := digits(s[1:3])
		m, ok2 := digits(s[4:6])
		if !ok1 || !ok2 || h > 14 || m > 59 {
			return 0, false
		}
		off := h*3600 + m*60
		if s[0] == '-' {
			off = -off
		}
		return off, true
	}
	return 0, false
}

// NormalizeDateTime reproduces the reference's date-time coercion (.NET's
// DateTime.TryParse, invariant culture, assumed and adjusted to UTC): a
// value it can parse is rewritten in UTC as "yyyy-MM-ddTHH:mm:ssZ"
// (fractional seconds are dropped, a value without an offset is taken as
// UTC). Accepted inputs are the numeric year-first shapes clients send: a
// date "yyyy-M-d" or "yyyy/M/d" (month and day of one or two digits, one
// separator), then optionally 'T' or ' ' and "H:mm[:ss[.f…]]" (hour of one
// or two digits), an optional " AM"/" PM", and an optional "Z"/"±HH:mm":
// "2021/09/28" and "2021-09-28 2:15:30 PM" are accepted. The second result
// is false when s is left as is (the format check then reports it). The
// reference's .NET parser also accepts free-text forms such as "May 1,
// 2009"; those are not accepted here.
func NormalizeDateTime(s string) (string, bool) {
	t := strings.TrimSpace(s)
	day, rest, ok := parseYearFirstDate(t)
	if !ok {
		return s, false
	}
	var c clock
	offset := 0
	if rest != "" {
		if rest[0] != 'T' && rest[0] != 't' && rest[0] != ' ' {
			return s, false
		}
		rest = rest[1:]
		if len(rest) > 1 && rest[1] == ':' {
			rest = "0" + rest // a one-digit hour
		}
		c, rest, ok = parseClockParts(rest, false)
		if !ok {
			return s, false
		}
		if r, pm, found := cutMeridiem(rest); found {
			if c.hour < 1 || c.hour > 12 {
				return s, false
			}
			c.hour %= 12
			if pm {
				c.hour += 12
			}
			rest = r
		}
		if offset, ok = parseOffset(rest); !ok {
			return s, false
		}
	}
	utc := day.Add(time.Duration(c.hour)*time.Hour + time.Duration(c.minute)*time.Minute +
		time.Duration(c.second)*time.Second - time.Duration(offset)*time.Second)
	if utc.Year() < 1 || utc.Year() > 9999 {
		return s, false
	}
	return utc.Format("2006-01-02T15:04:05Z"), true
}

// parseYearFirstDate parses "yyyy-M-d" or "yyyy/M/d" (month and day of one
// or two digits, the same separator twice) from the start of s and returns
// the rest.
func parseYearFirstDate(s string) (time.Time, string, bool) {
	if len(s) < 8 || (s[4] != '-' && s[4] != '/') {
		return time.Time{}, "", false
	}
	sep := s[4]
	y, ok := digits(s[:4])
	if !ok {
		return time.Time{}, "", false
	}
	var parts [2]int
	rest := s[5:]
	for i := range parts {
		n := 0
		for n < len(rest) && n < 3 && rest[n] >= '0' && rest[n] <= '9' {
			n++
		}
		if n < 1 || n > 2 {
			return time.Time{}, "", false
		}
		parts[i], _ = digits(rest[:n])
		rest = rest[n:]
		if i == 0 {
			if rest == "" || rest[0] != sep {
				return time.Time{}, "", false
			}
			rest = rest[1:]
		}
	}
	m, d := parts[0], parts[1]
	if y < 1 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return time.Time{}, "", false
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), rest, true
}

// cutMeridiem removes a leading " AM" / " PM" (any case) from s.
func cutMeridiem(s string) (rest string, pm, found bool) {
	if len(s) < 3 || s[0] != ' ' {
		return s, false, false
	}
	switch strings.ToUpper(s[1:3]) {
	case "AM":
		return s[3:], false, true
	case "PM":
		return s[3:], true, true
	}
	return s, false, false
}

// slashDateLayouts are the reference's slash-date layouts in the order it
// tries them (month first, then day first). Each entry says whether the
// month comes first and how many year digits are required.
var slashDateLayouts = [...]struct {
	monthFirst bool
	padded     bool // "MM/dd" instead of "M/d"
	yearDigits int
}{
	{true, false, 4}, {true, true, 4}, {true, false, 2}, {true, true, 2},
	{false, false, 4}, {false, true, 4}, {false, false, 2}, {false, true, 2},
}

// CoerceSlashDate reproduces the reference's slash-date coercion for date
// and date-time properties: "5/1/2009" becomes "2009-05-01" and
// "5/1/2009 10:30:00 AM" becomes "2009-05-01 10:30:00 AM" (the time part is
// kept as written). Month-first is tried before day-first; two-digit years
// 00–49 mean 20xx and 50–99 mean 19xx. The second result is false when s has
// no slash or does not parse; s is then left for validation to reject.
func CoerceSlashDate(s string) (string, bool) {
	if strings.IndexByte(s, '/') < 0 {
		return s, false
	}
	datePart, timePart, hasTime := strings.Cut(s, " ")
	parts := strings.Split(datePart, "/")
	if len(parts) != 3 {
		return s, false
	}
	for _, l := range slashDateLayouts {
		first, second, year := parts[0], parts[1], parts[2]
		if l.padded && (len(first) != 2 || len(second) != 2) {
			continue
		}
		if !l.padded && (len(first) < 1 || len(first) > 2 || len(second) < 1 || len(second) > 2) {
			continue
		}
		if len(year) != l.yearDigits {
			continue
		}
		a, ok1 := digits(first)
		b, ok2 := digits(second)
		y, ok3 := digits(year)
		if !ok1 || !ok2 || !ok3 {
			continue
		}
		month, day := a, b
		if !l.monthFirst {
			month, day = b, a
		}
		if l.yearDigits == 2 {
			if y < 50 {
				y += 2000
			} else {
				y += 1900
			}
		}
		if y < 1 || month < 1 || month > 12 || day < 1 || day > daysIn(y, month) {
			continue
		}
		out := time.Date(y, time.Month(month), day, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
		if hasTime {
			out += " " + timePart
		}
		return out, true
	}
	return s, false
}
