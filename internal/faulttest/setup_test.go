package faulttest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/edfi-dmsc/dmsc/compiler/fake"
	"github.com/edfi-dmsc/dmsc/compiler/load"
	"github.com/edfi-dmsc/dmsc/internal/apiload"
	"github.com/edfi-dmsc/dmsc/internal/pgcluster"
	"github.com/edfi-dmsc/dmsc/internal/pgcluster/clustertest"
	"github.com/edfi-dmsc/dmsc/internal/roundtrip"
)

const repoRoot = "../.."

var schemaFiles = []string{
	filepath.Join(repoRoot, "schemas/default/core.ApiSchema.json"),
	filepath.Join(repoRoot, "schemas/default/sample.ApiSchema.json"),
}

var (
	buildOnce   sync.Once
	buildDir    string
	builtServer string
	buildErr    error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// serverBinary builds the committed bundled server's command once per test
// run, into a temporary directory.
func serverBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		if buildDir, buildErr = os.MkdirTemp("", "faulttest-"); buildErr != nil {
			return
		}
		builtServer = filepath.Join(buildDir, "dmsc-default-server")
		cmd := exec.Command("go", "build", "-o", builtServer, "./generated/default/cmd/dmsc-default-server")
		cmd.Dir = repoRoot
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build of the bundled server: %w\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return builtServer
}

// provisionedCluster starts a private cluster and provisions its postgres
// database for the bundled schema; it returns the cluster, the schema set
// and the database URL.
func provisionedCluster(t *testing.T) (*pgcluster.Cluster, *load.SchemaSet, string) {
	t.Helper()
	c := clustertest.New(t, pgcluster.Options{})
	dbURL := c.URL("postgres")
	set, _, err := roundtrip.ProvisionPgsql(context.Background(), dbURL, schemaFiles...)
	if err != nil {
		t.Fatal(err)
	}
	return c, set, dbURL
}

// documents are count valid documents per resource of the bundled schema,
// in load order (dmsc fake).
func documents(t *testing.T, set *load.SchemaSet, count int) []apiload.Line {
	t.Helper()
	var buf bytes.Buffer
	if _, err := fake.Generate(set, fake.Options{Count: count, Seed: 1}, &buf); err != nil {
		t.Fatal(err)
	}
	lines, err := apiload.Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	return lines
}

// serverProcess is the bundled server running as a child process.
type serverProcess struct {
	base    string // http://127.0.0.1:port
	cmd     *exec.Cmd
	exited  chan struct{}
	logPath string
}

// startServer runs the server against dbURL on a free loopback port and
// waits until it serves its root (discovery needs no database, so this
// works while the database is down).
func startServer(t *testing.T, binary, dbURL string) *serverProcess {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	logFile, err := os.CreateTemp(t.TempDir(), "server-*.log")
	if err != nil {
		t.Fatal(err)
	}
	defer logFile.Close() // the child has its own copy
	cmd := exec.Command(binary, "--connection-string", dbURL, "--listen", addr, "--log-level", "warn", "--auth=off")
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &serverProcess{base: "http://" + addr, cmd: cmd, exited: make(chan struct{}), logPath: logFile.Name()}
	go func() {
		_ = cmd.Wait()
		close(s.exited)
	}()
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("server log (%s):\n%s", s.base, s.log())
		}
		s.stop()
	})
	client := &http.Client{Timeout: time.Second}
	deadline := time.Now().Add(30 * time.Second)
	for {
		if resp, err := client.Get(s.base + "/"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s
			}
		}
		if !s.alive() {
			t.Fatalf("the server exited at start-up:\n%s", s.log())
		}
		if time.Now().After(deadline) {
			t.Fatalf("the server did not answer on %s within 30 s:\n%s", s.base, s.log())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (s *serverProcess) alive() bool {
	select {
	case <-s.exited:
		return false
	default:
		return true
	}
}

// kill sends SIGKILL and waits for the process to be gone.
func (s *serverProcess) kill() {
	_ = s.cmd.Process.Kill()
	<-s.exited
}

// stop interrupts the server (graceful shutdown), killing it after 10 s.
func (s *serverProcess) stop() {
	if !s.alive() {
		return
	}
	_ = s.cmd.Process.Signal(os.Interrupt)
	select {
	case <-s.exited:
	case <-time.After(10 * time.Second):
		s.kill()
	}
}

func (s *serverProcess) log() string {
	data, _ := os.ReadFile(s.logPath)
	return strings.TrimSpace(string(data))
}

// response is what a test keeps of an answer.
type response struct {
	status     int
	retryAfter string
	body       []byte
	location   string
}

// call sends one request; a transport error is returned as is.
func call(ctx context.Context, client *http.Client, method, target string, body []byte) (response, error) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, target, rd)
	if err != nil {
		return response{}, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := client.Do(req)
	if err != nil {
		return response{}, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	return response{status: resp.StatusCode, retryAfter: resp.Header.Get("Retry-After"), body: data, location: resp.Header.Get("Location")}, err
}

// locationPath is the path of a Location header (absolute or relative).
func locationPath(location string) string {
	u, err := url.Parse(location)
	if err != nil {
		return location
	}
	return u.Path
}

// isProblem reports whether body is problem details with the given status.
func isProblem(body []byte, status int) bool {
	var p struct {
		Type   string `json:"type"`
		Status int    `json:"status"`
	}
	return json.Unmarshal(body, &p) == nil && p.Type != "" && p.Status == status
}
