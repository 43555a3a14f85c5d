package validate

import (
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/runtime/problem"
)

// body renders v.Errors as the validationErrors member of a problem body.
func validationErrorsJSON(t *testing.T, v *Validator) string {
	t.Helper()
	js := string(problem.DataValidation(v.Errors).JSON())
	const open = `"validationErrors":`
	i := strings.Index(js, open)
	j := strings.Index(js, `,"errors":`)
	if i < 0 || j < 0 {
		t.Fatalf("unexpected problem body %s", js)
	}
	return js[i+len(open) : j]
}

// Messages pinned by the reference's end-to-end feature files.
func TestReferenceMessagesAtRoot(t *testing.T) {
	for _, style := range []KeyStyle{ConcreteKeys, ReferenceKeys} {
		v := Validator{Style: style}
		v.Required("studentUniqueId")
		v.WrongType("officialAttendancePeriod", TypeString, TypeBoolean)
		v.TooLong("codeValue", 50)
		v.TooShort("shortDescription", 1)
		v.PatternMismatch("namespace", " uri://ed-fi.org ")
		v.PatternMismatch("firstName", "")
		want := `{"$.studentUniqueId":["studentUniqueId is required."],` +
			`"$.officialAttendancePeriod":["officialAttendancePeriod Value is \"string\" but should be \"boolean\""],` +
			`"$.codeValue":["codeValue Value should be at most 50 characters"],` +
			`"$.shortDescription":["shortDescription Value should be at least 1 characters"],` +
			`"$.namespace":["namespace cannot contain leading or trailing spaces."],` +
			`"$.firstName":["firstName is required and should not be left empty."]}`
		if got := validationErrorsJSON(t, &v); got != want {
			t.Errorf("style %d:\n got %s\nwant %s", style, got, want)
		}
	}
}

func TestNestedKeysPerStyle(t *testing.T) {
	run := func(style KeyStyle) *Validator {
		v := &Validator{Style: style}
		m := v.Enter("addresses")
		for i := 0; i < 2; i++ {
			mi := v.EnterItem(i)
			v.TooLong("city", 30)
			v.Required("streetNumberName")
			v.Leave(mi)
		}
		v.Leave(m)
		mr := v.Enter("schoolReference")
		v.Required("schoolId")
		v.Leave(mr)
		mg := v.Enter("gradeLevels")
		v.WrongItemType(1, TypeString, TypeObject)
		v.Leave(mg)
		return v
	}

	concrete := run(ConcreteKeys)
	wantConcrete := `{"$.addresses[0].city":["city Value should be at most 30 characters"],` +
		`"$.addresses[0].streetNumberName":["streetNumberName is required."],` +
		`"$.addresses[1].city":["city Value should be at most 30 characters"],` +
		`"$.addresses[1].streetNumberName":["streetNumberName is required."],` +
		`"$.schoolReference.schoolId":["schoolId is required."],` +
		`"$.gradeLevels[1]":["1 Value is \"string\" but should be \"object\""]}`
	if got := validationErrorsJSON(t, concrete); got != wantConcrete {
		t.Errorf("ConcreteKeys:\n got %s\nwant %s", got, wantConcrete)
	}

	// The reference keys schema errors by the last location segment and
	// does not merge repeated messages.
	reference := run(ReferenceKeys)
	wantReference := `{"$.city":["city Value should be at most 30 characters","city Value should be at most 30 characters"],` +
		`"$.0.streetNumberName":["streetNumberName is required."],` +
		`"$.1.streetNumberName":["streetNumberName is required."],` +
		`"$.schoolReference.schoolId":["schoolId is required."],` +
		`"$.1":["1 Value is \"string\" but should be \"object\""]}`
	if got := validationErrorsJSON(t, reference); got != wantReference {
		t.Errorf("ReferenceKeys:\n got %s\nwant %s", got, wantReference)
	}
}

func TestWrongRootType(t *testing.T) {
	for _, tt := range []struct {
		style KeyStyle
		want  string
	}{
		{ReferenceKeys, `{"$.":[" Value is \"array\" but should be \"object\""]}`},
		{ConcreteKeys, `{"$":["Value is \"array\" but should be \"object\""]}`},
	} {
		v := Validator{Style: tt.style}
		v.WrongRootType(TypeArray)
		if got := validationErrorsJSON(t, &v); got != tt.want {
			t.Errorf("style %d:\n got %s\nwant %s", tt.style, got, tt.want)
		}
	}
}

