package authz

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/edfi-dmsc/dmsc/runtime/auth"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// NamespaceRule is the NamespaceBased check of one request: the namespace
// of the document's root entity (spec.NamespaceAuthorization) must start
// with one of the client's namespace prefixes (ordinal, case-sensitive
// comparison).
type NamespaceRule struct {
	// Prefixes are the client's prefixes, distinct and sorted.
	Prefixes []string
}

// NamespaceRuleFrom returns the request's NamespaceBased rule: nil when
// the authorization decision in ctx does not name NamespaceBased (auth
// off, or another strategy).
func NamespaceRuleFrom(ctx context.Context) *NamespaceRule {
	d, ok := auth.DecisionFrom(ctx)
	if !ok || !slices.Contains(d.Strategies, NamespaceBased) {
		return nil
	}
	var prefixes []string
	if p, ok := auth.PrincipalFrom(ctx); ok {
		prefixes = p.NamespacePrefixes
	}
	return &NamespaceRule{Prefixes: sortedDistinct(prefixes)}
}

// sortedDistinct returns s sorted without duplicates: s itself when it
// already is (the principal's prefixes or education organization ids,
// then shared and never written), else a sorted copy.
func sortedDistinct[T cmp.Ordered](s []T) []T {
	for i := 1; i < len(s); i++ {
		if s[i-1] >= s[i] {
			return slices.Compact(slices.Sorted(slices.Values(s)))
		}
	}
	return s
}

// Check checks a document's namespace (nil when absent): existing says it
// is the stored one (a 403 then says "existing"), else the request body's.
func (r *NamespaceRule) Check(value *string, existing bool) *problem.Details {
	switch {
	case value == nil || *value == "":
		if existing {
			return NamespaceUninitialized()
		}
		return NamespaceRequired()
	case !r.matches(*value):
		return NamespaceMismatch(existing, r.Prefixes)
	}
	return nil
}

func (r *NamespaceRule) matches(v string) bool {
	for _, p := range r.Prefixes {
		if strings.HasPrefix(v, p) {
			return true
		}
	}
	return false
}

// Filter is the GET-many predicate of the rule over the element's column
// of the table aliased r, with its parameters numbered from $first: the
// value lies in one prefix's range [prefix, successor) under the
// byte-wise pattern operators ~>=~ and ~<~. Those bounds select exactly
// the values starting with the prefix whatever the database's collation,
// and, being ordinary parameters, let a varchar_pattern_ops (or
// text_pattern_ops) index seek under generic plans too, which
// `LIKE $1 || '%'` does not (story 22). NULL never matches. A
// key-unification alias is filtered on the stored column it mirrors (the
// indexed one), with the alias's presence condition.
func (r *NamespaceRule) Filter(el spec.NamespaceElement, first int) (string, []any) {
	col, presence := `r.`+quoteIdent(el.Column), ""
	if el.Canonical != "" {
		col = `r.` + quoteIdent(el.Canonical)
		if el.Presence != "" {
			presence = " AND r." + quoteIdent(el.Presence) + " IS NOT NULL"
		}
	}
	cond, args := r.prefixRanges(col, first)
	return cond + presence, args
}

// ChangesFilter is the predicate of the rule over the tracked-change rows
// aliased c of a Change Queries statement: their old namespace value
// (spec.ChangePlan.NamespaceColumn) in one prefix's range, as Filter; a
// row without a namespace (NULL, or empty, which precedes every
// non-empty prefix) never matches.
func (r *NamespaceRule) ChangesFilter(column string, first int) (string, []any) {
	return r.prefixRanges("c."+quoteIdent(column), first)
}

// prefixRanges is the OR of the prefixes' ranges over the column
// expression col, with parameters numbered from $first.
func (r *NamespaceRule) prefixRanges(col string, first int) (string, []any) {
	var args []any
	param := func(v string) string {
		args = append(args, v)
		return "$" + strconv.Itoa(first+len(args)-1)
	}
	var ranges []string
	for _, p := range r.Prefixes {
		lower := col + " ~>=~ " + param(p)
		if upper, ok := prefixSuccessor(p); ok {
			ranges = append(ranges, "("+lower+" AND "+col+" ~<~ "+param(upper)+")")
		} else {
			ranges = append(ranges, lower)
		}
	}
	return "(" + strings.Join(ranges, " OR ") + ")", args
}

func quoteIdent(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }

// prefixSuccessor is the least string greater than every string that
// starts with p in byte order (which is code point order for UTF-8): p with
// its last character incremented, skipping the surrogate range, after
// dropping trailing U+10FFFF. ok is false when p has no successor (only
// U+10FFFF characters), and the range has no upper bound.
func prefixSuccessor(p string) (string, bool) {
	for p != "" {
		r, size := utf8.DecodeLastRuneInString(p)
		p = p[:len(p)-size]
		switch {
		case r == utf8.MaxRune:
			continue
		case r == 0xD7FF:
			return p + "\uE000", true
		default:
			return p + string(r+1), true
		}
	}
	return "", false
}
