package plan

import (
	"strings"
	"testing"
)

func TestJoinPredicatesSharesOneParameter(t *testing.T) {
	one := joinPredicates([][]string{{`r."A" = (`, ")"}})
	if got := strings.Join(one, "$3"); got != `r."A" = ($3)` {
		t.Errorf("single path = %s", got)
	}
	two := joinPredicates([][]string{{`r."A" = (`, ")"}, {`r."B" = (`, "::text)::date"}})
	if got := strings.Join(two, "$2"); got != `(r."A" = ($2) OR r."B" = ($2::text)::date)` {
		t.Errorf("two paths = %s", got)
	}
}