func TestStringChecksInKeywordOrder(t *testing.T) {
	v := Validator{}
	if !v.String("firstName", "Ann", 1, 75, NotBlank) || v.Failed() {
		t.Fatal("a valid string must pass without errors")
	}
	if v.String("weekIdentifier", " ab", 5, 80, NonEmptyNoOuterWhitespace) {
		t.Fatal("an invalid string must fail")
	}
	if v.String("petName", strings.Repeat("x", 21)+" ", 3, 20, NoOuterWhitespace) {
		t.Fatal("an invalid string must fail")
	}
	if v.String("unbounded", "", -1, -1, NoPattern) != true {
		t.Fatal("no keywords: anything passes")
	}
	want := `{"$.weekIdentifier":["weekIdentifier Value should be at least 5 characters","weekIdentifier cannot contain leading or trailing spaces."],` +
		`"$.petName":["petName Value should be at most 20 characters","petName cannot contain leading or trailing spaces."]}`
	if got := validationErrorsJSON(t, &v); got != want {
		t.Errorf("\n got %s\nwant %s", got, want)
	}
	v.Reset()
	if v.Failed() || v.Path.String() != "$" {
		t.Fatal("Reset must clear errors and path")
	}
}

func TestNumberAndFormatMessages(t *testing.T) {
	v := Validator{}
	v.BelowMinimum("schoolYear", "1800", "1900")
	v.AboveMaximum("latitude", "91.5", "90")
	v.BadFormat("beginDate", FormatDate)
	m := v.Enter("dates")
	v.BadItemFormat(0, FormatDate)
	v.Leave(m)
	v.TooFewItems("gradeLevels", 1)
	v.NULCharacter("nameOfInstitution")
	want := `{"$.schoolYear":["schoolYear 1800 should be at least 1900"],` +
		`"$.latitude":["latitude 91.5 should be at most 90"],` +
		`"$.beginDate":["beginDate Value does not match format \"date\""],` +
		`"$.dates[0]":["0 Value does not match format \"date\""],` +
		`"$.gradeLevels":["gradeLevels Value should have at least 1 items"],` +
		`"$.nameOfInstitution":["nameOfInstitution cannot contain the NUL character."]}`
	if got := validationErrorsJSON(t, &v); got != want {
		t.Errorf("\n got %s\nwant %s", got, want)
	}
}

func TestDecimalMessages(t *testing.T) {
	// Pinned by the reference's feature files.
	v := Validator{Style: ReferenceKeys}
	v.DecimalOutOfRange("yearsOfPriorProfessionalExperience", "$.yearsOfPriorProfessionalExperience", 5, 2)
	want := `{"$.yearsOfPriorProfessionalExperience":["yearsOfPriorProfessionalExperience must be between -999.99 and 999.99."]}`
	if got := validationErrorsJSON(t, &v); got != want {
		t.Errorf("\n got %s\nwant %s", got, want)
	}

	for _, tt := range []struct {
		style KeyStyle
		want  string
	}{
		{ReferenceKeys, `{"$.items[*].amount":["items[*].amount must be between -99999.9999 and 99999.9999.","Value is not a valid decimal."]}`},
		{ConcreteKeys, `{"$.items[3].amount":["items[3].amount must be between -99999.9999 and 99999.9999.","Value is not a valid decimal."]}`},
	} {
		v := Validator{Style: tt.style}
		m := v.Enter("items")
		mi := v.EnterItem(3)
		v.DecimalOutOfRange("amount", "$.items[*].amount", 9, 4)
		v.NotADecimal("amount", "$.items[*].amount")
		v.Leave(mi)
		v.Leave(m)
		if got := validationErrorsJSON(t, &v); got != tt.want {
			t.Errorf("style %d:\n got %s\nwant %s", tt.style, got, tt.want)
		}
	}
}

func TestEqualityMismatch(t *testing.T) {
	var values EqualityValues
	for _, s := range []string{"255901001", "255901001", "1"} {
		values.Add(s)
	}
	if !values.Conflict() {
		t.Fatal("two distinct values must conflict")
	}
	v := Validator{}
	v.EqualityMismatch("$.classPeriods[*].classPeriodReference.schoolId", "$.schoolReference.schoolId", values.Values())
	msg := "All values supplied for 'schoolId' must match. Review all references (including those higher up in the resource's data) and align the following conflicting values: '255901001', '1'"
	want := `{"$.classPeriods[*].classPeriodReference.schoolId":["` + msg + `"],"$.schoolReference.schoolId":["` + msg + `"]}`
	if got := validationErrorsJSON(t, &v); got != want {
		t.Errorf("\n got %s\nwant %s", got, want)
	}

	values.Reset()
	values.Add("7")
	values.Add("7")
	if values.Conflict() {
		t.Fatal("equal values must not conflict")
	}
}

