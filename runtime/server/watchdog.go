package server

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/edfi-dmsc/dmsc/runtime/refaudit"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// Watchdog are the flags of the integrity watchdog (epic E12, story 01),
// embedded in Config. It is on by default in audit mode: a pass samples
// 100 documents with a few indexed queries once a minute and only reads,
// and drift in dms.ReferentialIdentity — references resolving to the
// wrong document, or not at all — is what nobody notices until a client
// does. A Config built in code leaves it off (zero interval).
type Watchdog struct {
	WatchdogInterval   time.Duration `name:"watchdog-interval" env:"DMSC_WATCHDOG_INTERVAL" default:"1m" help:"Time between two passes of the integrity watchdog, which recomputes the referential identity rows and checks the change stamps of a random sample of documents; 0 turns it off."`
	WatchdogSampleSize int           `name:"watchdog-sample-size" env:"DMSC_WATCHDOG_SAMPLE_SIZE" default:"100" help:"Documents the watchdog samples per pass (runs of up to 10 consecutive documents from random points)."`
	WatchdogMode       string        `name:"watchdog-mode" env:"DMSC_WATCHDOG_MODE" default:"audit" enum:"audit,repair" help:"audit: report drift as metrics and warnings; repair: also rewrite the drifted referential identity rows of the sampled documents."`
}

// Watchdog modes.
const (
	WatchdogAudit  = "audit"
	WatchdogRepair = "repair"
)

// Validate refuses settings kong's tags cannot (kong calls it after
// parsing, so a bad value is a command-line error).
func (w Watchdog) Validate() error {
	switch {
	case w.WatchdogInterval < 0:
		return fmt.Errorf("--watchdog-interval must not be negative, got %s", w.WatchdogInterval)
	case w.WatchdogInterval > 0 && w.WatchdogSampleSize < 1:
		return fmt.Errorf("--watchdog-sample-size must be at least 1, got %d", w.WatchdogSampleSize)
	case w.WatchdogMode != "" && w.WatchdogMode != WatchdogAudit && w.WatchdogMode != WatchdogRepair:
		return fmt.Errorf("--watchdog-mode must be audit or repair, got %q", w.WatchdogMode)
	}
	return nil
}

// IntegrityWatchdog samples documents and checks their referential
// identity rows and change stamps with runtime/refaudit, reporting drift as
// metrics (Metrics.WatchdogChecked, WatchdogDrift, WatchdogRepaired) and
// warnings naming the resource, the document and the kind of drift; in
// repair mode it rewrites the sampled documents' drifted rows.
type IntegrityWatchdog struct {
	s       *Server
	auditor *refaudit.Auditor
}

// NewWatchdog returns the watchdog of the server over the specs of its
// schema (generated code passes them); Pass runs it once.
func (s *Server) NewWatchdog(specs []spec.ReferentialIdentity) *IntegrityWatchdog {
	return &IntegrityWatchdog{s: s, auditor: refaudit.New(s.Pool, specs)}
}

// StartWatchdog runs the watchdog in the background every
// Config.WatchdogInterval while the server serves; it does nothing when
// the interval is zero. An invalid setting in a Config built in code is
// logged and the watchdog left off (kong refuses it on the command line).
func (s *Server) StartWatchdog(specs []spec.ReferentialIdentity) {
	if s.Config.WatchdogInterval <= 0 {
		return
	}
	if err := s.Config.Watchdog.Validate(); err != nil {
		s.Log.Error("integrity watchdog not started", "error", err)
		return
	}
	w := s.NewWatchdog(specs)
	s.Log.Info("integrity watchdog on", "interval", s.Config.WatchdogInterval, "sampleSize", s.Config.WatchdogSampleSize, "mode", s.mode())
	s.Background(w.run)
}

func (s *Server) mode() string {
	if s.Config.WatchdogMode == WatchdogRepair {
		return WatchdogRepair
	}
	return WatchdogAudit
}

