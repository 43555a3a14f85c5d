package server

import (
	"context"
	"log/slog"
	"net/http/httptest"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/edfi-dmsc/dmsc/runtime/apidocs"
)

// browserSpec is an OpenAPI document shaped like the compiled ones: one
// collection GET per resource, optional paging parameters, the OAuth
// scheme required (Try it out sends the request anyway).
func browserSpec(title, tag, operationID, path string) []byte {
	return []byte(`{
  "openapi": "3.0.1",
  "info": {"title": "` + title + `", "version": "5.2.0"},
  "servers": [{"url": "` + apidocs.ServerURLPlaceholder + `"}],
  "paths": {
    "` + path + `": {
      "get": {
        "tags": ["` + tag + `"],
        "summary": "Retrieves specific resources using the resource's property values (using the \"Get\" pattern).",
        "operationId": "` + operationID + `",
        "parameters": [
          {"name": "offset", "in": "query", "schema": {"type": "integer"}},
          {"name": "limit", "in": "query", "schema": {"type": "integer"}}
        ],
        "responses": {"200": {"description": "The requested resource was successfully retrieved."}}
      }
    }
  },
  "components": {"securitySchemes": {"oauth2_client_credentials": {"type": "oauth2",
    "flows": {"clientCredentials": {"tokenUrl": "` + apidocs.TokenURLPlaceholder + `", "scopes": {}}}}}},
  "security": [{"oauth2_client_credentials": []}]
}`)
}

// chromium finds Debian's chromium (installed by .ci/run). Without it the
// test is skipped, except in CI, where it fails.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium is not installed (.ci/run installs Debian's chromium package)")
	}
	t.Skip("chromium is not installed")
	return ""
}

// TestSwaggerUIInHeadlessChromium drives /swagger/ in headless Chromium:
// the page lists the Resources document's resources, the Descriptors
// document can be selected, and "Try it out" → "Execute" on a descriptor
// GET answers 200 from the server. Any uncaught script error fails it.
func TestSwaggerUIInHeadlessChromium(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	browser := chromium(t)
	app := testApp
	app.API.ResourcesSpec = browserSpec("Ed-Fi Resources", "students", "getStudents", "/ed-fi/students")
	app.API.DescriptorsSpec = browserSpec("Ed-Fi Descriptors", "gradeLevelDescriptors", "getGradeLevelDescriptors", "/ed-fi/gradeLevelDescriptors")
	s := New(Config{PathBase: "api"}, app, nil, nil, slog.New(slog.DiscardHandler))
	s.Register("ed-fi", "students", &fakeResource{})
	descriptors := &fakeResource{}
	s.Register("ed-fi", "gradeLevelDescriptors", descriptors)
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(browser), chromedp.NoSandbox, chromedp.DisableGPU)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(allocCtx)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	defer cancelTimeout()

	// Script exceptions and browser errors (a missing asset, a script
	// refused for its type) fail the test.
	var (
		mu       sync.Mutex
		problems []string
	)
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleException || m.Type == chromedp.ConsoleError {
				mu.Lock()
				problems = append(problems, m.Text)
				mu.Unlock()
			}
		}
	}()
	browserProblems := func() []string {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(problems)
	}

	// Under the path base, as a deployment behind /api would serve it.
	if err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/api/swagger"),
		chromedp.WaitVisible(chromedp.CSS(`#operations-tag-students`)),
	); err != nil {
		t.Fatalf("resources page: %v (browser errors: %v)", err, browserProblems())
	}
	if title, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`.info .title`))); err != nil || !strings.Contains(title, "Ed-Fi Resources") {
		t.Errorf("page title %q %v", title, err)
	}

	operation := `#operations-gradeLevelDescriptors-getGradeLevelDescriptors`
	if err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/api/swagger/?urls.primaryName=Descriptors"),
		chromedp.WaitVisible(chromedp.CSS(operation)),
		chromedp.Click(chromedp.CSS(operation+` .opblock-summary`)),
		chromedp.Click(chromedp.CSS(operation+` .try-out__btn`)),
		chromedp.Click(chromedp.CSS(operation+` .execute`)),
		chromedp.WaitVisible(chromedp.CSS(operation+` .live-responses-table tr.response .response-col_status`)),
	); err != nil {
		t.Fatalf("descriptor try-it-out: %v (browser errors: %v)", err, browserProblems())
	}
	status, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(operation+` .live-responses-table tr.response .response-col_status`)))
	if err != nil || strings.TrimSpace(status) != "200" {
		t.Errorf("Try it out answered %q %v", status, err)
	}
	requestURL, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(operation+` .request-url pre`)))
	if want := ts.URL + "/api/data/ed-fi/gradeLevelDescriptors"; err != nil || !strings.HasPrefix(strings.TrimSpace(requestURL), want) {
		t.Errorf("request URL %q %v, want %s…", requestURL, err, want)
	}
	if len(descriptors.calls) != 1 || !strings.HasPrefix(descriptors.calls[0], "query") {
		t.Errorf("descriptor handler calls %v", descriptors.calls)
	}
	if p := browserProblems(); len(p) > 0 {
		t.Errorf("browser errors: %v", p)
	}
}
