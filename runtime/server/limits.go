package server

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/metrics"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
)

// Guardrail names, as metrics.GuardrailRejected counts them and the
// problems name them.
const (
	LimitIdentityUpdateFanOut = "identity-update-fan-out"
	LimitIdentityUpdates      = "identity-updates"
	LimitCollectionItems      = "collection-items"
	LimitDocumentItems        = "document-items"
)

// WriteLimits are the write path's guardrails (E12-S03) and its retry
// policy (E09-S00), configured per deployment. Zero values take the
// defaults (so a Config built in code behaves like one parsed by kong); a
// negative limit disables the limit.
type WriteLimits struct {
	MaxIdentityUpdateFanOut int           `name:"max-identity-update-fan-out" env:"DMSC_MAX_IDENTITY_UPDATE_FAN_OUT" default:"10000" help:"Most other documents one identity update may cascade into; a larger update is rolled back and answered 409 (negative: no limit)."`
	DisableIdentityUpdates  bool          `name:"disable-identity-updates" env:"DMSC_DISABLE_IDENTITY_UPDATES" help:"Refuse identity (natural key) changes by PUT even on resources whose schema allows them."`
	DenyIdentityUpdates     []string      `name:"deny-identity-updates" env:"DMSC_DENY_IDENTITY_UPDATES" sep:"," placeholder:"RESOURCE,..." help:"Resources that may not change identity although their schema allows it: resource names (Section) or project/endpoint (ed-fi/sections)."`
	MaxCollectionItems      int           `name:"max-collection-items" env:"DMSC_MAX_COLLECTION_ITEMS" default:"10000" help:"Most items one array of a request body may hold (negative: no limit)."`
	MaxDocumentItems        int           `name:"max-document-items" env:"DMSC_MAX_DOCUMENT_ITEMS" default:"50000" help:"Most items all the arrays of one request body may hold together (negative: no limit)."`
	RetryMaxAttempts        int           `name:"retry-max-attempts" env:"DMSC_RETRY_MAX_ATTEMPTS" default:"5" help:"Most attempts of a write that loses to contention (deadlock, serialization failure, concurrent create of the same identity)."`
	RetryBudget             time.Duration `name:"retry-budget" env:"DMSC_RETRY_BUDGET" default:"10s" help:"Most time a write may spend on attempts and backoff under contention."`
	UnavailableRetry        time.Duration `name:"db-unavailable-retry" env:"DMSC_DB_UNAVAILABLE_RETRY" default:"2s" help:"How long a request keeps retrying while the database is unreachable before it is answered 503."`
}

// Defaults of WriteLimits (the kong defaults above).
const (
	DefaultMaxIdentityUpdateFanOut = 10000
	DefaultMaxCollectionItems      = 10000
	DefaultMaxDocumentItems        = 50000
)

// WithDefaults fills zero limits with the defaults (RetryPolicy fills the
// retry settings).
func (l WriteLimits) WithDefaults() WriteLimits {
	if l.MaxIdentityUpdateFanOut == 0 {
		l.MaxIdentityUpdateFanOut = DefaultMaxIdentityUpdateFanOut
	}
	if l.MaxCollectionItems == 0 {
		l.MaxCollectionItems = DefaultMaxCollectionItems
	}
	if l.MaxDocumentItems == 0 {
		l.MaxDocumentItems = DefaultMaxDocumentItems
	}
	return l
}

// RetryPolicy is the write path's retry policy: db.DefaultRetryPolicy with
// the configured attempts and budgets (zero ones keep the default's).
func (l WriteLimits) RetryPolicy() db.RetryPolicy {
	p := db.DefaultRetryPolicy
	if l.RetryMaxAttempts > 0 {
		p.MaxAttempts = l.RetryMaxAttempts
	}
	if l.RetryBudget > 0 {
		p.Budget = l.RetryBudget
	}
	if l.UnavailableRetry > 0 {
		p.UnavailableBudget = l.UnavailableRetry
	}
	return p
}

