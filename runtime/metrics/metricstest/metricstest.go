// Package metricstest reads a *metrics.Metrics back in tests.
package metricstest

import (
	"testing"

	"github.com/edfi-dmsc/dmsc/runtime/metrics"
)

// Series is the total of the series of one family whose labels include
// the given name/value pairs: Value sums counters and gauges, Count and Sum
// sum histogram observations.
type Series struct {
	Value float64
	Count uint64
	Sum   float64
}

// Read gathers m and totals the series of family matching labels (name,
// value, name, value, ...).
func Read(t testing.TB, m *metrics.Metrics, family string, labels ...string) Series {
	t.Helper()
	mfs, err := m.Registry().Gather()
	if err != nil {
		t.Fatal(err)
	}
	var s Series
	for _, mf := range mfs {
		if mf.GetName() != family {
			continue
		}
	series:
		for _, mt := range mf.GetMetric() {
			have := map[string]string{}
			for _, l := range mt.GetLabel() {
				have[l.GetName()] = l.GetValue()
			}
			for i := 0; i+1 < len(labels); i += 2 {
				if have[labels[i]] != labels[i+1] {
					continue series
				}
			}
			s.Value += mt.GetCounter().GetValue() + mt.GetGauge().GetValue()
			s.Count += mt.GetHistogram().GetSampleCount()
			s.Sum += mt.GetHistogram().GetSampleSum()
		}
	}
	return s
}
