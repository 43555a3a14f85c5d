// Package pgcluster runs private, throw-away PostgreSQL clusters: tests that
// must stop, restart or kill PostgreSQL, and `make demo` on a machine where
// no server runs, use one instead of the machine's shared server.
//
// A cluster is a data directory made by initdb (superuser "postgres", trust
// authentication, UTF-8, no locale) and one postmaster listening on
// 127.0.0.1 on its own port, with its Unix socket inside the data directory
// (or none when that path would be too long for a socket), so it never
// touches /var/run/postgresql or port 5432. Its settings live in
// pgcluster.conf inside the data directory; postmaster output goes to
// postgres.log there.
//
//	c, err := pgcluster.Init("/tmp/x", pgcluster.Options{}) // initdb, or reuse
//	err = c.Start(ctx)          // a free port unless Options.Port is set
//	url := c.URL("postgres")    // postgres://postgres@127.0.0.1:PORT/postgres?sslmode=disable
//	err = c.Stop(ctx)           // fast shutdown; Start again keeps the port
//	err = c.Kill()              // SIGKILL to the postmaster and its backends
//	err = c.Remove(ctx)         // stop and delete the directory
//
// Tests use pgcluster/clustertest, which does all of this per test.
//
// Binaries: the newest /usr/lib/postgresql/N/bin with N >= 15 (Debian and
// Ubuntu packages), else initdb and postgres on PATH.
//
// Root: initdb and postgres refuse to run as root, so when this process is
// root they run as the OS user "postgres" (it must exist; the PostgreSQL
// server packages create it): the data directory is created and handed to
// that user, and every directory above it must be searchable by it (/tmp
// is; /root is not).
//
// Life time: by default the postmaster is a child of this process, in its
// own process group, and on Linux it receives SIGINT (fast shutdown) when
// this process dies, so a crashed or timed-out test leaves no server
// behind. With Options.Detached it runs in its own session and outlives
// this process (`dmsc devdb start`); a later Open (or Init) of the same
// directory finds it running, Start adopts it and Stop stops it.
//
// Speed: unless Options.Durable is set, initdb skips its final sync and the
// server runs with fsync and full_page_writes off. That loses data only if
// the operating system crashes; a killed postmaster (Kill) recovers every
// committed transaction from the WAL as usual, since synchronous_commit
// stays on.
package pgcluster

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
)

// MinVersion is the oldest PostgreSQL major version used.
const MinVersion = 15

// InstallHint says in one line what to install when no binaries are found.
const InstallHint = "install PostgreSQL 15 or newer: apt-get install postgresql (Debian/Ubuntu), dnf install postgresql-server (Fedora), brew install postgresql@17 (macOS)"

// ErrNoBinaries is returned (wrapped) by FindBinaries when no usable
// initdb and postgres exist.
var ErrNoBinaries = errors.New("PostgreSQL server binaries (initdb, postgres) not found")

// ErrNoUser is returned (wrapped) by Init when this process is root and
// there is no "postgres" OS user to run PostgreSQL as.
var ErrNoUser = errors.New(`running as root, which PostgreSQL refuses, and there is no "postgres" OS user to run it as`)

// Binaries are the PostgreSQL server programs of one installation.
type Binaries struct {
	Initdb   string // path of initdb
	Postgres string // path of postgres
	Version  int    // major version, e.g. 15
}

// versionDirs is where Debian-style packages install each major version.
const versionDirs = "/usr/lib/postgresql/*/bin"

// FindBinaries finds the newest usable installation: /usr/lib/postgresql/N/bin
// (N >= 15, newest first), then PATH.
func FindBinaries() (Binaries, error) {
	dirs, _ := filepath.Glob(versionDirs)
	slices.SortFunc(dirs, func(a, b string) int { return dirVersion(b) - dirVersion(a) })
	var candidates []Binaries
	for _, d := range dirs {
		candidates = append(candidates, Binaries{Initdb: filepath.Join(d, "initdb"), Postgres: filepath.Join(d, "postgres")})
	}
	if initdb, err := exec.LookPath("initdb"); err == nil {
		if postgres, err := exec.LookPath("postgres"); err == nil {
			candidates = append(candidates, Binaries{Initdb: initdb, Postgres: postgres})
		}
	}
	var tooOld []string
	for _, b := range candidates {
		if _, err := os.Stat(b.Initdb); err != nil {
			continue
		}
		v, err := postgresVersion(b.Postgres)
		if err != nil {
			continue
		}
		if v < MinVersion {
			tooOld = append(tooOld, fmt.Sprintf("%s is version %d", b.Postgres, v))
			continue
		}
		b.Version = v
		return b, nil
	}
	detail := "none in " + versionDirs + " or on PATH"
	if len(tooOld) > 0 {
		detail = strings.Join(tooOld, ", ")
	}
	return Binaries{}, fmt.Errorf("%w (%s); %s", ErrNoBinaries, detail, InstallHint)
}

