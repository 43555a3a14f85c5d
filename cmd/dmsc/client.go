package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/edfi-dmsc/dmsc/runtime/auth"
	"github.com/jackc/pgx/v5"
)

// cmsDatabaseFlags select the PostgreSQL database whose cms schema holds
// API clients and signing keys.
type cmsDatabaseFlags struct {
	ConnectionString string `short:"c" required:"" env:"DMSC_CONNECTION_STRING" placeholder:"DSN" help:"PostgreSQL connection string of a provisioned database (dmsc ddl provision creates its cms schema)."`
}

func (f cmsDatabaseFlags) connect(ctx context.Context) (*pgx.Conn, error) {
	conn, err := pgx.Connect(ctx, f.ConnectionString)
	if err != nil {
		return nil, fmt.Errorf("connecting to the database: %w", err)
	}
	return conn, nil
}

// withConn runs fn on a connection to the database.
func (f cmsDatabaseFlags) withConn(fn func(ctx context.Context, conn *pgx.Conn) error) error {
	ctx := context.Background()
	conn, err := f.connect(ctx)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	return fn(ctx, conn)
}

type clientCmd struct {
	Create       clientCreateCmd       `cmd:"" help:"Create an API client; prints its id and secret (the secret is shown only once)."`
	List         clientListCmd         `cmd:"" help:"List API clients (never their secrets)."`
	Delete       clientDeleteCmd       `cmd:"" help:"Delete an API client; tokens already issued to it stay valid until they expire."`
	RotateSecret clientRotateSecretCmd `cmd:"" name:"rotate-secret" help:"Give an API client a new secret; the old one stops working (within a minute on running servers)."`
	Ownership    clientOwnershipCmd    `cmd:"" help:"Show an API client's ownership tokens: the creator token its creates are stamped with and the tokens whose documents it may read, update and delete under OwnershipBased."`
	SetOwnership clientSetOwnershipCmd `cmd:"" name:"set-ownership" help:"Replace an API client's creator token and ownership tokens, all at once (a refused replacement changes nothing); running servers apply it within a minute, to the access tokens already issued too."`
}

type clientCreateCmd struct {
	cmsDatabaseFlags
	ClaimSet                string   `name:"claim-set" required:"" placeholder:"NAME" help:"Claim set the client's tokens carry (dmsc claims load loads them)."`
	NamespacePrefix         []string `name:"namespace-prefix" placeholder:"P" help:"Namespace prefix for NamespaceBased authorization, e.g. uri://ed-fi.org (repeatable)."`
	EducationOrganizationID []int64  `name:"education-organization-id" placeholder:"N" help:"Education organization id the client is associated with (repeatable)."`
	Profile                 []string `name:"profile" placeholder:"NAME" help:"Profile assigned to the client (repeatable)."`
	Name                    string   `name:"name" placeholder:"TEXT" help:"Description of the client (vendor, application)."`
	OwnershipToken          string   `name:"ownership-token" placeholder:"new|ID" help:"Ownership token the client stamps the documents it creates with, and may read, update and delete under OwnershipBased: new (a new token) or the id of an existing one, shared with the clients that hold it."`
	ReadOwnershipToken      []int16  `name:"read-ownership-token" placeholder:"ID" help:"Another ownership token whose documents the client may read, update and delete under OwnershipBased (repeatable)."`
	JSON                    bool     `name:"json" help:"Print exactly {\"client_id\": \"...\", \"client_secret\": \"...\"}."`
}

func (c *clientCreateCmd) Run(e *env) error {
	return c.withConn(func(ctx context.Context, conn *pgx.Conn) error {
		nc := auth.NewClient{
			Name:                     c.Name,
			ClaimSetName:             c.ClaimSet,
			NamespacePrefixes:        c.NamespacePrefix,
			EducationOrganizationIDs: c.EducationOrganizationID,
			Profiles:                 c.Profile,
			OwnershipTokenIDs:        c.ReadOwnershipToken,
		}
		var client auth.Client
		var secret string
		// One transaction: a new token is not left behind by a client that
		// could not be stored.
		err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			creator, err := c.creatorToken(ctx, tx)
			if err != nil {
				return err
			}
			if creator != nil {
				nc.CreatorOwnershipTokenID = creator
				nc.OwnershipTokenIDs = append(nc.OwnershipTokenIDs, *creator)
			}
			client, secret, err = auth.CreateClient(ctx, tx, nc)
			return err
		})
		if err != nil {
			return err
		}
		return printCredentials(e, client.ID, secret, c.JSON)
	})
}