// IdentityUpdateAllowed reports whether the deployment lets documents of
// the resource (project endpoint, resource endpoint, resource name) change
// identity; the schema's allowIdentityUpdates is checked separately. A
// refusal is counted.
func (l WriteLimits) IdentityUpdateAllowed(ctx context.Context, project, endpoint, name string) bool {
	allowed := !l.DisableIdentityUpdates
	for _, d := range l.DenyIdentityUpdates {
		d = strings.Trim(strings.TrimSpace(d), "/")
		if strings.EqualFold(d, name) || strings.EqualFold(d, project+"/"+endpoint) {
			allowed = false
		}
	}
	if !allowed {
		m, _ := metrics.FromContext(ctx)
		m.GuardrailRejected(LimitIdentityUpdates)
	}
	return allowed
}

// IdentityUpdatesDisabled is the 400 for an identity change the deployment
// does not allow.
func IdentityUpdatesDisabled(resourceName string) *problem.Details {
	return problem.KeyChangeNotSupported(fmt.Sprintf(
		"Identifying values for the %s resource cannot be changed on this server: identity updates are disabled by its configuration (%s). "+
			"Delete and recreate the resource item instead.", resourceName, LimitIdentityUpdates))
}

// IdentityUpdateFanOut records the measured cascade of an identity update
// of resource (project/endpoint) and, when it exceeds the limit, counts
// the rejection and returns the 409 naming the limit and the count.
func (l WriteLimits) IdentityUpdateFanOut(ctx context.Context, resource, resourceName string, documents int) *problem.Details {
	m, _ := metrics.FromContext(ctx)
	m.CascadeFanOut(resource, documents)
	limit := l.WithDefaults().MaxIdentityUpdateFanOut
	if limit < 0 || documents <= limit {
		return nil
	}
	m.GuardrailRejected(LimitIdentityUpdateFanOut)
	slog.WarnContext(ctx, "identity update rolled back: its cascade exceeds the limit",
		"resource", resource, "documents", documents, "limit", limit)
	return problem.IdentityUpdateTooLarge(resourceName, documents, limit, LimitIdentityUpdateFanOut)
}

// FanOutLimit is the most documents an identity update may cascade into,
// 0 for no limit.
func (l WriteLimits) FanOutLimit() int {
	return max(l.WithDefaults().MaxIdentityUpdateFanOut, 0)
}

// LongArray is an array of a request body over the per-array limit: its
// concrete path ("$.addresses[0].periods") and its number of items.
type LongArray struct {
	Path  string
	Items int
}

// CheckItems refuses, before anything reaches the database, a request
// body with an array longer than MaxCollectionItems or with more than
// MaxDocumentItems array items in all: a 400 naming each array over the
// limit by its path (or "$" for the total) and the limit. A decoder counts
// them: total is the number of array items in the whole body, longest the
// length of its longest array, and over lists the arrays longer than limit
// (called only for a refusal). A refusal is counted.
func (l WriteLimits) CheckItems(ctx context.Context, total, longest int, over func(limit int) []LongArray) *problem.Details {
	l = l.WithDefaults()
	var ve problem.ValidationErrors
	var limit string
	switch {
	case l.MaxCollectionItems >= 0 && longest > l.MaxCollectionItems:
		limit = LimitCollectionItems
		long := over(l.MaxCollectionItems)
		slices.SortFunc(long, func(a, b LongArray) int { return strings.Compare(a.Path, b.Path) })
		for _, a := range long {
			ve.Add(a.Path, fmt.Sprintf("The array has %d items, more than the %d this server accepts in one array (%s).",
				a.Items, l.MaxCollectionItems, LimitCollectionItems))
		}
	case l.MaxDocumentItems >= 0 && total > l.MaxDocumentItems:
		limit = LimitDocumentItems
		ve.Add("$", fmt.Sprintf("The document's arrays hold %d items together, more than the %d this server accepts in one document (%s).",
			total, l.MaxDocumentItems, LimitDocumentItems))
	default:
		return nil
	}
	m, _ := metrics.FromContext(ctx)
	m.GuardrailRejected(limit)
	return problem.DataValidation(ve)
}