func dirVersion(binDir string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return v
}

var versionPattern = regexp.MustCompile(`\(PostgreSQL\) (\d+)`)

// postgresVersion runs `postgres --version` ("postgres (PostgreSQL) 15.8 ...").
func postgresVersion(postgres string) (int, error) {
	out, err := exec.Command(postgres, "--version").Output()
	if err != nil {
		return 0, err
	}
	m := versionPattern.FindSubmatch(out)
	if m == nil {
		return 0, fmt.Errorf("%s --version: unexpected output %q", postgres, out)
	}
	return strconv.Atoi(string(m[1]))
}

// Options configure a cluster.
type Options struct {
	// Port to listen on; 0 picks a free one at the first start (and again
	// if it was taken meanwhile when an existing directory is reused).
	Port int
	// Durable keeps fsync, full_page_writes and initdb's sync on.
	Durable bool
	// Settings are extra postgresql.conf settings, written verbatim, e.g.
	// {"max_connections": "20", "log_statement": "'all'"}.
	Settings map[string]string
	// Detached lets the server outlive this process (see the package doc).
	Detached bool
}

// Cluster is one data directory and its server.
type Cluster struct {
	// Dir is the data directory (absolute).
	Dir string
	// Port is the TCP port on 127.0.0.1; 0 until the first start of a
	// cluster without a fixed port.
	Port int

	bin        Binaries
	opts       Options
	cred       *credential   // the postgres OS user when this process is root
	portIsMine bool          // the port was picked here, so a clash may pick another
	child      *exec.Cmd     // the postmaster this value started, if still running
	exited     chan struct{} // closed when child has been reaped
}

const (
	confFile    = "pgcluster.conf"
	logFile     = "postgres.log"
	pidFile     = "postmaster.pid"
	versionFile = "PG_VERSION"
	// socketPathMax is the longest Unix socket path (sun_path minus NUL).
	socketPathMax = 107
)

// Init makes a cluster in dir: runs initdb when dir does not exist or is
// empty, or opens the cluster Init made there before (see Open). It does
// not start the server.
func Init(dir string, opts Options) (*Cluster, error) {
	c, existing, err := newCluster(dir, opts)
	if err != nil || existing {
		return c, err
	}
	if err := c.prepareDir(); err != nil {
		return nil, err
	}
	args := []string{"-D", c.Dir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-instructions"}
	if !opts.Durable {
		args = append(args, "--no-sync")
	}
	cmd := exec.Command(c.bin.Initdb, args...)
	cmd.SysProcAttr = userAttr(c.cred)
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("initdb %s: %w\n%s", c.Dir, err, bytes.TrimSpace(out))
	}
	if err := appendInclude(c.Dir); err != nil {
		return nil, err
	}
	c.portIsMine = c.Port == 0
	return c, nil
}

// Open opens the cluster Init made in dir, running or not, and fails when
// dir holds none. The port it last ran on is kept unless opts.Port is set;
// the other settings are those of opts from the next Start on.
func Open(dir string, opts Options) (*Cluster, error) {
	c, existing, err := newCluster(dir, opts)
	if err == nil && !existing {
		err = fmt.Errorf("%s holds no PostgreSQL cluster", c.Dir)
	}
	if err != nil {
		return nil, err
	}
	return c, nil
}