// creatorToken is the token --ownership-token names: nil without it, a new
// catalog token (described by the client's name) for "new".
func (c *clientCreateCmd) creatorToken(ctx context.Context, db auth.DB) (*int16, error) {
	switch c.OwnershipToken {
	case "":
		return nil, nil
	case "new":
		description := c.Name
		if strings.TrimSpace(description) == "" {
			description = "client with claim set " + c.ClaimSet
		}
		if r := []rune(description); len(r) > auth.OwnershipDescriptionMax {
			description = string(r[:auth.OwnershipDescriptionMax])
		}
		id, err := auth.CreateOwnershipToken(ctx, db, description)
		return &id, err
	}
	id, err := parseTokenID("--ownership-token", c.OwnershipToken, "new")
	return &id, err
}

// listingTimeLayout is how a listing's table prints a time (in UTC).
const listingTimeLayout = "2006-01-02 15:04:05Z"

// printListing prints v as an indented JSON value, or as a table: the
// tab-separated header, then the rows writeRows writes.
func printListing(w io.Writer, asJSON bool, v any, header string, writeRows func(tw io.Writer)) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(v)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, header)
	writeRows(tw)
	return tw.Flush()
}

// printCredentials prints a client id and secret, as JSON or as text.
func printCredentials(e *env, id, secret string, asJSON bool) error {
	if asJSON {
		idJSON, _ := json.Marshal(id)
		secretJSON, _ := json.Marshal(secret)
		_, err := fmt.Fprintf(e.stdout, "{\"client_id\": %s, \"client_secret\": %s}\n", idJSON, secretJSON)
		return err
	}
	_, err := fmt.Fprintf(e.stdout, "client_id:     %s\nclient_secret: %s\nThe secret is not stored and cannot be shown again.\n", id, secret)
	return err
}

type clientListCmd struct {
	cmsDatabaseFlags
	JSON bool `name:"json" help:"Print a JSON array."`
}

func (c *clientListCmd) Run(e *env) error {
	return c.withConn(func(ctx context.Context, conn *pgx.Conn) error {
		clients, err := auth.ListClients(ctx, conn)
		if err != nil {
			return err
		}
		return printListing(e.stdout, c.JSON, clients, "CLIENT ID\tNAME\tCLAIM SET\tNAMESPACE PREFIXES\tEDORG IDS\tPROFILES\tCREATOR TOKEN\tOWNERSHIP TOKENS\tCREATED", func(tw io.Writer) {
			for _, cl := range clients {
				ids := make([]string, len(cl.EducationOrganizationIDs))
				for i, id := range cl.EducationOrganizationIDs {
					ids[i] = fmt.Sprint(id)
				}
				creator := ""
				if cl.CreatorOwnershipTokenID != nil {
					creator = strconv.Itoa(int(*cl.CreatorOwnershipTokenID))
				}
				tokens := make([]string, len(cl.OwnershipTokenIDs))
				for i, t := range cl.OwnershipTokenIDs {
					tokens[i] = strconv.Itoa(int(t))
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", cl.ID, cl.Name, cl.ClaimSetName, strings.Join(cl.NamespacePrefixes, ","),
					strings.Join(ids, ","), strings.Join(cl.Profiles, ","), creator, strings.Join(tokens, ","), cl.CreatedAt.UTC().Format(listingTimeLayout))
			}
		})
	})
}

type clientDeleteCmd struct {
	cmsDatabaseFlags
	ClientID string `arg:"" name:"client-id" help:"Client to delete."`
}

func (c *clientDeleteCmd) Run(e *env) error {
	return c.withConn(func(ctx context.Context, conn *pgx.Conn) error {
		if err := auth.DeleteClient(ctx, conn, c.ClientID); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "deleted client %s\n", c.ClientID)
		return nil
	})
}

type clientRotateSecretCmd struct {
	cmsDatabaseFlags
	ClientID string `arg:"" name:"client-id" help:"Client whose secret is replaced."`
	JSON     bool   `name:"json" help:"Print exactly {\"client_id\": \"...\", \"client_secret\": \"...\"}."`
}

func (c *clientRotateSecretCmd) Run(e *env) error {
	return c.withConn(func(ctx context.Context, conn *pgx.Conn) error {
		secret, err := auth.RotateSecret(ctx, conn, c.ClientID)
		if err != nil {
			return err
		}
		return printCredentials(e, c.ClientID, secret, c.JSON)
	})
}

type keysCmd struct {
	Rotate keysRotateCmd `cmd:"" help:"Make a new token signing key: running servers sign with it within their --key-refresh; older keys keep verifying until the tokens they signed expire."`
}

type keysRotateCmd struct {
	cmsDatabaseFlags
}

func (c *keysRotateCmd) Run(e *env) error {
	return c.withConn(func(ctx context.Context, conn *pgx.Conn) error {
		kid, err := auth.RotateKey(ctx, conn)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "new signing key %s\n", kid)
		return nil
	})
}
