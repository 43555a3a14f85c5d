package engine_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/compiler/fake"
	"github.com/edfi-dmsc/dmsc/compiler/load"
	"github.com/edfi-dmsc/dmsc/internal/refdata"
	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/engine"
	"github.com/edfi-dmsc/dmsc/runtime/etag"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/google/uuid"
)

// env is a provisioned database for a schema set with its plans.
type env struct {
	provisioned
	writer *engine.Writer
}

// newEnv compiles the schema files, provisions a throw-away database with
// the real DDL and opens a pool on it.
func newEnv(t testing.TB, files ...string) *env {
	t.Helper()
	return envOf(provisionSchema(t, files...))
}

// envOf is the environment writing p's resources with p's codecs.
func envOf(p provisioned) *env {
	return &env{provisioned: p, writer: p.newWriter()}
}

// bundledEnv is newEnv for the bundled schema, whose documents the writer
// checks and flattens with the generated code of generated/default, as the
// generated server does.
func bundledEnv(t testing.TB) *env {
	repo := refdata.RepoRoot(t)
	p := provisionSchema(t, filepath.Join(repo, "schemas/default/core.ApiSchema.json"), filepath.Join(repo, "schemas/default/sample.ApiSchema.json"))
	p.useBundledCodecs(t)
	return envOf(p)
}

// fakeDoc is one generated document.
type fakeDoc struct {
	Project  string          `json:"project"`
	Resource string          `json:"resource"`
	Body     json.RawMessage `json:"body"`
}

// fakeDocs generates count documents per resource, in load order.
func fakeDocs(t testing.TB, set *load.SchemaSet, count int) []fakeDoc {
	t.Helper()
	var buf bytes.Buffer
	if _, err := fake.Generate(set, fake.Options{Count: count, Seed: 7}, &buf); err != nil {
		t.Fatal(err)
	}
	var docs []fakeDoc
	sc := bufio.NewScanner(&buf)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var d fakeDoc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	return docs
}

// post upserts body and counts its round trips.
func (e *env) post(t testing.TB, res *spec.Resource, body []byte) (engine.WriteResult, int64, error) {
	t.Helper()
	ctx, rt := db.WithRoundTrips(context.Background())
	out, err := e.writer.UpsertDocument(ctx, res, body, etag.Write{})
	return out, rt.Count(), err
}

// problemJSON renders a problem-details error for failure messages.
func problemJSON(err error) string {
	var p *problem.Details
	if errors.As(err, &p) {
		return string(p.JSON())
	}
	return ""
}

// withID is a PUT body of document id: body with an "id" member naming id
// added first, unless it has one (in any case) already.
func withID(t testing.TB, id uuid.UUID, body []byte) []byte {
	t.Helper()
	var members map[string]json.RawMessage
	if err := json.Unmarshal(body, &members); err != nil {
		t.Fatalf("PUT body %s: %v", body, err)
	}
	for k := range members {
		if strings.EqualFold(k, "id") {
			return body
		}
	}
	open := bytes.IndexByte(body, '{')
	sep := ","
	if len(members) == 0 {
		sep = ""
	}
	return slices.Concat(body[:open+1], []byte(`"id":"`+id.String()+`"`+sep), body[open+1:])
}
