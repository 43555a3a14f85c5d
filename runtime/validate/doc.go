// Package validate holds the small, allocation-conscious primitives that
// generated per-resource code calls to validate an Ed-Fi request body and to
// report Ed-Fi validationErrors with the reference implementation's message
// texts. There is no reflection and no JSON-path walking at run time: the
// generator turns jsonSchemaForInsert, decimalPropertyValidationInfos,
// equalityConstraints and arrayUniquenessConstraints into straight-line Go
// that keeps a Validator's Path in step with the document and calls the
// checks (Pattern.Matches, Length, IsDate, ParseDecimal, …) and reporters
// (Validator.Required, Validator.String, Validator.WrongType, …).
//
// What the reference does before and around schema validation, and what
// generated code therefore does:
//
//   - Duplicate property names anywhere in the body: 400 with
//     DuplicatePropertyMessage at the first duplicate's path (CheckBody),
//     before anything else but syntax errors. The same pass refuses what a
//     decoder would silently repair (bytes that are not UTF-8, unpaired
//     surrogate escapes); bodies nested deeper than the reference's parser
//     reads (64 levels) are a syntax error (jsonr.SyntaxError).
//   - A top-level "id" property (any case) on POST: 400 (runtime/problem).
//   - Slash dates in date and date-time properties are rewritten
//     (CoerceSlashDate), then date-times are normalized to UTC
//     "yyyy-MM-ddTHH:mm:ssZ" (NormalizeDateTime).
//   - Strings at boolean, decimal and other numeric properties are coerced
//     (CoerceBoolean, CoerceBooleanNumber, CoerceDecimal, CoerceNumber);
//     a value that does not coerce stays a string and fails its type check.
//   - Overposted properties (not in the schema) are silently dropped, at any
//     depth; they never produce an error.
//   - A null value is treated as absent: dropped when optional, reported as
//     Required when required.
//   - A top-level array that is empty or holds only empty objects is treated
//     as absent (dropped, or Required when required). The reference does
//     this for top-level arrays only; a nested empty array stays and fails
//     minItems when it has one (TooFewItems).
//   - A descriptor's codeValue and shortDescription with leading or
//     trailing whitespace are trimmed (TrimDescriptorText) instead of being
//     rejected; every other pattern failure is an error.
//
// Then the stages, each reported only if all earlier ones passed (check
// Validator.Failed between them): JSON schema; decimal ranges
// (DecimalOutOfRange, NotADecimal); equality constraints (EqualityValues,
// EqualityMismatch); reference-array uniqueness (ItemKeys over the
// references' ReferentialIds, first duplicate over all arrays only);
// array uniqueness (ItemKey, ItemKeys, DuplicateItem, first duplicate per
// constraint). All are answered with 400 "Data validation failed. See
// 'validationErrors' for details." (problem.DataValidation(v.Errors)).
//
// validationErrors is an object whose members are JSON paths and whose
// values are arrays of messages; members appear in the order the errors
// were found. For the schema stage that is depth first: for each object
// first its missing required properties (in the schema's "required" order),
// then its present properties in schema "properties" order (alphabetical in
// ApiSchema files), and for one property maxLength, minLength, pattern (the
// order of its schema keywords).
//
// Message texts taken from the reference's fixtures and tests: "{p} is
// required.", `{p} Value is "string" but should be "boolean"`, "{p} Value
// should be at most N characters", "{p} Value should be at least N
// characters", "{p} cannot contain leading or trailing spaces.", "{p} is
// required and should not be left empty.", "{path} must be between -B and
// B.", "Value is not a valid decimal.", "All values supplied for '{p}' must
// match. …", "The Nth item of the {array} has the same identifying values
// as another item earlier in the list.", "An item with the same key has
// already been added.". The remaining schema texts ("{p} {v} should be at
// least {min}", "{p} {v} should be at most {max}", `{p} Value does not match
// format "date"`, "{p} Value should have at least N items") are those of the
// reference's JSON-schema library version (JsonSchema.Net 7), whose other
// texts the fixtures confirm.
package validate
