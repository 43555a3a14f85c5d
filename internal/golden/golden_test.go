package golden

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// recorder is a testing.TB that keeps the failure Compare reports.
type recorder struct {
	testing.TB
	failure string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) { r.failure = fmt.Sprintf(format, args...) }

// TestCompare rewrites a golden under update, then passes the same output
// and names the first differing line of another.
func TestCompare(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.golden")
	Compare(t, path, []byte("a\nb\nc\n"), true)
	if got, err := os.ReadFile(path); err != nil || string(got) != "a\nb\nc\n" {
		t.Fatalf("update wrote %q, %v; want the output", got, err)
	}
	r := &recorder{TB: t}
	Compare(r, path, []byte("a\nb\nc\n"), false)
	if r.failure != "" {
		t.Errorf("the same output failed: %s", r.failure)
	}
	Compare(r, path, []byte("a\nB\nc\n"), false)
	if !strings.Contains(r.failure, `differs at line 2: got "B", want "b"`) {
		t.Errorf("a changed line failed with %q; want its line named", r.failure)
	}
}
