package identity

import (
	"errors"
	"testing"
)

func TestValueForms(t *testing.T) {
	tests := []struct{ got, want string }{
		{Int(255901001), "255901001"},
		{Int(-7), "-7"},
		{Bool(true), "true"},
		{Bool(false), "false"},
		// Decimal: the reference's fixed-point canonical form, which the
		// database triggers reproduce by trimming trailing zeros.
		{Decimal("1.50"), "1.5"},
		{Decimal("2.00"), "2"},
		{Decimal("100"), "100"},
		{Decimal("100.00"), "100"},
		{Decimal("-1.50"), "-1.5"},
		{Decimal("0"), "0"},
		{Decimal("-0.0"), "0"},
		{Decimal("0.0500"), "0.05"},
		{Decimal(".5"), "0.5"},
		{Decimal("1e2"), "100"},
		{Decimal("1.5E-3"), "0.0015"},
		{Decimal("+7"), "7"},
		{Decimal("not a number"), "not a number"},
		{DescriptorValue("uri://ed-fi.org/SexDescriptor#Female"), "uri://ed-fi.org/sexdescriptor#female"},
		{DescriptorValue("uri://ed-fi.org/x#ÉCOLE"), "uri://ed-fi.org/x#école"},
		{DescriptorValue("already lower"), "already lower"},
		{DescriptorDocumentValue("uri://ed-fi.org/SexDescriptor", "Female"), "uri://ed-fi.org/sexdescriptor#female"},
		{DescriptorURI("uri://ed-fi.org/SexDescriptor", "Female"), "uri://ed-fi.org/SexDescriptor#Female"},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("case %d: got %q, want %q", i, tt.got, tt.want)
		}
	}
}

func TestSplitDescriptorURI(t *testing.T) {
	ns, cv, err := SplitDescriptorURI("uri://ed-fi.org/GradeLevelDescriptor#Grade #1")
	if err != nil || ns != "uri://ed-fi.org/GradeLevelDescriptor" || cv != "Grade #1" {
		t.Fatalf("got %q %q %v", ns, cv, err)
	}
	for uri, want := range map[string]error{
		"uri://ed-fi.org/GradeLevelDescriptor":       ErrDescriptorURINoSeparator,
		"#First":                                     ErrDescriptorURIEmptyPart,
		"uri://ed-fi.org/GradeLevelDescriptor#":      ErrDescriptorURIEmptyPart,
		"uri://ed-fi.org/GradeLevelDescriptor#a\x00": ErrDescriptorURINUL,
	} {
		if _, _, err := SplitDescriptorURI(uri); !errors.Is(err, want) {
			t.Errorf("%q: err = %v, want %v", uri, err, want)
		}
	}
}

func TestTimeAndDateTimeForms(t *testing.T) {
	for in, want := range map[string]string{
		"08:00:00":          "08:00:00",
		"08:00:00.500":      "08:00:00.5",
		"08:00:00.000":      "08:00:00",
		"08:00:00Z":         "08:00:00",
		"08:00:00-05:00":    "08:00:00",
		"10:20:30.25+01:00": "10:20:30.25",
	} {
		if got := Time(in); got != want {
			t.Errorf("Time(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"2024-05-01T10:30:15.75+02:00": "2024-05-01T08:30:15Z",
		"2024-05-01T08:30:15Z":         "2024-05-01T08:30:15Z",
		"not a date":                   "not a date",
	} {
		if got := DateTime(in); got != want {
			t.Errorf("DateTime(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIsDescriptorPath(t *testing.T) {
	for path, want := range map[string]bool{
		"$.descriptor": true,
		"$.programReference.programTypeDescriptor": true,
		"$.gradeLevels[*].gradeLevelDescriptor":    true,
		"$.items[gradeLevelDescriptor]":            true,
		"$.schoolId":                               false,
		"$.descriptorName":                         false,
	} {
		if got := IsDescriptorPath(path); got != want {
			t.Errorf("IsDescriptorPath(%q) = %v", path, got)
		}
	}
}
