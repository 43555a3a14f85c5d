package plan

// CheckGolden compares a test's output with its golden in testdata.
var CheckGolden = checkGolden
