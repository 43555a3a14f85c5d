package fake

import (
	"io"
	"testing"
)

// BenchmarkDS32a measures generation alone (300 documents per resource).
func BenchmarkDS32a(b *testing.B) {
	set := loadSet(b, ds32a)
	for b.Loop() {
		if _, err := Generate(set, Options{Count: 300, Seed: 1}, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
