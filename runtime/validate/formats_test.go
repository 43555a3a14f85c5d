package validate

import "testing"

func TestIsDate(t *testing.T) {
	for s, want := range map[string]bool{
		"2024-08-01":           true,
		"2024-02-29":           true,
		"2023-02-29":           false,
		"2024-13-01":           false,
		"2024-04-31":           false,
		"0000-01-01":           false,
		"24-08-01":             false,
		"2024-8-1":             false,
		"2024/08/01":           false,
		"2024-08-01T00:00:00Z": false,
		"099-99-09":            false,
		"word":                 false,
		"":                     false,
	} {
		if got := IsDate(s); got != want {
			t.Errorf("IsDate(%q) = %v", s, got)
		}
	}
}

func TestIsTime(t *testing.T) {
	for s, want := range map[string]bool{
		"08:00:00":          true,
		"23:59:59":          true,
		"08:00:00.5":        true,
		"08:00:00.1234567":  true,
		"08:00:00.12345678": false,
		"08:00:00Z":         true,
		"08:00:00-05:00":    true,
		"24:00:00":          false,
		"08:60:00":          false,
		"08:00":             false,
		"8:00:00":           false,
		"08:00:00.":         false,
		"08:00:00+5":        false,
	} {
		if got := IsTime(s); got != want {
			t.Errorf("IsTime(%q) = %v", s, got)
		}
	}
}

func TestIsDateTime(t *testing.T) {
	for s, want := range map[string]bool{
		"2024-08-01T08:00:00Z":      true,
		"2024-08-01T08:00:00.25Z":   true,
		"2024-08-01T08:00:00+02:00": true,
		"2024-08-01T08:00:00":       true,
		"2024-08-01 08:00:00Z":      false,
		"2024-08-01":                false,
		"2024-02-30T08:00:00Z":      false,
	} {
		if got := IsDateTime(s); got != want {
			t.Errorf("IsDateTime(%q) = %v", s, got)
		}
	}
}

func TestNormalizeDateTime(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"2024-08-01T08:00:00Z", "2024-08-01T08:00:00Z", true},
		{"2024-08-01T08:00:00", "2024-08-01T08:00:00Z", true}, // no offset: taken as UTC
		{"2024-08-01T08:00:00.999Z", "2024-08-01T08:00:00Z", true},
		{"2024-08-01T01:30:00+02:00", "2024-07-31T23:30:00Z", true},
		{"2024-08-01T23:30:00-05:00", "2024-08-02T04:30:00Z", true},
		{"2024-08-01 08:15", "2024-08-01T08:15:00Z", true},
		{"2024-08-01", "2024-08-01T00:00:00Z", true},
		{"2009-05-01 10:30:00 PM", "2009-05-01T22:30:00Z", true},
		{"2009-05-01 12:05:00 AM", "2009-05-01T00:05:00Z", true},
		{" 2024-08-01T08:00:00Z ", "2024-08-01T08:00:00Z", true},
		{"2024-08-01T25:00:00Z", "2024-08-01T25:00:00Z", false},
		{"2009-05-01 13:30:00 PM", "2009-05-01 13:30:00 PM", false},
		{"yesterday", "yesterday", false},
		// DataStrictnessValidation.feature: slashes year first, a one-digit
		// hour with AM/PM.
		{"2021/09/28", "2021-09-28T00:00:00Z", true},
		{"2021-09-28 2:15:30 PM", "2021-09-28T14:15:30Z", true},
		{"2021-9-8T7:05", "2021-09-08T07:05:00Z", true},
		{"2021/09-28", "2021/09-28", false},
		{"2021/09/31", "2021/09/31", false},
		{"2021/123/01", "2021/123/01", false},
		{"2021-09-28x", "2021-09-28x", false},
		{"2021-09-28 :15", "2021-09-28 :15", false},
	}
	for _, tt := range tests {
		got, ok := NormalizeDateTime(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("NormalizeDateTime(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestCoerceSlashDate(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"5/1/2009", "2009-05-01", true},
		{"05/01/2009", "2009-05-01", true},
		{"12/31/99", "1999-12-31", true},
		{"1/2/49", "2049-01-02", true},
		{"13/1/2009", "2009-01-13", true}, // no month 13: read day first
		{"31/12/2009", "2009-12-31", true},
		{"5/1/2009 10:30:00 AM", "2009-05-01 10:30:00 AM", true},
		{"2/30/2009", "2/30/2009", false},
		{"5/1", "5/1", false},
		{"5/1/209", "5/1/209", false},
		{"2009-05-01", "2009-05-01", false},
	}
	for _, tt := range tests {
		got, ok := CoerceSlashDate(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("CoerceSlashDate(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
