package difftest

import (
	"testing"

	"github.com/edfi-dmsc/dmsc/compiler/effschema"
	"github.com/edfi-dmsc/dmsc/compiler/gogen"
	"github.com/edfi-dmsc/dmsc/compiler/load"
	"github.com/edfi-dmsc/dmsc/runtime/engine"
	"github.com/edfi-dmsc/dmsc/runtime/server"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// Subject is a generated server under test: what its generated package
// exports, and the schema files it was generated from.
type Subject struct {
	SchemaFiles []string
	App         server.App
	Register    func(*server.Server)
	// Schema is the package's compiled schema and Codecs its generated
	// code, parallel to Schema.Resources: CompareCodecs and the benchmarks
	// call them directly.
	Schema *spec.Schema
	Codecs []engine.Codec
}

// compiled is what the tests compile from a subject's schema files, as
// the oracle sees them.
type compiled struct {
	set *load.SchemaSet
	// plans are the oracle's plans, compiled afresh (not the generated
	// package's), by project/endpoint.
	plans map[string]*spec.Resource
	// effectiveSchemaHash fingerprints the schema set.
	effectiveSchemaHash string
	// codecs are the subject's generated codecs by project/endpoint.
	codecs map[string]*engine.Codec
}

// compile loads subject's schema files and compiles the oracle's plans.
func compile(t testing.TB, subject Subject) compiled {
	t.Helper()
	set, _, err := effschema.LoadFiles(subject.SchemaFiles...)
	if err != nil {
		t.Fatal(err)
	}
	schema, err := gogen.Plans(subject.SchemaFiles...)
	if err != nil {
		t.Fatal(err)
	}
	c := compiled{set: set, plans: map[string]*spec.Resource{}, effectiveSchemaHash: schema.EffectiveSchemaHash, codecs: map[string]*engine.Codec{}}
	for _, res := range schema.Resources {
		c.plans[res.Label()] = res
	}
	for i, res := range subject.Schema.Resources {
		c.codecs[res.Label()] = &subject.Codecs[i]
	}
	return c
}

// corpus builds the corpus of the schema set.
func (c compiled) corpus(t testing.TB) *Corpus {
	t.Helper()
	corpus, err := Build(c.set, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	return corpus
}
