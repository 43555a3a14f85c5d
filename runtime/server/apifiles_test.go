package server

import (
	"bytes"
	"compress/gzip"
	"testing"
	"testing/fstest"

	"github.com/edfi-dmsc/dmsc/runtime/apidocs"
)

func gzipped(t *testing.T, s string) *fstest.MapFile {
	t.Helper()
	var b bytes.Buffer
	z := gzip.NewWriter(&b)
	if _, err := z.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return &fstest.MapFile{Data: b.Bytes()}
}

// embeddedAPI is the api/ directory of a generated package, minimal.
func embeddedAPI(t *testing.T) fstest.MapFS {
	doc := func(name string) string { return apidocs.Dir + "/" + name + apidocs.CompressedSuffix }
	return fstest.MapFS{
		doc(apidocs.ResourcesFile):        gzipped(t, `{"servers": [{"url": "urn:dmsc:server-url"}]}`),
		doc(apidocs.DescriptorsFile):      gzipped(t, `{}`),
		doc(apidocs.DiscoveryFile):        gzipped(t, `{}`),
		doc(apidocs.DependenciesJSONFile): gzipped(t, `[{"resource": "/ed-fi/schools", "order": 2, "operations": ["Create"]}]`),
		doc(apidocs.DependenciesGraphMLFile): gzipped(t, `<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph id="EdFi Dependencies" edgedefault="directed">
<node id="/ed-fi/a"/><node id="/ed-fi/b"/><edge source="/ed-fi/a" target="/ed-fi/b"/></graph></graphml>`),
	}
}

func TestLoadAPIReadsTheEmbeddedDescription(t *testing.T) {
	api, err := LoadAPI(embeddedAPI(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	if string(api.ResourcesSpec) != `{"servers": [{"url": "urn:dmsc:server-url"}]}` || api.ChangeQueriesSpec != nil || api.XSD != nil {
		t.Errorf("api = %+v", api)
	}
	d := api.Dependencies
	if len(d.Order) != 1 || d.Order[0].Resource != "/ed-fi/schools" || d.Order[0].Order != 2 ||
		d.Graph.ID != "EdFi Dependencies" || len(d.Graph.Nodes) != 2 || d.Graph.Edges[0] != (DependencyEdge{"/ed-fi/a", "/ed-fi/b"}) {
		t.Errorf("dependencies = %+v", d)
	}
}

func TestLoadAPIRefusesBrokenFiles(t *testing.T) {
	missing := embeddedAPI(t)
	delete(missing, apidocs.Dir+"/"+apidocs.DiscoveryFile+apidocs.CompressedSuffix)
	notGzip := embeddedAPI(t)
	notGzip[apidocs.Dir+"/"+apidocs.ResourcesFile+apidocs.CompressedSuffix] = &fstest.MapFile{Data: []byte("{}")}
	badGraph := embeddedAPI(t)
	badGraph[apidocs.Dir+"/"+apidocs.DependenciesGraphMLFile+apidocs.CompressedSuffix] = gzipped(t, "<graphml><graph")
	for name, fsys := range map[string]fstest.MapFS{"missing document": missing, "not gzip": notGzip, "bad GraphML": badGraph} {
		if _, err := LoadAPI(fsys, nil); err == nil {
			t.Errorf("%s: LoadAPI accepted it", name)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("MustLoadAPI did not panic")
		}
	}()
	MustLoadAPI(missing, nil)
}
