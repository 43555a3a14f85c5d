package db

import (
	"testing"
	"time"
)

// TestBackoffIsJitteredAndCapped: deadlocks and serialization failures back
// off exponentially within [0.5, 1.5) of the nominal delay, capped; lost
// races retry at once.
func TestBackoffIsJitteredAndCapped(t *testing.T) {
	p := RetryPolicy{BaseDelay: 100 * time.Millisecond, MaxDelay: 300 * time.Millisecond}
	for n, nominal := range map[int]time.Duration{1: 100 * time.Millisecond, 2: 200 * time.Millisecond, 3: 300 * time.Millisecond, 30: 300 * time.Millisecond} {
		seen := map[time.Duration]bool{}
		for range 50 {
			d := p.backoff(CodeDeadlock, n)
			if d < nominal/2 || d >= nominal*3/2 {
				t.Fatalf("backoff(%d) = %v, want in [%v, %v)", n, d, nominal/2, nominal*3/2)
			}
			seen[d] = true
		}
		if len(seen) < 2 {
			t.Errorf("backoff(%d) is not jittered: %v", n, seen)
		}
	}
	if d := p.backoff(CodeUniqueViolation, 2); d != 0 {
		t.Errorf("a lost race backs off %v, want 0", d)
	}
}
