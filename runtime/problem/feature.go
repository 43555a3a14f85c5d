package problem

import "fmt"

// TypeFeatureDisabled is the type of a request to a feature the deployment
// turned off.
const TypeFeatureDisabled = typePrefix + ":system:configuration:feature-disabled"

// FeatureDisabled is the 404 of a route or parameter of a feature the
// deployment turned off, in the reference's (ODS) shape.
func FeatureDisabled(feature string) *Details {
	return newDetails(404, TypeFeatureDisabled, "Feature Disabled", fmt.Sprintf("The '%s' feature is disabled.", feature), nil, nil)
}