// newCluster finds the binaries and the user to run them as, and opens the
// cluster in dir when there is one (existing).
func newCluster(dir string, opts Options) (c *Cluster, existing bool, err error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, false, err
	}
	bin, err := FindBinaries()
	if err != nil {
		return nil, false, err
	}
	c = &Cluster{Dir: abs, Port: opts.Port, bin: bin, opts: opts}
	if os.Geteuid() == 0 {
		if c.cred, err = postgresUser(); err != nil {
			return nil, false, err
		}
	}
	version, err := readVersion(abs)
	if err != nil || version == 0 {
		return c, false, err
	}
	if version != bin.Version {
		return nil, false, fmt.Errorf("%s holds a PostgreSQL %d cluster but the binaries found are version %d (%s): remove the directory", abs, version, bin.Version, bin.Postgres)
	}
	if c.Port == 0 {
		c.Port, c.portIsMine = readPort(abs), true
	}
	return c, true, nil
}

// Version is the PostgreSQL major version of the binaries.
func (c *Cluster) Version() int { return c.bin.Version }

// readVersion returns the major version of the cluster in dir, 0 when dir
// is missing or empty, and an error when it holds something else.
func readVersion(dir string) (int, error) {
	data, err := os.ReadFile(filepath.Join(dir, versionFile))
	if err == nil {
		return strconv.Atoi(strings.TrimSpace(string(data)))
	}
	entries, rerr := os.ReadDir(dir)
	if errors.Is(rerr, os.ErrNotExist) || (rerr == nil && len(entries) == 0) {
		return 0, nil
	}
	if rerr != nil {
		return 0, rerr
	}
	return 0, fmt.Errorf("%s is neither empty nor a PostgreSQL data directory", dir)
}

// prepareDir creates the data directory (and missing parents, searchable
// by all); as root it hands it to the postgres user and checks that user
// can reach it.
func (c *Cluster) prepareDir() error {
	if err := os.MkdirAll(filepath.Dir(c.Dir), 0o755); err != nil {
		return err
	}
	if err := os.Mkdir(c.Dir, 0o700); err != nil && !errors.Is(err, os.ErrExist) {
		return err
	}
	if c.cred == nil {
		return nil
	}
	if err := os.Chown(c.Dir, int(c.cred.Uid), int(c.cred.Gid)); err != nil {
		return err
	}
	for d := filepath.Dir(c.Dir); ; d = filepath.Dir(d) {
		if !searchable(d, c.cred) {
			return fmt.Errorf("the postgres OS user cannot reach %s (no search permission on %s); choose a data directory under /tmp or another open path", c.Dir, d)
		}
		if d == filepath.Dir(d) {
			return nil
		}
	}
}

