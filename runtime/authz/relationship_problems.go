package authz

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/edfi-dmsc/dmsc/runtime/problem"
)

// The problem details of the relationship strategies (design-docs/auth.md
// §ProblemDetails 2.3, 2.5, 2.6, as the reference words them).
const (
	typeElementUninitialized = ":relationships:invalid-data:element-uninitialized"
	typeElementRequired      = ":relationships:access-denied:element-required"
	// maxClaimsShown is how many claims a no-relationship error lists.
	maxClaimsShown = 5
)

// relationshipFailure is a relationship strategy that did not authorize
// the document, with its failed subjects in subject order.
type relationshipFailure struct {
	strategy string
	subjects []failedSubject
}

type failedSubject struct {
	subject *relationshipSubject
	outcome subjectOutcome
}

// relationshipDenied is the 403 of failures (every strategy failed): a
// NULL stored value (2.5) outranks a value the request lacks (2.6), which
// outranks an unrelated value (2.3); each names the failed elements of
// its kind and appends the hints of their people views.
func relationshipDenied(failures []relationshipFailure, claims []int64) *problem.Details {
	kind := notRelated
	for _, f := range failures {
		for _, s := range f.subjects {
			if s.outcome == storedNull || (s.outcome == proposedMissing && kind == notRelated) {
				kind = s.outcome
			}
		}
	}
	var names, hints, inaccessible []string
	for _, f := range failures {
		selected := false
		for _, s := range f.subjects {
			if s.outcome != kind {
				continue
			}
			selected = true
			names = appendDistinct(names, s.subject.readable)
			if s.subject.hint != "" {
				hints = appendDistinct(hints, s.subject.hint)
			}
		}
		if selected {
			inaccessible = append(inaccessible, fmt.Sprintf("The existing resource item is inaccessible to clients using the '%s' authorization strategy.", f.strategy))
		}
	}
	withHints := func(detail string) string {
		if len(hints) == 0 {
			return detail
		}
		return detail + " Hint: " + strings.Join(hints, " ")
	}
	switch kind {
	case storedNull:
		return forbidden(typeElementUninitialized, withHints(detailDataNotAuthorized+" "+requiredElements(names, "The existing '%s' value is",
			"The existing values of one or more of the following properties are")), inaccessible...)
	case proposedMissing:
		return forbidden(typeElementRequired, withHints(detailDataNotAuthorized+" "+requiredElements(names, "The '%s' value is",
			"The values of one or more of the following properties are")))
	}
	return forbidden("", withHints(detailDataNotAuthorized), noRelationships(claims, names))
}

// requiredElements is the sentence saying the elements names are required
// for authorization: one (a format with the name) or several.
func requiredElements(names []string, one, several string) string {
	if len(names) == 1 {
		return fmt.Sprintf(one, names[0]) + " required for authorization purposes."
	}
	return several + " required for authorization purposes: " + quotedList(names) + "."
}

// noRelationships is the error of a 2.3 denial: the client's claims (the
// first five) and the unrelated elements.
func noRelationships(claims []int64, names []string) string {
	noun, shown := "claims", "none"
	if len(claims) > 0 {
		if len(claims) == 1 {
			noun = "claim"
		}
		var ids []string
		for i, c := range claims {
			if i == maxClaimsShown {
				ids = append(ids, "...")
				break
			}
			ids = append(ids, "'"+strconv.FormatInt(c, 10)+"'")
		}
		shown = strings.Join(ids, ", ")
	}
	lead := "No relationships have been established between the caller's education organization id " + noun + " (" + shown + ") and "
	switch len(names) {
	case 0:
		return lead + "the requested resource."
	case 1:
		return lead + "the resource item's '" + names[0] + "' value."
	}
	return lead + "one or more of the following properties of the resource item: " + quotedList(names) + "."
}

func appendDistinct(s []string, v string) []string {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}

// RelationshipSubjectsMissing is the 500 for a relationship strategy on a
// resource none of whose securable elements on its root table take part
// in it: the strategy could only deny, or, worse, filter nothing.
func RelationshipSubjectsMissing(action, resourceName, strategy string) *problem.Details {
	return securityConfiguration(fmt.Sprintf(
		"The '%s' authorization strategy is configured for the '%s' action on resource '%s', which has no securable element on its root table that the strategy authorizes.",
		strategy, action, resourceName))
}

// RelationshipViewMissing is the 500 for a relationship strategy that
// relates a person of the resource through a people authorization view
// the schema's database does not have (one of the associations it reads
// is not in the schema).
func RelationshipViewMissing(action, resourceName, strategy, view string) *problem.Details {
	return securityConfiguration(fmt.Sprintf(
		"The '%s' authorization strategy is configured for the '%s' action on resource '%s', but the people authorization view 'auth.%s' it needs does not exist in this schema.",
		strategy, action, resourceName, view))
}
