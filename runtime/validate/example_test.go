package validate_test

import (
	"fmt"

	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/edfi-dmsc/dmsc/runtime/validate"
)

// academicWeek stands in for a generated document struct: decoded values
// plus presence flags (null and overposted properties never reach it).
type academicWeek struct {
	beginDate, endDate     string
	hasBeginDate, hasEnd   bool
	schoolID               int64
	hasSchoolReference     bool
	totalInstructionalDays string // JSON number text
	weekIdentifier         string
	hasWeekIdentifier      bool
}

// validateAcademicWeek is the shape of the code the generator emits from
// jsonSchemaForInsert: required properties first, then the present
// properties in schema order.
func validateAcademicWeek(v *validate.Validator, d *academicWeek) {
	if !d.hasEnd {
		v.Required("endDate")
	}
	if !d.hasSchoolReference {
		v.Required("schoolReference")
	}
	if !d.hasWeekIdentifier {
		v.Required("weekIdentifier")
	}
	if d.hasBeginDate && !validate.IsDate(d.beginDate) {
		v.BadFormat("beginDate", validate.FormatDate)
	}
	if d.hasEnd && !validate.IsDate(d.endDate) {
		v.BadFormat("endDate", validate.FormatDate)
	}
	if d.hasSchoolReference {
		m := v.Enter("schoolReference")
		if d.schoolID < 0 {
			v.BelowMinimum("schoolId", fmt.Sprint(d.schoolID), "0")
		}
		v.Leave(m)
	}
	if n, ok := validate.ParseDecimal(d.totalInstructionalDays); ok && n.Negative {
		v.BelowMinimum("totalInstructionalDays", d.totalInstructionalDays, "0")
	}
	if d.hasWeekIdentifier {
		v.String("weekIdentifier", d.weekIdentifier, 5, 80, validate.NonEmptyNoOuterWhitespace)
	}
}

func Example() {
	doc := academicWeek{
		beginDate: "2024-02-30", hasBeginDate: true,
		hasSchoolReference: true, schoolID: 255901,
		totalInstructionalDays: "-1",
		weekIdentifier:         "wk1 ", hasWeekIdentifier: true,
	}
	var v validate.Validator
	validateAcademicWeek(&v, &doc)
	if v.Failed() {
		// The server answers problem.DataValidation(v.Errors) with status 400.
		details := problem.DataValidation(v.Errors)
		for _, f := range details.ValidationErrors {
			fmt.Printf("%s %q\n", f.Path, f.Messages)
		}
	}
	// Output:
	// $.endDate ["endDate is required."]
	// $.beginDate ["beginDate Value does not match format \"date\""]
	// $.totalInstructionalDays ["totalInstructionalDays -1 should be at least 0"]
	// $.weekIdentifier ["weekIdentifier Value should be at least 5 characters" "weekIdentifier cannot contain leading or trailing spaces."]
}