func TestDuplicateItemAndOrdinals(t *testing.T) {
	v := Validator{}
	v.DuplicateItem("classPeriods", 3)
	m := v.Enter("addresses")
	mi := v.EnterItem(0)
	v.DuplicateItem("periods", 1)
	v.Leave(mi)
	v.Leave(m)
	want := `{"$.classPeriods":["The 4th item of the classPeriods has the same identifying values as another item earlier in the list."],` +
		`"$.addresses[0].periods":["The 2nd item of the periods has the same identifying values as another item earlier in the list."]}`
	if got := validationErrorsJSON(t, &v); got != want {
		t.Errorf("\n got %s\nwant %s", got, want)
	}
	for n, want := range map[int]string{1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 11: "11th", 12: "12th", 13: "13th", 21: "21st", 22: "22nd", 101: "101st", 111: "111th", 112: "112th"} {
		if got := Ordinal(n); got != want {
			t.Errorf("Ordinal(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestDuplicateProperty(t *testing.T) {
	v := Validator{Style: ReferenceKeys}
	m := v.Enter("addresses")
	mi := v.EnterItem(1)
	v.DuplicateProperty("city")
	v.Leave(mi)
	v.Leave(m)
	want := `{"$.addresses[1].city":["An item with the same key has already been added."]}`
	if got := validationErrorsJSON(t, &v); got != want {
		t.Errorf("\n got %s\nwant %s", got, want)
	}
}

func TestItemKeys(t *testing.T) {
	var keys ItemKeys
	items := [][]string{
		{"uri://ed-fi.org/AddressTypeDescriptor#Home", "Austin"},
		{"uri://ed-fi.org/AddressTypeDescriptor#Work", "Austin"},
		{"uri://ed-fi.org/AddressTypeDescriptor#home", "Austin"}, // case differs: distinct
		{"uri://ed-fi.org/AddressTypeDescriptor#Work", "Austin"},
	}
	dup := -1
	for i, it := range items {
		if keys.Seen(ItemKey(it...)) {
			dup = i
			break
		}
	}
	if dup != 3 {
		t.Fatalf("first duplicate at %d, want 3", dup)
	}
	keys.Reset()
	if keys.Seen(ItemKey(items[0]...)) {
		t.Fatal("Reset must forget earlier keys")
	}
	// Joining keeps path boundaries: ("a", "b|c") and ("a|b", "c") differ.
	if ItemKey("a", "b|c") == ItemKey("a|b", "c") || ItemKey("a", "") == ItemKey("", "a") {
		t.Fatal("ItemKey must keep path boundaries")
	}
}

func TestCheckingWithoutErrorsDoesNotAllocate(t *testing.T) {
	v := Validator{}
	v.Path.PushField("warm")
	v.Reset()
	allocs := testing.AllocsPerRun(100, func() {
		m := v.Enter("addresses")
		mi := v.EnterItem(0)
		v.String("city", "Austin", 2, 30, NoOuterWhitespace)
		v.String("streetNumberName", "1 Main St", 1, 150, NonEmptyNoOuterWhitespace)
		_ = IsDate("2024-08-01")
		d, _ := ParseDecimal("12.5")
		_ = d.WithinPrecision(5, 2)
		v.Leave(mi)
		v.Leave(m)
	})
	if allocs > 0 {
		t.Fatalf("validating a valid item allocates %.1f times", allocs)
	}
}

func BenchmarkValidateAddressItem(b *testing.B) {
	var v Validator
	for b.Loop() {
		v.Reset()
		m := v.Enter("addresses")
		mi := v.EnterItem(0)
		v.String("city", "Austin", 2, 30, NoOuterWhitespace)
		v.String("postalCode", "78701", 1, 17, NoOuterWhitespace)
		v.String("streetNumberName", "1 Main St", 1, 150, NonEmptyNoOuterWhitespace)
		v.String("addressTypeDescriptor", "uri://ed-fi.org/AddressTypeDescriptor#Home", -1, 306, NoPattern)
		_ = IsDate("2024-08-01")
		v.Leave(mi)
		v.Leave(m)
	}
}

// TestDuplicateReferenceKeysTheOutermostArray: a repeated reference is
// named by the outermost array of its site, with its position among all
// the site's references.
func TestDuplicateReferenceKeysTheOutermostArray(t *testing.T) {
	for _, tt := range []struct {
		path  string
		index int
		want  string
	}{
		{"$.classPeriods[3].classPeriodReference", 3, `{"$.classPeriods":["The 4th item of the classPeriods has the same identifying values as another item earlier in the list."]}`},
		{"$.creditsByCourses[1].courses[0].courseReference", 2, `{"$.creditsByCourses":["The 3rd item of the creditsByCourses has the same identifying values as another item earlier in the list."]}`},
		{"$._ext.sample.pets[10].petReference", 10, `{"$._ext.sample.pets":["The 11th item of the pets has the same identifying values as another item earlier in the list."]}`},
	} {
		p := DuplicateReference(tt.path, tt.index)
		got := validationErrorsJSON(t, &Validator{Errors: p.ValidationErrors})
		if p.Status != 400 || got != tt.want {
			t.Errorf("%s #%d: %d %s, want %s", tt.path, tt.index, p.Status, got, tt.want)
		}
	}
}
