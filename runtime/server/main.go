package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/alecthomas/kong"
	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/schemagate"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Main is the whole main function of a generated server: it reads Config
// from args and the environment, opens the pool, lets register add the
// resources, and serves until SIGINT or SIGTERM. It returns the process exit
// code (0 on clean shutdown or --help, 1 on failure, 2 on a bad command
// line).
//
//	func main() { os.Exit(server.Main(app, os.Args[1:], register)) }
func Main(app App, args []string, register func(*Server)) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// After the first signal a second one ends the process at once instead
	// of waiting for the drain.
	context.AfterFunc(ctx, stop)
	return Start(ctx, app, args, os.Stdout, os.Stderr, register)
}

// Start is Main with the stop signal, help output and log destination
// supplied by the caller; it serves until ctx is cancelled.
// A first argument naming one of app.Commands runs that command instead.
func Start(ctx context.Context, app App, args []string, stdout, stderr io.Writer, register func(*Server)) (code int) {
	description := "Ed-Fi API server for effective schema " + app.Fingerprint.EffectiveSchemaHash + ". OAuth2 client credentials authentication (clients: dmsc client create); listens on loopback by default."
	for _, c := range app.Commands {
		if len(args) > 0 && args[0] == c.Name {
			return c.Run(ctx, args[1:], stdout, stderr)
		}
		description += "\n\nOr: " + filepath.Base(os.Args[0]) + " " + c.Usage
	}
	var cfg Config
	exited := false
	parser, err := kong.New(&cfg,
		kong.Name(filepath.Base(os.Args[0])),
		kong.Description(description),
		kong.Writers(stdout, stderr),
		kong.Exit(func(c int) { exited, code = true, c }),
	)
	if err != nil {
		fmt.Fprintf(stderr, "internal error: %v\n", err)
		return 1
	}
	_, err = parser.Parse(args)
	if exited {
		return code // --help
	}
	if err == nil && strings.TrimSpace(cfg.ConnectionString) == "" {
		err = errors.New("--connection-string (or DMSC_CONNECTION_STRING) must not be empty")
	}
	if err == nil {
		err = errors.Join(cfg.Timeouts.withDefaults().validate(), cfg.Admin.validate(cfg.Listen), checkAuthOff(cfg.AuthFlags, cfg.Listen))
	}
	var connString string
	if err == nil {
		connString, err = withStatementTimeout(cfg.ConnectionString, cfg.StatementTimeout)
	}
	if err != nil {
		fmt.Fprintf(stderr, "error: %v\n", err)
		return 2
	}
	log := NewLogger(stderr, cfg.LogLevel, cfg.LogFormat)
	// Code that logs through the default logger with a request's context
	// (runtime/db, the engine) gets the format and the correlation id too.
	previous := slog.Default()
	slog.SetDefault(log)
	defer slog.SetDefault(previous)

	if app.Check != nil {
		if err := app.Check(); err != nil {
			log.Error("the compiled schema is inconsistent; regenerate the server", "error", err)
			return 1
		}
	}
	pool, err := db.OpenSized(ctx, connString, db.PoolSize{Max: cfg.DBMaxConns, Min: cfg.DBMinConns})
	if err != nil {
		log.Error("cannot open the database pool", "error", err)
		return 1
	}
	defer pool.Close()
	logPool(log, pool)

	var authTasks []func(context.Context)
	if cfg.AuthMode != "off" {
		if cfg.Auth, authTasks, err = newAuth(ctx, cfg.AuthFlags, pool, app.Authorization, log); err != nil {
			log.Error("cannot start authentication", "error", err)
			return 1
		}
	}
	s := New(cfg, app, pool, schemagate.New(pool, app.Fingerprint, log), log)
	for _, task := range authTasks {
		s.Background(task)
	}
	register(s)
	if err := s.Run(ctx); err != nil {
		log.Error("server failed", "error", err)
		return 1
	}
	return 0
}

// logPool states the pool's size and, when the database is on this host and
// the connection string leaves sslmode to its default (prefer), that every
// connection negotiates TLS for nothing: on loopback sslmode=disable gave 9 %
// more POSTs/s.
func logPool(log *slog.Logger, pool *pgxpool.Pool) {
	cfg := pool.Config()
	log.Info("database pool", "maxConns", cfg.MaxConns, "minConns", cfg.MinConns)
	cc := cfg.ConnConfig
	if cc.TLSConfig != nil && !strings.Contains(cfg.ConnString(), "sslmode") && isLoopback(cc.Host) {
		log.Info("the database is on this host and connections negotiate TLS (sslmode defaults to prefer); sslmode=disable in the connection string saves its cost")
	}
}

// isLoopback reports whether host names this machine.
func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
