package server

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/alecthomas/kong"
	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
)

// TestWriteLimitsFromFlagsAndEnvironment: the flags' defaults are the ones
// a Config built in code gets, and each limit has a flag and a variable.
func TestWriteLimitsFromFlagsAndEnvironment(t *testing.T) {
	parse := func(args ...string) WriteLimits {
		t.Helper()
		var c Config
		p, err := kong.New(&c, kong.Exit(func(int) {}))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.Parse(append([]string{"--connection-string", "host=x"}, args...)); err != nil {
			t.Fatal(err)
		}
		return c.WriteLimits
	}
	got, want := parse(), (WriteLimits{}).WithDefaults()
	if gp, wp := got.RetryPolicy(), want.RetryPolicy(); !slices.Equal(got.DenyIdentityUpdates, want.DenyIdentityUpdates) ||
		got.MaxIdentityUpdateFanOut != want.MaxIdentityUpdateFanOut || got.MaxCollectionItems != want.MaxCollectionItems ||
		got.MaxDocumentItems != want.MaxDocumentItems || got.DisableIdentityUpdates || gp != wp || wp != db.DefaultRetryPolicy {
		t.Errorf("flag defaults %+v, code defaults %+v", got, want)
	}
	t.Setenv("DMSC_MAX_IDENTITY_UPDATE_FAN_OUT", "7")
	t.Setenv("DMSC_DENY_IDENTITY_UPDATES", "ed-fi/sections,Session")
	t.Setenv("DMSC_DB_UNAVAILABLE_RETRY", "500ms")
	l := parse("--disable-identity-updates", "--max-collection-items", "3", "--max-document-items=-1",
		"--retry-max-attempts", "2", "--retry-budget", "1s")
	if l.MaxIdentityUpdateFanOut != 7 || !slices.Equal(l.DenyIdentityUpdates, []string{"ed-fi/sections", "Session"}) ||
		l.UnavailableRetry != 500*time.Millisecond || !l.DisableIdentityUpdates || l.MaxCollectionItems != 3 ||
		l.MaxDocumentItems != -1 || l.RetryMaxAttempts != 2 || l.RetryBudget != time.Second {
		t.Errorf("flags and environment: %+v", l)
	}
	p := l.RetryPolicy()
	if p.MaxAttempts != 2 || p.Budget != time.Second || p.UnavailableBudget != 500*time.Millisecond || p.BaseDelay != db.DefaultRetryPolicy.BaseDelay {
		t.Errorf("retry policy %+v", p)
	}
	if l.FanOutLimit() != 7 || (WriteLimits{MaxIdentityUpdateFanOut: -1}).FanOutLimit() != 0 {
		t.Error("FanOutLimit: 0 means no limit")
	}
}

func TestIdentityUpdateAllowed(t *testing.T) {
	ctx := context.Background()
	deny := WriteLimits{DenyIdentityUpdates: []string{" ed-fi/Sections ", "session"}}
	for _, c := range []struct {
		limits                  WriteLimits
		project, endpoint, name string
		want                    bool
	}{
		{WriteLimits{}, "ed-fi", "sections", "Section", true},
		{WriteLimits{DisableIdentityUpdates: true}, "ed-fi", "sections", "Section", false},
		{deny, "ed-fi", "sections", "Section", false},
		{deny, "ed-fi", "sessions", "Session", false},
		{deny, "ed-fi", "classPeriods", "ClassPeriod", true},
		{deny, "sample", "sectionz", "Sectionz", true},
	} {
		if got := c.limits.IdentityUpdateAllowed(ctx, c.project, c.endpoint, c.name); got != c.want {
			t.Errorf("%+v %s/%s: %v, want %v", c.limits.DenyIdentityUpdates, c.project, c.endpoint, got, c.want)
		}
	}
}

// TestCheckCollections: each array over the limit is named by its
// concrete path, in path order; the total is checked across arrays.
func TestCheckCollections(t *testing.T) {
	ctx := context.Background()
	three := []any{map[string]any{}, map[string]any{}, map[string]any{}}
	doc := map[string]any{
		"addresses": []any{
			map[string]any{"periods": []any{1}},
			map[string]any{"periods": []any{1, 2, 3}},
		},
		"gradeLevels": three,
		"nested":      map[string]any{"items": []any{"a", "b"}},
	}
	p := WriteLimits{MaxCollectionItems: 2}.CheckCollections(ctx, doc)
	if p == nil || p.Status != 400 || p.Type != problem.TypeDataValidationFailed || len(p.ValidationErrors) != 2 ||
		p.ValidationErrors[0].Path != "$.addresses[1].periods" || p.ValidationErrors[1].Path != "$.gradeLevels" ||
		p.ValidationErrors[0].Messages[0] != "The array has 3 items, more than the 2 this server accepts in one array (collection-items)." {
		t.Fatalf("per array: %s", p.JSON())
	}
	// 2 + 1 + 3 + 3 + 2 = 11 items.
	p = WriteLimits{MaxDocumentItems: 10}.CheckCollections(ctx, doc)
	if p == nil || len(p.ValidationErrors.Messages("$")) != 1 ||
		p.ValidationErrors.Messages("$")[0] != "The document's arrays hold 11 items together, more than the 10 this server accepts in one document (document-items)." {
		t.Fatalf("per document: %v", p)
	}
	if p := (WriteLimits{MaxDocumentItems: 11, MaxCollectionItems: 3}).CheckCollections(ctx, doc); p != nil {
		t.Errorf("at the limits: %s", p.JSON())
	}
	if p := (WriteLimits{MaxDocumentItems: -1, MaxCollectionItems: -1}).CheckCollections(ctx, doc); p != nil {
		t.Errorf("disabled: %s", p.JSON())
	}
}
