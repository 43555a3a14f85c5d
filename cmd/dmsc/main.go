// Command dmsc is the Ed-Fi data-service compiler: it reads ApiSchema files
// and emits DDL, manifests and generated Go code.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/alecthomas/kong"
)

// Exit codes: 0 success, 1 the command failed (bad input, database
// refusal), 2 the command line itself was wrong.
const (
	exitFailure = 1
	exitUsage   = 2
)

type cli struct {
	Schema         schemaCmd         `cmd:"" help:"Inspect ApiSchema sets."`
	DDL            ddlCmd            `cmd:"" name:"ddl" help:"Emit DDL and manifests."`
	Fixture        fixtureCmd        `cmd:"" help:"Run reference-shaped fixture folders (inputs/, expected/) and compare outputs."`
	Model          modelCmd          `cmd:"" help:"Inspect the derived relational model."`
	DB             dbCmd             `cmd:"" name:"db" help:"Check databases against a schema set."`
	Fake           fakeCmd           `cmd:"" help:"Write valid Ed-Fi documents for a schema set as NDJSON, in load order."`
	Generate       generateCmd       `cmd:"" help:"Generate the Go source of a schema-specific Ed-Fi API server."`
	Load           loadCmd           `cmd:"" help:"Load an NDJSON file of documents through a server's HTTP API, in dependency order."`
	DevDB          devdbCmd          `cmd:"" name:"devdb" help:"Run a private, throw-away PostgreSQL cluster in a directory (for make demo)."`
	Audit          auditCmd          `cmd:"" help:"Audit (and repair) the integrity of a provisioned database."`
	Client         clientCmd         `cmd:"" help:"Manage the API clients of a database (OAuth2 client credentials)."`
	Keys           keysCmd           `cmd:"" help:"Manage the token signing keys of a database."`
	Claims         claimsCmd         `cmd:"" help:"Manage the claim sets and resource-claim hierarchy of a database."`
	OwnershipToken ownershipTokenCmd `cmd:"" name:"ownership-token" help:"Manage the ownership-token catalog of a database (OwnershipBased authorization)."`
}

// env carries the process streams so commands can be tested in-process.
type env struct {
	stdout io.Writer
	stderr io.Writer
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes one dmsc command line and returns the process exit code. All
// errors end as a single "dmsc: error: ..." line on stderr.
func run(args []string, stdout, stderr io.Writer) (code int) {
	var c cli
	exited := false
	parser, err := kong.New(&c,
		kong.Name("dmsc"),
		kong.Description("Compiler for Ed-Fi data services: ApiSchema.json → relational model → DDL, manifests and a generated Go API server."),
		kong.Writers(stdout, stderr),
		kong.Exit(func(c int) { exited = true; code = c }),
		kong.UsageOnError(),
		kong.ConfigureHelp(kong.HelpOptions{Compact: true}),
	)
	if err != nil {
		fmt.Fprintf(stderr, "dmsc: internal error: %v\n", err)
		return exitFailure
	}
	ctx, err := parser.Parse(args)
	if exited {
		return code // --help
	}
	if err != nil {
		fmt.Fprintf(stderr, "dmsc: error: %v\n", err)
		return exitUsage
	}
	if err := ctx.Run(&env{stdout: stdout, stderr: stderr}); err != nil {
		var ue usageError
		fmt.Fprintf(stderr, "dmsc: error: %v\n", err)
		if errors.As(err, &ue) {
			return exitUsage
		}
		return exitFailure
	}
	return 0
}

// usageError marks a flag value that is syntactically fine for kong but
// wrong for the command.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }
