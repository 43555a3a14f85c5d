package difftest

import (
	"path/filepath"
	"testing"

	defaultschema "github.com/edfi-dmsc/dmsc/generated/default"
	"github.com/edfi-dmsc/dmsc/internal/refdata"
)

// TestBundled runs the differential test over the bundled schema and its
// checked-in generated server.
func TestBundled(t *testing.T) {
	Differential(t, bundled(t))
}

// TestBundledCodecs compares the bundled schema's generated write code
// with the oracle in process (see CompareCodecs).
func TestBundledCodecs(t *testing.T) {
	CompareCodecs(t, bundled(t))
}

// bundled is the checked-in generated server of the bundled schema.
func bundled(t testing.TB) Subject {
	dir := filepath.Join(refdata.RepoRoot(t), "schemas", "default")
	return Subject{
		SchemaFiles: []string{filepath.Join(dir, "core.ApiSchema.json"), filepath.Join(dir, "sample.ApiSchema.json")},
		App:         defaultschema.App,
		Register:    defaultschema.Register,
		Schema:      defaultschema.Schema,
		Codecs:      defaultschema.Codecs,
	}
}

// BenchmarkBundled measures the generated code of the bundled schema
// beside the oracle, per document (see BenchmarkCodec).
func BenchmarkBundled(b *testing.B) {
	BenchmarkCodec(b, bundled(b))
}
