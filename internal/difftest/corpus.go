package difftest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"

	"github.com/edfi-dmsc/dmsc/compiler/fake"
	"github.com/edfi-dmsc/dmsc/compiler/jsonx"
	"github.com/edfi-dmsc/dmsc/compiler/load"
	"github.com/edfi-dmsc/dmsc/runtime/server"
	"github.com/google/uuid"
)

// Request is one write request: what a client sends.
type Request struct {
	Resource string // project/endpoint, "ed-fi/schools"
	Method   string // http.MethodPost or http.MethodPut
	// ID is the document id in a PUT's URL.
	ID   uuid.UUID
	Body []byte
	// Limits are the deployment's write guardrails (zero: the defaults).
	Limits server.WriteLimits
}

// Case is one request of the corpus.
type Case struct {
	Request
	// Name says what the case tests: "valid/seed1#0",
	// "type:$.addresses[0].city=number", "raw:empty body".
	Name string
	// Set is the index in Corpus.Sets of the generated documents the case
	// belongs to: its references point at them.
	Set int
	// Base marks the valid document the resource's derived cases start
	// from; the corpus's PUTs target it (see baseID).
	Base bool
}

// validPrefix starts the names of the cases that are generated documents.
const validPrefix = "valid/"

// baseID is the id the corpus's PUTs of resource carry, in the URL and in
// the body: a placeholder for the id the server gave the resource's Base
// document, which the runner substitutes.
func baseID(resource string) uuid.UUID {
	return uuid.NewSHA1(uuid.NameSpaceURL, []byte(resource))
}

// DocSet is the output of one compiler/fake run: documents in load order,
// each reference pointing at an earlier document.
type DocSet struct {
	Name      string
	Documents []Document
}

// Document is one generated document.
type Document struct {
	Resource string // project/endpoint
	Body     []byte
}

// Corpus is the differential test input of a schema set.
type Corpus struct {
	Sets []DocSet
	// Cases are the valid documents of every set in load order (each set
	// after the previous one), then per resource (in Resources order) the
	// derived cases.
	Cases []Case
	// Queries are GET many of every resource, to send once the cases
	// have run.
	Queries []Query
	// Resources are the served resources (project/endpoint), sorted.
	Resources []string

	schemas map[string]*resourceSchema
}

// Options say which documents the corpus starts from.
type Options struct {
	// Runs are the compiler/fake runs; each gives one DocSet.
	Runs []fake.Options
	// Mutate is the index in Runs of the run whose first document of each
	// resource the mutations derive from: the most complete documents.
	Mutate int
}

// DefaultOptions are three runs: two documents of every resource with every
// optional member present, two with most, one with the required members
// only; mutations derive from the first.
func DefaultOptions() Options {
	return Options{Runs: []fake.Options{
		{Seed: 1, Count: 2, OptionalShare: 1},
		{Seed: 2, Count: 2},
		{Seed: 3, Count: 1, OptionalShare: 1e-9},
	}}
}

// Build generates the corpus of set: the documents of every run as valid
// cases, then per resource the mutations of its first document in
// opts.Mutate, the raw-body cases, PUTs and guardrail cases. The same set and options give the
// same corpus.
func Build(set *load.SchemaSet, opts Options) (*Corpus, error) {
	schemas, err := schemasOf(set)
	if err != nil {
		return nil, err
	}
	c := &Corpus{schemas: schemas}
	for r := range schemas {
		c.Resources = append(c.Resources, r)
	}
	slices.Sort(c.Resources)
	bases := map[string]*jsonx.Value{}
	for si, run := range opts.Runs {
		ds, err := generate(set, run)
		if err != nil {
			return nil, err
		}
		perResource := map[string]int{}
		for _, d := range ds.Documents {
			n := perResource[d.Resource]
			perResource[d.Resource]++
			c.Cases = append(c.Cases, Case{
				Request: Request{Resource: d.Resource, Method: http.MethodPost, Body: d.Body},
				Name:    fmt.Sprintf("%s%s#%d", validPrefix, ds.Name, n), Set: si, Base: si == opts.Mutate && n == 0,
			})
			if si == opts.Mutate && n == 0 {
				if bases[d.Resource], err = jsonx.Parse(d.Body); err != nil {
					return nil, fmt.Errorf("%s: %w", d.Resource, err)
				}
			}
		}
		c.Sets = append(c.Sets, ds)
	}
	for _, r := range c.Resources {
		if base := bases[r]; base != nil {
			m := &mutator{rs: schemas[r], base: base, set: opts.Mutate}
			m.all()
			c.Cases = append(c.Cases, m.cases...)
			c.Queries = append(c.Queries, queries(schemas[r], base)...)
		}
	}
	return c, nil
}

// generate runs compiler/fake.
func generate(set *load.SchemaSet, opts fake.Options) (DocSet, error) {
	var buf bytes.Buffer
	if _, err := fake.Generate(set, opts, &buf); err != nil {
		return DocSet{}, fmt.Errorf("fake documents (seed %d): %w", opts.Seed, err)
	}
	ds := DocSet{Name: fmt.Sprintf("seed%d", opts.Seed)}
	sc := bufio.NewScanner(&buf)
	sc.Buffer(nil, 1<<26)
	for sc.Scan() {
		var line struct {
			Project  string          `json:"project"`
			Resource string          `json:"resource"`
			Body     json.RawMessage `json:"body"`
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			return DocSet{}, err
		}
		ds.Documents = append(ds.Documents, Document{Resource: line.Project + "/" + line.Resource, Body: line.Body})
	}
	return ds, sc.Err()
}

// CasesOf returns the cases of one resource.
func (c *Corpus) CasesOf(resource string) []Case {
	var out []Case
	for _, k := range c.Cases {
		if k.Resource == resource {
			out = append(out, k)
		}
	}
	return out
}
