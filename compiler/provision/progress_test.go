package provision

import (
	"strings"
	"testing"
)

func TestProgressPrinterThrottlesApply(t *testing.T) {
	var b strings.Builder
	p := ProgressPrinter(&b)
	p(Progress{Stage: StagePreflight})
	for i := 1; i <= 100; i++ {
		p(Progress{Stage: StageApply, Done: i, Total: 100})
	}
	p(Progress{Stage: StageCommit})
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 13 || lines[0] != "preflight" || lines[1] != "apply 1/100 (1%)" || lines[11] != "apply 100/100 (100%)" || lines[12] != "commit" {
		t.Errorf("progress output:\n%s", b.String())
	}
}
