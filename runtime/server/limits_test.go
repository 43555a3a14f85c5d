package server

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/alecthomas/kong"
	"github.com/edfi-dmsc/dmsc/runtime/db"
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
