package roundtrip

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/edfi-dmsc/dmsc/compiler/ddl"
	"github.com/edfi-dmsc/dmsc/compiler/ddl/modelddl"
	"github.com/edfi-dmsc/dmsc/compiler/effschema"
	"github.com/edfi-dmsc/dmsc/compiler/gogen"
	"github.com/edfi-dmsc/dmsc/compiler/load"
	"github.com/edfi-dmsc/dmsc/compiler/provision"
)

// Built is a generated server compiled by the go tool.
type Built struct {
	Binary    string        // path of the server executable
	Resources int           // resources in the generated package
	Generate  time.Duration // plans + Go source generation + writing the files
	Build     time.Duration // go build of the server command
}

// generatedModule is the module path of the throw-away module the server is
// generated into; the module links with this checkout's runtime through a
// replace directive (gogen.ModuleFiles).
const generatedModule = "dmsc.test/generated"

// BuildServer generates the server for schemaFiles as a module of its own
// in dir (which must be empty or absent), as `dmsc generate --module
// --dmsc-source` writes it, and builds its command with `go build` in
// OfflineBuildEnv. repoRoot is the directory holding this repository's
// go.mod. The module lives outside the repository, so `./...` patterns and
// git never see it.
func BuildServer(ctx context.Context, repoRoot, dir string, schemaFiles ...string) (*Built, error) {
	const pkg, command = "apiserver", "apiserver"
	start := time.Now()
	schema, api, err := gogen.Compile(schemaFiles, nil)
	if err != nil {
		return nil, fmt.Errorf("compiling plans for %v: %w", schemaFiles, err)
	}
	files, err := gogen.Generate(schema, gogen.Options{Package: pkg, ImportPath: generatedModule, Command: command, API: api})
	if err != nil {
		return nil, fmt.Errorf("generating Go for %v: %w", schemaFiles, err)
	}
	module, err := gogen.ModuleFiles(generatedModule, repoRoot)
	if err != nil {
		return nil, err
	}
	maps.Copy(files, module)
	if err := gogen.WriteDir(dir, files); err != nil {
		return nil, err
	}
	b := &Built{Binary: filepath.Join(dir, "bin", command), Resources: len(schema.Resources), Generate: time.Since(start)}

	buildStart := time.Now()
	cmd := exec.CommandContext(ctx, "go", "build", "-o", b.Binary, "./cmd/"+command)
	cmd.Dir = dir
	cmd.Env = OfflineBuildEnv()
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("go build of the generated server in %s: %w\n%s", dir, err, out)
	}
	b.Build = time.Since(buildStart)
	return b, nil
}

// OfflineBuildEnv is the environment in which a generated module must
// build: the default checksum settings (sum.golang.org, nothing exempted
// from it), no workspace, no module proxy and no network (GOPROXY=off: only
// the module cache, which this repository's own build filled), and go.mod
// and go.sum taken as they are (-mod=readonly). A checksum missing from the
// generated go.sum, or a requirement missing from its go.mod, fails the
// build instead of being looked up or added.
func OfflineBuildEnv() []string {
	env := []string{"GOWORK=off", "GOPROXY=off", "GOFLAGS=-mod=readonly"}
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch name {
		case "GOWORK", "GOPROXY", "GOFLAGS", "GOSUMDB", "GONOSUMDB", "GOPRIVATE", "GONOPROXY", "GOINSECURE":
		default:
			env = append(env, kv)
		}
	}
	return env
}

// Server is a running generated server process.
type Server struct {
	BaseURL string // http://127.0.0.1:port
	cmd     *exec.Cmd
	logs    *lockedBuffer
	done    chan error // receives the process's exit
	stopped bool
}

// ProvisionPgsql loads the schema files, compiles their PostgreSQL DDL and
// provisions the existing empty database at connString with it. It returns
// the loaded schema set, from which callers generate documents, and how long
// the provisioning itself took (compilation excluded).
func ProvisionPgsql(ctx context.Context, connString string, schemaFiles ...string) (*load.SchemaSet, time.Duration, error) {
	set, info, err := effschema.LoadFiles(schemaFiles...)
	if err != nil {
		return nil, 0, err
	}
	script, _, err := modelddl.Script(set, info, ddl.Pgsql, true)
	if err != nil {
		return nil, 0, err
	}
	start := time.Now()
	if _, err := provision.Provision(ctx, ddl.Pgsql, connString, script, info, provision.Options{Timeout: 5 * time.Minute}); err != nil {
		return nil, 0, fmt.Errorf("provisioning the database for %v: %w", schemaFiles, err)
	}
	return set, time.Since(start), nil
}

// StartServer runs the server binary against the database at connString
// on a free loopback port and waits until its health check answers 200.
func StartServer(ctx context.Context, binary, connString string, extraArgs ...string) (*Server, error) {
	addr, err := freeLoopbackAddr()
	if err != nil {
		return nil, err
	}
	logs := &lockedBuffer{}
	args := append([]string{"--connection-string", connString, "--listen", addr, "--log-level", "warn", "--auth=off"}, extraArgs...)
	cmd := exec.Command(binary, args...)
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w", binary, err)
	}
	s := &Server{BaseURL: "http://" + addr, cmd: cmd, logs: logs, done: make(chan error, 1)}
	go func() { s.done <- cmd.Wait() }()

	client := &http.Client{Timeout: 2 * time.Second}
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := client.Get(s.BaseURL + "/health")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s, nil
			}
		}
		select {
		case werr := <-s.done:
			return nil, fmt.Errorf("the server exited before it was ready (%v); its log:\n%s", werr, logs.String())
		case <-ctx.Done():
			s.Stop()
			return nil, ctx.Err()
		case <-time.After(10 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			s.Stop()
			return nil, fmt.Errorf("the server at %s was not healthy within 30s (last error %v); its log:\n%s", s.BaseURL, err, logs.String())
		}
	}
}

// Logs returns what the server wrote so far.
func (s *Server) Logs() string { return s.logs.String() }

// Stop interrupts the server and waits for it to exit, killing it when it
// does not stop within ten seconds.
func (s *Server) Stop() {
	if s.stopped {
		return
	}
	s.stopped = true
	_ = s.cmd.Process.Signal(os.Interrupt)
	select {
	case <-s.done:
	case <-time.After(10 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.done
	}
}

func freeLoopbackAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	addr := ln.Addr().String()
	if err := ln.Close(); err != nil {
		return "", err
	}
	return addr, nil
}

// lockedBuffer collects a child process's output; the process writes while
// the test may read.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return strings.TrimSpace(b.buf.String())
}