// run passes every interval until ctx ends. A failed pass (the database
// unreachable, a statement timeout) is logged and the next one tried.
func (w *IntegrityWatchdog) run(ctx context.Context) {
	ticker := time.NewTicker(w.s.Config.WatchdogInterval)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
		if _, err := w.Pass(ctx); err != nil && ctx.Err() == nil {
			w.s.Log.WarnContext(ctx, "integrity watchdog pass failed", "error", err)
		}
	}
}

// WatchdogPass is what one pass did.
type WatchdogPass struct {
	// Checked is the number of documents sampled and checked.
	Checked int
	// Drift lists the findings.
	Drift []refaudit.Drift
	// Repairs lists, in repair mode, what the repairs found under lock,
	// each marked Repaired or not (rows of other documents a repair had to
	// fix to free an id included).
	Repairs []refaudit.Drift
	// Repaired counts the rows repaired.
	Repaired int
}

// ErrWatchdogGated is returned by Pass while the schema gate refuses the
// database: its documents are not this server's to judge.
var ErrWatchdogGated = errors.New("integrity watchdog: the database does not carry this server's schema")

// Pass samples Config.WatchdogSampleSize documents and checks them once,
// reporting every finding; in repair mode it then repairs the drifted
// referential identity rows of each resource's sampled documents in one
// transaction. Journal findings are reported, never repaired.
func (w *IntegrityWatchdog) Pass(ctx context.Context) (WatchdogPass, error) {
	var pass WatchdogPass
	if w.s.gate != nil && w.s.gate.Check(ctx) != nil {
		return pass, ErrWatchdogGated
	}
	groups, err := w.auditor.Sample(ctx, w.s.Config.WatchdogSampleSize)
	if err != nil {
		return pass, err
	}
	m := w.s.Metrics
	for _, g := range groups {
		drift, err := w.auditor.Inspect(ctx, g.Spec, g.DocumentIDs)
		if err != nil {
			return pass, err
		}
		pass.Checked += len(g.DocumentIDs)
		m.WatchdogChecked(g.Spec.Resource, len(g.DocumentIDs))
		for _, d := range drift {
			m.WatchdogDrift(d.Resource, string(d.Kind), 1)
			w.s.Log.WarnContext(ctx, "integrity watchdog found drift", driftAttrs(d)...)
		}
		pass.Drift = append(pass.Drift, drift...)
		if w.s.mode() != WatchdogRepair {
			continue
		}
		ids := refaudit.RepairableDocuments(drift)
		if len(ids) == 0 {
			continue
		}
		repairs, err := w.auditor.Repair(ctx, g.Spec, ids)
		if err != nil {
			return pass, err
		}
		for _, d := range repairs {
			if d.Repaired {
				pass.Repaired++
				m.WatchdogRepaired(d.Resource, 1)
				w.s.Log.InfoContext(ctx, "integrity watchdog repaired a referential identity row", driftAttrs(d)...)
			} else {
				w.s.Log.WarnContext(ctx, "integrity watchdog could not repair a referential identity row", driftAttrs(d)...)
			}
		}
		pass.Repairs = append(pass.Repairs, repairs...)
	}
	w.s.Log.DebugContext(ctx, "integrity watchdog pass", "checked", pass.Checked, "drift", len(pass.Drift), "repaired", pass.Repaired)
	return pass, nil
}

// driftAttrs are the log attributes of a finding.
func driftAttrs(d refaudit.Drift) []any {
	attrs := []any{"resource", d.Resource, "documentUuid", d.DocumentUUID, "documentId", d.DocumentID, "kind", string(d.Kind)}
	switch d.Kind {
	case refaudit.Journal:
		return append(attrs, "detail", d.Detail)
	case refaudit.Missing:
		return append(attrs, "resourceKeyId", d.ResourceKeyID, "expected", d.Expected.String())
	case refaudit.Extra:
		return append(attrs, "resourceKeyId", d.ResourceKeyID, "stored", d.Stored.String())
	}
	return append(attrs, "resourceKeyId", d.ResourceKeyID, "stored", d.Stored.String(), "expected", d.Expected.String())
}
