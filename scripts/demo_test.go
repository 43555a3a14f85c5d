// Package scripts holds the tests of the shell scripts beside them.
package scripts

import (
	"context"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// fakeServerEnv makes the test binary stand in for the generated server:
// it waits a moment (a slow start), then listens on --listen until SIGINT.
const fakeServerEnv = "DEMO_TEST_FAKE_SERVER"

func TestMain(m *testing.M) {
	if os.Getenv(fakeServerEnv) != "" {
		fakeServer()
		return
	}
	os.Exit(m.Run())
}

func fakeServer() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	var listen string
	for i, a := range os.Args {
		if a == "--listen" && i+1 < len(os.Args) {
			listen = os.Args[i+1]
		}
	}
	time.Sleep(500 * time.Millisecond)
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		os.Stderr.WriteString("fake server: " + err.Error() + "\n")
		os.Exit(1)
	}
	go func() { _ = http.Serve(ln, http.NotFoundHandler()) }()
	<-ctx.Done()
	os.Exit(0)
}

// demo starts scripts/demo.sh with stand-ins for dmsc and the server, on
// listen, and returns the command and its combined output.
func demo(t *testing.T, listen, server string) (*exec.Cmd, *os.File) {
	t.Helper()
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	dir := t.TempDir()
	dmsc := filepath.Join(dir, "dmsc")
	if err := os.WriteFile(dmsc, []byte("#!/bin/sh\nexit 0\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	out, err := os.Create(filepath.Join(dir, "output"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { out.Close() })
	cmd := exec.Command("bash", "demo.sh")
	cmd.Env = append(os.Environ(), "DMSC="+dmsc, "SERVER="+server, "SCHEMA=core.json", "EXTENSION=ext.json",
		"OUT="+dir, "LISTEN="+listen, "DEVDB="+filepath.Join(dir, "pgdata"), "DEMO_DB=postgres://unused/db",
		fakeServerEnv+"=1")
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	return cmd, out
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func output(t *testing.T, f *os.File) string {
	t.Helper()
	data, err := os.ReadFile(f.Name())
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestDemoBannerAfterBind: the "Try:" banner appears only once the server
// accepts connections, and Ctrl-C (SIGINT) stops the server and the script
// with status 0.
func TestDemoBannerAfterBind(t *testing.T) {
	listen := freeAddr(t)
	cmd, out := demo(t, listen, os.Args[0])
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(output(t, out), "Try:") {
		if time.Now().After(deadline) {
			t.Fatalf("no banner within 30 s:\n%s", output(t, out))
		}
		time.Sleep(10 * time.Millisecond)
	}
	conn, err := net.DialTimeout("tcp", listen, time.Second)
	if err != nil {
		t.Fatalf("banner shown but %s does not accept connections: %v", listen, err)
	}
	conn.Close()
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("after Ctrl-C: %v\n%s", err, output(t, out))
	}
	if conn, err := net.DialTimeout("tcp", listen, time.Second); err == nil {
		conn.Close()
		t.Error("the server still listens after Ctrl-C")
	}
}

// TestDemoBusyPort: on an address already in use the demo says so and
// exits 1 without a banner and without starting anything.
func TestDemoBusyPort(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	cmd, out := demo(t, ln.Addr().String(), os.Args[0])
	err = cmd.Wait()
	text := output(t, out)
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Errorf("exit %v, want 1", err)
	}
	if !strings.Contains(text, ln.Addr().String()+" is already in use") || strings.Contains(text, "Try:") {
		t.Errorf("output:\n%s", text)
	}
}

// TestDemoServerFailsToStart: a server that exits at start-up gets no
// banner; the demo exits with the server's status.
func TestDemoServerFailsToStart(t *testing.T) {
	failing := filepath.Join(t.TempDir(), "server")
	if err := os.WriteFile(failing, []byte("#!/bin/sh\necho 'listening: permission denied' >&2\nexit 3\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	cmd, out := demo(t, freeAddr(t), failing)
	err := cmd.Wait()
	text := output(t, out)
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 3 {
		t.Errorf("exit %v, want 3", err)
	}
	if strings.Contains(text, "Try:") || !strings.Contains(text, "the server did not start") {
		t.Errorf("output:\n%s", text)
	}
}