// appendInclude makes postgresql.conf read pgcluster.conf last.
func appendInclude(dir string) error {
	f, err := os.OpenFile(filepath.Join(dir, "postgresql.conf"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(f, "\n# Written by dmsc internal/pgcluster.\ninclude_if_exists '%s'\n", confFile)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// writeConf writes pgcluster.conf: the port, loopback only, the socket
// directory, the speed settings and Options.Settings.
func (c *Cluster) writeConf() error {
	settings := map[string]string{
		"listen_addresses":          "'127.0.0.1'",
		"unix_socket_directories":   "''",
		"max_locks_per_transaction": "256", // provisioning a Data Standard core
	}
	if c.Port != 0 {
		settings["port"] = strconv.Itoa(c.Port)
	}
	// The socket must fit in sun_path: ".s.PGSQL.65535" after the directory.
	if len(c.Dir)+len("/.s.PGSQL.65535") <= socketPathMax {
		settings["unix_socket_directories"] = quote(c.Dir)
	}
	if !c.opts.Durable {
		settings["fsync"] = "off"
		settings["full_page_writes"] = "off"
	}
	for k, v := range c.opts.Settings {
		settings[k] = v
	}
	var b strings.Builder
	b.WriteString("# Managed by dmsc internal/pgcluster; rewritten at each start.\n")
	for _, k := range slices.Sorted(maps.Keys(settings)) {
		fmt.Fprintf(&b, "%s = %s\n", k, settings[k])
	}
	path := filepath.Join(c.Dir, confFile)
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		return err
	}
	if c.cred != nil {
		return os.Chown(path, int(c.cred.Uid), int(c.cred.Gid))
	}
	return nil
}

func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// readConf reads the settings of pgcluster.conf.
func readConf(dir string) (map[string]string, error) {
	f, err := os.Open(filepath.Join(dir, confFile))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if k, v, ok := strings.Cut(line, " = "); ok && !strings.HasPrefix(line, "#") {
			out[k] = v
		}
	}
	return out, sc.Err()
}

// readPort is the port recorded in pgcluster.conf, 0 when none.
func readPort(dir string) int {
	conf, _ := readConf(dir)
	p, _ := strconv.Atoi(conf["port"])
	return p
}

// URL is the connection URL of a database of the cluster.
func (c *Cluster) URL(database string) string {
	u := url.URL{Scheme: "postgres", User: url.User("postgres"), Host: net.JoinHostPort("127.0.0.1", strconv.Itoa(c.Port)), Path: "/" + database, RawQuery: "sslmode=disable"}
	return u.String()
}

// LogTail returns the last n lines of the server log, for error messages.
func (c *Cluster) LogTail(n int) string {
	data, _ := os.ReadFile(filepath.Join(c.Dir, logFile))
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// Running reports whether a postmaster serves the data directory (started
// here or by another process).
func (c *Cluster) Running() bool { return c.serverPID() != 0 }

// serverPID is the pid of the running postmaster, 0 when none: a clean
// shutdown removes postmaster.pid, a crash leaves it with a dead pid.
func (c *Cluster) serverPID() int {
	pid, _ := c.postmasterPID()
	if pid > 0 && alive(pid) {
		return pid
	}
	return 0
}

// postmasterPID reads postmaster.pid: the pid (first line) and port
// (fourth line).
func (c *Cluster) postmasterPID() (pid, port int) {
	data, err := os.ReadFile(filepath.Join(c.Dir, pidFile))
	if err != nil {
		return 0, 0
	}
	lines := strings.Split(string(data), "\n")
	pid, _ = strconv.Atoi(strings.TrimSpace(lines[0]))
	if len(lines) > 3 {
		port, _ = strconv.Atoi(strings.TrimSpace(lines[3]))
	}
	return pid, port
}

// startAttempts bounds the picks of a new port after a clash.
const startAttempts = 5

// shmemWait bounds the wait, after Kill, for the killed backends to let go
// of the old shared memory block; the kernel tears them down after the
// signal, and PostgreSQL refuses to start while any is attached.
const shmemWait = 10 * time.Second

// Start starts the server and waits until it accepts connections. A server
// already running on the directory (a detached one) is adopted: Port is
// set from it.
func (c *Cluster) Start(ctx context.Context) error {
	if c.serverPID() != 0 {
		_, c.Port = c.postmasterPID()
		return c.waitReady(ctx)
	}
	shmemDeadline := time.Now().Add(shmemWait)
	for attempt := 1; ; attempt++ {
		if c.Port == 0 {
			port, err := freePort()
			if err != nil {
				return err
			}
			c.Port = port
		}
		if err := c.writeConf(); err != nil {
			return err
		}
		err := c.launch(ctx)
		switch {
		case err == nil:
			c.portIsMine = false // keep this port for restarts: clients know it
			return nil
		case errors.Is(err, errPortInUse) && c.portIsMine && attempt < startAttempts:
			c.Port = 0
		case errors.Is(err, errShmemInUse) && time.Now().Before(shmemDeadline):
			time.Sleep(readyPoll)
		default:
			return err
		}
	}
}

// Start failures worth another attempt, recognized in the server log.
var (
	errPortInUse  = errors.New("port in use")
	errShmemInUse = errors.New("shared memory of killed server processes still in use")
)

// freePort asks the kernel for an unused loopback port. Another process may
// take it before the server binds it; Start then picks another.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// launch starts the postmaster and waits for it to accept connections.
func (c *Cluster) launch(ctx context.Context) error {
	logPath := filepath.Join(c.Dir, logFile)
	logOffset := int64(0)
	if fi, err := os.Stat(logPath); err == nil {
		logOffset = fi.Size()
	}
	log, err := os.OpenFile(logPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	defer log.Close() // the child has its own copy
	cmd := exec.Command(c.bin.Postgres, "-D", c.Dir)
	cmd.Stdout, cmd.Stderr = log, log
	cmd.SysProcAttr = processAttr(c.opts.Detached, c.cred)
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("starting %s: %w", c.bin.Postgres, err)
	}
	c.child, c.exited = cmd, make(chan struct{})
	go func(exited chan struct{}) {
		_ = cmd.Wait()
		close(exited)
	}(c.exited)
	if err := c.waitReady(ctx); err != nil {
		c.forgetChildIfExited()
		newLog := readFrom(logPath, logOffset)
		switch {
		case strings.Contains(newLog, "Address already in use"):
			return fmt.Errorf("%w: %d", errPortInUse, c.Port)
		case strings.Contains(newLog, "pre-existing shared memory block"):
			return errShmemInUse
		}
		return fmt.Errorf("PostgreSQL in %s did not start: %w\n%s", c.Dir, err, strings.TrimSpace(newLog))
	}
	return nil
}

func readFrom(path string, offset int64) string {
	data, _ := os.ReadFile(path)
	if int64(len(data)) < offset {
		return string(data)
	}
	return string(data[offset:])
}

// forgetChildIfExited drops the child after it has been reaped.
func (c *Cluster) forgetChildIfExited() {
	if c.child == nil {
		return
	}
	select {
	case <-c.exited:
		c.child = nil
	default:
	}
}

// readyPoll is the interval between connection attempts while waiting.
const readyPoll = 50 * time.Millisecond

// waitReady connects until the server answers, its process exits, or ctx
// ends.
func (c *Cluster) waitReady(ctx context.Context) error {
	var exited <-chan struct{}
	if c.child != nil {
		exited = c.exited
	}
	var last error
	for {
		// An attempt ends early when the server exits: the port may belong to
		// another program that accepts and never answers.
		cctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		go func() {
			select {
			case <-exited:
				cancel()
			case <-cctx.Done():
			}
		}()
		conn, err := pgx.Connect(cctx, c.URL("postgres"))
		if err == nil {
			err = conn.Ping(cctx)
			conn.Close(cctx)
		}
		cancel()
		if err == nil {
			return nil
		}
		last = err
		select {
		case <-exited:
			return errors.New("the server exited")
		case <-ctx.Done():
			return fmt.Errorf("%w (last connection error: %v)", ctx.Err(), last)
		case <-time.After(readyPoll):
		}
	}
}

// Stop shuts the server down (fast shutdown: open transactions are rolled
// back, connections closed) and waits for it to exit; if ctx ends first the
// server is killed. Stopping a stopped cluster does nothing.
func (c *Cluster) Stop(ctx context.Context) error {
	pid := c.serverPID()
	if pid == 0 {
		c.forgetChildIfExited()
		return nil
	}
	if err := signalProcess(pid, syscall.SIGINT); err != nil {
		return err
	}
	if err := c.waitExit(ctx, pid); err != nil {
		_ = signalGroup(pid, syscall.SIGKILL)
		_ = c.waitExit(context.Background(), pid)
		return fmt.Errorf("PostgreSQL in %s did not shut down in time; killed it: %w", c.Dir, err)
	}
	return nil
}

// Restart stops and starts the server on the same port.
func (c *Cluster) Restart(ctx context.Context) error {
	if err := c.Stop(ctx); err != nil {
		return err
	}
	return c.Start(ctx)
}

// Kill sends SIGKILL to the postmaster and its backends at once (a crash)
// and waits for the postmaster to be gone. The next Start runs crash
// recovery, waiting first for the killed backends to release the shared
// memory.
func (c *Cluster) Kill() error {
	pid := c.serverPID()
	if pid == 0 {
		return errors.New("PostgreSQL is not running in " + c.Dir)
	}
	if err := signalGroup(pid, syscall.SIGKILL); err != nil {
		return err
	}
	return c.waitExit(context.Background(), pid)
}

// exitPoll is the interval of checks for a process that is not our child.
const exitPoll = 20 * time.Millisecond

// waitExit waits until the postmaster pid is gone and, when it was started
// by this value, reaped. For another process's server, a removed
// postmaster.pid also counts (its exit may leave a zombie nobody reaps).
func (c *Cluster) waitExit(ctx context.Context, pid int) error {
	if c.child != nil && c.child.Process.Pid == pid {
		select {
		case <-c.exited:
			c.child = nil
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	for c.serverPID() == pid {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(exitPoll):
		}
	}
	return nil
}

// Remove stops the server and deletes the data directory.
func (c *Cluster) Remove(ctx context.Context) error {
	if err := c.Stop(ctx); err != nil {
		return err
	}
	return os.RemoveAll(c.Dir)
}
